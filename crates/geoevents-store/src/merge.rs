//! Attaching an extracted event to the stored record: find the events whose merge keys it
//! is compatible with (`geoevents_domain::merge::compare`), join one, fold together events
//! it bridges, and update the event's merge state, keys and outlets by this one source.
//! The work per source does not grow with the number of sources an event already has.
//! Runs inside the ingest transaction, under the lock of the source's merge block (see
//! `writes`), so decisions about one story never race.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use geoevents_domain::merge::{self, MergeKey, MergeState, SourceFacts};
use geoevents_domain::{ArticleId, Corrections, ExtractedEvent, MergeReason};
use sqlx::types::Json;
use uuid::Uuid;

use crate::StoreError;
use crate::writes::{EventTx, write_event};

/// The reporting article, as merging needs it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ArticleContext<'a> {
    pub id: ArticleId,
    pub reported_at: DateTime<Utc>,
    pub domain: Option<&'a str>,
    pub content_hash: &'a str,
}

/// An event one of whose merge keys may match.
struct Candidate {
    event_id: Uuid,
    merge_key: Json<MergeKey>,
    locked: bool,
}

/// One stored source, as the merge state needs it.
pub(crate) struct StoredFacts {
    pub extracted: Json<ExtractedEvent>,
    pub reported_at: DateTime<Utc>,
    pub source_domain: Option<String>,
    pub content_key: String,
}

impl StoredFacts {
    pub(crate) fn facts(&self) -> SourceFacts<'_> {
        SourceFacts {
            extracted: &self.extracted.0,
            reported_at: self.reported_at,
            domain: self.source_domain.as_deref(),
            key: &self.content_key,
        }
    }
}

/// Stores `event` as a source: of the event(s) it is compatible with, or of a new event.
/// Returns the event id.
pub(crate) async fn attach(
    tx: &mut EventTx,
    event: &ExtractedEvent,
    article: &ArticleContext<'_>,
    extractor_version: &str,
) -> Result<Uuid, StoreError> {
    let content_key = format!("{}:{}", article.content_hash, event.evidence.first().map_or(0, |e| e.start));
    let new = SourceFacts {
        extracted: event,
        reported_at: article.reported_at,
        domain: article.domain,
        key: &content_key,
    };
    let key = MergeKey::of(&new);

    // The SQL narrows by the indexed fields `compare` requires to agree (family, actor, the
    // end of the date range: news is mostly about recent days, so few keys end later);
    // `compare` decides. Lookups by id are lateral so that no cached plan can turn them
    // into a scan of a table that has grown since it was planned.
    let candidates = sqlx::query_as!(
        Candidate,
        r#"
        select p.event_id, p.merge_key as "merge_key: Json<MergeKey>", e.locked
        from event_profiles p
        cross join lateral (
            select e.locked from events e
            where e.id = p.event_id and e.retracted_at is null and e.merged_into is null
        ) e
        where p.family = $1
          and coalesce(p.actor_code, '') = coalesce($2::text, '')
          and p.date_end >= ($4::date - $6::int) and p.date_start <= ($5::date + $6::int)
          and ($3::text is null or p.target_code is null or p.target_code = $3)
        order by p.event_id
        "#,
        key.family().as_str(),
        key.actor.as_deref(),
        key.target.as_deref(),
        key.start,
        key.end,
        i32::try_from(key.family().date_slack_days()).unwrap_or(0),
    )
    .fetch_all(&mut *tx.tx)
    .await?;

    // Best reason per compatible event, keeping whether the event is locked.
    let mut linked: Vec<(Uuid, MergeReason, bool)> = Vec::new();
    for candidate in &candidates {
        let Some(reason) = merge::compare(&key, &candidate.merge_key.0) else { continue };
        match linked.iter_mut().find(|(id, _, _)| *id == candidate.event_id) {
            Some(entry) if entry.1.score < reason.score => entry.1 = reason,
            Some(_) => {}
            None => linked.push((candidate.event_id, reason, candidate.locked)),
        }
    }

    // Unlocked events the source bridges become one (the oldest survives); locked events are
    // analyst-curated and only ever receive the source when nothing unlocked matches.
    let unlocked: Vec<&(Uuid, MergeReason, bool)> = linked.iter().filter(|(_, _, locked)| !locked).collect();
    let home = if let Some(first) = unlocked.iter().min_by_key(|(id, _, _)| *id) {
        Some((first.0, first.1.clone()))
    } else {
        linked
            .iter()
            .max_by(|a, b| a.1.score.total_cmp(&b.1.score).then(b.0.cmp(&a.0)))
            .map(|l| (l.0, l.1.clone()))
    };

    let Some((home, reason)) = home else {
        let id = Uuid::now_v7();
        let state = MergeState::from_sources(&[new]);
        // The event row first: keys, outlets and sources refer to it.
        write_event(tx, id, &state, None).await?;
        store_outlets(tx, id, &[(merge::outlet(&new), merge::outlet_confidence(&new))]).await?;
        add_key(tx, id, &key).await?;
        insert_source(tx, id, article, event, None, extractor_version, &content_key).await?;
        tx.change(id, "created", "ingest", serde_json::json!({ "article_id": article.id.0 }));
        return Ok(id);
    };

    let (mut state, corrections) = load_state(tx, home).await?;
    for (absorbed, bridge, _) in unlocked.iter().filter(|(id, _, _)| *id != home) {
        fold_into(tx, *absorbed, home, &mut state, "automatic", &bridge.explanation).await?;
    }
    state.add(&new);
    add_outlet(tx, home, &new, &mut state).await?;
    add_key(tx, home, &key).await?;
    insert_source(tx, home, article, event, Some(&reason), extractor_version, &content_key).await?;
    write_event(tx, home, &state, corrections.as_ref()).await?;
    let detail = serde_json::json!({ "article_id": article.id.0, "reason": reason });
    tx.change(home, "source_added", "ingest", detail);
    Ok(home)
}

