//! Event extraction: sentences -> mentions -> coded events with roles, modality, date,
//! quantity, evidence and confidence.
//!
//! The pipeline, per article:
//!
//! 1. [`sentences`]: split the normalised text into sentences with exact offsets; headline
//!    lines (title case, no terminal punctuation) are skipped: they repeat the story or
//!    tease another one.
//! 2. The gazetteer finds every name once over the whole text; per sentence, [`tokens`],
//!    [`phrases`] (actor phrases) and [`clauses`] give a shallow analysis ([`parsed`]).
//! 3. [`triggers`] finds verbs and nouns of the [`lexicon`]; [`controls`] applies what
//!    reporting, planning, promising, demanding, refusing and threatening verbs do to the
//!    events in their complement.
//! 4. [`roles`] assigns actor, target and place; [`attribution`] finds who the sentence
//!    says reports it; [`modality`] decides how certain the
//!    article is and who it attributes the event to; [`temporal`] dates it; [`quantity`]
//!    counts it.
//! 5. A planned cooperative action is coded as an intent to cooperate (CAMEO 03x, "will
//!    visit" is 036), a future hostile action stated by its actor or conditioned by
//!    "unless" as a threat (CAMEO 13x), as CAMEO and PLOVER code them.
//! 6. [`coref`] merges mentions of the same event within the article; [`quotes`] attaches
//!    quotations to statements; [`summary`] and [`confidence`] finish each event.
//!
//! **Conventions.** Compound actors ("South Korea and Japan") yield one event per actor,
//! and compound targets ("urged Israel and Hamas") one event per target; symmetric kinds
//! (met, clashed, signed) make two members each other's targets (three or more have none).
//! On the PLOVER gold standard, which lists one event with both actors (or targets), the
//! second event counts as a false positive; the convention is kept because it is what dyadic event data does
//! and it lets `actor=ROU` find the event. Events with neither actor nor target are
//! dropped, and so are events without an actor unless they are violence or repression with
//! a known target ("three civilians were killed in a car bombing in Baghdad" -> attack,
//! target IRQ). That unattributed violence keeps no actor: PLOVER gold often names the
//! country where it happened as the actor, a guess this engine does not make (such events
//! count as false positives there; the product keeps them, findable by target and place).
//! The victim named by the verb beats a target inferred from the place ("a bombing near
//! Samarra killed one U.S. soldier" -> target USA). Hypothetical and negated events need an
//! actor and, for kinds that have one, a target. Questions ("whether ...") are dropped.
//!
//! **References.** A mention that points back or only sets the scene never makes an event
//! of its own: an anaphoric noun ("this troop dispatch"), a noun without an actor of its
//! own, a noun in a cause or time phrase ("after Russia's annexation of Crimea"), in a
//! "during" phrase the subject takes no part in, or in the object of a statement
//! ("condemned the shelling of Sarajevo"), history in a background clause dated more than a
//! year back. [`coref`] attaches it to the most recent compatible event as more evidence.
//! What an accuser or sanctioner alleges ("accused X of bombing civilians") is not an
//! event at all. Every drop is counted in a diagnostic.

pub mod anaphora;
pub mod attribution;
pub mod clauses;
pub mod commentary;
pub mod confidence;
pub mod controls;
pub mod coref;
pub mod explain;
pub mod kinds;
pub mod lexicon;
pub mod modality;
pub mod names;
pub mod parsed;
pub mod phrases;
pub mod quantity;
pub mod quotes;
pub mod roles;
pub mod sentences;
pub mod summary;
pub mod temporal;
pub mod tokens;
pub mod tree;
pub mod triggers;

use chrono::NaiveDate;
use geoevents_domain::{
    Actor, Cameo, Diagnostic, Evidence, ExtractedEvent, Family, Kind, Modality, NormalizedArticle, Quote,
    Sector,
};

use self::clauses::ClauseKind;
use self::confidence::Signals;
use self::controls::{Governed, intent_cameo, is_cooperative, is_hostile, threat_cameo};
use self::coref::EventMention;
use self::lexicon::{Control, cue};
use self::parsed::Parsed;
use self::roles::{Assigned, Discourse, Role, Surface, clause_subject, resolve_chunk};
use crate::gazetteer::{ActorEntry, ActorKind, Gazetteer, Mention};

/// Extracts the events of a normalised article.
pub fn extract_events(
    article: &NormalizedArticle,
    gazetteer: &Gazetteer,
) -> (Vec<ExtractedEvent>, Vec<Diagnostic>) {
    let (events, diagnostics, _) = run(article, gazetteer, false);
    (events, diagnostics)
}

/// [`extract_events`], with a note of every trigger: its rule, its roles with their tree
/// paths, and what became of it ([`explain`]).
pub fn explain_events(
    article: &NormalizedArticle,
    gazetteer: &Gazetteer,
) -> (Vec<ExtractedEvent>, Vec<Diagnostic>, Vec<explain::Candidate>) {
    run(article, gazetteer, true)
}

fn run(
    article: &NormalizedArticle,
    gazetteer: &Gazetteer,
    explaining: bool,
) -> (Vec<ExtractedEvent>, Vec<Diagnostic>, Vec<explain::Candidate>) {
    let text = article.text.as_str();
    let published = article.published_at.map(|d| d.date_naive());
    let lower = tokens::fold_case(text);
    let sentences = sentences::split_sentences(text);
    let mentions = names::learned(text, gazetteer.find_on(text, published));
    let mut next_mention = 0;
    let mut discourse = Discourse::default();
    let mut found: Vec<EventMention> = Vec::new();
    let mut drops = Drops { explained: explaining.then(Vec::new), ..Drops::default() };
    let mut recipient = None;
    for (index, sentence) in sentences.iter().enumerate() {
        while next_mention < mentions.len() && mentions[next_mention].start < sentence.start {
            next_mention += 1;
        }
        let first = next_mention;
        let mut last = first;
        while last < mentions.len() && mentions[last].end <= sentence.end {
            last += 1;
        }
        if discourse.paragraph != sentence.paragraph {
            discourse.paragraph = sentence.paragraph;
        }
        if sentence.headline {
            drops.headlines += 1;
            continue;
        }
        let mut parsed = Parsed::new(text, &lower, *sentence, &mentions[first..last], gazetteer);
        anaphora::resolve_definites(&mut parsed, &discourse);
        let previous = discourse.commentary == Some(sentence.paragraph);
        if let Some(pair) = between_sides(&parsed, &discourse, gazetteer) {
            discourse.sides = Some((pair, sentence.paragraph));
        }
        let before = found.len();
        let commentary = commentary::is_commentary(&parsed, previous);
        discourse.commentary = commentary.then_some(sentence.paragraph);
        let context =
            Context { discourse: &discourse, gazetteer, mentions: &mentions, published, commentary };
        sentence_events(&parsed, index, &context, &mut recipient, &mut found, &mut drops);
        if found[before..].iter().all(|m| m.merge_only) {
            attach_quote_to_previous(&parsed, &discourse, gazetteer, &mut found[..before]);
        }
        if let Some(pair) = dealing_sides(&parsed, &found[before..], gazetteer) {
            discourse.sides = Some((pair, sentence.paragraph));
        }
        update_discourse(&parsed, &mut discourse, gazetteer);
        anaphora::remember(&parsed, &mut discourse);
    }
    let (merged, unattached) = coref::merge(found);
    drops.references = unattached;
    let mut events = Vec::with_capacity(merged.len());
    for m in merged {
        let mut event = m.event;
        event.confidence = confidence::combine(&m.scores);
        event.summary = summary::summarize(&event, m.actor_name.as_deref(), m.target_name.as_deref());
        events.push(event);
    }
    events.sort_by_key(|e| e.evidence.first().map_or(0, |x| x.start));
    let diagnostics = drops.diagnostics();
    (events, diagnostics, drops.explained.unwrap_or_default())
}

/// Why a candidate event was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Dropped {
    /// No resolvable actor (or target where the kind needs one).
    NoActor,
    /// Inside a whether-question.
    Question,
    /// Hypothetical or negated with no actor.
    UnanchoredHypothesis,
    /// A fact or plan told in analysts' commentary.
    Commentary,
    /// "did not rule out ...": a hedge, not a rejection.
    HedgedRuleOut,
    /// Repression that is the aim of violence told in the same clause ("fired to disperse").
    AimOfViolence,
    /// An arrival of people who are not forces.
    ArrivalOfCivilians,
    /// A gathering of people who are not protesters.
    GatheringWithoutProtest,
    /// A protest coded to police or the military: a misread purpose clause.
    ProtestBySecurityForces,
    /// Speaking to reporters.
    TalkToPress,
    /// A visit with no one visited.
    VisitWithoutHost,
}

impl Dropped {
    /// The diagnostic code and what the count means.
    fn describe(self) -> (&'static str, &'static str) {
        match self {
            Dropped::NoActor => {
                ("event_without_actor", "candidate event(s) dropped: no resolvable actor or target")
            }
            Dropped::Question => {
                ("event_in_question", "candidate event(s) dropped: inside a whether-question")
            }
            Dropped::UnanchoredHypothesis => (
                "event_unanchored_hypothesis",
                "hypothetical or negated candidate(s) dropped: actor or target missing",
            ),
            Dropped::Commentary => (
                "commentary_skipped",
                "candidate event(s) in analysts' or experts' commentary dropped: only possibilities are kept",
            ),
            Dropped::HedgedRuleOut => {
                ("rule_out_hedge", "refusal(s) dropped: \"not ruling out\" hedges and rejects nothing")
            }
            Dropped::AimOfViolence => (
                "coercion_as_aim_of_violence",
                "repression candidate(s) folded into the violence they were the aim of",
            ),
            Dropped::ArrivalOfCivilians => {
                ("arrival_not_of_forces", "arrival(s) dropped: only forces arriving are a deployment")
            }
            Dropped::GatheringWithoutProtest => {
                ("gathering_not_protest", "gathering(s) dropped: the crowd is not one of protesters")
            }
            Dropped::ProtestBySecurityForces => {
                ("protest_by_security_forces", "protest(s) coded to police or the military dropped")
            }
            Dropped::TalkToPress => ("meeting_with_press", "meeting(s) with reporters or the press dropped"),
            Dropped::VisitWithoutHost => {
                ("visit_without_host", "visit(s) with no one visited or hosted dropped")
            }
        }
    }
}

/// Counts of what was dropped, reported as diagnostics, and, when explaining, a note of
/// every trigger.
#[derive(Debug, Default)]
struct Drops {
    headlines: usize,
    references: usize,
    candidates: std::collections::BTreeMap<Dropped, usize>,
    explained: Option<Vec<explain::Candidate>>,
}

impl Drops {
    /// Counts a dropped candidate: the one noted last.
    fn count(&mut self, why: Dropped) {
        *self.candidates.entry(why).or_default() += 1;
        let (code, what) = why.describe();
        self.outcome(|| format!("dropped ({code}): {what}"));
    }

