#!/usr/bin/env python3
"""How import and export time grows with the size of an AIF nodeset.

Generates a synthetic AIFdb-shaped nodeset (I-nodes in a support/attack
tree, L- and YA-nodes for half of them, speakers) of N and 4N I-nodes,
converts each to every output format with `argmap convert`, best of 3 runs,
and prints the times and the ratio 4N/N (about 4 means linear).
Reproducible: the nodesets are made the same way every time.

usage: scripts/bench_interchange.py [N]   (default 20000; takes ~30 s)
"""
import json
import os
import subprocess
import sys
import tempfile
import time

ARGMAP = os.environ.get("ARGMAP", "build/argmap")
N = int(sys.argv[1]) if len(sys.argv) > 1 else 20000


def nodeset(n):
    nodes = [{"nodeID": str(i), "text": "claim number %d" % i, "type": "I"} for i in range(n)]
    edges = []
    for i in range(1, n):
        nodes.append({"nodeID": "s%d" % i, "text": "Default", "type": "RA" if i % 3 else "CA"})
        edges.append({"edgeID": "a%d" % i, "fromID": str(i), "toID": "s%d" % i})
        edges.append({"edgeID": "b%d" % i, "fromID": "s%d" % i, "toID": str(i // 2)})
    for i in range(0, n, 2):
        nodes.append({"nodeID": "L%d" % i, "text": "Speaker%d : claim number %d" % (i % 500, i),
                      "type": "L"})
        nodes.append({"nodeID": "Y%d" % i, "text": "Asserting", "type": "YA"})
        edges.append({"edgeID": "l%d" % i, "fromID": "L%d" % i, "toID": "Y%d" % i})
        edges.append({"edgeID": "y%d" % i, "fromID": "Y%d" % i, "toID": str(i)})
    return {"nodes": nodes, "edges": edges, "locutions": [], "participants": []}


def best(args):
    t = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        t.append(time.perf_counter() - t0)
    return min(t)


tmp = tempfile.mkdtemp()
times = {}
for n in (N, 4 * N):
    path = os.path.join(tmp, "n%d.json" % n)
    json.dump(nodeset(n), open(path, "w"))
    for fmt in ("aif", "argdown", "graphml", "json"):
        times[(n, fmt)] = best([ARGMAP, "convert", "-q", "--max-nodes", "1000000", "-f", fmt, path])
print("format    %8s I-nodes  %8s I-nodes  ratio" % (N, 4 * N))
for fmt in ("aif", "argdown", "graphml", "json"):
    a, b = times[(N, fmt)], times[(4 * N, fmt)]
    print("%-8s  %14.3fs  %14.3fs  %5.2f" % (fmt, a, b, b / a))
for f in os.listdir(tmp):
    os.unlink(os.path.join(tmp, f))
os.rmdir(tmp)
