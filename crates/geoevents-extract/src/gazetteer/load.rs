//! Reads the gazetteer tables compiled into the crate (`data/*.tsv`, `data/curated/*`)
//! into actors, places and one list of (pattern, meaning) pairs for the automaton.
//!
//! The tables are tab-separated, one record a line, `#` starting a comment line, and
//! `|` separating the names of a list field. Generated tables come from
//! `scripts/gazetteer/generate.py`; curated ones are edited by hand.
//!
//! When two entries claim the same pattern, the first one loaded keeps it. The order is
//! the priority: people, organs and metonyms, curated state names, other actors,
//! shields, regions, generated state names, cities. So a
//! curated decision ("Congo" is DR Congo, "Gaza" is the Strip) beats generated data,
//! and any state name beats a city of the same name. Imported people come last: a name
//! of ours always wins, and theirs resolve by date (`Office`).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use geoevents_domain::{PlacePrecision, Sector};

use super::spelling::{demonym_plural, fold, hyphen_variants};
use super::{ActorEntry, ActorKind, Form, NameEntry, Office, PlaceEntry};

const STATES: &str = include_str!("../../data/states.tsv");
const PLACES: &str = include_str!("../../data/places.tsv");
const STATE_ALIASES: &str = include_str!("../../data/curated/state_aliases.tsv");
const ORGANS: &str = include_str!("../../data/curated/organs.tsv");
const ACTORS: &str = include_str!("../../data/curated/actors.tsv");
const PEOPLE: &str = include_str!("../../data/curated/people.tsv");
const OFFICES: &str = include_str!("../../data/curated/offices.tsv");
const OFFICE_TITLES: &str = include_str!("../../data/lexicon/offices.txt");
const REGIONS: &str = include_str!("../../data/curated/regions.tsv");
const SHIELDS: &str = include_str!("../../data/curated/shields.tsv");
const DEMONYM_ORGANS: &str = include_str!("../../data/curated/demonym_organs.tsv");
const PERSON_NAME_RISKS: &str = include_str!("../../data/curated/person_name_risks.txt");
const FOLD_DENY: &str = include_str!("../../data/curated/fold_deny.txt");
/// State people and the offices they held when, imported from PETRARCH-2's country actors.
const IMPORTED_OFFICES: &str = include_str!("../../data/imported/petrarch/leaders.tsv");
/// Words of titles ("president", "minister"): an imported name that carries one is left to
/// the title logic of the event pipeline.
const TITLES: &str = include_str!("../../data/lexicon/titles.txt");

/// Everything the loader produced, ready for the automaton.
pub(crate) struct Loaded {
    pub(crate) actors: Vec<ActorEntry>,
    pub(crate) places: Vec<PlaceEntry>,
    pub(crate) patterns: Vec<Cow<'static, str>>,
    pub(crate) names: Vec<NameEntry>,
    /// Nouns that turn a preceding demonym into an organ of its state ("Russian troops"),
    /// with the sector they imply.
    pub(crate) organ_nouns: HashMap<String, Option<Sector>>,
    /// Who held which office when, and the titles of the offices.
    pub(crate) offices: Offices,
    /// Rows of the tables that could not be used (unknown code, bad number); empty for
    /// the shipped data, which a test checks.
    pub(crate) problems: Vec<String>,
}

/// One holder of an office: from their first day to the day the next took over (`None`:
/// still in office).
struct Holding {
    from: NaiveDate,
    to: Option<NaiveDate>,
    name: &'static str,
}

/// Office holders (`curated/offices.tsv`) and the titles that name offices
/// (`lexicon/offices.txt`).
#[derive(Default)]
pub(crate) struct Offices {
    /// (actor, office) -> who held it when.
    holders: HashMap<(usize, &'static str), Vec<Holding>>,
    /// Title phrases as lower-case words, with their office, longest first.
    titles: Vec<(Vec<&'static str>, &'static str)>,
}

impl Offices {
    /// The holder on `day` of the office the longest title among `words` names.
    pub(crate) fn holder(&self, actor: usize, words: &[String], day: NaiveDate) -> Option<&'static str> {
        let office = self.titles.iter().find_map(|(title, office)| {
            words.windows(title.len()).any(|w| w.iter().zip(title).all(|(a, b)| a == b)).then_some(*office)
        })?;
        let held = self.holders.get(&(actor, office))?;
        held.iter().find(|h| h.from <= day && h.to.is_none_or(|t| day < t)).map(|h| h.name)
    }
}

