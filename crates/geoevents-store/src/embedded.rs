//! A PostgreSQL cluster the service runs itself, from the PostgreSQL binaries installed on
//! the machine: the default when no `DATABASE_URL` is given, and the test harness's database
//! when none is given to the tests either.
//!
//! The cluster listens only on a Unix socket in a private directory, so it never competes
//! for a TCP port. PostgreSQL refuses to run as root; when this process is root the cluster
//! runs as the unprivileged `postgres` system user (or `GEOEVENTS_PG_USER`). A stale
//! `postmaster.pid` left by a killed run is recognised and removed, and a cluster left
//! running by a crashed run is adopted.
//!
//! No path ever passes through a shell: the postmaster is started directly with its
//! arguments as separate words (not through `pg_ctl start`, which builds a shell command
//! line), so a project folder whose name holds spaces, quotes or `$` works like any other.

use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use sqlx::ConnectOptions;
use sqlx::postgres::PgConnectOptions;
use tokio::process::Command;

/// The port number in the socket file name (`.s.PGSQL.<port>`); nothing listens on TCP.
const SOCKET_PORT: u16 = 5432;
/// Unix socket paths are limited to about 107 bytes.
const MAX_SOCKET_DIR_LEN: usize = 90;

/// What went wrong starting or stopping the embedded cluster.
#[derive(Debug, thiserror::Error)]
pub enum EmbeddedError {
    /// No PostgreSQL server binaries were found.
    #[error(
        "no PostgreSQL server binaries found: looked for initdb, pg_ctl and postgres in {searched}. \
         Install the PostgreSQL server (Debian/Ubuntu: `apt-get install postgresql`; Fedora: \
         `dnf install postgresql-server`; macOS: `brew install postgresql@16`), or point \
         --pg-bin-dir (GEOEVENTS_PG_BIN_DIR) at the directory holding them, or set DATABASE_URL \
         to use an existing database"
    )]
    BinariesNotFound {
        /// Where we looked.
        searched: String,
    },
    /// Running as root and no unprivileged user exists to run PostgreSQL.
    #[error(
        "PostgreSQL refuses to run as root and the user '{user}' does not exist; create it \
         (`useradd --system --no-create-home {user}`), set GEOEVENTS_PG_USER to another \
         unprivileged user, run geoevents as a normal user, or set DATABASE_URL"
    )]
    NoUnprivilegedUser {
        /// The user we looked for.
        user: String,
    },
    /// A PostgreSQL tool failed.
    #[error("{tool} failed ({status}); see {log}")]
    ToolFailed {
        /// Which tool.
        tool: &'static str,
        /// Its exit status.
        status: String,
        /// Where its output went.
        log: String,
    },
    /// A file-system step failed.
    #[error("{what} {path}: {source}")]
    Io {
        /// What we were doing.
        what: &'static str,
        /// On which path.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The cluster started but did not accept connections.
    #[error("the embedded PostgreSQL cluster did not accept connections: {0}")]
    Connect(#[source] sqlx::Error),
}

fn io_err<'a>(what: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> EmbeddedError + 'a {
    move |source| EmbeddedError::Io { what, path: path.display().to_string(), source }
}

/// How the cluster is tuned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Normal crash-safe settings: the service's own data.
    Durable,
    /// fsync and synchronous commit off: throwaway test clusters.
    Ephemeral,
}

/// A running cluster started (or adopted) by this process.
#[derive(Debug, Clone)]
pub struct EmbeddedPostgres {
    bin_dir: PathBuf,
    cluster_dir: PathBuf,
    socket_dir: PathBuf,
    log_file: PathBuf,
    run_as: Option<(u32, u32)>,
    durability: Durability,
    /// Whether `start` found the cluster already running (another process's) and adopted it.
    adopted: bool,
}

