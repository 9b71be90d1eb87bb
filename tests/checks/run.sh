#!/bin/sh
# Checks of the command's output that need more than a diff: JSON Schema
# validation, offsets that slice back to their text, determinism. Each
# check_*.py prints "ok NAME" or "not ok NAME: why" per check.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
ARGMAP="${RUNNER:-} $PWD/$BUILD/argmap"
export ARGMAP
PY=/usr/bin/python3
pass=0
fail=0
for c in tests/checks/check_*.py; do
    out=$($PY "$c" 2>&1)
    rc=$?
    p=$(printf '%s\n' "$out" | grep -c '^ok ')
    f=$(printf '%s\n' "$out" | grep -c '^not ok ')
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    printf '%s\n' "$out" | grep -v '^ok ' | sed 's/^/    /'
    echo "ok   $(basename "$c"): $p passed, $f failed"
    pass=$((pass + p))
    fail=$((fail + f))
done
echo "RESULT $pass $fail"
