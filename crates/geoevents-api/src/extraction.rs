//! Extraction at the edge: run on the blocking pool and guarded, so that a failure of the
//! extractor (a panic it was meant never to have) costs an article its events, never the
//! article. The failure is logged in the request's span (with its request id), counted,
//! marked on the article (an `extraction_failed` diagnostic), and repaired later by
//! [`reextract_failed`], which the service runs at start for failures of other versions.

use std::sync::atomic::{AtomicU64, Ordering};

use geoevents_domain::{ArticleId, ArticleInput, Extraction, NormalizedArticle};
use geoevents_extract::{EXTRACTION_FAILED, EXTRACTOR_VERSION};

use crate::AppState;
use crate::error::ApiError;

/// Counters the service keeps while it runs.
#[derive(Debug, Default)]
pub struct Stats {
    extraction_failures: AtomicU64,
}

impl Stats {
    /// Articles whose extraction failed since the process started.
    pub fn extraction_failures(&self) -> u64 {
        self.extraction_failures.load(Ordering::Relaxed)
    }

    fn record_extraction_failure(&self) {
        self.extraction_failures.fetch_add(1, Ordering::Relaxed);
    }
}

/// One article's extraction, and whether a stage of it failed.
pub(crate) struct Extracted {
    pub input: ArticleInput,
    pub extraction: Extraction,
    pub failed: bool,
}

/// A place among the extractions that may run at once (`ApiConfig::extraction_slots`). It is
/// released when extraction ends: an ingest waiting on the database (a row another
/// transaction holds) keeps no slot from unrelated articles.
pub(crate) struct Slot(#[allow(dead_code)] tokio::sync::OwnedSemaphorePermit);

/// Waits for an extraction slot, at most `ApiConfig::extraction_wait`: then 503. A request
/// with a body takes its slot before reading the body, so a burst of large bodies waits
/// unread rather than filling memory.
pub(crate) async fn slot(state: &AppState) -> Result<Slot, ApiError> {
    let wait = state.config.extraction_wait;
    match tokio::time::timeout(wait, state.extraction_slots.clone().acquire_owned()).await {
        Ok(Ok(permit)) => Ok(Slot(permit)),
        _ => {
            crate::telemetry::extraction_busy();
            Err(ApiError::Busy(format!(
                "every extraction slot ({}) stayed busy for {} ms; try again shortly",
                state.config.extraction_slots,
                wait.as_millis()
            )))
        }
    }
}

/// Runs the CPU-bound, guarded extractor off the async workers, in the caller's extraction
/// slot. Only a failure of the blocking pool itself is an error.
pub(crate) async fn extract_blocking(
    state: &AppState,
    input: ArticleInput,
    _slot: &Slot,
) -> Result<Extracted, ApiError> {
    let stage = state.event_stage;
    let (input, guarded) = blocking(move || {
        let started = std::time::Instant::now();
        let guarded = geoevents_extract::extract_guarded_with(&input, stage);
        crate::telemetry::extraction_time(started);
        (input, guarded)
    })
    .await?;
    let failed = guarded.failure.is_some();
    if let Some(cause) = guarded.failure {
        state.stats.record_extraction_failure();
        tracing::error!(
            error = %cause,
            extractor = EXTRACTOR_VERSION,
            "extraction failed; the article is kept without events"
        );
    }
    Ok(Extracted { input, extraction: guarded.extraction, failed })
}

/// Runs CPU-bound work on the blocking pool; only a failure of the pool is an error.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
    // What the work logs belongs to the request that asked for it.
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || span.in_scope(work))
        .await
        .map_err(|err| ApiError::Internal(Box::new(err)))
}

/// Which articles [`reextract_failed`] takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReextractScope {
    /// Those whose extraction failed under another extractor version: the same version
    /// would fail the same way, a new one may not.
    OtherVersions,
    /// Every article marked as failed.
    All,
}

/// What a re-extraction run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReextractReport {
    /// Articles looked at.
    pub examined: usize,
    /// Articles that got their events (and lost their failure mark).
    pub filled: usize,
    /// Events attached to them, merged or new.
    pub events: usize,
    /// Articles whose extraction failed again (kept marked, with this version recorded).
    pub failed_again: usize,
}

/// Extracts events again from the stored text of articles whose extraction failed, and
/// attaches them as ingest would have.
pub async fn reextract_failed(state: &AppState, scope: ReextractScope) -> Result<ReextractReport, ApiError> {
    const BATCH: i64 = 100;
    let other_than = (scope == ReextractScope::OtherVersions).then_some(EXTRACTOR_VERSION);
    let mut report = ReextractReport::default();
    let mut after: Option<ArticleId> = None;
    loop {
        let ids = state.store.failed_extractions(EXTRACTION_FAILED, other_than, after, BATCH).await?;
        let Some(last) = ids.last().copied() else { return Ok(report) };
        after = Some(last);
        for id in ids {
            let Some(article) = state.store.article(id).await? else { continue };
            report.examined += 1;
            let normalized = NormalizedArticle {
                title: article.title,
                published_at: article.published_at,
                published_at_source: article.published_at_source,
                canonical_url: article.canonical_url,
                byline: article.byline,
                language: article.language,
                text: article.text,
                content_hash: article.content_hash,
            };
            let stage = state.event_stage;
            let (normalized, outcome) = blocking(move || {
                let outcome = geoevents_extract::events_guarded(&normalized, stage);
                (normalized, outcome)
            })
            .await?;
            let extraction = match outcome {
                Ok((events, diagnostics)) => {
                    let kept = article.diagnostics.iter().filter(|d| d.code != EXTRACTION_FAILED).cloned();
                    Extraction { article: normalized, events, diagnostics: kept.chain(diagnostics).collect() }
                }
                Err(cause) => {
                    report.failed_again += 1;
                    state.stats.record_extraction_failure();
                    tracing::error!(article.id = %crate::ids::article_id(id), error = %cause, "re-extraction failed");
                    Extraction { article: normalized, events: Vec::new(), diagnostics: article.diagnostics }
                }
            };
            let filled = state
                .store
                .fill_failed_extraction(id, EXTRACTION_FAILED, &extraction, EXTRACTOR_VERSION)
                .await?;
            if let Some(events) = filled
                && !extraction.diagnostics.iter().any(|d| d.code == EXTRACTION_FAILED)
            {
                report.filled += 1;
                report.events += events.len();
            }
        }
    }
}
