//! The trigger lexicon: which words can signal which event kind, and the word classes that
//! disambiguate them by their object or modifiers.
//!
//! Everything is data, written as small line-oriented tables below and compiled once into a
//! single map from every inflected word form to its [`WordInfo`], so tokenization does one
//! hash lookup per word. Inflections are generated forwards from lemmas (send -> sends,
//! sending, sent; deploy -> deployed, deploying) with an irregular-verb table; over-generated
//! forms ("sended") are harmless because they never occur in text.
//!
//! A trigger rule reads `lemma[|lemma..] [particle=up] [conditions] -> kind cameo specificity
//! [flags]`. Conditions test the *profile* of the trigger's object (for verbs: the words after
//! the verb up to the next preposition or clause boundary; for nouns: the modifiers before and
//! the "of" phrase after): `obj:A|B` needs any of the classes, `all:A&B` all of them,
//! `not:A|B` none of them, `pre:A` a class among the two words before, `near:A|B` any of
//! them in the next eleven words of the clause past prepositions, `tgt` an actor as object,
//! `noobj` no object at all. The first rule of a lemma whose conditions hold wins;
//! `-> none` blocks the lemma for that object ("signed a law"). Noun flags: `solo` (the noun
//! makes an event without a host verb when it has its own actor: "Russia's invasion"),
//! `ofagent` ("the deployment of North Korean forces": the of-phrase names the actor's
//! forces), `locactor` ("protests in Baghdad": the place's people are the actor). Flags
//! `in`, `from`, `to`, `for` and `with`: the phrase after "in" (or "from", "to", "for": "an
//! arrest warrant for the president", "with": "closed its border with Chile") is also the
//! target. Verb flag
//! `sym` marks symmetric kinds (met, clashed) where compound subjects become each other's
//! targets.

use crate::word_lists::entries;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use geoevents_domain::{Cameo, Kind, Sector};

/// A set of word classes, one bit each.
pub type Classes = u128;

macro_rules! classes {
    ($($name:ident = $bit:expr),+ $(,)?) => {
        /// Word class bits.
        #[allow(missing_docs)]
        pub mod class {
            use super::Classes;
            $(pub const $name: Classes = 1 << $bit;)+
            /// Class names as written in the rule tables.
            pub const NAMES: &[(&str, Classes)] = &[$((stringify!($name), $name)),+];
        }
    };
}

classes! {
    TROOPS = 0, PEACEKEEPERS = 1, INSPECTORS = 2, WEAPONS = 3, MISSILE = 4, AID = 5, HUMAN = 6,
    MILMOD = 7, ECONMOD = 8, MONEY = 9, ENVOY = 10, DIPLOMAT = 11, TREATY = 13,
    DEAL = 14, LAW = 15, SANCTION = 16, RESTRICTION = 17, TALKS = 18, TIES = 19, EMBASSY = 20,
    PRISONER = 21, PEOPLE = 22, PROTESTER = 23, TERRITORY = 24, PROPERTY = 25, ASSET = 26,
    INTEL = 27, FIRE = 28, ALERT = 29, CONCERN = 30, SUPPORT = 31, WILLINGNESS = 32, APOLOGY = 33,
    PROPOSAL = 34, INVESTIGATION = 35, CEASEFIRE = 36, BORDER = 37, ACCESS = 38, ASYLUM = 39,
    AGENCY = 40, POSITION = 41, ROAD = 42, POWER = 43, STRIKE = 44, PROTEST = 45, OFFENSIVE = 46,
    AIRMOD = 47, LABORMOD = 48, EXERCMOD = 49, TESTMOD = 50, ALERTMOD = 51, TROOPMOD = 52, ON = 53,
    TRAINING = 54, CONSEQUENCE = 55, WOUNDED = 56, ENERGY = 57, CYBERMOD = 58, JOINTMOD = 59, WAR = 60, FOR = 61, RIOTGEAR = 62, THROWN = 63, ILL = 64,
    AIRSPACE = 65, BREACH = 66, LISTING = 67, COMPANY = 68, VISA = 69, ACTIONS = 70, EXPORT = 71,
    PNG = 72, WAY = 73, OBJECTION = 74, VISIT = 75,
}

