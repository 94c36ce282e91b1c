//! The end-to-end harness: a real server on 127.0.0.1:0 speaking real HTTP, on a fresh
//! PostgreSQL database per test. The database server is `DATABASE_URL` when set, otherwise
//! a throwaway cluster started from the machine's PostgreSQL binaries, once per test
//! binary, and removed when the test process exits.

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use geoevents_api::{ApiConfig, AppState};
use geoevents_store::admin;
use geoevents_store::embedded::{Durability, EmbeddedPostgres};
use geoevents_store::{PgConnectOptions, PoolConfig, Store};
use serde_json::Value;
use tokio::sync::OnceCell;

/// Prefix of every test database, so leftovers on a shared server can be recognised.
const DB_PREFIX: &str = "geoevents_test_";

enum Cluster {
    External(Box<PgConnectOptions>),
    Embedded(EmbeddedPostgres),
}

impl Cluster {
    fn options(&self, database: &str) -> PgConnectOptions {
        match self {
            Cluster::External(options) => (**options).clone().database(database),
            Cluster::Embedded(pg) => pg.connect_options(database),
        }
    }

    /// A `postgres://` URL of `database`, for the binary's `DATABASE_URL`.
    fn url(&self, database: &str) -> String {
        match self {
            Cluster::External(_) => {
                let mut url = std::env::var("DATABASE_URL")
                    .ok()
                    .and_then(|u| url::Url::parse(&u).ok())
                    .expect("DATABASE_URL is a URL");
                url.set_path(&format!("/{database}"));
                url.to_string()
            }
            Cluster::Embedded(pg) => pg.url(database),
        }
    }

    fn admin(&self) -> PgConnectOptions {
        match self {
            Cluster::External(options) => (**options).clone(),
            Cluster::Embedded(pg) => pg.connect_options("postgres"),
        }
    }
}

static CLUSTER: OnceCell<Cluster> = OnceCell::const_new();

async fn cluster() -> &'static Cluster {
    CLUSTER
        .get_or_init(|| async {
            match std::env::var("DATABASE_URL") {
                Ok(url) => {
                    let options = PgConnectOptions::from_str(&url).expect("DATABASE_URL is a PostgreSQL URL");
                    let cluster = Cluster::External(Box::new(options));
                    drop_leftover_databases(&cluster).await;
                    cluster
                }
                Err(_) => {
                    let dir = temp_dir("geoevents-test");
                    let pg = EmbeddedPostgres::start(&dir, None, Durability::Ephemeral)
                        .await
                        .unwrap_or_else(|err| panic!("cannot start a test PostgreSQL cluster: {err}"));
                    pg.stop_when_process_exits(std::process::id(), &dir).expect("cleanup watcher starts");
                    Cluster::Embedded(pg)
                }
            }
        })
        .await
}

/// A fresh directory under the system temp dir.
pub fn temp_dir(prefix: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "{prefix}-{}-{}",
        std::process::id(),
        uuid::Uuid::now_v7().simple()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Earlier runs against a shared server may have left databases behind (a test that
/// panicked never cleans up); remove the ones nobody is connected to.
async fn drop_leftover_databases(cluster: &Cluster) {
    let names = admin::idle_databases_with_prefix(&cluster.admin(), DB_PREFIX)
        .await
        .unwrap_or_else(|err| panic!("cannot list databases on DATABASE_URL: {err}"));
    for name in names {
        let _ = admin::drop_database(&cluster.admin(), &name).await;
    }
}

/// A running server on its own fresh database.
pub struct TestApp {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// A plain HTTP client.
    pub client: reqwest::Client,
    /// The store the server uses, for the rare check HTTP cannot make.
    #[allow(dead_code)]
    pub store: Store,
    /// The server's state, for calls the binary makes outside HTTP (re-extraction).
    #[allow(dead_code)]
    pub state: AppState,
    /// The test database, dropped when the test ends.
    database: Option<(PgConnectOptions, String)>,
    /// The URL of that database, for the binary's commands.
    #[allow(dead_code)]
    pub database_url: Option<String>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // A shared DATABASE_URL server must not fill up with test databases. Drop is
        // synchronous, so the drop runs on a runtime of its own.
        if let Some((admin_options, name)) = self.database.take() {
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
                if let Ok(runtime) = runtime {
                    let _ = runtime.block_on(admin::drop_database(&admin_options, &name));
                }
            })
            .join();
        }
    }
}

