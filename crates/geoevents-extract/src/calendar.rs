//! Calendar words shared by the normaliser (datelines, metadata) and the event-date
//! resolver: month and weekday names, and the written date forms news copy uses.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{NaiveDate, Weekday};

use crate::word_lists;

/// Month and weekday names (`data/lexicon/calendar.txt`), lower case, without dots.
struct CalendarWords {
    months: HashMap<&'static str, u32>,
    weekdays: HashMap<&'static str, Weekday>,
    /// Days from the day of writing ("yesterday" -1) and the steps of "last week" (-1).
    days: HashMap<&'static str, i64>,
    steps: HashMap<&'static str, i64>,
    /// Lines that did not parse (empty; a test checks).
    errors: Vec<String>,
}

static WORDS: LazyLock<CalendarWords> = LazyLock::new(|| {
    let mut w = CalendarWords {
        months: HashMap::new(),
        weekdays: HashMap::new(),
        days: HashMap::new(),
        steps: HashMap::new(),
        errors: Vec::new(),
    };
    for (name, words) in word_lists::entries(include_str!("../data/lexicon/calendar.txt")) {
        let (parsed, bad) = word_lists::values::<i64>(&words);
        w.errors.extend(bad.iter().map(|pair| format!("calendar.txt: {name}: bad entry {pair}")));
        for (word, n) in parsed {
            match name {
                "months" if (1..=12).contains(&n) => {
                    w.months.insert(word, n as u32);
                }
                "weekdays" if (1..=7).contains(&n) => {
                    if let Ok(day) = Weekday::try_from((n - 1) as u8) {
                        w.weekdays.insert(word, day);
                    }
                }
                "days" => {
                    w.days.insert(word, n);
                }
                "steps" if (-1..=1).contains(&n) => {
                    w.steps.insert(word, n);
                }
                _ => w.errors.push(format!("calendar.txt: {name}: bad entry {word}:{n}")),
            }
        }
    }
    w
});

/// Month number (1-12) for an English month name or its usual abbreviation, with or
/// without a trailing dot, in any case ("October", "Oct.", "SEPT").
pub fn month_from_name(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 || w.len() > 9 {
        return None;
    }
    WORDS.months.get(w.to_ascii_lowercase().as_str()).copied()
}

/// Weekday for an English weekday name or abbreviation ("Tuesday", "Tue.", "Tues").
pub fn weekday_from_name(word: &str) -> Option<Weekday> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 || w.len() > 9 {
        return None;
    }
    WORDS.weekdays.get(w.to_ascii_lowercase().as_str()).copied()
}

/// Days from the day of writing for a word that names a day by it ("yesterday": -1).
pub fn day_offset(word: &str) -> Option<i64> {
    WORDS.days.get(word).copied()
}

/// The step of a word before "week", "month", "year" or a weekday: -1 for "last", 0 for
/// "this", 1 for "next".
pub fn step(word: &str) -> Option<i64> {
    WORDS.steps.get(word).copied()
}

/// Parses a complete written date on its own: "Friday, October 25, 2024", "Oct. 25, 2024",
/// "25 October 2024", "October 25th, 2024", "2024-10-25", "25.10.2024" (day first).
/// Leading weekday names are ignored. Returns `None` for anything else, including
/// impossible dates.
pub fn parse_written_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(date) = parse_numeric_date(text) {
        return Some(date);
    }
    let words: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let words: &[&str] = match words.first() {
        Some(first) if weekday_from_name(first).is_some() => &words[1..],
        _ => &words,
    };
    match words {
        [a, b, c] => {
            let year = parse_year(c)?;
            if let Some(month) = month_from_name(a) {
                NaiveDate::from_ymd_opt(year, month, parse_day(b)?)
            } else {
                NaiveDate::from_ymd_opt(year, month_from_name(b)?, parse_day(a)?)
            }
        }
        _ => None,
    }
}

/// ISO `2024-10-25` (optionally followed by a time) or day-first `25.10.2024` / `25/10/2024`.
fn parse_numeric_date(text: &str) -> Option<NaiveDate> {
    let head = text.get(..10)?;
    if let Ok(date) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
        let rest = &text[10..];
        if rest.is_empty() || rest.starts_with(['T', ' ', 't']) {
            return Some(date);
        }
        return None;
    }
    if text.len() == 10 {
        for format in ["%d.%m.%Y", "%d/%m/%Y"] {
            if let Ok(date) = NaiveDate::parse_from_str(text, format) {
                return Some(date);
            }
        }
    }
    None
}

/// A day of the month, with an optional ordinal suffix ("25", "25th", "1st").
pub fn parse_day(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let suffix = &word[digits.len()..].trim_end_matches('.').to_ascii_lowercase();
    if !matches!(suffix.as_str(), "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A four-digit year between 1900 and 2100.
pub fn parse_year(word: &str) -> Option<i32> {
    let word = word.trim_end_matches('.');
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok().filter(|y| (1900..=2100).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calendar_words_load_without_errors() {
        assert!(WORDS.errors.is_empty(), "{:?}", WORDS.errors);
        assert_eq!((day_offset("yesterday"), step("coming"), step("past")), (Some(-1), Some(1), Some(-1)));
    }

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn written_dates_in_the_forms_news_uses_are_parsed() {
        let cases = [
            ("Friday, October 25, 2024", ymd(2024, 10, 25)),
            ("Oct. 25, 2024", ymd(2024, 10, 25)),
            ("25 October 2024", ymd(2024, 10, 25)),
            ("October 25th, 2024", ymd(2024, 10, 25)),
            ("Sept. 3, 2023", ymd(2023, 9, 3)),
            ("2024-10-25", ymd(2024, 10, 25)),
            ("2024-10-25T08:00:00Z", ymd(2024, 10, 25)),
            ("25.10.2024", ymd(2024, 10, 25)),
            ("Mon 3 June 2024", ymd(2024, 6, 3)),
        ];
        for (text, want) in cases {
            assert_eq!(parse_written_date(text), want, "{text}");
        }
    }

    #[test]
    fn things_that_are_not_dates_are_refused() {
        for text in ["October 2024", "February 30, 2024", "No comments", "2024-10-25x", "May 99, 2024", ""] {
            assert_eq!(parse_written_date(text), None, "{text}");
        }
    }

    #[test]
    fn month_and_weekday_names_accept_common_abbreviations() {
        assert_eq!(month_from_name("Sept."), Some(9));
        assert_eq!(month_from_name("DEC"), Some(12));
        assert_eq!(month_from_name("Ma"), None);
        assert_eq!(weekday_from_name("Thurs."), Some(Weekday::Thu));
        assert_eq!(weekday_from_name("Funday"), None);
    }
}