impl EmbeddedPostgres {
    /// Starts the cluster kept in `data_dir`, creating it on first use. `bin_dir` overrides
    /// the search for PostgreSQL binaries.
    pub async fn start(
        data_dir: &Path,
        bin_dir: Option<&Path>,
        durability: Durability,
    ) -> Result<Self, EmbeddedError> {
        let bin_dir = find_binaries(bin_dir)?;
        let run_as = unprivileged_identity()?;
        std::fs::create_dir_all(data_dir).map_err(io_err("cannot create data directory", data_dir))?;
        let data_dir = std::fs::canonicalize(data_dir).map_err(io_err("cannot resolve", data_dir))?;
        let cluster_dir = cluster_dir_for(&data_dir, run_as);
        let socket_dir = socket_dir_for(&cluster_dir);
        let log_file = cluster_dir.with_extension("log");
        let mut pg = Self { bin_dir, cluster_dir, socket_dir, log_file, run_as, durability, adopted: false };
        pg.init_if_needed().await?;
        pg.adopted = pg.start_server().await?;
        Ok(pg)
    }

    /// Connection options for `database` on this cluster, as the `postgres` superuser.
    pub fn connect_options(&self, database: &str) -> PgConnectOptions {
        PgConnectOptions::new()
            .socket(&self.socket_dir)
            .port(SOCKET_PORT)
            .username("postgres")
            .database(database)
    }

    /// A `postgres://` URL for humans and `psql`.
    pub fn url(&self, database: &str) -> String {
        format!("postgres:///{database}?host={}&user=postgres", self.socket_dir.display())
    }

    /// Creates `database` unless it exists.
    pub async fn ensure_database(&self, database: &str) -> Result<(), crate::StoreError> {
        let admin = self.connect_options("postgres");
        let mut conn = admin.connect().await?;
        let exists = sqlx::query_scalar!("select 1 as one from pg_database where datname = $1", database)
            .fetch_optional(&mut conn)
            .await?;
        if exists.is_none() {
            crate::admin::create_database(&admin, database).await?;
        }
        Ok(())
    }

    /// Whether `start` found the cluster running (a server using it, or a crashed run's) rather
    /// than starting it: a short-lived command must then leave it running.
    pub fn adopted(&self) -> bool {
        self.adopted
    }

    /// Whether the postmaster is alive.
    pub fn is_running(&self) -> bool {
        read_pid(&self.cluster_dir).is_some_and(|pid| is_postgres_process(pid, &self.cluster_dir))
    }

    /// Restarts the cluster if its postmaster has died; returns whether it did.
    pub async fn restart_if_stopped(&self) -> Result<bool, EmbeddedError> {
        if self.is_running() {
            return Ok(false);
        }
        tracing::warn!(cluster = %self.cluster_dir.display(), "embedded PostgreSQL is not running; restarting it");
        self.start_server().await?;
        Ok(true)
    }

    /// Stops the cluster cleanly (fast mode: running transactions are rolled back).
    pub async fn stop(&self) -> Result<(), EmbeddedError> {
        if !self.is_running() {
            return Ok(());
        }
        let mut cmd = self.tool("pg_ctl");
        cmd.arg("stop").arg("-D").arg(&self.cluster_dir).args(["-m", "fast", "-w", "-t", "60"]);
        self.run(cmd, "pg_ctl stop").await
    }

    /// Arranges for the cluster to be stopped and `remove` (and the socket directory)
    /// deleted once process `pid` exits,
    /// even if it is killed. Test harnesses use it: Rust tests have no global teardown.
    pub fn stop_when_process_exits(&self, pid: u32, remove: &Path) -> Result<(), EmbeddedError> {
        // The paths reach the script as positional parameters, never spliced into its text,
        // so no character in them can break it. The postmaster gets SIGQUIT (immediate
        // shutdown) directly: `pg_ctl` refuses to run as root, which the watcher may be.
        const SCRIPT: &str = r#"while kill -0 "$1" 2>/dev/null; do sleep 1; done
pid=$(head -n 1 "$2/postmaster.pid" 2>/dev/null)
if [ -n "$pid" ]; then
  kill -QUIT "$pid" 2>/dev/null
  i=0
  while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
fi
rm -rf -- "$3" "$4""#;
        let mut cmd = std::process::Command::new("sh");
        cmd.arg("-c")
            .arg(SCRIPT)
            .arg("geoevents-cleanup")
            .arg(pid.to_string())
            .arg(&self.cluster_dir)
            .arg(remove)
            .arg(&self.socket_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0);
        cmd.spawn().map_err(io_err("cannot start the cleanup watcher for", &self.cluster_dir))?;
        Ok(())
    }

