"""Determinism: every output, run twice, is the same bytes; and batch gives
the same bytes with --jobs 1 and --jobs 2 (also with --full, and on stdin
records). Inputs: every fixture under data/ and tests/ that the command
reads (articles, AIF, microtext, argmap JSON made from them), never corpus
texts."""
import glob
import os
import subprocess
import tempfile

from checkutil import ARGMAP, report

MODELS = ["--models", "models"]
TMP = tempfile.mkdtemp(prefix="argmap-det-")


def run(args, stdin=b""):
    p = subprocess.run(ARGMAP + args, input=stdin, capture_output=True, timeout=600)
    return p.returncode, p.stdout, p.stderr


def twice(name, args, stdin=b"", want_ok=True):
    """Run args twice; the exit code, stdout and stderr must agree."""
    a = run(args, stdin)
    b = run(args, stdin)
    if want_ok and a[0] != 0:
        report(name, "exit %d: %s" % (a[0], a[2][:200]))
    elif a != b:
        report(name, "two runs differ (exit %d/%d, %d/%d bytes)" % (a[0], b[0], len(a[1]), len(b[1])))
    else:
        report(name)
    return a[1]


articles = sorted(glob.glob("data/articles/*") + [
    f for f in glob.glob("data/fixtures/*") if os.path.isfile(f) and
    os.path.splitext(f)[1] in (".txt", ".md", ".html", ".bin")])
maps = sorted(glob.glob("data/fixtures/aif/*.json") + glob.glob("data/fixtures/microtext/*.xml") +
              glob.glob("tests/fuzz/seeds/json/*.json"))

# analyze: pretty, compact, summary; every article fixture (some fail: the
# error must be the same too).
for f in articles:
    ok = not f.endswith((".bin", "invalid-utf8.txt"))
    twice("analyze " + f, ["analyze", "-q"] + MODELS + [f], want_ok=ok)
    twice("analyze --compact --replace-invalid " + f,
          ["analyze", "-q", "--compact", "--replace-invalid"] + MODELS + [f], want_ok=ok and
          not f.endswith(".bin"))
    twice("analyze --summary " + f, ["analyze", "-q", "--summary"] + MODELS + [f], want_ok=ok)
# Several inputs give JSON Lines in input order.
twice("analyze, all articles as JSON Lines", ["analyze", "-q"] + MODELS + articles, want_ok=False)

# convert: every map fixture and every article to every output format.
for f in maps + [a for a in articles if a.endswith((".txt", ".md", ".html")) and
                 "invalid" not in a]:
    for fmt in ("json", "aif", "argdown", "graphml"):
        twice("convert -f %s %s" % (fmt, f), ["convert", "-q", "-f", fmt] + MODELS + [f])
    # JSON -> JSON again: the same map, the same bytes. (A Markdown or
    # HTML article's JSON comes back as a text document, its offsets
    # counted in the text - docs/interchange.md - so there the second trip
    # must give the bytes of the first.)
    code, out, err = run(["convert", "-q", "-f", "json"] + MODELS + [f])
    trips = [out]
    for k in range(2):
        path = os.path.join(TMP, "%s.%d.json" % (os.path.basename(f), k))
        with open(path, "wb") as fh:
            fh.write(trips[-1])
        trips.append(run(["convert", "-q", "-t", "json", "-f", "json", path])[1])
    exact = not f.endswith((".md", ".html"))
    same = trips[0] == trips[1] if exact else trips[1] == trips[2]
    report("convert json round trip " + f, None if same and trips[1] else
           "different bytes after a round trip")

# chains and compare.
for f in articles[:1] + [a for a in articles if a.endswith((".md", ".html"))]:
    twice("chains " + f, ["chains"] + MODELS + [f])
    twice("chains --json " + f, ["chains", "--json"] + MODELS + [f])
if len(articles) >= 2:
    a, b = articles[0], [x for x in articles if x.endswith(".html")][0]
    twice("compare articles", ["compare"] + MODELS + [a, b])
    twice("compare articles --json", ["compare", "--json"] + MODELS + [a, b])

# batch: --jobs 1 and --jobs 2, with and without --full; and stdin records.
inputs = ["data/articles", "data/fixtures"]
for extra in ([], ["--full"]):
    outs = []
    for j in ("1", "2", "2"):
        code, out, err = run(["batch", "-q", "--jobs", j] + extra + MODELS + inputs)
        outs.append(out)
    name = "batch %s--jobs 1 = --jobs 2 (twice)" % (" ".join(extra) + " " if extra else "")
    report(name, None if outs[0] == outs[1] == outs[2] and outs[0] else "outputs differ")
records = b"".join(b'{"id":"r%d","text":"Title %d\\n\\nThe city should ban cars, because the air '
                   b'is bad. \\"Yes,\\" said Ann Lee on May %d, 2020."}\n' % (i, i, 1 + i % 28)
                   for i in range(40))
outs = [run(["batch", "-q", "--full", "--jobs", j] + MODELS + ["-"], records)[1] for j in "122"]
report("batch stdin --jobs 1 = --jobs 2", None if outs[0] == outs[1] == outs[2] and outs[0] else
       "outputs differ")
# aggregate of the batch output: the same report.
res = os.path.join(TMP, "results.jsonl")
with open(res, "wb") as fh:
    fh.write(outs[0])
twice("aggregate", ["aggregate", res])
twice("aggregate --json", ["aggregate", "--json", res])
