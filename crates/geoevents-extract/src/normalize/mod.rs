//! Normalisation: turns plain text or a raw HTML page into the article's main text and
//! metadata (title, publication date, canonical URL, byline, language). Evidence offsets
//! refer to the text produced here: paragraphs separated by exactly one blank line,
//! whitespace inside a paragraph folded to single spaces, no markup, entities decoded.
//!
//! What the client sent wins: a given title, publication time or URL is kept, and the
//! page is only searched for what is missing. A page's `<link rel=canonical>` is used
//! over the given URL when it is on the same site (same registrable domain, so
//! `amp.example.com` and `www.example.com` agree): it is the publisher's own key for AMP,
//! mobile and tracking variants of a page. One pointing at another site (syndicated
//! copies) or at a site's home page (a common CMS misconfiguration) is ignored.
//!
//! Modules: `dom` and `entities` parse HTML; `html` finds the main text; `metadata`
//! reads titles, dates, links and bylines; `plain` cleans text articles; `furniture` and
//! `prose` judge lines and paragraphs for both; `dates` and `language` do one job each.
//! URLs are canonicalised, resolved and grouped by outlet in `geoevents_domain::links`.

mod dates;
mod dom;
mod entities;
mod furniture;
mod html;
mod language;
mod metadata;
mod plain;
mod prose;

pub use geoevents_domain::links::canonicalize as canonicalize_url;

use chrono::{DateTime, NaiveDate, Utc};
use geoevents_domain::{ArticleBody, ArticleInput, DateSource, Diagnostic, NormalizedArticle, links};
use sha2::{Digest, Sha256};

/// Normalises an article. Never fails: unusable input gives an empty text and a diagnostic.
pub fn normalize(input: &ArticleInput) -> (NormalizedArticle, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let given_title = input.title.as_deref().map(prose::collapse_whitespace).filter(|t| !t.is_empty());
    let given_url = input.url.as_deref().and_then(links::canonicalize);
    let page = match &input.body {
        ArticleBody::Html(html) => read_html(html, input, given_title.as_deref(), &mut diagnostics),
        ArticleBody::Text(text) if looks_like_html(text) => {
            diagnostics
                .push(Diagnostic::info("html_sniffed", "the text body is an HTML page and was read as one"));
            read_html(text, input, given_title.as_deref(), &mut diagnostics)
        }
        ArticleBody::Text(text) => read_plain(text, given_title.as_deref(), &mut diagnostics),
    };
    let text = page.paragraphs.join("\n\n");
    if text.is_empty() {
        diagnostics.push(Diagnostic::warning("no_main_text", "no usable article text was found"));
    }
    let canonical_url = choose_url(given_url, page.canonical.as_deref(), input.url.as_deref());
    let raw_body = match &input.body {
        ArticleBody::Html(body) | ArticleBody::Text(body) => body.as_str(),
    };
    let (published_at, published_at_source) =
        choose_date(input.published_at, &page, canonical_url.as_deref(), raw_body, &mut diagnostics);
    let title = given_title.or(page.title);
    if title.is_none() {
        diagnostics.push(Diagnostic::warning("title_not_found", "no title was given or found"));
    }
    let language = language::detect(&text).map(str::to_owned);
    match language.as_deref() {
        Some("en") => {}
        Some(lang) => diagnostics.push(Diagnostic::warning(
            "non_english_text",
            format!("the text looks like language `{lang}`; events are only extracted from English"),
        )),
        None if language::clearly_not_english(&text) => diagnostics.push(Diagnostic::warning(
            "non_english_text",
            "the text is not English (language not identified); events are only extracted from English",
        )),
        None => {}
    }
    let article = NormalizedArticle {
        title,
        published_at,
        published_at_source,
        canonical_url,
        byline: page.byline,
        language,
        content_hash: content_hash(&text),
        text,
    };
    (article, diagnostics)
}

/// What either reader found in the body.
#[derive(Debug, Default)]
struct Page {
    paragraphs: Vec<String>,
    title: Option<String>,
    metadata_date: Option<DateTime<Utc>>,
    dateline: Option<dates::Dateline>,
    canonical: Option<String>,
    byline: Option<String>,
}

/// A text body that is really markup: it opens with a doctype or an `<html>` tag, or
/// with a tag and closes paragraphs or blocks somewhere (a pasted HTML fragment).
fn looks_like_html(text: &str) -> bool {
    let trimmed = text.trim_start();
    let head: String = trimmed.chars().take(15).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (trimmed.starts_with('<')
            && ["</p>", "</P>", "</div>", "</DIV>", "<br", "<BR"].iter().any(|t| trimmed.contains(t)))
}

