#!/bin/sh
# Score the evidence classes of units on the Webis-Editorials-16 subset:
# 5-fold cross-validation by editorial (no editorial in both training and
# test), F1 per class for the trained model and for the rules alone (what
# `argmap analyze` uses when no ev.model is installed).
#
#   scripts/eval_webis.sh [CORPUS]     CORPUS defaults to ../shared/corpora
#   ARGMAP=build/argmap                the command to use
set -eu
cd "$(dirname "$0")/.."
CORPUS=${1:-../shared/corpora}
ARGMAP=${ARGMAP:-build/argmap}
if [ ! -d "$CORPUS/webis-editorials-16-subset/data-source" ]; then
    echo "skipped: corpus not found at $CORPUS"
    exit 0
fi
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
python3 scripts/webis_to_jsonl.py "$CORPUS" >"$tmp"
echo "Webis-Editorials-16 subset (Al Jazeera, Fox News), gold units"
$ARGMAP train evidence --models models --kfold 5 "$tmp"
