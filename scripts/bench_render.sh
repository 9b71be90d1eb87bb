#!/bin/sh
# Time argmap's drawing of synthetic argument maps beside the Argdown
# command line (npm @argdown/cli 1.7.5) on the same maps, in the same run.
#
#   scripts/bench_render.sh                 sizes 50 500 2000 5000 10000
#   SIZES="50 500" scripts/bench_render.sh  other sizes
#   ARGDOWN_MAX=90                          seconds before an Argdown run is
#                                           given up (reported as "> N")
#
# Both sides are timed as whole processes, wall clock, from start to the SVG
# file written: argmap through build/bench_render (the map is built in
# memory, then drawn by am_map_render with the default options: dot up to
# 1,000 nodes, sfdp above), Argdown through `argdown map FILE DIR -f svg`
# (its own parser, then Graphviz dot compiled to JavaScript). Small maps take
# the best of 5 (50 nodes) or 3 (500) runs, large ones 1: on a shared machine
# the best run is the one least disturbed by other work, for both tools.
# The maps come from scripts/bench_render.c: N nodes (a sixth sources), each backing or attacking an earlier claim, the
# same graph for both tools (the script checks the node counts of both SVGs).
# Argdown is installed with: (cd scripts/argdown && npm ci)
set -eu
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"50 500 2000 5000 10000"}
ARGDOWN_MAX=${ARGDOWN_MAX:-90}
ARGDOWN=scripts/argdown/node_modules/.bin/argdown

make --no-print-directory build >/dev/null
cc -std=c11 -O2 -Wall -Wextra -Werror -Iengine/include -Iengine \
    $(pkg-config --cflags libgvc) scripts/bench_render.c build/libargmap.a \
    $(pkg-config --libs igraph libcjson libgvc libxml-2.0 icu-uc icu-i18n) -llinear -lm \
    -o build/bench_render

have_argdown=1
if [ ! -x "$ARGDOWN" ] || ! command -v node >/dev/null 2>&1; then
    have_argdown=0
    echo "note: Argdown is not installed ((cd scripts/argdown && npm ci)): argmap times only"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
minof() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b ? a : b) }'; }
# Drawn map nodes: argmap's carry a kind class (its legend's do not).
am_nodes_in() { grep -c 'class="node \(unit\|source\)' "$1" || true; }
ad_nodes_in() { grep -c 'class="node' "$1" || true; }

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%7s  %-6s %10s %11s %8s  %s\n' nodes engine "argmap s" "argdown s" ratio bar
for n in $SIZES; do
    build/bench_render argdown "$n" "$tmp/m$n.argdown"
    runs=1
    [ "$n" -le 500 ] && runs=3
    [ "$n" -le 50 ] && runs=5
    best=""
    i=0
    while [ $i -lt $runs ]; do
        t0=$(now)
        build/bench_render svg "$n" "$tmp/m$n.svg" 2>"$tmp/info"
        t=$(secs "$t0" "$(now)")
        best=${best:-$t}
        best=$(minof "$best" "$t")
        i=$((i + 1))
    done
    engine=$(sed -n 's/.*engine \([a-z]*\).*/\1/p' "$tmp/info")
    am_nodes=$(am_nodes_in "$tmp/m$n.svg")
    ad="-"
    ratio="-"
    bar=""
    if [ $have_argdown -eq 1 ]; then
        adbest=""
        i=0
        while [ $i -lt $runs ]; do
            rm -rf "$tmp/ad"
            t0=$(now)
            if timeout "$ARGDOWN_MAX" "$ARGDOWN" map "$tmp/m$n.argdown" "$tmp/ad" -f svg \
                >/dev/null 2>&1; then
                t=$(secs "$t0" "$(now)")
                adbest=${adbest:-$t}
                adbest=$(minof "$adbest" "$t")
            else
                adbest="> $ARGDOWN_MAX"
                break
            fi
            i=$((i + 1))
        done
        ad=$adbest
        case "$ad" in
        ">"*) ratio="> $(awk -v a="$ARGDOWN_MAX" -v b="$best" 'BEGIN { printf "%.1f", a / b }')" ;;
        *)
            ratio=$(awk -v a="$ad" -v b="$best" 'BEGIN { printf "%.1f", a / b }')
            ad_nodes=$(ad_nodes_in "$tmp/ad/m$n.svg")
            [ "$ad_nodes" = "$am_nodes" ] || bar="(node counts differ: $am_nodes vs $ad_nodes)"
            ;;
        esac
        if [ -z "$bar" ]; then
            need=""
            [ "$n" -le 50 ] && need=20
            [ "$n" -ge 5000 ] && [ "$n" -le 5000 ] && need=3
            if [ -n "$need" ]; then
                r=${ratio#> }
                if awk -v r="$r" -v need="$need" 'BEGIN { exit !(r >= need) }'; then
                    bar="meets >= ${need}x"
                else
                    bar="MISSES >= ${need}x"
                fi
            fi
        fi
    fi
    printf '%7s  %-6s %10s %11s %8s  %s\n' "$n" "$engine" "$best" "$ad" "$ratio" "$bar"
done
