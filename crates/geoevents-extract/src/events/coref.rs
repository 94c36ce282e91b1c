//! Within-article merging: the same event mentioned twice becomes one event with two
//! evidence spans.
//!
//! Two mentions are the same event when their kinds share a family, their actors share a
//! code, their targets are compatible (equal, or one missing: the missing one is filled in),
//! and their places and explicit dates do not contradict each other. Across sentences the
//! kinds must also be equal: the family groups humanitarian and military aid, but
//! humanitarian aid given is not the military aid mooted two paragraphs later. A mention
//! without an actor merges only with one in the same sentence ("killed ... in a car
//! bombing") or with the same target.
//!
//! Violence told without an actor ("strikes were reported in Kyiv and Lviv") within three
//! sentences of an attributed event of its family against the same target is that event,
//! and only adds evidence.
//!
//! A *reference* (merge-only mention) never creates an event: an anaphoric noun ("this
//! troop dispatch", "the ratification"), a noun without an actor of its own, a noun in a
//! cause or time phrase ("after Russia's annexation of Crimea"), a standalone noun without
//! a target ("Moscow's ratification of the pact"), a hypothetical or negated mention
//! without a target. It joins the most recent event of its family whose actor and target
//! are missing or equal to its own, and only adds its evidence; with no such event it is
//! counted (`reference_without_event`) and dropped.
//!
//! The merged modality is the strongest of the mentions (asserted > claimed > planned >
//! hypothetical > negated). Its quantity is the first one stated at that modality, so a
//! projection ("could rise to as many as 12,000") never becomes an assertion of the bigger
//! number. The kind and CAMEO code come from the strongest mention.

use std::collections::HashMap;

use geoevents_domain::{Cameo, ExtractedEvent, Family, Quantity};

/// One mention of an event, as the sentence stage produced it.
#[derive(Debug, Clone)]
pub struct EventMention {
    /// The event as seen in this one sentence (one evidence span).
    pub event: ExtractedEvent,
    /// Refers back ("this troop dispatch"), or too weak to stand alone ("the potential
    /// deployment of North Korean forces"): it only adds evidence to an event that exists.
    pub merge_only: bool,
    /// Index of the sentence.
    pub sentence: usize,
    /// Registry name of the actor, for the summary.
    pub actor_name: Option<String>,
    /// Registry name of the target, for the summary.
    pub target_name: Option<String>,
    /// The event states the actor's own words (a statement or a self-report): a quote by
    /// the actor in the next sentence may belong to it.
    pub speech: bool,
    /// The target was inferred (from the place, a pronoun, another clause) rather than
    /// named as the object: a named one told in the same sentence replaces it.
    pub target_inferred: bool,
}

/// A merged event, before its summary and confidence are finalised.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The event.
    pub event: ExtractedEvent,
    /// Confidence of each mention.
    pub scores: Vec<f32>,
    /// Quantities with the strength of the modality they were stated at.
    pub quantities: Vec<(Quantity, u8)>,
    /// Registry name of the actor.
    pub actor_name: Option<String>,
    /// Registry name of the target.
    pub target_name: Option<String>,
    /// Sentences it was mentioned in.
    pub sentences: Vec<usize>,
    /// Whether it carries the actor's own words.
    pub speech: bool,
    /// Whether its target was inferred rather than named.
    pub target_inferred: bool,
}

const MAX_CANDIDATES: usize = 32;

/// How far back a later mention looks for the event it refers to, in events: bounds the
/// work per mention on pathological input, and a reference further back than this is not
/// one a reader would resolve either.
const MAX_REFERENCE_DISTANCE: usize = 64;

/// How many sentences after an attributed event an unattributed mention of violence
/// against the same target is taken for it.
const UNATTRIBUTED_REACH: usize = 3;

