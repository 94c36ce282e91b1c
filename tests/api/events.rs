//! Querying events: filters, default modality, keyset pagination under concurrent inserts.

use std::collections::HashSet;

use serde_json::{Value, json};

use crate::harness::{TestApp, exchange};

const STATES: [&str; 8] = ["Russia", "Ukraine", "China", "Japan", "India", "Pakistan", "Iran", "Israel"];

/// A short wire story whose first sentence is an unambiguous, dated event.
fn story(i: usize) -> Value {
    let actor = STATES[i % STATES.len()];
    let target = STATES[(i + 3) % STATES.len()];
    let day = 1 + i % 28;
    json!({
        "url": format!("https://wire.example/story-{i}"),
        "published_at": format!("2024-04-{day:02}"),
        "text": format!("{actor} imposed sanctions on {target} on April {day}, 2024, the foreign ministry said.")
    })
}

async fn ingest(app: &TestApp, body: &Value) -> Vec<Value> {
    let (status, article) = app.post_json("/v1/articles", body).await;
    assert_eq!(status, 201, "{article}");
    let events = article["events"].as_array().cloned().unwrap_or_default();
    assert!(!events.is_empty(), "the story yields an event: {article}");
    events
}

#[tokio::test]
async fn pages_neither_skip_nor_repeat_while_inserts_happen() {
    let app = TestApp::spawn().await;
    let mut before = HashSet::new();
    for i in 0..20 {
        for event in ingest(&app, &story(i)).await {
            before.insert(event["id"].as_str().unwrap_or_default().to_owned());
        }
    }

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut extra = 20;
    loop {
        let path = match &cursor {
            Some(c) => format!("/v1/events?limit=4&cursor={c}"),
            None => "/v1/events?limit=4".to_owned(),
        };
        let (status, page) = app.get(&path).await;
        assert_eq!(status, 200, "{page}");
        seen.extend(
            page["events"]
                .as_array()
                .expect("events")
                .iter()
                .map(|e| e["id"].as_str().unwrap_or("").to_owned()),
        );
        // Another client keeps inserting while we page.
        ingest(&app, &story(extra)).await;
        extra += 1;
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }

    let unique: HashSet<_> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), seen.len(), "no event is repeated");
    assert!(before.is_subset(&unique), "every event that existed before paging began is seen");
}

