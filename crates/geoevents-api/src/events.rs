//! `/v1/events`: filtered, keyset-paginated event lists, and single events with every source.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;

use crate::corrections;
use crate::dto::{EventDetailDto, EventDto};
use crate::error::ApiError;
use crate::params::{self, FILTER_PARAMS, Pairs};
use crate::{ApiQuery, AppState, ids, versioning};

/// Routes of this resource.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/events", get(list_events))
        .route(
            "/v1/events/{id}",
            get(get_event).patch(corrections::correct_event).delete(corrections::retract_event),
        )
        .route("/v1/events/{id}/merge", post(corrections::merge_events))
        .route("/v1/events/{id}/split", post(corrections::split_event))
        .route("/v1/events/{id}/history", get(corrections::event_history))
}

/// A page of events.
#[derive(Debug, Serialize)]
pub struct EventPageDto {
    /// Events, newest event date first.
    pub events: Vec<EventDto>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

async fn list_events(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    ApiQuery(pairs): ApiQuery<Pairs>,
) -> Result<Response, ApiError> {
    versioning::conditional(&state, &headers, &uri, render_events(&state, &uri, pairs)).await
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
    let mut known = FILTER_PARAMS.to_vec();
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

/// `GET /v1/events/{id}`, tagged with the event's version: `If-None-Match` with the tag a
/// client holds answers 304, and the tag is what `PATCH` and `DELETE` take in `If-Match`.
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
