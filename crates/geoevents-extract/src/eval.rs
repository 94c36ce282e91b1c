//! Scoring the extractor against gold files (`../shared/devset/README.md`): whole articles
//! with expected, optional and forbidden events, and single PLOVER sentences.
//!
//! Both scorers are pure: they take the JSONL text, run [`crate::extract`] on every record
//! and return a report with precision, recall and F1, recall per kind (or PLOVER type), the
//! misses and false positives for debugging, and a `Display` table. Errors name the line.
//!
//! **Matching.** Each expected event matches at most one extracted event; the pairing is a
//! maximum bipartite matching, so the order of events never changes a score.
//!
//! - Articles: an extracted event matches when its kind is listed, its actor and target
//!   codes equal the expected ones, and (where given) its modality is listed and its
//!   quantity equal. Extracted events matching an `optional` entry are neither hits nor
//!   false positives. An event matching a `forbid` pattern is a hard failure, counted
//!   separately. "Type only" scores kinds alone.
//! - PLOVER sentences: an extracted event matches when its PLOVER type is the expected one
//!   and its actor's code or country is among the expected actor codes (or none are
//!   expected), and the same for the target. "Type only" scores PLOVER types alone. Events
//!   whose kind has no PLOVER type (policy statements) are outside the PLOVER ontology and
//!   not scored. Records get a fixed publication date (2000-01-01).
//!
//! **Conventions.** PLOVER gold codes every intergovernmental body `IGO`, NGOs `NGO` and
//! armed groups that belong to no state `IMG` (CAMEO's "international militarized group",
//! as PETRARCH-2's Phoenix dictionaries code al-Qaeda): an extracted actor whose registry
//! kind is international matches `IGO`, one whose kind is NGO matches `NGO`, and an armed
//! group without a country matches `IMG`.
//!
//! **Strict counting.** The README's rule is applied as written: each expected event
//! matches at most one extracted event, and every extracted event that matches none is a
//! false positive. Our "one event per actor" convention turns a gold event with actors
//! [HUN, ROU] into two events; one of them matches, the other is a false positive (and
//! likewise one event per target: "closed its borders with Iran and Turkey" is two). The
//! report still says how many false positives are such compound splits, as information
//! only: they are counted in the headline figures.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use geoevents_domain::{ArticleBody, ArticleInput, ExtractedEvent, Kind, Modality};
use serde::Deserialize;

use crate::gazetteer::{ActorKind, gazetteer};

/// A gold file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalError {
    /// 1-based line number.
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for EvalError {}

/// Counts behind precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Matched expected events.
    pub true_positives: usize,
    /// Extracted events matching nothing.
    pub false_positives: usize,
    /// Expected events not matched.
    pub false_negatives: usize,
}

impl Counts {
    /// Precision; 1 when nothing was extracted.
    pub fn precision(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives)
    }

    /// Recall; 1 when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_negatives)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    fn add(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Recall of one kind or type: how many expected were found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Recall {
    /// Found.
    pub found: usize,
    /// Expected.
    pub expected: usize,
}

/// An expected event that was not found.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    /// Record id.
    pub record: String,
    /// The expectation, in words.
    pub expected: String,
}

/// An extracted event that matched nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct FalsePositive {
    /// Record id.
    pub record: String,
    /// The event, in one line.
    pub event: String,
    /// Its first evidence sentence.
    pub evidence: String,
}

/// An event that matched a forbidden pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct ForbiddenHit {
    /// Record id.
    pub record: String,
    /// Why the pattern is forbidden.
    pub why: String,
    /// The offending event, in one line.
    pub event: String,
}

/// The score of an articles file.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleReport {
    /// Records scored.
    pub records: usize,
    /// Kind, actor, target, modality and quantity (the README's scoring).
    pub full: Counts,
    /// Kind alone.
    pub type_only: Counts,
    /// Recall per expected kind (the first kind listed).
    pub per_kind: BTreeMap<String, Recall>,
    /// Expected events not found.
    pub misses: Vec<Miss>,
    /// Extracted events matching nothing.
    pub false_positives: Vec<FalsePositive>,
    /// Forbidden patterns hit.
    pub forbidden: Vec<ForbiddenHit>,
    /// Records whose publication date had to be found, and how many were found right.
    pub dates: Recall,
}

