//! `/v1/timeline`: event counts per day, week or month, split by kind, for any event filter.
//! Merged events count once, on their event date.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use chrono::NaiveDate;
use geoevents_store::TimelineGranularity;
use serde::Serialize;

use crate::error::ApiError;
use crate::params::{self, FILTER_PARAMS, Pairs};
use crate::{ApiQuery, AppState, versioning};

/// Routes of this resource.
pub fn router() -> Router<AppState> {
    Router::new().route("/v1/timeline", get(timeline))
}

/// One bucket.
#[derive(Debug, Serialize)]
pub struct BucketDto {
    /// First day of the bucket.
    pub start: NaiveDate,
    /// Events in it.
    pub total: i64,
    /// Events per kind.
    pub by_kind: BTreeMap<&'static str, i64>,
}

/// A timeline.
#[derive(Debug, Serialize)]
pub struct TimelineDto {
    /// `day`, `week` or `month`.
    pub bucket: &'static str,
    /// The `from` filter, if any.
    pub from: Option<NaiveDate>,
    /// The `to` filter, if any.
    pub to: Option<NaiveDate>,
    /// Events over all buckets.
    pub total: i64,
    /// Buckets in date order.
    pub buckets: Vec<BucketDto>,
}

async fn timeline(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    ApiQuery(pairs): ApiQuery<Pairs>,
) -> Result<Response, ApiError> {
    versioning::conditional(&state, &headers, &uri, render_timeline(&state, pairs)).await
}

async fn render_timeline(state: &AppState, mut pairs: Pairs) -> Result<Json<TimelineDto>, ApiError> {
    let filter = params::take_filter(&mut pairs)?;
    let (granularity, name) = match params::take_one(&mut pairs, "bucket").as_deref() {
        None | Some("day") => (TimelineGranularity::Day, "day"),
        Some("week") => (TimelineGranularity::Week, "week"),
        Some("month") => (TimelineGranularity::Month, "month"),
        Some(other) => {
            return Err(ApiError::bad_field("bucket", format!("'{other}' is not day, week or month")));
        }
    };
    let mut known = FILTER_PARAMS.to_vec();
    known.push("bucket");
    params::reject_unknown(&pairs, &known)?;
    let buckets = state.store.timeline(&filter, granularity).await?;
    Ok(Json(TimelineDto {
        bucket: name,
        from: filter.from,
        to: filter.to,
        total: buckets.iter().map(|b| b.total).sum(),
        buckets: buckets
            .into_iter()
            .map(|b| BucketDto {
                start: b.start,
                total: b.total,
                by_kind: b.by_kind.into_iter().map(|(k, n)| (k.as_str(), n)).collect(),
            })
            .collect(),
    }))
}
