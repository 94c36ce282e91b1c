//! `explain` tells, for every trigger, its rule, its roles with the dependency path from
//! the trigger to each, and what became of it — without changing what is extracted.

use geoevents_domain::{ArticleBody, ArticleInput};

fn input(text: &str) -> ArticleInput {
    ArticleInput {
        url: None,
        title: None,
        published_at: "2024-10-23T12:00:00Z".parse().ok(),
        source: None,
        body: ArticleBody::Text(text.into()),
    }
}

#[test]
fn every_trigger_is_noted_with_its_roles_paths_and_outcome() {
    let text = "Peru closed its embassy and expelled two Chilean diplomats on Monday.\n\n\
                Reporters asked whether Bolivia would recall its envoy from Lima.";
    let (extraction, candidates) = geoevents_extract::explain(&input(text));

    let expelled = candidates.iter().find(|c| c.word == "expelled").expect("the expulsion is noted");
    assert_eq!(expelled.actors.first().map(|a| a.code.as_str()), Some("PER"));
    let actor_path = &expelled.actors[0].path;
    assert!(
        actor_path.contains("↑conj") && actor_path.ends_with("↓nsubj Peru (borrowed from another clause)"),
        "{actor_path}"
    );
    assert_eq!(expelled.target.as_ref().map(|t| t.code.as_str()), Some("CHL"));
    assert!(expelled.target.as_ref().is_some_and(|t| t.path.contains("↓obj")), "{expelled:?}");
    assert!(
        expelled.outcomes.iter().any(|o| o.starts_with("kept: diplomatic_downgrade PER -> CHL")),
        "{expelled:?}"
    );
    assert!(expelled.rule.is_some() && !expelled.tree.is_empty());

    let recall = candidates.iter().find(|c| c.word == "recall").expect("the question is noted");
    assert!(recall.outcomes.iter().any(|o| o.starts_with("dropped (event_in_question)")), "{recall:?}");

    let text_out = geoevents_extract::explain_text(&extraction.article.text, &candidates);
    assert!(text_out.contains("trigger 'expelled'") && text_out.contains("tree: "), "{text_out}");
}

#[test]
fn explaining_changes_nothing_that_is_extracted() {
    let articles = [
        "Peru closed its embassy and expelled two Chilean diplomats on Monday.",
        "Chile and Argentina signed a fisheries agreement on Tuesday, officials said. \
         Bolivia may join the talks next year, its foreign minister said.",
        "The convoy was attacked by rebels near the border with Colombia on Sunday.",
    ];
    for text in articles {
        let plain = geoevents_extract::extract(&input(text));
        let (explained, candidates) = geoevents_extract::explain(&input(text));
        assert_eq!(plain.events, explained.events, "{text}");
        assert_eq!(plain.diagnostics, explained.diagnostics, "{text}");
        assert!(!candidates.is_empty(), "{text}");
        assert!(
            candidates.iter().all(|c| !c.outcomes.is_empty()),
            "an unexplained candidate in {text}: {candidates:?}"
        );
    }
}
