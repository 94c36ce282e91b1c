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
use crate::writes::{EventTx, event_row, write_event, write_events};

/// The reporting article, as merging needs it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ArticleContext<'a> {
    pub id: ArticleId,
    pub reported_at: DateTime<Utc>,
    pub domain: Option<&'a str>,
    pub content_hash: &'a str,
}

/// An event one of whose merge keys may match the key of event `i` of a batch.
#[derive(sqlx::FromRow)]
struct Candidate {
    i: i32,
    event_id: Uuid,
    merge_key: Json<MergeKey>,
    locked: bool,
}

/// Events an article creates, written together when the article is done (or as soon as a
/// later event of the article must be merged with one of them).
#[derive(Default)]
struct NewEvents<'a> {
    rows: Vec<serde_json::Value>,
    keys: Vec<(Uuid, MergeKey)>,
    outlets: Vec<(Uuid, &'a str, f32)>,
    sources: Vec<serde_json::Value>,
}

impl NewEvents<'_> {
    /// Whether `key` is compatible with one of these events (each has its one key).
    fn linked(&self, key: &MergeKey) -> bool {
        self.keys.iter().any(|(_, held)| merge::compare(key, held).is_some())
    }

    /// Writes them: four statements however many there are. Event rows first: keys,
    /// outlets and sources refer to them.
    async fn flush(&mut self, tx: &mut EventTx) -> Result<(), StoreError> {
        if self.rows.is_empty() {
            return Ok(());
        }
        write_events(tx, std::mem::take(&mut self.rows)).await?;
        store_outlets(tx, &std::mem::take(&mut self.outlets)).await?;
        insert_keys(tx, &std::mem::take(&mut self.keys)).await?;
        insert_sources(tx, std::mem::take(&mut self.sources)).await
    }
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

/// Stores each of an article's events as a source: of the event(s) it is compatible with,
/// or of a new event. Returns the event ids, in order.
///
/// The same decisions as attaching the events one at a time, in fewer round trips: the
/// candidates of all events are found with one query, and new events are written together
/// at the end. An event compatible with a new event of the same article writes the new ones
/// first; after any event joins or folds stored events, the remaining events' candidates
/// are read again.
pub(crate) async fn attach_all(
    tx: &mut EventTx,
    events: &[ExtractedEvent],
    article: &ArticleContext<'_>,
    extractor_version: &str,
) -> Result<Vec<Uuid>, StoreError> {
    let content_keys: Vec<String> = events
        .iter()
        .map(|event| format!("{}:{}", article.content_hash, event.evidence.first().map_or(0, |e| e.start)))
        .collect();
    let facts: Vec<SourceFacts<'_>> = events
        .iter()
        .zip(&content_keys)
        .map(|(event, key)| SourceFacts {
            extracted: event,
            reported_at: article.reported_at,
            domain: article.domain,
            key,
        })
        .collect();
    let keys: Vec<MergeKey> = facts.iter().map(MergeKey::of).collect();

    let mut ids = Vec::with_capacity(events.len());
    let mut created = NewEvents::default();
    let mut candidates: Option<Vec<Candidate>> = None;
    let mut i = 0;
    while i < events.len() {
        let found = match candidates.take() {
            Some(found) => found,
            None => find_candidates(tx, &keys, i).await?,
        };
        let key = &keys[i];
        if created.linked(key) {
            // Compatible with an event this article created: write those, and decide from
            // the stored record (whose candidates are read again).
            created.flush(tx).await?;
            continue;
        }
        let linked = link(key, found.iter().filter(|c| usize::try_from(c.i).is_ok_and(|n| n == i)));
        let new = facts[i];
        if linked.is_empty() {
            let id = Uuid::now_v7();
            let state = MergeState::from_sources(&[new]);
            created.rows.push(event_row(id, &state, None)?);
            created.keys.push((id, key.clone()));
            created.outlets.push((id, merge::outlet(&new), merge::outlet_confidence(&new)));
            created.sources.push(source_row(
                id,
                article,
                &events[i],
                None,
                extractor_version,
                &content_keys[i],
            ));
            tx.change(id, "created", "ingest", serde_json::json!({ "article_id": article.id.0 }));
            ids.push(id);
            candidates = Some(found);
        } else {
            ids.push(join(tx, &new, key, &linked, article, extractor_version).await?);
            // Stored events changed: the candidates of the rest are read again.
        }
        i += 1;
    }
    created.flush(tx).await?;
    Ok(ids)
}

