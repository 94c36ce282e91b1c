//! `/v1/changes`: every change of every event in commit order, for clients that keep a copy
//! in sync, as pages to poll or as a live Server-Sent Events stream.
//!
//! A client that starts at 0 and applies each change in order — drop the event when the
//! change is a tombstone, otherwise store `event` under `event_id` — holds exactly the live
//! events (those `/v1/events` lists by default). `event` is the event as it stands when the
//! change is read, not as the change left it: an event changed again later is sent whole
//! again with that later change, and one merged away or retracted since is a tombstone.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::Stream;
use geoevents_store::{FeedChange, Store};
use serde::Serialize;
use tokio::sync::watch;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::corrections::{at_string, wire_ids};
use crate::dto::EventDto;
use crate::error::ApiError;
use crate::params::{self, Pairs};
use crate::schema::{BadQuery, NotModified};
use crate::{AppState, QueryPairs, ids, versioning};

/// Routes of this resource.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_changes)).routes(routes!(stream_changes))
}

/// How many changes a stream reads per query while it catches up.
const STREAM_BATCH: u32 = 200;

/// One change of one event.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedChangeDto {
    /// Its position in the feed: pass the last one you applied as `after`.
    pub seq: i64,
    /// What happened: `created`, `source_added`, `corrected`, `merged` (this event went
    /// into `merged_into`), `absorbed` (this event took another in), `split`, `retracted`.
    pub op: String,
    /// The event changed (`evt_…`).
    pub event_id: String,
    /// Who: `ingest`, `automatic`, or the analyst.
    pub by: String,
    /// When (RFC 3339).
    pub at: String,
    /// Details of the change (`article_id`, `merged_into`, `absorbed`, `split_from`…).
    pub detail: Option<serde_json::Value>,
    /// The event is no longer live (merged into another, or retracted): remove it from a
    /// copy. A tombstone carries no `event`.
    pub tombstone: bool,
    /// For an event merged away: the event that holds its sources now.
    pub merged_into: Option<String>,
    /// The event as it stands now, when it is live.
    pub event: Option<EventDto>,
}

impl From<&FeedChange> for FeedChangeDto {
    fn from(c: &FeedChange) -> Self {
        let live = c.event.as_ref().filter(|e| e.merged_into.is_none() && e.retracted_at.is_none());
        Self {
            seq: c.change.seq,
            op: c.change.op.clone(),
            event_id: ids::event_id(c.event_id),
            by: c.change.by.clone(),
            at: at_string(c.change.at),
            detail: c.change.detail.clone().map(wire_ids),
            tombstone: live.is_none(),
            merged_into: c.event.as_ref().and_then(|e| e.merged_into).map(ids::event_id),
            event: live.map(EventDto::from),
        }
    }
}

/// A page of the change feed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangePageDto {
    /// Changes after `after`, oldest first.
    pub changes: Vec<FeedChangeDto>,
    /// Pass as `after` for the next page: the last change's `seq`, or `after` itself when
    /// nothing followed it.
    pub next: i64,
    /// More changes follow this page now.
    pub more: bool,
}

/// `after`: the feed position a read starts after.
struct AfterParam;

impl utoipa::IntoParams for AfterParam {
    fn into_params(
        _: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>,
    ) -> Vec<utoipa::openapi::path::Parameter> {
        let schema = || {
            use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaType, Type};
            Schema::Object(
                ObjectBuilder::new().schema_type(SchemaType::new(Type::Integer)).minimum(Some(0)).build(),
            )
        };
        let doc = params::ParamDoc {
            name: "after",
            about: "The `seq` of the last change already applied (0, the default for pages, reads from the start)",
            schema,
            example: "0",
        };
        vec![doc.parameter()]
    }
}

/// Reads `after`: a whole number from 0.
fn take_after(pairs: &mut Pairs) -> Result<Option<i64>, ApiError> {
    match params::take_one(pairs, "after") {
        None => Ok(None),
        Some(text) => match text.parse::<i64>() {
            Ok(n) if n >= 0 => Ok(Some(n)),
            _ => Err(ApiError::bad_field(
                "after",
                format!("'{text}' is not a change position (a whole number from 0)"),
            )),
        },
    }
}

/// Changes of every event after position `after`, oldest first, a page at a time.
///
/// Creates, new sources and corrections carry the event as it stands now; merges and
/// retractions are tombstones (a merge also names the surviving event, whose own change
/// follows). Changes are numbered as they commit, so a page never skips a change that
/// commits later with a smaller number: polling with `after` set to the last `next` misses
/// nothing. Tagged and conditional like `/v1/events`.
#[utoipa::path(
    get,
    path = "/v1/changes",
    tag = "changes",
    params(
        AfterParam,
        params::LimitParam,
        params::IfNoneMatch,
        params::IfModifiedSince,
    ),
    responses(
        (status = 200, description = "A page of changes", body = ChangePageDto, headers(
            ("ETag" = String, description = "Version of this answer, for `If-None-Match`"),
            ("Last-Modified" = String, description = "When the events last changed, for `If-Modified-Since`"),
        )),
        NotModified,
        BadQuery,
    )
)]
async fn list_changes(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    QueryPairs(pairs): QueryPairs,
) -> Result<Response, ApiError> {
    let render = render_changes(&state, pairs);
    versioning::conditional(&state, &headers, &uri, "", versioning::Scope::Events, render).await
}

