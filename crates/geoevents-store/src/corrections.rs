//! Analyst corrections: change fields, merge two events, split sources out, retract. Each
//! runs in one transaction alone among event writers (see `writes`), advances the `seq` of
//! every event it touches, and logs who did what in `event_changes`. Edited events are
//! locked against automatic merging.

use chrono::{DateTime, Utc};
use geoevents_domain::{Corrections, Event, EventId, SourceId};
use sqlx::types::Json;
use uuid::Uuid;

use crate::merge::{fold_into, load_state, rebuild, refresh};
use crate::writes::{EventTx, write_event};
use crate::{Store, StoreError};

/// Why an edit could not be made.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// No such event.
    #[error("no event with this id")]
    NotFound(EventId),
    /// The event was merged into another; edit that one.
    #[error("the event was merged into another event")]
    MergedInto(EventId),
    /// The request makes no sense for this event (merge with itself, foreign source ids...).
    #[error("{0}")]
    Invalid(String),
    /// The event changed since the version the client edits (its `If-Match`).
    #[error("the event changed since that version; it is now at version {current}")]
    Stale {
        /// The event's version now (its change-feed position).
        current: i64,
    },
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for EditError {
    fn from(err: sqlx::Error) -> Self {
        EditError::Store(StoreError::from(err))
    }
}

/// One entry of an event's change history.
#[derive(Debug, Clone, PartialEq)]
pub struct EventChange {
    /// Change-feed position.
    pub seq: i64,
    /// `created`, `source_added`, `corrected`, `merged`, `absorbed`, `split`, `retracted`.
    pub op: String,
    /// `ingest`, `automatic`, or the analyst.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// What changed.
    pub detail: Option<serde_json::Value>,
}

struct EventState {
    merged_into: Option<Uuid>,
    corrections: Option<Json<Corrections>>,
    seq: i64,
}

async fn begin_edit(store: &Store) -> Result<EventTx, EditError> {
    Ok(EventTx::edit(store).await?)
}

/// The event's state, refusing unknown and merged-away events.
/// The event's state, its row locked for the rest of the edit. With `expected`, the edit
/// goes ahead only if the event is still at that version (its change-feed position): two
/// analysts editing one version cannot both win.
async fn live_event(tx: &mut EventTx, id: EventId, expected: Option<i64>) -> Result<EventState, EditError> {
    let state = sqlx::query_as!(
        EventState,
        r#"select merged_into, corrections as "corrections: Json<Corrections>", seq
           from events where id = $1 for update"#,
        id.0
    )
    .fetch_optional(&mut *tx.tx)
    .await?
    .ok_or(EditError::NotFound(id))?;
    match state.merged_into {
        Some(home) => Err(EditError::MergedInto(EventId(home))),
        None if expected.is_some_and(|v| v != state.seq) => Err(EditError::Stale { current: state.seq }),
        None => Ok(state),
    }
}

async fn lock_event(tx: &mut EventTx, id: Uuid) -> Result<(), EditError> {
    sqlx::query!("update events set locked = true where id = $1", id).execute(&mut *tx.tx).await?;
    Ok(())
}

impl Store {
    /// Layers `corrections` over the event's fields (earlier corrections of other fields stay).
    pub async fn correct_event(
        &self,
        id: EventId,
        corrections: Corrections,
        by: &str,
        expected: Option<i64>,
    ) -> Result<Event, EditError> {
        let mut tx = begin_edit(self).await?;
        let state = live_event(&mut tx, id, expected).await?;
        let fields = corrections.fields();
        let detail = serde_json::json!({ "fields": fields, "values": &corrections });
        let mut merged = state.corrections.map(|c| c.0).unwrap_or_default();
        merged.update(corrections);
        sqlx::query!(
            "update events set corrections = $2, locked = true where id = $1",
            id.0,
            Json(&merged) as _
        )
        .execute(&mut *tx.tx)
        .await?;
        refresh(&mut tx, id.0, "corrected", by, detail).await?;
        tx.commit().await?;
        self.edited(id).await
    }

    /// Folds `other` into `into`: all its sources move, `other` becomes a tombstone.
    pub async fn merge_events(&self, into: EventId, other: EventId, by: &str) -> Result<Event, EditError> {
        if into == other {
            return Err(EditError::Invalid("an event cannot be merged with itself".to_owned()));
        }
        let mut tx = begin_edit(self).await?;
        live_event(&mut tx, into, None).await?;
        live_event(&mut tx, other, None).await?;
        // The source that created `other` had no merge reason; now it joins by hand.
        let reason = geoevents_domain::MergeReason {
            score: 1.0,
            matched: vec!["analyst".to_owned()],
            explanation: format!("merged by {by}"),
            by: by.to_owned(),
        };
        sqlx::query!(
            "update event_sources set merge_reason = $2 where event_id = $1 and merge_reason is null",
            other.0,
            Json(&reason) as _,
        )
        .execute(&mut *tx.tx)
        .await?;
        let (mut state, corrections) = load_state(&mut tx, into.0).await?;
        fold_into(&mut tx, other.0, into.0, &mut state, by, "merged by an analyst").await?;
        lock_event(&mut tx, into.0).await?;
        write_event(&mut tx, into.0, &state, corrections.as_ref()).await?;
        tx.change(into.0, "absorbed", by, serde_json::json!({ "absorbed": other.0 }));
        tx.commit().await?;
        self.edited(into).await
    }