    /// When explaining, notes a trigger and its roles before anything is decided about it.
    fn note(&mut self, p: &Parsed<'_, '_>, trigger: &triggers::Trigger, roles: Option<&Assigned<'_>>) {
        if let Some(list) = &mut self.explained {
            list.push(explain::note(p, trigger, roles));
        }
    }

    /// When explaining, adds what became of the candidate noted last.
    fn outcome(&mut self, line: impl FnOnce() -> String) {
        if let Some(last) = self.explained.as_mut().and_then(|list| list.last_mut()) {
            last.outcomes.push(line());
        }
    }

    fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (why, n) in &self.candidates {
            let (code, what) = why.describe();
            out.push(Diagnostic::info(code, format!("{n} {what}")));
        }
        if self.references > 0 {
            out.push(Diagnostic::info(
                "reference_without_event",
                format!(
                    "{} mention(s) referred to an event the article does not otherwise report",
                    self.references
                ),
            ));
        }
        if self.headlines > 0 {
            out.push(Diagnostic::info(
                "headline_skipped",
                format!("{} headline-like line(s) not used for events", self.headlines),
            ));
        }
        out
    }
}

/// "Lithuania, Latvia and Estonia said they would impose entry bans on Georgian officials",
/// "Niger said it would break off relations with Kyiv": sanctions and cuts of relations
/// announced without a condition are decisions (planned), not threats; a threat needs a
/// condition ("if", "unless") or a coercive verb, which controls already make threats of.
/// Pulling inspectors or aid agencies out (CAMEO 166) stays a threat: it is leverage.
fn stated_decision(p: &Parsed<'_, '_>, kind: Kind, cameo: Cameo, judged: &modality::Judged) -> bool {
    (kind == Kind::SanctionsImposed || (kind == Kind::DiplomaticDowngrade && cameo != "166"))
        && !judged.unless
        && !p.clauses.iter().any(|c| c.kind == ClauseKind::Conditional)
}

/// "will close its last border crossing with Russia": closing one's own border is an
/// administrative decision, announced like a sanction rather than threatened like a
/// blockade.
fn closes_border(p: &Parsed<'_, '_>, anchor: usize) -> bool {
    p.tokens[anchor].cue(cue::BORDER_CLOSING)
}

/// Kinds that normally have a target; their hypothetical or negated mentions need one.
fn expects_target(kind: Kind) -> bool {
    !matches!(
        kind,
        Kind::MilitaryExercise
            | Kind::WeaponsTest
            | Kind::MilitaryAlert
            | Kind::Protest
            | Kind::PolicyStatement
    )
}

/// The actor of a role. Its `person`: a person the phrase names ("President Macron"), found
/// among the article's mentions already made, else the holder on `day` of the office its
/// title names ("the French president").
fn actor_of(role: &Role<'_>, text: &str, context: &Context<'_, '_>, day: Option<NaiveDate>) -> Actor {
    let name = role.surface.as_str(text);
    let named = match role.surface {
        // A mention that overlaps the phrase: the phrase may stop inside a longer name
        // ("President Luiz Inácio Lula" of "… Lula da Silva").
        Surface::Text(start, end) => {
            let first = context.mentions.partition_point(|m| m.end <= start);
            context.mentions[first..].iter().take_while(|m| m.start < end).find_map(|m| m.person)
        }
        Surface::Name(_) => None,
    };
    let person = named.or_else(|| context.gazetteer.office_holder(name, &role.entry.code, day));
    Actor {
        name: name.to_owned(),
        code: role.entry.code.clone(),
        country: role.entry.country.clone(),
        sector: role.sector,
        person: person.map(str::to_owned),
    }
}

/// What a sentence is read against: the article so far and its publication date.
struct Context<'a, 'g> {
    discourse: &'a Discourse<'g>,
    gazetteer: &'g Gazetteer,
    /// Every gazetteer mention of the article, in text order.
    mentions: &'a [Mention<'g>],
    published: Option<NaiveDate>,
    /// The sentence is an analyst's or expert's commentary.
    commentary: bool,
}

/// The last recipient of aid named, and the paragraph it was named in.
type Recipient<'g> = Option<(&'g crate::gazetteer::ActorEntry, usize)>;

/// Turns the triggers of one sentence into event mentions: roles for every trigger, then
/// for each one its reading (modality and any re-coding), the checks that may drop it or
/// keep it only as more evidence, and one mention per actor and target.
fn sentence_events<'g>(
    p: &Parsed<'_, 'g>,
    sentence_index: usize,
    context: &Context<'_, 'g>,
    recipient: &mut Recipient<'g>,
    out: &mut Vec<EventMention>,
    drops: &mut Drops,
) {
    let mut found = triggers::find(p);
    if found.triggers.is_empty() && found.controls.is_empty() {
        return;
    }
    let governed = controls::apply(p, &mut found);
    suppress_accused_acts(p, &mut found);
    let mut assigned = sentence_roles(p, &mut found, &governed, context, recipient, out, sentence_index);
    let mut facts = SentenceFacts::new(p, &found);
    let default = Governed::default();
    for (i, trigger) in found.triggers.iter().enumerate() {
        if trigger.suppressed {
            drops.note(p, trigger, None);
            drops.outcome(|| {
                "suppressed: read as part of the verb that governs it, or as an act someone is accused of"
                    .to_owned()
            });
            continue;
        }
        let Some(roles) = assigned[i].take() else { continue };
        drops.note(p, trigger, Some(&roles));
        let gov = governed.get(i).unwrap_or(&default);
        let reading = read_trigger(p, trigger, gov, roles, context, &facts)
            .and_then(|reading| standing(p, &found, trigger, reading));
        match reading {
            Ok(reading) => {
                emit_mentions(p, trigger, gov, reading, context, &mut facts, sentence_index, out, drops)
            }
            Err(dropped) => drops.count(dropped),
        }
    }
}

/// Roles for every trigger of a sentence: ordinary triggers first, then those made by
/// controls (they may take the target of the event they were made from); then the links
/// between the triggers of one sentence (a target lent, a recipient carried, mediators).
fn sentence_roles<'g>(
    p: &Parsed<'_, 'g>,
    found: &mut triggers::Found,
    governed: &[Governed],
    context: &Context<'_, 'g>,
    recipient: &mut Recipient<'g>,
    out: &[EventMention],
    sentence_index: usize,
) -> Vec<Option<Assigned<'g>>> {
    let Context { discourse, gazetteer, .. } = *context;
    let mut assigned: Vec<Option<Assigned<'g>>> = vec![None; found.triggers.len()];
    for pass in [false, true] {
        for (i, t) in found.triggers.iter().enumerate() {
            if t.from_control != pass {
                continue;
            }
            let inner_target = governed.get(i).and_then(|g| g.inner).and_then(|j| {
                assigned.get(j).and_then(|a| a.as_ref()).map(|a| (a.target.clone(), a.target_chunk))
            });
            assigned[i] = Some(roles::assign(p, t, inner_target, discourse, gazetteer));
        }
    }
    words_of_protest(p, found, &assigned);
    clear_self_targets(p, found, &mut assigned);
    lend_noun_actor(p, found, &mut assigned);
    fill_missing_targets(p, found, &mut assigned, discourse, gazetteer);
    fill_from_references(p, found, &mut assigned, out, sentence_index, gazetteer);
    carry_recipient(p, found, &mut assigned, recipient);
    mediation_parties(p, found, &mut assigned, discourse, gazetteer);
    retaliation_target(p, found, &mut assigned, out, gazetteer);
    clear_located_self_targets(p, found, &mut assigned);
    assigned
}

/// What every event of a sentence shares: its attribution and trigger positions, and,
/// worked out only once a trigger survives to become an event (most sentences with a
/// trigger word yield none), its dates, quantities, evidence and quotations.
struct SentenceFacts {
    source: Option<attribution::SentenceSource>,
    anchors: Vec<usize>,
    times: Option<Vec<temporal::TimeExpr>>,
    quantities: Option<Vec<quantity::QuantityExpr>>,
    evidence: Option<(Evidence, Vec<quotes::OwnedQuote>)>,
}

impl SentenceFacts {
    fn new(p: &Parsed<'_, '_>, found: &triggers::Found) -> Self {
        Self {
            source: attribution::sentence_source(p),
            anchors: found.triggers.iter().filter(|t| !t.suppressed).map(|t| t.anchor).collect(),
            times: None,
            quantities: None,
            evidence: None,
        }
    }

    fn times(&mut self, p: &Parsed<'_, '_>) -> &[temporal::TimeExpr] {
        self.times.get_or_insert_with(|| temporal::find_times(p))
    }

    fn quantities(&mut self, p: &Parsed<'_, '_>) -> &[quantity::QuantityExpr] {
        self.quantities.get_or_insert_with(|| quantity::find_quantities(p))
    }

    fn evidence(&mut self, p: &Parsed<'_, '_>) -> &(Evidence, Vec<quotes::OwnedQuote>) {
        let anchors = &self.anchors;
        self.evidence.get_or_insert_with(|| {
            let sentence = p.text[p.sentence.start..p.sentence.end].to_owned();
            let starts: Vec<usize> = p.tokens.iter().map(|t| t.start - p.sentence.start).collect();
            let speech_verbs: Vec<usize> = (0..p.tokens.len())
                .filter(|&k| {
                    p.tokens[k]
                        .info
                        .and_then(|i| i.verb)
                        .is_some_and(|(l, _)| lexicon::lemma(l).control == Some(Control::Speech))
                })
                .collect();
            let quotes = quotes::owned(&sentence, &starts, anchors, &speech_verbs, 2);
            (Evidence { sentence, start: p.sentence.char_start, end: p.sentence.char_end }, quotes)
        })
    }
}

/// One trigger read in its sentence: its roles, modality and attribution, and the kind
/// and code it ends up with.
struct Reading<'g> {
    roles: Assigned<'g>,
    judged: modality::Judged,
    kind: Kind,
    cameo: Cameo,
    modality: Modality,
    /// The kind was changed from the trigger's own (a plan, a refusal, a violent crowd).
    recoded: bool,
    /// The country (or code) of the first actor.
    first_actor_country: Option<String>,
    /// A later mention of an event told elsewhere: more evidence, never an event of its own.
    merge_only: bool,
    /// Two parties of a symmetric act, each the other's target.
    paired: bool,
}

/// The country (or the code) a phrase of the sentence resolves to.
fn country_of_chunk(p: &Parsed<'_, '_>, chunk: usize, context: &Context<'_, '_>) -> Option<String> {
    resolve_chunk(p, chunk, context.discourse, context.gazetteer)
        .first()
        .and_then(|r| r.entry.country.clone().or(Some(r.entry.code.clone())))
}

