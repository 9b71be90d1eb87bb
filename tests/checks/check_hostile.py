"""Hostile inputs: each ends in a result or a clear error (exit 3 and a
message that names the input and what was wrong), within the documented
limits (docs/limits.md), with peak memory and time measured per run.

Sizes: 0 bytes; one line of 8 MiB through the whole analysis (the 64 MiB
line goes through loading and sentences in tests/unit/test_hostile.c, as
the whole analysis of it takes ~7 s and 470 MB); 10^5 paragraphs; 10^4
nested and unbalanced quotes; invalid and overlong UTF-8; NUL; bidirectional
controls; text built to break JSON, GraphML, Argdown, AIF (and DOT, SVG,
HTML); deeply
nested JSON; AIF with a million edges. Large inputs are generated here,
never committed.

Under a RUNNER (valgrind) the large sizes and the limits they meet are
divided by 64, so the suite stays within its time, and memory bounds are
not asserted (valgrind's own memory is in the figure); the names say
"(reduced)"."""
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

ARGMAP = shlex.split(os.environ.get("ARGMAP", "build/argmap"))
REDUCED = len(ARGMAP) > 1  # a runner such as valgrind wraps the binary
SCALE = 64 if REDUCED else 1
SUFFIX = " (reduced)" if REDUCED else ""
MODELS = ["--models", "models"]
TMP = tempfile.mkdtemp(prefix="argmap-hostile-")
failures = 0
FIGURES = []


def report(name, why=None):
    global failures
    if why is None:
        print("ok", name + SUFFIX)
    else:
        failures += 1
        print("not ok %s: %s" % (name + SUFFIX, why))


