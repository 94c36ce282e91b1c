//! When two reports describe one real-world event, and what the merged event says.
//!
//! Two sources are *compatible* when their kinds name the same act (the same kind, or an
//! attack and a clash, criticism and an accusation, a pledge and an agreement), neither is a
//! mere possibility unless both are, their actors and targets resolve to the same codes (a
//! target one report leaves out is compatible), their locations do not contradict (same
//! country, and not two different cities), and their date ranges overlap. Events are the
//! connected components of this relation over all sources: a new source joins every event
//! it is compatible with, and events it bridges become one. Components depend only on the
//! *set* of sources, so ingesting the same articles in any order yields the same events.
//!
//! Compatibility reads only a source's [`MergeKey`]: kind, whether it is hypothetical, actor
//! and target codes, place, and date range. An event therefore needs only its distinct keys
//! to decide whether a new source joins it, not its sources; keys that agree in everything
//! but dates and whose ranges touch are one key with the union of their ranges (a range
//! reaches another within the slack exactly when it reaches one of the ranges of the
//! union). The keys of an event number its distinct ways of being reported, however many
//! reports there are. The aggregate ([`MergeState`]) is built the same way, one source at a
//! time with operations whose result does not depend on their order.
//!
//! The trade: a vague report (no target, no location, a month-wide date) can bridge two
//! events that a careful analyst would keep apart. Analysts can split such events; a split
//! or merged event is locked against automatic merging.

mod aggregate;

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use aggregate::{
    Aggregate, MergeState, QuantityRange, aggregate, combined_confidence, doubt_units, outlet,
    outlet_confidence,
};

use crate::{ExtractedEvent, Family, Kind, MergeReason, Modality, Place, PlacePrecision};

/// How far back an undated report reaches from its publication date: news reports events of
/// the last days, and the extractor dates what it can.
const UNDATED_WINDOW_DAYS: u64 = 7;

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
        None => undated_range(reported_at),
    }
}

fn undated_range(reported_at: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
    let end = reported_at.date_naive();
    (end.checked_sub_days(Days::new(UNDATED_WINDOW_DAYS)).unwrap_or(end), end)
}

/// A place as far as merging cares: name, country and precision (coordinates are the
/// gazetteer's and follow from the name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceKey {
    /// Resolved name.
    pub name: String,
    /// ISO3 of its country.
    pub country: Option<String>,
    /// City, region or country.
    pub precision: PlacePrecision,
}

/// Everything about a source that decides which sources it can be one event with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeKey {
    /// The kind the source reports.
    pub kind: Kind,
    /// Whether it reports a mere possibility.
    pub hypothetical: bool,
    /// Actor code.
    pub actor: Option<String>,
    /// Target code.
    pub target: Option<String>,
    /// Where.
    pub place: Option<PlaceKey>,
    /// First day of its date range.
    pub start: NaiveDate,
    /// Last day of its date range (inclusive).
    pub end: NaiveDate,
}

impl MergeKey {
    /// The key of one source.
    pub fn of(source: &SourceFacts<'_>) -> Self {
        let e = source.extracted;
        let (start, end) = date_range(e, source.reported_at);
        MergeKey {
            kind: e.kind,
            hypothetical: e.modality == Modality::Hypothetical,
            actor: e.actor.as_ref().map(|a| a.code.clone()),
            target: e.target.as_ref().map(|a| a.code.clone()),
            place: e.location.as_ref().map(|p: &Place| PlaceKey {
                name: p.name.clone(),
                country: p.country.clone(),
                precision: p.precision,
            }),
            start,
            end,
        }
    }

    /// The merge family of its kind: compatible keys always share it, and their actor code.
    pub fn family(&self) -> Family {
        self.kind.family()
    }

    /// Everything but the dates, as a stable string: keys with the same identity differ
    /// only in their date ranges.
    pub fn identity(&self) -> String {
        let place = self.place.as_ref();
        serde_json::json!([
            self.kind,
            self.hypothetical,
            self.actor,
            self.target,
            place.map(|p| &p.name),
            place.and_then(|p| p.country.as_ref()),
            place.map(|p| p.precision),
        ])
        .to_string()
    }

    /// Whether two keys of one identity have ranges that overlap or meet end to end.
    fn touches(&self, other: &MergeKey) -> bool {
        let next = |d: NaiveDate| d.succ_opt().unwrap_or(d);
        self.start <= next(other.end) && other.start <= next(self.end)
    }

    /// Folds keys into the fewest keys that compare exactly as they do: keys of one
    /// identity whose ranges touch become one key over the union of their ranges. The
    /// result is sorted and does not depend on the order of `keys`.
    pub fn coalesce(mut keys: Vec<MergeKey>) -> Vec<MergeKey> {
        let mut keyed: Vec<(String, MergeKey)> = keys.drain(..).map(|k| (k.identity(), k)).collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.start.cmp(&b.1.start)));
        let mut out: Vec<(String, MergeKey)> = Vec::with_capacity(keyed.len());
        for (identity, key) in keyed {
            match out.last_mut() {
                Some((last_identity, last)) if *last_identity == identity && last.touches(&key) => {
                    last.end = last.end.max(key.end);
                }
                _ => out.push((identity, key)),
            }
        }
        out.into_iter().map(|(_, key)| key).collect()
    }
}

