//! The change feed: a client that applies every change from 0 holds exactly the live
//! events, after ingests, automatic and analyst merges, corrections, splits and
//! retractions; a poller never misses a change; the live stream resumes from
//! `Last-Event-ID` without loss or repetition, and an idle stream costs no query.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use geoevents_api::ApiConfig;
use serde_json::{Value, json};

use crate::harness::{TestApp, exchange, open_writes};
use crate::merging::{ingest_all, one, reports, sources_of_kind};

/// A copy of the live events kept by applying the feed, as a client would.
#[derive(Default)]
struct Replica {
    events: BTreeMap<String, Value>,
    after: i64,
    seqs: Vec<i64>,
}

impl Replica {
    fn apply(&mut self, change: &Value) {
        let seq = change["seq"].as_i64().expect("seq");
        assert!(seq > self.after, "changes come in seq order: {seq} after {}", self.after);
        self.after = seq;
        self.seqs.push(seq);
        let id = change["event_id"].as_str().expect("event_id").to_owned();
        if change["tombstone"] == true {
            assert!(change["event"].is_null(), "a tombstone carries no event: {change}");
            self.events.remove(&id);
        } else {
            assert_eq!(change["event"]["id"], id.as_str(), "{change}");
            self.events.insert(id, change["event"].clone());
        }
    }

    /// Reads the feed from where the copy stands to its end, in small pages.
    async fn sync(&mut self, app: &TestApp) {
        loop {
            let (status, page) = app.get(&format!("/v1/changes?after={}&limit=4", self.after)).await;
            assert_eq!(status, 200, "{page}");
            let changes = page["changes"].as_array().expect("changes");
            for change in changes {
                self.apply(change);
            }
            assert_eq!(page["next"].as_i64(), Some(self.after), "next is the last seq read: {page}");
            if page["more"] == false {
                return;
            }
            assert!(!changes.is_empty(), "a page with more to come is not empty");
        }
    }

    /// The copy equals the live events, whole: every field of every event.
    async fn assert_matches_live(&self, app: &TestApp, when: &str) {
        let live: BTreeMap<String, Value> = app
            .all_events("modality=all")
            .await
            .into_iter()
            .map(|e| (e["id"].as_str().unwrap_or_default().to_owned(), e))
            .collect();
        let ids = |m: &BTreeMap<String, Value>| m.keys().cloned().collect::<BTreeSet<_>>();
        assert_eq!(ids(&self.events), ids(&live), "{when}: the replayed ids are the live ids");
        for (id, event) in &live {
            assert_eq!(self.events.get(id), Some(event), "{when}: event {id} as replayed");
        }
    }
}

