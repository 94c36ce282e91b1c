//! What the pipeline needs to know of each event kind beyond its trigger words, read from
//! data files compiled into the crate: where its target stands after the trigger
//! (`data/lexicon/target_slots.txt`) and the verb phrase its one-line summary uses
//! (`data/lexicon/summaries.txt`). A new kind needs a line in each, beside its ontology
//! entry and its trigger rules.

use std::collections::HashMap;
use std::sync::LazyLock;

use geoevents_domain::{Cameo, Kind};

const TARGET_SLOTS: &str = include_str!("../../data/lexicon/target_slots.txt");
const SUMMARIES: &str = include_str!("../../data/lexicon/summaries.txt");

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

/// Lines of the two files that did not parse, and kinds they leave out (empty for the
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
