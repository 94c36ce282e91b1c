//! Finding triggers in a sentence: verbs (with their object deciding the kind), light verbs
//! hosting a trigger noun ("provided humanitarian aid"), standalone nouns with their own
//! actor ("North Korea's troop deployment"), and controlling verbs ("urged X to", "said
//! that", "is contemplating").
//!
//! Verbs go first; a trigger noun inside a verb's object is consumed by that verb, so
//! "joined sanctions" is one event, not two. A noun is read as a verb or a noun from its
//! left neighbour (a determiner or modifier makes a noun; an auxiliary, "to" or a subject
//! makes a verb).

use geoevents_domain::{Cameo, Kind};

use super::lexicon::{self, Classes, Control, Fixed, Rule, RuleFlags, VerbForm, class, cue, func};
use super::parsed::Parsed;
use super::phrases::is_verb_like;
use super::tokens::{Token, TokenKind, fixed_at};

/// A trigger: where an event is said, what kind it is and how it was found.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// The token the event hangs on (the verb, or the noun when standalone).
    pub anchor: usize,
    /// The event kind.
    pub kind: Kind,
    /// CAMEO code.
    pub cameo: Cameo,
    /// Specificity of the rule, in [0, 1].
    pub specificity: f32,
    /// Found on a noun ("the deployment of ...") rather than a verb.
    pub nominal: bool,
    /// Rule flags.
    pub flags: RuleFlags,
    /// A verb in the passive voice.
    pub passive: bool,
    /// End (exclusive) of the verb's object window.
    pub object_end: usize,
    /// "this troop dispatch": refers back to an earlier mention.
    pub anaphoric: bool,
    /// Preceded by "to".
    pub infinitive: bool,
    /// Created by a controlling verb (demand, rejection, threat, pledge).
    pub from_control: bool,
    /// A phrase to use as target before any other rule (set by controls).
    pub target_hint: Option<usize>,
    /// A phrase to use as actor (set by controls: "is preparing a new offensive").
    pub actor_hint: Option<usize>,
    /// Dropped: inside a demand, a question or a refusal.
    pub suppressed: bool,
    /// The lexicon rule that made it ([`lexicon::Rule::id`]), when one did.
    pub rule: Option<u16>,
    /// The target must be found before `object_end` ("called the launch a grave
    /// provocation": the launch's author, not the resolutions named in the label).
    pub bounded: bool,
}

/// A controlling verb and the complement it governs.
#[derive(Debug, Clone)]
pub struct ControlUse {
    /// The verb token.
    pub verb: usize,
    /// Its kind.
    pub control: Control,
    /// The first token of the complement.
    pub complement_start: usize,
    /// One past the last token of the complement.
    pub complement_end: usize,
    /// The object phrase of a directive ("urged Moscow").
    pub object: Option<usize>,
    /// The lemma.
    pub lemma: &'static str,
    /// A participle modifying the noun before it ("a meeting aimed at ..."): not a verb
    /// of the clause's subject.
    pub reduced: bool,
}

/// The triggers and controls of one sentence.
pub struct Found {
    /// Event triggers in token order.
    pub triggers: Vec<Trigger>,
    /// Controlling verbs in token order.
    pub controls: Vec<ControlUse>,
    /// Blocking rules (`-> none`) that held, by rule id: candidates the lexicon turned down.
    pub blocked: Vec<u16>,
}

const MAX_OBJECT: usize = 8;

/// Finds every trigger and controlling verb in a parsed sentence: verbs first (a trigger
/// noun inside a verb's object is consumed by it), then adjectives and standalone nouns,
/// then what one trigger says about another ("drew a rebuke from", a demand's control).
pub fn find(p: &Parsed<'_, '_>) -> Found {
    let mut f = Finder {
        consumed: vec![false; p.tokens.len()],
        found: Found { triggers: Vec::new(), controls: Vec::new(), blocked: Vec::new() },
    };
    for i in 0..p.tokens.len() {
        verb_at(p, i, &mut f);
    }
    for i in 0..p.tokens.len() {
        non_verb_at(p, i, &mut f);
    }
    let Finder { mut found, .. } = f;
    drawn_criticism(p, &mut found.triggers);
    found.triggers.sort_by_key(|t| t.anchor);
    for t in &found.triggers {
        if t.kind == Kind::Demand
            && !t.nominal
            && !found.controls.iter().any(|c| c.verb == t.anchor)
            && let Some(c) = demand_noun_control(p, t)
        {
            found.controls.push(c);
        }
    }
    found.controls.sort_by_key(|c| c.verb);
    found
}

/// What [`find`] has found so far, and the tokens a verb's object has consumed.
struct Finder {
    consumed: Vec<bool>,
    found: Found,
}

impl Finder {
    fn consume(&mut self, from: usize, to: usize) {
        for c in self.consumed.iter_mut().take(to).skip(from) {
            *c = true;
        }
    }
}

impl Trigger {
    /// A trigger made by a lexicon rule at `anchor`, with nothing borrowed or hinted.
    fn of_rule(anchor: usize, rule: &Rule, flags: RuleFlags, object_end: usize) -> Self {
        let (kind, cameo) = rule.outcome.unwrap_or((Kind::PolicyStatement, Kind::PolicyStatement.cameo()));
        Trigger {
            anchor,
            kind,
            cameo,
            specificity: rule.specificity,
            nominal: false,
            flags,
            passive: false,
            object_end,
            anaphoric: false,
            infinitive: false,
            from_control: false,
            target_hint: None,
            actor_hint: None,
            suppressed: false,
            bounded: false,
            rule: Some(rule.id),
        }
    }
}

/// A verb's object as the rules read it.
struct VerbObject<'a> {
    /// The word after the verb (or after "by phone"), when it may be a particle.
    particle: Option<&'a str>,
    /// Where the object starts and ends (exclusive).
    start: usize,
    end: usize,
    /// The classes of the object's words (and, for a passive verb, of its subject's).
    profile: Classes,
    passive: bool,
}

/// Reads the object of the verb at `i`.
fn verb_object<'a>(
    p: &'a Parsed<'_, '_>,
    i: usize,
    lemma: &lexicon::Lemma,
    form: VerbForm,
) -> VerbObject<'a> {
    let tokens = &p.tokens;
    // "spoke by phone with": a means of talking sits between the verb and its particle.
    let by_phone = tokens.get(i + 1).is_some_and(|t| t.is("by"))
        && tokens.get(i + 2).is_some_and(|t| t.cue(cue::MEANS_OF_TALK));
    let at = if by_phone { i + 3 } else { i + 1 };
    let particle = tokens.get(at).filter(|n| n.kind == TokenKind::Word).map(|n| n.lower.as_ref());
    let start = if lemma.verb_rules.iter().any(|r| r.particle.is_some() && r.particle == particle) {
        at + 1
    } else {
        i + 1
    };
    let passive = is_passive(p, i, form);
    // "revoked with immediate effect a cooperation agreement": the phrase of manner
    // before the object is no part of it.
    let start = fixed_at(tokens, start, Fixed::WithEffect).unwrap_or(start);
    let (mut profile, mut end) = object_profile(p, start);
    // "provide Ukraine with a $50 billion loan": what is given follows "with".
    if tokens[i].cue(cue::GIVE_WITH) && end > start && tokens.get(end).is_some_and(|t| t.is("with")) {
        let (given, given_end) = object_profile(p, end + 1);
        profile |= given;
        end = given_end;
    }
    if passive {
        // "No troops were sent to Belarus": a passive verb's object is its subject.
        let clause_start = p.clause_start(i);
        profile |=
            tokens[clause_start..i].iter().filter_map(|t| t.info).fold(0, |bits, info| bits | info.classes);
    }
    VerbObject { particle, start, end, profile, passive }
}

/// What the verb rules say of a verb and its object.
enum Verdict<'r> {
    /// A rule makes a trigger whose object ends at the given token.
    Trigger(&'r Rule),
    /// A blocking rule (`-> none`) held.
    Blocked(u16),
    /// No rule holds.
    Nothing,
}

