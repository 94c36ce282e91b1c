//! Bounded work, each bound pushed just past: extraction slots (a burst waits briefly, then
//! 503 with `Retry-After`, while queries go on), NDJSON line count, article length.

use std::time::Duration;

use geoevents_api::ApiConfig;
use geoevents_domain::{Diagnostic, ExtractedEvent, NormalizedArticle};
use serde_json::{Value, json};

use crate::harness::{TestApp, exchange, open_writes};

/// The real event stage, slowed down by a second and a half for articles with the marker.
fn slow_on_marker(article: &NormalizedArticle) -> (Vec<ExtractedEvent>, Vec<Diagnostic>) {
    if article.text.contains("Slowmarker") {
        std::thread::sleep(Duration::from_millis(1500));
    }
    geoevents_extract::extract_events(article)
}

#[tokio::test]
async fn a_burst_past_the_extraction_slots_gets_503_with_retry_after_while_queries_answer() {
    let config =
        ApiConfig { extraction_slots: 1, extraction_wait: Duration::from_millis(200), ..open_writes() };
    let app = TestApp::spawn_with_stage(config, slow_on_marker).await;
    let post = |i: u32| {
        let request = app.client.post(format!("{}/v1/articles", app.base)).json(&json!({
            "url": format!("https://wire.example/slow-{i}"),
            "text": format!("Chile imposed sanctions on Peru on May {i}, 2025. Slowmarker."),
        }));
        exchange(request)
    };
    let first = tokio::spawn(post(1));
    tokio::time::sleep(Duration::from_millis(300)).await;
    // The slot is taken: the next waits 200 ms, then is told to come back.
    let second = post(2).await;
    assert_eq!(second.status, 503, "{}", second.text);
    assert!(second.headers.contains_key("retry-after"));
    let problem: Value = serde_json::from_str(&second.text).expect("problem");
    assert!(problem["detail"].as_str().is_some_and(|d| d.contains("extraction slot")), "{problem}");
    let extract =
        exchange(app.client.post(format!("{}/v1/extract", app.base)).json(&json!({"text": "Slowmarker."})))
            .await;
    assert_eq!(extract.status, 503);
    // Queries do not wait for extraction.
    let (status, _) = app.get("/v1/events").await;
    assert_eq!(status, 200);
    assert_eq!(first.await.expect("first").status, 201);
    // Free again, the slot takes the next.
    assert_eq!(post(3).await.status, 201);
    let (_, articles) = app.get("/v1/articles").await;
    assert_eq!(articles["articles"].as_array().map(Vec::len), Some(2), "the refused article was not stored");
}

#[tokio::test]
async fn a_batch_past_its_line_count_ends_with_a_413_line_and_a_text_past_its_length_is_refused() {
    let config = ApiConfig { max_ndjson_lines: 3, max_article_chars: 200, ..open_writes() };
    let app = TestApp::spawn_with(config).await;
    let lines: String = (1..=5)
        .map(|i| format!("{}\n", json!({"url": format!("https://wire.example/b-{i}"), "text": format!("Kenya deployed troops to Somalia on May {i}, 2025.")})))
        .collect();
    let response = exchange(
        app.client
            .post(format!("{}/v1/articles", app.base))
            .header("content-type", "application/x-ndjson")
            .body(lines),
    )
    .await;
    assert_eq!(response.status, 200);
    let results: Vec<Value> =
        response.text.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    assert_eq!(results.len(), 4, "{}", response.text);
    assert!(results[..3].iter().all(|r| r["error"].is_null()), "{}", response.text);
    assert_eq!(results[3]["line"], 4);
    assert_eq!(results[3]["error"]["status"], 413, "{}", response.text);
    let (_, articles) = app.get("/v1/articles").await;
    assert_eq!(articles["articles"].as_array().map(Vec::len), Some(3));

    let long = "Kenya deployed troops to Somalia. ".repeat(7);
    let (status, problem) = app.post_json("/v1/articles", &json!({"text": long})).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "text");
    assert!(problem["detail"].as_str().is_some_and(|d| d.contains("200 characters")), "{problem}");
    let (status, _) = app.post_json("/v1/extract", &json!({"text": long})).await;
    assert_eq!(status, 422);
    let (status, _) = app.post_json("/v1/articles", &json!({"text": long[..190].to_owned()})).await;
    assert_eq!(status, 201, "just under the bound");
}

/// Writes `head` (and `body`) on a raw connection and reads whatever comes back until the
/// server closes it, or `None` if it is still open after `wait`.
async fn raw_exchange(app: &TestApp, head: &str, body: &[u8], wait: Duration) -> Option<String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.expect("connect");
    stream.write_all(head.as_bytes()).await.expect("write the head");
    stream.write_all(body).await.expect("write the body");
    let mut answer = Vec::new();
    tokio::time::timeout(wait, stream.read_to_end(&mut answer)).await.ok()?.ok()?;
    Some(String::from_utf8_lossy(&answer).into_owned())
}

#[tokio::test]
async fn slow_clients_are_cut_off_a_head_by_closing_and_a_body_with_a_408() {
    let config = ApiConfig {
        header_read_timeout: Duration::from_secs(1),
        body_read_timeout: Duration::from_secs(1),
        ..open_writes()
    };
    let app = TestApp::spawn_with(config).await;

    // A head that never ends: the connection is closed, not held.
    let half_head = "GET /v1/events HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";
    let answer = raw_exchange(&app, half_head, b"", Duration::from_secs(10)).await;
    let answer = answer.expect("the server closed the connection of a client that never finished its head");
    assert!(!answer.contains("200 OK"), "{answer}");

    // A body that stops arriving: a 408 problem.
    let head = "POST /v1/articles HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
                Content-Length: 200\r\nConnection: close\r\n\r\n";
    let answer = raw_exchange(&app, head, b"{\"text\": \"Chile imposed", Duration::from_secs(10)).await;
    let answer = answer.expect("an answer to a stalled body");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.to_ascii_lowercase().contains("content-type: application/problem+json"), "{answer}");
    assert!(answer.contains("did not arrive within 1 s"), "{answer}");
    let (_, articles) = app.get("/v1/articles").await;
    assert_eq!(articles["articles"].as_array().map(Vec::len), Some(0));
}
