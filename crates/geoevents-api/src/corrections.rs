//! Analyst corrections of events: `PATCH /v1/events/{id}` (fields), `DELETE` (retract),
//! `POST .../merge` and `.../split`, and `GET .../history`. The analyst is named by the
//! `X-Analyst` header (recorded with every change).

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use geoevents_domain::{
    Actor, Corrected, Corrections, DatePrecision, Event, EventId, Kind, Modality, Place, PlacePrecision,
    Quantity, QuantityQualifier, Sector, SourceId, When,
};
use geoevents_extract::gazetteer::gazetteer;
use geoevents_store::EditError;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

use crate::auth::Caller;
use crate::dto::EventDetailDto;
use crate::error::{ApiError, FieldError};
use crate::schema::{BadEdit, BadQuery, NoSuchResource, StaleVersion, vocab};
use crate::{AppState, QueryPairs, ids, input, params, versioning};

/// Longest accepted analyst name.
const MAX_ANALYST_LEN: usize = 100;

/// Who is editing: the key's name, with the `X-Analyst` header's person under it
/// (`batch-job/analyst.kim`); without a key (writes open), the analyst alone or `anonymous`.
fn editor(caller: &Caller, headers: &HeaderMap) -> Result<String, ApiError> {
    let analyst = match headers.get("x-analyst") {
        None => None,
        Some(value) => {
            let name = value.to_str().map(str::trim).unwrap_or_default();
            if name.is_empty() || name.len() > MAX_ANALYST_LEN || name.chars().any(char::is_control) {
                return Err(ApiError::bad_field(
                    "X-Analyst",
                    format!("a printable name of 1 to {MAX_ANALYST_LEN} bytes"),
                ));
            }
            Some(name)
        }
    };
    Ok(match (&caller.0, analyst) {
        (Some(key), Some(person)) => format!("{}/{person}", key.name),
        (Some(key), None) => key.name.clone(),
        (None, Some(person)) => person.to_owned(),
        (None, None) => "anonymous".to_owned(),
    })
}

fn event_id_or_404(id: &str) -> Result<EventId, ApiError> {
    ids::parse_event_id(id).ok_or_else(|| ApiError::NotFound(format!("no event with id '{id}'")))
}

fn edit_error(err: EditError, id: &str) -> ApiError {
    match err {
        EditError::NotFound(missing) => {
            ApiError::NotFound(format!("no event with id '{}'", ids::event_id(missing)))
        }
        EditError::MergedInto(home) => ApiError::Conflict(format!(
            "event '{id}' was merged into '{}'; edit that event instead",
            ids::event_id(home)
        )),
        EditError::Invalid(message) => ApiError::invalid_field("body", message),
        EditError::Stale { current } => ApiError::PreconditionFailed(format!(
            "event '{id}' changed since the version in If-Match; it is now \"{current}\": GET it again and edit that"
        )),
        EditError::Store(err) => ApiError::from(err),
    }
}

/// Distinguishes an absent field (`None`) from an explicit `null` (`Some(None)`).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// An actor given by its code (`"RUS"`), or with a sector and the name to show too.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum ActorInput {
    /// The actor's code: ISO3 for a state, or a body's code.
    Code(String),
    /// The code with a sector and name.
    Full {
        /// The actor's code.
        code: String,
        /// Which part of the state.
        #[schema(schema_with = vocab::sector)]
        sector: Option<String>,
        /// The name to show; the gazetteer's name of the code otherwise.
        name: Option<String>,
    },
}

/// A corrected location. A place the gazetteer knows needs only its name.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceInput {
    /// The place's name.
    name: String,
    /// ISO3 of its country; required for a place the gazetteer does not know.
    country: Option<String>,
    /// Latitude.
    lat: Option<f64>,
    /// Longitude.
    lon: Option<f64>,
    /// How precise it is; the gazetteer's, else `city`.
    #[schema(schema_with = vocab::place_precision)]
    precision: Option<String>,
}