/// The candidates of events `from..` of `keys`, in one query. The SQL narrows by the
/// indexed fields `compare` requires to agree (family, actor, the end of the date range:
/// news is mostly about recent days, so few keys end later); `compare` decides. Lookups by
/// id are lateral so that no cached plan can turn them into a scan of a table that has
/// grown since it was planned.
async fn find_candidates(
    tx: &mut EventTx,
    keys: &[MergeKey],
    from: usize,
) -> Result<Vec<Candidate>, StoreError> {
    let rest = &keys[from..];
    let index: Vec<i32> = (from..keys.len()).map(|i| i32::try_from(i).unwrap_or(i32::MAX)).collect();
    let families: Vec<&str> = rest.iter().map(|k| k.family().as_str()).collect();
    let actors: Vec<Option<&str>> = rest.iter().map(|k| k.actor.as_deref()).collect();
    let targets: Vec<Option<&str>> = rest.iter().map(|k| k.target.as_deref()).collect();
    let starts: Vec<chrono::NaiveDate> = rest.iter().map(|k| k.start).collect();
    let ends: Vec<chrono::NaiveDate> = rest.iter().map(|k| k.end).collect();
    let slack: Vec<i32> =
        rest.iter().map(|k| i32::try_from(k.family().date_slack_days()).unwrap_or(0)).collect();
    let found = sqlx::query_as::<_, Candidate>(
        r#"
        select w.i, p.event_id, p.merge_key, e.locked
        from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::int[])
            as w(i, family, actor, target, date_start, date_end, slack)
        cross join lateral (
            select p.event_id, p.merge_key from event_profiles p
            where p.family = w.family
              and coalesce(p.actor_code, '') = coalesce(w.actor, '')
              and p.date_end >= (w.date_start - w.slack) and p.date_start <= (w.date_end + w.slack)
              and (w.target is null or p.target_code is null or p.target_code = w.target)
        ) p
        cross join lateral (
            select e.locked from events e
            where e.id = p.event_id and e.retracted_at is null and e.merged_into is null
        ) e
        order by w.i, p.event_id
        "#,
    )
    .bind(&index)
    .bind(&families)
    .bind(&actors)
    .bind(&targets)
    .bind(&starts)
    .bind(&ends)
    .bind(&slack)
    .fetch_all(&mut *tx.tx)
    .await?;
    Ok(found)
}

/// The best reason per compatible event, with whether the event is locked.
fn link<'a>(
    key: &MergeKey,
    candidates: impl Iterator<Item = &'a Candidate>,
) -> Vec<(Uuid, MergeReason, bool)> {
    let mut linked: Vec<(Uuid, MergeReason, bool)> = Vec::new();
    for candidate in candidates {
        let Some(reason) = merge::compare(key, &candidate.merge_key.0) else { continue };
        match linked.iter_mut().find(|(id, _, _)| *id == candidate.event_id) {
            Some(entry) if entry.1.score < reason.score => entry.1 = reason,
            Some(_) => {}
            None => linked.push((candidate.event_id, reason, candidate.locked)),
        }
    }
    linked
}

/// Adds the source to the stored event(s) it is compatible with (`linked`, not empty).
/// Unlocked events the source bridges become one (the oldest survives); locked events are
/// analyst-curated and only ever receive the source when nothing unlocked matches.
async fn join(
    tx: &mut EventTx,
    new: &SourceFacts<'_>,
    key: &MergeKey,
    linked: &[(Uuid, MergeReason, bool)],
    article: &ArticleContext<'_>,
    extractor_version: &str,
) -> Result<Uuid, StoreError> {
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
        return Err(StoreError::Corrupt("a source linked to no event".to_owned()));
    };

    let (mut state, corrections) = load_state(tx, home).await?;
    for (absorbed, bridge, _) in unlocked.iter().filter(|(id, _, _)| *id != home) {
        fold_into(tx, *absorbed, home, &mut state, "automatic", &bridge.explanation).await?;
    }
    state.add(new);
    add_outlet(tx, home, new, &mut state).await?;
    add_key(tx, home, key).await?;
    insert_sources(
        tx,
        vec![source_row(home, article, new.extracted, Some(&reason), extractor_version, new.key)],
    )
    .await?;
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
    store_outlets(tx, &best.into_iter().map(|(outlet, c)| (id, outlet, c)).collect::<Vec<_>>()).await?;
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
    store_outlets(tx, &[(id, outlet, confidence)]).await?;
    state.raise_outlet(held, confidence);
    Ok(())
}

/// Sets the best confidence of outlets of events: `(event, outlet, confidence)`.
async fn store_outlets(tx: &mut EventTx, outlets: &[(Uuid, &str, f32)]) -> Result<(), StoreError> {
    if outlets.is_empty() {
        return Ok(());
    }
    let ids: Vec<Uuid> = outlets.iter().map(|o| o.0).collect();
    let names: Vec<&str> = outlets.iter().map(|o| o.1).collect();
    let confidences: Vec<f32> = outlets.iter().map(|o| o.2).collect();
    let doubts: Vec<i64> = outlets.iter().map(|o| merge::doubt_units(o.2)).collect();
    sqlx::query(
        r#"
        insert into event_outlets (event_id, outlet, confidence, doubt)
        select * from unnest($1::uuid[], $2::text[], $3::real[], $4::bigint[])
        on conflict (event_id, outlet) do update set confidence = excluded.confidence, doubt = excluded.doubt
        "#,
    )
    .bind(&ids)
    .bind(&names)
    .bind(&confidences)
    .bind(&doubts)
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
    insert_keys(tx, &MergeKey::coalesce(keys).into_iter().map(|k| (id, k)).collect::<Vec<_>>()).await
}

