//! Modality (asserted, claimed, planned, hypothetical, negated) and attribution of one
//! trigger.
//!
//! Cues only count where they govern the trigger:
//! - the trigger's own verb group: "will send" (planned), "could send", "may", "might",
//!   "were to" (hypothetical), "would send" (hypothetical; planned when it reports a future
//!   in someone's speech: "said they would boycott"), "did not send", "has yet to"
//!   (negated), "reportedly sent", "is believed to have sent" (claimed), "is set/expected/due
//!   to" (planned), "must/should" (hypothetical: an obligation is not a fact);
//! - for a noun or gerund: hedging modifiers ("the potential deployment", "the possibility
//!   of arming") and, when it is the subject, its clause's verb group ("arming Ukraine could
//!   become an option");
//! - the clause: inside "if ..." hypothetical; inside "whether ..." a question (dropped);
//! - governing verbs (see `controls`): plans, denials, reports and beliefs;
//! - the sentence: "according to X" or a closing ", X said." attribute every event to X.
//!
//! When several cues apply the least certain wins: negated > hypothetical > planned >
//! claimed > asserted. A report by the event's own actor ("Russia said it had deployed")
//! stays asserted, with the attribution kept.

use geoevents_domain::Modality;

use super::attribution::SentenceSource;
use super::clauses::ClauseKind;
use super::controls::Governed;
use super::lexicon::{Fixed, cue, func};
use super::parsed::Parsed;
use super::tokens::{Token, TokenKind, fixed_at};
use super::triggers::Trigger;

/// The outcome for one trigger.
#[derive(Debug, Clone)]
pub struct Judged {
    /// The modality.
    pub modality: Modality,
    /// Who the article says reports it.
    pub attribution: Option<String>,
    /// The country code of the source, when it is an actor.
    pub source_code: Option<String>,
    /// Inside a whether-clause: a question, not an event.
    pub question: bool,
    /// A future stated in someone's speech or under "unless": may be a threat or a pledge.
    pub stated_future: bool,
    /// A conditional "unless" hangs on the trigger's clause.
    pub unless: bool,
    /// Ruled out by its subject clause ("removing the sanctions is out of the question").
    pub ruled_out: bool,
    /// Said of the future: "will", "would", a plan ("would not seek to open talks").
    pub future: bool,
    /// Arranged rather than promised: "Israeli forces are to withdraw", "was to meet".
    pub arranged: bool,
}

