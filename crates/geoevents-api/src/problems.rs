//! One place that makes every error response a complete problem document.
//!
//! Handlers answer with [`Problem`]s already; this layer, outside every other, sees what
//! they do not make themselves: a timeout's empty 503, a rejection axum or tower writes as
//! plain text, a panic caught below. Every 4xx and 5xx leaves it as
//! `application/problem+json` with `instance` set to the request's path and its request id
//! (`/v1/events/…#request=…`), so a client can quote the failure and an operator can find
//! its log lines. A 503 also says when to come back (`Retry-After`).

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::error::{PROBLEM_JSON, Problem};

/// Problems are small; a body larger than this is not one and is replaced.
const MAX_PROBLEM_BYTES: usize = 64 * 1024;

/// How long a client told 503 should wait before trying again, in seconds.
const RETRY_AFTER_SECONDS: &str = "5";

/// Middleware: completes or replaces the body of every error response.
pub async fn complete(request: Request, next: Next) -> Response {
    let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let instance = if id.is_empty() {
        request.uri().path().to_owned()
    } else {
        format!("{}#request={id}", request.uri().path())
    };
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let is_problem =
        parts.headers.get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes() == PROBLEM_JSON.as_bytes());
    let is_text =
        parts.headers.get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/plain"));
    let bytes = to_bytes(body, MAX_PROBLEM_BYTES).await.unwrap_or_default();
    let mut document = match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) if is_problem => Value::Object(map),
        _ => {
            // A plain-text rejection says what was wrong in its own words; anything else
            // (an empty timeout body) gets the status's description.
            let text =
                if is_text { String::from_utf8_lossy(&bytes).trim().to_owned() } else { String::new() };
            let detail = if text.is_empty() { describe(status) } else { text.chars().take(500).collect() };
            serde_json::to_value(Problem::new(status, detail, Vec::new())).unwrap_or_default()
        }
    };
    if let Value::Object(map) = &mut document {
        map.insert("instance".to_owned(), Value::String(instance));
    }
    if status == StatusCode::SERVICE_UNAVAILABLE && !parts.headers.contains_key(header::RETRY_AFTER) {
        parts.headers.insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER_SECONDS));
    }
    let body = serde_json::to_vec(&document).unwrap_or_default();
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_ENCODING);
    Response::from_parts(parts, Body::from(body)).into_response()
}

/// What a status with no body of its own means for this service.
fn describe(status: StatusCode) -> String {
    match status {
        StatusCode::SERVICE_UNAVAILABLE => {
            "the request took longer than the service allows, or the service is overloaded; try again shortly"
                .to_owned()
        }
        StatusCode::REQUEST_TIMEOUT => "the request was not received in time".to_owned(),
        other => other.canonical_reason().unwrap_or("error").to_owned(),
    }
}
