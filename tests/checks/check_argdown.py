"""argmap's Argdown export, parsed by the Argdown command line (@argdown/cli,
installed with npm under tests/argdown/), gives a map with the same
statements, texts and relations as argmap's own JSON of the same map.

Without Node.js or npm this check prints "skip ..." (not "ok"), so it is
never counted as passed."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from checkutil import ARGMAP, report, finish

HERE = os.path.join("tests", "argdown")
CLI = os.path.join(HERE, "node_modules", ".bin", "argdown")
INPUTS = ["data/fixtures/microtext/tiny.xml", "data/fixtures/aif/simple.json",
          "data/fixtures/aif/dialogue.json", "data/fixtures/aif/special.json",
          "data/articles/negotiations.txt"]


def skip(why):
    print("skip argdown: %s" % why)
    sys.exit(0)


if not shutil.which("node"):
    skip("node not found; install Node.js and npm to check the Argdown export")
if not os.path.exists(CLI):
    if not shutil.which("npm"):
        skip("npm not found; run 'npm ci' in tests/argdown to check the Argdown export")
    run = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE,
                         capture_output=True, timeout=600)
    if run.returncode != 0 or not os.path.exists(CLI):
        skip("'npm ci' in tests/argdown failed (no network?): %s"
             % run.stderr.decode(errors="replace")[-300:])

TAG = re.compile(r"(\s+#[\w-]+)+\s*$")


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


tmp = tempfile.mkdtemp()
try:
    maps = {}
    for i, path in enumerate(INPUTS):
        name = "in%d" % i
        runs = [subprocess.run(ARGMAP + ["convert", "-q", "-f", fmt, path,
                                         "-o", os.path.join(tmp, name + ext)],
                               capture_output=True)
                for fmt, ext in (("json", ".map.json"), ("argdown", ".argdown"))]
        bad = [r for r in runs if r.returncode != 0]
        if bad:
            report("convert " + path, bad[0].stderr.decode())
            continue
        maps[name] = (path, json.load(open(os.path.join(tmp, name + ".map.json"))))
    out = os.path.join(tmp, "out")
    run = subprocess.run([CLI, "json", os.path.join(tmp, "*.argdown"), out],
                         capture_output=True, timeout=300)
    if run.returncode != 0:
        report("argdown json", run.stderr.decode(errors="replace")[-500:])
    for name, (path, m) in sorted(maps.items()):
        f = os.path.join(out, name + ".json")
        if not os.path.exists(f):
            report("argdown parses " + path, "no output " + f)
            continue
        ad = json.load(open(f))
        touched = {r["from"] for r in m["relations"]} | {r["to"] for r in m["relations"]}
        units = {u["id"]: u for u in m["units"] if u["kind"] != "none" or u["id"] in touched}
        # statements: one per unit, found by the id in their data
        by_title, texts, data = {}, {}, {}
        for title, st in ad["statements"].items():
            for mem in st["members"]:
                if mem.get("data", {}).get("id"):
                    by_title[title] = mem["data"]["id"]
                    texts[mem["data"]["id"]] = norm(TAG.sub("", mem.get("text", "")))
                    data[mem["data"]["id"]] = (mem["data"], set(mem.get("tags", [])))
        if set(by_title.values()) != set(units):
            report("argdown statements " + path, "ids %s, map has %s"
                   % (sorted(by_title.values()), sorted(units)))
        else:
            report("argdown statements " + path)
        wrong = [u for u in units if texts.get(u) != norm(units[u]["text"])]
        if wrong:
            u = wrong[0]
            report("argdown texts " + path, "%s: %r != %r" % (u, texts.get(u), units[u]["text"]))
        else:
            report("argdown texts " + path)
        # the data and tags of each statement say what the map says
        sources = {x["id"]: x["name"] for x in m["sources"]}
        quotes = {x["id"]: x for x in m["quotes"]}
        why = None
        for uid, u in sorted(units.items()):
            d, tags = data.get(uid, ({}, set()))
            speaker = u["source"] or (quotes[u["quote"]]["source"] if u["quote"] else None)
            want = {"id": uid, "kind": u["kind"], "span": "%d-%d" % (u["start"], u["end"])}
            if u["evidence"]:
                want["type"] = u["evidence"]
            if speaker:  # braces become parentheses: Argdown's data ends at a brace
                want["speaker"] = sources[speaker].replace("{", "(").replace("}", ")")
            want_tags = {"claim" if u["kind"] != "evidence" else "evidence"}
            want_tags |= {"major"} if u["major"] else set()
            want_tags |= {"quote"} if u["quote"] else set()
            if d != want or tags != want_tags:
                why = "%s: data %s tags %s, want %s %s" % (uid, d, sorted(tags), want,
                                                           sorted(want_tags))
                break
        report("argdown data and tags " + path, why)
        got = set()
        for r in ad["relations"]:
            frm = by_title.get(r["from"], r["from"])
            to = by_title.get(r["to"], r["to"])
            got.add((frm, r["relationType"], to))
        want = set()
        for r in m["relations"]:
            if not r["from"].startswith("u"):
                continue  # sources are speaker data, not statements
            want.add((r["from"], r["type"], r["to"]))
        if got != want:
            report("argdown relations " + path, "only in Argdown %s, only in the map %s"
                   % (sorted(got - want), sorted(want - got)))
        else:
            report("argdown relations " + path)
        paras = {"Paragraph %d" % int(units[u]["paragraph"][1:]) for u in units}
        heads = set()
        for s in ad.get("sections", []):
            stack = [s]
            while stack:
                x = stack.pop()
                heads.add(x.get("title", ""))
                stack.extend(x.get("children", []))
        if not paras <= heads:
            report("argdown headings " + path, "missing %s" % sorted(paras - heads))
        else:
            report("argdown headings " + path)
finally:
    shutil.rmtree(tmp)
finish()
