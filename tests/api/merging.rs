//! One real-world event reported by several outlets is one event with every report as a
//! source, whatever order the reports arrive in; analysts can correct, merge, split and
//! retract.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::harness::{Exchange, TestApp, exchange};

/// Three stories, each told by three outlets over several days in their own words and
/// figures, written in the style of wire copy.
pub(crate) fn reports() -> Vec<Value> {
    let article = |url: &str, published_at: &str, text: &str| json!({"url": url, "published_at": published_at, "text": text});
    vec![
        article(
            "https://seoulwire.example/2024/10/18/nk-troops",
            "2024-10-18T06:00:00Z",
            "North Korea has sent 1,500 special forces troops to Russia, South Korea's spy agency said on Friday. \
             The agency said the soldiers travelled on Russian navy ships.",
        ),
        article(
            "https://globalpost.example/asia/pyongyang-deploys-troops",
            "2024-10-23T14:30:00Z",
            "North Korea has deployed about 3,000 soldiers to Russia, U.S. officials said on Wednesday. \
             The officials did not say where the troops were based.",
        ),
        article(
            "https://eurodaily.example/news/north-korean-troops-russia",
            "2024-10-25T09:00:00Z",
            "North Korea has dispatched at least 3,000 troops to Russia, Ukraine's military intelligence agency said on Friday.",
        ),
        article(
            "https://seoulwire.example/2024/11/06/treaty",
            "2024-11-06T15:00:00Z",
            "Russia's upper house of parliament ratified a mutual defence treaty with North Korea on Wednesday.",
        ),
        article(
            "https://globalpost.example/europe/russia-ratifies-pact",
            "2024-11-07T08:00:00Z",
            "Russia ratified a strategic partnership treaty with North Korea on Wednesday, officials in Moscow said.",
        ),
        article(
            "https://eurodaily.example/news/kremlin-pact-pyongyang",
            "2024-11-08T07:00:00Z",
            "Russian lawmakers ratified the defence pact with North Korea on Wednesday, the Kremlin said.",
        ),
        article(
            "https://seoulwire.example/2024/12/16/eu-sanctions",
            "2024-12-16T12:00:00Z",
            "The European Union imposed sanctions on North Korea on Monday, freezing the assets of several generals.",
        ),
        article(
            "https://globalpost.example/europe/eu-sanctions-north-korea",
            "2024-12-16T20:00:00Z",
            "EU foreign ministers imposed new sanctions on North Korea on Monday.",
        ),
        article(
            "https://eurodaily.example/news/brussels-sanctions",
            "2024-12-17T07:30:00Z",
            "The European Union on Monday imposed sanctions on North Korea, diplomats in Brussels said.",
        ),
    ]
}

pub(crate) async fn ingest_all(app: &TestApp, articles: &[Value]) {
    for article in articles {
        let (status, body) = app.post_json("/v1/articles", article).await;
        assert_eq!(status, 201, "{body}");
    }
}

pub(crate) fn one<'a>(events: &'a [Value], kind: &str, actor: &str, target: &str) -> &'a Value {
    let found: Vec<&Value> = events
        .iter()
        .filter(|e| e["kind"] == kind && e["actor"]["code"] == actor && e["target"]["code"] == target)
        .collect();
    assert_eq!(found.len(), 1, "exactly one {kind} {actor}->{target}: {events:#?}");
    found[0]
}

