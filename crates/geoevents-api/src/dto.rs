//! Wire types: what clients send and receive. Domain types never go on the wire directly;
//! they convert here, so the JSON contract (DESIGN.md, "Event contract") is defined in one
//! place. The `geoevents extract` command prints these same shapes.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use geoevents_domain::{
    Actor, Article, Cameo, Diagnostic, Event, EventSource, Evidence, ExtractedEvent, Extraction, MergeReason,
    Place, Quantity, Quote, Severity, When,
};
use serde::{Deserialize, Serialize, Serializer};
use utoipa::ToSchema;

use crate::ids;
use crate::schema::vocab;

/// The JSON body of `POST /v1/articles` and `POST /v1/extract`, and one NDJSON line.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleRequest {
    /// Where the article was published.
    pub url: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Publication time: RFC 3339 or a plain `YYYY-MM-DD` date.
    pub published_at: Option<String>,
    /// Outlet name.
    pub source: Option<String>,
    /// Plain text (exclusive with `html`).
    #[schema(nullable = false, pattern = "\\S")]
    pub text: Option<String>,
    /// A raw HTML page (exclusive with `text`).
    #[schema(nullable = false, pattern = "\\S")]
    pub html: Option<String>,
    /// A client-side identifier of any JSON type, echoed back by `POST /v1/extract` and
    /// `geoevents extract --jsonl`.
    pub id: Option<serde_json::Value>,
}

pub(crate) fn rfc3339<S: Serializer>(value: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&value.to_rfc3339_opts(SecondsFormat::Secs, true))
}

pub(crate) fn rfc3339_opt<S: Serializer>(value: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => rfc3339(v, s),
        None => s.serialize_none(),
    }
}

/// Whole numbers print without a fraction ("3000", not "3000.0").
fn number<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        s.serialize_i64(*value as i64)
    } else {
        s.serialize_f64(*value)
    }
}

/// An actor on the wire.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActorDto {
    /// As the article named it.
    pub name: String,
    /// ISO3 or body code.
    pub code: String,
    /// ISO3 of its state.
    pub country: Option<String>,
    /// Sector, when known.
    #[schema(schema_with = vocab::sector)]
    pub sector: Option<&'static str>,
    /// The person the phrase names, in full, when it names one ("President Macron", or
    /// "the French president" on a day the office's holder is known).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
}

impl From<&Actor> for ActorDto {
    fn from(a: &Actor) -> Self {
        Self {
            name: a.name.clone(),
            code: a.code.clone(),
            country: a.country.clone(),
            sector: a.sector.map(|s| s.as_str()),
            person: a.person.clone(),
        }
    }
}

/// A location on the wire.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlaceDto {
    /// Place name.
    pub name: String,
    /// ISO3 country.
    pub country: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// `city`, `region` or `country`.
    #[schema(schema_with = vocab::place_precision)]
    pub precision: &'static str,
}

impl From<&Place> for PlaceDto {
    fn from(p: &Place) -> Self {
        Self {
            name: p.name.clone(),
            country: p.country.clone(),
            lat: p.lat,
            lon: p.lon,
            precision: p.precision.as_str(),
        }
    }
}

/// An event date on the wire.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WhenDto {
    /// First day.
    pub start: NaiveDate,
    /// Last day, inclusive.
    pub end: NaiveDate,
    /// `day`, `week`, `month` or `year`.
    #[schema(schema_with = vocab::date_precision)]
    pub precision: &'static str,
    /// The words that gave the date.
    pub text: Option<String>,
}

impl From<&When> for WhenDto {
    fn from(w: &When) -> Self {
        Self { start: w.start, end: w.end, precision: w.precision.as_str(), text: w.text.clone() }
    }
}

/// A quantity on the wire.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuantityDto {
    /// The amount.
    #[serde(serialize_with = "number")]
    pub value: f64,
    /// What is counted.
    pub unit: String,
    /// ISO 4217 currency for money.
    pub currency: Option<String>,
    /// `exact`, `approximate`, `at_least` or `up_to`.
    #[schema(schema_with = vocab::qualifier)]
    pub qualifier: &'static str,
    /// The words that gave it.
    pub text: String,
}

impl From<&Quantity> for QuantityDto {
    fn from(q: &Quantity) -> Self {
        Self {
            value: q.value,
            unit: q.unit.clone(),
            currency: q.currency.clone(),
            qualifier: q.qualifier.as_str(),
            text: q.text.clone(),
        }
    }
}

/// A quotation on the wire.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuoteDto {
    /// The quoted words.
    pub text: String,
    /// Who said them.
    pub speaker: Option<String>,
}

impl From<&Quote> for QuoteDto {
    fn from(q: &Quote) -> Self {
        Self { text: q.text.clone(), speaker: q.speaker.clone() }
    }
}