/// Merges the mentions of an article, in order. Returns the events and how many mentions
/// only referred back (merge-only) and found no event to join.
pub fn merge(mentions: Vec<EventMention>) -> (Vec<Merged>, usize) {
    let mut out: Vec<Merged> = Vec::new();
    let mut unattached = 0;
    let mut by_key: HashMap<(Family, Option<String>), Vec<usize>> = HashMap::new();
    for m in mentions {
        let family = m.event.kind.family();
        if m.merge_only {
            // A reference joins the most recent event it can be: same family, actor and
            // target missing or equal, place and date not contradicting.
            let start = out.len().saturating_sub(MAX_REFERENCE_DISTANCE);
            let found = (start..out.len()).rev().find(|&i| refers_to(&out[i], &m));
            match found {
                Some(i) => add_evidence(&mut out[i], m),
                None => unattached += 1,
            }
            continue;
        }
        // "Strikes were reported in Kyiv, Odesa and Lviv" right after "Russia launched one
        // of its largest attacks": violence told without an actor, against the target of an
        // attributed event of its family a few sentences before, is that event.
        if m.event.actor.is_none()
            && let Some(target) = m.event.target.as_ref().map(|t| t.code.clone())
        {
            let start = out.len().saturating_sub(MAX_REFERENCE_DISTANCE);
            let same = (start..out.len()).rev().find(|&i| {
                let e = &out[i];
                e.event.kind.family() == family
                    && e.event.actor.is_some()
                    && e.event.target.as_ref().is_some_and(|t| t.code == target)
                    && e.sentences.iter().any(|&s| m.sentence.saturating_sub(s) <= UNATTRIBUTED_REACH)
                    && dates_agree(&e.event, &m.event)
            });
            if let Some(i) = same {
                add_evidence(&mut out[i], m);
                continue;
            }
        }
        let key = (family, m.event.actor.as_ref().map(|a| a.code.clone()));
        let candidates = by_key.entry(key).or_default();
        let target = candidates.iter().rev().take(MAX_CANDIDATES).copied().find(|&i| compatible(&out[i], &m));
        match target {
            Some(i) => absorb(&mut out[i], m),
            None => {
                candidates.push(out.len());
                let strength = m.event.modality.strength();
                let quantities = m.event.quantity.clone().map(|q| vec![(q, strength)]).unwrap_or_default();
                out.push(Merged {
                    scores: vec![m.event.confidence],
                    quantities,
                    actor_name: m.actor_name,
                    target_name: m.target_name,
                    sentences: vec![m.sentence],
                    speech: m.speech,
                    target_inferred: m.target_inferred,
                    event: m.event,
                });
            }
        }
    }
    for merged in &mut out {
        let strength = merged.event.modality.strength();
        merged.event.quantity =
            merged.quantities.iter().find(|(_, s)| *s == strength).map(|(q, _)| q.clone());
    }
    (out, unattached)
}

/// Whether a merge-only mention (a reference: "the ratification", "Moscow's ratification of
/// the pact", "this troop dispatch") can be a later mention of `existing`.
fn refers_to(existing: &Merged, m: &EventMention) -> bool {
    let a = &existing.event;
    let b = &m.event;
    if a.kind.family() != b.kind.family() {
        return false;
    }
    let same_code = |x: &Option<geoevents_domain::Actor>, y: &Option<geoevents_domain::Actor>| match (x, y) {
        (Some(x), Some(y)) => x.code == y.code,
        _ => true,
    };
    // A reference that names an actor needs an event with that actor; one that names none
    // fits any.
    let actor_ok = b.actor.is_none() || (a.actor.is_some() && same_code(&a.actor, &b.actor));
    let places_ok = match (&a.location, &b.location) {
        (Some(x), Some(y)) => x.country == y.country,
        _ => true,
    };
    actor_ok && same_code(&a.target, &b.target) && places_ok && dates_agree(a, b)
}

/// Explicit dates must overlap; inferred windows never contradict.
fn dates_agree(a: &ExtractedEvent, b: &ExtractedEvent) -> bool {
    match (&a.when, &b.when) {
        (Some(x), Some(y)) if x.text.is_some() && y.text.is_some() && x.text.as_deref() != Some("recent") => {
            x.start <= y.end && y.start <= x.end
        }
        _ => true,
    }
}

