//! `POST /v1/extract`: the events an article would yield, with the normalised text their
//! offsets point into. Nothing is stored.

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::HeaderMap;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::dto::{ArticleRequest, ExtractionDto};
use crate::error::ApiError;
use crate::extraction::{self, extract_blocking};
use crate::input::{self, ArticleParams, BodyKind};
use crate::schema::BadSubmission;
use crate::{ApiQuery, AppState};

/// Routes of this resource.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(extract))
}

/// The events an article would yield, without storing anything.
///
/// The body is read as `POST /v1/articles` reads one article. Evidence offsets index into
/// the returned normalised `text`.
#[utoipa::path(
    post,
    path = "/v1/extract",
    tag = "articles",
    params(ArticleParams),
    request_body(
        description = "The article: JSON, plain text or HTML",
        content((ArticleRequest = "application/json"), (String = "text/plain"), (String = "text/html"))
    ),
    responses((status = 200, description = "What extraction found", body = ExtractionDto), BadSubmission)
)]
async fn extract(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<ArticleParams>,
    body: Body,
) -> Result<Json<ExtractionDto>, ApiError> {
    let (kind, charset) = input::body_kind(&headers, false)?;
    let slot = extraction::slot(&state).await?;
    let bytes = input::read_body(body, state.config.max_body_bytes, state.config.body_read_timeout).await?;
    let request = match kind {
        BodyKind::Json | BodyKind::Ndjson => input::parse_json_article(&bytes)?,
        BodyKind::Text | BodyKind::Html => {
            params.into_request(input::decode_text(&bytes, charset.as_deref(), kind)?, kind)
        }
    };
    let id = request.id.clone();
    let extracted = {
        let input = input::validate(request)?;
        input::check_article_length(&input, state.config.max_article_chars)?;
        extract_blocking(&state, input, &slot).await?
    };
    Ok(Json(ExtractionDto::new(&extracted.extraction, id)))
}