/// A corrected event date.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WhenInput {
    /// First day.
    start: NaiveDate,
    /// Last day, inclusive; `start` when absent.
    end: Option<NaiveDate>,
    /// How precise it is; `day` when absent.
    #[schema(schema_with = vocab::date_precision)]
    precision: Option<String>,
}

/// A corrected quantity.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuantityInput {
    /// The amount, not negative.
    value: f64,
    /// What is counted.
    unit: String,
    /// ISO 4217 currency, for money.
    currency: Option<String>,
    /// How it is qualified; `exact` when absent.
    #[schema(schema_with = vocab::qualifier)]
    qualifier: Option<String>,
}

/// The body of `PATCH /v1/events/{id}`: only the fields given change; `null` clears one.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(min_properties = 1)]
pub struct PatchBody {
    /// The event's kind.
    #[schema(schema_with = vocab::kind)]
    kind: Option<String>,
    /// Its modality.
    #[schema(schema_with = vocab::modality)]
    modality: Option<String>,
    /// Who; `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<ActorInput>)]
    actor: Option<Option<ActorInput>>,
    /// To whom; `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<ActorInput>)]
    target: Option<Option<ActorInput>>,
    /// Where; `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<PlaceInput>)]
    location: Option<Option<PlaceInput>>,
    /// When; `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<WhenInput>)]
    when: Option<Option<WhenInput>>,
    /// How many; `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<QuantityInput>)]
    quantity: Option<Option<QuantityInput>>,
}

fn resolve_actor(field: &str, input: ActorInput, errors: &mut Vec<FieldError>) -> Option<Actor> {
    let (code, sector, name) = match input {
        ActorInput::Code(code) => (code, None, None),
        ActorInput::Full { code, sector, name } => (code, sector, name),
    };
    let code = code.trim().to_ascii_uppercase();
    let Some(entry) = gazetteer().actor(&code) else {
        errors.push(FieldError { field: field.to_owned(), message: format!("unknown actor code '{code}'") });
        return None;
    };
    let sector = match sector.map(|s| s.parse::<Sector>()) {
        None => None,
        Some(Ok(sector)) => Some(sector),
        Some(Err(err)) => {
            errors.push(FieldError { field: format!("{field}.sector"), message: err.to_string() });
            return None;
        }
    };
    Some(Actor {
        name: name.unwrap_or_else(|| entry.name.clone()),
        code,
        country: entry.country.clone(),
        sector,
        // A correction names a code; the person of the original phrase no longer applies.
        person: None,
    })
}

fn resolve_place(input: PlaceInput, errors: &mut Vec<FieldError>) -> Option<Place> {
    let found = gazetteer().find(&input.name).into_iter().find_map(|m| m.place);
    let precision = match input.precision.as_deref().map(str::parse::<PlacePrecision>) {
        Some(Ok(precision)) => precision,
        Some(Err(err)) => {
            errors.push(FieldError { field: "location.precision".to_owned(), message: err.to_string() });
            return None;
        }
        None => found.map_or(PlacePrecision::City, |p| p.precision),
    };
    let country = input.country.map(|c| c.to_ascii_uppercase()).or_else(|| found.map(|p| p.country.clone()));
    if country.is_none() {
        errors.push(FieldError {
            field: "location.country".to_owned(),
            message: format!("'{}' is not in the gazetteer; give its country (ISO3)", input.name),
        });
        return None;
    }
    Some(Place {
        name: input.name,
        country,
        lat: input.lat.or(found.map(|p| p.lat)),
        lon: input.lon.or(found.map(|p| p.lon)),
        precision,
    })
}

fn resolve_when(input: WhenInput, errors: &mut Vec<FieldError>) -> Option<When> {
    let end = input.end.unwrap_or(input.start);
    if end < input.start {
        errors.push(FieldError { field: "when.end".to_owned(), message: "is before when.start".to_owned() });
        return None;
    }
    let precision = match input.precision.as_deref().map(str::parse::<DatePrecision>) {
        None => DatePrecision::Day,
        Some(Ok(precision)) => precision,
        Some(Err(err)) => {
            errors.push(FieldError { field: "when.precision".to_owned(), message: err.to_string() });
            return None;
        }
    };
    Some(When { start: input.start, end, precision, text: None })
}

