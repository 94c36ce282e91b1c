//! The merged view of an event, built one source at a time.
//!
//! [`MergeState`] holds, per event, a bounded summary of its sources: counts, the best
//! source for each field by a fixed ranking, per-kind votes, the spread of figures per
//! unit, and the outlets' combined doubt. Adding a source and absorbing another state are
//! commutative, so the state after any arrival order of one set of sources is the same,
//! and the aggregate read from it equals the one computed from all sources at once.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{SourceFacts, undated_range};
use crate::{Actor, Cameo, DatePrecision, ExtractedEvent, Place, PlacePrecision, Quantity, Quote, When};

/// Most confidence a merged event can reach, however many outlets agree.
const MAX_CONFIDENCE: f32 = 0.99;

/// Outlet doubt `-ln(1 - c)` is kept in integer units of 1e-9 so that sums are exact and do
/// not depend on the order they are taken in.
const DOUBT_SCALE: f64 = 1e9;

/// The spread of figures the sources of an event report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuantityRange {
    /// What is counted.
    pub unit: String,
    /// Smallest figure.
    pub min: f64,
    /// Largest figure.
    pub max: f64,
    /// How many sources give a figure in this unit.
    pub reports: usize,
}

/// The merged view of an event computed from its sources.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregate {
    /// The event's fields.
    pub fields: ExtractedEvent,
    /// Number of sources.
    pub source_count: usize,
    /// Earliest report.
    pub first_reported_at: DateTime<Utc>,
    /// Latest report.
    pub last_reported_at: DateTime<Utc>,
    /// The spread of figures, when sources give any.
    pub quantity_range: Option<QuantityRange>,
}

/// Which source speaks for the event: strongest modality, then most confident, then
/// earliest report, then content key. `Less` is better.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Rank {
    strength: u8,
    confidence: f32,
    reported_at: DateTime<Utc>,
    key: String,
}

impl Rank {
    fn of(source: &SourceFacts<'_>) -> Self {
        Rank {
            strength: source.extracted.modality.strength(),
            confidence: source.extracted.confidence,
            reported_at: source.reported_at,
            key: source.key.to_owned(),
        }
    }

    fn order(&self, other: &Rank) -> Ordering {
        other
            .strength
            .cmp(&self.strength)
            .then(other.confidence.total_cmp(&self.confidence))
            .then(self.reported_at.cmp(&other.reported_at))
            .then(self.key.cmp(&other.key))
    }
}

/// A field's value with the rank of the source that gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Best<T> {
    rank: Rank,
    value: T,
}

impl<T> Best<T> {
    fn new(rank: &Rank, value: T) -> Self {
        Best { rank: rank.clone(), value }
    }
}

/// Keeps in `slot` whichever of it and `offer` comes first by `order`.
fn keep_best<T>(slot: &mut Option<Best<T>>, offer: Best<T>, order: impl Fn(&Best<T>, &Best<T>) -> Ordering) {
    let better = slot.as_ref().is_none_or(|held| order(&offer, held) == Ordering::Less);
    if better {
        *slot = Some(offer);
    }
}

fn by_rank<T>(a: &Best<T>, b: &Best<T>) -> Ordering {
    a.rank.order(&b.rank)
}

/// The finest place first (city, region, country), then by rank.
fn by_place(a: &Best<Place>, b: &Best<Place>) -> Ordering {
    let fineness = |p: &Place| match p.precision {
        PlacePrecision::City => 0,
        PlacePrecision::Region => 1,
        PlacePrecision::Country => 2,
    };
    fineness(&a.value).cmp(&fineness(&b.value)).then_with(|| by_rank(a, b))
}

/// The most precise date first, then the earliest, then by rank.
fn by_when(a: &Best<When>, b: &Best<When>) -> Ordering {
    a.value
        .precision
        .cmp(&b.value.precision)
        .then(a.value.start.cmp(&b.value.start))
        .then_with(|| by_rank(a, b))
}

/// Sources of one kind: how many, and the best of them (whose CAMEO code the event takes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct KindVotes {
    count: usize,
    best: Best<Cameo>,
}

/// Figures in one unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct Figures {
    min: f64,
    max: f64,
    reports: usize,
}

/// A bounded summary of an event's sources from which its aggregate is read. Its size
/// depends on the number of kinds and units the sources use, not on how many there are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MergeState {
    sources: usize,
    first_reported_at: Option<DateTime<Utc>>,
    last_reported_at: Option<DateTime<Utc>>,
    lead: Option<Best<ExtractedEvent>>,
    kinds: BTreeMap<String, KindVotes>,
    actor: Option<Best<Actor>>,
    target: Option<Best<Actor>>,
    location: Option<Best<Place>>,
    when: Option<Best<When>>,
    quantity: Option<Best<Quantity>>,
    quote: Option<Best<Quote>>,
    figures: BTreeMap<String, Figures>,
    outlets: usize,
    doubt: i64,
    best_confidence: f32,
}

