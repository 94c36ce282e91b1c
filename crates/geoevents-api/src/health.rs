//! Liveness and readiness: `/healthz` says the process is up (with the counters it keeps),
//! `/readyz` that the database answers too (load balancers route on it).

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::ApiError;

/// Routes of this resource.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(healthz)).routes(routes!(readyz))
}

/// The process is up.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthDto {
    /// Always `ok`.
    #[schema(value_type = String, example = "ok")]
    pub status: &'static str,
    /// Articles whose extraction failed since the process started (stored without events).
    pub extraction_failures: u64,
}

/// The process is up and its database answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReadyDto {
    /// Always `ready`.
    #[schema(value_type = String, example = "ready")]
    pub status: &'static str,
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, body = HealthDto)))]
async fn healthz(State(state): State<AppState>) -> Json<HealthDto> {
    Json(HealthDto { status: "ok", extraction_failures: state.stats.extraction_failures() })
}

/// Readiness: the database answers too; 503 while it does not.
#[utoipa::path(get, path = "/readyz", tag = "operations", responses((status = 200, body = ReadyDto)))]
async fn readyz(State(state): State<AppState>) -> Result<Json<ReadyDto>, ApiError> {
    state.store.ping().await?;
    Ok(Json(ReadyDto { status: "ready" }))
}