/// The score of a PLOVER sentences file.
#[derive(Debug, Clone, PartialEq)]
pub struct PloverReport {
    /// Records scored.
    pub records: usize,
    /// PLOVER type plus actor and target codes.
    pub type_actors: Counts,
    /// PLOVER type alone.
    pub type_only: Counts,
    /// Recall (type and actors) per PLOVER type.
    pub per_type: BTreeMap<String, Recall>,
    /// Expected events not found (type and actors).
    pub misses: Vec<Miss>,
    /// Extracted events matching nothing (type and actors), splits included.
    pub false_positives: Vec<FalsePositive>,
    /// How many of the false positives (type and actors) are events for another member of
    /// a matched gold event's compound actor or target ("one event per actor and per
    /// target"). Information only: they are counted as false positives.
    pub splits: usize,
}

#[derive(Deserialize)]
struct ArticleRecord {
    id: String,
    text: String,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    published_at: Option<String>,
    #[serde(default)]
    expect_published_at: Option<String>,
    #[serde(default)]
    expect: Vec<ExpectedEvent>,
    #[serde(default)]
    optional: Vec<ExpectedEvent>,
    #[serde(default)]
    forbid: Vec<Forbid>,
}

#[derive(Deserialize)]
struct ExpectedEvent {
    kind: Vec<Kind>,
    #[serde(default)]
    actor: Option<String>,
    #[serde(default)]
    target: Option<String>,
    #[serde(default)]
    modality: Option<Vec<Modality>>,
    #[serde(default)]
    quantity: Option<f64>,
    #[serde(default)]
    why: Option<String>,
}

#[derive(Deserialize)]
struct Forbid {
    #[serde(default)]
    evidence_contains: Option<String>,
    #[serde(default)]
    kind: Option<Vec<Kind>>,
    #[serde(default)]
    modality: Option<Vec<Modality>>,
    #[serde(default)]
    why: Option<String>,
}

#[derive(Deserialize)]
struct PloverRecord {
    id: String,
    text: String,
    #[serde(default)]
    expect: Vec<PloverExpected>,
}

#[derive(Deserialize)]
struct PloverExpected {
    plover: String,
    #[serde(default)]
    actor: Vec<PloverActor>,
    #[serde(default)]
    target: Vec<PloverActor>,
}

#[derive(Deserialize)]
struct PloverActor {
    #[serde(default)]
    code: Option<String>,
}

fn parse_lines<T: for<'de> Deserialize<'de>>(jsonl: &str) -> Result<Vec<T>, EvalError> {
    let mut out = Vec::new();
    for (i, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record =
            serde_json::from_str(line).map_err(|e| EvalError { line: i + 1, message: e.to_string() })?;
        out.push(record);
    }
    Ok(out)
}

fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).map(|d| d.with_timezone(&Utc)).ok().or_else(|| {
        NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()?.and_hms_opt(0, 0, 0).map(|d| d.and_utc())
    })
}

/// Scores an articles file.
pub fn evaluate_articles(jsonl: &str) -> Result<ArticleReport, EvalError> {
    let records: Vec<ArticleRecord> = parse_lines(jsonl)?;
    let mut report = ArticleReport {
        records: records.len(),
        full: Counts::default(),
        type_only: Counts::default(),
        per_kind: BTreeMap::new(),
        misses: Vec::new(),
        false_positives: Vec::new(),
        forbidden: Vec::new(),
        dates: Recall::default(),
    };
    for (i, record) in records.iter().enumerate() {
        let published_at = match &record.published_at {
            Some(text) => Some(parse_date(text).ok_or_else(|| EvalError {
                line: i + 1,
                message: format!("published_at '{text}' is not a date"),
            })?),
            None => None,
        };
        let body = match record.format.as_deref() {
            Some("html") => ArticleBody::Html(record.text.clone()),
            _ => ArticleBody::Text(record.text.clone()),
        };
        let input = ArticleInput { url: None, title: None, published_at, source: None, body };
        let extraction = crate::extract(&input);
        if let Some(expected) = &record.expect_published_at {
            report.dates.expected += 1;
            let found = extraction.article.published_at.map(|d| d.date_naive().to_string());
            if found.as_deref() == expected.get(..10) {
                report.dates.found += 1;
            }
        }
        let events = &extraction.events;
        score_article(record, events, &mut report);
    }
    Ok(report)
}

