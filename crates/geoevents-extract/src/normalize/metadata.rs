//! Page metadata: title, publication date, canonical URL, byline and the JSON-LD article
//! body, read from meta tags, `<link>`, JSON-LD, microdata, `<time>` and headings.
//!
//! Everything found is collected first and the choice between sources is made by the
//! caller, which also knows what the client sent.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::dates;
use super::dom::{AttrName, Dom, NodeData, NodeId, Tag};
use super::prose;

/// What the page says about itself.
#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    /// `og:title`.
    pub og_title: Option<String>,
    /// JSON-LD `headline` (or `name`) of the article object.
    pub ld_headline: Option<String>,
    /// `twitter:title`, or a `headline` microdata property.
    pub other_title: Option<String>,
    /// The first `<h1>`.
    pub h1: Option<String>,
    /// The `<title>` element.
    pub html_title: Option<String>,
    /// `og:site_name` or JSON-LD publisher name.
    pub site_name: Option<String>,
    /// Publication time from metadata, the most trusted source first.
    pub published: Option<DateTime<Utc>>,
    /// `<link rel=canonical>`.
    pub canonical: Option<String>,
    /// `og:url`.
    pub og_url: Option<String>,
    /// Author names.
    pub byline: Option<String>,
    /// JSON-LD `articleBody` (live blogs: the updates' bodies, newest last).
    pub article_body: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
}

/// JSON-LD types that describe the article itself.
const ARTICLE_TYPES: &[&str] = &[
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "askpublicnewsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "report",
    "techarticle",
    "webpage",
];

/// Meta names and properties that carry a publication date, most reliable first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "og:published_time",
    "datepublished",
    "published_time",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "citation_publication_date",
    "citation_date",
    "originalpublicationdate",
    "article.published",
    "rnews:datepublished",
    "cxenseparse:recs:publishtime",
    "date",
    "displaydate",
    "release_date",
];

/// Reads the page's metadata. `skip` marks nodes that are not part of the page proper
/// (none for now; kept for symmetry with extraction).
pub fn read(dom: &Dom) -> PageMeta {
    let mut r = Reading::default();
    for id in 0..dom.nodes.len() as NodeId {
        let NodeData::Element { tag, .. } = dom.nodes[id as usize].data else { continue };
        match tag {
            Tag::Meta => r.meta_tag(dom, id),
            Tag::Link => {
                let rel = dom.attr(id, AttrName::Rel).unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical")
                    && let Some(href) = dom.attr(id, AttrName::Href)
                {
                    set_once(&mut r.meta.canonical, href.trim().to_owned());
                }
            }
            Tag::Script => {
                if let Some(raw) = dom.children(id).find_map(|c| dom.text_of(c)) {
                    read_json_ld(raw, &mut r.meta, &mut r.ld_date, &mut r.ld_author, &mut r.ld_site);
                }
            }
            Tag::Title if r.meta.html_title.is_none() => {
                let text = prose::collapse_whitespace(&dom.subtree_text_bounded(id, 1000));
                if !text.is_empty() {
                    r.meta.html_title = Some(text);
                }
            }
            Tag::H1 if r.meta.h1.is_none() => {
                let text = prose::collapse_whitespace(&dom.subtree_text_bounded(id, 1000));
                if prose::word_count(&text) >= 2 {
                    r.meta.h1 = Some(text);
                }
            }
            Tag::Html => {
                if let Some(lang) = dom.attr(id, AttrName::Lang) {
                    set_once(&mut r.meta.lang, lang.trim().to_ascii_lowercase());
                }
            }
            Tag::Time => r.time_tag(dom, id),
            _ => {}
        }
        r.microdata(dom, id, tag);
    }
    r.finish()
}

