//! Definite descriptions: "the group", "the bloc", "the country's foreign ministry", "the
//! island's defence minister" and "the delegation" name an actor the article has already
//! named. Wire copy uses them for every second mention; left unresolved, the events they
//! act in are lost ("A senior Hamas official said the group rejected any new conditions").
//!
//! Resolution happens once per sentence, before roles are assigned: a generic phrase that
//! resolves gets the actor as if the text had named it, so it can be a subject, a target
//! or a possessor like any name. The rules, most specific first:
//!
//! - **Kind nouns** ("the group", "the movement", "the bloc", "the alliance", "the
//!   country", "the island") take the nearest earlier actor of that kind: in the sentence
//!   first, then the last few actors of the article (within two paragraphs). Armed groups
//!   and other non-state bodies for group words, international bodies for bloc words,
//!   states for country words.
//! - **A kind noun's possession** ("the country's foreign ministry", "the bloc's envoy")
//!   resolves the possessor that way and gives its organ the actor.
//! - **The same head noun** ("a U.S. delegation visited Niamey ... The delegation met the
//!   prime minister") takes the actor of the last phrase with that head, within two
//!   paragraphs.
//! - **A state organ in someone's words** ("He said the government expressed grave
//!   concern"): the speaker's state, when the speaker is a state's person or organ.
//! - **"The government" after a state spoke** ("Finland said ... The government accused
//!   Russia"): the state that was the last main-clause subject, when its verb was one of
//!   speech, in this paragraph or the one before.
//! - **A bare title** ("the foreign minister", "the prime minister") names the state whose
//!   holder of that title the article named last ("Mali's Foreign Minister", "Malian
//!   Foreign Minister Abdoulaye Diop"), within six paragraphs, when no other state's holder
//!   of the same title was named in that stretch.
//! - **"The statement"** ("Its foreign ministry said in a joint statement ... The
//!   statement condemned the resolution"): the last speaker, in this paragraph or the one
//!   before.
//!
//! A generic phrase the rules do not settle stays unresolved; guessing "the army" from the
//! article's most frequent country was tried and rejected, because articles about a war name
//! two armies.

use geoevents_domain::Sector;

use super::clauses::ClauseKind;
use super::lexicon::{self, Control, cue};
use super::parsed::Parsed;
use super::roles::Discourse;
use super::tokens::{Token, TokenKind};
use crate::gazetteer::{ActorEntry, ActorKind};

/// How many recent actors and heads the discourse keeps.
pub const MEMORY: usize = 12;

/// How far back (in paragraphs) a description may reach.
const REACH: usize = 2;

/// How far back (in paragraphs) a bare title may reach: an office names one person, so it
/// carries further than a general noun.
const TITLE_REACH: usize = 6;

/// The kind of actor a description names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wanted {
    /// A state: "the country", "the island".
    State,
    /// An international body: "the bloc", "the alliance".
    Body,
    /// A non-state group: "the group", "the movement", "the militants".
    Group,
}

fn wanted(head: &Token<'_>) -> Option<Wanted> {
    if head.cue(cue::STATE_NOUN) {
        Some(Wanted::State)
    } else if head.cue(cue::BODY_NOUN) {
        Some(Wanted::Body)
    } else if head.cue(cue::GROUP_NOUN) {
        Some(Wanted::Group)
    } else {
        None
    }
}

fn fits(entry: &ActorEntry, wanted: Wanted) -> bool {
    match wanted {
        Wanted::State => matches!(entry.kind, ActorKind::State | ActorKind::Territory),
        Wanted::Body => entry.kind == ActorKind::International,
        Wanted::Group => matches!(entry.kind, ActorKind::ArmedGroup | ActorKind::Ngo | ActorKind::Other),
    }
}

