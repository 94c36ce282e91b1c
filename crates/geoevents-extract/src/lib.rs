//! Pure, deterministic extraction of geopolitical events from news articles.
//!
//! [`extract`] turns one [`ArticleInput`] (text or HTML) into an [`Extraction`]: the
//! normalised article, its events in the contract of `DESIGN.md`, and diagnostics.
//!
//! **Architecture Invariant:** no I/O, no tokio, sqlx or axum. Extraction never fails and
//! never panics on any input; the same input always gives the same output.

pub mod calendar;
pub mod eval;
pub mod events;
pub mod gazetteer;
pub mod normalize;
mod word_lists;

use std::panic::{AssertUnwindSafe, catch_unwind};

use geoevents_domain::{
    ArticleBody, ArticleInput, DateSource, Diagnostic, ExtractedEvent, Extraction, NormalizedArticle,
};

/// Version of the extractor, stored with every event source so re-extraction can be
/// targeted. Bump it whenever extraction output may change.
pub const EXTRACTOR_VERSION: &str = concat!("geoevents-extract/", env!("CARGO_PKG_VERSION"));

/// The code of the diagnostic that marks an article whose event extraction failed: it was
/// stored without events, and re-extraction looks for it.
pub const EXTRACTION_FAILED: &str = "extraction_failed";

/// Normalises an article and extracts its events.
pub fn extract(input: &ArticleInput) -> Extraction {
    let (article, mut diagnostics) = normalize::normalize(input);
    let (events, event_diagnostics) = extract_events(&article);
    diagnostics.extend(event_diagnostics);
    Extraction { article, events, diagnostics }
}

/// The event stage alone, on an article normalised before (re-extraction of stored text).
pub fn extract_events(article: &NormalizedArticle) -> (Vec<ExtractedEvent>, Vec<Diagnostic>) {
    events::extract_events(article, gazetteer::gazetteer())
}

/// [`extract`], with a note of every trigger the event stage saw: its rule, its roles and
/// their tree paths, and what became of it; [`explain_text`] renders it.
pub fn explain(input: &ArticleInput) -> (Extraction, Vec<events::explain::Candidate>) {
    let (article, mut diagnostics) = normalize::normalize(input);
    let (events, event_diagnostics, candidates) = events::explain_events(&article, gazetteer::gazetteer());
    diagnostics.extend(event_diagnostics);
    (Extraction { article, events, diagnostics }, candidates)
}

/// The notes of [`explain`] as text, against the article's normalised text.
pub fn explain_text(text: &str, candidates: &[events::explain::Candidate]) -> String {
    events::explain::render(text, candidates)
}

/// An extraction that survived a failure of one of its stages.
#[derive(Debug, Clone)]
pub struct Guarded {
    /// What could be extracted: with a failure, the article without events (or, when
    /// normalisation itself failed, the submitted text as it came), and an
    /// [`EXTRACTION_FAILED`] diagnostic.
    pub extraction: Extraction,
    /// Why a stage failed (the panic message), for the operator's log, never for clients.
    pub failure: Option<String>,
}

/// The event stage's signature, so callers (and tests) can run [`extract_guarded_with`]
/// with another one.
pub type EventStage = fn(&NormalizedArticle) -> (Vec<ExtractedEvent>, Vec<Diagnostic>);

/// [`extract`], except that a panic in any stage never escapes: the article is kept with
/// what was extracted before the failure. Extraction is meant never to panic; this is the
/// defence in depth that keeps an article from being lost if it does.
pub fn extract_guarded(input: &ArticleInput) -> Guarded {
    extract_guarded_with(input, extract_events)
}

