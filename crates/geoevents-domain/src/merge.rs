//! When two reports describe one real-world event, and what the merged event says.
//!
//! Two sources are *compatible* when their kinds name the same act (the same kind, or an
//! attack and a clash, criticism and an accusation, a pledge and an agreement), neither is a
//! mere possibility unless both are, their actors and targets resolve to the same codes (a target one report leaves out is compatible), their
//! locations do not contradict (same country, and not two different cities), and their date
//! ranges overlap. Events are the connected components of this relation over all sources:
//! a new source joins every event it is compatible with, and events it bridges become one.
//! Because components and the aggregate below depend only on the *set* of sources (ties are
//! broken by content, never by arrival), ingesting the same articles in any order yields the
//! same events with the same fields and counts.
//!
//! The trade: a vague report (no target, no location, a month-wide date) can bridge two
//! events that a careful analyst would keep apart. Analysts can split such events; a split
//! or merged event is locked against automatic merging.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    Actor, DatePrecision, ExtractedEvent, MergeReason, Modality, Place, PlacePrecision, Quantity, When,
};

/// How far back an undated report reaches from its publication date: news reports events of
/// the last days, and the extractor dates what it can.
const UNDATED_WINDOW_DAYS: u64 = 7;

/// Days by which two reports' date ranges may miss each other and still be one event.
/// Durative events (a deployment, an aid programme) are reported over days with dates that
/// drift ("has sent", "said on Friday"); violence is pinned to its day, and a slack there
/// would chain a week of daily strikes into one event.
pub fn date_slack_days(family: &str) -> u64 {
    match family {
        "mobilize_forces" | "aid" | "cooperate" => 7,
        "retreat" => 3,
        "assault" | "coerce" | "protest" => 0,
        _ => 1,
    }
}

/// Most confidence a merged event can reach, however many outlets agree.
const MAX_CONFIDENCE: f32 = 0.99;

/// One source as the merge logic sees it.
#[derive(Debug, Clone, Copy)]
pub struct SourceFacts<'a> {
    /// What the extractor found.
    pub extracted: &'a ExtractedEvent,
    /// When the reporting article was published (or ingested, if undated).
    pub reported_at: DateTime<Utc>,
    /// The outlet's domain, when known; sources from one domain are not independent.
    pub domain: Option<&'a str>,
    /// A content-derived key (article content hash and evidence offset) that breaks ties
    /// without depending on arrival order.
    pub key: &'a str,
}

/// The inclusive date range a source puts its event in: its `when`, or the week before it
/// was reported.
pub fn date_range(event: &ExtractedEvent, reported_at: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
    match &event.when {
        Some(when) => (when.start.min(when.end), when.end.max(when.start)),
        None => {
            let end = reported_at.date_naive();
            (end.checked_sub_days(Days::new(UNDATED_WINDOW_DAYS)).unwrap_or(end), end)
        }
    }
}

fn actor_code(actor: Option<&Actor>) -> Option<&str> {
    actor.map(|a| a.code.as_str())
}

/// Whether two sources report one event; `Some` carries the reason (score, matched fields,
/// explanation), `None` means they cannot be the same event.
pub fn compare(a: &SourceFacts<'_>, b: &SourceFacts<'_>) -> Option<MergeReason> {
    let (x, y) = (a.extracted, b.extracted);
    if !x.kind.can_be_same_event(y.kind) {
        return None;
    }
    // A possibility is not the event: "could arm Ukraine" never joins "armed Ukraine".
    if (x.modality == Modality::Hypothetical) != (y.modality == Modality::Hypothetical) {
        return None;
    }
    let mut matched = vec!["kind".to_owned()];
    let mut notes = vec![if x.kind == y.kind {
        format!("both report {}", x.kind.as_str().replace('_', " "))
    } else {
        format!(
            "{} and {} name the same act",
            x.kind.as_str().replace('_', " "),
            y.kind.as_str().replace('_', " ")
        )
    }];
    let mut score: f64 = 0.3;

    match (actor_code(x.actor.as_ref()), actor_code(y.actor.as_ref())) {
        (Some(p), Some(q)) if p == q => {
            matched.push("actor".to_owned());
            notes.push(format!("actor {p}"));
            score += 0.25;
        }
        (None, None) => {}
        _ => return None,
    }
    match (actor_code(x.target.as_ref()), actor_code(y.target.as_ref())) {
        (Some(p), Some(q)) if p == q => {
            matched.push("target".to_owned());
            notes.push(format!("target {p}"));
            score += 0.2;
        }
        (Some(_), Some(_)) => return None,
        (None, None) => {
            // Without actor and target there is nothing to say they are one event.
            x.actor.as_ref()?;
            score += 0.1;
        }
        _ => {
            notes.push("one report names no target".to_owned());
            score += 0.05;
        }
    }
    match places_agree(x.location.as_ref(), y.location.as_ref())? {
        PlaceMatch::Same(name) => {
            matched.push("location".to_owned());
            notes.push(format!("location {name}"));
            score += 0.1;
        }
        PlaceMatch::SameCountry(country) => {
            matched.push("location_country".to_owned());
            notes.push(format!("location in {country}"));
            score += 0.07;
        }
        PlaceMatch::Unknown => score += 0.03,
    }
    let (a_start, a_end) = date_range(x, a.reported_at);
    let (b_start, b_end) = date_range(y, b.reported_at);
    let slack = Days::new(date_slack_days(x.kind.family()));
    let reach = |d: NaiveDate| d.checked_add_days(slack).unwrap_or(d);
    if a_start > reach(b_end) || b_start > reach(a_end) {
        return None;
    }
    let overlap = ((a_end.min(b_end) - a_start.max(b_start)).num_days() + 1).max(0);
    let widest = (a_end - a_start).num_days().max((b_end - b_start).num_days()) + 1;
    let closeness = (overlap as f64 / widest.max(1) as f64).max(0.2);
    matched.push("date".to_owned());
    notes.push(if a_start == b_start && a_end == b_end {
        format!("same date {a_start}")
    } else {
        format!("dates within reach ({a_start}..{a_end} and {b_start}..{b_end})")
    });
    score += 0.15 * closeness;

    Some(MergeReason {
        score: (score.min(1.0) * 1000.0).round() / 1000.0,
        matched,
        explanation: notes.join("; "),
        by: "automatic".to_owned(),
    })
}