/// Resolves the definite descriptions of a parsed sentence in place.
pub fn resolve_definites<'g>(p: &mut Parsed<'_, 'g>, discourse: &Discourse<'g>) {
    for i in 0..p.chunks.len() {
        let c = &p.chunks[i];
        if c.actor.is_some() || c.place.is_some() || c.pronoun.is_some() || c.modifier || c.person {
            continue;
        }
        let head_at = c.end.saturating_sub(1);
        let head = &p.tokens[head_at];
        // "the Foreign Minister": the title's own words before the phrase are part of it.
        let mut title_start = c.start;
        while title_start > 0 && p.tokens[title_start - 1].cue(cue::TITLE_MODIFIER) {
            title_start -= 1;
        }
        let titled = title_start.checked_sub(1).is_some_and(|k| p.tokens[k].is("the"));
        let Some(det) = determiner_before(p, c.start).or(titled.then(|| title_start - 1)) else { continue };
        let found = if head.cue(cue::STATEMENT_NOUN) {
            // "The statement condemned the resolution": the last speaker's statement.
            discourse
                .last_subject
                .as_ref()
                .filter(|(_, para)| discourse.paragraph.saturating_sub(*para) <= 1)
                .map(|(r, _)| r.entry)
        } else if let Some(w) = wanted(head) {
            earlier_of_kind(p, i, w, discourse)
        } else if let Some(w) = possessor_kind(p, det) {
            // "the country's foreign ministry": det points at the possessor noun.
            earlier_of_kind(p, i, w, discourse)
        } else if p.tokens[det].is("the") || p.tokens[det].is("this") {
            // Only a bare "the delegation": "the commerce ministry" is not the defence
            // ministry named before.
            let bare = det + 1 == c.start;
            bare.then(|| same_head(head, discourse))
                .flatten()
                .or_else(|| same_title(p, det + 1, c.end, discourse))
                .or_else(|| speakers_state(p, i, discourse))
                .or_else(|| subjects_government(p, i, det, discourse))
        } else {
            None
        };
        if let Some(entry) = found {
            let chunk = &mut p.chunks[i];
            chunk.actor = Some(entry);
            // "the group" is the armed group itself; "the country's ministry" keeps its organ.
            if wanted(&p.tokens[head_at]).is_some() || chunk.sector.is_none() {
                chunk.sector = Some(match entry.kind {
                    ActorKind::ArmedGroup => Sector::Rebels,
                    ActorKind::International => Sector::International,
                    _ => Sector::Government,
                });
            }
        }
    }
}

/// The determiner (or, for "the country's ministry", the possessor noun) that makes the
/// phrase starting at `start` definite, skipping up to two adjectives ("the militant
/// group", "the Iran-backed group", "the country's foreign ministry").
fn determiner_before(p: &Parsed<'_, '_>, start: usize) -> Option<usize> {
    let mut k = start;
    for _ in 0..3 {
        let prev = k.checked_sub(1)?;
        let t = &p.tokens[prev];
        if matches!(t.lower.as_ref(), "the" | "this" | "that") {
            return Some(prev);
        }
        if t.is_possessive() {
            let owner = prev.checked_sub(1)?;
            return wanted(&p.tokens[owner]).map(|_| owner);
        }
        let adjective = t.kind == TokenKind::Word
            && (p.chunk_of[prev].is_some_and(|c| p.chunks[c].modifier)
                || (!t.capitalised && t.info.is_none_or(|x| x.flags == 0 && x.verb.is_none())));
        if !adjective {
            return None;
        }
        k = prev;
    }
    None
}

/// For "the country's X": the kind its possessor noun names, when the possessor is
/// itself definite.
fn possessor_kind(p: &Parsed<'_, '_>, owner: usize) -> Option<Wanted> {
    let w = wanted(&p.tokens[owner])?;
    let the = owner.checked_sub(1).is_some_and(|k| p.tokens[k].is("the"));
    (the && p.tokens.get(owner + 1).is_some_and(|t| t.is_possessive())).then_some(w)
}