fn compatible(existing: &Merged, m: &EventMention) -> bool {
    let a = &existing.event;
    let b = &m.event;
    // Kinds of one family are the same event only in one sentence ("clashed ... attack") or
    // through a weak mention; humanitarian aid is not the military aid mooted later.
    if a.kind != b.kind && !m.merge_only && !existing.sentences.contains(&m.sentence) {
        return false;
    }
    if a.actor.is_none() && b.actor.is_none() && existing.sentences.contains(&m.sentence) {
        // Unattributed violence told twice in one sentence ("a bombing killed one soldier
        // and wounded two others") is one attack.
        return true;
    }
    if a.actor.is_none() && !existing.sentences.contains(&m.sentence) {
        let same_target = matches!((&a.target, &b.target), (Some(x), Some(y)) if x.code == y.code);
        if !same_target {
            return false;
        }
    }
    let targets_ok = match (&a.target, &b.target) {
        (Some(x), Some(y)) => x.code == y.code,
        _ => true,
    };
    let places_ok = match (&a.location, &b.location) {
        (Some(x), Some(y)) => x.country == y.country,
        _ => true,
    };
    targets_ok && places_ok && dates_agree(a, b)
}

/// How much a CAMEO code says: four digits more than three, a root code ("030") least, and
/// an offer to meet ("036") less than an offer of something material.
fn cameo_detail(code: Cameo) -> u8 {
    match code.as_str() {
        _ if code.depth() >= 4 => 3,
        c if c.ends_with('0') => 0,
        "036" => 1,
        _ => 2,
    }
}

/// Adds a weak mention's evidence without letting it change the event.
fn add_evidence(into: &mut Merged, m: EventMention) {
    let e = &mut into.event;
    if !e.evidence.iter().any(|x| m.event.evidence.iter().any(|y| x.start == y.start && x.end == y.end)) {
        e.evidence.extend(m.event.evidence);
        e.evidence.sort_by_key(|x| x.start);
        into.scores.push(m.event.confidence);
    }
    if !into.sentences.contains(&m.sentence) {
        into.sentences.push(m.sentence);
    }
}

/// Adds a full mention: it may fill in what the event lacked (target, place, explicit
/// date) and raise its modality.
fn absorb(into: &mut Merged, m: EventMention) {
    let b = m.event;
    let e = &mut into.event;
    if !e.evidence.iter().any(|x| b.evidence.iter().any(|y| x.start == y.start && x.end == y.end)) {
        e.evidence.extend(b.evidence);
        e.evidence.sort_by_key(|x| x.start);
    }
    let same_sentence = into.sentences.contains(&m.sentence);
    if !same_sentence {
        into.sentences.push(m.sentence);
    }
    into.scores.push(b.confidence);
    // "A roadside bombing near Samarra killed one U.S. soldier": the victim the verb names
    // beats the country the noun's place implied.
    let named_beats_inferred = into.target_inferred && !m.target_inferred && same_sentence;
    if b.target.is_some() && (e.target.is_none() || named_beats_inferred) {
        e.target = b.target;
        into.target_name = m.target_name;
        into.target_inferred = m.target_inferred;
    }
    if e.location.is_none() {
        e.location = b.location;
    }
    if e.attribution.is_none() {
        e.attribution = b.attribution;
    }
    if e.quote.is_none() {
        e.quote = b.quote;
    }
    let when_is_inferred = e.when.as_ref().is_none_or(|w| w.text.is_none());
    if when_is_inferred && b.when.as_ref().is_some_and(|w| w.text.is_some()) {
        e.when = b.when;
    }
    if let Some(q) = b.quantity {
        into.quantities.push((q, b.modality.strength()));
    }
    if b.modality.strength() > e.modality.strength() {
        e.modality = b.modality;
        e.kind = b.kind;
        e.cameo = b.cameo;
    } else if same_sentence
        && b.kind == e.kind
        && b.modality == e.modality
        && cameo_detail(b.cameo) > cameo_detail(e.cameo)
    {
        // "is contemplating sending officials to Ukraine to offer intelligence": one
        // intent, told by its means and by its purpose; the purpose says more.
        e.cameo = b.cameo;
    }
    into.speech |= m.speech;
}
