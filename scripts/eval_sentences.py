#!/usr/bin/env python3
"""Sentence splitting: argmap's own splitter against ICU's (en@ss=standard).

    python3 scripts/eval_sentences.py [-v] [CORPORA]     (default ../shared/corpora)

-v prints the hard cases ICU gets wrong.

Three measures, each for both splitters:
  1. the hard-case table of tests/unit/test_sentences.c: cases split exactly
     as the table says;
  2. Webis-Editorials-16 (Al Jazeera and Fox News editorials): gold sentence
     ends derived from the unit annotation. A segment (unit or "no-unit"
     filler) whose text ends in . ? ! or an ellipsis, maybe followed by
     closing quotes or brackets, ends a sentence; paragraph ends are left out
     (every splitter gets those). The annotators cut units by hand, so a
     split after "U.S." or "Gen." inside a unit is a false boundary. It is a
     proxy: a segment holding several sentences has only its last end in the
     gold, so precision is a lower bound for both splitters alike;
  3. the arg-microtexts (part 1, English): gold ends are the EDU ends after
     . ? ! (the text's last end left out).
Boundary precision, recall and F1 are micro-averaged over end offsets.
Needs build/argmap (make build); builds build/icu_sentences from
scripts/icu_sentences.c.
"""
import ast
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARGMAP = os.path.join(ROOT, "build", "argmap")
ICU = os.path.join(ROOT, "build", "icu_sentences")
END_RE = re.compile(r"[.?!\u2026][\"'\u201d\u2019\u00bb)\]]*$")


def build_icu():
    src = os.path.join(ROOT, "scripts", "icu_sentences.c")
    if os.path.exists(ICU) and os.path.getmtime(ICU) >= os.path.getmtime(src):
        return
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "icu-uc", "icu-i18n"],
                           capture_output=True, text=True, check=True).stdout.split()
    os.makedirs(os.path.dirname(ICU), exist_ok=True)
    subprocess.run(["cc", "-std=c11", "-O2", "-o", ICU, src] + flags, check=True)


def byte_ends(text, char_ends):
    """Character offsets -> UTF-8 byte offsets."""
    return {len(text[:e].encode("utf-8")) for e in char_ends}


def paragraph_ends(text):
    """Byte offsets where paragraphs end (blank-line separated, trimmed)."""
    ends = set()
    pos = 0
    for m in re.finditer(r"\S(?:.*?\S)??(?=\s*(?:\n[ \t\r]*\n|\Z))", text, re.S):
        ends.add(len(text[:m.end()].encode("utf-8")))
    return ends


def run_argmap(paths):
    """Sentence end offsets per file from `argmap analyze`."""
    out = {}
    for p in paths:
        r = subprocess.run([ARGMAP, "analyze", "-q", "--compact", "--models",
                            os.path.join(ROOT, "models"), "-f", "text", p],
                           capture_output=True, text=True)
        if r.returncode:
            sys.exit("argmap failed on %s: %s" % (p, r.stderr))
        out[p] = {s["end"] for s in json.loads(r.stdout)["sentences"]}
    return out


def run_icu(paths):
    out = {}
    for i in range(0, len(paths), 200):
        r = subprocess.run([ICU, "ends"] + paths[i:i + 200], capture_output=True, text=True,
                           check=True)
        for line in r.stdout.splitlines():
            name, _, ends = line.partition("\t")
            out[name] = {int(x) for x in ends.split()}
    return out


def score(gold, pred, para):
    tp = fp = fn = 0
    for p in gold:
        g = gold[p] - para[p]
        s = pred[p] - para[p]
        tp += len(g & s)
        fp += len(s - g)
        fn += len(g - s)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1, tp + fn


def c_string(lit):
    """A C string literal's bytes (the table uses \\x, \\n and \\" escapes)."""
    raw = lit.encode("utf-8")
    esc = "".join(chr(b) if b < 0x80 else "\\x%02x" % b for b in raw)
    return ast.literal_eval("b\"" + esc + "\"").decode("utf-8")


def hard_cases(tmp):
    src = open(os.path.join(ROOT, "tests", "unit", "test_sentences.c"), encoding="utf-8").read()
    body = src[src.index("cases[] = {"):src.index("};", src.index("cases[] = {"))]
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    lit = r'"((?:[^"\\]|\\.)*)"'
    cases = []
    for m in re.finditer(r"\{\s*" + lit + r"\s*,\s*((?:" + lit + r"\s*)+)\}", body):
        text = c_string(m.group(1))
        want = "".join(c_string(x) for x in re.findall(lit, m.group(2)))
        cases.append((text, want))
    paths = []
    for i, (text, _) in enumerate(cases):
        p = os.path.join(tmp, "case%03d.txt" % i)
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
        paths.append(p)
    return cases, paths


