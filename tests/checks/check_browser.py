"""The HTML report in a real browser: headless Chromium (Debian's package)
driven by playwright-core (tests/browser, installed with `npm ci` there).
It opens the report of a hand-built map written by the unit tests, clicks
a node, checks the highlighted text, clicks text, checks the node, and
saves a screenshot to $BUILD/tests/artifacts/report.png.

Where Chromium, node or playwright-core is missing the test is skipped with
a message saying what to install; a skip prints neither "ok" nor "not ok",
so it is not counted as passed."""
import os
import shutil
import subprocess

BUILD = os.environ.get("BUILD", "build")
ART = os.path.join(BUILD, "tests", "artifacts")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
HERE = "tests/browser"


def skip(why):
    print("skipped: browser test: %s" % why)
    raise SystemExit(0)


if not (os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
    skip("no Chromium at %s (apt-get install chromium)" % CHROMIUM)
node = shutil.which("node")
if not node:
    skip("no node (apt-get install nodejs)")
if not os.path.isdir(os.path.join(HERE, "node_modules", "playwright-core")):
    skip("playwright-core not installed (cd %s && npm ci)" % HERE)
page = os.path.join(ART, "report.html")
if not os.path.exists(page):
    print("not ok browser-report: %s is missing (the unit tests write it)" % page)
    raise SystemExit(0)
try:
    r = subprocess.run([node, os.path.join(HERE, "report.mjs"), page,
                        os.path.join(ART, "report.png"),
                        os.path.join(ART, "escape-report.html")],
                       capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, CHROMIUM=CHROMIUM))
except subprocess.TimeoutExpired:
    print("not ok browser-report: the browser did not finish in 120 s")
    raise SystemExit(0)
print(r.stdout, end="")
if r.returncode != 0:
    err = r.stderr.strip().splitlines()
    print("not ok browser-report: node exited %d: %s" % (r.returncode, err[-1] if err else ""))
