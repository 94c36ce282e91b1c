//! `/v1/articles`: ingest one article (JSON, text or HTML) or a stream of them (NDJSON, one
//! result line per input line, written as each line is stored), and read articles back.

use std::convert::Infallible;

use axum::Json;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::StreamExt;
use geoevents_domain::{ArticleBody, ArticleId, ArticleInput, BodyFormat};
use geoevents_store::{IngestOutcome, NewArticle};
use serde::Serialize;
use tokio::sync::mpsc;

use crate::dto::{ArticleDto, ArticleRequest, WarningDto};
use crate::error::{ApiError, Problem};
use crate::extraction::{Extracted, extract_blocking};
use crate::input::{self, ArticleParams, BodyKind};
use crate::ndjson::{self, Line, LineSplitter};
use crate::{ApiQuery, AppState, ids, params};

/// Routes of this resource.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/articles", post(create_articles).get(list_articles))
        .route("/v1/articles/{id}", get(get_article))
}

async fn create_articles(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<ArticleParams>,
    body: Body,
) -> Result<Response, ApiError> {
    let (kind, charset) = input::body_kind(&headers, true)?;
    let limit = state.config.max_body_bytes;
    let request = match kind {
        BodyKind::Ndjson => return Ok(ingest_ndjson(state, body)),
        BodyKind::Json => {
            input::read_body(body, limit).await.and_then(|bytes| input::parse_json_article(&bytes))
        }
        BodyKind::Text | BodyKind::Html => input::read_body(body, limit).await.and_then(|bytes| {
            Ok(params.into_request(input::decode_text(&bytes, charset.as_deref(), kind)?, kind))
        }),
    }
    .inspect_err(count_failure)?;
    let (status, article) = ingest_one(&state, request).await?;
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
async fn ingest_one(state: &AppState, request: ArticleRequest) -> Result<(StatusCode, ArticleDto), ApiError> {
    let input = input::validate(request).inspect_err(count_failure)?;
    ingest_input(state, input).await
}

/// Counts an article that was not stored: the client's fault (4xx) or ours.
fn count_failure(err: &ApiError) {
    crate::telemetry::article(if err.status().is_client_error() { "rejected" } else { "failed" });
}

/// Extracts and stores one validated article, and counts the outcome.
async fn ingest_input(state: &AppState, input: ArticleInput) -> Result<(StatusCode, ArticleDto), ApiError> {
    ingest_validated(state, input).await.inspect_err(count_failure)
}

async fn ingest_validated(
    state: &AppState,
    input: ArticleInput,
) -> Result<(StatusCode, ArticleDto), ApiError> {
    let format = match input.body {
        ArticleBody::Text(_) => BodyFormat::Text,
        ArticleBody::Html(_) => BodyFormat::Html,
    };
    let Extracted { input, extraction, failed } = extract_blocking(state, input).await?;
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

/// One line of an NDJSON ingest response.
#[derive(Debug, Serialize)]
struct LineResult {
    line: u64,
    status: u16,
    article_id: Option<String>,
    duplicate: Option<bool>,
    event_ids: Vec<String>,
    error: Option<Problem>,
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
    let mut chunks = body.into_data_stream();
    let mut splitter = LineSplitter::new(limit);
    let mut lines = Vec::new();
    let mut read = 0u64;
    loop {
        let chunk = match chunks.next().await {
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
            if let Some(result) = ingest_line(&state, line).await
                && tx.send(result.to_bytes()).await.is_err()
            {
                return; // the client went away
            }
        }
    }
    if let Some(line) = splitter.finish()
        && let Some(result) = ingest_line(&state, line).await
    {
        let _ = tx.send(result.to_bytes()).await;
    }
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
            Ok(Some(input)) => (number, ingest_input(state, input).await),
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
#[derive(Debug, Serialize)]
struct ArticleSummaryDto {
    id: String,
    url: Option<String>,
    source_domain: Option<String>,
    title: Option<String>,
    #[serde(serialize_with = "crate::dto::rfc3339_opt")]
    published_at: Option<chrono::DateTime<chrono::Utc>>,
    language: Option<String>,
    #[serde(serialize_with = "crate::dto::rfc3339")]
    ingested_at: chrono::DateTime<chrono::Utc>,
    event_count: i64,
    snippet: String,
}

/// A page of articles.
#[derive(Debug, Serialize)]
struct ArticlePageDto {
    articles: Vec<ArticleSummaryDto>,
    next_cursor: Option<String>,
}

/// `GET /v1/articles?q=&limit=&cursor=`: most recently ingested first.
async fn list_articles(
    State(state): State<AppState>,
    uri: Uri,
    ApiQuery(mut pairs): ApiQuery<params::Pairs>,
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
    Ok(params::page(&uri, next_cursor.as_deref(), body))
}
