//! `GET /metrics` speaks the Prometheus text format, and its counters move with the traffic.
//! The recorder is one per process, shared by every test app of this binary: the test reads
//! each counter before and after its own traffic and checks the difference.

use std::collections::HashMap;

use serde_json::json;

use crate::harness::{TestApp, exchange};

/// The samples of a scrape: `name{labels}` (labels as the exporter writes them) -> value.
async fn scrape(app: &TestApp) -> HashMap<String, f64> {
    let response = exchange(app.client.get(format!("{}/metrics", app.base))).await;
    assert_eq!(response.status, 200);
    let content_type = response.headers["content-type"].to_str().unwrap_or_default().to_owned();
    assert!(content_type.starts_with("text/plain; version=0.0.4"), "{content_type}");
    response
        .text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (name, value) = l.rsplit_once(' ')?;
            Some((name.to_owned(), value.parse().ok()?))
        })
        .collect()
}

/// The sum of every sample whose name is `metric` and whose labels include all of `labels`.
fn total(samples: &HashMap<String, f64>, metric: &str, labels: &[&str]) -> f64 {
    samples
        .iter()
        .filter(|(name, _)| {
            name.split('{').next() == Some(metric) && labels.iter().all(|label| name.contains(label))
        })
        .map(|(_, value)| value)
        .sum()
}

#[tokio::test]
async fn counters_move_with_ingests_requests_and_errors() {
    let app = TestApp::spawn().await;
    let before = scrape(&app).await;
    let article = json!({
        "url": "https://metrics.example/1",
        "published_at": "2024-10-23",
        "text": "Peru sent 3,000 troops to Bolivia on Monday, officials said."
    });

    let (stored, _) = app.post_json("/v1/articles", &article).await;
    let (duplicate, _) = app.post_json("/v1/articles", &article).await;
    let (rejected, _) = app.post_json("/v1/articles", &json!({"text": "   "})).await;
    let (missing, _) = app.get("/v1/nowhere").await;
    let (listed, _) = app.get("/v1/events?kind=troop_deployment").await;
    assert_eq!((stored, duplicate, rejected, missing, listed), (201, 200, 422, 404, 200));
    let after = scrape(&app).await;

    let moved =
        |metric: &str, labels: &[&str]| total(&after, metric, labels) - total(&before, metric, labels);
    assert!(moved("geoevents_articles_ingested_total", &["outcome=\"stored\""]) >= 1.0);
    assert!(moved("geoevents_articles_ingested_total", &["outcome=\"duplicate\""]) >= 1.0);
    assert!(moved("geoevents_articles_ingested_total", &["outcome=\"rejected\""]) >= 1.0);
    assert!(moved("geoevents_events_extracted_total", &["kind=\"troop_deployment\""]) >= 1.0);
    assert!(moved("geoevents_extraction_seconds_count", &[]) >= 2.0);
    assert!(
        moved(
            "geoevents_http_requests_total",
            &["route=\"/v1/articles\"", "status=\"201\"", "method=\"POST\""]
        ) >= 1.0
    );
    assert!(moved("geoevents_http_requests_total", &["route=\"/v1/articles\"", "status=\"422\""]) >= 1.0);
    assert!(moved("geoevents_http_requests_total", &["route=\"unmatched\"", "status=\"404\""]) >= 1.0);
    assert!(moved("geoevents_http_request_duration_seconds_count", &["route=\"/v1/events\""]) >= 1.0);
    assert!(total(&after, "geoevents_db_pool_connections", &[]) >= 1.0);
    assert!(after.keys().any(|k| k.starts_with("geoevents_http_requests_in_flight")));
}