/// The merge state and corrections of a live event, locking its row for this transaction.
/// An event stored before merge states existed gets its state built from its sources.
pub(crate) async fn load_state(
    tx: &mut EventTx,
    id: Uuid,
) -> Result<(MergeState, Option<Corrections>), StoreError> {
    let row = sqlx::query!(
        r#"
        select merge_state as "merge_state: Json<MergeState>",
            corrections as "corrections: Json<Corrections>"
        from events where id = $1 for update
        "#,
        id,
    )
    .fetch_one(&mut *tx.tx)
    .await?;
    let corrections = row.corrections.map(|c| c.0);
    match row.merge_state {
        Some(state) => Ok((state.0, corrections)),
        None => Ok((rebuild(tx, id).await?, corrections)),
    }
}

/// Builds an event's merge state, keys and outlets from all its sources (after a split,
/// and once for events stored before merge states existed). Costs a read of every source.
pub(crate) async fn rebuild(tx: &mut EventTx, id: Uuid) -> Result<MergeState, StoreError> {
    let sources = sqlx::query_as!(
        StoredFacts,
        r#"
        select extracted as "extracted: Json<ExtractedEvent>", reported_at, source_domain, content_key
        from event_sources where event_id = $1
        "#,
        id,
    )
    .fetch_all(&mut *tx.tx)
    .await?;
    let facts: Vec<SourceFacts<'_>> = sources.iter().map(StoredFacts::facts).collect();
    let state = MergeState::from_sources(&facts);
    let mut best: BTreeMap<&str, f32> = BTreeMap::new();
    for source in &facts {
        let held = best.entry(merge::outlet(source)).or_insert(0.0);
        *held = held.max(merge::outlet_confidence(source));
    }
    sqlx::query!("delete from event_outlets where event_id = $1", id).execute(&mut *tx.tx).await?;
    store_outlets(tx, id, &best.into_iter().collect::<Vec<_>>()).await?;
    let keys: Vec<MergeKey> = facts.iter().map(MergeKey::of).collect();
    replace_keys(tx, id, MergeKey::coalesce(keys)).await?;
    Ok(state)
}

/// Rewrites the event row from its merge state (after corrections, merges, splits) and
/// logs the change.
pub(crate) async fn refresh(
    tx: &mut EventTx,
    id: Uuid,
    op: &'static str,
    by: &str,
    detail: serde_json::Value,
) -> Result<(), StoreError> {
    let (state, corrections) = load_state(tx, id).await?;
    write_event(tx, id, &state, corrections.as_ref()).await?;
    tx.change(id, op, by, detail);
    Ok(())
}