/// The outlet a source speaks for: its domain, or (unknown domain) the source itself.
pub fn outlet<'a>(source: &SourceFacts<'a>) -> &'a str {
    source.domain.unwrap_or(source.key)
}

/// The confidence a source lends its outlet.
pub fn outlet_confidence(source: &SourceFacts<'_>) -> f32 {
    source.extracted.confidence.clamp(0.0, 1.0)
}

/// One outlet's doubt in exact integer units.
pub fn doubt_units(confidence: f32) -> i64 {
    let c = f64::from(confidence.clamp(0.0, 1.0)).min(0.999_999);
    // At most about 1.4e10: far inside i64.
    (-(1.0 - c).ln() * DOUBT_SCALE).round() as i64
}

impl MergeState {
    /// The state of a set of sources, outlets included.
    pub fn from_sources(sources: &[SourceFacts<'_>]) -> Self {
        let mut state = MergeState::default();
        let mut outlets: BTreeMap<&str, f32> = BTreeMap::new();
        for source in sources {
            state.add(source);
            let confidence = outlet_confidence(source);
            let held = outlets.get(outlet(source)).copied();
            if held.is_none_or(|c| confidence > c) {
                state.raise_outlet(held, confidence);
                outlets.insert(outlet(source), confidence);
            }
        }
        state
    }

    /// Counts a source in every field but the outlets (see [`MergeState::raise_outlet`]).
    pub fn add(&mut self, source: &SourceFacts<'_>) {
        let e = source.extracted;
        let rank = Rank::of(source);
        let at = source.reported_at;
        self.sources += 1;
        self.first_reported_at = Some(self.first_reported_at.map_or(at, |t| t.min(at)));
        self.last_reported_at = Some(self.last_reported_at.map_or(at, |t| t.max(at)));
        keep_best(&mut self.lead, Best::new(&rank, e.clone()), by_rank);
        let votes = self
            .kinds
            .entry(e.kind.as_str().to_owned())
            .or_insert_with(|| KindVotes { count: 0, best: Best::new(&rank, e.cameo) });
        votes.count += 1;
        if rank.order(&votes.best.rank) == Ordering::Less {
            votes.best = Best::new(&rank, e.cameo);
        }
        if let Some(actor) = &e.actor {
            keep_best(&mut self.actor, Best::new(&rank, actor.clone()), by_rank);
        }
        if let Some(target) = &e.target {
            keep_best(&mut self.target, Best::new(&rank, target.clone()), by_rank);
        }
        if let Some(place) = &e.location {
            keep_best(&mut self.location, Best::new(&rank, place.clone()), by_place);
        }
        if let Some(when) = &e.when {
            keep_best(&mut self.when, Best::new(&rank, when.clone()), by_when);
        }
        if let Some(quote) = &e.quote {
            keep_best(&mut self.quote, Best::new(&rank, quote.clone()), by_rank);
        }
        if let Some(quantity) = &e.quantity {
            let value = quantity.value;
            self.figures
                .entry(quantity.unit.clone())
                .and_modify(|f| {
                    f.min = f.min.min(value);
                    f.max = f.max.max(value);
                    f.reports += 1;
                })
                .or_insert(Figures { min: value, max: value, reports: 1 });
            keep_best(&mut self.quantity, Best::new(&rank, quantity.clone()), by_rank);
        }
    }

    /// Records that an outlet's best confidence rose from `before` (`None`: a new outlet)
    /// to `after`. The caller keeps each outlet's best; the state keeps their sum.
    pub fn raise_outlet(&mut self, before: Option<f32>, after: f32) {
        if before.is_none() {
            self.outlets += 1;
        }
        self.doubt += doubt_units(after) - before.map_or(0, doubt_units);
        self.best_confidence = self.best_confidence.max(after);
    }

    /// Replaces the outlet summary: how many outlets, the sum of their [`doubt_units`], and
    /// the best single confidence (after outlets were merged elsewhere).
    pub fn set_outlets(&mut self, outlets: usize, doubt: i64, best_confidence: f32) {
        self.outlets = outlets;
        self.doubt = doubt;
        self.best_confidence = best_confidence;
    }

    /// Adds every source `other` counts, outlets excepted (see [`MergeState::set_outlets`]).
    pub fn absorb(&mut self, other: MergeState) {
        self.sources += other.sources;
        let earliest = [self.first_reported_at, other.first_reported_at].into_iter().flatten().min();
        let latest = [self.last_reported_at, other.last_reported_at].into_iter().flatten().max();
        (self.first_reported_at, self.last_reported_at) = (earliest, latest);
        fn take<T>(
            slot: &mut Option<Best<T>>,
            other: Option<Best<T>>,
            order: fn(&Best<T>, &Best<T>) -> Ordering,
        ) {
            if let Some(offer) = other {
                keep_best(slot, offer, order);
            }
        }
        take(&mut self.lead, other.lead, by_rank);
        take(&mut self.actor, other.actor, by_rank);
        take(&mut self.target, other.target, by_rank);
        take(&mut self.location, other.location, by_place);
        take(&mut self.when, other.when, by_when);
        take(&mut self.quantity, other.quantity, by_rank);
        take(&mut self.quote, other.quote, by_rank);
        for (kind, votes) in other.kinds {
            match self.kinds.get_mut(&kind) {
                Some(mine) => {
                    mine.count += votes.count;
                    if votes.best.rank.order(&mine.best.rank) == Ordering::Less {
                        mine.best = votes.best;
                    }
                }
                None => {
                    self.kinds.insert(kind, votes);
                }
            }
        }
        for (unit, figures) in other.figures {
            self.figures
                .entry(unit)
                .and_modify(|f| {
                    f.min = f.min.min(figures.min);
                    f.max = f.max.max(figures.max);
                    f.reports += figures.reports;
                })
                .or_insert(figures);
        }
    }

    /// Number of sources counted.
    pub fn source_count(&self) -> usize {
        self.sources
    }

    /// Independent outlets corroborate: `1 - Π(1 - c)` over outlets, where each outlet
    /// counts once with its most confident report, capped below certainty and never below
    /// the best single report. The same outlet twice adds nothing.
    pub fn confidence(&self) -> f32 {
        if self.outlets <= 1 {
            return self.best_confidence;
        }
        let combined = 1.0 - (-(self.doubt as f64) / DOUBT_SCALE).exp();
        (combined as f32).min(MAX_CONFIDENCE).max(self.best_confidence)
    }

    /// The event's fields as its sources give them; `None` before any source.
    pub fn aggregate(&self) -> Option<Aggregate> {
        let lead = self.lead.as_ref()?;
        // The kind most sources agree on; the better-ranked best source breaks ties.
        let (kind_name, votes) = self
            .kinds
            .iter()
            .min_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.1.best.rank.order(&b.1.best.rank)))?;
        let kind = kind_name.parse().unwrap_or(lead.value.kind);
        let first_reported_at = self.first_reported_at?;
        let quantity = self.quantity.as_ref().map(|q| q.value.clone());
        let quantity_range = quantity.as_ref().and_then(|q| {
            let f = self.figures.get(&q.unit)?;
            Some(QuantityRange { unit: q.unit.clone(), min: f.min, max: f.max, reports: f.reports })
        });
        let when = self.when.as_ref().map(|w| w.value.clone()).or_else(|| {
            // With no dated source, the event sits in the window before its first report.
            let (start, end) = undated_range(first_reported_at);
            Some(When { start, end, precision: DatePrecision::Week, text: None })
        });
        let value = |slot: &Option<Best<Actor>>| slot.as_ref().map(|b| b.value.clone());
        let lead = &lead.value;
        Some(Aggregate {
            fields: ExtractedEvent {
                kind,
                cameo: votes.best.value,
                actor: value(&self.actor),
                target: value(&self.target),
                location: self.location.as_ref().map(|b| b.value.clone()),
                when,
                quantity,
                modality: lead.modality,
                attribution: lead.attribution.clone(),
                quote: self.quote.as_ref().map(|b| b.value.clone()),
                summary: lead.summary.clone(),
                confidence: self.confidence(),
                evidence: lead.evidence.clone(),
            },
            source_count: self.sources,
            first_reported_at,
            last_reported_at: self.last_reported_at?,
            quantity_range,
        })
    }
}