/// The ids of an event's sources whose own extraction found `kind`.
pub(crate) fn sources_of_kind(event: &Value, kind: &str) -> Vec<Value> {
    event["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .filter(|s| s["extracted"]["kind"] == kind)
        .map(|s| s["id"].clone())
        .collect()
}

/// What must not depend on arrival order: per event, its coded fields and its sources.
fn signature(events: &[Value]) -> BTreeSet<String> {
    events
        .iter()
        .map(|e| {
            let mut urls: Vec<String> = e["evidence"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v["url"].as_str())
                .map(str::to_owned)
                .collect();
            urls.sort();
            urls.dedup();
            json!([
                e["kind"],
                e["actor"]["code"],
                e["target"]["code"],
                e["modality"],
                e["when"],
                e["quantity"],
                e["quantity_range"],
                e["source_count"],
                e["confidence"],
                e["summary"],
                urls
            ])
            .to_string()
        })
        .collect()
}

#[tokio::test]
async fn each_story_told_three_times_is_one_event_with_three_sources() {
    let app = TestApp::spawn().await;
    ingest_all(&app, &reports()).await;

    let events = app.all_events("modality=all").await;
    let deployment = one(&events, "troop_deployment", "PRK", "RUS");
    let treaty = one(&events, "treaty_ratified", "RUS", "PRK");
    let sanctions = one(&events, "sanctions_imposed", "EU", "PRK");

    for event in [deployment, treaty, sanctions] {
        assert_eq!(event["source_count"], 3, "{event:#}");
        let (_, detail) = app.get(&format!("/v1/events/{}", event["id"].as_str().unwrap_or_default())).await;
        let sources = detail["sources"].as_array().expect("sources");
        assert_eq!(sources.len(), 3);
        let domains: BTreeSet<&str> = sources.iter().filter_map(|s| s["source_domain"].as_str()).collect();
        assert_eq!(domains.len(), 3, "one source per outlet");
        assert!(sources[0]["merge_reason"].is_null(), "the first report created the event");
        for joined in &sources[1..] {
            let reason = &joined["merge_reason"];
            let matched: Vec<&str> =
                reason["matched"].as_array().expect("matched").iter().filter_map(Value::as_str).collect();
            assert!(
                matched.contains(&"kind") && matched.contains(&"actor") && matched.contains(&"date"),
                "{reason}"
            );
            assert!(reason["score"].as_f64().is_some_and(|s| s > 0.5), "{reason}");
            assert!(reason["explanation"].as_str().is_some_and(|x| !x.is_empty()));
        }
        let first = detail["first_reported_at"].as_str().unwrap_or_default();
        let last = detail["last_reported_at"].as_str().unwrap_or_default();
        assert!(first < last, "{first} < {last}");
        let single = sources.iter().filter_map(|s| s["extracted"]["confidence"].as_f64()).fold(0.0, f64::max);
        assert!(detail["confidence"].as_f64().unwrap_or(0.0) > single, "three outlets are surer than one");
    }

    // Each report keeps its own figure; the event shows the spread.
    let (_, detail) = app.get(&format!("/v1/events/{}", deployment["id"].as_str().unwrap_or_default())).await;
    let figures: BTreeSet<i64> = detail["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .filter_map(|s| s["extracted"]["quantity"]["value"].as_i64())
        .collect();
    assert_eq!(figures, BTreeSet::from([1500, 3000]));
    assert_eq!(detail["quantity_range"]["min"], 1500);
    assert_eq!(detail["quantity_range"]["max"], 3000);

    // Timelines count events once, on their event date.
    let (_, timeline) = app.get("/v1/timeline?bucket=month&modality=all&from=2024-10-01&to=2024-12-31").await;
    assert_eq!(timeline["total"].as_i64(), Some(events.len() as i64));
    let by_month: Vec<(String, i64)> = timeline["buckets"]
        .as_array()
        .expect("buckets")
        .iter()
        .map(|b| {
            (
                b["start"].as_str().unwrap_or("").to_owned(),
                b["by_kind"][match b["start"].as_str() {
                    Some("2024-10-01") => "troop_deployment",
                    Some("2024-11-01") => "treaty_ratified",
                    _ => "sanctions_imposed",
                }]
                .as_i64()
                .unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(by_month, vec![("2024-10-01".into(), 1), ("2024-11-01".into(), 1), ("2024-12-01".into(), 1)]);
}

/// Reports that look like the three stories but are other events and must stay apart:
/// another target, a date too far away, another kind, a possibility only.
fn near_misses() -> Vec<Value> {
    let article = |url: &str, published_at: &str, text: &str| json!({"url": url, "published_at": published_at, "text": text});
    vec![
        article(
            "https://seoulwire.example/2024/10/24/nk-troops-belarus",
            "2024-10-24T06:00:00Z",
            "North Korea has sent 500 troops to Belarus, South Korea's spy agency said on Thursday.",
        ),
        article(
            "https://globalpost.example/asia/second-contingent",
            "2024-12-12T10:00:00Z",
            "North Korea has deployed another 2,000 soldiers to Russia, officials said on Thursday.",
        ),
        article(
            "https://eurodaily.example/news/eu-sanctions-iran",
            "2024-12-16T18:00:00Z",
            "The European Union imposed sanctions on Iran on Monday over drone deliveries to Russia.",
        ),
        article(
            "https://globalpost.example/europe/eu-may-sanction",
            "2024-12-10T09:00:00Z",
            "The European Union could impose sanctions on North Korea next week, diplomats said on Tuesday.",
        ),
    ]
}

/// Orders of `n` items: forward, reverse and seeded shuffles (a fixed linear congruential
/// generator, so failures reproduce).
fn orders(n: usize, shuffles: u64) -> Vec<Vec<usize>> {
    let mut orders = vec![(0..n).collect::<Vec<_>>(), (0..n).rev().collect()];
    for seed in 1..=shuffles {
        let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut order: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            order.swap(i, (state >> 33) as usize % (i + 1));
        }
        orders.push(order);
    }
    orders
}

#[tokio::test]
async fn the_same_reports_in_any_order_give_the_same_events() {
    let mut articles = reports();
    articles.extend(near_misses());
    let mut signatures = Vec::new();
    for order in orders(articles.len(), 3) {
        let app = TestApp::spawn().await;
        let shuffled: Vec<Value> = order.iter().map(|&i| articles[i].clone()).collect();
        ingest_all(&app, &shuffled).await;
        signatures.push((
            format!("one at a time, order {order:?}"),
            signature(&app.all_events("modality=all").await),
        ));
    }
    // The same, as NDJSON batches of four lines.
    for order in orders(articles.len(), 1).into_iter().skip(1) {
        let app = TestApp::spawn().await;
        for batch in order.chunks(4) {
            let body: String = batch.iter().map(|&i| format!("{}\n", articles[i])).collect();
            let (status, answer) = app.post_raw("/v1/articles", "application/x-ndjson", body).await;
            assert_eq!(status, 200);
            // One line parses as a JSON object; several stay text.
            let text = answer.as_str().map(str::to_owned).unwrap_or_else(|| answer.to_string());
            assert_eq!(text.matches("\"status\":201").count(), batch.len(), "{text}");
        }
        signatures.push((
            format!("NDJSON batches, order {order:?}"),
            signature(&app.all_events("modality=all").await),
        ));
    }
    let (_, first) = &signatures[0];
    // The near misses stay events of their own: 3 stories + 4 others.
    assert_eq!(first.len(), 7, "{first:#?}");
    for (how, other) in &signatures[1..] {
        assert_eq!(first, other, "{how}");
    }
}

#[tokio::test]
async fn a_report_bridging_two_events_folds_them_into_one() {
    let app = TestApp::spawn().await;
    let article = |url: &str, published_at: &str, text: &str| json!({"url": url, "published_at": published_at, "text": text});
    // Two reports a fortnight apart are too far apart to be one deployment...
    ingest_all(
        &app,
        &[
            article(
                "https://a.example/1",
                "2024-10-10",
                "North Korea has sent 1,000 troops to Russia, officials said on Thursday.",
            ),
            article(
                "https://b.example/2",
                "2024-10-24",
                "North Korea has sent 3,000 troops to Russia, officials said on Thursday.",
            ),
        ],
    )
    .await;
    let before = app.all_events("kind=troop_deployment").await;
    assert_eq!(before.len(), 2, "{before:#?}");

    // ...until a report in between links them.
    ingest_all(
        &app,
        &[article(
            "https://c.example/3",
            "2024-10-17",
            "North Korea has sent 2,000 troops to Russia, officials said on Thursday.",
        )],
    )
    .await;

    let after = app.all_events("kind=troop_deployment").await;
    assert_eq!(after.len(), 1, "{after:#?}");
    assert_eq!(after[0]["source_count"], 3);
    let absorbed = before.iter().find(|e| e["id"] != after[0]["id"]).expect("one of the two was absorbed");
    let (status, tombstone) =
        app.get(&format!("/v1/events/{}", absorbed["id"].as_str().unwrap_or_default())).await;
    assert_eq!(status, 200);
    assert_eq!(tombstone["merged_into"], after[0]["id"]);
    crate::timeline::assert_day_counts_exact(&app).await;
}

#[tokio::test]
async fn analysts_correct_merge_split_and_retract_events_and_every_change_is_kept() {
    let app = TestApp::spawn().await;
    ingest_all(&app, &reports()).await;
    let events = app.all_events("modality=all").await;
    let treaty = one(&events, "treaty_ratified", "RUS", "PRK")["id"].as_str().unwrap_or_default().to_owned();
    let sanctions =
        one(&events, "sanctions_imposed", "EU", "PRK")["id"].as_str().unwrap_or_default().to_owned();
    let patch = |id: &str, body: Value| {
        app.client
            .patch(format!("{}/v1/events/{id}", app.base))
            .header("x-analyst", "analyst.kim")
            .json(&body)
            .send()
    };

    // Correct: the extractor's values stay visible beside the correction.
    let response = patch(
        &sanctions,
        json!({"kind": "diplomatic_downgrade", "when": {"start": "2024-12-15"},
        "location": {"name": "Brussels"}}),
    )
    .await
    .expect("patch");
    assert_eq!(response.status().as_u16(), 200);
    let corrected: Value = response.json().await.expect("json");
    assert_eq!(corrected["kind"], "diplomatic_downgrade");
    assert_eq!(corrected["when"]["start"], "2024-12-15");
    assert_eq!(corrected["location"]["country"], "BEL");
    assert_eq!(corrected["original"]["kind"], "sanctions_imposed");
    assert_eq!(corrected["sources"][0]["extracted"]["kind"], "sanctions_imposed");
    assert_eq!(corrected["corrected"], json!(["kind", "location", "when"]));
    assert!(corrected["seq"].as_i64() > one(&events, "sanctions_imposed", "EU", "PRK")["seq"].as_i64());

    let bad = patch(&sanctions, json!({"actor": "ATLANTIS", "modality": "certain"})).await.expect("patch");
    assert_eq!(bad.status().as_u16(), 422);
    // A nested value of the wrong shape is named by its path in the body.
    let nested = patch(&sanctions, json!({"when": {"start": "the day after"}})).await.expect("patch");
    assert_eq!(nested.status().as_u16(), 422);
    let problem: Value = nested.json().await.expect("problem");
    assert_eq!(problem["errors"][0]["field"], "when.start", "{problem}");

    // Merge: the treaty folds into the sanctions event (an analyst's call).
    let response = app
        .client
        .post(format!("{}/v1/events/{sanctions}/merge", app.base))
        .header("x-analyst", "analyst.kim")
        .json(&json!({"event_id": treaty}))
        .send()
        .await
        .expect("merge");
    assert_eq!(response.status().as_u16(), 200);
    let merged: Value = response.json().await.expect("json");
    assert_eq!(merged["source_count"], 6);
    assert_eq!(merged["locked"], true);
    let (_, gone) = app.get(&format!("/v1/events/{treaty}")).await;
    assert_eq!(gone["merged_into"], sanctions.as_str());
    let again = patch(&treaty, json!({"kind": "agreement"})).await.expect("patch");
    assert_eq!(again.status().as_u16(), 409, "a merged-away event is edited through its survivor");

    // Split: the three treaty reports leave again as their own event.
    let treaty_sources = sources_of_kind(&merged, "treaty_ratified");
    assert_eq!(treaty_sources.len(), 3);
    let response = app
        .client
        .post(format!("{}/v1/events/{sanctions}/split", app.base))
        .header("x-analyst", "analyst.lee")
        .json(&json!({"source_ids": treaty_sources}))
        .send()
        .await
        .expect("split");
    assert_eq!(response.status().as_u16(), 201);
    let split: Value = response.json().await.expect("json");
    assert_eq!(split["remaining"]["source_count"], 3);
    assert_eq!(split["split"]["source_count"], 3);
    assert_eq!(split["split"]["kind"], "treaty_ratified");

    // Retract: kept, flagged, out of default queries and timelines.
    let new_treaty = split["split"]["id"].as_str().unwrap_or_default().to_owned();
    let response = app
        .client
        .delete(format!("{}/v1/events/{new_treaty}", app.base))
        .header("x-analyst", "analyst.lee")
        .send()
        .await
        .expect("delete");
    assert_eq!(response.status().as_u16(), 200);
    let listed = app.all_events("modality=all").await;
    assert!(listed.iter().all(|e| e["id"] != new_treaty.as_str()));
    let with_retracted = app.all_events("modality=all&include_retracted=true").await;
    assert!(with_retracted.iter().any(|e| e["id"] == new_treaty.as_str() && e["retracted_at"].is_string()));
    let (_, timeline) = app.get("/v1/timeline?modality=all&bucket=month").await;
    assert_eq!(timeline["total"].as_i64(), Some(listed.len() as i64));

    // History: who did what, in seq order, nothing lost.
    let (_, page) = app.get(&format!("/v1/events/{sanctions}/history")).await;
    assert!(page["next_cursor"].is_null(), "one page: {page}");
    let history = &page["changes"];
    let ops: Vec<(&str, &str)> = history
        .as_array()
        .expect("history")
        .iter()
        .map(|c| (c["op"].as_str().unwrap_or(""), c["by"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(ops[0], ("created", "ingest"));
    assert!(
        history[0]["detail"]["article_id"].as_str().is_some_and(|id| id.starts_with("art_")),
        "{history}"
    );
    let absorbed =
        history.as_array().expect("history").iter().find(|c| c["op"] == "absorbed").expect("absorbed");
    assert_eq!(absorbed["detail"]["absorbed"], treaty.as_str());
    assert!(ops.contains(&("corrected", "analyst.kim")), "{ops:?}");
    assert!(ops.contains(&("absorbed", "analyst.kim")), "{ops:?}");
    assert!(ops.contains(&("split", "analyst.lee")), "{ops:?}");
    let seqs: Vec<i64> =
        history.as_array().expect("history").iter().filter_map(|c| c["seq"].as_i64()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]));

    // Page by page, following each Link: rel="next", the same changes in the same order.
    let mut paged = Vec::new();
    let mut next = Some(format!("/v1/events/{sanctions}/history?limit=2"));
    while let Some(path) = next.take() {
        let response = exchange(app.client.get(format!("{}{path}", app.base))).await;
        let link = response.headers.get("link").map(|v| v.to_str().unwrap_or_default().to_owned());
        let page: Value = serde_json::from_str(&response.text).expect("json");
        paged.extend(page["changes"].as_array().expect("changes").iter().filter_map(|c| c["seq"].as_i64()));
        match (link, page["next_cursor"].as_str()) {
            (Some(link), Some(cursor)) => {
                assert!(
                    link.ends_with("; rel=\"next\"") && link.contains(&format!("cursor={cursor}")),
                    "{link}"
                );
                next = Some(link.trim_start_matches('<').split('>').next().unwrap_or_default().to_owned());
            }
            (None, None) => {}
            other => panic!("Link and next_cursor disagree: {other:?}"),
        }
    }
    assert_eq!(paged, seqs);
    crate::timeline::assert_day_counts_exact(&app).await;
}

#[tokio::test]
async fn the_same_event_twice_in_one_article_is_one_event_with_two_evidence_spans() {
    let app = TestApp::spawn().await;
    let text = "Russia ratified a defence treaty with North Korea on Wednesday. \
                Lawmakers voted unanimously. \
                The ratification of the treaty with North Korea by Russia was welcomed in Pyongyang.";

    let (status, article) = app
        .post_json(
            "/v1/articles",
            &json!({"url": "https://x.example/t", "published_at": "2024-11-07", "text": text}),
        )
        .await;

    assert_eq!(status, 201, "{article}");
    let events = article["events"].as_array().expect("events");
    let treaty = one(events, "treaty_ratified", "RUS", "PRK");
    assert_eq!(treaty["source_count"], 1);
    assert_eq!(treaty["evidence"].as_array().map(Vec::len), Some(2), "{treaty:#}");
}

#[tokio::test]
async fn two_hosts_of_one_outlet_count_once_and_two_outlets_count_twice() {
    let article =
        |url: &str, text: &str| json!({"url": url, "published_at": "2024-10-18T06:00:00Z", "text": text});
    let first = "North Korea has sent 1,500 troops to Russia, South Korea's spy agency said on Friday.";
    let second = "North Korea has deployed about 1,500 soldiers to Russia, officials said on Friday.";
    let mut confidence = Vec::new();
    for (a, b) in [
        ("https://edition.cnn.com/2024/10/18/asia/a", "https://www.cnn.com/2024/10/18/world/b"),
        ("https://edition.cnn.com/2024/10/18/asia/a", "https://news.bbc.co.uk/world/asia/b"),
    ] {
        let app = TestApp::spawn().await;
        ingest_all(&app, &[article(a, first), article(b, second)]).await;
        let events = app.all_events("modality=all").await;
        let event = one(&events, "troop_deployment", "PRK", "RUS");
        assert_eq!(event["source_count"], 2, "{event}");
        let (_, detail) = app.get(&format!("/v1/events/{}", event["id"].as_str().unwrap_or_default())).await;
        let outlets: BTreeSet<&str> = detail["sources"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s["source_domain"].as_str())
            .collect();
        confidence.push((outlets.len(), event["confidence"].as_f64().unwrap_or(0.0)));
    }
    assert_eq!(confidence[0].0, 1, "edition.cnn.com and www.cnn.com are one outlet, cnn.com");
    assert_eq!(confidence[1].0, 2);
    assert!(confidence[1].1 > confidence[0].1, "independent outlets raise confidence more: {confidence:?}");
}

/// Counts the change log up to `seq` (all of it for `i64::MAX`) and its last number.
async fn change_log(db: &mut sqlx::PgConnection, upto: i64) -> (i64, i64) {
    sqlx::query_as("select count(*), coalesce(max(seq), 0) from event_changes where seq <= $1")
        .bind(upto)
        .fetch_one(db)
        .await
        .expect("read the change log")
}

#[tokio::test]
async fn unrelated_stories_ingest_side_by_side_and_a_change_feed_poller_misses_nothing() {
    let app = TestApp::spawn().await;
    let post = |url: &str, published_at: &str, text: &str| {
        let body = json!({"url": url, "published_at": published_at, "text": text});
        let (client, base) = (app.client.clone(), app.base.clone());
        async move {
            let response = client.post(format!("{base}/v1/articles")).json(&body).send().await.expect("send");
            (response.status().as_u16(), response.json::<Value>().await.expect("json"))
        }
    };
    let (status, first) = post(
        "https://seoulwire.example/2024/10/18/nk-troops",
        "2024-10-18T06:00:00Z",
        "North Korea has sent 1,500 special forces troops to Russia, South Korea's spy agency said on Friday.",
    )
    .await;
    assert_eq!(status, 201, "{first}");
    let deployment = first["events"][0]["id"].as_str().expect("event id").to_owned();
    let (_, stored) = app.get(&format!("/v1/events/{deployment}")).await;
    let row_id: uuid::Uuid = sqlx::query_scalar("select id from events where seq = $1")
        .bind(stored["seq"].as_i64().expect("seq"))
        .fetch_one(&mut app.sql().await)
        .await
        .expect("the event's row");

    // A long transaction elsewhere holds the deployment's row.
    let mut holder = app.sql().await;
    sqlx::query("begin").execute(&mut holder).await.expect("begin");
    sqlx::query("select 1 from events where id = $1 for update")
        .bind(row_id)
        .execute(&mut holder)
        .await
        .expect("lock the row");

    // A second report of the deployment, after a new event of its own, waits for that row.
    let waiting = tokio::spawn(post(
        "https://globalpost.example/asia/pyongyang-deploys-troops",
        "2024-10-23T14:30:00Z",
        "The European Union imposed sanctions on North Korea on Monday. \
         North Korea has deployed about 3,000 soldiers to Russia, U.S. officials said on Wednesday.",
    ));
    let mut watcher = app.sql().await;
    let mut blocked = false;
    for _ in 0..200 {
        let waits: i64 = sqlx::query_scalar(
            "select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid \
             where not l.granted and a.datname = current_database()",
        )
        .fetch_one(&mut watcher)
        .await
        .expect("read pg_locks");
        if waits > 0 {
            blocked = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(blocked, "the second report waits for the held row");

    // An unrelated story is not held up by it.
    let unrelated = tokio::time::timeout(
        std::time::Duration::from_secs(20),
        post(
            "https://eurodaily.example/news/kremlin-pact-pyongyang",
            "2024-11-08T07:00:00Z",
            "Russia ratified a strategic partnership treaty with North Korea on Wednesday, officials in Moscow said.",
        ),
    )
    .await
    .expect("an unrelated story ingests while another ingest waits");
    assert_eq!(unrelated.0, 201, "{}", unrelated.1);

    // A poller reads the change log as it stands, then the held row is let go.
    let (seen, cursor) = change_log(&mut watcher, i64::MAX).await;
    sqlx::query("commit").execute(&mut holder).await.expect("commit");
    let (status, second) = waiting.await.expect("the waiting ingest finishes");
    assert_eq!(status, 201, "{second}");
    assert!(second["events"].as_array().is_some_and(|e| e.iter().any(|e| e["id"] == deployment.as_str())));

    // Every change committed since has a number above the poller's cursor.
    let (total, _) = change_log(&mut watcher, i64::MAX).await;
    assert!(total >= seen + 2, "the waiting ingest logged its changes ({seen} -> {total})");
    assert_eq!(change_log(&mut watcher, cursor).await.0, seen, "a change appeared below the poller's cursor");
}

#[tokio::test]
async fn an_event_keeps_a_few_merge_keys_however_many_reports_it_has() {
    let app = TestApp::spawn().await;
    let reports: Vec<Value> = (0..40)
        .map(|i| {
            json!({
                "url": format!("https://outlet{}.example/story/{i}", i % 7),
                "published_at": format!("2024-10-{:02}T{:02}:00:00Z", 18 + i % 5, i % 24),
                "text": format!(
                    "North Korea has sent {} troops to Russia, officials said. Report number {i} of the day.",
                    1000 + 100 * i
                ),
            })
        })
        .collect();
    let body: String = reports.iter().map(|r| format!("{r}\n")).collect();
    let (status, answer) = app.post_raw("/v1/articles", "application/x-ndjson", body).await;
    assert_eq!(status, 200, "{answer}");

    let events = app.all_events("kind=troop_deployment").await;
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0]["source_count"], 40);
    assert_eq!(events[0]["quantity_range"]["min"], 1000.0);
    assert_eq!(events[0]["quantity_range"]["max"], 4900.0);
    let mut db = app.sql().await;
    let (keys, outlets): (i64, i64) =
        sqlx::query_as("select (select count(*) from event_profiles), (select count(*) from event_outlets)")
            .fetch_one(&mut db)
            .await
            .expect("count keys");
    assert_eq!(keys, 1, "forty undated reports over five days are one merge key");
    assert_eq!(outlets, 7);

    // An event stored before merge states existed gets one at the next start.
    sqlx::query("update events set merge_state = null").execute(&mut db).await.expect("forget");
    sqlx::query("delete from event_profiles").execute(&mut db).await.expect("forget");
    sqlx::query("delete from event_outlets").execute(&mut db).await.expect("forget");
    app.store.migrate().await.expect("migrate again");
    let rebuilt = app.all_events("kind=troop_deployment").await;
    assert_eq!(rebuilt[0]["source_count"], 40);
    assert_eq!(rebuilt[0]["confidence"], events[0]["confidence"]);
    let (keys, outlets): (i64, i64) =
        sqlx::query_as("select (select count(*) from event_profiles), (select count(*) from event_outlets)")
            .fetch_one(&mut db)
            .await
            .expect("count keys");
    assert_eq!((keys, outlets), (1, 7));
}

/// Two analysts cannot silently overwrite each other: an event carries its version as a
/// strong `ETag`; `If-None-Match` with it answers 304; `PATCH` and `DELETE` with a stale
/// `If-Match` are 412 problems and change nothing; with the current tag they go ahead and
/// answer the new tag.
#[tokio::test]
async fn edits_with_a_stale_if_match_fail_with_412_and_change_nothing() {
    let app = TestApp::spawn().await;
    ingest_all(&app, &reports()).await;
    let events = app.all_events("modality=all").await;
    let id = one(&events, "sanctions_imposed", "EU", "PRK")["id"].as_str().unwrap_or_default().to_owned();
    let url = format!("{}/v1/events/{id}", app.base);
    let tag_of = |r: &Exchange| r.headers["etag"].to_str().unwrap_or_default().to_owned();

    let first = exchange(app.client.get(&url)).await;
    let v1 = tag_of(&first);
    assert!(v1.starts_with('"') && v1.ends_with('"'), "a strong tag: {v1}");
    let cached = exchange(app.client.get(&url).header("if-none-match", &v1)).await;
    assert_eq!(cached.status, 304);

    // Kim edits version 1; Lee, still holding version 1, tries too and is refused.
    let patch = |analyst: &'static str, tag: &str, modality: &'static str| {
        exchange(
            app.client
                .patch(&url)
                .header("x-analyst", analyst)
                .header("if-match", tag)
                .json(&json!({"modality": modality})),
        )
    };
    let kim = patch("analyst.kim", &v1, "claimed").await;
    assert_eq!(kim.status, 200);
    let v2 = tag_of(&kim);
    assert_ne!(v1, v2);
    let lee = patch("analyst.lee", &v1, "planned").await;
    assert_eq!(lee.status, 412);
    assert_eq!(lee.headers["content-type"], "application/problem+json");
    let problem: Value = serde_json::from_str(&lee.text).expect("problem");
    crate::harness::assert_complete_problem(&problem, 412);
    assert!(
        problem["detail"].as_str().is_some_and(|d| d.contains(&v2)),
        "names the current version: {problem}"
    );
    let delete = |tag: &str| {
        exchange(app.client.delete(&url).header("x-analyst", "analyst.lee").header("if-match", tag))
    };
    assert_eq!(delete(&v1).await.status, 412);

    // Nothing of Lee's landed.
    let (_, event) = app.get(&format!("/v1/events/{id}")).await;
    assert_eq!(event["modality"], "claimed");
    assert!(event["retracted_at"].is_null(), "{event}");

    // With the current tag the retraction goes ahead; without If-Match an edit is unconditional.
    let retracted = delete(&v2).await;
    assert_eq!(retracted.status, 200);
    assert_ne!(tag_of(&retracted), v2);
    let unconditional =
        app.client.patch(&url).header("x-analyst", "analyst.kim").json(&json!({"modality": "asserted"}));
    assert_eq!(exchange(unconditional).await.status, 200);
}
