//! What the table-driven extraction tests share: running the extractor on a sentence with a
//! publication date, describing an event as `kind actor target modality`, matching a row of
//! that form (`-` for none, `*` for any), and scoring a table of (sentence, expected rows)
//! as the development set is scored.

// Each test crate uses part of this module.
#![allow(dead_code)]

use chrono::NaiveDate;
use geoevents_domain::{ArticleBody, ArticleInput, ExtractedEvent};

/// The events of `text` published at noon UTC on `(year, month, day)`.
pub fn extract_on(text: &str, published: Option<(i32, u32, u32)>) -> Vec<ExtractedEvent> {
    let published_at = published
        .and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map(|d| d.and_utc());
    let input = ArticleInput {
        url: None,
        title: None,
        published_at,
        source: None,
        body: ArticleBody::Text(text.into()),
    };
    geoevents_extract::extract(&input).events
}

/// `kind actor target modality`, `-` for a missing role.
pub fn describe(e: &ExtractedEvent) -> String {
    format!(
        "{} {} {} {}",
        e.kind,
        e.actor.as_ref().map_or("-", |a| a.code.as_str()),
        e.target.as_ref().map_or("-", |a| a.code.as_str()),
        e.modality
    )
}

fn fits(got: Option<&str>, want: &str) -> bool {
    match want {
        "*" => true,
        "-" => got.is_none(),
        w => got == Some(w),
    }
}

/// Whether an event fits a row `kind actor target modality`.
pub fn matches(row: &str, e: &ExtractedEvent) -> bool {
    let parts: Vec<&str> = row.split_whitespace().collect();
    let [kind, actor, target, modality] = parts.as_slice() else { return false };
    e.kind.as_str() == *kind
        && fits(e.actor.as_ref().map(|a| a.code.as_str()), actor)
        && fits(e.target.as_ref().map(|a| a.code.as_str()), target)
        && (*modality == "*" || e.modality.as_str() == *modality)
}

/// Scores a table: each expected row matches at most one extracted event, every other
/// extracted event is a false positive. Returns (tp, fp, fn) and a listing of misses and
/// false positives.
pub fn score(table: &[(&str, &[&str])], published: (i32, u32, u32)) -> (usize, usize, usize, String) {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut report = String::new();
    for (text, expected) in table {
        let events = extract_on(text, Some(published));
        let mut used = vec![false; events.len()];
        for row in *expected {
            match (0..events.len()).find(|&j| !used[j] && matches(row, &events[j])) {
                Some(j) => {
                    used[j] = true;
                    tp += 1;
                }
                None => {
                    fn_ += 1;
                    report.push_str(&format!("MISS  {row}\n      {text}\n"));
                }
            }
        }
        for (j, x) in events.iter().enumerate() {
            if !used[j] {
                fp += 1;
                report.push_str(&format!("FP    {}\n      {text}\n", describe(x)));
            }
        }
    }
    (tp, fp, fn_, report)
}

/// Scores a table and holds its F1 at or above `floor`, printing every miss and false
/// positive.
#[track_caller]
pub fn check_floor(name: &str, table: &[(&str, &[&str])], published: (i32, u32, u32), floor: f64) {
    let (tp, fp, fn_, report) = score(table, published);
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    println!(
        "held-out set {name}: {} sentences, P {precision:.3} R {recall:.3} F1 {f1:.3} (tp {tp}, fp {fp}, fn {fn_})",
        table.len()
    );
    println!("{report}");
    assert!(f1 >= floor, "held-out set {name} F1 {f1:.3} is below the floor\n{report}");
}

/// The `(group, expectation, sentence)` examples of a data file of `NAME = words` groups,
/// each followed by exactly one `e.g. expectation: sentence` line.
pub fn examples(text: &'static str) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut group: Option<&str> = None;
    let mut out = Vec::new();
    for line in text.lines() {
        if let Some((name, _)) = line.split_once(" = ").filter(|_| !line.starts_with([' ', '#'])) {
            assert!(group.is_none(), "cue group {group:?} has no e.g. line");
            group = Some(name);
            continue;
        }
        let Some(example) = line.strip_prefix("e.g. ") else { continue };
        let name = group.take().unwrap_or_else(|| panic!("an example with no cue group above it: {line}"));
        let (want, sentence) =
            example.split_once(": ").unwrap_or_else(|| panic!("{name}: bad example {line}"));
        out.push((name, want, sentence));
    }
    assert!(group.is_none(), "cue group {group:?} has no e.g. line");
    out
}

/// The `e.g. WANT: sentence` lines of a data file, in order.
pub fn examples_of_lines(text: &'static str) -> Vec<(&'static str, &'static str)> {
    text.lines().filter_map(|l| l.strip_prefix("e.g. ")?.split_once(": ")).collect()
}