enum PlaceMatch {
    Same(String),
    SameCountry(String),
    Unknown,
}

/// Places agree unless they are in different countries or are two different cities.
fn places_agree(a: Option<&Place>, b: Option<&Place>) -> Option<PlaceMatch> {
    let (Some(a), Some(b)) = (a, b) else { return Some(PlaceMatch::Unknown) };
    if let (Some(p), Some(q)) = (&a.country, &b.country)
        && p != q
    {
        return None;
    }
    if a.name == b.name {
        return Some(PlaceMatch::Same(a.name.clone()));
    }
    if a.precision == PlacePrecision::City && b.precision == PlacePrecision::City {
        return None;
    }
    match a.country.as_ref().or(b.country.as_ref()) {
        Some(country) => Some(PlaceMatch::SameCountry(country.clone())),
        None => Some(PlaceMatch::Unknown),
    }
}

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

/// Ordering of sources: strongest modality, then most confident, then earliest report, then
/// content key. Used for every "which source speaks for the event" choice.
fn representative_order(sources: &[SourceFacts<'_>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..sources.len()).collect();
    order.sort_by(|&i, &j| {
        let (a, b) = (&sources[i], &sources[j]);
        b.extracted
            .modality
            .strength()
            .cmp(&a.extracted.modality.strength())
            .then(b.extracted.confidence.total_cmp(&a.extracted.confidence))
            .then(a.reported_at.cmp(&b.reported_at))
            .then(a.key.cmp(b.key))
    });
    order
}

/// Computes an event's fields from its sources; `None` for no sources. Depends only on the
/// set of sources, not their order.
pub fn aggregate(sources: &[SourceFacts<'_>]) -> Option<Aggregate> {
    let order = representative_order(sources);
    let lead = sources.get(*order.first()?)?;
    let in_order = || order.iter().map(|&i| &sources[i]);

    // The kind most sources agree on; the lead source breaks ties.
    let mut votes: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (rank, source) in in_order().enumerate() {
        let entry = votes.entry(source.extracted.kind.as_str()).or_insert((0, rank));
        entry.0 += 1;
    }
    let kind = votes
        .iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
        .and_then(|(name, _)| name.parse().ok())
        .unwrap_or(lead.extracted.kind);
    let cameo = in_order()
        .find(|s| s.extracted.kind == kind)
        .map_or_else(|| kind.cameo().to_owned(), |s| s.extracted.cameo.clone());

    let actor = in_order().find_map(|s| s.extracted.actor.clone());
    let target = in_order().find_map(|s| s.extracted.target.clone());
    let location = in_order()
        .filter_map(|s| s.extracted.location.as_ref())
        .min_by_key(|p| match p.precision {
            PlacePrecision::City => 0,
            PlacePrecision::Region => 1,
            PlacePrecision::Country => 2,
        })
        .cloned();
    let when = in_order()
        .filter_map(|s| s.extracted.when.as_ref())
        .min_by(|a, b| a.precision.cmp(&b.precision).then(a.start.cmp(&b.start)))
        .cloned()
        .or_else(|| derived_when(sources));
    let modality = lead.extracted.modality;
    let quantity: Option<Quantity> = in_order().find_map(|s| s.extracted.quantity.clone());
    let quantity_range = quantity.as_ref().map(|q| {
        let values: Vec<f64> = sources
            .iter()
            .filter_map(|s| s.extracted.quantity.as_ref())
            .filter(|other| other.unit == q.unit)
            .map(|other| other.value)
            .collect();
        QuantityRange {
            unit: q.unit.clone(),
            min: values.iter().copied().fold(f64::INFINITY, f64::min),
            max: values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            reports: values.len(),
        }
    });

    Some(Aggregate {
        fields: ExtractedEvent {
            kind,
            cameo,
            actor,
            target,
            location,
            when,
            quantity,
            modality,
            attribution: lead.extracted.attribution.clone(),
            quote: in_order().find_map(|s| s.extracted.quote.clone()),
            summary: lead.extracted.summary.clone(),
            confidence: combined_confidence(sources),
            evidence: lead.extracted.evidence.clone(),
        },
        source_count: sources.len(),
        first_reported_at: sources.iter().map(|s| s.reported_at).min()?,
        last_reported_at: sources.iter().map(|s| s.reported_at).max()?,
        quantity_range,
    })
}

/// With no dated source, the event sits in the window before its first report.
fn derived_when(sources: &[SourceFacts<'_>]) -> Option<When> {
    let first = sources.iter().min_by_key(|s| s.reported_at)?;
    let (start, end) = date_range(first.extracted, first.reported_at);
    Some(When { start, end, precision: DatePrecision::Week, text: None })
}

/// Independent outlets corroborate: `1 - Π(1 - c)` over outlets, where each outlet counts
/// once with its most confident report. The same outlet twice adds nothing.
pub fn combined_confidence(sources: &[SourceFacts<'_>]) -> f32 {
    let mut best_per_outlet: BTreeMap<&str, f32> = BTreeMap::new();
    for source in sources {
        let outlet = source.domain.unwrap_or(source.key);
        let entry = best_per_outlet.entry(outlet).or_insert(0.0);
        *entry = entry.max(source.extracted.confidence.clamp(0.0, 1.0));
    }
    let doubt: f32 = best_per_outlet.values().map(|c| 1.0 - c).product();
    let combined = 1.0 - doubt;
    let single = best_per_outlet.values().copied().fold(0.0, f32::max);
    if best_per_outlet.len() <= 1 { single } else { combined.min(MAX_CONFIDENCE).max(single) }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::{Evidence, Kind, QuantityQualifier};

    fn actor(code: &str) -> Actor {
        Actor { name: code.to_owned(), code: code.to_owned(), country: Some(code.to_owned()), sector: None }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 10, d).unwrap_or_default()
    }

    fn at(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 10, d, 12, 0, 0).single().unwrap_or_default()
    }

    fn event(kind: Kind, a: Option<&str>, t: Option<&str>, when: Option<(u32, u32)>) -> ExtractedEvent {
        ExtractedEvent {
            kind,
            cameo: kind.cameo().to_owned(),
            actor: a.map(actor),
            target: t.map(actor),
            location: None,
            when: when.map(|(s, e)| When {
                start: day(s),
                end: day(e),
                precision: if s == e { DatePrecision::Day } else { DatePrecision::Week },
                text: None,
            }),
            quantity: None,
            modality: Modality::Asserted,
            attribution: None,
            quote: None,
            summary: String::new(),
            confidence: 0.6,
            evidence: vec![Evidence { sentence: String::new(), start: 0, end: 0 }],
        }
    }

    fn facts<'a>(e: &'a ExtractedEvent, d: u32, domain: &'a str, key: &'a str) -> SourceFacts<'a> {
        SourceFacts { extracted: e, reported_at: at(d), domain: Some(domain), key }
    }

    #[test]
    fn reports_of_one_deployment_are_compatible_and_say_why() {
        let a = event(Kind::TroopDeployment, Some("PRK"), Some("RUS"), Some((18, 25)));
        let b = event(Kind::TroopDeployment, Some("PRK"), None, Some((23, 23)));
        let reason = compare(&facts(&a, 25, "x.com", "a"), &facts(&b, 24, "y.com", "b")).expect("compatible");
        assert!(reason.matched.contains(&"actor".to_owned()));
        assert!(reason.explanation.contains("one report names no target"), "{}", reason.explanation);
    }

    #[test]
    fn different_actors_targets_families_or_days_are_different_events() {
        let base = event(Kind::Attack, Some("RUS"), Some("UKR"), Some((3, 3)));
        let cases = [
            event(Kind::Attack, Some("UKR"), Some("RUS"), Some((3, 3))),
            event(Kind::Attack, Some("RUS"), Some("GEO"), Some((3, 3))),
            event(Kind::Threat, Some("RUS"), Some("UKR"), Some((3, 3))),
            event(Kind::Attack, Some("RUS"), Some("UKR"), Some((4, 4))),
        ];
        for other in &cases {
            assert!(compare(&facts(&base, 3, "a", "a"), &facts(other, 4, "b", "b")).is_none(), "{other:?}");
        }
    }

    #[test]
    fn different_aid_or_a_mere_possibility_is_another_event() {
        let given = event(Kind::HumanitarianAid, Some("KOR"), Some("UKR"), Some((20, 25)));
        let arms = event(Kind::MilitaryAid, Some("KOR"), Some("UKR"), Some((20, 25)));
        let mut could = given.clone();
        could.modality = Modality::Hypothetical;
        assert!(compare(&facts(&given, 25, "a", "a"), &facts(&arms, 25, "a", "b")).is_none());
        assert!(compare(&facts(&given, 25, "a", "a"), &facts(&could, 25, "b", "b")).is_none());
        let mut also_could = could.clone();
        also_could.confidence = 0.5;
        assert!(compare(&facts(&could, 25, "a", "a"), &facts(&also_could, 25, "b", "b")).is_some());
    }

    #[test]
    fn two_different_cities_are_two_attacks() {
        let city = |name: &str| Place {
            name: name.to_owned(),
            country: Some("UKR".to_owned()),
            lat: None,
            lon: None,
            precision: PlacePrecision::City,
        };
        let mut a = event(Kind::Attack, Some("RUS"), Some("UKR"), Some((3, 3)));
        let mut b = a.clone();
        a.location = Some(city("Kharkiv"));
        b.location = Some(city("Odesa"));
        assert!(compare(&facts(&a, 3, "a", "a"), &facts(&b, 3, "b", "b")).is_none());
        b.location = Some(city("Kharkiv"));
        assert!(compare(&facts(&a, 3, "a", "a"), &facts(&b, 3, "b", "b")).is_some());
    }

    #[test]
    fn the_aggregate_takes_the_strongest_modality_and_keeps_the_figure_range() {
        let troops = |value: f64| Quantity {
            value,
            unit: "troops".to_owned(),
            currency: None,
            qualifier: QuantityQualifier::Exact,
            text: value.to_string(),
        };
        let mut claimed = event(Kind::TroopDeployment, Some("PRK"), Some("RUS"), Some((18, 25)));
        claimed.modality = Modality::Claimed;
        claimed.quantity = Some(troops(3000.0));
        let mut asserted = event(Kind::TroopDeployment, Some("PRK"), None, Some((23, 23)));
        asserted.quantity = Some(troops(12000.0));

        let sources = [facts(&claimed, 25, "a.com", "a"), facts(&asserted, 24, "b.com", "b")];
        let merged = aggregate(&sources).expect("aggregate");

        assert_eq!(merged.fields.modality, Modality::Asserted);
        assert_eq!(
            merged.fields.target.as_ref().map(|t| t.code.as_str()),
            Some("RUS"),
            "the target one report gives"
        );
        assert_eq!(merged.fields.when.as_ref().map(|w| w.precision), Some(DatePrecision::Day));
        let range = merged.quantity_range.expect("range");
        assert_eq!((range.min, range.max, range.reports), (3000.0, 12000.0, 2));
        assert_eq!(merged.source_count, 2);
        assert_eq!(merged.first_reported_at, at(24));
    }

    #[test]
    fn the_aggregate_does_not_depend_on_source_order() {
        let a = event(Kind::Attack, Some("RUS"), Some("UKR"), Some((3, 3)));
        let mut b = event(Kind::ArmedClash, Some("RUS"), None, Some((1, 7)));
        b.confidence = 0.9;
        let c = event(Kind::Attack, Some("RUS"), Some("UKR"), None);
        let forward = [facts(&a, 4, "x", "1"), facts(&b, 5, "y", "2"), facts(&c, 6, "z", "3")];
        let backward = [forward[2], forward[1], forward[0]];
        assert_eq!(aggregate(&forward), aggregate(&backward));
    }

    #[test]
    fn independent_outlets_raise_confidence_more_than_one_outlet_twice() {
        let e = event(Kind::Attack, Some("RUS"), Some("UKR"), Some((3, 3)));
        let one_outlet = [facts(&e, 3, "same.com", "1"), facts(&e, 3, "same.com", "2")];
        let two_outlets = [facts(&e, 3, "one.com", "1"), facts(&e, 3, "two.com", "2")];
        let single = combined_confidence(&one_outlet[..1]);
        assert_eq!(combined_confidence(&one_outlet), single);
        assert!(combined_confidence(&two_outlets) > single + 0.1);
        let many: Vec<SourceFacts<'_>> =
            ["a", "b", "c", "d", "e", "f", "g", "h"].iter().map(|d| facts(&e, 3, d, d)).collect();
        assert!(combined_confidence(&many) <= MAX_CONFIDENCE);
    }
}
