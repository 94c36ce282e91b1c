//! Rate limits: each API key, and each client address without a key, may make so many
//! requests a window (a minute by default). Every answer under `/v1/` says where the client
//! stands (`RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`), and one past the
//! limit is a 429 problem with `Retry-After`.
//!
//! A window opens with a client's first request and lasts its length, so clients' windows
//! do not all reset in the same second. Failed key checks count against the address, so a
//! key-guessing loop is slowed like any other.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, HeaderValue};
use uuid::Uuid;

/// Requests allowed per window; 0 for no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// Per API key.
    pub per_key: u32,
    /// Per client address, for requests without a key.
    pub anonymous: u32,
    /// The window.
    pub window: Duration,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self { per_key: 1200, anonymous: 300, window: Duration::from_secs(60) }
    }
}

/// Whom a limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Client {
    /// An API key.
    Key(Uuid),
    /// A client address without a key.
    Address(IpAddr),
}

/// Where a client stands after a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    /// Requests allowed per window.
    pub limit: u32,
    /// Requests left in this window.
    pub remaining: u32,
    /// Until the window resets.
    pub reset: Duration,
    /// Whether this request is within the limit.
    pub allowed: bool,
}

impl Quota {
    /// Whole seconds until the window resets (at least 1 while it runs).
    pub fn reset_seconds(&self) -> u64 {
        self.reset.as_secs() + u64::from(self.reset.subsec_nanos() > 0)
    }

    /// Writes `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`.
    pub fn write_headers(&self, headers: &mut HeaderMap) {
        headers.insert("ratelimit-limit", HeaderValue::from(self.limit));
        headers.insert("ratelimit-remaining", HeaderValue::from(self.remaining));
        headers.insert("ratelimit-reset", HeaderValue::from(self.reset_seconds()));
    }
}

#[derive(Debug)]
struct Window {
    opened: Instant,
    used: u32,
}

/// The windows of every client seen lately.
#[derive(Debug, Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<Client, Window>>,
    calls: AtomicU64,
}

/// How often (in requests) windows that have closed are dropped.
const SWEEP_EVERY: u64 = 4096;

impl RateLimiter {
    /// Counts a request of `client` against `limit` per `window`; `None` when `limit` is 0.
    pub fn take(&self, client: Client, limit: u32, window: Duration) -> Option<Quota> {
        if limit == 0 {
            return None;
        }
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if self.calls.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            windows.retain(|_, w| now.duration_since(w.opened) < window);
        }
        let current = windows.entry(client).or_insert(Window { opened: now, used: 0 });
        if now.duration_since(current.opened) >= window {
            *current = Window { opened: now, used: 0 };
        }
        let allowed = current.used < limit;
        if allowed {
            current.used += 1;
        }
        Some(Quota {
            limit,
            remaining: limit - current.used,
            reset: window.saturating_sub(now.duration_since(current.opened)),
            allowed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_gets_its_limit_per_window_and_others_their_own() {
        let limiter = RateLimiter::default();
        let a = Client::Address(IpAddr::from([10, 0, 0, 1]));
        let b = Client::Key(Uuid::nil());
        let window = Duration::from_secs(60);
        let quotas: Vec<Quota> = (0..4).filter_map(|_| limiter.take(a, 3, window)).collect();
        assert_eq!(quotas.iter().map(|q| q.allowed).collect::<Vec<_>>(), [true, true, true, false]);
        assert_eq!(quotas.iter().map(|q| q.remaining).collect::<Vec<_>>(), [2, 1, 0, 0]);
        assert!(quotas[3].reset_seconds() >= 59 && quotas[3].reset_seconds() <= 60);
        assert!(limiter.take(b, 3, window).is_some_and(|q| q.allowed && q.remaining == 2));
        assert_eq!(limiter.take(a, 0, window), None, "0 is no limit");
    }

    #[test]
    fn a_window_reopens_once_it_has_passed() {
        let limiter = RateLimiter::default();
        let a = Client::Address(IpAddr::from([10, 0, 0, 2]));
        let window = Duration::from_millis(30);
        assert!(limiter.take(a, 1, window).is_some_and(|q| q.allowed));
        assert!(limiter.take(a, 1, window).is_some_and(|q| !q.allowed));
        std::thread::sleep(Duration::from_millis(40));
        assert!(limiter.take(a, 1, window).is_some_and(|q| q.allowed));
    }
}
