//! Transactions that write events, and the locks that keep them correct without putting all
//! writers in one line.
//!
//! - **Ingest** holds the event-write lock *shared* and a lock per merge block (merge
//!   family and actor code) it writes in. Every pair of compatible sources shares its block
//!   (`geoevents_domain::merge::compare` demands the same family and actor code), so two
//!   ingests that could merge with each other wait for one another and decide in turn,
//!   while ingests of unrelated stories run side by side.
//! - **Analyst edits** (corrections, merges, splits, retractions) and rebuilds hold the
//!   event-write lock *exclusively*: they are rare, and may touch events of any block.
//! - **The change sequence** is given out at commit: a transaction queues its changes and,
//!   just before committing, takes the feed lock, numbers them, and commits; the lock is
//!   released only after the commit is visible. A reader that sees change `n` therefore
//!   already sees every change numbered below `n`, and a poller never misses one. Only this
//!   last step is serialised.

use geoevents_domain::merge::{Aggregate, MergeState};
use geoevents_domain::{Corrections, ExtractedEvent};
use std::sync::Arc;

use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use crate::versions::VersionCache;
use crate::{Store, StoreError};

/// Held shared by ingest and exclusively by analyst edits ("geoevent" in ASCII).
const EVENT_WRITE_LOCK: i64 = 0x67656f6576656e74;

/// Held while numbering a transaction's changes and committing it ("feedseq\0").
const FEED_LOCK: i64 = 0x6665656473657100;

/// A change to log when the transaction commits.
struct PendingChange {
    event_id: Uuid,
    op: &'static str,
    by: String,
    detail: serde_json::Value,
}

/// A transaction that writes events and logs their changes in commit order.
pub(crate) struct EventTx {
    pub tx: Transaction<'static, Postgres>,
    changes: Vec<PendingChange>,
    /// An article this transaction stores, numbered at commit with the changes.
    article: Option<Uuid>,
    /// Told at commit, so this process never answers from a version older than the commit.
    cache: Arc<VersionCache>,
}

impl EventTx {
    /// Begins an ingest; it takes its merge-block locks with [`EventTx::lock_blocks`].
    pub async fn ingest(store: &Store) -> Result<Self, StoreError> {
        let mut tx = store.pool().begin().await?;
        sqlx::query!("select pg_advisory_xact_lock_shared($1)", EVENT_WRITE_LOCK).execute(&mut *tx).await?;
        Ok(EventTx { tx, changes: Vec::new(), article: None, cache: Arc::clone(&store.cache) })
    }

    /// Begins an analyst edit, alone among event writers.
    pub async fn edit(store: &Store) -> Result<Self, StoreError> {
        let mut tx = store.pool().begin().await?;
        sqlx::query!("select pg_advisory_xact_lock($1)", EVENT_WRITE_LOCK).execute(&mut *tx).await?;
        Ok(EventTx { tx, changes: Vec::new(), article: None, cache: Arc::clone(&store.cache) })
    }

