//! Who did it, to whom, and where.
//!
//! **Actor.** Active verbs take the subject of their clause: the first actor phrase before
//! the verb that is not inside a prepositional phrase. Clauses without a subject borrow
//! one: a coordinated verb from the clause before ("... has joined sanctions and provided
//! aid"), a participial clause from the main clause (", urging Moscow to halt ..."), a
//! relative clause from its antecedent, an infinitive from its controller ("urged Moscow
//! to halt": Moscow; "agreed to share": the subject), a subjectless complement from the
//! speaker ("hinted that arming Ukraine ..."). Passive verbs take the "by" phrase and make
//! the subject their target ("Kyiv was attacked by Russian drones" -> RUS attacks UKR).
//! Nominal triggers take only an actor of their own: a possessor ("North Korea's troop
//! deployment"), a demonym modifier ("Russian air strikes"), a "by" phrase, or for
//! deployments and withdrawals the forces in the "of" phrase. Pronouns resolve to the
//! speaker of a governing clause, the last subject, or (he/she) the last named person in
//! the paragraph.
//!
//! **Compound actors.** A coordinated group ("South Korea and Japan", "U.S. and Ukrainian
//! officials") yields one event per member: the project's chosen convention, so every
//! event has exactly one actor code and relation queries stay simple. For symmetric kinds
//! (met, clashed, signed a treaty) the members become each other's targets.
//!
//! **Target.** The first phrase after the trigger in its clause that sits in a target slot
//! for the kind: a direct object, or after a kind-specific preposition ("sanctions against",
//! "aid to", "treaty with", "withdrew from").
//!
//! **Location.** A place after "in/at/near/outside ..." in the clause (after "to/into" for a
//! deployment); otherwise, for physical kinds, the target's country.

use geoevents_domain::{Kind, Place, Sector};

use super::clauses::{ClauseKind, in_prepositional_phrase};
use super::lexicon::{Fixed, cue, func};
use super::parsed::Parsed;
use super::phrases::{Pronoun, is_verb_like};
use super::tokens::{TokenKind, fixed_at};
use super::triggers::Trigger;
use crate::gazetteer::{ActorEntry, Gazetteer, PlaceEntry};

pub use super::parsed::Surface;

/// A resolved role filler.
#[derive(Debug, Clone)]
pub struct Role<'g> {
    /// The registry entry.
    pub entry: &'g ActorEntry,
    /// The sector the phrase implies.
    pub sector: Option<Sector>,
    /// The words of the article that named it.
    pub surface: Surface<'g>,
    /// The phrase in the sentence, when it is in this sentence.
    pub chunk: Option<usize>,
    /// Borrowed from another clause, a pronoun or an earlier sentence.
    pub inherited: bool,
    /// A named person.
    pub person: bool,
}

impl<'g> Role<'g> {
    /// A party the text implies rather than names in the phrase at hand (the country of a
    /// place, the author of an event referred to): registry name as surface, no phrase.
    pub fn inferred(entry: &'g ActorEntry, sector: Option<Sector>) -> Self {
        Role {
            entry,
            sector,
            surface: Surface::Name(&entry.name),
            chunk: None,
            inherited: true,
            person: false,
        }
    }
}

/// What earlier sentences contribute: the last named person and the last subject.
#[derive(Debug, Clone, Default)]
pub struct Discourse<'g> {
    /// The last named person with a country, and the paragraph it was in.
    pub last_person: Option<(Role<'g>, usize)>,
    /// The last resolved main-clause subject, and its paragraph.
    pub last_subject: Option<(Role<'g>, usize)>,
    /// Whether that subject was speaking ("Finland said ..."): the government a later
    /// "the government" most likely refers to ([`super::anaphora`]).
    pub last_subject_spoke: bool,
    /// The last main-clause subject when it was a coordinated group of actors ("Brazil and
    /// Colombia"), for a "they" in the next sentence.
    pub last_subjects: Option<(Vec<Role<'g>>, usize)>,
    /// Titles held by a state's people or organs ("foreign minister" of "Mali's Foreign
    /// Minister"), most recent last, with the state and paragraph ([`super::anaphora`]).
    pub titles: Vec<(String, &'g ActorEntry, usize)>,
    /// The last actors named, most recent last, with the sector and paragraph of the
    /// mention ([`super::anaphora`]).
    pub recent: Vec<(&'g ActorEntry, Option<Sector>, usize)>,
    /// Head nouns of the last actor phrases ("delegation" of "a U.S. delegation"), for "the
    /// delegation" later.
    pub heads: Vec<(String, &'g ActorEntry, usize)>,
    /// The paragraph whose last sentence was commentary ([`super::commentary`]), if the
    /// sentence before the current one was.
    pub commentary: Option<usize>,
    /// The two sides of the story's last dealing ("a ceasefire between Peru and Chile",
    /// "Peru and Chile signed a treaty"), with the paragraph it was told in: whom "both
    /// sides" and a mediator with no party named refer to.
    pub sides: Option<([&'g ActorEntry; 2], usize)>,
    /// The current paragraph.
    pub paragraph: usize,
}

impl<'g> Discourse<'g> {
    /// The sides of the last dealing, when told in this paragraph or the eight before.
    pub fn sides_in_view(&self) -> Option<[&'g ActorEntry; 2]> {
        self.sides.filter(|(_, para)| self.paragraph.saturating_sub(*para) <= 8).map(|(pair, _)| pair)
    }
}

/// Roles of one trigger.
#[derive(Debug, Clone, Default)]
pub struct Assigned<'g> {
    /// One entry per actor (compound actors give several).
    pub actors: Vec<Role<'g>>,
    /// The target.
    pub target: Option<Role<'g>>,
    /// The target phrase, when in this sentence.
    pub target_chunk: Option<usize>,
    /// Further parties of a coordinated or paired target phrase ("urged Israel and Hamas",
    /// "the leaders of both countries"): each is the target of an event of its own.
    pub extra_targets: Vec<Role<'g>>,
    /// Where.
    pub location: Option<Place>,
    /// Tokens between the actor phrase and the trigger (0 when inherited or absent).
    pub actor_distance: usize,
    /// The subject is a phrase that names no one ("gunmen", "militants"): the actor is
    /// unknown rather than missing.
    pub unnamed_subject: bool,
    /// The subject is a crowd: protesters, demonstrators, rioters.
    pub subject_protesters: bool,
}

/// Resolves a phrase to roles: every member of its group, pronouns resolved.
pub fn resolve_chunk<'g>(
    p: &Parsed<'_, 'g>,
    chunk: usize,
    discourse: &Discourse<'g>,
    gazetteer: &'g Gazetteer,
) -> Vec<Role<'g>> {
    let c = &p.chunks[chunk];
    if let Some(pair) = pair_reference(p, chunk, discourse) {
        return pair;
    }
    // "the foreign ministers of both countries": people of a pair act for each of them.
    if let Some(next) = p.pair_owning(chunk)
        && let Some(pair) = pair_reference(p, next, discourse)
    {
        return pair.into_iter().map(|r| Role { sector: c.sector, chunk: Some(chunk), ..r }).collect();
    }
    if let Some(pronoun) = c.pronoun {
        // "Brazil and Colombia ... said they regretted": "they" is every member.
        if pronoun == Pronoun::They
            && let Some(group) = plural_antecedent(p, chunk, discourse, gazetteer)
        {
            return group;
        }
        return resolve_pronoun(p, chunk, pronoun, discourse, gazetteer).into_iter().collect();
    }
    // "its citizens", "their forces": the possessor's people.
    if c.actor.is_none()
        && c.place.is_none()
        && c.start > 0
        && matches!(p.tokens[c.start - 1].lower.as_ref(), "its" | "their")
    {
        return resolve_pronoun(p, chunk, Pronoun::It, discourse, gazetteer)
            .map(|r| Role { sector: c.sector, surface: p.chunk_surface(chunk), chunk: Some(chunk), ..r })
            .into_iter()
            .collect();
    }
    let mut roles = Vec::new();
    let clause = p.clause_of.get(c.start).copied();
    let members = p.group(chunk);
    for &member in &members {
        let m = &p.chunks[member];
        // "South Korea, the United States and Japan held ...": a list of three or more whose
        // first member the comma cut off into a verbless stretch of its own.
        let own_clause = p.clause_of.get(m.start).copied();
        let listed = members.len() >= 3 && own_clause.is_some_and(|mc| p.clauses[mc].verb.is_none());
        if m.modifier || (m.possessive && member != chunk) || (own_clause != clause && !listed) {
            continue;
        }
        let entry = m.actor.or_else(|| m.place.and_then(|pl| gazetteer.actor(&pl.country)));
        if let Some(entry) = entry {
            roles.push(Role {
                entry,
                sector: m.sector,
                surface: p.chunk_surface(member),
                chunk: Some(member),
                inherited: false,
                person: m.person,
            });
        }
    }
    roles
}

/// "To Lam welcomed Putin in Hanoi, and the two sides signed 11 agreements", "both
/// countries" ([`Parsed::is_pair_phrase`]): the pair acted on in this sentence, else the
/// sides of the dealing in view, else the two parties last named, in this sentence first,
/// then in this paragraph or the one before.
fn pair_reference<'g>(p: &Parsed<'_, 'g>, chunk: usize, discourse: &Discourse<'g>) -> Option<Vec<Role<'g>>> {
    if !p.is_pair_phrase(chunk) {
        return None;
    }
    let c = &p.chunks[chunk];
    let states_only = p.tokens[c.start].cue(cue::STATE_PAIR);
    let fits = |e: &&'g ActorEntry| {
        !states_only
            || matches!(e.kind, crate::gazetteer::ActorKind::State | crate::gazetteer::ActorKind::Territory)
    };
    // Best: the subject of the nearest earlier clause and the party it acted on ("Hezbollah
    // began firing at Israel ... in support of its ally Hamas, and the two sides ...").
    let own_clause = p.clause_of.get(c.start).copied().unwrap_or(0);
    let acted = (0..own_clause).rev().find_map(|ci| {
        let cl = &p.clauses[ci];
        let s = cl.subject?;
        let first = p.chunks[s].actor.filter(fits)?;
        let other = (s + 1..chunk)
            .filter(|&j| {
                let o = &p.chunks[j];
                // "announced in Pretoria": a place the subject spoke in is not acted on.
                let located =
                    o.place.is_some() && o.start.checked_sub(1).is_some_and(|k| p.tokens[k].is("in"));
                !o.modifier
                    && !located
                    && o.start < cl.end
                    && o.start >= cl.start
                    && o.group != p.chunks[s].group
            })
            .filter_map(|j| p.chunks[j].actor)
            .filter(fits)
            .find(|o| o.code != first.code)?;
        Some(vec![first, other])
    });
    let mut found: Vec<&'g ActorEntry> = Vec::new();
    // Members of a compound phrase ("Brazil and Colombia condemned ..., and the United States
    // urged the two countries") are a group of their own, not the pair.
    let own_start = p.clauses[own_clause].start;
    let here = (0..chunk)
        .rev()
        .filter(|&j| {
            !p.chunks[j].modifier
                && p.group(j).len() < 2
                && p.chunks[j].start < own_start
                // The one speaking of "the two sides" is not one of them.
                && !p.clauses.iter().any(|cl| cl.subject == Some(j))
        })
        .filter_map(|j| p.chunks[j].actor);
    let earlier = discourse
        .recent
        .iter()
        .rev()
        .filter(|(_, _, para)| discourse.paragraph.saturating_sub(*para) <= 1)
        .map(|(e, _, _)| *e);
    // Next: the sides of the dealing the story is about, before whoever else was named
    // since (the venue, the mediator, the one reporting it).
    let sides = discourse.sides_in_view().filter(|pair| pair.iter().all(&fits));
    let candidates: Vec<&'g ActorEntry> = match (acted, sides) {
        (Some(pair), _) => pair.into_iter().rev().collect(),
        (None, Some(pair)) => pair.into_iter().rev().collect(),
        (None, None) => here.chain(earlier).filter(fits).collect(),
    };
    for entry in candidates {
        if !found.iter().any(|f| f.code == entry.code) {
            found.push(entry);
        }
        if found.len() == 2 {
            break;
        }
    }
    (found.len() == 2).then(|| {
        found
            .into_iter()
            .rev()
            .map(|entry| Role {
                entry,
                sector: c.sector,
                surface: Surface::Name(&entry.name),
                chunk: Some(chunk),
                inherited: true,
                person: false,
            })
            .collect()
    })
}

