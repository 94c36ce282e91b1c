//! The `geoevents` binary: parses configuration, sets up tracing, opens the store (its own
//! embedded PostgreSQL cluster unless `DATABASE_URL` is given), and serves HTTP until a
//! signal. Also the offline `extract` and `eval` commands. It wires; it holds no business
//! logic.

use std::io::{BufRead, Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand, ValueEnum};
use geoevents_api::dto::{ArticleRequest, ExtractionDto};
use geoevents_api::{ApiConfig, AppState, ReextractScope};
use geoevents_store::PgConnectOptions;
use geoevents_store::embedded::{Durability, EmbeddedPostgres};
use geoevents_store::{PoolConfig, Store};
use tracing_subscriber::EnvFilter;

/// geoevents: coded, evidenced geopolitical events from news articles.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Log format.
    #[arg(long, env = "GEOEVENTS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty, global = true)]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LogFormat {
    /// Human-readable lines, one per event (also accepted as `text`).
    #[value(alias = "text")]
    Pretty,
    /// One JSON object per line.
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the HTTP service.
    Serve(ServeArgs),
    /// Extract events from one article (FILE, or - for stdin) or from JSON Lines on stdin,
    /// and print them as JSON. No database needed.
    Extract(ExtractArgs),
    /// Score the extractor on a gold file (see ../shared/devset/README.md for the formats).
    Eval(EvalArgs),
    /// Parse text from standard input and print CoNLL-U (tokens, lemmas, tags, tree).
    Parse,
    /// Train or score the syntax model.
    #[command(subcommand)]
    Syntax(SyntaxCommand),
    /// Make, list and revoke API keys.
    Keys(KeysArgs),
}

#[derive(Debug, clap::Args)]
struct KeysArgs {
    #[command(flatten)]
    db: DbArgs,
    #[command(subcommand)]
    command: KeysCommand,
}

