"""`argmap batch` and `argmap aggregate`: output independent of --jobs, error
records for bad inputs, directory order, resume after a kill, a clean stop
on SIGTERM, crashed and hung workers, the GNU parallel --pipe contract, and
the corpus figures."""
import json
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
import time

import jsonschema

from checkutil import ARGMAP, report, finish

TMP = tempfile.mkdtemp(prefix="argmap-batch-")


def run(args, stdin=b"", env=None, timeout=60):
    e = dict(os.environ)
    if env:
        e.update(env)
    return subprocess.run(ARGMAP + args, input=stdin, capture_output=True, env=e,
                          timeout=timeout)


def lines(data):
    """Parse JSON Lines; raises on a torn or invalid line."""
    text = data.decode("utf-8")
    if text and not text.endswith("\n"):
        raise ValueError("output does not end with a newline")
    return [json.loads(x) for x in text.splitlines()]


def jsonl(records):
    return "".join(json.dumps(r) + "\n" for r in records).encode()


# A small corpus: the sample article and fixtures, and many generated docs
# of different sizes so that workers finish out of order.
corpus = os.path.join(TMP, "corpus")
os.makedirs(os.path.join(corpus, "sub", "deeper"))
for i in range(60):
    body = ("Paragraph %d of a generated article. " % i) * (1 + (i * 37) % 200)
    folder = corpus if i % 3 == 0 else os.path.join(corpus, "sub" if i % 3 == 1 else "sub/deeper")
    with open(os.path.join(folder, "doc%02d.txt" % i), "w") as f:
        f.write("Title %d\n\n%s\n" % (i, body))
inputs = ["data/articles/negotiations.txt", "data/fixtures", corpus]
ARTICLE_EXT = (".txt", ".md", ".markdown", ".html", ".htm")
n_fixtures = sum(1 for root, dirs, files in os.walk("data/fixtures")
                 for f in files if f.lower().endswith(ARTICLE_EXT) and not f.startswith("."))

# --- 1. the same bytes whatever --jobs is ----------------------------------
outs = {}
for j in (1, 2, 3):
    r = run(["batch", "-q", "--jobs", str(j)] + inputs)
    outs[j] = r
if outs[1].stdout and outs[1].stdout == outs[2].stdout == outs[3].stdout:
    report("batch output identical for --jobs 1, 2, 3")
else:
    report("batch output identical for --jobs 1, 2, 3", "outputs differ")
try:
    recs = lines(outs[1].stdout)
    n_docs = 1 + n_fixtures + 60  # sample, fixtures with a known extension, generated
    if len(recs) != n_docs:
        raise ValueError("%d records, expected %d" % (len(recs), n_docs))
    bad = [r["id"] for r in recs if "error" in r]
    if bad != ["data/fixtures/invalid-utf8.txt"]:
        raise ValueError("error records for %s" % bad)
    if outs[1].returncode != 3:
        raise ValueError("exit %d with a failed document, expected 3" % outs[1].returncode)
    s = recs[0]["summary"]
    for key in ("document", "sentences", "units", "evidence", "quotes", "sources",
                "relations", "unsupported_claims", "major_claim", "analysis"):
        if key not in s:
            raise ValueError("summary lacks %s" % key)
    if s["document"]["bytes"] != os.path.getsize(inputs[0]):
        raise ValueError("summary bytes %s" % s["document"]["bytes"])
    report("one record per document, error record for invalid UTF-8, exit 3")
except (ValueError, KeyError) as e:
    report("one record per document, error record for invalid UTF-8, exit 3", str(e))

r = run(["batch", "-q", "--exit-zero", "data/fixtures"])
report("--exit-zero", None if r.returncode == 0 and b'"error"' in r.stdout
       else "exit %d" % r.returncode)

# every record of the runs above against docs/batch-record.schema.json
SCHEMA = json.load(open("docs/batch-record.schema.json"))
try:
    for rec in lines(outs[1].stdout):
        jsonschema.validate(rec, SCHEMA)
    report("records valid against docs/batch-record.schema.json")
except (ValueError, jsonschema.ValidationError) as e:
    report("records valid against docs/batch-record.schema.json", str(e)[:300])

