//! Every candidate event the extractor drops is counted in the diagnostics under its
//! reason: a client can see how much of an article was read and set aside, and why.

use geoevents_domain::{ArticleBody, ArticleInput, Diagnostic};

fn diagnostics(text: &str) -> Vec<Diagnostic> {
    let input = ArticleInput {
        url: None,
        title: None,
        published_at: "2024-10-23T12:00:00Z".parse().ok(),
        source: None,
        body: ArticleBody::Text(text.into()),
    };
    geoevents_extract::extract(&input).diagnostics
}

fn count(diagnostics: &[Diagnostic], code: &str) -> Option<usize> {
    let d = diagnostics.iter().find(|d| d.code == code)?;
    d.message.split_whitespace().next()?.parse().ok()
}

#[test]
fn each_reason_for_dropping_a_candidate_has_its_own_count() {
    let cases = [
        ("Reporters asked whether Peru would expel the Chilean ambassador.", "event_in_question"),
        ("Chile's foreign minister spoke to reporters in Santiago on Monday.", "meeting_with_press"),
        ("Peru's president visited a mountain monastery on Monday.", "visit_without_host"),
        ("Tourists from Brazil arrived in Lima on Tuesday.", "arrival_not_of_forces"),
        ("Argentina said it did not rule out new measures against the fishing fleet.", "rule_out_hedge"),
    ];
    for (sentence, code) in cases {
        let found = diagnostics(sentence);
        assert_eq!(count(&found, code), Some(1), "{sentence}: {found:?}");
    }
}

#[test]
fn counts_add_up_over_an_article() {
    let text = "Reporters asked whether Peru would expel the Chilean ambassador.\n\n\
                Journalists also asked whether Bolivia would recall its envoy from Lima.\n\n\
                Chile's foreign minister spoke to reporters in Santiago on Monday.";
    let found = diagnostics(text);
    assert_eq!(count(&found, "event_in_question"), Some(2), "{found:?}");
    assert_eq!(count(&found, "meeting_with_press"), Some(1), "{found:?}");
}