fn article_match(e: &ExpectedEvent, x: &ExtractedEvent, type_only: bool) -> bool {
    if !e.kind.contains(&x.kind) {
        return false;
    }
    if type_only {
        return true;
    }
    let actor = x.actor.as_ref().map(|a| a.code.as_str());
    let target = x.target.as_ref().map(|a| a.code.as_str());
    actor == e.actor.as_deref()
        && target == e.target.as_deref()
        && e.modality.as_ref().is_none_or(|m| m.contains(&x.modality))
        && e.quantity.is_none_or(|q| x.quantity.as_ref().is_some_and(|xq| (xq.value - q).abs() < 1e-6))
}

fn score_article(record: &ArticleRecord, events: &[ExtractedEvent], report: &mut ArticleReport) {
    for type_only in [false, true] {
        let pairs = matching(record.expect.len(), events.len(), |i, j| {
            article_match(&record.expect[i], &events[j], type_only)
        });
        let mut counts = Counts::default();
        let mut used = vec![false; events.len()];
        for (i, m) in pairs.iter().enumerate() {
            match m {
                Some(j) => {
                    counts.true_positives += 1;
                    used[*j] = true;
                }
                None => counts.false_negatives += 1,
            }
            if !type_only {
                let kind = record.expect[i].kind.first().map_or("?", |k| k.as_str()).to_owned();
                let entry = report.per_kind.entry(kind).or_default();
                entry.expected += 1;
                if m.is_some() {
                    entry.found += 1;
                } else {
                    let e = &record.expect[i];
                    report.misses.push(Miss {
                        record: record.id.clone(),
                        expected: format!(
                            "{} {} -> {} {:?}{}",
                            e.kind.iter().map(|k| k.as_str()).collect::<Vec<_>>().join("|"),
                            e.actor.as_deref().unwrap_or("-"),
                            e.target.as_deref().unwrap_or("-"),
                            e.modality
                                .as_ref()
                                .map(|m| m.iter().map(|x| x.as_str()).collect::<Vec<_>>())
                                .unwrap_or_default(),
                            e.why.as_deref().map(|w| format!(" ({w})")).unwrap_or_default()
                        ),
                    });
                }
            }
        }
        for (j, event) in events.iter().enumerate() {
            if used[j] || record.optional.iter().any(|o| article_match(o, event, type_only)) {
                continue;
            }
            counts.false_positives += 1;
            if !type_only {
                report.false_positives.push(false_positive(&record.id, event));
            }
        }
        if type_only {
            report.type_only.add(counts);
        } else {
            report.full.add(counts);
        }
    }
    for f in &record.forbid {
        for event in events {
            let by_text = f
                .evidence_contains
                .as_ref()
                .is_some_and(|needle| event.evidence.iter().any(|e| e.sentence.contains(needle.as_str())));
            let by_kind = f.evidence_contains.is_none()
                && f.kind.as_ref().is_none_or(|k| k.contains(&event.kind))
                && f.modality.as_ref().is_none_or(|m| m.contains(&event.modality))
                && (f.kind.is_some() || f.modality.is_some());
            if by_text || by_kind {
                report.forbidden.push(ForbiddenHit {
                    record: record.id.clone(),
                    why: f.why.clone().unwrap_or_default(),
                    event: describe(event),
                });
            }
        }
    }
}

fn describe(e: &ExtractedEvent) -> String {
    format!(
        "{} {} -> {} [{}] \"{}\"",
        e.kind,
        e.actor.as_ref().map_or("-", |a| a.code.as_str()),
        e.target.as_ref().map_or("-", |a| a.code.as_str()),
        e.modality,
        e.summary
    )
}

fn false_positive(record: &str, e: &ExtractedEvent) -> FalsePositive {
    FalsePositive {
        record: record.to_owned(),
        event: describe(e),
        evidence: e.evidence.first().map(|x| x.sentence.clone()).unwrap_or_default(),
    }
}