/// Declares a module of flags of type `$ty` (`u32` or `u64`), one bit each, with their
/// names as the data files write them.
macro_rules! flag_set {
    ($(#[$meta:meta])* $module:ident: $ty:ty { $($(#[$doc:meta])* $name:ident = $bit:expr),+ $(,)? }) => {
        $(#[$meta])*
        pub mod $module {
            $($(#[$doc])* pub const $name: $ty = 1 << $bit;)+
            /// Flag names as the data files write them.
            pub const NAMES: &[(&str, $ty)] = &[$((stringify!($name), $name)),+];
        }
    };
}

flag_set! {
    /// Function-word flags.
    func: u32 {
        /// Articles, demonstratives, possessive determiners, quantifiers.
        DET = 0,
        /// Prepositions.
        PREP = 1,
        /// Auxiliary verbs (be, have, do and modals).
        AUX = 2,
        /// Future markers: will, shall, 'll.
        FUTURE = 3,
        /// Possibility markers: could, might, may, would.
        HYPO = 4,
        /// Negation: not, never, n't forms.
        NEG = 5,
        /// Clause-introducing subordinators.
        SUBORD = 6,
        /// Coordinating conjunctions.
        CONJ = 7,
        /// Personal pronouns that can be subjects.
        PRONOUN = 8,
        /// Possessive determiners (its, their, his, her).
        POSS = 9,
        /// Hedging adverbs: reportedly, allegedly, purportedly.
        HEDGE = 10,
        /// Forms of "be".
        BE = 11,
        /// Obligation: must, should, "has to".
        MUST = 12,
        /// Words that may sit between an auxiliary and its verb (also, already, reportedly...).
        ADVERB = 13,
        /// Forms of "have".
        HAVE = 14,
        /// Adjectives that mark a nominal event as possible or planned.
        NOMHEDGE = 15,
        /// Prepositions that introduce where something happened.
        LOCPREP = 16,
        /// Number words ("two", "dozen", "thousands").
        NUMWORD = 17,
        /// Definite determiners: a noun after one points back ("the decision").
        DEFINITE = 18,
        /// Reflexive pronouns ("itself").
        REFLEXIVE = 19,
        /// Ordinals that make a noun after a determiner ("his first visit").
        ORDINAL = 20,
        /// Object pronouns ("them").
        OBJECT_PRONOUN = 21,
    }
}

flag_set! {
    /// Cues (`modality_cues.txt`, `control_cues.txt`, `role_cues.txt`, `event_cues.txt`):
    /// where a word stands around a trigger and what that says about how certain the event
    /// is, who acts on whom, and whether a candidate stands. Kept apart from [`func`] flags,
    /// which other stages read as a whole.
    cue: u128 {
        /// Reporting verbs of doubt: claim, allege.
        CLAIMING = 0,
        /// Before "to": a possibility ("were to", "likely to").
        TO_POSSIBLE = 1,
        /// Before "to": an arrangement ("is to").
        TO_ARRANGED = 2,
        /// Nouns of intent that "no" denies ("no plans to").
        PLAN_NOUN = 3,
        /// Before "to": planned ("set to", "expected to").
        TO_PLANNED = 4,
        /// Before "to": hedged ("believed to").
        TO_HEDGED = 5,
        /// Before "to": not yet happened ("yet to").
        TO_NOT_YET = 6,
        /// Words stepped over on the way back from a trigger to its cues.
        TO_LINK = 7,
        /// Adjectives of a planned nominal event ("proposed").
        NOM_PLANNED = 8,
        /// Adjectives of a claimed nominal event ("alleged").
        NOM_CLAIMED = 9,
        /// Passive denials ("has been denied").
        DENIAL = 10,
        /// An event that is only an option ("is being considered").
        OPTION = 11,
        /// Adjectives of commitment before a complement ("ready to"); not passives.
        COMMITMENT = 12,
        /// Participles of captivity ("held by"): the holder is the one a demand addresses.
        CAPTIVITY = 13,
        /// The words of a reciprocal pronoun ("each other", "one another"; `role_cues.txt`).
        RECIPROCAL = 14,
        /// General nouns a reaction points back with ("the decision"; `event_cues.txt`).
        REFERENCE = 15,
        /// Nouns of words said ("the remarks").
        SPOKEN = 16,
        /// Nouns of violence that can be a violent verb's subject ("an explosion killed").
        VIOLENCE_NOUN = 17,
        /// Taking property ("seized").
        SEIZURE = 19,
        /// Words before "to" that make an infinitive a complement ("expected to").
        TO_COMPLEMENT = 20,
        /// Arrivals ("arrived").
        ARRIVAL = 21,
        /// Gatherings ("gathered").
        GATHERING = 22,
        /// Closing a border ("close", "seal").
        BORDER_CLOSING = 23,
        /// A vote, which approves something: a ratification, most often.
        BALLOT = 24,
        /// A body's resolution, which censures, demands or sanctions.
        RESOLUTION = 25,
        /// Plan verbs whose object may be sanctions ("considering new sanctions").
        SANCTION_PLAN = 26,
        /// "measures", "steps": unnamed measures.
        MEASURES = 27,
        /// "action": an unnamed act.
        ACTION = 28,
        /// Retaliation in so many words ("reprisals").
        REPRISAL = 29,
        /// "a response".
        RESPONSE = 30,
        /// A response made by force ("forcefully").
        FORCE = 31,
        /// "accordingly": a response to what was just done.
        RESPONSE_MANNER = 32,
        /// Hostile acts a response may answer ("aggression").
        HOSTILE_ACT = 33,
        /// Orders to officials or forces ("ordered").
        ORDER = 34,
        /// The verb "respond".
        RESPOND = 35,
        /// "both sides", "the two leaders" (`role_cues.txt`).
        PAIR_NOUN = 36,
        /// Pair nouns that mean states only.
        STATE_PAIR = 37,
        /// Accusations ("accused X of").
        ACCUSING = 38,
        /// Causatives ("prompted X to").
        CAUSATIVE = 39,
        /// Documents ("a letter condemning").
        DOCUMENT = 40,
        /// Means of talking ("by phone").
        MEANS_OF_TALK = 41,
        /// Nouns of intention ("X's decision to").
        INTENT_NOUN = 42,
        /// Directives whose object acts ("forced X to").
        DIRECTIVE = 43,
        /// "targeting X".
        TARGETING = 44,
        /// Other parties than the one named ("X's allies").
        RELATION = 45,
        /// Borders.
        BORDER = 46,
        /// Edges of a place ("outskirts").
        EDGE = 47,
        /// Kinds of place before "of" ("the city of").
        PLACE_NOUN = 48,
        /// "provide X with Y" (`trigger_cues.txt`).
        GIVE_WITH = 49,
        /// "drawing a rebuke from X".
        DRAWN = 50,
        /// "reports that ...".
        CLAIM_NOUN = 51,
        /// "is concerned about".
        CONCERN_ADJ = 52,
        /// "with grave concern".
        CONCERN_NOUN = 53,
        /// "remains", "stands" before an adjective of concern or commitment.
        REMAIN = 54,
        /// "called X a provocation".
        LABELLING = 55,
        /// "said X was illegal".
        SAYING = 56,
        /// Words of blame.
        BLAME_WORD = 57,
        /// "an act of war".
        ACT_OF = 58,
        /// "is willing to".
        COMMIT_ADJ = 59,
        /// "slapped sanctions on".
        IMPOSE = 60,
        /// "put forces on alert".
        PLACE_VERB = 61,
        /// "into the sea".
        SEA = 62,
        /// Words after a speech verb that end a source phrase ("told reporters on Monday").
        REPORT_TAIL = 63,
        /// "is confident that", "hopes that".
        BELIEF_ADJ = 64,
        /// Nouns of policy ("its decision to").
        POLICY_NOUN = 65,
        /// Verbs of revision ("reconsider").
        REVISION = 66,
        /// "NATO allies", "EU members" (`phrase_cues.txt`).
        MEMBER_HEAD = 67,
        /// "member states".
        MEMBER_PLURAL = 68,
        /// "house", "chamber".
        CHAMBER = 69,
        /// "upper", "lower".
        CHAMBER_SIDE = 70,
        /// Heads of named bodies ("movement", "party").
        BODY_HEAD = 71,
        /// "security" in "security forces".
        SECURITY = 72,
        /// "force", "forces".
        FORCE_NOUN = 73,
        /// Adjectives after a determiner, agents otherwise ("official", "military").
        ADJECTIVE_AGENT = 74,
        /// A role between a body and a name ("chief").
        LEADING_NOUN = 75,
        /// Words that build a title ("vice", "foreign").
        TITLE_MODIFIER = 76,
        /// Commentators ("analysts").
        COMMENTATOR = 77,
        /// Nouns that point back to a state ("the country").
        STATE_NOUN = 78,
        /// Nouns that point back to a body ("the alliance").
        BODY_NOUN = 79,
        /// Nouns that point back to a group ("the militants").
        GROUP_NOUN = 80,
        /// "the statement".
        STATEMENT_NOUN = 81,
        /// Heads too general to point back ("the minister").
        GENERAL_HEAD = 82,
        /// "the government", "the authorities".
        ORGAN_HEAD = 83,
        /// "ministry", "office".
        MINISTRY_HEAD = 84,
        /// "foreign", "defence" before "ministry".
        MINISTRY_KIND = 85,
        /// Times of day ("dawn").
        TIME_OF_DAY = 86,
        /// Words of a date ("Monday", "week").
        TIME_WORD = 87,
        /// Days named from today ("yesterday", "tonight").
        DAY_DEICTIC = 88,
        /// Words before a number that belong to it ("about", "more", "nearly").
        NUMBER_LEAD = 89,
        /// Participles of a charge that take "of" ("accused of", "suspected of").
        CHARGED = 90,
        /// Participles whose "by" names an act's author ("the steps taken by").
        AUTHORED = 91,
        /// Adverbs of sequence that may open a clause ("later", "meanwhile").
        THEN_WORD = 92,
        /// Nouns of part before "of" ("members of", "some of").
        PART_OF = 93,
        /// Speech verbs whose object is the one told ("told X that", "assured").
        TELL = 94,
        /// Verbs of appeal whose "that" or "to" clause is demanded ("demanded that").
        APPEAL = 95,
        /// The verb "call", which names unless a particle directs ("called on", "called for").
        CALL = 96,
        /// Words of a time phrase between a speech verb and its clause ("said earlier this week").
        SPEECH_TIME = 97,
        /// The verb "rule" of "rule out".
        RULE = 98,
        /// Words before a year or a month that make it a date ("in", "since", "late").
        DATE_LEAD = 99,
        /// Prepositions of circumstance ("during", "amid").
        CIRCUMSTANCE = 100,
        /// "prepare", which with an attack in its complement shows force.
        PREPARE = 101,
        /// "fail", which with an agreement in its complement rejects it.
        FAIL = 102,
        /// Adverbs of a standing habit ("has long mediated"; `event_cues.txt`).
        HABITUAL = 103,
        /// Periods a trend is told over ("in recent years"; `event_cues.txt`).
        TREND_PERIOD = 104,
        /// Light verbs of watching over ("supervise", "monitor"), which never host an
        /// agreement (`trigger_cues.txt`).
        OVERSEE = 105,
    }
}

/// How a controlling verb relates to the event in its complement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// say, announce, state: the complement is reported; "must" in it makes a demand.
    Speech,
    /// believe, suggest, indicate: the complement is a belief or claim of the subject.
    Belief,
    /// plan, intend, consider: the complement is planned.
    Plan,
    /// promise, pledge, offer, agree: the subject commits to the complement.
    Commit,
    /// urge, demand, call on: a demand on the object.
    Direct,
    /// refuse, decline, reject: a rejection.
    Refuse,
    /// threaten, warn.
    Threaten,
    /// fail, deny: the complement did not happen.
    Fail,
    /// try, begin, continue: the complement happened.
    Attempt,
}

/// A verb form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbForm {
    /// "send"
    Base,
    /// "sends"
    Third,
    /// "sent": past tense or past participle.
    Past,
    /// "sending"
    Ing,
}

/// What the lexicon knows about one word form.
#[derive(Debug, Default)]
pub struct WordInfo {
    /// Object and modifier classes.
    pub classes: Classes,
    /// Function-word flags ([`func`]).
    pub flags: u32,
    /// Modality cues ([`cue`]).
    pub cues: u128,
    /// The verb lemma and form, when the word is a form of a lexicon verb.
    pub verb: Option<(u16, VerbForm)>,
    /// The noun lemma, when the word is a trigger noun (singular or plural).
    pub noun: Option<u16>,
    /// The sector an agent noun implies ("troops" -> military), for actor phrases.
    pub agent: Option<Sector>,
    /// A title word ("president", "minister") and the sector it implies.
    pub title: Option<Sector>,
}

impl WordInfo {
    /// Whether the entry says nothing of the word but its cues: tokens of such words keep
    /// the cues and read as words the lexicon does not know (their shape decides).
    pub fn cues_only(&self) -> bool {
        self.classes == 0
            && self.flags == 0
            && self.verb.is_none()
            && self.noun.is_none()
            && self.agent.is_none()
            && self.title.is_none()
    }
}

/// Flags of a trigger rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RuleFlags {
    /// The noun makes an event without a host verb.
    pub solo: bool,
    /// The noun's of-phrase names the actor's own forces.
    pub ofagent: bool,
    /// The place's people are the actor when none is named.
    pub locactor: bool,
    /// Compound subjects are each other's targets.
    pub sym: bool,
    /// "in X" names the target as well as the place.
    pub in_target: bool,
    /// "from X" names the target: those evacuated from a town are its people.
    pub from_target: bool,
    /// "to X" names the target: "set fire to the embassy".
    pub to_target: bool,
    /// "for X" names the target: "an arrest warrant for the president".
    pub for_target: bool,
    /// "with X" names the target: "closed its border with Chile".
    pub with_target: bool,
}

/// One trigger rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The rule's index in [`Lexicon::rules`].
    pub id: u16,
    /// A particle that must follow the verb ("pull out", "call on").
    pub particle: Option<&'static str>,
    /// Any of these classes in the object profile (0 = no condition).
    pub any: Classes,
    /// All of these classes in the object profile.
    pub all: Classes,
    /// None of these classes in the object profile.
    pub not: Classes,
    /// A class among the two words before the trigger.
    pub pre: Classes,
    /// A class anywhere in the next few words of the clause, past prepositions ("declared
    /// Iran in breach of its obligations").
    pub near: Classes,
    /// Needs an actor as object.
    pub needs_target: bool,
    /// Needs no object at all.
    pub no_object: bool,
    /// The kind and CAMEO code, or `None` to block.
    pub outcome: Option<(Kind, Cameo)>,
    /// How specific the trigger is, in [0, 1]; the base of the confidence.
    pub specificity: f32,
    /// Flags.
    pub flags: RuleFlags,
}