/// Builds the merge state, keys and outlets of every event that has sources but no state
/// (events stored before merge states existed), a batch per transaction.
pub(crate) async fn build_missing_states(store: &crate::Store) -> Result<(), StoreError> {
    let mut built = 0usize;
    loop {
        let mut tx = EventTx::edit(store).await?;
        let ids = sqlx::query_scalar!(
            r#"
            select id from events
            where merge_state is null and merged_into is null and source_count > 0
            order by id limit 200
            "#
        )
        .fetch_all(&mut *tx.tx)
        .await?;
        if ids.is_empty() {
            tx.commit().await?;
            break;
        }
        for id in &ids {
            refresh(&mut tx, *id, "recomputed", "upgrade", serde_json::json!({})).await?;
        }
        tx.commit().await?;
        built += ids.len();
    }
    if built > 0 {
        tracing::info!(events = built, "built merge states for events stored before they existed");
    }
    Ok(())
}

/// Moves every source, key and outlet of `absorbed` to `home`, adds its merge state to
/// `home_state`, and leaves `absorbed` as a tombstone pointing at `home`. The caller writes
/// `home`.
pub(crate) async fn fold_into(
    tx: &mut EventTx,
    absorbed: Uuid,
    home: Uuid,
    home_state: &mut MergeState,
    by: &str,
    why: &str,
) -> Result<(), StoreError> {
    let (absorbed_state, _) = load_state(tx, absorbed).await?;
    home_state.absorb(absorbed_state);
    sqlx::query!("update event_sources set event_id = $2 where event_id = $1", absorbed, home)
        .execute(&mut *tx.tx)
        .await?;

    let keys = sqlx::query_scalar!(
        r#"
        delete from event_profiles where event_id = any(array[$1, $2]::uuid[])
        returning merge_key as "merge_key: Json<MergeKey>"
        "#,
        absorbed,
        home,
    )
    .fetch_all(&mut *tx.tx)
    .await?;
    replace_keys(tx, home, MergeKey::coalesce(keys.into_iter().map(|k| k.0).collect())).await?;

    // Each outlet keeps its best report across both events.
    sqlx::query!(
        r#"
        with moved as (
            delete from event_outlets where event_id = $1 returning outlet, confidence, doubt
        )
        insert into event_outlets (event_id, outlet, confidence, doubt)
        select $2, outlet, confidence, doubt from moved
        on conflict (event_id, outlet) do update set
            confidence = greatest(event_outlets.confidence, excluded.confidence),
            doubt = greatest(event_outlets.doubt, excluded.doubt)
        "#,
        absorbed,
        home,
    )
    .execute(&mut *tx.tx)
    .await?;
    let summary = sqlx::query!(
        r#"
        select count(*) as "outlets!", coalesce(sum(doubt), 0)::bigint as "doubt!",
            coalesce(max(confidence), 0) as "best!"
        from event_outlets where event_id = $1
        "#,
        home,
    )
    .fetch_one(&mut *tx.tx)
    .await?;
    home_state.set_outlets(usize::try_from(summary.outlets).unwrap_or(0), summary.doubt, summary.best);

    sqlx::query!(
        r#"
        update events set merged_into = $2, source_count = 0, merge_state = null
        where id = $1
        "#,
        absorbed,
        home,
    )
    .execute(&mut *tx.tx)
    .await?;
    tx.change(absorbed, "merged", by, serde_json::json!({ "merged_into": home, "reason": why }));
    Ok(())
}

/// Records the outlet of `source` as reporting event `id`, raising the outlet's best
/// confidence (and the state's sum) when this report is its most confident.
async fn add_outlet(
    tx: &mut EventTx,
    id: Uuid,
    source: &SourceFacts<'_>,
    state: &mut MergeState,
) -> Result<(), StoreError> {
    let outlet = merge::outlet(source);
    let confidence = merge::outlet_confidence(source);
    let held = sqlx::query_scalar!(
        "select confidence from event_outlets where event_id = $1 and outlet = $2",
        id,
        outlet,
    )
    .fetch_optional(&mut *tx.tx)
    .await?;
    if held.is_some_and(|c| c >= confidence) {
        return Ok(());
    }
    store_outlets(tx, id, &[(outlet, confidence)]).await?;
    state.raise_outlet(held, confidence);
    Ok(())
}

/// Sets the best confidence of outlets of event `id`.
async fn store_outlets(tx: &mut EventTx, id: Uuid, outlets: &[(&str, f32)]) -> Result<(), StoreError> {
    let names: Vec<&str> = outlets.iter().map(|o| o.0).collect();
    let confidences: Vec<f32> = outlets.iter().map(|o| o.1).collect();
    let doubts: Vec<i64> = outlets.iter().map(|o| merge::doubt_units(o.1)).collect();
    sqlx::query!(
        r#"
        insert into event_outlets (event_id, outlet, confidence, doubt)
        select $1, * from unnest($2::text[], $3::real[], $4::bigint[])
        on conflict (event_id, outlet) do update set confidence = excluded.confidence, doubt = excluded.doubt
        "#,
        id,
        &names as &[&str],
        &confidences,
        &doubts,
    )
    .execute(&mut *tx.tx)
    .await?;
    Ok(())
}