/// The nearest earlier actor of a kind: in this sentence, then in the discourse.
fn earlier_of_kind<'g>(
    p: &Parsed<'_, 'g>,
    chunk: usize,
    w: Wanted,
    discourse: &Discourse<'g>,
) -> Option<&'g ActorEntry> {
    // Never an actor of its own clause: in "the State Department approved a sale to the
    // island" the island is not the United States.
    let clause = p.clause_of.get(p.chunks[chunk].start).copied();
    let own: Vec<&str> = (0..p.chunks.len())
        .filter(|&j| j != chunk && p.clause_of.get(p.chunks[j].start).copied() == clause)
        .filter_map(|j| p.chunks[j].actor.map(|a| a.code.as_str()))
        .collect();
    let here = (0..chunk).rev().find_map(|j| {
        let c = &p.chunks[j];
        c.actor.filter(|a| !c.modifier && fits(a, w) && !own.contains(&a.code.as_str()))
    });
    here.or_else(|| {
        discourse
            .recent
            .iter()
            .rev()
            .filter(|(_, _, para)| discourse.paragraph.saturating_sub(*para) <= REACH)
            .find_map(|(entry, _, _)| {
                (fits(entry, w) && !own.contains(&entry.code.as_str())).then_some(*entry)
            })
    })
}

/// The actor of the last phrase with the same head noun ("a U.S. delegation" ... "the
/// delegation").
fn same_head<'g>(head: &Token<'_>, discourse: &Discourse<'g>) -> Option<&'g ActorEntry> {
    // Titles and very general heads ("the minister", "the official") name too many people.
    if head.cue(cue::GENERAL_HEAD) {
        return None;
    }
    let head = head.lower.as_ref();
    discourse
        .heads
        .iter()
        .rev()
        .filter(|(_, _, para)| discourse.paragraph.saturating_sub(*para) <= REACH)
        .find_map(|(h, entry, _)| (h == head).then_some(*entry))
}

/// The words of the title a phrase holds, lower-cased ("foreign minister" of "Malian
/// Foreign Minister Abdoulaye Diop"): its last run of title words ending in one that names
/// an office.
fn title_key(p: &Parsed<'_, '_>, start: usize, end: usize) -> Option<String> {
    let office = |t: &Token<'_>| t.info.is_some_and(|i| i.title.is_some());
    let last = (start..end).rev().find(|&k| office(&p.tokens[k]))?;
    let mut first = last;
    while first > start && p.tokens[first - 1].cue(cue::TITLE_MODIFIER) {
        first -= 1;
    }
    let words: Vec<&str> = p.tokens[first..=last].iter().map(|t| t.lower.as_ref()).collect();
    Some(words.join(" "))
}

/// "Mali's Foreign Minister ... The Foreign Minister accused France": a phrase that is a
/// title alone names the state whose holder of it was named last, when no other state's
/// holder of it was named in reach.
fn same_title<'g>(
    p: &Parsed<'_, 'g>,
    start: usize,
    end: usize,
    discourse: &Discourse<'g>,
) -> Option<&'g ActorEntry> {
    let key = title_key(p, start, end)?;
    let only_title = p.tokens[start..end]
        .iter()
        .all(|t| t.info.is_some_and(|i| i.title.is_some()) || t.cue(cue::TITLE_MODIFIER));
    if !only_title {
        return None;
    }
    let mut holders = discourse
        .titles
        .iter()
        .filter(|(k, _, para)| *k == key && discourse.paragraph.saturating_sub(*para) <= TITLE_REACH)
        .map(|(_, entry, _)| *entry);
    let first = holders.next()?;
    holders.all(|e| e.code == first.code).then_some(first)
}