# --- 2. directory order: sorted by bytes, recursive, by extension ---------
tree = os.path.join(TMP, "tree")
for p in ["b.txt", "B.html", "a.txt", "a/z.md", "a/Y.MARKDOWN", ".hidden.txt", "c.pdf",
          "d/e/f.htm", ".git/x.txt", "a b.txt"]:
    full = os.path.join(tree, p)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write("Some text for %s.\n" % p)
os.symlink(os.path.join(tree, "d"), os.path.join(tree, "link-to-d"))
r = run(["batch", "-q", tree])
want = [os.path.join(tree, p) for p in
        ["B.html", "a/Y.MARKDOWN", "a/z.md", "a b.txt", "a.txt", "b.txt", "d/e/f.htm"]]
try:
    got = [x["id"] for x in lines(r.stdout)]
    report("directory walk order", None if got == want else "got %s" % got)
except ValueError as e:
    report("directory walk order", str(e))

# --- 3. error records for bad stdin lines ----------------------------------
bad_input = b"".join([
    b'{"id": "ok1", "text": "A fine article.\\n\\nWith two paragraphs."}\n',
    b'{"id": "missing", "path": "no/such/file.txt"}\n',
    b'{"id": "bad-utf8", "text": "caf\xe9"}\n',
    b'this is not json\n',
    b'{"id": "dup", "text": "a", "text": "b"}\n',
    b'{"id": 7, "text": "number id"}\n',
    b'{"id": "both", "text": "a", "path": "b"}\n',
    b'\n',
    b'{"id": "nul", "text": "a\\u0000b"}\n',
    b'{"id": "big", "text": "' + b"x" * 5000 + b'"}\n',
    b'{"id": "invalid-file", "path": "data/fixtures/invalid-utf8.txt"}\n',
    b'{"id": "ok2", "path": "data/fixtures/article.md"}\n',
])
r = run(["batch", "-q", "--max-bytes", "4K", "-"], stdin=bad_input)
try:
    recs = lines(r.stdout)
    want = [("ok1", None, None), ("missing", "EIO", 2), (None, "EPARSE", 3),
            (None, "EPARSE", 4), (None, "EPARSE", 5), (None, "EPARSE", 6),
            ("both", "EPARSE", 7), ("nul", "EPARSE", 9), (None, "ELIMIT", 10),
            ("invalid-file", "EPARSE", 11), ("ok2", None, None)]
    got = [(x["id"], x.get("error", {}).get("code"), x.get("line")) for x in recs]
    if got != want:
        raise ValueError("got %s" % got)
    msgs = {x["line"]: x["error"]["message"] for x in recs if "error" in x}
    for line, words in [(5, "duplicate key"), (6, "must be a string"), (3, "UTF-8"),
                        (4, "not valid JSON"), (9, "u0000"), (10, "limit")]:
        if not msgs[line].startswith("line %d: " % line) or words not in msgs[line]:
            raise ValueError("line %d message: %s" % (line, msgs[line]))
    if r.returncode != 3:
        raise ValueError("exit %d, expected 3" % r.returncode)
    for x in recs:
        jsonschema.validate(x, SCHEMA)
    report("error records for bad stdin lines (line numbers, codes, messages)")
except (ValueError, KeyError, jsonschema.ValidationError) as e:
    report("error records for bad stdin lines (line numbers, codes, messages)", str(e)[:300])

# --- 4. --full carries the same map as analyze ----------------------------
r = run(["batch", "-q", "--full", "data/articles/negotiations.txt"])
a = run(["analyze", "-q", "--compact", "data/articles/negotiations.txt"])
try:
    rec = lines(r.stdout)[0]
    same = rec["map"] == json.loads(a.stdout)
    report("--full map equals analyze", None if same else "maps differ")
except (ValueError, KeyError) as e:
    report("--full map equals analyze", str(e))