/// The records of one table: non-empty, non-comment lines split on tabs.
fn records(table: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    table
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').map(str::trim).collect())
}

fn list(field: &'static str) -> impl Iterator<Item = &'static str> {
    field.split('|').map(str::trim).filter(|name| !name.is_empty())
}

fn sector(name: &str) -> Option<Sector> {
    if name == "-" { None } else { name.parse().ok() }
}

struct Builder {
    actors: Vec<ActorEntry>,
    actor_index: HashMap<String, usize>,
    places: Vec<PlaceEntry>,
    country_place: HashMap<String, usize>,
    capital_place: HashMap<String, usize>,
    patterns: Vec<Cow<'static, str>>,
    names: Vec<NameEntry>,
    /// Pattern -> its index in `patterns`/`names`.
    seen: HashMap<Cow<'static, str>, usize>,
    name_risks: HashSet<&'static str>,
    /// Diacritic-free forms that are English words, matched only with their marks ("Malé").
    fold_deny: HashSet<&'static str>,
    problems: Vec<String>,
}

impl Builder {
    fn new() -> Self {
        let word_list = |table: &'static str| -> HashSet<&'static str> {
            table.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
        };
        let name_risks = word_list(PERSON_NAME_RISKS);
        let fold_deny = word_list(FOLD_DENY);
        Self {
            actors: Vec::new(),
            actor_index: HashMap::new(),
            places: Vec::new(),
            country_place: HashMap::new(),
            capital_place: HashMap::new(),
            patterns: Vec::new(),
            names: Vec::new(),
            seen: HashMap::new(),
            name_risks,
            fold_deny,
            problems: Vec::new(),
        }
    }

    fn add_actor(&mut self, code: &str, name: &str, country: Option<&str>, kind: ActorKind) -> usize {
        if let Some(&index) = self.actor_index.get(code) {
            self.problems.push(format!("actor {code} defined twice"));
            return index;
        }
        let index = self.actors.len();
        self.actors.push(ActorEntry {
            code: code.to_owned(),
            name: name.to_owned(),
            country: country.map(str::to_owned),
            kind,
        });
        self.actor_index.insert(code.to_owned(), index);
        index
    }

    fn add_place(
        &mut self,
        name: &str,
        country: &str,
        lat: &str,
        lon: &str,
        precision: PlacePrecision,
    ) -> Option<usize> {
        let (Ok(lat), Ok(lon)) = (lat.parse::<f64>(), lon.parse::<f64>()) else {
            self.problems.push(format!("place {name}: bad coordinates {lat} {lon}"));
            return None;
        };
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            self.problems.push(format!("place {name}: coordinates out of range"));
            return None;
        }
        let index = self.places.len();
        self.places.push(PlaceEntry {
            name: name.to_owned(),
            country: country.to_owned(),
            lat,
            lon,
            precision,
        });
        Some(index)
    }

    fn actor(&mut self, code: &str, table: &str) -> Option<usize> {
        let found = self.actor_index.get(code).copied();
        if found.is_none() {
            self.problems.push(format!("{table}: unknown actor code {code}"));
        }
        found
    }

    /// Adds `name` in its folded form ([`fold`]: the form texts are matched in) as a
    /// pattern meaning `entry`, unless an earlier entry already holds it. A name whose
    /// folded form is an English word ("Malé") matches only where the text keeps its marks.
    fn add_name(&mut self, name: Cow<'static, str>, entry: NameEntry) {
        let folded = match fold(&name) {
            Cow::Owned(folded) => Some(folded),
            Cow::Borrowed(_) => None,
        };
        match folded {
            Some(folded) => {
                let needs_marks = self.fold_deny.contains(folded.as_str());
                self.add_pattern(Cow::Owned(folded), &NameEntry { needs_marks, ..entry });
            }
            None => self.add_pattern(name, &entry),
        }
    }

    fn add_pattern(&mut self, pattern: Cow<'static, str>, entry: &NameEntry) {
        if pattern.is_empty() || self.seen.contains_key(&pattern) {
            return;
        }
        // A one-word personal name followed by another capitalised name is someone else's
        // given name: "Abbas" in "Foreign Minister Abbas Araqchi" is not Mahmoud Abbas.
        let one_word_person = entry.form == Form::Person && !pattern.contains(' ');
        let checks_person_context = one_word_person || self.name_risks.contains(pattern.as_ref());
        self.seen.insert(pattern.clone(), self.patterns.len());
        self.patterns.push(pattern);
        self.names.push(NameEntry { checks_person_context, ..entry.clone() });
    }
}