/// One evidence span on the wire. `article_id` and `url` are present for stored events.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvidenceDto {
    /// The reporting article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_id: Option<String>,
    /// Its URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The sentence.
    pub sentence: String,
    /// Start offset in Unicode scalar values into the article's normalised `text`.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
}

impl EvidenceDto {
    fn offline(e: &Evidence) -> Self {
        Self { article_id: None, url: None, sentence: e.sentence.clone(), start: e.start, end: e.end }
    }

    fn stored(e: &Evidence, source: &EventSource) -> Self {
        Self {
            article_id: Some(ids::article_id(source.article_id)),
            url: source.url.clone(),
            sentence: e.sentence.clone(),
            start: e.start,
            end: e.end,
        }
    }
}

/// The coded fields shared by extracted and stored events.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventFieldsDto {
    /// Our kind.
    #[schema(schema_with = vocab::kind)]
    pub kind: &'static str,
    /// PLOVER type, or null for plain policy statements.
    #[schema(schema_with = vocab::plover)]
    pub plover: Option<&'static str>,
    /// CAMEO code.
    #[schema(value_type = String, pattern = "^[0-9]{2,4}$", example = "190")]
    pub cameo: Cameo,
    /// Who.
    pub actor: Option<ActorDto>,
    /// To whom.
    pub target: Option<ActorDto>,
    /// Where.
    pub location: Option<PlaceDto>,
    /// When.
    pub when: Option<WhenDto>,
    /// How many.
    pub quantity: Option<QuantityDto>,
    /// asserted, claimed, planned, hypothetical or negated.
    #[schema(schema_with = vocab::modality)]
    pub modality: &'static str,
    /// Who the article says reports it.
    pub attribution: Option<String>,
    /// The quotation, for statements.
    pub quote: Option<QuoteDto>,
    /// One line.
    pub summary: String,
    /// In [0, 1].
    pub confidence: f32,
}

impl From<&ExtractedEvent> for EventFieldsDto {
    fn from(e: &ExtractedEvent) -> Self {
        Self {
            kind: e.kind.as_str(),
            plover: e.kind.plover().map(|p| p.as_str()),
            cameo: e.cameo,
            actor: e.actor.as_ref().map(ActorDto::from),
            target: e.target.as_ref().map(ActorDto::from),
            location: e.location.as_ref().map(PlaceDto::from),
            when: e.when.as_ref().map(WhenDto::from),
            quantity: e.quantity.as_ref().map(QuantityDto::from),
            modality: e.modality.as_str(),
            attribution: e.attribution.clone(),
            quote: e.quote.as_ref().map(QuoteDto::from),
            summary: e.summary.clone(),
            confidence: (e.confidence * 1000.0).round() / 1000.0,
        }
    }
}

/// An event as `extract` finds it: no id, evidence without article.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExtractedEventDto {
    /// The coded fields.
    #[serde(flatten)]
    pub fields: EventFieldsDto,
    /// Evidence spans in the normalised text.
    pub evidence: Vec<EvidenceDto>,
}

impl From<&ExtractedEvent> for ExtractedEventDto {
    fn from(e: &ExtractedEvent) -> Self {
        Self {
            fields: EventFieldsDto::from(e),
            evidence: e.evidence.iter().map(EvidenceDto::offline).collect(),
        }
    }
}

/// A stored event: what happened, who did it to whom, where and when, how certain, and the
/// sentences of every source that report it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventDto {
    /// `evt_…`.
    pub id: String,
    /// The coded fields.
    #[serde(flatten)]
    pub fields: EventFieldsDto,
    /// Evidence from its sources (all of them on `/v1/events/{id}`, the first ten in lists).
    pub evidence: Vec<EvidenceDto>,
    /// When it was first reported.
    #[serde(serialize_with = "rfc3339_opt")]
    pub reported_at: Option<DateTime<Utc>>,
    /// How many articles report it.
    pub source_count: i32,
    /// First report.
    #[serde(serialize_with = "rfc3339_opt")]
    pub first_reported_at: Option<DateTime<Utc>>,
    /// Latest report.
    #[serde(serialize_with = "rfc3339_opt")]
    pub last_reported_at: Option<DateTime<Utc>>,
    /// Change-feed position of its latest change.
    pub seq: i64,
    /// Last change.
    #[serde(serialize_with = "rfc3339")]
    pub updated_at: DateTime<Utc>,
    /// Set when an analyst retracted it.
    #[serde(serialize_with = "rfc3339_opt", skip_serializing_if = "Option::is_none")]
    pub retracted_at: Option<DateTime<Utc>>,
    /// Set when this event was folded into another: read that one instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
    /// The spread of figures its sources give (each source's own figure is on the source).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity_range: Option<QuantityRangeDto>,
    /// Fields an analyst corrected; the extractor's values are in `original` and on each source.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<String>)]
    pub corrected: Vec<&'static str>,
    /// Whether an analyst curated it (never merged automatically).
    pub locked: bool,
}