/// The antecedent of "they" when it is a coordinated group: the subject of the clause the
/// pronoun's clause depends on, or of the nearest main clause before it, or the last
/// sentence's subject group. `None` when the antecedent is a single actor.
fn plural_antecedent<'g>(
    p: &Parsed<'_, 'g>,
    chunk: usize,
    discourse: &Discourse<'g>,
    gazetteer: &'g Gazetteer,
) -> Option<Vec<Role<'g>>> {
    let start = p.chunks[chunk].start;
    let clause = p.clause_of.get(start).copied()?;
    let mut candidates = Vec::new();
    if let Some(parent) = p.clauses[clause].parent {
        candidates.extend(clause_subject(p, parent, start).map(|(s, _)| s));
    }
    candidates.extend(
        (0..clause)
            .rev()
            .filter_map(|ci| p.clauses[ci].subject)
            .filter(|&s| p.chunks[s].start < start)
            .take(1),
    );
    for s in candidates {
        if s == chunk || p.chunks[s].pronoun.is_some() {
            continue;
        }
        let roles = resolve_chunk(p, s, discourse, gazetteer);
        if roles.is_empty() {
            continue;
        }
        return (roles.len() >= 2)
            .then(|| roles.into_iter().map(|r| Role { inherited: true, ..r }).collect());
    }
    let sentence_has_subject = (0..chunk).any(|i| p.chunks[i].agentive && p.chunks[i].actor.is_some());
    match &discourse.last_subjects {
        Some((roles, para)) if !sentence_has_subject && discourse.paragraph.saturating_sub(*para) <= 1 => {
            Some(roles.iter().map(|r| Role { inherited: true, ..r.clone() }).collect())
        }
        _ => None,
    }
}

fn resolve_pronoun<'g>(
    p: &Parsed<'_, 'g>,
    chunk: usize,
    pronoun: Pronoun,
    discourse: &Discourse<'g>,
    gazetteer: &'g Gazetteer,
) -> Option<Role<'g>> {
    let start = p.chunks[chunk].start;
    let inherit = |mut r: Role<'g>| {
        r.inherited = true;
        r
    };
    match pronoun {
        Pronoun::Person => {
            let here = (0..chunk).rev().find(|&i| p.chunks[i].person && p.chunks[i].actor.is_some());
            if let Some(i) = here {
                return resolve_chunk(p, i, discourse, gazetteer).into_iter().next().map(inherit);
            }
            discourse
                .last_person
                .as_ref()
                .filter(|(_, para)| discourse.paragraph.saturating_sub(*para) <= 1)
                .map(|(r, _)| inherit(r.clone()))
        }
        Pronoun::It | Pronoun::They | Pronoun::Speaker => {
            let clause = p.clause_of.get(start).copied().unwrap_or(0);
            // A possessive or object pronoun belongs to its clause's subject: "Pakistan ...
            // has urged its citizens".
            if p.clauses[clause].subject != Some(chunk)
                && let Some((s, _)) = clause_subject(p, clause, start)
                && s != chunk
                && p.chunks[s].pronoun.is_none()
                && let Some(r) = resolve_chunk(p, s, discourse, gazetteer).into_iter().next()
            {
                return Some(inherit(r));
            }
            // The speaker of the clause this one depends on: "Syria says it is willing".
            if let Some(parent) = p.clauses[clause].parent
                && let Some(s) = p.clauses[parent].subject
                && s != chunk
                && p.chunks[s].pronoun.is_none()
                && p.chunks[s].start < start
            {
                if let Some(r) = resolve_chunk(p, s, discourse, gazetteer).into_iter().next() {
                    return Some(inherit(r));
                }
                // "The Tuareg-led rebel alliance said it had killed 47 soldiers": a speaker
                // the gazetteer cannot name is still the speaker, not an actor named before.
                // (A state organ named without its state, "the foreign ministry", is left to
                // the rules below: in wire copy it is the state told of before.)
                if pronoun == Pronoun::It
                    && p.chunks[s].actor.is_none()
                    && matches!(
                        p.chunks[s].sector,
                        Some(Sector::Rebels | Sector::Opposition | Sector::Civilians | Sector::Media)
                    )
                {
                    return None;
                }
            }
            // Otherwise the nearest earlier clause subject in the sentence ("Leaders of the
            // G7 agreed to provide Ukraine with a loan as they opened a summit": the
            // leaders, not Ukraine), then any earlier resolved subject-like phrase.
            let is_subject = |i: usize| p.clauses.iter().any(|cl| cl.subject == Some(i));
            let subject_like = |i: &usize| {
                let c = &p.chunks[*i];
                c.actor.is_some() && c.agentive && !in_prepositional_phrase(&p.tokens, c.start)
            };
            let earlier = (0..chunk)
                .rev()
                .filter(subject_like)
                .find(|&i| is_subject(i))
                .or_else(|| (0..chunk).rev().find(subject_like));
            if let Some(i) = earlier {
                return resolve_chunk(p, i, discourse, gazetteer).into_iter().next().map(inherit);
            }
            if pronoun == Pronoun::Speaker {
                // "\"We will never recognise the annexation,\" Zelensky said": the speaker
                // the sentence closes with.
                if p.tokens.first().is_some_and(|t| t.kind == TokenKind::Quote)
                    && let Some(c) = super::attribution::sentence_source(p)
                        .filter(|src| src.start > start)
                        .and_then(|src| src.chunk)
                    && p.chunks[c].pronoun.is_none()
                    && let Some(r) = resolve_chunk(p, c, discourse, gazetteer).into_iter().next()
                {
                    return Some(inherit(r));
                }
                return discourse.last_person.as_ref().map(|(r, _)| inherit(r.clone()));
            }
            discourse
                .last_subject
                .as_ref()
                .filter(|(_, para)| discourse.paragraph.saturating_sub(*para) <= 1)
                .map(|(r, _)| inherit(r.clone()))
        }
    }
}

