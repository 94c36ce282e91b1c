//! The versions lists are tagged with, held in memory while this process is sure to hear of
//! every commit that moves them, so that an idle dashboard's poll is answered `304` without
//! a database round trip.
//!
//! A watcher task keeps a `LISTEN` on the change channel (every commit that logs changes or
//! stores an article sends a `NOTIFY`, from any process). Each thing heard, and every commit
//! of this process, moves a *generation*; a version read from the database is kept only if
//! no generation passed while it was being read, and served only while the generation is
//! unchanged and the listener is known to be connected. When the listener drops, nothing is
//! served from memory until a new `LISTEN` is in place.
//!
//! The same watcher publishes the latest change position it hears, on which live change
//! streams wait (`Store::commits_heard`): one `LISTEN` per process serves both.
//!
//! Another process's commit is heard a moment after it becomes visible: within that moment
//! a poll of this process may still be answered from the version before it. A commit of this
//! process moves the generation before its caller answers, so a client never gets a `304`
//! for its own write.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::watch;

use crate::Store;
use crate::feed::{Heard, Versions};

/// The cached versions and whether the watcher is listening.
#[derive(Debug)]
pub(crate) struct VersionCache {
    generation: AtomicU64,
    held: Mutex<Held>,
    started: AtomicBool,
    stop: watch::Sender<bool>,
    /// The latest committed change position heard: live streams wait on it.
    heard: watch::Sender<i64>,
}

#[derive(Debug, Default)]
struct Held {
    listening: bool,
    value: Option<(u64, Versions)>,
}

impl Default for VersionCache {
    fn default() -> Self {
        Self {
            generation: AtomicU64::new(0),
            held: Mutex::new(Held::default()),
            started: AtomicBool::new(false),
            stop: watch::channel(false).0,
            heard: watch::channel(0).0,
        }
    }
}

impl VersionCache {
    fn held(&self) -> std::sync::MutexGuard<'_, Held> {
        self.held.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The generation to pass to [`VersionCache::offer`]: read it before the query.
    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The versions, if they are known and nothing may have changed since.
    pub(crate) fn current(&self) -> Option<Versions> {
        let held = self.held();
        let generation = self.generation();
        match held.value {
            Some((at, versions)) if held.listening && at == generation => Some(versions),
            _ => None,
        }
    }

    /// Keeps `versions`, read by a query that started at `generation`, unless something was
    /// committed (or the listener dropped) since it started.
    pub(crate) fn offer(&self, generation: u64, versions: Versions) {
        let mut held = self.held();
        if held.listening && self.generation() == generation {
            held.value = Some((generation, versions));
        }
    }

    /// Something may have changed: the next reader asks the database.
    pub(crate) fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    fn set_listening(&self, listening: bool) {
        let mut held = self.held();
        held.listening = listening;
        held.value = None;
        self.invalidate();
    }

    /// Raises the heard position to `seq` (it never goes back).
    fn heard(&self, seq: i64) {
        self.heard.send_if_modified(|latest| {
            let newer = seq > *latest;
            if newer {
                *latest = seq;
            }
            newer
        });
    }

    /// Ends the watcher (when the store closes).
    pub(crate) fn stop(&self) {
        self.stop.send_replace(true);
    }
}

impl Store {
    /// Whether the version watcher is listening, so that versions are answered from memory.
    pub fn hears_commits(&self) -> bool {
        self.cache.held().listening
    }

    /// The latest committed change position, from any process, as the version watcher
    /// hears it: a live stream waits on this instead of a connection of its own. Its value
    /// may lag at first (and stays 0 until the watcher runs); a reader reads the feed once
    /// before it waits.
    pub fn commits_heard(&self) -> watch::Receiver<i64> {
        self.cache.heard.subscribe()
    }

    /// Starts the task that lets [`Store::versions`] answer from memory (once per store; a
    /// no-op outside a Tokio runtime). It holds one connection of the pool for its `LISTEN`
    /// and ends when the store closes.
    pub fn watch_versions(&self) {
        if self.cache.started.swap(true, Ordering::SeqCst) {
            return;
        }
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                runtime.spawn(watch_commits(self.clone()));
            }
            Err(_) => self.cache.started.store(false, Ordering::SeqCst),
        }
    }
}

/// Listens for commits for as long as the store is open, moving the generation on each.
async fn watch_commits(store: Store) {
    let cache = &store.cache;
    let mut stop = cache.stop.subscribe();
    let mut backoff = Duration::from_millis(200);
    while !*stop.borrow() {
        let listening = tokio::select! {
            listener = store.listen_for_changes() => listener,
            _ = stop.changed() => break,
        };
        let mut listener = match listening {
            Ok(listener) => listener,
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for commits; versions are read from the database");
                tokio::select! {
                    () = tokio::time::sleep(backoff) => {}
                    _ = stop.changed() => break,
                }
                backoff = (backoff * 2).min(Duration::from_secs(5));
                continue;
            }
        };
        backoff = Duration::from_millis(200);
        // Commits from here on are heard; earlier ones are in what the next reader reads.
        cache.set_listening(true);
        match store.read_versions().await {
            Ok(versions) => cache.heard(versions.events.seq),
            Err(err) => tracing::warn!(error = %err, "could not read the latest change position"),
        }
        loop {
            tokio::select! {
                heard = listener.next() => match heard {
                    Ok(Heard::Committed(seq)) => {
                        cache.invalidate();
                        cache.heard(seq);
                    }
                    // The connection dropped: commits may have gone unheard. Nothing is served
                    // from memory until a new LISTEN is in place.
                    Ok(Heard::Reconnected) => break,
                    Err(err) => {
                        tracing::warn!(error = %err, "listening for commits failed; listening again");
                        break;
                    }
                },
                _ = stop.changed() => break,
            }
        }
        cache.set_listening(false);
    }
    cache.set_listening(false);
}
