//! Property-style robustness tests: extraction never panics on any UTF-8, evidence offsets
//! always select exactly their sentence, scores stay in [0, 1], and the same input always
//! gives the same output. Inputs come from a small deterministic generator (xorshift), so
//! a failure is reproducible from its case number.

use chrono::NaiveDate;
use geoevents_domain::{ArticleBody, ArticleInput, Extraction};

/// A tiny deterministic pseudo-random generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Characters from the awkward corners of Unicode.
fn random_char(rng: &mut Rng) -> char {
    let ranges: &[(u32, u32)] = &[
        (0x20, 0x7e),       // ASCII
        (0x00, 0x1f),       // control characters, NUL included
        (0xa0, 0xff),       // Latin-1
        (0x300, 0x36f),     // combining marks
        (0x590, 0x5ff),     // Hebrew (RTL)
        (0x600, 0x6ff),     // Arabic (RTL)
        (0x200b, 0x200f),   // zero-width and direction marks
        (0x2010, 0x2027),   // dashes, quotes, ellipsis
        (0x4e00, 0x4e80),   // CJK
        (0x1f300, 0x1f6ff), // emoji
        (0xfeff, 0xfeff),   // byte-order mark
    ];
    let (lo, hi) = ranges[rng.below(ranges.len())];
    let code = lo + (rng.next() % u64::from(hi - lo + 1)) as u32;
    char::from_u32(code).unwrap_or('?')
}

fn random_text(rng: &mut Rng, len: usize) -> String {
    let mut s = String::new();
    for _ in 0..len {
        match rng.below(10) {
            0 => s.push(' '),
            1 => s.push_str(
                rng.pick(&[". ", "\n", "\n\n", ", ", "\"", "“", "”", "'s ", "U.S. ", "... ", "(", ")"]),
            ),
            _ => s.push(random_char(rng)),
        }
    }
    s
}

/// News-like word salad: triggers, names, function words and punctuation in random order,
/// which drives the engine down its deeper paths.
fn word_salad(rng: &mut Rng, words: usize) -> String {
    const VOCAB: &[&str] = &[
        "Russia",
        "Ukraine",
        "North Korea",
        "South Korean",
        "troops",
        "sent",
        "deployed",
        "to",
        "the",
        "a",
        "said",
        "that",
        "will",
        "could",
        "not",
        "did",
        "urged",
        "Moscow",
        "to",
        "halt",
        "sanctions",
        "against",
        "imposed",
        "on",
        "aid",
        "humanitarian",
        "provided",
        "attacked",
        "by",
        "was",
        "were",
        "killed",
        "3,000",
        "12",
        "about",
        "as",
        "many",
        "as",
        "President",
        "Yoon",
        "he",
        "it",
        "they",
        "its",
        "and",
        "but",
        "if",
        "whether",
        "after",
        "which",
        "who",
        "Tuesday",
        "last",
        "week",
        "in",
        "March",
        "2023",
        "on",
        "October",
        "5",
        ",",
        ".",
        "\"",
        "signed",
        "treaty",
        "with",
        "met",
        "talks",
        "between",
        "threatened",
        "refused",
        "denied",
        "promised",
        "agreed",
        "Kyiv",
        "Baghdad",
        "Iraqi",
        "civilians",
        "bombing",
        "police",
        "protesters",
        "rallied",
        "NATO",
        "United Nations",
        "reportedly",
        "according",
        "officials",
        "believe",
        "potential",
        "deployment",
        "of",
        "this",
        "troop",
        "dispatch",
        "expressed",
        "grave",
        "concern",
        "arming",
        "option",
        "$",
        "billion",
        "dollars",
        "tens",
        "thousands",
        "dozen",
        "hundreds",
        "unless",
        "must",
        "should",
        "would",
        "(",
        ")",
        "'s",
        "—",
    ];
    let mut s = String::new();
    for i in 0..words {
        if i > 0 && rng.below(4) != 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(VOCAB));
        if rng.below(25) == 0 {
            s.push_str("\n\n");
        }
    }
    s
}

fn run(text: &str, html: bool) -> Extraction {
    let published_at =
        NaiveDate::from_ymd_opt(2024, 10, 25).and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| d.and_utc());
    let body = if html { ArticleBody::Html(text.to_owned()) } else { ArticleBody::Text(text.to_owned()) };
    geoevents_extract::extract(&ArticleInput { url: None, title: None, published_at, source: None, body })
}

#[track_caller]
fn check(case: &str, extraction: &Extraction) {
    let text = &extraction.article.text;
    let chars = text.chars().count();
    for event in &extraction.events {
        assert!((0.0..=1.0).contains(&event.confidence), "{case}: confidence {}", event.confidence);
        assert!(!event.summary.is_empty(), "{case}: empty summary");
        assert!(!event.evidence.is_empty(), "{case}: no evidence");
        assert!(event.kind.accepts_cameo(event.cameo), "{case}: cameo {} for {}", event.cameo, event.kind);
        for ev in &event.evidence {
            assert!(ev.start < ev.end && ev.end <= chars, "{case}: span {}..{} of {chars}", ev.start, ev.end);
            let slice: String = text.chars().skip(ev.start).take(ev.end - ev.start).collect();
            assert_eq!(slice, ev.sentence, "{case}: evidence offsets do not select the sentence");
        }
        if let Some(w) = &event.when {
            assert!(w.start <= w.end, "{case}: date range reversed");
        }
    }
}

#[test]
fn random_unicode_never_panics_and_offsets_stay_exact() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for case in 0..300 {
        let len = 1 + rng.below(600);
        let text = random_text(&mut rng, len);
        let extraction = run(&text, case % 7 == 0);
        check(&format!("unicode case {case}"), &extraction);
    }
}

#[test]
fn news_word_salad_never_panics_and_is_deterministic() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for case in 0..300 {
        let words = 1 + rng.below(250);
        let text = word_salad(&mut rng, words);
        let first = run(&text, false);
        check(&format!("salad case {case}"), &first);
        let second = run(&text, false);
        assert_eq!(first.events, second.events, "salad case {case}: output differs between runs");
        assert_eq!(first.diagnostics, second.diagnostics, "salad case {case}: diagnostics differ");
    }
}

#[test]
fn degenerate_inputs_never_panic() {
    let long_word = "a".repeat(100_000);
    let dots = ".".repeat(10_000);
    let quotes = "\"".repeat(5_000);
    let nuls = "\0".repeat(1_000);
    let names = "Russia North Korea Ukraine ".repeat(2_000);
    let dashes = "—".repeat(5_000);
    let parens = "(".repeat(3_000);
    let apostrophes = "'s ".repeat(3_000);
    let cases: Vec<&str> = vec![
        "",
        " ",
        "\n\n\n",
        ".",
        "...",
        "…",
        "'s",
        "\"",
        "U.S.",
        "$",
        "3,000",
        &long_word,
        &dots,
        &quotes,
        &nuls,
        &names,
        &dashes,
        &parens,
        &apostrophes,
        "Kyiv was attacked by",
        "by by by by by",
        "that that that that",
        "to to to to to",
        "and and and and",
        "\u{202e}Russia attacked Ukraine\u{202c}.",
        "Russia attacked Ukraine\u{0301}\u{0301}\u{0301}.",
    ];
    for (i, text) in cases.iter().enumerate() {
        check(&format!("degenerate case {i}"), &run(text, false));
        check(&format!("degenerate html case {i}"), &run(text, true));
    }
}