/// Judges the modality and attribution of a trigger.
pub fn judge(
    p: &Parsed<'_, '_>,
    trigger: &Trigger,
    governed: &Governed,
    source: Option<&SentenceSource>,
    actor_code: Option<&str>,
    source_code_of: &dyn Fn(usize) -> Option<String>,
) -> Judged {
    let anchor = trigger.anchor;
    let mut m = Marks {
        negated: governed.negated,
        planned: governed.planned,
        claimed: governed.belief,
        ..Marks::default()
    };
    // "whether ...", and a sentence that asks: "Had Russia sent troops to Belarus?".
    let asks = p.tokens.last().is_some_and(|t| t.text == "?")
        && p.tokens.iter().find(|t| t.kind == TokenKind::Word).is_some_and(|t| {
            t.info.is_some_and(|i| i.flags & (func::AUX | func::FUTURE | func::HYPO) != 0)
                || matches!(t.lower.as_ref(), "why" | "how" | "what" | "when" | "where" | "who" | "which")
        });
    let question = p.under(anchor, ClauseKind::Whether) || asks;
    // "if ...", and the condition of "... unless it agreed to withdraw": not facts.
    if p.under(anchor, ClauseKind::Conditional) || p.under(anchor, ClauseKind::Unless) {
        m.hypothetical = true;
    }
    if uncertain_complement(p, anchor) || only_condition(p, anchor) {
        m.hypothetical = true;
    }
    let unless = p.clauses.iter().any(|c| {
        c.kind == ClauseKind::Unless && c.parent == Some(p.clause_of.get(anchor).copied().unwrap_or(0))
    }) || p.clauses.iter().any(|c| c.kind == ClauseKind::Unless);
    let cues = trigger_cues(p, trigger);
    // "Israel's decision to withdraw": decided, not done.
    if trigger.infinitive && super::roles::noun_complement(p, anchor).is_some() {
        m.planned = true;
    }
    let in_speech = governed.speech || governed.belief;
    let self_speech = governed.speech
        && governed.source.and_then(source_code_of).is_some_and(|code| Some(code.as_str()) == actor_code);
    // "there was nothing to negotiate", "no need to meet": an infinitive after a negative
    // pronoun or noun phrase.
    let nothing_to = trigger.infinitive
        && anchor >= 2
        && p.tokens[anchor - 1].is("to")
        && (matches!(p.tokens[anchor - 2].lower.as_ref(), "nothing")
            || (anchor >= 3 && p.tokens[anchor - 3].is("no") && p.tokens[anchor - 2].is("need")));
    if cues.negated || negative_determiner(p, trigger) || nothing_to {
        m.negated = true;
    }
    // "did not rule out developing military cooperation", "would not rule out further
    // measures": a hedge, so what is not ruled out is possible, not denied.
    if not_ruled_out(p, anchor) {
        m.negated = false;
        m.hypothetical = true;
    }
    if cues.future || cues.plan {
        m.planned = true;
        m.stated_future |= governed.speech || unless;
    }
    if cues.would {
        if self_speech || (in_speech && !p.clauses.iter().any(|c| c.kind == ClauseKind::Conditional)) {
            m.planned = true;
            m.stated_future = true;
        } else {
            m.hypothetical = true;
        }
    }
    if cues.possible {
        m.hypothetical = true;
    }
    // What someone is accused of is their accuser's claim.
    if cues.hedge || reported_by_noun(p, anchor) || super::roles::accused_party(p, anchor).is_some() {
        m.claimed = true;
    }
    nominal_marks(p, trigger, &mut m);
    let (attribution, source_code) =
        attribute(p, trigger, governed, source, actor_code, source_code_of, &mut m);
    let modality = if m.negated {
        Modality::Negated
    } else if m.hypothetical {
        Modality::Hypothetical
    } else if m.planned {
        Modality::Planned
    } else if m.claimed {
        Modality::Claimed
    } else {
        Modality::Asserted
    };
    let future = cues.future || cues.would || cues.plan || governed.planned;
    let arranged = cues.arranged && !cues.future && !cues.would;
    Judged {
        modality,
        attribution,
        source_code,
        question,
        stated_future: m.stated_future,
        unless,
        ruled_out: m.ruled,
        future,
        arranged,
    }
}

/// The marks of certainty a trigger has collected; [`judge`] turns them into one
/// modality, the least certain winning.
#[derive(Debug, Default)]
struct Marks {
    negated: bool,
    hypothetical: bool,
    planned: bool,
    claimed: bool,
    /// A future stated in someone's speech or under "unless".
    stated_future: bool,
    /// Ruled out by the clause it heads.
    ruled: bool,
}

/// The verb-group cues that govern a trigger: its own, or those of the verb it shares a
/// group with (a bare verb coordinated after "to", a purpose phrase, a participle after
/// its main verb). A refusal made by a control is made now.
fn trigger_cues(p: &Parsed<'_, '_>, trigger: &Trigger) -> Cues {
    let anchor = trigger.anchor;
    // The verb group before the trigger; a purpose infinitive shares its clause's verb group
    // ("will visit X to mediate").
    let mut cues = verb_group(p, anchor);
    // "was to meet President To Lam and sign a number of agreements": a bare verb
    // coordinated after another shares its verb group.
    let base = |k: usize| {
        p.tokens[k].info.and_then(|i| i.verb).is_some_and(|(_, f)| f == super::lexicon::VerbForm::Base)
    };
    if anchor >= 2
        && matches!(p.tokens[anchor - 1].lower.as_ref(), "and" | "or")
        && base(anchor)
        && let Some(k) = (p.clause_start(anchor).max(anchor.saturating_sub(12))..anchor - 1)
            .rev()
            .find(|&k| k > 0 && base(k) && p.tokens[k - 1].is("to"))
    {
        let first = verb_group(p, k);
        cues.future |= first.future;
        cues.plan |= first.plan;
        cues.arranged |= first.arranged;
        cues.would |= first.would;
        cues.possible |= first.possible;
    }
    // "will travel to Beijing for talks": a purpose phrase shares its verb's modality.
    let purpose_noun = trigger.nominal && anchor > 0 && p.tokens[anchor - 1].is("for");
    if (trigger.infinitive || purpose_noun)
        && let Some(v) = governing_verb(p, anchor)
    {
        let main = verb_group(p, v);
        cues.future |= main.future;
        cues.possible |= main.possible;
        cues.would |= main.would;
        cues.negated |= main.negated;
    }
    // "Kenya will lead a police mission to Haiti, sending 1,000 officers": the participle
    // after the comma shares its main verb's time and certainty.
    let clause = p.clause(anchor);
    if clause.kind == ClauseKind::Participial
        && clause.start == anchor
        && let Some(v) = clause.parent.and_then(|c| p.clauses[c].verb)
    {
        // The clause's verb may be its auxiliary ("will"): read the group from its lexical
        // verb back.
        let mut lexical = v;
        while lexical + 1 < anchor
            && p.tokens[lexical].info.is_some_and(|i| {
                i.flags & (func::AUX | func::FUTURE | func::HYPO | func::NEG | func::ADVERB) != 0
            })
        {
            lexical += 1;
        }
        let main = verb_group(p, lexical);
        cues.future |= main.future;
        cues.possible |= main.possible;
        cues.would |= main.would;
    }
    if trigger.from_control && trigger.kind == geoevents_domain::Kind::Rejection {
        // "will not accept" is a refusal made now, not a negated or future event.
        cues.negated = false;
        cues.future = false;
        cues.would = false;
    }
    cues
}

