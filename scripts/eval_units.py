#!/usr/bin/env python3
"""Argumentative units against gold unit boundaries.

    python3 scripts/eval_units.py [CORPORA]     (default ../shared/corpora)

Gold: the EDU starts of the arg-microtexts (part 1, English), and the unit
starts of Webis-Editorials-16 (Al Jazeera and Fox News; "no-unit" fillers
skipped, but a connective that Webis cuts out as "no-unit" right before a
unit counts as that unit's start, since argmap keeps the marker with its
unit). Only boundaries inside a sentence count (a gold start that is a
sentence start of argmap's own splitter, or a paragraph start, is left out
of both sides): this measures the clause splits at discourse markers, not
the sentence splitter. A predicted start matches a gold start within 2
bytes (a comma or space moved from one side to the other). Prints
precision, recall and F1 of these inner boundaries.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARGMAP = os.path.join(ROOT, "build", "argmap")


def analyze(path):
    r = subprocess.run([ARGMAP, "analyze", "-q", "--compact", "--models",
                        os.path.join(ROOT, "models"), "-f", "text", path],
                       capture_output=True, text=True)
    if r.returncode:
        sys.exit("argmap failed on %s: %s" % (path, r.stderr))
    return json.loads(r.stdout)


def to_bytes(text, offs):
    return {len(text[:o].encode("utf-8")) for o in offs}


def microtexts(corpora):
    for fn in sorted(glob.glob(os.path.join(corpora, "microtexts", "part1", "corpus", "en",
                                            "*.xml"))):
        txt = open(fn[:-4] + ".txt", encoding="utf-8").read()
        edus = re.findall(r"<edu[^>]*><!\[CDATA\[(.*?)\]\]></edu>",
                          open(fn, encoding="utf-8").read(), re.S)
        starts, pos = [], 0
        for e in edus:
            k = txt.find(e, pos)
            if k < 0:
                break
            starts.append(k)
            pos = k + len(e)
        yield txt, to_bytes(txt, starts)


def webis(corpora):
    for fn in sorted(glob.glob(os.path.join(corpora, "webis-editorials-16-subset",
                                            "data-source", "*", "*.json"))):
        if "/guardian/" in fn:
            continue
        doc = json.load(open(fn, encoding="utf-8"))
        text, starts = "", []
        for pi, para in enumerate(doc["paragraphs"]):
            if pi:
                text += "\n\n"
            conn = None  # the start of a connective ("but", "because") just before
            for si, seg in enumerate(para):
                t = seg["text"].strip()
                if not t:
                    continue
                if si and not re.match(r"[.,;:!?)\]]", t):
                    text += " "
                if seg["label"] not in ("no-unit", "title"):
                    starts.append((len(text), conn))
                    conn = None
                elif seg["label"] == "no-unit" and re.search(r"[A-Za-z]", t):
                    conn = len(text)
                else:
                    conn = None
                text += t
        # A unit starts at its own first word or at the connective before it
        # (Webis cuts connectives out as "no-unit"; argmap keeps them with the
        # unit they open): the gold boundary is the connective's start if any.
        yield text, to_bytes(text, [c if c is not None else u for u, c in starts])


def main():
    corpora = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "corpora")
    if not os.path.exists(ARGMAP):
        sys.exit("build/argmap not found: run make build first")
    if not os.path.isdir(corpora):
        print("skipped: corpus not found at %s" % corpora)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for name, gen in (("microtexts part1 (en) EDUs", microtexts),
                          ("webis-editorials-16 units", webis)):
            tp = fp = fn = 0
            n = 0
            for text, gold in gen(corpora):
                p = os.path.join(tmp, "t.txt")
                with open(p, "w", encoding="utf-8") as f:
                    f.write(text)
                out = analyze(p)
                n += 1
                outer = {s["start"] for s in out["sentences"]}
                pred = {u["start"] for u in out["units"]} - outer
                near = lambda x, xs: any(abs(x - y) <= 2 for y in xs)
                g = {x for x in gold if not near(x, outer)}
                tp += sum(1 for x in pred if near(x, g))
                fp += sum(1 for x in pred if not near(x, g))
                fn += sum(1 for x in g if not near(x, pred))
            if not n:
                print("skipped: %s not found under %s" % (name, corpora))
                continue
            prec = tp / (tp + fp) if tp + fp else 0.0
            rec = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            print("%s: %d texts, boundaries inside sentences: gold %d, predicted %d" %
                  (name, n, tp + fn, tp + fp))
            print("  P %.3f  R %.3f  F1 %.3f" % (prec, rec, f1))


if __name__ == "__main__":
    main()