async fn render_changes(state: &AppState, mut pairs: Pairs) -> Result<Response, ApiError> {
    let after = take_after(&mut pairs)?.unwrap_or(0);
    let limit = params::take_limit(&mut pairs)?;
    params::reject_unknown(&pairs, &["after", "limit"])?;
    let (changes, more) = state.store.changes(after, limit).await?;
    let next = changes.last().map_or(after, |c| c.change.seq);
    let changes = changes.iter().map(FeedChangeDto::from).collect();
    Ok(Json(ChangePageDto { changes, next, more }).into_response())
}

/// The change feed live, as Server-Sent Events.
///
/// Each change is an event named `change` whose `id` is its `seq` and whose data is the
/// change as `/v1/changes` gives it. The stream starts after `Last-Event-ID` (sent by a
/// client that reconnects), else after `after`, else at the present; it catches up first,
/// then sends each change as it commits, and a comment line (`:heartbeat`) when quiet so
/// proxies keep the connection. A client that reconnects with the last id it saw misses
/// nothing and sees nothing twice.
#[utoipa::path(
    get,
    path = "/v1/changes/stream",
    tag = "changes",
    params(
        AfterParam,
        ("Last-Event-ID" = Option<String>, Header, description = "The `id` of the last event received: the stream resumes after it"),
    ),
    responses(
        (status = 200, description = "A stream of `change` events", content((String = "text/event-stream"))),
        BadQuery,
    )
)]
async fn stream_changes(
    State(state): State<AppState>,
    headers: HeaderMap,
    QueryPairs(mut pairs): QueryPairs,
) -> Result<Response, ApiError> {
    let after = take_after(&mut pairs)?;
    params::reject_unknown(&pairs, &["after"])?;
    let resume = match headers.get("last-event-id") {
        None => None,
        Some(value) => Some(
            value.to_str().ok().and_then(|v| v.trim().parse::<i64>().ok()).filter(|n| *n >= 0).ok_or_else(
                || {
                    ApiError::bad_field(
                        "Last-Event-ID",
                        "not the id of an event this stream sent (a whole number from 0)",
                    )
                },
            )?,
        ),
    };
    // Subscribed before the first read, so nothing that commits after it goes unheard.
    let news = state.live.subscribe(&state.store);
    let start = match resume.or(after) {
        Some(seq) => seq,
        None => state.store.versions().await?.events.seq,
    };
    let follower = Follower {
        store: state.store.clone(),
        news,
        closing: state.live.closing(),
        after: start,
        read_once: false,
        ready: VecDeque::from([SseEvent::default().comment(format!("changes after {start}"))]),
    };
    let keep_alive = KeepAlive::new().interval(state.config.heartbeat).text("heartbeat");
    Ok(Sse::new(follow(follower)).keep_alive(keep_alive).into_response())
}

/// A stream's place in the feed.
struct Follower {
    store: Store,
    /// The latest committed position, as the listener last heard it.
    news: watch::Receiver<i64>,
    closing: watch::Receiver<bool>,
    /// The last change sent.
    after: i64,
    /// Whether the feed has been read since the stream started.
    read_once: bool,
    /// Events read and not yet sent.
    ready: VecDeque<SseEvent>,
}

/// The stream of a follower: catch up, then wait for news, until the server shuts down.
fn follow(follower: Follower) -> impl Stream<Item = Result<SseEvent, Infallible>> {
    futures_util::stream::unfold(follower, |mut f| async move {
        loop {
            if let Some(event) = f.ready.pop_front() {
                return Some((Ok(event), f));
            }
            if *f.closing.borrow() {
                return None;
            }
            // Marked seen before reading, so news that arrives during the read is not lost.
            let latest = *f.news.borrow_and_update();
            if latest > f.after || !f.read_once {
                match f.store.changes(f.after, STREAM_BATCH).await {
                    Ok((changes, _)) => {
                        f.read_once = true;
                        for change in &changes {
                            f.after = change.change.seq;
                            f.ready.push_back(sse_event(change));
                        }
                        // A full batch may have more behind it: read again before waiting.
                        if !changes.is_empty() {
                            continue;
                        }
                    }
                    Err(err) => {
                        tracing::warn!(error = %err, "reading the change feed for a stream failed; retrying");
                        tokio::select! {
                            () = tokio::time::sleep(Duration::from_secs(1)) => {}
                            _ = f.closing.changed() => {}
                        }
                        continue;
                    }
                }
            }
            tokio::select! {
                heard = f.news.changed() => if heard.is_err() { return None },
                _ = f.closing.changed() => {}
            }
        }
    })
}

/// One change as an SSE event.
fn sse_event(change: &FeedChange) -> SseEvent {
    let event = SseEvent::default().id(change.change.seq.to_string()).event("change");
    match serde_json::to_string(&FeedChangeDto::from(change)) {
        Ok(json) => event.data(json),
        Err(_) => event.comment("this change could not be rendered"),
    }
}
