//! The gazetteer: every name the extractor can resolve to an actor or a place, compiled
//! into the crate and matched in one pass over the text.
//!
//! SKELETON: the interface here is final; the data is a small placeholder table until the
//! generated gazetteer lands.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use geoevents_domain::{PlacePrecision, Sector};

/// What sort of body an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActorKind {
    /// A sovereign or de facto state (ISO3 code).
    State,
    /// An international organisation (`UN`, `NATO`).
    International,
    /// A non-state armed group (`HAMAS`, `WAGNER`).
    ArmedGroup,
    /// A non-governmental organisation (`AMNESTY`, `MSF`, `ICRC`); PLOVER gold codes these
    /// `NGO`, while intergovernmental bodies ([`ActorKind::International`]) are `IGO`.
    Ngo,
    /// A dependent or autonomous territory with its own ISO 3166-1 code (`HKG`, `GRL`,
    /// `PRI`); its `country` is its own code, as CAMEO and PLOVER code it.
    Territory,
    /// Any other named body the registry knows.
    Other,
}

/// One actor of the registry.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorEntry {
    /// ISO3 or upper-case short code.
    pub code: String,
    /// Preferred English name ("North Korea").
    pub name: String,
    /// ISO3 of the state the actor belongs to, if any.
    pub country: Option<String>,
    /// State, international body, armed group.
    pub kind: ActorKind,
}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceEntry {
    /// Preferred English name.
    pub name: String,
    /// ISO3 of the country the place is in.
    pub country: String,
    /// Latitude, WGS84 degrees.
    pub lat: f64,
    /// Longitude, WGS84 degrees.
    pub lon: f64,
    /// City, region or country.
    pub precision: PlacePrecision,
}

/// How a name refers to its entity; the event extractor uses it to weigh roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// The entity's own name: "North Korea", "NATO".
    Name,
    /// An adjective or demonym: "North Korean", "Russian".
    Demonym,
    /// A capital city standing for its government: "Moscow", "Pyongyang".
    Capital,
    /// A building or institution standing for its state: "the Kremlin", "the White House".
    Metonym,
    /// A state organ: "the Pentagon", "the Bundestag", "the Russian Defence Ministry".
    Organ,
    /// A named person: a head of state, minister or group leader.
    Person,
    /// A place that is not a capital: a city or region.
    Place,
}

/// One match of a gazetteer name in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention<'g> {
    /// Byte offset of the first byte of the name.
    pub start: usize,
    /// Byte offset one past the last byte of the name.
    pub end: usize,
    /// How the name refers to its entity.
    pub form: Form,
    /// The actor the name stands for, if it can act (countries, capitals, leaders, bodies).
    pub actor: Option<&'g ActorEntry>,
    /// The sector the name implies ("the Pentagon" is military, "President Yoon" a leader).
    pub sector: Option<Sector>,
    /// The place the name stands for, if it is a location (countries, cities, regions).
    pub place: Option<&'g PlaceEntry>,
}

/// A compiled gazetteer: the registries plus one automaton over all their names.
pub struct Gazetteer {
    actors: Vec<ActorEntry>,
    places: Vec<PlaceEntry>,
    /// One entry per automaton pattern.
    names: Vec<NameEntry>,
    automaton: AhoCorasick,
}

#[derive(Debug, Clone)]
struct NameEntry {
    form: Form,
    actor: Option<usize>,
    sector: Option<Sector>,
    place: Option<usize>,
}

static GLOBAL: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::build);

/// The gazetteer compiled into the crate, built on first use.
pub fn gazetteer() -> &'static Gazetteer {
    &GLOBAL
}

impl Gazetteer {
    fn build() -> Self {
        let mut actors = Vec::new();
        let mut places = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut names = Vec::new();
        for (code, name, lat, lon, aliases, demonyms, capital) in PLACEHOLDER_STATES {
            let actor = actors.len();
            actors.push(ActorEntry {
                code: (*code).to_owned(),
                name: (*name).to_owned(),
                country: Some((*code).to_owned()),
                kind: ActorKind::State,
            });
            let place = places.len();
            places.push(PlaceEntry {
                name: (*name).to_owned(),
                country: (*code).to_owned(),
                lat: *lat,
                lon: *lon,
                precision: PlacePrecision::Country,
            });
            for alias in std::iter::once(name).chain(aliases.iter()) {
                patterns.push((*alias).to_owned());
                names.push(NameEntry {
                    form: Form::Name,
                    actor: Some(actor),
                    sector: None,
                    place: Some(place),
                });
            }
            for demonym in *demonyms {
                patterns.push((*demonym).to_owned());
                names.push(NameEntry { form: Form::Demonym, actor: Some(actor), sector: None, place: None });
            }
            if let Some(capital) = capital {
                patterns.push((*capital).to_owned());
                names.push(NameEntry {
                    form: Form::Capital,
                    actor: Some(actor),
                    sector: Some(Sector::Government),
                    place: None,
                });
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("gazetteer patterns compile");
        Self { actors, places, names, automaton }
    }

    /// Every gazetteer name in `text`, left to right, non-overlapping (the longest name wins
    /// at each position), on word boundaries, matched case-sensitively.
    pub fn find<'g>(&'g self, text: &str) -> Vec<Mention<'g>> {
        let bytes = text.as_bytes();
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
        self.automaton
            .find_iter(text)
            .filter(|m| {
                let before_ok = m.start() == 0 || !is_word(bytes[m.start() - 1]);
                let after_ok = m.end() == bytes.len() || !is_word(bytes[m.end()]);
                before_ok && after_ok
            })
            .map(|m| {
                let entry = &self.names[m.pattern().as_usize()];
                Mention {
                    start: m.start(),
                    end: m.end(),
                    form: entry.form,
                    actor: entry.actor.map(|i| &self.actors[i]),
                    sector: entry.sector,
                    place: entry.place.map(|i| &self.places[i]),
                }
            })
            .collect()
    }

    /// The actor with this code.
    pub fn actor(&self, code: &str) -> Option<&ActorEntry> {
        self.actors.iter().find(|a| a.code == code)
    }

    /// The country-level place of a state, with its representative coordinates.
    pub fn country_place(&self, iso3: &str) -> Option<&PlaceEntry> {
        self.places.iter().find(|p| p.country == iso3 && p.precision == PlacePrecision::Country)
    }

    /// Every actor of the registry.
    pub fn actors(&self) -> &[ActorEntry] {
        &self.actors
    }
}

type PlaceholderState = (
    &'static str,
    &'static str,
    f64,
    f64,
    &'static [&'static str],
    &'static [&'static str],
    Option<&'static str>,
);

const PLACEHOLDER_STATES: &[PlaceholderState] = &[
    ("PRK", "North Korea", 40.0, 127.0, &["DPRK"], &["North Korean"], Some("Pyongyang")),
    ("KOR", "South Korea", 37.0, 127.5, &[], &["South Korean"], Some("Seoul")),
    ("RUS", "Russia", 60.0, 100.0, &["Russian Federation"], &["Russian"], Some("Moscow")),
    ("UKR", "Ukraine", 49.0, 32.0, &[], &["Ukrainian"], Some("Kyiv")),
    ("USA", "United States", 38.0, -97.0, &["U.S.", "US", "America"], &["American"], Some("Washington")),
];