    /// Where the cluster keeps its files.
    pub fn cluster_dir(&self) -> &Path {
        &self.cluster_dir
    }

    async fn init_if_needed(&self) -> Result<(), EmbeddedError> {
        if self.cluster_dir.join("PG_VERSION").exists() {
            return Ok(());
        }
        // A directory without PG_VERSION is an initdb that was interrupted: start over.
        if self.cluster_dir.exists() {
            std::fs::remove_dir_all(&self.cluster_dir)
                .map_err(io_err("cannot clear half-initialised cluster", &self.cluster_dir))?;
        }
        self.make_private_dir(&self.cluster_dir)?;
        let mut cmd = self.tool("initdb");
        cmd.arg("-D").arg(&self.cluster_dir).args([
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        ]);
        self.run(cmd, "initdb").await
    }

    /// Starts the postmaster, or adopts one already running; returns whether it adopted.
    async fn start_server(&self) -> Result<bool, EmbeddedError> {
        self.make_private_dir(&self.socket_dir)?;
        if let Some(pid) = read_pid(&self.cluster_dir) {
            if is_postgres_process(pid, &self.cluster_dir) {
                // Left running by an earlier run that did not stop it: adopt it.
                tracing::info!(pid, "adopting a running embedded PostgreSQL cluster");
                return self.wait_until_accepting(None).await.map(|()| true);
            }
            // A killed run left its lock behind; the pid may since belong to anything.
            let _ = std::fs::remove_file(self.cluster_dir.join("postmaster.pid"));
        }
        let _ = std::fs::remove_file(self.socket_dir.join(format!(".s.PGSQL.{SOCKET_PORT}.lock")));
        let _ = std::fs::remove_file(self.socket_dir.join(format!(".s.PGSQL.{SOCKET_PORT}")));
        self.ensure_log_writable()?;
        let exited = self.spawn_postmaster()?;
        self.wait_until_accepting(Some(&exited)).await.map(|()| false)
    }

