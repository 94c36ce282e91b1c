//! News of committed changes for live streams, without a query or a connection per stream:
//! the store's version watcher holds this process's one `LISTEN` and publishes the latest
//! change position on a watch channel every stream waits on (`Store::commits_heard`), so an
//! idle stream costs nothing. This module adds the server's closing signal.

use geoevents_store::Store;
use tokio::sync::watch;

/// The server's closing signal for open streams.
#[derive(Debug)]
pub struct Live {
    /// Set when the server shuts down: open streams end so shutdown does not wait on them.
    closing: watch::Sender<bool>,
}

impl Default for Live {
    fn default() -> Self {
        Self { closing: watch::channel(false).0 }
    }
}

impl Live {
    /// A receiver of the latest committed change position. Its value may lag at first; a
    /// stream reads the feed once before it waits.
    pub fn subscribe(&self, store: &Store) -> watch::Receiver<i64> {
        store.commits_heard()
    }

    /// Ends every open stream (at shutdown).
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// A receiver that turns `true` when the server shuts down.
    pub fn closing(&self) -> watch::Receiver<bool> {
        self.closing.subscribe()
    }
}
