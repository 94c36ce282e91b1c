//! What controlling verbs do to the events in their complement.
//!
//! - **Speech and belief** ("said that", "reports suggest that", "officials believe"): the
//!   complement's events carry the speaker as attribution; they are claimed unless the
//!   speaker is their own actor. "must/should" in a reported complement makes a demand by
//!   the speaker on the complement's subject ("Russia said that Sudan must return ...").
//! - **Plans** ("plans to", "is contemplating sending"): the complement is planned.
//! - **Commitments** ("promised/pledged/offered/agreed to", "is willing to"): one event for
//!   the commitment itself: an intent to cooperate (CAMEO 03x by what is promised), a threat
//!   when what is promised is hostile ("vowed to fight"), an agreement when several parties
//!   agree or agree on something.
//! - **Directives** ("urged X to", "demanded that X", "called on X to"): a demand on X; the
//!   demanded action is not an event.
//! - **Refusals** ("refused to", "rejected", "declined to") and **threats** ("threatened
//!   to"): one rejection or threat; the refused or threatened action is not an event.
//! - **Failure and denial** ("failed to", "denied sending"): the complement is negated;
//!   "failed to reach agreement" is a rejection.

use geoevents_domain::{Cameo, Kind};

use super::kinds::{Act, act_code, intent_code_by_object};
use super::lexicon::{self, Control, RuleFlags, class, cue, func};
use super::parsed::Parsed;
use super::roles::clause_subject;
use super::tokens::TokenKind;
use super::triggers::{ControlUse, Found, Trigger};

/// What governing verbs say about one trigger.
#[derive(Debug, Clone, Default)]
pub struct Governed {
    /// Under a plan verb.
    pub planned: bool,
    /// Under "failed to", "denied".
    pub negated: bool,
    /// Token span of the source ("Recent reports", "U.S. and Ukrainian officials").
    pub attribution: Option<(usize, usize)>,
    /// The source's phrase, when it is an actor phrase.
    pub source: Option<usize>,
    /// Governed by a speech verb (a self-report stays asserted).
    pub speech: bool,
    /// Governed by a belief verb (always claimed).
    pub belief: bool,
    /// For control-made triggers: the trigger they were made from.
    pub inner: Option<usize>,
    /// Token span of the reporting clause around the complement ("Seoul said on Friday
    /// that"): its time expressions date the statement, not the reported event.
    pub report: Option<(usize, usize)>,
}

/// Applies the controls of a sentence: adds the events that controls make, suppresses the
/// events they swallow, and returns what governs each trigger (aligned with
/// `found.triggers`).
pub fn apply(p: &Parsed<'_, '_>, found: &mut Found) -> Vec<Governed> {
    let mut governed = vec![Governed::default(); found.triggers.len()];
    // Innermost first: "is contemplating sending officials to offer intelligence" makes the
    // offer's event before the plan marks everything in its complement as planned.
    let controls = found.controls.clone();
    for cu in controls.iter().rev() {
        let scope = Scope::of(found, cu);
        if cu.reduced && cu.control != Control::Speech {
            // "a meeting aimed at establishing ties": the participle describes a noun; what
            // it governs is not the subject's act.
            suppress(found, &scope.inner);
            continue;
        }
        let g = &mut governed;
        match cu.control {
            Control::Speech | Control::Belief => report(p, found, g, &scope),
            Control::Plan => plan(p, found, g, &scope),
            Control::Fail => failure(p, found, g, &scope),
            Control::Attempt => {}
            Control::Commit => commitment(p, found, g, &scope),
            Control::Direct => directive(p, found, g, &scope),
            Control::Refuse => {
                let cameo =
                    act_code(Act::Rejection, scope.first_inner.map(|i| (found.triggers[i].kind, None)));
                let cameo = own_rejection_code(p, cu).unwrap_or(cameo);
                suppress(found, &scope.inner);
                push(p, found, g, cu, Kind::Rejection, cameo, None, scope.first_inner);
            }
            Control::Threaten => warning(p, found, g, &scope),
        }
    }
    add_refusals(p, found, &mut governed);
    closing_obligation(p, found, &mut governed);
    governed
}

/// One control at work: the control, the triggers in its complement, and the one that is
/// what is promised, refused or threatened.
struct Scope<'c> {
    cu: &'c ControlUse,
    inner: Vec<usize>,
    first_inner: Option<usize>,
}

