"""Every part-1 text of the argumentative microtext corpus imports, with the
units, relations and central claim its XML gives and the totals that
../shared/corpora/microtexts/SOURCE.md reports (576 ADUs; 263 sup, 9 exa,
108 reb, 63 und, 21 add edges), and the imported text is the corpus's .txt.

usage: check_microtext_corpus.py [CORPORA]   (default ../shared/corpora,
relative to the repository root). Without the corpus it prints a skip line
and passes nothing."""
import glob
import json
import os
import subprocess
import sys

from checkutil import ARGMAP, report, finish
import xml.etree.ElementTree as ET

CORPORA = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "corpora")
DIR = os.path.join(CORPORA, "microtexts", "part1", "corpus", "en")
files = sorted(glob.glob(os.path.join(DIR, "micro_*.xml")))
if not files:
    print("skip microtext corpus: corpus not found at %s" % DIR)
    sys.exit(0)


def expected(path):
    """What the XML says, worked out here without argmap: ADUs, and each
    argumentative edge resolved to (source ADU, type, target ADU or edge)."""
    root = ET.parse(path).getroot()
    adus = [a.get("id") for a in root.findall("adu")]
    edges = {e.get("id"): e for e in root.findall("edge") if e.get("type") != "seg"}
    counts = {t: 0 for t in ("sup", "exa", "reb", "und", "add")}
    for e in edges.values():
        counts[e.get("type")] += 1

    def kind(e):
        t = e.get("type")
        if t == "add":
            return kind(edges[e.get("trg")])
        return {"sup": "support", "exa": "support", "reb": "attack", "und": "undercut"}[t]

    rels = sorted((e.get("src"), kind(e)) for e in edges.values())
    central = [a for a in adus if not any(e.get("src") == a for e in edges.values())]
    return adus, rels, central, counts


totals = {"texts": 0, "units": 0, "relations": 0}
edge_totals = {t: 0 for t in ("sup", "exa", "reb", "und", "add")}
bad = []
for path in files:
    name = os.path.basename(path)
    adus, rels, central, counts = expected(path)
    run = subprocess.run(ARGMAP + ["convert", "-q", "-f", "json", "--compact", path],
                         capture_output=True)
    if run.returncode != 0:
        bad.append("%s: exit %d: %s" % (name, run.returncode, run.stderr.decode().strip()))
        continue
    m = json.loads(run.stdout)
    ids = {u["id"]: i for i, u in enumerate(m["units"])}
    got = sorted((adus[ids[r["from"]]], r["type"]) for r in m["relations"])
    txt = open(path[:-4] + ".txt", encoding="utf-8").read().strip()
    doc_text = m["document"]["paragraphs"][0]["text"] if m["document"]["paragraphs"] else ""
    major = m["major_claim"]
    if len(m["units"]) != len(adus):
        bad.append("%s: %d units, %d ADUs" % (name, len(m["units"]), len(adus)))
    elif got != rels:
        bad.append("%s: relations %s, want %s" % (name, got, rels))
    elif len(central) != 1 or major is None or adus[ids[major]] != central[0]:
        bad.append("%s: major claim %s, central claim %s" % (name, major, central))
    elif doc_text != txt:
        bad.append("%s: the text differs from the .txt" % name)
    totals["texts"] += 1
    totals["units"] += len(m["units"])
    totals["relations"] += len(m["relations"])
    for t in counts:
        edge_totals[t] += counts[t]

report("microtext corpus: %d files import as their XML says" % len(files),
       "; ".join(bad[:3]) + (" (%d in all)" % len(bad) if len(bad) > 3 else "") if bad else None)
want = {"texts": 112, "units": 576, "relations": 263 + 9 + 108 + 63 + 21}
want_edges = {"sup": 263, "exa": 9, "reb": 108, "und": 63, "add": 21}
report("microtext corpus totals %s" % json.dumps(totals, sort_keys=True),
       None if totals == want and edge_totals == want_edges
       else "want %s and edges %s, got edges %s" % (want, want_edges, edge_totals))
finish()