# --- 5. a crashed worker and a hung one ------------------------------------
ids = sorted(x for x in os.listdir(corpus) if x.endswith(".txt"))
victim = os.path.join(corpus, ids[3])
clean = run(["batch", "-q", "-j", "2", corpus]).stdout
for kind, code, words, jobs in [("crash", "EIO", "signal", 1), ("crash", "EIO", "signal", 2),
                                ("hang", "ELIMIT", "timed out", 2)]:
    r = run(["batch", "-q", "-j", str(jobs), "--timeout", "1", corpus],
            env={"ARGMAP_BATCH_FAULT": "%s:%s" % (kind, victim)})
    try:
        recs = lines(r.stdout)
        base = lines(clean)
        if len(recs) != len(base):
            raise ValueError("%d records, expected %d" % (len(recs), len(base)))
        for x, y in zip(recs, base):
            if x["id"] == victim:
                if x.get("error", {}).get("code") != code or words not in x["error"]["message"]:
                    raise ValueError("victim record %s" % x)
            elif x != y:
                raise ValueError("record for %s changed" % x["id"])
        if r.returncode != 3:
            raise ValueError("exit %d" % r.returncode)
        report("%s worker (--jobs %d): error record, replaced, run goes on" % (kind, jobs))
    except (ValueError, KeyError) as e:
        report("%s worker (--jobs %d): error record, replaced, run goes on" % (kind, jobs),
               str(e))

# --- 6. SIGTERM mid-run: whole lines, then --resume finishes the job -------
docs = [{"id": "doc-%03d" % i, "text": "Article %d.\n\nIt says things, %d of them." % (i, i)}
        for i in range(80)]
stream = jsonl(docs)
full = run(["batch", "-q", "-"], stdin=stream).stdout
out = os.path.join(TMP, "stopped.jsonl")


