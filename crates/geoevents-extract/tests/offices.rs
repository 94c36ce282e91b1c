//! A title of office resolves to the person who held the office on the event's date; a
//! person's name resolves to the name they go by in full.

mod common;

use common::{examples_of_lines, extract_on};

/// The person the first event's actor names.
fn person(sentence: &str, published: (i32, u32, u32)) -> Option<String> {
    extract_on(sentence, Some(published))
        .first()
        .and_then(|e| e.actor.as_ref())
        .and_then(|a| a.person.clone())
}

#[test]
fn every_office_title_gives_its_example_the_holder_it_names() {
    let checked = examples_of_lines(include_str!("../data/lexicon/offices.txt"));
    for (want, sentence) in &checked {
        assert_eq!(person(sentence, (2024, 10, 23)).as_deref(), Some(*want), "{sentence:?}");
    }
    assert_eq!(checked.len(), 9);
}

#[test]
fn a_title_names_the_holder_on_the_events_own_date() {
    let sentence = "The US president threatened Iran on Monday.";
    assert_eq!(person(sentence, (2019, 6, 5)).as_deref(), Some("Donald Trump"));
    assert_eq!(person(sentence, (2023, 6, 7)).as_deref(), Some("Joe Biden"));
    assert_eq!(person(sentence, (2025, 3, 5)).as_deref(), Some("Donald Trump"));
    // An event dated in its own words, reported later, is read on its own date.
    let dated = "The British prime minister visited Kyiv on October 1, 2022.";
    assert_eq!(person(dated, (2024, 10, 23)).as_deref(), Some("Liz Truss"));
    // A "vice president" is not the president.
    assert_eq!(
        person("The US vice president visited Manila on Monday.", (2023, 6, 7)).as_deref(),
        Some("Kamala Harris")
    );
}

#[test]
fn a_name_gives_the_full_name_and_a_phrase_without_title_or_name_gives_none() {
    assert_eq!(
        person("Macron visited Berlin on Monday.", (2024, 10, 23)).as_deref(),
        Some("Emmanuel Macron")
    );
    // A row of the people table that lists several people names each by their own name.
    let target = |sentence: &str| {
        extract_on(sentence, Some((2024, 10, 23)))
            .first()
            .and_then(|e| e.target.as_ref())
            .and_then(|a| a.person.clone())
    };
    assert_eq!(
        target("Venezuelan police detained María Corina Machado on Monday.").as_deref(),
        Some("María Corina Machado")
    );
    assert_eq!(person("The Kremlin condemned Ukraine on Monday.", (2024, 10, 23)), None);
    assert_eq!(person("Russian officials condemned Ukraine on Monday.", (2024, 10, 23)), None);
    // A day no row covers (between two holders, or before the table) names no one.
    assert_eq!(person("The South Korean president visited Tokyo on Monday.", (2025, 5, 14)), None);
}
