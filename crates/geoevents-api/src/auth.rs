//! Who may do what. Clients present an API key as `Authorization: Bearer <key>`; a key has a
//! role — `reader`, `writer` (ingest and corrections) or `admin` (keys) — and each role may do
//! what the ones below it may. The access policy says whether reads and writes need a key at
//! all; managing keys always does.
//!
//! Keys are 256 random bits, shown once when made and stored only as their SHA-256. A
//! presented key is hashed whole and looked up by that hash, so checking it takes the same
//! work whether or not any stored key shares a prefix with it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use geoevents_store::KeyRecord;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::error::ApiError;
use crate::limits::Client;

/// What a key may do; each role includes the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Read events, articles, timelines and the change feed.
    Reader,
    /// Also ingest articles and correct, merge, split and retract events.
    Writer,
    /// Also make, list and revoke keys.
    Admin,
}

impl Role {
    /// The role's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Writer => "writer",
            Role::Admin => "admin",
        }
    }

    /// The role of this name.
    pub fn parse(name: &str) -> Option<Self> {
        [Role::Reader, Role::Writer, Role::Admin].into_iter().find(|r| r.as_str() == name)
    }
}

/// Whether a kind of request needs a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone who can reach the port.
    Open,
    /// A key of the right role.
    Key,
}

/// Which requests need a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccessPolicy {
    /// Reads (`GET`, and extraction without storing).
    pub read: Access,
    /// Writes (ingest, corrections).
    pub write: Access,
}

impl Default for AccessPolicy {
    /// Reads open, writes with a key.
    fn default() -> Self {
        Self { read: Access::Open, write: Access::Key }
    }
}

/// A key as it is made: the key itself (to show once), its hash and its prefix (to keep).
#[derive(Debug)]
pub struct NewKey {
    /// `gek_` and 64 hex digits.
    pub key: String,
    /// SHA-256 of the key.
    pub hash: Vec<u8>,
    /// The key's first 12 characters, to tell keys apart in lists.
    pub prefix: String,
}

/// Makes a key from 256 bits of the operating system's randomness.
pub fn new_key() -> Result<NewKey, ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| ApiError::Internal(format!("no randomness: {e}").into()))?;
    let key: String =
        std::iter::once("gek_".to_owned()).chain(bytes.iter().map(|b| format!("{b:02x}"))).collect();
    Ok(NewKey { hash: hash_key(&key), prefix: key.chars().take(12).collect(), key })
}

/// The stored form of a key.
pub fn hash_key(key: &str) -> Vec<u8> {
    Sha256::digest(key.as_bytes()).to_vec()
}

/// Longest key name.
pub const MAX_KEY_NAME: usize = 64;

/// Checks a key's name: 1 to 64 letters, digits, `.`, `_` or `-`.
pub fn check_key_name(name: &str) -> Result<(), String> {
    let fine = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    if name.is_empty() || name.len() > MAX_KEY_NAME || !name.chars().all(fine) {
        return Err(format!("1 to {MAX_KEY_NAME} letters, digits, '.', '_' or '-'"));
    }
    Ok(())
}

/// The key a request was made with, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyIdentity {
    /// The key's id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// Its role.
    pub role: Role,
}

/// Who sent a request: a key, or nobody in particular. Handlers take it as an extractor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Caller(pub Option<KeyIdentity>);

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Caller>().cloned().unwrap_or_default())
    }
}

/// When each key's last use was recorded, so a busy key costs one write a minute.
#[derive(Debug, Default)]
pub struct KeyUse(Mutex<HashMap<Uuid, Instant>>);

/// How often a key's `last_used_at` is written.
const TOUCH_EVERY: Duration = Duration::from_secs(60);

impl KeyUse {
    fn due(&self, id: Uuid) -> bool {
        let mut seen = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        match seen.get(&id) {
            Some(at) if now.duration_since(*at) < TOUCH_EVERY => false,
            _ => {
                seen.insert(id, now);
                true
            }
        }
    }
}

/// The role a request needs under `policy`, if any.
pub fn required_role(method: &Method, path: &str, policy: AccessPolicy) -> Option<Role> {
    if path == "/v1/keys" || path.starts_with("/v1/keys/") {
        return Some(Role::Admin);
    }
    if !path.starts_with("/v1/") || method == Method::OPTIONS {
        return None;
    }
    // Extraction without storing reads nothing and writes nothing: a read.
    let read = matches!(*method, Method::GET | Method::HEAD) || path == "/v1/extract";
    let (access, role) = if read { (policy.read, Role::Reader) } else { (policy.write, Role::Writer) };
    (access == Access::Key).then_some(role)
}

/// The key in `Authorization: Bearer <key>`, if the header is there.
fn bearer(headers: &HeaderMap) -> Result<Option<&str>, ApiError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else { return Ok(None) };
    let text = value.to_str().unwrap_or("");
    match text.split_once(' ') {
        Some((scheme, key)) if scheme.eq_ignore_ascii_case("bearer") && !key.trim().is_empty() => {
            Ok(Some(key.trim()))
        }
        _ => Err(ApiError::Unauthorized("Authorization must be `Bearer <key>`".to_owned())),
    }
}

