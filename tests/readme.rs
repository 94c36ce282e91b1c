//! The README, run: every shell command under "Try it" and "Offline extraction" is executed
//! as written, with `sh`, against a real server started from the built binary on its own
//! embedded PostgreSQL cluster (in a folder whose name holds a space and quotes, as a user's
//! project folder may). Only three things are adapted: the address (the server takes a free
//! port), `cargo run --release --` (the binary cargo just built), and the README's id
//! placeholders (`evt_…`, `art_…`, `src_…`, `evt_A`, `evt_B`), which become ids of events
//! the walkthrough stored. `curl` gets `--fail-with-body`, so an error answer fails the test,
//! and a live stream (`curl -N`), which a reader stops with Ctrl-C, is read for three seconds.
//!
//! Checked: every command succeeds and prints JSON; the examples shipped in `examples/` give
//! exactly the events the README's table says, from `POST /v1/articles`, `/v1/extract` and
//! `geoevents extract` alike; the NDJSON batch fails its bad line alone. So the README
//! cannot drift from what the service does.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const README_BASE: &str = "http://127.0.0.1:8080";
const SECTIONS: [&str; 2] = ["Try it", "Offline extraction"];
const TABLE_HEADER: &str = "| example | kind | actor | target | modality |";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The server under test, stopped (SIGTERM, as Ctrl-C would) and its folder removed on drop.
struct Server {
    child: Child,
    base: String,
    dir: PathBuf,
}

impl Server {
    fn start() -> Self {
        let dir =
            std::env::temp_dir().join(format!("geoevents readme 'it's \"here\"' {}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let mut child = Command::new(env!("CARGO_BIN_EXE_geoevents"))
            .args([
                "--log-format",
                "json",
                "serve",
                "--bind",
                "127.0.0.1:0",
                "--write-access",
                "open",
                "--data-dir",
            ])
            .arg(dir.join("data"))
            .env_remove("DATABASE_URL")
            .env("RUST_LOG", "geoevents=info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the geoevents binary starts");
        let stderr = child.stderr.take().expect("piped stderr");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let parsed: Value = serde_json::from_str(&line).unwrap_or(Value::Null);
                if let Some(address) = parsed["fields"]["address"].as_str() {
                    let _ = tx.send(Ok(address.to_owned()));
                } else if !line.contains("\"level\":\"INFO\"") {
                    let _ = tx.send(Err(line));
                }
            }
        });
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut noise = Vec::new();
        let address = loop {
            match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(Ok(address)) => break address,
                Ok(Err(line)) => noise.push(line),
                Err(_) => {
                    let _ = child.kill();
                    panic!("the server did not start listening: {}", noise.join("\n"));
                }
            }
        };
        Server { child, base: format!("http://{address}"), dir }
    }

    fn stop(&mut self) -> bool {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        false
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            self.stop();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The fenced `sh` blocks under the given `##` headings.
fn shell_blocks(readme: &str, sections: &[&str]) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut section = "";
    let mut current: Option<String> = None;
    for line in readme.lines() {
        if let Some(block) = current.as_mut() {
            if line.trim_start().starts_with("```") {
                blocks.push(current.take().unwrap_or_default());
            } else {
                block.push_str(line);
                block.push('\n');
            }
        } else if let Some(heading) = line.strip_prefix("## ") {
            section = heading.trim();
        } else if line.trim() == "```sh" && sections.contains(&section) {
            current = Some(String::new());
        }
    }
    blocks
}

/// Splits a shell block into whole commands: a command ends at a line that closes every
/// quote and does not end in a backslash or a pipe.
fn commands(block: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in block.lines() {
        if current.is_empty() && (line.trim().is_empty() || line.trim_start().starts_with('#')) {
            continue;
        }
        current.push_str(line);
        current.push('\n');
        let trimmed = line.trim_end();
        if !open_quote(&current) && !trimmed.ends_with('\\') && !trimmed.ends_with('|') {
            out.push(std::mem::take(&mut current));
        }
    }
    assert!(current.trim().is_empty(), "a command in the README never ends: {current}");
    out
}

fn open_quote(text: &str) -> bool {
    let (mut single, mut double, mut escaped) = (false, false, false);
    for c in text.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if !single => escaped = true,
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            _ => {}
        }
    }
    single || double
}

/// One row of the README's table of expected events: `kind actor target modality`.
fn expected_events(readme: &str) -> BTreeMap<String, Vec<String>> {
    let mut table: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut rows = readme.lines().skip_while(|l| l.trim() != TABLE_HEADER).skip(2);
    for row in rows.by_ref().take_while(|l| l.trim_start().starts_with('|')) {
        let cells: Vec<&str> =
            row.trim().trim_matches('|').split('|').map(|c| c.trim().trim_matches('`')).collect();
        assert_eq!(cells.len(), 5, "a row of the expected-events table has five cells: {row}");
        table.entry(cells[0].to_owned()).or_default().push(cells[1..].join(" "));
    }
    assert!(!table.is_empty(), "the README has a table of expected events under `{TABLE_HEADER}`");
    for events in table.values_mut() {
        events.sort();
    }
    table
}

fn describe(event: &Value) -> String {
    let code = |role: &Value| role["code"].as_str().unwrap_or("-").to_owned();
    format!(
        "{} {} {} {}",
        event["kind"].as_str().unwrap_or("?"),
        code(&event["actor"]),
        code(&event["target"]),
        event["modality"].as_str().unwrap_or("?")
    )
}