/// What [`read`] has gathered so far: the fields set once, and the candidates for the
/// date and byline, settled in [`Reading::finish`] by their sources' ranks.
#[derive(Default)]
struct Reading {
    meta: PageMeta,
    /// Dates from meta tags and microdata, with the rank of their key.
    dated: Vec<(usize, DateTime<Utc>)>,
    ld_date: Option<DateTime<Utc>>,
    /// The best `<time>` element's date and rank (0 for a publication date).
    time_date: Option<(u8, DateTime<Utc>)>,
    author_meta: Option<String>,
    ld_author: Option<String>,
    byline_box: Option<String>,
    ld_site: Option<String>,
}

impl Reading {
    /// A `<meta>` tag: titles, site name, URL, author, and dates under a known key.
    fn meta_tag(&mut self, dom: &Dom, id: NodeId) {
        let key = dom
            .attr(id, AttrName::Property)
            .or_else(|| dom.attr(id, AttrName::Name))
            .or_else(|| dom.attr(id, AttrName::Itemprop))
            .map(|k| k.trim().to_ascii_lowercase());
        let (Some(key), Some(content)) = (key, dom.attr(id, AttrName::Content)) else { return };
        let content = prose::collapse_whitespace(content);
        if content.is_empty() {
            return;
        }
        let meta = &mut self.meta;
        match key.as_str() {
            "og:title" => set_once(&mut meta.og_title, content),
            "twitter:title" | "headline" => set_once(&mut meta.other_title, content),
            "og:site_name" | "application-name" => set_once(&mut meta.site_name, content),
            "og:url" => set_once(&mut meta.og_url, content),
            "author" | "article:author" | "byl" | "dc.creator" | "sailthru.author" | "parsely-author"
            | "dcterms.creator" => {
                if !content.contains("://") && !content.starts_with('@') {
                    set_once(&mut self.author_meta, content);
                }
            }
            _ => {
                if let Some(rank) = DATE_KEYS.iter().position(|k| *k == key)
                    && let Some(at) = dates::parse_machine_date(&content)
                {
                    self.dated.push((rank, at));
                }
            }
        }
    }

    /// A `<time>` element: a publication date (`pubdate`, `itemprop=datePublished`) beats
    /// any other.
    fn time_tag(&mut self, dom: &Dom, id: NodeId) {
        let published = dom.attr(id, AttrName::Pubdate).is_some()
            || dom.attr(id, AttrName::Itemprop).is_some_and(|p| p.eq_ignore_ascii_case("datepublished"));
        let rank = if published { 0 } else { 1 };
        let value = dom
            .attr(id, AttrName::Datetime)
            .map(str::to_owned)
            .unwrap_or_else(|| dom.subtree_text_bounded(id, 1000));
        if let Some(at) = dates::parse_machine_date(&value)
            && self.time_date.is_none_or(|(r, _)| rank < r)
        {
            self.time_date = Some((rank, at));
        }
    }

    /// Microdata and byline boxes, which can sit on any element.
    fn microdata(&mut self, dom: &Dom, id: NodeId, tag: Tag) {
        if let Some(prop) = dom.attr(id, AttrName::Itemprop) {
            let prop = prop.to_ascii_lowercase();
            if prop == "datepublished" && tag != Tag::Meta && tag != Tag::Time {
                let value = dom
                    .attr(id, AttrName::Content)
                    .map(str::to_owned)
                    .unwrap_or_else(|| dom.subtree_text_bounded(id, 1000));
                if let Some(at) = dates::parse_machine_date(&value) {
                    self.dated.push((4, at));
                }
            }
            if prop == "headline" && tag != Tag::Meta && self.meta.other_title.is_none() {
                let text = prose::collapse_whitespace(&dom.subtree_text_bounded(id, 1000));
                if !text.is_empty() {
                    self.meta.other_title = Some(text);
                }
            }
            if prop == "author" && tag != Tag::Meta && self.byline_box.is_none() {
                self.byline_box = byline_text(&dom.subtree_text_bounded(id, 1000));
            }
        }
        if self.byline_box.is_none() && tag != Tag::Meta && has_byline_class(dom, id) {
            self.byline_box = byline_text(&dom.subtree_text_bounded(id, 1000));
        }
    }