impl<'c> Scope<'c> {
    fn of(found: &Found, cu: &'c ControlUse) -> Self {
        let inner: Vec<usize> = (0..found.triggers.len())
            .filter(|&i| {
                let t = &found.triggers[i];
                t.anchor >= cu.complement_start
                    && t.anchor < cu.complement_end
                    && t.anchor != cu.verb
                    && !t.suppressed
            })
            .collect();
        // What is promised, refused or threatened is the verb at the head of the complement
        // ("offered to hand over ... suspected of blowing up ..." promises a handover).
        let first_inner = match cu.control {
            Control::Speech | Control::Belief | Control::Fail => inner.first().copied(),
            _ => inner.iter().copied().find(|&i| {
                let a = found.triggers[i].anchor;
                a >= cu.complement_start && a < cu.complement_start + 3
            }),
        };
        Scope { cu, inner, first_inner }
    }
}

/// Speech and belief: the complement's events carry the source; an obligation in it is
/// the speaker's demand ("said that Sudan must return ...").
fn report(p: &Parsed<'_, '_>, found: &mut Found, governed: &mut Vec<Governed>, s: &Scope<'_>) {
    let cu = s.cu;
    let span = source_span(p, cu.verb);
    let source = subject_chunk(p, cu.verb);
    let report = (p.clause_start(cu.verb), cu.complement_start);
    for &i in &s.inner {
        let g = &mut governed[i];
        if g.attribution.is_none() {
            g.attribution = span;
            g.source = source;
        }
        g.report.get_or_insert(report);
        g.speech |= cu.control == Control::Speech;
        g.belief |= cu.control == Control::Belief;
    }
    if let Some(target) = obligation_subject(p, cu) {
        suppress(found, &s.inner);
        let cameo = demand_cameo(found, s.first_inner);
        push(p, found, governed, cu, Kind::Demand, cameo, Some(target), None);
    }
}

/// Plans: the complement is planned; an army preparing an attack is a show of force;
/// sanctions named as the plan's object are planned sanctions; the planner acts the
/// planned noun ("is preparing a new offensive").
fn plan(p: &Parsed<'_, '_>, found: &mut Found, governed: &mut Vec<Governed>, s: &Scope<'_>) {
    let (cu, first_inner) = (s.cu, s.first_inner);
    let military = subject_chunk(p, cu.verb)
        .is_some_and(|c| p.chunks[c].sector == Some(geoevents_domain::Sector::Military));
    let attack =
        first_inner.is_some_and(|i| matches!(found.triggers[i].kind, Kind::Attack | Kind::ArmedClash));
    if p.tokens[cu.verb].cue(cue::PREPARE) && military && attack {
        // An army preparing to attack is a show of force.
        suppress(found, &s.inner);
        push(p, found, governed, cu, Kind::MilitaryAlert, Kind::MilitaryAlert.cameo(), None, first_inner);
        return;
    }
    for &i in &s.inner {
        governed[i].planned = true;
    }
    // "said it was considering new sanctions on those responsible", "would
    // propose new measures targeting the shadow fleet": sanctions named as the
    // plan's object, with no verb of their own, are planned sanctions.
    let head = cu.complement_start..(cu.complement_start + 4).min(cu.complement_end);
    let sanctions_object = first_inner.is_none()
        && p.tokens[cu.verb].cue(cue::SANCTION_PLAN)
        && head.clone().any(|k| {
            let t = &p.tokens[k];
            t.info.is_some_and(|i| i.classes & class::SANCTION != 0)
                || (t.cue(cue::MEASURES)
                    && p.tokens
                        .get(k + 1)
                        .is_some_and(|n| matches!(n.lower.as_ref(), "against" | "targeting" | "on")))
        });
    if sanctions_object {
        let kind = Kind::SanctionsImposed;
        push(p, found, governed, cu, kind, kind.cameo(), None, None);
        if let Some(g) = governed.last_mut() {
            g.planned = true;
        }
        return;
    }
    // "Russia is preparing a new offensive": the planner is the actor of the
    // planned noun.
    if let Some(i) = first_inner
        && found.triggers[i].nominal
        && found.triggers[i].actor_hint.is_none()
    {
        found.triggers[i].actor_hint = subject_chunk(p, cu.verb);
    }
}

/// Failure and denial: the complement is negated; "failed to reach agreement" rejects it.
fn failure(p: &Parsed<'_, '_>, found: &mut Found, governed: &mut Vec<Governed>, s: &Scope<'_>) {
    let (cu, first_inner) = (s.cu, s.first_inner);
    let failed_agreement = p.tokens[cu.verb].cue(cue::FAIL)
        && first_inner
            .is_some_and(|i| matches!(found.triggers[i].kind, Kind::Agreement | Kind::TreatySigned));
    if failed_agreement {
        suppress(found, &s.inner);
        let cameo = rejection_cameo(Kind::Agreement);
        push(p, found, governed, cu, Kind::Rejection, cameo, None, first_inner);
        // "X and Y failed to agree": an agreement takes two, so each turned the other down.
        if let Some(t) = found.triggers.last_mut() {
            t.flags.sym = true;
        }
    } else {
        for &i in &s.inner {
            governed[i].negated = true;
        }
    }
}

