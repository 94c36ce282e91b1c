//! Publication dates as pages and texts write them: machine values in metadata
//! (ISO 8601, RFC 2822, epoch seconds), visible datelines ("Friday, October 25, 2024",
//! "Published: 2024-10-25 08:30", "Updated 3:12 PM EDT, Fri October 25, 2024"), and wire
//! datelines ("SEOUL, Oct 25 (Reuters) -") that carry a month and day but no year.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use regex::Regex;

use crate::calendar::{month_from_name, parse_day, parse_year, weekday_from_name};

/// Parses a date value from metadata (`content`, `datetime`, JSON-LD). Times without a
/// zone are taken as UTC; a bare date is midnight UTC.
pub fn parse_machine_date(value: &str) -> Option<DateTime<Utc>> {
    let value = value.trim();
    if value.is_empty() || value.len() > 80 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(value) {
        return plausible(dt.with_timezone(&Utc));
    }
    for format in
        ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z", "%Y-%m-%d %H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S %z"]
    {
        if let Ok(dt) = DateTime::parse_from_str(value, format) {
            return plausible(dt.with_timezone(&Utc));
        }
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(value, format) {
            return plausible(dt.and_utc());
        }
    }
    // ISO 8601 basic format, "20180619T055000+0900": chrono's %Y would eat all digits.
    let b = value.as_bytes();
    if b.len() >= 15 && b[8] == b'T' && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit) {
        let extended = format!(
            "{}-{}-{}T{}:{}:{}{}",
            &value[..4],
            &value[4..6],
            &value[6..8],
            &value[9..11],
            &value[11..13],
            &value[13..15],
            &value[15..]
        );
        return parse_machine_date(&extended);
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(value) {
        return plausible(dt.with_timezone(&Utc));
    }
    // "2024-10-25T08:30:00.000Z" with odd precision, "2024-10-25T08:30:00 EDT", etc.:
    // keep the date, which is what matters for reporting dates.
    if let Some(date) =
        value.get(..10).and_then(|d| NaiveDate::parse_from_str(&d.replace('/', "-"), "%Y-%m-%d").ok())
    {
        return plausible(midnight(date));
    }
    if value.len() >= 8 && value.len() <= 13 && value.bytes().all(|b| b.is_ascii_digit()) {
        let number: i64 = value.parse().ok()?;
        if value.len() == 8 {
            return NaiveDate::parse_from_str(value, "%Y%m%d").ok().map(midnight).and_then(plausible);
        }
        let seconds = if value.len() == 13 { number / 1000 } else { number };
        return DateTime::from_timestamp(seconds, 0).and_then(plausible);
    }
    find_dateline(value, usize::MAX).map(|d| d.at)
}

/// Midnight UTC of a day.
pub fn midnight(date: NaiveDate) -> DateTime<Utc> {
    date.and_time(NaiveTime::MIN).and_utc()
}

/// News about events: nothing before the web, nothing absurdly far ahead.
fn plausible(dt: DateTime<Utc>) -> Option<DateTime<Utc>> {
    (1990..=2100).contains(&dt.year()).then_some(dt)
}

/// A date found in a line of visible text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dateline {
    /// The moment, UTC (midnight when the line has no time).
    pub at: DateTime<Utc>,
    /// The line labels it as an update rather than the first publication.
    pub updated: bool,
}

/// Label and time words that may surround a date in a dateline.
const DATELINE_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "on",
    "at",
    "last",
    "modified",
    "first",
    "date",
    "time",
    "originally",
    "am",
    "pm",
    "a.m",
    "p.m",
    "a.m.",
    "p.m.",
    "edt",
    "est",
    "cdt",
    "cst",
    "mdt",
    "mst",
    "pdt",
    "pst",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "eet",
    "eest",
    "ist",
    "kst",
    "jst",
    "et",
    "pt",
    "ct",
    "hkt",
    "sgt",
    "aest",
    "aedt",
    "msk",
    "the",
    "of",
    "-",
    "–",
    "—",
    "|",
    "•",
    "·",
    "/",
    "|",
    "z",
    "created",
    "issued",
    "released",
    "story",
    "news",
];

/// Offsets of the time-zone abbreviations that news pages print, in hours east of UTC.
fn zone_offset(word: &str) -> Option<i32> {
    Some(match word {
        "gmt" | "utc" | "z" => 0,
        "bst" | "cet" => 1,
        "cest" | "eet" => 2,
        "eest" | "msk" => 3,
        "ist" => 5, // India; the half hour is dropped, which never moves a date by more than it should.
        "hkt" | "sgt" => 8,
        "kst" | "jst" => 9,
        "aest" => 10,
        "aedt" => 11,
        "edt" => -4,
        "est" | "cdt" | "et" => -5,
        "cst" | "mdt" | "ct" => -6,
        "mst" | "pdt" => -7,
        "pst" | "pt" => -8,
        _ => return None,
    })
}