/// A lemma with its rules.
#[derive(Debug, Default)]
pub struct Lemma {
    /// The lemma.
    pub text: &'static str,
    /// Rules when the word is used as a verb.
    pub verb_rules: Vec<Rule>,
    /// Rules when the word is used as a noun.
    pub noun_rules: Vec<Rule>,
    /// A light verb: takes its event from a trigger noun in its object ("provided aid").
    pub light: bool,
    /// The verb controls an event in its complement.
    pub control: Option<Control>,
    /// Negated in a statement about the future, the verb is a refusal ("will not accept").
    pub refusable: bool,
}

/// Where a trigger rule was written, and the example sentence it must fire on.
#[derive(Debug, Clone)]
pub struct RuleSource {
    /// The data file.
    pub file: &'static str,
    /// Line number in the file.
    pub line: usize,
    /// The rule as written.
    pub text: &'static str,
    /// A sentence of our own in which the rule fires (`e.g.` line after the rule).
    pub example: Option<&'static str>,
    /// A verb rule (else a noun rule).
    pub verb: bool,
    /// The kind the rule gives, or `None` for a blocking rule.
    pub outcome: Option<Kind>,
}

/// What a `verb_classes.txt` entry makes its verbs.
#[derive(Clone, Copy)]
enum VerbClass {
    Light,
    Refusable,
    Control(Control),
}

