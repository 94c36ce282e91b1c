//! `/v1/articles`: ingest one article (JSON, text or HTML) or a stream of them (NDJSON, one
//! result line per input line, written as each line is stored), and read articles back.

use std::convert::Infallible;

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use geoevents_domain::{ArticleBody, ArticleId, ArticleInput, BodyFormat};
use geoevents_store::{IngestOutcome, NewArticle};
use serde::Serialize;
use tokio::sync::mpsc;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::dto::{ArticleDto, ArticleRequest, WarningDto};
use crate::error::{ApiError, Problem};
use crate::extraction::{self, Extracted, extract_blocking};
use crate::input::{self, ArticleParams, BodyKind};
use crate::ndjson::{self, Line, LineSplitter};
use crate::schema::{BadQuery, BadSubmission, NoSuchResource, NotModified};
use crate::{ApiQuery, AppState, QueryPairs, ids, params, versioning};

/// Routes of this resource.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(create_articles, list_articles)).routes(routes!(get_article))
}

/// Ingest one article, or a batch as NDJSON.
///
/// One article is JSON, or plain text or a raw HTML page with its metadata in the query
/// string; the charset of `Content-Type` (or an HTML page's `<meta charset>`) says how its
/// bytes are encoded, UTF-8 otherwise. A batch is NDJSON, one JSON article per line: the
/// answer streams one result line per non-blank input line as each is stored, and a bad
/// line fails alone. An article already stored (same canonical URL, or the same text) is
/// not stored again.
#[utoipa::path(
    post,
    path = "/v1/articles",
    tag = "articles",
    params(ArticleParams),
    request_body(
        description = "The article: JSON, NDJSON (one JSON article per line), plain text or HTML",
        content(
            (ArticleRequest = "application/json"),
            (String = "application/x-ndjson", example = json!("{\"text\": \"…\", \"published_at\": \"2024-10-23\"}\n{\"html\": \"<html>…</html>\"}\n")),
            (String = "text/plain"),
            (String = "text/html"),
        )
    ),
    responses(
        (status = 201, description = "Stored: the article and the events found in it", body = ArticleDto,
            headers(("Location" = String, description = "The stored article's URL (`/v1/articles/{id}`)"))),
        (status = 200, description = "JSON, text or HTML: the article had been stored before and nothing was written \
            (`duplicate: true`). NDJSON: one result line per article line, in input order",
            content((ArticleDto = "application/json"), (LineResult = "application/x-ndjson"))),
        BadSubmission,
    )
)]
async fn create_articles(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<ArticleParams>,
    body: Body,
) -> Result<Response, ApiError> {
    let (kind, charset) = input::body_kind(&headers, true)?;
    if kind == BodyKind::Ndjson {
        return Ok(ingest_ndjson(state, body));
    }
    // The slot comes first: a burst of large articles waits here with its bodies unread.
    let slot = extraction::slot(&state).await.inspect_err(count_failure)?;
    let request = input::read_body(body, state.config.max_body_bytes, state.config.body_read_timeout)
        .await
        .and_then(|bytes| match kind {
            BodyKind::Text | BodyKind::Html => {
                Ok(params.into_request(input::decode_text(&bytes, charset.as_deref(), kind)?, kind))
            }
            BodyKind::Json | BodyKind::Ndjson => input::parse_json_article(&bytes),
        })
        .inspect_err(count_failure)?;
    let (status, article) = ingest_one(&state, request, slot).await?;
    Ok(created_at(status, &format!("/v1/articles/{}", article.id), Json(article)))
}

/// A response that, when it is `201 Created`, names the new resource in `Location`.
pub fn created_at(status: StatusCode, location: &str, body: impl IntoResponse) -> Response {
    let mut response = (status, body).into_response();
    if status == StatusCode::CREATED
        && let Ok(value) = axum::http::HeaderValue::from_str(location)
    {
        response.headers_mut().insert(axum::http::header::LOCATION, value);
    }
    response
}

/// Extracts and stores one article; 201 when new, 200 with `duplicate: true` when stored
/// before.
async fn ingest_one(
    state: &AppState,
    request: ArticleRequest,
    slot: extraction::Slot,
) -> Result<(StatusCode, ArticleDto), ApiError> {
    let input = input::validate(request).inspect_err(count_failure)?;
    ingest_input(state, input, Some(slot)).await
}