    /// Takes the merge-block locks of `events`, all at once and in a fixed order so that two
    /// ingests never wait for each other in a circle.
    pub async fn lock_blocks(&mut self, events: &[ExtractedEvent]) -> Result<(), StoreError> {
        let blocks: Vec<String> = events.iter().map(block_of).collect();
        sqlx::query!(
            r#"
            select pg_advisory_xact_lock(k) as "locked!: ()"
            from (select distinct hashtextextended(b, 0) as k from unnest($1::text[]) as b order by k) as keys
            "#,
            &blocks,
        )
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Logs a change of `event_id`; it is numbered at commit.
    pub fn change(&mut self, event_id: Uuid, op: &'static str, by: &str, detail: serde_json::Value) {
        self.changes.push(PendingChange { event_id, op, by: by.to_owned(), detail });
    }

    /// Gives the article this transaction stores its number in the sequence at commit.
    pub fn stored_article(&mut self, id: Uuid) {
        self.article = Some(id);
    }

    /// Numbers the queued changes (and the stored article), gives each changed event its
    /// last number as `seq`, tells listeners (`NOTIFY`, delivered at commit), commits, and
    /// drops this process's cached versions.
    pub async fn commit(mut self) -> Result<(), StoreError> {
        if !self.changes.is_empty() || self.article.is_some() {
            sqlx::query!("select pg_advisory_xact_lock($1)", FEED_LOCK).execute(&mut *self.tx).await?;
        }
        if let Some(article) = self.article {
            sqlx::query("update articles set seq = nextval('event_seq') where id = $1")
                .bind(article)
                .execute(&mut *self.tx)
                .await?;
        }
        if !self.changes.is_empty() {
            let ids: Vec<Uuid> = self.changes.iter().map(|c| c.event_id).collect();
            let ops: Vec<&str> = self.changes.iter().map(|c| c.op).collect();
            let by: Vec<&str> = self.changes.iter().map(|c| c.by.as_str()).collect();
            let details: Vec<String> = self.changes.iter().map(|c| c.detail.to_string()).collect();
            // One statement: log the changes, give each event its last number, and move
            // each changed event's count in the timeline counts from the key it was counted
            // under to the one it has now (none when merged away or retracted). `previous`
            // reads the rows as they were before this statement.
            sqlx::query(
                r#"
                with numbered as (
                    select c.event_id, c.op, c.changed_by, c.detail::jsonb as detail,
                        nextval('event_seq') as seq
                    from (
                        select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[])
                            with ordinality as t(event_id, op, changed_by, detail, n)
                        order by n
                    ) as c
                ), logged as (
                    insert into event_changes (seq, event_id, op, changed_by, detail)
                    select seq, event_id, op, changed_by, detail from numbered
                    returning seq, event_id
                ), previous as (
                    select id, counted_date, counted_kind, counted_modality
                    from events where id = any($1::uuid[])
                ), updated as (
                    update events e
                    set seq = (select max(l.seq) from logged l where l.event_id = e.id), updated_at = now(),
                        counted_date = case when e.merged_into is null and e.retracted_at is null
                            then e.event_date end,
                        counted_kind = case when e.merged_into is null and e.retracted_at is null
                            then e.kind end,
                        counted_modality = case when e.merged_into is null and e.retracted_at is null
                            then e.modality end
                    where e.id = any($1::uuid[])
                    returning e.counted_date, e.counted_kind, e.counted_modality
                ), moves as (
                    select counted_date, counted_kind, counted_modality, -1 as n
                    from previous where counted_date is not null
                    union all
                    select counted_date, counted_kind, counted_modality, 1
                    from updated where counted_date is not null
                )
                insert into event_day_counts (event_date, kind, modality, n)
                select counted_date, counted_kind, counted_modality, sum(n)
                from moves
                group by 1, 2, 3
                having sum(n) <> 0
                on conflict (event_date, kind, modality) do update set n = event_day_counts.n + excluded.n
                "#,
            )
            .bind(&ids)
            .bind(&ops)
            .bind(&by)
            .bind(&details)
            .execute(&mut *self.tx)
            .await?;
        }
        let logged = !self.changes.is_empty() || self.article.is_some();
        if logged {
            // A new article alone notifies too: it moves the articles' version.
            sqlx::query("select pg_notify($1, (select max(seq) from event_changes)::text)")
                .bind(crate::feed::CHANNEL)
                .execute(&mut *self.tx)
                .await?;
        }
        self.tx.commit().await?;
        if logged {
            self.cache.invalidate();
        }
        Ok(())
    }
}

/// The merge block of an extracted event: its family and actor code.
fn block_of(event: &ExtractedEvent) -> String {
    let actor = event.actor.as_ref().map_or("", |a| a.code.as_str());
    format!("merge-block\u{1f}{}\u{1f}{actor}", event.kind.family())
}

/// Whether a failed transaction is worth running again: PostgreSQL broke a lock cycle
/// (possible only when two ingests reach the same analyst-merged event from two blocks) or
/// could not serialise it.
pub(crate) fn retryable(err: &StoreError) -> bool {
    match err {
        StoreError::Query(sqlx::Error::Database(db)) => {
            db.code().is_some_and(|code| matches!(code.as_ref(), "40P01" | "40001"))
        }
        _ => false,
    }
}

/// Inserts or updates the event row from its merge state, with corrections layered on top.
/// A new row takes a provisional `seq`; the real one comes at commit.
pub(crate) async fn write_event(
    tx: &mut EventTx,
    id: Uuid,
    state: &MergeState,
    corrections: Option<&Corrections>,
) -> Result<(), StoreError> {
    write_events(tx, vec![event_row(id, state, corrections)?]).await
}

