//! Prometheus metrics at `GET /metrics`: requests by route template and status with their
//! latency, requests in flight, articles ingested by outcome, events extracted by kind,
//! extraction time and the database pool's use.
//!
//! One recorder serves the process (the `metrics` facade allows one); every router built in
//! it renders from the same handle, so counters only ever grow.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::AppState;

/// Latency buckets in seconds: a keyset page is a millisecond, an HTML page's extraction
/// tens of milliseconds, a large NDJSON batch seconds.
const BUCKETS: &[f64] =
    &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0];

/// The process's recorder, installed on first use.
fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".to_owned()), BUCKETS)
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        // Only this function installs a recorder, and only once.
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

/// Installs the recorder; call before serving so the first requests are counted.
pub fn init() {
    handle();
}

/// Prometheus metrics, in the text exposition format.
///
/// Requests by method, route template and status with their latency; requests in flight;
/// articles ingested by outcome; events extracted by kind; merges; extraction time; the
/// database pool's size and idle connections.
#[utoipa::path(
    get,
    path = "/metrics",
    tag = "operations",
    responses((status = 200, description = "The metrics", content_type = "text/plain; version=0.0.4", body = String))
)]
pub async fn render(State(state): State<AppState>) -> Response {
    let (size, idle) = state.store.pool_use();
    metrics::gauge!("geoevents_db_pool_connections").set(f64::from(size));
    metrics::gauge!("geoevents_db_pool_idle_connections").set(idle as f64);
    let mut response = handle().render().into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"));
    response
}

/// Route middleware (inside routing, so the route template is known): counts each request
/// by method, template and status, times it, and keeps the in-flight gauge. A request
/// dropped before it answers (the timeout fired) is counted as a 503.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map_or("unmatched", MatchedPath::as_str).to_owned();
    let method = request.method().as_str().to_owned();
    let mut guard = InFlight { route, method, started: Instant::now(), status: None };
    metrics::gauge!("geoevents_http_requests_in_flight").increment(1.0);
    let response = next.run(request).await;
    guard.status = Some(response.status().as_u16());
    response
}

/// Counts a request answered outside the routes (an unknown path or method).
pub fn unmatched(method: &str, status: u16) {
    metrics::counter!(
        "geoevents_http_requests_total",
        "method" => method.to_owned(), "route" => "unmatched", "status" => status.to_string()
    )
    .increment(1);
}

struct InFlight {
    route: String,
    method: String,
    started: Instant,
    status: Option<u16>,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let status = self.status.unwrap_or(503).to_string();
        let labels = [("method", self.method.clone()), ("route", self.route.clone()), ("status", status)];
        metrics::gauge!("geoevents_http_requests_in_flight").decrement(1.0);
        metrics::counter!("geoevents_http_requests_total", &labels).increment(1);
        metrics::histogram!("geoevents_http_request_duration_seconds", &labels)
            .record(self.started.elapsed().as_secs_f64());
    }
}

/// One article's ingest outcome: `stored`, `duplicate`, `rejected` (the client's fault) or
/// `failed` (ours).
pub fn article(outcome: &'static str) {
    metrics::counter!("geoevents_articles_ingested_total", "outcome" => outcome).increment(1);
}

/// An event an ingest stored, by kind.
pub fn event_extracted(kind: &'static str) {
    metrics::counter!("geoevents_events_extracted_total", "kind" => kind).increment(1);
}

/// A new report that joined an event other sources had reported.
pub fn merged() {
    metrics::counter!("geoevents_merges_total").increment(1);
}

/// Counts a request turned away because every extraction slot stayed busy.
pub fn extraction_busy() {
    metrics::counter!("geoevents_extraction_busy_total").increment(1);
}

/// How long one article's extraction took.
pub fn extraction_time(started: Instant) {
    metrics::histogram!("geoevents_extraction_seconds").record(started.elapsed().as_secs_f64());
}