/// [`extract_guarded`] with the given event stage.
pub fn extract_guarded_with(input: &ArticleInput, events: EventStage) -> Guarded {
    let (article, mut diagnostics) = match catch_unwind(AssertUnwindSafe(|| normalize::normalize(input))) {
        Ok(normalized) => normalized,
        Err(payload) => {
            let article = fallback_article(input);
            let diagnostics = vec![failed_diagnostic("normalisation")];
            let extraction = Extraction { article, events: Vec::new(), diagnostics };
            return Guarded { extraction, failure: Some(panic_message(payload.as_ref())) };
        }
    };
    match events_guarded(&article, events) {
        Ok((found, event_diagnostics)) => {
            diagnostics.extend(event_diagnostics);
            Guarded { extraction: Extraction { article, events: found, diagnostics }, failure: None }
        }
        Err(failure) => {
            diagnostics.push(failed_diagnostic("event extraction"));
            Guarded {
                extraction: Extraction { article, events: Vec::new(), diagnostics },
                failure: Some(failure),
            }
        }
    }
}

/// Runs an event stage on a normalised article; a panic comes back as its message.
pub fn events_guarded(
    article: &NormalizedArticle,
    events: EventStage,
) -> Result<(Vec<ExtractedEvent>, Vec<Diagnostic>), String> {
    catch_unwind(AssertUnwindSafe(|| events(article))).map_err(|payload| panic_message(payload.as_ref()))
}

fn failed_diagnostic(stage: &str) -> Diagnostic {
    Diagnostic::warning(
        EXTRACTION_FAILED,
        format!(
            "{stage} failed on this article (an internal error, logged for the operator); the \
             article is kept without events and is extracted again by a later extractor version"
        ),
    )
}

/// The article as submitted when normalisation could not run: the text as given (HTML
/// with its tags dropped), the metadata the client gave.
fn fallback_article(input: &ArticleInput) -> NormalizedArticle {
    let text = match &input.body {
        ArticleBody::Text(text) => text.trim().to_owned(),
        ArticleBody::Html(html) => strip_tags(html),
    };
    NormalizedArticle {
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
        content_hash: normalize::content_hash(&text),
        text,
    }
}

/// Text outside tags, whitespace collapsed: enough to keep a page whose normalisation failed.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &str) -> ArticleInput {
        ArticleInput {
            url: None,
            title: None,
            published_at: None,
            source: None,
            body: ArticleBody::Text(body.into()),
        }
    }

    fn exploding(_: &NormalizedArticle) -> (Vec<ExtractedEvent>, Vec<Diagnostic>) {
        panic!("the event stage blew up")
    }

    #[test]
    fn a_panicking_event_stage_keeps_the_normalised_article_and_says_so() {
        let input = text("Germany sent 40 Patriot missiles to Ukraine on Monday.");
        let guarded = extract_guarded_with(&input, exploding);
        assert_eq!(guarded.failure.as_deref(), Some("the event stage blew up"));
        assert!(guarded.extraction.events.is_empty());
        assert_eq!(guarded.extraction.article, extract(&input).article);
        let failed: Vec<_> =
            guarded.extraction.diagnostics.iter().filter(|d| d.code == EXTRACTION_FAILED).collect();
        assert_eq!(failed.len(), 1);
        assert!(!failed[0].message.contains("blew up"), "the cause stays out of client-facing text");
    }

    #[test]
    fn the_guarded_extraction_is_the_plain_one_when_nothing_fails() {
        let input = text("Germany sent 40 Patriot missiles to Ukraine on Monday.");
        let guarded = extract_guarded(&input);
        assert!(guarded.failure.is_none());
        assert_eq!(guarded.extraction, extract(&input));
    }

    #[test]
    fn a_page_whose_normalisation_fails_is_kept_as_its_text() {
        let input = ArticleInput {
            url: Some("https://example.org/a".into()),
            title: None,
            published_at: None,
            source: None,
            body: ArticleBody::Html("<p>Iran seized a <b>tanker</b>.</p><p>More.</p>".into()),
        };
        let article = fallback_article(&input);
        assert_eq!(article.text, "Iran seized a tanker . More.");
        assert_eq!(article.content_hash, normalize::content_hash(&article.text));
    }
}