/// The spread of figures across an event's sources.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuantityRangeDto {
    /// What is counted.
    pub unit: String,
    /// Smallest figure reported.
    #[serde(serialize_with = "number")]
    pub min: f64,
    /// Largest figure reported.
    #[serde(serialize_with = "number")]
    pub max: f64,
    /// How many sources give a figure.
    pub reports: usize,
}

impl From<&Event> for EventDto {
    fn from(e: &Event) -> Self {
        let evidence = e
            .sources
            .iter()
            .flat_map(|s| s.extracted.evidence.iter().map(move |ev| EvidenceDto::stored(ev, s)))
            .collect();
        Self {
            id: ids::event_id(e.id),
            fields: EventFieldsDto::from(&e.fields),
            evidence,
            reported_at: e.first_reported_at,
            source_count: e.source_count,
            first_reported_at: e.first_reported_at,
            last_reported_at: e.last_reported_at,
            seq: e.seq,
            updated_at: e.updated_at,
            retracted_at: e.retracted_at,
            merged_into: e.merged_into.map(ids::event_id),
            quantity_range: e.quantity_range.as_ref().map(|r| QuantityRangeDto {
                unit: r.unit.clone(),
                min: r.min,
                max: r.max,
                reports: r.reports,
            }),
            corrected: e.corrections.as_ref().map(|c| c.fields()).unwrap_or_default(),
            locked: e.locked,
        }
    }
}

/// Why a source was merged into an event.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MergeReasonDto {
    /// Similarity score.
    pub score: f64,
    /// Fields that matched.
    pub matched: Vec<String>,
    /// Readable reason.
    pub explanation: String,
    /// `automatic` or the analyst.
    pub by: String,
}

impl From<&MergeReason> for MergeReasonDto {
    fn from(r: &MergeReason) -> Self {
        Self {
            score: r.score,
            matched: r.matched.clone(),
            explanation: r.explanation.clone(),
            by: r.by.clone(),
        }
    }
}

/// One source of a stored event: which article said what.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SourceDto {
    /// `src_…`.
    pub id: String,
    /// `art_…`.
    pub article_id: String,
    /// Article URL.
    pub url: Option<String>,
    /// Article title.
    pub title: Option<String>,
    /// Outlet domain.
    pub source_domain: Option<String>,
    /// Article publication time.
    #[serde(serialize_with = "rfc3339_opt")]
    pub published_at: Option<DateTime<Utc>>,
    /// What the extractor found in this article.
    pub extracted: EventFieldsDto,
    /// Its evidence spans.
    pub evidence: Vec<EvidenceDto>,
    /// Why it joined the event; null for the source that created it.
    pub merge_reason: Option<MergeReasonDto>,
    /// Extractor version.
    pub extractor_version: String,
    /// When it was attached.
    #[serde(serialize_with = "rfc3339")]
    pub added_at: DateTime<Utc>,
}

impl From<&EventSource> for SourceDto {
    fn from(s: &EventSource) -> Self {
        Self {
            id: ids::source_id(s.id),
            article_id: ids::article_id(s.article_id),
            url: s.url.clone(),
            title: s.title.clone(),
            source_domain: s.source_domain.clone(),
            published_at: s.published_at,
            extracted: EventFieldsDto::from(&s.extracted),
            evidence: s.extracted.evidence.iter().map(|e| EvidenceDto::stored(e, s)).collect(),
            merge_reason: s.merge_reason.as_ref().map(MergeReasonDto::from),
            extractor_version: s.extractor_version.clone(),
            added_at: s.added_at,
        }
    }
}

/// `GET /v1/events/{id}`: the event and every source.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventDetailDto {
    /// The event.
    #[serde(flatten)]
    pub event: EventDto,
    /// The merged fields before analyst corrections, when there are corrections.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original: Option<EventFieldsDto>,
    /// Every source, oldest first.
    pub sources: Vec<SourceDto>,
}

impl From<&Event> for EventDetailDto {
    fn from(e: &Event) -> Self {
        Self {
            event: EventDto::from(e),
            original: e.original.as_ref().map(EventFieldsDto::from),
            sources: e.sources.iter().map(SourceDto::from).collect(),
        }
    }
}

