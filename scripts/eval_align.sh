#!/bin/sh
# Claim alignment of `argmap compare` on paraphrase fixtures: precision,
# recall and F1 of aligned pairs by threshold (docs/graph.md).
#
#   scripts/eval_align.sh [paraphrases.tsv]   default data/fixtures/paraphrases.tsv
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
make --no-print-directory build >/dev/null
PKGS="igraph libcjson libgvc libxml-2.0 icu-uc icu-i18n"
cc -std=c11 -O2 -Iengine/include -Iengine $(pkg-config --cflags $PKGS) \
    -o "$BUILD/align_eval" tests/bench/align_eval.c "$BUILD/libargmap.a" \
    $(pkg-config --libs $PKGS) -llinear -lm
"$BUILD/align_eval" "$@"