/// A verbless stretch after the first clause that opens with a determiner ("Pakistan, a key
/// ally, has refused"): an appositive, whose phrase is no subject.
fn is_appositive(p: &Parsed<'_, '_>, j: usize) -> bool {
    let c = &p.clauses[j];
    c.verb.is_none()
        && j > 0
        && p.tokens.get(c.start).is_some_and(|t| t.info.is_some_and(|i| i.flags & func::DET != 0))
}

/// A relative clause, or a comma-opened stretch starting with a relative pronoun.
fn is_relative_clause(p: &Parsed<'_, '_>, c: &super::clauses::Clause) -> bool {
    c.kind == ClauseKind::Relative
        || p.tokens
            .get(c.start)
            .is_some_and(|t| matches!(t.lower.as_ref(), "who" | "whose" | "whom" | "which" | "where"))
}

/// The antecedent of a relative clause: the phrase right before its pronoun.
fn relative_antecedent(p: &Parsed<'_, '_>, clause: &super::clauses::Clause) -> Option<(usize, bool)> {
    // The antecedent right before the relative pronoun.
    let mut k = clause.start;
    while k > 0 && (p.tokens[k - 1].text == "," || p.tokens[k - 1].kind == TokenKind::Quote) {
        k -= 1;
    }
    let comma = k < clause.start;
    // "an air strike on Iran's embassy in Damascus that killed seven": a phrase
    // after a preposition is where or whom, not who; the antecedent is the noun it
    // hangs on. But "the deal with China, which brokered it": a party set off by
    // a comma after "with", "by", "to" or "from" is who.
    k.checked_sub(1)
        .and_then(|k| p.chunk_of[k])
        .filter(|&c| p.chunks[c].agentive)
        .filter(|&c| {
            let start = p.chunks[c].start;
            let prep = start.checked_sub(1).map(|k| &p.tokens[k]);
            let party = comma
                && p.chunks[c].actor.is_some()
                && prep.is_some_and(|t| matches!(t.lower.as_ref(), "with" | "by" | "to" | "from"));
            party || !prep.is_some_and(|t| t.info.is_some_and(|i| i.flags & func::PREP != 0) && !t.is("of"))
        })
        .map(|c| (c, true))
}

/// The subject phrase of clause `ci`, borrowed through the clause structure when the
/// clause has none of its own. `before` limits an own subject to phrases before a token.
pub fn clause_subject(p: &Parsed<'_, '_>, ci: usize, before: usize) -> Option<(usize, bool)> {
    let mut current = ci;
    let mut inherited = false;
    for _ in 0..8 {
        let clause = &p.clauses[current];
        if let Some(s) = clause.subject
            && (p.chunks[s].start < before || inherited)
        {
            return Some((s, inherited));
        }
        let next = match clause.kind {
            ClauseKind::Coordinated => {
                // ", which Phnom Penh denied, and recalled ...": an aside's subject is not the
                // coordinated verb's.
                let previous = (0..current).rev().find(|&j| {
                    let c = &p.clauses[j];
                    !is_appositive(p, j)
                        && !is_relative_clause(p, c)
                        && (c.subject.is_some() || !matches!(c.kind, ClauseKind::Fragment))
                });
                // "told reporters the Chinese had acted like pirates and demanded that they
                // return the weapons", "said the EU was shooting itself in the foot and warned
                // that Moscow would respond": a reporting, directing, threatening, promising
                // or refusing verb coordinated after a reported clause goes with the reporter.
                let reporting =
                    clause.verb.and_then(|v| p.tokens[v].info).and_then(|i| i.verb).is_some_and(|(l, _)| {
                        use super::lexicon::Control;
                        matches!(
                            super::lexicon::lemma(l).control,
                            Some(
                                Control::Speech
                                    | Control::Direct
                                    | Control::Threaten
                                    | Control::Commit
                                    | Control::Refuse
                            )
                        )
                    });
                match previous {
                    Some(j) if reporting && p.clauses[j].kind == ClauseKind::Complement => {
                        p.clauses[j].parent.or(Some(j))
                    }
                    other => other,
                }
            }
            ClauseKind::Participial => clause.parent,
            // "the deal with China, which brokered it": a comma-opened relative clause.
            ClauseKind::Fragment if is_relative_clause(p, clause) && clause.verb.is_some() => {
                return relative_antecedent(p, clause);
            }
            ClauseKind::Fragment => {
                // After an appositive: "Pakistan, a key U.S. ally, has refused ...".
                let starts_with_verb = clause.verb == Some(clause.start)
                    || p.tokens
                        .get(clause.start)
                        .is_some_and(|t| t.info.is_some_and(|i| i.flags & func::AUX != 0));
                if !starts_with_verb {
                    return None;
                }
                // Skip appositives (verbless stretches that open with a determiner) and
                // relative clauses: "Brazil and Colombia, whose presidents have sought to
                // mediate, said ...".
                (0..current).rev().find(|&j| {
                    let c = &p.clauses[j];
                    // "Mali's army, which has worked with Russian forces since French troops
                    // left the country, carried out ...": a clause inside a relative one too.
                    let mut inside = false;
                    let mut up = c.parent;
                    for _ in 0..4 {
                        let Some(u) = up else { break };
                        if is_relative_clause(p, &p.clauses[u]) {
                            inside = true;
                            break;
                        }
                        up = p.clauses[u].parent;
                    }
                    // "The ELN, known as rebels, attacked ...", "Peru, as Chile watched,
                    // attacked ...": a subordinate clause's subject acts in that clause only.
                    let subordinate = matches!(
                        c.kind,
                        ClauseKind::Adverbial
                            | ClauseKind::Conditional
                            | ClauseKind::Unless
                            | ClauseKind::Concessive
                            | ClauseKind::Whether
                    );
                    c.subject.is_some()
                        && !is_appositive(p, j)
                        && !is_relative_clause(p, c)
                        && !inside
                        && !subordinate
                })
            }
            ClauseKind::Relative => return relative_antecedent(p, clause),
            // "Pakistan said the strikes killed 26 civilians": a complement with a subject
            // of its own that names no one does not borrow the speaker.
            // A verb coordinated after such a complement goes with the speaker: "Pakistan
            // said the strikes killed 26 civilians and vowed to retaliate".
            ClauseKind::Complement if nominal_subject(p, clause) && !inherited => return None,
            ClauseKind::Complement => clause.parent,
            _ => None,
        };
        match next {
            Some(n) if n != current => {
                current = n;
                inherited = true;
            }
            _ => return None,
        }
    }
    None
}

/// Whether a clause opens with a determined noun phrase before its verb ("the strikes
/// killed", "this development has alarmed"): a subject that is no actor. A gerund subject
/// ("arming Ukraine could become an option") is not one: its doer is the speaker.
fn nominal_subject(p: &Parsed<'_, '_>, clause: &super::clauses::Clause) -> bool {
    let Some(verb) = clause.verb else { return false };
    let mut k = clause.start;
    if p.tokens.get(k).is_some_and(|t| t.is("that")) {
        k += 1;
    }
    let determiner = p.tokens.get(k).is_some_and(|t| {
        matches!(t.lower.as_ref(), "the" | "a" | "an" | "this" | "these" | "that" | "those" | "any" | "such")
    });
    determiner && k + 1 < clause.end.min(verb.max(k + 2)) && p.chunk_of[k + 1].is_none()
}

/// Assigns actor(s), target and location to a trigger.
pub fn assign<'g>(
    p: &Parsed<'_, 'g>,
    trigger: &Trigger,
    inner_target: Option<(Option<Role<'g>>, Option<usize>)>,
    discourse: &Discourse<'g>,
    gazetteer: &'g Gazetteer,
) -> Assigned<'g> {
    let mut out = Assigned::default();
    let actor_chunk = assign_actors(p, trigger, discourse, gazetteer, &mut out);
    let actor_group = actor_chunk.map(|c| p.chunks[c].group);
    assign_target(p, trigger, inner_target, actor_group, discourse, gazetteer, &mut out);
    // Nominal "clashes between A and B" / "talks between A and B".
    if out.actors.is_empty()
        && let Some(first) = between_group(p, trigger)
    {
        out.actors = resolve_chunk(p, first, discourse, gazetteer);
        if out.target_chunk.is_some_and(|t| p.chunks[t].group == p.chunks[first].group) {
            out.target = None;
            out.extra_targets.clear();
            out.target_chunk = None;
        }
    }
    // Symmetric kinds with a compound actor keep the list: members target each other when
    // the events are built.
    place_roles(p, trigger, actor_chunk, gazetteer, &mut out);
    out
}

