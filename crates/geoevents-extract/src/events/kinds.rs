//! What the pipeline needs to know of each event kind beyond its trigger words, read from
//! data files compiled into the crate: where its target stands after the trigger
//! (`data/lexicon/target_slots.txt`) and the verb phrase its one-line summary uses
//! (`data/lexicon/summaries.txt`). A new kind needs a line in each, beside its ontology
//! entry and its trigger rules. Also here: the CAMEO code a control verb gives the act it
//! governs (`data/lexicon/control_codes.txt`: a threat to attack, a refusal to meet).

use std::collections::HashMap;
use std::sync::LazyLock;

use geoevents_domain::{Cameo, Kind};

use super::lexicon::{Classes, class_bit};

const TARGET_SLOTS: &str = include_str!("../../data/lexicon/target_slots.txt");
const SUMMARIES: &str = include_str!("../../data/lexicon/summaries.txt");
const CONTROL_CODES: &str = include_str!("../../data/lexicon/control_codes.txt");

/// What a control verb makes of the act it governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// "threatened to attack": CAMEO 13x.
    Threat,
    /// "promised to send aid": CAMEO 03x.
    Intent,
    /// "refused to meet": CAMEO 12x.
    Rejection,
    /// "demanded a withdrawal": CAMEO 10x.
    Demand,
}

impl Act {
    const NAMES: [(&'static str, Act, u8); 4] = [
        ("threat", Act::Threat, 13),
        ("intent", Act::Intent, 3),
        ("rejection", Act::Rejection, 12),
        ("demand", Act::Demand, 10),
    ];
}

/// One line of `control_codes.txt`: the code of `act` over a governed kind (optionally
/// coded `only`); `kind: None` is the act's `*` line.
struct ActCode {
    act: Act,
    kind: Option<Kind>,
    only: Option<Cameo>,
    code: Cameo,
}

/// Where a kind's target stands after its trigger.
#[derive(Debug, Default)]
pub struct TargetSlots {
    /// The direct object of a verb trigger is the target ("attacked X").
    pub object: bool,
    /// The object of a noun trigger is the target too ("the withdrawal of X").
    pub noun_object: bool,
    /// Prepositions that introduce the target ("sanctions on X").
    pub prepositions: Vec<&'static str>,
}

/// The verb phrase of a summary: "sent" / "send", "troops", "to".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    /// Past tense, for asserted and claimed events.
    pub past: &'static str,
    /// Base form, after "plans to", "could", "did not".
    pub base: &'static str,
    /// The object after the verb; empty for none.
    pub object: &'static str,
    /// The preposition before the target; empty for a direct object.
    pub preposition: &'static str,
}

const FALLBACK: Phrase = Phrase { past: "acted", base: "act", object: "", preposition: "toward" };

struct KindData {
    slots: Vec<TargetSlots>,
    /// By kind, then by CAMEO code (`None` for the kind's default).
    phrases: HashMap<(Kind, Option<Cameo>), Phrase>,
    act_codes: Vec<ActCode>,
    /// Promises by the classes of their object, in file order.
    intent_objects: Vec<(Classes, Cameo)>,
    errors: Vec<String>,
}

static DATA: LazyLock<KindData> = LazyLock::new(KindData::load);

/// Where the target of `kind` stands.
pub fn target_slots(kind: Kind) -> &'static TargetSlots {
    &DATA.slots[kind as usize]
}

/// The summary phrase for `kind` coded `cameo`: the code's own line, else the kind's.
pub fn phrase(kind: Kind, cameo: Cameo) -> Phrase {
    DATA.phrases
        .get(&(kind, Some(cameo)))
        .or_else(|| DATA.phrases.get(&(kind, None)))
        .copied()
        .unwrap_or(FALLBACK)
}

/// The code of the event `act` makes of a governed act of `inner` kind and code (`None`:
/// no event is governed): the first line of `control_codes.txt` that takes it.
pub fn act_code(act: Act, inner: Option<(Kind, Option<Cameo>)>) -> Cameo {
    let takes = |line: &&ActCode| {
        line.act == act
            && match (line.kind, inner) {
                (None, _) => true,
                (Some(kind), Some((k, code))) => kind == k && line.only.is_none_or(|only| code == Some(only)),
                (Some(_), None) => false,
            }
    };
    DATA.act_codes.iter().find(takes).map_or(FALLBACK_CODE, |line| line.code)
}

/// The code of a promise whose object names no event, by the classes of the words after
/// the verb; the `*` intent line's code when none matches.
pub fn intent_code_by_object(has: impl Fn(Classes) -> bool) -> Cameo {
    DATA.intent_objects
        .iter()
        .find(|(bits, _)| has(*bits))
        .map_or_else(|| act_code(Act::Intent, None), |&(_, c)| c)
}

/// Only reached if the data lost a `*` line, which the load reports as an error.
const FALLBACK_CODE: Cameo = Cameo::of("010");

/// Lines of the data files that did not parse, and kinds they leave out (empty for the
/// shipped data; a test checks).
pub fn errors() -> &'static [String] {
    &DATA.errors
}

/// The `name = value` lines of a data file, skipping comments and `e.g.` lines.
fn lines(text: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("e.g."))
        .map(|l| l.split_once(" = ").unwrap_or((l, "")))
}

