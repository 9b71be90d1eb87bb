#!/usr/bin/env python3
"""Throughput of argmap's text stage beside ICU's bare sentence splitting.

    python3 scripts/bench_text.py [CORPORA] [--mb N] [--runs K]

Builds one large text by repeating the PolNeAR dev texts
(CORPORA/polnear/data/dev/text/*.txt, CORPORA defaulting to ../shared/corpora;
without them, the sample article data/articles/negotiations.txt), N MB
(default 16), paragraphs kept, cut into files of about 1 MB (each
document stays under the default max_units). Then times, on one core, best of K runs
(default 3):
  icu_sentences bench       ICU's sentence iterator (en@ss=standard) over the
                            same paragraphs, with its UTF-8 -> UTF-16
                            conversion: the baseline
  argmap analyze --summary  load + every stage of the pipeline, no JSON
  argmap analyze            the same with the JSON written (to a pipe)
  bench_stages              each text stage alone, in process (scripts/
                            bench_stages.c, linked against build/libargmap.a)
and prints MB/s per core for each and the ratio to ICU. Wall time of the
argmap process includes starting it and loading the models (a few ms).
The bar for the text stages is 20 MB/s per core.
"""
import glob
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARGMAP = os.path.join(ROOT, "build", "argmap")
ICU = os.path.join(ROOT, "build", "icu_sentences")
STAGES = os.path.join(ROOT, "build", "bench_stages")
PKGS = ["igraph", "libcjson", "libgvc", "libxml-2.0", "icu-uc", "icu-i18n"]


def build_icu():
    src = os.path.join(ROOT, "scripts", "icu_sentences.c")
    if os.path.exists(ICU) and os.path.getmtime(ICU) >= os.path.getmtime(src):
        return
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "icu-uc", "icu-i18n"],
                           capture_output=True, text=True, check=True).stdout.split()
    os.makedirs(os.path.dirname(ICU), exist_ok=True)
    subprocess.run(["cc", "-std=c11", "-O2", "-o", ICU, src] + flags, check=True)


def build_stages():
    """The in-process stage timer, linked against the static library."""
    src = os.path.join(ROOT, "scripts", "bench_stages.c")
    lib = os.path.join(ROOT, "build", "libargmap.a")
    if (os.path.exists(STAGES) and os.path.getmtime(STAGES) >= os.path.getmtime(src)
            and os.path.getmtime(STAGES) >= os.path.getmtime(lib)):
        return
    flags = subprocess.run(["pkg-config", "--cflags", "--libs"] + PKGS, capture_output=True,
                           text=True, check=True).stdout.split()
    subprocess.run(["cc", "-std=c11", "-O2", "-I" + os.path.join(ROOT, "engine", "include"),
                    "-I" + os.path.join(ROOT, "engine"), "-o", STAGES, src, lib] + flags +
                   ["-llinear", "-lm"], check=True)


def timed(cmd):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    dt = time.perf_counter() - t0
    if r.returncode:
        sys.exit("%s failed: %s" % (" ".join(cmd), r.stderr.decode()))
    return dt, r.stdout


def main():
    args = sys.argv[1:]
    mb, runs, corpora = 16, 3, os.path.join(ROOT, "..", "shared", "corpora")
    i = 0
    while i < len(args):
        if args[i] == "--mb":
            mb = float(args[i + 1])
            i += 2
        elif args[i] == "--runs":
            runs = int(args[i + 1])
            i += 2
        else:
            corpora = args[i]
            i += 1
    if not os.path.exists(ARGMAP):
        sys.exit("build/argmap not found: run make build first")
    build_icu()
    build_stages()
    files = sorted(glob.glob(os.path.join(corpora, "polnear", "data", "dev", "text", "*.txt")))
    what = "PolNeAR dev texts (%d)" % len(files)
    if not files:
        print("corpus not found at %s: using the sample article" % corpora)
        files = [os.path.join(ROOT, "data", "articles", "negotiations.txt")]
        what = "the sample article"
    texts = [open(f, encoding="utf-8").read().strip() for f in files]
    block = "\n\n".join(texts).encode("utf-8") + b"\n\n"
    target = int(mb * 1e6)
    with tempfile.TemporaryDirectory() as tmp:
        # Files of about 1 MB each: a document stays under the default unit
        # limit (max_units, 100000), as a batch of long articles would.
        paths, size = [], 0
        while size < target:
            p = os.path.join(tmp, "part%03d.txt" % len(paths))
            with open(p, "wb") as f:
                n = 0
                while n < 1e6 and size + n < target:
                    f.write(block)
                    n += len(block)
            paths.append(p)
            size += n
        print("input: %s repeated, %.1f MB in %d files" % (what, size / 1e6, len(paths)))
        env_cmd = ["env", "OMP_NUM_THREADS=1"]
        models = ["--models", os.path.join(ROOT, "models")]
        icu = []
        for _ in range(runs):
            out = timed([ICU, "bench"] + paths)[1].decode().split("\n")
            icu.append(sum(float(l.split()[1]) for l in out if l.strip()))
        stage = {}
        for _ in range(runs):
            out = timed([STAGES, os.path.join(ROOT, "models")] + paths)[1].decode()
            for line in out.splitlines():
                name, _, secs = line.split()
                stage[name] = min(stage.get(name, 1e9), float(secs))
        summ = min(timed(env_cmd + [ARGMAP, "analyze", "-q", "--summary"] + models + paths)[0]
                   for _ in range(runs))
        js = min(timed(env_cmd + [ARGMAP, "analyze", "-q", "--compact"] + models + paths)[0]
                 for _ in range(runs))
        rows = [("ICU sentence splitting only (baseline)", min(icu)),
                ("argmap sentence stage only", stage["sentences"]),
                ("argmap quotes stage only", stage["quotes"]),
                ("argmap units stage only", stage["units"]),
                ("argmap dates stage only", stage["dates"]),
                ("argmap text stages (sentences+quotes+units+dates)",
                 stage["sentences"] + stage["quotes"] + stage["units"] + stage["dates"]),
                ("argmap load (UTF-8 check, paragraphs)", stage["load"]),
                ("argmap analyze --summary (process, all)", summ),
                ("argmap analyze, JSON Lines written", js)]
        _, summary = timed([ARGMAP, "analyze", "-q", "--summary"] + models + [paths[0]])
        print("first file: " + summary.decode().strip().split("\n", 1)[1].strip())
        base = size / 1e6 / rows[0][1]
        for name, secs in rows:
            rate = size / 1e6 / secs
            print("%-44s %7.3f s %8.1f MB/s per core  (%.2fx ICU)" % (name, secs, rate,
                                                                     rate / base))


if __name__ == "__main__":
    main()