    /// Starts the postmaster in a process group of its own (Ctrl-C in the terminal reaches
    /// the service, which then stops the cluster cleanly) and reaps it from a thread of its
    /// own whenever it exits. The returned cell holds its exit status once it has exited.
    fn spawn_postmaster(&self) -> Result<Arc<OnceLock<ExitStatus>>, EmbeddedError> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log_file)
            .map_err(io_err("cannot write", &self.log_file))?;
        let log_err = log.try_clone().map_err(io_err("cannot write", &self.log_file))?;
        let postgres = self.bin_dir.join("postgres");
        let mut cmd = std::process::Command::new(&postgres);
        cmd.arg("-D")
            .arg(&self.cluster_dir)
            .arg("-k")
            .arg(&self.socket_dir)
            .arg("-p")
            .arg(SOCKET_PORT.to_string())
            .args(["-c", "listen_addresses="]);
        if self.durability == Durability::Ephemeral {
            cmd.args(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }
        cmd.stdin(Stdio::null()).stdout(log).stderr(log_err).env("LC_ALL", "C").process_group(0);
        if let Some((uid, gid)) = self.run_as {
            cmd.uid(uid).gid(gid).current_dir("/");
        }
        let mut child = cmd.spawn().map_err(io_err("cannot run", &postgres))?;
        let exited = Arc::new(OnceLock::new());
        let cell = Arc::clone(&exited);
        std::thread::Builder::new()
            .name("postgres-reaper".to_owned())
            .spawn(move || {
                if let Ok(status) = child.wait() {
                    let _ = cell.set(status);
                }
            })
            .map_err(io_err("cannot watch the postmaster of", &self.cluster_dir))?;
        Ok(exited)
    }

    /// Waits up to a minute for the cluster to accept connections; gives up at once if the
    /// postmaster we started has exited (a bad setting, a port or lock clash: see its log).
    async fn wait_until_accepting(&self, exited: Option<&OnceLock<ExitStatus>>) -> Result<(), EmbeddedError> {
        let mut last = None;
        for _ in 0..600 {
            match self.connect_options("postgres").connect().await {
                Ok(_) => return Ok(()),
                Err(err) => last = Some(err),
            }
            if let Some(status) = exited.and_then(OnceLock::get) {
                return Err(EmbeddedError::ToolFailed {
                    tool: "postgres",
                    status: status.to_string(),
                    log: self.log_file.display().to_string(),
                });
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(EmbeddedError::Connect(last.unwrap_or(sqlx::Error::PoolTimedOut)))
    }

    fn tool(&self, name: &str) -> Command {
        let mut cmd = Command::new(self.bin_dir.join(name));
        cmd.stdin(std::process::Stdio::null()).env("LC_ALL", "C").kill_on_drop(false);
        if let Some((uid, gid)) = self.run_as {
            cmd.uid(uid).gid(gid);
            // The tools chdir nowhere; make sure the working directory is reachable.
            cmd.current_dir("/");
        }
        cmd
    }

    async fn run(&self, mut cmd: Command, tool: &'static str) -> Result<(), EmbeddedError> {
        let log = self.cluster_dir.with_extension(format!("{}.out", tool.replace(' ', "-")));
        let out = std::fs::File::create(&log).map_err(io_err("cannot write", &log))?;
        let err = out.try_clone().map_err(io_err("cannot write", &log))?;
        cmd.stdout(out).stderr(err);
        let status = cmd.status().await.map_err(io_err("cannot run", &self.bin_dir))?;
        if status.success() {
            Ok(())
        } else {
            Err(EmbeddedError::ToolFailed {
                tool,
                status: status.to_string(),
                log: format!("{} and {}", log.display(), self.log_file.display()),
            })
        }
    }

    fn make_private_dir(&self, dir: &Path) -> Result<(), EmbeddedError> {
        std::fs::create_dir_all(dir).map_err(io_err("cannot create", dir))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(io_err("cannot set permissions on", dir))?;
        if let Some((uid, gid)) = self.run_as {
            std::os::unix::fs::chown(dir, Some(uid), Some(gid)).map_err(io_err("cannot chown", dir))?;
        }
        Ok(())
    }

    fn ensure_log_writable(&self) -> Result<(), EmbeddedError> {
        if let Some((uid, gid)) = self.run_as {
            if !self.log_file.exists() {
                std::fs::File::create(&self.log_file).map_err(io_err("cannot create", &self.log_file))?;
            }
            std::os::unix::fs::chown(&self.log_file, Some(uid), Some(gid))
                .map_err(io_err("cannot chown", &self.log_file))?;
        }
        Ok(())
    }
}

/// Finds a directory holding `initdb`, `pg_ctl` and `postgres`: the explicit one, else the
/// one `pg_ctl` on PATH resolves to, else the newest `/usr/lib/postgresql/*/bin` (Debian),
/// `/usr/pgsql-*/bin` (RPM) or Homebrew's prefix.
pub fn find_binaries(explicit: Option<&Path>) -> Result<PathBuf, EmbeddedError> {
    let complete = |dir: &Path| ["initdb", "pg_ctl", "postgres"].iter().all(|tool| dir.join(tool).is_file());
    let mut searched = Vec::new();
    if let Some(dir) = explicit {
        if complete(dir) {
            return Ok(dir.to_path_buf());
        }
        searched.push(dir.display().to_string());
        return Err(EmbeddedError::BinariesNotFound { searched: searched.join(", ") });
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            let pg_ctl = dir.join("pg_ctl");
            if let Ok(real) = std::fs::canonicalize(&pg_ctl)
                && let Some(real_dir) = real.parent()
                && complete(real_dir)
            {
                return Ok(real_dir.to_path_buf());
            }
        }
        searched.push("PATH".to_owned());
    }
    let mut candidates: Vec<(u32, PathBuf)> = Vec::new();
    for (root, prefix) in
        [("/usr/lib/postgresql", ""), ("/usr", "pgsql-"), ("/opt/homebrew/opt", "postgresql@")]
    {
        searched.push(format!("{root}/{prefix}*"));
        let Ok(entries) = std::fs::read_dir(root) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(version) = name.strip_prefix(prefix) else { continue };
            let major = version.split('.').next().and_then(|v| v.parse::<u32>().ok());
            let bin = entry.path().join("bin");
            if let Some(major) = major
                && complete(&bin)
            {
                candidates.push((major, bin));
            }
        }
    }
    candidates.sort();
    candidates
        .pop()
        .map(|(_, dir)| dir)
        .ok_or_else(|| EmbeddedError::BinariesNotFound { searched: searched.join(", ") })
}