fn id_of(event: &Value) -> String {
    event["id"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn replaying_the_feed_from_zero_holds_exactly_the_live_events() {
    let app = TestApp::spawn().await;
    let mut replica = Replica::default();
    let (status, empty) = app.get("/v1/changes").await;
    assert_eq!(status, 200);
    assert_eq!(empty, json!({"changes": [], "next": 0, "more": false}));

    // Three stories told three times: creates and new sources.
    ingest_all(&app, &reports()).await;
    replica.sync(&app).await;
    replica.assert_matches_live(&app, "after ingest").await;

    // Two reports of one deployment a fortnight apart stay apart until a third bridges them:
    // the automatic merge leaves a tombstone naming the survivor.
    let article = |url: &str, at: &str, text: &str| json!({"url": url, "published_at": at, "text": text});
    ingest_all(
        &app,
        &[
            article(
                "https://a.example/1",
                "2025-03-06",
                "Belarus has sent 1,000 troops to Serbia, officials said on Thursday.",
            ),
            article(
                "https://b.example/2",
                "2025-03-20",
                "Belarus has sent 3,000 troops to Serbia, officials said on Thursday.",
            ),
        ],
    )
    .await;
    replica.sync(&app).await;
    ingest_all(
        &app,
        &[article(
            "https://c.example/3",
            "2025-03-13",
            "Belarus has sent 2,000 troops to Serbia, officials said on Thursday.",
        )],
    )
    .await;
    let mut tombstones = Vec::new();
    let before = replica.after;
    replica.sync(&app).await;
    let (_, page) = app.get(&format!("/v1/changes?after={before}&limit=500")).await;
    for change in page["changes"].as_array().expect("changes") {
        if change["op"] == "merged" {
            assert_eq!(change["tombstone"], true, "{change}");
            assert!(change["merged_into"].as_str().is_some_and(|s| s.starts_with("evt_")), "{change}");
            tombstones.push(change.clone());
        }
    }
    assert_eq!(tombstones.len(), 1, "the bridge merged two events: {page}");
    replica.assert_matches_live(&app, "after an automatic merge").await;

    // Analysts correct, merge, split and retract.
    let events = app.all_events("modality=all").await;
    let treaty = id_of(one(&events, "treaty_ratified", "RUS", "PRK"));
    let sanctions = id_of(one(&events, "sanctions_imposed", "EU", "PRK"));
    let send = |request: reqwest::RequestBuilder| async move {
        let response = exchange(request.header("x-analyst", "analyst.kim")).await;
        assert!(response.status < 300, "{}", response.text);
        serde_json::from_str::<Value>(&response.text).expect("json")
    };
    let url = |path: &str| format!("{}{path}", app.base);
    send(app.client.patch(url(&format!("/v1/events/{sanctions}"))).json(&json!({"modality": "claimed"})))
        .await;
    replica.sync(&app).await;
    replica.assert_matches_live(&app, "after a correction").await;

    let merged = send(
        app.client.post(url(&format!("/v1/events/{sanctions}/merge"))).json(&json!({"event_id": treaty})),
    )
    .await;
    replica.sync(&app).await;
    replica.assert_matches_live(&app, "after an analyst merge").await;
    assert!(!replica.events.contains_key(&treaty));

    let moved = sources_of_kind(&merged, "treaty_ratified");
    let split = send(
        app.client.post(url(&format!("/v1/events/{sanctions}/split"))).json(&json!({"source_ids": moved})),
    )
    .await;
    let new_treaty = id_of(&split["split"]);
    replica.sync(&app).await;
    replica.assert_matches_live(&app, "after a split").await;
    assert!(replica.events.contains_key(&new_treaty));

    send(app.client.delete(url(&format!("/v1/events/{new_treaty}")))).await;
    replica.sync(&app).await;
    replica.assert_matches_live(&app, "after a retraction").await;
    assert!(!replica.events.contains_key(&new_treaty));

    // A client starting from 0 now, in one pass, reaches the same copy.
    let mut fresh = Replica::default();
    fresh.sync(&app).await;
    assert_eq!(fresh.events, replica.events);
    assert_eq!(fresh.seqs, replica.seqs, "every change, once, in order");

    // Polling at the end answers 304 until something changes, by tag or by date.
    let at_end = format!("{}/v1/changes?after={}", app.base, replica.after);
    let first = exchange(app.client.get(&at_end)).await;
    let tag = first.headers["etag"].to_str().expect("etag").to_owned();
    let modified = first.headers["last-modified"].to_str().expect("last-modified").to_owned();
    let again = exchange(app.client.get(&at_end).header("if-none-match", &tag)).await;
    assert_eq!(again.status, 304);
    // A date claimed only once its second is over: wait for it, then it holds.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let settled = exchange(app.client.get(&at_end)).await;
    let modified = settled.headers["last-modified"].to_str().map(str::to_owned).unwrap_or(modified);
    let by_date = exchange(app.client.get(&at_end).header("if-modified-since", &modified)).await;
    assert_eq!(by_date.status, 304, "unchanged since {modified}");
    ingest_all(
        &app,
        &[article("https://d.example/4", "2025-04-01", "Japan imposed sanctions on Russia on Tuesday.")],
    )
    .await;
    let changed = exchange(app.client.get(&at_end).header("if-none-match", &tag)).await;
    assert_eq!(changed.status, 200);
    let changed_by_date = exchange(app.client.get(&at_end).header("if-modified-since", &modified)).await;
    assert_eq!(changed_by_date.status, 200);
}

#[tokio::test]
async fn every_list_answers_304_to_its_etag_or_date_until_something_changes() {
    let app = TestApp::spawn().await;
    ingest_all(&app, &reports()[..3]).await;
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let lists = [
        "/v1/events?kind=troop_deployment",
        "/v1/articles?limit=2",
        "/v1/timeline?bucket=week",
        "/v1/changes",
    ];
    let mut validators = Vec::new();
    for path in lists {
        let first = exchange(app.client.get(format!("{}{path}", app.base))).await;
        assert_eq!(first.status, 200, "{path}");
        let tag = first.headers["etag"].to_str().expect("etag").to_owned();
        let date = first.headers["last-modified"].to_str().expect("last-modified").to_owned();
        for (header, value) in [("if-none-match", &tag), ("if-modified-since", &date)] {
            let again = exchange(app.client.get(format!("{}{path}", app.base)).header(header, value)).await;
            assert_eq!(again.status, 304, "{path} with {header}: {value}");
            assert!(again.text.is_empty());
        }
        validators.push((path, tag, date));
    }
    // An article with no event at all still moves the article list (and only it).
    let (status, _) = app
        .post_json(
            "/v1/articles",
            &json!({"url": "https://e.example/quiet", "text": "The weather was mild on Sunday."}),
        )
        .await;
    assert_eq!(status, 201);
    for (path, tag, date) in &validators {
        let by_tag =
            exchange(app.client.get(format!("{}{path}", app.base)).header("if-none-match", tag)).await;
        let by_date =
            exchange(app.client.get(format!("{}{path}", app.base)).header("if-modified-since", date)).await;
        let expected = if path.starts_with("/v1/articles") { 200 } else { 304 };
        assert_eq!((by_tag.status, by_date.status), (expected, expected), "{path}");
    }
}

#[tokio::test]
async fn a_poller_racing_concurrent_ingests_misses_no_change() {
    let app = TestApp::spawn().await;
    let posts: Vec<_> = (0..16)
        .map(|i| {
            let (client, base) = (app.client.clone(), app.base.clone());
            let (actor, target) = [("Chile", "Peru"), ("Kenya", "Somalia"), ("Poland", "Belarus"), ("Iran", "Iraq")][i % 4];
            let body = json!({
                "url": format!("https://race.example/{i}"),
                "published_at": format!("2025-05-{:02}", i + 1),
                "text": format!("{actor} imposed sanctions on {target} on May {}, 2025. {actor} deployed troops to the border with {target}.", i + 1),
            });
            tokio::spawn(async move {
                let response = client.post(format!("{base}/v1/articles")).json(&body).send().await.expect("send");
                assert_eq!(response.status().as_u16(), 201);
            })
        })
        .collect();
    let mut polled = Replica::default();
    loop {
        let done = posts.iter().all(tokio::task::JoinHandle::is_finished);
        polled.sync(&app).await;
        if done {
            break;
        }
    }
    for post in posts {
        post.await.expect("ingest");
    }
    polled.sync(&app).await;
    let mut whole = Replica::default();
    whole.sync(&app).await;
    assert_eq!(polled.seqs, whole.seqs, "the poller saw every change, in order, once");
    assert_eq!(polled.events, whole.events);
    polled.assert_matches_live(&app, "after concurrent ingests").await;
}

/// One Server-Sent Event, or a comment line.
#[derive(Debug, Default)]
struct Frame {
    id: Option<i64>,
    event: Option<String>,
    data: Option<Value>,
    comment: Option<String>,
}

/// Reads SSE frames off a streaming response.
struct Sse {
    response: reqwest::Response,
    buffer: String,
}

impl Sse {
    async fn open(app: &TestApp, query: &str, last_event_id: Option<i64>) -> Self {
        let mut request = app.client.get(format!("{}/v1/changes/stream{query}", app.base));
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id.to_string());
        }
        let response = request.send().await.expect("stream");
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        Sse { response, buffer: String::new() }
    }

    /// The next frame, or `None` if none comes within `wait`.
    async fn next(&mut self, wait: Duration) -> Option<Frame> {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut frame = Frame::default();
                for line in block.lines() {
                    if let Some(text) = line.strip_prefix(':') {
                        frame.comment = Some(text.trim().to_owned());
                    } else if let Some((field, value)) = line.split_once(':') {
                        let value = value.strip_prefix(' ').unwrap_or(value);
                        match field {
                            "id" => frame.id = value.parse().ok(),
                            "event" => frame.event = Some(value.to_owned()),
                            "data" => frame.data = serde_json::from_str(value).ok(),
                            _ => {}
                        }
                    }
                }
                return Some(frame);
            }
            let chunk = tokio::time::timeout(wait, self.response.chunk()).await.ok()?.ok()??;
            self.buffer.push_str(std::str::from_utf8(&chunk).expect("utf-8"));
        }
    }

    /// The change events that arrive until the stream is quiet for `quiet`.
    async fn changes_until_quiet(&mut self, quiet: Duration) -> Vec<Value> {
        let mut changes = Vec::new();
        let mut last_change = tokio::time::Instant::now();
        while last_change.elapsed() < quiet {
            let Some(frame) = self.next(quiet).await else { break };
            if frame.event.as_deref() == Some("change") {
                let data = frame.data.expect("a change's data is JSON");
                assert_eq!(frame.id, data["seq"].as_i64(), "the event id is the change's seq");
                changes.push(data);
                last_change = tokio::time::Instant::now();
            }
        }
        changes
    }
}