impl KindData {
    fn load() -> Self {
        let mut data = KindData {
            slots: Kind::ALL.iter().map(|_| TargetSlots::default()).collect(),
            phrases: HashMap::new(),
            act_codes: Vec::new(),
            intent_objects: Vec::new(),
            errors: Vec::new(),
        };
        let mut has_slots = vec![false; Kind::ALL.len()];
        for (name, value) in lines(TARGET_SLOTS) {
            let Ok(kind) = name.parse::<Kind>() else {
                data.errors.push(format!("target_slots.txt: unknown kind {name}"));
                continue;
            };
            let slots = &mut data.slots[kind as usize];
            has_slots[kind as usize] = true;
            for word in value.split_whitespace() {
                match word {
                    "OBJECT" => slots.object = true,
                    "NOUN" => slots.noun_object = true,
                    w if w.chars().all(|c| c.is_ascii_lowercase()) => slots.prepositions.push(w),
                    w => data.errors.push(format!("target_slots.txt: {name}: bad slot {w}")),
                }
            }
        }
        for (name, value) in lines(SUMMARIES) {
            if let Err(e) = data.add_phrase(name, value) {
                data.errors.push(format!("summaries.txt: {name}: {e}"));
            }
        }
        for (name, value) in lines(CONTROL_CODES) {
            if let Err(e) = data.add_act_code(name, value) {
                data.errors.push(format!("control_codes.txt: {name}: {e}"));
            }
        }
        for (name, act, _) in Act::NAMES {
            if !data.act_codes.iter().any(|l| l.act == act && l.kind.is_none()) {
                data.errors.push(format!("control_codes.txt: no `*` line for {name}"));
            }
        }
        for (i, kind) in Kind::ALL.iter().enumerate() {
            if !has_slots[i] {
                data.errors.push(format!("target_slots.txt: no line for {kind}"));
            }
            if !data.phrases.contains_key(&(*kind, None)) {
                data.errors.push(format!("summaries.txt: no default line for {kind}"));
            }
        }
        data
    }

    fn add_act_code(&mut self, name: &str, value: &'static str) -> Result<(), String> {
        let (act_name, code) = name.split_once(' ').ok_or("expected `ACT CODE`")?;
        let code: Cameo = code.parse().map_err(|e| format!("{e}"))?;
        if act_name == "intent-object" {
            for class in value.split_whitespace() {
                let bits = class_bit(class).ok_or_else(|| format!("unknown class {class}"))?;
                self.intent_objects.push((bits, code));
            }
            return Ok(());
        }
        let &(_, act, root) = Act::NAMES
            .iter()
            .find(|(n, _, _)| *n == act_name)
            .ok_or_else(|| format!("unknown act {act_name}"))?;
        if code.root() != root {
            return Err(format!("{code} is not under CAMEO root {root:02}"));
        }
        if self.act_codes.iter().any(|l| l.act == act && l.kind.is_none()) {
            return Err("a line after the `*` line is never reached".into());
        }
        for word in value.split_whitespace() {
            if word == "*" {
                self.act_codes.push(ActCode { act, kind: None, only: None, code });
                continue;
            }
            let (kind, only) = match word.split_once('/') {
                Some((kind, only)) => (kind, Some(only.parse::<Cameo>().map_err(|e| format!("{e}"))?)),
                None => (word, None),
            };
            let kind: Kind = kind.parse().map_err(|e| format!("{e}"))?;
            self.act_codes.push(ActCode { act, kind: Some(kind), only, code });
        }
        Ok(())
    }

    fn add_phrase(&mut self, name: &str, value: &'static str) -> Result<(), String> {
        let (kind, code) = name.split_once(' ').ok_or("expected `kind code`")?;
        let kind: Kind = kind.parse().map_err(|e| format!("{e}"))?;
        let code = match code {
            "*" => None,
            code => {
                let code: Cameo = code.parse().map_err(|e| format!("{e}"))?;
                if !kind.accepts_cameo(code) {
                    return Err(format!("{code} is not a code of {kind}"));
                }
                Some(code)
            }
        };
        let empty = |field: &'static str| if field == "-" { "" } else { field };
        let fields: Vec<&'static str> = value.split('|').map(str::trim).collect();
        let [past, base, object, preposition] = fields[..] else {
            return Err("expected `past | base | object | preposition`".into());
        };
        let phrase = Phrase { past, base, object: empty(object), preposition: empty(preposition) };
        if self.phrases.insert((kind, code), phrase).is_some() {
            return Err("defined twice".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_kind_data_loads_without_errors() {
        assert!(errors().is_empty(), "{:#?}", errors());
    }

    #[test]
    fn a_specific_code_has_its_own_phrase_and_others_fall_back_to_the_kind() {
        assert_eq!(phrase(Kind::Meeting, Cameo::of("042")).past, "visited");
        assert_eq!(phrase(Kind::Meeting, Cameo::of("046")).past, "met");
        assert_eq!(target_slots(Kind::Withdrawal).prepositions, ["from", "of"]);
        assert!(target_slots(Kind::Withdrawal).noun_object);
        assert!(!target_slots(Kind::Agreement).object);
    }
}
