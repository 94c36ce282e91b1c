//! Normalisation: turns plain text or a raw HTML page into the article's main text and
//! metadata (title, publication date, canonical URL). Evidence offsets refer to the text
//! produced here.
//!
//! SKELETON: a placeholder until the real main-text extractor lands.

mod dom;
mod entities;

use geoevents_domain::{ArticleBody, ArticleInput, DateSource, Diagnostic, NormalizedArticle};
use sha2::{Digest, Sha256};

/// Normalises an article. Never fails: unusable input gives an empty text and a diagnostic.
pub fn normalize(input: &ArticleInput) -> (NormalizedArticle, Vec<Diagnostic>) {
    let text = match &input.body {
        ArticleBody::Text(text) => text.trim().to_owned(),
        ArticleBody::Html(html) => html.trim().to_owned(),
    };
    let article = NormalizedArticle {
        title: input.title.clone(),
        published_at: input.published_at,
        published_at_source: if input.published_at.is_some() {
            DateSource::Given
        } else {
            DateSource::Unknown
        },
        canonical_url: input.url.clone(),
        byline: None,
        language: None,
        content_hash: content_hash(&text),
        text,
    };
    (article, Vec::new())
}

/// SHA-256 over the text with whitespace collapsed and letters lower-cased, so the same
/// story arriving as HTML or as text, or with different spacing, hashes the same.
pub fn content_hash(text: &str) -> String {
    let mut hasher = Sha256::new();
    let mut first = true;
    for word in text.split_whitespace() {
        if !first {
            hasher.update(b" ");
        }
        first = false;
        hasher.update(word.to_lowercase().as_bytes());
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