/// The first verb rule of `lemma` that holds for the verb at `i` with object `o`.
fn verb_verdict<'r>(
    p: &Parsed<'_, '_>,
    i: usize,
    lemma: &'r lexicon::Lemma,
    o: &VerbObject<'_>,
) -> Verdict<'r> {
    let tokens = &p.tokens;
    let pre = pre_classes(tokens, i);
    let near = if lemma.verb_rules.iter().any(|r| r.near != 0) { near_classes(p, i) } else { 0 };
    let has_target = has_target_candidate(p, o.start);
    // "will meet next month": a time phrase is no object.
    let no_object = !o.passive
        && (o.end == o.start
            || !(o.start..o.end).any(|k| is_content(&tokens[k]) && !is_time_word(tokens, k)));
    let Some(rule) = lemma.verb_rules.iter().find(|rule| {
        rule_applies(rule, o.profile, pre, has_target, no_object, o.particle)
            && (rule.near == 0 || rule.near & near != 0)
    }) else {
        return Verdict::Nothing;
    };
    let Some((kind, _)) = rule.outcome else { return Verdict::Blocked(rule.id) };
    // "shooting itself in the foot", "hurting themselves": a reflexive object makes
    // violence a figure of speech.
    let reflexive =
        tokens.get(o.start).is_some_and(|t| t.info.is_some_and(|x| x.flags & func::REFLEXIVE != 0));
    if reflexive && matches!(kind, Kind::Attack | Kind::ArmedClash | Kind::Coercion) {
        return Verdict::Nothing;
    }
    Verdict::Trigger(rule)
}

/// The trigger and control a verb at `i` makes, if it is a verb of the lexicon.
fn verb_at(p: &Parsed<'_, '_>, i: usize, f: &mut Finder) {
    let tokens = &p.tokens;
    let t = &tokens[i];
    if f.consumed[i] || t.kind != TokenKind::Word || p.chunk_of[i].is_some() && !t.lower.contains('-') {
        return;
    }
    let Some(info) = t.info else { return };
    let Some((lemma_index, form)) = info.verb else { return };
    if !used_as_verb(p, i, form, info.noun.is_some()) {
        return;
    }
    let lemma = lexicon::lemma(lemma_index);
    // "called the launch a grave provocation", "which he called a clear threat": a
    // label of blame, not a call for anything nor a light verb hosting "threat".
    if let Some(label) = labelling(p, i) {
        f.consume(i + 1, p.clause_end(i));
        f.found.triggers.push(label);
        return;
    }
    // "said the M23 offensive was a flagrant violation of Congo's sovereignty": a label
    // of blame in a reported predicate.
    if let Some(label) = predicate_label(p, i) {
        f.found.triggers.push(label);
    }
    let o = verb_object(p, i, lemma, form);
    let infinitive = preceded_by_to(tokens, i);
    match verb_verdict(p, i, lemma, &o) {
        Verdict::Trigger(rule) => {
            let mut trigger = Trigger::of_rule(i, rule, rule.flags, o.end);
            // "fired two ballistic missiles into the sea": a launch with no target but the
            // sea is a test.
            if trigger.kind == Kind::Attack
                && o.profile & class::MISSILE != 0
                && !has_target_candidate(p, o.start)
                && into_the_sea(p, o.end)
            {
                trigger.kind = Kind::WeaponsTest;
                trigger.cameo = Cameo::of("150");
            }
            f.consume(i + 1, o.end);
            f.found.triggers.push(Trigger { passive: o.passive, infinitive, ..trigger });
        }
        Verdict::Blocked(id) => {
            f.found.blocked.push(id);
            f.consume(i + 1, o.end);
        }
        Verdict::Nothing => {
            // "what they called heightened threats": a name given, not a call for anything.
            let names_what = tokens[i].cue(cue::LABELLING)
                && (i.saturating_sub(3)..i).any(|k| matches!(tokens[k].lower.as_ref(), "what" | "which"));
            if lemma.light
                && !names_what
                && let Some((noun_at, rule)) = hosted_noun(p, o.start, o.end)
                    .or_else(|| light_extension(p, i, o.end))
                    .or_else(|| if o.passive { subject_noun(p, i) } else { None })
                && hosts(&tokens[i], rule)
            {
                let end = o.end.max(noun_at + 1);
                f.consume(i + 1, end);
                let flags = RuleFlags { solo: false, ofagent: false, ..rule.flags };
                f.found.triggers.push(Trigger {
                    passive: o.passive,
                    infinitive,
                    ..Trigger::of_rule(i, rule, flags, end)
                });
            }
        }
    }
    if let Some(control) = lemma.control
        && let Some(use_) = control_use(p, i, control, lemma.text)
    {
        f.found.controls.push(use_);
    }
}

/// The trigger or control a word not consumed by a verb makes: adjectival commitments and
/// concern ("is willing to", "is deeply concerned"), manner ("angrily"), and standalone
/// nouns with an actor of their own or pointing back ("this troop dispatch").
fn non_verb_at(p: &Parsed<'_, '_>, i: usize, f: &mut Finder) {
    let tokens = &p.tokens;
    let t = &tokens[i];
    if f.consumed[i] || t.kind != TokenKind::Word {
        return;
    }
    let triggers = &mut f.found.triggers;
    if let Some(c) = adjectival_commitment(p, i) {
        if !f.found.controls.iter().any(|x| x.verb == i) {
            f.found.controls.push(c);
        }
        return;
    }
    if let Some(trigger) = adjectival_concern(p, i) {
        if !triggers.iter().any(|tr: &Trigger| tr.anchor == i) {
            triggers.push(trigger);
        }
        return;
    }
    if let Some(trigger) = manner_concern(p, i) {
        if !triggers.iter().any(|tr: &Trigger| tr.anchor == trigger.anchor) {
            triggers.push(trigger);
        }
        return;
    }
    if p.chunk_of[i].is_some() {
        return;
    }
    let Some(info) = t.info else { return };
    let Some(noun_index) = info.noun else { return };
    if triggers.iter().any(|tr| tr.anchor == i) || is_month_name(p, i) {
        return;
    }
    if let Some((_, form)) = info.verb
        && used_as_verb(p, i, form, true)
    {
        return;
    }
    let lemma = lexicon::lemma(noun_index);
    let (profile, _) = noun_profile(p, i);
    let pre = pre_classes(tokens, i);
    let Some(rule) = lemma
        .noun_rules
        .iter()
        .find(|r| rule_applies(r, profile, pre, true, false, None))
        .filter(|r| r.outcome.is_some())
    else {
        return;
    };
    let anaphoric = is_anaphoric(tokens, i);
    if !rule.flags.solo && !anaphoric && !demanded_object(&f.found.controls, i) {
        return;
    }
    triggers.push(Trigger { nominal: true, anaphoric, ..Trigger::of_rule(i, rule, rule.flags, i + 1) });
}

/// "demanded a truce with X", "offered a ceasefire": a noun that is no event alone ("a
/// truce") heads what a demand, promise or threat is of, so it is the act demanded.
fn demanded_object(controls: &[ControlUse], i: usize) -> bool {
    controls.iter().any(|c| {
        !c.reduced
            && matches!(c.control, Control::Direct | Control::Commit | Control::Threaten)
            && (c.complement_start..(c.complement_start + 3).min(c.complement_end)).contains(&i)
    })
}