/// Middleware: finds the caller's key, counts the request against the caller's rate limit,
/// refuses what the policy does not let them do (401 without a key, or with one that is
/// unknown or revoked; 403 with a key of too low a role; 429 past the limit), and hands the
/// caller to the handlers. Every answer carries the caller's `RateLimit-*` headers.
pub async fn authorize(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let need = required_role(request.method(), request.uri().path(), state.config.access);
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |info| info.0.ip());
    let identified = identify(&state, request.headers()).await;
    let limits = state.config.rate_limits;
    // The API is metered; probes, metrics and the docs are not.
    let metered = request.uri().path().starts_with("/v1/");
    let quota = match &identified {
        _ if !metered => None,
        Ok(Caller(Some(key))) => state.rate_limiter.take(Client::Key(key.id), limits.per_key, limits.window),
        // Failed key checks count against the address, like requests without a key.
        _ => state.rate_limiter.take(Client::Address(address), limits.anonymous, limits.window),
    };
    let mut response = match (quota, identified) {
        (Some(quota), identified) if !quota.allowed => {
            let whose = match identified {
                Ok(Caller(Some(key))) => format!("the key '{}'", key.name),
                _ => format!("the address {address}"),
            };
            ApiError::TooManyRequests {
                detail: format!(
                    "{whose} made its {} requests of this {}-second window; try again in {} s",
                    quota.limit,
                    limits.window.as_secs(),
                    quota.reset_seconds()
                ),
                retry_after: quota.reset_seconds(),
            }
            .into_response()
        }
        (_, Err(err)) => err.into_response(),
        (_, Ok(caller)) => match refusal(&caller, need) {
            Some(err) => err.into_response(),
            None => {
                request.extensions_mut().insert(caller);
                next.run(request).await
            }
        },
    };
    if let Some(quota) = quota {
        quota.write_headers(response.headers_mut());
    }
    response
}

/// Why `caller` may not make a request that needs `need`, if it may not.
fn refusal(caller: &Caller, need: Option<Role>) -> Option<ApiError> {
    let need = need?;
    match &caller.0 {
        None => Some(ApiError::Unauthorized(format!(
            "this request needs an API key with role '{}' or higher: send `Authorization: Bearer <key>`",
            need.as_str()
        ))),
        Some(key) if key.role < need => Some(ApiError::Forbidden(format!(
            "the key '{}' has role '{}'; this request needs '{}' or higher",
            key.name,
            key.role.as_str(),
            need.as_str()
        ))),
        Some(_) => None,
    }
}

/// The caller of a request: 401 for a key that is malformed, unknown or revoked (even where
/// no key is needed, so a client never believes itself authenticated when it is not).
async fn identify(state: &AppState, headers: &HeaderMap) -> Result<Caller, ApiError> {
    let Some(key) = bearer(headers)? else { return Ok(Caller(None)) };
    let record = state.store.key_by_hash(&hash_key(key)).await?;
    let Some(KeyRecord { id, name, role, .. }) = record else {
        return Err(ApiError::Unauthorized("the API key is not valid: unknown or revoked".to_owned()));
    };
    let role =
        Role::parse(&role).ok_or_else(|| ApiError::Internal(format!("key {name} has role {role}").into()))?;
    if state.key_use.due(id) {
        let store = state.store.clone();
        tokio::spawn(async move {
            if let Err(err) = store.touch_key(id).await {
                tracing::warn!(error = %err, "could not record a key's use");
            }
        });
    }
    Ok(Caller(Some(KeyIdentity { id, name, role })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_long_random_and_stored_only_as_hashes() {
        let (a, b) = (new_key().ok(), new_key().ok());
        let (a, b) = (a.expect("a key"), b.expect("a key"));
        assert_ne!(a.key, b.key);
        assert_eq!(a.key.len(), 4 + 64);
        assert!(a.key.starts_with("gek_") && a.key[4..].chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(a.hash, hash_key(&a.key));
        assert_eq!(a.hash.len(), 32);
        assert!(a.key.starts_with(&a.prefix));
    }

    #[test]
    fn the_policy_names_the_role_each_request_needs() {
        let default = AccessPolicy::default();
        let closed = AccessPolicy { read: Access::Key, write: Access::Key };
        let open = AccessPolicy { read: Access::Open, write: Access::Open };
        assert_eq!(required_role(&Method::GET, "/v1/events", default), None);
        assert_eq!(required_role(&Method::POST, "/v1/articles", default), Some(Role::Writer));
        assert_eq!(required_role(&Method::POST, "/v1/extract", default), None);
        assert_eq!(required_role(&Method::GET, "/v1/events", closed), Some(Role::Reader));
        assert_eq!(required_role(&Method::POST, "/v1/extract", closed), Some(Role::Reader));
        assert_eq!(required_role(&Method::PATCH, "/v1/events/x", open), None);
        assert_eq!(required_role(&Method::GET, "/v1/keys", open), Some(Role::Admin));
        assert_eq!(required_role(&Method::GET, "/healthz", closed), None);
        assert!(Role::Admin > Role::Writer && Role::Writer > Role::Reader);
    }

    #[test]
    fn key_names_are_short_and_plain() {
        assert!(check_key_name("batch-job.v2_a").is_ok());
        assert!(check_key_name("").is_err());
        assert!(check_key_name("a b").is_err());
        assert!(check_key_name("x/y").is_err());
        assert!(check_key_name(&"k".repeat(65)).is_err());
    }
}
