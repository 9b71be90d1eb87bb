#!/bin/sh
# Benchmark of the graph stage: the whole analysis of a synthetic argument
# graph (10^6 units, 3*10^6 relations by default) beside igraph's dominator
# tree alone on the same graph, in the same run. The bar (docs/graph.md):
# the whole analysis within 3x of the dominator tree.
#
#   scripts/bench_graph.sh [bench_graph options]   e.g. --article-size 100
#
# Builds build/bench_graph from tests/bench/bench_graph.c against
# build/libargmap.a (make build first if needed). One thread for OpenMP,
# as in batch work.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
make --no-print-directory build >/dev/null
PKGS="igraph libcjson libgvc libxml-2.0 icu-uc icu-i18n"
cc -std=c11 -O2 -Iengine/include -Iengine $(pkg-config --cflags $PKGS) \
    -o "$BUILD/bench_graph" tests/bench/bench_graph.c "$BUILD/libargmap.a" \
    $(pkg-config --libs $PKGS) -llinear -lm
OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} "$BUILD/bench_graph" "$@"