/// Maximum bipartite matching (augmenting paths found breadth-first, without recursion):
/// for each expected event, the extracted event it is paired with.
fn matching(expected: usize, extracted: usize, fits: impl Fn(usize, usize) -> bool) -> Vec<Option<usize>> {
    let adjacency: Vec<Vec<usize>> =
        (0..expected).map(|i| (0..extracted).filter(|&j| fits(i, j)).collect()).collect();
    let mut owner: Vec<Option<usize>> = vec![None; extracted];
    let mut partner: Vec<Option<usize>> = vec![None; expected];
    for start in 0..expected {
        let mut reached_from: Vec<Option<usize>> = vec![None; extracted];
        let mut queue = std::collections::VecDeque::from([start]);
        let mut free = None;
        'search: while let Some(u) = queue.pop_front() {
            for &v in &adjacency[u] {
                if reached_from[v].is_some() {
                    continue;
                }
                reached_from[v] = Some(u);
                match owner[v] {
                    None => {
                        free = Some(v);
                        break 'search;
                    }
                    Some(w) => queue.push_back(w),
                }
            }
        }
        // Flip the path back to `start`.
        let mut v = free;
        while let Some(ext) = v {
            let Some(u) = reached_from[ext] else { break };
            let previous = partner[u];
            owner[ext] = Some(u);
            partner[u] = Some(ext);
            v = if u == start { None } else { previous };
        }
    }
    partner
}

/// Scores a PLOVER sentences file.
pub fn evaluate_plover(jsonl: &str) -> Result<PloverReport, EvalError> {
    let records: Vec<PloverRecord> = parse_lines(jsonl)?;
    let published_at =
        NaiveDate::from_ymd_opt(2000, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| d.and_utc());
    let mut report = PloverReport {
        records: records.len(),
        type_actors: Counts::default(),
        type_only: Counts::default(),
        per_type: BTreeMap::new(),
        misses: Vec::new(),
        false_positives: Vec::new(),
        splits: 0,
    };
    for (line, record) in records.iter().enumerate() {
        for e in &record.expect {
            if e.plover.parse::<geoevents_domain::Plover>().is_err() {
                return Err(EvalError {
                    line: line + 1,
                    message: format!("unknown PLOVER type '{}'", e.plover),
                });
            }
        }
        let input = ArticleInput {
            url: None,
            title: None,
            published_at,
            source: None,
            body: ArticleBody::Text(record.text.clone()),
        };
        let extraction = crate::extract(&input);
        let events: Vec<&ExtractedEvent> =
            extraction.events.iter().filter(|e| e.plover().is_some()).collect();
        for type_only in [false, true] {
            let fits = |i: usize, j: usize| plover_match(&record.expect[i], events[j], type_only);
            let pairs = matching(record.expect.len(), events.len(), fits);
            let mut counts = Counts::default();
            let mut used = vec![false; events.len()];
            for (i, m) in pairs.iter().enumerate() {
                if let Some(j) = m {
                    counts.true_positives += 1;
                    used[*j] = true;
                } else {
                    counts.false_negatives += 1;
                }
                if !type_only {
                    let e = &record.expect[i];
                    let entry = report.per_type.entry(e.plover.clone()).or_default();
                    entry.expected += 1;
                    if m.is_some() {
                        entry.found += 1;
                    } else {
                        report.misses.push(Miss {
                            record: record.id.clone(),
                            expected: format!(
                                "{} {} -> {} | {}",
                                e.plover,
                                codes(&e.actor),
                                codes(&e.target),
                                record.text.trim()
                            ),
                        });
                    }
                }
            }
            // One event per actor: an unmatched event for another member of a matched gold
            // event's actor list is that gold event, split by our convention. It stays a
            // false positive; it is only counted so the report can say how many there are.
            counts.false_positives = used.iter().filter(|u| !**u).count();
            if type_only {
                report.type_only.add(counts);
            } else {
                for (j, event) in events.iter().enumerate() {
                    if used[j] {
                        continue;
                    }
                    let mut fp = false_positive(&record.id, event);
                    if let Some(split) = is_split(record, &pairs, &events, j) {
                        report.splits += 1;
                        fp.event.push_str(&format!(" ({split})"));
                    }
                    report.false_positives.push(fp);
                }
                report.type_actors.add(counts);
            }
        }
    }
    Ok(report)
}