def stop_mid_run(sig):
    """Stop a run stuck at doc-040 (a hung worker) with sig; check the file."""
    name = "%s mid-run leaves whole lines in input order, exit %d" % (sig.name, 128 + sig)
    env = dict(os.environ, ARGMAP_BATCH_FAULT="hang:doc-040")
    if os.path.exists(out):
        os.unlink(out)
    p = subprocess.Popen(ARGMAP + ["batch", "-q", "-j", "2", "-o", out, "-"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=env)
    p.stdin.write(stream)
    p.stdin.flush()
    deadline = time.time() + 20
    while time.time() < deadline:  # wait until it is stuck at doc-040
        if os.path.exists(out) and open(out, "rb").read().count(b"\n") >= 40:
            break
        time.sleep(0.05)
    time.sleep(0.2)
    p.send_signal(sig)
    try:
        p.wait(timeout=10)
        recs = lines(open(out, "rb").read())
        got = [x["id"] for x in recs]
        if got != ["doc-%03d" % i for i in range(40)]:
            raise ValueError("ids %s" % got[:5])
        if p.returncode != 128 + sig:
            raise ValueError("exit %d, expected %d" % (p.returncode, 128 + sig))
        report(name)
    except (ValueError, subprocess.TimeoutExpired) as e:
        p.kill()
        report(name, str(e))
    finally:
        p.stdin.close()
        p.stdout.close()
        p.stderr.close()


stop_mid_run(signal.SIGINT)
stop_mid_run(signal.SIGTERM)
r = run(["batch", "-q", "--resume", "-o", out, "-"], stdin=stream)
report("--resume after SIGTERM completes to a single run's output",
       None if r.returncode == 0 and open(out, "rb").read() == full
       else "exit %d, output differs" % r.returncode)

# a torn last line, as SIGKILL or a power cut leaves it
body = full.split(b"\n")
torn = b"\n".join(body[:25]) + b"\n" + body[25][: len(body[25]) // 2]
with open(out, "wb") as f:
    f.write(torn)
r = run(["batch", "--resume", "-j", "2", "-o", out, "-"], stdin=stream)
report("--resume cuts a torn last line and finishes",
       None if r.returncode == 0 and open(out, "rb").read() == full
       and b"incomplete last line" in r.stderr and b"55 analysed" in r.stderr
       and b"25 already done" in r.stderr
       else "exit %d: %s" % (r.returncode, r.stderr.decode()[-300:]))

# a resumed run refuses a file that is not batch output
with open(out, "wb") as f:
    f.write(b'{"something": "else"}\n')
r = run(["batch", "-q", "--resume", "-o", out, "-"], stdin=stream)
report("--resume refuses a foreign file",
       None if r.returncode == 3 and open(out, "rb").read() == b'{"something": "else"}\n'
       else "exit %d" % r.returncode)

# --- 7. GNU parallel --pipe: merged chunks equal one run -------------------
if shutil.which("parallel"):
    cmd = ("parallel --will-cite --pipe -k -N 7 -j 2 %s batch -q -j 1 -"
           % " ".join(shlex.quote(x) for x in ARGMAP))
    r = subprocess.run(cmd, shell=True, input=stream, capture_output=True, timeout=120)
    report("GNU parallel --pipe output equals a single run",
           None if r.returncode == 0 and r.stdout == full else "exit %d, differs" % r.returncode)
else:
    report("GNU parallel --pipe output equals a single run",
           "parallel not installed (scripts/install-deps.sh installs it)")

# the Hadoop/Spark recipe of docs/batch.md: an archive unpacked in the task's
# working folder, the mapper command line run from there
if not os.environ.get("RUNNER"):
    stage = os.path.join(TMP, "stage")
    os.makedirs(os.path.join(stage, "bin"))
    os.makedirs(os.path.join(stage, "share", "argmap"))
    shutil.copy(ARGMAP[-1], os.path.join(stage, "bin", "argmap"))
    shutil.copytree("models", os.path.join(stage, "share", "argmap", "models"))
    task = os.path.join(TMP, "task")
    os.makedirs(task)
    subprocess.run(["tar", "-C", stage, "-czf", os.path.join(TMP, "argmap.tgz"), "bin", "share"],
                   check=True)
    os.makedirs(os.path.join(task, "argmap"))  # what -archives argmap.tgz#argmap does
    subprocess.run(["tar", "-C", os.path.join(task, "argmap"), "-xzf",
                    os.path.join(TMP, "argmap.tgz")], check=True)
    mapper = ("argmap/bin/argmap batch -q -j 1 --exit-zero "
              "--models argmap/share/argmap/models -")
    r = subprocess.run(mapper, shell=True, cwd=task, input=stream, capture_output=True,
                       env=dict(os.environ, OMP_NUM_THREADS="1"), timeout=60)
    report("mapper from an unpacked archive (docs/batch.md recipe)",
           None if r.returncode == 0 and r.stdout == full else "exit %d: %s"
           % (r.returncode, r.stderr.decode()[-200:]))

# --- 8. usage errors --------------------------------------------------------
for args, why in [(["batch"], "no input"), (["batch", "-j", "0", "x"], "bad --jobs"),
                  (["batch", "--resume", "x"], "resume without -o"),
                  (["batch", "-", "-"], "two stdins")]:
    r = run(args)
    want = 3 if why == "resume without -o" else 2
    report("usage: " + why, None if r.returncode == want and not r.stdout
           else "exit %d" % r.returncode)

# --- 9. aggregate -----------------------------------------------------------
def summary(units, claims, ev, cited, unsupported=None, depth=None):
    s = {"document": {"bytes": 1000}, "units": {"total": units, "claim": claims,
                                                 "evidence": units - claims},
         "evidence": ev, "quotes": {"total": sum(c[2] for c in cited)},
         "sources": {"total": len(cited),
                     "cited": [{"name": n, "kind": k, "quotes": q} for n, k, q in cited]}}
    if unsupported is not None:
        s["unsupported_claims"] = unsupported
    s["analysis"] = None if depth is None else {"support_depth": depth}
    return s


records = [
    {"id": "a", "summary": summary(10, 4, {"testimony": 3, "statistic": 3},
                                   [("Alice", "person", 3), ("Reuters", "media", 1)], 2, 3)},
    {"id": "b", "summary": summary(6, 3, {"testimony": 1, "event": 2},
                                   [("Alice", "person", 1)], 3, 5)},
    {"id": "c", "error": {"code": "EPARSE", "message": "bad"}},
    {"id": "d", "summary": summary(5, 2, {"report": 3}, [("Bob", "person", 5)], 0, None)},
    {"id": "e", "summary": summary(4, 4, {}, [], None, 5)},
]
res = os.path.join(TMP, "results.jsonl")
with open(res, "wb") as f:
    f.write(jsonl(records))
r = run(["aggregate", "--json", res])
try:
    g = json.loads(r.stdout)
    checks = [
        (g["documents"]["total"], 5), (g["documents"]["failed"], 1),
        (g["documents"]["failures"], {"EPARSE": 1}),
        (g["evidence_mix"]["testimony"], 4), (g["evidence_mix"]["report"], 3),
        ([(s["name"], s["quotes"], s["documents"]) for s in g["most_cited_sources"]],
         [("Bob", 5, 1), ("Alice", 4, 2), ("Reuters", 1, 1)]),
        (g["unsupported_claims"]["documents"], 3), (g["unsupported_claims"]["missing"], 1),
        (g["unsupported_claims"]["mean"], round(5 / 3, 4)),
        ([x["id"] for x in g["unsupported_claims"]["most"]], ["b", "a"]),
        ([(x["id"], x["depth"]) for x in g["support_depth"]["ranked"]],
         [("b", 5), ("e", 5), ("a", 3)]),
        (g["support_depth"]["missing"], 1),
    ]
    wrong = [(got, want) for got, want in checks if got != want]
    report("aggregate --json figures", "got/expected %s" % wrong if wrong else None)
except (ValueError, KeyError) as e:
    report("aggregate --json figures", str(e))

r = run(["aggregate", "--top", "1", res])
t = r.stdout.decode()
report("aggregate text", None if r.returncode == 0 and "1. Bob (person): 5 quotations in 1 "
       "documents" in t and "2. Alice" not in t and "1. b: depth 5" in t
       else "exit %d:\n%s" % (r.returncode, t))

with open(res, "ab") as f:
    f.write(b'{"id": "torn", "summ')
r = run(["aggregate", "--json", res])
try:
    g = json.loads(r.stdout)
    ok = r.returncode == 3 and g["documents"]["total"] == 5 and b"line 6" in r.stderr
    report("aggregate reports a bad line and still prints figures",
           None if ok else "exit %d" % r.returncode)
except ValueError as e:
    report("aggregate reports a bad line and still prints figures", str(e))

# on real batch output, the graph stage's figures are read from every record
r = run(["aggregate", "--json"], stdin=outs[1].stdout)
try:
    g = json.loads(r.stdout)
    depths = [d["depth"] for d in g["support_depth"]["ranked"]]
    ok = (r.returncode == 0 and g["documents"]["total"] == 61 + n_fixtures
          and g["documents"]["failed"] == 1
          and g["support_depth"]["missing"] == 0
          and g["support_depth"]["documents"] == 60 + n_fixtures
          and g["unsupported_claims"]["missing"] == 0 and len(depths) == 10
          and depths == sorted(depths, reverse=True))
    report("aggregate on batch output", None if ok else "exit %d: %s" % (r.returncode, g))
except (ValueError, KeyError) as e:
    report("aggregate on batch output", str(e))

# --render: one drawing per document, in a file named from its id; the
# records are those of a run without drawings; a file per document, parsed.
import xml.etree.ElementTree as ET  # noqa: E402
maps = os.path.join(TMP, "maps")
docs = ["data/articles/negotiations.txt", "data/fixtures/article.md", "data/fixtures/article.html"]
r = run(["batch", "-q", "--jobs", "2", "--render", "svg", "--out-dir", maps] + docs)
plain = run(["batch", "-q", "--jobs", "1"] + docs)
try:
    files = sorted(os.listdir(maps))
    if r.returncode != 0 or r.stdout != plain.stdout:
        raise ValueError("exit %d, records differ from a run without --render" % r.returncode)
    if len(files) != 3 or any(not f.endswith(".svg") or ".tmp." in f for f in files):
        raise ValueError("files: %s" % files)
    for f in files:
        ET.parse(os.path.join(maps, f))
    if not any(f.startswith("data_articles_negotiations.txt-") for f in files):
        raise ValueError("no file named from the sample's id: %s" % files)
    report("--render svg --out-dir: one parsed drawing per document")
except (ValueError, OSError, ET.ParseError) as e:
    report("--render svg --out-dir: one parsed drawing per document", str(e))
r = run(["batch", "-q", "--render", "svg"] + docs[:1])
report("--render without --out-dir is a usage error",
       None if r.returncode == 2 and b"go together" in r.stderr else "exit %d" % r.returncode)

shutil.rmtree(TMP, ignore_errors=True)
finish()