/// When this process is root, the uid and gid the cluster must run as, looked up through
/// the system's user database (NSS: local files, LDAP, whatever the machine is set up with).
fn unprivileged_identity() -> Result<Option<(u32, u32)>, EmbeddedError> {
    if !nix::unistd::geteuid().is_root() {
        return Ok(None);
    }
    let user = std::env::var("GEOEVENTS_PG_USER").unwrap_or_else(|_| "postgres".to_owned());
    match nix::unistd::User::from_name(&user) {
        Ok(Some(found)) if !found.uid.is_root() => Ok(Some((found.uid.as_raw(), found.gid.as_raw()))),
        _ => Err(EmbeddedError::NoUnprivilegedUser { user }),
    }
}

/// The cluster lives in `<data_dir>/postgres` unless the unprivileged user cannot reach it
/// (a data directory under root's 0700 home, say); then in a directory of its own under
/// /var/tmp named after the data directory, so the data still survives restarts.
fn cluster_dir_for(data_dir: &Path, run_as: Option<(u32, u32)>) -> PathBuf {
    let preferred = data_dir.join("postgres");
    let Some((uid, gid)) = run_as else { return preferred };
    if reachable_by(data_dir, uid, gid) {
        return preferred;
    }
    let fallback = PathBuf::from("/var/tmp").join(format!("geoevents-pg-{:016x}", path_hash(data_dir)));
    tracing::warn!(
        data_dir = %data_dir.display(),
        cluster = %fallback.display(),
        "the PostgreSQL user cannot reach the data directory; keeping the cluster elsewhere"
    );
    fallback
}

/// The socket directory: beside the cluster when its path is short enough for a Unix socket
/// and plain (PostgreSQL reads `-k` as a comma-separated list, so commas, quotes and spaces
/// would change its meaning), else a short private directory under /tmp named by a hash.
fn socket_dir_for(cluster_dir: &Path) -> PathBuf {
    let preferred = cluster_dir.with_extension("run");
    let plain =
        preferred.as_os_str().as_bytes().iter().all(|b| b.is_ascii_alphanumeric() || b"/._-+@".contains(b));
    if plain && preferred.as_os_str().len() <= MAX_SOCKET_DIR_LEN {
        preferred
    } else {
        PathBuf::from("/tmp").join(format!("geoevents-pg-{:016x}", path_hash(cluster_dir)))
    }
}

