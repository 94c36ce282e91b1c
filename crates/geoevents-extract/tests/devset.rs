//! Floors on the shared development set (`../shared/devset/`, read in place: the data is
//! licensed and stays out of the repository). The CI machine has the folder; without it
//! these tests fail and say where they looked.
//!
//! Floors: the seed article at F1 >= 0.85 (the README's full match) with no forbidden
//! event; the PLOVER sentences at strict type + actors F1 >= 0.72 (every extracted event
//! that matches no gold event is a false positive, compound-actor splits included). Run
//! with `--nocapture` to see the full reports.

use std::path::PathBuf;

use geoevents_extract::eval::{evaluate_articles, evaluate_plover};

fn devset_file(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/devset");
    let path = dir.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => panic!(
            "the development set is missing: could not read {} ({e}); check out the shared folder next to the repository",
            path.display()
        ),
    }
}

#[test]
fn the_seed_article_scores_at_least_the_floor_with_no_forbidden_event() {
    let report = evaluate_articles(&devset_file("articles.jsonl")).expect("articles.jsonl parses");
    println!("{report}");
    assert!(report.forbidden.is_empty(), "forbidden events: {:?}", report.forbidden);
    assert!(report.full.f1() >= 0.85, "seed F1 {:.3} is below the 0.85 floor\n{report}", report.full.f1());
}

#[test]
fn plover_sentences_score_at_least_the_floor_on_type_and_actors() {
    let report = evaluate_plover(&devset_file("plover-dev.jsonl")).expect("plover-dev.jsonl parses");
    println!("{report}");
    assert!(
        report.type_actors.f1() >= 0.72,
        "PLOVER strict type + actors F1 {:.3} is below the 0.72 floor\n{report}",
        report.type_actors.f1()
    );
}