/// "..., drawing a sharp rebuke from Beijing", "sparked condemnation from Egypt": the
/// criticism is by the one it comes from, aimed at whoever drew it.
fn drawn_criticism(p: &Parsed<'_, '_>, triggers: &mut [Trigger]) {
    let tokens = &p.tokens;
    for t in triggers.iter_mut().filter(|t| t.kind == Kind::Criticism) {
        let from = (t.anchor + 1..(t.anchor + 3).min(tokens.len())).find(|&k| tokens[k].is("from"));
        let Some(author) = from.and_then(|k| (k + 1..(k + 3).min(tokens.len())).find_map(|j| p.chunk_of[j]))
        else {
            continue;
        };
        if p.chunks[author].actor.is_none() {
            continue;
        }
        let drawn = (t.anchor.saturating_sub(4)..t.anchor).any(|k| tokens[k].cue(cue::DRAWN));
        if !drawn {
            continue;
        }
        t.actor_hint = Some(author);
        let ci = p.clause_of.get(t.anchor).copied().unwrap_or(0);
        let holder = if p.clauses[ci].kind == super::clauses::ClauseKind::Participial {
            p.clauses[ci].parent.and_then(|c| p.clauses[c].subject)
        } else {
            p.clauses[ci].subject
        };
        t.target_hint = holder.filter(|&c| c != author && p.chunks[c].actor.is_some());
    }
}

fn rule_applies(
    rule: &Rule,
    profile: Classes,
    pre: Classes,
    has_target: bool,
    no_object: bool,
    particle: Option<&str>,
) -> bool {
    if let Some(p) = rule.particle
        && particle != Some(p)
    {
        return false;
    }
    (rule.any == 0 || profile & rule.any != 0)
        && profile & rule.all == rule.all
        && profile & rule.not == 0
        && (rule.pre == 0 || pre & rule.pre != 0)
        && (!rule.needs_target || has_target)
        && (!rule.no_object || no_object)
}

/// Whether a word with a verb reading is used as a verb at `i`.
pub fn used_as_verb(p: &Parsed<'_, '_>, i: usize, form: VerbForm, also_noun: bool) -> bool {
    let tokens = &p.tokens;
    let prev = previous_word(tokens, i);
    let prev_flags = prev.and_then(|k| tokens[k].info).map_or(0, |x| x.flags);
    let prev_is_det = prev.is_some_and(|k| {
        (prev_flags & (func::DET | func::POSS) != 0 && !tokens[k].is("that"))
            || tokens[k].is_possessive()
            || tokens[k].kind == TokenKind::Number
    });
    if i == 0
        && tokens[i].capitalised
        && tokens.get(1).is_some_and(|n| n.capitalised || n.is("and") || n.is("of"))
    {
        return false; // "Planning and Investment Minister ...": a title, not a verb.
    }
    // "Armed forces chief ...", "Masked gunmen stormed ...": a participle opening the
    // sentence before an agent noun is its adjective.
    if i == 0
        && form == VerbForm::Past
        && tokens.get(1).is_some_and(|n| n.info.is_some_and(|x| x.agent.is_some()))
    {
        return false;
    }
    if tokens[i].capitalised
        && i > 0
        && !tokens[i].text.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
    {
        // A capitalised word mid-sentence is a name or a title, not a verb.
        if also_noun || form != VerbForm::Past {
            return false;
        }
    }
    if prev.is_some_and(|k| tokens[k].is("to")) {
        // "to attack" is a verb; "a threat to Ukraine" never reaches here.
        return true;
    }
    match form {
        VerbForm::Past => {
            if prev_is_det {
                return false; // "the captured soldiers", "the wounded", "an armed group"
            }
            if prev.is_some_and(|k| tokens[k].info.is_some_and(|x| x.flags & func::PREP != 0))
                && next_is_nounish(p, i)
                && !prev.is_some_and(|k| tokens[k].is("by"))
            {
                return false; // "of captured soldiers"
            }
            true
        }
        VerbForm::Ing => {
            if !also_noun {
                return !prev_is_det;
            }
            // "a suicide car bombing", "the shelling": a noun unless an auxiliary, an
            // adverb, a comma, a conjunction or a preposition makes it a verb or gerund.
            match prev {
                None => true,
                Some(k) => {
                    let t = &tokens[k];
                    prev_flags & (func::AUX | func::ADVERB | func::NEG | func::CONJ | func::PREP) != 0
                        || t.is_clause_punct()
                        || p.chunk_of[k].is_some_and(|c| p.chunks[c].agentive && !p.chunks[c].possessive)
                }
            }
        }
        VerbForm::Base | VerbForm::Third => {
            if prev_is_det {
                return false;
            }
            // "his first visit", "a second strike": an ordinal after a determiner makes a
            // noun, though "first" is also an adverb ("first met").
            if let Some(k) = prev
                && tokens[k].info.is_some_and(|x| x.flags & func::ORDINAL != 0)
                && k > 0
                && (tokens[k - 1].info.is_some_and(|x| x.flags & (func::DET | func::POSS) != 0)
                    || tokens[k - 1].is_possessive())
            {
                return false;
            }
            if prev_flags & (func::AUX | func::NEG | func::PRONOUN | func::ADVERB | func::FUTURE | func::HYPO)
                != 0
            {
                return true;
            }
            // "against more than a dozen Houthi targets": a name after a preposition or a
            // number modifies the noun after it; that word is no verb.
            if let Some(c) = prev.and_then(|k| p.chunk_of[k])
                && let Some(before) = p.chunks[c].start.checked_sub(1)
                && (tokens[before].kind == TokenKind::Number
                    || tokens[before].info.is_some_and(|x| x.flags & (func::NUMWORD | func::PREP) != 0))
            {
                return false;
            }
            if !also_noun {
                // "send them back to", "sent back": after an object pronoun or another verb
                // the word is a particle, not a verb.
                return match prev {
                    None => true,
                    Some(k) => {
                        let t = &tokens[k];
                        let participle = t
                            .info
                            .and_then(|x| x.verb)
                            .is_some_and(|(_, f)| matches!(f, VerbForm::Past | VerbForm::Ing));
                        !(t.info.is_some_and(|x| x.flags & func::OBJECT_PRONOUN != 0)
                            || (participle && prev_flags & func::AUX == 0)
                            || (prev_flags & func::PREP != 0 && !t.is("to")))
                    }
                };
            }
            // A subject phrase right before: "Russia strikes Kyiv".
            match prev.and_then(|k| p.chunk_of[k]) {
                Some(c) => p.chunks[c].agentive && !p.chunks[c].possessive && next_is_object_start(p, i),
                None => false,
            }
        }
    }
}

