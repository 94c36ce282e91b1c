//! The HTTP interface of geoevents: the axum router, handlers, wire DTOs and problem+json
//! errors.
//!
//! **Architecture Invariant:** this is the only crate that knows HTTP and the wire format.
//! Handlers parse and validate, call `geoevents-extract` (on the blocking pool) and
//! `geoevents-store`, and render DTOs; they hold no SQL and no extraction logic.

mod articles;
pub mod auth;
mod changes;
mod corrections;
pub mod dto;
mod error;
mod events;
mod exports;
mod extract;
mod extraction;
mod health;
pub mod ids;
mod input;
pub mod keys;
pub mod limits;
mod live;
pub mod ndjson;
mod openapi;
mod params;
mod problems;
mod schema;
mod server;
mod telemetry;
mod timeline;
mod versioning;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{FromRequestParts, MatchedPath, Request};
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use geoevents_store::Store;
use serde::de::DeserializeOwned;
use tower_http::LatencyUnit;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use utoipa::IntoParams;

pub use error::{ApiError, FieldError, Problem};
pub use extraction::{ReextractReport, ReextractScope, Stats, reextract_failed};
pub use input::validate as validate_article;
pub use server::serve;

/// Limits and timeouts of the HTTP layer.
#[derive(Debug, Clone)]
pub struct ApiConfig {
    /// Largest accepted request body (per line for NDJSON), in bytes.
    pub max_body_bytes: usize,
    /// How long a request may take to produce its response head.
    pub request_timeout: Duration,
    /// How often a quiet change stream sends a heartbeat comment.
    pub heartbeat: Duration,
    /// Which requests need an API key.
    pub access: auth::AccessPolicy,
    /// Requests allowed per key and per address.
    pub rate_limits: limits::RateLimits,
    /// Origins whose browser pages may call the API (CORS); empty: none, `*`: any.
    pub cors_origins: Vec<String>,
    /// Extractions that may run at once (a request with a body holds its slot from before
    /// reading the body until its extraction ends); by default one per core.
    pub extraction_slots: usize,
    /// How long a request waits for an extraction slot before a 503.
    pub extraction_wait: Duration,
    /// Most lines an NDJSON batch may have.
    pub max_ndjson_lines: u64,
    /// Most characters of a plain-text article.
    pub max_article_chars: usize,
    /// How long a request body may take to arrive (for NDJSON: the longest pause between
    /// parts of it).
    pub body_read_timeout: Duration,
    /// How long a client may take to send a request's head before its connection is closed
    /// (used by [`serve`]).
    pub header_read_timeout: Duration,
}

impl Default for ApiConfig {
    fn default() -> Self {
        Self {
            max_body_bytes: 10 * 1024 * 1024,
            request_timeout: Duration::from_secs(60),
            heartbeat: Duration::from_secs(15),
            access: auth::AccessPolicy::default(),
            rate_limits: limits::RateLimits::default(),
            cors_origins: Vec::new(),
            extraction_slots: default_extraction_slots(),
            extraction_wait: Duration::from_secs(5),
            max_ndjson_lines: 10_000,
            max_article_chars: 1_000_000,
            body_read_timeout: Duration::from_secs(30),
            header_read_timeout: Duration::from_secs(10),
        }
    }
}

/// Extraction slots by default: one per core.
fn default_extraction_slots() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// Everything a handler needs. Cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// Limits.
    pub config: ApiConfig,
    /// Counters kept in memory (`/healthz` shows them).
    pub stats: Arc<Stats>,
    /// The event stage of extraction: the real one, except in tests that make it fail.
    pub event_stage: geoevents_extract::EventStage,
    /// News of committed changes for live streams.
    pub live: Arc<live::Live>,
    /// When each API key's use was last recorded.
    pub key_use: Arc<auth::KeyUse>,
    /// Each client's rate-limit window.
    pub rate_limiter: Arc<limits::RateLimiter>,
    /// The extraction slots.
    pub extraction_slots: Arc<tokio::sync::Semaphore>,
    /// Lists already rendered at the current version.
    pub responses: Arc<versioning::ResponseCache>,
}