/// Judges a trigger's modality and codes what it says: a plan or promise of cooperation
/// is an intent to cooperate, a stated future hostile act a threat, a refused future
/// cooperation a rejection, violence by a crowd a violent protest.
fn read_trigger<'g>(
    p: &Parsed<'_, 'g>,
    trigger: &triggers::Trigger,
    gov: &Governed,
    mut roles: Assigned<'g>,
    context: &Context<'_, 'g>,
    facts: &SentenceFacts,
) -> Result<Reading<'g>, Dropped> {
    let first_actor_country =
        roles.actors.first().map(|a| a.entry.country.clone().unwrap_or_else(|| a.entry.code.clone()));
    let code_of = |c: usize| country_of_chunk(p, c, context);
    let judged =
        modality::judge(p, trigger, gov, facts.source.as_ref(), first_actor_country.as_deref(), &code_of);
    if judged.question {
        return Err(Dropped::Question);
    }
    // Commentary may say what could happen ("analysts say China could invade Taiwan"),
    // never what did or will.
    if context.commentary && judged.modality != Modality::Hypothetical {
        return Err(Dropped::Commentary);
    }
    // "did not rule out further measures" hedges; it rejects nothing.
    if trigger.kind == Kind::Rejection && modality::negated_rule_out(p, trigger.anchor) {
        return Err(Dropped::HedgedRuleOut);
    }
    let mut kind = trigger.kind;
    let mut cameo = trigger.cameo;
    let mut modality = judged.modality;
    let mut recoded = false;
    if judged.ruled_out {
        // "removing the sanctions is out of the question": a rejection of the action.
        kind = Kind::Rejection;
        cameo = Cameo::of("120");
        modality = Modality::Asserted;
        recoded = true;
    }
    // "would not seek to open accession negotiations with the EU", "will not send
    // aid": cooperation refused for the future, said by the one refusing, is a
    // rejection (CAMEO 12x), made now.
    if !trigger.from_control
        && modality == Modality::Negated
        && judged.future
        && is_cooperative(kind)
        && (judged.source_code.is_none() || judged.source_code == first_actor_country)
    {
        cameo = controls::rejection_cameo(kind);
        kind = Kind::Rejection;
        modality = Modality::Asserted;
        recoded = true;
    }
    // An arrangement ("Israeli forces are to withdraw within 60 days") keeps its kind:
    // it is neither a pledge nor a threat.
    // "Israel will withdraw its forces, Biden said": a plan another party reports is the
    // actor's planned act, not a pledge the actor made.
    let reported_by_other = judged.source_code.is_some() && judged.source_code != first_actor_country;
    if !trigger.from_control && modality == Modality::Planned && !judged.arranged {
        if is_cooperative(kind) && !reported_by_other {
            cameo = intent_cameo(kind, Some(cameo));
            kind = Kind::IntentToCooperate;
            recoded = true;
        } else if is_hostile(kind)
            && kind != Kind::Threat
            && (judged.stated_future || judged.unless)
            && !stated_decision(p, kind, cameo, &judged)
            && !(cameo == "163" && closes_border(p, trigger.anchor) && !judged.unless)
        {
            cameo = threat_cameo(kind);
            kind = Kind::Threat;
            modality = Modality::Asserted;
            recoded = true;
        }
    }
    // "Protesters set fire to the embassy", "demonstrators stormed parliament": violence
    // by a crowd is a violent protest (CAMEO 145), by the people of the place.
    if roles.subject_protesters && matches!(kind, Kind::Attack | Kind::Coercion | Kind::ArmedClash) {
        kind = Kind::Protest;
        cameo = Cameo::of("145");
        if roles.actors.is_empty()
            && let Some(country) = roles.location.as_ref().and_then(|l| l.country.as_deref())
            && let Some(entry) = context.gazetteer.actor(country)
        {
            roles.actors.push(Role::inferred(entry, Some(Sector::Civilians)));
        }
    }
    Ok(Reading {
        roles,
        judged,
        kind,
        cameo,
        modality,
        recoded,
        first_actor_country,
        merge_only: false,
        paired: false,
    })
}

/// Whether a reading stands as an event, is only more evidence of one told before
/// (`merge_only`), or is dropped, and why.
fn standing<'g>(
    p: &Parsed<'_, 'g>,
    found: &triggers::Found,
    trigger: &triggers::Trigger,
    mut r: Reading<'g>,
) -> Result<Reading<'g>, Dropped> {
    let nominal_reference = actorless_reference(p, trigger, &r)?;
    misread_kind(p, found, trigger, &r)?;
    let (kind, modality, roles) = (r.kind, r.modality, &r.roles);
    // "this troop dispatch" points back; "the deployment of 3,000 Russian troops to
    // Belarus" names its own actor and target and stands alone.
    let anaphoric = trigger.anaphoric && (roles.actors.is_empty() || roles.target.is_none());
    let mut merge_only =
        anaphoric || nominal_reference || told_elsewhere(p, found, trigger, &r) || standing_habit(p, trigger);
    // "was to ... sign a number of agreements": a planned signing by one party with no
    // partner named says too little to stand alone.
    let lone_signing = modality == Modality::Planned
        && matches!(kind, Kind::Agreement | Kind::TreatySigned)
        && roles.target.is_none()
        && roles.actors.len() < 2;
    // Two parties of a symmetric act ("met", "clashed", "blamed each other") are each
    // other's targets.
    let paired =
        roles.actors.len() == 2 && (trigger.flags.sym || roles::reciprocal_object(p, trigger.anchor));
    // A possible or denied act of two parties stands when both are named in the sentence
    // ("Peru and Chile could meet"), not when a pair phrase points back to them ("the
    // two governments might sign").
    let named_pair = paired
        && roles.actors.iter().all(|a| a.chunk.is_some() && !a.inherited)
        && roles.actors[0].chunk != roles.actors[1].chunk;
    if (matches!(modality, Modality::Hypothetical | Modality::Negated) || lone_signing)
        && (roles.actors.is_empty() || (roles.target.is_none() && !named_pair && expects_target(kind)))
    {
        if roles.actors.is_empty() {
            return Err(Dropped::UnanchoredHypothesis);
        }
        merge_only = true;
    }
    r.merge_only = merge_only;
    r.paired = paired;
    Ok(r)
}

/// A reading with no actor: violence or repression with a known victim stands (the doer
/// is unknown, not missing); a noun is a later mention of an event told before ("the
/// ratification of the pact was welcomed"), `Ok(true)`; anything else is dropped.
fn actorless_reference(
    p: &Parsed<'_, '_>,
    trigger: &triggers::Trigger,
    r: &Reading<'_>,
) -> Result<bool, Dropped> {
    let roles = &r.roles;
    if !roles.actors.is_empty() || trigger.anaphoric {
        return Ok(false);
    }
    let keep = matches!(r.kind, Kind::Attack | Kind::ArmedClash)
        && roles.target.is_some()
        && matches!(r.modality, Modality::Asserted | Modality::Claimed)
        && (trigger.passive
            || trigger.nominal
            || roles.unnamed_subject
            || event_noun_subject(p, trigger.anchor));
    if keep {
        Ok(false)
    } else if trigger.nominal {
        Ok(true)
    } else {
        Err(Dropped::NoActor)
    }
}

/// Readings whose kind the sentence shows to be wrong: repression that is the aim of the
/// violence just told, an arrival of people who are not forces, a gathering of people who
/// are not protesters, a "protest" by security forces.
fn misread_kind(
    p: &Parsed<'_, '_>,
    found: &triggers::Found,
    trigger: &triggers::Trigger,
    r: &Reading<'_>,
) -> Result<(), Dropped> {
    let (kind, roles) = (r.kind, &r.roles);
    let forces = |sectors: &[Sector]| {
        roles.actors.first().is_some_and(|a| a.sector.is_some_and(|s| sectors.contains(&s)))
    };
    // "police fired tear gas to disperse the crowd", "opened fire to disperse
    // demonstrators": the dispersal is the aim of the violence, one event with it.
    if kind == Kind::Coercion
        && purpose_infinitive(p, trigger)
        && found.triggers.iter().any(|o| {
            !o.suppressed
                && o.anchor < trigger.anchor
                && o.kind == Kind::Attack
                && p.clause_of.get(o.anchor) == p.clause_of.get(trigger.anchor)
        })
    {
        return Err(Dropped::AimOfViolence);
    }
    // "The first contingent of Kenyan police officers arrived in Haiti": an arrival is a
    // deployment only of forces.
    if kind == Kind::TroopDeployment
        && p.tokens[trigger.anchor].cue(cue::ARRIVAL)
        && !forces(&[Sector::Military, Sector::Police])
    {
        return Err(Dropped::ArrivalOfCivilians);
    }
    // "Protesters gathered outside the government headquarters": gathering is a protest
    // only when the crowd is one of protesters.
    if kind == Kind::Protest && !roles.subject_protesters && p.tokens[trigger.anchor].cue(cue::GATHERING) {
        return Err(Dropped::GatheringWithoutProtest);
    }
    // Security forces do not stage protests; a protest coded to them is a misread
    // purpose clause ("police prevented the demonstration ... to protest").
    if kind == Kind::Protest && forces(&[Sector::Police, Sector::Military]) {
        return Err(Dropped::ProtestBySecurityForces);
    }
    Ok(())
}

/// A mention that only sets the scene of an event told elsewhere: a noun in a cause or
/// time phrase, in a "during" phrase the subject takes no part in, in the object of a
/// statement, or naming the manner of another event; a planned demand, criticism or
/// refusal that is the purpose of a plan ("would blockade Paris to demand an end to ...").
fn told_elsewhere(
    p: &Parsed<'_, '_>,
    found: &triggers::Found,
    trigger: &triggers::Trigger,
    r: &Reading<'_>,
) -> bool {
    let (kind, roles) = (r.kind, &r.roles);
    ((trigger.nominal || gerund_as_noun(p, trigger.anchor)) && background_phrase(p, trigger.anchor))
        || (trigger.nominal
            && during_phrase(p, trigger.anchor)
            && roles.actors.first().is_none_or(|a| a.chunk.is_none()))
        || ((trigger.nominal || (trigger.infinitive && roles::noun_complement(p, trigger.anchor).is_some()))
            && in_statement_object(p, found, trigger))
        || (trigger.nominal
            && manner_of_verb_event(p, found, trigger)
            // "activists staged a hunger strike ... in protest": the crowd protests.
            && !(kind == Kind::Protest
                && roles.actors.first().is_some_and(|a| {
                    a.chunk.is_some() && matches!(a.sector, Some(Sector::Civilians | Sector::Opposition))
                })))
        || (r.modality == Modality::Planned
            && purpose_infinitive(p, trigger)
            && matches!(
                kind,
                Kind::Demand | Kind::Criticism | Kind::Accusation | Kind::Rejection | Kind::Threat
            ))
}