fn resolve_quantity(input: QuantityInput, errors: &mut Vec<FieldError>) -> Option<Quantity> {
    if !input.value.is_finite() || input.value < 0.0 {
        errors.push(FieldError {
            field: "quantity.value".to_owned(),
            message: "a non-negative number".to_owned(),
        });
        return None;
    }
    let qualifier = match input.qualifier.as_deref().map(str::parse::<QuantityQualifier>) {
        None => QuantityQualifier::Exact,
        Some(Ok(qualifier)) => qualifier,
        Some(Err(err)) => {
            errors.push(FieldError { field: "quantity.qualifier".to_owned(), message: err.to_string() });
            return None;
        }
    };
    Some(Quantity {
        value: input.value,
        unit: input.unit,
        currency: input.currency,
        qualifier,
        text: "corrected by an analyst".to_owned(),
    })
}

/// Validates a patch into corrections, naming every bad field.
fn corrections_from(body: PatchBody) -> Result<Corrections, ApiError> {
    let mut errors = Vec::new();
    let mut c = Corrections::default();
    if let Some(kind) = body.kind {
        match kind.parse::<Kind>() {
            Ok(kind) => c.kind = Some(kind),
            Err(err) => errors.push(FieldError { field: "kind".to_owned(), message: err.to_string() }),
        }
    }
    if let Some(modality) = body.modality {
        match modality.parse::<Modality>() {
            Ok(m) => c.modality = Some(m),
            Err(err) => errors.push(FieldError { field: "modality".to_owned(), message: err.to_string() }),
        }
    }
    if let Some(actor) = body.actor {
        c.actor = Some(Corrected { value: actor.and_then(|a| resolve_actor("actor", a, &mut errors)) });
    }
    if let Some(target) = body.target {
        c.target = Some(Corrected { value: target.and_then(|a| resolve_actor("target", a, &mut errors)) });
    }
    if let Some(location) = body.location {
        c.location = Some(Corrected { value: location.and_then(|p| resolve_place(p, &mut errors)) });
    }
    if let Some(when) = body.when {
        c.when = Some(Corrected { value: when.and_then(|w| resolve_when(w, &mut errors)) });
    }
    if let Some(quantity) = body.quantity {
        c.quantity = Some(Corrected { value: quantity.and_then(|q| resolve_quantity(q, &mut errors)) });
    }
    if !errors.is_empty() {
        let detail =
            errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; ");
        return Err(ApiError::Unprocessable { detail, errors });
    }
    if c.is_empty() {
        return Err(ApiError::invalid_field("body", "name at least one field to correct"));
    }
    Ok(c)
}

/// Correct an event's fields.
///
/// Only the fields given change, and `null` clears one. The extractor's values stay on
/// each source and in `original`; a corrected event is locked (never merged automatically).
/// Send the `ETag` of the version you edited in `If-Match` so that a colleague's edit in
/// between fails with 412 instead of being overwritten.
#[utoipa::path(
    patch,
    path = "/v1/events/{id}",
    tag = "corrections",
    params(
        params::EventIdParam,
        params::IfMatch,
        params::Analyst,
    ),
    request_body(content((PatchBody = "application/json"), (PatchBody = "application/merge-patch+json"))),
    responses(
        (status = 200, description = "The corrected event", body = EventDetailDto,
            headers(("ETag" = String, description = "The event's new version"))),
        BadEdit,
        StaleVersion,
    )
)]
pub async fn correct_event(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let by = editor(&caller, &headers)?;
    let event_id = event_id_or_404(&id)?;
    let corrections = corrections_from(input::json_request::<PatchBody>(&state, &headers, body).await?)?;
    let expected = versioning::if_match(&headers);
    let event = state
        .store
        .correct_event(event_id, corrections, &by, expected)
        .await
        .map_err(|e| edit_error(e, &id))?;
    tracing::info!(event.id = %id, analyst = %by, "event corrected");
    Ok(tagged(&event))
}