/// The actor phrase and every party it names (pronouns resolved, the tree's conjuncts
/// added); whether the subject names no one or is a crowd of protesters.
fn assign_actors<'g>(
    p: &Parsed<'_, 'g>,
    trigger: &Trigger,
    discourse: &Discourse<'g>,
    gazetteer: &'g Gazetteer,
    out: &mut Assigned<'g>,
) -> Option<usize> {
    let anchor = trigger.anchor;
    let (actor_chunk, inherited) = actor_chunk(p, trigger);
    let c = actor_chunk?;
    let chunk = &p.chunks[c];
    out.unnamed_subject = chunk.actor.is_none()
        && chunk.pronoun.is_none()
        && chunk.place.is_none()
        && matches!(chunk.sector, Some(Sector::Rebels) | None);
    out.subject_protesters = !inherited
        && (chunk.start..chunk.end)
            .any(|k| p.tokens[k].info.is_some_and(|i| i.classes & super::lexicon::class::PROTESTER != 0));
    let mut roles = resolve_chunk(p, c, discourse, gazetteer);
    // "Chile, Argentina and their allies including Brazil and Uruguay condemned ...":
    // every party of the coordination, as the tree groups it.
    for other in tree_conjuncts(p, c, anchor) {
        for role in resolve_chunk(p, other, discourse, gazetteer) {
            if roles.iter().all(|r| r.entry.code != role.entry.code) {
                roles.push(role);
            }
        }
    }
    for r in &mut roles {
        r.inherited |= inherited;
    }
    out.actor_distance = if inherited { 0 } else { anchor.abs_diff(p.chunks[c].end) };
    out.actors = roles;
    Some(c)
}

/// The target: a control's hint, a passive verb's subject, the target of the event a
/// control was made from, else the phrase [`find_target`] picks; every party of it.
fn assign_target<'g>(
    p: &Parsed<'_, 'g>,
    trigger: &Trigger,
    inner_target: Option<(Option<Role<'g>>, Option<usize>)>,
    actor_group: Option<usize>,
    discourse: &Discourse<'g>,
    gazetteer: &'g Gazetteer,
    out: &mut Assigned<'g>,
) {
    let mut target_chunk = trigger.target_hint;
    if target_chunk.is_none() && trigger.passive {
        target_chunk = passive_subject(p, trigger, actor_group);
    }
    if target_chunk.is_none() {
        if let Some((role, chunk)) = inner_target
            && role.is_some()
        {
            out.target = role;
            out.target_chunk = chunk;
        } else {
            target_chunk = find_target(p, trigger, actor_group);
        }
    }
    let Some(tc) = target_chunk else { return };
    let mut resolved = resolve_chunk(p, tc, discourse, gazetteer).into_iter();
    out.target = resolved.next();
    out.extra_targets = resolved.collect();
    out.target_chunk = Some(tc);
    if out.target.is_none() {
        out.target = domestic_target(p, tc, out.actors.first(), gazetteer);
    }
}

/// A target phrase with no country of its own, read as the actor's country: "Kobakhidze
/// accused the opposition", "the army attacked rebels" (a domestic group of a state
/// actor's country); "Opposition groups in Zimbabwe demand that President Mugabe ..." (a
/// leader or official named by title, of a domestic actor's country).
fn domestic_target<'g>(
    p: &Parsed<'_, 'g>,
    tc: usize,
    actor: Option<&Role<'g>>,
    gazetteer: &'g Gazetteer,
) -> Option<Role<'g>> {
    let c = &p.chunks[tc];
    let actor = actor?;
    if c.actor.is_some() || c.pronoun.is_some() {
        return None;
    }
    let titled = matches!(c.sector, Some(Sector::Leader | Sector::Government));
    let domestic_group = matches!(c.sector, Some(Sector::Opposition | Sector::Rebels));
    let role = |entry, person| Role {
        entry,
        sector: c.sector,
        surface: p.chunk_surface(tc),
        chunk: Some(tc),
        inherited: true,
        person,
    };
    if domestic_group
        && matches!(actor.entry.kind, crate::gazetteer::ActorKind::State)
        && let Some(entry) = gazetteer.actor(&actor.entry.code)
    {
        return Some(role(entry, false));
    }
    if titled
        && matches!(
            actor.sector,
            Some(
                Sector::Opposition
                    | Sector::Rebels
                    | Sector::Civilians
                    | Sector::Judiciary
                    | Sector::Police
                    | Sector::Legislature
            )
        )
        && let Some(country) = &actor.entry.country
        && let Some(entry) = gazetteer.actor(country)
    {
        return Some(role(entry, true));
    }
    None
}

/// The place, and what it says of the parties: an organ named without its country acts
/// where the event happens; the place's country is the target of violence, criticism,
/// demands and repression there (not of a border's other side, nor of parties acting on
/// each other); it is the actor of kinds whose actor is the place's people.
fn place_roles<'g>(
    p: &Parsed<'_, 'g>,
    trigger: &Trigger,
    actor_chunk: Option<usize>,
    gazetteer: &'g Gazetteer,
    out: &mut Assigned<'g>,
) {
    let (place, explicit_place, at_border) = location(p, trigger, out, gazetteer);
    out.location = place;
    let country_entry = || {
        let country = out.location.as_ref()?.country.as_ref()?;
        gazetteer.actor(country)
    };
    // "The military government ... declared a state of siege in Haiti": an organ named
    // without its country acts where the event happens.
    if out.actors.is_empty()
        && let Some(c) = actor_chunk
        && p.chunks[c].actor.is_none()
        && p.chunks[c].pronoun.is_none()
        && matches!(
            p.chunks[c].sector,
            Some(
                Sector::Government
                    | Sector::Military
                    | Sector::Police
                    | Sector::Judiciary
                    | Sector::Legislature
            )
        )
        && explicit_place
        && let Some(entry) = country_entry()
    {
        out.actors.push(Role {
            entry,
            sector: p.chunks[c].sector,
            surface: p.chunk_surface(c),
            chunk: Some(c),
            inherited: true,
            person: false,
        });
    }
    let place_is_target = trigger.flags.in_target
        || is_physical(trigger.kind)
        || matches!(trigger.kind, Kind::Criticism | Kind::Investigation | Kind::Demand);
    let domestic = matches!(trigger.kind, Kind::Concession | Kind::Coercion) || trigger.flags.in_target;
    // "killed 23 soldiers in an ambush near the border with Mali": a border names the
    // neighbour, not the side the event was on.
    let posture =
        matches!(trigger.kind, Kind::TroopDeployment | Kind::MilitaryAlert | Kind::MilitaryExercise);
    // "Peru and Chile held talks in the Bolivian city of La Paz": parties that act on each
    // other are each other's targets, not the host's.
    let mutual = trigger.flags.sym && out.actors.len() >= 2;
    if out.target.is_none()
        && place_is_target
        && !mutual
        && (!at_border || posture)
        && let Some(entry) = country_entry()
        && out.actors.first().is_none_or(|a| a.entry.code != entry.code || domestic)
    {
        out.target = Some(Role::inferred(entry, None));
    }
    if out.actors.is_empty()
        && trigger.flags.locactor
        && let Some(entry) = country_entry()
    {
        out.actors.push(Role::inferred(entry, Some(Sector::Civilians)));
    }
}

/// Kinds whose events happen somewhere physical.
pub fn is_physical(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::TroopDeployment
            | Kind::Attack
            | Kind::ArmedClash
            | Kind::Coercion
            | Kind::MilitaryAid
            | Kind::HumanitarianAid
            | Kind::EconomicAid
            | Kind::Concession
            | Kind::Withdrawal
            | Kind::Protest
    )
}

/// For a gerund in the "of" phrase of an accusation ("accused Kyiv of supporting
/// terrorism", "blamed Moscow for shelling the plant", "of escalating ... by supplying"),
/// the accused phrase: `Some(None)` when the accused is no phrase the registry can name
/// ("accused the West of ...").
pub fn accused_party(p: &Parsed<'_, '_>, anchor: usize) -> Option<Option<usize>> {
    let is_ing =
        p.tokens[anchor].info.and_then(|i| i.verb).is_some_and(|(_, f)| f == super::lexicon::VerbForm::Ing);
    if !is_ing {
        return None;
    }
    let start = p.clause_start(anchor);
    let of = (start..anchor).rev().take(12).find(|&k| p.tokens[k].is("of") || p.tokens[k].is("for"))?;
    let verb = (start..of).rev().take(6).find(|&k| p.tokens[k].cue(cue::ACCUSING))?;
    if of <= verb + 1 {
        return None;
    }
    Some((verb + 1..of).find_map(|k| p.chunk_of[k]).filter(|&c| p.chunks[c].pronoun.is_none()))
}

/// The phrase that names the actor, and whether it was borrowed from another clause.
fn actor_chunk(p: &Parsed<'_, '_>, trigger: &Trigger) -> (Option<usize>, bool) {
    if let Some(hint) = trigger.actor_hint {
        return (Some(hint), true);
    }
    if trigger.passive {
        return (passive_actor(p, trigger), false);
    }
    if trigger.nominal {
        return noun_actor(p, trigger);
    }
    verb_actor(p, trigger)
}

/// A passive verb's actor: its "by" agent, or, for forces moved ("2,500 U.S. Marines will
/// be deployed to Australia"), the forces' own state.
fn passive_actor(p: &Parsed<'_, '_>, trigger: &Trigger) -> Option<usize> {
    let anchor = trigger.anchor;
    if let Some(agent) = by_agent(p, anchor) {
        return Some(agent);
    }
    if !matches!(trigger.kind, Kind::TroopDeployment | Kind::Withdrawal) {
        return None;
    }
    let ci = p.clause_of.get(anchor).copied().unwrap_or(0);
    clause_subject(p, ci, anchor)
        .map(|(s, _)| s)
        .filter(|&s| p.chunks[s].sector == Some(Sector::Military) && p.chunks[s].actor.is_some())
}

