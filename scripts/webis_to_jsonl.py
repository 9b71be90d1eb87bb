#!/usr/bin/env python3
"""Convert the Webis-Editorials-16 subset (ADU types) into the JSON Lines
that `argmap train evidence` reads: one editorial a line, its text (title,
then paragraphs separated by blank lines), its units (every labelled
segment except no-unit and title) and each unit's class ("ev":
assumption, anecdote, testimony, statistics, common-ground, other).

usage: webis_to_jsonl.py [CORPUS] > out.jsonl
CORPUS defaults to ../shared/corpora (relative to the repository root).
The output is for evaluation on this machine only: the editorials belong to
their publishers and are never copied into the repository.
"""
import glob
import json
import os
import re
import sys

CLASSES = {"assumption", "anecdote", "testimony", "statistics", "common-ground", "other"}


def join(segments):
    out = ""
    for s in segments:
        s = s.strip()
        if not s:
            continue
        if out and not re.match(r"[.,;:!?)\]]", s):
            out += " "
        out += s
    return out


def convert(path):
    d = json.load(open(path, encoding="utf-8"))
    paras, units, ev = [], [], []
    for p in d["paragraphs"]:
        texts = []
        for seg in p:
            t = re.sub(r"\s+", " ", seg["text"]).strip()
            if not t:
                continue
            texts.append(t)
            if seg["label"] in CLASSES:
                units.append(t)
                ev.append(seg["label"])
        if texts:
            paras.append(join(texts))
    name = os.path.basename(os.path.dirname(path)) + "/" + os.path.splitext(os.path.basename(path))[0]
    return {"id": name, "text": "\n\n".join(paras) + "\n", "units": units, "ev": ev}


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora"
    files = sorted(glob.glob(os.path.join(corpus, "webis-editorials-16-subset", "data-source",
                                          "*", "*.json")))
    if not files:
        print("skipped: corpus not found at %s" % corpus, file=sys.stderr)
        return 0
    for f in files:
        doc = convert(f)
        if doc["units"]:
            print(json.dumps(doc, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
