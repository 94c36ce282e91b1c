//! Bad input gets a clear problem+json with the right status and the field at fault, and
//! nothing is half-written.

use geoevents_api::ApiConfig;
use serde_json::json;

use crate::harness::{TestApp, open_writes};

#[tokio::test]
async fn malformed_json_is_a_400_saying_where() {
    let app = TestApp::spawn().await;

    let (status, problem) = app.post_raw("/v1/articles", "application/json", "{\"text\": \"abc\",}").await;

    assert_eq!(status, 400);
    assert_eq!(problem["status"], 400);
    assert!(problem["detail"].as_str().is_some_and(|d| d.contains("line 1")), "{problem}");
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_413() {
    let app = TestApp::spawn_with(ApiConfig { max_body_bytes: 1024, ..open_writes() }).await;
    let text = "Russia attacked Ukraine. ".repeat(100);

    let (json_status, _) = app.post_json("/v1/articles", &json!({ "text": text })).await;
    let (text_status, problem) = app.post_raw("/v1/articles", "text/plain", text.clone()).await;
    let (extract_status, _) = app.post_raw("/v1/extract", "text/plain", text).await;

    assert_eq!((json_status, text_status, extract_status), (413, 413, 413));
    assert!(problem["detail"].as_str().is_some_and(|d| d.contains("1024")));
}

#[tokio::test]
async fn an_unsupported_or_missing_content_type_is_a_415() {
    let app = TestApp::spawn().await;

    let (unsupported, problem) = app.post_raw("/v1/articles", "application/pdf", "%PDF").await;
    let response =
        app.client.post(format!("{}/v1/articles", app.base)).body("no type").send().await.expect("response");

    assert_eq!(unsupported, 415);
    assert!(problem["detail"].as_str().is_some_and(|d| d.contains("application/pdf")));
    assert_eq!(response.status().as_u16(), 415);
}

#[tokio::test]
async fn invalid_fields_are_422s_naming_every_field() {
    let app = TestApp::spawn().await;
    let cases = [
        (json!({"url": "ftp://x.org/a", "text": "Text."}), vec!["url"]),
        (json!({"published_at": "last Tuesday", "text": "Text."}), vec!["published_at"]),
        (json!({"text": "   "}), vec!["text"]),
        (json!({"title": "no body"}), vec!["text"]),
        (
            json!({"url": "nope", "published_at": "2024-13-45", "text": ""}),
            vec!["url", "published_at", "text"],
        ),
        (json!({"text": "Text.", "author": "someone"}), vec!["author"]),
        // Every unknown member at once, named from the request type's own schema.
        (json!({"text": "Text.", "author": "someone", "tags": []}), vec!["author", "tags"]),
        // The deserializer's path names the field of the wrong type.
        (json!({"text": 42}), vec!["text"]),
    ];

    for (body, fields) in cases {
        let (status, problem) = app.post_json("/v1/articles", &body).await;
        assert_eq!(status, 422, "{body}: {problem}");
        let named: Vec<&str> = problem["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .filter_map(|e| e["field"].as_str())
            .collect();
        assert_eq!(named, fields, "{body}");
    }

    let (_, page) = app.get("/v1/events?modality=all").await;
    assert_eq!(page["events"].as_array().map(Vec::len), Some(0), "nothing was written");
}

#[tokio::test]
async fn an_html_page_without_any_text_is_a_422() {
    let app = TestApp::spawn().await;

    let (status, problem) = app
        .post_raw("/v1/articles", "text/html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
        .await;

    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "html");
}

#[tokio::test]
async fn unknown_ids_routes_and_methods_are_problems() {
    let app = TestApp::spawn().await;

    let cases = [
        ("/v1/articles/art_01M8CTPNRMES5BW79N8XANN73Y", 404),
        ("/v1/articles/not-an-id", 404),
        ("/v1/events/evt_01M8CTPNRMES5BW79N8XANN73Y", 404),
        ("/v1/events/00000000-0000-0000-0000-000000000000", 404),
        ("/v1/nothing-here", 404),
    ];
    for (path, want) in cases {
        let (status, problem) = app.get(path).await;
        assert_eq!(status, want, "{path}");
        assert_eq!(problem["status"], want);
    }
    let response = app.client.delete(format!("{}/v1/timeline", app.base)).send().await.expect("response");
    assert_eq!(response.status().as_u16(), 405);
    assert_eq!(response.headers()["content-type"], "application/problem+json");
}

#[tokio::test]
async fn bad_query_parameters_are_400s_naming_them() {
    let app = TestApp::spawn().await;

    let cases = [
        ("/v1/events?kind=bombing", "kind"),
        ("/v1/events?limit=501", "limit"),
        ("/v1/events?limit=0", "limit"),
        ("/v1/events?cursor=garbage", "cursor"),
        ("/v1/events?from=2024-02-30", "from"),
        ("/v1/events?from=2024-03-01&to=2024-02-01", "from"),
        ("/v1/events?modality=certain", "modality"),
        ("/v1/events?min_confidence=high", "min_confidence"),
        ("/v1/events?colour=red", "colour"),
        ("/v1/timeline?bucket=year", "bucket"),
        ("/v1/timeline?limit=5", "limit"),
        ("/v1/articles?title=x", "title"),
    ];
    // A text submission's metadata parameters are read into a typed struct: an unknown one
    // is named, on both endpoints that take them.
    for path in ["/v1/articles?colour=red&title=x", "/v1/extract?colour=red"] {
        let (status, problem) = app.post_raw(path, "text/plain", "Russia attacked Ukraine.").await;
        assert_eq!(status, 400, "{path}: {problem}");
        assert_eq!(problem["errors"][0]["field"], "colour", "{path}: {problem}");
    }
    for (path, field) in cases {
        let (status, problem) = if path.starts_with("/v1/articles") {
            app.post_raw(path, "text/plain", "Russia attacked Ukraine.").await
        } else {
            app.get(path).await
        };
        if path.starts_with("/v1/articles") {
            assert_eq!(status, 201, "title is a valid parameter of text submissions: {problem}");
            continue;
        }
        assert_eq!(status, 400, "{path}: {problem}");
        assert_eq!(problem["errors"][0]["field"], field, "{path}: {problem}");
    }
}

#[tokio::test]
async fn non_utf8_text_is_refused_unless_a_charset_says_latin1() {
    let app = TestApp::spawn().await;
    let latin1: Vec<u8> = b"France condemned the attack on the caf\xe9 in Bamako on Monday.".to_vec();

    let (refused, problem) = app.post_raw("/v1/articles", "text/plain", latin1.clone()).await;
    let (accepted, article) = app.post_raw("/v1/articles", "text/plain; charset=ISO-8859-1", latin1).await;

    assert_eq!(refused, 400, "{problem}");
    assert_eq!(accepted, 201, "{article}");
    assert!(article["text"].as_str().is_some_and(|t| t.contains("café")));
}

/// A request the service cannot answer in time is a 503 problem that says when to retry,
/// not an empty body; and the problem names the request by the id the client sent.
#[tokio::test]
async fn a_timeout_is_a_503_problem_with_retry_after_and_the_clients_request_id() {
    let config = ApiConfig { request_timeout: std::time::Duration::from_millis(1), ..open_writes() };
    let app = TestApp::spawn_with(config).await;
    let text = "Russia attacked Ukraine on Monday, officials said. ".repeat(2000);

    let request = app
        .client
        .post(format!("{}/v1/extract", app.base))
        .header("content-type", "text/plain")
        .header("x-request-id", "batch-7-line-3")
        .body(text);
    let response = crate::harness::exchange(request).await;

    assert_eq!(response.status, 503);
    assert_eq!(response.headers["content-type"], "application/problem+json");
    assert_eq!(response.headers["retry-after"], "5");
    assert_eq!(response.headers["x-request-id"], "batch-7-line-3");
    let problem: serde_json::Value = serde_json::from_str(&response.text).expect("a problem body");
    crate::harness::assert_complete_problem(&problem, 503);
    assert_eq!(problem["instance"], "/v1/extract#request=batch-7-line-3");
}

/// Legacy encodings are read as declared, in the header or in the page: windows-1252's
/// quotes and dashes arrive as quotes and dashes, not control characters.
#[tokio::test]
async fn legacy_charsets_are_decoded_from_the_header_or_the_pages_meta() {
    let app = TestApp::spawn().await;
    let text: Vec<u8> =
        b"France condemned the attack on Mali \x97 \x93a grave violation\x94, officials said on Monday."
            .to_vec();
    let page: Vec<u8> = [
        &b"<html><head><meta charset=\"windows-1252\"><title>Paris condemns attack</title></head><body><article>"[..],
        &b"<p>France condemned the attack on Mali on Monday \x97 \x93a grave violation\x94, officials said.</p>"[..],
        &b"<p>The foreign ministry summoned the Malian ambassador.</p></article></body></html>"[..],
    ]
    .concat();

    let (declared, article) = app.post_raw("/v1/articles", "text/plain; charset=windows-1252", text).await;
    let (from_meta, page_article) = app.post_raw("/v1/articles", "text/html", page).await;
    let (unknown, problem) = app.post_raw("/v1/articles", "text/plain; charset=klingon", "Text.").await;

    assert_eq!(declared, 201, "{article}");
    assert!(article["text"].as_str().is_some_and(|t| t.contains("Mali — “a grave violation”")), "{article}");
    assert_eq!(from_meta, 201, "{page_article}");
    assert!(
        page_article["text"].as_str().is_some_and(|t| t.contains("“a grave violation”")),
        "{page_article}"
    );
    assert_eq!(unknown, 415);
    assert!(problem["detail"].as_str().is_some_and(|d| d.contains("klingon")), "{problem}");
}

/// A NUL character can reach no query and no stored field: it is a 4xx naming where it was,
/// never a database error.
#[tokio::test]
async fn nul_characters_are_refused_where_they_arrive() {
    let app = TestApp::spawn().await;

    for path in ["/v1/events?q=a%00b", "/v1/articles?q=a%00b", "/v1/timeline?q=%00"] {
        let (status, problem) = app.get(path).await;
        assert_eq!(status, 400, "{path}: {problem}");
        assert_eq!(problem["errors"][0]["field"], "q", "{path}: {problem}");
    }
    let request = app
        .client
        .patch(format!("{}/v1/events/evt_01M8CTPNRMES5BW79N8XANN73Y", app.base))
        .json(&json!({"actor": {"code": "RUS", "name": "a\u{0}b"}}));
    let response = crate::harness::exchange(request).await;
    assert_eq!(response.status, 422, "{}", response.text);
    assert!(response.text.contains("actor.name"), "{}", response.text);
}