/// Commitments: one event for the promise itself (see [`promise`]); a promise not to
/// cooperate is a refusal, a promise of restraint no threat.
fn commitment(p: &Parsed<'_, '_>, found: &mut Found, governed: &mut Vec<Governed>, s: &Scope<'_>) {
    let cu = s.cu;
    // "offered intelligence", "offered aid": the verb's own object names what
    // is promised when its complement holds no other event.
    let first_inner = s.first_inner.or_else(|| {
        (0..found.triggers.len()).find(|&i| {
            let t = &found.triggers[i];
            t.anchor == cu.verb && !t.from_control && !t.suppressed && t.kind != Kind::IntentToCooperate
        })
    });
    let inner_kind = first_inner.map(|i| found.triggers[i].kind);
    let inner_cameo = first_inner.map(|i| found.triggers[i].cameo);
    suppress(found, &s.inner);
    // "vowed not to return the islands", "promised never to negotiate": a promise
    // not to cooperate is a refusal; "vowed never to attack", "promised not to
    // send troops", promises of restraint, are no threats.
    if negated_complement(p, cu) {
        if inner_kind.is_some_and(|k| !is_cooperative(k)) {
            let cameo = Kind::IntentToCooperate.cameo();
            push(p, found, governed, cu, Kind::IntentToCooperate, cameo, None, first_inner);
        } else {
            let cameo = act_code(Act::Rejection, inner_kind.map(|k| (k, None)));
            push(p, found, governed, cu, Kind::Rejection, cameo, None, first_inner);
        }
        return;
    }
    let (kind, cameo, from) = promise(p, cu, inner_kind, inner_cameo);
    push(p, found, governed, cu, kind, cameo, None, if from { first_inner } else { None });
}

/// What a promise is, from what is promised (`inner_kind`, when its complement holds an
/// event): sanctions agreed are imposed; several parties agreeing, or agreeing on a deal,
/// is an agreement; a promise of retaliation, sanctions, an offensive or any hostile act is
/// a threat; anything else an intent to cooperate (CAMEO 03x by what is promised). The
/// flag says whether the promised event is the one the new event is made from.
fn promise(
    p: &Parsed<'_, '_>,
    cu: &ControlUse,
    inner_kind: Option<Kind>,
    inner_cameo: Option<Cameo>,
) -> (Kind, Cameo, bool) {
    // "vowed to retaliate", "promised a harsh response", "swore revenge": a
    // promise of retaliation is a threat.
    let retaliation = inner_kind.is_none() && retaliation_cue(p, cu);
    // "ready to trigger the snapback of U.N. sanctions", "vowed new sanctions": a
    // promise of sanctions or an offensive is a threat.
    let hostile_object = inner_kind.is_none()
        && !retaliation
        && complement_head_has(p, cu, class::SANCTION | class::OFFENSIVE, 8);
    // "agreed on a ceasefire", not "agreed on Thursday to provide".
    let dated = p.tokens.get(cu.verb + 2).is_some_and(|t| {
        crate::calendar::weekday_from_name(&t.lower).is_some()
            || crate::calendar::month_from_name(t.text).is_some()
            || t.kind == super::tokens::TokenKind::Number
    });
    let agreement = cu.lemma == "agree"
        && (several_subjects(p, cu.verb)
            || p.tokens.get(cu.verb + 1).is_some_and(|t| {
                matches!(t.lower.as_ref(), "on" | "upon" | "with") && !(t.is("on") && dated)
            })
            || p.tokens.get(cu.verb + 1).is_some_and(|t| t.is("that"))
            || matches!(inner_kind, Some(Kind::Agreement | Kind::TreatySigned))
            || object_has(p, cu, class::DEAL | class::TREATY));
    // "EU ambassadors agreed on a 14th package of sanctions against Russia",
    // "ministers agreed new sanctions on Iran": agreeing sanctions imposes them.
    let agreed_sanctions = cu.lemma == "agree"
        && !matches!(inner_kind, Some(k) if k != Kind::SanctionsImposed)
        && (cu.complement_start..(cu.complement_start + 10).min(p.clause_end(cu.verb)))
            .any(|k| p.tokens[k].info.is_some_and(|i| i.classes & class::SANCTION != 0));
    if agreed_sanctions {
        (Kind::SanctionsImposed, Kind::SanctionsImposed.cameo(), true)
    } else if agreement {
        (Kind::Agreement, Kind::Agreement.cameo(), true)
    } else if retaliation {
        (Kind::Threat, act_code(Act::Threat, None), false)
    } else if hostile_object {
        let sanctions = complement_head_has(p, cu, class::SANCTION, 8);
        (Kind::Threat, threat_cameo(if sanctions { Kind::SanctionsImposed } else { Kind::Attack }), false)
    } else if let Some(kind) = inner_kind.filter(|k| is_hostile(*k)) {
        (Kind::Threat, threat_cameo(kind), true)
    } else {
        let cameo =
            inner_kind.map_or_else(|| commit_cameo_from_object(p, cu), |k| intent_cameo(k, inner_cameo));
        (Kind::IntentToCooperate, cameo, true)
    }
}