/// A fast, non-cryptographic hasher for the word map: keys are short, trusted lexicon
/// words, lookups happen once per token, and SipHash's flood resistance buys nothing here
/// (a lookup of an attacker's word only misses).
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The compiled lexicon.
pub struct Lexicon {
    words: HashMap<String, WordInfo, BuildHasherDefault<WordHasher>>,
    lemmas: Vec<Lemma>,
    /// Every trigger rule as written, by [`Rule::id`].
    pub rules: Vec<RuleSource>,
    /// Lines of the data files that did not parse (must be empty; checked by a test).
    pub errors: Vec<String>,
    /// The word sequences of each [`Fixed`] expression, by its index.
    fixed: Vec<Vec<Vec<&'static str>>>,
}

/// Fixed expressions of several words (`fixed_phrases.txt`), each a list of phrases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixed {
    /// "out of the question": an act ruled out in so many words.
    OutOfBounds,
    /// "think tank": a commentator's institution.
    ThinkTank,
    /// "according to": a source follows.
    AccordingTo,
    /// "in defiance of": whom a protest defies follows.
    Defiance,
    /// "with immediate effect": a manner phrase before a verb's object.
    WithEffect,
}

impl Fixed {
    const NAMES: [(&'static str, Fixed); 5] = [
        ("OUT_OF_BOUNDS", Fixed::OutOfBounds),
        ("THINK_TANK", Fixed::ThinkTank),
        ("ACCORDING_TO", Fixed::AccordingTo),
        ("DEFIANCE", Fixed::Defiance),
        ("WITH_EFFECT", Fixed::WithEffect),
    ];
}

/// The phrases of a fixed expression, each as its lower-case words.
pub fn fixed(which: Fixed) -> &'static [Vec<&'static str>] {
    &LEXICON.fixed[which as usize]
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

/// The lexicon, built on first use.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

/// The entry of a lower-cased word form.
pub fn word(lower: &str) -> Option<&'static WordInfo> {
    LEXICON.words.get(lower)
}