/// "He said the government expressed grave concern": a state organ in the complement of a
/// speech verb belongs to the speaker's state.
fn speakers_state<'g>(p: &Parsed<'_, 'g>, chunk: usize, discourse: &Discourse<'g>) -> Option<&'g ActorEntry> {
    let c = &p.chunks[chunk];
    if !matches!(
        c.sector,
        Some(Sector::Government | Sector::Military | Sector::Police | Sector::Legislature | Sector::Leader)
    ) {
        return None;
    }
    let ci = p.clause_of.get(c.start).copied()?;
    let clause = &p.clauses[ci];
    if clause.kind != ClauseKind::Complement || clause.subject != Some(chunk) {
        return None;
    }
    let parent = clause.parent?;
    let verb = p.clauses[parent].verb?;
    let speech = p.tokens[verb]
        .info
        .and_then(|i| i.verb)
        .is_some_and(|(l, _)| lexicon::lemma(l).control == Some(Control::Speech));
    if !speech {
        return None;
    }
    let speaker = p.clauses[parent].subject?;
    let s = &p.chunks[speaker];
    let entry = match s.pronoun {
        Some(_) => discourse.last_person.as_ref().map(|(r, _)| r.entry),
        None => s.actor,
    }?;
    matches!(entry.kind, ActorKind::State | ActorKind::Territory).then_some(entry)
}

/// "Finland said it would close the border ... The government accused Russia of ...": "the
/// government" (or "the authorities", "the cabinet", "the foreign ministry") as a clause's
/// subject is that of the state that spoke as the last main-clause subject, in this
/// paragraph or the one before. After "Russia attacked Ukraine overnight." the government that condemns is not
/// Russia's, so a subject that acted rather than spoke settles nothing.
fn subjects_government<'g>(
    p: &Parsed<'_, 'g>,
    chunk: usize,
    det: usize,
    discourse: &Discourse<'g>,
) -> Option<&'g ActorEntry> {
    let c = &p.chunks[chunk];
    if !p.tokens[det].is("the") {
        return None;
    }
    // "the government", "the authorities", "the foreign ministry", "the defence ministry".
    let words = &p.tokens[det + 1..c.end];
    let organ = match words {
        [head] => head.cue(cue::ORGAN_HEAD),
        [kind, head] => head.cue(cue::MINISTRY_HEAD) && kind.cue(cue::MINISTRY_KIND),
        _ => false,
    };
    if !organ {
        return None;
    }
    let ci = p.clause_of.get(c.start).copied()?;
    if p.clauses[ci].subject != Some(chunk) {
        return None;
    }
    let (role, para) = discourse.last_subject.as_ref().filter(|_| discourse.last_subject_spoke)?;
    (discourse.paragraph.saturating_sub(*para) <= 1
        && matches!(role.entry.kind, ActorKind::State | ActorKind::Territory))
    .then_some(role.entry)
}

/// Records the actors and head nouns of a sentence for later descriptions.
pub fn remember<'g>(p: &Parsed<'_, 'g>, discourse: &mut Discourse<'g>) {
    let paragraph = p.sentence.paragraph;
    for c in &p.chunks {
        let Some(entry) = c.actor else { continue };
        if c.modifier || c.possessive && c.end == c.start {
            continue;
        }
        discourse.recent.retain(|(e, _, _)| e.code != entry.code);
        discourse.recent.push((entry, c.sector, paragraph));
        if discourse.recent.len() > MEMORY {
            discourse.recent.remove(0);
        }
        if matches!(entry.kind, ActorKind::State | ActorKind::Territory)
            && let Some(key) = title_key(p, c.start, c.end)
        {
            discourse.titles.retain(|(k, e, _)| !(*k == key && e.code == entry.code));
            discourse.titles.push((key, entry, paragraph));
            if discourse.titles.len() > MEMORY {
                discourse.titles.remove(0);
            }
        }
        let head = p.tokens[c.end.saturating_sub(1)].lower.to_string();
        let is_head_noun = p.tokens[c.end.saturating_sub(1)].info.is_some_and(|i| i.agent.is_some());
        if is_head_noun && c.end > c.start + 1 {
            discourse.heads.retain(|(h, _, _)| *h != head);
            discourse.heads.push((head, entry, paragraph));
            if discourse.heads.len() > MEMORY {
                discourse.heads.remove(0);
            }
        }
    }
}
