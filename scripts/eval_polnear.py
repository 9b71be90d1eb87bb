#!/usr/bin/python3
"""Measure argmap's attributions (quotes stage) against PolNeAR.

    scripts/eval_polnear.py [CORPUS] [--compartment dev] [--argmap build/argmap]
                            [--models models] [--limit N] [--errors N]

CORPUS is the PolNeAR folder (default ../shared/corpora/polnear, relative to
the repository root). The texts are read in place; nothing is copied.

One .ann per article: PolNeAR annotated some articles more than once and
names no preferred annotator, so the rule here is the FIRST annotator listed
for the article in data/metadata.tsv whose .ann file exists.

Every article of the compartment goes through ONE `argmap analyze --compact`
process (JSON Lines out). argmap reports byte offsets; they are turned into
character offsets, which the brat files use. A prediction is a quote of kind
"testimony" (marked or reported speech) that does not lie inside another
testimony's content (a fragment «...» inside "X said that ... «...»" is part
of that attribution, not one of its own); quotations that share one cue and
speaker ("«Q1,» he said. «Q2»") are one attribution with a discontinuous
content. Its source span is the speaker
mention as written (a pronoun stays a pronoun, as in PolNeAR), its cue the
cue, its content the quotation with its marks, or the reported clause.

Printed for source, cue and content spans:
  exact    a predicted span equals a gold span (a discontinuous gold span is
           compared by its extent)
  overlap  a predicted span shares at least one word with a gold span
           (precision over predicted spans, recall over gold spans)
  token    word-level: the words inside predicted spans of that role that
           are inside gold spans of that role, and the reverse
and for whole attributions: exact (source, cue and content all exact) and
overlap (all three overlap one and the same gold attribution; a missing
source matches a missing source).

Standard library only; run with the Debian python3.
"""
import argparse
import json
import os
import re
import subprocess
import sys

WORD = re.compile(r"\w+")


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_metadata(corpus, compartment):
    path = os.path.join(corpus, "data", "metadata.tsv")
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            cols = line.rstrip("\n").split("\t")
            row = dict(zip(header, cols))
            if row.get("compartment") == compartment:
                rows.append(row)
    return rows


TLINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
ELINE = re.compile(r"^(E\d+)\t(.*)$")


def read_ann(path):
    """Attributions of one brat file: a list of {role: [(start, end), ...]}."""
    spans, events = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = TLINE.match(line)
            if m:
                parts = [tuple(map(int, p.split())) for p in m.group(3).split(";")]
                spans[m.group(1)] = (m.group(2), parts)
                continue
            m = ELINE.match(line)
            if m:
                events.append(dict(a.split(":", 1) for a in m.group(2).split() if ":" in a))
    out = []
    for ev in events:
        att = {}
        for role in ("Source", "Cue", "Content"):
            t = ev.get(role)
            if t in spans:
                att[role.lower()] = spans[t][1]
        if "content" in att or "cue" in att:
            out.append(att)
    return out


def byte_to_char(raw):
    """A function from byte offsets of raw (UTF-8) to character offsets."""
    table = [0] * (len(raw) + 1)
    ci = 0
    i = 0
    n = len(raw)
    while i < n:
        b = raw[i]
        ln = 1 if b < 0x80 else 2 if b >> 5 == 6 else 3 if b >> 4 == 14 else 4 if b >> 3 == 30 else 1
        for k in range(ln):
            if i + k <= n:
                table[i + k] = ci
        i += ln
        ci += 1
    table[n] = ci
    return lambda off: table[min(off, n)]


def words_of(text, parts):
    """Word indexes (by start offset) covered by the spans."""
    out = set()
    for a, b in parts:
        for m in WORD.finditer(text, a, b):
            out.add(m.start())
    return out


