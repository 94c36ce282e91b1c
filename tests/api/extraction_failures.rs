//! An extractor failure never loses an article: with an event stage that fails on a marker
//! word, the article is stored without events (201, a warning, a diagnostic, a count on
//! `/healthz`), an NDJSON batch carries on past it, and re-extraction with a working stage
//! later gives it its events.

use geoevents_api::{AppState, ReextractScope};
use geoevents_domain::{Diagnostic, ExtractedEvent, NormalizedArticle};
use serde_json::{Value, json};

use crate::harness::{TestApp, open_writes};

/// The real event stage, except that it fails on any article mentioning the marker.
fn fails_on_marker(article: &NormalizedArticle) -> (Vec<ExtractedEvent>, Vec<Diagnostic>) {
    assert!(!article.text.contains("Zanzibar-marker"), "the event stage failed on the marker");
    geoevents_extract::extract_events(article)
}

const FAILING: &str = "Iran seized a British tanker in the Strait of Hormuz on Friday, the navy said. \
                       Zanzibar-marker.";

fn codes(article: &Value) -> Vec<String> {
    article["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn an_article_whose_extraction_fails_is_stored_without_events_and_filled_later() {
    let app = TestApp::spawn_with_stage(open_writes(), fails_on_marker).await;

    let (status, article) = app
        .post_json(
            "/v1/articles",
            &json!({"url": "https://wire.example/tanker", "published_at": "2024-04-12", "text": FAILING}),
        )
        .await;
    assert_eq!(status, 201, "{article}");
    assert_eq!(article["warnings"][0]["code"], "extraction_failed", "{article}");
    assert_eq!(article["events"], json!([]));
    assert!(codes(&article).contains(&"extraction_failed".to_owned()));
    let detail = article["warnings"][0]["detail"].as_str().unwrap_or_default();
    assert!(!detail.contains("marker") && !detail.contains(".rs"), "no internals reach the client: {detail}");
    let id = article["id"].as_str().expect("an id").to_owned();
    let (status, stored) = app.get(&format!("/v1/articles/{id}")).await;
    assert_eq!(status, 200);
    assert!(stored["text"].as_str().is_some_and(|t| t.contains("Strait of Hormuz")));

    // A batch goes on past the failing line; every line is stored.
    let batch = [
        json!({"url": "https://wire.example/b1", "published_at": "2024-10-15", "text": "Russia expelled two Estonian diplomats on Tuesday."}),
        json!({"url": "https://wire.example/b2", "published_at": "2024-10-16", "text": format!("China held military drills around Taiwan on Wednesday. {FAILING}")}),
        json!({"url": "https://wire.example/b3", "published_at": "2024-06-03", "text": "Germany sent 40 Patriot missiles to Ukraine on Monday."}),
    ]
    .iter()
    .map(|line| format!("{line}\n"))
    .collect::<String>();
    let (status, body) = app.post_raw("/v1/articles", "application/x-ndjson", batch).await;
    assert_eq!(status, 200);
    let lines: Vec<Value> = body
        .as_str()
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 3, "{body}");
    assert!(lines.iter().all(|l| l["status"] == 201), "{body}");
    assert_eq!(lines[1]["warnings"][0]["code"], "extraction_failed");
    assert!(lines[0]["event_ids"].as_array().is_some_and(|e| !e.is_empty()), "{body}");
    assert!(lines[2]["event_ids"].as_array().is_some_and(|e| !e.is_empty()), "{body}");

    let (_, health) = app.get("/healthz").await;
    assert_eq!(health["extraction_failures"], 2, "{health}");

    // The same extractor version would fail the same way: a start-up run leaves them be.
    let working = AppState::new(app.store.clone(), Default::default());
    let report =
        geoevents_api::reextract_failed(&working, ReextractScope::OtherVersions).await.expect("runs");
    assert_eq!(report.examined, 0);
    // Asked to, a working extractor fills both.
    let report = geoevents_api::reextract_failed(&working, ReextractScope::All).await.expect("runs");
    assert_eq!((report.examined, report.filled, report.failed_again), (2, 2, 0), "{report:?}");
    assert!(report.events >= 2, "{report:?}");
    let (_, filled) = app.get(&format!("/v1/articles/{id}")).await;
    assert!(!codes(&filled).contains(&"extraction_failed".to_owned()), "{filled}");
    let events = filled["events"].as_array().expect("events");
    assert!(events.iter().any(|e| e["kind"] == "coercion" || e["actor"]["code"] == "IRN"), "{filled}");
    let again = geoevents_api::reextract_failed(&working, ReextractScope::All).await.expect("runs");
    assert_eq!(again.examined, 0, "nothing is left marked");

    // Still failing: the article stays marked and the failure is counted again.
    let failing =
        AppState { event_stage: fails_on_marker, ..AppState::new(app.store.clone(), Default::default()) };
    let (status, _) = app
        .post_json(
            "/v1/articles",
            &json!({"url": "https://wire.example/c", "text": format!("Talks resumed. {FAILING}")}),
        )
        .await;
    assert_eq!(status, 201);
    let report = geoevents_api::reextract_failed(&failing, ReextractScope::All).await.expect("runs");
    assert_eq!((report.examined, report.filled, report.failed_again), (1, 0, 1), "{report:?}");
}