    /// Moves `sources` out of event `id` into a new event; both are locked. Returns the
    /// remaining event and the new one.
    pub async fn split_event(
        &self,
        id: EventId,
        sources: &[SourceId],
        by: &str,
    ) -> Result<(Event, Event), EditError> {
        if sources.is_empty() {
            return Err(EditError::Invalid("name at least one source to split out".to_owned()));
        }
        let mut tx = begin_edit(self).await?;
        let kept = live_event(&mut tx, id, None).await?.corrections.map(|c| c.0);
        let wanted: Vec<Uuid> = sources.iter().map(|s| s.0).collect();
        let owned = sqlx::query_scalar!("select id from event_sources where event_id = $1", id.0)
            .fetch_all(&mut *tx.tx)
            .await?;
        if let Some(foreign) = wanted.iter().find(|s| !owned.contains(s)) {
            return Err(EditError::Invalid(format!("source {foreign} is not a source of this event")));
        }
        if owned.iter().all(|s| wanted.contains(s)) {
            return Err(EditError::Invalid(
                "splitting out every source would leave the event empty".to_owned(),
            ));
        }
        // The new event's row comes first (sources refer to it), from the moved sources'
        // state, which is rebuilt once they are its own.
        let new_id = Uuid::now_v7();
        sqlx::query!(
            r#"
            insert into events (id, kind, cameo, event_date, modality, summary, confidence, seq)
            select $1, kind, cameo, event_date, modality, summary, confidence, nextval('event_seq')
            from events where id = $2
            "#,
            new_id,
            id.0,
        )
        .execute(&mut *tx.tx)
        .await?;
        sqlx::query!(
            "update event_sources set event_id = $2, merge_reason = null where id = any($1)",
            &wanted,
            new_id
        )
        .execute(&mut *tx.tx)
        .await?;
        for (event, corrections) in [(new_id, None), (id.0, kept.as_ref())] {
            let state = rebuild(&mut tx, event).await?;
            write_event(&mut tx, event, &state, corrections).await?;
        }
        lock_event(&mut tx, id.0).await?;
        lock_event(&mut tx, new_id).await?;
        let detail = serde_json::json!({ "split_from": id.0, "sources": wanted });
        tx.change(new_id, "created", by, detail.clone());
        tx.change(new_id, "split", by, detail);
        tx.change(id.0, "split", by, serde_json::json!({ "split_into": new_id, "sources": wanted }));
        tx.commit().await?;
        Ok((self.edited(id).await?, self.edited(EventId(new_id)).await?))
    }

    /// Retracts an event: it stays stored, flagged, and leaves default queries and timelines.
    pub async fn retract_event(
        &self,
        id: EventId,
        by: &str,
        expected: Option<i64>,
    ) -> Result<Event, EditError> {
        let mut tx = begin_edit(self).await?;
        live_event(&mut tx, id, expected).await?;
        sqlx::query!(
            r#"
            update events set retracted_at = coalesce(retracted_at, now()), retracted_by = $2, locked = true
            where id = $1
            "#,
            id.0,
            by,
        )
        .execute(&mut *tx.tx)
        .await?;
        tx.change(id.0, "retracted", by, serde_json::json!({}));
        tx.commit().await?;
        self.edited(id).await
    }

    /// The change history of one event, oldest first.
    /// One page of an event's changes, oldest first: those after change `after`, at most
    /// `limit`, and the position to continue after when there are more.
    pub async fn event_history(
        &self,
        id: EventId,
        after: Option<i64>,
        limit: u32,
    ) -> Result<(Vec<EventChange>, Option<i64>), StoreError> {
        let mut rows = sqlx::query_as!(
            EventChange,
            r#"
            select seq, op, changed_by as by, changed_at as at, detail
            from event_changes where event_id = $1 and seq > $2 order by seq limit $3
            "#,
            id.0,
            after.unwrap_or(i64::MIN),
            i64::from(limit) + 1,
        )
        .fetch_all(self.pool())
        .await?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next = if more { rows.last().map(|c| c.seq) } else { None };
        Ok((rows, next))
    }

    async fn edited(&self, id: EventId) -> Result<Event, EditError> {
        self.event(id).await?.ok_or(EditError::NotFound(id))
    }
}
