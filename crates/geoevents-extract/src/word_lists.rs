//! The format of the word-list data files under `data/` (lexicon, quantities, calendar,
//! sentence words, office titles): `NAME = words` entries, continued on indented lines,
//! with `#` comments and `e.g.` example lines that only tests read. Stages that read such a
//! file share this reader instead of each parsing the format.

use std::str::FromStr;

/// The `name = words` entries of a word-list file; an indented line continues the entry
/// above it, `#` starts a comment line, and an `e.g.` line (an example for tests) is
/// skipped.
pub(crate) fn entries(text: &'static str) -> Vec<(&'static str, Vec<&'static str>)> {
    let mut out: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("e.g.") {
            continue;
        }
        if line.starts_with(char::is_whitespace) {
            if let Some((_, words)) = out.last_mut() {
                words.extend(trimmed.split_whitespace());
            }
            continue;
        }
        match trimmed.split_once(" = ") {
            Some((name, words)) => out.push((name.trim(), words.split_whitespace().collect())),
            None => out.push((trimmed, Vec::new())),
        }
    }
    out
}

/// The `word:value` pairs of an entry (`one:1 two:2`), and the pairs that do not parse.
pub(crate) fn values<T: FromStr>(words: &[&'static str]) -> (Vec<(&'static str, T)>, Vec<&'static str>) {
    let mut parsed = Vec::new();
    let mut bad = Vec::new();
    for &pair in words {
        match pair.split_once(':').and_then(|(word, value)| Some((word, value.parse().ok()?))) {
            Some(entry) => parsed.push(entry),
            None => bad.push(pair),
        }
    }
    (parsed, bad)
}