/// Nouns and gerunds: hedging modifiers ("the potential deployment"), a policy of not
/// acting reconsidered, a negating preposition ("without consulting"), and the verb group
/// of the clause they head ("arming Ukraine could become an option", "the rumoured
/// deployment has been denied").
fn nominal_marks(p: &Parsed<'_, '_>, trigger: &Trigger, m: &mut Marks) {
    let anchor = trigger.anchor;
    let is_gerund = p.tokens[anchor].lower.ends_with("ing") && !trigger.nominal;
    // "would reconsider its policy of not supplying weapons": the supply becomes possible,
    // it is not denied.
    let reconsidered = is_gerund && reconsidered_policy(p, anchor);
    if reconsidered {
        m.negated = false;
        m.hypothetical = true;
    } else if is_gerund && negating_preposition(p, anchor) {
        m.negated = true;
    }
    if !(trigger.nominal || is_gerund) {
        return;
    }
    match nominal_hedge(p, anchor) {
        Some(Hedge::Possible) => m.hypothetical = true,
        Some(Hedge::Planned) => m.planned = true,
        Some(Hedge::Claimed) => m.claimed = true,
        None => {}
    }
    let clause_end = p.clause_end(anchor).min(anchor + 7);
    let next_aux = (anchor + 1..clause_end)
        .take_while(|&k| p.tokens[k].info.is_none_or(|i| i.flags & func::SUBORD == 0))
        .find(|&k| p.tokens[k].info.is_some_and(|i| i.flags & (func::AUX | func::FUTURE | func::HYPO) != 0));
    let Some(v) = next_aux else { return };
    let after = verb_group_after(p, v);
    if after.possible || after.would {
        m.hypothetical = true;
    }
    if ruled_out(p, v) {
        m.ruled = true;
    } else if open_option(p, v) {
        m.hypothetical = true;
    }
    if after.future {
        m.planned = true;
    }
    // "The rumoured deployment ... has been denied by Beijing", "was dismissed":
    // the event the noun names is denied.
    if denied_after(p, v) {
        m.negated = true;
    }
}

