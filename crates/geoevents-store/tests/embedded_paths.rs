//! The embedded cluster in a folder whose name holds spaces, an apostrophe and double quotes:
//! created, started, used, stopped and started again with its data kept, and cleaned up by
//! the watcher once the process it watches exits. Needs the PostgreSQL server binaries, as
//! every database test here does.

use std::path::{Path, PathBuf};
use std::time::Duration;

use geoevents_store::embedded::{Durability, EmbeddedPostgres};
use sqlx::{ConnectOptions, Connection};

/// A fresh directory whose own name has a space, an apostrophe and double quotes.
fn odd_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "geoevents it's a \"quoted\" dir {}-{}",
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

async fn count_rows(pg: &EmbeddedPostgres) -> i64 {
    let mut conn = pg.connect_options("postgres").connect().await.expect("connects");
    let count: i64 =
        sqlx::query_scalar("select count(*) from kept").fetch_one(&mut conn).await.expect("table kept");
    conn.close().await.expect("closes");
    count
}

async fn wait_until_gone(path: &Path) -> bool {
    for _ in 0..300 {
        if !path.exists() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

#[tokio::test]
async fn a_cluster_in_a_folder_with_spaces_and_quotes_starts_keeps_its_data_and_is_cleaned_up() {
    let root = odd_dir();
    let data = root.join("data 'dir'");
    let pg = EmbeddedPostgres::start(&data, None, Durability::Ephemeral)
        .await
        .unwrap_or_else(|err| panic!("the cluster starts in {}: {err}", data.display()));
    assert!(pg.is_running());

    let mut conn = pg.connect_options("postgres").connect().await.expect("connects");
    sqlx::query("create table kept (n int)").execute(&mut conn).await.expect("creates");
    sqlx::query("insert into kept values (1), (2)").execute(&mut conn).await.expect("inserts");
    conn.close().await.expect("closes");

    pg.stop().await.expect("stops");
    assert!(!pg.is_running());
    let again = EmbeddedPostgres::start(&data, None, Durability::Ephemeral).await.expect("starts again");
    assert_eq!(count_rows(&again).await, 2);

    let pid_file = std::fs::read_to_string(again.cluster_dir().join("postmaster.pid")).expect("pid file");
    let postmaster = pid_file.lines().next().expect("pid line").trim().to_owned();

    // The watcher stops the cluster and removes the folder once the watched process exits.
    let mut short_lived = std::process::Command::new("sleep").arg("1").spawn().expect("sleep runs");
    again.stop_when_process_exits(short_lived.id(), &root).expect("watcher starts");
    short_lived.wait().expect("sleep ends");
    assert!(wait_until_gone(&root).await, "{} was not removed", root.display());
    assert!(
        wait_until_gone(Path::new(&format!("/proc/{postmaster}"))).await,
        "postmaster {postmaster} still runs"
    );
}