/// A noun trigger's actor: its own ([`nominal_actor`]); for a meeting the subject comes
/// for or attends ("negotiators return to Geneva for talks", "during a visit to Italy"),
/// the clause subject; for protests, a subject that can protest.
fn noun_actor(p: &Parsed<'_, '_>, trigger: &Trigger) -> (Option<usize>, bool) {
    let anchor = trigger.anchor;
    let own = nominal_actor(p, trigger);
    if own.is_some() {
        return (own, false);
    }
    let ci = p.clause_of.get(anchor).copied().unwrap_or(0);
    let purpose_or_occasion = |k: usize| matches!(p.tokens[k].lower.as_ref(), "for" | "during" | "on");
    // "for talks", "during a visit", "for his first visit to North Korea".
    let occasion = (anchor.saturating_sub(4)..anchor)
        .rev()
        .take_while(|&k| {
            let t = &p.tokens[k];
            purpose_or_occasion(k)
                || t.info.is_some_and(|i| i.flags & (func::DET | func::POSS | func::ADVERB) != 0)
                || (t.kind == TokenKind::Word && !t.capitalised && t.info.is_none_or(|i| i.verb.is_none()))
        })
        .any(purpose_or_occasion);
    if trigger.kind == Kind::Meeting && occasion {
        if let Some((s, inherited)) = clause_subject(p, ci, anchor) {
            return (Some(s), inherited);
        }
        // "Putin arrived in Pyongyang before dawn for his first visit": a time clause
        // around the noun has the sentence's subject.
        if p.clauses[ci].kind == ClauseKind::Adverbial
            && let Some(parent) = p.clauses[ci].parent
            && let Some((s, _)) = clause_subject(p, parent, anchor)
        {
            return (Some(s), true);
        }
    }
    if trigger.kind == Kind::Protest {
        // "Palestinian youths ... during demonstrations against ...": protest-capable
        // subjects take part in the protests their clause mentions.
        if let Some((s, inherited)) = clause_subject(p, ci, anchor)
            && matches!(p.chunks[s].sector, Some(Sector::Civilians | Sector::Opposition))
        {
            return (Some(s), inherited);
        }
    }
    (None, false)
}

/// An active verb's actor: the one a causative verb makes act ("forced Israel to
/// withdraw"), the accused of what they are accused of, the phrase an -ing participle
/// follows, the owner of a decision noun, an infinitive's controller; else the clause
/// subject, and where the clause reading finds none, the tree's.
fn verb_actor(p: &Parsed<'_, '_>, trigger: &Trigger) -> (Option<usize>, bool) {
    let anchor = trigger.anchor;
    // "prompting China to impose a ban", "forced Israel to withdraw": after a causative
    // verb the one made to act is the actor of the infinitive.
    if trigger.infinitive
        && let Some(to) = (anchor.saturating_sub(3)..anchor).rev().find(|&k| p.tokens[k].is("to"))
        && let Some(c) = to.checked_sub(1).and_then(|k| p.chunk_of[k])
        && p.chunks[c].actor.is_some()
        && let Some(v) = p.chunks[c].start.checked_sub(1)
        && p.tokens[v].cue(cue::CAUSATIVE)
        && !p.tokens[v].capitalised
        && p.chunk_of[v].is_none()
    {
        return (Some(c), false);
    }
    // "accused the West of escalating the conflict by supplying missiles to Kyiv": what the
    // accused is said to have done is the accused's act.
    if let Some(accused) = accused_party(p, anchor) {
        return (accused, false);
    }
    // "demonstrators protesting election results", "troops firing on crowds": an -ing
    // participle right after a phrase has that phrase as its subject.
    let ing =
        p.tokens[anchor].info.and_then(|i| i.verb).is_some_and(|(_, f)| f == super::lexicon::VerbForm::Ing);
    // "issued a declaration demanding ...": the statement's author acts, not the statement.
    let after_statement = anchor > 0 && p.tokens[anchor - 1].cue(cue::DOCUMENT);
    if ing
        && !after_statement
        && anchor > 0
        && let Some(c) = p.chunk_of[anchor - 1]
        && p.chunks[c].agentive
        && p.clause(anchor).subject != Some(c)
        && (p.chunks[c].actor.is_none() || !in_prepositional_phrase(&p.tokens, p.chunks[c].start))
        && !trigger.infinitive
    {
        return (Some(c), false);
    }
    // "Israel's decision to withdraw", "the decision by Israel to withdraw": the noun's
    // owner acts; the clause subject only talks about it.
    if trigger.infinitive
        && let Some((_, owner)) = noun_complement(p, anchor)
    {
        return (owner, owner.is_some());
    }
    if trigger.infinitive
        && let Some(c) = infinitive_controller(p, anchor)
    {
        return (Some(c), true);
    }
    // "issued a statement condemning ...": a participle after a statement noun says what
    // the statement's author does; the author is the clause subject.
    if !after_statement && (gerund_of_noun(p, anchor) || active_participle_of_noun(p, anchor)) {
        return (None, false);
    }
    // The clause reading first: it knows speakers, controllers and antecedents the tree
    // leaves implicit. Where it finds no subject, the tree's (across an apposition or a
    // relative clause it cannot see past).
    let ci = p.clause_of.get(anchor).copied().unwrap_or(0);
    match clause_subject(p, ci, anchor) {
        Some((c, inherited)) => (Some(c), inherited),
        None => tree_subject(p, anchor).unwrap_or((None, false)),
    }
}

/// The phrase the dependency tree makes the subject of the predicate at `anchor`: its
/// `nsubj`, or the first conjunct's for a coordinated predicate.
/// The named parties the tree coordinates with phrase `chunk`, beyond the phrase's own
/// group: the conjuncts of its head, list members the parser took for appositions (only in
/// a list that has conjuncts), and the members an "including" phrase adds. A subject
/// before its verb is coordinated only with phrases before the verb too.
fn tree_conjuncts(p: &Parsed<'_, '_>, chunk: usize, anchor: usize) -> Vec<usize> {
    let c = &p.chunks[chunk];
    // Only a phrase next to a comma or a conjunction can be in a list; most are not, and
    // their sentence need not be parsed for this.
    let near = c.start.saturating_sub(2)..(c.end + 2).min(p.tokens.len());
    let listing = |k: usize| {
        let t = &p.tokens[k];
        (k < c.start || k >= c.end)
            && (t.info.is_some_and(|i| i.flags & func::CONJ != 0) || t.is("including") || t.text == ",")
    };
    if !near.clone().any(listing) {
        return Vec::new();
    }
    let Some(tree) = p.tree() else { return Vec::new() };
    let Some(mut first) = (c.start..c.end.min(p.tokens.len()))
        .rev()
        .find(|&k| tree.head(k).is_none_or(|h| h < c.start || h >= c.end))
    else {
        return Vec::new();
    };
    for _ in 0..8 {
        match tree.head(first) {
            Some(h) if tree.is(first, "conj") => first = h,
            Some(h) if tree.is(first, "appos") && tree.dependent(h, "conj").is_some() => first = h,
            _ => break,
        }
    }
    let mut members = vec![first];
    let mut i = 0;
    while i < members.len() && members.len() < 16 {
        let m = members[i];
        let listing = tree.dependent(m, "conj").is_some();
        for d in tree.dependents(m) {
            let including =
                tree.is(d, "nmod") && tree.dependent(d, "case").is_some_and(|k| p.tokens[k].is("including"));
            if (tree.is(d, "conj") || (listing && tree.is(d, "appos")) || including) && !members.contains(&d)
            {
                members.push(d);
            }
        }
        i += 1;
    }
    let own = p.group(chunk);
    let before = c.end <= anchor;
    let mut out: Vec<usize> = Vec::new();
    // A dash ends a dateline ("LIMA, Peru — ...") and sets off asides: nothing across one
    // is listed with the phrase.
    let across_dash = |k: usize| {
        let (from, to) = if k < c.start { (k, c.start) } else { (c.end, k) };
        (from..to).any(|j| matches!(p.tokens[j].text, "—" | "–" | "--"))
    };
    for k in members.into_iter().filter(|&k| (!before || k < anchor) && !across_dash(k)) {
        if let Some(other) = p.chunk_of.get(k).copied().flatten() {
            let ch = &p.chunks[other];
            if ch.actor.is_some()
                && !ch.modifier
                && !ch.possessive
                && !own.contains(&other)
                && !out.contains(&other)
            {
                out.push(other);
            }
        }
    }
    out
}

/// Whether the predicate at `anchor` heads a relative clause: the tree makes it an
/// `acl:relcl`, or its subject is a relative pronoun.
pub fn in_relative_clause(p: &Parsed<'_, '_>, anchor: usize) -> bool {
    // Without a subordinating word before it there is no relative clause to parse for.
    let subordinated = p.tokens[..anchor.min(p.tokens.len())]
        .iter()
        .any(|t| t.info.is_some_and(|i| i.flags & func::SUBORD != 0));
    if !subordinated {
        return false;
    }
    let Some(tree) = p.tree() else { return false };
    tree.is(anchor, "acl:relcl")
        || tree
            .subject(anchor)
            .is_some_and(|(s, _)| p.tokens[s].info.is_some_and(|i| i.flags & func::SUBORD != 0))
}