/// An edited event with its new version's tag.
fn tagged(event: &Event) -> Response {
    let mut response = Json(EventDetailDto::from(event)).into_response();
    response.headers_mut().insert(header::ETAG, versioning::event_tag(event.seq));
    response
}

/// Retract an event.
///
/// It stays readable by id (with `retracted_at`) and in lists with `include_retracted`.
#[utoipa::path(
    delete,
    path = "/v1/events/{id}",
    tag = "corrections",
    params(
        params::EventIdParam,
        params::IfMatch,
        params::Analyst,
    ),
    responses(
        (status = 200, description = "The retracted event", body = EventDetailDto,
            headers(("ETag" = String, description = "The event's new version"))),
        BadEdit,
        StaleVersion,
    )
)]
pub async fn retract_event(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let by = editor(&caller, &headers)?;
    let event_id = event_id_or_404(&id)?;
    let expected = versioning::if_match(&headers);
    let event = state.store.retract_event(event_id, &by, expected).await.map_err(|e| edit_error(e, &id))?;
    tracing::info!(event.id = %id, analyst = %by, "event retracted");
    Ok(tagged(&event))
}

/// The body of a merge.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeBody {
    /// The event to fold into the one in the path (`evt_…`).
    event_id: String,
}

/// Merge another event into this one.
///
/// The other event's sources join this one, and the other answers with `merged_into`.
#[utoipa::path(
    post,
    path = "/v1/events/{id}/merge",
    tag = "corrections",
    params(
        params::EventIdParam,
        params::Analyst,
    ),
    request_body(content = MergeBody, content_type = "application/json"),
    responses((status = 200, description = "The merged event", body = EventDetailDto), BadEdit)
)]
pub async fn merge_events(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<EventDetailDto>, ApiError> {
    let by = editor(&caller, &headers)?;
    let into = event_id_or_404(&id)?;
    let MergeBody { event_id: other_text } = input::json_request(&state, &headers, body).await?;
    let other = ids::parse_event_id(&other_text)
        .ok_or_else(|| ApiError::invalid_field("event_id", format!("'{other_text}' is not an event id")))?;
    let event = state.store.merge_events(into, other, &by).await.map_err(|e| match e {
        EditError::NotFound(missing) if missing == other => {
            ApiError::invalid_field("event_id", format!("no event with id '{other_text}'"))
        }
        other => edit_error(other, &id),
    })?;
    tracing::info!(event.id = %id, absorbed = %other_text, analyst = %by, "events merged");
    Ok(Json(EventDetailDto::from(&event)))
}

/// The body of a split.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SplitBody {
    /// The sources (`src_…`) to move to a new event.
    #[schema(min_items = 1)]
    source_ids: Vec<String>,
}

/// The two events a split leaves.
#[derive(Debug, Serialize, ToSchema)]
pub struct SplitDto {
    /// The event the sources left.
    pub remaining: EventDetailDto,
    /// The new event made of the moved sources.
    pub split: EventDetailDto,
}

/// Split sources off an event into a new one.
#[utoipa::path(
    post,
    path = "/v1/events/{id}/split",
    tag = "corrections",
    params(
        params::EventIdParam,
        params::Analyst,
    ),
    request_body(content = SplitBody, content_type = "application/json"),
    responses(
        (status = 201, description = "The event left and the new one", body = SplitDto,
            headers(("Location" = String, description = "The new event's URL"))),
        BadEdit,
    )
)]
pub async fn split_event(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let by = editor(&caller, &headers)?;
    let event_id = event_id_or_404(&id)?;
    let SplitBody { source_ids } = input::json_request(&state, &headers, body).await?;
    let mut sources: Vec<SourceId> = Vec::with_capacity(source_ids.len());
    for text in &source_ids {
        let source = ids::parse_source_id(text)
            .ok_or_else(|| ApiError::invalid_field("source_ids", format!("'{text}' is not a source id")))?;
        sources.push(source);
    }
    let (remaining, split) =
        state.store.split_event(event_id, &sources, &by).await.map_err(|e| edit_error(e, &id))?;
    tracing::info!(event.id = %id, analyst = %by, moved = sources.len(), "event split");
    let location = format!("/v1/events/{}", ids::event_id(split.id));
    let body =
        Json(SplitDto { remaining: EventDetailDto::from(&remaining), split: EventDetailDto::from(&split) });
    Ok(crate::articles::created_at(StatusCode::CREATED, &location, body))
}

