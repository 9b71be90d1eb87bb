"""Output of `argmap analyze` against docs/schema.json, and offsets that slice
back to exactly the text they claim, for the sample article and the
fixtures in every input format."""
import json
import subprocess

import jsonschema

from checkutil import ARGMAP, report, finish

SCHEMA = json.load(open("docs/schema.json"))
INPUTS = ["data/articles/negotiations.txt", "data/fixtures/article.md",
          "data/fixtures/article.html", "data/fixtures/crlf-bom.txt",
          "data/fixtures/empty.txt"]


def spans(doc):
    """Every object with start/end/text in the output, with where it is."""
    stack = [("$", doc)]
    while stack:
        path, v = stack.pop()
        if isinstance(v, dict):
            if {"start", "end", "text"} <= v.keys():
                yield path, v
            for k, x in v.items():
                stack.append((path + "." + k, x))
        elif isinstance(v, list):
            for i, x in enumerate(v):
                stack.append(("%s[%d]" % (path, i), x))


for path in INPUTS:
    run = subprocess.run(ARGMAP + ["analyze", "-q", path], capture_output=True)
    if run.returncode != 0:
        report("analyze " + path, "exit %d: %s" % (run.returncode, run.stderr.decode()))
        continue
    try:
        doc = json.loads(run.stdout)
    except ValueError as e:
        report("json " + path, str(e))
        continue
    try:
        jsonschema.validate(doc, SCHEMA)
        report("schema " + path)
    except jsonschema.ValidationError as e:
        report("schema " + path, "%s at %s" % (e.message, list(e.absolute_path)))
    src = open(path, "rb").read()
    bad = []
    fmt = doc["document"]["format"]
    for where, s in spans(doc):
        raw = src[s["start"]:s["end"]].decode("utf-8", "replace")
        if fmt == "text" and raw != s["text"]:
            bad.append("%s: %r != %r" % (where, raw, s["text"]))
        if s["start"] > s["end"] or s["end"] > len(src):
            bad.append("%s: span %d-%d outside the input" % (where, s["start"], s["end"]))
    report("offsets " + path, "; ".join(bad[:3]) if bad else None)

# The sample article: its title and paragraph count.
out = json.loads(subprocess.run(ARGMAP + ["analyze", "-q", INPUTS[0]], capture_output=True).stdout)
title = out["document"]["title"]
report("sample title", None if title and title["text"] ==
       "Are negotiations between Russia and Ukraine possible?" else repr(title))
report("sample paragraphs", None if len(out["document"]["paragraphs"]) == 37
       else "%d paragraphs" % len(out["document"]["paragraphs"]))

# Determinism: two runs, byte-identical; compact is the same data in one line.
a = subprocess.run(ARGMAP + ["analyze", "-q", INPUTS[0]], capture_output=True).stdout
b = subprocess.run(ARGMAP + ["analyze", "-q", INPUTS[0]], capture_output=True).stdout
report("deterministic", None if a == b else "two runs differ")
c = subprocess.run(ARGMAP + ["analyze", "-q", "--compact", INPUTS[0]], capture_output=True).stdout
report("compact is one line", None if c.count(b"\n") == 1 and json.loads(c) == json.loads(a)
       else "compact output differs or spans lines")

# JSON Lines: several inputs, one valid line each, failures as records.
jl = subprocess.run(ARGMAP + ["analyze", "-q", INPUTS[0], "no/such/file.txt", INPUTS[1]],
                    capture_output=True)
lines = jl.stdout.decode().splitlines()
ok = jl.returncode == 3 and len(lines) == 3
if ok:
    recs = [json.loads(l) for l in lines]
    ok = (recs[1].get("error", {}).get("code") == "EIO" and recs[1]["name"] == "no/such/file.txt"
          and recs[0]["document"]["name"] == INPUTS[0] and recs[2]["document"]["format"] == "markdown")
    for r in (recs[0], recs[2]):
        jsonschema.validate(r, SCHEMA)
report("json lines with an error record", None if ok else "exit %d, %r" % (jl.returncode, lines[:3]))
finish()
