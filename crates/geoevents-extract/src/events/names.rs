//! Names the article itself teaches, added to the gazetteer's mentions before sentences are
//! read (stage 2 of the pipeline): input the article text and the registry's mentions in
//! text order, output the same with the learned mentions added, still in text order.
//!
//! - A surname alone after the person was named in full ([`with_surnames`]).
//! - An alias the article defines: "the Popular Front for Renewal (PFR)" or "the National
//!   Liberation Army guerrilla group, known by its initials as ELN". When one side of the
//!   definition is a registry actor that is no state and the other side is a name the
//!   registry does not know, the unknown name stands for that actor at the definition and
//!   everywhere after it ([`with_aliases`]).

use std::collections::{BTreeMap, HashMap};

use crate::gazetteer::{ActorKind, Form, Mention};

/// The registry's mentions with the article's own names added.
pub fn learned<'g>(text: &str, mentions: Vec<Mention<'g>>) -> Vec<Mention<'g>> {
    with_aliases(text, with_surnames(text, mentions))
}

/// States whose people English news names family name first ("Kim Yo-jong", "Wang Yi",
/// "Hun Manet"); Japanese and Hungarian names are written given name first in English.
const FAMILY_NAME_FIRST: &[&str] = &["CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM", "KHM"];

/// "Guyana's President Irfaan Ali ... Ali said": once an article has named a person in
/// full, the surname alone later in the article is the same person, even when the registry
/// does not match the bare surname (as it does not for "Ali", which names many people).
/// One pass over the text's words, so it stays linear whatever the number of names.
pub(crate) fn with_surnames<'g>(text: &str, mut mentions: Vec<Mention<'g>>) -> Vec<Mention<'g>> {
    let mut surnames: HashMap<&str, (usize, Mention<'g>)> = HashMap::new();
    for m in &mentions {
        if m.form != Form::Person || m.actor.is_none() {
            continue;
        }
        let words: Vec<&str> = text[m.start..m.end].split_whitespace().collect();
        let (Some(first), Some(last)) = (words.first(), words.last()) else { continue };
        // "Kim Yo-jong ... Kim said", "Wang Yi ... Wang said": the family name comes first.
        let family_first = m
            .actor
            .is_some_and(|a| FAMILY_NAME_FIRST.contains(&a.country.as_deref().unwrap_or(a.code.as_str())));
        let (surname, shortest) = if family_first { (*first, 2) } else { (*last, 3) };
        if words.len() < 2
            || surname.chars().count() < shortest
            || !surname.starts_with(|c: char| c.is_uppercase())
            || !surname.chars().all(|c| c.is_alphabetic() || c == '-')
        {
            continue;
        }
        surnames.entry(surname).or_insert((m.end, m.clone()));
    }
    if surnames.is_empty() {
        return mentions;
    }
    let mut added = Vec::new();
    let mut covered = mentions.iter().map(|m| (m.start, m.end)).collect::<Vec<_>>();
    covered.sort_unstable();
    let is_covered = |start: usize, end: usize, covered: &[(usize, usize)]| {
        let i = covered.partition_point(|&(s, _)| s <= start);
        (i > 0 && covered[i - 1].1 > start) || covered.get(i).is_some_and(|&(s, _)| s < end)
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let at_word_start = (i == 0 || !text[..i].chars().next_back().is_some_and(char::is_alphanumeric))
            && text[i..].starts_with(|c: char| c.is_uppercase());
        if !at_word_start {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let end = i + text[i..].find(|c: char| !(c.is_alphabetic() || c == '-')).unwrap_or(text.len() - i);
        if let Some((first_end, m)) = surnames.get(&text[i..end])
            && i >= *first_end
            && !is_covered(i, end, &covered)
        {
            added.push(Mention { start: i, end, ..m.clone() });
        }
        i = end.max(i + 1);
        while i < bytes.len() && !text.is_char_boundary(i) {
            i += 1;
        }
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| m.start);
    }
    mentions
}

/// Most aliases one article may teach: each costs a pass over the text.
const MAX_ALIASES: usize = 16;
/// Longest alias definition looked at after "known" (bytes up to its "as").
const KNOWN_AS_REACH: usize = 48;
/// Most words in a name before its definition.
const NAME_WORDS: usize = 10;

