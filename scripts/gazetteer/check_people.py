#!/usr/bin/env python3
"""Checks the curated people table (crates/geoevents-extract/data/curated/people.tsv).

Lists single-word name forms ("Putin") that are at risk of matching something else:
English dictionary words, common US given names or family names (the same census bars
as the city filter in generate.py), gazetteer places and state names, and any name form
claimed by two different actor codes. It prints findings; a person decides. Run with the
generator's venv (see README.md):

    /tmp/gazvenv/bin/python scripts/gazetteer/check_people.py
"""

import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "crates", "geoevents-extract", "data")


def rows(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            yield line.split("\t")


def main():
    try:
        import english_words
        import names
        import wordfreq
    except ImportError:
        sys.exit("needs the generator's requirements (english-words, names, wordfreq)")
    web2 = english_words.get_english_words_set(["web2"], lower=True)
    census = {}
    for kind in ("dist.male.first", "dist.female.first", "dist.all.last"):
        path = os.path.join(os.path.dirname(names.__file__), kind)
        with open(path) as f:
            for line in f:
                parts = line.split()
                census.setdefault(parts[0].lower(), []).append((kind, float(parts[1])))
    places = {r[0] for r in rows(os.path.join(DATA, "places.tsv"))}
    for r in rows(os.path.join(DATA, "places.tsv")):
        places.update(n for n in r[-1].split("|") if n)
    for r in rows(os.path.join(DATA, "states.tsv")):
        places.update(n for field in r[8:] for n in field.split("|") if n)
    owner = {}
    findings = 0
    for r in rows(os.path.join(DATA, "curated", "people.tsv")):
        code, names_field = r[0], r[3]
        for name in names_field.split("|"):
            if name in owner and owner[name] != code:
                print(f"{name}: claimed by {owner[name]} and {code} (the first row wins)")
                findings += 1
            owner.setdefault(name, code)
            if " " in name:
                continue
            lower = name.lower()
            reasons = []
            if lower in web2 and wordfreq.zipf_frequency(lower, "en") >= 3.0:
                reasons.append("English word")
            for kind, pct in census.get(lower, []):
                bar = 0.002 if kind == "dist.all.last" else 0.01
                if pct >= bar:
                    reasons.append(f"census {kind} {pct}%")
            if name in places:
                reasons.append("gazetteer place or state name")
            if reasons:
                print(f"{name} ({code}): {', '.join(reasons)}")
                findings += 1
    print(f"{findings} finding(s)")


if __name__ == "__main__":
    main()
