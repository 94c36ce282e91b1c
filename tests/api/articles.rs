//! Ingesting articles: the seed article, NDJSON batches, HTML, idempotency.

use serde_json::{Value, json};

use crate::harness::{TestApp, char_slice, seed_article};

fn find_event<'a>(events: &'a [Value], kind: &str, actor: &str, target: &str) -> Option<&'a Value> {
    events.iter().find(|e| e["kind"] == kind && e["actor"]["code"] == actor && e["target"]["code"] == target)
}

#[tokio::test]
async fn the_seed_article_over_http_gives_its_events_with_checkable_evidence() {
    let Some(seed) = seed_article() else { return };
    let app = TestApp::spawn().await;

    let (status, article) =
        app.post_raw("/v1/articles?url=https://example.org/nk-troops", "text/plain", seed.clone()).await;

    assert_eq!(status, 201, "{article}");
    assert_eq!(article["duplicate"], false);
    assert_eq!(article["published_at"], "2024-10-25T00:00:00Z", "the dateline gives the date");
    let text = article["text"].as_str().expect("normalised text");
    assert!(!text.contains("Post a Comment") && !text.contains("Epstein"), "furniture is dropped");
    let events = article["events"].as_array().expect("events");
    let deployment = find_event(events, "troop_deployment", "PRK", "RUS").expect("the deployment");
    assert_eq!(deployment["quantity"]["value"], 3000);
    assert_eq!(deployment["modality"], "claimed");
    assert!(find_event(events, "treaty_ratified", "RUS", "PRK").is_some(), "the ratification");
    for event in events {
        assert!(event["id"].as_str().is_some_and(|id| id.starts_with("evt_")));
        for evidence in event["evidence"].as_array().expect("evidence") {
            let sentence = char_slice(
                text,
                evidence["start"].as_u64().expect("start"),
                evidence["end"].as_u64().expect("end"),
            );
            assert_eq!(
                sentence,
                evidence["sentence"].as_str().expect("sentence"),
                "offsets point at the sentence"
            );
            assert_eq!(evidence["url"], "https://example.org/nk-troops");
        }
    }

    // Storing must not fold distinct events of one article together (humanitarian aid given
    // and arms only talked about are two events): what is stored is what was extracted.
    let (_, dry_run) = app.post_raw("/v1/extract", "text/plain", seed).await;
    let kinds = |list: &Value| {
        let mut kinds: Vec<String> = list
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| format!("{} {}", e["kind"], e["modality"]))
            .collect();
        kinds.sort();
        kinds
    };
    assert_eq!(kinds(&article["events"]), kinds(&dry_run["events"]));
    assert!(events.len() >= 8, "the eight events an analyst lists: {events:#?}");

    let id = article["id"].as_str().expect("article id");
    let (status, stored) = app.get(&format!("/v1/articles/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(stored["events"].as_array().map(Vec::len), Some(events.len()));
    let event_id = deployment["id"].as_str().expect("event id");
    let (status, event) = app.get(&format!("/v1/events/{event_id}")).await;
    assert_eq!(status, 200);
    assert_eq!(event["sources"][0]["url"], "https://example.org/nk-troops");
    assert_eq!(event["sources"][0]["article_id"], id);
    assert!(
        event["sources"][0]["evidence"][0]["sentence"].as_str().is_some_and(|s| s.contains("3,000 soldiers"))
    );
}

#[tokio::test]
async fn ingesting_the_same_url_twice_returns_the_first_article() {
    let app = TestApp::spawn().await;
    let first = json!({"url": "https://news.example.com/a?utm_source=x", "published_at": "2024-03-01",
        "text": "Russia imposed sanctions on Lithuania on Friday."});
    let again = json!({"url": "https://news.example.com/a", "published_at": "2024-03-01",
        "text": "A rewritten version of the same story."});

    let (created, a) = app.post_json("/v1/articles", &first).await;
    let (repeated, b) = app.post_json("/v1/articles", &again).await;

    assert_eq!(created, 201, "{a}");
    assert_eq!(repeated, 200, "{b}");
    assert_eq!(b["duplicate"], true);
    assert_eq!(a["id"], b["id"]);
    assert_eq!(a["events"], b["events"], "the stored events come back, none added");
}

#[tokio::test]
async fn the_same_text_under_another_url_is_a_duplicate_too() {
    let app = TestApp::spawn().await;
    let text = "Japan and the Philippines signed a defence pact in Manila on Monday.";

    let (_, a) = app.post_json("/v1/articles", &json!({"url": "https://one.example/a", "text": text})).await;
    let (status, b) = app
        .post_json("/v1/articles", &json!({"url": "https://two.example/b", "text": format!("  {text}\n")}))
        .await;

    assert_eq!(status, 200);
    assert_eq!(b["duplicate"], true);
    assert_eq!(a["id"], b["id"]);
}

#[tokio::test]
async fn concurrent_posts_of_one_article_store_it_once() {
    let app = TestApp::spawn().await;
    let body = json!({"url": "https://race.example/story", "published_at": "2024-05-02",
        "text": "Israel struck targets in southern Lebanon on Thursday, the military said."});

    let results = futures_util::future::join_all((0..6).map(|_| app.post_json("/v1/articles", &body))).await;

    let created = results.iter().filter(|(status, _)| *status == 201).count();
    let duplicates = results.iter().filter(|(status, v)| *status == 200 && v["duplicate"] == true).count();
    assert_eq!((created, duplicates), (1, 5), "{results:?}");
    let ids: std::collections::HashSet<_> = results.iter().map(|(_, v)| v["id"].to_string()).collect();
    assert_eq!(ids.len(), 1);
}

#[tokio::test]
async fn an_ndjson_batch_stores_good_lines_and_reports_each_bad_one() {
    let app = TestApp::spawn().await;
    let batch = [
        json!({"url": "https://wire.example/1", "published_at": "2024-06-03",
            "text": "Ukraine received 40 Patriot missiles from Germany, the defence ministry said."})
        .to_string(),
        "{\"url\": \"https://wire.example/2\", \"text\": ".to_owned(),
        String::new(),
        json!({"url": "https://wire.example/3"}).to_string(),
        json!({"url": "notaurl", "text": "Some text."}).to_string(),
        json!({"url": "https://wire.example/4", "published_at": "2024-06-04",
            "text": "China held military drills around Taiwan on Tuesday."})
        .to_string(),
    ]
    .join("\n");

    let response = app
        .client
        .post(format!("{}/v1/articles", app.base))
        .header("content-type", "application/x-ndjson")
        .body(batch)
        .send()
        .await
        .expect("response");
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["content-type"], "application/x-ndjson");
    let lines: Vec<Value> = response
        .text()
        .await
        .expect("body")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each result line is JSON"))
        .collect();

    let statuses: Vec<(u64, u64)> =
        lines.iter().map(|l| (l["line"].as_u64().unwrap_or(0), l["status"].as_u64().unwrap_or(0))).collect();
    assert_eq!(statuses, vec![(1, 201), (2, 400), (4, 422), (5, 422), (6, 201)], "{lines:?}");
    assert!(lines[1]["error"]["detail"].as_str().is_some_and(|d| d.starts_with("line 2:")));
    assert_eq!(lines[2]["error"]["errors"][0]["field"], "text");
    assert_eq!(lines[3]["error"]["errors"][0]["field"], "url");
    for good in [&lines[0], &lines[4]] {
        let id = good["article_id"].as_str().expect("article id");
        let (status, article) = app.get(&format!("/v1/articles/{id}")).await;
        assert_eq!(status, 200);
        let stored: Vec<&Value> =
            article["events"].as_array().expect("events").iter().map(|e| &e["id"]).collect();
        let reported: Vec<&Value> = good["event_ids"].as_array().expect("event ids").iter().collect();
        assert_eq!(stored, reported);
    }
}