fn seqs(changes: &[Value]) -> Vec<i64> {
    changes.iter().filter_map(|c| c["seq"].as_i64()).collect()
}

#[tokio::test]
async fn a_stream_sends_changes_live_and_resumes_after_the_last_event_id() {
    let heartbeat = Duration::from_millis(300);
    let app = TestApp::spawn_with(ApiConfig { heartbeat, ..open_writes() }).await;
    let stories = reports();
    ingest_all(&app, &stories[..2]).await;

    // From the start: the history first.
    let mut stream = Sse::open(&app, "?after=0", None).await;
    let history = stream.changes_until_quiet(Duration::from_secs(2)).await;
    let (_, page) = app.get("/v1/changes?limit=500").await;
    assert_eq!(seqs(&history), seqs(page["changes"].as_array().expect("changes")));
    assert!(!history.is_empty());

    // Live: a change committed while connected arrives without a poll.
    ingest_all(&app, &stories[2..3]).await;
    let live = stream.changes_until_quiet(Duration::from_secs(2)).await;
    assert!(!live.is_empty(), "the third report arrived live");
    let last_seen = *seqs(&live).last().expect("a seq");

    // Disconnected, changes go on; reconnecting with Last-Event-ID gets exactly those.
    drop(stream);
    ingest_all(&app, &stories[3..5]).await;
    let mut resumed = Sse::open(&app, "?after=0", Some(last_seen)).await;
    let missed = resumed.changes_until_quiet(Duration::from_secs(2)).await;
    let (_, page) = app.get(&format!("/v1/changes?after={last_seen}&limit=500")).await;
    assert_eq!(
        seqs(&missed),
        seqs(page["changes"].as_array().expect("changes")),
        "nothing missed, nothing twice"
    );
    assert!(!missed.is_empty());
    let mut all = seqs(&history);
    all.extend(seqs(&live));
    all.extend(seqs(&missed));
    let (_, whole) = app.get("/v1/changes?limit=500").await;
    assert_eq!(all, seqs(whole["changes"].as_array().expect("changes")));

    // Without a position, a stream starts at the present.
    let mut present = Sse::open(&app, "", None).await;
    assert!(present.changes_until_quiet(Duration::from_secs(1)).await.is_empty());

    // Idle: heartbeats flow, and no connection of the service runs a query.
    let mut watcher = app.sql().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let since: chrono::DateTime<chrono::Utc> =
        sqlx::query_scalar("select clock_timestamp()").fetch_one(&mut watcher).await.expect("now");
    let mut heartbeats = 0;
    let quiet_until = tokio::time::Instant::now() + Duration::from_secs(2);
    while tokio::time::Instant::now() < quiet_until {
        for stream in [&mut resumed, &mut present] {
            if let Some(frame) = stream.next(heartbeat * 3).await {
                assert!(frame.event.is_none(), "nothing changed: {frame:?}");
                heartbeats += usize::from(frame.comment.as_deref() == Some("heartbeat"));
            }
        }
    }
    assert!(heartbeats >= 4, "heartbeats kept the streams open ({heartbeats})");
    let busy: i64 = sqlx::query_scalar(
        "select count(*) from pg_stat_activity \
         where datname = current_database() and pid <> pg_backend_pid() and query_start > $1",
    )
    .bind(since)
    .fetch_one(&mut watcher)
    .await
    .expect("pg_stat_activity");
    assert_eq!(busy, 0, "idle streams ran no query");

    // A bad position is a problem naming it.
    let bad =
        exchange(app.client.get(format!("{}/v1/changes/stream", app.base)).header("last-event-id", "soon"))
            .await;
    assert_eq!(bad.status, 400);
    assert!(bad.text.contains("Last-Event-ID"), "{}", bad.text);
    let bad = exchange(app.client.get(format!("{}/v1/changes?after=-1", app.base))).await;
    assert_eq!(bad.status, 400);
}