/// The service's defaults, but with writes open and no rate limits: most tests are about
/// what requests do, not who may make them or how many (`tests/api/access.rs` is).
pub fn open_writes() -> ApiConfig {
    let access =
        geoevents_api::auth::AccessPolicy { write: geoevents_api::auth::Access::Open, ..Default::default() };
    let rate_limits = geoevents_api::limits::RateLimits { per_key: 0, anonymous: 0, ..Default::default() };
    ApiConfig { access, rate_limits, ..ApiConfig::default() }
}

impl TestApp {
    /// Starts a server with the default limits and writes open.
    pub async fn spawn() -> Self {
        Self::spawn_with(open_writes()).await
    }

    /// Starts a server with the given limits.
    pub async fn spawn_with(config: ApiConfig) -> Self {
        Self::spawn_with_stage(config, geoevents_extract::extract_events).await
    }

    /// Starts a server whose event extraction stage is `stage` (tests make it fail).
    pub async fn spawn_with_stage(config: ApiConfig, stage: geoevents_extract::EventStage) -> Self {
        init_logging();
        let cluster = cluster().await;
        let database = format!("{DB_PREFIX}{}", uuid::Uuid::now_v7().simple());
        admin::create_database(&cluster.admin(), &database)
            .await
            .unwrap_or_else(|err| panic!("cannot create test database {database}: {err}"));
        let store = Store::connect_lazy(
            cluster.options(&database),
            PoolConfig { max_connections: 5, acquire_timeout: Duration::from_secs(10) },
        );
        store.migrate().await.expect("migrations apply to a fresh database");
        let mut app =
            Self::serve_state(AppState { event_stage: stage, ..AppState::new(store, config) }).await;
        app.database_url = Some(cluster.url(&database));
        app.database = Some((cluster.admin(), database));
        app
    }

    /// Serves `store` on a fresh port.
    pub async fn serve(store: Store, config: ApiConfig) -> Self {
        Self::serve_state(AppState::new(store, config)).await
    }

    /// Serves `state` on a fresh port.
    pub async fn serve_state(state: AppState) -> Self {
        let store = state.store.clone();
        let app = geoevents_api::router(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a free port");
        let address = listener.local_addr().expect("local address");
        let header_read_timeout = state.config.header_read_timeout;
        // The service's own server loop, as `geoevents serve` runs it.
        tokio::spawn(geoevents_api::serve(listener, app, header_read_timeout, std::future::pending()));
        Self {
            base: format!("http://{address}"),
            client: reqwest::Client::new(),
            store,
            state,
            database: None,
            database_url: None,
        }
    }

    /// A second server on the same database with a pool of its own, as another replica of
    /// the service would be.
    #[allow(dead_code)]
    pub async fn replica(&self) -> TestApp {
        let (_, name) = self.database.as_ref().expect("a test app with a database of its own");
        let store = Store::connect_lazy(
            cluster().await.options(name),
            PoolConfig { max_connections: 5, acquire_timeout: Duration::from_secs(10) },
        );
        Self::serve(store, self.state.config.clone()).await
    }

    /// A connection of its own to the server's database, for a test that must hold a lock
    /// or read the change log directly.
    #[allow(dead_code)]
    pub async fn sql(&self) -> sqlx::PgConnection {
        use sqlx::Connection;
        let (_, name) = self.database.as_ref().expect("a test app with a database of its own");
        sqlx::PgConnection::connect_with(&cluster().await.options(name))
            .await
            .expect("connect to the test database")
    }

    /// `GET path`, expecting JSON back.
    #[track_caller]
    pub fn get(&self, path: &str) -> impl Future<Output = (u16, Value)> + '_ {
        let request = self.client.get(format!("{}{path}", self.base));
        send(request)
    }