def predictions(doc, conv):
    quotes = [q for q in doc.get("quotes", []) if q["kind"] == "testimony"]
    def content_span(q):
        if q["indirect"]:
            return (conv(q["content"]["start"]), conv(q["content"]["end"]))
        return (conv(q["start"]), conv(q["end"]))
    spans = [content_span(q) for q in quotes]
    preds = []
    for i, q in enumerate(quotes):
        a, b = spans[i]
        inside = any(j != i and spans[j][0] <= a and b <= spans[j][1] and
                     (spans[j][1] - spans[j][0]) > (b - a) for j in range(len(quotes)))
        if inside:
            continue
        att = {"content": [(a, b)]}
        if q.get("cue"):
            att["cue"] = [(conv(q["cue"]["start"]), conv(q["cue"]["end"]))]
        if q.get("speaker"):
            att["source"] = [(conv(q["speaker"]["start"]), conv(q["speaker"]["end"]))]
        # A quotation split by its cue ("«Q1,» he said. «Q2»") is one
        # attribution with a discontinuous content, as PolNeAR marks it.
        prev = preds[-1] if preds else None
        if (prev and "cue" in att and "source" in att and prev.get("cue") == att["cue"] and
                prev.get("source") == att["source"]):
            prev["content"].append((a, b))
            continue
        preds.append(att)
    return preds