/// Directives: a demand on the one directed; an order to one's own officials or forces
/// is the state's own planned act.
fn directive(p: &Parsed<'_, '_>, found: &mut Found, governed: &mut Vec<Governed>, s: &Scope<'_>) {
    let cu = s.cu;
    let target = cu.object.or_else(|| complement_subject(p, cu)).or_else(|| holder(p, cu));
    // "instructed Foreign Minister Alicia Barcena to suspend relations", "ordered
    // the military to set up a buffer zone": an order to one's own officials or
    // forces is no demand of anyone; what is ordered is the state's own act.
    if own_order(p, cu) {
        let subject = subject_chunk(p, cu.verb);
        for &i in &s.inner {
            governed[i].planned = true;
            if found.triggers[i].actor_hint.is_none() {
                found.triggers[i].actor_hint = subject;
            }
        }
        return;
    }
    suppress(found, &s.inner);
    let cameo = demand_cameo(found, s.first_inner);
    push(p, found, governed, cu, Kind::Demand, cameo, target, s.first_inner);
}

/// Threats and warnings: a threat, addressed to the one warned; a warning with no hostile
/// act, consequence or addressee in it is no threat.
fn warning(p: &Parsed<'_, '_>, found: &mut Found, governed: &mut Vec<Governed>, s: &Scope<'_>) {
    let (cu, first_inner) = (s.cu, s.first_inner);
    let inner_kind = first_inner.map(|i| found.triggers[i].kind);
    let hostile = inner_kind.is_some_and(is_hostile);
    // "warned Iran of consequences", "warned that it would take firm
    // countermeasures", "warned that America would pay a heavy price".
    let consequences =
        object_has(p, cu, class::CONSEQUENCE) || complement_head_has(p, cu, class::CONSEQUENCE, 16);
    // "warned NATO against expanding", "warned the United States that ...": a
    // warning addressed to an actor; without one, the actor of the consequence
    // ("warned that America and Britain would pay").
    let warned = warned_actor(p, cu).or_else(|| warned_party(p, cu));
    if cu.lemma == "warn" && !hostile && !consequences && warned.is_none() {
        return;
    }
    suppress(found, &s.inner);
    let cameo = act_code(Act::Threat, inner_kind.map(|k| (k, None)));
    push(p, found, governed, cu, Kind::Threat, cameo, warned, first_inner);
}

/// "\"Russia must withdraw all its troops,\" Macron told reporters": an obligation told
/// before a closing attribution is the speaker's demand of its subject, as it is after
/// "said that".
fn closing_obligation(p: &Parsed<'_, '_>, found: &mut Found, governed: &mut Vec<Governed>) {
    let Some(src) = super::attribution::sentence_source(p) else { return };
    let Some(speaker) = src.chunk.and_then(|c| p.chunks[c].actor) else { return };
    let Some(verb) = (src.start..src.end.min(p.tokens.len())).find(|&k| {
        p.chunk_of[k].is_none()
            && p.tokens[k]
                .info
                .and_then(|i| i.verb)
                .is_some_and(|(l, _)| lexicon::lemma(l).control == Some(Control::Speech))
    }) else {
        return;
    };
    // A sentence with its own reporting or directing verb before the attribution has had
    // its obligations read already.
    if found
        .controls
        .iter()
        .any(|c| c.verb < src.start && matches!(c.control, Control::Speech | Control::Direct))
    {
        return;
    }
    let mut start = 0;
    while start < src.start && p.tokens[start].kind != TokenKind::Word {
        start += 1;
    }
    let cu = ControlUse {
        verb,
        control: Control::Speech,
        complement_start: start,
        complement_end: src.start,
        object: None,
        lemma: "say",
        reduced: false,
    };
    let Some(target) = obligation_subject(p, &cu) else { return };
    if p.chunks[target].actor.is_some_and(|a| a.code == speaker.code) {
        return;
    }
    let inner: Vec<usize> = (0..found.triggers.len())
        .filter(|&i| {
            let t = &found.triggers[i];
            t.anchor >= cu.complement_start && t.anchor < cu.complement_end && !t.suppressed
        })
        .collect();
    let first_inner = inner.first().copied();
    suppress(found, &inner);
    push(p, found, governed, &cu, Kind::Demand, demand_cameo(found, first_inner), Some(target), None);
}

