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

use geoevents_domain::{ArticleInput, Extraction};

/// Version of the extractor, stored with every event source so re-extraction can be
/// targeted. Bump it whenever extraction output may change.
pub const EXTRACTOR_VERSION: &str = concat!("geoevents-extract/", env!("CARGO_PKG_VERSION"));

/// Normalises an article and extracts its events.
pub fn extract(input: &ArticleInput) -> Extraction {
    let (article, mut diagnostics) = normalize::normalize(input);
    let (events, event_diagnostics) = events::extract_events(&article, gazetteer::gazetteer());
    diagnostics.extend(event_diagnostics);
    Extraction { article, events, diagnostics }
}