#[derive(Debug, Subcommand)]
enum KeysCommand {
    /// Make a key and print it, alone, on standard output (it is shown only this once).
    Create {
        /// What the key may do.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Its name: 1 to 64 letters, digits, '.', '_' or '-', unique among keys in use.
        #[arg(long)]
        name: String,
    },
    /// List every key: name, role, prefix, when made, last used and revoked.
    List,
    /// Revoke the key in use with this name.
    Revoke {
        /// The key's name.
        name: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RoleArg {
    /// Reads.
    Reader,
    /// Reads, ingest and corrections.
    Writer,
    /// Everything, keys included.
    Admin,
}

impl From<RoleArg> for geoevents_api::auth::Role {
    fn from(arg: RoleArg) -> Self {
        match arg {
            RoleArg::Reader => Self::Reader,
            RoleArg::Writer => Self::Writer,
            RoleArg::Admin => Self::Admin,
        }
    }
}

#[derive(Debug, Subcommand)]
enum SyntaxCommand {
    /// Train the syntax model on the treebank's train split and write the model file.
    Train {
        /// The train split (CoNLL-U).
        #[arg(long, default_value = "crates/geoevents-syntax/data/ud-english-ewt/en_ewt-ud-train.conllu")]
        treebank: PathBuf,
        /// Where to write the model.
        #[arg(long, default_value = "crates/geoevents-syntax/model/en_ewt.model")]
        out: PathBuf,
        /// Seed of every random choice in training.
        #[arg(long, default_value_t = geoevents_syntax::train::Settings::default().seed)]
        seed: u64,
        /// Passes of the parser over the data.
        #[arg(long, default_value_t = geoevents_syntax::train::Settings::default().parser_epochs)]
        parser_epochs: usize,
        /// Passes of the tagger over the data.
        #[arg(long, default_value_t = geoevents_syntax::train::Settings::default().tagger_epochs)]
        tagger_epochs: usize,
        /// Folds of the jackknife that gives the parser predicted tags (1: gold tags).
        #[arg(long, default_value_t = geoevents_syntax::train::Settings::default().folds)]
        folds: usize,
        /// Train a greedy parser (dynamic oracle) instead of the beam-trained one.
        #[arg(long)]
        greedy: bool,
    },
    /// Score a model on a split: UPOS, lemmas, UAS, LAS; tokens, words and sentences F1.
    Eval {
        /// The split to score (CoNLL-U).
        #[arg(default_value = "crates/geoevents-syntax/data/ud-english-ewt/en_ewt-ud-test.conllu")]
        split: PathBuf,
        /// A model file to score instead of the one compiled in.
        #[arg(long)]
        model: Option<PathBuf>,
    },
}

#[derive(Debug, clap::Args)]
struct EvalArgs {
    /// Which gold format: whole articles, or single PLOVER sentences.
    #[arg(value_enum)]
    format: EvalFormat,
    /// The gold file (JSON Lines).
    file: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum EvalFormat {
    /// Articles with expected, optional and forbidden events.
    Articles,
    /// Single sentences with PLOVER-coded events.
    Plover,
}

/// Where the database is: `DATABASE_URL`, or the embedded cluster in `--data-dir`.
#[derive(Debug, clap::Args)]
struct DbArgs {
    /// PostgreSQL URL. Unset: run an embedded cluster in --data-dir.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
    /// Where the embedded PostgreSQL cluster keeps its data (when DATABASE_URL is unset).
    #[arg(long, env = "GEOEVENTS_DATA_DIR", default_value = "./geoevents-data")]
    data_dir: PathBuf,
    /// Directory holding initdb, pg_ctl and postgres. Unset: PATH, then /usr/lib/postgresql/*/bin.
    #[arg(long, env = "GEOEVENTS_PG_BIN_DIR")]
    pg_bin_dir: Option<PathBuf>,
}

/// Whether a kind of request needs an API key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AccessArg {
    /// Anyone who can reach the port.
    Open,
    /// An API key of the right role.
    Key,
}

impl From<AccessArg> for geoevents_api::auth::Access {
    fn from(arg: AccessArg) -> Self {
        match arg {
            AccessArg::Open => Self::Open,
            AccessArg::Key => Self::Key,
        }
    }
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "GEOEVENTS_BIND", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    #[command(flatten)]
    db: DbArgs,
    /// Whether ingest and corrections need a `writer` key (`open`: anyone, for local
    /// development only).
    #[arg(long, env = "GEOEVENTS_WRITE_ACCESS", value_enum, default_value_t = AccessArg::Key)]
    write_access: AccessArg,
    /// Whether reads need a `reader` key.
    #[arg(long, env = "GEOEVENTS_READ_ACCESS", value_enum, default_value_t = AccessArg::Open)]
    read_access: AccessArg,
    /// Requests an API key may make per rate-limit window (0: no limit).
    #[arg(long, env = "GEOEVENTS_RATE_LIMIT_KEY", default_value_t = 1200)]
    rate_limit_key: u32,
    /// Requests a client address may make per window without a key (0: no limit).
    #[arg(long, env = "GEOEVENTS_RATE_LIMIT_ANONYMOUS", default_value_t = 300)]
    rate_limit_anonymous: u32,
    /// An origin whose pages may call the API from a browser (`https://dash.example`), or `*`
    /// for any; repeat or separate with commas. None: cross-origin browser calls are refused.
    #[arg(long = "cors-origin", env = "GEOEVENTS_CORS_ORIGINS", value_delimiter = ',', value_parser = cors_origin)]
    cors_origins: Vec<String>,
    /// Most lines of an NDJSON batch; the line past it ends the batch with a 413 line.
    #[arg(long, env = "GEOEVENTS_MAX_NDJSON_LINES", default_value_t = 10_000)]
    max_ndjson_lines: u64,
    /// Most characters of a plain-text article.
    #[arg(long, env = "GEOEVENTS_MAX_ARTICLE_CHARS", default_value_t = 1_000_000)]
    max_article_chars: usize,
    /// Extractions that may run at once (0: one per core).
    #[arg(long, env = "GEOEVENTS_EXTRACTION_SLOTS", default_value_t = 0)]
    extraction_slots: usize,
    /// Milliseconds a request waits for an extraction slot before a 503.
    #[arg(long, env = "GEOEVENTS_EXTRACTION_WAIT_MS", default_value_t = 5000)]
    extraction_wait_ms: u64,
    /// Length of a rate-limit window in seconds.
    #[arg(long, env = "GEOEVENTS_RATE_LIMIT_WINDOW_SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=86400))]
    rate_limit_window_secs: u64,
    /// Largest accepted request body in bytes (for NDJSON: per line).
    #[arg(long, env = "GEOEVENTS_MAX_BODY_BYTES", default_value_t = 10 * 1024 * 1024)]
    max_body_bytes: usize,
    /// Seconds a request may take to produce its response.
    #[arg(long, env = "GEOEVENTS_REQUEST_TIMEOUT_SECS", default_value_t = 60)]
    request_timeout_secs: u64,
    /// Seconds between heartbeat comments on a quiet change stream (`/v1/changes/stream`).
    #[arg(long, env = "GEOEVENTS_HEARTBEAT_SECS", default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..=3600))]
    heartbeat_secs: u64,
    /// Most database connections.
    #[arg(long, env = "GEOEVENTS_DB_MAX_CONNECTIONS", default_value_t = 10)]
    db_max_connections: u32,
    /// Seconds a client may take to send a request's head (line and headers) before the
    /// connection is closed.
    #[arg(long, env = "GEOEVENTS_HEADER_READ_TIMEOUT_SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    header_read_timeout_secs: u64,
    /// Seconds a request body may take to arrive (for NDJSON: the longest pause in it).
    #[arg(long, env = "GEOEVENTS_BODY_READ_TIMEOUT_SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    body_read_timeout_secs: u64,
    /// Seconds to let in-flight requests finish after a shutdown signal.
    #[arg(long, env = "GEOEVENTS_SHUTDOWN_TIMEOUT_SECS", default_value_t = 30)]
    shutdown_timeout_secs: u64,
}

#[derive(Debug, clap::Args)]
struct ExtractArgs {
    /// The article file, or - for stdin. Ignored with --jsonl (which reads stdin).
    #[arg(default_value = "-")]
    file: String,
    /// Read JSON Lines `{"id", "text" | "html", "published_at"?, "url"?, "title"?}` from stdin
    /// and write one result line per input line.
    #[arg(long)]
    jsonl: bool,
    /// Treat the input as HTML (default: guessed from a leading `<`).
    #[arg(long)]
    html: bool,
    /// Publication date of the article (RFC 3339 or YYYY-MM-DD).
    #[arg(long)]
    published_at: Option<String>,
    /// URL of the article.
    #[arg(long)]
    url: Option<String>,
    /// Instead of the JSON, explain the extraction of one article: for each sentence with a
    /// trigger, its dependency tree; for each trigger, its rule, the roles it was given
    /// with the tree path from the trigger to each, and what became of it (kept, or
    /// dropped and why); then the article's events.
    #[arg(long, conflicts_with = "jsonl")]
    explain: bool,
}

fn main() -> std::process::ExitCode {
    // Errors are for operators: one line with the cause chain, no backtrace.
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        // `geoevents extract … | head` closing the pipe early is not a failure.
        Err(err)
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            std::process::ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    init_tracing(cli.log_format);
    match cli.command {
        Command::Serve(args) => {
            // A panic anywhere is an operator's event: into the structured log, not raw stderr.
            std::panic::set_hook(Box::new(|info| tracing::error!(panic = %info, "a thread panicked")));
            let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
            runtime.block_on(serve(args))
        }
        Command::Extract(args) => extract(args),
        Command::Eval(args) => eval(args),
        Command::Parse => parse(),
        Command::Syntax(command) => syntax(command),
        Command::Keys(args) => {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            runtime.block_on(keys(args))
        }
    }
}

fn init_tracing(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        EnvFilter::new("geoevents=info,geoevents_api=info,geoevents_store=info,tower_http=info")
    });
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Pretty => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

/// The database's connection options, and the embedded cluster when there is no URL.
async fn database(db: &DbArgs) -> anyhow::Result<(PgConnectOptions, Option<EmbeddedPostgres>)> {
    match db.database_url.as_deref() {
        Some(url) => {
            let options = PgConnectOptions::from_str(url)
                .map_err(|_| anyhow::anyhow!("DATABASE_URL is not a valid PostgreSQL URL"))?;
            Ok((options, None))
        }
        None => {
            let pg = EmbeddedPostgres::start(&db.data_dir, db.pg_bin_dir.as_deref(), Durability::Durable)
                .await
                .context("starting the embedded PostgreSQL cluster")?;
            pg.ensure_database("geoevents").await.context("creating the geoevents database")?;
            tracing::info!(url = %pg.url("geoevents"), "embedded PostgreSQL is running");
            Ok((pg.connect_options("geoevents"), Some(pg)))
        }
    }
}

/// `geoevents keys …`: on the service's database (a running service's embedded cluster is
/// used as it is and left running).
async fn keys(args: KeysArgs) -> anyhow::Result<()> {
    let (options, embedded) = database(&args.db).await?;
    let store = Store::connect_lazy(
        options,
        PoolConfig { max_connections: 1, acquire_timeout: Duration::from_secs(10) },
    );
    let result = async {
        migrate_with_retry(&store).await?;
        keys_command(&store, args.command).await
    }
    .await;
    store.close().await;
    if let Some(pg) = embedded.filter(|pg| !pg.adopted()) {
        pg.stop().await.context("stopping the embedded PostgreSQL cluster")?;
    }
    result
}

async fn keys_command(store: &Store, command: KeysCommand) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match command {
        KeysCommand::Create { role, name } => {
            geoevents_api::auth::check_key_name(&name).map_err(|m| anyhow::anyhow!("--name: {m}"))?;
            let created = geoevents_api::keys::make_key(store, &name, role.into())
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            writeln!(out, "{}", created.key)?;
            eprintln!("made {} key '{name}'; it is shown only this once", created.stored.role.as_str());
        }
        KeysCommand::List => {
            writeln!(
                out,
                "{:<24} {:<7} {:<13} {:<20} {:<20} revoked",
                "name", "role", "prefix", "created", "last used"
            )?;
            let at = |t: Option<chrono::DateTime<chrono::Utc>>| {
                t.map_or("-".to_owned(), |t| t.format("%Y-%m-%d %H:%M").to_string())
            };
            for key in store.list_keys().await? {
                writeln!(
                    out,
                    "{:<24} {:<7} {:<13} {:<20} {:<20} {}",
                    key.name,
                    key.role,
                    key.prefix,
                    at(Some(key.created_at)),
                    at(key.last_used_at),
                    at(key.revoked_at)
                )?;
            }
        }
        KeysCommand::Revoke { name } => match store.revoke_key(&name).await? {
            Some(_) => eprintln!("revoked key '{name}'"),
            None => bail!("no key in use is named '{name}'"),
        },
    }
    Ok(())
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let (options, embedded) = database(&args.db).await?;