fn read_html(
    html: &str,
    input: &ArticleInput,
    given_title: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Page {
    let dom = dom::parse(html);
    let meta = metadata::read(&dom);
    let host = input.url.as_deref().and_then(links::host);
    let found_title = metadata::choose_title(&meta, host.as_deref());
    let title_for_text = given_title.map(str::to_owned).or_else(|| found_title.clone());
    let main = html::extract(&dom, &meta, title_for_text.as_deref());
    if main.used_fallback {
        diagnostics.push(Diagnostic::warning(
            "html_fallback_used",
            "no main content block was found; prose paragraphs were collected from the whole page",
        ));
    }
    if main.used_json_ld {
        diagnostics.push(Diagnostic::info(
            "json_ld_body_used",
            "the text was taken from the page's JSON-LD articleBody",
        ));
    }
    if main.dropped.0 > 0 {
        diagnostics.push(Diagnostic::info(
            "furniture_removed",
            format!(
                "{} blocks ({} characters) of page furniture were dropped from the content",
                main.dropped.0, main.dropped.1
            ),
        ));
    }
    let base = input.url.as_deref();
    let canonical = meta
        .canonical
        .as_deref()
        .and_then(|c| links::resolve(c, base))
        .or_else(|| meta.og_url.as_deref().and_then(|c| links::resolve(c, base)));
    Page {
        paragraphs: main.blocks.into_iter().map(|b| b.text).collect(),
        title: found_title,
        metadata_date: meta.published,
        dateline: main.visible_date,
        canonical,
        byline: meta.byline,
    }
}

fn read_plain(text: &str, given_title: Option<&str>, diagnostics: &mut Vec<Diagnostic>) -> Page {
    let article = plain::clean(text, given_title);
    if article.dropped.0 > 0 {
        diagnostics.push(Diagnostic::info(
            "furniture_removed",
            format!(
                "{} paragraphs ({} characters) of page furniture were dropped",
                article.dropped.0, article.dropped.1
            ),
        ));
    }
    Page {
        paragraphs: article.paragraphs,
        title: article.title,
        dateline: article.dateline,
        ..Page::default()
    }
}

/// The given URL, unless the page names a canonical URL on the same site.
fn choose_url(given: Option<String>, page: Option<&str>, raw_given: Option<&str>) -> Option<String> {
    let Some(page) = page.and_then(links::canonicalize) else { return given };
    let Some(given) = given else { return Some(page) };
    let same_site =
        links::outlet(&page).is_some() && links::outlet(&page) == raw_given.and_then(links::outlet);
    let page_is_home =
        page.split_once("://").is_some_and(|(_, rest)| rest.find('/').is_none_or(|i| rest[i..] == *"/"));
    if same_site && !page_is_home { Some(page) } else { Some(given) }
}

/// Publication date by precedence: given, metadata (meta tags, JSON-LD, `<time>`), a
/// visible dateline, a date in the URL path (reported as metadata), then a wire dateline
/// whose year comes from the page's copyright notice.
fn choose_date(
    given: Option<DateTime<Utc>>,
    page: &Page,
    url: Option<&str>,
    raw_body: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<DateTime<Utc>>, DateSource) {
    if given.is_some() {
        return (given, DateSource::Given);
    }
    if let Some(at) = page.metadata_date {
        return (Some(at), DateSource::Metadata);
    }
    if let Some(d) = page.dateline {
        return (Some(d.at), DateSource::Dateline);
    }
    let url_date = url.and_then(dates::date_in_url);
    if let Some(date) = url_date {
        return (Some(dates::midnight(date)), DateSource::Metadata);
    }
    // A wire dateline has no year: take it from the page's copyright notice.
    let wire = page.paragraphs.first().and_then(|p| dates::wire_dateline(p));
    if let Some((month, day)) = wire
        && let Some(year) = dates::copyright_year(raw_body)
        && let Some(date) = NaiveDate::from_ymd_opt(year, month, day)
    {
        return (Some(dates::midnight(date)), DateSource::Dateline);
    }
    diagnostics.push(Diagnostic::warning("date_not_found", "no publication date was given or found"));
    (None, DateSource::Unknown)
}

/// SHA-256 over the text with whitespace collapsed and letters lower-cased, so the same
/// story arriving as HTML or as text, or with different spacing, hashes the same.
pub fn content_hash(text: &str) -> String {
    let mut hasher = Sha256::new();
    let mut first = true;
    // ASCII words are lower-cased in a reused buffer; others keep `str::to_lowercase`
    // (final sigma and other context rules), so the hash is what it always was.
    let mut ascii = Vec::new();
    for word in text.split_whitespace() {
        if !first {
            hasher.update(b" ");
        }
        first = false;
        if word.is_ascii() {
            ascii.clear();
            ascii.extend(word.bytes().map(|b| b.to_ascii_lowercase()));
            hasher.update(&ascii);
        } else {
            hasher.update(word.to_lowercase().as_bytes());
        }
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(64);
    for b in hasher.finalize() {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str =
        "Seoul said on Friday that it was weighing a broad range of responses, including arms supplies.";

    fn input(body: ArticleBody, url: Option<&str>, title: Option<&str>, date: Option<&str>) -> ArticleInput {
        ArticleInput {
            url: url.map(str::to_owned),
            title: title.map(str::to_owned),
            published_at: date
                .and_then(|d| DateTime::parse_from_rfc3339(d).ok())
                .map(|d| d.with_timezone(&Utc)),
            source: None,
            body,
        }
    }

    #[test]
    fn publication_dates_follow_the_documented_precedence() {
        let meta = format!(
            r#"<html><head><meta property="article:published_time" content="2024-10-20T10:00:00Z"></head><body><p>October 21, 2024</p><p>{STORY}</p></body></html>"#
        );
        let visible = format!("<html><body><p>October 21, 2024</p><p>{STORY}</p></body></html>");
        let bare = format!("<html><body><p>{STORY}</p></body></html>");
        let wire = format!("SEOUL, Oct 25 (Reuters) - {STORY}\n\n{STORY}\n\n© 2024 Example Wire");
        let cases = [
            (
                ArticleBody::Html(meta.clone()),
                None,
                Some("2024-10-01T00:00:00Z"),
                "2024-10-01",
                DateSource::Given,
            ),
            (ArticleBody::Html(meta), None, None, "2024-10-20", DateSource::Metadata),
            (
                ArticleBody::Html(visible),
                Some("https://x.example/2024/10/22/a"),
                None,
                "2024-10-21",
                DateSource::Dateline,
            ),
            (
                ArticleBody::Html(bare),
                Some("https://x.example/2024/10/22/a"),
                None,
                "2024-10-22",
                DateSource::Metadata,
            ),
            (ArticleBody::Text(wire), None, None, "2024-10-25", DateSource::Dateline),
        ];
        for (body, url, given, want, source) in cases {
            let (article, _) = normalize(&input(body, url, None, given));
            assert_eq!(article.published_at.map(|d| d.date_naive().to_string()).as_deref(), Some(want));
            assert_eq!(article.published_at_source, source, "{want}");
        }
    }

    #[test]
    fn a_wire_dateline_without_any_year_gives_no_date() {
        let text = format!("SEOUL, Oct 25 (Reuters) - {STORY}\n\n{STORY}");
        let (article, diagnostics) = normalize(&input(ArticleBody::Text(text), None, None, None));
        assert_eq!(article.published_at, None);
        assert_eq!(article.published_at_source, DateSource::Unknown);
        assert!(diagnostics.iter().any(|d| d.code == "date_not_found"));
    }

    #[test]
    fn the_clients_url_and_title_win_unless_the_page_names_a_canonical_on_the_same_site() {
        let page = |canonical: &str| {
            format!(
                r#"<html><head><link rel="canonical" href="{canonical}"><title>Page title here</title></head><body><p>{STORY}</p></body></html>"#
            )
        };
        let cases = [
            (
                page("/world/seoul"),
                "https://www.example.com/a?utm_source=x",
                "https://www.example.com/world/seoul",
            ),
            (
                page("https://other.example.net/copy"),
                "https://www.example.com/a?utm_source=x",
                "https://www.example.com/a",
            ),
            (page("https://www.example.com/"), "https://www.example.com/a", "https://www.example.com/a"),
        ];
        for (html, given, want) in cases {
            let (article, _) =
                normalize(&input(ArticleBody::Html(html), Some(given), Some("Given title"), None));
            assert_eq!(article.canonical_url.as_deref(), Some(want));
            assert_eq!(article.title.as_deref(), Some("Given title"));
        }
    }

    #[test]
    fn diagnostics_name_what_was_missing_or_dropped() {
        let cases: [(ArticleBody, &[&str]); 4] = [
            (ArticleBody::Html(String::new()), &["no_main_text", "date_not_found", "title_not_found"]),
            (ArticleBody::Text(format!("{STORY}\n\nShare this:\n\nFacebook Twitter")), &["furniture_removed", "date_not_found"]),
            (ArticleBody::Text("<!DOCTYPE html><p>x</p>".into()), &["html_sniffed"]),
            (
                ArticleBody::Text("La Corée du Sud a exprimé sa vive inquiétude après la ratification du traité par la Russie.".into()),
                &["non_english_text"],
            ),
        ];
        for (body, codes) in cases {
            let (_, diagnostics) = normalize(&input(body, None, None, None));
            for code in codes {
                assert!(diagnostics.iter().any(|d| d.code == *code), "{code} in {diagnostics:?}");
            }
        }
    }
}