/// Counts an article that was not stored: the client's fault (4xx) or ours.
fn count_failure(err: &ApiError) {
    crate::telemetry::article(if err.status().is_client_error() { "rejected" } else { "failed" });
}

/// Extracts and stores one validated article, and counts the outcome.
async fn ingest_input(
    state: &AppState,
    input: ArticleInput,
    slot: Option<extraction::Slot>,
) -> Result<(StatusCode, ArticleDto), ApiError> {
    ingest_validated(state, input, slot).await.inspect_err(count_failure)
}

async fn ingest_validated(
    state: &AppState,
    input: ArticleInput,
    slot: Option<extraction::Slot>,
) -> Result<(StatusCode, ArticleDto), ApiError> {
    input::check_article_length(&input, state.config.max_article_chars)?;
    let format = match input.body {
        ArticleBody::Text(_) => BodyFormat::Text,
        ArticleBody::Html(_) => BodyFormat::Html,
    };
    let slot = match slot {
        Some(slot) => slot,
        None => extraction::slot(state).await?,
    };
    let Extracted { input, extraction, failed } = extract_blocking(state, input, &slot).await?;
    drop(slot);
    if extraction.article.text.trim().is_empty() {
        let field = if format == BodyFormat::Html { "html" } else { "text" };
        return Err(ApiError::invalid_field(field, "no article text was found in the submission"));
    }
    let outcome = state
        .store
        .ingest(NewArticle {
            url: input.url.as_deref(),
            source: input.source.as_deref(),
            format,
            extraction: &extraction,
            extractor_version: geoevents_extract::EXTRACTOR_VERSION,
        })
        .await?;
    let (id, duplicate) = match outcome {
        IngestOutcome::Created { article, events } => {
            tracing::info!(article.id = %ids::article_id(article), events = events.len(), "article stored");
            (article, false)
        }
        IngestOutcome::Duplicate { article } => (article, true),
    };
    let article = state
        .store
        .article(id)
        .await?
        .ok_or_else(|| ApiError::Internal("a stored article vanished".into()))?;
    let events = state.store.article_events(id).await?;
    if duplicate {
        crate::telemetry::article("duplicate");
    } else {
        crate::telemetry::article("stored");
        for event in &events {
            crate::telemetry::event_extracted(event.fields.kind.as_str());
            // A new article's report that found an event already reported elsewhere.
            if event.source_count > 1 {
                crate::telemetry::merged();
            }
        }
    }
    let status = if duplicate { StatusCode::OK } else { StatusCode::CREATED };
    let mut dto = ArticleDto::new(&article, &events, Some(duplicate));
    if failed && !duplicate {
        dto.warnings.push(WarningDto::extraction_failed());
    }
    Ok((status, dto))
}

/// One line of an NDJSON ingest response: what became of one input line.
#[derive(Debug, Serialize, ToSchema)]
pub struct LineResult {
    /// The input line's number, from 1.
    line: u64,
    /// The status a single-article request would have had: 201 stored, 200 duplicate, 4xx
    /// refused (see `error`), 5xx failed.
    status: u16,
    /// The stored article, when the line was stored or was a duplicate.
    article_id: Option<String>,
    /// Whether the article had been stored before.
    duplicate: Option<bool>,
    /// The article's events.
    event_ids: Vec<String>,
    /// Why the line was refused.
    #[schema(nullable)]
    error: Option<Problem>,
    /// What went wrong without failing the line.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<WarningDto>,
}

impl LineResult {
    fn failed(line: u64, err: &ApiError) -> Self {
        let mut problem = err.to_problem();
        problem.detail = format!("line {line}: {}", problem.detail);
        Self {
            line,
            status: problem.status,
            article_id: None,
            duplicate: None,
            event_ids: Vec::new(),
            error: Some(problem),
            warnings: Vec::new(),
        }
    }

    fn to_bytes(&self) -> Bytes {
        let mut line = serde_json::to_vec(self).unwrap_or_else(|_| b"{}".to_vec());
        line.push(b'\n');
        Bytes::from(line)
    }
}