fn suppress(found: &mut Found, inner: &[usize]) {
    for &i in inner {
        found.triggers[i].suppressed = true;
    }
}

/// Adds a trigger made by a control at the control verb, replacing a rule-made trigger on
/// the same word ("threatened" is both).
#[allow(clippy::too_many_arguments)] // each argument is a distinct part of the new event
fn push(
    p: &Parsed<'_, '_>,
    found: &mut Found,
    governed: &mut Vec<Governed>,
    cu: &ControlUse,
    kind: Kind,
    cameo: Cameo,
    target_hint: Option<usize>,
    inner: Option<usize>,
) {
    // "is committed to", "is prepared to" are adjectives, not passives.
    let adjectival = p.tokens[cu.verb].cue(cue::COMMITMENT);
    let passive = !adjectival
        && p.tokens[cu.verb]
            .info
            .and_then(|i| i.verb)
            .is_some_and(|(_, form)| super::triggers::is_passive(p, cu.verb, form));
    let mut inherited = Governed::default();
    for (i, t) in found.triggers.iter_mut().enumerate() {
        if t.anchor == cu.verb && !t.from_control {
            t.suppressed = true;
            if let Some(g) = governed.get(i) {
                inherited = g.clone();
            }
        }
    }
    let specificity = match kind {
        Kind::Demand | Kind::Rejection | Kind::Threat => 0.8,
        Kind::Agreement => 0.75,
        _ => 0.65,
    };
    found.triggers.push(Trigger {
        anchor: cu.verb,
        kind,
        cameo,
        specificity,
        nominal: false,
        flags: RuleFlags { sym: kind == Kind::Agreement, ..RuleFlags::default() },
        passive,
        object_end: cu.complement_start,
        anaphoric: false,
        infinitive: super::triggers::preceded_by_to(&p.tokens, cu.verb),
        from_control: true,
        target_hint,
        actor_hint: None,
        suppressed: false,
        bounded: false,
        rule: None,
    });
    governed.push(Governed { inner, ..inherited });
}

/// The token span of the subject of the clause holding `verb` (the source of a report).
fn source_span(p: &Parsed<'_, '_>, verb: usize) -> Option<(usize, usize)> {
    if let Some(c) = subject_chunk(p, verb) {
        let members = p.group(c);
        let first = members.first().copied().unwrap_or(c);
        let last = members.last().copied().unwrap_or(c);
        return Some((p.chunks[first].start, p.chunks[last].end));
    }
    let clause = p.clause(verb);
    let mut start = clause.start;
    if clause.opener.is_some() {
        start += 1;
    }
    let mut end = verb;
    while end > start && p.tokens[end - 1].info.is_some_and(|i| i.flags & (func::AUX | func::ADVERB) != 0) {
        end -= 1;
    }
    (end > start && end - start <= 8).then_some((start, end))
}