    let store = Store::connect_lazy(
        options,
        PoolConfig { max_connections: args.db_max_connections, acquire_timeout: Duration::from_secs(5) },
    );
    migrate_with_retry(&store).await?;
    announce_access(&store, &args).await?;

    let watchdog = embedded.clone().map(|pg| tokio::spawn(restart_when_stopped(pg)));
    let state = AppState::new(
        store.clone(),
        ApiConfig {
            max_body_bytes: args.max_body_bytes,
            request_timeout: Duration::from_secs(args.request_timeout_secs),
            heartbeat: Duration::from_secs(args.heartbeat_secs),
            access: geoevents_api::auth::AccessPolicy {
                read: args.read_access.into(),
                write: args.write_access.into(),
            },
            cors_origins: args.cors_origins.clone(),
            extraction_slots: match args.extraction_slots {
                0 => ApiConfig::default().extraction_slots,
                n => n,
            },
            extraction_wait: Duration::from_millis(args.extraction_wait_ms),
            max_ndjson_lines: args.max_ndjson_lines,
            max_article_chars: args.max_article_chars,
            body_read_timeout: Duration::from_secs(args.body_read_timeout_secs),
            header_read_timeout: Duration::from_secs(args.header_read_timeout_secs),
            rate_limits: geoevents_api::limits::RateLimits {
                per_key: args.rate_limit_key,
                anonymous: args.rate_limit_anonymous,
                window: Duration::from_secs(args.rate_limit_window_secs),
            },
        },
    );
    // Articles whose extraction failed under an earlier extractor get another try.
    let repair = tokio::spawn({
        let state = state.clone();
        async move {
            match geoevents_api::reextract_failed(&state, ReextractScope::OtherVersions).await {
                Ok(report) if report.examined > 0 => tracing::info!(
                    examined = report.examined,
                    filled = report.filled,
                    events = report.events,
                    failed_again = report.failed_again,
                    "re-extracted articles whose extraction had failed"
                ),
                Ok(_) => {}
                Err(err) => tracing::error!(error = %err, "re-extraction of failed articles stopped"),
            }
        }
    });
    let listener =
        tokio::net::TcpListener::bind(args.bind).await.with_context(|| format!("binding {}", args.bind))?;
    tracing::info!(address = %listener.local_addr()?, "geoevents is listening");

