//! Quantities: troops, casualties, weapons, money and tonnage, with their qualifier.
//!
//! Numbers are read in digits ("3,000", "3.5 billion", "$12M") and in words ("two dozen",
//! "hundreds of"). Vague plurals are given the smallest value they can mean, qualified "at
//! least": "dozens of" 24, "scores of" 40, "hundreds of" 200, "thousands of" 2,000, "tens of
//! thousands" 20,000, "hundreds of thousands" 200,000; "a dozen" is approximately 12, "two
//! dozen" exactly 24. The unit is the counted noun: troops (soldiers, forces, personnel),
//! people (civilians, protesters, prisoners, a plural demonym: "168 Liberians"), the weapon
//! noun itself (missiles, drones, tanks, shells), money (with an ISO 4217 code when the text
//! makes it unambiguous) or tons.
//!
//! A quantity belongs to the event whose trigger governs it: it must sit in the trigger's
//! clause and have a unit the kind can count (a deployment counts troops, an attack
//! casualties, aid money, tons or weapons); the nearest one after the trigger wins.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use geoevents_domain::{Kind, Quantity, QuantityQualifier, Sector};

use super::lexicon::class;
use super::parsed::Parsed;
use super::tokens::TokenKind;
use crate::word_lists;

/// What a quantity counts.
#[derive(Debug, Clone, PartialEq)]
pub enum Counted {
    /// Soldiers, forces, personnel.
    Troops,
    /// People: casualties, protesters, detainees.
    People,
    /// A weapon noun ("missiles").
    Weapons(String),
    /// Money, with its currency when known.
    Money(Option<&'static str>),
    /// Metric tons.
    Tons,
}

/// The words of `data/lexicon/quantities.txt`: money, weight and value words, party nouns,
/// words between a number and its unit, and qualifier phrases.
struct QuantityWords {
    /// Money word -> its currency (`None` for words of several currencies).
    currencies: HashMap<&'static str, Option<&'static str>>,
    /// Money words that count only right after the number.
    after_number: HashSet<&'static str>,
    tons: HashSet<&'static str>,
    worth: HashSet<&'static str>,
    parties: HashSet<&'static str>,
    additional: HashSet<&'static str>,
    /// Qualifier phrases, longest first.
    qualifiers: Vec<(Vec<&'static str>, QuantityQualifier)>,
    /// Number words ("seven" 7), scale words after a number ("million"), vague plurals
    /// before "of" ("hundreds" 200), suffixes of digits ("12m"), "dozen", and the counts
    /// of "N days ago" ("a", "several").
    numbers: HashMap<&'static str, f64>,
    scales: HashMap<&'static str, f64>,
    vague: HashMap<&'static str, f64>,
    suffixes: HashMap<&'static str, f64>,
    dozen: HashMap<&'static str, f64>,
    counts: HashMap<&'static str, f64>,
    /// Nouns of a weapon system that count it ("two Patriot batteries").
    weapon_units: HashSet<&'static str>,
    /// Lines that did not parse (empty for the shipped file; a test checks).
    errors: Vec<String>,
}

static WORDS: LazyLock<QuantityWords> = LazyLock::new(QuantityWords::load);

impl QuantityWords {
    fn load() -> Self {
        let mut w = QuantityWords {
            currencies: HashMap::new(),
            after_number: HashSet::new(),
            tons: HashSet::new(),
            worth: HashSet::new(),
            parties: HashSet::new(),
            additional: HashSet::new(),
            qualifiers: Vec::new(),
            numbers: HashMap::new(),
            scales: HashMap::new(),
            vague: HashMap::new(),
            suffixes: HashMap::new(),
            dozen: HashMap::new(),
            counts: HashMap::new(),
            weapon_units: HashSet::new(),
            errors: Vec::new(),
        };
        for (name, words) in word_lists::entries(include_str!("../../data/lexicon/quantities.txt")) {
            match name.split_once(' ') {
                Some(("currency", code)) => {
                    let code = (code != "any").then_some(code);
                    w.currencies.extend(words.into_iter().map(|word| (word, code)));
                }
                Some(("qualifier", q)) => {
                    let Ok(qualifier) = q.parse::<QuantityQualifier>() else {
                        w.errors.push(format!("quantities.txt: unknown qualifier {q}"));
                        continue;
                    };
                    for phrase in words.split(|word| *word == "|") {
                        w.qualifiers.push((phrase.to_vec(), qualifier));
                    }
                }
                _ => {
                    let values = match name {
                        "numbers" => Some(&mut w.numbers),
                        "scales" => Some(&mut w.scales),
                        "vague" => Some(&mut w.vague),
                        "suffixes" => Some(&mut w.suffixes),
                        "dozen" => Some(&mut w.dozen),
                        "counts" => Some(&mut w.counts),
                        _ => None,
                    };
                    if let Some(values) = values {
                        let (parsed, bad) = word_lists::values::<f64>(&words);
                        values.extend(parsed);
                        w.errors.extend(
                            bad.iter().map(|pair| format!("quantities.txt: {name}: bad word:value {pair}")),
                        );
                        continue;
                    }
                    let set = match name {
                        "weapon_units" => &mut w.weapon_units,
                        "after_number" => &mut w.after_number,
                        "tons" => &mut w.tons,
                        "worth" => &mut w.worth,
                        "parties" => &mut w.parties,
                        "additional" => &mut w.additional,
                        other => {
                            w.errors.push(format!("quantities.txt: unknown line {other}"));
                            continue;
                        }
                    };
                    set.extend(words);
                }
            }
        }
        w.qualifiers.sort_by_key(|(phrase, _)| std::cmp::Reverse(phrase.len()));
        w
    }
}

/// A quantity found in a sentence.
#[derive(Debug, Clone)]
pub struct QuantityExpr {
    /// First token (including the qualifier).
    pub start: usize,
    /// One past the last token (including the unit).
    pub end: usize,
    /// The value.
    pub value: f64,
    /// What is counted.
    pub counted: Counted,
    /// The qualifier.
    pub qualifier: QuantityQualifier,
}

/// Finds the quantities of a sentence.
pub fn find_quantities(p: &Parsed<'_, '_>) -> Vec<QuantityExpr> {
    let t = &p.tokens;
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let Some((value, qualifier_hint, mut end)) = number_at(p, i) else {
            i += 1;
            continue;
        };
        // A bare four-digit year is not a count.
        if t[i].kind == TokenKind::Number
            && end == i + 1
            && crate::calendar::parse_year(&t[i].lower).is_some()
            && !t[i].text.contains(',')
        {
            i += 1;
            continue;
        }
        let currency_before = i > 0 && matches!(t[i - 1].text, "$" | "€" | "£" | "¥" | "US$" | "\\$");
        let mut counted = if currency_before {
            Some(Counted::Money(match t[i - 1].text {
                "€" => Some("EUR"),
                "£" => Some("GBP"),
                "¥" => None,
                _ => Some("USD"),
            }))
        } else {
            None
        };
        if counted.is_none() {
            let (c, unit_end) = unit_after(p, end);
            counted = c;
            if counted.is_some() {
                end = unit_end;
            }
        } else if let (Some(Counted::Money(_)), unit_end) = unit_after(p, end) {
            end = unit_end;
        }
        let Some(counted) = counted else {
            i = end.max(i + 1);
            continue;
        };
        let (qualifier, start) = qualifier_before(p, if currency_before { i - 1 } else { i });
        out.push(QuantityExpr { start, end, value, counted, qualifier: qualifier_hint.unwrap_or(qualifier) });
        i = end.max(i + 1);
    }
    out
}

/// A number starting at `i`: its value, a qualifier implied by vague words, and the end.
fn number_at(p: &Parsed<'_, '_>, i: usize) -> Option<(f64, Option<QuantityQualifier>, usize)> {
    let t = &p.tokens;
    let word = |k: usize| t.get(k).map_or("", |x| x.lower.as_ref());
    let (mut value, mut end, mut hint) = if t[i].kind == TokenKind::Number {
        let raw = t[i].lower.replace(',', "");
        let digits: String = raw.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        let suffix = &raw[digits.len()..];
        let v: f64 = digits.parse().ok()?;
        let scale = if suffix.is_empty() { 1.0 } else { *WORDS.suffixes.get(suffix)? };
        (v * scale, i + 1, None)
    } else {
        let w = word(i);
        let at_least = Some(QuantityQualifier::AtLeast);
        // "hundreds of thousands": a vague plural of a plural scale word.
        let scale_of = |k: usize| word(k).strip_suffix('s').and_then(|s| WORDS.scales.get(s)).copied();
        match (WORDS.vague.get(w), WORDS.dozen.get(w), WORDS.numbers.get(w)) {
            (Some(&v), _, _) if word(i + 1) == "of" => match scale_of(i + 2) {
                Some(scale) => (v * scale, i + 3, at_least),
                None => (v, i + 1, at_least),
            },
            (_, Some(&v), _) if word(i.wrapping_sub(1)) == "a" => {
                (v, i + 1, Some(QuantityQualifier::Approximate))
            }
            (_, _, Some(&v)) if v > 0.0 => (v, i + 1, None),
            _ => return None,
        }
    };
    if let Some(&dozen) = WORDS.dozen.get(word(end))
        && hint.is_none()
    {
        value *= dozen;
        end += 1;
    }
    if let Some(&scale) = WORDS.scales.get(word(end)) {
        value *= scale;
        end += 1;
    }
    if word(end) == "of" && hint.is_some() {
        end += 1;
    }
    if value <= 0.0 || !value.is_finite() {
        return None;
    }
    if hint.is_none() && word(i) == "a" {
        hint = Some(QuantityQualifier::Approximate);
    }
    Some((value, hint, end))
}

/// The value of a number word ("seven") or of a vague count ("a", "several") as "N days
/// ago" uses it.
pub fn count_word(w: &str) -> Option<f64> {
    WORDS.numbers.get(w).or_else(|| WORDS.counts.get(w)).copied()
}

/// The counted noun after a number: skips up to three modifiers ("3,000 elite North Korean
/// soldiers", "25,000 tons of emergency food aid").
fn unit_after(p: &Parsed<'_, '_>, from: usize) -> (Option<Counted>, usize) {
    let t = &p.tokens;
    let mut k = from;
    while k < t.len() && k < from + 4 {
        let tok = &t[k];
        let lower = tok.lower.as_ref();
        if let Some(&currency) = WORDS.currencies.get(lower)
            && (k == from || !WORDS.after_number.contains(lower))
        {
            return (Some(Counted::Money(currency)), k + 1);
        }
        if WORDS.tons.contains(lower) {
            return (Some(Counted::Tons), k + 1);
        }
        if WORDS.worth.contains(lower) {
            return (Some(Counted::Money(None)), k + 1);
        }
        if let Some(c) = p.chunk_of[k]
            && p.chunks[c].start == k
            && p.chunks[c].actor.is_some()
            && tok.capitalised
            && tok.text.ends_with('s')
            && p.chunks[c].end == k + 1
        {
            return (Some(Counted::People), k + 1);
        }
        if let Some(info) = tok.info {
            if info.classes & class::TROOPS != 0 && info.classes & class::WEAPONS == 0 {
                return (Some(Counted::Troops), k + 1);
            }
            if info.classes & class::WEAPONS != 0 && lower != "arms" {
                // "two Patriot batteries", "three air defence systems": the last noun counts.
                let mut end = k + 1;
                while end < t.len()
                    && end < k + 3
                    && t[end].kind == TokenKind::Word
                    && !t[end].capitalised
                    && (t[end].info.is_some_and(|i| i.classes & class::WEAPONS != 0)
                        || WORDS.weapon_units.contains(t[end].lower.as_ref()))
                {
                    end += 1;
                }
                return (Some(Counted::Weapons(t[end - 1].lower.to_string())), end);
            }
            // "50 more officers", "dozens of border guards": armed or police personnel.
            if matches!(info.agent, Some(Sector::Military | Sector::Police)) {
                // "400 police officers": the phrase runs over its following agent nouns.
                let mut end = k + 1;
                while end < t.len()
                    && end < k + 3
                    && t[end].info.is_some_and(|i| matches!(i.agent, Some(Sector::Military | Sector::Police)))
                {
                    end += 1;
                }
                return (Some(Counted::Troops), end);
            }
            if info.classes & (class::PEOPLE | class::PROTESTER | class::PRISONER) != 0 {
                return (Some(Counted::People), k + 1);
            }
            // "the two sides", "both countries": the parties, not a count.
            if WORDS.parties.contains(lower) {
                break;
            }
            if info.agent.is_some() {
                // "12 opposition activists": the phrase runs over its following agent nouns.
                let mut end = k + 1;
                while end < t.len() && end < k + 3 && t[end].info.is_some_and(|i| i.agent.is_some()) {
                    end += 1;
                }
                return (Some(Counted::People), end);
            }
        }
        if WORDS.additional.contains(lower) {
            k += 1;
            continue;
        }
        if tok.kind != TokenKind::Word
            || tok.info.is_some_and(|i| i.flags != 0 && i.flags & super::lexicon::func::ADVERB == 0)
        {
            break;
        }
        k += 1;
    }
    (None, from)
}

/// The qualifier in the words before a number, and where the quantity's text starts.
fn qualifier_before(p: &Parsed<'_, '_>, i: usize) -> (QuantityQualifier, usize) {
    let word = |k: usize| p.tokens.get(k).filter(|_| k < i).map_or("", |x| x.lower.as_ref());
    for (phrase, qualifier) in &WORDS.qualifiers {
        let Some(start) = i.checked_sub(phrase.len()) else { continue };
        if phrase.iter().enumerate().all(|(n, w)| word(start + n) == *w) {
            return (*qualifier, start);
        }
    }
    (QuantityQualifier::Exact, i)
}

/// Whether `kind` can count `counted`.
fn fits(kind: Kind, counted: &Counted) -> bool {
    use Kind::*;
    match counted {
        Counted::Troops => matches!(
            kind,
            TroopDeployment
                | Withdrawal
                | MilitaryExercise
                | Attack
                | ArmedClash
                | Coercion
                | MilitaryCooperation
                | MilitaryAlert
        ),
        Counted::People => {
            matches!(kind, Attack | ArmedClash | Coercion | Protest | Withdrawal | HumanitarianAid)
        }
        Counted::Weapons(_) => {
            matches!(
                kind,
                MilitaryAid | WeaponsTest | Attack | TroopDeployment | IntentToCooperate | Withdrawal
            )
        }
        Counted::Money(_) => matches!(
            kind,
            EconomicAid
                | HumanitarianAid
                | MilitaryAid
                | EconomicCooperation
                | IntentToCooperate
                | SanctionsImposed
                | SanctionsEased
                | Agreement
        ),
        Counted::Tons => matches!(kind, HumanitarianAid | EconomicAid | MilitaryAid | IntentToCooperate),
    }
}

/// The quantity governed by the trigger at `anchor`.
pub fn quantity_for(
    p: &Parsed<'_, '_>,
    anchor: usize,
    kind: Kind,
    found: &[QuantityExpr],
) -> Option<Quantity> {
    let clause = p.clause_of.get(anchor).copied();
    let best = found
        .iter()
        .filter(|q| fits(kind, &q.counted))
        .filter(|q| {
            let own = p.clause_of.get(q.start).copied();
            // "hit a market in Gaza, killing 12 people": the participle after the comma
            // tells the toll of its main clause's event.
            let participle = own.is_some_and(|c| {
                p.clauses[c].kind == super::clauses::ClauseKind::Participial
                    && p.clauses[c].parent.is_some()
                    && p.clauses[c].parent == clause
            });
            own == clause || participle || (q.start > anchor && q.start <= anchor + 6)
        })
        .min_by_key(|q| if q.start > anchor { q.start - anchor } else { (anchor - q.start) * 2 + 1 })?;
    let (unit, currency) = match &best.counted {
        Counted::Troops => ("troops".to_owned(), None),
        Counted::People => ("people".to_owned(), None),
        Counted::Weapons(w) => (w.clone(), None),
        Counted::Money(c) => ("money".to_owned(), c.map(str::to_owned)),
        Counted::Tons => ("tons".to_owned(), None),
    };
    Some(Quantity {
        value: best.value,
        unit,
        currency,
        qualifier: best.qualifier,
        text: p.span_text(best.start, best.end).to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quantity_words_load_without_errors() {
        assert!(WORDS.errors.is_empty(), "{:?}", WORDS.errors);
        assert!(WORDS.qualifiers.windows(2).all(|w| w[0].0.len() >= w[1].0.len()), "longest first");
        assert!(WORDS.qualifiers.iter().all(|(phrase, _)| !phrase.is_empty()));
    }
}