/// Whether a directive is an order to the director's own officials or forces: "ordered",
/// "instructed", "directed" or "tasked" with an object that is an organ or official named
/// without a state of its own ("the military", "Foreign Minister Alicia Barcena", "state
/// oil company PDVSA"), or of the same state as the subject.
fn own_order(p: &Parsed<'_, '_>, cu: &ControlUse) -> bool {
    if !p.tokens[cu.verb].cue(cue::ORDER) {
        return false;
    }
    use geoevents_domain::Sector;
    // The object: between the verb and the "to" of its complement.
    let Some(end) = (cu.verb + 1..(cu.verb + 10).min(p.tokens.len())).find(|&k| p.tokens[k].is("to")) else {
        return false;
    };
    if end <= cu.verb + 1 {
        return false;
    }
    let span = cu.verb + 1..end;
    // "he had instructed": a pronoun subject is the speaker of the clause around it.
    let mut subject_code = None;
    let mut ci = p.clause_of.get(cu.verb).copied();
    for _ in 0..3 {
        let Some(c) = ci else { break };
        if let Some(s) = p.clauses[c].subject
            && p.chunks[s].pronoun.is_none()
        {
            // A judge or court ordering someone to appear makes a legal demand.
            if p.chunks[s].sector == Some(Sector::Judiciary) {
                return false;
            }
            subject_code = p.chunks[s].actor.map(|a| a.code.as_str());
            break;
        }
        ci = p.clauses[c].parent;
    }
    let named: Vec<&str> = span
        .clone()
        .filter_map(|k| p.chunk_of[k])
        .filter(|&c| p.chunks[c].pronoun.is_none())
        .filter_map(|c| p.chunks[c].actor.map(|a| a.code.as_str()))
        .collect();
    if !named.is_empty() {
        return subject_code.is_some() && named.iter().all(|c| Some(*c) == subject_code);
    }
    let organ = |k: usize| {
        let t = &p.tokens[k];
        t.info.is_some_and(|i| {
            i.title.is_some()
                || matches!(
                    i.agent,
                    Some(
                        Sector::Government
                            | Sector::Military
                            | Sector::Police
                            | Sector::Leader
                            | Sector::Business
                    )
                )
        })
    };
    // "ordered former president Carlos Menem to appear" is no order to one's official.
    span.clone().any(organ)
        && !span.clone().any(|k| p.tokens[k].is("former"))
        && !span.clone().any(|k| p.chunk_of[k].is_some_and(|c| p.chunks[c].pronoun.is_some()))
}

fn subject_chunk(p: &Parsed<'_, '_>, verb: usize) -> Option<usize> {
    let ci = p.clause_of.get(verb).copied()?;
    clause_subject(p, ci, verb).map(|(c, _)| c)
}

/// "Peru and Chile agreed", "the two sides agreed": a subject of two or more parties.
fn several_subjects(p: &Parsed<'_, '_>, verb: usize) -> bool {
    subject_chunk(p, verb).is_some_and(|c| p.group(c).len() >= 2 || p.is_pair_phrase(c))
}

fn object_has(p: &Parsed<'_, '_>, cu: &ControlUse, bits: lexicon::Classes) -> bool {
    (cu.verb + 1..(cu.verb + 8).min(p.tokens.len()))
        .any(|k| p.tokens[k].info.is_some_and(|i| i.classes & bits != 0))
}

/// The subject of a reported complement whose verb group says "must/should/has to".
fn obligation_subject(p: &Parsed<'_, '_>, cu: &ControlUse) -> Option<usize> {
    if cu.control != Control::Speech {
        return None;
    }
    let subject = complement_subject(p, cu)?;
    let after = p.chunks[subject].end;
    let must = (after..(after + 8).min(cu.complement_end)).any(|k| {
        let t = &p.tokens[k];
        t.info.is_some_and(|i| i.flags & func::MUST != 0)
            || (matches!(t.lower.as_ref(), "has" | "have" | "needs" | "need")
                && p.tokens.get(k + 1).is_some_and(|n| n.is("to")))
    });
    must.then_some(subject)
}

/// The subject of the complement clause ("demanded that the US cancel ...").
fn complement_subject(p: &Parsed<'_, '_>, cu: &ControlUse) -> Option<usize> {
    let mut k = cu.complement_start;
    while k < cu.complement_end && p.tokens[k].info.is_some_and(|i| i.flags & (func::DET | func::SUBORD) != 0)
    {
        k += 1;
    }
    let c = p.chunk_of.get(k).copied().flatten()?;
    (p.chunks[c].agentive || p.chunks[c].actor.is_some()).then_some(c)
}

/// "demanded the release of prisoners held by Israel": who holds what is demanded is the
/// one asked to act.
fn holder(p: &Parsed<'_, '_>, cu: &ControlUse) -> Option<usize> {
    let end = cu.complement_end.min(p.tokens.len());
    (cu.complement_start..end.saturating_sub(1)).find_map(|k| {
        let held = p.tokens[k].cue(cue::CAPTIVITY);
        let by = p.tokens[k + 1].is("by");
        let c = p.chunk_of.get(k + 2).copied().flatten()?;
        (held && by && p.chunks[c].actor.is_some()).then_some(c)
    })
}