fn tree_subject(p: &Parsed<'_, '_>, anchor: usize) -> Option<(Option<usize>, bool)> {
    let tree = p.tree()?;
    let (mut subject, mut borrowed) = tree.subject(anchor)?;
    // "Oman, which has mediated between ...": a relative pronoun stands for the noun its
    // clause hangs on (`acl:relcl`, or, where the parser attached the clause loosely, the
    // word before the pronoun that the clause hangs on).
    if p.tokens[subject].info.is_some_and(|i| i.flags & func::SUBORD != 0)
        && let Some(verb) = tree.head(subject)
        && let Some(antecedent) = tree.head(verb)
        && (tree.is(verb, "acl:relcl") || antecedent < subject)
    {
        subject = antecedent;
        borrowed = true;
    }
    let c = p.chunk_of.get(subject).copied().flatten()?;
    Some((Some(c), borrowed))
}

/// "by X" after a passive verb.
fn by_agent(p: &Parsed<'_, '_>, anchor: usize) -> Option<usize> {
    let end = p.clause_end(anchor).min(anchor + 12);
    let mut k = anchor + 1;
    while k < end {
        // "spoke by phone with X": a means, not an agent.
        let means = p.tokens.get(k + 1).is_some_and(|t| t.cue(cue::MEANS_OF_TALK));
        if p.tokens[k].is("by") && !means {
            let mut j = k + 1;
            while j < end && p.tokens[j].info.is_some_and(|i| i.flags & func::DET != 0) {
                j += 1;
            }
            // Allow a couple of modifiers before the phrase: "by Burundian militiamen".
            for candidate in j..(j + 3).min(end) {
                if let Some(c) = p.chunk_of[candidate] {
                    return Some(c);
                }
            }
            return None;
        }
        k += 1;
    }
    None
}

/// The subject of a passive clause: its target.
fn passive_subject(p: &Parsed<'_, '_>, trigger: &Trigger, actor_group: Option<usize>) -> Option<usize> {
    // "a lunch hosted by the ambassador": a participle right after a noun modifies it.
    let anchor = trigger.anchor;
    let after_be =
        (anchor.saturating_sub(3)..anchor).any(|k| p.tokens[k].info.is_some_and(|i| i.flags & func::BE != 0));
    if !after_be && anchor > 0 {
        let prev = anchor - 1;
        return p.chunk_of[prev].filter(|&c| Some(p.chunks[c].group) != actor_group);
    }
    let ci = p.clause_of.get(trigger.anchor).copied().unwrap_or(0);
    if let Some((s, _)) = clause_subject(p, ci, trigger.anchor)
        && Some(p.chunks[s].group) != actor_group
    {
        return Some(s);
    }
    let start = p.clause_start(trigger.anchor);
    (start..trigger.anchor).filter_map(|k| p.chunk_of[k]).find(|&c| {
        let chunk = &p.chunks[c];
        (chunk.actor.is_some() || chunk.place.is_some())
            && !chunk.modifier
            && Some(chunk.group) != actor_group
    })
}

/// The actor of a nominal trigger: possessor, demonym modifier, "by" phrase or (for
/// deployments) the forces in its "of" phrase.
fn nominal_actor(p: &Parsed<'_, '_>, trigger: &Trigger) -> Option<usize> {
    let anchor = trigger.anchor;
    // Left: "North Korea's troop deployment", "Russian air strikes", "U.S. sanctions".
    let mut k = anchor;
    while k > 0 && anchor - k < 4 {
        k -= 1;
        if let Some(c) = p.chunk_of[k] {
            let chunk = &p.chunks[c];
            if chunk.actor.is_some() && !chunk.modifier {
                return Some(c);
            }
            return None;
        }
        let t = &p.tokens[k];
        if t.is_possessive() {
            continue;
        }
        if t.kind != TokenKind::Word || t.info.is_some_and(|i| i.flags & (func::DET | func::PREP) != 0) {
            break;
        }
    }
    // Right: "by X", or "of X forces" for deployments. The window reaches past an "of"
    // phrase and a target: "the ratification of the treaty with North Korea by Russia".
    let end = p.clause_end(anchor).min(anchor + 12);
    let mut k = anchor + 1;
    while k < end {
        let t = &p.tokens[k];
        if t.is("by") || (trigger.flags.ofagent && t.is("of")) {
            for j in k + 1..(k + 4).min(end) {
                if let Some(c) = p.chunk_of[j] {
                    let chunk = &p.chunks[c];
                    return (chunk.actor.is_some() && !chunk.modifier).then_some(c);
                }
            }
            return None;
        }
        // A verb ends the noun phrase: in "the ratification ... was welcomed by Kyiv" the
        // "by" phrase belongs to the verb.
        // So does a topic phrase, whose noun takes its own "by": "protest against the
        // violations by the security forces".
        if t.is_clause_punct()
            || matches!(t.lower.as_ref(), "against" | "over" | "about")
            || t.info.is_some_and(|i| i.flags & (func::SUBORD | func::AUX) != 0)
            || (p.chunk_of[k].is_none()
                && !t.capitalised
                && is_verb_like(t)
                && t.info.is_some_and(|i| i.noun.is_none()))
        {
            break;
        }
        k += 1;
    }
    None
}

/// An infinitive completing a noun of intention ("decision", "plan", "offer" to ...): the
/// noun's index and its owner, a possessor before it or a "by/of" phrase after it.
/// Whether the trigger's object is a reciprocal pronoun ("blamed each other", "met one
/// another"): two words of the `RECIPROCAL` cue side by side, ending the phrase.
pub fn reciprocal_object(p: &Parsed<'_, '_>, anchor: usize) -> bool {
    let reciprocal = |k: usize| p.tokens.get(k).is_some_and(|t| t.cue(cue::RECIPROCAL));
    let end = p.clause_end(anchor).min(anchor + 6);
    (anchor + 1..end).any(|k| {
        reciprocal(k)
            && reciprocal(k + 1)
            && p.tokens
                .get(k + 2)
                .is_none_or(|t| t.kind != TokenKind::Word || t.info.is_some_and(|i| i.flags != 0))
    })
}

pub fn noun_complement(p: &Parsed<'_, '_>, anchor: usize) -> Option<(usize, Option<usize>)> {
    let to = (p.clause_start(anchor)..anchor).rev().take(3).find(|&k| p.tokens[k].is("to"))?;
    let is_intention = |k: usize| p.tokens[k].cue(cue::INTENT_NOUN);
    // Used as a noun: a determiner or a possessive before it, perhaps with an adjective
    // between ("the surprise decision"); "Russia plans to" is a verb.
    let noun_use = |k: usize| {
        let mut j = k;
        for _ in 0..3 {
            let Some(prev) = j.checked_sub(1) else { return false };
            let t = &p.tokens[prev];
            if t.is_possessive() || t.info.is_some_and(|i| i.flags & func::DET != 0) {
                return true;
            }
            if t.kind != TokenKind::Word
                || t.capitalised
                || t.info.is_some_and(|i| i.verb.is_some() || i.flags != 0)
            {
                return false;
            }
            j = prev;
        }
        false
    };
    let before = to.checked_sub(1)?;
    if is_intention(before) && noun_use(before) {
        // "Israel's decision to": the possessor.
        let owner = before
            .checked_sub(1)
            .filter(|&k| p.tokens[k].is_possessive())
            .and_then(|k| k.checked_sub(1))
            .and_then(|k| p.chunk_of[k])
            .filter(|&c| p.chunks[c].actor.is_some());
        return Some((before, owner));
    }
    // "the decision by Israel to": a phrase after "by" or "of" right before "to".
    let c = p.chunk_of[before]?;
    let chunk = &p.chunks[c];
    let prep = chunk.start.checked_sub(1)?;
    let noun = prep.checked_sub(1)?;
    (matches!(p.tokens[prep].lower.as_ref(), "by" | "of")
        && is_intention(noun)
        && noun_use(noun)
        && chunk.actor.is_some())
    .then_some((noun, Some(c)))
}

/// "urged Moscow to halt": the object of a directive controls the infinitive; otherwise
/// the clause subject does.
fn infinitive_controller(p: &Parsed<'_, '_>, anchor: usize) -> Option<usize> {
    let mut k = anchor;
    while k > 0 && !p.tokens[k - 1].is("to") {
        k -= 1;
    }
    let to = k.checked_sub(1)?;
    let before = to.checked_sub(1)?;
    let c = p.chunk_of[before]?;
    let chunk = &p.chunks[c];
    let verb_before = chunk.start.checked_sub(1)?;
    let verb = &p.tokens[verb_before];
    let directive = verb
        .info
        .and_then(|i| i.verb)
        .is_some_and(|(l, _)| super::lexicon::lemma(l).control == Some(super::lexicon::Control::Direct))
        || verb.cue(cue::DIRECTIVE)
        || matches!(verb.lower.as_ref(), "on" | "upon");
    (directive && chunk.agentive).then_some(c)
}

