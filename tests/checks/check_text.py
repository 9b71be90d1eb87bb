"""Sentences, units and dates on the sample article and the fixtures:
properties that must hold whatever later stages do with them.

- every sentence and unit slices back to its text; sentences lie inside
  their paragraph and units inside their sentence, in text order, without
  overlap; the units of a sentence cover all of its words;
- abbreviations do not end sentences ("U.S.", "Gen.", "i.e.");
- a quotation of several sentences is split inside, its closing mark staying
  with its last sentence;
- discourse markers open units and are recorded ("Thus", "In other words",
  "but", "although");
- the dated paragraphs get their ISO dates, as the text writes them (the
  article says "December 17, 2022" where it means 2021: the output says
  2022-12-17), partial dates take the year before them, "last November" is
  relative to the latest explicit date.
"""
import json
import re
import subprocess
import sys

from checkutil import ARGMAP, report, finish

SAMPLE = "data/articles/negotiations.txt"
INPUTS = [SAMPLE, "data/fixtures/article.md", "data/fixtures/article.html",
          "data/fixtures/crlf-bom.txt"]


def analyze(path):
    run = subprocess.run(ARGMAP + ["analyze", "-q", path], capture_output=True)
    if run.returncode:
        report("analyze " + path, "exit %d: %s" % (run.returncode, run.stderr.decode()))
        return None
    return json.loads(run.stdout)


def structure(path, doc):
    src = open(path, "rb").read()
    paras = {p["id"]: p for p in doc["document"]["paragraphs"]}
    sents = {s["id"]: s for s in doc["sentences"]}
    bad = []
    text_fmt = doc["document"]["format"] == "text"
    prev = -1
    for s in doc["sentences"]:
        p = paras[s["paragraph"]]
        if not p["start"] <= s["start"] < s["end"] <= p["end"]:
            bad.append("%s outside %s" % (s["id"], p["id"]))
        if s["start"] < prev:
            bad.append("%s overlaps the sentence before" % s["id"])
        prev = s["end"]
        if text_fmt and src[s["start"]:s["end"]].decode() != s["text"]:
            bad.append("%s does not slice to its text" % s["id"])
        if s["text"] != s["text"].strip():
            bad.append("%s has white space at an end" % s["id"])
    report("sentences " + path, "; ".join(bad[:3]) if bad else None)

    bad = []
    prev = -1
    words = {}
    for u in doc["units"]:
        s = sents[u["sentence"]]
        if not s["start"] <= u["start"] < u["end"] <= s["end"]:
            bad.append("%s crosses %s" % (u["id"], s["id"]))
        if u["paragraph"] != s["paragraph"]:
            bad.append("%s: paragraph differs from its sentence's" % u["id"])
        if u["start"] < prev:
            bad.append("%s overlaps the unit before" % u["id"])
        prev = u["end"]
        if text_fmt and src[u["start"]:u["end"]].decode() != u["text"]:
            bad.append("%s does not slice to its text" % u["id"])
        m = u["marker"]
        if m and not u["start"] <= m["start"] < m["end"] <= u["end"]:
            bad.append("%s: marker outside the unit" % u["id"])
        words[u["sentence"]] = words.get(u["sentence"], "") + " " + u["text"]
    for sid, s in sents.items():
        if re.findall(r"\w+", s["text"]) != re.findall(r"\w+", words.get(sid, "")):
            bad.append("the units of %s do not cover its words" % sid)
    report("units " + path, "; ".join(bad[:3]) if bad else None)


docs = {}
for path in INPUTS:
    d = analyze(path)
    if d:
        docs[path] = d
        structure(path, d)

doc = docs.get(SAMPLE)
if not doc:
    sys.exit(1)
texts = [s["text"] for s in doc["sentences"]]

ends = [t for t in texts if re.search(r"\b(U\.S\.|Gen\.|i\.e\.)$", t)]
report("abbreviations end no sentence", "; ".join(ends) if ends else None)
for want in ["But the U.S. didn't need peace between Russia and Ukraine.",
             "Thus, the United States disrupted the negotiations in Belarus."]:
    report("sentence %r" % want[:30], None if want in texts else "not a sentence")
gen = [t for t in texts if "Gen. Mark Milley" in t]
report("Gen. Mark Milley in one sentence", None if len(gen) == 1 else "%d sentences" % len(gen))
ie = [t for t in texts if t.startswith("On February 26, i.e. on the second day")]
report("i.e. inside a sentence", None if ie else "the sentence is cut")

# Zelensky's quotation of three sentences: split inside, » with the last one.
q = [t for t in texts if "ceasefire" in t]
report("quote over sentences", None if q == ["We need to discuss the ceasefire.»"] else repr(q))
report("no sentence starts with a closing mark",
       None if not [t for t in texts if t[0] in "»”"] else "a sentence starts with » or ”")

units = doc["units"]
report("title is a unit of kind none",
       None if units[0]["kind"] == "none" and units[0]["text"] == doc["document"]["title"]["text"]
       and units[0]["question"] else repr(units[0]))


def unit_with(prefix):
    return [u for u in units if u["text"].startswith(prefix)]


for prefix, marker in [("Thus, the United States", "Thus"),
                       ("In other words, if the United States", "In other words"),
                       ("but each time the United States", "but"),
                       ("although not so long ago", "although"),
                       ("This is evidenced by", "This is evidenced by")]:
    us = unit_with(prefix)
    ok = len(us) == 1 and us[0]["marker"] and us[0]["marker"]["text"] == marker
    report("unit %r, marker %r" % (prefix[:20], marker), None if ok else repr(us))
qs = [u["text"] for u in units if u["question"]]
report("questions", None if "Is it far-sighted?" in qs and "What will happen to you?" in qs
       and not [t for t in qs if not t.rstrip("»”\"").endswith("?")] else repr(qs))

dates = doc["dates"]
isos = [d["iso"] for d in dates]
want = ["2022-12-17", "2022-01-26", "2022-02-17", "2022-02-24", "2022-02-25", "2022-02-26",
        "2022-02-27", "2022-02-25", "2022-03-06", "2022-03/2022-04"]
report("dated paragraphs in order", None if isos[:len(want)] == want else repr(isos))
paras = {p["id"]: p["text"] for p in doc["document"]["paragraphs"]}
bad = []
uid = {u["id"]: u for u in units}
for d in dates:
    u = uid.get(d["unit"]) if d["unit"] else None
    if not u or not u["start"] <= d["start"] < d["end"] <= u["end"]:
        bad.append("%s not inside its unit" % d["id"])
    elif u["date"] is None:
        bad.append("%s has no date" % u["id"])
for pid, t in paras.items():
    m = re.match(r"On (January|February|March) \d+", t)
    if m and not [d for d in dates if d["text"].startswith(m.group(0)[3:])
                  and uid[d["unit"]]["paragraph"] == pid]:
        bad.append("%s (%s) has no date" % (pid, m.group(0)))
report("dates attached to units", "; ".join(bad[:3]) if bad else None)
inferred = {d["text"]: d["year_inferred"] for d in dates}
report("explicit and inferred years",
       None if inferred.get("December 17, 2022") is False and inferred.get("January 26") is True
       and inferred.get("March and early April 2022") is False else repr(inferred))
last = [d for d in dates if d["text"] == "last November"]
report("last November", None if last and last[0]["iso"] == "2022-11" and last[0]["precision"] ==
       "month" and last[0]["year_inferred"] else repr(last))
finish()