/// "Oman, which has long mediated between ...", "whose leader has repeatedly opposed ...": a
/// relative clause telling what its antecedent habitually does describes it; it is no event
/// of its own.
///
/// A clause told over years ("have expelled French forces in recent years", "has hosted
/// talks for decades") tells a course of policy, not one event, wherever it stands.
fn standing_habit(p: &Parsed<'_, '_>, trigger: &triggers::Trigger) -> bool {
    let a = trigger.anchor;
    let relative = || p.clause(a).kind == ClauseKind::Relative || roles::in_relative_clause(p, a);
    // "Dagalo, who leads the militia": a relative pronoun right before a verb in the present
    // tense says what its antecedent is, not what it did.
    let present = a > 0
        && matches!(p.tokens[a - 1].lower.as_ref(), "who" | "which")
        && p.tokens[a].info.and_then(|i| i.verb).is_some_and(|(_, f)| f == lexicon::VerbForm::Third);
    let habit = !trigger.nominal
        && ((a.saturating_sub(2)..a).any(|k| p.tokens[k].cue(cue::HABITUAL)) || present)
        && relative();
    // A coordinated predicate shares its first conjunct's period: "have expelled ... in
    // recent years and turned to Moscow".
    let ci = p.clause_of.get(a).copied().unwrap_or(0);
    let clause = &p.clauses[ci];
    let from =
        if clause.kind == ClauseKind::Coordinated && ci > 0 { p.clauses[ci - 1].start } else { clause.start };
    let over_years = (from..clause.end).any(|k| {
        let lead = |j: Option<usize>| {
            j.is_some_and(|j| matches!(p.tokens[j].lower.as_ref(), "recent" | "past" | "for"))
        };
        p.tokens[k].cue(cue::TREND_PERIOD)
            && (lead(k.checked_sub(1))
                || (k
                    .checked_sub(1)
                    .is_some_and(|j| matches!(p.tokens[j].lower.as_ref(), "few" | "several"))
                    && lead(k.checked_sub(2))))
    });
    habit || over_years
}

/// Kinds whose actor speaks: the quotation that says them goes with the event.
fn is_statement(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::PolicyStatement
            | Kind::IntentToCooperate
            | Kind::Criticism
            | Kind::Demand
            | Kind::Threat
            | Kind::Rejection
            | Kind::Accusation
            | Kind::DiplomaticSupport
    )
}

/// One mention per actor and target of a reading that stands, dated, counted and with
/// its evidence and quotation.
#[allow(clippy::too_many_arguments)]
fn emit_mentions<'g>(
    p: &Parsed<'_, 'g>,
    trigger: &triggers::Trigger,
    gov: &Governed,
    r: Reading<'g>,
    context: &Context<'_, 'g>,
    facts: &mut SentenceFacts,
    sentence_index: usize,
    out: &mut Vec<EventMention>,
    drops: &mut Drops,
) {
    let (kind, modality, roles) = (r.kind, r.modality, &r.roles);
    let background = matches!(
        p.clause(trigger.anchor).kind,
        ClauseKind::Relative | ClauseKind::Adverbial | ClauseKind::Concessive
    );
    let report = gov.report.or_else(|| facts.source.as_ref().map(|s| (s.start, s.end)));
    let anchors = facts.anchors.clone();
    let when =
        temporal::when_for(p, trigger.anchor, facts.times(p), report, &anchors, context.published, modality);
    // "... when Idi Amin expelled them 18 years ago": an event in a background clause
    // dated more than a year before publication is history told for context.
    let history = background
        && match (&when, context.published) {
            (Some(w), Some(published)) => w.text.is_some() && (published - w.end).num_days() > 366,
            _ => false,
        };
    let merge_only = r.merge_only || history;
    let quantity = quantity::quantity_for(p, trigger.anchor, kind, facts.quantities(p));
    let (evidence, sentence_quotes) = facts.evidence(p);
    let quote = quotes::for_trigger(sentence_quotes, trigger.anchor);
    // "He stated, \"... not directly supplying lethal weapons ...\"": an event told inside
    // a quotation is in the speaker's own words, and the quotation goes with it.
    let trigger_at = p.tokens[trigger.anchor].start - p.sentence.start;
    let inside_quote =
        quotes::quotations(&evidence.sentence).iter().any(|&(s, e)| s <= trigger_at && trigger_at < e);
    let statement = is_statement(kind);
    let self_speech =
        gov.speech && r.judged.source_code.is_some() && r.judged.source_code == r.first_actor_country;
    let speaker_is_actor = self_speech || gov.attribution.is_none() && statement;
    let actors: Vec<Option<&Role<'g>>> =
        if roles.actors.is_empty() { vec![None] } else { roles.actors.iter().map(Some).collect() };
    // "urged Israel and Hamas to", "spoke to the leaders of both countries": each party
    // named as target is one event.
    let targets: Vec<Option<Role<'g>>> =
        std::iter::once(roles.target.clone()).chain(roles.extra_targets.iter().cloned().map(Some)).collect();
    for ((k, actor), base_target) in
        actors.iter().enumerate().flat_map(|a| targets.iter().map(move |t| (a, t)))
    {
        let Some(target) = pair_target(p, trigger, &r, k, *actor, base_target.clone(), context.gazetteer)
            .map_err(|d| drops.count(d))
            .ok()
        else {
            continue;
        };
        // A standalone noun with an actor but no target ("North Korea's troop
        // deployment", "since last month's U.S. invasion") is usually a reference to an
        // event told elsewhere: it adds evidence but does not stand alone.
        let reference = trigger.nominal
            && target.is_none()
            && !matches!(
                kind,
                Kind::Protest | Kind::MilitaryExercise | Kind::WeaponsTest | Kind::MilitaryAlert
            );
        let signals = Signals {
            specificity: trigger.specificity,
            actor: actor.is_some(),
            target: target.is_some(),
            nominal: trigger.nominal,
            inherited: actor.is_some_and(|a| a.inherited),
            distance: roles.actor_distance,
            modality,
            background,
            recoded: r.recoded,
        };
        let quote = quote.as_ref().filter(|_| statement || self_speech || inside_quote).map(|text| Quote {
            text: text.clone(),
            speaker: actor.map(|a| a.surface.as_str(p.text).to_owned()),
        });
        // The day the event's offices are read on: its own date, else the article's.
        let day = when.as_ref().map(|w| w.start).or(context.published);
        let event = ExtractedEvent {
            kind,
            cameo: r.cameo,
            actor: actor.map(|a| actor_of(a, p.text, context, day)),
            target: target.as_ref().map(|t| actor_of(t, p.text, context, day)),
            location: roles.location.clone(),
            when: when.clone(),
            quantity: quantity.clone(),
            modality,
            attribution: r.judged.attribution.clone(),
            quote,
            summary: String::new(),
            confidence: confidence::score(&signals),
            evidence: vec![evidence.clone()],
        };
        let merge_only = merge_only || reference || (trigger.anaphoric && actor.is_none());
        drops.outcome(|| {
            let code = |r: Option<&Role<'_>>| r.map_or("-".to_owned(), |r| r.entry.code.clone());
            let what = if merge_only { "kept only as more evidence of an earlier mention" } else { "kept" };
            format!("{what}: {} {} -> {} {}", event.kind, code(*actor), code(target.as_ref()), event.modality)
        });
        out.push(EventMention {
            event,
            merge_only,
            sentence: sentence_index,
            actor_name: actor.map(|a| a.entry.name.clone()),
            target_name: target.as_ref().map(|t| t.entry.name.clone()),
            speech: speaker_is_actor,
            target_inferred: target.as_ref().is_some_and(|t| t.inherited || t.chunk.is_none()),
        });
    }
}

/// The target of the mention of actor `k`: the other member of a pair, none where the
/// actor would act on itself (unless politics is domestic), the actor's own country for
/// protest and repression with no one named; or a drop (a talk to the press, a visit
/// with no one visited).
fn pair_target<'g>(
    p: &Parsed<'_, 'g>,
    trigger: &triggers::Trigger,
    r: &Reading<'g>,
    k: usize,
    actor: Option<&Role<'g>>,
    mut target: Option<Role<'g>>,
    gazetteer: &'g Gazetteer,
) -> Result<Option<Role<'g>>, Dropped> {
    let (kind, cameo) = (r.kind, r.cameo);
    // Among three or more parties ("South Korea, the United States and Japan held a
    // trilateral exercise") no one is the target.
    // A target found for a pair that is one of the pair itself ("Peru and Chile failed to
    // agree on the fate of a Chilean port") names the other side of the pair.
    let one_of_pair = |t: &Role<'g>| r.roles.actors.iter().any(|a| a.entry.code == t.entry.code);
    if r.paired && target.as_ref().is_none_or(one_of_pair) {
        target = r.roles.actors.get(if k == 0 { 1 } else { 0 }).cloned();
    }
    if let (Some(a), Some(t)) = (actor, &target)
        && a.entry.code == t.entry.code
        && !acts_on_itself(a, t, kind)
    {
        target = None;
    }
    // Speaking to reporters or the press is no meeting.
    if kind == Kind::Meeting && target.as_ref().is_some_and(|t| t.sector == Some(Sector::Media)) {
        return Err(Dropped::TalkToPress);
    }
    // A visit or a hosting with no one visited or hosted ("visited the Yasukuni
    // shrine", "visited the front line") is no diplomatic event.
    if target.is_none()
        && kind == Kind::Meeting
        && matches!(cameo.as_str(), "042" | "043")
        && !trigger.nominal
    {
        return Err(Dropped::VisitWithoutHost);
    }
    // Protest and repression with no named target are domestic: aimed at (or done
    // to) the actor's own country.
    // Seized property ("seized an oil tanker") has an owner the text must name.
    let domestic = (kind == Kind::Protest || (kind == Kind::Coercion && !seizure_word(p, trigger.anchor)))
        || (kind == Kind::Concession && matches!(cameo.as_str(), "080" | "082"))
        || (kind == Kind::Threat && cameo == "137")
        || (kind == Kind::Attack && actor.is_some_and(|a| a.sector == Some(Sector::Police)));
    if target.is_none()
        && domestic
        && let Some(a) = actor
        && let Some(country) = &a.entry.country
        && let Some(entry) = gazetteer.actor(country)
    {
        target =
            Some(Role::inferred(entry, if kind == Kind::Protest { Some(Sector::Government) } else { None }));
    }
    Ok(target)
}