/// "between A and B", "between the two sides" after a nominal trigger: the first member of
/// the group, or the pair phrase.
fn between_group(p: &Parsed<'_, '_>, trigger: &Trigger) -> Option<usize> {
    let end = p.clause_end(trigger.anchor).min(trigger.anchor + 6);
    let between_pair = |c: usize| {
        let start = p.chunks[c].start;
        p.is_pair_phrase(c)
            && (start.saturating_sub(3)..start)
                .rev()
                .find(|&k| !matches!(p.tokens[k].lower.as_ref(), "the" | "two" | "both"))
                .is_some_and(|k| p.tokens[k].is("between"))
    };
    (trigger.anchor + 1..end).filter_map(|k| p.chunk_of[k]).find(|&c| p.chunks[c].between || between_pair(c))
}

/// Prepositions that introduce a target, per kind (`data/lexicon/target_slots.txt`);
/// `true` in the first slot when a direct object is a target.
fn target_slots(kind: Kind, nominal: bool) -> (bool, &'static [&'static str]) {
    let slots = super::kinds::target_slots(kind);
    let direct = if nominal { slots.noun_object } else { slots.object };
    (direct, &slots.prepositions)
}

/// The first phrase after the trigger, in its clause, in a target slot for its kind.
fn find_target(p: &Parsed<'_, '_>, trigger: &Trigger, actor_group: Option<usize>) -> Option<usize> {
    if let Some(c) = defied(p, trigger).or_else(|| measures_target(p, trigger, actor_group)) {
        return Some(c);
    }
    let (direct, preps) = target_slots(trigger.kind, trigger.nominal);
    let in_slot = |prep: Option<&str>| match prep {
        None => direct,
        Some(prep) if preps.contains(&prep) => true,
        Some("from") => trigger.flags.from_target,
        Some("to") => trigger.flags.to_target,
        Some("for") => trigger.flags.for_target,
        Some("with") => trigger.flags.with_target,
        _ => false,
    };
    let start = trigger.anchor + 1;
    let mut end = p.clause_end(trigger.anchor).min(start + 16);
    if trigger.bounded {
        end = end.min(trigger.object_end);
    }
    let verbal = matches!(trigger.kind, Kind::Criticism | Kind::Accusation);
    let mut k = start;
    while k < end {
        let t = &p.tokens[k];
        if k > start + 1 && t.info.is_some_and(|i| i.flags & func::SUBORD != 0) {
            break;
        }
        // "condemned the strikes as a violation of Yemen's sovereignty": what follows "as"
        // describes the object; the sovereign is not the one criticised.
        if verbal && k > start && t.is("as") {
            break;
        }
        // "accused the West of ... supplying missiles to Kyiv": the charge names no one
        // accused.
        if trigger.kind == Kind::Accusation && !trigger.nominal && k > start && (t.is("of") || t.is("for")) {
            break;
        }
        let Some(c) = p.chunk_of[k].filter(|&c| p.chunks[c].start == k) else {
            k += 1;
            continue;
        };
        if usable_target(p, trigger, c, actor_group) && !across_border(p, trigger, k) {
            let prep = governing_preposition(p, k, start);
            if in_slot(prep) {
                return Some(c);
            }
            // "warned of action against military activities by the United States": the
            // one doing what stands in the target slot is the target.
            if prep == Some("by")
                && done_in_slot(p, k - 1, trigger.anchor).is_some_and(|prep| in_slot(Some(prep)))
            {
                return Some(c);
            }
        }
        k = p.chunks[c].end.max(k + 1);
    }
    None
}

/// "in defiance of Chinese authorities": whom a protest defies.
fn defied(p: &Parsed<'_, '_>, trigger: &Trigger) -> Option<usize> {
    if trigger.kind != Kind::Protest {
        return None;
    }
    let end = p.clause_end(trigger.anchor).min(trigger.anchor + 16);
    (trigger.anchor + 1..end.saturating_sub(1)).find_map(|k| {
        let after = fixed_at(&p.tokens, k, Fixed::Defiance)?;
        (after..(after + 3).min(p.tokens.len()))
            .find_map(|j| p.chunk_of[j])
            .filter(|&c| p.chunks[c].actor.is_some())
    })
}

/// "new sanctions targeting more than 300 individuals and entities in Russia": what the
/// measures target is the target, whatever the preposition.
fn measures_target(p: &Parsed<'_, '_>, trigger: &Trigger, actor_group: Option<usize>) -> Option<usize> {
    if !matches!(trigger.kind, Kind::SanctionsImposed | Kind::Coercion) {
        return None;
    }
    let start = trigger.anchor + 1;
    let k = (start..p.tokens.len().min(start + 12)).find(|&k| p.tokens[k].cue(cue::TARGETING))?;
    (k + 1..p.tokens.len().min(k + 12)).find_map(|j| {
        p.chunk_of[j].filter(|&c| {
            let ch = &p.chunks[c];
            (ch.actor.is_some() || ch.place.is_some()) && !ch.modifier && Some(ch.group) != actor_group
        })
    })
}

/// Whether phrase `c` can be a target: it names a party (an actor, a place, a titled
/// person, a domestic opposition, a pair), is not the actor's own group, its own people
/// ("its citizens"), an ally ("its allies"), a pronoun or the leader of a "-led" force;
/// a demonym only on a noun of places, forces or people ("at Thai positions").
fn usable_target(p: &Parsed<'_, '_>, trigger: &Trigger, c: usize, actor_group: Option<usize>) -> bool {
    let chunk = &p.chunks[c];
    let ally = p.tokens.get(chunk.end + usize::from(chunk.possessive)).is_some_and(|t| t.cue(cue::RELATION));
    // "an appeal from President Laurent Gbago": a titled name the registry does not
    // know may still be resolved to the actor's country (see `assign`).
    let titled_person = chunk.actor.is_none()
        && chunk.pronoun.is_none()
        && (chunk.person
            || chunk.sector == Some(Sector::Leader)
                && p.tokens[chunk.start].capitalised
                && p.tokens.get(chunk.end).is_some_and(|t| t.capitalised && t.kind == TokenKind::Word));
    // "its citizens", "their forces": the subject's own. A phrase that names an
    // actor of its own ("his Israeli counterpart") is another party.
    let own = chunk.start > 0
        && chunk.actor.is_none()
        && p.tokens[chunk.start - 1].info.is_some_and(|i| i.flags & func::POSS != 0);
    // "accused the opposition": a domestic group the actor's own country names.
    let domestic_group =
        chunk.actor.is_none() && chunk.pronoun.is_none() && matches!(chunk.sector, Some(Sector::Opposition));
    // "urged the two countries", "called on both sides": resolved to the pair.
    let pair = p.is_pair_phrase(c) || p.pair_owning(c).is_some();
    (!chunk.modifier
        || (matches!(trigger.kind, Kind::Attack | Kind::ArmedClash | Kind::Coercion)
            && super::triggers::modifies_object_noun(p, chunk.end)))
        && !own
        && !ally
        && !chunk.led
        && (chunk.actor.is_some() || chunk.place.is_some() || titled_person || domestic_group || pair)
        && Some(chunk.group) != actor_group
        && chunk.pronoun.is_none()
}

/// "near the border with Mali": the neighbour across a border is no target. A force
/// posture along a border is aimed across it ("stationed troops along the border with
/// China"); violence near one happened on this side.
fn across_border(p: &Parsed<'_, '_>, trigger: &Trigger, k: usize) -> bool {
    !matches!(trigger.kind, Kind::TroopDeployment | Kind::MilitaryAlert | Kind::MilitaryExercise)
        && k >= 2
        && matches!(p.tokens[k - 1].lower.as_ref(), "with" | "of")
        && p.tokens[k - 2].cue(cue::BORDER)
        && (k.saturating_sub(6)..k - 2)
            .any(|j| p.tokens[j].info.is_some_and(|i| i.flags & func::LOCPREP != 0) || p.tokens[j].is("to"))
}

/// For an agent phrase introduced by "by" at `by`: the preposition before the noun phrase it
/// completes ("against incursions by ..."), when that phrase comes after the trigger and
/// names no actor of its own.
fn done_in_slot<'t>(p: &'t Parsed<'_, '_>, by: usize, anchor: usize) -> Option<&'t str> {
    let mut j = by;
    for _ in 0..4 {
        j = j.checked_sub(1).filter(|&j| j > anchor)?;
        let t = &p.tokens[j];
        if t.kind != TokenKind::Word || p.chunk_of[j].is_some_and(|c| p.chunks[c].actor.is_some()) {
            return None;
        }
        if t.info.is_some_and(|i| i.flags & func::PREP != 0) {
            return (j + 1 < by).then_some(t.lower.as_ref());
        }
    }
    None
}

