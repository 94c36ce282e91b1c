//! `/v1/keys`: admins make, list and revoke API keys. A new key is shown once, in the answer
//! that makes it; lists show its name, role, prefix and use, never the key.

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use geoevents_store::{KeyError, KeyRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::{self, Role};
use crate::error::ApiError;
use crate::schema::{BadEdit, NoSuchResource};
use crate::{AppState, input};

/// Routes of this resource.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(create_key, list_keys)).routes(routes!(revoke_key))
}

/// A key to make.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewKeyRequest {
    /// Its name: 1 to 64 letters, digits, `.`, `_` or `-`, unique among keys in use.
    pub name: String,
    /// What it may do.
    pub role: Role,
}

/// A stored key: never the key itself.
#[derive(Debug, Serialize, ToSchema)]
pub struct KeyDto {
    /// Its name.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// The key's first characters.
    pub prefix: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it was last used (recorded at most once a minute).
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked; null while in use.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl KeyDto {
    fn from_record(record: KeyRecord) -> Result<Self, ApiError> {
        let role = Role::parse(&record.role).ok_or_else(|| {
            ApiError::Internal(format!("key {} has role {}", record.name, record.role).into())
        })?;
        Ok(Self {
            name: record.name,
            role,
            prefix: record.prefix,
            created_at: record.created_at,
            last_used_at: record.last_used_at,
            revoked_at: record.revoked_at,
        })
    }
}

/// A key just made, with the key itself: shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedKeyDto {
    /// The key, for `Authorization: Bearer <key>`. Only its hash is kept: it cannot be shown
    /// again.
    pub key: String,
    /// The stored key.
    #[serde(flatten)]
    pub stored: KeyDto,
}

/// Every key.
#[derive(Debug, Serialize, ToSchema)]
pub struct KeyListDto {
    /// Keys in use first, then revoked ones, by name.
    pub keys: Vec<KeyDto>,
}

/// Make a key.
#[utoipa::path(
    post,
    path = "/v1/keys",
    tag = "keys",
    request_body = NewKeyRequest,
    responses(
        (status = 201, description = "The key, shown this once", body = CreatedKeyDto),
        (status = 409, description = "A key in use already has this name", body = crate::error::Problem,
            content_type = "application/problem+json"),
        BadEdit,
    )
)]
async fn create_key(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let request: NewKeyRequest = input::json_request(&state, &headers, body).await?;
    auth::check_key_name(&request.name).map_err(|message| ApiError::invalid_field("name", message))?;
    let created = make_key(&state.store, &request.name, request.role).await?;
    tracing::info!(key = %request.name, role = request.role.as_str(), "API key made");
    let location = format!("/v1/keys/{}", request.name);
    Ok(crate::articles::created_at(StatusCode::CREATED, &location, Json(created)))
}

/// Makes and stores a key (the CLI's `keys create` uses it too).
pub async fn make_key(
    store: &geoevents_store::Store,
    name: &str,
    role: Role,
) -> Result<CreatedKeyDto, ApiError> {
    let new = auth::new_key()?;
    let record =
        store.create_key(name, role.as_str(), &new.hash, &new.prefix).await.map_err(|err| match err {
            KeyError::NameTaken(name) => ApiError::Conflict(format!(
                "a key named '{name}' is in use; revoke it first or pick another name"
            )),
            KeyError::Store(err) => ApiError::from(err),
        })?;
    Ok(CreatedKeyDto { key: new.key, stored: KeyDto::from_record(record)? })
}

/// List every key (never the keys themselves).
#[utoipa::path(
    get,
    path = "/v1/keys",
    tag = "keys",
    responses((status = 200, description = "Every key", body = KeyListDto))
)]
async fn list_keys(State(state): State<AppState>) -> Result<Json<KeyListDto>, ApiError> {
    let keys =
        state.store.list_keys().await?.into_iter().map(KeyDto::from_record).collect::<Result<_, _>>()?;
    Ok(Json(KeyListDto { keys }))
}

/// Revoke the key in use with this name: it stops working at once.
#[utoipa::path(
    delete,
    path = "/v1/keys/{name}",
    tag = "keys",
    params(("name" = String, Path, description = "The key's name")),
    responses(
        (status = 200, description = "The revoked key", body = KeyDto),
        NoSuchResource,
    )
)]
async fn revoke_key(State(state): State<AppState>, Path(name): Path<String>) -> Result<Response, ApiError> {
    let record = state
        .store
        .revoke_key(&name)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no key in use is named '{name}'")))?;
    tracing::info!(key = %name, "API key revoked");
    Ok(Json(KeyDto::from_record(record)?).into_response())
}
