//! Attaching an extracted event to the stored record: find the stored sources it is
//! compatible with (`geoevents_domain::merge::compare`), join their event, fold together
//! events it bridges, and recompute the event from all its sources. Runs inside the ingest
//! transaction, under the event-write lock, so decisions never race.

use chrono::{DateTime, Utc};
use geoevents_domain::merge::{self, Aggregate, SourceFacts};
use geoevents_domain::{ArticleId, Corrections, ExtractedEvent, MergeReason};
use sqlx::types::Json;
use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use crate::StoreError;

/// The reporting article, as merging needs it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ArticleContext<'a> {
    pub id: ArticleId,
    pub reported_at: DateTime<Utc>,
    pub domain: Option<&'a str>,
    pub content_hash: &'a str,
}

/// A stored source that may report the same event.
struct Candidate {
    event_id: Uuid,
    extracted: Json<ExtractedEvent>,
    reported_at: DateTime<Utc>,
    source_domain: Option<String>,
    content_key: String,
    locked: bool,
}

/// One stored source, as the aggregate needs it.
pub(crate) struct StoredFacts {
    pub extracted: Json<ExtractedEvent>,
    pub reported_at: DateTime<Utc>,
    pub source_domain: Option<String>,
    pub content_key: String,
}

impl StoredFacts {
    fn facts(&self) -> SourceFacts<'_> {
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
    tx: &mut Transaction<'_, Postgres>,
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
    let (date_start, date_end) = merge::date_range(event, article.reported_at);

    // The SQL narrows by the indexed fields `compare` requires to agree; `compare` decides.
    let candidates = sqlx::query_as!(
        Candidate,
        r#"
        select s.event_id, s.extracted as "extracted: Json<ExtractedEvent>", s.reported_at,
            s.source_domain, s.content_key, e.locked
        from event_sources s
        join events e on e.id = s.event_id
        where s.family = $1
          and s.actor_code is not distinct from $2
          and ($3::text is null or s.target_code is null or s.target_code = $3)
          and s.date_start <= ($5::date + $6::int) and s.date_end >= ($4::date - $6::int)
          and e.retracted_at is null and e.merged_into is null
        order by s.event_id
        "#,
        event.kind.family(),
        event.actor.as_ref().map(|a| a.code.as_str()),
        event.target.as_ref().map(|a| a.code.as_str()),
        date_start,
        date_end,
        i32::try_from(merge::date_slack_days(event.kind.family())).unwrap_or(0),
    )
    .fetch_all(&mut **tx)
    .await?;

    // Best reason per compatible event, keeping whether the event is locked.
    let mut linked: Vec<(Uuid, MergeReason, bool)> = Vec::new();
    for candidate in &candidates {
        let facts = SourceFacts {
            extracted: &candidate.extracted.0,
            reported_at: candidate.reported_at,
            domain: candidate.source_domain.as_deref(),
            key: &candidate.content_key,
        };
        let Some(reason) = merge::compare(&new, &facts) else { continue };
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
        let aggregate =
            merge::aggregate(&[new]).ok_or_else(|| StoreError::Corrupt("empty aggregate".to_owned()))?;
        write_event(tx, id, &aggregate, None).await?;
        insert_source(tx, id, article, event, None, extractor_version, &content_key).await?;
        record_change(tx, id, "created", "ingest", serde_json::json!({ "article_id": article.id.0 })).await?;
        return Ok(id);
    };

    insert_source(tx, home, article, event, Some(&reason), extractor_version, &content_key).await?;
    for (absorbed, bridge, _) in unlocked.iter().filter(|(id, _, _)| *id != home) {
        fold_into(tx, *absorbed, home, "automatic", &bridge.explanation).await?;
    }
    recompute(
        tx,
        home,
        "source_added",
        "ingest",
        serde_json::json!({ "article_id": article.id.0, "reason": reason }),
    )
    .await?;
    Ok(home)
}

/// Moves every source of `absorbed` to `home` and leaves `absorbed` as a tombstone pointing
/// at `home`. The caller recomputes `home`.
pub(crate) async fn fold_into(
    tx: &mut Transaction<'_, Postgres>,
    absorbed: Uuid,
    home: Uuid,
    by: &str,
    why: &str,
) -> Result<(), StoreError> {
    sqlx::query!("update event_sources set event_id = $2 where event_id = $1", absorbed, home)
        .execute(&mut **tx)
        .await?;
    sqlx::query!(
        r#"
        update events set merged_into = $2, source_count = 0, seq = nextval('event_seq'), updated_at = now()
        where id = $1
        "#,
        absorbed,
        home,
    )
    .execute(&mut **tx)
    .await?;
    record_change(tx, absorbed, "merged", by, serde_json::json!({ "merged_into": home, "reason": why })).await
}