/// Who says so: the source of a governing speech or belief verb, else the sentence's
/// attribution; the event is claimed unless the source reports its own act (its code is
/// the actor's, or it is an organ named without a country: "the foreign ministry said").
/// A reporting verb of doubt ("claimed") leaves even a self-report unverified.
fn attribute(
    p: &Parsed<'_, '_>,
    trigger: &Trigger,
    governed: &Governed,
    source: Option<&SentenceSource>,
    actor_code: Option<&str>,
    source_code_of: &dyn Fn(usize) -> Option<String>,
    m: &mut Marks,
) -> (Option<String>, Option<String>) {
    let anchor = trigger.anchor;
    let mut attribution = None;
    let mut source_code = None;
    if let Some((s, e)) = governed.attribution {
        attribution = Some(p.span_text(s, e).to_owned());
        source_code = governed.source.and_then(source_code_of);
        let self_report = source_code.is_some() && source_code.as_deref() == actor_code;
        if !self_report && (governed.speech || governed.belief) {
            m.claimed = true;
        }
    } else if let Some(src) = source
        && (anchor < src.start || anchor >= src.end)
    {
        attribution = Some(src.text.clone());
        source_code = src.chunk.and_then(source_code_of);
        // "..., the foreign ministry said": an organ named without a country is, in wire
        // copy, the actor's own.
        let own_organ = source_code.is_none() && actor_code.is_some() && unnamed_own_organ(p, src);
        let self_report = own_organ || (source_code.is_some() && source_code.as_deref() == actor_code);
        if !self_report {
            m.claimed = true;
        }
    }
    // "Ukraine claimed its forces had shot down 20 drones": a reporting verb of doubt leaves
    // even a self-report unverified.
    if let Some((rs, re)) = governed.report
        && (rs..re.min(p.tokens.len())).any(|k| cues_of(&p.tokens[k]) & cue::CLAIMING != 0)
    {
        m.claimed = true;
    }
    (attribution, source_code)
}

/// "the foreign ministry said", "his spokesman said": a sentence source that is a state
/// organ or person named by a determiner or possessive, with no country and no other name.
fn unnamed_own_organ(p: &Parsed<'_, '_>, src: &SentenceSource) -> bool {
    src.chunk.is_some_and(|c| {
        let chunk = &p.chunks[c];
        chunk.actor.is_none()
            && chunk.pronoun.is_none()
            && matches!(
                chunk.sector,
                Some(
                    geoevents_domain::Sector::Government
                        | geoevents_domain::Sector::Military
                        | geoevents_domain::Sector::Police
                        | geoevents_domain::Sector::Leader
                )
            )
            && p.tokens[chunk.start.saturating_sub(2)..chunk.start]
                .iter()
                .any(|t| matches!(t.lower.as_ref(), "the" | "his" | "her" | "its" | "their"))
            && (src.start..src.end.min(p.tokens.len())).all(|k| {
                p.chunk_of[k].is_none_or(|other| other == c)
                    && !(p.tokens[k].capitalised && k > src.start + 1)
            })
    })
}

#[derive(Debug, Default, Clone, Copy)]
struct Cues {
    future: bool,
    plan: bool,
    would: bool,
    possible: bool,
    negated: bool,
    hedge: bool,
    arranged: bool,
}

/// "less confident that Iran would agree", "doubtful that the talks will resume", "hopeful
/// that a deal can be reached": a that-clause after an adjective of certainty or hope says
/// what may happen, not what did or will.
fn uncertain_complement(p: &Parsed<'_, '_>, anchor: usize) -> bool {
    let mut ci = p.clause_of.get(anchor).copied();
    for _ in 0..4 {
        let Some(c) = ci else { return false };
        let clause = &p.clauses[c];
        if clause.kind == ClauseKind::Complement && clause.opener == Some("that") && clause.start > 0 {
            let mut k = clause.start - 1;
            while k > 0 && p.tokens[k].kind == TokenKind::Quote {
                k -= 1;
            }
            if p.tokens[k].cue(cue::BELIEF_ADJ) {
                return true;
            }
        }
        ci = clause.parent;
    }
    false
}