    /// The date from JSON-LD, else the best-ranked meta date, else a `<time>`; the byline
    /// from JSON-LD, a meta tag or a byline box, in that order.
    fn finish(mut self) -> PageMeta {
        self.dated.sort_by_key(|(rank, _)| *rank);
        let mut meta = self.meta;
        meta.published =
            self.ld_date.or(self.dated.first().map(|(_, at)| *at)).or(self.time_date.map(|(_, at)| at));
        meta.byline = self.ld_author.or(self.author_meta).or(self.byline_box).and_then(|b| byline_text(&b));
        meta.site_name = meta.site_name.or(self.ld_site);
        meta
    }
}

fn set_once(slot: &mut Option<String>, value: String) {
    if slot.is_none() && !value.is_empty() {
        *slot = Some(value);
    }
}

/// Class names of byline boxes.
fn has_byline_class(dom: &Dom, id: NodeId) -> bool {
    let class = dom.attr(id, AttrName::Class).unwrap_or("");
    let rel = dom.attr(id, AttrName::Rel).unwrap_or("");
    rel.eq_ignore_ascii_case("author")
        || class.split_whitespace().any(|c| {
            let c = c.to_ascii_lowercase();
            c == "byline"
                || c == "author"
                || c.ends_with("byline")
                || c.ends_with("author-name")
                || c == "author-name"
        })
}

/// Cleans a byline: folds whitespace, drops a leading "By", refuses long or empty text.
fn byline_text(raw: &str) -> Option<String> {
    let text = prose::collapse_whitespace(raw);
    let trimmed = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let stripped = ["By ", "by ", "BY ", "Von ", "Par ", "Por "]
        .iter()
        .find_map(|p| trimmed.strip_prefix(p))
        .unwrap_or(trimmed)
        .trim();
    let words = prose::word_count(stripped);
    (1..=12).contains(&words).then(|| stripped.to_owned())
}

/// Reads one JSON-LD block. Broken JSON (raw newlines in strings, trailing junk) is
/// retried once with control characters blanked; otherwise the block is skipped.
fn read_json_ld(
    raw: &str,
    meta: &mut PageMeta,
    date: &mut Option<DateTime<Utc>>,
    author: &mut Option<String>,
    site: &mut Option<String>,
) {
    let value: Value = match serde_json::from_str(raw.trim()) {
        Ok(v) => v,
        Err(_) => {
            let cleaned: String = raw.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
            match serde_json::from_str(cleaned.trim().trim_end_matches(';')) {
                Ok(v) => v,
                Err(_) => return,
            }
        }
    };
    // Walk arrays and @graph without recursion; serde_json already bounds nesting at 128.
    let mut queue: Vec<&Value> = vec![&value];
    let mut seen = 0;
    while let Some(v) = queue.pop() {
        seen += 1;
        if seen > 10_000 {
            break;
        }
        match v {
            Value::Array(items) => queue.extend(items.iter().rev()),
            Value::Object(map) => {
                if let Some(graph) = map.get("@graph") {
                    queue.push(graph);
                }
                if !is_article_type(map.get("@type")) {
                    continue;
                }
                let is_webpage = type_names(map.get("@type")).iter().all(|t| t == "webpage");
                if let Some(h) = map
                    .get("headline")
                    .or_else(|| if is_webpage { None } else { map.get("name") })
                    .and_then(Value::as_str)
                {
                    set_once(&mut meta.ld_headline, prose::collapse_whitespace(h));
                }
                if date.is_none()
                    && let Some(at) = map
                        .get("datePublished")
                        .or_else(|| map.get("dateCreated"))
                        .and_then(Value::as_str)
                        .and_then(dates::parse_machine_date)
                {
                    *date = Some(at);
                }
                if author.is_none() {
                    *author = author_names(map.get("author"));
                }
                if site.is_none() {
                    *site = map
                        .get("publisher")
                        .and_then(|p| p.get("name"))
                        .and_then(Value::as_str)
                        .map(str::to_owned);
                }
                if meta.og_url.is_none()
                    && let Some(u) = map.get("url").and_then(Value::as_str)
                {
                    meta.og_url = Some(u.to_owned());
                }
                let mut body = map.get("articleBody").and_then(Value::as_str).map(str::to_owned);
                if let Some(Value::Array(updates)) = map.get("liveBlogUpdate") {
                    let parts: Vec<&str> =
                        updates.iter().filter_map(|u| u.get("articleBody").and_then(Value::as_str)).collect();
                    if !parts.is_empty() {
                        body = Some(parts.join("\n\n"));
                    }
                }
                if let Some(body) = body
                    && meta.article_body.as_ref().is_none_or(|old| old.len() < body.len())
                {
                    meta.article_body = Some(body);
                }
            }
            _ => {}
        }
    }
}