def run(args, stdin=b"", timeout=300):
    """Run argmap; return (code, stdout, stderr, seconds, 0)."""
    t0 = time.monotonic()
    p = subprocess.Popen(ARGMAP + args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    try:
        out, err = p.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        return -999, out, err, timeout, 0
    return p.returncode, out, err, time.monotonic() - t0, 0


def run_rss(args, stdin=b"", timeout=300):
    """Like run, with the peak RSS in MB of this run alone (measured in a
    fresh Python process, whose only child it is)."""
    code = ("import os,resource,subprocess,sys,time\n"
            "t=time.monotonic()\n"
            "p=subprocess.run(sys.argv[2:],input=open(sys.argv[1],'rb').read(),"
            "capture_output=True)\n"
            "s=time.monotonic()-t\n"
            "r=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024.0\n"
            "sys.stdout.buffer.write(b'%d %f %f\\n' % (p.returncode, s, r)"
            " + p.stdout)\n"
            "sys.stderr.buffer.write(p.stderr)\n")
    inp = os.path.join(TMP, "stdin")
    with open(inp, "wb") as f:
        f.write(stdin)
    try:
        p = subprocess.run([sys.executable, "-c", code, inp] + ARGMAP + args,
                           capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return -999, b"", b"timed out", timeout, 0
    head, _, out = p.stdout.partition(b"\n")
    rc, secs, rss = head.split()
    return int(rc), out, p.stderr, float(secs), float(rss)


def write(name, data):
    path = os.path.join(TMP, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def rss_over(rss, bound):
    """Peak RSS above bound MB; never under a runner."""
    return not REDUCED and rss > bound


def figure(name, secs, rss):
    FIGURES.append("%s: %.2f s, peak RSS %.0f MB" % (name, secs, rss))


def slices_ok(m, source):
    """Every unit's offsets slice its text back out of the source bytes."""
    for u in m["units"]:
        s, e = u["start"], u["end"]
        if not (0 <= s <= e <= len(source)):
            return "unit %s: offsets %d-%d outside %d bytes" % (u["id"], s, e, len(source))
        if source[s:e].decode("utf-8") != u["text"]:
            return "unit %s: text does not slice back" % u["id"]
    return None


def clear_error(code, err, want):
    """Exit 3 and a message containing every string in want."""
    msg = err.decode("utf-8", "replace")
    if code != 3:
        return "exit %d, want 3 (stderr: %s)" % (code, msg[:200])
    for w in want:
        if w not in msg:
            return "message %r lacks %r" % (msg[:300], w)
    return None


# ------------------------------------------------------------- 0 bytes
empty = write("empty.txt", b"")
code, out, err, _, _ = run(["analyze"] + MODELS + [empty])
try:
    m = json.loads(out)
    report("empty-analyze", None if code == 0 and m["units"] == [] else
           "exit %d, units %r" % (code, m.get("units")))
except ValueError as e:
    report("empty-analyze", "not JSON: %s" % e)
for fmt in ("aif", "json", "microtext"):
    code, out, err, _, _ = run(["convert", "-t", fmt, "-f", "json", empty])
    report("empty-import-" + fmt, clear_error(code, err, [empty]))
code, out, err, _, _ = run(["batch", "-q", "-j", "1"] + MODELS + ["-"], b"")
report("empty-batch", None if code == 0 and out == b"" else "exit %d, output %r" % (code, out[:100]))
code, out, err, _, _ = run(["aggregate", "-"], b"")
report("empty-aggregate", None if code == 0 and b"documents" in out else
       "exit %d, output %r" % (code, out[:200]))

# ----------------------------------------------- one long line, 8 MiB here
words = b"the city air cars street people shops "
size = (8 << 20) // SCALE
line = (words * (size // len(words) + 1))[:size]
path = write("line.txt", line)
code, out, err, secs, rss = run_rss(["analyze", "--compact"] + MODELS + [path])
figure("analyze, one line of %d bytes" % size, secs, rss)
try:
    m = json.loads(out)
    why = slices_ok(m, line) if code == 0 else "exit %d: %s" % (code, err[:200])
    if why is None and not m["units"]:
        why = "no unit"
    if why is None and rss_over(rss, 40 * size / 1e6 + 100):
        why = "peak RSS %.0f MB for %d bytes" % (rss, size)
    report("one-line-analysis", why)
except ValueError as e:
    report("one-line-analysis", "not JSON (exit %d): %s" % (code, e))
# Over the limit: a clear error, found before reading it all.
half = str(size // 8)
code, out, err, secs, rss = run_rss(["analyze", "--max-bytes", half] + MODELS + [path])
report("one-line-over-max-bytes", clear_error(code, err, [path, "--max-bytes"]))
code, out, err, secs, rss = run_rss(["analyze", "--max-bytes", half] + MODELS + ["-"], line)
report("one-line-over-max-bytes-stdin", clear_error(code, err, ["--max-bytes"]) or
       (None if not rss_over(rss, 60) else "peak RSS %.0f MB reading stdin past the limit" % rss))

# ---------------------------------------------------- 10^5 paragraphs
# The whole analysis of 10^5 paragraphs, with its figures; the JSON of them
# is ~33 times the input (89 MB, ~800 MB and 10 s to build with cJSON), so
# the JSON is checked on 10^4 paragraphs.
n = 100000 // SCALE
text = b"".join(b"Paragraph %d says little.\n\n" % i for i in range(n))
path = write("paras.txt", text)
code, out, err, secs, rss = run_rss(["analyze", "-q", "--summary"] + MODELS + [path])
figure("analyze --summary, %d paragraphs" % n, secs, rss)
want = b"paragraphs: %d" % n
report("paragraphs-1e5", None if code == 0 and want in out else
       "exit %d, %r not in %r" % (code, want, out[:300]))
n = 10000 // SCALE
text = b"".join(b"Paragraph %d says little.\n\n" % i for i in range(n))
path = write("paras-json.txt", text)
code, out, err, secs, rss = run_rss(["analyze", "--compact"] + MODELS + [path])
figure("analyze (JSON), %d paragraphs" % n, secs, rss)
try:
    m = json.loads(out)
    why = None if code == 0 else "exit %d: %s" % (code, err[:200])
    if why is None and len(m["document"]["paragraphs"]) != n:
        why = "%d paragraphs, want %d" % (len(m["document"]["paragraphs"]), n)
    report("paragraphs-1e4-json", why or slices_ok(m, text))
except ValueError as e:
    report("paragraphs-1e4-json", "not JSON (exit %d): %s" % (code, e))
code, out, err, _, _ = run(["analyze", "--max-units", str(n // 10)] + MODELS + [path])
report("paragraphs-max-units", clear_error(code, err, [path, "--max-units"]))

# ------------------------------------------ 10^4 nested / unbalanced quotes
cases = {
    "straight": b'"' * 10000 + b" The tax is fair. " + b'"' * 10000,
    "nested-curly": "\u201c".encode() * 10000 + b"The tax is fair." + "\u201d".encode() * 10000,
    "unbalanced-open": ("\u201c" * 10000 + " said Ann. The tax is fair.").encode(),
    "unbalanced-close": ("The tax is fair." + "\u201d" * 10000).encode(),
    "alternating": ("".join("\u201c\u2018" for _ in range(5000)) + "Deep." +
                    "".join("\u2019\u201d" for _ in range(5000))).encode(),
    "guillemets": ("\u00ab" * 10000 + "Non." + "\u00bb" * 9999).encode(),
}
for name, data in cases.items():
    path = write("quotes-%s.txt" % name, b"Title\n\n" + data + b"\n")
    code, out, err, secs, rss = run(["analyze", "--compact"] + MODELS + [path])
    try:
        m = json.loads(out)
        report("quotes-" + name, (None if code == 0 else "exit %d" % code) or
               slices_ok(m, b"Title\n\n" + data + b"\n"))
    except ValueError as e:
        report("quotes-" + name, "not JSON (exit %d): %s %s" % (code, e, err[:200]))

# ---------------------------------------- invalid and overlong UTF-8, NUL
bad = {
    "overlong-slash": b"\xc0\xaf",
    "overlong-3": b"\xe0\x80\xaf",
    "overlong-4": b"\xf0\x80\x80\xaf",
    "overlong-nul": b"\xc0\x80",
    "surrogate": b"\xed\xa0\x80",
    "above-10ffff": b"\xf4\x90\x80\x80",
    "lone-continuation": b"\x80",
    "truncated": b"\xe2\x82",
    "ff": b"\xff\xfe",
}
for name, seq in bad.items():
    data = b"The tax is fair. " + seq + b" It is small.\n"
    path = write("bad-%s.txt" % name, data)
    code, out, err, _, _ = run(["analyze"] + MODELS + [path])
    report("utf8-" + name, clear_error(code, err, [path, "byte 17", "UTF-8"]))
    code, out, err, _, _ = run(["analyze", "--compact", "--replace-invalid"] + MODELS + [path])
    try:
        out.decode("utf-8")
        m = json.loads(out)
        ok = code == 0 and "\ufffd" in json.dumps(m["document"], ensure_ascii=False)
        report("utf8-replaced-" + name, None if ok else "exit %d or no U+FFFD" % code)
    except ValueError as e:
        report("utf8-replaced-" + name, "exit %d, output not UTF-8 JSON: %s" % (code, e))
path = write("nul.txt", b"The tax is fair.\x00 It is small.\n")
code, out, err, _, _ = run(["analyze"] + MODELS + [path])
report("nul-analyze", clear_error(code, err, [path, "byte 16", "NUL"]))
code, out, err, _, _ = run(["batch", "-q", "-j", "1"] + MODELS + ["-"],
                           b'{"id":"n","text":"a\\u0000b"}\n')
try:
    rec = json.loads(out)
    report("nul-batch-escape", None if rec.get("error", {}).get("code") == "EPARSE" else
           "record %r" % rec)
except ValueError as e:
    report("nul-batch-escape", "exit %d, not a record: %s" % (code, e))
for fmt in ("aif", "microtext"):
    src = open("data/fixtures/aif/simple.json" if fmt == "aif" else
               "data/fixtures/microtext/tiny.xml", "rb").read()
    path = write("nul." + fmt, src[:40] + b"\x00" + src[40:])
    code, out, err, _, _ = run(["convert", "-t", fmt, "-f", "json", path])
    report("nul-import-" + fmt, clear_error(code, err, [path]))

# ---------------------------------------------------- bidirectional controls
# Kept in the text as they are (JSON shows the characters themselves, as
# UTF-8, like any other; a JSON reader gives back the exact input), and
# never reorder anything: units stay in the order of their offsets.
BIDI = "\u202e\u202d\u202a\u202b\u202c\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
text = ("Title\n\nThe city \u202eshould ban cars\u202c because the air is bad. "
        "\u2067Shops\u2069 fear \u200flosses. The \u2066trial\u2069 works.\n\n"
        "Thus a \u202dtrial\u202c is right." + BIDI + "\n").encode()
path = write("bidi.txt", text)
code, out, err, _, _ = run(["analyze", "--compact"] + MODELS + [path])
try:
    m = json.loads(out)
    why = (None if code == 0 else "exit %d" % code) or slices_ok(m, text)
    starts = [u["start"] for u in m["units"]]
    if why is None and starts != sorted(starts):
        why = "units out of offset order: %r" % starts
    joined = "".join(u["text"] for u in m["units"])
    if why is None and not all(c in joined or c in BIDI[-12:] for c in "\u202e\u2067\u2066\u202d"):
        why = "a bidi control was dropped from the units"
    if why is None and "\u202e".encode() not in out:
        why = "U+202E not shown as itself in the JSON"
    report("bidi-kept-in-order", why)
except ValueError as e:
    report("bidi-kept-in-order", "not JSON (exit %d): %s" % (code, e))

# --------------------------------- text built to break the output formats
NASTY = ('He said "stop" \\ and \\" then </script><script>alert(1)</script> '
         '<!-- --> ]]> &amp; & <b>x</b> {"a": 1} -> +> [x]: <x> #tag @[y] \u202e '
         "' \"\"\" digraph { a -> b } ]; node [label=\"x\"]")
doc = ("Title with <script>alert('t')</script> & \"quotes\"\n\n"
       "The city should ban cars, because " + NASTY + ".\n\n"
       "\"" + NASTY + ",\" said Dr. <img src=x onerror=alert(1)> Lopez.\n").encode()
path = write("nasty.txt", doc)
outs = {}
for fmt in ("json", "aif", "graphml", "argdown"):
    code, out, err, _, _ = run(["convert", "-t", "text", "-f", fmt] + MODELS + [path])
    outs[fmt] = out
    why = None if code == 0 else "exit %d: %s" % (code, err[:200])
    if why is None:
        try:
            if fmt in ("json", "aif"):
                m = json.loads(out)
                texts = [u["text"] for u in m["units"]] if fmt == "json" else \
                    [n["text"] for n in m["nodes"] if n.get("type") == "I"]
                if not any("</script><script>" in t for t in texts):
                    why = "the markup did not come through as text"
                if fmt == "json" and why is None:
                    why = slices_ok(m, doc)
            elif fmt == "graphml":
                root = ET.fromstring(out)
                tags = {el.tag.split("}")[-1] for el in root.iter()}
                if tags & {"script", "img", "b"}:
                    why = "markup became elements: %r" % (tags & {"script", "img", "b"})
                elif not any("</script><script>" in (el.text or "") for el in root.iter()):
                    why = "the markup did not come through as text"
            else:
                # Argdown: no unit text may open a relation or a statement of
                # its own; every line is a heading, a statement, a relation,
                # data or blank (tests/checks/check_argdown.py parses it).
                for ln in out.decode("utf-8").splitlines():
                    if ln.strip().startswith(("<script", "digraph")):
                        why = "unescaped line %r" % ln
                        break
        except (ValueError, ET.ParseError) as e:
            why = "%s output does not parse: %s" % (fmt, e)
    report("markup-" + fmt, why)
# Round trip: the JSON read back gives the same JSON.
if outs.get("json"):
    jpath = write("nasty.json", outs["json"])
    code, out, err, _, _ = run(["convert", "-t", "json", "-f", "json", jpath])
    report("markup-json-roundtrip", None if code == 0 and json.loads(out) == json.loads(outs["json"])
           else "exit %d or different after a round trip" % code)
# Render (DOT, SVG: `render -T FMT`; HTML: `report`): article text built to
# break the markup is drawn as text.
def check_drawing(name, args, fmt):
    dest = os.path.join(TMP, "nasty." + fmt)
    if os.path.exists(dest):
        os.remove(dest)
    code, out, err, _, _ = run(args + ["-o", dest] + MODELS + [path])
    why = None if code == 0 else "exit %d: %s" % (code, err[:200])
    data = open(dest, "rb").read() if why is None and os.path.exists(dest) else b""
    if why is None and not data:
        why = "no output"
    text = data.decode("utf-8", "replace")
    # In DOT a <script> inside a quoted label is only text; SVG and HTML
    # must escape it.
    if why is None and fmt != "dot" and "<script>alert" in text:
        why = "a <script> from the text reached the %s output unescaped" % fmt
    if why is None and fmt == "svg":
        try:
            root = ET.fromstring(data)
            if any(el.tag.split("}")[-1] in ("script", "img") for el in root.iter()):
                why = "markup became SVG elements"
        except ET.ParseError as e:
            why = "SVG does not parse: %s" % e
    if why is None and fmt == "dot" and re.search(r"label\s*=\s*<[^>]*<script", text):
        why = "the text became an HTML-like DOT label"
    if why is None and fmt == "dot":
        # Scan DOT's quoted strings (a backslash escapes the next character,
        # also a newline: Graphviz continues long strings that way). The
        # text must not end a string early: the scan ends outside one, and
        # the braces outside strings balance.
        in_str, depth, k = False, 0, 0
        while k < len(text):
            ch = text[k]
            if in_str:
                if ch == "\\":
                    k += 1
                elif ch == '"':
                    in_str = False
            elif ch == '"':
                in_str = True
            elif ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            k += 1
        if in_str or depth != 0:
            why = "the DOT does not scan: a string or a brace is left open"
    report(name, why)


import re
for fmt in ("dot", "svg"):
    check_drawing("markup-render-" + fmt, ["render", "-T", fmt], fmt)
check_drawing("markup-render-html", ["report"], "html")

# ---------------------------------------------------- deeply nested JSON
deep = b"[" * (1000000 // SCALE) + b"]" * (1000000 // SCALE)
for fmt in ("aif", "json"):
    path = write("deep-%s.json" % fmt, deep if fmt == "aif" else b'{"schema":"argmap/1.0","x":' + deep + b"}")
    code, out, err, secs, rss = run_rss(["convert", "-t", fmt, "-f", "json", path])
    report("deep-json-" + fmt, clear_error(code, err, [path, "nested deeper than 64"]))
code, out, err, _, _ = run(["batch", "-q", "-j", "1"] + MODELS + ["-"],
                           b'{"id":"d","text":"x","deep":' + deep[:200000] + b"}\n")
try:
    rec = json.loads(out)
    report("deep-json-batch-line", None if rec.get("error", {}).get("code") in ("EPARSE", "ELIMIT")
           else "record %r" % rec)
except ValueError as e:
    report("deep-json-batch-line", "exit %d, not a record: %s" % (code, e))
code, out, err, _, _ = run(["aggregate", "-"], b'{"id":"d","summary":' + deep[:200000] + b"}\n")
report("deep-json-aggregate", None if code == 3 and b"line 1" in err else
       "exit %d, stderr %r" % (code, err[:200]))
# Many values in little nesting: counted before cJSON builds them.
wide = b"[" + b"1," * (30000000 // SCALE) + b"1]"
path = write("wide.json", wide)
code, out, err, secs, rss = run_rss(["convert", "-t", "aif", "-f", "json", path])
figure("convert, %d MB of '1,'" % (len(wide) >> 20), secs, rss)
report("wide-json-bounded", clear_error(code, err, [path]) or
       (None if not rss_over(rss, 300) else "peak RSS %.0f MB" % rss))

# ------------------------------------------------- AIF with a million edges
ne = 1000000 // SCALE
ni = 1000
nodes = ['{"nodeID":"i%d","text":"claim %d","type":"I"}' % (i, i) for i in range(ni)]
edges = []
k = 0
while len(edges) < ne:
    nodes.append('{"nodeID":"r%d","type":"RA"}' % k)
    edges.append('{"fromID":"i%d","toID":"r%d"}' % (k % ni, k))
    edges.append('{"fromID":"r%d","toID":"i%d"}' % (k, (k * 7 + 1) % ni))
    k += 1
aif = ('{"nodes":[' + ",".join(nodes) + '],"edges":[' + ",".join(edges) + "]}").encode()
path = write("million.json", aif)
code, out, err, secs, rss = run_rss(["convert", "-t", "aif", "-f", "json", "-o",
                                     os.path.join(TMP, "million.out"), path])
figure("convert, AIF with %d edges (%d MB)" % (ne, len(aif) >> 20), secs, rss)
if REDUCED:  # 15,625 edges fit the default limits: a result
    why = None if code == 0 else "exit %d: %s" % (code, err[:200])
else:
    why = clear_error(code, err, [path, "--max-nodes"])
if why is None and secs > 30:
    why = "took %.1f s" % secs
if why is None and rss_over(rss, 1000):
    why = "peak RSS %.0f MB" % rss
report("aif-million-edges", why)
# The same shape under the limit gives a result.
small = 20000 // SCALE
nodes2 = nodes[:ni] + ['{"nodeID":"r%d","type":"RA"}' % i for i in range(small // 2)]
aif2 = ('{"nodes":[' + ",".join(nodes2) + '],"edges":[' + ",".join(edges[:small]) + "]}").encode()
path = write("many.json", aif2)
code, out, err, secs, rss = run_rss(["convert", "-t", "aif", "-f", "json", "--compact", path])
figure("convert, AIF with %d edges" % small, secs, rss)
try:
    m = json.loads(out)
    report("aif-many-edges-result", None if code == 0 and len(m["relations"]) == small // 2 else
           "exit %d, %d relations" % (code, len(m.get("relations", []))))
except ValueError as e:
    report("aif-many-edges-result", "exit %d, not JSON: %s %s" % (code, e, err[:200]))

# ------------------------------------------- microtext with many elements
ne = 1000000 // SCALE
xml = ('<?xml version="1.0"?><arggraph id="x">' +
       "".join('<edu id="e%d">w</edu>' % i for i in range(ne)) + "</arggraph>").encode()
path = write("many.xml", xml)
code, out, err, secs, rss = run_rss(["convert", "-t", "microtext", "-f", "json", path])
figure("convert, microtext with %d elements (%d MB)" % (ne, len(xml) >> 20), secs, rss)
why = clear_error(code, err, [path, "--max-nodes"]) if not REDUCED else None
if why is None and rss_over(rss, 200):
    why = "peak RSS %.0f MB" % rss
report("microtext-million-elements", why)

# Entities: no expansion bomb, no file read through an external entity.
lol = ('<?xml version="1.0"?><!DOCTYPE arggraph [<!ENTITY a "aaaaaaaaaa">' +
       "".join('<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(9)) +
       ']><arggraph id="x"><edu id="e1">&j;</edu><adu id="a1" type="pro"/>'
       '<edge id="c1" src="e1" trg="a1" type="seg"/></arggraph>').encode()
path = write("lol.xml", lol)
code, out, err, secs, rss = run_rss(["convert", "-t", "microtext", "-f", "json", path], timeout=60)
figure("convert, microtext entity bomb", secs, rss)
report("microtext-entity-bomb", None if code in (0, 3) and not rss_over(rss, 200) and len(out) < 1 << 20 else
       "exit %d, peak RSS %.0f MB, %d bytes out" % (code, rss, len(out)))
secret = write("secret.txt", b"TOPSECRET-argmap")
xxe = ('<?xml version="1.0"?><!DOCTYPE arggraph [<!ENTITY x SYSTEM "file://%s">]>'
       '<arggraph id="x"><edu id="e1">a &x; b</edu><adu id="a1" type="pro"/>'
       '<edge id="c1" src="e1" trg="a1" type="seg"/></arggraph>' % secret).encode()
path = write("xxe.xml", xxe)
code, out, err, _, _ = run(["convert", "-t", "microtext", "-f", "json", path])
report("microtext-external-entity", None if b"TOPSECRET" not in out + err else
       "the external entity was read")

# Folders nested past 128 levels: an error record, not a deep recursion.
deepdir = os.path.join(TMP, "nest")
d = deepdir
for i in range(130):
    d = os.path.join(d, "d")
os.makedirs(d)
with open(os.path.join(d, "a.txt"), "w") as fh:
    fh.write("Title\n\nDeep.\n")
code, out, err, _, _ = run(["batch", "-q", "-j", "1"] + MODELS + [deepdir])
try:
    recs = [json.loads(x) for x in out.decode().splitlines()]
    ok = any("too deep" in r.get("error", {}).get("message", "") for r in recs)
    report("batch-folder-nesting", None if ok else "records %r" % recs[:3])
except ValueError as e:
    report("batch-folder-nesting", "exit %d, not JSON Lines: %s" % (code, e))

# compare: more than 2,000 claims in an article is a clear limit error.
many = b"".join(b"The city should ban cars in district %d.\n\n" % i for i in range(2101))
pa, pb = write("many-a.txt", many), write("many-b.txt", many)
code, out, err, _, _ = run(["compare"] + MODELS + [pa, pb])
report("compare-max-claims", clear_error(code, err, ["at most 2000 can be compared"]))

# The valgrind suppressions never cover argmap's own frames.
supp = open("tests/valgrind.supp").read()
ours = re.findall(r"^\s*(?:fun|obj):(\S*(?:am_|cli_|argmap|main\b)\S*)", supp, re.M)
report("valgrind-suppressions-not-ours", "names our frames: %r" % ours if ours else None)

for f in FIGURES:
    print("# " + f)
sys.exit(1 if failures else 0)
