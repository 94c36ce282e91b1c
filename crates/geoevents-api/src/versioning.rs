//! Conditional GETs for polling clients. Every list (events, exports, timelines, articles,
//! the change feed) carries an `ETag` built from the latest change-sequence number of what
//! it shows and the query, and a `Last-Modified` from the time of that change. A request
//! whose `If-None-Match` still matches, or (without `If-None-Match`) whose
//! `If-Modified-Since` is not older than the latest change, gets `304 Not Modified` without
//! running the query: the versions come from memory while the store's watcher hears every
//! commit (`Store::watch_versions`), else from one cheap check (four index lookups).

use std::hash::{Hash, Hasher};

use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, DurationRound, Utc};
use geoevents_store::Version;

use crate::AppState;
use crate::error::ApiError;

/// What a list shows, and so which changes move its version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Events: lists, exports, timelines, the change feed.
    Events,
    /// Articles: new articles, and events' changes (which move their event counts).
    Articles,
}

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

/// The `Last-Modified` of a list whose latest change happened at `changed`, answered at
/// `now`. HTTP dates count whole seconds, so a second is only claimed once it is over (with
/// a second's margin for commits in flight): until then the date given is older than the
/// change, and a client that sends it back gets the list again rather than a 304 that
/// would hide a later change of the same second.
fn last_modified(changed: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    whole_second(changed).min(whole_second(now) - Duration::seconds(2))
}

/// `t` without its fraction of a second, as HTTP dates count.
fn whole_second(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(Duration::seconds(1)).unwrap_or(t)
}

/// Whether `If-Modified-Since` (consulted only without `If-None-Match`) says the client's
/// copy already holds the change made at `changed`.
fn unmodified_since(headers: &HeaderMap, changed: DateTime<Utc>) -> bool {
    if headers.contains_key(header::IF_NONE_MATCH) {
        return false;
    }
    let Some(since) = headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| DateTime::parse_from_rfc2822(v).ok())
    else {
        return false;
    };
    whole_second(changed) <= since.with_timezone(&Utc)
}

/// An HTTP date (RFC 9110 IMF-fixdate).
fn http_date(at: DateTime<Utc>) -> Option<HeaderValue> {
    HeaderValue::from_str(&at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()).ok()
}

/// Answers 304 when the client's copy is current; otherwise runs `render` and tags its
/// answer. `variant` names the representation when one URI has several (`Accept:
/// text/csv`); `scope` says which changes move the answer.
pub async fn conditional<F, R>(
    state: &AppState,
    headers: &HeaderMap,
    uri: &Uri,
    variant: &str,
    scope: Scope,
    render: F,
) -> Result<Response, ApiError>
where
    F: Future<Output = Result<R, ApiError>>,
    R: IntoResponse,
{
    let versions = state.store.versions().await?;
    let version: Version = match scope {
        Scope::Events => versions.events,
        Scope::Articles => versions.articles,
    };
    let tag = etag(version.seq, uri, variant);
    let value = HeaderValue::from_str(&tag).map_err(|e| ApiError::Internal(Box::new(e)))?;
    let modified = version.at.and_then(|at| http_date(last_modified(at, Utc::now())));
    let fresh = matches(headers, &tag) || version.at.is_some_and(|at| unmodified_since(headers, at));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let key = format!("{scope:?}\u{1f}{variant}\u{1f}{uri}");
        match state.responses.get(&key, version.seq) {
            Some(response) => response,
            None => state.responses.keep(key, version.seq, render.await?.into_response()).await,
        }
    };
    let response_headers = response.headers_mut();
    response_headers.insert(header::ETAG, value);
    if let Some(modified) = modified {
        response_headers.insert(header::LAST_MODIFIED, modified);
    }
    if !fresh {
        response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    Ok(response)
}

/// Answers already rendered, each for the version it was rendered at: dashboards ask for the
/// same few lists over and over, and until something changes the answer is the same bytes.
/// An entry serves only the version it was made at, so a change (which moves the version)
/// retires every entry at once; bodies without a known size (streamed exports) and large
/// ones are not kept, and the whole stays under [`ResponseCache::BUDGET`] bytes.
#[derive(Debug, Default)]
pub struct ResponseCache {
    entries: std::sync::Mutex<CacheEntries>,
}

