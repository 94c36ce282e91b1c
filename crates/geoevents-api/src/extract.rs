//! `POST /v1/extract`: the events an article would yield, with the normalised text their
//! offsets point into. Nothing is stored.

use axum::body::Body;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};

use crate::dto::ExtractionDto;
use crate::error::ApiError;
use crate::extraction::extract_blocking;
use crate::input::{self, ArticleParams, BodyKind};
use crate::{ApiQuery, AppState};

/// Routes of this resource.
pub fn router() -> Router<AppState> {
    Router::new().route("/v1/extract", post(extract))
}

async fn extract(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<ArticleParams>,
    body: Body,
) -> Result<Json<ExtractionDto>, ApiError> {
    let (kind, charset) = input::body_kind(&headers, false)?;
    let bytes = input::read_body(body, state.config.max_body_bytes).await?;
    let request = match kind {
        BodyKind::Json | BodyKind::Ndjson => input::parse_json_article(&bytes)?,
        BodyKind::Text | BodyKind::Html => {
            params.into_request(input::decode_text(&bytes, charset.as_deref(), kind)?, kind)
        }
    };
    let id = request.id.clone();
    let extracted = extract_blocking(&state, input::validate(request)?).await?;
    Ok(Json(ExtractionDto::new(&extracted.extraction, id)))
}
