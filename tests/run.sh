#!/bin/sh
# Run the whole test suite: the cmocka unit tests, the golden-file tests of
# the command and the output checks. Ends with one line "N passed, N failed"
# and exits non-zero when anything failed.
#
#   BUILD=build       where the binaries are
#   RUNNER="valgrind ..."  a wrapper for every binary run (make valgrind)
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUNNER=${RUNNER:-}
export BUILD RUNNER
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    CMOCKA_MESSAGE_OUTPUT=stdout $RUNNER "$t" >"$log" 2>&1
    rc=$?
    ok=$(grep -c '^\[       OK \]' "$log")
    run=$(grep -c '^\[ RUN      \]' "$log")
    bad=$((run - ok))
    if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
    passed=$((passed + ok))
    failed=$((failed + bad))
    if [ "$bad" -ne 0 ]; then
        echo "FAIL $(basename "$t") (exit $rc):"
        grep -v '^\[       OK \]\|^\[ RUN      \]' "$log" | sed 's/^/    /' | head -60
    else
        echo "ok   $(basename "$t"): $ok tests"
    fi
done

# Golden-file tests of the command line, and checks of its output.
for suite in tests/cli/run.sh tests/checks/run.sh; do
    out=$(sh "$suite" 2>&1)
    rc=$?
    printf '%s\n' "$out" | grep -v '^RESULT '
    res=$(printf '%s\n' "$out" | grep '^RESULT ' | tail -1)
    if [ -z "$res" ]; then
        echo "FAIL $suite ended without a result (exit $rc)"
        failed=$((failed + 1))
        continue
    fi
    set -- $res
    passed=$((passed + $2))
    failed=$((failed + $3))
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
