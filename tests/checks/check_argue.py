"""Argument structure in the command's output.

Always: relations point at existing nodes, sources only back units that
carry their quotations, undercuts target relations, and every argumentative
unit reaches the major claim or is listed in "disconnected" (on the sample
article and on a short text with gold units).

On the sample article, once the text stages (sentences, quotes, units) are
in the pipeline: the claim that the United States disrupted the
negotiations in Belarus is backed by the State Department spokesman's
quotation, and each of the three negotiation attempts is in the graph with
its own support or as an unsupported unit. Before those stages exist the
map has no units (or, for the quotation, no quotes) and this part reports a
SKIP (as "ok ... # SKIP")."""
import json
import subprocess

from checkutil import ARGMAP, report, finish

SAMPLE = "data/articles/negotiations.txt"


def analyze(args):
    run = subprocess.run(ARGMAP + ["analyze", "-q"] + args, capture_output=True)
    if run.returncode != 0:
        raise RuntimeError("exit %d: %s" % (run.returncode, run.stderr.decode()))
    return json.loads(run.stdout)


def invariants(name, d):
    units = {u["id"]: u for u in d["units"]}
    sources = {s["id"] for s in d["sources"]}
    rels = {r["id"]: r for r in d["relations"]}
    quotes = {q["id"]: q for q in d["quotes"]}
    out = {}
    for r in d["relations"]:
        f, t = r["from"], r["to"]
        if f.startswith("S"):
            if f not in sources or t not in units:
                return report(name, "%s: a source relation with a bad end" % r["id"])
            if not any(q["source"] == f and q["unit"] == t for q in quotes.values()):
                return report(name, "%s: %s backs %s, which carries none of its quotations"
                              % (r["id"], f, t))
            continue
        if f not in units:
            return report(name, "%s: from %s is not a unit" % (r["id"], f))
        if r["type"] == "undercut":
            if t not in rels:
                return report(name, "%s: an undercut must target a relation" % r["id"])
        elif t not in units:
            return report(name, "%s: to %s is not a unit" % (r["id"], t))
        if units[f]["kind"] == "none" or (t in units and units[t]["kind"] == "none"):
            return report(name, "%s: a unit that argues nothing is in the graph" % r["id"])
        out.setdefault(f, []).append(t)
    major = d["major_claim"]
    disc = set(d["disconnected"])
    for uid, u in units.items():
        if u["kind"] == "none":
            continue
        seen, todo, ok = set(), [uid], False
        while todo:
            x = todo.pop()
            if x == major:
                ok = True
                break
            if x in seen:
                continue
            seen.add(x)
            for y in out.get(x, []):
                todo.append(rels[y]["from"] if y in rels else y)
        if ok == (uid in disc):
            return report(name, "%s: reaches the major claim: %s, listed disconnected: %s"
                          % (uid, ok, uid in disc))
    report(name)


def supporters(d, node):
    """Every node with a chain of supports ending at node."""
    back = {}
    for r in d["relations"]:
        if r["type"] == "support":
            back.setdefault(r["to"], []).append(r["from"])
    seen, todo = set(), [node]
    while todo:
        x = todo.pop()
        for y in back.get(x, []):
            if y not in seen:
                seen.add(y)
                todo.append(y)
    return seen


def unit_with(d, text):
    for u in d["units"]:
        if text in u["text"]:
            return u
    return None


def sample_checks(d):
    belarus(d)
    attempts(d)


def belarus(d):
    claim = unit_with(d, "disrupted the negotiations in Belarus")
    quote = next((q for q in d["quotes"] if q["content"] and
                  "We are now seeing Moscow" in q["content"]["text"]), None)
    if claim is None or claim["kind"] != "claim":
        report("argue-sample-belarus", "no claim unit on disrupting the talks in Belarus")
    elif quote is None or quote["unit"] is None:
        report("argue-sample-belarus", "the spokesman's quotation or its unit is missing")
    else:
        back = supporters(d, claim["id"])
        src = quote["source"]
        names = {s["id"]: s["name"] for s in d["sources"]}
        if quote["unit"] not in back:
            report("argue-sample-belarus", "%s (the quotation) does not back %s"
                   % (quote["unit"], claim["id"]))
        elif src is None or "Price" not in names.get(src, "") or src not in back:
            report("argue-sample-belarus", "the spokesman (Ned Price) does not back %s"
                   % claim["id"])
        else:
            report("argue-sample-belarus")


def attempts(d):
    disc = set(d["disconnected"])
    seen, why = set(), None
    for text in ["hold talks in Belarus", "flew to Moscow", "third time in Istanbul"]:
        u = unit_with(d, text)
        if u is None or u["kind"] == "none":
            why = "no argumentative unit for '%s'" % text
        elif u["id"] in disc:
            why = "'%s' (%s) is disconnected" % (text, u["id"])
        elif u["id"] in seen:
            why = "two attempts share unit %s" % u["id"]
        if why:
            break
        seen.add(u["id"])
    report("argue-sample-attempts", why)


try:
    d = analyze([SAMPLE])
    invariants("argue-invariants " + SAMPLE, d)
    sample_checks(d)
    g = analyze(["--units", "data/argue/short.units", "data/argue/short.txt"])
    invariants("argue-invariants gold units", g)
    if g["major_claim"] is None or len(g["relations"]) != len(g["units"]) - 1:
        report("argue-short-tree", "a short text must decode to one tree: %d relations, %d units"
               % (len(g["relations"]), len(g["units"])))
    else:
        report("argue-short-tree")
except (RuntimeError, ValueError) as e:
    report("argue", str(e))
finish()
