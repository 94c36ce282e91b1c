//! Every group of modality cues in `data/lexicon/modality_cues.txt` carries an example
//! sentence of our own and the modality it must give; extracting the example must give an
//! event with that modality. A cue moved, renamed or dropped from the data shows here.

mod common;

use common::{describe, extract_on};

#[test]
fn every_modality_cue_group_gives_its_example_the_modality_it_names() {
    let text = include_str!("../data/lexicon/modality_cues.txt");
    let mut group: Option<&str> = None;
    let mut checked = Vec::new();
    for line in text.lines() {
        if let Some((name, _)) = line.split_once(" = ").filter(|_| !line.starts_with([' ', '#'])) {
            assert!(group.is_none(), "cue group {group:?} has no e.g. line");
            group = Some(name);
            continue;
        }
        let Some(example) = line.strip_prefix("e.g. ") else { continue };
        let name = group.take().unwrap_or_else(|| panic!("an example with no cue group above it: {line}"));
        let (modality, sentence) =
            example.split_once(": ").unwrap_or_else(|| panic!("{name}: bad example {line}"));
        let events = extract_on(sentence, Some((2024, 10, 23)));
        assert!(
            events.iter().any(|e| e.modality.as_str() == modality),
            "{name}: {sentence:?} should give a {modality} event, gave {:?}",
            events.iter().map(describe).collect::<Vec<_>>()
        );
        checked.push(name);
    }
    assert!(group.is_none(), "cue group {group:?} has no e.g. line");
    assert_eq!(checked.len(), 12, "{checked:?}");
}
