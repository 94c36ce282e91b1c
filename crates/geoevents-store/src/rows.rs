//! Private row types and their conversion to domain types. Anything that reads events or
//! sources goes through here, so a column is decoded in exactly one place.

use chrono::{DateTime, NaiveDate, Utc};
use geoevents_domain::merge::QuantityRange;
use geoevents_domain::{
    Actor, ArticleId, Corrections, Event, EventId, EventSource, Evidence, ExtractedEvent, Kind, MergeReason,
    Modality, Place, Quantity, Quote, Sector, SourceId, When,
};
use sqlx::types::Json;
use uuid::Uuid;

use crate::StoreError;

/// The columns of `events` every event query selects, in `EventRow` order.
pub(crate) const EVENT_COLUMNS: &str = r"
    e.id, e.kind, e.cameo,
    e.actor_code, e.actor_name, e.actor_country, e.actor_sector, e.actor_person,
    e.target_code, e.target_name, e.target_country, e.target_sector, e.target_person,
    e.location_name, e.location_country, e.location_lat, e.location_lon, e.location_precision,
    e.when_start, e.when_end, e.when_precision, e.when_text, e.event_date,
    e.quantity, e.modality, e.attribution, e.quote, e.summary, e.confidence,
    e.source_count, e.first_reported_at, e.last_reported_at, e.seq,
    e.created_at, e.updated_at, e.retracted_at, e.merged_into, e.locked, e.quantity_range,
    e.corrections, e.original";

/// One row of `events`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct EventRow {
    pub id: Uuid,
    pub kind: String,
    pub cameo: String,
    pub actor_code: Option<String>,
    pub actor_name: Option<String>,
    pub actor_country: Option<String>,
    pub actor_sector: Option<String>,
    pub actor_person: Option<String>,
    pub target_code: Option<String>,
    pub target_name: Option<String>,
    pub target_country: Option<String>,
    pub target_sector: Option<String>,
    pub target_person: Option<String>,
    pub location_name: Option<String>,
    pub location_country: Option<String>,
    pub location_lat: Option<f64>,
    pub location_lon: Option<f64>,
    pub location_precision: Option<String>,
    pub when_start: Option<NaiveDate>,
    pub when_end: Option<NaiveDate>,
    pub when_precision: Option<String>,
    pub when_text: Option<String>,
    pub event_date: NaiveDate,
    pub quantity: Option<Json<Quantity>>,
    pub modality: String,
    pub attribution: Option<String>,
    pub quote: Option<Json<Quote>>,
    pub summary: String,
    pub confidence: f32,
    pub source_count: i32,
    pub first_reported_at: Option<DateTime<Utc>>,
    pub last_reported_at: Option<DateTime<Utc>>,
    pub seq: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub retracted_at: Option<DateTime<Utc>>,
    pub merged_into: Option<Uuid>,
    pub locked: bool,
    pub quantity_range: Option<Json<QuantityRange>>,
    pub corrections: Option<Json<Corrections>>,
    pub original: Option<Json<ExtractedEvent>>,
}

/// One row of `event_sources` joined with its article.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct SourceRow {
    pub id: Uuid,
    pub event_id: Uuid,
    pub article_id: Uuid,
    pub url: Option<String>,
    pub title: Option<String>,
    pub source_domain: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub extracted: Json<ExtractedEvent>,
    pub merge_reason: Option<Json<MergeReason>>,
    pub extractor_version: String,
    pub added_at: DateTime<Utc>,
}

fn parse<T: std::str::FromStr>(what: &str, value: &str) -> Result<T, StoreError> {
    value.parse().map_err(|_| StoreError::Corrupt(format!("unknown {what} '{value}' in the database")))
}

fn parse_opt<T: std::str::FromStr>(what: &str, value: Option<&str>) -> Result<Option<T>, StoreError> {
    value.map(|v| parse(what, v)).transpose()
}

/// The columns of one actor of a row: code, name, country, sector, person.
type ActorColumns = (Option<String>, Option<String>, Option<String>, Option<String>, Option<String>);

fn actor((code, name, country, sector, person): ActorColumns) -> Result<Option<Actor>, StoreError> {
    let Some(code) = code else { return Ok(None) };
    Ok(Some(Actor {
        name: name.unwrap_or_else(|| code.clone()),
        code,
        country,
        sector: parse_opt::<Sector>("sector", sector.as_deref())?,
        person,
    }))
}

impl EventRow {
    /// Converts to the domain event; `sources` are attached by the caller.
    pub fn into_event(self, sources: Vec<EventSource>) -> Result<Event, StoreError> {
        let kind: Kind = parse("kind", &self.kind)?;
        let location = match (self.location_name, self.location_precision) {
            (Some(name), Some(precision)) => Some(Place {
                name,
                country: self.location_country,
                lat: self.location_lat,
                lon: self.location_lon,
                precision: parse("place precision", &precision)?,
            }),
            _ => None,
        };
        let when = match (self.when_start, self.when_end, self.when_precision) {
            (Some(start), Some(end), Some(precision)) => Some(When {
                start,
                end,
                precision: parse("date precision", &precision)?,
                text: self.when_text,
            }),
            _ => None,
        };
        let evidence: Vec<Evidence> =
            sources.first().map(|s| s.extracted.evidence.clone()).unwrap_or_default();
        Ok(Event {
            id: EventId(self.id),
            fields: ExtractedEvent {
                kind,
                cameo: parse("CAMEO code", &self.cameo)?,
                actor: actor((
                    self.actor_code,
                    self.actor_name,
                    self.actor_country,
                    self.actor_sector,
                    self.actor_person,
                ))?,
                target: actor((
                    self.target_code,
                    self.target_name,
                    self.target_country,
                    self.target_sector,
                    self.target_person,
                ))?,
                location,
                when,
                quantity: self.quantity.map(|q| q.0),
                modality: parse::<Modality>("modality", &self.modality)?,
                attribution: self.attribution,
                quote: self.quote.map(|q| q.0),
                summary: self.summary,
                confidence: self.confidence,
                evidence,
            },
            source_count: self.source_count,
            first_reported_at: self.first_reported_at,
            last_reported_at: self.last_reported_at,
            seq: self.seq,
            created_at: self.created_at,
            updated_at: self.updated_at,
            retracted_at: self.retracted_at,
            merged_into: self.merged_into.map(EventId),
            locked: self.locked,
            quantity_range: self.quantity_range.map(|q| q.0),
            corrections: self.corrections.map(|c| c.0).filter(|c| !c.is_empty()),
            original: self.original.map(|o| o.0),
            sources,
        })
    }
}

impl SourceRow {
    /// Converts to the domain source.
    pub fn into_source(self) -> EventSource {
        EventSource {
            id: SourceId(self.id),
            article_id: ArticleId(self.article_id),
            url: self.url,
            title: self.title,
            source_domain: self.source_domain,
            published_at: self.published_at,
            extracted: self.extracted.0,
            merge_reason: self.merge_reason.map(|r| r.0),
            extractor_version: self.extractor_version,
            added_at: self.added_at,
        }
    }
}