    let streams = state.clone();
    let header_read_timeout = state.config.header_read_timeout;
    let connections =
        geoevents_api::serve(listener, geoevents_api::router(state), header_read_timeout, async move {
            shutdown_signal().await;
            tracing::info!("shutting down: finishing in-flight requests");
            streams.close_streams();
        })
        .await;
    let grace = Duration::from_secs(args.shutdown_timeout_secs);
    tokio::select! {
        () = connections.shutdown() => {}
        () = tokio::time::sleep(grace) => tracing::warn!("in-flight requests did not finish in {grace:?}; closing anyway"),
    }

    if let Some(watchdog) = watchdog {
        watchdog.abort();
    }
    repair.abort();
    store.close().await;
    if let Some(pg) = embedded {
        pg.stop().await.context("stopping the embedded PostgreSQL cluster")?;
        tracing::info!("embedded PostgreSQL stopped");
    }
    Ok(())
}

/// An origin as browsers send it: `scheme://host[:port]`, nothing after; or `*`.
fn cors_origin(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text == "*" {
        return Ok(text.to_owned());
    }
    let (scheme, rest) = text.split_once("://").ok_or("an origin is scheme://host[:port], or *")?;
    let host_fine = !rest.is_empty()
        && rest.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if !matches!(scheme, "http" | "https") || !host_fine {
        return Err(format!("'{text}' is not an origin: http(s)://host[:port], with no path"));
    }
    Ok(text.to_owned())
}