fn type_names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(items)) => {
            items.iter().filter_map(Value::as_str).map(str::to_ascii_lowercase).collect()
        }
        _ => Vec::new(),
    }
}

fn is_article_type(value: Option<&Value>) -> bool {
    type_names(value).iter().any(|t| ARTICLE_TYPES.contains(&t.trim_start_matches("schema:")))
}

/// Names from a JSON-LD `author`: a string, a Person, or a list of either.
fn author_names(value: Option<&Value>) -> Option<String> {
    let items: Vec<&Value> = match value? {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    let names: Vec<String> = items
        .iter()
        .filter_map(|v| match v {
            Value::String(s) => Some(s.clone()),
            Value::Object(m) => m.get("name").and_then(Value::as_str).map(str::to_owned),
            _ => None,
        })
        .map(|n| prose::collapse_whitespace(&n))
        .filter(|n| !n.is_empty() && !n.contains("://"))
        .take(5)
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// Chooses the page title: `og:title`, JSON-LD headline, other title metadata, `<h1>`,
/// then `<title>`; any site-name suffix or prefix is cut off.
pub fn choose_title(meta: &PageMeta, host: Option<&str>) -> Option<String> {
    let raw = meta
        .og_title
        .as_ref()
        .or(meta.ld_headline.as_ref())
        .or(meta.other_title.as_ref())
        .or(meta.h1.as_ref())
        .or(meta.html_title.as_ref())?;
    let title = strip_site_name(raw, meta.site_name.as_deref(), host);
    (!title.is_empty()).then_some(title)
}

/// Removes " | Site", " - Site", "Site: " and similar from a title when the cut-off part
/// names the site (its name or host) or is much shorter than the rest.
pub fn strip_site_name(title: &str, site: Option<&str>, host: Option<&str>) -> String {
    const SEPARATORS: [&str; 8] = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " -- "];
    let names_site = |part: &str| {
        let folded = prose::tokens(part).join("");
        !folded.is_empty()
            && (site.is_some_and(|s| prose::tokens(s).join("") == folded)
                || host.is_some_and(|h| {
                    // The distinctive labels of the host: "bbc" of www.bbc.co.uk.
                    h.split('.')
                        .filter(|l| {
                            l.len() >= 3
                                && !matches!(*l, "www" | "com" | "org" | "net" | "gov" | "edu" | "news")
                        })
                        .any(|l| folded.contains(&l.to_lowercase().replace('-', "")))
                }))
    };
    let mut title = title.trim().to_owned();
    for _ in 0..2 {
        let Some((sep, at)) =
            SEPARATORS.iter().filter_map(|s| title.rfind(s).map(|i| (*s, i))).max_by_key(|(_, i)| *i)
        else {
            break;
        };
        let (head, tail) = (&title[..at], &title[at + sep.len()..]);
        if names_site(tail) || (prose::word_count(tail) <= 3 && prose::word_count(head) >= 4) {
            title = head.trim().to_owned();
            continue;
        }
        // The site name first: "Site | Headline".
        if let Some(first) =
            SEPARATORS.iter().filter_map(|s| title.find(s).map(|i| (*s, i))).min_by_key(|(_, i)| *i)
        {
            let (head, tail) = (&title[..first.1], &title[first.1 + first.0.len()..]);
            if names_site(head) {
                title = tail.trim().to_owned();
                continue;
            }
        }
        break;
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::dom;

    #[test]
    fn metadata_is_read_from_meta_tags_json_ld_and_links() {
        let html = r#"<html lang="en-GB"><head><title>Seoul weighs options | Example News</title>
            <meta property="og:title" content="Seoul weighs options">
            <meta property="og:site_name" content="Example News">
            <meta name="author" content="Jane Doe">
            <link rel="canonical" href="https://example.com/world/seoul">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Example"},
              {"@type":"NewsArticle","headline":"Seoul weighs its options","datePublished":"2024-10-25T08:30:00+09:00",
               "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"Kim Min-jun"}],
               "articleBody":"Seoul said on Friday it was weighing its options."}]}</script>
            </head><body><h1>Seoul weighs options</h1></body></html>"#;
        let meta = read(&dom::parse(html));
        assert_eq!(meta.og_title.as_deref(), Some("Seoul weighs options"));
        assert_eq!(meta.ld_headline.as_deref(), Some("Seoul weighs its options"));
        assert_eq!(meta.published.map(|d| d.to_rfc3339()), Some("2024-10-24T23:30:00+00:00".to_owned()));
        assert_eq!(meta.byline.as_deref(), Some("Jane Doe, Kim Min-jun"));
        assert_eq!(meta.canonical.as_deref(), Some("https://example.com/world/seoul"));
        assert_eq!(meta.article_body.as_deref(), Some("Seoul said on Friday it was weighing its options."));
        assert_eq!(meta.lang.as_deref(), Some("en-gb"));
    }

    #[test]
    fn dates_fall_back_from_meta_to_time_elements() {
        let cases = [
            (
                r#"<meta property="article:published_time" content="2024-10-25T01:00:00Z"><time datetime="2023-01-01">x</time>"#,
                "2024-10-25T01:00:00+00:00",
            ),
            (
                r#"<meta name="date" content="2024-10-25"><meta name="pubdate" content="2024-10-24">"#,
                "2024-10-24T00:00:00+00:00",
            ),
            (r#"<p>x</p><time datetime="2024-10-25T09:00:00Z">Oct 25</time>"#, "2024-10-25T09:00:00+00:00"),
            (
                r#"<span itemprop="datePublished" content="2024-10-25">Friday</span>"#,
                "2024-10-25T00:00:00+00:00",
            ),
        ];
        for (html, want) in cases {
            let meta = read(&dom::parse(html));
            assert_eq!(meta.published.map(|d| d.to_rfc3339()).as_deref(), Some(want), "{html}");
        }
    }

    #[test]
    fn site_names_are_cut_from_titles() {
        let cases = [
            ("Seoul weighs options | Example News", Some("Example News"), None, "Seoul weighs options"),
            ("Seoul weighs options - BBC News", None, Some("bbc.co.uk"), "Seoul weighs options"),
            ("Example News: Seoul weighs options", None, None, "Example News: Seoul weighs options"),
            (
                "The Gazette | Seoul weighs its options after the treaty",
                Some("The Gazette"),
                None,
                "Seoul weighs its options after the treaty",
            ),
            (
                "Seoul weighs options after Russia-North Korea treaty",
                None,
                None,
                "Seoul weighs options after Russia-North Korea treaty",
            ),
        ];
        for (title, site, host, want) in cases {
            assert_eq!(strip_site_name(title, site, host), want, "{title}");
        }
    }

    #[test]
    fn broken_json_ld_is_retried_or_skipped_without_failing() {
        let html = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Line\nbreak\"}</script>\
                    <script type=\"application/ld+json\">{not json</script>";
        let meta = read(&dom::parse(html));
        assert_eq!(meta.ld_headline.as_deref(), Some("Line break"));
    }
}
