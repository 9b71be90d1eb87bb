#!/bin/sh
# Install the Debian packages argmap needs to build and test, but only when
# something is missing, so that `make demo` and `make test` work on a fresh
# Debian 12 machine and cost nothing on a prepared one.
#
#   scripts/install-deps.sh          build + test dependencies
#   scripts/install-deps.sh --check  exit 1 if anything is missing, install nothing
#   scripts/install-deps.sh --fuzz   also clang and its fuzzer runtime (make fuzz)
set -eu

PKGS="build-essential pkg-config libigraph-dev libcjson-dev libgraphviz-dev \
libxml2-dev libicu-dev liblinear-dev libcmocka-dev python3 python3-jsonschema \
valgrind parallel"
if [ "${1:-}" = "--fuzz" ]; then PKGS="$PKGS clang libclang-rt-14-dev"; shift; fi

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done

[ -z "$missing" ] && exit 0
if [ "${1:-}" = "--check" ]; then
    echo "missing packages:$missing" >&2
    exit 1
fi

echo "install-deps: installing$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "install-deps: not root and no sudo; please install:$missing" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "install-deps: done" >&2