/// Imported state people: names of two words or more without a title word, written as
/// news writes them ("vladimir putin" -> "Vladimir Putin"), each with every office it held.
/// A name the tables above already claim stays theirs.
fn add_imported_offices(b: &mut Builder) {
    let titles: HashSet<&str> = TITLES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("e.g."))
        .flat_map(|l| l.split_once('=').map_or(l, |(_, words)| words).split_whitespace())
        .collect();
    let mut offices: HashMap<&'static str, Vec<Office>> = HashMap::new();
    let mut order: Vec<&'static str> = Vec::new();
    for row in records(IMPORTED_OFFICES) {
        let [state, sector_name, first, last, names] = row[..] else {
            b.problems.push(format!("imported leaders.tsv: bad row {row:?}"));
            continue;
        };
        let Some(&actor) = b.actor_index.get(state) else {
            b.problems.push(format!("imported leaders.tsv: unknown state {state}"));
            continue;
        };
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
        let (Some(from), Some(to)) = (day(first), day(last)) else {
            b.problems.push(format!("imported leaders.tsv: bad dates in {row:?}"));
            continue;
        };
        let office = Office { actor, sector: sector(sector_name), from, to };
        for name in list(names) {
            let words: Vec<&str> = name.split_whitespace().collect();
            if words.len() < 2 || words.iter().any(|w| titles.contains(w)) {
                continue;
            }
            let held = offices.entry(name).or_default();
            if held.is_empty() {
                order.push(name);
            }
            held.push(office);
        }
    }
    for name in order {
        let offices = offices.remove(name).unwrap_or_default();
        let written = title_case(name);
        let mut person = entry(Form::Person, None, None, None);
        person.offices = offices;
        person.person = Some(Cow::Owned(written.clone()));
        b.add_name(Cow::Owned(written), person);
    }
}

/// "abu bakr al-baghdadi" -> "Abu Bakr Al-Baghdadi": each word and each hyphenated or
/// dotted part capitalised.
pub(super) fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = matches!(c, ' ' | '-' | '.');
    }
    out
}

fn entry(form: Form, actor: Option<usize>, sector: Option<Sector>, place: Option<usize>) -> NameEntry {
    NameEntry {
        form,
        actor,
        sector,
        place,
        checks_person_context: false,
        needs_marks: false,
        offices: Vec::new(),
        person: None,
    }
}

/// The name a person of a `people.tsv` row goes by in full: the first name of the row that
/// has this name's last word ("Trump" and "Donald J. Trump": "Donald Trump"). A row may list
/// several people ("Presidents"), so the row's first name alone is not enough.
fn full_name(name: &'static str, row: &'static str) -> &'static str {
    let last = name.split_whitespace().last().unwrap_or(name);
    list(row).find(|candidate| candidate.split_whitespace().any(|w| w == last)).unwrap_or(name)
}

/// Reads the office titles and the office holders.
fn load_offices(b: &mut Builder) -> Offices {
    let mut offices = Offices::default();
    for (office, words) in crate::word_lists::entries(OFFICE_TITLES) {
        for title in words.split(|w| *w == "|").filter(|t| !t.is_empty()) {
            offices.titles.push((title.to_vec(), office));
        }
    }
    offices.titles.sort_by_key(|(title, _)| std::cmp::Reverse(title.len()));
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    for row in records(OFFICES) {
        let [code, office, from, to, name] = row[..] else {
            b.problems.push(format!("offices.tsv: bad row {row:?}"));
            continue;
        };
        let Some(actor) = b.actor(code, "offices.tsv") else { continue };
        let Some(office) = offices.titles.iter().map(|(_, o)| *o).find(|o| *o == office) else {
            b.problems.push(format!("offices.tsv: no title names the office {office}"));
            continue;
        };
        let (Some(from), to) = (day(from), day(to)) else {
            b.problems.push(format!("offices.tsv: bad dates in {row:?}"));
            continue;
        };
        offices.holders.entry((actor, office)).or_default().push(Holding { from, to, name });
    }
    offices
}

fn actor_kind(name: &str) -> Option<ActorKind> {
    match name {
        "international" => Some(ActorKind::International),
        "armed_group" => Some(ActorKind::ArmedGroup),
        "ngo" => Some(ActorKind::Ngo),
        "other" => Some(ActorKind::Other),
        _ => None,
    }
}