/// The columns of an event row, by name, from its merge state with corrections on top.
pub(crate) fn event_row(
    id: Uuid,
    state: &MergeState,
    corrections: Option<&Corrections>,
) -> Result<serde_json::Value, StoreError> {
    let aggregate: Aggregate =
        state.aggregate().ok_or_else(|| StoreError::Corrupt(format!("event {id} has no sources")))?;
    let mut fields = aggregate.fields.clone();
    let original = match corrections.filter(|c| !c.is_empty()) {
        Some(c) => {
            let original = fields.clone();
            c.apply(&mut fields);
            Some(original)
        }
        None => None,
    };
    let e = &fields;
    let actor = e.actor.as_ref();
    let target = e.target.as_ref();
    let location = e.location.as_ref();
    let when = e.when.as_ref();
    let event_date = when.map_or_else(|| aggregate.first_reported_at.date_naive(), |w| w.start);
    let source_count = i32::try_from(aggregate.source_count).unwrap_or(i32::MAX);
    Ok(serde_json::json!({
        "id": id,
        "kind": e.kind.as_str(),
        "plover": e.kind.plover().map(|p| p.as_str()),
        "cameo": e.cameo.as_str(),
        "actor_code": actor.map(|a| a.code.as_str()),
        "actor_name": actor.map(|a| a.name.as_str()),
        "actor_country": actor.and_then(|a| a.country.as_deref()),
        "actor_sector": actor.and_then(|a| a.sector).map(|s| s.as_str()),
        "actor_person": actor.and_then(|a| a.person.as_deref()),
        "target_code": target.map(|a| a.code.as_str()),
        "target_name": target.map(|a| a.name.as_str()),
        "target_country": target.and_then(|a| a.country.as_deref()),
        "target_sector": target.and_then(|a| a.sector).map(|s| s.as_str()),
        "target_person": target.and_then(|a| a.person.as_deref()),
        "location_name": location.map(|l| l.name.as_str()),
        "location_country": location.and_then(|l| l.country.as_deref()),
        "location_lat": location.and_then(|l| l.lat),
        "location_lon": location.and_then(|l| l.lon),
        "location_precision": location.map(|l| l.precision.as_str()),
        "when_start": when.map(|w| w.start),
        "when_end": when.map(|w| w.end),
        "when_precision": when.map(|w| w.precision.as_str()),
        "when_text": when.and_then(|w| w.text.as_deref()),
        "event_date": event_date,
        "quantity": e.quantity,
        "modality": e.modality.as_str(),
        "attribution": e.attribution,
        "quote": e.quote,
        "summary": e.summary,
        "confidence": e.confidence.clamp(0.0, 1.0),
        "source_count": source_count,
        "first_reported_at": aggregate.first_reported_at,
        "last_reported_at": aggregate.last_reported_at,
        "quantity_range": aggregate.quantity_range,
        "original": original,
        "merge_state": state,
    }))
}

/// Inserts or updates event rows (from [`event_row`]) in one statement.
pub(crate) async fn write_events(tx: &mut EventTx, rows: Vec<serde_json::Value>) -> Result<(), StoreError> {
    if rows.is_empty() {
        return Ok(());
    }
    static INSERT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "insert into events ({EVENT_WRITE_COLUMNS}, seq) \
             select {EVENT_WRITE_COLUMNS}, nextval('event_seq') \
             from jsonb_populate_recordset(null::events, $1) {ON_CONFLICT}"
        )
    });
    sqlx::query(sqlx::AssertSqlSafe(INSERT.as_str()))
        .bind(serde_json::Value::Array(rows))
        .execute(&mut *tx.tx)
        .await?;
    Ok(())
}

/// The columns [`event_row`] fills.
const EVENT_WRITE_COLUMNS: &str = "id, kind, plover, cameo,
    actor_code, actor_name, actor_country, actor_sector, actor_person,
    target_code, target_name, target_country, target_sector, target_person,
    location_name, location_country, location_lat, location_lon, location_precision,
    when_start, when_end, when_precision, when_text, event_date,
    quantity, modality, attribution, quote, summary, confidence,
    source_count, first_reported_at, last_reported_at, quantity_range, original, merge_state";

/// An event written again takes every field of the new row (its `seq` comes at commit).
const ON_CONFLICT: &str = "on conflict (id) do update set
            kind = excluded.kind, plover = excluded.plover, cameo = excluded.cameo,
            actor_code = excluded.actor_code, actor_name = excluded.actor_name,
            actor_country = excluded.actor_country, actor_sector = excluded.actor_sector,
            actor_person = excluded.actor_person, target_person = excluded.target_person,
            target_code = excluded.target_code, target_name = excluded.target_name,
            target_country = excluded.target_country, target_sector = excluded.target_sector,
            location_name = excluded.location_name, location_country = excluded.location_country,
            location_lat = excluded.location_lat, location_lon = excluded.location_lon,
            location_precision = excluded.location_precision,
            when_start = excluded.when_start, when_end = excluded.when_end,
            when_precision = excluded.when_precision, when_text = excluded.when_text,
            event_date = excluded.event_date, quantity = excluded.quantity,
            modality = excluded.modality, attribution = excluded.attribution, quote = excluded.quote,
            summary = excluded.summary, confidence = excluded.confidence,
            source_count = excluded.source_count, first_reported_at = excluded.first_reported_at,
            last_reported_at = excluded.last_reported_at, quantity_range = excluded.quantity_range,
            original = excluded.original, merge_state = excluded.merge_state";
