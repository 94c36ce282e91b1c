//! Every kind's target slots (`data/lexicon/target_slots.txt`) carry an example sentence of
//! our own and the event it must give; extracting the example must give it, target included.

mod common;

use common::{describe, examples, extract_on, matches};
use geoevents_domain::Kind;

#[test]
fn every_kind_finds_its_example_target_where_its_slots_say() {
    let checked = examples(include_str!("../data/lexicon/target_slots.txt"));
    for (kind, want, sentence) in &checked {
        assert!(want.starts_with(kind), "{kind}: the example must be of its own kind: {want}");
        let events = extract_on(sentence, Some((2024, 10, 23)));
        assert!(
            events.iter().any(|e| matches(want, e)),
            "{kind}: {sentence:?} should give {want}, gave {:?}",
            events.iter().map(describe).collect::<Vec<_>>()
        );
    }
    assert_eq!(checked.len(), Kind::ALL.len(), "one example per kind");
}

/// Every line of `control_codes.txt` carries an example: extracting it must give an event
/// coded as the line says.
#[test]
fn every_control_code_line_gives_its_example_the_code_it_names() {
    let checked = examples(include_str!("../data/lexicon/control_codes.txt"));
    for (line, code, sentence) in &checked {
        let events = extract_on(sentence, Some((2024, 10, 23)));
        assert!(
            events.iter().any(|e| e.cameo == *code),
            "{line}: {sentence:?} should give an event coded {code}, gave {:?}",
            events.iter().map(|e| format!("{} {}", describe(e), e.cameo)).collect::<Vec<_>>()
        );
    }
    assert_eq!(checked.len(), 25, "{checked:?}");
}