#[tokio::test]
async fn an_html_page_with_metadata_in_the_query_is_ingested() {
    let app = TestApp::spawn().await;
    let page = r#"<!doctype html><html><head><title>Drills - Example News</title></head><body>
        <nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><h1>China holds drills near Taiwan</h1>
        <p>China's military held large-scale drills around Taiwan on Monday, state media said.</p>
        <p>Taiwan's defence ministry said it had deployed forces to monitor the exercises.</p></article>
        <footer>Copyright Example News</footer></body></html>"#;

    let (status, article) = app
        .post_raw("/v1/articles?url=https://example.org/drills&published_at=2024-10-14", "text/html", page)
        .await;

    assert_eq!(status, 201, "{article}");
    assert_eq!(article["format"], "html");
    assert_eq!(article["published_at"], "2024-10-14T00:00:00Z");
    let text = article["text"].as_str().unwrap_or_default();
    assert!(text.contains("held large-scale drills"), "{text}");
    assert!(!text.contains("Copyright") && !text.contains("World"), "{text}");
}

#[tokio::test]
async fn articles_are_listed_newest_first_and_searchable() {
    let app = TestApp::spawn().await;
    let texts = [
        "Russia expelled two Estonian diplomats on Tuesday.",
        "China held military drills around Taiwan on Monday.",
        "Estonia summoned the Russian ambassador on Wednesday.",
    ];
    let mut ids = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let (status, article) = app
            .post_json(
                "/v1/articles",
                &json!({"url": format!("https://l.example/{i}"), "published_at": "2024-10-15", "text": text}),
            )
            .await;
        assert_eq!(status, 201);
        ids.push(article["id"].as_str().unwrap_or_default().to_owned());
    }

    let (_, first) = app.get("/v1/articles?limit=2").await;
    let cursor = first["next_cursor"].as_str().expect("a second page");
    let (_, second) = app.get(&format!("/v1/articles?limit=2&cursor={cursor}")).await;
    let (_, search) = app.get("/v1/articles?q=estonian%20OR%20estonia").await;

    let listed: Vec<&str> = first["articles"]
        .as_array()
        .into_iter()
        .chain(second["articles"].as_array())
        .flatten()
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert_eq!(listed, vec![ids[2].as_str(), ids[1].as_str(), ids[0].as_str()]);
    assert!(second["next_cursor"].is_null());
    let found: Vec<&str> =
        search["articles"].as_array().expect("articles").iter().filter_map(|a| a["id"].as_str()).collect();
    assert_eq!(found, vec![ids[2].as_str(), ids[0].as_str()]);
    assert!(search["articles"][0]["snippet"].as_str().is_some_and(|s| s.contains("«Estonia»")), "{search}");
}

/// `201 Created` names what it created: the `Location` of a new article answers it; a
/// duplicate (200) creates nothing and names nothing.
#[tokio::test]
async fn a_created_article_is_named_by_its_location() {
    let app = TestApp::spawn().await;
    let post = || {
        app.client
            .post(format!("{}/v1/articles", app.base))
            .header("content-type", "text/plain")
            .body("Peru sent troops to Bolivia on Monday, officials said.")
            .send()
    };

    let created = post().await.expect("post");
    assert_eq!(created.status().as_u16(), 201);
    let location = created.headers()["location"].to_str().unwrap_or_default().to_owned();
    let body: serde_json::Value = created.json().await.expect("json");
    assert_eq!(location, format!("/v1/articles/{}", body["id"].as_str().unwrap_or_default()));
    let (status, fetched) = app.get(&location).await;
    assert_eq!((status, &fetched["id"]), (200, &body["id"]));

    let again = post().await.expect("post");
    assert_eq!(again.status().as_u16(), 200);
    assert!(again.headers().get("location").is_none());
}
