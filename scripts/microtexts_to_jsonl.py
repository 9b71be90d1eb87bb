#!/usr/bin/env python3
"""Convert the argumentative microtext corpus (part 1, English) into the
JSON Lines that `argmap train structure` reads: one text a line, with its
gold units (EDUs, in order), the unit each attaches to ("head", -1 for the
central claim) and its function in the simple relation set ("fu": cc, sup,
att).

The reduction follows the evidencegraph code (Peldszus & Stede): sup, exa
and add count as support, reb and und as attack; an undercut (an attack on
an edge) attaches to the source of the attacked edge; a linked premise
(add) attaches to the first premise of the edge it joins.

usage: microtexts_to_jsonl.py [CORPUS] > out.jsonl
CORPUS defaults to ../shared/corpora (relative to the repository root).
"""
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET


def num(x):
    return int(re.sub(r"\D", "", x))


def convert(path):
    root = ET.parse(path).getroot()
    edus = {e.get("id"): e.text.strip() for e in root.findall("edu")}
    edu_ids = sorted(edus, key=num)
    seg = {}   # adu -> edu
    rels = {}  # edge id -> (src adu, trg, type)
    adds = {}  # edge id -> [adu]
    for e in root.findall("edge"):
        t = e.get("type")
        if t == "seg":
            seg[e.get("trg")] = e.get("src")
        elif t == "add":
            adds.setdefault(e.get("trg"), []).append(e.get("src"))
        else:
            rels[e.get("id")] = (e.get("src"), e.get("trg"), t)
    if root.findall("joint") or len(seg) != len(edus):
        raise ValueError("%s: EDUs and ADUs are not one to one" % path)
    index = {edu: i for i, edu in enumerate(edu_ids)}
    unit = {adu: index[edu] for adu, edu in seg.items()}
    n = len(edu_ids)
    head = [None] * n
    fu = [None] * n

    def first_source(edge):
        src, _, _ = rels[edge]
        return min([unit[src]] + [unit[a] for a in adds.get(edge, [])])

    def target_of(trg):
        return unit[trg] if trg in unit else first_source(trg)

    for edge, (src, trg, t) in rels.items():
        first = first_source(edge)
        head[first] = target_of(trg)
        fu[first] = "att" if t in ("reb", "und") else "sup"
        for a in adds.get(edge, []):
            if unit[a] != first:
                head[unit[a]] = first
                fu[unit[a]] = "sup"
        if unit[src] != first:  # the written source joins as a linked premise
            head[unit[src]] = first
            fu[unit[src]] = "sup"
    roots = [i for i in range(n) if head[i] is None]
    if len(roots) != 1:
        raise ValueError("%s: %d central claims" % (path, len(roots)))
    head[roots[0]] = -1
    fu[roots[0]] = "cc"
    txt = os.path.splitext(path)[0] + ".txt"
    text = open(txt, encoding="utf-8").read() if os.path.exists(txt) else " ".join(
        edus[e] for e in edu_ids)
    return {"id": root.get("id"), "text": text, "units": [edus[e] for e in edu_ids],
            "head": head, "fu": fu}


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora"
    files = sorted(glob.glob(os.path.join(corpus, "microtexts", "part1", "corpus", "en",
                                          "micro_*.xml")))
    if not files:
        print("skipped: corpus not found at %s" % corpus, file=sys.stderr)
        return 0
    for f in files:
        print(json.dumps(convert(f), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
