"""Drawings and reports checked beyond a diff: the SVG parses as XML, the
report's inline SVG too, every unit span of the report has its node, the
page fetches nothing, article HTML stays text, and `argmap render` gives
XML, JSON and the same DOT twice. The hand-built maps' drawings come from
the unit tests (tests/unit/test_render.c writes them to
$BUILD/tests/artifacts/), which tests/run.sh runs first."""
import glob
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from checkutil import ARGMAP, report

BUILD = os.environ.get("BUILD", "build")
ART = os.path.join(BUILD, "tests", "artifacts")
SAMPLE = "data/articles/negotiations.txt"


class Page(HTMLParser):
    """Tags, ids, data-unit targets and outside references of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.ids, self.units, self.outside = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if "data-unit" in a and "u" in (a.get("class") or "").split():
            self.units.append(a["data-unit"])
        for k in ("src", "href", "xlink:href"):
            v = a.get(k) or ""
            if re.match(r"^(https?:)?//", v):
                self.outside.append(v)


def run(args):
    return subprocess.run(ARGMAP + args, capture_output=True)


def check_svg_files():
    files = sorted(glob.glob(os.path.join(ART, "*.svg")))
    if not files:
        report("render-svg-artifacts", "none in %s (the unit tests write them)" % ART)
    for f in files:
        try:
            root = ET.parse(f).getroot()
            ok = root.tag.endswith("svg")
            report("render-svg-xml %s" % os.path.basename(f),
                   None if ok else "root is %s" % root.tag)
        except ET.ParseError as e:
            report("render-svg-xml %s" % os.path.basename(f), str(e))


def check_report(name, expect_text=None):
    path = os.path.join(ART, name)
    if not os.path.exists(path):
        report("report %s" % name, "missing (the unit tests write it)")
        return
    html = open(path, encoding="utf-8").read()
    m = re.search(r"<svg.*?</svg>", html, re.S)
    if not m:
        report("report-inline-svg %s" % name, "no <svg> element")
        return
    try:
        svg = ET.fromstring(m.group(0))
        report("report-inline-svg-xml %s" % name)
    except ET.ParseError as e:
        report("report-inline-svg-xml %s" % name, str(e))
        return
    node_ids = {g.get("id") for g in svg.iter() if (g.get("class") or "").startswith("node")}
    p = Page()
    p.feed(html)
    missing = [u for u in p.units if u not in node_ids]
    report("report-units-have-nodes %s" % name,
           None if p.units and not missing else "units %s without a node (of %d)" % (missing, len(p.units)))
    report("report-fetches-nothing %s" % name,
           None if not p.outside else "outside references %s" % p.outside)
    scripts = p.tags.count("script")
    report("report-one-script %s" % name,
           None if scripts == 1 else "%d <script> elements" % scripts)
    if expect_text:
        report("report-article-html-is-text %s" % name,
               None if expect_text in html else "%r not found escaped" % expect_text)


def check_cli():
    r = run(["render", SAMPLE, "-T", "svg"])
    if r.returncode:
        report("render-cli-svg", "exit %d: %s" % (r.returncode, r.stderr.decode()))
    else:
        try:
            ET.fromstring(r.stdout)
            report("render-cli-svg")
        except ET.ParseError as e:
            report("render-cli-svg", str(e))
    r = run(["render", SAMPLE, "-T", "json"])
    try:
        d = json.loads(r.stdout)
        report("render-cli-json", None if d.get("name") == "argmap" else "name %r" % d.get("name"))
    except ValueError as e:
        report("render-cli-json", "exit %d: %s" % (r.returncode, e))
    a, b = run(["render", SAMPLE, "-T", "dot"]), run(["render", SAMPLE, "-T", "dot"])
    report("render-cli-dot-deterministic",
           None if a.returncode == 0 and a.stdout == b.stdout else "differs or failed")


check_svg_files()
check_report("report.html")
check_report("escape-report.html", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
check_cli()
