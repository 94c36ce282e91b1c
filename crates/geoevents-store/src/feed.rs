//! The change feed: every change of every event, in the order the changes committed, each
//! with the event as it stands now; and the versions that lists are tagged with.
//!
//! Changes are numbered at commit under one lock (`writes`), so a reader that sees change
//! `n` already sees every change below `n`: reading `seq > after` in order never skips a
//! change that commits later with a smaller number. Each committing transaction also sends
//! a `NOTIFY` on [`CHANNEL`], so live readers wait for news without polling.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use geoevents_domain::{Event, EventId};
use uuid::Uuid;

use crate::events::SOURCES_IN_LISTS;
use crate::{EventChange, Store, StoreError};

/// The channel every commit that logs changes notifies, with the latest `seq` as payload.
pub const CHANNEL: &str = "geoevents_changes";

/// One change of the feed, and the event it changed as it is when the feed is read.
#[derive(Debug, Clone)]
pub struct FeedChange {
    /// The event changed.
    pub event_id: EventId,
    /// The change.
    pub change: EventChange,
    /// The event now (with up to ten sources): live, retracted or merged away. `None` only
    /// if the row is gone, which no write of this service does.
    pub event: Option<Event>,
}

/// How far a kind of data has changed: the latest number it took in the change sequence
/// (0 for none) and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    /// The latest sequence number.
    pub seq: i64,
    /// When it was given.
    pub at: Option<DateTime<Utc>>,
}

/// The versions lists are tagged with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Versions {
    /// Events: event lists, timelines, exports and the change feed change with it.
    pub events: Version,
    /// Articles: the article list (new articles, and the event counts events' changes move).
    pub articles: Version,
}

#[derive(sqlx::FromRow)]
struct ChangeRow {
    seq: i64,
    event_id: Uuid,
    op: String,
    changed_by: String,
    changed_at: DateTime<Utc>,
    detail: Option<serde_json::Value>,
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    event_seq: Option<i64>,
    event_at: Option<DateTime<Utc>>,
    article_seq: Option<i64>,
    article_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Up to `limit` changes after position `after`, in order, each with its event as it
    /// stands now; and whether more follow.
    pub async fn changes(&self, after: i64, limit: u32) -> Result<(Vec<FeedChange>, bool), StoreError> {
        let limit = limit.max(1) as usize;
        let mut rows: Vec<ChangeRow> = sqlx::query_as(
            "select seq, event_id, op, changed_by, changed_at, detail
                 from event_changes where seq > $1 order by seq limit $2",
        )
        .bind(after)
        .bind(i64::try_from(limit + 1).unwrap_or(i64::MAX))
        .fetch_all(self.pool())
        .await?;
        let more = rows.len() > limit;
        rows.truncate(limit);
        let mut ids: Vec<EventId> = Vec::new();
        for row in &rows {
            if !ids.iter().any(|known| known.0 == row.event_id) {
                ids.push(EventId(row.event_id));
            }
        }
        let events: HashMap<Uuid, Event> = self
            .events_by_ids(&ids, SOURCES_IN_LISTS, None)
            .await?
            .into_iter()
            .map(|e| (e.id.0, e))
            .collect();
        let changes = rows
            .into_iter()
            .map(|r| FeedChange {
                event_id: EventId(r.event_id),
                event: events.get(&r.event_id).cloned(),
                change: EventChange {
                    seq: r.seq,
                    op: r.op,
                    by: r.changed_by,
                    at: r.changed_at,
                    detail: r.detail,
                },
            })
            .collect();
        Ok((changes, more))
    }

    /// The latest versions of events and articles: from memory while the version watcher
    /// (`Store::watch_versions`) is sure nothing changed since they were read; otherwise
    /// four index lookups, one round trip.
    pub async fn versions(&self) -> Result<Versions, StoreError> {
        if let Some(versions) = self.cache.current() {
            return Ok(versions);
        }
        let generation = self.cache.generation();
        let versions = self.read_versions().await?;
        self.cache.offer(generation, versions);
        Ok(versions)
    }

    pub(crate) async fn read_versions(&self) -> Result<Versions, StoreError> {
        let row: VersionRow = sqlx::query_as(
            "select
                (select seq from event_changes order by seq desc limit 1) as event_seq,
                (select changed_at from event_changes order by seq desc limit 1) as event_at,
                (select seq from articles where seq is not null order by seq desc limit 1) as article_seq,
                (select ingested_at from articles where seq is not null order by seq desc limit 1)
                    as article_at",
        )
        .fetch_one(self.pool())
        .await?;
        let events = Version { seq: row.event_seq.unwrap_or(0), at: row.event_at };
        let articles = Version {
            seq: events.seq.max(row.article_seq.unwrap_or(0)),
            // `None` orders first, so this is the later of the two, or whichever there is.
            at: row.event_at.max(row.article_at),
        };
        Ok(Versions { events, articles })
    }
}

/// A connection that waits for commits that log changes (`LISTEN` on [`CHANNEL`]).
#[derive(Debug)]
pub(crate) struct ChangeListener {
    listener: sqlx::postgres::PgListener,
}

/// What a [`ChangeListener`] heard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Heard {
    /// Changes committed, up to this position.
    Committed(i64),
    /// The connection was lost and made again: changes may have committed unheard meanwhile,
    /// so read the latest position.
    Reconnected,
}

impl Store {
    /// Starts listening for committed changes. Holds one connection of the pool while it
    /// lives; changes that commit after this returns are heard.
    pub(crate) async fn listen_for_changes(&self) -> Result<ChangeListener, StoreError> {
        let mut listener = sqlx::postgres::PgListener::connect_with(self.pool()).await?;
        listener.listen(CHANNEL).await?;
        Ok(ChangeListener { listener })
    }
}

impl ChangeListener {
    /// Waits for the next commit (or a reconnection).
    pub(crate) async fn next(&mut self) -> Result<Heard, StoreError> {
        Ok(match self.listener.try_recv().await? {
            // A payload that is not a number is not ours: treat it as news of unknown extent.
            Some(notification) => notification.payload().parse().map_or(Heard::Reconnected, Heard::Committed),
            None => Heard::Reconnected,
        })
    }
}
