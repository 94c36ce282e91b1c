//! Errors that become HTTP responses: RFC 9457 `application/problem+json` bodies with the
//! right status, the offending field or line, and never a cause that leaks internals (SQL,
//! paths, panics). Server-side causes are logged once, inside the request span.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use geoevents_store::StoreError;
use serde::Serialize;

/// Content type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// One field-level complaint inside a problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// The field, query parameter or header at fault (`published_at`, `limit`, `line 3`).
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

/// An error a handler returns; its `IntoResponse` renders problem+json.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The body or a parameter is malformed (bad JSON, bad cursor, unknown parameter).
    #[error("{detail}")]
    BadRequest {
        /// What is wrong.
        detail: String,
        /// Which fields.
        errors: Vec<FieldError>,
    },
    /// Well-formed but invalid content (bad URL, bad date, empty text).
    #[error("{detail}")]
    Unprocessable {
        /// What is wrong.
        detail: String,
        /// Which fields.
        errors: Vec<FieldError>,
    },
    /// No key, or a key that is unknown or revoked, where one is needed.
    #[error("{0}")]
    Unauthorized(String),
    /// A key whose role does not allow the request.
    #[error("{0}")]
    Forbidden(String),
    /// The request body did not arrive in time.
    #[error("{0}")]
    RequestTimeout(String),
    /// The client went past its rate limit; it may try again after `retry_after` seconds.
    #[error("{detail}")]
    TooManyRequests {
        /// Whose limit, and how many requests it allows.
        detail: String,
        /// Seconds until the window resets.
        retry_after: u64,
    },
    /// No such resource.
    #[error("{0}")]
    NotFound(String),
    /// The request conflicts with the resource's state (editing a merged-away event).
    #[error("{0}")]
    Conflict(String),
    /// The resource changed since the version the request's `If-Match` names.
    #[error("{0}")]
    PreconditionFailed(String),
    /// The body is larger than the configured limit.
    #[error("the request body is larger than the limit of {limit} bytes")]
    PayloadTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// A part of the request is past a bound other than the body size (an NDJSON batch's
    /// line count).
    #[error("{0}")]
    PayloadTooLong(String),
    /// The `Content-Type` is not one this endpoint reads.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// The service is at capacity (every extraction slot stayed busy); try again shortly.
    #[error("{0}")]
    Busy(String),
    /// The database cannot be reached.
    #[error("the database is unavailable; try again shortly")]
    Unavailable(#[source] StoreError),
    /// Anything else: a bug or an inconsistent row. The cause is logged, not returned.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl ApiError {
    /// A 400 about one field.
    pub fn bad_field(field: impl Into<String>, message: impl Into<String>) -> Self {
        let message = message.into();
        let field = field.into();
        ApiError::BadRequest {
            detail: format!("{field}: {message}"),
            errors: vec![FieldError { field, message }],
        }
    }

    /// A 422 about one field.
    pub fn invalid_field(field: impl Into<String>, message: impl Into<String>) -> Self {
        let message = message.into();
        let field = field.into();
        ApiError::Unprocessable {
            detail: format!("{field}: {message}"),
            errors: vec![FieldError { field, message }],
        }
    }

    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::RequestTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            ApiError::PayloadTooLarge { .. } | ApiError::PayloadTooLong(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unavailable(_) | ApiError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The problem document for this error. Logs server-side causes (once, here).
    pub fn to_problem(&self) -> Problem {
        let status = self.status();
        let errors = match self {
            ApiError::BadRequest { errors, .. } | ApiError::Unprocessable { errors, .. } => errors.clone(),
            _ => Vec::new(),
        };
        match self {
            ApiError::Internal(cause) => tracing::error!(error = %cause, "request failed"),
            ApiError::Unavailable(cause) => {
                tracing::warn!(error = %cause, source = ?std::error::Error::source(cause), "database unavailable")
            }
            _ => {}
        }
        Problem::new(status, self.to_string(), errors)
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Unavailable(_) => ApiError::Unavailable(err),
            other => ApiError::Internal(Box::new(other)),
        }
    }
}

/// An RFC 9457 problem document: what went wrong, and which field or line when it was one.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(example = json!({
    "type": "https://geoevents.dev/problems/bad-request",
    "title": "Bad Request",
    "status": 400,
    "detail": "limit: '0' is not a number from 1 to 500",
    "instance": "/v1/events#request=0193f0c4-5d7e-7d40-9a3e-2b8c1f6a7e21",
    "errors": [{"field": "limit", "message": "'0' is not a number from 1 to 500"}]
}))]
pub struct Problem {
    /// A URI naming the problem type (`https://geoevents.dev/problems/<status title>`).
    #[serde(rename = "type")]
    pub type_uri: String,
    /// Short summary of the problem type.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What went wrong with this request.
    pub detail: String,
    /// The request's path and id (`/v1/events#request=<X-Request-Id>`), to quote when
    /// reporting it; absent only on the per-line problems of an NDJSON ingest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// Field-level complaints, when there are any: the body field (by its path, `when.start`),
    /// query parameter, header or NDJSON line at fault.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl Problem {
    /// A problem for `status` with a detail and field errors.
    pub fn new(status: StatusCode, detail: String, errors: Vec<FieldError>) -> Self {
        let title = status.canonical_reason().unwrap_or("Error").to_owned();
        let slug = title.to_ascii_lowercase().replace(' ', "-");
        Self {
            type_uri: format!("https://geoevents.dev/problems/{slug}"),
            title,
            status: status.as_u16(),
            detail,
            instance: None,
            errors,
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, Json(self)).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        response
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = self.to_problem().into_response();
        match self {
            ApiError::Unauthorized(_) => {
                response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            ApiError::TooManyRequests { retry_after, .. } => {
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            }
            _ => {}
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_internal_error_never_shows_its_cause() {
        let err = ApiError::Internal("relation \"events\" does not exist at /srv/x.rs:10".into());
        let problem = err.to_problem();
        assert_eq!(problem.status, 500);
        assert!(!problem.detail.contains("relation"));
        assert!(!problem.detail.contains("/srv"));
    }

    #[test]
    fn a_field_error_names_the_field_in_detail_and_errors() {
        let problem = ApiError::invalid_field("published_at", "not a date").to_problem();
        assert_eq!(problem.status, 422);
        assert_eq!(problem.detail, "published_at: not a date");
        assert_eq!(problem.errors[0].field, "published_at");
    }
}