/// Whether an actor and a target of the same code stay two parties. One phrase naming
/// both ("the two sides") never does. A body or group does not act on itself ("the
/// Security Council agreed to extend UNIFIL's mandate"); a state may, where politics is
/// domestic: repression, concessions, protest, blame and demands ("accused the
/// opposition"), or where one side is not the state (rebels releasing a prime minister,
/// farmers threatening to blockade Paris). Its organs do not strike, arm, sanction or meet
/// each other ("Ecuador attacked Ecuador" for police storming a foreign embassy).
fn acts_on_itself(a: &Role<'_>, t: &Role<'_>, kind: Kind) -> bool {
    if a.chunk.is_some() && a.chunk == t.chunk {
        return false;
    }
    if !matches!(a.entry.kind, ActorKind::State | ActorKind::Territory) {
        return false;
    }
    let state_side = |r: &Role<'_>| {
        r.sector.is_none_or(|s| {
            matches!(
                s,
                Sector::Government | Sector::Military | Sector::Leader | Sector::Legislature | Sector::Police
            )
        })
    };
    !(state_side(a) && state_side(t))
        || matches!(
            kind,
            Kind::Coercion
                | Kind::Concession
                | Kind::Protest
                | Kind::Criticism
                | Kind::Accusation
                | Kind::Demand
                | Kind::Investigation
                | Kind::Rejection
                | Kind::PolicyStatement
        )
}

/// Verbal conflict and border closures without a target of their own ("expressed grave
/// concern after Russia ratified ...", "..., urging Moscow to halt"): the actor of an event
/// in an attached "after/over" clause, else the target of another event by the same actor.
fn fill_missing_targets<'g>(
    p: &Parsed<'_, 'g>,
    found: &triggers::Found,
    assigned: &mut [Option<Assigned<'g>>],
    discourse: &Discourse<'g>,
    gazetteer: &'g Gazetteer,
) {
    purpose_destinations(p, found, assigned);
    for i in 0..found.triggers.len() {
        let t = &found.triggers[i];
        // A border closed with no neighbour named is closed on whoever the sentence says
        // provoked it ("closed the border after Chilean troops crossed it").
        let border_closure = t.kind == Kind::SanctionsImposed && t.flags.with_target;
        if t.suppressed
            || !(border_closure
                || matches!(
                    t.kind,
                    Kind::Criticism | Kind::Accusation | Kind::Demand | Kind::Threat | Kind::Rejection
                ))
        {
            continue;
        }
        let Some(a) = assigned[i].as_ref() else { continue };
        if a.target.is_some() || a.target_chunk.is_some() || a.actors.is_empty() {
            continue;
        }
        let my_code = a.actors[0].entry.code.as_str();
        let fill = if matches!(t.kind, Kind::Threat | Kind::Demand) {
            condition_party(p, my_code, discourse, gazetteer)
        } else {
            None
        };
        let fill = fill
            .or_else(|| attached_actor(p, found, assigned, i, my_code))
            .map(|role| (role, Vec::new()))
            .or_else(|| target_of_same_actor(p, found, assigned, i, my_code))
            .or_else(|| {
                border_closure
                    .then(|| actor_acting_on(found, assigned, i, my_code))
                    .flatten()
                    .map(|r| (r, Vec::new()))
            });
        if let (Some((role, extra)), Some(a)) = (fill, assigned[i].as_mut()) {
            a.target = Some(Role { inherited: true, ..role });
            a.extra_targets = extra.into_iter().map(|r| Role { inherited: true, ..r }).collect();
        }
    }
}

/// "sending officials to Ukraine to offer intelligence": a purpose infinitive takes the
/// destination of the verb it serves.
fn purpose_destinations<'g>(
    p: &Parsed<'_, 'g>,
    found: &triggers::Found,
    assigned: &mut [Option<Assigned<'g>>],
) {
    for i in 0..found.triggers.len() {
        let t = &found.triggers[i];
        if t.suppressed || !t.infinitive || assigned[i].as_ref().is_none_or(|a| a.target.is_some()) {
            continue;
        }
        let clause = p.clause_of.get(t.anchor).copied();
        let my_code = assigned[i].as_ref().and_then(|a| a.actors.first()).map(|r| r.entry.code.clone());
        let before = (0..found.triggers.len())
            .filter(|&j| {
                let o = &found.triggers[j];
                o.anchor < t.anchor && p.clause_of.get(o.anchor).copied() == clause
            })
            .max_by_key(|&j| found.triggers[j].anchor);
        if let Some(j) = before
            && let Some(b) = assigned[j].as_ref()
            && b.actors.first().map(|r| r.entry.code.clone()) == my_code
            && let Some(target) = b.target.clone()
            && let Some(a) = assigned[i].as_mut()
        {
            a.target = Some(Role { inherited: true, ..target });
        }
    }
}

/// "threatened to X unless Baghdad accepted", "... until the United States abandons its
/// hostile policy": the subject of a condition, or its only other party ("... if no
/// agreement on Iran's programme is reached").
fn condition_party<'g>(
    p: &Parsed<'_, 'g>,
    my_code: &str,
    discourse: &Discourse<'g>,
    gazetteer: &'g Gazetteer,
) -> Option<Role<'g>> {
    for (ci, clause) in p.clauses.iter().enumerate() {
        let until = clause.kind == ClauseKind::Adverbial && clause.opener == Some("until");
        if !until && !matches!(clause.kind, ClauseKind::Unless | ClauseKind::Conditional) {
            continue;
        }
        if let Some((c, _)) = clause_subject(p, ci, clause.end)
            && let Some(role) = resolve_chunk(p, c, discourse, gazetteer).into_iter().next()
            && role.entry.code != my_code
        {
            return Some(role);
        }
        let named = (0..p.chunks.len())
            .filter(|&c| {
                let ch = &p.chunks[c];
                ch.start >= clause.start && ch.end <= clause.end && ch.actor.is_some() && !ch.modifier
            })
            .flat_map(|c| resolve_chunk(p, c, discourse, gazetteer))
            .find(|r| r.entry.code != my_code);
        if named.is_some() {
            return named;
        }
    }
    None
}

/// "expressed grave concern after Russia ratified ...": the actor of an event in an
/// "after/over/when/because" clause attached to the trigger's.
fn attached_actor<'g>(
    p: &Parsed<'_, 'g>,
    found: &triggers::Found,
    assigned: &[Option<Assigned<'g>>],
    i: usize,
    my_code: &str,
) -> Option<Role<'g>> {
    let my_clause = p.clause_of.get(found.triggers[i].anchor).copied();
    other_readings(found, assigned, i).find_map(|(other, b)| {
        let clause = p.clause(other.anchor);
        let attached = clause.kind == ClauseKind::Adverbial
            && clause.parent == my_clause
            && matches!(clause.opener, Some("after" | "over" | "when" | "because"));
        let actor = b.actors.first()?;
        (attached && actor.entry.code != my_code).then(|| actor.clone())
    })
}

/// The other live triggers of the sentence with their roles: (trigger, roles).
fn other_readings<'a, 'g>(
    found: &'a triggers::Found,
    assigned: &'a [Option<Assigned<'g>>],
    i: usize,
) -> impl Iterator<Item = (&'a triggers::Trigger, &'a Assigned<'g>)> {
    found
        .triggers
        .iter()
        .enumerate()
        .filter(move |&(j, other)| j != i && !other.suppressed)
        .filter_map(|(j, other)| Some((other, assigned[j].as_ref()?)))
}

/// "Chile banned Peruvian imports, while Peru closed the border": the party that acted on
/// the actor elsewhere in the sentence.
fn actor_acting_on<'g>(
    found: &triggers::Found,
    assigned: &[Option<Assigned<'g>>],
    i: usize,
    my_code: &str,
) -> Option<Role<'g>> {
    other_readings(found, assigned, i).find_map(|(_, b)| {
        let actor = b.actors.first()?;
        (actor.entry.code != my_code && b.target.as_ref().is_some_and(|t| t.entry.code == my_code))
            .then(|| actor.clone())
    })
}

/// "..., urging Moscow to halt": the target of another event of the sentence by the same
/// actor. "X, who was attending a summit in Y, called for ...": an aside about the actor
/// says nothing of whom the main act is aimed at.
fn target_of_same_actor<'g>(
    p: &Parsed<'_, 'g>,
    found: &triggers::Found,
    assigned: &[Option<Assigned<'g>>],
    i: usize,
    my_code: &str,
) -> Option<(Role<'g>, Vec<Role<'g>>)> {
    other_readings(found, assigned, i).find_map(|(other, b)| {
        let aside =
            p.clause(other.anchor).kind == ClauseKind::Relative || roles::in_relative_clause(p, other.anchor);
        if aside {
            return None;
        }
        let target = b.target.as_ref()?;
        (b.actors.first().is_some_and(|x| x.entry.code == my_code) && target.entry.code != my_code)
            // "spoke to both leaders and urged them": the parties of an earlier act are all
            // addressed again; a later act lends its first party only.
            .then(|| {
                let extra = if other.anchor < found.triggers[i].anchor {
                    b.extra_targets.clone()
                } else {
                    Vec::new()
                };
                (target.clone(), extra)
            })
    })
}

