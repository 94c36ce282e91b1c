//! Every log line of a request carries its request id, including the lines the NDJSON
//! ingest task logs after the handler has returned.

use std::io::Write;
use std::sync::{Arc, Mutex};

use serde_json::Value;

use crate::harness::TestApp;

/// A log sink shared with the test.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().map_err(|_| std::io::Error::other("poisoned"))?.extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn every_line_of_a_request_carries_its_id_the_ndjson_tasks_included() {
    if std::env::var_os("TEST_LOG").is_some() {
        return; // the harness logs to the terminal instead; this test needs the sink
    }
    let sink = Sink::default();
    let writer = sink.clone();
    tracing_subscriber::fmt()
        .json()
        .with_env_filter("info")
        .with_writer(move || writer.clone())
        .try_init()
        .expect("no other test of this binary installs a subscriber");
    let app = TestApp::spawn().await;
    let batch = concat!(
        r#"{"url": "https://logs.example/1", "published_at": "2024-10-23", "text": "Peru sent troops to Bolivia on Monday."}"#,
        "\n",
        r#"{"url": "https://logs.example/2", "published_at": "2024-10-23", "text": "Chile condemned Peru on Monday."}"#,
        "\n"
    );

    let response = app
        .client
        .post(format!("{}/v1/articles", app.base))
        .header("content-type", "application/x-ndjson")
        .header("x-request-id", "ndjson-batch-42")
        .body(batch)
        .send()
        .await
        .expect("response");
    assert_eq!(response.headers()["x-request-id"], "ndjson-batch-42");
    let results = response.text().await.expect("results");
    assert_eq!(results.lines().count(), 2, "{results}");

    let text = String::from_utf8(sink.0.lock().map(|b| b.clone()).unwrap_or_default()).unwrap_or_default();
    let lines: Vec<Value> = text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let of_request: Vec<&Value> =
        lines.iter().filter(|l| l["span"]["request.id"] == "ndjson-batch-42").collect();
    let stored = of_request.iter().filter(|l| l["fields"]["message"] == "article stored").count();
    assert_eq!(stored, 2, "the ingest task's lines carry the id: {of_request:#?}");
    let finished: Vec<&&Value> =
        of_request.iter().filter(|l| l["fields"]["message"] == "finished processing request").collect();
    assert_eq!(finished.len(), 1, "one closing line per request: {of_request:#?}");
    assert_eq!(finished[0]["span"]["http.route"], "/v1/articles");
    assert!(finished[0]["fields"]["status"].as_u64() == Some(200), "{:#?}", finished[0]);
    assert!(finished[0]["fields"]["latency"].is_string(), "{:#?}", finished[0]);
    // Every line that stores one of this batch's articles carries the batch's id. (Other
    // tests of the binary log meanwhile; a request of theirs that began before this test
    // installed the subscriber has no span, so only this batch's articles are looked at.)
    let ours: Vec<String> = results
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok()?["article_id"].as_str().map(str::to_owned))
        .collect();
    let stored_lines: Vec<&Value> = lines
        .iter()
        .filter(|l| {
            l["fields"]["message"] == "article stored"
                && l["fields"]["article.id"].as_str().is_some_and(|id| ours.iter().any(|o| o == id))
        })
        .collect();
    assert_eq!(stored_lines.len(), 2, "{ours:?} {stored_lines:#?}");
    assert!(stored_lines.iter().all(|l| l["span"]["request.id"] == "ndjson-batch-42"), "{stored_lines:#?}");
}