def split_by(text, ends):
    """The sentences a set of end offsets gives, joined like the table."""
    b = text.encode("utf-8")
    pieces, start = [], 0
    for e in sorted(ends):
        piece = b[start:e].decode("utf-8").strip()
        if piece:
            pieces.append(piece)
        start = e
    return " | ".join(pieces)


def webis(corpora, tmp):
    gold, paths = {}, []
    files = sorted(glob.glob(os.path.join(corpora, "webis-editorials-16-subset",
                                          "data-source", "*", "*.json")))
    for i, fn in enumerate(files):
        if "/guardian/" in fn:  # held back for unseen checks
            continue
        doc = json.load(open(fn, encoding="utf-8"))
        text, ends = "", []
        for pi, para in enumerate(doc["paragraphs"]):
            if pi:
                text += "\n\n"
            for si, seg in enumerate(para):
                t = seg["text"].strip()
                if not t:
                    continue
                if si and not re.match(r"[.,;:!?)\]]", t):
                    text += " "
                text += t
                if END_RE.search(t):
                    ends.append(len(text))
        p = os.path.join(tmp, "webis%03d.txt" % i)
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
        gold[p] = byte_ends(text, ends)
        paths.append(p)
    return gold, paths


def microtexts(corpora, tmp):
    gold, paths = {}, []
    for fn in sorted(glob.glob(os.path.join(corpora, "microtexts", "part1", "corpus", "en",
                                            "*.xml"))):
        txt = open(fn[:-4] + ".txt", encoding="utf-8").read()
        edus = re.findall(r"<edu[^>]*><!\[CDATA\[(.*?)\]\]></edu>",
                          open(fn, encoding="utf-8").read(), re.S)
        ends, pos = [], 0
        for e in edus:
            k = txt.find(e, pos)
            if k < 0:
                break
            pos = k + len(e)
            if END_RE.search(e.strip()):
                ends.append(k + len(e.rstrip()))
        p = os.path.join(tmp, os.path.basename(fn)[:-4] + ".txt")
        with open(p, "w", encoding="utf-8") as f:
            f.write(txt)
        gold[p] = byte_ends(txt, ends)
        paths.append(p)
    return gold, paths


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    corpora = args[0] if args else os.path.join(ROOT, "..", "shared", "corpora")
    if not os.path.exists(ARGMAP):
        sys.exit("build/argmap not found: run make build first")
    build_icu()
    with tempfile.TemporaryDirectory() as tmp:
        cases, paths = hard_cases(tmp)
        own, icu = run_argmap(paths), run_icu(paths)
        ok_own = ok_icu = 0
        for (text, want), p in zip(cases, paths):
            ok_own += split_by(text, own[p]) == want
            got_icu = split_by(text, icu[p])
            ok_icu += got_icu == want
            if got_icu != want and "-v" in sys.argv:
                print("  icu: %s\n   want %s" % (got_icu, want))
        print("hard cases (tests/unit/test_sentences.c): %d cases" % len(cases))
        print("  argmap %d/%d exact   icu %d/%d exact" % (ok_own, len(cases), ok_icu, len(cases)))
        if not os.path.isdir(corpora):
            print("skipped: corpus not found at %s" % corpora)
            return
        for name, fn in (("webis-editorials-16 (aljazeera+foxnews)", webis),
                         ("microtexts part1 (en)", microtexts)):
            gold, paths = fn(corpora, tmp)
            if not paths:
                print("skipped: %s not found under %s" % (name, corpora))
                continue
            para = {p: paragraph_ends(open(p, encoding="utf-8").read()) for p in paths}
            own, icu = run_argmap(paths), run_icu(paths)
            print("%s: %d texts, sentence-end boundaries" % (name, len(paths)))
            for label, pred in (("argmap", own), ("icu", icu)):
                prec, rec, f1, n = score(gold, pred, para)
                print("  %-7s P %.3f  R %.3f  F1 %.3f  (gold ends %d)" % (label, prec, rec, f1, n))


if __name__ == "__main__":
    main()
