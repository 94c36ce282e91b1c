//! Timelines count events (not articles) per bucket, consistently with `/v1/events`.

use std::collections::BTreeMap;

use serde_json::json;

use crate::harness::TestApp;

#[tokio::test]
async fn timeline_counts_match_the_event_list_for_every_bucket_and_filter() {
    let app = TestApp::spawn().await;
    let stories = [
        ("2024-01-03", "Russia launched a missile strike on Kharkiv on January 3, 2024, officials said."),
        ("2024-01-09", "Ukraine struck a Russian air base in Crimea on January 9, 2024."),
        ("2024-01-09", "The United States imposed sanctions on Iran on January 9, 2024."),
        ("2024-02-14", "China held naval drills near Taiwan on February 14, 2024."),
        ("2024-02-20", "Japan pledged $500 million in aid to Ukraine on February 20, 2024."),
        ("2024-03-30", "Israel carried out air strikes on Gaza on March 30, 2024, the military said."),
    ];
    for (i, (date, text)) in stories.iter().enumerate() {
        let body = json!({"url": format!("https://t.example/{i}"), "published_at": date, "text": text});
        let (status, article) = app.post_json("/v1/articles", &body).await;
        assert_eq!(status, 201, "{article}");
    }

    for filter in ["", "kind=attack", "actor=RUS", "from=2024-01-05&to=2024-02-28", "modality=all"] {
        let events = app.all_events(filter).await;
        assert!(filter.contains("kind") || !events.is_empty(), "{filter}");
        let mut per_kind: BTreeMap<String, i64> = BTreeMap::new();
        for event in &events {
            *per_kind.entry(event["kind"].as_str().unwrap_or("").to_owned()).or_default() += 1;
        }
        for bucket in ["day", "week", "month"] {
            let (status, timeline) = app.get(&format!("/v1/timeline?bucket={bucket}&{filter}")).await;
            assert_eq!(status, 200, "{timeline}");
            assert_eq!(timeline["total"].as_i64(), Some(events.len() as i64), "{bucket} {filter}");
            let mut timeline_kinds: BTreeMap<String, i64> = BTreeMap::new();
            for b in timeline["buckets"].as_array().expect("buckets") {
                let by_kind = b["by_kind"].as_object().expect("by_kind");
                assert_eq!(
                    b["total"].as_i64(),
                    Some(by_kind.values().filter_map(|v| v.as_i64()).sum::<i64>())
                );
                for (kind, n) in by_kind {
                    *timeline_kinds.entry(kind.clone()).or_default() += n.as_i64().unwrap_or(0);
                }
            }
            assert_eq!(timeline_kinds, per_kind, "{bucket} {filter}");
        }
    }

    let (_, weekly) = app.get("/v1/timeline?bucket=week&from=2024-01-01&to=2024-01-31").await;
    let starts: Vec<&str> =
        weekly["buckets"].as_array().expect("buckets").iter().filter_map(|b| b["start"].as_str()).collect();
    assert_eq!(
        starts,
        vec!["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"],
        "empty weeks included"
    );
    assert_day_counts_exact(&app).await;
}

/// The day counts behind unfiltered timelines agree with the live events, and a timeline
/// answered from them with one counted from the events (a filter that matches every event
/// but is not answered from the counts: `min_confidence=0`).
pub(crate) async fn assert_day_counts_exact(app: &TestApp) {
    let mut db = app.sql().await;
    let counted: Vec<(chrono::NaiveDate, String, String, i64)> = sqlx::query_as(
        "select event_date, kind, modality, n from event_day_counts where n <> 0 order by 1, 2, 3",
    )
    .fetch_all(&mut db)
    .await
    .expect("day counts");
    let live: Vec<(chrono::NaiveDate, String, String, i64)> = sqlx::query_as(
        "select event_date, kind, modality, count(*) from events
         where merged_into is null and retracted_at is null group by 1, 2, 3 order by 1, 2, 3",
    )
    .fetch_all(&mut db)
    .await
    .expect("live events");
    assert!(!live.is_empty());
    assert_eq!(counted, live, "day counts drifted from the events");
    for filter in ["modality=all", "", "kind=sanction&modality=all", "plover=COERCE"] {
        let (_, from_counts) = app.get(&format!("/v1/timeline?bucket=week&{filter}")).await;
        let (_, from_events) = app.get(&format!("/v1/timeline?bucket=week&min_confidence=0&{filter}")).await;
        assert_eq!(from_counts["buckets"], from_events["buckets"], "{filter}");
    }
}