impl AppState {
    /// State for the real service: the real extractor, counters at zero.
    pub fn new(store: Store, config: ApiConfig) -> Self {
        let slots = config.extraction_slots.max(1);
        Self {
            store,
            config,
            stats: Arc::default(),
            event_stage: geoevents_extract::extract_events,
            live: Arc::default(),
            key_use: Arc::default(),
            rate_limiter: Arc::default(),
            extraction_slots: Arc::new(tokio::sync::Semaphore::new(slots)),
            responses: Arc::default(),
        }
    }

    /// Ends every open change stream, so a graceful shutdown does not wait on them.
    pub fn close_streams(&self) {
        self.live.close();
    }
}

/// The whole HTTP surface with its middleware. Starts the store's version watcher (one
/// `LISTEN` connection) when called inside a Tokio runtime.
pub fn router(state: AppState) -> Router {
    let timeout = state.config.request_timeout;
    let cors = cors(&state.config.cors_origins);
    telemetry::init();
    // Idle polls are answered from versions held in memory while this listens for commits.
    state.store.watch_versions();
    let routes = routes_with_docs(openapi::api())
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), auth::authorize))
        .route_layer(axum::middleware::from_fn(telemetry::track))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state);
    middleware(routes, timeout, cors)
}

/// The CORS layer for `origins`: none when empty (browsers then refuse cross-origin calls),
/// any origin for `*`, else exactly those listed.
fn cors(origins: &[String]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()))
    };
    let names = |list: &[&'static str]| list.iter().map(|n| HeaderName::from_static(n)).collect::<Vec<_>>();
    Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([Method::GET, Method::POST, Method::PATCH, Method::DELETE])
            .allow_headers(names(&[
                "authorization",
                "content-type",
                "if-match",
                "if-none-match",
                "if-modified-since",
                "last-event-id",
                "x-analyst",
                "x-request-id",
            ]))
            .expose_headers(names(&[
                "etag",
                "last-modified",
                "link",
                "location",
                "retry-after",
                "ratelimit-limit",
                "ratelimit-remaining",
                "ratelimit-reset",
                "x-request-id",
            ])),
    )
}

/// The policy of the docs page (the only HTML served): its own scripts and styles (Swagger
/// UI styles elements inline and draws icons from `data:` URIs), requests to this service
/// only, never framed.
const HTML_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

/// The policy of everything else: data, never a document to render or frame.
const DATA_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

/// Headers every answer carries: no content sniffing, no referrer, and a content security
/// policy fitting what the answer is.
async fn security_headers(mut response: Response) -> Response {
    let html = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let headers = response.headers_mut();
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    let policy = if html { HTML_POLICY } else { DATA_POLICY };
    headers.insert("content-security-policy", HeaderValue::from_static(policy));
    response
}

/// The routes of `api` and the docs page that describes them.
fn routes_with_docs(api: utoipa_axum::router::OpenApiRouter<AppState>) -> Router<AppState> {
    let (routes, _) = api.split_for_parts();
    routes.merge(openapi::docs_page())
}

/// The OpenAPI document of the service, as `GET /openapi.json` serves it.
pub fn openapi_document() -> &'static utoipa::openapi::OpenApi {
    openapi::document()
}

/// The middleware stack every route runs under, innermost first.
fn middleware(routes: Router, timeout: Duration, cors: Option<CorsLayer>) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let routes = match cors {
        Some(cors) => routes.layer(cors),
        None => routes,
    };
    routes
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, timeout))
        .layer(CatchPanicLayer::custom(|_: Box<dyn std::any::Any + Send>| {
            tracing::error!("a handler panicked");
            ApiError::Internal("handler panicked".into()).into_response()
        }))
        // Outside the timeout and the panic catcher, whose answers it completes; inside
        // compression, so it reads bodies as written.
        .layer(axum::middleware::from_fn(problems::complete))
        .layer(axum::middleware::map_response(security_headers))
        // The fastest level: a page of fifty events shrinks about eightfold at the default
        // level and nearly as much at this one, for a fraction of the CPU; under a
        // dashboard's load the default level cost more than the query itself.
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            let route = request
                .extensions()
                .get::<MatchedPath>()
                .map_or_else(|| request.uri().path().to_owned(), |p| p.as_str().to_owned());
            let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("");
            tracing::info_span!("request", http.method = %request.method(), http.route = %route, request.id = %id)
        })
        // One line per request when it answers, with its status and latency, under the span
        // that names its route and request id.
        .on_response(DefaultOnResponse::new().level(tracing::Level::INFO).latency_unit(LatencyUnit::Millis)))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