/// Recomputes an event from all its sources (plus corrections), bumps its `seq`, and logs
/// the change.
pub(crate) async fn recompute(
    tx: &mut Transaction<'_, Postgres>,
    id: Uuid,
    op: &str,
    by: &str,
    detail: serde_json::Value,
) -> Result<(), StoreError> {
    let sources = sqlx::query_as!(
        StoredFacts,
        r#"
        select extracted as "extracted: Json<ExtractedEvent>", reported_at, source_domain, content_key
        from event_sources where event_id = $1
        "#,
        id,
    )
    .fetch_all(&mut **tx)
    .await?;
    let facts: Vec<SourceFacts<'_>> = sources.iter().map(StoredFacts::facts).collect();
    let corrections = sqlx::query_scalar!(
        r#"select corrections as "corrections: Json<Corrections>" from events where id = $1"#,
        id
    )
    .fetch_one(&mut **tx)
    .await?;
    let aggregate = merge::aggregate(&facts)
        .ok_or_else(|| StoreError::Corrupt(format!("event {id} has no sources left")))?;
    write_event(tx, id, &aggregate, corrections.map(|c| c.0).as_ref()).await?;
    record_change(tx, id, op, by, detail).await
}

/// Inserts or updates the event row from an aggregate, with corrections layered on top, and
/// gives it the next `seq`.
pub(crate) async fn write_event(
    tx: &mut Transaction<'_, Postgres>,
    id: Uuid,
    aggregate: &Aggregate,
    corrections: Option<&Corrections>,
) -> Result<(), StoreError> {
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
    sqlx::query!(
        r#"
        insert into events (id, kind, plover, cameo,
            actor_code, actor_name, actor_country, actor_sector,
            target_code, target_name, target_country, target_sector,
            location_name, location_country, location_lat, location_lon, location_precision,
            when_start, when_end, when_precision, when_text, event_date,
            quantity, modality, attribution, quote, summary, confidence,
            source_count, first_reported_at, last_reported_at, quantity_range, original, seq)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
            $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33,
            nextval('event_seq'))
        on conflict (id) do update set
            kind = excluded.kind, plover = excluded.plover, cameo = excluded.cameo,
            actor_code = excluded.actor_code, actor_name = excluded.actor_name,
            actor_country = excluded.actor_country, actor_sector = excluded.actor_sector,
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
            original = excluded.original, seq = excluded.seq, updated_at = now()
        "#,
        id,
        e.kind.as_str(),
        e.kind.plover().map(|p| p.as_str()),
        e.cameo,
        actor.map(|a| a.code.as_str()),
        actor.map(|a| a.name.as_str()),
        actor.and_then(|a| a.country.as_deref()),
        actor.and_then(|a| a.sector).map(|s| s.as_str()),
        target.map(|a| a.code.as_str()),
        target.map(|a| a.name.as_str()),
        target.and_then(|a| a.country.as_deref()),
        target.and_then(|a| a.sector).map(|s| s.as_str()),
        location.map(|l| l.name.as_str()),
        location.and_then(|l| l.country.as_deref()),
        location.and_then(|l| l.lat),
        location.and_then(|l| l.lon),
        location.map(|l| l.precision.as_str()),
        when.map(|w| w.start),
        when.map(|w| w.end),
        when.map(|w| w.precision.as_str()),
        when.and_then(|w| w.text.as_deref()),
        event_date,
        e.quantity.as_ref().map(Json) as _,
        e.modality.as_str(),
        e.attribution,
        e.quote.as_ref().map(Json) as _,
        e.summary,
        e.confidence.clamp(0.0, 1.0),
        source_count,
        aggregate.first_reported_at,
        aggregate.last_reported_at,
        aggregate.quantity_range.as_ref().map(Json) as _,
        original.as_ref().map(Json) as _,
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Writes one article's report of an event.
async fn insert_source(
    tx: &mut Transaction<'_, Postgres>,
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
        event.kind.family(),
        event.actor.as_ref().map(|a| a.code.as_str()),
        event.target.as_ref().map(|a| a.code.as_str()),
        date_start,
        date_end,
        article.reported_at,
        article.domain,
        content_key,
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Appends to the change log with the event's current `seq`.
pub(crate) async fn record_change(
    tx: &mut Transaction<'_, Postgres>,
    event_id: Uuid,
    op: &str,
    by: &str,
    detail: serde_json::Value,
) -> Result<(), StoreError> {
    sqlx::query!(
        r#"
        insert into event_changes (seq, event_id, op, changed_by, detail)
        select seq, id, $2, $3, $4 from events where id = $1
        "#,
        event_id,
        op,
        by,
        detail,
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}