/// Whether two sources report one event; `Some` carries the reason (score, matched fields,
/// explanation), `None` means they cannot be the same event.
pub fn compare(x: &MergeKey, y: &MergeKey) -> Option<MergeReason> {
    if !x.kind.can_be_same_event(y.kind) {
        return None;
    }
    // A possibility is not the event: "could arm Ukraine" never joins "armed Ukraine".
    if x.hypothetical != y.hypothetical {
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

    match (&x.actor, &y.actor) {
        (Some(p), Some(q)) if p == q => {
            matched.push("actor".to_owned());
            notes.push(format!("actor {p}"));
            score += 0.25;
        }
        (None, None) => {}
        _ => return None,
    }
    match (&x.target, &y.target) {
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
    match places_agree(x.place.as_ref(), y.place.as_ref())? {
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
    let (a_start, a_end, b_start, b_end) = (x.start, x.end, y.start, y.end);
    let slack = Days::new(x.family().date_slack_days());
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
fn places_agree(a: Option<&PlaceKey>, b: Option<&PlaceKey>) -> Option<PlaceMatch> {
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

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::{Actor, DatePrecision, Evidence, Modality, Quantity, QuantityQualifier, When};

    fn actor(code: &str) -> Actor {
        Actor {
            name: code.to_owned(),
            code: code.to_owned(),
            country: Some(code.to_owned()),
            sector: None,
            person: None,
        }
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
            cameo: kind.cameo(),
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

    fn k(e: &ExtractedEvent, d: u32, domain: &str, key: &str) -> MergeKey {
        MergeKey::of(&facts(e, d, domain, key))
    }

    fn facts<'a>(e: &'a ExtractedEvent, d: u32, domain: &'a str, key: &'a str) -> SourceFacts<'a> {
        SourceFacts { extracted: e, reported_at: at(d), domain: Some(domain), key }
    }

    #[test]
    fn reports_of_one_deployment_are_compatible_and_say_why() {
        let a = event(Kind::TroopDeployment, Some("PRK"), Some("RUS"), Some((18, 25)));
        let b = event(Kind::TroopDeployment, Some("PRK"), None, Some((23, 23)));
        let reason = compare(&k(&a, 25, "x.com", "a"), &k(&b, 24, "y.com", "b")).expect("compatible");
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
            assert!(compare(&k(&base, 3, "a", "a"), &k(other, 4, "b", "b")).is_none(), "{other:?}");
        }
    }

    #[test]
    fn different_aid_or_a_mere_possibility_is_another_event() {
        let given = event(Kind::HumanitarianAid, Some("KOR"), Some("UKR"), Some((20, 25)));
        let arms = event(Kind::MilitaryAid, Some("KOR"), Some("UKR"), Some((20, 25)));
        let mut could = given.clone();
        could.modality = Modality::Hypothetical;
        assert!(compare(&k(&given, 25, "a", "a"), &k(&arms, 25, "a", "b")).is_none());
        assert!(compare(&k(&given, 25, "a", "a"), &k(&could, 25, "b", "b")).is_none());
        let mut also_could = could.clone();
        also_could.confidence = 0.5;
        assert!(compare(&k(&could, 25, "a", "a"), &k(&also_could, 25, "b", "b")).is_some());
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
        assert!(compare(&k(&a, 3, "a", "a"), &k(&b, 3, "b", "b")).is_none());
        b.location = Some(city("Kharkiv"));
        assert!(compare(&k(&a, 3, "a", "a"), &k(&b, 3, "b", "b")).is_some());
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
        assert!(combined_confidence(&many) <= 0.99);
    }

    #[test]
    fn coalesced_keys_compare_exactly_as_the_keys_they_replace() {
        let key = |kind: Kind, target: Option<&str>, start: u32, end: u32| MergeKey {
            kind,
            hypothetical: false,
            actor: Some("RUS".to_owned()),
            target: target.map(str::to_owned),
            place: None,
            start: day(start),
            end: day(end),
        };
        // Daily reports with gaps, of two identities; the assault family has no slack.
        let spans = [(1, 1), (2, 3), (3, 4), (7, 7), (9, 12), (11, 11), (20, 20)];
        let mut keys: Vec<MergeKey> =
            spans.iter().map(|&(s, e)| key(Kind::Attack, Some("UKR"), s, e)).collect();
        keys.extend(spans.iter().map(|&(s, e)| key(Kind::ArmedClash, None, s + 1, e + 1)));
        let coalesced = MergeKey::coalesce(keys.clone());
        assert!(coalesced.len() < keys.len());
        let mut reversed = keys.clone();
        reversed.reverse();
        assert_eq!(MergeKey::coalesce(reversed), coalesced, "the order of the keys does not matter");
        for kind in [Kind::Attack, Kind::ArmedClash, Kind::TroopDeployment] {
            for target in [Some("UKR"), None, Some("GEO")] {
                for start in 1..=24 {
                    for len in 0..3 {
                        let probe = key(kind, target, start, start + len);
                        let one = keys.iter().any(|k| compare(&probe, k).is_some());
                        let folded = coalesced.iter().any(|k| compare(&probe, k).is_some());
                        assert_eq!(one, folded, "{probe:?}");
                    }
                }
            }
        }
    }
}
