//! Exports of `/v1/events`: CSV, NDJSON and GeoJSON hold exactly the events the JSON pages
//! hold for the same filter, each read back with a real parser (a CSV reader, a JSON
//! parser), never compared as strings.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use crate::harness::{Exchange, TestApp, exchange};

const STATES: [&str; 6] = ["Russia", "Ukraine", "China", "Japan", "India", "Pakistan"];

/// A short story with two dated events (one with a place that has coordinates), a day
/// apart from the story before, with a comma, quotes and a paragraph break in its text to
/// exercise CSV quoting.
fn story(i: usize) -> Value {
    let actor = STATES[i % STATES.len()];
    let target = STATES[(i + 1) % STATES.len()];
    let day = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default() + chrono::Days::new(i as u64);
    let date = day.format("%B %-d, %Y");
    json!({
        "url": format!("https://wire.example/export-{i}"),
        "published_at": day.to_string(),
        "text": format!(
            "{actor} imposed sanctions on {target} on {date}, the \"foreign\" ministry said.\n\n\
             {actor} deployed troops to the border with {target} in Kabul on {date}."
        )
    })
}

async fn load(app: &TestApp, n: usize) {
    for i in 0..n {
        let (status, body) = app.post_json("/v1/articles", &story(i)).await;
        assert_eq!(status, 201, "{body}");
    }
}

async fn get_with(app: &TestApp, path: &str, accept: Option<&str>) -> Exchange {
    let mut request = app.client.get(format!("{}{path}", app.base));
    if let Some(accept) = accept {
        request = request.header(reqwest::header::ACCEPT, accept);
    }
    exchange(request).await
}

fn ids(events: &[Value]) -> BTreeSet<String> {
    events.iter().map(|e| e["id"].as_str().unwrap_or_default().to_owned()).collect()
}

#[tokio::test]
async fn each_export_format_holds_exactly_the_events_the_pages_hold() {
    let app = TestApp::spawn().await;
    load(&app, 12).await;
    let query = "kind=sanctions_imposed,troop_deployment&actor=RUS,CHN,IND";
    let paged = app.all_events(query).await;
    assert!(paged.len() >= 4, "the filter matches several events: {}", paged.len());
    let expected = ids(&paged);
    let by_id: BTreeMap<String, &Value> =
        paged.iter().map(|e| (e["id"].as_str().unwrap_or_default().to_owned(), e)).collect();

    // CSV, asked for by Accept: the documented columns, one record per event.
    let csv = get_with(&app, &format!("/v1/events?{query}"), Some("text/csv")).await;
    assert_eq!(csv.status, 200, "{}", csv.text);
    assert!(csv.headers["content-type"].to_str().unwrap_or("").starts_with("text/csv"));
    let mut reader = csv::Reader::from_reader(csv.text.as_bytes());
    let header: Vec<String> = reader.headers().expect("a header row").iter().map(str::to_owned).collect();
    assert_eq!(header.first().map(String::as_str), Some("id"));
    let column =
        |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("column {name}"));
    let mut csv_ids = BTreeSet::new();
    for record in reader.records() {
        let record = record.expect("a well-formed CSV record");
        assert_eq!(record.len(), header.len());
        let id = record[column("id")].to_owned();
        let event = by_id.get(&id).unwrap_or_else(|| panic!("{id} is not in the pages"));
        assert_eq!(&record[column("kind")], event["kind"].as_str().unwrap_or_default());
        assert_eq!(&record[column("actor_code")], event["actor"]["code"].as_str().unwrap_or_default());
        assert_eq!(&record[column("modality")], event["modality"].as_str().unwrap_or_default());
        assert_eq!(
            &record[column("evidence_sentence")],
            event["evidence"][0]["sentence"].as_str().unwrap_or_default(),
            "the sentence survives its commas and quotes"
        );
        assert_eq!(&record[column("evidence_url")], event["evidence"][0]["url"].as_str().unwrap_or_default());
        csv_ids.insert(id);
    }
    assert_eq!(csv_ids, expected);

    // NDJSON, asked for by `format`: the JSON event of the pages, one a line.
    let ndjson = get_with(&app, &format!("/v1/events?{query}&format=ndjson"), None).await;
    assert_eq!(ndjson.status, 200, "{}", ndjson.text);
    let lines: Vec<Value> =
        ndjson.text.lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
    assert_eq!(lines.len(), expected.len());
    assert_eq!(ids(&lines), expected);
    for line in &lines {
        assert_eq!(&line["kind"], &by_id[line["id"].as_str().unwrap_or_default()]["kind"]);
    }

    // GeoJSON: a FeatureCollection; a Feature with a place has a Point at its coordinates.
    let geo = get_with(&app, &format!("/v1/events?{query}"), Some("application/geo+json")).await;
    assert_eq!(geo.status, 200, "{}", geo.text);
    let collection: Value = serde_json::from_str(&geo.text).expect("GeoJSON is JSON");
    assert_eq!(collection["type"], "FeatureCollection");
    let features = collection["features"].as_array().expect("features");
    let mut with_points = 0;
    for feature in features {
        assert_eq!(feature["type"], "Feature");
        assert_eq!(feature["id"], feature["properties"]["id"]);
        let place = &feature["properties"]["location"];
        match feature["geometry"].as_object() {
            Some(point) => {
                assert_eq!(point["type"], "Point");
                let coordinates = point["coordinates"].as_array().expect("coordinates");
                assert_eq!(coordinates.len(), 2);
                assert_eq!(coordinates[0], place["lon"], "longitude first");
                assert_eq!(coordinates[1], place["lat"]);
                let (lon, lat) =
                    (coordinates[0].as_f64().unwrap_or(999.0), coordinates[1].as_f64().unwrap_or(999.0));
                assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
                with_points += 1;
            }
            None => assert!(feature["geometry"].is_null() && place["lat"].is_null()),
        }
    }
    assert!(with_points > 0, "some events have a place");
    let geo_ids: BTreeSet<String> =
        features.iter().map(|f| f["id"].as_str().unwrap_or_default().to_owned()).collect();
    assert_eq!(geo_ids, expected);
}