/// One state row of `states.tsv`, kept between the two passes.
struct StateRow {
    actor: usize,
    names: &'static str,
    demonyms: &'static str,
    capitals: &'static str,
}

/// Loads every table. Never panics: a malformed row is skipped and reported in
/// [`Loaded::problems`].
pub(crate) fn load() -> Loaded {
    let mut b = Builder::new();
    // Pass 1: actors and places, so that any table may refer to any code.
    let states = load_states(&mut b);
    let bodies = load_bodies(&mut b);
    let regions = load_regions(&mut b);
    // Pass 2: patterns, in priority order (see the module documentation).
    add_people(&mut b);
    add_organs(&mut b);
    add_state_aliases(&mut b);
    for (actor, kind, names) in bodies {
        let sector = match kind {
            ActorKind::International => Some(Sector::International),
            ActorKind::ArmedGroup => Some(Sector::Rebels),
            _ => None,
        };
        for name in list(names) {
            b.add_name(Cow::Borrowed(name), entry(Form::Name, Some(actor), sector, None));
        }
    }
    for row in records(SHIELDS) {
        for field in row {
            for name in list(field) {
                b.add_name(Cow::Borrowed(name), entry(Form::Place, None, None, None));
            }
        }
    }
    for (place, names) in regions {
        for name in list(names) {
            b.add_name(Cow::Borrowed(name), entry(Form::Place, None, None, Some(place)));
        }
    }
    add_state_names(&mut b, &states);
    add_places(&mut b);
    add_imported_offices(&mut b);
    let organ_nouns = load_demonym_organs(&mut b);
    let offices = load_offices(&mut b);
    Loaded {
        offices,
        actors: b.actors,
        places: b.places,
        patterns: b.patterns,
        names: b.names,
        organ_nouns,
        problems: b.problems,
    }
}

/// States and territories, with their country and capital places.
fn load_states(b: &mut Builder) -> Vec<StateRow> {
    let mut states = Vec::new();
    for row in records(STATES) {
        let [code, kind, name, lat, lon, capital, cap_lat, cap_lon, names, demonyms, capitals] = row[..]
        else {
            b.problems.push(format!("states.tsv: bad row {row:?}"));
            continue;
        };
        let kind = if kind == "territory" { ActorKind::Territory } else { ActorKind::State };
        let actor = b.add_actor(code, name, Some(code), kind);
        if let Some(place) = b.add_place(name, code, lat, lon, PlacePrecision::Country) {
            b.country_place.insert(code.to_owned(), place);
        }
        if !capital.is_empty()
            && let Some(place) = b.add_place(capital, code, cap_lat, cap_lon, PlacePrecision::City)
        {
            b.capital_place.insert(code.to_owned(), place);
        }
        states.push(StateRow { actor, names, demonyms, capitals });
    }
    states
}

/// International bodies, armed groups and other actors; their names are added later.
fn load_bodies(b: &mut Builder) -> Vec<(usize, ActorKind, &'static str)> {
    let mut bodies = Vec::new();
    for row in records(ACTORS) {
        let [code, kind, country, name, names] = row[..] else {
            b.problems.push(format!("actors.tsv: bad row {row:?}"));
            continue;
        };
        let Some(kind) = actor_kind(kind) else {
            b.problems.push(format!("actors.tsv: unknown kind {kind} for {code}"));
            continue;
        };
        let country = (country != "-").then_some(country);
        let actor = b.add_actor(code, name, country, kind);
        bodies.push((actor, kind, names));
    }
    bodies
}

/// Regions as places; their names are added later.
fn load_regions(b: &mut Builder) -> Vec<(usize, &'static str)> {
    let mut regions = Vec::new();
    for row in records(REGIONS) {
        let [name, country, lat, lon, names] = row[..] else {
            b.problems.push(format!("regions.tsv: bad row {row:?}"));
            continue;
        };
        if !b.actor_index.contains_key(country) {
            b.problems.push(format!("regions.tsv: unknown country {country} for {name}"));
        }
        if let Some(place) = b.add_place(name, country, lat, lon, PlacePrecision::Region) {
            regions.push((place, names));
        }
    }
    regions
}

