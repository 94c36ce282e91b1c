//! The CAMEO-to-kind table and the data imported from PETRARCH-2's dictionaries
//! (`scripts/petrarch/import.py`) hold together: every code reaches a kind of ours through
//! the one table and only a kind of its own CAMEO root, every sector and state exists, every
//! dated office is a real range, and where the imported data and ours overlap, ours wins.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use chrono::NaiveDate;
use geoevents_domain::{Kind, Sector};

fn data(path: &str) -> String {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data").join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|err| panic!("{}: {err}", full.display()))
}

/// Rows of a tab-separated data file, comments and blank lines left out.
fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| l.split('\t').collect())
}

struct CameoKinds(BTreeMap<String, Option<Kind>>);

impl CameoKinds {
    fn load() -> Self {
        let mut table = BTreeMap::new();
        for row in rows(&data("lexicon/cameo_kinds.tsv")) {
            let [prefix, kind, _what] = row[..] else { panic!("cameo_kinds.tsv: bad row {row:?}") };
            let kind = (kind != "none").then(|| {
                kind.parse::<Kind>().unwrap_or_else(|_| panic!("cameo_kinds.tsv: unknown kind {kind}"))
            });
            assert!(table.insert(prefix.to_owned(), kind).is_none(), "cameo_kinds.tsv: {prefix} twice");
        }
        CameoKinds(table)
    }

    /// The kind of a code by its longest listed prefix; `None` inside means "no kind of ours".
    fn kind(&self, code: &str) -> Option<Option<Kind>> {
        (2..=code.len()).rev().find_map(|n| self.0.get(&code[..n]).copied())
    }
}

#[test]
fn every_cameo_code_reaches_at_most_one_kind_of_its_own_root() {
    let table = CameoKinds::load();
    for root in 1..=20 {
        let root = format!("{root:02}");
        assert!(table.0.keys().any(|p| p.starts_with(&root)), "CAMEO root {root} is not in the table");
    }
    for (prefix, kind) in &table.0 {
        if let Some(kind) = kind {
            let code = format!("{prefix:0<3}");
            assert!(
                code.parse().is_ok_and(|c| kind.accepts_cameo(c)),
                "{prefix} -> {kind}: the kind's own code is {}",
                kind.cameo()
            );
        }
    }
    // No kind's own code is dropped as "no kind of ours".
    for kind in Kind::ALL {
        let back = table.kind(kind.cameo().as_str()).flatten();
        assert!(back.is_some_and(|b| b.accepts_cameo(kind.cameo())), "{kind} ({}) -> {back:?}", kind.cameo());
    }
}

#[test]
fn imported_verb_patterns_carry_the_kind_the_table_gives_their_code() {
    let table = CameoKinds::load();
    let patterns = data("imported/petrarch/patterns.tsv");
    let mut kinds = BTreeSet::new();
    for row in rows(&patterns) {
        let [block, pattern, code, kind] = row[..] else { panic!("patterns.tsv: bad row {row:?}") };
        assert!(!block.is_empty() && !pattern.is_empty(), "{row:?}");
        let want = table.kind(code).flatten().unwrap_or_else(|| panic!("{row:?}: code {code} gives no kind"));
        assert_eq!(kind, want.as_str(), "{row:?}");
        kinds.insert(kind);
    }
    assert!(kinds.len() >= 20, "patterns cover most kinds: {kinds:?}");
    for row in rows(&data("imported/petrarch/verbs.tsv")) {
        let [_block, verb, code, kind] = row[..] else { panic!("verbs.tsv: bad row {row:?}") };
        assert!(!verb.is_empty());
        let want = if code == "-" { None } else { table.kind(code).flatten() };
        assert_eq!(kind, want.map_or("none", Kind::as_str), "{row:?}");
    }
}

/// `sector = noun noun ...` blocks with continuation lines, as in agent_nouns.txt.
fn agent_nouns(text: &str) -> BTreeMap<String, String> {
    let mut nouns = BTreeMap::new();
    let mut sector = String::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let words = match line.split_once(" = ") {
            Some((name, rest)) if !line.starts_with(' ') => {
                sector = name.trim().to_owned();
                rest
            }
            _ => line,
        };
        for noun in words.split_whitespace() {
            nouns.insert(noun.to_owned(), sector.clone());
        }
    }
    nouns
}

#[test]
fn imported_agent_nouns_have_our_sectors_and_never_override_ours() {
    let ours = agent_nouns(&data("lexicon/agent_nouns.txt"));
    let imported = agent_nouns(&data("imported/petrarch/agents.txt"));
    assert!(imported.len() > 1000, "{} imported agent nouns", imported.len());
    for (noun, sector) in &imported {
        assert!(sector.parse::<Sector>().is_ok(), "{noun}: unknown sector {sector}");
        assert!(!ours.contains_key(noun), "{noun} is ours ({}) and imported ({sector})", ours[noun]);
    }
}

#[test]
fn imported_offices_are_dated_ranges_of_known_states() {
    let states: BTreeSet<String> =
        rows(&data("states.tsv")).filter_map(|r| r.first().map(|c| (*c).to_owned())).collect();
    let mut offices = 0;
    for row in rows(&data("imported/petrarch/leaders.tsv")) {
        let [state, sector, first, last, names] = row[..] else { panic!("leaders.tsv: bad row {row:?}") };
        assert!(states.contains(state), "{row:?}: unknown state");
        assert!(sector.parse::<Sector>().is_ok(), "{row:?}: unknown sector");
        let day =
            |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap_or_else(|_| panic!("{row:?}: {d}"));
        assert!(day(first) <= day(last), "{row:?}");
        assert!(names.split('|').all(|n| !n.trim().is_empty() && n == n.to_lowercase()), "{row:?}");
        offices += 1;
    }
    assert!(offices > 10_000, "{offices} offices");
}
