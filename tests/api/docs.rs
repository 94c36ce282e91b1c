//! The API describes itself: `/openapi.json` is the OpenAPI 3.1 document, and `/docs` is a
//! page that renders it with every asset served by the binary itself.

use crate::harness::{TestApp, exchange};

#[tokio::test]
async fn the_document_is_served_and_names_every_list_parameter_with_its_values() {
    let app = TestApp::spawn().await;

    let (status, document) = app.get("/openapi.json").await;

    assert_eq!(status, 200);
    assert_eq!(document["openapi"], "3.1.0");
    let parameters =
        document["paths"]["/v1/events"]["get"]["parameters"].as_array().cloned().unwrap_or_default();
    let named = |name: &str| parameters.iter().find(|p| p["name"] == name).cloned().unwrap_or_default();
    assert_eq!(named("limit")["schema"]["default"], 50);
    assert_eq!(named("limit")["schema"]["maximum"], 500);
    let kinds = named("kind")["schema"]["items"]["enum"].as_array().map(Vec::len).unwrap_or_default();
    assert!(kinds > 20, "{}", named("kind"));
    assert!(named("If-None-Match")["in"] == "header");
    let post = &document["paths"]["/v1/articles"]["post"];
    for media in ["application/json", "application/x-ndjson", "text/plain", "text/html"] {
        assert!(post["requestBody"]["content"][media].is_object(), "no {media} body documented");
    }
    assert!(post["responses"]["201"]["headers"]["Location"].is_object());
}

/// The page and everything it loads come from the service: no address outside it, so it
/// works with the network off.
#[tokio::test]
async fn the_docs_page_loads_only_assets_the_service_serves() {
    let app = TestApp::spawn().await;

    let page = exchange(app.client.get(format!("{}/docs/", app.base))).await;

    assert_eq!(page.status, 200);
    assert!(page.headers["content-type"].to_str().is_ok_and(|t| t.starts_with("text/html")));
    let mut assets = Vec::new();
    for attribute in ["src=\"", "href=\""] {
        for (at, _) in page.text.match_indices(attribute) {
            let value = &page.text[at + attribute.len()..];
            assets.push(value[..value.find('"').unwrap_or(0)].to_owned());
        }
    }
    assert!(assets.len() >= 3, "the page loads its script and styles: {assets:?}");
    for asset in &assets {
        assert!(!asset.contains("//"), "{asset} is loaded from elsewhere");
        let url = format!("{}/docs/{}", app.base, asset.trim_start_matches("./"));
        let response = exchange(app.client.get(&url)).await;
        assert_eq!(response.status, 200, "{asset}");
        assert!(!response.text.is_empty(), "{asset}");
    }
    let initializer = exchange(app.client.get(format!("{}/docs/swagger-initializer.js", app.base))).await;
    assert_eq!(initializer.status, 200);
    assert!(initializer.text.contains("/openapi.json"), "{}", initializer.text);
    assert!(!initializer.text.contains("https://"), "the page reaches out: {}", initializer.text);
}
