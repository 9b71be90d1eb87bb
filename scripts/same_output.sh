#!/bin/sh
# Do two builds of argmap write the same bytes? The check behind every speed
# change (docs/performance.md): a faster path must not change any output.
#
#   scripts/same_output.sh OLD_ARGMAP [NEW_ARGMAP] [CORPUS]
#
# NEW_ARGMAP defaults to build/argmap, CORPUS to ../shared/corpora (relative
# to the repository root). Both builds read the models in models/. Compared
# byte for byte:
#   - `batch --full` over every PolNeAR text and every microtext (en, de) as
#     JSON Lines, in one stream;
#   - `analyze` (pretty JSON) of a 60 KB and a 400 KB text joined from the
#     PolNeAR dev and train texts;
#   - `analyze` of the sample article, and `render -f dot` of it.
# Nothing is written into the repository; the inputs live under $TMPDIR.
# Exit 0 when all are the same, 1 when one differs (the diff is named), 2 on
# bad use. Without the corpus only the sample article is compared.
set -eu
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: scripts/same_output.sh OLD_ARGMAP [NEW_ARGMAP] [CORPUS]" >&2; exit 2; }
OLD=$1
NEW=${2:-build/argmap}
CORPUS=${3:-../shared/corpora}
for b in "$OLD" "$NEW"; do
    [ -x "$b" ] || { echo "same_output: $b is not an executable" >&2; exit 2; }
done
T=$(mktemp -d "${TMPDIR:-/tmp}/argmap-same.XXXXXX")
trap 'rm -rf "$T"' EXIT
export ARGMAP_MODELS="$PWD/models"

python3 - "$CORPUS" "$T" <<'EOF'
import glob, json, os, sys
corpus, out = sys.argv[1], sys.argv[2]
texts = sorted(glob.glob(os.path.join(corpus, "polnear/data/*/text/*.txt")))
micro = sorted(glob.glob(os.path.join(corpus, "microtexts/part1/corpus/*/*.txt")))
if not texts:
    print("same_output: corpus not found at %s: comparing the sample article only" % corpus)
    sys.exit(0)
read = lambda p: open(p, encoding="utf-8", errors="replace").read()
with open(os.path.join(out, "inputs.jsonl"), "w") as f:
    for p in texts + micro:
        f.write(json.dumps({"id": os.path.relpath(p, corpus), "text": read(p)}) + "\n")
def joined(paths, size, name):
    data = "".join(read(p) + "\n\n" for p in paths).encode()[:size]
    open(os.path.join(out, name), "wb").write(data.decode("utf-8", "ignore").encode())
joined([p for p in texts if "/dev/" in p], 60000, "long60k.txt")
joined([p for p in texts if "/train/" in p], 400000, "long400k.txt")
print("same_output: %d corpus texts" % (len(texts) + len(micro)))
EOF

rc=0
same() { # NAME: compare $T/old.NAME and $T/new.NAME
    if cmp -s "$T/old.$1" "$T/new.$1"; then
        echo "same: $1"
    else
        echo "DIFFERENT: $1"
        diff "$T/old.$1" "$T/new.$1" | head -5
        rc=1
    fi
}
for side in old new; do
    if [ $side = old ]; then bin=$OLD; else bin=$NEW; fi
    if [ -f "$T/inputs.jsonl" ]; then
        "$bin" batch -q --full -j 1 - <"$T/inputs.jsonl" >"$T/$side.batch" 2>&1 || true
        for f in long60k long400k; do
            "$bin" analyze "$T/$f.txt" >"$T/$side.$f" 2>&1 || true
        done
    fi
    "$bin" analyze data/articles/negotiations.txt >"$T/$side.sample" 2>&1 || true
    "$bin" render -f dot data/articles/negotiations.txt >"$T/$side.dot" 2>&1 || true
done
if [ -f "$T/inputs.jsonl" ]; then
    same batch
    same long60k
    same long400k
fi
same sample
same dot
[ $rc = 0 ] && echo "same output"
exit $rc
