//! `/v1/timeline`: event counts per day, week or month, split by kind, for any event filter.
//! Merged events count once, on their event date.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use chrono::NaiveDate;
use geoevents_store::TimelineGranularity;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::schema::Schema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::params::{self, Pairs};
use crate::schema::{BadQuery, NotModified};
use crate::{AppState, QueryPairs, versioning};

/// Routes of this resource.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(timeline))
}

/// The bucket sizes, smallest first; the first is the default.
pub const BUCKETS: &[&str] = &["day", "week", "month"];

/// One bucket.
#[derive(Debug, Serialize, ToSchema)]
pub struct BucketDto {
    /// First day of the bucket.
    pub start: NaiveDate,
    /// Events in it.
    pub total: i64,
    /// Events per kind.
    #[schema(schema_with = crate::schema::vocab::counts_by_kind)]
    pub by_kind: BTreeMap<&'static str, i64>,
}

/// A timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineDto {
    /// The bucket size.
    #[schema(schema_with = bucket)]
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

/// The schema of a bucket size.
pub fn bucket() -> Schema {
    crate::schema::one_of(BUCKETS.iter().copied(), false, "Bucket size")
}
/// The timeline's `bucket` parameter, with its default.
pub fn bucket_param() -> Schema {
    match bucket() {
        Schema::Object(mut object) => {
            object.default = BUCKETS.first().map(|b| serde_json::Value::from(*b));
            Schema::Object(object)
        }
        other => other,
    }
}

/// `bucket`, for `params(...)`.
struct BucketParam;

impl utoipa::IntoParams for BucketParam {
    fn into_params(
        _: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>,
    ) -> Vec<utoipa::openapi::path::Parameter> {
        let doc =
            params::ParamDoc { name: "bucket", about: "Bucket size", schema: bucket_param, example: "week" };
        vec![doc.parameter()]
    }
}

/// How many events match a filter per day, week or month, by kind; merged events count once.
///
/// Tagged and conditional like `/v1/events`.
#[utoipa::path(
    get,
    path = "/v1/timeline",
    tag = "timeline",
    params(
        params::FilterParams,
        BucketParam,
        params::IfNoneMatch,
        params::IfModifiedSince,
    ),
    responses(
        (status = 200, description = "The timeline", body = TimelineDto, headers(
            ("ETag" = String, description = "Version of this answer, for `If-None-Match`"),
            ("Last-Modified" = String, description = "When the events last changed, for `If-Modified-Since`"),
        )),
        NotModified,
        BadQuery,
    )
)]
async fn timeline(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    QueryPairs(pairs): QueryPairs,
) -> Result<Response, ApiError> {
    versioning::conditional(
        &state,
        &headers,
        &uri,
        "",
        versioning::Scope::Events,
        render_timeline(&state, pairs),
    )
    .await
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
    let mut known = params::filter_names();
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