#[tokio::test]
async fn an_export_streams_past_any_page_size_and_polls_answer_304() {
    let app = TestApp::spawn().await;
    // More events than one export batch (500) holds, loaded in one NDJSON request.
    let mut body = String::new();
    for i in 0..520 {
        body.push_str(&story(i).to_string());
        body.push('\n');
    }
    let (status, report) = app.post_raw("/v1/articles", "application/x-ndjson", body).await;
    assert_eq!(status, 200, "{report}");
    let all = app.all_events("").await.len();
    assert!(all > 500, "the export must cross a batch boundary: {all} events");

    let export = get_with(&app, "/v1/events?format=csv", None).await;
    assert_eq!(export.status, 200);
    let mut reader = csv::Reader::from_reader(export.text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a CSV record")).collect();
    assert_eq!(rows.len(), all, "no row cap, no row twice");
    let unique: BTreeSet<&str> = rows.iter().map(|r| r.get(0).unwrap_or_default()).collect();
    assert_eq!(unique.len(), all);

    // The export is versioned like the page, separately from it.
    let tag = export.headers["etag"].to_str().expect("an ETag").to_owned();
    let page = get_with(&app, "/v1/events", None).await;
    assert_ne!(page.headers["etag"].to_str().unwrap_or(""), tag, "the JSON page has its own tag");
    let again = exchange(
        app.client
            .get(format!("{}/v1/events?format=csv", app.base))
            .header(reqwest::header::IF_NONE_MATCH, &tag),
    )
    .await;
    assert_eq!(again.status, 304);
}

#[tokio::test]
async fn an_export_rejects_pages_and_unknown_formats_with_a_problem() {
    let app = TestApp::spawn().await;
    load(&app, 2).await;
    for (path, field) in [
        ("/v1/events?format=xlsx", "format"),
        ("/v1/events?format=csv&limit=10", "limit"),
        ("/v1/events?format=geojson&cursor=abc", "cursor"),
        ("/v1/events?format=ndjson&colour=red", "colour"),
    ] {
        let (status, problem) = app.get(path).await;
        assert_eq!(status, 400, "{path}: {problem}");
        assert!(problem.to_string().contains(field), "{path} names {field}: {problem}");
    }
    // `format=json` and an Accept of JSON keep the page.
    let (status, page) = app.get("/v1/events?format=json").await;
    assert_eq!(status, 200);
    assert!(page["events"].is_array());
}