/// Whether unmatched event `j` is the other half of a matched gold event with several
/// actors: same gold event, a different actor code than the event that matched it.
fn is_split(
    record: &PloverRecord,
    pairs: &[Option<usize>],
    events: &[&ExtractedEvent],
    j: usize,
) -> Option<&'static str> {
    let code = |e: &ExtractedEvent, target: bool| {
        if target { e.target.as_ref() } else { e.actor.as_ref() }.map(|a| a.code.clone())
    };
    pairs.iter().enumerate().find_map(|(i, m)| {
        let k = (*m)?;
        if !plover_match(&record.expect[i], events[j], false) {
            return None;
        }
        if record.expect[i].actor.len() > 1 && code(events[k], false) != code(events[j], false) {
            Some("compound-actor split")
        } else if record.expect[i].target.len() > 1 && code(events[k], true) != code(events[j], true) {
            Some("compound-target split")
        } else {
            None
        }
    })
}

fn codes(actors: &[PloverActor]) -> String {
    let list: Vec<&str> = actors.iter().filter_map(|a| a.code.as_deref()).collect();
    if list.is_empty() { "-".to_owned() } else { list.join(",") }
}

fn plover_match(e: &PloverExpected, x: &ExtractedEvent, type_only: bool) -> bool {
    if x.plover().map(|p| p.as_str()) != Some(e.plover.as_str()) {
        return false;
    }
    type_only
        || (role_matches(&e.actor, x.actor.as_ref().map(|a| (a.code.as_str(), a.country.as_deref())))
            && role_matches(&e.target, x.target.as_ref().map(|a| (a.code.as_str(), a.country.as_deref()))))
}

/// Whether an extracted role fills a gold role: any code matches when none is expected;
/// `IGO` and `NGO` match actors of those registry kinds, `IMG` an armed group of no state.
fn role_matches(expected: &[PloverActor], got: Option<(&str, Option<&str>)>) -> bool {
    let wanted: Vec<&str> = expected.iter().filter_map(|a| a.code.as_deref()).collect();
    if wanted.is_empty() {
        return true;
    }
    let Some((code, country)) = got else { return false };
    let kind = gazetteer().actor(code).map(|a| a.kind);
    wanted.iter().any(|w| {
        *w == code
            || Some(*w) == country
            || (*w == "IGO" && kind == Some(ActorKind::International))
            || (*w == "NGO" && kind == Some(ActorKind::Ngo))
            || (*w == "IMG" && kind == Some(ActorKind::ArmedGroup) && country.is_none())
    })
}

fn pct(x: f64) -> String {
    format!("{:5.1}%", 100.0 * x)
}

fn counts_row(f: &mut fmt::Formatter<'_>, name: &str, c: &Counts) -> fmt::Result {
    writeln!(
        f,
        "  {name:<16} P {}  R {}  F1 {}   (tp {}, fp {}, fn {})",
        pct(c.precision()),
        pct(c.recall()),
        pct(c.f1()),
        c.true_positives,
        c.false_positives,
        c.false_negatives
    )
}

