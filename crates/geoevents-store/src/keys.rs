//! API keys: only their hashes are stored. Making keys and hashing them is the caller's
//! business; this module stores, finds, lists and revokes them.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Store, StoreError};

/// A stored key (never the key itself).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct KeyRecord {
    /// Its id.
    pub id: Uuid,
    /// Its name, unique among keys in use.
    pub name: String,
    /// `reader`, `writer` or `admin`.
    pub role: String,
    /// The key's first characters.
    pub prefix: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it was last used (to the minute).
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Why a key could not be stored.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// A key in use already has this name.
    #[error("a key named '{0}' is already in use")]
    NameTaken(String),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

const COLUMNS: &str = "id, name, role, prefix, created_at, last_used_at, revoked_at";

impl Store {
    /// Stores a new key by its hash.
    pub async fn create_key(
        &self,
        name: &str,
        role: &str,
        key_hash: &[u8],
        prefix: &str,
    ) -> Result<KeyRecord, KeyError> {
        let result = sqlx::query_as::<_, KeyRecord>(sqlx::AssertSqlSafe(format!(
            "insert into api_keys (id, name, role, key_hash, prefix) values ($1, $2, $3, $4, $5) returning {COLUMNS}"
        )))
        .bind(Uuid::now_v7())
        .bind(name)
        .bind(role)
        .bind(key_hash)
        .bind(prefix)
        .fetch_one(self.pool())
        .await;
        match result {
            Ok(record) => Ok(record),
            Err(sqlx::Error::Database(db)) if db.code().as_deref() == Some("23505") => {
                Err(KeyError::NameTaken(name.to_owned()))
            }
            Err(err) => Err(KeyError::Store(err.into())),
        }
    }

    /// The key in use with this hash. One indexed lookup of the whole hash, so the time it
    /// takes says nothing about how much of a guessed key was right.
    pub async fn key_by_hash(&self, key_hash: &[u8]) -> Result<Option<KeyRecord>, StoreError> {
        let record = sqlx::query_as::<_, KeyRecord>(sqlx::AssertSqlSafe(format!(
            "select {COLUMNS} from api_keys where key_hash = $1 and revoked_at is null"
        )))
        .bind(key_hash)
        .fetch_optional(self.pool())
        .await?;
        Ok(record)
    }

    /// Every key, in use first, then by name.
    pub async fn list_keys(&self) -> Result<Vec<KeyRecord>, StoreError> {
        let records = sqlx::query_as::<_, KeyRecord>(sqlx::AssertSqlSafe(format!(
            "select {COLUMNS} from api_keys order by revoked_at is not null, name, created_at"
        )))
        .fetch_all(self.pool())
        .await?;
        Ok(records)
    }

    /// How many keys are in use.
    pub async fn keys_in_use(&self) -> Result<i64, StoreError> {
        let n = sqlx::query_scalar("select count(*) from api_keys where revoked_at is null")
            .fetch_one(self.pool())
            .await?;
        Ok(n)
    }

    /// Revokes the key in use named `name`; `None` if there is none.
    pub async fn revoke_key(&self, name: &str) -> Result<Option<KeyRecord>, StoreError> {
        let record = sqlx::query_as::<_, KeyRecord>(sqlx::AssertSqlSafe(format!(
            "update api_keys set revoked_at = now() where name = $1 and revoked_at is null returning {COLUMNS}"
        )))
        .bind(name)
        .fetch_optional(self.pool())
        .await?;
        Ok(record)
    }

    /// Records that key `id` was used now.
    pub async fn touch_key(&self, id: Uuid) -> Result<(), StoreError> {
        sqlx::query("update api_keys set last_used_at = now() where id = $1")
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