/// A lemma by index.
pub fn lemma(index: u16) -> &'static Lemma {
    &LEXICON.lemmas[index as usize]
}

impl Lexicon {
    fn build() -> Self {
        let mut lexicon = Lexicon {
            words: HashMap::default(),
            lemmas: Vec::new(),
            rules: Vec::new(),
            errors: Vec::new(),
            fixed: vec![Vec::new(); Fixed::NAMES.len()],
        };
        for (name, words) in entries(data::CLASSES) {
            let Some(bit) = class_bit(name) else {
                lexicon.errors.push(format!("classes.txt: unknown class {name}"));
                continue;
            };
            for w in words {
                for form in noun_forms(w) {
                    lexicon.info(&form).classes |= bit;
                }
            }
        }
        lexicon.add_flag_file("function_words.txt", data::FUNCTION_WORDS, func::NAMES, |w| &mut w.flags);
        lexicon.add_flag_file("modality_cues.txt", data::MODALITY_CUES, cue::NAMES, |w| &mut w.cues);
        lexicon.add_flag_file("control_cues.txt", data::CONTROL_CUES, cue::NAMES, |w| &mut w.cues);
        lexicon.add_flag_file("role_cues.txt", data::ROLE_CUES, cue::NAMES, |w| &mut w.cues);
        lexicon.add_flag_file("event_cues.txt", data::EVENT_CUES, cue::NAMES, |w| &mut w.cues);
        lexicon.add_flag_file("trigger_cues.txt", data::TRIGGER_CUES, cue::NAMES, |w| &mut w.cues);
        lexicon.add_flag_file("phrase_cues.txt", data::PHRASE_CUES, cue::NAMES, |w| &mut w.cues);
        for (name, words) in entries(data::AGENT_NOUNS) {
            let Ok(sector) = name.parse::<Sector>() else {
                lexicon.errors.push(format!("agent_nouns.txt: unknown sector {name}"));
                continue;
            };
            for w in words {
                for form in noun_forms(w) {
                    lexicon.info(&form).agent = Some(sector);
                }
            }
        }
        for (name, words) in entries(data::TITLES) {
            let Ok(sector) = name.parse::<Sector>() else {
                lexicon.errors.push(format!("titles.txt: unknown sector {name}"));
                continue;
            };
            for w in words {
                lexicon.info(w).title = Some(sector);
            }
        }
        for (file, text) in [data::VERB_RULES, data::NOUN_RULES] {
            lexicon.add_rule_file(file, text);
        }
        for (name, words) in entries(data::VERB_CLASSES) {
            let class = match name {
                "light" => VerbClass::Light,
                "refusable" => VerbClass::Refusable,
                other => match other.strip_prefix("control.").and_then(control_named) {
                    Some(control) => VerbClass::Control(control),
                    None => {
                        lexicon.errors.push(format!("verb_classes.txt: unknown class {name}"));
                        continue;
                    }
                },
            };
            for w in words {
                let i = lexicon.lemma_index(w);
                match class {
                    VerbClass::Light => lexicon.lemmas[i].light = true,
                    VerbClass::Refusable => lexicon.lemmas[i].refusable = true,
                    VerbClass::Control(control) => lexicon.lemmas[i].control = Some(control),
                }
                lexicon.add_verb_forms(i);
            }
        }
        // PETRARCH-2's agent nouns fill in what ours leave out; a word ours know in any
        // role (agent, class, function word, verb) keeps ours.
        for (name, words) in entries(data::IMPORTED_AGENTS) {
            let Ok(sector) = name.parse::<Sector>() else {
                lexicon.errors.push(format!("imported agents.txt: unknown sector {name}"));
                continue;
            };
            for w in words {
                for form in noun_forms(w) {
                    if !lexicon.words.contains_key(form.as_str()) {
                        lexicon.info(&form).agent = Some(sector);
                    }
                }
            }
        }
        for (name, words) in entries(data::FIXED_PHRASES) {
            let Some(&(_, which)) = Fixed::NAMES.iter().find(|(n, _)| *n == name) else {
                lexicon.errors.push(format!("fixed_phrases.txt: unknown expression {name}"));
                continue;
            };
            let phrases = words.split(|w| *w == "|").filter(|p| !p.is_empty()).map(<[_]>::to_vec);
            lexicon.fixed[which as usize].extend(phrases);
        }
        lexicon
    }