impl fmt::Display for ArticleReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "articles: {} record(s)", self.records)?;
        counts_row(f, "full match", &self.full)?;
        counts_row(f, "type only", &self.type_only)?;
        if self.dates.expected > 0 {
            writeln!(f, "  publication dates found: {}/{}", self.dates.found, self.dates.expected)?;
        }
        writeln!(f, "  recall per kind:")?;
        for (kind, r) in &self.per_kind {
            writeln!(f, "    {kind:<22} {}/{}", r.found, r.expected)?;
        }
        if !self.forbidden.is_empty() {
            writeln!(f, "  FORBIDDEN events:")?;
            for h in &self.forbidden {
                writeln!(f, "    [{}] {} ({})", h.record, h.event, h.why)?;
            }
        }
        if !self.misses.is_empty() {
            writeln!(f, "  misses:")?;
            for m in &self.misses {
                writeln!(f, "    [{}] {}", m.record, m.expected)?;
            }
        }
        if !self.false_positives.is_empty() {
            writeln!(f, "  false positives:")?;
            for x in &self.false_positives {
                writeln!(f, "    [{}] {}\n        {}", x.record, x.event, x.evidence)?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for PloverReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "plover: {} record(s)", self.records)?;
        counts_row(f, "type + actors", &self.type_actors)?;
        counts_row(f, "type only", &self.type_only)?;
        if self.splits > 0 {
            writeln!(
                f,
                "  of the {} false positives, {} are compound splits (one event per actor and per target; counted)",
                self.type_actors.false_positives, self.splits
            )?;
        }
        writeln!(f, "  recall per PLOVER type (type + actors):")?;
        for (kind, r) in &self.per_type {
            writeln!(f, "    {kind:<10} {}/{}", r.found, r.expected)?;
        }
        if !self.misses.is_empty() {
            writeln!(f, "  misses:")?;
            for m in &self.misses {
                writeln!(f, "    [{}] {}", m.record, m.expected)?;
            }
        }
        if !self.false_positives.is_empty() {
            writeln!(f, "  false positives:")?;
            for x in &self.false_positives {
                writeln!(f, "    [{}] {}\n        {}", x.record, x.event, x.evidence)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_recall_and_f1_follow_their_definitions() {
        let c = Counts { true_positives: 3, false_positives: 1, false_negatives: 2 };
        assert!((c.precision() - 0.75).abs() < 1e-9);
        assert!((c.recall() - 0.6).abs() < 1e-9);
        assert!((c.f1() - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-9);
    }

    #[test]
    fn the_matching_is_maximal_whatever_the_order() {
        // Expected 0 fits extracted 0 and 1; expected 1 fits only extracted 0.
        let pairs = matching(2, 2, |i, j| (i, j) != (1, 1));
        assert_eq!(pairs.iter().filter(|p| p.is_some()).count(), 2);
        assert_eq!(pairs[1], Some(0));
    }

    #[test]
    fn a_bad_line_is_named_in_the_error() {
        let err = evaluate_plover("{\"id\":\"a\",\"text\":\"x\",\"expect\":[]}\nnot json").unwrap_err();
        assert_eq!(err.line, 2);
        let err =
            evaluate_plover("{\"id\":\"a\",\"text\":\"x\",\"expect\":[{\"plover\":\"FIGHT\"}]}").unwrap_err();
        assert!(err.message.contains("FIGHT"), "{err}");
    }

    #[test]
    fn a_compound_actor_split_is_a_false_positive_and_is_reported_as_a_split() {
        let line = r#"{"id":"s","text":"Hungary and Romania signed a border treaty on Monday.","expect":[{"plover":"SUPPORT","actor":[{"code":"HUN"},{"code":"ROU"}],"target":[]}]}"#;
        let report = evaluate_plover(line).expect("the line parses");
        assert_eq!(report.type_actors.true_positives, 1, "{report}");
        assert_eq!(report.type_actors.false_positives, 1, "{report}");
        assert_eq!(report.splits, 1, "{report}");
        assert!(report.false_positives[0].event.ends_with("(compound-actor split)"), "{report}");
    }

    #[test]
    fn gold_igo_matches_an_international_actor_and_lists_match_any_member() {
        let un =
            gazetteer().actors().iter().find(|a| a.kind == ActorKind::International).map(|a| a.code.clone());
        let igo = [PloverActor { code: Some("IGO".into()) }];
        if let Some(code) = un {
            assert!(role_matches(&igo, Some((&code, None))));
        }
        let pair = [PloverActor { code: Some("HUN".into()) }, PloverActor { code: Some("ROU".into()) }];
        assert!(role_matches(&pair, Some(("ROU", Some("ROU")))));
        assert!(!role_matches(&pair, Some(("SRB", Some("SRB")))));
        assert!(role_matches(&[], None));
    }

    #[test]
    fn gold_img_matches_an_armed_group_of_no_state_only() {
        let img = [PloverActor { code: Some("IMG".into()) }];
        let stateless =
            gazetteer().actors().iter().find(|a| a.kind == ActorKind::ArmedGroup && a.country.is_none());
        let national =
            gazetteer().actors().iter().find(|a| a.kind == ActorKind::ArmedGroup && a.country.is_some());
        let (Some(stateless), Some(national)) = (stateless, national) else {
            panic!("the registry has both")
        };
        assert!(role_matches(&img, Some((&stateless.code, None))));
        assert!(!role_matches(&img, Some((&national.code, national.country.as_deref()))));
        assert!(!role_matches(&img, Some(("USA", Some("USA")))));
    }
}
