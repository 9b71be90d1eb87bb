#!/bin/sh
# Throughput and memory of `argmap batch` (analysis only, no rendering).
#
#   scripts/bench_batch.sh [CORPUS] [--quick]
#
# CORPUS defaults to ../shared/corpora (relative to the repository root);
# the news-like documents are the PolNeAR texts under
# CORPUS/polnear/data/*/text (about 6 KB each). When they are absent the
# sample article data/articles/negotiations.txt is used, repeated.
#
# It prints, from runs in this session:
#   - documents/s and MB/s with --jobs 1 (one worker: the per-core figure),
#     MB/s per CPU-second (user+sys of every process: the per-core figure on
#     a machine shared with other work), and the speed-up of --jobs 2 over 1;
#   - the baseline: the same stream through `cat`, the cost of moving the
#     bytes alone, so the analysis share can be read off;
#   - peak memory (VmHWM of the parent, of the largest worker, and the largest
#     sum of RSS over all processes, sampled) over 10,000 and 100,000
#     documents generated on the fly (nothing is held on disk). --quick runs
#     1,000 and 10,000 instead.
# Documents are never written into the repository; the stream lives in a
# pipe or under $TMPDIR.
set -eu
cd "$(dirname "$0")/.."
CORPUS=../shared/corpora
SIZES="10000 100000"
for a in "$@"; do
    case "$a" in
    --quick) SIZES="1000 10000" ;;
    *) CORPUS=$a ;;
    esac
done
BIN=${ARGMAP:-build/argmap}
[ -x "$BIN" ] || { echo "bench_batch: build first (make build)" >&2; exit 2; }
export OMP_NUM_THREADS=1

exec python3 - "$BIN" "$CORPUS" $SIZES <<'EOF'
import glob, json, os, resource, subprocess, sys, tempfile, threading, time

binary, corpus = sys.argv[1], sys.argv[2]
sizes = [int(x) for x in sys.argv[3:]]
texts = sorted(glob.glob(os.path.join(corpus, "polnear/data/*/text/*.txt")))
if texts:
    source = "PolNeAR texts under %s (%d files)" % (corpus, len(texts))
    docs = [open(p, encoding="utf-8", errors="replace").read() for p in texts]
else:
    print("corpus not found at %s: using the sample article, repeated" % corpus)
    source = "data/articles/negotiations.txt, repeated"
    docs = [open("data/articles/negotiations.txt", encoding="utf-8").read()]
lines = [json.dumps({"id": "", "text": d})[len('{"id": ""'):] for d in docs]
avg = sum(len(d.encode()) for d in docs) / len(docs)
print("documents: %s, %.1f KB on average" % (source, avg / 1000))
print("machine: %d online CPUs, load average %.1f at the start (figures are noisy when it"
      " is above the CPU count)" % (os.cpu_count(), os.getloadavg()[0]))


def stream(n, out):
    """Write n JSON lines to the file object out, cycling through the texts."""
    buf = []
    for i in range(n):
        buf.append('{"id": "doc-%d"%s\n' % (i, lines[i % len(lines)]))
        if len(buf) == 256:
            out.write("".join(buf).encode())
            buf = []
    out.write("".join(buf).encode())


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd, path):
    c0, t0 = cpu_children(), time.monotonic()
    with open(path, "rb") as f:
        subprocess.run(cmd, stdin=f, stdout=subprocess.DEVNULL, check=False)
    return time.monotonic() - t0, cpu_children() - c0


# ---- throughput: a file of 5,000 documents, so the generator costs nothing
n = 5000
tmp = tempfile.NamedTemporaryFile(prefix="argmap-bench-", suffix=".jsonl", delete=False)
stream(n, tmp)
tmp.close()
mb = os.path.getsize(tmp.name) / 1e6
text_mb = sum(len(docs[i % len(docs)].encode()) for i in range(n)) / 1e6
base, _ = timed(["cat"], tmp.name)
res = {}
for j in (1, 2):
    best = None
    for _ in range(3):  # best of three: the machine is shared
        wall, cpu = timed([binary, "batch", "-q", "-j", str(j), "-"], tmp.name)
        if best is None or wall < best[0]:
            best = (wall, cpu)
    res[j] = best
os.unlink(tmp.name)
print("\nthroughput over %d documents (%.1f MB of text, %.1f MB of JSON Lines):" % (n, text_mb, mb))
print("  baseline: cat of the stream            %7.3f s" % base)
for j in (1, 2):
    wall, cpu = res[j]
    print("  --jobs %d: %6.3f s wall, %6.3f s CPU   %8.0f docs/s  %6.1f MB/s  %6.1f MB/s per CPU-second"
          % (j, wall, cpu, n / wall, text_mb / wall, text_mb / cpu if cpu else 0))
print("  per core (--jobs 1): %.0f documents/s, %.1f MB/s" % (n / res[1][0], text_mb / res[1][0]))
print("  speed-up --jobs 2 over --jobs 1: %.2fx (on %d online CPUs, shared)"
      % (res[1][0] / res[2][0], os.cpu_count()))


# ---- memory: generated on the fly into a pipe
def status(pid, key):
    try:
        for line in open("/proc/%d/status" % pid):
            if line.startswith(key):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid):
    try:
        return [int(x) for x in open("/proc/%d/task/%d/children" % (pid, pid)).read().split()]
    except OSError:
        return []


def measure(n):
    p = subprocess.Popen([binary, "batch", "-q", "-j", "2", "-"], stdin=subprocess.PIPE,
                         stdout=subprocess.DEVNULL)
    peak = {"parent": 0, "worker": 0, "sum": 0}
    done = threading.Event()

    def sample():
        while not done.is_set():
            kids = children(p.pid)
            peak["parent"] = max(peak["parent"], status(p.pid, "VmHWM"))
            for k in kids:
                peak["worker"] = max(peak["worker"], status(k, "VmHWM"))
            peak["sum"] = max(peak["sum"], status(p.pid, "VmRSS") +
                              sum(status(k, "VmRSS") for k in kids))
            time.sleep(0.05)

    th = threading.Thread(target=sample)
    th.start()
    t0 = time.monotonic()
    stream(n, p.stdin)
    p.stdin.close()
    p.wait()
    wall = time.monotonic() - t0
    done.set()
    th.join()
    return wall, peak, p.returncode


print("\npeak memory, --jobs 2, documents generated on the fly:")
for n in sizes:
    wall, peak, rc = measure(n)
    print("  %7d documents: %6.1f s, exit %d; parent %6.1f MB, largest worker %6.1f MB, "
          "all processes %6.1f MB" % (n, wall, rc, peak["parent"] / 1024, peak["worker"] / 1024,
                                      peak["sum"] / 1024))
EOF