/// Replaces every merge key of event `id` with `keys`.
async fn replace_keys(tx: &mut EventTx, id: Uuid, keys: Vec<MergeKey>) -> Result<(), StoreError> {
    sqlx::query!("delete from event_profiles where event_id = $1", id).execute(&mut *tx.tx).await?;
    insert_keys(tx, &keys.into_iter().map(|k| (id, k)).collect::<Vec<_>>()).await
}

/// Adds merge keys: `(event, key)`.
async fn insert_keys(tx: &mut EventTx, keys: &[(Uuid, MergeKey)]) -> Result<(), StoreError> {
    if keys.is_empty() {
        return Ok(());
    }
    let rows: Vec<serde_json::Value> = keys
        .iter()
        .map(|(id, key)| {
            serde_json::json!({
                "event_id": id,
                "family": key.family().as_str(),
                "actor_code": key.actor,
                "target_code": key.target,
                "identity": key.identity(),
                "merge_key": key,
                "date_start": key.start,
                "date_end": key.end,
            })
        })
        .collect();
    sqlx::query(
        r#"
        insert into event_profiles (event_id, family, actor_code, target_code, identity, merge_key,
            date_start, date_end)
        select event_id, family, actor_code, target_code, identity, merge_key, date_start, date_end
        from jsonb_populate_recordset(null::event_profiles, $1)
        "#,
    )
    .bind(serde_json::Value::Array(rows))
    .execute(&mut *tx.tx)
    .await?;
    Ok(())
}

/// The columns of one article's report of an event, by name.
fn source_row(
    event_id: Uuid,
    article: &ArticleContext<'_>,
    event: &ExtractedEvent,
    merge_reason: Option<&MergeReason>,
    extractor_version: &str,
    content_key: &str,
) -> serde_json::Value {
    let first = event.evidence.first();
    let evidence_text: String =
        event.evidence.iter().map(|e| e.sentence.as_str()).collect::<Vec<_>>().join("\n");
    let to_i32 = |offset: usize| i32::try_from(offset).unwrap_or(i32::MAX);
    let (date_start, date_end) = merge::date_range(event, article.reported_at);
    serde_json::json!({
        "id": Uuid::now_v7(),
        "event_id": event_id,
        "article_id": article.id.0,
        "extracted": event,
        "sentence": first.map_or("", |e| e.sentence.as_str()),
        "start_offset": first.map_or(0, |e| to_i32(e.start)),
        "end_offset": first.map_or(0, |e| to_i32(e.end)),
        "evidence_text": evidence_text,
        "attribution": event.attribution,
        "quote": event.quote,
        "modality": event.modality.as_str(),
        "quantity": event.quantity,
        "confidence": event.confidence.clamp(0.0, 1.0),
        "merge_reason": merge_reason,
        "extractor_version": extractor_version,
        "family": event.kind.family().as_str(),
        "actor_code": event.actor.as_ref().map(|a| a.code.as_str()),
        "target_code": event.target.as_ref().map(|a| a.code.as_str()),
        "date_start": date_start,
        "date_end": date_end,
        "reported_at": article.reported_at,
        "source_domain": article.domain,
        "content_key": content_key,
    })
}

/// Writes reports of events (rows from [`source_row`]) in one statement.
async fn insert_sources(tx: &mut EventTx, rows: Vec<serde_json::Value>) -> Result<(), StoreError> {
    if rows.is_empty() {
        return Ok(());
    }
    sqlx::query(
        r#"
        insert into event_sources (id, event_id, article_id, extracted, sentence, start_offset,
            end_offset, evidence_text, attribution, quote, modality, quantity, confidence,
            merge_reason, extractor_version, family, actor_code, target_code, date_start, date_end,
            reported_at, source_domain, content_key)
        select id, event_id, article_id, extracted, sentence, start_offset,
            end_offset, evidence_text, attribution, quote, modality, quantity, confidence,
            merge_reason, extractor_version, family, actor_code, target_code, date_start, date_end,
            reported_at, source_domain, content_key
        from jsonb_populate_recordset(null::event_sources, $1)
        "#,
    )
    .bind(serde_json::Value::Array(rows))
    .execute(&mut *tx.tx)
    .await?;
    Ok(())
}