/// Cues in the verb group before `anchor`, following an infinitive "to" back to its verb
/// ("is set to", "are believed to have sent").
fn verb_group(p: &Parsed<'_, '_>, anchor: usize) -> Cues {
    let mut cues = Cues::default();
    let start = p.clause_start(anchor);
    let mut k = anchor;
    let mut steps = 0;
    while k > start && steps < 8 {
        k -= 1;
        steps += 1;
        let t = &p.tokens[k];
        let flags = t.info.map_or(0, |i| i.flags);
        let word = t.lower.as_ref();
        if flags & func::NEG != 0 {
            cues.negated = true;
        }
        if flags & func::FUTURE != 0 {
            cues.future = true;
        }
        if flags & func::HYPO != 0 {
            if word == "would" || word == "wouldn't" {
                cues.would = true;
            } else {
                cues.possible = true;
            }
        }
        if flags & func::MUST != 0 {
            cues.possible = true;
        }
        if flags & func::HEDGE != 0 {
            cues.hedge = true;
        }
        match word {
            "to" => {
                // "were to", "is set to", "is believed to", "has yet to".
                let before = k.checked_sub(1).map(|b| cues_of(&p.tokens[b]));
                let cue_before = before.unwrap_or(0);
                if cue_before & cue::TO_POSSIBLE != 0 {
                    cues.possible = true;
                } else if cue_before & cue::TO_ARRANGED != 0 {
                    // "Israeli forces are to withdraw", "where he was to meet": arranged.
                    cues.plan = true;
                    cues.arranged = true;
                } else if cue_before & cue::PLAN_NOUN != 0 && k >= 2 && p.tokens[k - 2].is("no") {
                    // "had no plans to attack", "has no intention to": a plan denied.
                    cues.negated = true;
                } else if cue_before & cue::TO_PLANNED != 0 {
                    cues.plan = true;
                } else if cue_before & cue::TO_HEDGED != 0 {
                    cues.hedge = true;
                } else if cue_before & cue::TO_NOT_YET != 0 {
                    cues.negated = true;
                }
                if before.is_some() {
                    k -= 1;
                }
                continue;
            }
            _ if cues_of(t) & cue::TO_LINK != 0 => continue,
            _ => {}
        }
        let transparent = flags & (func::AUX | func::ADVERB | func::NEG | func::HEDGE) != 0;
        if !transparent {
            break;
        }
    }
    cues
}

/// Cues in the verb group starting at `v` (for a subject noun or gerund).
fn verb_group_after(p: &Parsed<'_, '_>, v: usize) -> Cues {
    let mut cues = Cues::default();
    let end = p.clause_end(v).min(v + 3);
    for k in v..end {
        let t = &p.tokens[k];
        let flags = t.info.map_or(0, |i| i.flags);
        if flags & func::FUTURE != 0 {
            cues.future = true;
        }
        if flags & func::HYPO != 0 {
            if t.is("would") {
                cues.would = true;
            } else {
                cues.possible = true;
            }
        }
        if flags & (func::AUX | func::ADVERB | func::NEG) == 0 {
            break;
        }
    }
    cues
}

enum Hedge {
    Possible,
    Planned,
    Claimed,
}

/// "the potential deployment", "the possibility of arming", "alleged strikes".
fn nominal_hedge(p: &Parsed<'_, '_>, anchor: usize) -> Option<Hedge> {
    let mut k = anchor;
    let mut steps = 0;
    while k > 0 && steps < 5 {
        k -= 1;
        steps += 1;
        let t = &p.tokens[k];
        let flags = t.info.map_or(0, |i| i.flags);
        if flags & func::NOMHEDGE != 0 {
            let cues = cues_of(t);
            return Some(if cues & cue::NOM_PLANNED != 0 {
                Hedge::Planned
            } else if cues & cue::NOM_CLAIMED != 0 {
                Hedge::Claimed
            } else {
                Hedge::Possible
            });
        }
        if t.is_clause_punct() || flags & (func::AUX | func::SUBORD) != 0 {
            return None;
        }
        if p.chunk_of[k].is_some() {
            continue;
        }
        if flags & func::PREP != 0 && !t.is("of") {
            return None;
        }
    }
    None
}

/// "a policy against supplying weapons", "without consulting", "of not sending".
fn negating_preposition(p: &Parsed<'_, '_>, anchor: usize) -> bool {
    let mut k = anchor;
    while k > 0 {
        k -= 1;
        let t = &p.tokens[k];
        if t.info.is_some_and(|i| i.flags & func::ADVERB != 0) {
            continue;
        }
        return matches!(t.lower.as_ref(), "against" | "without" | "not" | "instead");
    }
    false
}

/// "ready to meet them, but only after they surrendered", "only if", "only once": a clause
/// of time made a condition.
fn only_condition(p: &Parsed<'_, '_>, anchor: usize) -> bool {
    let Some(&ci) = p.clause_of.get(anchor) else { return false };
    let clause = &p.clauses[ci];
    matches!(clause.opener, Some("after" | "once" | "when" | "if"))
        && clause.start > 0
        && (clause.start.saturating_sub(2)..clause.start + 1)
            .any(|k| p.tokens.get(k).is_some_and(|t| t.is("only")))
}