/// The actor right after "warn" when "against", "of", "not" or a that-clause follows it
/// ("warned the United States on Saturday that ...").
fn warned_actor(p: &Parsed<'_, '_>, cu: &ControlUse) -> Option<usize> {
    let mut k = cu.verb + 1;
    while p.tokens.get(k).is_some_and(|t| t.info.is_some_and(|i| i.flags & func::DET != 0)) {
        k += 1;
    }
    let c = p.chunk_of.get(k).copied().flatten()?;
    let chunk = &p.chunks[c];
    let mut after = chunk.end;
    // A time phrase may sit between the object and its that-clause.
    while p.tokens.get(after).is_some_and(|t| {
        matches!(t.lower.as_ref(), "on" | "again" | "repeatedly")
            || t.cue(cue::DAY_DEICTIC)
            || crate::calendar::weekday_from_name(&t.lower).is_some()
    }) {
        after += 1;
    }
    let next = p.tokens.get(after)?;
    let addressed = matches!(next.lower.as_ref(), "against" | "of" | "not" | "that")
        || p.chunk_of.get(after).copied().flatten().is_some_and(|n| p.chunks[n].pronoun.is_some());
    (chunk.actor.is_some() && addressed).then_some(c)
}

/// "warned that America and Britain would pay a heavy price": the subject of the warning's
/// complement, when it names someone other than the one warning.
fn warned_party(p: &Parsed<'_, '_>, cu: &ControlUse) -> Option<usize> {
    let c = complement_subject(p, cu)?;
    let chunk = &p.chunks[c];
    let code = |x: usize| p.chunks[x].actor.map(|a| a.country.as_deref().unwrap_or(a.code.as_str()));
    let own = subject_chunk(p, cu.verb)
        .is_some_and(|s| p.chunks[s].group == chunk.group || code(s).is_some() && code(s) == code(c));
    (chunk.actor.is_some() && chunk.pronoun.is_none() && !own).then_some(c)
}

/// "vowed to retaliate", "swore revenge", "promised a harsh response", "vowed to respond
/// with force": what is promised is retaliation. "Respond" and "response" alone are not
/// enough ("promised to respond to the needs of flood victims").
fn retaliation_cue(p: &Parsed<'_, '_>, cu: &ControlUse) -> bool {
    let end = cu.complement_end.min(cu.complement_start + 6).min(p.tokens.len());
    let has = |k: usize, bits: u128| p.tokens.get(k).is_some_and(|t| t.cue(bits));
    let clear = (cu.complement_start..end).any(|k| has(k, cue::REPRISAL));
    // "ready to take further measures against vessels of the shadow fleet".
    let against = |k: usize| p.tokens.get(k).is_some_and(|t| t.is("against"));
    let measures_against = (cu.complement_start..end.saturating_sub(1)).any(|k| {
        has(k, cue::MEASURES | cue::ACTION | cue::REPRISAL)
            && (against(k + 1) || (k + 2 < end && against(k + 2)))
    }) || (cu.complement_end > end
        && (end.saturating_sub(2)..(end + 3).min(cu.complement_end))
            .any(|k| has(k, cue::MEASURES | cue::ACTION) && against(k + 1)));
    let clear = clear || measures_against;
    let response = (cu.complement_start..end).any(|k| has(k, cue::RESPONSE | cue::RESPOND));
    let forceful =
        (cu.complement_start..(end + 4).min(cu.complement_end).max(end)).any(|k| has(k, cue::FORCE));
    let respond = |k: usize| has(k, cue::RESPOND);
    // "vowed to respond", "will respond accordingly": a response to nothing named is one to
    // what was just done to the speaker, not a reply to a letter ("respond to the offer").
    let bare_response = (cu.complement_start..end).any(|k| {
        respond(k)
            && p.tokens.get(k + 1).is_none_or(|n| {
                k + 1 >= cu.complement_end
                    || n.is_clause_punct()
                    || n.cue(cue::RESPONSE_MANNER)
                    || n.is("in")
                    || n.text == "."
            })
    });
    // "vowed to respond to any NATO deployment in Finland": a response to a hostile act is
    // retaliation.
    let answers_hostility = (cu.complement_start..end).any(|k| {
        respond(k)
            && p.tokens.get(k + 1).is_some_and(|t| t.is("to"))
            && (k + 2..(k + 6).min(cu.complement_end).min(p.tokens.len())).any(|j| {
                let t = &p.tokens[j];
                t.info.is_some_and(|i| {
                    i.classes & (class::TROOPS | class::OFFENSIVE | class::SANCTION | class::STRIKE) != 0
                }) || t.cue(cue::HOSTILE_ACT)
            })
    });
    clear || (response && forceful) || bare_response || answers_hostility
}

/// Whether the first `window` tokens of a control's complement hold a word of `bits`.
fn complement_head_has(p: &Parsed<'_, '_>, cu: &ControlUse, bits: lexicon::Classes, window: usize) -> bool {
    let end = cu.complement_end.min(cu.complement_start + window).min(p.tokens.len());
    (cu.complement_start..end).any(|k| p.tokens[k].info.is_some_and(|i| i.classes & bits != 0))
}

