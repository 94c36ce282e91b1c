//! Normalisation speed: a typical 100 KB news page (a fixture story inside the scripts,
//! styles, menus and teaser lists that make up most of a real page's bytes), each fixture
//! page, a plain-text article, and hostile input. Run with
//! `cargo bench -p geoevents-extract --bench normalize`; divan reports bytes per second.

use std::path::Path;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use geoevents_domain::{ArticleBody, ArticleInput};
use geoevents_extract::normalize::normalize;

fn main() {
    divan::main();
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages").join(name);
    std::fs::read_to_string(path).unwrap_or_default()
}

fn html(body: String) -> ArticleInput {
    ArticleInput {
        url: Some("https://example.com/news/a".into()),
        title: None,
        published_at: None,
        source: None,
        body: ArticleBody::Html(body),
    }
}

/// A fixture page padded to about 100 KB with the furniture real pages carry: a large
/// inline script, a style sheet, a mega-menu and lists of teasers.
fn typical_page() -> String {
    let page = fixture("04-arc-jsonld-ads.html");
    let script = format!(
        "<script>window.__STATE__={{\"items\":[{}]}};</script>",
        "{\"id\":1,\"t\":\"headline text here\"},".repeat(1200)
    );
    let style = format!("<style>{}</style>", ".c-a{margin:0 auto;padding:4px}".repeat(300));
    let menu = format!(
        "<nav class=\"mega-menu\"><ul>{}</ul></nav>",
        "<li><a href=\"/section/x\">Section name</a></li>".repeat(250)
    );
    let teasers = format!(
        "<section class=\"related\">{}</section>",
        "<article class=\"card\"><h3><a href=\"/n/1\">Another headline about something else</a></h3><p>A short summary of the other story that trails off...</p></article>".repeat(80)
    );
    page.replacen("</head>", &format!("{style}{script}</head>"), 1)
        .replacen("<main", &format!("{menu}<main"), 1)
        .replacen("</body>", &format!("{teasers}</body>"), 1)
}

#[divan::bench]
fn typical_100kb_page(bencher: Bencher) {
    let input = html(typical_page());
    let len = match &input.body {
        ArticleBody::Html(h) => h.len(),
        ArticleBody::Text(t) => t.len(),
    };
    bencher.counter(BytesCount::new(len)).bench(|| normalize(black_box(&input)));
}

#[divan::bench(args = ["01-wordpress-classic.html", "05-bbc-text-blocks.html", "14-long-comment-thread.html", "18-br-paragraphs.html"])]
fn fixture_page(bencher: Bencher, name: &str) {
    let body = fixture(name);
    let len = body.len();
    let input = html(body);
    bencher.counter(BytesCount::new(len)).bench(|| normalize(black_box(&input)));
}

#[divan::bench]
fn plain_text_article(bencher: Bencher) {
    let paragraph = "Seoul said on Friday that it was weighing a broad range of responses, including arms supplies, after reports that troops had been sent to Russia.\n\n";
    let text = format!(
        "Friday, October 25, 2024\n\nSeoul Weighs Its Options\n\n{}No comments:\n\nPost a Comment\n",
        paragraph.repeat(20)
    );
    let len = text.len();
    let input = ArticleInput {
        url: None,
        title: None,
        published_at: None,
        source: None,
        body: ArticleBody::Text(text),
    };
    bencher.counter(BytesCount::new(len)).bench(|| normalize(black_box(&input)));
}

#[divan::bench]
fn hostile_100k_nested_divs(bencher: Bencher) {
    let body = "<div>".repeat(100_000) + "text";
    let len = body.len();
    let input = html(body);
    bencher.counter(BytesCount::new(len)).bench(|| normalize(black_box(&input)));
}

#[divan::bench(sample_count = 10)]
fn hostile_5mb_single_line(bencher: Bencher) {
    let body = format!("<p>{}</p>", "word, ".repeat(750_000));
    let len = body.len();
    let input = html(body);
    bencher.counter(BytesCount::new(len)).bench(|| normalize(black_box(&input)));
}