/// Adds the names an article defines as aliases of a registry actor (module docs).
pub(crate) fn with_aliases<'g>(text: &str, mut mentions: Vec<Mention<'g>>) -> Vec<Mention<'g>> {
    mentions.sort_by_key(|m| m.start);
    let mut taught: Vec<(usize, &str, Mention<'g>)> = Vec::new();
    for (long, short) in definitions(text) {
        let exact = |span: (usize, usize)| {
            let first = mentions.partition_point(|m| m.start < span.0);
            mentions[first..]
                .iter()
                .take_while(|m| m.start == span.0)
                .find(|m| m.end == span.1 && m.form != Form::Person && is_body(m))
        };
        let untouched = |span: (usize, usize)| !overlaps(&mentions, span);
        let (known, unknown) = match (exact(long), exact(short)) {
            (Some(m), None) if untouched(short) => (m, short),
            (None, Some(m)) if untouched(long) => (m, long),
            _ => continue,
        };
        let name = &text[unknown.0..unknown.1];
        if !taught.iter().any(|(_, n, _)| *n == name) {
            taught.push((unknown.0, name, Mention { form: Form::Name, ..known.clone() }));
        }
        if taught.len() == MAX_ALIASES {
            break;
        }
    }
    if taught.is_empty() {
        return mentions;
    }
    // Spans taken so far, by start: the registry's and those added here.
    let mut taken: BTreeMap<usize, usize> = mentions.iter().map(|m| (m.start, m.end)).collect();
    let mut added: Vec<Mention<'g>> = Vec::new();
    for (from, name, template) in &taught {
        for (at, _) in text[*from..].match_indices(name) {
            let (start, end) = (from + at, from + at + name.len());
            let free = taken.range(..end).next_back().is_none_or(|(_, &e)| e <= start);
            if free && word_bounded(text, start, end) {
                taken.insert(start, end);
                added.push(Mention { start, end, ..template.clone() });
            }
        }
    }
    mentions.extend(added);
    mentions.sort_by_key(|m| m.start);
    mentions
}

