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
//! `in`, `from`, `to` and `for`: the phrase after "in" (or "from", "to", "for": "an arrest
//! warrant for the president") is also the target. Verb flag
//! `sym` marks symmetric kinds (met, clashed) where compound subjects become each other's
//! targets.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use geoevents_domain::{Kind, Sector};

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
    MILMOD = 7, ECONMOD = 8, MONEY = 9, ENVOY = 10, DIPLOMAT = 11, LETTER = 12, TREATY = 13,
    DEAL = 14, LAW = 15, SANCTION = 16, RESTRICTION = 17, TALKS = 18, TIES = 19, EMBASSY = 20,
    PRISONER = 21, PEOPLE = 22, PROTESTER = 23, TERRITORY = 24, PROPERTY = 25, ASSET = 26,
    INTEL = 27, FIRE = 28, ALERT = 29, CONCERN = 30, SUPPORT = 31, WILLINGNESS = 32, APOLOGY = 33,
    PROPOSAL = 34, INVESTIGATION = 35, CEASEFIRE = 36, BORDER = 37, ACCESS = 38, ASYLUM = 39,
    AGENCY = 40, POSITION = 41, ROAD = 42, POWER = 43, STRIKE = 44, PROTEST = 45, OFFENSIVE = 46,
    AIRMOD = 47, LABORMOD = 48, EXERCMOD = 49, TESTMOD = 50, ALERTMOD = 51, TROOPMOD = 52, ON = 53,
    TRAINING = 54, CONSEQUENCE = 55, WOUNDED = 56, ENERGY = 57, CYBERMOD = 58, JOINTMOD = 59, WAR = 60, FOR = 61, RIOTGEAR = 62, THROWN = 63, ILL = 64,
    AIRSPACE = 65, BREACH = 66, LISTING = 67, COMPANY = 68, VISA = 69, ACTIONS = 70, EXPORT = 71,
    PNG = 72, WAY = 73, OBJECTION = 74,
}

/// Function-word flags.
pub mod func {
    /// Articles, demonstratives, possessive determiners, quantifiers.
    pub const DET: u32 = 1;
    /// Prepositions.
    pub const PREP: u32 = 1 << 1;
    /// Auxiliary verbs (be, have, do and modals).
    pub const AUX: u32 = 1 << 2;
    /// Future markers: will, shall, 'll.
    pub const FUTURE: u32 = 1 << 3;
    /// Possibility markers: could, might, may, would.
    pub const HYPO: u32 = 1 << 4;
    /// Negation: not, never, n't forms.
    pub const NEG: u32 = 1 << 5;
    /// Clause-introducing subordinators.
    pub const SUBORD: u32 = 1 << 6;
    /// Coordinating conjunctions.
    pub const CONJ: u32 = 1 << 7;
    /// Personal pronouns that can be subjects.
    pub const PRONOUN: u32 = 1 << 8;
    /// Possessive determiners (its, their, his, her).
    pub const POSS: u32 = 1 << 9;
    /// Hedging adverbs: reportedly, allegedly, purportedly.
    pub const HEDGE: u32 = 1 << 10;
    /// Forms of "be".
    pub const BE: u32 = 1 << 11;
    /// Obligation: must, should, "has to".
    pub const MUST: u32 = 1 << 12;
    /// Words that may sit between an auxiliary and its verb (also, already, reportedly...).
    pub const ADVERB: u32 = 1 << 13;
    /// Forms of "have".
    pub const HAVE: u32 = 1 << 14;
    /// Adjectives that mark a nominal event as possible or planned.
    pub const NOMHEDGE: u32 = 1 << 15;
    /// Prepositions that introduce where something happened.
    pub const LOCPREP: u32 = 1 << 16;
    /// Number words ("two", "dozen", "thousands").
    pub const NUMWORD: u32 = 1 << 17;
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
    /// The verb lemma and form, when the word is a form of a lexicon verb.
    pub verb: Option<(u16, VerbForm)>,
    /// The noun lemma, when the word is a trigger noun (singular or plural).
    pub noun: Option<u16>,
    /// The sector an agent noun implies ("troops" -> military), for actor phrases.
    pub agent: Option<Sector>,
    /// A title word ("president", "minister") and the sector it implies.
    pub title: Option<Sector>,
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
}