/// A government "protests" in words: "Moscow summoned the ambassador to protest against
/// Helsinki's decision" is criticism, not a demonstration. Only the verb "protest" has that
/// reading: crowds demonstrate, rally and march. Decided as soon as the actor is known, so
/// the target rules below treat it as the criticism it is.
fn words_of_protest(p: &Parsed<'_, '_>, found: &mut triggers::Found, assigned: &[Option<Assigned<'_>>]) {
    for (t, a) in found.triggers.iter_mut().zip(assigned) {
        let government = a
            .as_ref()
            .and_then(|a| a.actors.first())
            .is_some_and(|a| matches!(a.sector, Some(Sector::Government | Sector::Leader)));
        if t.kind == Kind::Protest
            && !t.nominal
            && p.tokens[t.anchor].lower.starts_with("protest")
            && government
        {
            t.kind = Kind::Criticism;
            t.cameo = Cameo::of("111");
        }
    }
}

/// "China protested against the inclusion of Chinese companies", "threatened ... at war
/// with Russia": a state does not criticise, threaten, sanction or aid itself. A target
/// with the actor's own code is a misread (an "of" phrase, a place) and is cleared, so the
/// fills below can find the right one; a split between a government and its opposition,
/// civilians, rebels, courts or parliament is kept ("Kobakhidze accused the opposition").
fn clear_self_targets<'g>(
    p: &Parsed<'_, 'g>,
    found: &triggers::Found,
    assigned: &mut [Option<Assigned<'g>>],
) {
    let split = |s: Option<Sector>| {
        matches!(
            s,
            Some(
                Sector::Opposition
                    | Sector::Civilians
                    | Sector::Rebels
                    | Sector::Legislature
                    | Sector::Judiciary
                    | Sector::Media
            )
        )
    };
    for (i, t) in found.triggers.iter().enumerate() {
        let international = matches!(
            t.kind,
            Kind::Criticism
                | Kind::Accusation
                | Kind::Demand
                | Kind::Rejection
                | Kind::SanctionsImposed
                | Kind::DiplomaticDowngrade
                | Kind::DiplomaticSupport
                | Kind::MilitaryAid
                | Kind::EconomicAid
                | Kind::MilitaryCooperation
                | Kind::EconomicCooperation
                | Kind::IntentToCooperate
        ) || (t.kind == Kind::Threat && !matches!(t.cameo.as_str(), "137" | "133"));
        let Some(a) = assigned[i].as_mut() else { continue };
        let (Some(actor), Some(target)) = (a.actors.first(), a.target.as_ref()) else { continue };
        let code = |r: &Role<'_>| r.entry.country.clone().unwrap_or_else(|| r.entry.code.clone());
        if international && code(actor) == code(target) && !split(actor.sector) && !split(target.sector) {
            // "demanded that they return the weapons": a pronoun that resolved to the
            // demander means the other party named before it in the sentence.
            let own = code(actor);
            let other = target.chunk.filter(|&c| p.chunks[c].pronoun.is_some()).and_then(|c| {
                (0..c).rev().find_map(|j| {
                    let ch = &p.chunks[j];
                    let entry = ch
                        .actor
                        .filter(|e| !ch.modifier && e.country.as_deref().unwrap_or(&e.code) != own)?;
                    Some(Role {
                        entry,
                        sector: ch.sector,
                        surface: p.chunk_surface(j),
                        chunk: Some(j),
                        inherited: true,
                        person: ch.person,
                    })
                })
            });
            a.target_chunk = other.as_ref().and_then(|r| r.chunk);
            a.target = other;
        }
    }
}

/// "banned them from doing business in China", "seized the assets of Western companies in
/// Russia", "seized an oil tanker near Helsinki": a seizure or ban by a state is not aimed
/// at that state when the state is named only as a place or is the event's location (run
/// after the fills, which take targets from places).
fn clear_located_self_targets(
    p: &Parsed<'_, '_>,
    found: &triggers::Found,
    assigned: &mut [Option<Assigned<'_>>],
) {
    for (i, t) in found.triggers.iter().enumerate() {
        if t.kind != Kind::Coercion || !(t.cameo == "172" || seizure_word(p, t.anchor)) {
            continue;
        }
        let Some(a) = assigned[i].as_mut() else { continue };
        let (Some(actor), Some(target)) = (a.actors.first(), a.target.as_ref()) else { continue };
        let code = |r: &Role<'_>| r.entry.country.clone().unwrap_or_else(|| r.entry.code.clone());
        if code(actor) != code(target) {
            continue;
        }
        // "the assets of Western companies in Russia": a place absorbed into the phrase.
        let located = target.chunk.is_none_or(|c| {
            (p.chunks[c].start..p.chunks[c].end)
                .any(|k| matches!(p.tokens[k].lower.as_ref(), "in" | "inside"))
                || (p.chunks[c].start > 0
                    && matches!(
                        p.tokens[p.chunks[c].start - 1].lower.as_ref(),
                        "in" | "inside"
                            | "into"
                            | "between"
                            | "across"
                            | "near"
                            | "at"
                            | "within"
                            | "throughout"
                    ))
        });
        if located {
            a.target = None;
            a.target_chunk = None;
        }
    }
}

/// "seized", "confiscated", "impounded": taking property, which has an owner (unlike
/// destroying it, which is done where it stands).
fn seizure_word(p: &Parsed<'_, '_>, anchor: usize) -> bool {
    p.tokens[anchor].cue(cue::SEIZURE)
}

/// "Israeli air strikes killed at least 18 people": a violent verb whose subject is an
/// event noun with an actor of its own ("Israeli", "Russia's") takes that actor; the noun
/// and the verb are one event, told by the verb.
fn lend_noun_actor<'g>(
    p: &Parsed<'_, 'g>,
    found: &mut triggers::Found,
    assigned: &mut [Option<Assigned<'g>>],
) {
    for i in 0..found.triggers.len() {
        let t = &found.triggers[i];
        if t.suppressed || t.nominal || t.kind.family() != Family::Assault {
            continue;
        }
        if assigned[i].as_ref().is_none_or(|a| !a.actors.is_empty()) {
            continue;
        }
        let start = p.clause_start(t.anchor);
        let anchor = t.anchor;
        let noun = (0..found.triggers.len()).find(|&j| {
            let o = &found.triggers[j];
            o.nominal
                && !o.suppressed
                && o.kind.family() == Family::Assault
                && o.anchor >= start
                && o.anchor < anchor
                && assigned[j].as_ref().is_some_and(|a| !a.actors.is_empty())
        });
        // "Militants killed 23 soldiers near the border, ... in one of the deadliest attacks
        // on the Nigerien military": a noun of the sentence names the victim the verb
        // leaves unnamed.
        let noun = noun.or_else(|| {
            let a = assigned[i].as_ref()?;
            if a.target.is_some() {
                return None;
            }
            (0..found.triggers.len()).find(|&j| {
                let o = &found.triggers[j];
                o.nominal
                    && !o.suppressed
                    && o.kind.family() == Family::Assault
                    && assigned[j].as_ref().is_some_and(|b| b.actors.is_empty() && b.target.is_some())
            })
        });
        let Some(j) = noun else { continue };
        let Some(lent) = assigned[j].clone() else { continue };
        if let Some(a) = assigned[i].as_mut() {
            a.actors = lent.actors;
            // "An Israeli air strike on Gaza City killed 12": the noun's target too.
            if a.target.is_none() && lent.target.is_some() {
                a.target = lent.target;
                a.target_chunk = lent.target_chunk;
            }
            if a.location.is_none() {
                a.location = lent.location;
            }
        }
        found.triggers[j].suppressed = true;
    }
}

/// "International donors pledged 2 billion euros for Sudan ... France said it would provide
/// 110 million euros": aid without a recipient of its own goes to the last recipient
/// named, in the same paragraph or the one before. Every aid trigger with a recipient,
/// with or without an actor, names one.
fn carry_recipient<'g>(
    p: &Parsed<'_, 'g>,
    found: &triggers::Found,
    assigned: &mut [Option<Assigned<'g>>],
    recipient: &mut Recipient<'g>,
) {
    let paragraph = p.sentence.paragraph;
    for (i, t) in found.triggers.iter().enumerate() {
        let aid = matches!(t.kind, Kind::MilitaryAid | Kind::HumanitarianAid | Kind::EconomicAid)
            || (t.kind == Kind::IntentToCooperate && t.cameo == "033");
        if t.suppressed || !aid {
            continue;
        }
        let Some(a) = assigned[i].as_mut() else { continue };
        if let Some(target) = &a.target {
            *recipient = Some((target.entry, paragraph));
            continue;
        }
        if let Some((entry, named_in)) = *recipient
            && paragraph.saturating_sub(named_in) <= 1
            && a.actors.first().is_some_and(|x| x.entry.code != entry.code)
        {
            a.target = Some(Role::inferred(entry, None));
        }
    }
}

/// "talks between Iran and the United States, mediated by Oman": a mediation without a
/// target of its own mediates between the parties the sentence pairs with "between", or
/// else between the sides of the dealing in view ("China, which brokered the deal"); it
/// is a meeting with each of them.
fn mediation_parties<'g>(
    p: &Parsed<'_, 'g>,
    found: &triggers::Found,
    assigned: &mut [Option<Assigned<'g>>],
    discourse: &Discourse<'g>,
    gazetteer: &'g Gazetteer,
) {
    for (i, t) in found.triggers.iter().enumerate() {
        if t.suppressed || t.kind != Kind::Meeting || t.cameo != "045" {
            continue;
        }
        let Some(a) = assigned[i].as_mut() else { continue };
        if a.target.is_some() {
            continue;
        }
        let Some(mine) = a.actors.first().map(|r| r.entry.code.clone()) else { continue };
        let mut parties = between_parties(p, discourse, gazetteer);
        parties.retain(|r| r.entry.code != mine);
        if parties.is_empty()
            && let Some(pair) = discourse.sides_in_view()
        {
            parties = pair.iter().filter(|e| e.code != mine).map(|&e| Role::inferred(e, None)).collect();
        }
        let mut parties = parties.into_iter().map(|role| Role { inherited: true, ..role });
        a.target = parties.next();
        a.extra_targets.extend(parties);
    }
}

/// "Pakistan said the strikes killed 26 civilians and vowed to retaliate": a threat of
/// retaliation without a target is aimed at whoever struck its author, the actor of the
/// article's first hostile event against it.
fn retaliation_target<'g>(
    p: &Parsed<'_, 'g>,
    found: &triggers::Found,
    assigned: &mut [Option<Assigned<'g>>],
    earlier: &[EventMention],
    gazetteer: &'g Gazetteer,
) {
    for (i, t) in found.triggers.iter().enumerate() {
        if t.suppressed || t.kind != Kind::Threat {
            continue;
        }
        let Some(a) = assigned[i].as_ref() else { continue };
        if a.target.is_some() {
            continue;
        }
        let Some(me) = a.actors.first().map(|r| r.entry.code.as_str()) else { continue };
        let retaliation = (t.anchor..p.clause_end(t.anchor).min(t.anchor + 8))
            .any(|k| p.tokens[k].cue(cue::REPRISAL | cue::RESPOND | cue::RESPONSE));
        if !retaliation {
            continue;
        }
        let striker = earlier.iter().take(LEAD_REACH).find_map(|m| {
            let hostile = m.event.kind.family().is_hostile();
            let against_me = m.event.target.as_ref().is_some_and(|x| x.code == me);
            let by = m.event.actor.as_ref().filter(|x| x.code != me)?;
            (hostile && against_me).then(|| by.code.clone())
        });
        let Some(entry) = striker.and_then(|code| gazetteer.actor(&code)) else { continue };
        if let Some(a) = assigned[i].as_mut() {
            a.target = Some(Role::inferred(entry, None));
        }
    }
}

/// How many sentences back a reaction may find the censure it reacts to.
const REACTION_REACH: usize = 25;

/// How many of the article's first events a reaction looks through for the news it
/// reacts to.
const LEAD_REACH: usize = 48;

/// "Iran condemned the strikes", "Stoltenberg praised the vote", "called the launch a
/// grave provocation", "would respond to the move": a reaction without a target of its own
/// whose object is a definite mention of an event ("the strikes", "this decision") takes
/// the actor of that event, told before by someone else, as its target: the article's
/// first such event, because what reactions in wire copy react to is the news the article
/// leads with, not the background told since. An event noun names its family ("the
/// strikes": an attack); a general one ("the decision", "the move", "the incident") any
/// act that is not itself a reaction; "the resolution" the latest censure or demand.
fn fill_from_references<'g>(
    p: &Parsed<'_, 'g>,
    found: &triggers::Found,
    assigned: &mut [Option<Assigned<'g>>],
    earlier: &[EventMention],
    sentence_index: usize,
    gazetteer: &'g Gazetteer,
) {
    for (i, t) in found.triggers.iter().enumerate() {
        if t.suppressed
            || !matches!(
                t.kind,
                Kind::Criticism
                    | Kind::Accusation
                    | Kind::DiplomaticSupport
                    | Kind::Rejection
                    | Kind::Demand
                    | Kind::Threat
            )
        {
            continue;
        }
        let Some(a) = assigned[i].as_ref() else { continue };
        if a.target.is_some() || a.target_chunk.is_some() {
            continue;
        }
        let Some(my_code) = a.actors.first().map(|r| r.entry.code.as_str()) else { continue };
        let Some((noun, family)) = referenced_event(p, t) else { continue };
        let resolution = noun & cue::RESOLUTION != 0;
        let reaction = |k: Kind| {
            matches!(
                k,
                Kind::Criticism
                    | Kind::Accusation
                    | Kind::Demand
                    | Kind::DiplomaticSupport
                    | Kind::Rejection
                    | Kind::PolicyStatement
            )
        };
        // An agreement noun names a treaty as well ("condemned the agreement" after "signed a
        // pact").
        let pact = |f: Family| matches!(f, Family::Agree | Family::Treaty);
        let wanted = |m: &EventMention| match family {
            Some(f) => m.event.kind.family() == f || (pact(f) && pact(m.event.kind.family())),
            None if noun & cue::SPOKEN != 0 => true,
            // A body's resolution censures, demands or sanctions.
            None if resolution => reaction(m.event.kind) || m.event.kind == Kind::SanctionsImposed,
            None => !reaction(m.event.kind),
        };
        let by_other =
            |m: &&EventMention| m.event.actor.as_ref().is_some_and(|x| x.code != my_code) && wanted(m);
        let source = if resolution {
            earlier.iter().rev().take_while(|m| sentence_index - m.sentence <= REACTION_REACH).find(by_other)
        } else {
            // The lead is near the top: a bounded look keeps this linear on any input.
            earlier.iter().take(LEAD_REACH).find(by_other)
        };
        // "Iran welcomed the ceasefire" between Israel and Hezbollah: welcoming a pact, a
        // meeting or a clash's end supports no one party ("condemned the agreement" still
        // blames the party that led it); so does welcoming "the deal" one party approved,
        // while welcoming "Turkey's ratification" supports Turkey.
        if t.kind == Kind::DiplomaticSupport
            && source.is_some_and(|m| {
                matches!(
                    m.event.kind,
                    Kind::Agreement
                        | Kind::TreatySigned
                        | Kind::Meeting
                        | Kind::ArmedClash
                        | Kind::MilitaryExercise
                ) || (m.event.kind == Kind::TreatyRatified && family == Some(Family::Agree))
            })
        {
            continue;
        }
        let Some(entry) = source.and_then(|m| m.event.actor.as_ref()).and_then(|x| gazetteer.actor(&x.code))
        else {
            continue;
        };
        if let Some(a) = assigned[i].as_mut() {
            a.target = Some(Role::inferred(entry, None));
        }
    }
}

/// The definite event noun a reaction is about: its lexicon cues (`REFERENCE`, `SPOKEN`,
/// `RESOLUTION`) and the event family it names (`None` for a general noun such as
/// "decision"): the first such noun after the trigger, within its object for a bounded
/// trigger.
fn referenced_event(p: &Parsed<'_, '_>, t: &triggers::Trigger) -> Option<(u128, Option<Family>)> {
    let sentence_end = p.tokens.len();
    let mut end = (t.anchor + 14).min(sentence_end);
    if t.bounded {
        end = end.min(t.object_end);
    }
    for k in t.anchor + 1..end {
        let tok = &p.tokens[k];
        if tok.text == ";" {
            return None;
        }
        if p.chunk_of[k].is_some_and(|c| p.chunks[c].actor.is_some()) {
            continue;
        }
        // "criticised the sponsors of the resolution": an "of" phrase after a noun that is
        // no event is that noun's, and the object is not an event.
        if tok.is("of")
            && k > t.anchor + 1
            && p.tokens[k - 1].kind == tokens::TokenKind::Word
            && p.tokens[k - 1].info.is_none_or(|i| i.noun.is_none() && i.flags == 0)
            && !p.tokens[k - 1].cue(cue::REFERENCE | cue::BALLOT)
        {
            return None;
        }
        let definite = (k.saturating_sub(3)..k)
            .any(|j| p.tokens[j].info.is_some_and(|i| i.flags & lexicon::func::DEFINITE != 0));
        if !definite {
            continue;
        }
        let cues = tok.cues;
        // "the vote" approves something: a ratification, most often, in foreign news.
        if cues & cue::BALLOT != 0 {
            return Some((cues, Some(Family::Treaty)));
        }
        if cues & cue::REFERENCE != 0 {
            return Some((cues, None));
        }
        if let Some(noun) = tok.info.and_then(|i| i.noun) {
            let lemma = lexicon::lemma(noun);
            // The lemma's last rule is its unconditioned reading ("strike": an attack).
            if let Some((kind, _)) = lemma.noun_rules.iter().rev().find_map(|r| r.outcome) {
                return Some((cues, Some(kind.family())));
            }
        }
    }
    None
}

/// "He stated, "..."": a quotation in a sentence without events belongs to the previous
/// statement by the same speaker when it is about the same thing.
fn attach_quote_to_previous<'g>(
    p: &Parsed<'_, 'g>,
    discourse: &Discourse<'g>,
    gazetteer: &'g Gazetteer,
    found: &mut [EventMention],
) {
    let sentence = &p.text[p.sentence.start..p.sentence.end];
    let Some(quote) = quotes::longest(sentence, 4) else { return };
    let speech_verb = p.tokens.iter().enumerate().find(|(_, t)| {
        t.info.and_then(|i| i.verb).is_some_and(|(l, _)| lexicon::lemma(l).control == Some(Control::Speech))
    });
    let Some((verb, _)) = speech_verb else { return };
    let ci = p.clause_of.get(verb).copied().unwrap_or(0);
    let speaker = clause_subject(p, ci, verb)
        .and_then(|(c, _)| resolve_chunk(p, c, discourse, gazetteer).into_iter().next())
        .or_else(|| {
            // '"...," he said' with the subject after the verb.
            p.chunk_of
                .get(verb + 1)
                .copied()
                .flatten()
                .and_then(|c| resolve_chunk(p, c, discourse, gazetteer).into_iter().next())
        });
    let Some(speaker) = speaker else { return };
    let quote_words = content_words(&quote);
    for m in found.iter_mut().rev().take(6) {
        let Some(actor) = &m.event.actor else { continue };
        if actor.code != speaker.entry.code || m.event.quote.is_some() || !m.speech {
            continue;
        }
        let evidence_words = content_words(&m.event.evidence[0].sentence);
        if quote_words.iter().any(|w| evidence_words.contains(w)) {
            m.event.quote =
                Some(Quote { text: quote.clone(), speaker: Some(speaker.surface.as_str(p.text).to_owned()) });
            if !m.event.evidence.iter().any(|e| e.start == p.sentence.char_start) {
                m.event.evidence.push(Evidence {
                    sentence: sentence.to_owned(),
                    start: p.sentence.char_start,
                    end: p.sentence.char_end,
                });
            }
        }
        break;
    }
}

/// Lower-cased words of four letters or more, minus the commonest function words.
fn content_words(text: &str) -> Vec<String> {
    const STOP: &[&str] =
        &["that", "with", "this", "have", "will", "from", "their", "they", "been", "were", "also"];
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// Remembers the last named person and the last main subject for pronouns in later
/// sentences.
fn update_discourse<'g>(p: &Parsed<'_, 'g>, discourse: &mut Discourse<'g>, gazetteer: &'g Gazetteer) {
    let paragraph = p.sentence.paragraph;
    let main = p.clauses.iter().position(|c| matches!(c.kind, ClauseKind::Main | ClauseKind::Fragment));
    // "He" in the next sentence is the person this one was about: its subject when that is
    // a person ("Zelensky met Macron. He urged ..."), otherwise the last person named.
    let subject_person = main
        .and_then(|ci| clause_subject(p, ci, usize::MAX))
        .map(|(c, _)| c)
        .filter(|&c| p.chunks[c].person && p.chunks[c].actor.is_some());
    let last_named = (0..p.chunks.len()).rev().find(|&i| p.chunks[i].person && p.chunks[i].actor.is_some());
    if let Some(c) = subject_person.or(last_named)
        && let Some(role) = resolve_chunk(p, c, discourse, gazetteer).into_iter().next()
    {
        discourse.last_person = Some((role, paragraph));
    }
    if let Some(ci) = main
        && let Some((c, _)) = clause_subject(p, ci, usize::MAX)
        && p.chunks[c].pronoun.is_none()
    {
        let roles = resolve_chunk(p, c, discourse, gazetteer);
        if let Some(role) = roles.first().filter(|r| r.sector != Some(Sector::Media)) {
            discourse.last_subject = Some((role.clone(), paragraph));
            discourse.last_subject_spoke = p.clauses[ci].verb.is_some_and(|v| {
                p.tokens[v]
                    .info
                    .and_then(|i| i.verb)
                    .is_some_and(|(l, _)| lexicon::lemma(l).control == Some(lexicon::Control::Speech))
            });
            discourse.last_subjects = (roles.len() >= 2).then_some((roles, paragraph));
        }
    }
    // "\"The matter can be deemed concluded,\" Iran's mission said. But it warned ...": the
    // speaker a quotation closes with is who a pronoun in the next sentence means.
    if p.tokens.first().is_some_and(|t| t.kind == tokens::TokenKind::Quote)
        && let Some(src) = attribution::sentence_source(p)
        && src.start > 0
        && let Some(c) = src.chunk
        && p.chunks[c].pronoun.is_none()
        && let Some(role) = resolve_chunk(p, c, discourse, gazetteer).into_iter().next()
        && role.sector != Some(Sector::Media)
    {
        discourse.last_subject = Some((role, paragraph));
        discourse.last_subject_spoke = true;
        discourse.last_subjects = None;
    }
}

/// The parties of the sentence's "between" phrases ("a truce between Peru and Chile"), each
/// once, in order.
fn between_parties<'g>(
    p: &Parsed<'_, 'g>,
    discourse: &Discourse<'g>,
    gazetteer: &'g Gazetteer,
) -> Vec<Role<'g>> {
    let mut parties: Vec<Role<'g>> = Vec::new();
    for role in (0..p.chunks.len())
        .filter(|&c| p.chunks[c].between)
        .flat_map(|c| resolve_chunk(p, c, discourse, gazetteer))
    {
        if !parties.iter().any(|r| r.entry.code == role.entry.code) {
            parties.push(role);
        }
    }
    parties
}