/// Finds a publication date in a short line that is mostly a date: at most
/// `max_other_words` words that are neither date, time nor label words (use a small
/// number when the line is to be removed as a dateline, a larger one when only the date
/// is wanted, as in a "By Jane Doe | October 25, 2024" byline box).
pub fn find_dateline(line: &str, max_other_words: usize) -> Option<Dateline> {
    // Every date form read here has a digit; most lines have none.
    if line.len() > 160 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    whole_dateline(line, max_other_words).or_else(|| segment_dateline(line, max_other_words))
}

/// A byline box whose fields are set apart by bars or bullets ("By Staff Reporter |
/// Published April 15, 2024 | Updated 6 hours ago"): each field is read on its own, and a
/// publication date is preferred to an update.
fn segment_dateline(line: &str, max_other_words: usize) -> Option<Dateline> {
    let is_separator = |c: char| matches!(c, '|' | '•' | '·');
    if !line.contains(is_separator) {
        return None;
    }
    let mut found: Option<Dateline> = None;
    for field in line.split(is_separator) {
        if let Some(d) = whole_dateline(field, max_other_words)
            && found.is_none_or(|old| old.updated && !d.updated)
        {
            found = Some(d);
        }
    }
    found
}

fn whole_dateline(line: &str, max_other_words: usize) -> Option<Dateline> {
    let cleaned: String =
        line.chars().map(|c| if matches!(c, ',' | '|' | '•' | '·' | '(' | ')') { ' ' } else { c }).collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let lower: Vec<String> =
        words.iter().map(|w| w.to_lowercase().trim_end_matches(':').to_owned()).collect();
    let mut date: Option<(NaiveDate, usize, usize)> = None;
    let mut i = 0;
    while i < words.len() && date.is_none() {
        date = date_at(&words, i).map(|(d, used)| (d, i, used));
        i += 1;
    }
    let (date, start, used) = date?;
    let mut time: Option<NaiveTime> = None;
    let mut offset: Option<i32> = None;
    let mut other = 0;
    let mut updated = false;
    for (k, word) in lower.iter().enumerate() {
        if k >= start && k < start + used {
            continue;
        }
        let w = word.as_str();
        if matches!(w, "updated" | "modified") && k < start {
            updated = true;
        }
        if let Some(t) = parse_clock(w, lower.get(k + 1).map(String::as_str)) {
            time = time.or(Some(t));
            continue;
        }
        if let Some(o) = zone_offset(w) {
            offset = offset.or(Some(o));
            continue;
        }
        if DATELINE_WORDS.contains(&w)
            || weekday_from_name(w).is_some()
            || w.chars().all(|c| !c.is_alphanumeric())
        {
            continue;
        }
        other += 1;
    }
    if other > max_other_words {
        return None;
    }
    let at = match time {
        Some(t) => {
            let local = date.and_time(t);
            let zone = FixedOffset::east_opt(offset.unwrap_or(0) * 3600)?;
            zone.from_local_datetime(&local).single()?.with_timezone(&Utc)
        }
        None => midnight(date),
    };
    plausible(at).map(|at| Dateline { at, updated })
}

/// A date starting at word `i`: the date and how many words it used.
fn date_at(words: &[&str], i: usize) -> Option<(NaiveDate, usize)> {
    let w = words[i].trim_end_matches(':');
    // ISO date, possibly glued to a time: 2024-10-25 / 2024-10-25T08:30.
    if let Some(head) = w.get(..10)
        && let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d")
    {
        return Some((d, 1));
    }
    if w.len() == 10 {
        for format in ["%d.%m.%Y", "%Y/%m/%d"] {
            if let Ok(d) = NaiveDate::parse_from_str(w, format) {
                return Some((d, 1));
            }
        }
        // Slashes: day first when the first number cannot be a month, month first when
        // the second cannot; both small is ambiguous and refused.
        let parts: Vec<&str> = w.split('/').collect();
        if let [a, b, y] = parts.as_slice() {
            let (a, b, y): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
            return match (a > 12, b > 12) {
                (true, false) => NaiveDate::from_ymd_opt(y, b, a).map(|d| (d, 1)),
                (false, true) => NaiveDate::from_ymd_opt(y, a, b).map(|d| (d, 1)),
                _ => None,
            };
        }
    }
    if let Some(d) = cjk_date(w) {
        return Some((d, 1));
    }
    let next = |k: usize| words.get(i + k).map(|s| s.trim_end_matches(':'));
    // Month Day Year: "October 25 2024", "Oct. 25th 2024".
    if let Some(month) = month_from_name(w)
        && let (Some(d), Some(y)) = (next(1), next(2))
        && let (Some(day), Some(year)) = (parse_day(d), parse_year(y))
    {
        return NaiveDate::from_ymd_opt(year, month, day).map(|d| (d, 3));
    }
    // Day Month Year: "25 October 2024".
    if let Some(day) = parse_day(w)
        && let (Some(m), Some(y)) = (next(1), next(2))
        && let (Some(month), Some(year)) = (month_from_name(m), parse_year(y))
    {
        return NaiveDate::from_ymd_opt(year, month, day).map(|d| (d, 3));
    }
    None
}