/// Adds a merge key to event `id`, widening the key of the same identity whose dates it
/// touches instead of adding a row when there is one.
async fn add_key(tx: &mut EventTx, id: Uuid, key: &MergeKey) -> Result<(), StoreError> {
    let identity = key.identity();
    let next = |d: chrono::NaiveDate| d.succ_opt().unwrap_or(d);
    let previous = |d: chrono::NaiveDate| d.pred_opt().unwrap_or(d);
    let touching = sqlx::query!(
        r#"
        select id, merge_key as "merge_key: Json<MergeKey>" from event_profiles
        where event_id = $1 and identity = $2 and date_start <= $4 and date_end >= $3
        "#,
        id,
        identity,
        previous(key.start),
        next(key.end),
    )
    .fetch_all(&mut *tx.tx)
    .await?;
    if touching.iter().any(|row| row.merge_key.start <= key.start && key.end <= row.merge_key.end) {
        return Ok(());
    }
    let ids: Vec<i64> = touching.iter().map(|row| row.id).collect();
    sqlx::query!("delete from event_profiles where id = any($1)", &ids).execute(&mut *tx.tx).await?;
    let mut keys: Vec<MergeKey> = touching.into_iter().map(|row| row.merge_key.0).collect();
    keys.push(key.clone());
    insert_keys(tx, id, &MergeKey::coalesce(keys)).await
}

/// Replaces every merge key of event `id` with `keys`.
async fn replace_keys(tx: &mut EventTx, id: Uuid, keys: Vec<MergeKey>) -> Result<(), StoreError> {
    sqlx::query!("delete from event_profiles where event_id = $1", id).execute(&mut *tx.tx).await?;
    insert_keys(tx, id, &keys).await
}

async fn insert_keys(tx: &mut EventTx, id: Uuid, keys: &[MergeKey]) -> Result<(), StoreError> {
    for key in keys {
        sqlx::query!(
            r#"
            insert into event_profiles (event_id, family, actor_code, target_code, identity, merge_key,
                date_start, date_end)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            "#,
            id,
            key.family().as_str(),
            key.actor.as_deref(),
            key.target.as_deref(),
            key.identity(),
            Json(key) as _,
            key.start,
            key.end,
        )
        .execute(&mut *tx.tx)
        .await?;
    }
    Ok(())
}

/// Writes one article's report of an event.
async fn insert_source(
    tx: &mut EventTx,
    event_id: Uuid,
    article: &ArticleContext<'_>,
    event: &ExtractedEvent,
    merge_reason: Option<&MergeReason>,
    extractor_version: &str,
    content_key: &str,
) -> Result<(), StoreError> {
    let first = event.evidence.first();
    let evidence_text: String =
        event.evidence.iter().map(|e| e.sentence.as_str()).collect::<Vec<_>>().join("\n");
    let to_i32 = |offset: usize| i32::try_from(offset).unwrap_or(i32::MAX);
    let (date_start, date_end) = merge::date_range(event, article.reported_at);
    sqlx::query!(
        r#"
        insert into event_sources (id, event_id, article_id, extracted, sentence, start_offset,
            end_offset, evidence_text, attribution, quote, modality, quantity, confidence,
            merge_reason, extractor_version, family, actor_code, target_code, date_start, date_end,
            reported_at, source_domain, content_key)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
            $19, $20, $21, $22, $23)
        "#,
        Uuid::now_v7(),
        event_id,
        article.id.0,
        Json(event) as _,
        first.map_or("", |e| e.sentence.as_str()),
        first.map_or(0, |e| to_i32(e.start)),
        first.map_or(0, |e| to_i32(e.end)),
        evidence_text,
        event.attribution,
        event.quote.as_ref().map(Json) as _,
        event.modality.as_str(),
        event.quantity.as_ref().map(Json) as _,
        event.confidence.clamp(0.0, 1.0),
        merge_reason.map(Json) as _,
        extractor_version,
        event.kind.family().as_str(),
        event.actor.as_ref().map(|a| a.code.as_str()),
        event.target.as_ref().map(|a| a.code.as_str()),
        date_start,
        date_end,
        article.reported_at,
        article.domain,
        content_key,
    )
    .execute(&mut *tx.tx)
    .await?;
    Ok(())
}
