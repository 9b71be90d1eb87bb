"""The input options every command shares (engine/cli/input.c): a command
takes an input option exactly when its --help lists it, and a bad value gets
the same message and exit code 2 from every command that takes it."""
import re
import subprocess

from checkutil import ARGMAP, report, finish

COMMANDS = ["analyze", "batch", "chains", "compare", "convert", "render", "report"]
ARTICLE = "data/articles/negotiations.txt"

# option -> (a good value or None for a flag, a bad value, the message for it)
OPTIONS = {
    "--format": ("text", "pdf", "unknown format 'pdf' (use text, markdown, html or auto)"),
    "--from": ("json", "pdf", "-t: unknown input type 'pdf' (aif, microtext, json, text, "
               "markdown, html or auto)"),
    "--max-bytes": ("1K", "12Q", "--max-bytes: '12Q' is not a byte count"),
    "--max-units": ("5", "0", "--max-units: '0' is not a positive count"),
    "--max-nodes": ("5", None, None),  # render's own --max-nodes differs; see below
    "--max-depth": ("5", "1001", "--max-depth: '1001' is not a count from 1 to 1000"),
    "--replace-invalid": (None, None, None),
    "--models": ("models", None, None),
    "--quiet": (None, None, None),
}


def run(args):
    return subprocess.run(ARGMAP + args, capture_output=True, stdin=subprocess.DEVNULL,
                          timeout=60)


for cmd in COMMANDS:
    h = run([cmd, "--help"])
    if h.returncode != 0:
        report(cmd + "-help", "exit %d" % h.returncode)
        continue
    listed = set(re.findall(r"--[a-z][a-z-]*", h.stdout.decode()))
    for opt, (good, bad, msg) in OPTIONS.items():
        # getopt stops at --help after the option: exit 0 when the option
        # was taken, 2 (unknown option) when it was not
        args = [cmd, opt] + ([good] if good is not None else []) + ["--help"]
        r = run(args)
        takes = r.returncode == 0
        unknown = r.returncode == 2 and b"unknown or incomplete option '" + opt.encode() in r.stderr
        name = "%s-%s" % (cmd, opt[2:])
        if opt in listed and not takes:
            report(name + "-taken", "--help lists %s but it is refused: %r" % (opt, r.stderr))
            continue
        if opt not in listed and not unknown:
            report(name + "-refused", "--help does not list %s but it gives exit %d: %r"
                   % (opt, r.returncode, r.stderr))
            continue
        report(name + ("-taken" if takes else "-refused"))
        if takes and bad is not None:
            r = run([cmd, opt, bad, ARTICLE])
            want = ("argmap: %s: %s\n" % (cmd, msg)).encode()
            if r.returncode != 2 or r.stderr != want:
                report(name + "-bad-value", "exit %d, stderr %r, expected 2 and %r"
                       % (r.returncode, r.stderr, want))
            else:
                report(name + "-bad-value")
    # a missing value is reported as an incomplete option by every command
    r = run([cmd, ARTICLE, "--models"])
    want = ("argmap: %s: unknown or incomplete option '--models' (see 'argmap %s --help')\n"
            % (cmd, cmd)).encode()
    if r.returncode != 2 or r.stderr != want:
        report(cmd + "-models-no-value", "exit %d, stderr %r" % (r.returncode, r.stderr))
    else:
        report(cmd + "-models-no-value")

# --max-nodes is convert's import limit through the shared parser, render's
# drawing limit through its own: both refuse 0, each in its own words
for cmd, want in (("convert", "--max-nodes: '0' is not a positive count"),
                  ("render", "--max-nodes: '0' is not a number from 1 to 2147483647")):
    r = run([cmd, "--max-nodes", "0", ARTICLE])
    full = ("argmap: %s: %s\n" % (cmd, want)).encode()
    if r.returncode != 2 or r.stderr != full:
        report(cmd + "-max-nodes-zero", "exit %d, stderr %r" % (r.returncode, r.stderr))
    else:
        report(cmd + "-max-nodes-zero")

finish()
