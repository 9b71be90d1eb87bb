"""Quotations and sources of the sample article (data/articles/negotiations.txt).

The expectations are written from reading the article, not from the
program's output: every attributed quotation with its speaker, the scare
quotes and names that are not testimony, and the sources listed once each
with their aliases merged."""
import json
import subprocess

from checkutil import ARGMAP, report, finish

SAMPLE = "data/articles/negotiations.txt"


run = subprocess.run(ARGMAP + ["analyze", "-q", SAMPLE], capture_output=True)
if run.returncode != 0:
    report("analyze sample", "exit %d: %s" % (run.returncode, run.stderr.decode()[:300]))
    raise SystemExit(1)
doc = json.loads(run.stdout)
quotes = doc["quotes"]
sources = {s["id"]: s for s in doc["sources"]}


def source_of(q):
    return sources[q["source"]]["name"] if q["source"] else None


def find(fragment, indirect=None):
    """Quotations whose content holds fragment (marked ones first)."""
    out = [q for q in quotes if q["content"] and fragment in q["content"]["text"]
           and (indirect is None or q["indirect"] == indirect)]
    return out


# Testimony: the fragment of the quotation, and the source it must have.
TESTIMONY = [
    ("legally binding security guarantees, it will be forced to respond", "Russian Foreign Ministry"),
    ("I am a normal person, meet with me", "Vladimir Zelensky"),
    ("We are not afraid to talk to Russia, we are not afraid to talk about everything", "Vladimir Zelensky"),
    ("We have agreed that the Ukrainian delegation will meet", "Vladimir Zelensky"),
    ("We are now seeing Moscow offering to conduct diplomatic negotiations", "Ned Price"),
    ("keep striking at Putin", "Naftali Bennett"),
    ("Ukraine is the link between the West and the East", "Nicolas Sarkozy"),
    ("this powder keg will lead to terrible consequences", "Nicolas Sarkozy"),
    ("It's a conversation no one wants to have", "Iver Neumann"),
    ("You will have a shred (of territory) left", "Alexander Lukashenko"),
    ("Kiev is not ready to make concessions", "Aleksey Danilov"),
    ("We can change the sequence of points", "Aleksey Danilov"),
    ("Then we will have to sign an armistice", "Mihail Podolyak"),
    ("If we recognize that we're not going to do this forever", "another U.S. official"),
]
for fragment, who in TESTIMONY:
    qs = find(fragment, indirect=False)
    if not qs:
        report("quotation found: " + fragment, "missing")
        continue
    q = qs[0]
    if q["kind"] != "testimony":
        report("testimony: " + fragment, "kind %s" % q["kind"])
    elif source_of(q) != who:
        report("speaker of: " + fragment, "%s, expected %s" % (source_of(q), who))
    else:
        report("speaker of: %s -> %s" % (fragment, who))

# The block quotations (paragraphs that are a quotation).
for fragment in ["We have agreed that the Ukrainian delegation", "We are now seeing Moscow",
                 "Ukraine is the link between", "You will have a shred", "Then we will have to sign",
                 "If we recognize that"]:
    qs = find(fragment, indirect=False)
    report("block quotation: " + fragment, None if qs and qs[0]["block"] else "not a block")

# Reported speech without marks, with its speaker.
REPORTED = [
    ("he was ready to abandon the idea of Kiev joining NATO", "Vladimir Zelensky"),
    ("he managed to reach an understanding", "Naftali Bennett"),
    ("Naftali Bennett, then Israeli Prime Minister, flew to Moscow", "Israeli media"),
    ("Washington is increasingly aware of the reality", "an unnamed U.S. official"),
    ("there was growing concern in the Biden administration", "another U.S. official"),
    ("the return of Crimea to Ukraine is impossible", "Nicolas Sarkozy"),
]
for fragment, who in REPORTED:
    qs = find(fragment, indirect=True)
    if not qs:
        report("reported speech: " + fragment, "missing")
    elif source_of(qs[0]) != who:
        report("reported speech: " + fragment, "%s, expected %s" % (source_of(qs[0]), who))
    else:
        report("reported speech: %s -> %s" % (fragment, who))

