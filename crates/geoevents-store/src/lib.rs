//! PostgreSQL storage of geoevents: articles, events, their sources and the change log.
//!
//! **Architecture Invariant:** this is the only crate that contains SQL. Row structs stay
//! private to their modules and convert to `geoevents-domain` types; callers never see
//! `sqlx` rows. Every write of an article and its events happens in one transaction.

pub mod admin;
mod articles;
mod corrections;
pub mod embedded;
mod events;
mod feed;
mod filter;
mod keys;
mod merge;
mod rows;
mod timeline;
mod versions;
mod writes;

use std::sync::Arc;
use std::time::Duration;

use sqlx::PgPool;
use sqlx::migrate::Migrator;
use sqlx::postgres::PgPoolOptions;

pub use articles::{IngestOutcome, NewArticle};
pub use corrections::{EditError, EventChange};
pub use feed::{FeedChange, Version, Versions};
pub use filter::{EventCursor, EventFilter, EventPage};
pub use keys::{KeyError, KeyRecord};
pub use sqlx::postgres::PgConnectOptions;
pub use timeline::{TimelineBucket, TimelineGranularity};

/// The schema migrations, embedded at build time from `migrations/`.
pub static MIGRATOR: Migrator = sqlx::migrate!("../../migrations");

/// What can go wrong talking to the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database cannot be reached right now (connection refused, pool timed out).
    #[error("the database is unavailable")]
    Unavailable(#[source] sqlx::Error),
    /// A query failed.
    #[error("database query failed")]
    Query(#[source] sqlx::Error),
    /// A stored value does not decode into the domain (a bug or a hand-edited row).
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    /// Applying migrations failed.
    #[error("applying database migrations failed")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => StoreError::Unavailable(err),
            sqlx::Error::Database(ref db)
                if db.code().is_some_and(|code| {
                    // admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
                    matches!(code.as_ref(), "57P01" | "57P02" | "57P03" | "53300")
                }) =>
            {
                StoreError::Unavailable(err)
            }
            other => StoreError::Query(other),
        }
    }
}

/// Pool settings.
#[derive(Debug, Clone, Copy)]
pub struct PoolConfig {
    /// Most connections held at once.
    pub max_connections: u32,
    /// How long a request waits for a connection before the database counts as unavailable.
    pub acquire_timeout: Duration,
}

impl Default for PoolConfig {
    fn default() -> Self {
        Self { max_connections: 10, acquire_timeout: Duration::from_secs(5) }
    }
}

/// The storage handle: a connection pool plus the repositories built on it. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: PgPool,
    /// The versions lists are tagged with, while a watcher hears every commit.
    cache: Arc<versions::VersionCache>,
}

impl Store {
    /// Opens a pool. Connections are made lazily and checked before use, so a database that
    /// restarts under a running service is reconnected to transparently.
    ///
    /// Every statement is planned for its parameters (`plan_cache_mode=force_custom_plan`).
    /// A connection lives long and its tables grow from nothing: a generic plan cached while
    /// a table was empty (a hash join over a sequential scan, an index that fits ten rows)
    /// would stay until the next ANALYZE and make every query of a growing event cost in
    /// proportion to its sources. Planning these small queries costs less than one such scan.
    pub fn connect_lazy(options: PgConnectOptions, config: PoolConfig) -> Self {
        // No JIT compilation either: it pays off for long analytic scans, and costs a short
        // query ten milliseconds of compiling whenever its estimate crosses the threshold.
        let options = options.options([("plan_cache_mode", "force_custom_plan"), ("jit", "off")]);
        let pool = PgPoolOptions::new()
            .max_connections(config.max_connections)
            .acquire_timeout(config.acquire_timeout)
            .test_before_acquire(true)
            .connect_lazy_with(options);
        Self { pool, cache: Arc::default() }
    }

    /// Applies pending migrations, then gives events stored before merge states existed
    /// their state (once; each such event logs a `recomputed` change).
    pub async fn migrate(&self) -> Result<(), StoreError> {
        MIGRATOR.run(&self.pool).await?;
        merge::build_missing_states(self).await
    }

    /// Checks that the database answers within three seconds.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let query = sqlx::query_scalar!("select 1 as one").fetch_one(&self.pool);
        match tokio::time::timeout(Duration::from_secs(3), query).await {
            Ok(result) => result.map(|_| ()).map_err(StoreError::from),
            Err(_) => Err(StoreError::Unavailable(sqlx::Error::PoolTimedOut)),
        }
    }

    /// Closes every connection, waiting for checked-out ones to be returned (the version
    /// watcher's included: it is told to stop first).
    pub async fn close(&self) {
        self.cache.stop();
        self.pool.close().await;
    }

    /// Replaces the actor registry with `actors` (code, name, kind, country, aliases).
    pub async fn sync_actors(&self, actors: &[ActorRecord]) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let codes: Vec<&str> = actors.iter().map(|a| a.code.as_str()).collect();
        let names: Vec<&str> = actors.iter().map(|a| a.name.as_str()).collect();
        let kinds: Vec<&str> = actors.iter().map(|a| a.kind.as_str()).collect();
        let countries: Vec<Option<&str>> = actors.iter().map(|a| a.country.as_deref()).collect();
        let aliases: Vec<String> = actors.iter().map(|a| a.aliases.join("\u{1f}")).collect();
        sqlx::query!(
            r#"
            insert into actors (code, name, kind, country, aliases)
            select code, name, kind, country, string_to_array(aliases, chr(31))
            from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                as t(code, name, kind, country, aliases)
            on conflict (code) do update
                set name = excluded.name, kind = excluded.kind,
                    country = excluded.country, aliases = excluded.aliases
            "#,
            &codes as &[&str],
            &names as &[&str],
            &kinds as &[&str],
            &countries as &[Option<&str>],
            &aliases,
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Connections the pool holds now, and how many of them are idle.
    pub fn pool_use(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    pub(crate) fn pool(&self) -> &PgPool {
        &self.pool
    }
}

/// One actor of the registry, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorRecord {
    /// ISO3 or upper-case short code.
    pub code: String,
    /// Preferred name.
    pub name: String,
    /// `state`, `international`, `armed_group`, `ngo` or `other`.
    pub kind: String,
    /// ISO3 of the state it belongs to.
    pub country: Option<String>,
    /// Other names it goes by.
    pub aliases: Vec<String>,
}