/// The two parties of a "between" phrase: the sides of a dealing, known before the
/// sentence's own events are read.
fn between_sides<'g>(
    p: &Parsed<'_, 'g>,
    discourse: &Discourse<'g>,
    gazetteer: &'g Gazetteer,
) -> Option<[&'g ActorEntry; 2]> {
    match between_parties(p, discourse, gazetteer)[..] {
        [ref a, ref b] => Some([a.entry, b.entry]),
        _ => None,
    }
}

/// The two sides a sentence's events show dealing with each other: the actor and target,
/// both named in the sentence, of an agreement, a treaty, talks or a clash (not of a
/// mediator's meeting).
fn dealing_sides<'g>(
    p: &Parsed<'_, 'g>,
    events: &[EventMention],
    gazetteer: &'g Gazetteer,
) -> Option<[&'g ActorEntry; 2]> {
    // A pair read from "the two sides" is no new evidence of who the sides are.
    let named = |code: &str| p.chunks.iter().any(|c| c.actor.is_some_and(|a| a.code == code));
    events.iter().filter(|m| !m.merge_only).find_map(|m| {
        let e = &m.event;
        let dealing = matches!(e.kind, Kind::Agreement | Kind::TreatySigned | Kind::ArmedClash)
            || (e.kind == Kind::Meeting && e.cameo != "045");
        let (actor, target) = (e.actor.as_ref()?, e.target.as_ref()?);
        (dealing && actor.code != target.code && named(&actor.code) && named(&target.code))
            .then(|| Some([gazetteer.actor(&actor.code)?, gazetteer.actor(&target.code)?]))
            .flatten()
    })
}

