"""The graph stage's JSON against its schemas: the "analysis" member of a
whole map (docs/schema.json) and the output of chains and compare
(docs/graph-queries.schema.json), on the hand-built maps that
tests/unit/test_query.c writes to $BUILD/tests/graph-*.json; and the
command's chains/compare errors on a map without claims."""
import glob
import json
import os
import subprocess

import jsonschema

from checkutil import ARGMAP, report

BUILD = os.environ.get("BUILD", "build")
MAP = json.load(open("docs/schema.json"))
QUERIES = json.load(open("docs/graph-queries.schema.json"))


expected = ["graph-analysis.json", "graph-chains.json", "graph-chains-cycle.json",
            "graph-compare-claims.json", "graph-compare-articles.json"]
for name in expected:
    path = os.path.join(BUILD, "tests", name)
    if not os.path.exists(path):
        report("schema " + name, "missing: run the unit tests (test_query) first")
        continue
    doc = json.load(open(path))
    schema = MAP if name == "graph-analysis.json" else QUERIES
    try:
        jsonschema.validate(doc, schema)
        report("schema " + name)
    except jsonschema.ValidationError as e:
        report("schema " + name, "%s at %s" % (e.message, list(e.absolute_path)))

# the analysis of the hand-built map has claims, chains and a cycle
path = os.path.join(BUILD, "tests", "graph-analysis.json")
a = json.load(open(path))["analysis"] if os.path.exists(path) else None
if a is None:
    report("analysis content", "missing " + path)
elif not a["claims"] or not a["cycles"]:
    report("analysis content", "no claims or no cycles")
elif [c["unit"] for c in a["claims"]] != sorted((c["unit"] for c in a["claims"]),
                                               key=lambda u: int(u[1:])):
    report("analysis content", "claims not in unit order")
else:
    report("analysis content")

# a sample without claims: chains fails cleanly, compare prints no pairs
run = subprocess.run(ARGMAP + ["chains", "-q", "--json", "data/articles/negotiations.txt"],
                     capture_output=True)
try:
    jsonschema.validate(json.loads(run.stdout), QUERIES)
    report("chains on the sample", None if run.returncode == 0 else "exit %d" % run.returncode)
except (ValueError, jsonschema.ValidationError) as e:
    report("chains on the sample", "exit %d: %s" % (run.returncode, e))
run = subprocess.run(ARGMAP + ["compare", "-q", "--json", "data/articles/negotiations.txt",
                               "data/fixtures/article.md"], capture_output=True)
try:
    out = json.loads(run.stdout)
    jsonschema.validate(out, QUERIES)
    report("compare without claims" if run.returncode == 0 and out["pairs"] == []
           else "compare without claims", None if run.returncode == 0 else "exit %d"
           % run.returncode)
except (ValueError, jsonschema.ValidationError) as e:
    report("compare without claims", str(e))