async fn not_found(method: Method, uri: axum::http::Uri) -> ApiError {
    telemetry::unmatched(method.as_str(), 404);
    ApiError::NotFound(format!("no route for {}", uri.path()))
}

async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> Response {
    telemetry::unmatched(method.as_str(), 405);
    Problem::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed on {}", uri.path()),
        Vec::new(),
    )
    .into_response()
}

/// A query string read into `T`: a parameter `T` does not document is a 400 naming it (the
/// names come from `T`'s `IntoParams`, the same list the OpenAPI document shows), and a value
/// of the wrong shape a 400 naming the parameter by the deserializer's path.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned + IntoParams, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("").as_bytes();
        refuse_nul(query)?;
        let known: Vec<String> = T::into_params(|| None).into_iter().map(|p| p.name).collect();
        let errors: Vec<FieldError> = form_urlencoded::parse(query)
            .filter(|(name, _)| !known.iter().any(|k| k == name))
            .map(|(name, _)| FieldError {
                field: name.into_owned(),
                message: format!("unknown query parameter; this endpoint takes: {}", known.join(", ")),
            })
            .collect();
        if !errors.is_empty() {
            let detail =
                errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; ");
            return Err(ApiError::BadRequest { detail, errors });
        }
        let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query));
        serde_path_to_error::deserialize(deserializer).map(ApiQuery).map_err(|err| {
            let path = err.path().to_string();
            let field = if path == "." { "query".to_owned() } else { path };
            ApiError::bad_field(field, err.into_inner().to_string())
        })
    }
}

/// A query string as its `(name, value)` pairs, in order, for endpoints that read repeated
/// and comma-separated parameters themselves (`params`).
#[derive(Debug)]
pub struct QueryPairs(pub params::Pairs);

impl<S: Send + Sync> FromRequestParts<S> for QueryPairs {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("").as_bytes();
        refuse_nul(query)?;
        Ok(QueryPairs(form_urlencoded::parse(query).into_owned().collect()))
    }
}

/// 400 naming the first query parameter whose name or value holds a NUL character: no
/// search or filter can use one, and the database refuses it.
fn refuse_nul(query: &[u8]) -> Result<(), ApiError> {
    match form_urlencoded::parse(query).find(|(name, value)| name.contains('\0') || value.contains('\0')) {
        Some((name, _)) => Err(ApiError::bad_field(name.replace('\0', "\\0"), "contains a NUL character")),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use axum::body::{Body, to_bytes};
    use axum::http::Request as HttpRequest;
    use tower::ServiceExt;

    use super::*;

    /// A handler that panics answers a complete 500 problem, not a dropped connection, and
    /// names the request; the process goes on serving.
    #[tokio::test]
    async fn a_panicking_handler_is_a_500_problem_naming_the_request() {
        async fn boom() -> &'static str {
            panic!("a bug")
        }
        let app =
            middleware(Router::new().route("/boom", axum::routing::get(boom)), Duration::from_secs(5), None);
        let request = HttpRequest::get("/boom").header("x-request-id", "r-1").body(Body::empty());
        let response = app.oneshot(request.unwrap_or_default()).await.unwrap_or_default();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(response.headers()["content-type"], crate::error::PROBLEM_JSON);
        let body = to_bytes(response.into_body(), 1 << 16).await.unwrap_or_default();
        let problem: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        assert_eq!(problem["status"], 500);
        assert_eq!(problem["instance"], "/boom#request=r-1");
        assert!(!problem["detail"].as_str().unwrap_or_default().contains("a bug"), "{problem}");
    }
}
