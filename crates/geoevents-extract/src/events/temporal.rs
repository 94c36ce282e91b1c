//! Event dates: temporal expressions in a sentence, resolved against the publication date.
//!
//! Absolute dates ("on October 5", "Oct. 5, 2024", "in March", "in 2023") need no anchor
//! when they carry a year. Everything else is resolved against the publication date, past-
//! biased for events reported as having happened ("on Friday" is the most recent Friday on
//! or before publication; "in March" the most recent March) and future-biased for planned
//! and hypothetical ones ("on Friday" is the next Friday on or after publication).
//!
//! A time expression attaches to the verb it modifies. The expression nearest to the
//! trigger in its own clause wins; then one in a clause that has no event of its own ("On
//! Monday, Russia attacked ..."). An expression in a reporting clause (", officials said on
//! Friday", "Seoul said on Friday that ...") dates the statement, never the event it
//! reports: "North Korea has sent 1,500 troops to Russia, the agency said on Friday" does
//! not say the troops went on Friday.
//!
//! Without an expression of its own:
//! - a reported event gets the week that ends on the statement's date (the reporting
//!   clause's expression, else publication), precision week, `text` null; a planned one
//!   the 30 days from the statement. A week rather than a month: reports tell the week's
//!   news, and a month-wide window would merge reports of deployments a fortnight apart;
//! - otherwise a window ending at publication whose width reflects the tense (a noun
//!   takes the tense of its clause's verb): present perfect or "recent(ly)" -> the 30 days
//!   before publication (precision month; "in recent months" the half year before, "in
//!   recent years" or "decades" the three years before, precision year); simple past -> the
//!   7 days before (precision week); present -> the publication day; planned or
//!   hypothetical -> the 30 days after (precision month).
//!
//! No publication date and no absolute date -> no date.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use geoevents_domain::{DatePrecision, Modality, When};

use super::lexicon::{VerbForm, cue, func};
use super::parsed::Parsed;
use super::tokens::TokenKind;
use crate::calendar::{month_from_name, parse_day, parse_year, weekday_from_name};

/// Which way an unanchored expression leans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lean {
    Bare,
    Last,
    Next,
    This,
}

/// A recognised temporal expression.
#[derive(Debug, Clone, PartialEq)]
enum TimeKind {
    Date(NaiveDate),
    MonthDay(u32, u32),
    Month(u32),
    MonthYear(i32, u32),
    Year(i32),
    Weekday(Weekday, Lean),
    Day(i64),
    /// "overnight", "last night": the night before publication, which straddles two
    /// calendar days.
    Night,
    Week(i64),
    MonthRel(i64),
    YearRel(i64),
    EarlierThis(Unit),
    DaysAgo(i64),
    Weekend(Lean),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Week,
    Month,
    Year,
}

/// A temporal expression found in a sentence.
#[derive(Debug, Clone)]
pub struct TimeExpr {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    kind: TimeKind,
}

