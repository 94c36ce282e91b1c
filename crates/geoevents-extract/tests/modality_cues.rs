//! Every group of the cue files in `data/lexicon/` (modality, control, role, event, trigger
//! and phrase cues) carries an example sentence of our own and what it must give; extracting
//! the example must give it. For the modality groups up to OPTION and the control groups
//! COMMITMENT and CAPTIVITY, emptying any group but the two the data file marks as redundant
//! (CLAIMING, TO_LINK) was checked to make these tests fail; the later groups' examples show
//! each group at work without that check.

mod common;

use common::{describe, examples, extract_on, matches};
use geoevents_domain::ExtractedEvent;

/// Extracts every example of a cue file and checks it against its expectation.
fn check(text: &'static str, groups: usize, gives: impl Fn(&str, &ExtractedEvent) -> bool) {
    let checked = examples(text);
    for (name, want, sentence) in &checked {
        let events = extract_on(sentence, Some((2024, 10, 23)));
        // `none`: the group is there so that the sentence gives no event.
        let given = if *want == "none" { events.is_empty() } else { events.iter().any(|e| gives(want, e)) };
        assert!(
            given,
            "{name}: {sentence:?} should give {want}, gave {:?}",
            events.iter().map(describe).collect::<Vec<_>>()
        );
    }
    assert_eq!(checked.len(), groups, "{checked:?}");
}

#[test]
fn every_control_cue_group_gives_its_example_the_event_it_names() {
    check(include_str!("../data/lexicon/control_cues.txt"), 18, matches);
}

#[test]
fn every_role_cue_group_gives_its_example_the_event_it_names() {
    check(include_str!("../data/lexicon/role_cues.txt"), 31, matches);
}

#[test]
fn every_event_cue_group_gives_its_example_the_event_it_names() {
    check(include_str!("../data/lexicon/event_cues.txt"), 12, matches);
}

#[test]
fn every_trigger_cue_group_gives_its_example_the_event_it_names() {
    check(include_str!("../data/lexicon/trigger_cues.txt"), 17, matches);
}

#[test]
fn every_phrase_cue_group_gives_its_example_the_event_it_names() {
    check(include_str!("../data/lexicon/phrase_cues.txt"), 10, matches);
    check(include_str!("../data/lexicon/fixed_phrases.txt"), 5, matches);
}

#[test]
fn every_word_class_and_function_word_group_gives_its_example_the_event_it_names() {
    check(include_str!("../data/lexicon/classes.txt"), 75, matches);
    check(include_str!("../data/lexicon/function_words.txt"), 22, matches);
}

/// Each sector of `agent_nouns.txt` names a sentence whose first event's actor, a phrase
/// headed by one of the sector's nouns, acts in that sector.
#[test]
fn every_agent_noun_sector_gives_its_example_actor_that_sector() {
    let checked = examples(include_str!("../data/lexicon/agent_nouns.txt"));
    for (group, sector, sentence) in &checked {
        assert_eq!(group, sector, "the example names its own sector");
        let events = extract_on(sentence, Some((2024, 10, 23)));
        let first = events.first().and_then(|e| e.actor.as_ref()).and_then(|a| a.sector);
        assert_eq!(
            first.map(|s| s.as_str()),
            Some(*sector),
            "{sentence:?} gave {:?}",
            events.iter().map(describe).collect::<Vec<_>>()
        );
    }
    assert_eq!(checked.len(), 12, "{checked:?}");
}

#[test]
fn every_title_group_and_verb_class_gives_its_example_the_event_it_names() {
    check(include_str!("../data/lexicon/titles.txt"), 5, matches);
    check(include_str!("../data/lexicon/verb_classes.txt"), 11, matches);
}

#[test]
fn every_modality_cue_group_gives_its_example_the_modality_it_names() {
    check(include_str!("../data/lexicon/modality_cues.txt"), 17, |modality, e| {
        e.modality.as_str() == modality
    });
}
