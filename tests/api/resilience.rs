//! The service outlives its database: while PostgreSQL is down, requests get a 503 problem
//! and readiness fails; once it is back, everything works again without a restart.

use std::time::Duration;

use geoevents_store::embedded::{Durability, EmbeddedPostgres};
use geoevents_store::{PoolConfig, Store};
use serde_json::json;

use crate::harness::{TestApp, open_writes, temp_dir};

#[tokio::test]
async fn a_database_restart_under_the_running_server_is_survived() {
    let dir = temp_dir("geoevents-restart");
    let pg = EmbeddedPostgres::start(&dir, None, Durability::Ephemeral).await.expect("cluster starts");
    pg.stop_when_process_exits(std::process::id(), &dir).expect("cleanup watcher");
    pg.ensure_database("geoevents").await.expect("database");
    let store = Store::connect_lazy(
        pg.connect_options("geoevents"),
        PoolConfig { max_connections: 3, acquire_timeout: Duration::from_secs(2) },
    );
    store.migrate().await.expect("migrations");
    let app = TestApp::serve(store, open_writes()).await;
    let body = json!({"text": "Iran seized an oil tanker in the Strait of Hormuz on Friday.", "published_at": "2024-04-12"});
    assert_eq!(app.post_json("/v1/articles", &body).await.0, 201);

    pg.stop().await.expect("cluster stops");
    let (ready, problem) = app.get("/readyz").await;
    let (listing, _) = app.get("/v1/events").await;
    assert_eq!((ready, listing), (503, 503), "{problem}");
    assert!(!problem.to_string().contains("connect"), "no internals leak: {problem}");
    assert_eq!(app.get("/healthz").await.0, 200, "the process itself is alive");

    assert!(pg.restart_if_stopped().await.expect("cluster restarts"));
    assert_eq!(app.get("/readyz").await.0, 200);
    let (status, page) = app.get("/v1/events").await;
    assert_eq!(status, 200);
    assert!(page["events"].as_array().is_some_and(|e| !e.is_empty()), "the data survived: {page}");
}