# Echoes repeat an earlier testimony; names and scare quotes are no testimony.
KINDS = [
    ("military-technical measures", {"echo"}),
    ("not afraid to talk to Russia", {"echo"}),
    ("not afraid to talk about neutral status", {"echo"}),
    ("Arendal Week", {"name"}),
    ("Belarusian style", {"name"}),
    ("Zelensky's peace plan", {"name"}),
    ("peace plan", {"name"}),
    ("rocked", {"scare"}),
    ("heroic", {"scare"}),
    ("preliminary agreement", {"name", "scare"}),
]
for fragment, kinds in KINDS:
    qs = [q for q in find(fragment, indirect=False)
          if q["content"]["text"].strip(",.") == fragment]
    if not qs:
        report("kind of: " + fragment, "missing")
    elif qs[0]["kind"] not in kinds:
        report("kind of: " + fragment, "%s, expected %s" % (qs[0]["kind"], "/".join(sorted(kinds))))
    else:
        report("kind of: %s is %s" % (fragment, qs[0]["kind"]))
for q in quotes:
    if q["kind"] in ("scare", "name") and q["source"]:
        report("scare quotes and names have no source", q["content"]["text"])
        break
else:
    report("scare quotes and names have no source")

# Sources: listed once each, aliases merged, kinds and roles.
by_name = {}
for s in doc["sources"]:
    by_name.setdefault(s["name"], []).append(s)
for name, ss in by_name.items():
    if len(ss) > 1:
        report("source listed once: " + name, "%d times" % len(ss))
EXPECTED = [
    ("Vladimir Zelensky", "person", None, {"Zelensky", "Ukrainian President Vladimir Zelensky"}),
    ("Russian Foreign Ministry", "organisation", None, set()),
    ("Ned Price", "person", "State Department spokesman", set()),
    ("Israeli media", "media", None, set()),
    ("Naftali Bennett", "person", "Israeli Prime Minister", {"Bennett"}),
    ("Nicolas Sarkozy", "person", "former French President", {"Sarkozy"}),
    ("Stian Jenssen", "person", None, set()),
    ("Iver Neumann", "person", "director of the Nansen Institute", set()),
    ("Alexander Lukashenko", "person", "President", set()),
    ("Aleksey Danilov", "person", "secretary of Ukraine's National Security Council", set()),
    ("La Repubblica", "media", None, set()),
    ("Mihail Podolyak", "person", "adviser to the head of the Ukrainian president's office", set()),
    ("Le Point", "media", None, set()),
    ("Politiko", "media", None, set()),
    ("an unnamed U.S. official", "anonymous", None, set()),
    ("another U.S. official", "anonymous", None, set()),
    ("the author", "author", None, set()),
]
for name, kind, role, aliases in EXPECTED:
    ss = by_name.get(name)
    if not ss:
        report("source: " + name, "missing (have: %s)" % ", ".join(sorted(by_name)))
        continue
    s = ss[0]
    why = []
    if s["kind"] != kind:
        why.append("kind %s" % s["kind"])
    if role and s["role"] != role:
        why.append("role %r" % s["role"])
    if not aliases <= set(s["aliases"]):
        why.append("aliases %s" % s["aliases"])
    if not s["mentions"]:
        why.append("no mentions")
    report("source: " + name, "; ".join(why) or None)
# No alias of one source is the name of another (Zelensky is one source).
names = set(by_name)
clash = [a for s in doc["sources"] for a in s["aliases"] if a in names]
report("aliases merged", "also separate sources: %s" % clash if clash else None)
# Deterministic order: by first mention.
firsts = [s["mentions"][0]["start"] for s in doc["sources"] if s["mentions"]]
report("sources sorted by first mention", None if firsts == sorted(firsts) else "out of order")
# The author speaks for "I remember" and "In my opinion".
author = by_name.get("the author", [{}])[0]
report("author has two mentions", None if len(author.get("mentions", [])) == 2 else
       "%d mentions" % len(author.get("mentions", [])))

finish()
