//! Normalisation end to end: hand-made news pages in the styles of common CMSs against
//! their expected main text and metadata (token-level F1 and exact fields), the project's
//! seed article, the dev set's publication dates, and hostile input.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use geoevents_domain::{ArticleBody, ArticleInput, DateSource, NormalizedArticle};
use geoevents_extract::normalize::{content_hash, normalize};
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages")
}

/// The licensed data beside the repository; tests on it skip without it.
#[path = "../../../tests/support/shared_data.rs"]
mod shared_data;

fn html_input(html: String, url: Option<&str>) -> ArticleInput {
    ArticleInput {
        url: url.map(str::to_owned),
        title: None,
        published_at: None,
        source: None,
        body: ArticleBody::Html(html),
    }
}

fn text_input(text: String) -> ArticleInput {
    ArticleInput { url: None, title: None, published_at: None, source: None, body: ArticleBody::Text(text) }
}

/// Bag of lower-cased word tokens, punctuation stripped.
fn bag(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        *bag.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    bag
}

/// (matched, predicted, expected) token counts.
fn overlap(predicted: &str, expected: &str) -> (usize, usize, usize) {
    let (p, e) = (bag(predicted), bag(expected));
    let matched = p.iter().map(|(w, n)| (*n).min(e.get(w).copied().unwrap_or(0))).sum();
    (matched, p.values().sum(), e.values().sum())
}

fn f1((matched, predicted, expected): (usize, usize, usize)) -> f64 {
    if matched == 0 {
        return 0.0;
    }
    let (p, r) = (matched as f64 / predicted as f64, matched as f64 / expected as f64);
    2.0 * p * r / (p + r)
}

fn source_name(source: DateSource) -> &'static str {
    match source {
        DateSource::Given => "given",
        DateSource::Metadata => "metadata",
        DateSource::Dateline => "dateline",
        DateSource::Unknown => "unknown",
    }
}

/// Differences between the normalised article and the expected metadata.
fn metadata_mismatches(article: &NormalizedArticle, want: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |field: &str, got: Option<String>, want: Option<&str>| {
        if got.as_deref() != want {
            out.push(format!("{field}: got {got:?}, want {want:?}"));
        }
    };
    check("title", article.title.clone(), want["title"].as_str());
    check("canonical_url", article.canonical_url.clone(), want["canonical_url"].as_str());
    check("byline", article.byline.clone(), want["byline"].as_str());
    check("language", article.language.clone(), want["language"].as_str());
    check(
        "published_date",
        article.published_at.map(|d| d.date_naive().to_string()),
        want["published_date"].as_str(),
    );
    check(
        "published_at_source",
        Some(source_name(article.published_at_source).to_owned()),
        want["published_at_source"].as_str(),
    );
    if let Some(exact) = want["published_at"].as_str() {
        let want_at = DateTime::parse_from_rfc3339(exact).ok().map(|d| d.with_timezone(&Utc));
        if article.published_at != want_at {
            out.push(format!("published_at: got {:?}, want {want_at:?}", article.published_at));
        }
    }
    out
}