/// Finds the temporal expressions of a sentence.
pub fn find_times(p: &Parsed<'_, '_>) -> Vec<TimeExpr> {
    let t = &p.tokens;
    let word = |k: usize| t.get(k).map_or("", |x| x.lower.as_ref());
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let w = word(i);
        // Month names: "October 5", "Oct. 5, 2024", "March 2023", "in March".
        if t[i].capitalised
            && let Some(month) = month_from_name(t[i].text)
            && (w != "may" || next_is_day_or_year(p, i + 1))
            && !(w == "march"
                && !next_is_day_or_year(p, i + 1)
                && !i.checked_sub(1).is_some_and(|k| t[k].cue(cue::DATE_LEAD)))
        {
            let (kind, end) = month_expression(p, i, month);
            out.push(TimeExpr { start: i, end, kind });
            i = end;
            continue;
        }
        // "5 October 2024"
        if t[i].kind == TokenKind::Number
            && let Some(day) = parse_day(&t[i].lower)
            && let Some(next) = t.get(i + 1)
            && let Some(month) = month_from_name(next.text)
            && next.capitalised
        {
            let (kind, end) = match t.get(i + 2).and_then(|y| parse_year(&y.lower)) {
                Some(year) => match NaiveDate::from_ymd_opt(year, month, day) {
                    Some(d) => (TimeKind::Date(d), i + 3),
                    None => (TimeKind::MonthYear(year, month), i + 3),
                },
                None => (TimeKind::MonthDay(month, day), i + 2),
            };
            out.push(TimeExpr { start: i, end, kind });
            i = end;
            continue;
        }
        // "in 2023", "since 1988"
        if t[i].kind == TokenKind::Number
            && let Some(year) = parse_year(&t[i].lower)
            && i.checked_sub(1).is_some_and(|k| t[k].cue(cue::DATE_LEAD))
        {
            out.push(TimeExpr { start: i - 1, end: i + 1, kind: TimeKind::Year(year) });
            i += 1;
            continue;
        }
        if t[i].capitalised
            && (6..=9).contains(&t[i].text.len())
            && t[i].text.ends_with("day")
            && let Some(day) = weekday_from_name(t[i].text)
        {
            let lean = match crate::calendar::step(word(i.wrapping_sub(1))) {
                Some(-1) => Lean::Last,
                Some(1) => Lean::Next,
                Some(0) => Lean::This,
                _ => Lean::Bare,
            };
            let start = if lean == Lean::Bare { i } else { i - 1 };
            out.push(TimeExpr { start, end: i + 1, kind: TimeKind::Weekday(day, lean) });
            i += 1;
            continue;
        }
        let step = crate::calendar::step(w);
        let kind = match w {
            _ if crate::calendar::day_offset(w).is_some() => {
                crate::calendar::day_offset(w).map(|days| (TimeKind::Day(days), i + 1))
            }
            "overnight" => Some((TimeKind::Night, i + 1)),
            _ if let Some(step) = step => match word(i + 1) {
                "week" => Some((TimeKind::Week(step), i + 2)),
                "month" => Some((TimeKind::MonthRel(step), i + 2)),
                "year" => Some((TimeKind::YearRel(step), i + 2)),
                "night" if w == "last" => Some((TimeKind::Night, i + 2)),
                "weekend" => Some((
                    TimeKind::Weekend(match step {
                        1 => Lean::Next,
                        0 => Lean::This,
                        _ => Lean::Last,
                    }),
                    i + 2,
                )),
                _ => None,
            },
            "earlier" if word(i + 1) == "this" => match word(i + 2) {
                "week" => Some((TimeKind::EarlierThis(Unit::Week), i + 3)),
                "month" => Some((TimeKind::EarlierThis(Unit::Month), i + 3)),
                "year" => Some((TimeKind::EarlierThis(Unit::Year), i + 3)),
                _ => None,
            },
            "weekend" if matches!(word(i.wrapping_sub(1)), "the") => {
                Some((TimeKind::Weekend(Lean::Bare), i + 1))
            }
            _ => None,
        };
        if w == "ago"
            && let Some((days, start)) = ago(p, i)
        {
            out.push(TimeExpr { start, end: i + 1, kind: TimeKind::DaysAgo(days) });
            i += 1;
            continue;
        }
        if let Some((kind, end)) = kind {
            let end = end.min(t.len());
            out.push(TimeExpr { start: i, end: end.max(i + 1), kind });
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

fn next_is_day_or_year(p: &Parsed<'_, '_>, k: usize) -> bool {
    p.tokens.get(k).is_some_and(|t| {
        t.kind == TokenKind::Number && (parse_day(&t.lower).is_some() || parse_year(&t.lower).is_some())
    })
}

/// "N days/weeks/months ago" ending at `ago`: the number of days and the start token.
fn ago(p: &Parsed<'_, '_>, ago: usize) -> Option<(i64, usize)> {
    let unit = p.tokens.get(ago.checked_sub(1)?)?.lower.as_ref();
    let n_tok = p.tokens.get(ago.checked_sub(2)?)?;
    let n: i64 = match super::quantity::count_word(&n_tok.lower) {
        // Count words are whole numbers.
        Some(v) => v as i64,
        None => n_tok.lower.parse().ok()?,
    };
    let days = match unit.trim_end_matches('s') {
        "day" => n,
        "week" => 7 * n,
        "month" => 30 * n,
        "year" => 365 * n,
        _ => return None,
    };
    Some((days, ago - 2))
}

/// "October 5", "Oct. 5, 2024", "October 2024", "October".
fn month_expression(p: &Parsed<'_, '_>, i: usize, month: u32) -> (TimeKind, usize) {
    let t = &p.tokens;
    let mut k = i + 1;
    if let Some(day) = t.get(k).filter(|x| x.kind == TokenKind::Number).and_then(|x| parse_day(&x.lower)) {
        k += 1;
        if t.get(k).is_some_and(|x| x.text == ",") {
            k += 1;
        }
        if let Some(year) = t.get(k).and_then(|x| parse_year(&x.lower)) {
            if let Some(d) = NaiveDate::from_ymd_opt(year, month, day) {
                return (TimeKind::Date(d), k + 1);
            }
            return (TimeKind::MonthYear(year, month), k + 1);
        }
        return (TimeKind::MonthDay(month, day), i + 2);
    }
    if let Some(year) = t.get(k).and_then(|x| parse_year(&x.lower)) {
        return (TimeKind::MonthYear(year, month), k + 1);
    }
    (TimeKind::Month(month), i + 1)
}

fn day(date: NaiveDate, text: &str) -> When {
    When { start: date, end: date, precision: DatePrecision::Day, text: Some(text.to_owned()) }
}

fn month_span(year: i32, month: u32, text: &str) -> Option<When> {
    let start = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some(When {
        start,
        end: next - Duration::days(1),
        precision: DatePrecision::Month,
        text: Some(text.to_owned()),
    })
}

fn year_span(year: i32, text: &str) -> Option<When> {
    Some(When {
        start: NaiveDate::from_ymd_opt(year, 1, 1)?,
        end: NaiveDate::from_ymd_opt(year, 12, 31)?,
        precision: DatePrecision::Year,
        text: Some(text.to_owned()),
    })
}

fn week_span(monday: NaiveDate, text: &str) -> When {
    When {
        start: monday,
        end: monday + Duration::days(6),
        precision: DatePrecision::Week,
        text: Some(text.to_owned()),
    }
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(date.weekday().num_days_from_monday() as i64)
}

/// Resolves one expression.
fn resolve(expr: &TimeExpr, text: &str, published: Option<NaiveDate>, future: bool) -> Option<When> {
    match expr.kind {
        TimeKind::Date(d) => Some(day(d, text)),
        TimeKind::Year(y) => year_span(y, text),
        TimeKind::MonthYear(y, m) => month_span(y, m, text),
        _ => {
            let pubd = published?;
            Some(match expr.kind {
                TimeKind::MonthDay(m, d) => {
                    let this_year = NaiveDate::from_ymd_opt(pubd.year(), m, d)?;
                    let date = if future && this_year < pubd {
                        NaiveDate::from_ymd_opt(pubd.year() + 1, m, d)?
                    } else if !future && this_year > pubd {
                        NaiveDate::from_ymd_opt(pubd.year() - 1, m, d)?
                    } else {
                        this_year
                    };
                    day(date, text)
                }
                TimeKind::Month(m) => {
                    let year = if future && m < pubd.month() {
                        pubd.year() + 1
                    } else if !future && m > pubd.month() {
                        pubd.year() - 1
                    } else {
                        pubd.year()
                    };
                    month_span(year, m, text)?
                }
                TimeKind::Weekday(wd, lean) => {
                    let diff_back = (pubd.weekday().num_days_from_monday() as i64
                        - wd.num_days_from_monday() as i64)
                        .rem_euclid(7);
                    let diff_fwd = (7 - diff_back) % 7;
                    let date = match (lean, future) {
                        (Lean::Last, _) => pubd - Duration::days(if diff_back == 0 { 7 } else { diff_back }),
                        (Lean::Next, _) => pubd + Duration::days(if diff_fwd == 0 { 7 } else { diff_fwd }),
                        (_, true) => pubd + Duration::days(diff_fwd),
                        (_, false) => pubd - Duration::days(diff_back),
                    };
                    day(date, text)
                }
                TimeKind::Day(n) => day(pubd + Duration::days(n), text),
                TimeKind::Night => When {
                    start: pubd - Duration::days(1),
                    end: pubd,
                    precision: DatePrecision::Day,
                    text: Some(text.to_owned()),
                },
                TimeKind::DaysAgo(n) => {
                    let d = pubd - Duration::days(n);
                    if n <= 6 {
                        day(d, text)
                    } else if n <= 31 {
                        week_span(monday_of(d), text)
                    } else {
                        month_span(d.year(), d.month(), text)?
                    }
                }
                TimeKind::Week(n) => week_span(monday_of(pubd) + Duration::days(7 * n), text),
                TimeKind::MonthRel(n) => {
                    let total = pubd.year() * 12 + pubd.month0() as i32 + n as i32;
                    month_span(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, text)?
                }
                TimeKind::YearRel(n) => year_span(pubd.year() + n as i32, text)?,
                TimeKind::EarlierThis(unit) => {
                    let start = match unit {
                        Unit::Week => monday_of(pubd),
                        Unit::Month => NaiveDate::from_ymd_opt(pubd.year(), pubd.month(), 1)?,
                        Unit::Year => NaiveDate::from_ymd_opt(pubd.year(), 1, 1)?,
                    };
                    let precision = match unit {
                        Unit::Week => DatePrecision::Week,
                        Unit::Month => DatePrecision::Month,
                        Unit::Year => DatePrecision::Year,
                    };
                    When { start, end: pubd, precision, text: Some(text.to_owned()) }
                }
                TimeKind::Weekend(lean) => {
                    let back = (pubd.weekday().num_days_from_monday() as i64 - 5).rem_euclid(7);
                    let saturday = match (lean, future) {
                        (Lean::Next, _) | (Lean::Bare | Lean::This, true) => {
                            pubd + Duration::days((7 - back) % 7)
                        }
                        _ => {
                            pubd - Duration::days(if back <= 1 && lean == Lean::Last {
                                back + 7
                            } else {
                                back
                            })
                        }
                    };
                    When {
                        start: saturday,
                        end: saturday + Duration::days(1),
                        precision: DatePrecision::Week,
                        text: Some(text.to_owned()),
                    }
                }
                _ => return None,
            })
        }
    }
}

/// The date of the event anchored at `anchor`.
///
/// `report` is the token span of the reporting clause when the event is told in reported
/// speech ("..., officials said on Friday", "Seoul said on Friday that ..."); `others` are
/// the anchors of the sentence's other events. A time expression attaches to the event of
/// its own clause; one in a clause without an event of its own may date an event
/// elsewhere in the sentence; one in the reporting clause dates only the statement.
pub fn when_for(
    p: &Parsed<'_, '_>,
    anchor: usize,
    times: &[TimeExpr],
    report: Option<(usize, usize)>,
    others: &[usize],
    published: Option<NaiveDate>,
    modality: Modality,
) -> Option<When> {
    let future = matches!(modality, Modality::Planned | Modality::Hypothetical);
    let clause_of = |k: usize| p.clause_of.get(k).copied();
    let clause = clause_of(anchor);
    // The statement of a reporting clause is not reported by itself.
    let report = report.filter(|&(s, e)| !(s..e).contains(&anchor));
    let in_report = |x: &TimeExpr| report.is_some_and(|(s, e)| (s..e).contains(&x.start));
    let distance = |x: &&TimeExpr| x.start.abs_diff(anchor);
    let own = times.iter().filter(|x| !in_report(x) && clause_of(x.start) == clause).min_by_key(distance);
    let free = || {
        times
            .iter()
            .filter(|x| {
                !in_report(x) && !others.iter().any(|&o| o != anchor && clause_of(o) == clause_of(x.start))
            })
            .min_by_key(distance)
    };
    if let Some(expr) = own.or_else(free) {
        let text = p.span_text(expr.start, expr.end);
        if let Some(when) = resolve(expr, text, published, future) {
            return Some(when);
        }
    }
    let recent = p.tokens.iter().any(|t| matches!(t.lower.as_ref(), "recent" | "recently"));
    // "in recent years", "in recent months": the window the phrase spans, not a month.
    let recent_span = p.tokens.windows(2).find_map(|w| {
        w[0].is("recent").then_some(())?;
        if w[1].cue(cue::TREND_PERIOD) {
            Some((Duration::days(3 * 365), DatePrecision::Year))
        } else {
            w[1].is("months").then_some((Duration::days(182), DatePrecision::Month))
        }
    });
    if let Some((s, e)) = report
        && !recent
    {
        return reported_window(p, times, (s, e), published, future);
    }
    let pubd = published?;
    let (start, end, precision) = if future {
        (pubd, pubd + Duration::days(30), DatePrecision::Month)
    } else {
        // A noun takes the tense of its clause's verb: "Israel's blockade of Gaza has
        // caused shortages" is a perfect.
        let verb = if p.tokens[anchor].info.and_then(|i| i.verb).is_none() || is_noun_use(p, anchor) {
            verb_after(p, anchor).unwrap_or(anchor)
        } else {
            anchor
        };
        match tense(p, verb) {
            _ if recent => {
                let (span, precision) = recent_span.unwrap_or((Duration::days(30), DatePrecision::Month));
                (pubd - span, pubd, precision)
            }
            Tense::Perfect => (pubd - Duration::days(30), pubd, DatePrecision::Month),
            Tense::Past => (pubd - Duration::days(7), pubd, DatePrecision::Week),
            Tense::Present => (pubd, pubd, DatePrecision::Day),
        }
    };
    Some(When { start, end, precision, text: recent.then(|| "recent".to_owned()) })
}

/// Days before the statement that a reported event without a date of its own is placed
/// in, counting the statement's day: a report tells the week's news. A month would be as
/// defensible for "has sent"; the week was chosen because it keeps reports of successive
/// deployments a fortnight apart from merging into one event, while reports of one
/// deployment on consecutive days still overlap.
const REPORTED_WINDOW_DAYS: i64 = 7;

/// The window of a reported event without a time expression of its own: it ends at the
/// statement's date (the reporting clause's own expression, else the publication date)
/// for what happened, and starts there for what is planned. `text` is `None`: no words of
/// the article date the event itself.
fn reported_window(
    p: &Parsed<'_, '_>,
    times: &[TimeExpr],
    (s, e): (usize, usize),
    published: Option<NaiveDate>,
    future: bool,
) -> Option<When> {
    let stated = times
        .iter()
        .filter(|x| (s..e).contains(&x.start))
        .find_map(|x| resolve(x, p.span_text(x.start, x.end), published, false));
    let (stated_start, stated_end, stated_precision) = match &stated {
        Some(w) => (w.start, w.end, w.precision),
        None => {
            let d = published?;
            (d, d, DatePrecision::Day)
        }
    };
    Some(if future {
        When {
            start: stated_end,
            end: stated_end + Duration::days(30),
            precision: DatePrecision::Month,
            text: None,
        }
    } else {
        When {
            start: stated_start - Duration::days(REPORTED_WINDOW_DAYS - 1),
            end: stated_end,
            precision: stated_precision.max(DatePrecision::Week),
            text: None,
        }
    })
}

/// The main verb of the verb group after a noun phrase ("... has caused"), in its clause.
fn verb_after(p: &Parsed<'_, '_>, noun: usize) -> Option<usize> {
    let end = p.clause_end(noun);
    let first = (noun + 1..end).find(|&k| {
        let t = &p.tokens[k];
        let after_determiner = p.tokens[k - 1].info.is_some_and(|i| i.flags & (func::DET | func::PREP) != 0);
        !t.capitalised
            && t.kind == TokenKind::Word
            && match t.info {
                Some(i) => {
                    i.flags & func::AUX != 0
                        || (i.noun.is_none()
                            && i.verb.is_some_and(|(_, f)| matches!(f, VerbForm::Past | VerbForm::Third)))
                }
                // A verb the lexicon does not know: "angered", "caused".
                None => t.lower.ends_with("ed") && !after_determiner,
            }
    })?;
    let mut k = first;
    while k + 1 < end
        && p.tokens[k].info.is_some_and(|i| i.flags & (func::AUX | func::ADVERB | func::NEG) != 0)
    {
        k += 1;
    }
    Some(k)
}

/// A word with a verb reading used as a noun ("the blockade", "Moscow's ratification").
fn is_noun_use(p: &Parsed<'_, '_>, anchor: usize) -> bool {
    anchor > 0
        && (p.tokens[anchor - 1].is_possessive()
            || p.tokens[anchor - 1].info.is_some_and(|i| i.flags & func::DET != 0))
}

enum Tense {
    Perfect,
    Past,
    Present,
}

/// The tense of the verb group at `anchor`.
fn tense(p: &Parsed<'_, '_>, anchor: usize) -> Tense {
    let mut k = anchor;
    while k > 0 && anchor - k < 4 {
        k -= 1;
        let t = &p.tokens[k];
        let flags = t.info.map_or(0, |i| i.flags);
        if flags & func::HAVE != 0 {
            return if matches!(t.lower.as_ref(), "had" | "hadn't") { Tense::Past } else { Tense::Perfect };
        }
        if matches!(t.lower.as_ref(), "was" | "were" | "did" | "didn't") {
            return Tense::Past;
        }
        if matches!(t.lower.as_ref(), "is" | "are" | "am" | "does" | "do") {
            return Tense::Present;
        }
        if flags & (func::ADVERB | func::NEG | func::AUX) == 0 {
            break;
        }
    }
    match p.tokens[anchor].info.and_then(|i| i.verb).map(|(_, f)| f) {
        Some(VerbForm::Past) => Tense::Past,
        Some(VerbForm::Third | VerbForm::Base | VerbForm::Ing) => Tense::Present,
        None => Tense::Past,
    }
}