/// Streams the request body line by line; every non-blank line is ingested on its own (a bad
/// line fails alone) and its result written as soon as it is known. A line longer than the
/// body limit gets a 413 result and is skipped.
fn ingest_ndjson(state: AppState, body: Body) -> Response {
    let (tx, rx) = mpsc::channel::<Bytes>(16);
    let limit = state.config.max_body_bytes;
    // The task logs under the request's span, so its lines carry the request id too.
    let span = tracing::Span::current();
    tokio::spawn(tracing::Instrument::instrument(ingest_lines(state, body, limit, tx), span));
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|bytes| (Ok::<_, Infallible>(bytes), rx))
    });
    let mut response = Response::new(Body::from_stream(stream));
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/x-ndjson"));
    response
}

/// Reads an NDJSON body and sends one result line per article line.
async fn ingest_lines(state: AppState, body: Body, limit: usize, tx: mpsc::Sender<Bytes>) {
    let max_lines = state.config.max_ndjson_lines;
    let mut chunks = body.into_data_stream();
    let mut splitter = LineSplitter::new(limit);
    let mut lines = Vec::new();
    let mut read = 0u64;
    loop {
        // A batch may stream for as long as it has lines; a pause this long is a stall.
        let next = match tokio::time::timeout(state.config.body_read_timeout, chunks.next()).await {
            Ok(next) => next,
            Err(_) => {
                let err = ApiError::RequestTimeout(format!(
                    "no more of the body arrived within {} s; the lines after this one were not read",
                    state.config.body_read_timeout.as_secs()
                ));
                let _ = tx.send(LineResult::failed(read + 1, &err).to_bytes()).await;
                return;
            }
        };
        let chunk = match next {
            Some(Ok(chunk)) => chunk,
            Some(Err(_)) => {
                let err = ApiError::bad_field("body", "the request body could not be read to the end");
                let _ = tx.send(LineResult::failed(read + 1, &err).to_bytes()).await;
                return;
            }
            None => break,
        };
        splitter.push(&chunk, &mut lines);
        for line in lines.drain(..) {
            read = line_number(&line);
            if read > max_lines {
                let _ = tx.send(LineResult::failed(read, &too_many_lines(max_lines)).to_bytes()).await;
                return;
            }
            if let Some(result) = ingest_line(&state, line).await
                && tx.send(result.to_bytes()).await.is_err()
            {
                return; // the client went away
            }
        }
    }
    if let Some(line) = splitter.finish() {
        if line_number(&line) > max_lines {
            let _ =
                tx.send(LineResult::failed(line_number(&line), &too_many_lines(max_lines)).to_bytes()).await;
        } else if let Some(result) = ingest_line(&state, line).await {
            let _ = tx.send(result.to_bytes()).await;
        }
    }
}

/// The last result line of a batch longer than the service takes: that line and the rest
/// were not read.
fn too_many_lines(max: u64) -> ApiError {
    ApiError::PayloadTooLong(format!(
        "a batch holds at most {max} lines; this line and the ones after it were not read: send them in another request"
    ))
}

fn line_number(line: &Line) -> u64 {
    match line {
        Line::Complete { number, .. } | Line::TooLong { number } => *number,
    }
}

/// Ingests one NDJSON line; `None` for blank lines.
async fn ingest_line(state: &AppState, line: Line) -> Option<LineResult> {
    let (number, outcome) = match line {
        Line::TooLong { number } => {
            crate::telemetry::article("rejected");
            return Some(LineResult::failed(
                number,
                &ApiError::PayloadTooLarge { limit: state.config.max_body_bytes },
            ));
        }
        Line::Complete { number, bytes } => match ndjson::read_article_line(&bytes) {
            Ok(None) => return None,
            Ok(Some(input)) => (number, ingest_input(state, input, None).await),
            Err(err) => {
                count_failure(&err);
                (number, Err(err))
            }
        },
    };
    Some(match outcome {
        Ok((status, article)) => LineResult {
            line: number,
            status: status.as_u16(),
            article_id: Some(article.id),
            duplicate: article.duplicate,
            event_ids: article.events.into_iter().map(|e| e.id).collect(),
            error: None,
            warnings: article.warnings,
        },
        Err(err) => LineResult::failed(number, &err),
    })
}