/// Whether `k` is the "rule" of a negated "rule out" ("did not rule out", "would not rule
/// out", "has never ruled out").
pub fn negated_rule_out(p: &Parsed<'_, '_>, k: usize) -> bool {
    p.tokens[k].cue(cue::RULE)
        && p.tokens.get(k + 1).is_some_and(|t| t.is("out"))
        && p.tokens[k.saturating_sub(3)..k].iter().any(|t| t.info.is_some_and(|i| i.flags & func::NEG != 0))
}

/// The trigger sits in the object of a negated "rule out" of its clause, a few words on.
fn not_ruled_out(p: &Parsed<'_, '_>, anchor: usize) -> bool {
    let start = p.clause_start(anchor).max(anchor.saturating_sub(10));
    (start..anchor).any(|k| negated_rule_out(p, k))
}

/// "reconsider its policy of not supplying", "review the ban on": a negated gerund in the
/// complement of a noun of policy that a verb of revision takes.
fn reconsidered_policy(p: &Parsed<'_, '_>, anchor: usize) -> bool {
    let start = p.clause_start(anchor).max(anchor.saturating_sub(7));
    let policy = (start..anchor).find(|&k| p.tokens[k].cue(cue::POLICY_NOUN));
    policy.is_some_and(|q| (q.saturating_sub(4)..q).any(|k| p.tokens[k].cue(cue::REVISION)))
}

/// "... is out of the question", "is off the table", "is not an option" after a subject.
/// "has been denied", "was denied by", "were dismissed as false": a denial told in the
/// passive after a noun subject.
fn denied_after(p: &Parsed<'_, '_>, v: usize) -> bool {
    let end = p.clause_end(v).min(v + 4);
    (v..end).any(|k| {
        cues_of(&p.tokens[k]) & cue::DENIAL != 0
            && k > v
            && p.tokens[k - 1].info.is_some_and(|i| i.flags & func::AUX != 0)
    })
}

/// "Reports that North Korea had sent troops", "claims that Kyiv was behind": an event told
/// in the complement of a noun of report is claimed.
fn reported_by_noun(p: &Parsed<'_, '_>, anchor: usize) -> bool {
    let mut ci = p.clause_of.get(anchor).copied();
    for _ in 0..4 {
        let Some(c) = ci else { return false };
        let clause = &p.clauses[c];
        if clause.kind == ClauseKind::Complement
            && clause.opener == Some("that")
            && clause.start > 0
            && p.tokens[clause.start - 1].cue(cue::CLAIM_NOUN)
        {
            return true;
        }
        ci = clause.parent;
    }
    false
}

fn ruled_out(p: &Parsed<'_, '_>, v: usize) -> bool {
    let end = p.clause_end(v).min(v + 8);
    (v..end).any(|k| fixed_at(&p.tokens[..end], k, Fixed::OutOfBounds).is_some())
}

/// The verb a purpose infinitive serves: the nearest verb before its "to" in the clause
/// ("would blockade Paris ... to demand").
fn governing_verb(p: &Parsed<'_, '_>, anchor: usize) -> Option<usize> {
    let start = p.clause_start(anchor);
    let to = (start..anchor).rev().find(|&k| p.tokens[k].is("to") || p.tokens[k].is("for"))?;
    (start..to).rev().take(24).find(|&k| {
        let t = &p.tokens[k];
        !t.capitalised
            && p.chunk_of[k].is_none()
            && t.info.and_then(|i| i.verb).is_some_and(|(_, form)| {
                super::triggers::used_as_verb(p, k, form, t.info.is_some_and(|i| i.noun.is_some()))
            })
    })
}

/// "... is an option", "remains possible", "is being considered" after a subject.
fn open_option(p: &Parsed<'_, '_>, v: usize) -> bool {
    let end = p.clause_end(v).min(v + 6);
    p.tokens[v..end].iter().any(|t| cues_of(t) & cue::OPTION != 0)
}

/// "No troops were sent", "sent no troops": a negative determiner on the trigger's subject
/// or object.
fn negative_determiner(p: &Parsed<'_, '_>, trigger: &Trigger) -> bool {
    let anchor = trigger.anchor;
    if p.tokens.get(anchor + 1).is_some_and(|t| t.is("no")) {
        return true;
    }
    let start = p.clause_start(anchor);
    trigger.passive && p.tokens[start..anchor].first().is_some_and(|t| t.is("no"))
}

/// The modality cues of a token's word (`modality_cues.txt`).
fn cues_of(t: &Token<'_>) -> u128 {
    t.cues
}