/// A page of an event's history, oldest change first.
#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryPageDto {
    /// The changes.
    pub changes: Vec<ChangeDto>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// One change of an event.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeDto {
    /// Change-feed position.
    pub seq: i64,
    /// What happened.
    pub op: String,
    /// Who: `ingest`, `automatic`, or the analyst.
    pub by: String,
    /// When (RFC 3339).
    pub at: String,
    /// Details.
    pub detail: Option<serde_json::Value>,
}

/// Every change of an event, oldest first, a page at a time.
#[utoipa::path(
    get,
    path = "/v1/events/{id}/history",
    tag = "corrections",
    params(
        params::EventIdParam,
        params::CursorParam,
        params::LimitParam,
    ),
    responses(
        (status = 200, description = "A page of changes", body = HistoryPageDto,
            headers(("Link" = String, description = "`<…>; rel=\"next\"`: the next page, when there is one"))),
        BadQuery,
        NoSuchResource,
    )
)]
pub async fn event_history(
    State(state): State<AppState>,
    Path(id): Path<String>,
    uri: Uri,
    QueryPairs(mut pairs): QueryPairs,
) -> Result<Response, ApiError> {
    let event_id = event_id_or_404(&id)?;
    let after = match params::take_one(&mut pairs, "cursor") {
        Some(text) => Some(
            text.strip_prefix('h')
                .and_then(|n| n.parse::<i64>().ok())
                .ok_or_else(|| ApiError::bad_field("cursor", "not a cursor returned by this endpoint"))?,
        ),
        None => None,
    };
    let limit = params::take_limit(&mut pairs)?;
    params::reject_unknown(&pairs, &["cursor", "limit"])?;
    if state.store.event(event_id).await?.is_none() {
        return Err(ApiError::NotFound(format!("no event with id '{id}'")));
    }
    let (changes, next) = state.store.event_history(event_id, after, limit).await?;
    let next_cursor = next.map(|seq| format!("h{seq}"));
    let changes = changes
        .into_iter()
        .map(|c| ChangeDto {
            seq: c.seq,
            op: c.op,
            by: c.by,
            at: at_string(c.at),
            detail: c.detail.map(wire_ids),
        })
        .collect();
    let body = Json(HistoryPageDto { changes, next_cursor: next_cursor.clone() });
    Ok(params::page(&uri, next_cursor.as_deref(), body))
}

/// Change details are stored with raw UUIDs; on the wire every id has its typed spelling.
pub(crate) fn wire_ids(mut detail: serde_json::Value) -> serde_json::Value {
    use geoevents_domain::{ArticleId, EventId, SourceId};
    fn respell(value: &mut serde_json::Value, spell: &dyn Fn(uuid::Uuid) -> String) {
        match value {
            serde_json::Value::String(text) => {
                if let Ok(id) = uuid::Uuid::parse_str(text) {
                    *text = spell(id);
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|item| respell(item, spell)),
            _ => {}
        }
    }
    if let Some(map) = detail.as_object_mut() {
        for (key, value) in map.iter_mut() {
            match key.as_str() {
                "article_id" => respell(value, &|id| ids::article_id(ArticleId(id))),
                "merged_into" | "absorbed" | "split_from" | "split_into" => {
                    respell(value, &|id| ids::event_id(EventId(id)))
                }
                "sources" => respell(value, &|id| ids::source_id(SourceId(id))),
                _ => {}
            }
        }
    }
    detail
}

pub(crate) fn at_string(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}