/// Says, once at start, what the access policy leaves open and how to make the first key.
async fn announce_access(store: &Store, args: &ServeArgs) -> anyhow::Result<()> {
    if args.write_access == AccessArg::Open {
        tracing::warn!(
            "WRITES ARE OPEN (--write-access open): anyone who can reach {} can ingest articles and \
             correct, merge, split and retract events. Use this for local development only.",
            args.bind
        );
    }
    let keyed = args.write_access == AccessArg::Key || args.read_access == AccessArg::Key;
    if keyed && store.keys_in_use().await.context("counting API keys")? == 0 {
        tracing::warn!(
            "no API keys exist yet, so nobody can {}. Make one with \
             `geoevents keys create --role admin --name <name>` (it prints the key; send it as \
             `Authorization: Bearer <key>`), or run with --write-access open for local development.",
            if args.read_access == AccessArg::Key { "read or write" } else { "write" }
        );
    }
    Ok(())
}

/// The database may still be starting (a compose stack, a restart): retry for a while.
async fn migrate_with_retry(store: &Store) -> anyhow::Result<()> {
    let mut attempt = 0;
    loop {
        match store.migrate().await {
            Ok(()) => return Ok(()),
            Err(err) if attempt < 30 => {
                attempt += 1;
                tracing::warn!(error = %err, attempt, "database not ready; retrying migrations");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(err) => return Err(err).context("applying database migrations"),
        }
    }
}

/// Keeps the embedded cluster up if something kills it under the running service.
async fn restart_when_stopped(pg: EmbeddedPostgres) {
    let mut tick = tokio::time::interval(Duration::from_secs(2));
    loop {
        tick.tick().await;
        if let Err(err) = pg.restart_if_stopped().await {
            tracing::error!(error = %err, "could not restart the embedded PostgreSQL cluster");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

fn eval(args: EvalArgs) -> anyhow::Result<()> {
    let gold =
        std::fs::read_to_string(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let report = match args.format {
        EvalFormat::Articles => geoevents_extract::eval::evaluate_articles(&gold).map(|r| r.to_string()),
        EvalFormat::Plover => geoevents_extract::eval::evaluate_plover(&gold).map(|r| r.to_string()),
    };
    match report {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{text}")?;
            Ok(out.flush()?)
        }
        Err(err) => bail!("{}: {err}", args.file.display()),
    }
}

fn parse() -> anyhow::Result<()> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).context("reading stdin")?;
    let model = geoevents_syntax::model().map_err(anyhow::Error::msg)?;
    let sentences = model.parse(&text);
    let mut out = std::io::stdout().lock();
    out.write_all(geoevents_syntax::conllu::write(&text, &sentences).as_bytes())?;
    Ok(())
}

fn syntax(command: SyntaxCommand) -> anyhow::Result<()> {
    match command {
        SyntaxCommand::Train { treebank, out, seed, parser_epochs, tagger_epochs, folds, greedy } => {
            let data = std::fs::read_to_string(&treebank)
                .with_context(|| format!("reading {}", treebank.display()))?;
            let settings = geoevents_syntax::train::Settings {
                seed,
                tagger_epochs,
                parser_epochs,
                folds,
                beam: !greedy,
            };
            let started = std::time::Instant::now();
            let model = geoevents_syntax::train::train(&data, settings, &mut |step| {
                eprintln!("[{:>6.1}s] {step}", started.elapsed().as_secs_f64());
            })
            .map_err(anyhow::Error::msg)?;
            let bytes = model.to_bytes();
            std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
            eprintln!(
                "wrote {} ({:.1} MB) in {:.0} s",
                out.display(),
                bytes.len() as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        SyntaxCommand::Eval { split, model } => {
            let data =
                std::fs::read_to_string(&split).with_context(|| format!("reading {}", split.display()))?;
            let gold = geoevents_syntax::conllu::read(&data).map_err(anyhow::Error::msg)?;
            let loaded;
            let model = match model {
                Some(path) => {
                    let bytes =
                        std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
                    loaded = geoevents_syntax::Model::from_bytes(&bytes).map_err(anyhow::Error::msg)?;
                    &loaded
                }
                None => geoevents_syntax::model().map_err(anyhow::Error::msg)?,
            };
            println!(
                "{}: {} sentences\n{}",
                split.display(),
                gold.len(),
                geoevents_syntax::eval::evaluate(model, &gold)
            );
            Ok(())
        }
    }
}

/// The result line for one JSON Lines record: its extraction, or `{"line", "id", "error"}`
/// when the record is malformed or its extraction failed. A failed record never stops the
/// records after it.
fn extract_line(line_no: usize, line: &str) -> serde_json::Value {
    extract_line_with(line_no, line, geoevents_extract::extract_events)
}

fn extract_line_with(line_no: usize, line: &str, stage: geoevents_extract::EventStage) -> serde_json::Value {
    let request = match serde_json::from_str::<ArticleRequest>(line) {
        Ok(request) => request,
        Err(err) => return serde_json::json!({ "line": line_no, "error": format!("line {line_no}: {err}") }),
    };
    let id = request.id.clone();
    let input = match geoevents_api::validate_article(request) {
        Ok(input) => input,
        Err(err) => {
            return serde_json::json!({ "line": line_no, "id": id, "error": format!("line {line_no}: {err}") });
        }
    };
    let guarded = geoevents_extract::extract_guarded_with(&input, stage);
    match guarded.failure {
        None => serde_json::to_value(ExtractionDto::new(&guarded.extraction, id)).unwrap_or_default(),
        Some(cause) => serde_json::json!({
            "line": line_no,
            "id": id,
            "error": format!("line {line_no}: extraction failed: {cause}"),
        }),
    }
}

fn extract(args: ExtractArgs) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.jsonl {
        for (index, line) in std::io::stdin().lock().lines().enumerate() {
            let line = line.context("reading stdin")?;
            if line.trim().is_empty() {
                continue;
            }
            serde_json::to_writer(&mut out, &extract_line(index + 1, &line))?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        return Ok(());
    }

    let mut body = String::new();
    if args.file == "-" {
        std::io::stdin().read_to_string(&mut body).context("reading stdin")?;
    } else {
        body = std::fs::read_to_string(&args.file).with_context(|| format!("reading {}", args.file))?;
    }
    let is_html = args.html || body.trim_start().starts_with('<');
    let request = ArticleRequest {
        url: args.url,
        published_at: args.published_at,
        text: (!is_html).then(|| body.clone()),
        html: is_html.then_some(body),
        ..ArticleRequest::default()
    };
    let input = match geoevents_api::validate_article(request) {
        Ok(input) => input,
        Err(err) => bail!("{err}"),
    };
    if args.explain {
        let (extraction, candidates) = geoevents_extract::explain(&input);
        out.write_all(geoevents_extract::explain_text(&extraction.article.text, &candidates).as_bytes())?;
        writeln!(out, "\nevents: {}", extraction.events.len())?;
        for e in &extraction.events {
            let code =
                |a: &Option<geoevents_domain::Actor>| a.as_ref().map_or("-".to_owned(), |a| a.code.clone());
            writeln!(
                out,
                "  {} {} -> {} {} ({})",
                e.kind,
                code(&e.actor),
                code(&e.target),
                e.modality,
                e.summary
            )?;
        }
        for d in &extraction.diagnostics {
            writeln!(out, "  note {}: {}", d.code, d.message)?;
        }
        out.flush()?;
        return Ok(());
    }
    let guarded = geoevents_extract::extract_guarded(&input);
    if let Some(cause) = &guarded.failure {
        eprintln!("warning: extraction failed ({cause}); the article is shown without events");
    }
    serde_json::to_writer_pretty(&mut out, &ExtractionDto::new(&guarded.extraction, None))?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exploding_on_marker(
        article: &geoevents_domain::NormalizedArticle,
    ) -> (Vec<geoevents_domain::ExtractedEvent>, Vec<geoevents_domain::Diagnostic>) {
        assert!(!article.text.contains("EXPLODE"), "the event stage failed");
        geoevents_extract::extract_events(article)
    }

    #[test]
    fn a_record_whose_extraction_fails_gives_an_error_line_and_the_next_record_goes_on() {
        let lines = [
            r#"{"id": 1, "text": "Iran seized a tanker on Friday.", "published_at": "2024-04-12"}"#,
            r#"{"id": 2, "text": "EXPLODE here. Iran seized a tanker on Friday."}"#,
            r#"{"id": 3, "text": "Russia expelled two Estonian diplomats on Tuesday.", "published_at": "2024-10-15"}"#,
            r#"{"id": 4, "text": "#,
        ];
        let out: Vec<serde_json::Value> =
            lines.iter().enumerate().map(|(i, l)| extract_line_with(i + 1, l, exploding_on_marker)).collect();
        assert_eq!(out[0]["id"], 1);
        assert!(out[0]["events"].as_array().is_some_and(|e| !e.is_empty()), "{}", out[0]);
        assert_eq!(out[1]["id"], 2);
        assert_eq!(out[1]["line"], 2);
        assert!(out[1]["error"].as_str().is_some_and(|e| e.contains("extraction failed")), "{}", out[1]);
        assert!(out[2]["events"].as_array().is_some_and(|e| !e.is_empty()), "{}", out[2]);
        assert!(out[3]["error"].as_str().is_some_and(|e| e.starts_with("line 4:")), "{}", out[3]);
    }
}