/// Whether a mention of `sorted` (by start, not overlapping one another) overlaps `span`.
fn overlaps(sorted: &[Mention<'_>], span: (usize, usize)) -> bool {
    let before_end = sorted.partition_point(|m| m.start < span.1);
    before_end > 0 && sorted[before_end - 1].end > span.0
}

/// An actor that can have an alias: a body or group, not a state or territory.
fn is_body(m: &Mention<'_>) -> bool {
    m.actor.is_some_and(|a| !matches!(a.kind, ActorKind::State | ActorKind::Territory))
}

/// Every (name, alias) byte-span pair the text defines: "Name (ACRONYM)" and "Name ...,
/// known ... as Alias".
fn definitions(text: &str) -> Vec<((usize, usize), (usize, usize))> {
    let mut out = Vec::new();
    for (open, _) in text.match_indices(" (") {
        let inner_start = open + 2;
        let window_end = floor_boundary(text, (inner_start + 14).min(text.len()));
        let Some(len) = text[inner_start..window_end].find(')') else { continue };
        let inner = &text[inner_start..inner_start + len];
        if is_acronym(inner)
            && let Some(start) = name_before(text, open)
        {
            out.push(((start, open), (inner_start, inner_start + len)));
        }
    }
    for (comma, _) in text.match_indices(", known ") {
        let window_end = floor_boundary(text, (comma + KNOWN_AS_REACH).min(text.len()));
        let Some(as_at) = text[comma..window_end].find(" as ") else { continue };
        let mut alias_start = comma + as_at + 4;
        if text[alias_start..].starts_with("the ") {
            alias_start += 4;
        }
        let alias_end = name_after(text, alias_start);
        let name_end = before_head_nouns(text, comma);
        if alias_end > alias_start
            && let Some(start) = name_before(text, name_end)
        {
            out.push(((start, name_end), (alias_start, alias_end)));
        }
    }
    out
}

/// "UNITA", "M23", "FARC-EP": two or more capitals, letters, digits and hyphens only.
fn is_acronym(s: &str) -> bool {
    (2..=12).contains(&s.len())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && s.chars().filter(char::is_ascii_uppercase).count() >= 2
        && !s.chars().any(|c| c.is_ascii_lowercase())
}

/// Words inside a name that need no capital ("Front for the Liberation of Angola").
fn is_connector(word: &str) -> bool {
    matches!(
        word,
        "of" | "for" | "the" | "and" | "de" | "del" | "des" | "du" | "la" | "el" | "al" | "in" | "on"
    )
}

fn is_name_word(word: &str) -> bool {
    word.starts_with(|c: char| c.is_uppercase())
        && word.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.' | '&'))
}

/// The start of the capitalised name that ends at byte `end` (the words before it, back to
/// a word that is neither capitalised nor a connector); a leading "The" is left out.
fn name_before(text: &str, end: usize) -> Option<usize> {
    let mut start = None;
    let mut cursor = end;
    for _ in 0..NAME_WORDS {
        let word_start = text[..cursor].rfind(' ').map_or(0, |i| i + 1);
        let word = &text[word_start..cursor];
        if is_name_word(word) {
            start = Some(word_start);
        } else if !is_connector(word) {
            break;
        }
        if word_start == 0 {
            break;
        }
        cursor = word_start - 1;
    }
    let start = start?;
    Some(if text[start..end].starts_with("The ") { start + 4 } else { start })
        .filter(|&s| s < end && is_name_word(text[s..end].split(' ').next().unwrap_or("")))
}

/// The end of the capitalised name starting at byte `start` (connectors inside it kept,
/// trailing ones not).
fn name_after(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut cursor = start;
    for raw in text[start..].split(' ').take(NAME_WORDS) {
        let word = raw.trim_end_matches([',', '.', ';', ':', ')']);
        if is_name_word(word) {
            end = cursor + word.len();
        } else if !is_connector(word) {
            break;
        }
        // Punctuation after a word closes the name.
        if word.len() < raw.len() {
            break;
        }
        cursor += raw.len() + 1;
    }
    end
}

/// "the National Liberation Army guerrilla group, known": the end of the name before up to
/// three lower-case head words ("guerrilla group") that describe it.
fn before_head_nouns(text: &str, comma: usize) -> usize {
    let mut end = comma;
    for _ in 0..3 {
        let word_start = text[..end].rfind(' ').map_or(0, |i| i + 1);
        let word = &text[word_start..end];
        if word.is_empty() || !word.chars().all(|c| c.is_lowercase() || c == '-') || word_start == 0 {
            break;
        }
        end = word_start - 1;
    }
    end
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether `start..end` is a whole word run: no letter or digit touches either side.
fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    !text[..start].chars().next_back().is_some_and(char::is_alphanumeric)
        && !text[end..].chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::gazetteer;

    fn actor_of(text: &str, name: &str) -> Vec<Option<String>> {
        let mentions = learned(text, gazetteer().find_on(text, None));
        text.match_indices(name)
            .map(|(at, _)| {
                mentions
                    .iter()
                    .find(|m| m.start == at && m.end == at + name.len())
                    .and_then(|m| m.actor.map(|a| a.code.clone()))
            })
            .collect()
    }

    #[test]
    fn a_name_known_by_a_registry_alias_is_that_actor_from_its_definition_on() {
        let text = "The National Liberation Army guerrilla group, known by its initials in Spanish as ELN, \
                    met officials. Later the National Liberation Army said it would talk.";
        assert_eq!(actor_of(text, "National Liberation Army"), [Some("ELN".into()), Some("ELN".into())]);
    }

    #[test]
    fn an_unknown_acronym_of_a_registry_name_is_that_actor() {
        let text = "Doctors Without Borders (DWB) said on Monday that DWB teams had left.";
        assert_eq!(actor_of(text, "DWB"), [Some("MSF".into()), Some("MSF".into())]);
    }

    #[test]
    fn a_family_name_first_is_the_surname_of_its_people() {
        let text = "Kim Yo-jong spoke on Monday. Kim said Seoul would regret it.";
        assert_eq!(actor_of(text, "Kim"), [None, Some("PRK".into())]);
        let text = "Irfaan Ali spoke on Monday. Ali said Caracas would regret it.";
        assert_eq!(actor_of(text, "Ali"), [None, Some("GUY".into())]);
    }

    #[test]
    fn states_places_and_unknown_pairs_teach_nothing() {
        // A state in brackets is a gloss, not an alias; two unknown names stay unknown.
        let text = "The Northern Front (Peru) and the Eastern Brigade (EB) said EB fighters left.";
        assert_eq!(actor_of(text, "Northern Front"), [None]);
        assert_eq!(actor_of(text, "EB"), [None, None]);
        assert!(!is_acronym("Peru"));
        assert_eq!(name_before("in the Popular Front for Renewal (PFR)", 32), Some(7));
    }
}