/// The preposition governing the phrase at `k`, looking back over determiners, numbers and
/// adjectives but not past `floor`.
fn governing_preposition<'t>(p: &'t Parsed<'_, '_>, k: usize, floor: usize) -> Option<&'t str> {
    let mut j = k;
    let mut steps = 0;
    let mut coordinated = false;
    while j > floor && steps < if coordinated { 10 } else { 4 } {
        j -= 1;
        steps += 1;
        let t = &p.tokens[j];
        let flags = t.info.map_or(0, |i| i.flags);
        // "near the town of Samarra", "for the reconstruction of Afghanistan", "to areas of
        // southern Sudan", "under the supervision of the Red Cross": "of" belongs to the
        // common noun before it; the phrase's slot is the preposition before that noun.
        if t.is("of") && j > floor + 1 && is_of_head(p, j - 1) {
            j -= 1;
            steps = 0;
            continue;
        }
        // "strikes on nine sites in Pakistan", "targets in Yemen": "in" after a place or
        // people noun of the object says where the object is; the slot is the
        // preposition before that noun.
        if t.is("in") && j > floor + 1 && object_noun(p, j - 1) {
            j -= 1;
            steps = 0;
            continue;
        }
        if flags & func::PREP != 0 {
            return Some(p.tokens[j].lower.as_ref());
        }
        if flags & func::CONJ != 0 || (t.text == "," && p.chunk_of.get(j + 1).is_some_and(Option::is_some)) {
            // "between A and B", "inspectors and workers": the second conjunct shares the
            // first one's slot, so keep looking back past the first.
            coordinated = true;
            continue;
        }
        if coordinated && (p.chunk_of[j].is_some() || t.kind == TokenKind::Word && !t.capitalised) {
            if is_verb_like(t) && p.chunk_of[j].is_none() && t.info.is_some_and(|i| i.noun.is_none()) {
                return None;
            }
            continue;
        }
        if flags & func::DET != 0 || t.kind == TokenKind::Number || t.kind == TokenKind::Quote {
            continue;
        }
        // "in the Bolivian city of La Paz": a demonym modifying the noun is no boundary.
        if p.chunk_of[j].is_some()
            && p.tokens
                .get(j + 1)
                .is_some_and(|n| n.kind == TokenKind::Word && !n.capitalised && p.chunk_of[j + 1].is_none())
        {
            continue;
        }
        let participle =
            t.info.and_then(|i| i.verb).is_some_and(|(_, f)| f == super::lexicon::VerbForm::Past);
        if t.kind == TokenKind::Word
            && !t.capitalised
            && (t.info.is_none_or(|i| i.verb.is_none()) || participle)
            && steps <= 2
        {
            continue;
        }
        return None;
    }
    None
}

/// A noun naming what an attack or an aid is aimed at: sites, targets, positions, people.
fn object_noun(p: &Parsed<'_, '_>, k: usize) -> bool {
    let t = &p.tokens[k];
    !t.capitalised
        && t.info.is_some_and(|i| {
            i.classes
                & (super::lexicon::class::TERRITORY
                    | super::lexicon::class::PROPERTY
                    | super::lexicon::class::PEOPLE
                    | super::lexicon::class::TROOPS)
                != 0
        })
}

/// A common noun heading an "of" phrase: a place noun, or any lower-case noun that is
/// neither a trigger nor part of an actor phrase.
fn is_of_head(p: &Parsed<'_, '_>, k: usize) -> bool {
    let t = &p.tokens[k];
    if t.cue(cue::PLACE_NOUN) {
        return true;
    }
    t.kind == TokenKind::Word
        && !t.capitalised
        && p.chunk_of[k].is_none()
        && t.info.is_none_or(|i| i.noun.is_none() && i.verb.is_none() && i.flags == 0)
}

/// Where the event happened, whether the text said so (rather than the target's country
/// standing in), and whether the place is a neighbour across a border ("near the border
/// with Mali").
fn location(
    p: &Parsed<'_, '_>,
    trigger: &Trigger,
    assigned: &Assigned<'_>,
    gazetteer: &Gazetteer,
) -> (Option<Place>, bool, bool) {
    let anchor = trigger.anchor;
    let clause = p.clause(anchor);
    let deployment = trigger.kind == Kind::TroopDeployment;
    let mut best: Option<(usize, &PlaceEntry, bool)> = None;
    for (i, c) in p.chunks.iter().enumerate() {
        if c.start < clause.start || c.end > clause.end || c.modifier {
            continue;
        }
        // "deployed troops in Belarus": the phrase "troops in Belarus" holds its own place
        // after a preposition of place.
        let inner = (c.start + 1..c.end)
            .find(|&k| p.tokens[k].info.is_some_and(|x| x.flags & func::LOCPREP != 0) && c.place.is_some());
        let Some(prep_at) = inner.or_else(|| c.start.checked_sub(1)) else { continue };
        let mut j = prep_at;
        let mut skipped = 0;
        // "in central Iran", "in the besieged town of": determiners and a couple of
        // adjectives may sit between the preposition and the place.
        while j > clause.start && skipped < 3 {
            let t = &p.tokens[j];
            let adjective = t.kind == TokenKind::Word
                && !t.capitalised
                && t.info.is_none_or(|x| x.flags == 0 && x.noun.is_none());
            if t.info.is_some_and(|x| x.flags & func::DET != 0) || adjective {
                j -= 1;
                skipped += 1;
            } else {
                break;
            }
        }
        // "in the capital city of Algiers", "in the town of Samarra", "on the border of
        // Ukraine", "along the border with Finland".
        let edge_word = |k: usize| p.tokens[k].cue(cue::EDGE);
        let border = (p.tokens[j].is("of") || p.tokens[j].is("with")) && j >= 2 && edge_word(j - 1);
        if (p.tokens[j].is("of") || border)
            && j >= 2
            && (p.tokens[j - 1].cue(cue::PLACE_NOUN) || edge_word(j - 1))
        {
            let mut k = j - 2;
            while k > clause.start
                && (p.tokens[k].info.is_some_and(|x| x.flags & func::DET != 0)
                    || (p.tokens[k].kind == TokenKind::Word
                        && !p.tokens[k].capitalised
                        && p.tokens[k].info.is_none_or(|x| x.verb.is_none() && x.flags & func::PREP == 0)))
            {
                k -= 1;
            }
            j = k;
        }
        let prep = &p.tokens[j];
        let loc = prep.info.is_some_and(|x| x.flags & func::LOCPREP != 0)
            || (border && prep.is("on"))
            || (deployment && matches!(prep.lower.as_ref(), "to" | "into"));
        if !loc {
            continue;
        }
        let place = c.place.or_else(|| {
            c.actor.and_then(|a| a.country.as_deref()).and_then(|iso| gazetteer.country_place(iso))
        });
        if let Some(place) = place {
            let distance = anchor.abs_diff(c.start);
            if best.is_none_or(|(d, _, _)| distance < d) {
                best = Some((distance, place, border));
            }
            let _ = i;
        }
    }
    if let Some((_, place, border)) = best {
        return (Some(to_place(place)), true, border);
    }
    // "In Kinshasa, protesters attacked the embassies of Rwanda ...": a sentence opening on
    // a place sets the scene for the clauses after it.
    let opener = p.chunks.iter().find(|c| {
        c.start >= 1
            && c.start <= 2
            && c.end < clause.start
            && p.tokens[0].info.is_some_and(|x| x.flags & func::LOCPREP != 0)
            && p.tokens.get(c.end).is_some_and(|t| t.text == ",")
            && !c.modifier
    });
    if let Some(place) = opener.and_then(|c| {
        c.place.or_else(|| {
            c.actor.and_then(|a| a.country.as_deref()).and_then(|iso| gazetteer.country_place(iso))
        })
    }) {
        return (Some(to_place(place)), true, false);
    }
    if is_physical(trigger.kind)
        && let Some(target) = &assigned.target
        && let Some(country) = &target.entry.country
        && let Some(place) = gazetteer.country_place(country)
    {
        return (Some(to_place(place)), false, false);
    }
    (None, false, false)
}

fn to_place(place: &PlaceEntry) -> Place {
    Place {
        name: place.name.clone(),
        country: Some(place.country.clone()),
        lat: Some(place.lat),
        lon: Some(place.lon),
        precision: place.precision,
    }
}

/// "the decision of sending troops", "involvement in killing": a gerund completing a noun
/// has no subject of its own and must not borrow the clause's.
fn gerund_of_noun(p: &Parsed<'_, '_>, anchor: usize) -> bool {
    let t = &p.tokens[anchor];
    let ing = t.info.and_then(|i| i.verb).is_some_and(|(_, f)| f == super::lexicon::VerbForm::Ing);
    if !ing || anchor < 2 {
        return false;
    }
    let prep = &p.tokens[anchor - 1];
    if prep.info.is_none_or(|i| i.flags & func::PREP == 0) || prep.is("by") {
        return false;
    }
    let head = &p.tokens[anchor - 2];
    head.kind == TokenKind::Word
        && !head.capitalised
        && p.chunk_of[anchor - 2].is_none()
        && head.info.is_none_or(|i| i.verb.is_none() || i.noun.is_some())
        && head.info.is_none_or(|i| i.flags == 0)
}

/// "a peaceful demonstration calling for ...", "a helicopter carrying monitors": an -ing
/// participle right after a common noun describes that noun.
fn active_participle_of_noun(p: &Parsed<'_, '_>, anchor: usize) -> bool {
    let ing =
        p.tokens[anchor].info.and_then(|i| i.verb).is_some_and(|(_, f)| f == super::lexicon::VerbForm::Ing);
    if !ing || anchor == 0 || p.chunk_of[anchor - 1].is_some() {
        return false;
    }
    let prev = &p.tokens[anchor - 1];
    prev.kind == TokenKind::Word
        && !prev.capitalised
        && prev.info.is_none_or(|i| i.flags == 0 && (i.noun.is_some() || i.verb.is_none()))
        && !prev.lower.ends_with("ly")
}