/// A stored article with its events.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ArticleDto {
    /// `art_…`.
    pub id: String,
    /// URL as given.
    pub url: Option<String>,
    /// Canonical URL.
    pub canonical_url: Option<String>,
    /// Outlet domain.
    pub source_domain: Option<String>,
    /// Outlet name as given.
    pub source: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Publication time.
    #[serde(serialize_with = "rfc3339_opt")]
    pub published_at: Option<DateTime<Utc>>,
    /// `given`, `metadata`, `dateline` or `unknown`.
    #[schema(schema_with = vocab::date_source)]
    pub published_at_source: &'static str,
    /// ISO 639-1 language.
    pub language: Option<String>,
    /// Byline.
    pub byline: Option<String>,
    /// `text` or `html`, as it arrived.
    #[schema(schema_with = vocab::body_format)]
    pub format: &'static str,
    /// The normalised main text; evidence offsets index into it.
    pub text: String,
    /// Hash of the folded text.
    pub content_hash: String,
    /// Notes from normalisation and extraction.
    pub diagnostics: Vec<DiagnosticDto>,
    /// Extractor version.
    pub extractor_version: String,
    /// When it was stored.
    #[serde(serialize_with = "rfc3339")]
    pub ingested_at: DateTime<Utc>,
    /// Its events.
    pub events: Vec<EventDto>,
    /// On `POST`: true when the article had been stored before and nothing was written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<bool>,
    /// On `POST`: what went wrong without failing the request (an article stored although
    /// its extraction failed).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<WarningDto>,
}

/// A note from normalisation or extraction about input that could not be fully used.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DiagnosticDto {
    /// `info` (nothing was lost) or `warning` (something was dropped or guessed).
    #[schema(schema_with = vocab::severity)]
    pub severity: &'static str,
    /// Stable machine-readable code (`no_main_text`, `date_not_found`, …).
    pub code: String,
    /// What it means.
    pub message: String,
}

impl From<&Diagnostic> for DiagnosticDto {
    fn from(d: &Diagnostic) -> Self {
        let severity = match d.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
        };
        Self { severity, code: d.code.clone(), message: d.message.clone() }
    }
}

/// Something that went wrong without failing a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct WarningDto {
    /// Stable machine-readable code (`extraction_failed`).
    #[schema(value_type = String, example = "extraction_failed")]
    pub code: &'static str,
    /// What it means for the client.
    pub detail: String,
}

impl WarningDto {
    /// The article was stored (or shown) without events because extraction failed.
    pub fn extraction_failed() -> Self {
        Self {
            code: geoevents_extract::EXTRACTION_FAILED,
            detail: "event extraction failed on this article (an internal error, logged with this \
                     request's id); it is stored without events and is extracted again after an \
                     upgrade of the extractor"
                .to_owned(),
        }
    }
}

impl ArticleDto {
    /// Renders an article and its events.
    pub fn new(a: &Article, events: &[Event], duplicate: Option<bool>) -> Self {
        Self {
            id: ids::article_id(a.id),
            url: a.url.clone(),
            canonical_url: a.canonical_url.clone(),
            source_domain: a.source_domain.clone(),
            source: a.source.clone(),
            title: a.title.clone(),
            published_at: a.published_at,
            published_at_source: a.published_at_source.as_str(),
            language: a.language.clone(),
            byline: a.byline.clone(),
            format: a.format.as_str(),
            text: a.text.clone(),
            content_hash: a.content_hash.clone(),
            diagnostics: a.diagnostics.iter().map(DiagnosticDto::from).collect(),
            extractor_version: a.extractor_version.clone(),
            ingested_at: a.ingested_at,
            events: events.iter().map(EventDto::from).collect(),
            duplicate,
            warnings: Vec::new(),
        }
    }
}

/// What extraction yields for one article, stored or not: `POST /v1/extract` and
/// `geoevents extract`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExtractionDto {
    /// The client's id, echoed (JSON Lines mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    /// Title, given or found.
    pub title: Option<String>,
    /// Publication time, given or found.
    #[serde(serialize_with = "rfc3339_opt")]
    pub published_at: Option<DateTime<Utc>>,
    /// Where the publication time came from.
    #[schema(schema_with = vocab::date_source)]
    pub published_at_source: &'static str,
    /// Canonical URL.
    pub canonical_url: Option<String>,
    /// Language.
    pub language: Option<String>,
    /// The normalised main text; evidence offsets index into it.
    pub text: String,
    /// Hash of the folded text.
    pub content_hash: String,
    /// The events.
    pub events: Vec<ExtractedEventDto>,
    /// Notes about what could not be used.
    pub diagnostics: Vec<DiagnosticDto>,
}

impl ExtractionDto {
    /// Renders an extraction.
    pub fn new(x: &Extraction, id: Option<serde_json::Value>) -> Self {
        let a = &x.article;
        Self {
            id,
            title: a.title.clone(),
            published_at: a.published_at,
            published_at_source: a.published_at_source.as_str(),
            canonical_url: a.canonical_url.clone(),
            language: a.language.clone(),
            text: a.text.clone(),
            content_hash: a.content_hash.clone(),
            events: x.events.iter().map(ExtractedEventDto::from).collect(),
            diagnostics: x.diagnostics.iter().map(DiagnosticDto::from).collect(),
        }
    }
}