    /// Reads a `FLAG = words` file into the flag field `field` of each word's info.
    fn add_flag_file<T: Copy + std::ops::BitOrAssign>(
        &mut self,
        file: &str,
        text: &'static str,
        names: &[(&str, T)],
        field: fn(&mut WordInfo) -> &mut T,
    ) {
        for (name, words) in entries(text) {
            let Some(bit) = names.iter().find(|(n, _)| *n == name).map(|(_, b)| *b) else {
                self.errors.push(format!("{file}: unknown flag {name}"));
                continue;
            };
            for w in words {
                *field(self.info(w)) |= bit;
            }
        }
    }

    /// Reads one rule file: rule lines, each optionally followed by an `e.g.` line.
    fn add_rule_file(&mut self, file: &'static str, text: &'static str) {
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(example) = line.strip_prefix("e.g.") {
                match self.rules.last_mut() {
                    Some(rule) if rule.file == file && rule.example.is_none() => {
                        rule.example = Some(example.trim());
                    }
                    _ => self.errors.push(format!("{file}:{}: an example with no rule above it", number + 1)),
                }
                continue;
            }
            if let Err(e) = self.add_rule_line(file, number + 1, line) {
                self.errors.push(format!("{file}:{}: {line}: {e}", number + 1));
            }
        }
    }

    fn info(&mut self, form: &str) -> &mut WordInfo {
        self.words.entry(form.to_owned()).or_default()
    }

    fn lemma_index(&mut self, text: &'static str) -> usize {
        if let Some(i) = self.lemmas.iter().position(|l| l.text == text) {
            return i;
        }
        self.lemmas.push(Lemma { text, ..Lemma::default() });
        self.lemmas.len() - 1
    }

    fn add_verb_forms(&mut self, index: usize) {
        let text = self.lemmas[index].text;
        for (form, kind) in verb_forms(text) {
            let info = self.info(&form);
            if info.verb.is_none() {
                info.verb = Some((index as u16, kind));
            }
        }
    }

    fn add_rule_line(&mut self, file: &'static str, number: usize, line: &'static str) -> Result<(), String> {
        let (is_verb, rest) = match line.split_once(' ') {
            Some(("v", rest)) => (true, rest),
            Some(("n", rest)) => (false, rest),
            _ => return Err("a rule starts with 'v' or 'n'".into()),
        };
        let (lhs, rhs) = rest.split_once("->").ok_or("missing '->'")?;
        let mut lhs_words = lhs.split_whitespace();
        let lemmas = lhs_words.next().ok_or("missing lemma")?;
        let id = u16::try_from(self.rules.len()).map_err(|_| "too many rules")?;
        let mut rule = Rule {
            id,
            particle: None,
            any: 0,
            all: 0,
            not: 0,
            pre: 0,
            near: 0,
            needs_target: false,
            no_object: false,
            outcome: None,
            specificity: 0.5,
            flags: RuleFlags::default(),
        };
        for cond in lhs_words {
            if let Some(p) = cond.strip_prefix("particle=") {
                rule.particle = Some(p);
            } else if let Some(list) = cond.strip_prefix("obj:") {
                rule.any = parse_classes(list, '|')?;
            } else if let Some(list) = cond.strip_prefix("all:") {
                rule.all = parse_classes(list, '&')?;
            } else if let Some(list) = cond.strip_prefix("not:") {
                rule.not = parse_classes(list, '|')?;
            } else if let Some(list) = cond.strip_prefix("pre:") {
                rule.pre = parse_classes(list, '|')?;
            } else if let Some(list) = cond.strip_prefix("near:") {
                rule.near = parse_classes(list, '|')?;
            } else if cond == "tgt" {
                rule.needs_target = true;
            } else if cond == "noobj" {
                rule.no_object = true;
            } else {
                return Err(format!("unknown condition {cond}"));
            }
        }
        let mut rhs_words = rhs.split_whitespace();
        let kind = rhs_words.next().ok_or("missing kind")?;
        if kind != "none" {
            let kind: Kind = kind.parse().map_err(|e| format!("{e}"))?;
            let cameo = rhs_words.next().ok_or("missing cameo")?;
            let cameo: Cameo = cameo.parse().map_err(|e| format!("{e}"))?;
            if !kind.accepts_cameo(cameo) {
                return Err(format!("cameo {cameo} is not under the root of {kind}"));
            }
            let spec: f32 =
                rhs_words.next().ok_or("missing specificity")?.parse().map_err(|_| "bad specificity")?;
            rule.outcome = Some((kind, cameo));
            rule.specificity = spec;
        }
        for flag in rhs_words {
            match flag {
                "solo" => rule.flags.solo = true,
                "ofagent" => rule.flags.ofagent = true,
                "locactor" => rule.flags.locactor = true,
                "sym" => rule.flags.sym = true,
                "in" => rule.flags.in_target = true,
                "from" => rule.flags.from_target = true,
                "to" => rule.flags.to_target = true,
                "for" => rule.flags.for_target = true,
                "with" => rule.flags.with_target = true,
                other => return Err(format!("unknown flag {other}")),
            }
        }
        self.rules.push(RuleSource {
            file,
            line: number,
            text: line,
            example: None,
            verb: is_verb,
            outcome: rule.outcome.map(|(k, _)| k),
        });
        for lemma in lemmas.split('|') {
            let i = self.lemma_index(lemma);
            if is_verb {
                self.lemmas[i].verb_rules.push(rule.clone());
                self.add_verb_forms(i);
            } else {
                self.lemmas[i].noun_rules.push(rule.clone());
                for form in noun_forms(lemma) {
                    let info = self.info(&form);
                    if info.noun.is_none() {
                        info.noun = Some(i as u16);
                    }
                }
            }
        }
        Ok(())
    }
}

