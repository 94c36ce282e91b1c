//! Event extraction: sentences -> mentions -> coded events with roles, modality, date,
//! quantity, evidence and confidence.
//!
//! SKELETON: a placeholder until the real engine lands.

use geoevents_domain::{Diagnostic, ExtractedEvent, NormalizedArticle};

use crate::gazetteer::Gazetteer;

/// Extracts the events of a normalised article.
pub fn extract_events(
    _article: &NormalizedArticle,
    _gazetteer: &Gazetteer,
) -> (Vec<ExtractedEvent>, Vec<Diagnostic>) {
    (Vec::new(), Vec::new())
}
