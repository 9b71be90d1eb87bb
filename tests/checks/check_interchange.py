"""AIF round trips (AIF -> argmap -> AIF keeps every node, edge, locution
and participant with its id; argmap -> AIF -> argmap -> AIF is a fixed
point) and GraphML that XML tools read, with every attribute declared and
typed, for the interchange fixtures."""
import json
import subprocess
import tempfile

from checkutil import ARGMAP, report, finish
import xml.etree.ElementTree as ET

AIF = ["data/fixtures/aif/simple.json", "data/fixtures/aif/dialogue.json",
       "data/fixtures/aif/special.json"]
OTHER = ["data/fixtures/microtext/tiny.xml", "data/articles/negotiations.txt"]


def convert(args, data=None):
    run = subprocess.run(ARGMAP + ["convert", "-q"] + args, capture_output=True, input=data)
    if run.returncode != 0:
        raise RuntimeError("convert %s: exit %d: %s" % (" ".join(args), run.returncode,
                                                        run.stderr.decode()))
    return run.stdout


def nodeset(d):
    return d["AIF"] if "AIF" in d else d


def strip_nulls(items):
    return sorted(json.dumps({k: v for k, v in x.items() if v is not None}, sort_keys=True)
                  for x in items)


def canon(d):
    d = nodeset(d)
    nodes = sorted((str(n["nodeID"]), n["type"], n.get("text", ""), n.get("timestamp"),
                    n.get("scheme"), n.get("schemeID")) for n in d["nodes"])
    edges = sorted((str(e.get("edgeID")), str(e["fromID"]), str(e["toID"])) for e in d["edges"])
    return nodes, edges


def norm_ids(items):
    out = []
    for x in items:
        out.append({k: (str(v) if k.endswith("ID") and v is not None else v) for k, v in x.items()})
    return out


tmp = tempfile.mkdtemp()
for path in AIF:
    try:
        orig = json.load(open(path))
        back = json.loads(convert(["-f", "aif", path]))
    except Exception as e:  # noqa: BLE001 - reported as a failure
        report("aif round trip " + path, str(e))
        continue
    (n1, e1), (n2, e2) = canon(orig), canon(back)
    if n1 != n2:
        report("aif round trip nodes " + path, "lost %s, added %s"
               % (sorted(set(n1) - set(n2))[:3], sorted(set(n2) - set(n1))[:3]))
    else:
        report("aif round trip nodes " + path)
    if e1 != e2:
        report("aif round trip edges " + path, "lost %s, added %s"
               % (sorted(set(e1) - set(e2))[:3], sorted(set(e2) - set(e1))[:3]))
    else:
        report("aif round trip edges " + path)
    o, b = nodeset(orig), nodeset(back)
    if strip_nulls(norm_ids(o.get("locutions", []))) != strip_nulls(b.get("locutions", [])) or \
            strip_nulls(norm_ids(o.get("participants", []))) != strip_nulls(b.get("participants", [])):
        report("aif round trip dialogue " + path, "locutions or participants differ")
    else:
        report("aif round trip dialogue " + path)

# argmap's own maps: AIF, read back, AIF again: the same bytes.
for path in OTHER + AIF:
    try:
        a1 = convert(["-f", "aif", path])
        a2 = convert(["-f", "aif", "-t", "aif", "-"], a1)
        report("aif fixed point " + path, None if a1 == a2 else "second export differs")
    except Exception as e:  # noqa: BLE001
        report("aif fixed point " + path, str(e))

# argmap JSON read back and written again: the same bytes (for articles
# analysed from text, also the same as what analyze wrote).
for path in AIF + OTHER + ["data/fixtures/article.md", "data/fixtures/article.html"]:
    try:
        if path.endswith((".txt", ".md", ".html")):
            run = subprocess.run(ARGMAP + ["analyze", "-q", path], capture_output=True)
            j1 = run.stdout
        else:
            j1 = convert(["-f", "json", path])
        j2 = convert(["-f", "json", "-t", "json", "-"], j1)
        j3 = convert(["-f", "json", "-"], j2)
        same = j2 == j3 and (j1 == j2 or not path.endswith((".txt", ".xml", ".json")))
        report("json fixed point " + path, None if same else "the JSON changes when read back")
    except Exception as e:  # noqa: BLE001
        report("json fixed point " + path, str(e)[:300])

