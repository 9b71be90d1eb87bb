#!/bin/sh
# Golden-file tests of the argmap command.
#
# Each folder tests/cli/cases/NAME holds:
#   cmd            a shell command line; $ARGMAP is the command, $TMP a fresh
#                  folder, and it runs from the repository root
#   expected.out   its standard output        (compared exactly)
#   expected.err   its standard error         (compared exactly, if present)
#   expected.code  its exit code              (default 0)
#   after          optional shell check run afterwards; must exit 0
# UPDATE=1 tests/cli/run.sh rewrites the expected files from what runs now.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
ARGMAP="${RUNNER:-} $PWD/$BUILD/argmap"
export ARGMAP
pass=0
fail=0
for dir in tests/cli/cases/*/; do
    name=$(basename "$dir")
    [ -f "$dir/cmd" ] || continue
    TMP=$(mktemp -d)
    export TMP
    sh -c "$(cat "$dir/cmd")" >"$TMP/.out" 2>"$TMP/.err" </dev/null
    code=$?
    if [ "${UPDATE:-}" = 1 ]; then
        cp "$TMP/.out" "$dir/expected.out"
        [ -f "$dir/expected.err" ] && cp "$TMP/.err" "$dir/expected.err"
        echo "$code" >"$dir/expected.code"
    fi
    want=0
    [ -f "$dir/expected.code" ] && want=$(cat "$dir/expected.code")
    why=""
    [ "$code" = "$want" ] || why="exit code $code, expected $want"
    if [ -z "$why" ] && ! diff -u "$dir/expected.out" "$TMP/.out" >"$TMP/.diff" 2>&1; then
        why="stdout differs"
    fi
    if [ -z "$why" ] && [ -f "$dir/expected.err" ] && ! diff -u "$dir/expected.err" "$TMP/.err" >"$TMP/.diff" 2>&1; then
        why="stderr differs"
    fi
    if [ -z "$why" ] && [ -f "$dir/after" ] && ! sh -c "$(cat "$dir/after")" >"$TMP/.diff" 2>&1; then
        why="check 'after' failed"
    fi
    if [ -z "$why" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL cli/$name: $why"
        head -40 "$TMP/.diff" 2>/dev/null | sed 's/^/    /'
        [ "$why" = "exit code $code, expected $want" ] && sed 's/^/    stderr: /' "$TMP/.err" | head -10
    fi
    rm -rf "$TMP"
done
echo "ok   cli golden tests: $pass passed, $fail failed"
echo "RESULT $pass $fail"
