//! News of committed changes for live streams, without a query per stream: while any stream
//! is open, one task per process holds a `LISTEN` connection and publishes the latest change
//! position on a watch channel that every stream waits on. An idle stream costs no query;
//! when the last stream closes, the task ends and gives its connection back.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use geoevents_store::{Heard, Store};
use tokio::sync::watch;

/// The shared listener's slot, and the server's closing signal for open streams.
#[derive(Debug)]
pub struct Live {
    /// The running listener's channel, if one runs.
    slot: Mutex<Option<watch::Sender<i64>>>,
    /// Set when the server shuts down: open streams end so shutdown does not wait on them.
    closing: watch::Sender<bool>,
}

impl Default for Live {
    fn default() -> Self {
        Self { slot: Mutex::new(None), closing: watch::channel(false).0 }
    }
}

impl Live {
    /// A receiver of the latest committed change position, starting the listener if none
    /// runs. Its value may lag at first; a stream reads the feed once before it waits.
    pub fn subscribe(self: &Arc<Self>, store: &Store) -> watch::Receiver<i64> {
        let mut slot = self.slot.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(sender) = slot.as_ref() {
            return sender.subscribe();
        }
        let (sender, receiver) = watch::channel(0);
        *slot = Some(sender.clone());
        tokio::spawn(listen(Arc::clone(self), store.clone(), sender));
        receiver
    }

    /// Ends every open stream (at shutdown).
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// A receiver that turns `true` when the server shuts down.
    pub fn closing(&self) -> watch::Receiver<bool> {
        self.closing.subscribe()
    }

    /// Empties the slot if `sender` has no receivers left; under the slot's lock, so a
    /// stream subscribing at the same moment either gets this listener before it retires or
    /// starts a new one.
    fn retire(&self, sender: &watch::Sender<i64>) -> bool {
        let mut slot = self.slot.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if sender.receiver_count() == 0 {
            *slot = None;
            true
        } else {
            false
        }
    }
}

/// Raises the published position to `seq` (it never goes back).
fn publish(sender: &watch::Sender<i64>, seq: i64) {
    sender.send_if_modified(|latest| {
        let newer = seq > *latest;
        if newer {
            *latest = seq;
        }
        newer
    });
}

/// Publishes the latest position read from the database: after (re)connecting, when
/// notifications may have been missed.
async fn publish_latest(store: &Store, sender: &watch::Sender<i64>) {
    match store.versions().await {
        Ok(versions) => publish(sender, versions.events.seq),
        Err(err) => tracing::warn!(error = %err, "could not read the latest change position"),
    }
}

/// The listener task: runs until no stream is left.
async fn listen(live: Arc<Live>, store: Store, sender: watch::Sender<i64>) {
    let mut backoff = Duration::from_millis(200);
    loop {
        let mut listener = match store.listen_for_changes().await {
            Ok(listener) => listener,
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for changes; trying again");
                tokio::select! {
                    () = sender.closed() => if live.retire(&sender) { return },
                    () = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(Duration::from_secs(5));
                continue;
            }
        };
        backoff = Duration::from_millis(200);
        // Changes that committed before LISTEN took effect are heard through this read.
        publish_latest(&store, &sender).await;
        loop {
            tokio::select! {
                () = sender.closed() => {
                    if live.retire(&sender) {
                        return;
                    }
                    // A notification being read may have been dropped with the wait.
                    publish_latest(&store, &sender).await;
                }
                heard = listener.next() => match heard {
                    Ok(Heard::Committed(seq)) => publish(&sender, seq),
                    Ok(Heard::Reconnected) => publish_latest(&store, &sender).await,
                    Err(err) => {
                        tracing::warn!(error = %err, "listening for changes failed; listening again");
                        tokio::time::sleep(backoff).await;
                        break;
                    }
                }
            }
        }
    }
}
