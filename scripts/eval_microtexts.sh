#!/bin/sh
# Score argument structure on the microtext corpus (part 1, English, gold
# units) with the standard 50 test folds: macro F1 of central claim (cc),
# role (ro), function (fu) and attachment (at), mean over the folds, beside
# the trivial baseline (first unit central claim, each other unit supports
# the one before).
#
#   scripts/eval_microtexts.sh [CORPUS]     CORPUS defaults to ../shared/corpora
#   ARGMAP=build/argmap                     the command to use
set -eu
cd "$(dirname "$0")/.."
CORPUS=${1:-../shared/corpora}
ARGMAP=${ARGMAP:-build/argmap}
FOLDS="$CORPUS/microtexts/folds/m112_test_folds.json"
if [ ! -d "$CORPUS/microtexts/part1" ] || [ ! -f "$FOLDS" ]; then
    echo "skipped: corpus not found at $CORPUS"
    exit 0
fi
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
python3 scripts/microtexts_to_jsonl.py "$CORPUS" >"$tmp"
echo "microtexts part 1 (English), gold units, simple relation set"
$ARGMAP train structure --models models --folds "$FOLDS" "$tmp"
