//! Cluster administration for tools and test harnesses: creating and dropping whole
//! databases. Database names are quoted as identifiers; nothing else is spliced into SQL.

use sqlx::ConnectOptions;
use sqlx::postgres::PgConnectOptions;

use crate::StoreError;

fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Creates database `name` on the server `options` points to.
pub async fn create_database(options: &PgConnectOptions, name: &str) -> Result<(), StoreError> {
    let mut conn = options.connect().await?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("create database {}", quote_ident(name))))
        .execute(&mut conn)
        .await?;
    Ok(())
}

/// Drops database `name` if it exists, disconnecting its sessions.
pub async fn drop_database(options: &PgConnectOptions, name: &str) -> Result<(), StoreError> {
    let mut conn = options.connect().await?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("drop database if exists {} with (force)", quote_ident(name))))
        .execute(&mut conn)
        .await?;
    Ok(())
}

/// Databases whose name starts with `prefix` and that nobody is connected to.
pub async fn idle_databases_with_prefix(
    options: &PgConnectOptions,
    prefix: &str,
) -> Result<Vec<String>, StoreError> {
    let mut conn = options.connect().await?;
    let pattern = format!("{}%", prefix.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let names = sqlx::query_scalar!(
        r#"
        select datname as "datname!" from pg_database d
        where datname like $1
          and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)
        "#,
        pattern,
    )
    .fetch_all(&mut conn)
    .await?;
    Ok(names)
}
