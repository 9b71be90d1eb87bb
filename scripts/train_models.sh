#!/bin/sh
# Rebuild the committed structure models (models/weights/{cc,ro,fu,at}.model
# and decode.txt) from the microtext corpus. `make models` runs it.
#
#   scripts/train_models.sh [CORPUS]   CORPUS defaults to ../shared/corpora
#
# The evidence-class model is not built here: the editorial corpus may be
# used for evaluation only. To use one locally (it is git-ignored):
#   python3 scripts/webis_to_jsonl.py CORPUS > ed.jsonl
#   build/argmap train evidence ed.jsonl -o models/weights
set -eu
cd "$(dirname "$0")/.."
CORPUS=${1:-../shared/corpora}
ARGMAP=${ARGMAP:-build/argmap}
if [ ! -d "$CORPUS/microtexts/part1" ]; then
    echo "skipped: corpus not found at $CORPUS"
    exit 0
fi
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
python3 scripts/microtexts_to_jsonl.py "$CORPUS" >"$tmp"
$ARGMAP train structure --models models -o models/weights "$tmp"
