//! Tag + parse throughput on news text: the repository's own example articles and the
//! hand-made news pages' texts (plain text, some 4,000 words), parsed whole.
//! `parse_news` counts words per second; `byte_scan` runs over the same text in the same
//! process as a baseline, so the result can be read as a ratio on a noisy machine.
//!
//! Run: `cargo bench -p geoevents-syntax --bench parse`.

use std::hint::black_box;
use std::sync::LazyLock;

use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

static NEWS: LazyLock<String> = LazyLock::new(|| {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut text = std::fs::read_to_string(format!("{root}/examples/wire-baltic.txt")).unwrap_or_default();
    let pages = format!("{root}/crates/geoevents-extract/tests/fixtures/pages");
    let mut files: Vec<_> =
        std::fs::read_dir(&pages).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    files.sort();
    for path in files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        text.push_str("\n\n");
        text.push_str(&std::fs::read_to_string(path).unwrap_or_default());
    }
    text
});

fn words() -> usize {
    geoevents_syntax::parse(&NEWS).map(|s| s.iter().map(|s| s.tokens.len()).sum()).unwrap_or(0)
}

#[divan::bench]
fn parse_news(bencher: divan::Bencher) {
    let model = geoevents_syntax::model().expect("the model loads");
    bencher.counter(ItemsCount::new(words())).bench(|| black_box(model.parse(black_box(&NEWS))).len());
}

#[divan::bench]
fn byte_scan(bencher: divan::Bencher) {
    bencher
        .counter(ItemsCount::new(words()))
        .bench(|| black_box(NEWS.as_bytes()).iter().filter(|&&b| b == b' ').count());
}