fn previous_word(tokens: &[Token<'_>], i: usize) -> Option<usize> {
    let mut k = i;
    while k > 0 {
        k -= 1;
        if tokens[k].kind != TokenKind::Quote {
            return Some(k);
        }
    }
    None
}

fn next_is_nounish(p: &Parsed<'_, '_>, i: usize) -> bool {
    match p.tokens.get(i + 1) {
        Some(n) if n.kind == TokenKind::Word => {
            let flags = n.info.map_or(0, |x| x.flags);
            flags & (func::PREP | func::DET | func::CONJ | func::AUX | func::SUBORD | func::ADVERB) == 0
                && (p.chunk_of[i + 1].is_some()
                    || !is_verb_like(n)
                    || n.info.is_some_and(|x| x.noun.is_some()))
        }
        _ => false,
    }
}

fn next_is_object_start(p: &Parsed<'_, '_>, i: usize) -> bool {
    match p.tokens.get(i + 1) {
        Some(n) => {
            p.chunk_of[i + 1].is_some()
                || n.kind == TokenKind::Number
                || n.info.is_some_and(|x| x.flags & (func::DET | func::PREP) != 0)
        }
        None => false,
    }
}

/// Whether the word at `i` is an infinitive ("to halt", "to directly transfer").
pub fn preceded_by_to(tokens: &[Token<'_>], i: usize) -> bool {
    let mut k = i;
    while k > 0 {
        k -= 1;
        let t = &tokens[k];
        if t.is("to") {
            return true;
        }
        if t.info.is_none_or(|x| x.flags & func::ADVERB == 0) {
            return false;
        }
    }
    false
}

/// Whether token `i` is a verb in the passive voice: a past participle after a form of
/// "be" (adverbs and negation may intervene), or a reduced relative with a "by" agent.
pub fn is_passive(p: &Parsed<'_, '_>, i: usize, form: VerbForm) -> bool {
    if form != VerbForm::Past {
        return false;
    }
    let tokens = &p.tokens;
    let mut k = i;
    while k > 0 {
        k -= 1;
        let t = &tokens[k];
        let flags = t.info.map_or(0, |x| x.flags);
        if flags & func::BE != 0 || t.is("got") || t.is("get") {
            return true;
        }
        if flags & (func::ADVERB | func::NEG) == 0 {
            break;
        }
    }
    // "a camp attacked by militiamen", "Kyiv, attacked by drones": a "by" agent right after.
    let by_follows = tokens.get(i + 1).is_some_and(|t| t.is("by"))
        && !tokens.get(i + 2).is_some_and(|t| t.cue(cue::MEANS_OF_TALK));
    // "companies in China accused of helping Moscow": a verb of charging with "of" right
    // after a noun is a reduced passive; the noun is the one accused.
    let charged_of = tokens.get(i + 1).is_some_and(|t| t.is("of"))
        && tokens[i].cue(cue::CHARGED)
        && i > 0
        && p.chunk_of[i - 1].is_some();
    if charged_of {
        return true;
    }
    let after_noun = i > 0
        && (p.chunk_of[i - 1].is_some() || tokens[i - 1].is_clause_punct() || !is_verb_like(&tokens[i - 1]));
    by_follows && after_noun && tokens[i - 1].info.is_none_or(|x| x.flags & func::HAVE == 0)
}

/// Classes of the verb's object: the words from `start` up to a preposition, clause
/// boundary, subordinator or another verb, at most [`MAX_OBJECT`] words. Returns the
/// profile and the end of the window.
fn object_profile(p: &Parsed<'_, '_>, start: usize) -> (Classes, usize) {
    let tokens = &p.tokens;
    let mut profile = 0;
    let mut k = start;
    let clause_end = if start < tokens.len() { p.clause_end(start.saturating_sub(1)) } else { start };
    while k < tokens.len() && k < start + MAX_OBJECT && k < clause_end.max(start + 1) {
        let t = &tokens[k];
        if (t.is_clause_punct() && !(t.text == "," && super::clauses::list_comma(tokens, k))) || t.text == "."
        {
            break;
        }
        let flags = t.info.map_or(0, |x| x.flags);
        // "about 10,000", "at least 3,000", "more than 200", "as many as 12,000": a
        // qualifier before a number belongs to the object.
        let approximator = t.cue(cue::NUMBER_LEAD)
            && tokens[k + 1..(k + 4).min(tokens.len())]
            .iter()
            .any(|n| n.kind == TokenKind::Number || n.info.is_some_and(|i| i.flags & func::NUMWORD != 0))
            // "up to $571 million": the "to" of "up to" is part of the qualifier.
            || (t.is("to") && k > start && tokens[k - 1].is("up"));
        if k > start && flags & (func::PREP | func::SUBORD) != 0 && !t.is("of") && !approximator {
            break;
        }
        if k == start && flags & func::PREP != 0 && !t.is("of") && !approximator {
            // The verb has no object before its first preposition ("protested against").
            break;
        }
        if k > start && flags & func::CONJ != 0 && tokens.get(k + 1).is_some_and(is_verb_like) {
            break;
        }
        if k > start && flags & func::AUX != 0 {
            break;
        }
        // "disperse demonstrators protesting election results": an -ing trigger verb after
        // the object starts a new predicate.
        // "held a meeting", "an emergency meeting": after a determiner (and an adjective or
        // two) an -ing word that is also a noun is that noun.
        let is_det = |j: usize| tokens[j].info.is_some_and(|i| i.flags & func::DET != 0);
        // "a Russian landing ship", "the ruling party": an -ing word between a determiner and
        // a noun modifies the noun.
        let before_noun = tokens.get(k + 1).is_some_and(|n| {
            n.kind == TokenKind::Word && !n.is_clause_punct() && n.info.is_none_or(|i| i.flags == 0)
        });
        let determined = (t.info.is_some_and(|i| i.noun.is_some()) || before_noun)
            && k > start
            && (is_det(k - 1)
                || (k >= start + 2
                    && is_det(k - 2)
                    && tokens[k - 1].kind == TokenKind::Word
                    && tokens[k - 1].info.is_none_or(|i| i.verb.is_none() && i.flags == 0)));
        if k > start
            && !determined
            && let Some((l, VerbForm::Ing)) = t.info.and_then(|i| i.verb)
            && (!lexicon::lemma(l).verb_rules.is_empty() || lexicon::lemma(l).control.is_some())
        {
            break;
        }
        if let Some(info) = t.info {
            profile |= info.classes;
        }
        k += 1;
    }
    // "pledged 355 million euros in aid", "approved $295 million in military equipment":
    // a sum's "in" phrase says what the money is, and belongs to the object.
    if profile & class::MONEY != 0 && tokens.get(k).is_some_and(|t| t.is("in")) {
        let mut j = k + 1;
        while j < tokens.len() && j < k + 5 && j < clause_end {
            let t = &tokens[j];
            let flags = t.info.map_or(0, |x| x.flags);
            if t.is_clause_punct() || t.text == "." || flags & (func::PREP | func::SUBORD | func::AUX) != 0 {
                break;
            }
            if let Some(info) = t.info {
                profile |= info.classes;
            }
            j += 1;
        }
        if j > k + 1 {
            k = j;
        }
    }
    (profile, k)
}

/// Classes around a noun: its modifiers (up to three words before, inside the noun phrase)
/// and its "of" phrase.
fn noun_profile(p: &Parsed<'_, '_>, i: usize) -> (Classes, usize) {
    let tokens = &p.tokens;
    let mut profile = tokens[i].info.map_or(0, |x| x.classes);
    let mut k = i;
    while k > 0 && i - k < 3 {
        k -= 1;
        let t = &tokens[k];
        let flags = t.info.map_or(0, |x| x.flags);
        if t.kind == TokenKind::Punct
            || flags & (func::DET | func::PREP | func::AUX | func::CONJ | func::SUBORD) != 0
        {
            break;
        }
        if let Some(info) = t.info {
            profile |= info.classes;
        }
    }
    let mut end = i + 1;
    if tokens.get(i + 1).is_some_and(|t| t.is("of")) {
        let mut k = i + 2;
        while k < tokens.len() && k < i + 7 {
            let t = &tokens[k];
            let flags = t.info.map_or(0, |x| x.flags);
            if t.is_clause_punct() || flags & (func::PREP | func::SUBORD | func::AUX) != 0 {
                break;
            }
            if let Some(info) = t.info {
                profile |= info.classes;
            }
            k += 1;
        }
        end = k;
    } else if tokens.get(i + 1).is_some_and(|t| t.is("on")) {
        // "a ban on seafood imports": what the measure bears on tells its kind.
        for t in tokens.iter().skip(i + 2).take(4) {
            if t.is_clause_punct()
                || t.info.is_some_and(|x| x.flags & (func::PREP | func::SUBORD | func::AUX) != 0)
            {
                break;
            }
            if let Some(info) = t.info {
                profile |= info.classes;
            }
        }
    }
    (profile, end)
}

/// Classes of the next eleven words of the verb's clause, prepositions included.
fn near_classes(p: &Parsed<'_, '_>, i: usize) -> Classes {
    let end = p.clause_end(i).min(i + 12);
    p.tokens[i + 1..end.max(i + 1)].iter().filter_map(|t| t.info).fold(0, |bits, info| bits | info.classes)
}

fn pre_classes(tokens: &[Token<'_>], i: usize) -> Classes {
    tokens[i.saturating_sub(2)..i].iter().filter_map(|t| t.info).fold(0, |bits, info| bits | info.classes)
}

/// A word of a time phrase: a weekday, a month, "yesterday", "next", and the unit after
/// "next", "last" or "this" ("next month").
fn is_time_word(tokens: &[Token<'_>], k: usize) -> bool {
    use crate::calendar::{day_offset, month_from_name, step, weekday_from_name};
    let t = &tokens[k];
    weekday_from_name(&t.lower).is_some()
        || month_from_name(t.text).is_some()
        || day_offset(&t.lower).is_some()
        || step(&t.lower).is_some()
        || k.checked_sub(1).is_some_and(|j| step(&tokens[j].lower).is_some())
}

fn is_content(t: &Token<'_>) -> bool {
    match t.kind {
        TokenKind::Number => true,
        TokenKind::Word => t.info.is_none_or(|i| i.flags & (func::DET | func::ADVERB) == 0),
        _ => false,
    }
}

/// Whether an actor phrase follows in the verb's clause, close enough to be its object: a
/// direct object or one after a preposition of aim ("at", "on", "against", "into",
/// "toward", "to", "with"). A place after "from", "in" or "near" is where something
/// happened or started ("launched from near Pyongyang"), and a phrase after "in what" or
/// a possessor's organ ("what Britain's defence ministry described as") no aim at all.
/// "fired rockets at Thai positions", "struck Cambodian military targets": a demonym or
/// state name modifying a noun of places, forces, property or people names whose they are.
pub fn modifies_object_noun(p: &Parsed<'_, '_>, after: usize) -> bool {
    (after..(after + 3).min(p.tokens.len())).any(|k| {
        p.tokens[k].info.is_some_and(|i| {
            i.classes & (class::TERRITORY | class::PROPERTY | class::TROOPS | class::PEOPLE) != 0
        })
    }) && !(after..(after + 3).min(p.tokens.len())).any(|k| p.tokens[k].is_clause_punct())
}

fn has_target_candidate(p: &Parsed<'_, '_>, start: usize) -> bool {
    let end = if start < p.tokens.len() { p.clause_end(start) } else { return false };
    let mut k = start;
    while k < end && k < start + 10 {
        if let Some(c) = p.chunk_of[k] {
            let chunk = &p.chunks[c];
            let before = (start..chunk.start).rev().find(|&j| {
                p.tokens[j].info.is_some_and(|i| i.flags & func::PREP != 0) || p.tokens[j].is("what")
            });
            // "targeted civilian areas in Kharkiv": "in" after a place or people noun of the
            // object names where the object is, and the object is aimed at.
            let object_in = |j: usize| {
                p.tokens[j].is("in")
                    && j > start
                    && p.tokens[j - 1].info.is_some_and(|i| {
                        i.classes & (class::TERRITORY | class::PROPERTY | class::PEOPLE | class::TROOPS) != 0
                    })
            };
            // "supported the steps taken by Baku": the author of the act in the object is
            // the one it is about.
            let author = |j: usize| p.tokens[j].is("by") && j > start && p.tokens[j - 1].cue(cue::AUTHORED);
            let aimed = before.is_none_or(|j| {
                object_in(j)
                    || author(j)
                    || matches!(
                        p.tokens[j].lower.as_ref(),
                        "at" | "on"
                            | "against"
                            | "into"
                            | "toward"
                            | "towards"
                            | "to"
                            | "with"
                            | "upon"
                            | "of"
                    )
            });
            // "spoke to the leaders of both countries": a pair is a party too.
            if (!chunk.modifier || modifies_object_noun(p, chunk.end))
                && (chunk.actor.is_some() || chunk.place.is_some() || p.is_pair_phrase(c))
                && aimed
            {
                return true;
            }
        }
        if p.tokens[k].info.is_some_and(|x| x.flags & func::SUBORD != 0) {
            return false;
        }
        k += 1;
    }
    false
}

/// A trigger noun inside a light verb's object ("provided humanitarian aid", "held talks").
fn hosted_noun(p: &Parsed<'_, '_>, start: usize, end: usize) -> Option<(usize, &'static Rule)> {
    let tokens = &p.tokens;
    // The window may stop at "of"-less prepositions; nouns right after a determiner and
    // adjectives are inside it. Also allow one preposition for "on high alert".
    let mut k = start;
    let mut limit = end.max((start + 1).min(tokens.len()));
    // "held an emergency meeting": a trigger noun with a verb reading ("meeting") ends the
    // object window it heads; after a determiner it is the head, not a verb.
    if limit < tokens.len()
        && limit > start
        && tokens[limit].info.is_some_and(|i| i.noun.is_some())
        && (start..limit).any(|j| tokens[j].info.is_some_and(|i| i.flags & func::DET != 0))
        && limit - start <= 3
    {
        limit += 1;
    }
    while k < limit.min(tokens.len()) {
        let t = &tokens[k];
        if let Some(info) = t.info
            && let Some(noun) = info.noun
        {
            let lemma = lexicon::lemma(noun);
            let (profile, _) = noun_profile(p, k);
            let pre = pre_classes(tokens, k);
            if let Some(rule) =
                lemma.noun_rules.iter().find(|r| rule_applies(r, profile, pre, true, false, None))
            {
                return rule.outcome.is_some().then_some((k, rule));
            }
        }
        k += 1;
    }
    None
}

/// "in March", "March 5", "March 2023": the month, not a march.
fn is_month_name(p: &Parsed<'_, '_>, i: usize) -> bool {
    let t = &p.tokens[i];
    if !t.capitalised || crate::calendar::month_from_name(t.text).is_none() {
        return false;
    }
    let next_is_number = p.tokens.get(i + 1).is_some_and(|n| n.kind == TokenKind::Number);
    next_is_number || i.checked_sub(1).is_some_and(|k| p.tokens[k].cue(cue::DATE_LEAD))
}

/// "this troop dispatch", "the deployment": a determiner that points back.
fn is_anaphoric(tokens: &[Token<'_>], i: usize) -> bool {
    let mut k = i;
    while k > 0 && i - k < 3 {
        k -= 1;
        let t = &tokens[k];
        if t.info.is_some_and(|x| x.flags & func::DEFINITE != 0) {
            return true;
        }
        if t.info.is_some_and(|x| x.flags & (func::PREP | func::DET) != 0) || t.kind != TokenKind::Word {
            return false;
        }
    }
    false
}

/// The complement of a controlling verb at `v`.
fn control_use(p: &Parsed<'_, '_>, v: usize, control: Control, lemma: &'static str) -> Option<ControlUse> {
    let tokens = &p.tokens;
    let reduced = is_reduced_relative(p, v);
    // "calling it economic aggression", "called the vote a sham": "call" names unless a
    // particle ("called on", "called for") or an infinitive ("called X to") directs.
    if tokens[v].cue(cue::CALL)
        && !tokens.get(v + 1).is_some_and(|t| matches!(t.lower.as_ref(), "on" | "upon" | "for" | "off"))
        && !(v + 1..(v + 6).min(tokens.len())).any(|k| tokens[k].is("to"))
        && crate::calendar::weekday_from_name(tokens.get(v + 1).map_or("", |t| t.lower.as_ref())).is_none()
    {
        return None;
    }
    let (start, object) = match control {
        Control::Direct => directed_object(p, v),
        Control::Speech | Control::Belief => (after_speech_time(p, v), None),
        _ => (after_commitment_time(p, v, control), None),
    };
    let directed_only = |at: usize| {
        (control == Control::Direct && object.is_some()).then_some(ControlUse {
            verb: v,
            control,
            complement_start: at,
            complement_end: at,
            object,
            lemma,
            reduced,
        })
    };
    if start >= tokens.len() {
        return directed_only(start);
    }
    let complement_start = complement_opening(p, v, control, start, object.is_some())?;
    let end = complement_end(p, control, complement_start);
    if complement_start >= end {
        return directed_only(complement_start);
    }
    Some(ControlUse { verb: v, control, complement_start, complement_end: end, object, lemma, reduced })
}

/// After a directing verb: its particle ("called on", "appealed to", past a time word:
/// "called Thursday on Arabs") and the one directed ("ordered former president X to"),
/// when the gazetteer names it. Returns where the complement may start and the object.
fn directed_object(p: &Parsed<'_, '_>, v: usize) -> (usize, Option<usize>) {
    let tokens = &p.tokens;
    let mut k = v + 1;
    // "called Thursday on Arabs": a time word may sit before the particle.
    if k < tokens.len()
        && (crate::calendar::weekday_from_name(&tokens[k].lower).is_some() || tokens[k].cue(cue::DAY_DEICTIC))
        && tokens.get(k + 1).is_some_and(|t| matches!(t.lower.as_ref(), "on" | "upon"))
    {
        k += 1;
    }
    if k < tokens.len() && matches!(tokens[k].lower.as_ref(), "on" | "upon" | "to") {
        k += 1;
    }
    // Determiners and a couple of adjectives: "ordered former president X to".
    let mut skipped = 0;
    while k < tokens.len()
        && !tokens[k].is("that")
        && (tokens[k].info.is_some_and(|x| x.flags & func::DET != 0)
            || (skipped < 2
                && tokens[k].kind == TokenKind::Word
                && !tokens[k].capitalised
                && p.chunk_of[k].is_none()
                && tokens[k].info.is_none()
                && p.chunk_of.get(k + 1).is_some_and(Option::is_some)))
    {
        if tokens[k].info.is_none() {
            skipped += 1;
        }
        k += 1;
    }
    let mut object = None;
    if let Some(c) = tokens.get(k).and_then(|_| p.chunk_of[k]) {
        object = Some(c);
        k = p.chunks[c].end;
        if k < tokens.len() && tokens[k].is_possessive() {
            object = None;
        }
    }
    (k, object)
}

/// After a speech or belief verb: a particle and a time expression between it and its
/// complement ("said on Friday that", "said in March that", "said earlier this week that").
fn after_speech_time(p: &Parsed<'_, '_>, v: usize) -> usize {
    let tokens = &p.tokens;
    let mut k = v + 1;
    let mut steps = 0;
    while k < tokens.len() && steps < 5 {
        let t = &tokens[k];
        let particle = matches!(t.lower.as_ref(), "on" | "off" | "for" | "upon") || t.cue(cue::DAY_DEICTIC);
        let month = t.capitalised && crate::calendar::month_from_name(t.text).is_some();
        if particle
            || crate::calendar::weekday_from_name(&t.lower).is_some()
            || t.cue(cue::SPEECH_TIME)
            || month
            || (t.kind == TokenKind::Number && steps > 0)
        {
            k += 1;
            steps += 1;
        } else {
            break;
        }
    }
    k
}

/// After any other controlling verb: adverbs and a day ("agreed on Thursday to provide",
/// "vowed today to retaliate", "agreed on June 20 on a 14th package"); after a denial, a
/// claim noun ("denied reports that ...": the claim is denied).
fn after_commitment_time(p: &Parsed<'_, '_>, v: usize, control: Control) -> usize {
    let tokens = &p.tokens;
    let mut k = v + 1;
    while k < tokens.len() && tokens[k].info.is_some_and(|x| x.flags & func::ADVERB != 0) {
        k += 1;
    }
    if k < tokens.len() && tokens[k].cue(cue::DAY_DEICTIC) {
        k += 1;
    } else if tokens.get(k).is_some_and(|t| t.is("on"))
        && tokens.get(k + 1).is_some_and(|t| crate::calendar::weekday_from_name(&t.lower).is_some())
    {
        k += 2;
    } else if tokens.get(k).is_some_and(|t| t.is("on"))
        && tokens.get(k + 1).is_some_and(|t| crate::calendar::month_from_name(t.text).is_some())
    {
        k += 2;
        if tokens.get(k).is_some_and(|t| t.kind == TokenKind::Number) {
            k += 1;
        }
    }
    if control == Control::Fail {
        let mut j = k;
        if tokens.get(j).is_some_and(|t| t.info.is_some_and(|x| x.flags & func::DET != 0)) {
            j += 1;
        }
        let claim = tokens.get(j).is_some_and(|t| t.cue(cue::CLAIM_NOUN));
        if claim && tokens.get(j + 1).is_some_and(|t| t.is("that")) {
            k = j + 1;
        }
    }
    k
}

/// Where the complement of the controlling verb at `v` opens, the words after the verb
/// starting at `start`: after "that" or "to", at a subject (speech), an object (a
/// directive, a refusal, a promise) or a gerund; `None` where the verb governs nothing
/// ("calling it economic aggression" names, it does not direct).
fn complement_opening(
    p: &Parsed<'_, '_>,
    v: usize,
    control: Control,
    start: usize,
    object: bool,
) -> Option<usize> {
    let tokens = &p.tokens;
    let first = &tokens[start];
    match control {
        Control::Speech | Control::Belief => {
            if first.is("that") {
                Some(start + 1)
            } else if p.chunk_of[start].is_some()
                || first.info.is_some_and(|x| x.flags & func::PRONOUN != 0)
                // "claimed its forces had shot down": a possessive opening the subject.
                || (first.info.is_some_and(|x| x.flags & func::POSS != 0)
                    && p.chunk_of.get(start + 1).is_some_and(Option::is_some))
                // "said the jet had been shot down": a determined noun and its verb.
                || super::clauses::determined_noun_subject(tokens, start)
            {
                Some(start)
            } else if control == Control::Speech && first.is("to") && tokens[v].cue(cue::TELL) {
                Some(start + 1)
            } else if control == Control::Speech && tokens[v].cue(cue::TELL) {
                // "told a televised briefing that ...": the listener, then "that".
                (start..(start + 6).min(tokens.len()))
                    .take_while(|&j| !tokens[j].is_clause_punct())
                    .find(|&j| tokens[j].is("that"))
                    .map(|that| that + 1)
            } else {
                None
            }
        }
        Control::Direct => {
            if first.is("to") || first.is("that") {
                Some(start + 1)
            } else if object {
                Some(start)
            } else if tokens[v].cue(cue::CALL) && tokens.get(v + 1).is_some_and(|t| t.is("for")) {
                Some(v + 2)
            } else if tokens[v].cue(cue::CALL)
                && !tokens.get(v + 1).is_some_and(|t| matches!(t.lower.as_ref(), "on" | "upon"))
            {
                None
            } else if let Some(to) = (start..(start + 5).min(tokens.len()))
                .take_while(|&j| !tokens[j].is_clause_punct())
                .find(|&j| {
                    tokens[j].is("to")
                        && tokens.get(j + 1).is_some_and(|n| n.kind == TokenKind::Word && !n.capitalised)
                })
            {
                // "urged the counterpart to sign": an object the gazetteer cannot name.
                Some(to + 1)
            } else {
                tokens[v].cue(cue::APPEAL).then_some(start)
            }
        }
        _ => {
            let gerund = first.kind == TokenKind::Word
                && first.info.and_then(|x| x.verb).is_some_and(|(_, f)| f == VerbForm::Ing);
            if first.is("to") || first.is("that") {
                Some(start + 1)
            } else if gerund
                || matches!(control, Control::Refuse | Control::Commit | Control::Plan | Control::Threaten)
            {
                // An object: "rejected the proposal", "offered aid", "agreed on a pact".
                Some(start)
            } else {
                None
            }
        }
    }
}

/// Where a complement opening at `start` ends: its clause, with the relative and
/// complement clauses hanging from it (and, for speech, adverbial and conditional ones),
/// cut before a "during" phrase ("called for a dialogue during a visit to Italy": an
/// adjunct of the controlling verb).
fn complement_end(p: &Parsed<'_, '_>, control: Control, start: usize) -> usize {
    use super::clauses::ClauseKind;
    let speech = matches!(control, Control::Speech | Control::Belief);
    let clause = p.clause_of.get(start.min(p.tokens.len().saturating_sub(1))).copied().unwrap_or(0);
    let mut end = p.clauses[clause].end;
    let mut next = clause + 1;
    while next < p.clauses.len()
        && !speech
        && matches!(p.clauses[next].kind, ClauseKind::Relative | ClauseKind::Complement)
    {
        end = p.clauses[next].end;
        next += 1;
    }
    while next < p.clauses.len()
        && speech
        && matches!(
            p.clauses[next].kind,
            ClauseKind::Relative
                | ClauseKind::Complement
                | ClauseKind::Adverbial
                | ClauseKind::Conditional
                | ClauseKind::Unless
        )
    {
        end = p.clauses[next].end;
        next += 1;
    }
    if let Some(adjunct) = (start..end).find(|&k| p.tokens[k].cue(cue::CIRCUMSTANCE)) {
        end = adjunct;
    }
    end
}

/// A criticism trigger at `anchor` whose object ends at `object_end`.
fn criticism_at(anchor: usize, object_end: usize, specificity: f32, bounded: bool) -> Trigger {
    Trigger {
        anchor,
        kind: Kind::Criticism,
        cameo: Cameo::of("111"),
        specificity,
        nominal: false,
        flags: RuleFlags::default(),
        passive: false,
        object_end,
        anaphoric: false,
        infinitive: false,
        from_control: false,
        target_hint: None,
        actor_hint: None,
        suppressed: false,
        bounded,
        rule: None,
    }
}

/// "is deeply concerned about", "was gravely concerned by", "are alarmed at": disapproval
/// stated with an adjective. Not "concerned parties" or "as far as X is concerned".
fn adjectival_concern(p: &Parsed<'_, '_>, i: usize) -> Option<Trigger> {
    let tokens = &p.tokens;
    if !tokens[i].cue(cue::CONCERN_ADJ) {
        return None;
    }
    // A form of "be" (or "remain", "grow") before it, adverbs and "very" allowed.
    let mut k = i;
    let mut be = false;
    while k > 0 && i - k < 4 {
        k -= 1;
        let t = &tokens[k];
        if t.info.is_some_and(|x| x.flags & func::BE != 0) || t.cue(cue::REMAIN) {
            be = true;
            break;
        }
        let adverb = t.info.is_some_and(|x| x.flags & (func::ADVERB | func::NEG) != 0)
            || (t.kind == TokenKind::Word && t.lower.ends_with("ly"))
            || t.is("very");
        if !adverb {
            break;
        }
    }
    let about = tokens
        .get(i + 1)
        .is_some_and(|t| matches!(t.lower.as_ref(), "about" | "by" | "over" | "at" | "with" | "that"));
    (be && about).then(|| criticism_at(i, p.clause_end(i), 0.7, false))
}

/// "was watching the developments with grave concern", "viewed the move with alarm":
/// disapproval told as the manner of a verb. Anchored at that verb; what it takes in is
/// the object criticised.
fn manner_concern(p: &Parsed<'_, '_>, i: usize) -> Option<Trigger> {
    let tokens = &p.tokens;
    if !tokens[i].cue(cue::CONCERN_NOUN) {
        return None;
    }
    // "with grave concern", "with \"grave concern\"": "with", then adjectives or quotes.
    let with = (i.saturating_sub(4)..i).rev().find(|&k| tokens[k].is("with"))?;
    let between_ok = (with + 1..i).all(|k| {
        let t = &tokens[k];
        t.kind == TokenKind::Quote
            || (t.kind == TokenKind::Word && !t.capitalised && t.info.is_none_or(|x| x.verb.is_none()))
    });
    if !between_ok {
        return None;
    }
    let start = p.clause_start(with);
    let verb = (start..with).rev().find(|&k| {
        let t = &tokens[k];
        match t.info.and_then(|x| x.verb) {
            Some((l, form)) => {
                lexicon::lemma(l).control.is_none_or(|c| c != Control::Speech)
                    && used_as_verb(p, k, form, t.info.is_some_and(|x| x.noun.is_some()))
            }
            // A verb the lexicon does not know: "viewed", "watching".
            None => {
                t.kind == TokenKind::Word
                    && !t.capitalised
                    && p.chunk_of[k].is_none()
                    && (t.lower.ends_with("ed") || t.lower.ends_with("ing"))
            }
        }
    })?;
    Some(criticism_at(verb, with, 0.65, true))
}

/// "called the launch a grave provocation", "described the strikes as an act of war",
/// "branded the vote illegal": naming something by a word of blame is criticism of its
/// author. The object ends where the label starts.
fn labelling(p: &Parsed<'_, '_>, i: usize) -> Option<Trigger> {
    let tokens = &p.tokens;
    let (_, form) = tokens[i].info.and_then(|x| x.verb)?;
    if !tokens[i].cue(cue::LABELLING) {
        return None;
    }
    if !used_as_verb(p, i, form, false) {
        return None;
    }
    // "called on", "called for", "called X to": a demand, not a label.
    if tokens.get(i + 1).is_some_and(|t| matches!(t.lower.as_ref(), "on" | "upon" | "for" | "off")) {
        return None;
    }
    let end = p.clause_end(i).min(i + 12);
    let label = (i + 2..end).find(|&k| {
        // "a grave provocation", "an 'act of war'", "\"economic aggression\"", "illegal".
        let opener = |j: usize| {
            matches!(tokens[j].lower.as_ref(), "a" | "an" | "as")
                || tokens[j].kind == TokenKind::Quote
                || tokens[j].info.is_some_and(|x| x.flags & func::ADVERB != 0)
        };
        let before_is_article = (k.saturating_sub(3).max(i + 1)..k).any(opener);
        before_is_article && is_blame_word(tokens, k)
    })?;
    if (i + 1..label).any(|k| tokens[k].is("to")) {
        return None;
    }
    // The object starts right after the verb and stops at "a/an/as" before the label; in
    // "which he called a threat" it is the relative clause's antecedent, before the verb.
    let object_end =
        (i + 1..label).find(|&k| matches!(tokens[k].lower.as_ref(), "a" | "an" | "as")).unwrap_or(label);
    let relative = (i.saturating_sub(3)..i).any(|k| matches!(tokens[k].lower.as_ref(), "which" | "what"));
    let mut trigger = (object_end > i + 1 || relative).then(|| criticism_at(i, object_end, 0.75, true))?;
    // "a hybrid attack orchestrated by the Kremlin", "a terrorist attack by Ukraine": the
    // label names its author, who is the one blamed.
    trigger.target_hint = (label + 1..(label + 4).min(end))
        .find(|&k| tokens[k].is("by"))
        .and_then(|k| (k + 1..(k + 3).min(end)).find_map(|j| p.chunk_of[j]))
        .filter(|&c| p.chunks[c].actor.is_some());
    Some(trigger)
}

/// "Britain and France said the M23 offensive was a flagrant violation of Congo's
/// sovereignty", "said the strikes were illegal": a speaker labelling what the subject of
/// its complement did. The criticism sits on the speech verb; its object is that subject.
fn predicate_label(p: &Parsed<'_, '_>, i: usize) -> Option<Trigger> {
    let tokens = &p.tokens;
    if tokens[i].info.and_then(|x| x.verb).is_none() || !tokens[i].cue(cue::SAYING) {
        return None;
    }
    let start = if tokens.get(i + 1).is_some_and(|t| t.is("that")) { i + 2 } else { i + 1 };
    // The copula within a short subject.
    let be = (start + 1..(start + 7).min(tokens.len()))
        .find(|&k| tokens[k].info.is_some_and(|i| i.flags & func::BE != 0))?;
    // No verb in the subject, except a plural noun read as one before its head ("the
    // arms sale").
    if (start..be).any(|k| {
        let modifier = k + 1 < be
            && tokens[k].info.and_then(|x| x.verb).is_some_and(|(_, f)| f == lexicon::VerbForm::Third);
        tokens[k].is_clause_punct()
            || (!modifier
                && tokens[k]
                    .info
                    .is_some_and(|x| x.verb.is_some() && x.noun.is_none() && x.flags & func::AUX == 0))
    }) {
        return None;
    }
    // "was a flagrant violation", "were illegal", "was an act of aggression".
    let mut k = be + 1;
    let mut steps = 0;
    while k < tokens.len() && steps < 3 {
        let t = &tokens[k];
        if is_blame_word(tokens, k) {
            // The labelled act's author: "the M23 offensive", "the U.S. arms sale".
            let author = (start..be).find_map(|j| p.chunk_of[j].filter(|&c| p.chunks[c].actor.is_some()));
            let mut trigger = criticism_at(i, be, 0.7, true);
            trigger.target_hint = author;
            return Some(trigger);
        }
        // "said the sale was not illegal" blames no one.
        if t.info.is_some_and(|x| x.flags & func::NEG != 0) {
            return None;
        }
        let filler = matches!(t.lower.as_ref(), "a" | "an")
            || t.kind == TokenKind::Quote
            || t.info.is_some_and(|x| x.flags & func::ADVERB != 0)
            || (t.kind == TokenKind::Word && t.info.is_none_or(|x| x.verb.is_none() && x.noun.is_none()));
        if !filler {
            return None;
        }
        k += 1;
        steps += 1;
    }
    None
}

/// Words of blame a label may use ("a grave provocation", "an act of war", "illegal").
fn is_blame_word(tokens: &[Token<'_>], k: usize) -> bool {
    let act_of = tokens[k].is("act")
        && tokens.get(k + 1).is_some_and(|t| t.is("of"))
        && tokens.get(k + 2).is_some_and(|t| t.cue(cue::ACT_OF));
    act_of || tokens[k].cue(cue::BLAME_WORD)
}

/// "is willing to", "is prepared to", "is ready to", "is committed to": a commitment made
/// with an adjective.
fn adjectival_commitment(p: &Parsed<'_, '_>, i: usize) -> Option<ControlUse> {
    let tokens = &p.tokens;
    if !tokens[i].cue(cue::COMMIT_ADJ) {
        return None;
    }
    // "is ready to", "stands ready to", "remains committed to".
    let be = i > 0
        && (tokens[i - 1].info.is_some_and(|x| x.flags & (func::BE | func::ADVERB) != 0)
            || tokens[i - 1].cue(cue::REMAIN));
    if !be || !tokens.get(i + 1).is_some_and(|t| t.is("to")) {
        return None;
    }
    let end = p.clause_end(i);
    (i + 2 < end).then(|| ControlUse {
        verb: i,
        control: Control::Commit,
        complement_start: i + 2,
        complement_end: end,
        object: None,
        lemma: "pledge",
        reduced: false,
    })
}

/// Whether the object of a trigger holds troops (used for quantities and summaries).
pub fn object_has(p: &Parsed<'_, '_>, trigger: &Trigger, bits: Classes) -> bool {
    (trigger.anchor + 1..trigger.object_end.min(p.tokens.len()))
        .any(|k| p.tokens[k].info.is_some_and(|i| i.classes & bits != 0))
}

/// Classes that mark casualties among an attack's objects.
pub const CASUALTY: Classes = class::PEOPLE | class::TROOPS | class::PROTESTER;

/// A past participle right after a common noun, with no "be" before it: "a meeting aimed
/// at ...", "a lunch hosted by ...".
fn is_reduced_relative(p: &Parsed<'_, '_>, v: usize) -> bool {
    let form = p.tokens[v].info.and_then(|i| i.verb).map(|(_, f)| f);
    if form != Some(VerbForm::Past) || v == 0 {
        return false;
    }
    // The first verb of a clause after the clause's subject is its main verb: "Leaders of
    // the Group of Seven rich democracies agreed on Thursday to ...".
    let clause = p.clause(v);
    if clause.verb == Some(v) && clause.subject.is_some_and(|s| p.chunks[s].end <= v) {
        return false;
    }
    let prev = &p.tokens[v - 1];
    let next_is_preposition = p
        .tokens
        .get(v + 1)
        .is_some_and(|n| n.info.is_some_and(|i| i.flags & func::PREP != 0) && !n.is("that"));
    prev.kind == TokenKind::Word
        && !prev.capitalised
        && !prev.cue(cue::DAY_DEICTIC)
        && !prev.is("also")
        && p.chunk_of[v - 1].is_none()
        && prev.info.is_none_or(|i| i.flags == 0 && (i.noun.is_some() || i.verb.is_none()))
        && !prev.lower.ends_with("ly")
        && next_is_preposition
}

/// "reiterated its demand that Israel ease ...": a hosted demand noun with a that-clause
/// governs it like "demanded that".
fn demand_noun_control(p: &Parsed<'_, '_>, trigger: &Trigger) -> Option<ControlUse> {
    let tokens = &p.tokens;
    let that =
        (trigger.anchor + 1..(trigger.object_end + 3).min(tokens.len())).find(|&k| tokens[k].is("that"))?;
    let end = p.clause_end(that + 1);
    (that + 1 < end).then(|| ControlUse {
        verb: trigger.anchor,
        control: Control::Direct,
        complement_start: that + 1,
        complement_end: end.max(p.clauses.iter().find(|c| c.start == that).map_or(end, |c| c.end)),
        object: None,
        lemma: "demand",
        reduced: false,
    })
}

/// Whether a light verb can host a noun's event: what is imposed or slapped is a sanction,
/// a restriction or a blockade ("the agreement had been imposed by Washington" is no
/// agreement). Whoever oversees an agreement ("will supervise the accord") did not make it.
fn hosts(light: &Token<'_>, rule: &Rule) -> bool {
    let kind = rule.outcome.map(|(k, _)| k);
    let measure = matches!(
        kind,
        Some(Kind::SanctionsImposed | Kind::Coercion | Kind::Attack | Kind::DiplomaticDowngrade)
    );
    let agreement = matches!(kind, Some(Kind::Agreement | Kind::TreatySigned | Kind::TreatyRatified));
    (!light.cue(cue::IMPOSE) || measure) && !(light.cue(cue::OVERSEE) && agreement)
}

/// "put its armed forces on high alert", "placed troops under alert": for put, place and
/// keep the hosted noun comes after one preposition.
fn light_extension(p: &Parsed<'_, '_>, verb: usize, window_end: usize) -> Option<(usize, &'static Rule)> {
    if !p.tokens[verb].cue(cue::PLACE_VERB) {
        return None;
    }
    let prep = p.tokens.get(window_end)?;
    if !matches!(prep.lower.as_ref(), "on" | "under" | "in") {
        return None;
    }
    let (_, end) = object_profile(p, window_end + 1);
    hosted_noun(p, window_end + 1, end)
}

/// "New sanctions were imposed on ...": a passive light verb takes its noun from its
/// subject.
fn subject_noun(p: &Parsed<'_, '_>, verb: usize) -> Option<(usize, &'static Rule)> {
    let start = p.clause_start(verb);
    (start..verb).rev().find_map(|k| {
        let t = &p.tokens[k];
        let noun = t.info?.noun?;
        let lemma = lexicon::lemma(noun);
        let (profile, _) = noun_profile(p, k);
        let pre = pre_classes(&p.tokens, k);
        let rule = lemma.noun_rules.iter().find(|r| rule_applies(r, profile, pre, true, false, None))?;
        rule.outcome.is_some().then_some((k, rule))
    })
}

/// "into the sea", "off its east coast", "into waters off ...": where test missiles land.
fn into_the_sea(p: &Parsed<'_, '_>, from: usize) -> bool {
    let end = p.clause_end(from.saturating_sub(1)).min(from + 8);
    let aimed = (from..end).any(|k| p.tokens[k].is("at"));
    !aimed && (from..end).any(|k| !p.tokens[k].capitalised && p.tokens[k].cue(cue::SEA))
}
