//! Analyst corrections: change fields, merge two events, split sources out, retract. Each
//! runs in one transaction under the event-write lock, advances the `seq` of every event it
//! touches, and logs who did what in `event_changes`. Edited events are locked against
//! automatic merging.

use chrono::{DateTime, Utc};
use geoevents_domain::merge::{self, SourceFacts};
use geoevents_domain::{Corrections, Event, EventId, SourceId};
use sqlx::types::Json;
use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use crate::articles::EVENT_WRITE_LOCK;
use crate::merge::{StoredFacts, fold_into, recompute, record_change, write_event};
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
}

async fn begin_edit(store: &Store) -> Result<Transaction<'static, Postgres>, EditError> {
    let mut tx = store.pool().begin().await?;
    sqlx::query!("select pg_advisory_xact_lock($1)", EVENT_WRITE_LOCK).execute(&mut *tx).await?;
    Ok(tx)
}

/// The event's state, refusing unknown and merged-away events.
async fn live_event(tx: &mut Transaction<'_, Postgres>, id: EventId) -> Result<EventState, EditError> {
    let state = sqlx::query_as!(
        EventState,
        r#"select merged_into, corrections as "corrections: Json<Corrections>" from events where id = $1"#,
        id.0
    )
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(EditError::NotFound(id))?;
    match state.merged_into {
        Some(home) => Err(EditError::MergedInto(EventId(home))),
        None => Ok(state),
    }
}

async fn lock_event(tx: &mut Transaction<'_, Postgres>, id: Uuid) -> Result<(), EditError> {
    sqlx::query!("update events set locked = true where id = $1", id).execute(&mut **tx).await?;
    Ok(())
}

impl Store {
    /// Layers `corrections` over the event's fields (earlier corrections of other fields stay).
    pub async fn correct_event(
        &self,
        id: EventId,
        corrections: Corrections,
        by: &str,
    ) -> Result<Event, EditError> {
        let mut tx = begin_edit(self).await?;
        let state = live_event(&mut tx, id).await?;
        let fields = corrections.fields();
        let detail = serde_json::json!({ "fields": fields, "values": &corrections });
        let mut merged = state.corrections.map(|c| c.0).unwrap_or_default();
        merged.update(corrections);
        sqlx::query!(
            "update events set corrections = $2, locked = true where id = $1",
            id.0,
            Json(&merged) as _
        )
        .execute(&mut *tx)
        .await?;
        recompute(&mut tx, id.0, "corrected", by, detail).await?;
        tx.commit().await?;
        self.edited(id).await
    }

    /// Folds `other` into `into`: all its sources move, `other` becomes a tombstone.
    pub async fn merge_events(&self, into: EventId, other: EventId, by: &str) -> Result<Event, EditError> {
        if into == other {
            return Err(EditError::Invalid("an event cannot be merged with itself".to_owned()));
        }
        let mut tx = begin_edit(self).await?;
        live_event(&mut tx, into).await?;
        live_event(&mut tx, other).await?;
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
        .execute(&mut *tx)
        .await?;
        fold_into(&mut tx, other.0, into.0, by, "merged by an analyst").await?;
        lock_event(&mut tx, into.0).await?;
        recompute(&mut tx, into.0, "absorbed", by, serde_json::json!({ "absorbed": other.0 })).await?;
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
        live_event(&mut tx, id).await?;
        let wanted: Vec<Uuid> = sources.iter().map(|s| s.0).collect();
        let owned = sqlx::query_scalar!("select id from event_sources where event_id = $1", id.0)
            .fetch_all(&mut *tx)
            .await?;
        if let Some(foreign) = wanted.iter().find(|s| !owned.contains(s)) {
            return Err(EditError::Invalid(format!("source {foreign} is not a source of this event")));
        }
        if owned.iter().all(|s| wanted.contains(s)) {
            return Err(EditError::Invalid(
                "splitting out every source would leave the event empty".to_owned(),
            ));
        }
        let moved = sqlx::query_as!(
            StoredFacts,
            r#"
            select extracted as "extracted: Json<geoevents_domain::ExtractedEvent>", reported_at, source_domain, content_key
            from event_sources where id = any($1)
            "#,
            &wanted,
        )
        .fetch_all(&mut *tx)
        .await?;
        let facts: Vec<SourceFacts<'_>> = moved
            .iter()
            .map(|s| SourceFacts {
                extracted: &s.extracted.0,
                reported_at: s.reported_at,
                domain: s.source_domain.as_deref(),
                key: &s.content_key,
            })
            .collect();
        let aggregate =
            merge::aggregate(&facts).ok_or_else(|| EditError::Invalid("nothing to split".to_owned()))?;
        let new_id = Uuid::now_v7();
        write_event(&mut tx, new_id, &aggregate, None).await?;
        sqlx::query!(
            "update event_sources set event_id = $2, merge_reason = null where id = any($1)",
            &wanted,
            new_id
        )
        .execute(&mut *tx)
        .await?;
        lock_event(&mut tx, id.0).await?;
        lock_event(&mut tx, new_id).await?;
        let detail = serde_json::json!({ "split_from": id.0, "sources": wanted });
        record_change(&mut tx, new_id, "created", by, detail.clone()).await?;
        recompute(&mut tx, new_id, "split", by, detail.clone()).await?;
        recompute(&mut tx, id.0, "split", by, serde_json::json!({ "split_into": new_id, "sources": wanted }))
            .await?;
        tx.commit().await?;
        Ok((self.edited(id).await?, self.edited(EventId(new_id)).await?))
    }

    /// Retracts an event: it stays stored, flagged, and leaves default queries and timelines.
    pub async fn retract_event(&self, id: EventId, by: &str) -> Result<Event, EditError> {
        let mut tx = begin_edit(self).await?;
        live_event(&mut tx, id).await?;
        sqlx::query!(
            r#"
            update events set retracted_at = coalesce(retracted_at, now()), retracted_by = $2, locked = true,
                seq = nextval('event_seq'), updated_at = now()
            where id = $1
            "#,
            id.0,
            by,
        )
        .execute(&mut *tx)
        .await?;
        record_change(&mut tx, id.0, "retracted", by, serde_json::json!({})).await?;
        tx.commit().await?;
        self.edited(id).await
    }

    /// The change history of one event, oldest first.
    pub async fn event_history(&self, id: EventId) -> Result<Vec<EventChange>, StoreError> {
        let rows = sqlx::query_as!(
            EventChange,
            r#"
            select seq, op, changed_by as by, changed_at as at, detail
            from event_changes where event_id = $1 order by seq
            "#,
            id.0,
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows)
    }

    async fn edited(&self, id: EventId) -> Result<Event, EditError> {
        self.event(id).await?.ok_or(EditError::NotFound(id))
    }
}