#[tokio::test]
async fn events_come_newest_first_and_filters_narrow_them() {
    let app = TestApp::spawn().await;
    for i in 0..8 {
        ingest(&app, &story(i)).await;
    }

    let all = app.all_events("").await;
    let dates: Vec<&str> = all.iter().filter_map(|e| e["when"]["start"].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest event date first");

    let russian = app.all_events("actor=RUS").await;
    assert!(!russian.is_empty());
    assert!(russian.iter().all(|e| e["actor"]["code"] == "RUS" || e["actor"]["country"] == "RUS"));
    let against_japan = app.all_events("target=jpn&kind=sanctions_imposed").await;
    assert!(against_japan.iter().all(|e| e["target"]["code"] == "JPN" && e["kind"] == "sanctions_imposed"));
    let involving_israel = app.all_events("country=ISR").await;
    assert!(involving_israel.iter().all(|e| e["actor"]["country"] == "ISR"
        || e["target"]["country"] == "ISR"
        || e["location"]["country"] == "ISR"));
    let april_first_week = app.all_events("from=2024-04-01&to=2024-04-07").await;
    assert!(april_first_week.iter().all(|e| e["when"]["start"].as_str().is_some_and(|d| d <= "2024-04-07")));
    assert!(april_first_week.len() < all.len());
    let worded = app.all_events("q=foreign%20ministry%20sanctions").await;
    assert_eq!(worded.len(), all.len(), "full text over the evidence");
    assert!(app.all_events("q=missile").await.is_empty());
    let sure = app.all_events("min_confidence=0.99").await;
    assert!(sure.iter().all(|e| e["confidence"].as_f64().unwrap_or(0.0) >= 0.99));

    // Filtered lists are read index by index (one per column and value) and merged: two at
    // a time, page after page, they are exactly the matching events of the whole list.
    let field = |e: &Value, path: [&str; 2]| e[path[0]][path[1]].as_str().unwrap_or("").to_owned();
    type Keep<'a> = &'a dyn Fn(&Value) -> bool;
    let cases: [(&str, Keep); 4] = [
        ("actor=RUS&actor=CHN", &|e| {
            ["RUS", "CHN"]
                .iter()
                .any(|c| field(e, ["actor", "code"]) == *c || field(e, ["actor", "country"]) == *c)
        }),
        ("target=IRN", &|e| {
            field(e, ["target", "code"]) == "IRN" || field(e, ["target", "country"]) == "IRN"
        }),
        ("country=ISR", &|e| {
            [
                ["actor", "code"],
                ["actor", "country"],
                ["target", "code"],
                ["target", "country"],
                ["location", "country"],
            ]
            .iter()
            .any(|p| field(e, *p) == "ISR")
        }),
        ("kind=sanctions_imposed", &|e| e["kind"] == "sanctions_imposed"),
    ];
    for (filter, keep) in cases {
        let expected: Vec<&Value> = all.iter().filter(|e| keep(e)).map(|e| &e["id"]).collect();
        assert!(!expected.is_empty(), "{filter}");
        let mut paged = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let cursor_part = cursor.as_deref().map(|c| format!("&cursor={c}")).unwrap_or_default();
            let (status, page) = app.get(&format!("/v1/events?limit=2&{filter}{cursor_part}")).await;
            assert_eq!(status, 200, "{page}");
            paged.extend(
                page["events"].as_array().cloned().unwrap_or_default().into_iter().map(|e| e["id"].clone()),
            );
            match page["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => break,
            }
        }
        assert_eq!(paged.iter().collect::<Vec<_>>(), expected, "{filter}");
    }
}

#[tokio::test]
async fn hypothetical_and_planned_events_appear_only_when_asked_for() {
    let app = TestApp::spawn().await;
    let body = json!({"url": "https://wire.example/plans", "published_at": "2024-07-01",
        "text": "Germany imposed sanctions on Belarus on Monday. \
                 Poland will send 2,000 troops to Lithuania next month, the defence minister said."});
    let events = ingest(&app, &body).await;
    assert!(events.iter().any(|e| e["modality"] == "planned"), "{events:?}");

    let default_view = app.all_events("").await;
    let planned = app.all_events("modality=planned").await;
    let everything = app.all_events("modality=all").await;

    assert!(default_view.iter().all(|e| e["modality"] == "asserted" || e["modality"] == "claimed"));
    assert!(!planned.is_empty() && planned.iter().all(|e| e["modality"] == "planned"));
    assert_eq!(everything.len(), events.len());
}

#[tokio::test]
async fn idle_polls_cost_a_304_until_an_event_changes() {
    let app = TestApp::spawn().await;
    ingest(&app, &story(0)).await;
    let get = |path: &str, tag: Option<&str>| {
        let mut request = app.client.get(format!("{}{path}", app.base));
        if let Some(tag) = tag {
            request = request.header("if-none-match", tag);
        }
        exchange(request)
    };

    for path in ["/v1/events?actor=RUS", "/v1/timeline?bucket=week"] {
        let first = get(path, None).await;
        assert_eq!(first.status, 200);
        let tag = first.headers["etag"].to_str().expect("etag").to_owned();

        let again = get(path, Some(&tag)).await;
        assert_eq!(again.status, 304, "{path}");
        assert!(again.text.is_empty());

        // Asked again without a tag, the same answer (kept in memory at this version).
        let repeated = get(path, None).await;
        assert_eq!((repeated.status, &repeated.text), (200, &first.text), "{path}");

        ingest(&app, &story(100 + path.len())).await;
        let changed = get(path, Some(&tag)).await;
        assert_eq!(changed.status, 200, "{path}");
        assert_ne!(changed.headers["etag"].to_str().expect("etag"), tag);
        assert_ne!(changed.text, first.text, "{path}: the answer after a change is not the kept one");
        let fresh = get(path, None).await;
        assert_eq!(fresh.text, changed.text, "{path}");
    }
}