/// "2018年6月19日" (Chinese and Japanese dates).
fn cjk_date(word: &str) -> Option<NaiveDate> {
    let (year, rest) = word.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.split('日').next()?;
    NaiveDate::from_ymd_opt(year.trim().parse().ok()?, month.trim().parse().ok()?, day.trim().parse().ok()?)
}

/// "3:12", "08:30", "3:12pm", "3:12 p.m." (the meridiem may be the next word).
fn parse_clock(word: &str, next: Option<&str>) -> Option<NaiveTime> {
    let (digits, suffix) = match word.find(|c: char| c.is_ascii_alphabetic()) {
        Some(k) => (&word[..k], &word[k..]),
        None => (word, ""),
    };
    let (h, m) = digits.split_once(':')?;
    let m = m.get(..2)?;
    let (mut hour, minute): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    let meridiem = if suffix.is_empty() { next.unwrap_or("") } else { suffix };
    let meridiem = meridiem.replace('.', "");
    match meridiem.as_str() {
        "pm" if hour < 12 => hour += 12,
        "am" if hour == 12 => hour = 0,
        _ => {}
    }
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// The month and day of a wire-service dateline opening a paragraph:
/// "SEOUL, Oct 25 (Reuters) -", "WASHINGTON, Oct. 25 (AP) —". The year is not written,
/// so callers must supply it from elsewhere.
pub fn wire_dateline(paragraph: &str) -> Option<(u32, u32)> {
    // ASCII classes: the crate is built without Unicode general categories. A pattern that
    // failed to compile would be caught by the tests; at run time it only disables this.
    static WIRE: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(
            r"^[A-Z][A-Z .'\-]{1,40}(?:,\s*[A-Za-z .'\-]{2,30})?,\s+([A-Za-z]{3,9}\.?)\s+(\d{1,2})\s*(?:\([^)]{1,30}\))?\s*[-–—]",
        )
        .ok()
    });
    let mut end = 120.min(paragraph.len());
    while !paragraph.is_char_boundary(end) {
        end -= 1;
    }
    let head = &paragraph[..end];
    let caps = WIRE.as_ref()?.captures(head)?;
    let month = month_from_name(caps.get(1)?.as_str())?;
    let day = parse_day(caps.get(2)?.as_str())?;
    Some((month, day))
}

/// A date written in a URL path: `/2024/10/25/` or `/2024-10-25/`.
pub fn date_in_url(url: &str) -> Option<NaiveDate> {
    static URL_DATE: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)").ok());
    let caps = URL_DATE.as_ref()?.captures(url)?;
    let year = caps.get(1)?.as_str().parse().ok()?;
    let month = caps.get(2)?.as_str().parse().ok()?;
    let day = caps.get(3)?.as_str().parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The year of a copyright notice ("© 2024 Example", "Copyright 2010-2024"): the last