# The microtext fixture as AIF: a node per unit, RA/CA per relation.
try:
    d = json.loads(convert(["-f", "aif", "data/fixtures/microtext/tiny.xml"]))
    types = sorted(n["type"] for n in d["nodes"])
    want = sorted(["I"] * 6 + ["RA"] * 2 + ["CA"] * 4)
    # c2 undercuts c1, and c6 (add) joins c2 as its second premise
    into = sorted(e["fromID"] for e in d["edges"] if e["toID"] == "c2")
    undercut = [e for e in d["edges"] if e["toID"] == "c1"]
    if types != want or len(undercut) != 2 or into != ["a2", "a3"]:
        report("aif of a microtext", "types %s, edges into c1 %d, into c2 %s" % (types, len(undercut), into))
    else:
        report("aif of a microtext")
except Exception as e:  # noqa: BLE001
    report("aif of a microtext", str(e))

# The JSON of an imported map follows the schema like an analysed one, and
# its offsets slice its document's text.
import jsonschema  # noqa: E402
SCHEMA = json.load(open("docs/schema.json"))
for path in AIF + OTHER[:1]:
    try:
        m = json.loads(convert(["-f", "json", path]))
        jsonschema.validate(m, SCHEMA)
        text = {p["id"]: p for p in m["document"]["paragraphs"]}
        why = None
        for u in m["units"]:
            p = text[u["paragraph"]]
            lo, hi = u["start"] - p["start"], u["end"] - p["start"]
            piece = p["text"].encode()[lo:hi].decode()
            if piece != u["text"]:
                why = "%s: %r at %d-%d, text %r" % (u["id"], piece, u["start"], u["end"], u["text"])
                break
        report("json of imported " + path, why)
    except Exception as e:  # noqa: BLE001
        report("json of imported " + path, str(e)[:300])

# GraphML
NS = "{http://graphml.graphdrawing.org/xmlns}"
CASTS = {"string": str, "double": float, "int": int, "long": int,
         "boolean": lambda v: {"true": True, "false": False}[v]}
for path in AIF + OTHER:
    try:
        m = json.loads(convert(["-f", "json", path]))
        root = ET.fromstring(convert(["-f", "graphml", path]))
    except Exception as e:  # noqa: BLE001
        report("graphml " + path, str(e))
        continue
    keys = {k.get("id"): k for k in root.iter(NS + "key")}
    why = None
    for el in root.iter():
        for data in el.findall(NS + "data"):
            k = keys.get(data.get("key"))
            where = el.tag.replace(NS, "")
            if k is None:
                why = "undeclared key %s" % data.get("key")
            elif k.get("for") != where:
                why = "key %s is for %s, used on %s" % (k.get("id"), k.get("for"), where)
            else:
                try:
                    CASTS[k.get("attr.type")](data.text or "")
                except (KeyError, ValueError):
                    why = "key %s: %r is not %s" % (k.get("id"), data.text, k.get("attr.type"))
    graph = root.find(NS + "graph")
    nodes = {n.get("id"): n for n in graph.findall(NS + "node")}
    edges = graph.findall(NS + "edge")
    touched = {r["from"] for r in m["relations"]} | {r["to"] for r in m["relations"]}
    units = [u for u in m["units"] if u["kind"] != "none" or u["id"] in touched]
    targets = {r["to"] for r in m["relations"] if r["to"].startswith("r")}
    if not why and len(nodes) != len(units) + len(m["sources"]) + len(targets):
        why = "%d nodes for %d units, %d sources, %d undercut inferences" % (
            len(nodes), len(units), len(m["sources"]), len(targets))
    if not why and len(edges) != len(m["relations"]):
        why = "%d edges for %d relations" % (len(edges), len(m["relations"]))
    for e in edges:
        if not why and (e.get("source") not in nodes or e.get("target") not in nodes):
            why = "edge %s ends outside the graph" % e.get("id")
    for u in units:
        if why:
            break
        text = [d.text for d in nodes[u["id"]].findall(NS + "data") if d.get("key") == "n_text"]
        want = "".join(c if c >= " " or c in "\t\n\r" else " " for c in u["text"])
        if text != [want]:
            why = "%s: text %r, want %r" % (u["id"], text, want)
    report("graphml " + path, why)
finish()