/// Every JSON document in `output` (one, several, or one per line).
fn documents(output: &str) -> Vec<Value> {
    serde_json::Deserializer::from_str(output)
        .into_iter::<Value>()
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|err| panic!("the answer is not JSON ({err}): {output}"))
}

fn run(command: &str) -> String {
    let output = Command::new("sh")
        .arg("-c")
        .arg(command)
        .current_dir(repo())
        .stdin(Stdio::null())
        .output()
        .expect("sh runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "README command failed ({}):\n{command}\nstdout: {stdout}\nstderr: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

fn get(base: &str, path: &str) -> Value {
    let out = run(&format!("curl -sS --fail-with-body '{base}{path}'"));
    serde_json::from_str(&out).unwrap_or_else(|err| panic!("GET {path}: {err}: {out}"))
}

/// Real ids for the README's placeholders, from what the walkthrough has stored so far:
/// three distinct events (`evt_…` to correct and retract, `evt_B` to fold into `evt_A`), a
/// source of `evt_B` (split back out of `evt_A` after the merge) and an article.
fn placeholders(base: &str) -> Vec<(&'static str, String)> {
    let events = get(base, "/v1/events?modality=all&limit=50");
    let ids: Vec<String> = events["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["id"].as_str().map(str::to_owned))
        .collect();
    assert!(ids.len() >= 3, "the walkthrough stores at least three events before it corrects any: {events}");
    let detail = get(base, &format!("/v1/events/{}", ids[2]));
    let source = detail["sources"][0]["id"].as_str().expect("an event lists its sources").to_owned();
    let articles = get(base, "/v1/articles");
    let article = articles["articles"][0]["id"].as_str().expect("an article is stored").to_owned();
    vec![
        ("evt_A", ids[1].clone()),
        ("evt_B", ids[2].clone()),
        ("evt_…", ids[0].clone()),
        ("art_…", article),
        ("src_…", source),
    ]
}

#[test]
fn the_readme_walkthrough_runs_as_written_and_gives_the_events_it_states() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    let expected = expected_events(&readme);
    let commands: Vec<String> = shell_blocks(&readme, &SECTIONS).iter().flat_map(|b| commands(b)).collect();
    assert!(commands.len() >= 10, "the walkthrough has its commands: {commands:#?}");

    let mut server = Server::start();
    let binary = format!("'{}'", env!("CARGO_BIN_EXE_geoevents").replace('\'', r"'\''"));
    let mut ids: Option<Vec<(&str, String)>> = None;
    let mut checked: BTreeMap<String, usize> = BTreeMap::new();
    let mut bad_ndjson_lines = 0;

    for original in &commands {
        let mut command = original
            .replace(README_BASE, &server.base)
            .replace("cargo run --release --", &binary)
            .replace("curl -s ", "curl -sS --fail-with-body ");
        if ["evt_", "art_…", "src_…"].iter().any(|p| command.contains(p)) {
            let ids = ids.get_or_insert_with(|| placeholders(&server.base));
            for (placeholder, id) in ids.iter() {
                command = command.replace(placeholder, id);
            }
        }
        if command.contains("curl -N ") {
            let output = run(&format!(
                "{{ {}\n}} || test $? -eq 28",
                command.trim_end().replace("curl -N ", "curl -sS -N --fail-with-body --max-time 3 ")
            ));
            // Server-Sent Events: each `data:` line of a `change` is one JSON change.
            let changes: Vec<Value> = output
                .lines()
                .filter_map(|line| line.strip_prefix("data:"))
                .map(|data| serde_json::from_str(data.trim()).expect("a change's data is JSON"))
                .collect();
            assert!(
                !changes.is_empty() && changes.iter().all(|c| c["seq"].is_i64()),
                "changes from the stream:\n{command}\n{output}"
            );
            continue;
        }
        let output = run(&command);
        // A CSV export: a header row and records of the same width, read by a CSV reader.
        if command.contains("text/csv") {
            let mut reader = csv::Reader::from_reader(output.as_bytes());
            let width = reader.headers().map(|h| h.len()).unwrap_or(0);
            assert!(width > 20, "a CSV header row from:\n{command}\n{output}");
            let rows = reader.records().map(|r| r.expect("a CSV record").len()).collect::<Vec<_>>();
            assert!(
                !rows.is_empty() && rows.iter().all(|&n| n == width),
                "CSV records from:\n{command}\n{output}"
            );
            continue;
        }
        let docs = documents(&output);
        assert!(!docs.is_empty() || command.contains("DELETE"), "no answer from:\n{command}");
        for doc in &docs {
            if doc.get("line").is_some() && doc.get("error").is_some_and(|e| !e.is_null()) {
                bad_ndjson_lines += 1;
            }
        }
        // The examples' events, wherever the command shows them.
        if let Some(example) = expected.keys().find(|name| original.contains(name.as_str())) {
            for doc in &docs {
                let events = doc.get("events").or_else(|| doc.pointer("/extraction/events"));
                let Some(events) = events.and_then(Value::as_array) else { continue };
                let mut got: Vec<String> = events.iter().map(describe).collect();
                got.sort();
                assert_eq!(&got, &expected[example], "{example} via:\n{original}");
                *checked.entry(example.clone()).or_default() += 1;
            }
        }
    }

    for example in expected.keys() {
        assert!(checked.get(example).is_some_and(|n| *n >= 2), "{example}: checked {checked:?}");
    }
    assert_eq!(bad_ndjson_lines, 1, "the NDJSON example fails its one bad line alone");
    assert!(server.stop(), "the server stops cleanly on SIGTERM, with its embedded cluster");
}