/// year written, which on a news page is the year it was rendered.
pub fn copyright_year(text: &str) -> Option<i32> {
    let bytes = text.as_bytes();
    let mut best = None;
    for needle in ["©", "Copyright", "copyright", "COPYRIGHT", "&copy;"] {
        for at in memchr::memmem::find_iter(bytes, needle.as_bytes()).take(20) {
            let window = &bytes[at + needle.len()..bytes.len().min(at + needle.len() + 30)];
            let mut years = window
                .split(|b| !b.is_ascii_digit())
                .filter_map(|w| std::str::from_utf8(w).ok())
                .filter_map(parse_year)
                .filter(|y| (1990..=2100).contains(y));
            if let Some(year) = years.next_back() {
                best = best.max(Some(year));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(text).ok().map(|d| d.with_timezone(&Utc))
    }

    #[test]
    fn metadata_values_parse_in_the_formats_pages_use() {
        let cases = [
            ("2024-10-25T08:30:00Z", "2024-10-25T08:30:00Z"),
            ("2024-10-25T08:30:00+09:00", "2024-10-24T23:30:00Z"),
            ("2024-10-25T08:30:00+0900", "2024-10-24T23:30:00Z"),
            ("2024-10-25T08:30:00.123-04:00", "2024-10-25T12:30:00.123Z"),
            ("2024-10-25T08:30", "2024-10-25T08:30:00Z"),
            ("2024-10-25 08:30:00", "2024-10-25T08:30:00Z"),
            ("2024-10-25", "2024-10-25T00:00:00Z"),
            ("2024/10/25", "2024-10-25T00:00:00Z"),
            ("Fri, 25 Oct 2024 08:30:00 GMT", "2024-10-25T08:30:00Z"),
            ("1729845000", "2024-10-25T08:30:00Z"),
            ("20241025T083000+0900", "2024-10-24T23:30:00Z"),
            ("October 25, 2024", "2024-10-25T00:00:00Z"),
        ];
        for (value, want) in cases {
            assert_eq!(parse_machine_date(value), utc(want), "{value}");
        }
        for value in ["", "yesterday", "0000-00-00", "1066-10-14", "2024-13-45T00:00:00Z"] {
            assert_eq!(parse_machine_date(value), None, "{value}");
        }
    }

    #[test]
    fn visible_datelines_give_the_date_and_reject_prose() {
        let cases = [
            ("Friday, October 25, 2024", Some("2024-10-25T00:00:00Z")),
            ("Oct. 25, 2024", Some("2024-10-25T00:00:00Z")),
            ("25 October 2024", Some("2024-10-25T00:00:00Z")),
            ("Published: 2024-10-25 08:30", Some("2024-10-25T08:30:00Z")),
            ("Updated 3:12 PM EDT, Fri October 25, 2024", Some("2024-10-25T19:12:00Z")),
            ("Posted on 25/10/2024 at 11:05", Some("2024-10-25T11:05:00Z")),
            ("2024年10月25日 08:30", Some("2024-10-25T08:30:00Z")),
            ("10/11/2024", None),
            ("The summit on October 25, 2024 ended without a joint statement from the leaders.", None),
            ("No date here", None),
        ];
        for (line, want) in cases {
            assert_eq!(find_dateline(line, 2).map(|d| d.at), want.and_then(utc), "{line}");
        }
        assert!(find_dateline("Updated: October 26, 2024", 2).is_some_and(|d| d.updated));
        let byline = "By Staff Reporter | Published April 15, 2024 | Updated 6 hours ago";
        assert_eq!(find_dateline(byline, 3).map(|d| d.at), utc("2024-04-15T00:00:00Z"));
        let both = "Updated May 2, 2024 · Published May 1, 2024 · 4 min read";
        assert!(
            find_dateline(both, 3)
                .is_some_and(|d| !d.updated && d.at == utc("2024-05-01T00:00:00Z").unwrap())
        );
        assert_eq!(
            find_dateline(
                "Analysis | The summit on October 25, 2024 ended without a statement from anyone",
                3
            ),
            None
        );
    }

    #[test]
    fn wire_datelines_give_month_and_day() {
        let cases = [
            ("SEOUL, Oct 25 (Reuters) - South Korea said on Friday ...", Some((10, 25))),
            ("WASHINGTON, Oct. 3 (AP) — The Pentagon said ...", Some((10, 3))),
            ("KYIV, Ukraine, March 9 (AFP) - Air raid sirens ...", Some((3, 9))),
            ("SEOUL, South Korea (AP) — North Korea fired ...", None),
            ("Seoul said on Oct 25 that it would respond.", None),
        ];
        for (text, want) in cases {
            assert_eq!(wire_dateline(text), want, "{text}");
        }
    }

    #[test]
    fn copyright_notices_give_their_last_year() {
        assert_eq!(copyright_year("foo © 2010-2024 Example News. All rights reserved"), Some(2024));
        assert_eq!(copyright_year("Copyright 2023 The Gazette"), Some(2023));
        assert_eq!(copyright_year("no notice 2024"), None);
    }

    #[test]
    fn url_paths_with_dates_are_read() {
        assert_eq!(
            date_in_url("https://x.com/2024/10/25/seoul-story/"),
            NaiveDate::from_ymd_opt(2024, 10, 25)
        );
        assert_eq!(date_in_url("https://x.com/news/2024-10-25-seoul"), NaiveDate::from_ymd_opt(2024, 10, 25));
        assert_eq!(date_in_url("https://x.com/2024/99/99/"), None);
    }
}