#[derive(Debug, Default)]
struct CacheEntries {
    by_key: std::collections::HashMap<String, Rendered>,
    bytes: usize,
}

#[derive(Debug)]
struct Rendered {
    seq: i64,
    status: StatusCode,
    headers: HeaderMap,
    body: axum::body::Bytes,
}

impl ResponseCache {
    /// The most bytes of bodies kept.
    const BUDGET: usize = 32 << 20;
    /// The largest body kept.
    const LARGEST: usize = 1 << 20;

    fn entries(&self) -> std::sync::MutexGuard<'_, CacheEntries> {
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The answer kept for `key` at version `seq`.
    fn get(&self, key: &str, seq: i64) -> Option<Response> {
        let entries = self.entries();
        let kept = entries.by_key.get(key).filter(|r| r.seq == seq)?;
        let mut response = Response::new(axum::body::Body::from(kept.body.clone()));
        *response.status_mut() = kept.status;
        *response.headers_mut() = kept.headers.clone();
        Some(response)
    }

    /// Keeps a successful answer of known, moderate size rendered at version `seq`, and
    /// gives it back.
    async fn keep(&self, key: String, seq: i64, response: Response) -> Response {
        use axum::body::HttpBody as _;
        let size = response.body().size_hint().exact().and_then(|n| usize::try_from(n).ok());
        if response.status() != StatusCode::OK || size.is_none_or(|n| n > Self::LARGEST) {
            return response;
        }
        let (parts, body) = response.into_parts();
        let Ok(body) = axum::body::to_bytes(body, Self::LARGEST).await else {
            return (StatusCode::INTERNAL_SERVER_ERROR, "the answer could not be read").into_response();
        };
        {
            let mut entries = self.entries();
            // Entries of older versions serve nobody any more: they go first.
            if entries.bytes + body.len() > Self::BUDGET {
                entries.by_key.retain(|_, r| r.seq >= seq);
                entries.bytes = entries.by_key.values().map(|r| r.body.len()).sum();
            }
            while entries.bytes + body.len() > Self::BUDGET {
                let Some(victim) = entries.by_key.keys().next().cloned() else { break };
                if let Some(gone) = entries.by_key.remove(&victim) {
                    entries.bytes -= gone.body.len();
                }
            }
            let rendered =
                Rendered { seq, status: parts.status, headers: parts.headers.clone(), body: body.clone() };
            entries.bytes += body.len();
            if let Some(replaced) = entries.by_key.insert(key, rendered) {
                entries.bytes -= replaced.body.len();
            }
        }
        Response::from_parts(parts, axum::body::Body::from(body))
    }
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

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)).unwrap_or_default()
    }

    #[test]
    fn last_modified_claims_a_second_only_once_it_is_over() {
        let changed = at("2026-03-01T10:00:05.300Z");
        // Long after: the change's own second.
        assert_eq!(last_modified(changed, at("2026-03-01T11:00:00Z")), at("2026-03-01T10:00:05Z"));
        // Within the same second or the next: an older date, so the next poll refetches.
        assert_eq!(last_modified(changed, at("2026-03-01T10:00:05.900Z")), at("2026-03-01T10:00:03Z"));
        assert!(last_modified(changed, at("2026-03-01T10:00:06.100Z")) < at("2026-03-01T10:00:05Z"));
        assert_eq!(
            http_date(at("2026-03-01T10:00:05Z")),
            Some(HeaderValue::from_static("Sun, 01 Mar 2026 10:00:05 GMT"))
        );
    }

    #[test]
    fn if_modified_since_holds_until_a_later_second_and_yields_to_if_none_match() {
        let mut headers = HeaderMap::new();
        headers.insert(header::IF_MODIFIED_SINCE, HeaderValue::from_static("Sun, 01 Mar 2026 10:00:05 GMT"));
        assert!(unmodified_since(&headers, at("2026-03-01T10:00:05.700Z")));
        assert!(!unmodified_since(&headers, at("2026-03-01T10:00:06.100Z")));
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"x\""));
        assert!(!unmodified_since(&headers, at("2026-03-01T10:00:01Z")));
        let mut garbled = HeaderMap::new();
        garbled.insert(header::IF_MODIFIED_SINCE, HeaderValue::from_static("yesterday"));
        assert!(!unmodified_since(&garbled, at("2026-03-01T10:00:01Z")));
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