/// Computes an event's fields from its sources; `None` for no sources. Depends only on the
/// set of sources, not their order.
pub fn aggregate(sources: &[SourceFacts<'_>]) -> Option<Aggregate> {
    MergeState::from_sources(sources).aggregate()
}

/// The combined confidence of a set of sources (see [`MergeState::confidence`]).
pub fn combined_confidence(sources: &[SourceFacts<'_>]) -> f32 {
    MergeState::from_sources(sources).confidence()
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone};

    use super::*;
    use crate::{Evidence, Kind, Modality, QuantityQualifier};

    fn report(i: u32) -> ExtractedEvent {
        let kinds = [Kind::Attack, Kind::ArmedClash, Kind::Attack];
        let kind = kinds[(i % 3) as usize];
        let day = |d: u32| NaiveDate::from_ymd_opt(2024, 3, d).unwrap_or_default();
        ExtractedEvent {
            kind,
            cameo: format!("{}{}", kind.cameo(), i % 2).parse().unwrap(),
            actor: Some(Actor {
                name: format!("name {}", i % 4),
                code: "RUS".to_owned(),
                country: None,
                sector: None,
                person: None,
            }),
            target: i.is_multiple_of(2).then(|| Actor {
                name: "Ukraine".to_owned(),
                code: "UKR".to_owned(),
                country: None,
                sector: None,
                person: None,
            }),
            location: (i % 3 == 1).then(|| Place {
                name: format!("place {i}"),
                country: Some("UKR".to_owned()),
                lat: None,
                lon: None,
                precision: if i.is_multiple_of(2) { PlacePrecision::City } else { PlacePrecision::Region },
            }),
            when: (!i.is_multiple_of(4)).then(|| When {
                start: day(2 + i % 3),
                end: day(2 + i % 3),
                precision: DatePrecision::Day,
                text: None,
            }),
            quantity: (i % 2 == 1).then(|| Quantity {
                value: f64::from(10 * i),
                unit: if i.is_multiple_of(3) { "missiles" } else { "drones" }.to_owned(),
                currency: None,
                qualifier: QuantityQualifier::Exact,
                text: String::new(),
            }),
            modality: if i.is_multiple_of(5) { Modality::Claimed } else { Modality::Asserted },
            attribution: None,
            quote: None,
            summary: format!("summary {i}"),
            confidence: 0.4 + 0.05 * (i % 7) as f32,
            evidence: vec![Evidence { sentence: format!("sentence {i}"), start: i as usize, end: 0 }],
        }
    }

    fn facts<'a>(e: &'a ExtractedEvent, i: u32, keys: &'a [String]) -> SourceFacts<'a> {
        const DOMAINS: [&str; 3] = ["a.example", "b.example", "c.example"];
        SourceFacts {
            extracted: e,
            reported_at: Utc.with_ymd_and_hms(2024, 3, 5, i % 3, 0, 0).single().unwrap_or_default(),
            domain: (i % 4 != 3).then_some(DOMAINS[(i % 3) as usize]),
            key: &keys[i as usize],
        }
    }

    #[test]
    fn adding_one_source_at_a_time_in_any_order_or_absorbing_gives_the_batch_aggregate() {
        let events: Vec<ExtractedEvent> = (0..12).map(report).collect();
        let keys: Vec<String> = (0..12).map(|i| format!("hash{}:{i}", i % 5)).collect();
        let all: Vec<SourceFacts<'_>> = (0..12u32).map(|i| facts(&events[i as usize], i, &keys)).collect();
        let whole = aggregate(&all).expect("aggregate");
        assert_eq!(whole.source_count, 12);
        assert_eq!(whole.fields.kind, Kind::Attack, "eight of twelve say attack");

        let mut reversed = all.clone();
        reversed.reverse();
        let mut rotated = all.clone();
        rotated.rotate_left(5);
        for order in [reversed, rotated] {
            assert_eq!(aggregate(&order).as_ref(), Some(&whole));
        }

        // Two halves built apart, one absorbed into the other through JSON, as the store does.
        let (left, right) = all.split_at(7);
        let mut state = MergeState::from_sources(right);
        let stored: MergeState =
            serde_json::from_value(serde_json::to_value(MergeState::from_sources(left)).expect("to json"))
                .expect("from json");
        state.absorb(stored);
        let whole_state = MergeState::from_sources(&all);
        state.set_outlets(whole_state.outlets, whole_state.doubt, whole_state.best_confidence);
        assert_eq!(state.aggregate().as_ref(), Some(&whole));
    }

    #[test]
    fn outlet_doubt_sums_exactly_in_any_order() {
        let confidences = [0.3f32, 0.55, 0.6, 0.91, 0.999_999_9, 1.0, 0.0];
        let forward: i64 = confidences.iter().map(|&c| doubt_units(c)).sum();
        let backward: i64 = confidences.iter().rev().map(|&c| doubt_units(c)).sum();
        assert_eq!(forward, backward);
        let mut state = MergeState::default();
        state.raise_outlet(None, 0.5);
        state.raise_outlet(None, 0.5);
        assert!((state.confidence() - 0.75).abs() < 1e-6, "{}", state.confidence());
        state.raise_outlet(Some(0.5), 0.6);
        assert!((state.confidence() - 0.8).abs() < 1e-6, "{}", state.confidence());
    }
}
