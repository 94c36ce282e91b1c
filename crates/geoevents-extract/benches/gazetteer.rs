//! Gazetteer benchmarks: building the automaton from the compiled-in tables, and `find`
//! over about 1 MB of news-like text, next to a plain byte scan of the same text as the
//! baseline (report `find` as a fraction of the baseline's throughput, since absolute
//! figures depend on the machine).
//!
//! Run: `cargo bench -p geoevents-extract --bench gazetteer`.

use std::hint::black_box;
use std::sync::LazyLock;

use divan::counter::BytesCount;
use geoevents_extract::gazetteer::{Gazetteer, gazetteer};

fn main() {
    divan::main();
}

/// Sentences in the style of wire copy; `{a}`..`{c}` are filled with names, including
/// names that must not match ("Nigeria" for "Niger") and plain capitalised words.
const TEMPLATES: &[&str] = &[
    "{a} said on Tuesday that it would send more troops to {b}, according to officials.",
    "The foreign ministry in {a} summoned the ambassador of {b} over the incident near {c}.",
    "Officials from {a} and {b} met in {c} to discuss a ceasefire, the agency reported.",
    "Residents of {c} reported heavy shelling overnight as {a} forces advanced.",
    "Analysts expect {a}'s economy to grow by 2.5 percent this year despite sanctions.",
    "\"We will not accept this,\" the spokesman told reporters in {c} on Friday morning.",
    "The {a}-led coalition struck targets in {c}, killing at least 12 people, medics said.",
    "Talks between {a} and {b} collapsed after the delegation walked out of the meeting.",
];

const NAMES: &[&str] = &[
    "Russia",
    "Ukraine",
    "North Korea",
    "South Korea",
    "the United States",
    "U.S.",
    "China",
    "Israel",
    "Hamas",
    "Iran",
    "Nigeria",
    "Niger",
    "Pyongyang",
    "Moscow",
    "Kyiv",
    "Gaza",
    "Kursk",
    "Kharkiv",
    "Washington",
    "Beijing",
    "Putin",
    "Zelensky",
    "NATO",
    "the European Union",
    "Sudan",
    "Darfur",
    "Brussels",
    "Tehran",
    "Damascus",
    "Aleppo",
    "Mobile",
    "Reading",
    "Jordan",
    "the Kremlin",
    "Monday",
    "Company",
    "Smith",
    "Johnson",
    "Mr Brown",
    "Tigray",
    "Khartoum",
    "Taiwan",
];

static TEXT: LazyLock<String> = LazyLock::new(|| {
    // A fixed linear congruential sequence: the same text on every run.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n
    };
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        let template = TEMPLATES[next(TEMPLATES.len())];
        let sentence = template
            .replace("{a}", NAMES[next(NAMES.len())])
            .replace("{b}", NAMES[next(NAMES.len())])
            .replace("{c}", NAMES[next(NAMES.len())]);
        text.push_str(&sentence);
        text.push(if next(5) == 0 { '\n' } else { ' ' });
    }
    text
});

#[divan::bench(sample_count = 10)]
fn build() -> Gazetteer {
    Gazetteer::new()
}

#[divan::bench]
fn find(bencher: divan::Bencher) {
    let g = gazetteer();
    let text = TEXT.as_str();
    bencher.counter(BytesCount::of_str(text)).bench(|| g.find(black_box(text)).len());
}

/// The baseline: one pass over the bytes, counting sentence ends.
#[divan::bench]
fn byte_scan_baseline(bencher: divan::Bencher) {
    let text = TEXT.as_str();
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| black_box(text).bytes().filter(|&b| b == b'.' || b == b'\n').count());
}