/// While a server listens for commits, an idle poll is answered from memory: with the
/// change log locked (a poll that read it would wait) it still gets its 304. A write through
/// another server of the same database reaches the poll as soon as the commit is heard.
#[tokio::test]
async fn idle_polls_are_answered_from_memory_and_hear_other_servers_writes() {
    let app = TestApp::spawn().await;
    let replica = app.replica().await;
    ingest(&app, &story(0)).await;
    for _ in 0..100 {
        if app.store.hears_commits() && replica.store.hears_commits() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(replica.store.hears_commits(), "the replica listens for commits");
    let poll = |tag: Option<String>| {
        let mut request = replica.client.get(format!("{}/v1/events?actor=RUS", replica.base));
        if let Some(tag) = tag {
            request = request.header("if-none-match", tag);
        }
        exchange(request)
    };
    let first = poll(None).await;
    assert_eq!(first.status, 200);
    let tag = first.headers["etag"].to_str().expect("etag").to_owned();
    // Two polls a moment apart: the second finds the versions the first read.
    assert_eq!(poll(Some(tag.clone())).await.status, 304);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(poll(Some(tag.clone())).await.status, 304);

    let mut db = app.sql().await;
    sqlx::query("begin").execute(&mut db).await.expect("begin");
    sqlx::query("lock table event_changes, articles in access exclusive mode")
        .execute(&mut db)
        .await
        .expect("lock");
    let answered = tokio::time::timeout(std::time::Duration::from_secs(5), poll(Some(tag.clone()))).await;
    sqlx::query("rollback").execute(&mut db).await.expect("rollback");
    assert_eq!(answered.expect("answered without reading the change log").status, 304);

    ingest(&app, &story(7)).await;
    let mut status = 304;
    for _ in 0..100 {
        status = poll(Some(tag.clone())).await.status;
        if status == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(status, 200, "a write through another server changes this server's answer");
}

/// Every list pages the same way: `next_cursor` in the body and a `Link: rel="next"` with the
/// same query; following the links visits every item once.
#[tokio::test]
async fn event_and_article_lists_link_their_next_page() {
    let app = TestApp::spawn().await;
    for (n, target) in ["Bolivia", "Chile", "Ecuador"].iter().enumerate() {
        let article = serde_json::json!({
            "url": format!("https://pages.example/{n}"),
            "published_at": "2024-10-23",
            "text": format!("Peru sent troops to {target} on Monday, officials said.")
        });
        let (status, body) = app.post_json("/v1/articles", &article).await;
        assert_eq!(status, 201, "{body}");
    }
    for (start, key) in
        [("/v1/events?kind=troop_deployment&limit=1", "events"), ("/v1/articles?limit=2", "articles")]
    {
        let mut seen = Vec::new();
        let mut next = Some(start.to_owned());
        while let Some(path) = next.take() {
            let response = exchange(app.client.get(format!("{}{path}", app.base))).await;
            let link = response.headers.get("link").map(|v| v.to_str().unwrap_or_default().to_owned());
            let page: serde_json::Value = serde_json::from_str(&response.text).expect("json");
            seen.extend(page[key].as_array().expect("items").iter().map(|e| e["id"].clone()));
            if let Some(link) = link {
                assert!(link.contains("limit=") && link.ends_with("; rel=\"next\""), "{link}");
                assert!(link.contains(page["next_cursor"].as_str().expect("a cursor with a link")), "{link}");
                next = Some(link.trim_start_matches('<').split('>').next().unwrap_or_default().to_owned());
            } else {
                assert!(page["next_cursor"].is_null(), "{page}");
            }
        }
        let distinct: std::collections::HashSet<String> = seen.iter().map(ToString::to_string).collect();
        assert_eq!((seen.len(), distinct.len()), (3, 3), "{key}: {seen:?}");
    }
}