/// "A roadside bombing ... killed", "an explosion wounded": the subject is the violence
/// itself, so a missing actor is unknown rather than unresolved.
fn event_noun_subject(p: &Parsed<'_, '_>, anchor: usize) -> bool {
    let start = p.clause_start(anchor);
    p.tokens[start..anchor].iter().any(|t| t.cue(cue::VIOLENCE_NOUN))
}

/// "after Russia's invasion of Ukraine", "because of fighting between ...", "over the
/// incursion of ...": a noun in a phrase that gives the cause or time of the sentence's
/// news is background, an event told elsewhere; it may add evidence, never make an event.
fn background_phrase(p: &Parsed<'_, '_>, anchor: usize) -> bool {
    let clause = p.clause(anchor);
    if clause.kind == ClauseKind::Adverbial && anchor >= clause.start {
        return true;
    }
    // A preposition of cause or time before the noun phrase, within a few words.
    let mut k = anchor;
    let mut steps = 0;
    while k > clause.start && steps < 5 {
        k -= 1;
        steps += 1;
        let t = &p.tokens[k];
        if t.is_clause_punct() {
            return false;
        }
        match t.lower.as_ref() {
            "over" | "amid" | "following" | "despite" | "since" | "after" | "before" => {
                return true;
            }
            // "in response to", "in retaliation for", "in protest at".
            "to" | "for" | "at"
                if k >= 2
                    && p.tokens[k - 2].is("in")
                    && p.tokens[k - 1].cue(cue::REPRISAL | cue::RESPONSE) =>
            {
                return true;
            }
            _ => {}
        }
        let flags = t.info.map_or(0, |i| i.flags);
        // Stop at another preposition or a verb: "talks on the deployment" is not covered.
        if flags & lexicon::func::PREP != 0 || (p.chunk_of[k].is_none() && phrases::is_verb_like(t)) {
            return false;
        }
    }
    false
}

/// "killed 20 rebels in clashes", "killed 50 fighters in an air strike", "closed its
/// embassy in protest at": a noun after "in" says how or why the clause's verb event
/// happened; it is that event (or its motive), not another one.
fn manner_of_verb_event(p: &Parsed<'_, '_>, found: &triggers::Found, trigger: &triggers::Trigger) -> bool {
    let start = p.clause_start(trigger.anchor);
    let after_in = (start..trigger.anchor).rev().take(4).find(|&k| {
        let t = &p.tokens[k];
        t.is("in") || t.info.is_some_and(|i| i.flags & lexicon::func::PREP != 0) || t.is_clause_punct()
    });
    let Some(k) = after_in else { return false };
    if !p.tokens[k].is("in") {
        return false;
    }
    if trigger.kind == Kind::Protest && k + 1 == trigger.anchor {
        return true; // "in protest at ..."
    }
    found.triggers.iter().any(|o| {
        !o.suppressed
            && !o.nominal
            && o.anchor < k
            && p.clause_of.get(o.anchor) == p.clause_of.get(trigger.anchor)
    })
}

/// "during a rally in Nairobi": a noun event that only sets the scene, unless the
/// sentence's subject takes part in it (checked by the caller).
fn during_phrase(p: &Parsed<'_, '_>, anchor: usize) -> bool {
    let start = p.clause_start(anchor);
    (start..anchor).rev().take(4).any(|k| p.tokens[k].cue(cue::CIRCUMSTANCE))
}

/// "condemned the Bosnian Serb shelling of Sarajevo", "welcomed the ceasefire": a noun in
/// the object of a statement verb is what the statement is about, told elsewhere.
fn in_statement_object(p: &Parsed<'_, '_>, found: &triggers::Found, trigger: &triggers::Trigger) -> bool {
    found.triggers.iter().any(|o| {
        !o.suppressed
            && !o.nominal
            && o.anchor < trigger.anchor
            && matches!(
                o.kind,
                Kind::Criticism
                    | Kind::Accusation
                    | Kind::DiplomaticSupport
                    | Kind::Demand
                    | Kind::Rejection
                    | Kind::Investigation
            )
            && p.clause_of.get(o.anchor) == p.clause_of.get(trigger.anchor)
            && (o.anchor + 1..trigger.anchor).all(|k| {
                let t = &p.tokens[k];
                p.chunk_of[k].is_some()
                    || !phrases::is_verb_like(t)
                    || t.info.is_some_and(|i| i.noun.is_some())
            })
    })
}

/// "accused the government of bombing civilians", "sanctioned China for selling missile
/// technology": the act after "of"/"for" is what the accuser alleges, not an event told as
/// fact; the accusation (or sanction) is the event.
fn suppress_accused_acts(p: &Parsed<'_, '_>, found: &mut triggers::Found) {
    let accusers: Vec<usize> = found
        .triggers
        .iter()
        .filter(|t| {
            !t.suppressed
                && !t.nominal
                && matches!(
                    t.kind,
                    Kind::Accusation
                        | Kind::Criticism
                        | Kind::Investigation
                        | Kind::SanctionsImposed
                        | Kind::Coercion
                        | Kind::DiplomaticDowngrade
                )
        })
        .map(|t| t.anchor)
        .collect();
    let ing_at = |k: usize| {
        p.tokens.get(k).is_some_and(|t| {
            t.info.and_then(|i| i.verb).is_some_and(|(_, f)| f == lexicon::VerbForm::Ing)
                || (t.info.is_none() && t.kind == tokens::TokenKind::Word && t.lower.ends_with("ing"))
        })
    };
    for t in &mut found.triggers {
        let ing = ing_at(t.anchor);
        let after_of_or_for = t.anchor > 0 && matches!(p.tokens[t.anchor - 1].lower.as_ref(), "of" | "for");
        // "accused China of boarding and seizing two boats": the act coordinated with the
        // alleged one is alleged too.
        let coordinated = t.anchor >= 3
            && matches!(p.tokens[t.anchor - 1].lower.as_ref(), "and" | "or")
            && ing_at(t.anchor - 2)
            && matches!(p.tokens[t.anchor - 3].lower.as_ref(), "of" | "for");
        if t.suppressed || !ing || !(after_of_or_for || coordinated) {
            continue;
        }
        let act = if coordinated { t.anchor - 2 } else { t.anchor };
        if accusers.iter().any(|&a| a < act && p.clause_of.get(a) == p.clause_of.get(act)) {
            t.suppressed = true;
        }
    }
}

/// "because of fighting between ...", "days of shelling": an -ing form after "of" names
/// the event like a noun does.
fn gerund_as_noun(p: &Parsed<'_, '_>, anchor: usize) -> bool {
    anchor > 0
        && p.tokens[anchor - 1].is("of")
        && p.tokens[anchor].info.and_then(|i| i.verb).is_some_and(|(_, f)| f == lexicon::VerbForm::Ing)
}

/// "would blockade Paris to demand an end to ...": an infinitive serving another verb, as
/// opposed to one completing "is expected to", "plans to".
fn purpose_infinitive(p: &Parsed<'_, '_>, trigger: &triggers::Trigger) -> bool {
    if !trigger.infinitive {
        return false;
    }
    let mut k = trigger.anchor;
    while k > 0 && !p.tokens[k - 1].is("to") {
        k -= 1;
    }
    k.checked_sub(2).is_none_or(|b| !p.tokens[b].cue(cue::TO_COMPLEMENT))
}

#[cfg(test)]
mod rule_examples {
    use super::*;

    /// The ids of the rules that fired (made a trigger or blocked one) in `text`.
    fn rules_fired(text: &str) -> Vec<u16> {
        let gazetteer = crate::gazetteer::gazetteer();
        let lower = tokens::fold_case(text);
        let mentions = names::learned(text, gazetteer.find_on(text, None));
        let mut fired = Vec::new();
        for sentence in sentences::split_sentences(text) {
            let inside: Vec<Mention<'_>> = mentions
                .iter()
                .filter(|m| m.start >= sentence.start && m.end <= sentence.end)
                .cloned()
                .collect();
            let parsed = Parsed::new(text, &lower, sentence, &inside, gazetteer);
            let found = triggers::find(&parsed);
            fired.extend(found.triggers.iter().filter_map(|t| t.rule));
            fired.extend(found.blocked);
        }
        fired
    }

    /// Every trigger rule of `verb_rules.txt` and `noun_rules.txt` carries a sentence of our
    /// own in which it fires; a rule changed so that it no longer fires on its example, or
    /// shadowed by a rule above it, fails here.
    #[test]
    fn every_rule_example_fires_its_rule() {
        let rules = &lexicon::lexicon().rules;
        let mut failures = Vec::new();
        for (id, rule) in rules.iter().enumerate() {
            let Some(example) = rule.example else {
                failures.push(format!("{}:{}: {}: no example", rule.file, rule.line, rule.text));
                continue;
            };
            let fired = rules_fired(example);
            if !fired.contains(&(id as u16)) {
                let others: Vec<String> = fired
                    .iter()
                    .map(|&f| format!("{}:{}", rules[f as usize].file, rules[f as usize].line))
                    .collect();
                failures.push(format!(
                    "{}:{}: {}: {example:?} fired {others:?}",
                    rule.file, rule.line, rule.text
                ));
            }
        }
        assert!(failures.is_empty(), "{} of {} rules:\n{}", failures.len(), rules.len(), failures.join("\n"));
    }
}