#[test]
fn hand_made_news_pages_give_their_main_text_and_metadata() {
    let mut names: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .map(|dir| {
            dir.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "html"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    assert!(names.len() >= 25, "expected at least 25 fixture pages, found {}", names.len());
    let mut total = (0, 0, 0);
    let mut failures = Vec::new();
    let mut report = String::new();
    for path in &names {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
        let html = std::fs::read_to_string(path).unwrap_or_default();
        let expected = std::fs::read_to_string(path.with_extension("txt")).unwrap_or_default();
        let want: Value =
            serde_json::from_str(&std::fs::read_to_string(path.with_extension("json")).unwrap_or_default())
                .unwrap_or(Value::Null);
        let (article, _) = normalize(&html_input(html, want["input_url"].as_str()));
        let counts = overlap(&article.text, &expected);
        let page_f1 = f1(counts);
        total = (total.0 + counts.0, total.1 + counts.1, total.2 + counts.2);
        report.push_str(&format!("{name:36} F1 {page_f1:.3}\n"));
        if page_f1 < 0.85 {
            failures.push(format!("{name}: F1 {page_f1:.3} below 0.85\n--- got ---\n{}\n", article.text));
        }
        for mismatch in metadata_mismatches(&article, &want) {
            failures.push(format!("{name}: {mismatch}"));
        }
        if article.text.contains("\n\n\n") || article.text.lines().any(|l| l != l.trim()) {
            failures.push(format!("{name}: paragraphs are not cleanly separated"));
        }
    }
    let total_f1 = f1(total);
    report.push_str(&format!("TOTAL {} pages F1 {total_f1:.3}\n", names.len()));
    if total_f1 < 0.95 {
        failures.push(format!("total F1 {total_f1:.3} below 0.95"));
    }
    assert!(failures.is_empty(), "{report}\n{}", failures.join("\n"));
}

#[test]
fn the_same_story_as_html_and_as_text_hashes_the_same() {
    let path = fixtures().join("01-wordpress-classic.html");
    let html = std::fs::read_to_string(&path).unwrap_or_default();
    let expected = std::fs::read_to_string(path.with_extension("txt")).unwrap_or_default();
    let (from_html, _) = normalize(&html_input(html, None));
    let (from_text, _) = normalize(&text_input(expected));
    assert!(!from_html.text.is_empty());
    assert_eq!(from_html.content_hash, from_text.content_hash);
    assert_eq!(from_text.content_hash, content_hash(&from_text.text));
}

#[test]
fn the_seed_article_comes_out_as_its_story_paragraphs() {
    let Some(raw) = shared_data::read("seeds/000_801dbc815b007bc0.txt") else { return };
    // The story, read from the file by a rule of its own: the paragraphs between the
    // headline and the comment widget.
    let paragraphs: Vec<String> = raw
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    let start = paragraphs.iter().position(|p| p.starts_with("The prospect")).unwrap_or(0);
    let end = paragraphs.iter().position(|p| p.starts_with("No comments")).unwrap_or(paragraphs.len());
    let story = paragraphs[start..end].join("\n\n");

    let (article, diagnostics) = normalize(&text_input(raw));

    assert_eq!(article.text, story);
    assert_eq!(
        article.title.as_deref(),
        Some("South Korea Alarmed by North Korea's Potential Role in Ukraine Conflict")
    );
    assert_eq!(article.published_at.map(|d| d.to_rfc3339()).as_deref(), Some("2024-10-25T00:00:00+00:00"));
    assert_eq!(article.published_at_source, DateSource::Dateline);
    assert_eq!(article.language.as_deref(), Some("en"));
    assert!(!article.text.contains("Epstein") && !article.text.contains("Post a Comment"));
    assert!(diagnostics.iter().any(|d| d.code == "furniture_removed"));
    assert!(!diagnostics.iter().any(|d| d.code == "date_not_found" || d.code == "title_not_found"));
}

#[test]
fn dev_set_articles_without_a_date_get_the_expected_publication_date() {
    let Some(lines) = shared_data::read("devset/articles.jsonl") else { return };
    let mut checked = 0;
    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
        let record: Value = serde_json::from_str(line).unwrap_or(Value::Null);
        let (Some(text), Some(want)) = (record["text"].as_str(), record["expect_published_at"].as_str())
        else {
            continue;
        };
        if !record["published_at"].is_null() {
            continue;
        }
        let body = if record["format"] == "html" {
            ArticleBody::Html(text.to_owned())
        } else {
            ArticleBody::Text(text.to_owned())
        };
        let input = ArticleInput { url: None, title: None, published_at: None, source: None, body };
        let (article, _) = normalize(&input);
        assert_eq!(
            article.published_at.map(|d| d.date_naive().to_string()).as_deref(),
            Some(want),
            "{}",
            record["id"]
        );
        checked += 1;
    }
    assert!(checked >= 1, "the dev set has at least one undated article");
}

#[test]
fn hostile_input_finishes_with_well_formed_output() {
    let story =
        "Seoul said on Friday that it was weighing a broad range of responses, including arms supplies.";
    let junk: String = (0..300_000u32)
        .map(|i| char::from_u32(i.wrapping_mul(2_654_435_761) % 0x2FFFF).unwrap_or('\u{FFFD}'))
        .collect();
    let cases: Vec<(&str, ArticleBody)> = vec![
        ("100,000 nested divs", ArticleBody::Html("<div>".repeat(100_000) + story)),
        ("100,000 unclosed inline tags", ArticleBody::Html("<p><b><i><a href=x>".repeat(25_000) + story)),
        (
            "a 5 MB single line",
            ArticleBody::Html(format!("<html><body><p>{}</p></body></html>", "word ".repeat(1_000_000))),
        ),
        ("a 5 MB single line of text", ArticleBody::Text("word ".repeat(1_000_000))),
        ("binary junk as html", ArticleBody::Html(junk.clone())),
        ("binary junk as text", ArticleBody::Text(junk)),
        ("invalid entities", ArticleBody::Html("&#xFFFFFFFFFF; &#0; &#55296; &bogus; &amp &".repeat(50_000))),
        (
            "unterminated comment and script",
            ArticleBody::Html(format!("<p>{story}<!-- <script>{}", "x".repeat(100_000))),
        ),
        ("attributes without end", ArticleBody::Html(format!("<div class=\"{}", "a ".repeat(200_000)))),
        ("empty", ArticleBody::Html(String::new())),
        (
            "deep json-ld",
            ArticleBody::Html(format!(
                "<script type=\"application/ld+json\">{}</script>",
                "[".repeat(100_000)
            )),
        ),
    ];
    for (name, body) in cases {
        let input = ArticleInput {
            url: Some("not a url".into()),
            title: None,
            published_at: None,
            source: None,
            body,
        };
        let (article, _) = normalize(&input);
        assert!(!article.text.contains("\n\n\n"), "{name}: paragraphs separated by one blank line");
        assert!(
            article.text.split("\n\n").all(|p| !p.contains('\n') && p == p.trim()),
            "{name}: clean paragraphs"
        );
        assert_eq!(article.canonical_url, None, "{name}");
    }
}

#[test]
fn normalisation_is_deterministic() {
    let html = std::fs::read_to_string(fixtures().join("04-arc-jsonld-ads.html")).unwrap_or_default();
    let input = html_input(html, Some("https://example.com/a"));
    let first = normalize(&input);
    for _ in 0..3 {
        assert_eq!(normalize(&input), first);
    }
}