/// FNV-1a (64 bit) of the path's bytes: names derived from it must stay the same across
/// Rust releases and runs, which `DefaultHasher` does not promise.
fn path_hash(path: &Path) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    path.as_os_str()
        .as_bytes()
        .iter()
        .fold(OFFSET, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(PRIME))
}

/// Whether every ancestor of `dir` (and `dir` itself) is searchable by uid/gid.
fn reachable_by(dir: &Path, uid: u32, gid: u32) -> bool {
    dir.ancestors().all(|ancestor| {
        let Ok(meta) = std::fs::metadata(ancestor) else { return false };
        let mode = meta.mode();
        if meta.uid() == uid {
            mode & 0o100 != 0
        } else if meta.gid() == gid {
            mode & 0o010 != 0
        } else {
            mode & 0o001 != 0
        }
    })
}

fn read_pid(cluster_dir: &Path) -> Option<u32> {
    let text = std::fs::read_to_string(cluster_dir.join("postmaster.pid")).ok()?;
    text.lines().next()?.trim().parse().ok()
}

/// Whether `pid` is a live postgres postmaster serving `cluster_dir` (not some other process
/// that inherited a recycled pid).
fn is_postgres_process(pid: u32, cluster_dir: &Path) -> bool {
    let Ok(cmdline) = std::fs::read(format!("/proc/{pid}/cmdline")) else { return false };
    let cmdline = String::from_utf8_lossy(&cmdline);
    let mut args = cmdline.split('\0');
    let is_postgres = args.next().is_some_and(|exe| exe.ends_with("postgres") || exe.ends_with("postmaster"));
    let dir = cluster_dir.display().to_string();
    is_postgres && cmdline.split('\0').any(|arg| arg == dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_directory_without_the_binaries_is_refused_with_advice() {
        let err = find_binaries(Some(Path::new("/nonexistent/pg/bin"))).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("/nonexistent/pg/bin"), "{message}");
        assert!(message.contains("apt-get install postgresql"), "{message}");
        assert!(message.contains("DATABASE_URL"), "{message}");
    }

    #[test]
    fn long_cluster_paths_get_a_short_socket_directory() {
        let long = PathBuf::from(format!("/tmp/{}/postgres", "x".repeat(120)));
        let socket = socket_dir_for(&long);
        assert!(socket.as_os_str().len() <= MAX_SOCKET_DIR_LEN, "{}", socket.display());
        let short = PathBuf::from("/srv/geoevents/postgres");
        assert_eq!(socket_dir_for(&short), PathBuf::from("/srv/geoevents/postgres.run"));
    }

    #[test]
    fn cluster_paths_with_spaces_quotes_or_commas_get_a_plain_socket_directory() {
        for odd in
            ["/srv/geo events/postgres", "/srv/it's/postgres", "/srv/a,b/postgres", "/srv/\"q\"/postgres"]
        {
            let socket = socket_dir_for(Path::new(odd));
            let text = socket.to_str().expect("utf-8");
            assert!(text.starts_with("/tmp/geoevents-pg-"), "{odd} -> {text}");
            assert!(!text.contains([' ', '\'', '"', ',']), "{text}");
        }
    }

    #[test]
    fn the_path_hash_is_fnv1a_and_so_stable_across_toolchains() {
        // FNV-1a 64 of the bytes, computed independently: a toolchain upgrade must not move
        // an existing cluster's fallback directory.
        assert_eq!(path_hash(Path::new("/srv/geoevents/data")), 0xdee3_1280_4e08_cf8d);
        assert_ne!(path_hash(Path::new("/srv/geoevents/data")), path_hash(Path::new("/srv/geoevents/dat")));
    }

    #[test]
    fn a_pid_that_is_not_our_postmaster_is_not_taken_for_one() {
        let me = std::process::id();
        assert!(!is_postgres_process(me, Path::new("/srv/geoevents/postgres")));
        assert!(!is_postgres_process(u32::MAX - 1, Path::new("/srv/geoevents/postgres")));
    }
}
