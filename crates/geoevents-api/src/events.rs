//! `/v1/events`: filtered, keyset-paginated event lists, and single events with every source.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use futures_util::future::Either;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::corrections;
use crate::dto::{EventDetailDto, EventDto};
use crate::error::ApiError;
use crate::params::{self, Pairs};
use crate::schema::{BadQuery, NoSuchResource, NotModified};
use crate::versioning::Scope;
use crate::{AppState, QueryPairs, exports, ids, versioning};

/// Routes of this resource.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_events))
        .routes(routes!(get_event, corrections::correct_event, corrections::retract_event))
        .routes(routes!(corrections::merge_events))
        .routes(routes!(corrections::split_event))
        .routes(routes!(corrections::event_history))
}

/// A page of events.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventPageDto {
    /// Events, newest event date first.
    pub events: Vec<EventDto>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// Events matching a filter, newest event date first, a page at a time; or all of them as
/// an export.
///
/// The answer carries an `ETag` built from the latest change and the query, and the time of
/// that change as `Last-Modified`: a poller that sends either back (`If-None-Match`,
/// `If-Modified-Since`) gets `304 Not Modified` until something changes.
///
/// Exports (`format=csv|ndjson|geojson`, or `Accept: text/csv`, `application/x-ndjson`,
/// `application/geo+json`) take the same filters and hold every matching event, streamed:
/// no pages, no row cap. CSV has one row per event with flat columns (the README lists
/// them); NDJSON the JSON event of the pages, one a line; GeoJSON a FeatureCollection whose
/// Features have the event's place as a Point (`null` without coordinates) and the event
/// as properties.
#[utoipa::path(
    get,
    path = "/v1/events",
    tag = "events",
    params(
        params::FilterParams,
        params::CursorParam,
        params::LimitParam,
        params::FormatParam,
        params::IfNoneMatch,
        params::IfModifiedSince,
    ),
    responses(
        (status = 200, description = "A page of events, or an export of all of them", headers(
            ("ETag" = String, description = "Version of this answer, for `If-None-Match`"),
            ("Last-Modified" = String, description = "When the events last changed, for `If-Modified-Since`"),
            ("Link" = String, description = "`<…>; rel=\"next\"`: the next page, when there is one"),
        ), content(
            (EventPageDto = "application/json"),
            (EventDto = "application/x-ndjson"),
            (String = "text/csv"),
            (String = "application/geo+json"),
        )),
        NotModified,
        BadQuery,
    )
)]
async fn list_events(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    QueryPairs(mut pairs): QueryPairs,
) -> Result<Response, ApiError> {
    let format = exports::requested(&mut pairs, &headers)?;
    let variant = format.map_or("", exports::Format::name);
    let render = match format {
        Some(format) => Either::Left(export_events(&state, format, pairs)),
        None => Either::Right(render_events(&state, &uri, pairs)),
    };
    let mut response =
        versioning::conditional(&state, &headers, &uri, variant, Scope::Events, render).await?;
    // One URI, several representations chosen by `Accept`: caches must key on it.
    response.headers_mut().insert(header::VARY, header::HeaderValue::from_static("accept"));
    Ok(response)
}

/// Every event the filter matches, streamed in an export format: no pages, no row cap.
async fn export_events(
    state: &AppState,
    format: exports::Format,
    mut pairs: Pairs,
) -> Result<Response, ApiError> {
    let filter = params::take_filter(&mut pairs)?;
    for paging in ["cursor", "limit"] {
        if pairs.iter().any(|(name, _)| name == paging) {
            return Err(ApiError::bad_field(paging, "an export has no pages: it holds every matching event"));
        }
    }
    params::reject_unknown(&pairs, &params::filter_names())?;
    Ok(exports::respond(state.store.clone(), filter, format))
}

async fn render_events(state: &AppState, uri: &Uri, mut pairs: Pairs) -> Result<Response, ApiError> {
    let filter = params::take_filter(&mut pairs)?;
    let cursor = match params::take_one(&mut pairs, "cursor") {
        Some(text) => Some(
            ids::decode_cursor(&text)
                .ok_or_else(|| ApiError::bad_field("cursor", "not a cursor returned by this endpoint"))?,
        ),
        None => None,
    };
    let limit = params::take_limit(&mut pairs)?;
    let mut known = params::filter_names();
    known.extend(["cursor", "limit"]);
    params::reject_unknown(&pairs, &known)?;
    let page = state.store.list_events(&filter, cursor, limit).await?;
    let next_cursor = page.next_cursor.map(ids::encode_cursor);
    let body = Json(EventPageDto {
        events: page.events.iter().map(EventDto::from).collect(),
        next_cursor: next_cursor.clone(),
    });
    Ok(params::page(uri, next_cursor.as_deref(), body))
}

/// One event with every source that reports it.
///
/// The `ETag` is the event's version: `If-None-Match` with it answers 304 while the event is
/// unchanged, and `PATCH` and `DELETE` take it in `If-Match`. An event merged into another
/// still answers, with `merged_into` naming the event to read instead.
#[utoipa::path(
    get,
    path = "/v1/events/{id}",
    tag = "events",
    params(
        params::EventIdParam,
        params::IfNoneMatch,
    ),
    responses(
        (status = 200, description = "The event and its sources", body = EventDetailDto,
            headers(("ETag" = String, description = "The event's version, for `If-Match` and `If-None-Match`"))),
        NotModified,
        NoSuchResource,
    )
)]
async fn get_event(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let not_found = || ApiError::NotFound(format!("no event with id '{id}'"));
    let event_id = ids::parse_event_id(&id).ok_or_else(not_found)?;
    let event = state.store.event(event_id).await?.ok_or_else(not_found)?;
    let tag = versioning::event_tag(event.seq);
    let mut response = if versioning::not_modified(&headers, &tag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Json(EventDetailDto::from(&event)).into_response()
    };
    response.headers_mut().insert(header::ETAG, tag);
    Ok(response)
}