pub(crate) fn class_bit(name: &str) -> Option<Classes> {
    class::NAMES.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
}

fn parse_classes(list: &str, separator: char) -> Result<Classes, String> {
    let mut bits = 0;
    for name in list.split(separator) {
        bits |= class_bit(name).ok_or_else(|| format!("unknown class {name}"))?;
    }
    Ok(bits)
}

/// Singular and plural forms of a noun (hyphenated and multiword entries are kept whole).
fn noun_forms(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_owned()];
    if word.ends_with('s') && !word.ends_with("ss") {
        return forms;
    }
    let plural = if let Some(stem) = word.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'o', 'u'])
    {
        format!("{stem}ies")
    } else if word.ends_with("sh") || word.ends_with("ch") || word.ends_with('x') || word.ends_with("ss") {
        format!("{word}es")
    } else if let Some(stem) = word.strip_suffix("man") {
        format!("{stem}men")
    } else {
        format!("{word}s")
    };
    forms.push(plural);
    forms
}

/// All inflected forms of a verb with their form tags (over-generating is harmless).
fn verb_forms(lemma: &str) -> Vec<(String, VerbForm)> {
    let mut forms = vec![(lemma.to_owned(), VerbForm::Base)];
    if let Some((_, past, participle)) = IRREGULAR.iter().find(|(base, _, _)| *base == lemma) {
        for p in past.split('|').chain(participle.split('|')) {
            forms.push((p.to_owned(), VerbForm::Past));
        }
    }
    let consonant_y = lemma.strip_suffix('y').filter(|stem| !stem.ends_with(['a', 'e', 'o', 'u']));
    let third = if let Some(stem) = consonant_y {
        format!("{stem}ies")
    } else if lemma.ends_with(['s', 'x', 'z', 'o']) || lemma.ends_with("sh") || lemma.ends_with("ch") {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    };
    forms.push((third, VerbForm::Third));
    let last = lemma.chars().last().unwrap_or('a');
    let doubled = format!("{lemma}{last}");
    if let Some(stem) = consonant_y {
        forms.push((format!("{stem}ied"), VerbForm::Past));
    } else if lemma.ends_with('e') {
        forms.push((format!("{lemma}d"), VerbForm::Past));
    } else {
        forms.push((format!("{lemma}ed"), VerbForm::Past));
        if !"aeiouwy".contains(last) {
            forms.push((format!("{doubled}ed"), VerbForm::Past));
        }
    }
    if let Some(stem) = lemma.strip_suffix("ie") {
        forms.push((format!("{stem}ying"), VerbForm::Ing));
    } else if let Some(stem) = lemma.strip_suffix('e').filter(|s| !s.ends_with(['e', 'y', 'o'])) {
        forms.push((format!("{stem}ing"), VerbForm::Ing));
    } else {
        forms.push((format!("{lemma}ing"), VerbForm::Ing));
        if !"aeiouwy".contains(last) {
            forms.push((format!("{doubled}ing"), VerbForm::Ing));
        }
    }
    forms
}