    /// `POST path` with a JSON body.
    pub fn post_json(&self, path: &str, body: &Value) -> impl Future<Output = (u16, Value)> + '_ {
        let request = self.client.post(format!("{}{path}", self.base)).json(body);
        send(request)
    }

    /// `POST path` with a raw body and content type.
    pub fn post_raw(
        &self,
        path: &str,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> impl Future<Output = (u16, Value)> + '_ {
        let request = self
            .client
            .post(format!("{}{path}", self.base))
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(body);
        send(request)
    }

    /// Every event matching `query` (without `limit`/`cursor`), following cursors.
    pub async fn all_events(&self, query: &str) -> Vec<Value> {
        let mut events = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut path = format!("/v1/events?limit=7&{query}");
            if let Some(c) = &cursor {
                path.push_str(&format!("&cursor={c}"));
            }
            let (status, page) = self.get(&path).await;
            assert_eq!(status, 200, "{path}: {page}");
            events.extend(page["events"].as_array().cloned().unwrap_or_default());
            match page["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => return events,
            }
        }
    }
}

/// A response read whole.
pub struct Exchange {
    /// Its status.
    pub status: u16,
    /// Its headers.
    pub headers: reqwest::header::HeaderMap,
    /// Its body.
    pub text: String,
}

/// Sends a request and reads the whole response, checking it against the OpenAPI document
/// (operation, status, content type and body schema; `crate::contract`).
pub async fn exchange(request: reqwest::RequestBuilder) -> Exchange {
    let (client, request) = request.build_split();
    let request = request.expect("a well-formed request");
    let (method, path) = (request.method().as_str().to_owned(), request.url().path().to_owned());
    let response = client.execute(request).await.expect("the server answers");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.expect("a readable body");
    let content_type =
        headers.get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    // An unknown path or a method no route takes is answered outside every operation.
    if crate::contract::template(&path).is_some() && status != 405 {
        crate::contract::check_response(&method, &path, status, content_type, &text);
    }
    Exchange { status, headers, text }
}

/// Sends a request and decodes the body as JSON (`Value::Null` for an empty body), checking
/// that errors are problem+json and that the response is the one the document describes.
async fn send(request: reqwest::RequestBuilder) -> (u16, Value) {
    let Exchange { status, headers, text } = exchange(request).await;
    let content_type = headers
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    if status >= 400 {
        assert_eq!(content_type, "application/problem+json", "status {status} body {text}");
    }
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    if status >= 400 {
        assert_complete_problem(&value, status);
    }
    (status, value)
}

/// An RFC 9457 problem with every member a client relies on: `type`, `title`, `status`
/// (the response's), `detail` and an `instance` naming the path and the request.
#[track_caller]
pub fn assert_complete_problem(problem: &Value, status: u16) {
    for member in ["type", "title", "detail", "instance"] {
        assert!(problem[member].as_str().is_some_and(|s| !s.is_empty()), "no {member} in {problem}");
    }
    assert_eq!(problem["status"], status, "{problem}");
    let instance = problem["instance"].as_str().unwrap_or_default();
    assert!(instance.starts_with('/') && instance.contains("#request="), "instance {instance}");
}

fn init_logging() {
    if std::env::var_os("TEST_LOG").is_some() {
        let _ = tracing_subscriber::fmt().with_env_filter("info").with_test_writer().try_init();
    }
}

/// The seed article of the project, from the licensed shared folder beside the repository,
/// or `None` (the caller skips) when that folder is absent and not required.
pub fn seed_article() -> Option<String> {
    crate::shared_data::read("seeds/000_801dbc815b007bc0.txt")
}

/// `text[start..end]` counted in Unicode scalar values, as evidence offsets are.
pub fn char_slice(text: &str, start: u64, end: u64) -> String {
    text.chars().skip(start as usize).take((end - start) as usize).collect()
}
