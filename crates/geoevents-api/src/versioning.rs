//! Conditional GETs for polling clients: event lists and timelines carry an `ETag` built from
//! the latest change-feed position and the query, and a request whose `If-None-Match` still
//! matches gets `304 Not Modified` without running the query.

use std::hash::{Hash, Hasher};

use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::error::ApiError;

/// The entity tag of `uri`'s answer in representation `variant` (`""` for JSON, an export
/// format's name otherwise) while nothing has changed since `seq`.
fn etag(seq: i64, uri: &Uri, variant: &str) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    uri.path().hash(&mut hasher);
    uri.query().unwrap_or("").hash(&mut hasher);
    variant.hash(&mut hasher);
    format!("W/\"{seq}-{:016x}\"", hasher.finish())
}

fn matches(headers: &HeaderMap, tag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|candidate| {
            candidate == "*"
                || candidate == tag
                || candidate.trim_start_matches("W/") == tag.trim_start_matches("W/")
        })
}

/// Answers 304 when the client's copy is current; otherwise runs `render` and tags its answer.
/// `variant` names the representation when one URI has several (`Accept: text/csv`).
pub async fn conditional<F, R>(
    state: &AppState,
    headers: &HeaderMap,
    uri: &Uri,
    variant: &str,
    render: F,
) -> Result<Response, ApiError>
where
    F: Future<Output = Result<R, ApiError>>,
    R: IntoResponse,
{
    let tag = etag(state.store.latest_seq().await?, uri, variant);
    let value = HeaderValue::from_str(&tag).map_err(|e| ApiError::Internal(Box::new(e)))?;
    if matches(headers, &tag) {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        response.headers_mut().insert(header::ETAG, value);
        return Ok(response);
    }
    let mut response = render.await?.into_response();
    response.headers_mut().insert(header::ETAG, value);
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}

/// The entity tag of one event at version `seq` (its change-feed position): strong, since
/// the same version always renders the same body.
pub fn event_tag(seq: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{seq}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

/// Whether the client's `If-None-Match` already names `tag`.
pub fn not_modified(headers: &HeaderMap, tag: &HeaderValue) -> bool {
    tag.to_str().is_ok_and(|tag| matches(headers, tag))
}

/// The event version an `If-Match` demands: `None` without the header or with `*`; a tag this
/// service never issued (a weak tag included: `If-Match` compares strongly) demands a
/// version no event has, so the edit fails with 412 rather than going ahead.
pub fn if_match(headers: &HeaderMap) -> Option<i64> {
    let value = headers.get(header::IF_MATCH)?.to_str().unwrap_or("");
    if value.trim() == "*" {
        return None;
    }
    let version = value
        .split(',')
        .map(str::trim)
        .find_map(|tag| tag.strip_prefix('"')?.strip_suffix('"')?.parse().ok());
    Some(version.unwrap_or(-1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_differ_by_query_and_seq_and_match_weakly() {
        let a: Uri = "/v1/events?kind=attack".parse().unwrap_or_default();
        let b: Uri = "/v1/events?kind=threat".parse().unwrap_or_default();
        assert_ne!(etag(1, &a, ""), etag(1, &b, ""));
        assert_ne!(etag(1, &a, ""), etag(2, &a, ""));
        assert_ne!(etag(1, &a, ""), etag(1, &a, "csv"));
        let mut headers = HeaderMap::new();
        let strong = etag(1, &a, "").trim_start_matches("W/").to_owned();
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_str(&format!("\"x\", {strong}")).unwrap_or(HeaderValue::from_static("")),
        );
        assert!(matches(&headers, &etag(1, &a, "")));
        assert!(!matches(&headers, &etag(2, &a, "")));
    }

    #[test]
    fn if_match_names_a_version_or_none_and_unknown_tags_match_nothing() {
        let with = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::IF_MATCH, HeaderValue::from_static(value));
            if_match(&headers)
        };
        assert_eq!(if_match(&HeaderMap::new()), None);
        assert_eq!(with("*"), None);
        assert_eq!(with("\"42\""), Some(42));
        assert_eq!(with("W/\"42\""), Some(-1));
        assert_eq!(with("\"abc\""), Some(-1));
        assert_eq!(event_tag(42), HeaderValue::from_static("\"42\""));
    }
}