/// One trigger rule.
#[derive(Debug, Clone)]
pub struct Rule {
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
    pub outcome: Option<(Kind, &'static str)>,
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
    /// Lines of the rule tables that did not parse (must be empty; checked by a test).
    pub errors: Vec<String>,
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
        let mut lexicon = Lexicon { words: HashMap::default(), lemmas: Vec::new(), errors: Vec::new() };
        for (name, words) in CLASS_WORDS {
            let Some(bit) = class_bit(name) else {
                lexicon.errors.push(format!("unknown class {name}"));
                continue;
            };
            for w in words.split_whitespace() {
                for form in noun_forms(w) {
                    lexicon.info(&form).classes |= bit;
                }
            }
        }
        for (flag, words) in FUNCTION_WORDS {
            for w in words.split_whitespace() {
                lexicon.info(w).flags |= *flag;
            }
        }
        for (sector, words) in AGENT_NOUNS {
            for w in words.split_whitespace() {
                for form in noun_forms(w) {
                    lexicon.info(&form).agent = Some(*sector);
                }
            }
        }
        for (sector, words) in TITLE_WORDS {
            for w in words.split_whitespace() {
                lexicon.info(w).title = Some(*sector);
            }
        }
        for line in VERB_RULES.lines().chain(NOUN_RULES.lines()) {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Err(e) = lexicon.add_rule_line(line) {
                lexicon.errors.push(format!("{line}: {e}"));
            }
        }
        for w in LIGHT_VERBS.split_whitespace() {
            let i = lexicon.lemma_index(w);
            lexicon.lemmas[i].light = true;
            lexicon.add_verb_forms(i);
        }
        for w in REFUSABLE_VERBS.split_whitespace() {
            let i = lexicon.lemma_index(w);
            lexicon.lemmas[i].refusable = true;
            lexicon.add_verb_forms(i);
        }
        for (control, words) in CONTROL_VERBS {
            for w in words.split_whitespace() {
                let i = lexicon.lemma_index(w);
                lexicon.lemmas[i].control = Some(*control);
                lexicon.add_verb_forms(i);
            }
        }
        lexicon
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

    fn add_rule_line(&mut self, line: &'static str) -> Result<(), String> {
        let (is_verb, rest) = match line.split_once(' ') {
            Some(("v", rest)) => (true, rest),
            Some(("n", rest)) => (false, rest),
            _ => return Err("a rule starts with 'v' or 'n'".into()),
        };
        let (lhs, rhs) = rest.split_once("->").ok_or("missing '->'")?;
        let mut lhs_words = lhs.split_whitespace();
        let lemmas = lhs_words.next().ok_or("missing lemma")?;
        let mut rule = Rule {
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
                other => return Err(format!("unknown flag {other}")),
            }
        }
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

fn class_bit(name: &str) -> Option<Classes> {
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

/// Irregular verbs: base, past, past participle (alternatives separated by '|').
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("send", "sent", "sent"),
    ("strike", "struck", "struck|stricken"),
    ("hold", "held", "held"),
    ("meet", "met", "met"),
    ("shoot", "shot", "shot"),
    ("fight", "fought", "fought"),
    ("take", "took", "taken"),
    ("give", "gave", "given"),
    ("lead", "led", "led"),
    ("make", "made", "made"),
    ("break", "broke", "broken"),
    ("beat", "beat", "beaten"),
    ("withdraw", "withdrew", "withdrawn"),
    ("blow", "blew", "blown"),
    ("set", "set", "set"),
    ("put", "put", "put"),
    ("hit", "hit", "hit"),
    ("cut", "cut", "cut"),
    ("bring", "brought", "brought"),
    ("sell", "sold", "sold"),
    ("swear", "swore", "sworn"),
    ("say", "said", "said"),
    ("tell", "told", "told"),
    ("seek", "sought", "sought"),
    ("begin", "began", "begun"),
    ("freeze", "froze", "frozen"),
    ("unfreeze", "unfroze", "unfrozen"),
    ("overrun", "overran", "overrun"),
    ("retake", "retook", "retaken"),
    ("shut", "shut", "shut"),
    ("sink", "sank", "sunk"),
    ("keep", "kept", "kept"),
    ("pay", "paid", "paid"),
    ("throw", "threw", "thrown"),
    ("think", "thought", "thought"),
    ("lend", "lent", "lent"),
    ("undertake", "undertook", "undertaken"),
    ("forbid", "forbade", "forbidden"),
    ("write", "wrote", "written"),
    ("speak", "spoke", "spoken"),
    ("win", "won", "won"),
    ("spread", "spread", "spread"),
    ("overthrow", "overthrew", "overthrown"),
    ("forgive", "forgave", "forgiven"),
    ("shake", "shook", "shaken"),
    ("slay", "slew", "slain"),
    ("fly", "flew", "flown"),
    ("drive", "drove", "driven"),
    ("feel", "felt", "felt"),
    ("mean", "meant", "meant"),
    ("hear", "heard", "heard"),
    ("show", "showed", "shown"),
    ("deal", "dealt", "dealt"),
    ("rise", "rose", "risen"),
    ("stand", "stood", "stood"),
    ("become", "became", "become"),
    ("leave", "left", "left"),
    ("draw", "drew", "drawn"),
    ("bear", "bore", "borne"),
    ("read", "read", "read"),
    ("find", "found", "found"),
    ("catch", "caught", "caught"),
    ("go", "went", "gone"),
    ("come", "came", "come"),
    ("get", "got", "gotten|got"),
    ("see", "saw", "seen"),
    ("know", "knew", "known"),
    ("mislead", "misled", "misled"),
    ("foresee", "foresaw", "foreseen"),
    ("oversee", "oversaw", "overseen"),
    ("test-fire", "test-fired", "test-fired"),
];

/// Object and modifier classes. Singular forms; plurals are generated.
const CLASS_WORDS: &[(&str, &str)] = &[
    (
        "TROOPS",
        "troop troops soldier force forces personnel serviceman marine paratrooper reservist battalion brigade \
         division contingent regiment commando militiaman mercenary infantry army navy sailor warship \
         reinforcements boots fighter-jet combatants combatant units unit carrier destroyer frigate \
         corvette cruiser bomber paratroops airborne fighter fighters guard guards officer officers policemen",
    ),
    ("PEACEKEEPERS", "peacekeeper peacekeeping blue-helmet"),
    ("INSPECTORS", "inspector investigator monitor observer fact-finding"),
    (
        "WEAPONS",
        "weapon arms missile rocket drone tank artillery shell ammunition munition jet aircraft warplane \
         helicopter submarine rifle gun howitzer launcher bomb interceptor armament hardware f-16 f-16s \
         himars atacms patriot air-defense air-defence warhead mortar grenade firearm equipment weaponry",
    ),
    ("MISSILE", "missile rocket icbm icbms ballistic warhead projectile satellite hypersonic interceptor"),
    ("AID", "aid assistance help relief donation package supplies supply"),
    (
        "HUMAN",
        "humanitarian relief food medical medicine medicines shelter tent blanket vaccine emergency goods \
         water grain fuel",
    ),
    ("MILMOD", "military defense defence security lethal armed army weaponry"),
    ("ECONMOD", "financial economic budget development reconstruction budgetary fiscal monetary"),
    (
        "MONEY",
        "loan grant credit fund funding dollar euro won yen yuan pound ruble rouble shilling rupee franc \
         million billion cash money",
    ),
    (
        "ENVOY",
        "official envoy delegation delegate minister representative emissary negotiator mission adviser \
         advisor team secretary",
    ),
    ("DIPLOMAT", "diplomat ambassador envoy attache attaché consul chargé charge diplomatic adviser advisor"),
    ("LETTER", "letter message note memo signal"),
    ("TREATY", "treaty pact accord alliance convention protocol"),
    ("DEAL", "agreement deal memorandum mou understanding framework truce ceasefire cease-fire accord pact"),
    ("LAW", "law bill decree legislation constitution amendment ordinance statute budget"),
    ("SANCTION", "sanction embargo tariff blacklist"),
    ("RESTRICTION", "restriction curfew ban state siege emergency martial lockdown limit measure control"),
    ("TALKS", "talk talks negotiation dialogue discussion consultation meeting summit"),
    (
        "TIES",
        "tie relation link contact cooperation flight trade relationship partnership participation membership",
    ),
    ("EMBASSY", "embassy consulate mission"),
    ("PRISONER", "prisoner hostage detainee captive pow inmate"),
    (
        "PEOPLE",
        "people person civilian resident villager child woman refugee migrant national citizen worker \
         student youth man farmer teacher journalist dissident activist opponent candidate voter member \
         leader official officer soldier minister president premier prisoner detainee hostage suspect \
         chairman chief commander governor mayor fisherman fishermen crew sailor seafarer",
    ),
    ("PROTESTER", "protester protestor demonstrator activist marcher rioter crowd striker"),
    (
        "TERRITORY",
        "village town city territory area region district province position base airport port bridge hill \
         island enclave stronghold outpost checkpoint settlement camp capital neighborhood neighbourhood \
         target targets hospital school facility plant",
    ),
    (
        "PROPERTY",
        "building office home house property ship vessel tanker infrastructure website site line plane \
         airliner boat \
         power-line mosque church hospital school shop store headquarters facility plant refinery depot \
         airfield warehouse factory pipeline terminal substation station dam railway convoy apartment \
         market cable",
    ),
    ("ASSET", "asset account fund property reserve"),
    ("INTEL", "intelligence information expertise data know-how technology findings evidence"),
    ("FIRE", "fire"),
    ("ALERT", "alert readiness"),
    ("CONCERN", "concern worry alarm dismay outrage anger indignation"),
    ("SUPPORT", "support solidarity backing"),
    ("WILLINGNESS", "willingness readiness desire"),
    ("APOLOGY", "apology regret condolence"),
    (
        "PROPOSAL",
        "proposal plan offer appeal call demand request ultimatum invitation bid claim accusation allegation \
         resolution initiative idea suggestion",
    ),
    ("INVESTIGATION", "investigation probe inquiry enquiry case"),
    ("CEASEFIRE", "ceasefire cease-fire truce armistice"),
    ("BORDER", "border frontier crossing"),
    ("ACCESS", "access"),
    ("VISA", "entry travel visa visas"),
    ("ACTIONS", "step steps measure measures move moves action actions effort efforts decision decisions"),
    ("ASYLUM", "asylum refuge sanctuary"),
    ("AGENCY", "agency organization organisation ngo group staff"),
    ("POSITION", "position policy stance commitment opposition"),
    ("ROAD", "road street highway railway motorway"),
    ("POWER", "power"),
    ("STRIKE", "strike walkout"),
    ("PROTEST", "protest demonstration rally march boycott strike sit-in"),
    ("OFFENSIVE", "offensive attack operation assault bombardment airstrike air-strike raid barrage"),
    ("AIRMOD", "air aerial drone missile rocket airstrike"),
    ("LABORMOD", "general hunger labor labour nationwide national one-day two-day 24-hour 48-hour workers"),
    (
        "EXERCMOD",
        "military naval joint air live-fire war army command amphibious nuclear missile combat drill \
         anti-submarine trilateral",
    ),
    ("TESTMOD", "missile nuclear weapons weapon rocket icbm ballistic hypersonic atomic"),
    ("ALERTMOD", "high full maximum combat heightened highest red"),
    ("TROOPMOD", "troop troops military"),
    ("ON", "on"),
    ("TRAINING", "training instruction"),
    (
        "CONSEQUENCE",
        "consequence retaliation response action measure war attack strike reprisal countermeasure \
         retaliate respond avenge revenge price punishment",
    ),
    ("WOUNDED", "wounded injured sick"),
    ("ENERGY", "gas oil energy electricity coal"),
    ("CYBERMOD", "cyber cyber-attack"),
    ("JOINTMOD", "joint bilateral trilateral combined"),
    ("WAR", "war independence"),
    ("FOR", "for"),
    ("AIRSPACE", "airspace"),
    ("BREACH", "breach non-compliance noncompliance contravention"),
    ("LISTING", "blacklist list watchlist"),
    ("COMPANY", "firm company entity individual business bank manufacturer contractor"),
    ("EXPORT", "export exports import imports shipment shipments"),
    ("PNG", "persona grata undesirable"),
    ("WAY", "way"),
    ("OBJECTION", "veto objection objections reservations"),
    ("RIOTGEAR", "tear teargas tear-gas bullet rubber cannon pellet baton"),
    ("THROWN", "stone rock brick molotov firebomb petrol-bomb grenade bottle"),
    (
        "ILL",
        "crime terrorism corruption drug trafficking poverty disease epidemic piracy smuggling extremism \
         fraud inflation hunger malaria illiteracy pandemic policy policies hegemony imperialism",
    ),
];

/// Function words.
const FUNCTION_WORDS: &[(u32, &str)] = &[
    (
        func::DET,
        "a an the this that these those its their his her our my your any no every each another some several \
         many such both all either neither",
    ),
    (
        func::PREP,
        "of in on at to for with by from into onto upon over under against toward towards near across along \
         through during after before since until despite without within between among amid amongst beyond \
         behind outside inside around about via per like following including throughout alongside",
    ),
    (func::LOCPREP, "in at near outside inside across along throughout around off through"),
    (
        func::AUX,
        "is are was were be been being am has have had having do does did will would shall should can could \
         may might must 'll wo won't wouldn't can't cannot couldn't didn't doesn't don't hasn't haven't \
         hadn't isn't aren't wasn't weren't shouldn't mustn't",
    ),
    (func::BE, "is are was were be been being am isn't aren't wasn't weren't"),
    (func::HAVE, "has have had having hasn't haven't hadn't"),
    (func::FUTURE, "will shall 'll won't wo"),
    (func::HYPO, "could might may would wouldn't couldn't"),
    (func::MUST, "must should mustn't shouldn't"),
    (
        func::NEG,
        "not never n't won't wouldn't can't cannot couldn't didn't doesn't don't hasn't haven't hadn't isn't \
         aren't wasn't weren't shouldn't mustn't",
    ),
    (
        func::SUBORD,
        "that which who whom whose where when while whereas after before because since although though if \
         unless until whether once",
    ),
    (func::CONJ, "and but or nor"),
    (func::PRONOUN, "he she they it we i"),
    (func::POSS, "its their his her our"),
    (func::HEDGE, "reportedly allegedly purportedly apparently supposedly seemingly ostensibly"),
    (
        func::ADVERB,
        "also already reportedly allegedly purportedly apparently supposedly just recently now still again \
         further finally formally officially quickly immediately swiftly jointly unilaterally once twice \
         repeatedly routinely directly openly publicly secretly subsequently later earlier then first \
         bluntly flatly outright strongly sharply firmly once-again effectively initially eventually \
         heavily briefly largely partly",
    ),
    (
        func::NOMHEDGE,
        "potential possible proposed planned expected alleged reported eventual future prospective likely \
         hypothetical rumored rumoured suspected possibility prospect option risk threat danger",
    ),
    (
        func::NUMWORD,
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen \
         seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand \
         dozen dozens hundreds thousands scores tens",
    ),
];

/// Head nouns of actor phrases and the sector they imply.
const AGENT_NOUNS: &[(Sector, &str)] = &[
    (
        Sector::Military,
        "troop troops soldier force forces army navy military militaries marine commander general officer \
         sailor pilot jet warplane plane drone missile artillery tank helicopter warship aircraft paratrooper \
         unit battalion brigade division commando guard serviceman personnel airforce air-force \
         junta defence-ministry defense-ministry reservist infantry instructor trainer peacekeeper contingent",
    ),
    (
        Sector::Government,
        "government official authority ministry administration cabinet regime side diplomat embassy envoy ambassador \
         delegation negotiator spokesman spokeswoman spokesperson secretary agency state kremlin \
         authorities executive mission representative minister inspector monitor observer country nation \
         kingdom island republic office presidency department board governor statement communique \
         communiqué declaration",
    ),
    (
        Sector::Legislature,
        "parliament lawmaker legislator legislature congress senate assembly deputy mp senator duma knesset \
         parliamentarian congressman congresswoman",
    ),
    (
        Sector::Leader,
        "president leader premier king queen emir chancellor monarch sultan dictator prime-minister \
         ruler",
    ),
    (Sector::Police, "police policeman gendarme security-forces riot-police"),
    (
        Sector::Civilians,
        "protester protestor demonstrator resident civilian people villager refugee student worker farmer \
         citizen national youth activist migrant child woman settler immigrant crowd mob doctor teacher \
         supporter businessman hacker fundamentalist kurd volunteer engineer victim survivor",
    ),
    (
        Sector::Rebels,
        "rebel militant insurgent guerrilla guerilla militia militiaman fighter separatist extremist \
         jihadist gunman terrorist paramilitary attacker assailant bomber sniper kidnapper raider",
    ),
    (Sector::Opposition, "opposition dissident opposition-party"),
    (Sector::Media, "newspaper media television broadcaster journalist reporter press daily weekly"),
    (Sector::Business, "company firm businessman corporation bank"),
    (Sector::Judiciary, "court judge prosecutor tribunal judiciary"),
    (Sector::International, "group organization organisation bloc alliance watchdog movement"),
];

/// Title words before a person's name, and the sector they imply.
const TITLE_WORDS: &[(Sector, &str)] = &[
    (
        Sector::Leader,
        "president prime premier king queen emir chancellor sheikh sultan leader monarch pope dictator \
         vice-president",
    ),
    (
        Sector::Government,
        "minister secretary secretary-general ambassador envoy spokesman spokeswoman spokesperson governor mayor deputy \
         official adviser advisor negotiator undersecretary under-secretary diplomat",
    ),
    (Sector::Military, "general gen. admiral adm. colonel col. commander lt. lieutenant marshal"),
    (Sector::Legislature, "senator sen. rep. representative speaker lawmaker"),
    (Sector::Judiciary, "judge prosecutor justice"),
];

/// Verbs that take their event from a trigger noun in their object ("held talks").
const LIGHT_VERBS: &str =
    "provide give deliver grant extend hold conduct stage carry launch mount impose join \
    slap express voice issue make begin start continue resume step speed accelerate intensify complete \
    conclude finish order approve announce undertake perform put place keep lodge file level reiterate \
    renew repeat attend open initiate pursue allow authorize authorise agree sign reach seal unveil \
    oversee supervise observe watch guide
    organize organise call hold stage lead go scale ramp broaden expand escalate wage unleash";

/// Verbs whose negated future or present ("will not accept", "does not recognise") is a
/// refusal.
const REFUSABLE_VERBS: &str = "accept allow permit tolerate negotiate recognize recognise support attend join \
    sign comply cooperate participate honor honour abide respect resign withdraw release return resume meet \
    talk lift ease halt stop end hand";

/// Verbs that control an event in their complement.
const CONTROL_VERBS: &[(Control, &str)] = &[
    (
        Control::Speech,
        "say tell announce state declare add report confirm write editorialize editorialise note explain \
         stress emphasize emphasise insist reiterate assert argue testify acknowledge admit reveal disclose \
         hint signal conclude quote repeat comment mention tweet post",
    ),
    (
        Control::Belief,
        "believe think suggest indicate claim estimate fear suspect assume expect predict allege show \
         imply speculate",
    ),
    (
        Control::Plan,
        "plan intend aim prepare consider contemplate mull weigh decide schedule propose seek want hope wish \
         look move",
    ),
    (Control::Commit, "promise pledge vow swear offer agree commit undertake volunteer guarantee"),
    (Control::Direct, "urge demand press appeal request ask order instruct implore call"),
    (Control::Refuse, "refuse decline reject veto"),
    (Control::Threaten, "threaten warn"),
    (Control::Fail, "fail deny"),
    (Control::Attempt, "try attempt begin start continue resume manage"),
];

/// Verb trigger rules (see the module docs for the syntax).
const VERB_RULES: &str = r"
# deployments and force posture
v deploy|dispatch|send obj:INSPECTORS -> investigation 090 0.7 in
v send|move|fly|ship|rush|pour|bring particle=in obj:TROOPS|PEACEKEEPERS -> troop_deployment 154 0.85
v deploy|station|mass|move|dispatch|send|mobilize|mobilise|redeploy|airlift|fly|ship|rush|transfer|relocate|reposition obj:TROOPS -> troop_deployment 154 0.85
v deploy|station|move|relocate obj:PEACEKEEPERS|WEAPONS -> troop_deployment 154 0.7
v keep|maintain|base obj:TROOPS -> troop_deployment 154 0.65 in
v move|deploy|redeploy particle=into -> troop_deployment 154 0.6 to
v deploy|redeploy -> troop_deployment 154 0.6
v arrive|land particle=in -> troop_deployment 154 0.5 in
v arrive|land particle=at -> troop_deployment 154 0.45
v reinforce -> troop_deployment 154 0.55
v send|dispatch|ship|deliver|supply|provide|transfer|give|donate|sell|hand|airdrop obj:WEAPONS not:HUMAN -> military_aid 072 0.8
v send|dispatch|ship|deliver|supply|provide|transfer|give|donate|extend|pledge|hand all:MILMOD&AID -> military_aid 072 0.8
v send|dispatch|ship|deliver|supply|provide|transfer|give|donate|pledge all:AIRMOD&MILMOD -> military_aid 072 0.75
v send|dispatch|ship|deliver|supply|provide|transfer|give|donate|extend|grant|hand all:ECONMOD&AID -> economic_aid 071 0.8
v send|dispatch|ship|deliver|supply|provide|donate|hand|airdrop|airlift obj:HUMAN|AID -> humanitarian_aid 073 0.75
v send|dispatch|transfer|provide|give|donate|lend|grant|extend|disburse|allocate obj:MONEY -> economic_aid 071 0.7
v deposit|inject obj:MONEY -> economic_aid 071 0.65 in
v send|dispatch obj:ENVOY|DIPLOMAT -> meeting 042 0.5
v send|dispatch -> none
v provide|share|exchange|give|offer obj:INTEL -> military_cooperation 064 0.75
v provide|give|offer|conduct obj:TRAINING -> military_cooperation 062 0.7
v train obj:TROOPS|PEOPLE -> military_cooperation 062 0.65
v arm particle=with -> none
v arm tgt -> military_aid 072 0.75
v mobilize|mobilise -> none
v test|test-fire|test-launch obj:MISSILE|WEAPONS|TESTMOD -> weapons_test 150 0.85
v test-fire|test-launch -> weapons_test 150 0.85
v launch|fire obj:MISSILE not:OFFENSIVE|STRIKE tgt -> attack 195 0.8
v launch obj:MISSILE near:OFFENSIVE|STRIKE -> attack 190 0.5
v launch obj:MISSILE not:OFFENSIVE|STRIKE -> weapons_test 150 0.75
v fire obj:MISSILE -> attack 195 0.5
v fire obj:WEAPONS tgt -> attack 190 0.75
v use obj:WEAPONS tgt -> attack 190 0.6
v fire|use obj:RIOTGEAR -> attack 193 0.7
v fire particle=on -> attack 193 0.75
v fire particle=at -> attack 193 0.75
v open obj:FIRE -> attack 193 0.8
v throw|hurl obj:THROWN -> attack 190 0.7
v raise|heighten|increase|elevate obj:ALERT -> military_alert 152 0.8

# violence
v attack -> attack 190 0.8
v strike|hit obj:DEAL -> agreement 057 0.85
v hit obj:SANCTION -> sanctions_imposed 163 0.75
v strike|hit tgt -> attack 190 0.75
v strike|hit obj:TERRITORY|PROPERTY|PEOPLE|WEAPONS|TROOPS -> attack 190 0.75
v strike noobj -> attack 190 0.45
v shell -> attack 194 0.85
v bombard|pound -> attack 194 0.75
v bomb -> attack 195 0.8
v airstrike -> attack 195 0.85
v invade -> attack 192 0.85
v occupy obj:TERRITORY -> attack 192 0.75
v occupy tgt -> attack 192 0.75
v seize|capture|retake|recapture|overrun obj:POWER -> none
v seize|capture|retake|recapture|overrun obj:TERRITORY|BORDER -> attack 192 0.8
v capture|retake|recapture|overrun tgt -> attack 192 0.7
v seize|confiscate|impound obj:PROPERTY|ASSET|WEAPONS -> coercion 171 0.75
v seize|confiscate|impound -> coercion 171 0.5
v ram particle=through -> none
v ram obj:PROPERTY -> attack 190 0.65
v sink obj:PROPERTY -> attack 190 0.75
v capture obj:PEOPLE|TROOPS|PRISONER -> coercion 173 0.6
v kill|murder|massacre|slaughter -> attack 190 0.75
v wound|injure -> attack 190 0.6
v shoot particle=down tgt -> attack 190 0.85
v shoot particle=down obj:MISSILE|AIRMOD -> none
v shoot particle=down obj:WEAPONS|TROOPS|PROPERTY -> attack 190 0.8
v shoot particle=down -> none
v shoot -> attack 193 0.7
v beat particle=up -> attack 190 0.75
v beat obj:PEOPLE|PROTESTER|PRISONER -> attack 190 0.6
v torture -> attack 190 0.75
v force|fight|shoot obj:WAY near:EMBASSY|PROPERTY|TERRITORY -> attack 190 0.65
v advance particle=on -> attack 192 0.65
v advance particle=towards -> attack 192 0.6
v advance particle=toward -> attack 192 0.6
v advance particle=into -> attack 192 0.65
v drop obj:WEAPONS|MISSILE -> attack 195 0.7
v sabotage obj:PROPERTY|TERRITORY|ENERGY|POWER -> attack 190 0.65
v assassinate -> attack 190 0.85
v ambush -> attack 190 0.8
v raid -> attack 190 0.6
v storm obj:PROPERTY|TERRITORY|EMBASSY -> attack 190 0.6
v target tgt -> attack 190 0.55
v abduct|kidnap -> attack 190 0.75
v besiege|blockade -> attack 191 0.75
v close|seal|shut obj:BORDER -> attack 191 0.6
v violate|breach obj:CEASEFIRE -> attack 196 0.8
v violate|breach|defy obj:RESTRICTION|LAW -> rejection 128 0.6
v blow particle=up obj:PROPERTY|ROAD|TERRITORY -> coercion 171 0.7
v blow particle=up -> attack 190 0.6
v set obj:FIRE -> coercion 171 0.7 to
v torch|burn obj:PROPERTY|TERRITORY -> coercion 171 0.65
v destroy|demolish|raze obj:PROPERTY|TERRITORY|ROAD -> coercion 171 0.6
v destroy obj:WEAPONS|TROOPS -> attack 190 0.6
v loot|vandalize|vandalise|deface|hack -> coercion 171 0.6

# fighting between parties
v clash -> armed_clash 190 0.8 sym
v exchange obj:FIRE -> armed_clash 190 0.85 sym
v exchange obj:PRISONER -> withdrawal 084 0.7 sym
v fight|battle|combat|tackle obj:ILL -> none
v fight|battle|combat near:ILL not:TROOPS -> none
v fight|battle|skirmish -> armed_clash 190 0.65 sym

# repression
v arrest|detain|jail|imprison -> coercion 173 0.85
v sentence|convict obj:PEOPLE|PRISONER|PROTESTER|TROOPS -> coercion 173 0.75
v sentence|convict tgt -> coercion 173 0.7
v deport -> coercion 174 0.85
v expel obj:DIPLOMAT -> diplomatic_downgrade 161 0.85
v declare obj:DIPLOMAT near:PNG -> diplomatic_downgrade 161 0.8
v expel obj:AGENCY|PEACEKEEPERS|INSPECTORS -> diplomatic_downgrade 166 0.75
v expel -> coercion 174 0.75
v extradite -> military_cooperation 063 0.75
v hand particle=over obj:PRISONER -> withdrawal 084 0.7
v hand particle=over obj:PRISONER|PEOPLE -> military_cooperation 063 0.6
v hand particle=over obj:AID|HUMAN -> humanitarian_aid 073 0.7
v hand particle=over obj:TERRITORY|PROPERTY -> withdrawal 087 0.65 in
v ban|halt|suspend|restrict|curb|block|stop obj:EXPORT tgt -> sanctions_imposed 163 0.75 to
v ban|halt|suspend|restrict|curb|block|stop obj:EXPORT -> sanctions_imposed 163 0.6 from
v ban|outlaw|prohibit -> coercion 172 0.75
v suspend obj:SANCTION -> sanctions_eased 085 0.7
v suspend|halt|cut|freeze|stop|withhold|withdraw obj:AID|MONEY -> sanctions_imposed 162 0.75 in
v suspend|halt|freeze|cancel|end|break particle=off obj:TALKS -> diplomatic_downgrade 164 0.8
v suspend|halt|freeze|cancel|end|stop|abandon|quit obj:TALKS -> diplomatic_downgrade 164 0.8
v suspend|halt|freeze|end|cut|sever|downgrade obj:TIES -> diplomatic_downgrade 161 0.8 in
v revoke|terminate|scrap|annul|abrogate|cancel|suspend|end|quit obj:DEAL|TREATY not:CEASEFIRE -> diplomatic_downgrade 160 0.7
v denounce obj:TREATY not:DEAL -> diplomatic_downgrade 160 0.7
v tear particle=up obj:DEAL|TREATY -> diplomatic_downgrade 160 0.7
v close|shut obj:AIRSPACE -> sanctions_imposed 163 0.65
v cut|break particle=off obj:TIES -> diplomatic_downgrade 161 0.85
v break obj:TIES -> diplomatic_downgrade 161 0.8
v suspend obj:LAW|POSITION -> coercion 172 0.65
v suspend tgt -> diplomatic_downgrade 160 0.6
v impose|introduce|announce|issue|slap|extend obj:VISA -> sanctions_imposed 163 0.85
v impose|introduce|enforce|slap obj:RESTRICTION near:EXPORT -> sanctions_imposed 163 0.75 from
v impose|declare|introduce|enforce obj:RESTRICTION -> coercion 172 0.8
v declare obj:CEASEFIRE -> withdrawal 087 0.8
v declare obj:WAR -> none
v crack particle=down -> coercion 175 0.8
v disperse obj:PROTESTER|PEOPLE|PROTEST -> coercion 175 0.75
v prevent|block|break particle=up obj:PROTEST -> coercion 175 0.65
v prevent|block|stop|break obj:PROTEST -> coercion 175 0.65
v block obj:ROAD -> protest 144 0.65 locactor
v hold obj:PRISONER|PEOPLE -> coercion 173 0.55
v take obj:PRISONER -> coercion 173 0.6
v force particle=out -> coercion 174 0.6
v evict -> coercion 174 0.7

# threats and sanctions
v threaten -> threat 130 0.85
v sanction tgt -> sanctions_imposed 163 0.8
v blacklist|embargo -> sanctions_imposed 163 0.75
v freeze obj:ASSET -> sanctions_imposed 163 0.8
v tighten|expand|extend|broaden|renew|toughen|reimpose|re-impose|reinstate|restore|snap obj:SANCTION -> sanctions_imposed 163 0.75
v lift|ease|remove|relax|end|waive|scrap obj:SANCTION -> sanctions_eased 085 0.85
v unfreeze obj:ASSET -> sanctions_eased 085 0.8
v lift|ease|remove|relax|cancel|scrap|end obj:RESTRICTION -> concession 081 0.8
v lift|drop|withdraw|abandon obj:OBJECTION -> concession 083 0.7
v lift|ease|end obj:CEASEFIRE -> none
v reopen|open obj:BORDER -> concession 081 0.65
v recall|withdraw obj:DIPLOMAT -> diplomatic_downgrade 161 0.85
v close|shut obj:EMBASSY -> diplomatic_downgrade 161 0.8
v withdraw|pull|evacuate obj:PEACEKEEPERS|INSPECTORS|AGENCY -> diplomatic_downgrade 166 0.7
v withdraw|pull obj:TROOPS -> withdrawal 087 0.85
v reduce|halve|downsize|cut obj:TROOPS -> withdrawal 087 0.7
v reduce|halve|downsize near:TROOPS not:AID|MONEY -> withdrawal 087 0.6
v pull particle=out -> withdrawal 087 0.75
v pull particle=back -> withdrawal 087 0.7
v withdraw -> withdrawal 087 0.6
v reduce|halve|cut obj:TROOPS -> withdrawal 087 0.6
v draw|scale particle=down obj:TROOPS -> withdrawal 087 0.65
v scale particle=back obj:TROOPS -> withdrawal 087 0.65
v evacuate obj:WOUNDED|PEOPLE -> humanitarian_aid 073 0.6 from
v evacuate obj:TERRITORY|TROOPS -> withdrawal 087 0.7
v retreat|demobilize|demobilise|surrender -> withdrawal 087 0.7
v release|free obj:PRISONER|PEOPLE|PEACEKEEPERS|INSPECTORS|TROOPS -> withdrawal 084 0.85
v release|free -> none
v return obj:PRISONER|TERRITORY -> withdrawal 084 0.55

# protest
v protest|demonstrate noobj -> protest 141 0.75 locactor
v protest particle=against -> protest 141 0.8 locactor
v protest obj:CONCERN -> none
v demonstrate -> none
v protest -> protest 140 0.65 locactor
v rally obj:SUPPORT -> diplomatic_support 053 0.7
v rally|march noobj -> protest 141 0.6 locactor
v gather|assemble|converge pre:PROTESTER -> protest 141 0.7 locactor
v riot -> protest 145 0.8 locactor
v boycott -> protest 143 0.75
v picket -> protest 141 0.7

# verbal conflict
v criticize|criticise -> criticism 111 0.85
v condemn|denounce -> criticism 111 0.9
v deplore|slam|blast|rebuke|lambast|chide|castigate|decry|censure|reprimand -> criticism 111 0.8
v complain -> criticism 111 0.7
v regret obj:PROPOSAL|POSITION|SANCTION|OFFENSIVE -> criticism 111 0.7
v regret tgt -> criticism 111 0.7
v lodge|file|register|deliver|issue obj:PROTEST|CONCERN -> criticism 111 0.8
v summon obj:DIPLOMAT|EMBASSY -> criticism 111 0.7
v express|voice|raise obj:CONCERN -> criticism 111 0.8
v express|voice|reaffirm|reiterate obj:SUPPORT -> diplomatic_support 051 0.75
v express|voice obj:WILLINGNESS -> intent_to_cooperate 030 0.7
v express|offer|issue obj:APOLOGY -> diplomatic_support 055 0.8
v accuse -> accusation 112 0.9
v blame -> accusation 112 0.85
v charge particle=with -> accusation 112 0.6
v charge tgt -> accusation 112 0.6
v sue -> accusation 115 0.75
v indict -> accusation 112 0.7
v investigate|probe -> investigation 090 0.85
v inspect -> investigation 090 0.6
v file|bring|lodge obj:INVESTIGATION -> accusation 115 0.7
v open|launch|begin|start|order|complete|conclude obj:INVESTIGATION -> investigation 090 0.8
v seek obj:ASYLUM|AID -> demand 100 0.65 in
v dismiss|rebuff|spurn|snub obj:PROPOSAL -> rejection 120 0.75
v turn particle=down -> rejection 120 0.75
v rule particle=out -> rejection 120 0.7
v rebuff|spurn -> rejection 120 0.75
v oppose -> rejection 120 0.55
v defy -> rejection 128 0.65
v renege -> rejection 120 0.7
v veto -> rejection 129 0.9
v block|torpedo obj:SANCTION|DEAL|LAW|PROPOSAL|TREATY not:ROAD|PROTEST -> rejection 129 0.65
v declare|find|rule near:BREACH -> accusation 112 0.7
v add near:LISTING obj:COMPANY|PEOPLE|AGENCY -> sanctions_imposed 163 0.7

# verbal cooperation
v praise|commend|laud|hail|applaud|congratulate -> diplomatic_support 051 0.8
v welcome obj:ENVOY|DIPLOMAT -> meeting 043 0.6
v welcome -> diplomatic_support 051 0.7
v endorse -> diplomatic_support 051 0.8
v back tgt -> diplomatic_support 051 0.6
v back obj:PROPOSAL|POSITION -> diplomatic_support 051 0.6
v support tgt -> diplomatic_support 051 0.6
v support obj:PROPOSAL|POSITION -> diplomatic_support 051 0.6
v support|back obj:ACTIONS -> diplomatic_support 051 0.55
v defend tgt -> diplomatic_support 052 0.55
v recognize|recognise tgt -> diplomatic_support 054 0.7
v apologize|apologise -> diplomatic_support 055 0.85
v thank -> diplomatic_support 051 0.55
v upgrade|restore|normalize|normalise|establish|resume obj:TIES -> diplomatic_support 050 0.75 sym
v reaffirm|reiterate|announce|declare|state|outline obj:POSITION -> policy_statement 010 0.55

# consultation
v telephone|phone tgt -> meeting 041 0.75
v meet particle=with -> meeting 040 0.85 sym
v meet tgt -> meeting 040 0.8 sym
v meet noobj -> meeting 040 0.6 sym
v visit -> meeting 042 0.8
v host -> meeting 043 0.8
v greet -> meeting 043 0.6
v receive obj:PEACEKEEPERS|INSPECTORS -> withdrawal 086 0.6
v receive obj:ENVOY|DIPLOMAT -> meeting 043 0.65
v talk particle=with -> meeting 040 0.6 sym
v speak particle=with tgt -> meeting 041 0.7 sym
v speak particle=to tgt -> meeting 041 0.65
v negotiate obj:DEAL|TREATY -> agreement 057 0.7
v negotiate -> meeting 046 0.75 sym
v mediate -> meeting 045 0.75
v convene obj:TALKS -> meeting 043 0.7
v convene tgt -> meeting 043 0.65
v broker obj:DEAL|CEASEFIRE -> meeting 045 0.7
v confer -> meeting 040 0.6 sym
v travel particle=to tgt -> meeting 042 0.5

# agreements
v sign obj:TREATY -> treaty_signed 057 0.9 sym
v sign obj:DEAL -> agreement 057 0.85 sym
v sign -> none
v ratify -> treaty_ratified 057 0.9
v approve|adopt|pass|endorse obj:TREATY -> treaty_ratified 057 0.8
v approve|adopt obj:SANCTION -> sanctions_imposed 163 0.75
v approve all:MILMOD&AID -> military_aid 072 0.6
v approve obj:WEAPONS not:HUMAN -> military_aid 072 0.65
v approve obj:MONEY|AID -> economic_aid 071 0.6
v approve -> none
v conclude|reach|seal|finalize|finalise|clinch obj:DEAL|TREATY -> agreement 057 0.85 sym

# material cooperation and aid
v supply|sell|ship|transfer|deliver obj:ENERGY -> economic_cooperation 061 0.55
v invest -> economic_cooperation 061 0.6
v cooperate obj:MILMOD|INTEL|TROOPS -> military_cooperation 062 0.6 sym
v cooperate obj:ECONMOD|ENERGY -> economic_cooperation 061 0.6 sym
v cooperate -> none
v donate -> humanitarian_aid 073 0.6
v grant obj:ASYLUM -> humanitarian_aid 075 0.8
v grant|allow|give obj:ACCESS -> withdrawal 086 0.7
v allow obj:PEACEKEEPERS|INSPECTORS|AID|HUMAN -> withdrawal 086 0.65
v lend|loan|fund|finance -> economic_aid 071 0.6

# concessions
v concede|accede particle=to -> concession 083 0.7
v concede obj:PROPOSAL -> concession 083 0.7
v call particle=off obj:STRIKE|PROTEST -> concession 082 0.75
v call particle=off obj:OFFENSIVE -> withdrawal 087 0.75
v pardon -> concession 080 0.75
";

/// Noun trigger rules (see the module docs for the syntax).
const NOUN_RULES: &str = r"
n deployment|buildup|build-up|redeployment -> troop_deployment 154 0.6 solo ofagent
n dispatch obj:TROOPS|TROOPMOD -> troop_deployment 154 0.6 solo ofagent
n reinforcement -> troop_deployment 154 0.45
n drill -> military_exercise 150 0.75 solo sym
n exercise|manoeuvre|maneuver obj:EXERCMOD -> military_exercise 150 0.75 solo sym
n wargame|war-game|wargames -> military_exercise 150 0.8 solo sym
n game obj:EXERCMOD -> military_exercise 150 0.7 solo
n test|launch obj:TESTMOD -> weapons_test 150 0.8 solo
n test-launch|test-firing -> weapons_test 150 0.8 solo
n alert obj:ALERTMOD -> military_alert 152 0.75
n readiness -> military_alert 152 0.6
n patrol -> military_alert 152 0.5

n attack|strike obj:CYBERMOD -> coercion 171 0.65 solo
n strike obj:LABORMOD -> protest 143 0.75 solo locactor
n strike pre:ON -> protest 143 0.7 locactor
n attack|strike obj:AIRMOD -> attack 195 0.8 solo
n airstrike|air-strike -> attack 195 0.8 solo
n attack -> attack 190 0.7 solo
n strike -> attack 190 0.55 solo
n bombing -> attack 190 0.75 solo
n shelling|bombardment -> attack 194 0.75 solo
n invasion -> attack 192 0.75 solo
n incursion -> attack 192 0.65 solo
n offensive|assault|raid|ambush -> attack 190 0.65 solo
n occupation -> attack 192 0.5
n killing -> attack 190 0.5
n blockade -> attack 191 0.7 solo
n clash -> armed_clash 190 0.75 solo
n fighting|firefight|gunfight|skirmish -> armed_clash 190 0.65 solo
n battle -> armed_clash 190 0.55 solo
n hostilities -> armed_clash 190 0.5

n arrest -> coercion 173 0.6 solo for
n detention -> coercion 173 0.5
n deportation -> coercion 174 0.6 solo
n expulsion obj:DIPLOMAT -> diplomatic_downgrade 161 0.65 solo
n expulsion -> coercion 174 0.55 solo
n crackdown -> coercion 175 0.7 solo
n ban|bans pre:VISA -> sanctions_imposed 163 0.65
n ban|bans|embargo obj:EXPORT -> sanctions_imposed 163 0.7 from to
n curfew|ban|lockdown -> coercion 172 0.65
n state obj:RESTRICTION -> coercion 172 0.7
n law obj:RESTRICTION -> coercion 172 0.7
n threat -> threat 130 0.6
n ultimatum -> threat 139 0.8
n warning -> threat 130 0.45

n sanction|embargo|tariff -> sanctions_imposed 163 0.8
n suspension obj:AID|MONEY -> sanctions_imposed 162 0.6
n suspension -> diplomatic_downgrade 160 0.6

n protest -> protest 140 0.7 solo locactor
n demonstration|rally|sit-in|march -> protest 141 0.65 solo locactor
n riot|rioting -> protest 145 0.6 solo locactor
n boycott -> protest 143 0.6

n concern -> criticism 111 0.7
n condemnation|criticism|complaint|protest -> criticism 111 0.55
n accusation|allegation -> accusation 112 0.5
n investigation|probe|inquiry|enquiry -> investigation 090 0.7
n demand|appeal|request -> demand 100 0.5
n rejection -> rejection 120 0.5
n veto -> rejection 129 0.6

n support all:MILMOD -> military_aid 072 0.6
n support all:ECONMOD -> economic_aid 071 0.55
n support|praise|backing -> diplomatic_support 051 0.5
n recognition -> diplomatic_support 054 0.55
n apology -> diplomatic_support 055 0.7

n talks -> meeting 040 0.7 solo sym
n talk pre:FOR -> meeting 040 0.55 solo sym
n negotiation -> meeting 046 0.6 solo sym
n meeting|summit -> meeting 040 0.6 sym
n visit -> meeting 042 0.7 solo
n mediation -> meeting 045 0.6

n agreement|deal|memorandum|mou -> agreement 057 0.55 sym
n ratification -> treaty_ratified 057 0.6 solo
n signing obj:TREATY -> treaty_signed 057 0.55 solo sym
n imposition obj:SANCTION -> sanctions_imposed 163 0.6 solo
n annexation -> attack 192 0.5 solo
n ceasefire|cease-fire|truce -> agreement 057 0.55 sym

n aid|assistance|help|support|package|supply|supplies obj:WEAPONS -> military_aid 072 0.6
n aid|assistance|package|help|support all:MILMOD -> military_aid 072 0.6
n aid|assistance|package|help all:ECONMOD -> economic_aid 071 0.6
n aid|assistance|relief|supplies|help|package -> humanitarian_aid 073 0.6
n delivery|shipment|transfer|sale obj:WEAPONS -> military_aid 072 0.6 solo
n loan|grant|credit -> economic_aid 071 0.6
n donation -> humanitarian_aid 073 0.55
n asylum -> humanitarian_aid 075 0.6
n intelligence -> military_cooperation 064 0.6
n training obj:JOINTMOD|MILMOD -> military_cooperation 062 0.55
n cooperation obj:MILMOD -> military_cooperation 062 0.5
n cooperation obj:ECONMOD -> economic_cooperation 061 0.5
n investment -> economic_cooperation 061 0.5
n venture|project obj:JOINTMOD -> economic_cooperation 061 0.5

n withdrawal|pullout|pull-out -> withdrawal 087 0.6 solo ofagent
n retreat -> withdrawal 087 0.5
n release obj:PRISONER|PEOPLE -> withdrawal 084 0.6
n concession -> concession 080 0.55
n amnesty|pardon -> concession 080 0.6
n access obj:HUMAN -> withdrawal 086 0.55
";

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