/// One article, with its normalised text and its events.
#[utoipa::path(
    get,
    path = "/v1/articles/{id}",
    tag = "articles",
    params(params::ArticleIdParam),
    responses((status = 200, description = "The article", body = ArticleDto), NoSuchResource)
)]
async fn get_article(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ArticleDto>, ApiError> {
    let not_found = || ApiError::NotFound(format!("no article with id '{id}'"));
    let article_id: ArticleId = ids::parse_article_id(&id).ok_or_else(not_found)?;
    let article = state.store.article(article_id).await?.ok_or_else(not_found)?;
    let events = state.store.article_events(article_id).await?;
    Ok(Json(ArticleDto::new(&article, &events, None)))
}

/// One article in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleSummaryDto {
    /// `art_…`.
    id: String,
    /// URL as given.
    url: Option<String>,
    /// Outlet domain.
    source_domain: Option<String>,
    /// Title.
    title: Option<String>,
    /// Publication time.
    #[serde(serialize_with = "crate::dto::rfc3339_opt")]
    published_at: Option<chrono::DateTime<chrono::Utc>>,
    /// ISO 639-1 language.
    language: Option<String>,
    /// When it was stored.
    #[serde(serialize_with = "crate::dto::rfc3339")]
    ingested_at: chrono::DateTime<chrono::Utc>,
    /// How many events it reports.
    event_count: i64,
    /// The start of its text.
    snippet: String,
}

/// A page of articles.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticlePageDto {
    /// Articles, most recently stored first.
    articles: Vec<ArticleSummaryDto>,
    /// Pass as `cursor` for the next page; null on the last page.
    next_cursor: Option<String>,
}

/// Stored articles, most recently stored first.
#[utoipa::path(
    get,
    path = "/v1/articles",
    tag = "articles",
    params(
        ("q" = Option<String>, Query, description = "Full-text search over title and text, in web-search syntax (`\"a phrase\"`, `or`, `-word`)"),
        params::CursorParam,
        params::LimitParam,
        params::IfNoneMatch,
        params::IfModifiedSince,
    ),
    responses(
        (status = 200, description = "A page of articles", body = ArticlePageDto, headers(
            ("ETag" = String, description = "Version of this answer, for `If-None-Match`"),
            ("Last-Modified" = String, description = "When the list last changed, for `If-Modified-Since`"),
            ("Link" = String, description = "`<…>; rel=\"next\"`: the next page, when there is one"),
        )),
        NotModified,
        BadQuery,
    )
)]
async fn list_articles(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    QueryPairs(pairs): QueryPairs,
) -> Result<Response, ApiError> {
    let render = render_articles(&state, &uri, pairs);
    versioning::conditional(&state, &headers, &uri, "", versioning::Scope::Articles, render).await
}

async fn render_articles(
    state: &AppState,
    uri: &Uri,
    mut pairs: params::Pairs,
) -> Result<Response, ApiError> {
    let q = params::take_one(&mut pairs, "q").filter(|q| !q.trim().is_empty());
    let before = match params::take_one(&mut pairs, "cursor") {
        Some(text) => Some(
            ids::parse_article_id(&text)
                .ok_or_else(|| ApiError::bad_field("cursor", "not a cursor returned by this endpoint"))?,
        ),
        None => None,
    };
    let limit = params::take_limit(&mut pairs)?;
    params::reject_unknown(&pairs, &["q", "cursor", "limit"])?;
    let (articles, next) = state.store.list_articles(q.as_deref(), before, limit).await?;
    let next_cursor = next.map(ids::article_id);
    let body = Json(ArticlePageDto {
        articles: articles
            .into_iter()
            .map(|a| ArticleSummaryDto {
                id: ids::article_id(a.id),
                url: a.url,
                source_domain: a.source_domain,
                title: a.title,
                published_at: a.published_at,
                language: a.language,
                ingested_at: a.ingested_at,
                event_count: a.event_count,
                snippet: a.snippet,
            })
            .collect(),
        next_cursor: next_cursor.clone(),
    });
    Ok(params::page(uri, next_cursor.as_deref(), body))
}
