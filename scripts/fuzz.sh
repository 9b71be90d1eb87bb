#!/bin/sh
# Build and run the libFuzzer harnesses tests/fuzz/fuzz_*.c, each for
# FUZZ_SECONDS, one after the other (run by `make fuzz`, which first builds
# build-fuzz/libargmap.a with the fuzzer and sanitizer flags).
#
#   FUZZ_SECONDS=60   time per harness
#   FUZZ_ONLY=name    run only this harness (e.g. fuzz_import_aif)
#   BUILD=build-fuzz  where the library, harnesses, corpora and findings go
#
# Seeds come from tests/fuzz/seeds.list; the corpus each run grows stays in
# $BUILD/corpus/NAME, so later runs start where earlier ones stopped. A
# crash, leak, sanitizer report, timeout (10 s) or abort() of a harness
# lands in $BUILD/findings/NAME-*; the script then exits 1. For each harness
# it prints one line: name, executions, seconds, corpus size, findings.
set -u
cd "$(dirname "$0")/.."
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
BUILD=${BUILD:-build-fuzz}
FUZZ_ONLY=${FUZZ_ONLY:-}
PKGS="igraph libcjson libgvc libxml-2.0 icu-uc icu-i18n"
# shellcheck disable=SC2046
PKG_CFLAGS=$(pkg-config --cflags $PKGS)
PKG_LIBS=$(pkg-config --libs $PKGS)
mkdir -p "$BUILD/findings" "$BUILD/seeds" "$BUILD/corpus"
status=0
for src in tests/fuzz/fuzz_*.c; do
    name=$(basename "$src" .c)
    [ -n "$FUZZ_ONLY" ] && [ "$FUZZ_ONLY" != "$name" ] && continue
    # shellcheck disable=SC2086
    clang -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        -Iengine/include -Iengine $PKG_CFLAGS "$src" "$BUILD/libargmap.a" \
        $PKG_LIBS -llinear -lm -o "$BUILD/$name" || { status=1; continue; }
    seeds="$BUILD/seeds/$name"
    rm -rf "$seeds"
    mkdir -p "$seeds" "$BUILD/corpus/$name"
    for p in $(awk -v n="$name" '$1 == n { for (i = 2; i <= NF; i++) print $i }' tests/fuzz/seeds.list); do
        if [ -d "$p" ]; then cp "$p"/* "$seeds"/ 2>/dev/null; else cp "$p" "$seeds"/; fi
    done
    dict=""
    [ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
    log="$BUILD/$name.log"
    before=$(ls "$BUILD/findings" | grep -c "^$name-")
    t0=$(date +%s)
    # shellcheck disable=SC2086
    ARGMAP_MODELS=models "$BUILD/$name" -max_total_time="$FUZZ_SECONDS" -max_len=65536 \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 $dict \
        -artifact_prefix="$BUILD/findings/$name-" "$BUILD/corpus/$name" "$seeds" >"$log" 2>&1
    rc=$?
    secs=$(( $(date +%s) - t0 ))
    after=$(ls "$BUILD/findings" | grep -c "^$name-")
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    units=$(ls "$BUILD/corpus/$name" | wc -l)
    echo "$name: ${runs:-0} executions in ${secs} s, corpus $units, findings $((after - before)) (exit $rc)"
    if [ "$rc" -ne 0 ] || [ "$after" -ne "$before" ]; then
        grep -E "ERROR|SUMMARY|^==" "$log" | head -20
        echo "$name: see $log and $BUILD/findings/"
        status=1
    fi
done
exit $status