/// Named people of our own, each acting for an actor (a leader unless the row says).
fn add_people(b: &mut Builder) {
    for row in records(PEOPLE) {
        let [code, sector_name, _role, names] = row[..] else {
            b.problems.push(format!("people.tsv: bad row {row:?}"));
            continue;
        };
        let Some(actor) = b.actor(code, "people.tsv") else { continue };
        let sector = sector(sector_name).or(Some(Sector::Leader));
        for name in list(names) {
            let person = NameEntry {
                person: Some(Cow::Borrowed(full_name(name, names))),
                ..entry(Form::Person, Some(actor), sector, None)
            };
            for variant in hyphen_variants(name) {
                b.add_name(Cow::Owned(variant), person.clone());
            }
            b.add_name(Cow::Borrowed(name), person);
        }
    }
}

/// Organs and metonyms ("the Kremlin") of an actor, with their sector.
fn add_organs(b: &mut Builder) {
    for row in records(ORGANS) {
        let [code, form, sector_name, names] = row[..] else {
            b.problems.push(format!("organs.tsv: bad row {row:?}"));
            continue;
        };
        let Some(actor) = b.actor(code, "organs.tsv") else { continue };
        let form = if form == "metonym" { Form::Metonym } else { Form::Organ };
        let sector = sector(sector_name);
        if sector.is_none() {
            b.problems.push(format!("organs.tsv: unknown sector {sector_name} for {code}"));
        }
        for name in list(names) {
            b.add_name(Cow::Borrowed(name), entry(form, Some(actor), sector, None));
        }
    }
}

/// Other names, demonyms and capitals of states.
fn add_state_aliases(b: &mut Builder) {
    for row in records(STATE_ALIASES) {
        let [code, form, sector_name, names] = row[..] else {
            b.problems.push(format!("state_aliases.tsv: bad row {row:?}"));
            continue;
        };
        let Some(actor) = b.actor(code, "state_aliases.tsv") else { continue };
        let (form, place) = match form {
            "name" => (Form::Name, b.country_place.get(code).copied()),
            "demonym" => (Form::Demonym, None),
            "capital" => (Form::Capital, b.capital_place.get(code).copied()),
            other => {
                b.problems.push(format!("state_aliases.tsv: unknown form {other} for {code}"));
                continue;
            }
        };
        let sector = sector(sector_name);
        for name in list(names) {
            b.add_name(Cow::Borrowed(name), entry(form, Some(actor), sector, place));
        }
    }
}

/// The names, demonyms (and their plurals) and capitals of the states table.
fn add_state_names(b: &mut Builder, states: &[StateRow]) {
    for state in states {
        let code = b.actors[state.actor].code.clone();
        let country = b.country_place.get(&code).copied();
        let capital = b.capital_place.get(&code).copied();
        for name in list(state.names) {
            b.add_name(Cow::Borrowed(name), entry(Form::Name, Some(state.actor), None, country));
        }
        for demonym in list(state.demonyms) {
            b.add_name(Cow::Borrowed(demonym), entry(Form::Demonym, Some(state.actor), None, None));
            if let Some(plural) = demonym_plural(demonym) {
                b.add_name(Cow::Owned(plural), entry(Form::Demonym, Some(state.actor), None, None));
            }
        }
        for name in list(state.capitals) {
            b.add_name(
                Cow::Borrowed(name),
                entry(Form::Capital, Some(state.actor), Some(Sector::Government), capital),
            );
        }
    }
}

/// Cities and regions of the places table, with their other names.
fn add_places(b: &mut Builder) {
    for row in records(PLACES) {
        let [name, country, lat, lon, precision, names] = row[..] else {
            b.problems.push(format!("places.tsv: bad row {row:?}"));
            continue;
        };
        let precision = if precision == "r" { PlacePrecision::Region } else { PlacePrecision::City };
        let Some(place) = b.add_place(name, country, lat, lon, precision) else { continue };
        for alias in list(names) {
            b.add_name(Cow::Borrowed(alias), entry(Form::Place, None, None, Some(place)));
        }
    }
}

/// The nouns after a demonym that make an organ ("Chinese coast guard"), with their sector.
fn load_demonym_organs(b: &mut Builder) -> HashMap<String, Option<Sector>> {
    let mut organ_nouns = HashMap::new();
    for row in records(DEMONYM_ORGANS) {
        let [sector_name, nouns] = row[..] else {
            b.problems.push(format!("demonym_organs.tsv: bad row {row:?}"));
            continue;
        };
        let sector = sector(sector_name);
        for noun in list(nouns) {
            organ_nouns.entry(noun.to_owned()).or_insert(sector);
        }
    }
    organ_nouns
}