/// Kinds that hurt their target: promised, they are threats.
pub fn is_hostile(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Attack
            | Kind::ArmedClash
            | Kind::Coercion
            | Kind::SanctionsImposed
            | Kind::DiplomaticDowngrade
            | Kind::Protest
            | Kind::Threat
    )
}

/// Kinds that help their target: planned, they are intents to cooperate.
pub fn is_cooperative(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Agreement
            | Kind::TreatySigned
            | Kind::TreatyRatified
            | Kind::DiplomaticSupport
            | Kind::Meeting
            | Kind::MilitaryCooperation
            | Kind::EconomicCooperation
            | Kind::MilitaryAid
            | Kind::HumanitarianAid
            | Kind::EconomicAid
            | Kind::Concession
            | Kind::SanctionsEased
            | Kind::Withdrawal
    )
}

/// CAMEO 13x for a threatened act of `kind`.
pub fn threat_cameo(kind: Kind) -> Cameo {
    act_code(Act::Threat, Some((kind, None)))
}

/// CAMEO 03x for a promised action (`cameo`: the action's own code). Material cooperation
/// takes CAMEO's four-digit codes, so the event says what is offered ("offer intelligence"
/// is 0314).
pub fn intent_cameo(kind: Kind, cameo: Option<Cameo>) -> Cameo {
    act_code(Act::Intent, Some((kind, cameo)))
}

fn commit_cameo_from_object(p: &Parsed<'_, '_>, cu: &ControlUse) -> Cameo {
    intent_code_by_object(|bits| object_has(p, cu, bits))
}

/// CAMEO 12x for a refused action.
pub fn rejection_cameo(kind: Kind) -> Cameo {
    act_code(Act::Rejection, Some((kind, None)))
}

/// A refusal verb that is a rejection trigger of its own with a code more specific than the
/// kind's ("vetoed": 129) keeps that code.
fn own_rejection_code(p: &Parsed<'_, '_>, cu: &ControlUse) -> Option<Cameo> {
    let (lemma, _) = p.tokens[cu.verb].info?.verb?;
    lexicon::lemma(lemma).verb_rules.iter().find_map(|r| {
        r.outcome
            .filter(|&(kind, code)| kind == Kind::Rejection && code != Kind::Rejection.cameo())
            .map(|(_, c)| c)
    })
}

/// CAMEO 10x for a demanded action.
fn demand_cameo(found: &Found, inner: Option<usize>) -> Cameo {
    act_code(Act::Demand, inner.map(|i| (found.triggers[i].kind, None)))
}

/// "will not accept", "does not recognise": a refusal stated for the present or future.
fn add_refusals(p: &Parsed<'_, '_>, found: &mut Found, governed: &mut Vec<Governed>) {
    for (i, t) in p.tokens.iter().enumerate() {
        let Some((lemma_index, _)) = t.info.and_then(|x| x.verb) else { continue };
        if !lexicon::lemma(lemma_index).refusable {
            continue;
        }
        let mut negated = false;
        let mut stated = false;
        let mut k = i;
        while k > 0 {
            k -= 1;
            let w = &p.tokens[k];
            let flags = w.info.map_or(0, |x| x.flags);
            if flags & func::NEG != 0 {
                negated = true;
                if matches!(w.lower.as_ref(), "won't" | "doesn't" | "don't") {
                    stated = true;
                }
            } else if flags & func::FUTURE != 0 || matches!(w.lower.as_ref(), "does" | "do" | "would") {
                stated = true;
            } else if flags & func::ADVERB == 0 {
                break;
            }
        }
        if negated && stated {
            let cu = ControlUse {
                verb: i,
                control: Control::Refuse,
                complement_start: i + 1,
                complement_end: p.clause_end(i),
                object: None,
                lemma: "refuse",
                reduced: false,
            };
            let inner: Vec<usize> = (0..found.triggers.len())
                .filter(|&j| found.triggers[j].anchor >= i && found.triggers[j].anchor < cu.complement_end)
                .collect();
            suppress(found, &inner);
            push(p, found, governed, &cu, Kind::Rejection, act_code(Act::Rejection, None), None, None);
            if let Some(last) = found.triggers.last_mut() {
                last.specificity = 0.6;
            }
        }
    }
}

/// Whether a control verb's complement opens with a negation: "vowed not to ...", "promised
/// never to ...".
fn negated_complement(p: &Parsed<'_, '_>, cu: &ControlUse) -> bool {
    let end = (cu.verb + 3).min(cu.complement_end).min(p.tokens.len());
    (cu.verb + 1..end).any(|k| p.tokens[k].info.is_some_and(|i| i.flags & super::lexicon::func::NEG != 0))
}