/// The lexicon's data files, compiled in (one format each, documented in the files).
mod data {
    pub const CLASSES: &str = include_str!("../../data/lexicon/classes.txt");
    pub const FUNCTION_WORDS: &str = include_str!("../../data/lexicon/function_words.txt");
    pub const MODALITY_CUES: &str = include_str!("../../data/lexicon/modality_cues.txt");
    pub const CONTROL_CUES: &str = include_str!("../../data/lexicon/control_cues.txt");
    pub const ROLE_CUES: &str = include_str!("../../data/lexicon/role_cues.txt");
    pub const EVENT_CUES: &str = include_str!("../../data/lexicon/event_cues.txt");
    pub const TRIGGER_CUES: &str = include_str!("../../data/lexicon/trigger_cues.txt");
    pub const PHRASE_CUES: &str = include_str!("../../data/lexicon/phrase_cues.txt");
    pub const FIXED_PHRASES: &str = include_str!("../../data/lexicon/fixed_phrases.txt");
    pub const AGENT_NOUNS: &str = include_str!("../../data/lexicon/agent_nouns.txt");
    pub const TITLES: &str = include_str!("../../data/lexicon/titles.txt");
    pub const IMPORTED_AGENTS: &str = include_str!("../../data/imported/petrarch/agents.txt");
    pub const VERB_CLASSES: &str = include_str!("../../data/lexicon/verb_classes.txt");
    pub const IRREGULAR: &str = include_str!("../../data/lexicon/irregular.txt");
    pub const VERB_RULES: (&str, &str) =
        ("verb_rules.txt", include_str!("../../data/lexicon/verb_rules.txt"));
    pub const NOUN_RULES: (&str, &str) =
        ("noun_rules.txt", include_str!("../../data/lexicon/noun_rules.txt"));
}

/// The irregular verb table: base form, past forms, past participles.
static IRREGULAR: LazyLock<Vec<(&'static str, &'static str, &'static str)>> = LazyLock::new(|| {
    entries(data::IRREGULAR)
        .into_iter()
        .filter_map(|(base, forms)| match forms.as_slice() {
            [past, participle] => Some((base, *past, *participle)),
            _ => None,
        })
        .collect()
});

fn control_named(name: &str) -> Option<Control> {
    Some(match name {
        "speech" => Control::Speech,
        "belief" => Control::Belief,
        "plan" => Control::Plan,
        "commit" => Control::Commit,
        "direct" => Control::Direct,
        "refuse" => Control::Refuse,
        "threaten" => Control::Threaten,
        "fail" => Control::Fail,
        "attempt" => Control::Attempt,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_line_parses_and_every_cameo_is_under_its_kind() {
        assert_eq!(lexicon().errors, Vec::<String>::new());
    }

    #[test]
    fn inflected_forms_resolve_to_their_lemma() {
        for (form, want) in [
            ("sent", "send"),
            ("sending", "send"),
            ("deployed", "deploy"),
            ("ratified", "ratify"),
            ("urging", "urge"),
            ("struck", "strike"),
            ("expelled", "expel"),
            ("arming", "arm"),
            ("shelled", "shell"),
            ("imposes", "impose"),
        ] {
            let info = word(form).unwrap_or_else(|| panic!("{form} missing"));
            let (lemma_index, _) = info.verb.unwrap_or_else(|| panic!("{form} is no verb"));
            assert_eq!(lemma(lemma_index).text, want, "{form}");
        }
    }

    #[test]
    fn nouns_know_their_plurals_and_classes() {
        assert!(word("soldiers").is_some_and(|w| w.classes & class::TROOPS != 0));
        assert!(word("sanctions").is_some_and(|w| w.noun.is_some()));
        assert!(word("militiamen").is_some_and(|w| w.agent.is_some()));
    }
}
