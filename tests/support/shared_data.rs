//! The licensed development data that stays out of the repository: the folder `shared/`
//! beside the clone (or wherever `GEOEVENTS_SHARED_DIR` points). Tests that score it run
//! when it is there. Without it they return early, and the test binary says so once on the
//! terminal (written past the test harness's output capture, so it is seen); with
//! `GEOEVENTS_REQUIRE_SHARED=1`, as CI sets, a missing folder fails them instead, so they
//! can never be skipped silently where the data should be.
//!
//! Included with `#[path]` by every test crate that needs it, so there is one copy.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Once;

/// Where the shared folder should be: `GEOEVENTS_SHARED_DIR`, else `../shared` from the
/// workspace root (the directory holding `Cargo.lock`).
pub fn location() -> PathBuf {
    if let Some(dir) = std::env::var_os("GEOEVENTS_SHARED_DIR") {
        return PathBuf::from(dir);
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.ancestors().find(|dir| dir.join("Cargo.lock").is_file()).unwrap_or(manifest);
    root.join("../shared")
}

fn required() -> bool {
    std::env::var("GEOEVENTS_REQUIRE_SHARED").is_ok_and(|v| matches!(v.trim(), "1" | "true" | "yes"))
}

/// The shared folder, or `None` when it is absent and not required (the caller skips).
pub fn dir() -> Option<PathBuf> {
    let dir = location();
    if dir.is_dir() {
        return Some(dir);
    }
    if required() {
        panic!(
            "GEOEVENTS_REQUIRE_SHARED is set but the shared development data is not at {} \
             (set GEOEVENTS_SHARED_DIR to where it is)",
            dir.display()
        );
    }
    static NOTICE: Once = Once::new();
    NOTICE.call_once(|| {
        let binary = std::env::args().next().unwrap_or_default();
        let binary =
            Path::new(&binary).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // Straight to the stream: `eprintln!` inside a test is captured and hidden.
        let _ = writeln!(
            std::io::stderr(),
            "\nnote [{binary}]: the licensed development data is not at {}; the tests that score it \
             are skipped. Put the shared folder there or set GEOEVENTS_SHARED_DIR; \
             GEOEVENTS_REQUIRE_SHARED=1 makes its absence a failure.",
            dir.display()
        );
    });
    None
}

/// The text of `relative` inside the shared folder, or `None` when the folder is absent and
/// not required. A folder that is there but lacks the file is a failure, not a skip.
pub fn read(relative: &str) -> Option<String> {
    let path = dir()?.join(relative);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(err) => panic!("the shared folder is there but {} is not readable: {err}", path.display()),
    }
}