class Score:
    def __init__(self):
        self.tp_p = self.n_p = self.tp_g = self.n_g = 0

    def add(self, tp_p, n_p, tp_g, n_g):
        self.tp_p += tp_p
        self.n_p += n_p
        self.tp_g += tp_g
        self.n_g += n_g

    def prf(self):
        p = self.tp_p / self.n_p if self.n_p else 0.0
        r = self.tp_g / self.n_g if self.n_g else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def extent(parts):
    return (min(a for a, _ in parts), max(b for _, b in parts))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=None)
    ap.add_argument("--compartment", default="dev")
    ap.add_argument("--argmap", default=None)
    ap.add_argument("--models", default=None)
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--errors", type=int, default=0, help="print N missed and N spurious contents")
    ap.add_argument("--span-errors", default=None, choices=("source", "cue", "content"),
                    help="with --errors: print spans of that role that differ where the contents overlap")
    args = ap.parse_args()
    root = repo_root()
    corpus = args.corpus or os.path.join(root, "..", "shared", "corpora", "polnear")
    corpus = os.path.normpath(corpus)
    if not os.path.isfile(os.path.join(corpus, "data", "metadata.tsv")):
        print("skipped: corpus not found at %s" % corpus)
        return 0
    argmap = args.argmap or os.path.join(root, "build", "argmap")
    models = args.models or os.path.join(root, "models")
    if not os.access(argmap, os.X_OK):
        print("skipped: %s not built (run make)" % argmap)
        return 0
    comp = args.compartment
    rows = read_metadata(corpus, comp)
    items = []
    for row in rows:
        name = row["filename"]
        txt = os.path.join(corpus, "data", comp, "text", name + ".txt")
        ann = None
        for who in row.get("annotators", "").split("|"):
            p = os.path.join(corpus, "data", comp, "attributions", "%s_%s.ann" % (name, who))
            if who and os.path.isfile(p):
                ann = p
                break
        if ann and os.path.isfile(txt):
            items.append((name, txt, ann))
    items.sort()
    if args.limit:
        items = items[: args.limit]
    if not items:
        print("skipped: no articles in compartment %s at %s" % (comp, corpus))
        return 0
    cmd = [argmap, "analyze", "--compact", "-q", "--replace-invalid", "--format", "text",
           "--models", models] + [t for _, t, _ in items]
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines = res.stdout.decode("utf-8").splitlines()
    if len(lines) != len(items):
        sys.stderr.write("argmap gave %d lines for %d articles (exit %d): %s\n" %
                         (len(lines), len(items), res.returncode, res.stderr.decode()[:500]))
        return 1
    roles = ("source", "cue", "content")
    exact = {r: Score() for r in roles}
    over = {r: Score() for r in roles}
    tok = {r: Score() for r in roles}
    whole_exact, whole_over = Score(), Score()
    failed = 0
    missed, spurious = [], []
    for (name, txt, ann), line in zip(items, lines):
        doc = json.loads(line)
        raw = open(txt, "rb").read()
        text = raw.decode("utf-8", errors="replace")
        gold = read_ann(ann)
        if "error" in doc:
            failed += 1
            preds = []
        else:
            preds = predictions(doc, byte_to_char(raw))
        for r in roles:
            g = [extent(a[r]) for a in gold if r in a]
            p = [extent(a[r]) for a in preds if r in a]
            gs = set(g)
            ps = set(p)
            exact[r].add(sum(1 for s in p if s in gs), len(p), sum(1 for s in g if s in ps), len(g))
            gw = [words_of(text, a[r]) for a in gold if r in a]
            pw = [words_of(text, a[r]) for a in preds if r in a]
            over[r].add(sum(1 for s in pw if any(s & t for t in gw)), len(pw),
                        sum(1 for t in gw if any(s & t for s in pw)), len(gw))
            gall = set().union(*gw) if gw else set()
            pall = set().union(*pw) if pw else set()
            tok[r].add(len(pall & gall), len(pall), len(gall & pall), len(gall))
        # whole attributions
        def match(pa, ga, how):
            for r in roles:
                if (r in pa) != (r in ga):
                    return False
                if r not in pa:
                    continue
                if how == "exact":
                    if extent(pa[r]) != extent(ga[r]):
                        return False
                elif not (words_of(text, pa[r]) & words_of(text, ga[r])):
                    return False
            return True
        for how, sc in (("exact", whole_exact), ("overlap", whole_over)):
            tp_p = sum(1 for pa in preds if any(match(pa, ga, how) for ga in gold))
            tp_g = sum(1 for ga in gold if any(match(pa, ga, how) for pa in preds))
            sc.add(tp_p, len(preds), tp_g, len(gold))
        if args.errors and args.span_errors:
            r = args.span_errors
            for pa in preds:
                pwc = words_of(text, pa["content"])
                for ga in gold:
                    if "content" in ga and pwc & words_of(text, ga["content"]):
                        ps = text[slice(*extent(pa[r]))] if r in pa else "-"
                        gs = text[slice(*extent(ga[r]))] if r in ga else "-"
                        if ps != gs:
                            missed.append("%s: pred [%s] gold [%s]" % (name, ps[:80], gs[:80]))
                        break
        elif args.errors:
            gw = [words_of(text, a["content"]) for a in gold if "content" in a]
            for a in preds:
                if not any(words_of(text, a["content"]) & t for t in gw):
                    s, e = a["content"][0]
                    spurious.append("%s: %s" % (name, text[s:e][:120].replace("\n", " ")))
            pw = [words_of(text, a["content"]) for a in preds]
            for a in gold:
                if "content" in a and not any(words_of(text, a["content"]) & t for t in pw):
                    s, e = extent(a["content"])
                    cue = text[slice(*extent(a["cue"]))] if "cue" in a else "-"
                    missed.append("%s: [%s] %s" % (name, cue, text[s:e][:100].replace("\n", " ")))
    ngold = sum(len(read_ann(a)) for _, _, a in items)
    print("PolNeAR %s: %d articles, %d gold attributions, annotator: first listed in metadata.tsv"
          % (comp, len(items), ngold))
    if failed:
        print("argmap failed on %d articles" % failed)
    print("%-10s %-8s %6s %6s %6s" % ("span", "match", "P", "R", "F1"))
    for r in roles:
        for label, sc in (("exact", exact[r]), ("overlap", over[r]), ("token", tok[r])):
            p, rr, f = sc.prf()
            print("%-10s %-8s %6.1f %6.1f %6.1f" % (r, label, 100 * p, 100 * rr, 100 * f))
    for label, sc in (("exact", whole_exact), ("overlap", whole_over)):
        p, rr, f = sc.prf()
        print("%-10s %-8s %6.1f %6.1f %6.1f" % ("attrib.", label, 100 * p, 100 * rr, 100 * f))
    if args.errors:
        print("\n-- missed contents (gold without an overlapping prediction):")
        for s in missed[: args.errors]:
            print("  " + s)
        print("\n-- spurious contents (predictions without an overlapping gold content):")
        for s in spurious[: args.errors]:
            print("  " + s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
