//! Sentence splitting for news copy, with exact offsets.
//!
//! `unicode-segmentation` splits after "U.S." and "Gen.", so this is a small splitter of our
//! own: paragraphs and lines first (headlines, datelines and captions are lines without
//! terminal punctuation), then terminal punctuation with an abbreviation check. It keeps
//! closing quotes and brackets with the sentence they close ('... he said." Next'), treats
//! initials, titles, "Jan. 5", "No. 3" and decimals as non-boundaries, and splits after a
//! dotted acronym ("U.S.") only when the next word is one that typically starts a sentence.
//!
//! A "sentence" longer than [`MAX_SENTENCE_BYTES`] is cut at a space: nothing that long is
//! prose, and the cap keeps every later stage linear on pathological input.
//!
//! **Not prose.** Lines that are page furniture rather than the story are marked
//! [`Sentence::headline`] so no event is read from them: title-case lines; in a text that
//! has prose, any line that ends without terminal punctuation (modern headlines and the
//! teasers of other stories are written in sentence case: "Israel strikes Hezbollah depot
//! in eastern Lebanon"); and photo captions ("Photo: ...", "Caption: ...", lines ending in
//! "File photo." or an agency credit). A one-line text is always read, punctuated or not:
//! single sentences arrive without a full stop often enough.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::word_lists::entries;

/// A sentence of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// Offset of the first character in Unicode scalar values.
    pub char_start: usize,
    /// Offset one past the last character in Unicode scalar values.
    pub char_end: usize,
    /// Index of the paragraph (blank-line separated block) the sentence is in.
    pub paragraph: usize,
    /// The sentence is not prose: a title-case line, an unpunctuated line in a text that
    /// has prose (a headline, a teaser of another story), or a photo caption.
    pub headline: bool,
}

/// Longest span treated as one sentence; longer runs are cut at a space.
pub const MAX_SENTENCE_BYTES: usize = 1200;

/// Splits `text` into sentences, in order, with exact byte and character offsets.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    // Per span: whether it ends its line unit, and whether that unit is a caption.
    let mut unit_marks: Vec<(bool, bool)> = Vec::new();
    for (start, end, paragraph) in line_units(text) {
        let before = spans.len();
        split_unit(text, start, end, paragraph, &mut spans);
        let caption = is_caption(&text[start..end]);
        for k in before..spans.len() {
            unit_marks.push((k + 1 == spans.len(), caption));
        }
    }
    // Unpunctuated lines are furniture only where the text has prose to tell them from.
    let prose = spans.iter().filter(|&&(s, e, _)| is_prose(&text[s..e])).take(2).count() >= 2;
    let mut sentences = Vec::with_capacity(spans.len());
    let mut chars_before = 0;
    let mut last_byte = 0;
    for ((start, end, paragraph), (unit_end, caption)) in spans.into_iter().zip(unit_marks) {
        let unpunctuated = prose && unit_end && !ends_with_terminal(&text[start..end]);
        for (s, e) in cap_length(text, start, end) {
            chars_before += text[last_byte..s].chars().count();
            let len = text[s..e].chars().count();
            sentences.push(Sentence {
                start: s,
                end: e,
                char_start: chars_before,
                char_end: chars_before + len,
                paragraph,
                headline: caption || unpunctuated || looks_like_headline(&text[s..e]),
            });
            chars_before += len;
            last_byte = e;
        }
    }
    sentences
}

/// Whether a span ends like a sentence: terminal punctuation, perhaps inside closing quotes
/// or brackets.
fn ends_with_terminal(s: &str) -> bool {
    s.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '}', ' ']).ends_with(['.', '!', '?', '…'])
}

/// A punctuated span of six words or more: prose.
fn is_prose(s: &str) -> bool {
    ends_with_terminal(s) && s.split_whitespace().nth(5).is_some()
}

/// A photo caption or credit line: a caption label first ("Photo:", "Caption:"), or a
/// picture credit last ("File photo.", "REUTERS/Name", "(AP Photo/...)", "Getty Images").
fn is_caption(unit: &str) -> bool {
    let head: String = unit.chars().take(16).flat_map(char::to_lowercase).collect();
    if WORDS.caption_labels.iter().any(|l| head.starts_with(l)) {
        return true;
    }
    // The last few dozen characters, cut on a character boundary.
    let mut cut = unit.len().saturating_sub(48);
    while !unit.is_char_boundary(cut) {
        cut += 1;
    }
    let tail = unit[cut..].to_lowercase();
    WORDS.credits.iter().any(|c| tail.contains(c))
}

/// Groups lines into units that may hold several sentences but never cross a paragraph
/// break or a hard line break. A single newline is soft (a wrapped line) only when the line
/// before it is long, unpunctuated and not a headline.
fn line_units(text: &str) -> Vec<(usize, usize, usize)> {
    let mut units = Vec::new();
    let mut paragraph = 0;
    let mut unit: Option<(usize, usize)> = None;
    let mut previous_soft = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        if trimmed.is_empty() {
            if let Some(u) = unit.take() {
                units.push((u.0, u.1, paragraph));
                paragraph += 1;
            }
            previous_soft = false;
            continue;
        }
        let lead = content.len() - content.trim_start().len();
        let start = line_start + lead;
        let end = start + trimmed.len();
        unit = match unit {
            Some((s, _)) if previous_soft && !starts_list_item(trimmed) => Some((s, end)),
            Some(u) => {
                units.push((u.0, u.1, paragraph));
                Some((start, end))
            }
            None => Some((start, end)),
        };
        previous_soft = is_wrapped_line(trimmed);
    }
    if let Some(u) = unit {
        units.push((u.0, u.1, paragraph));
    }
    units
}

/// A line that opens a list item ("2. Egypt opens ...", "- Kyiv", "• ..."): never the
/// continuation of a wrapped line.
fn starts_list_item(line: &str) -> bool {
    if line.starts_with(['-', '•', '*', '·', '–', '—', '▪', '►']) {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits) && line[digits..].starts_with(['.', ')'])
}

/// A line that reads as hard-wrapped prose: long, ending mid-sentence, not a title.
fn is_wrapped_line(line: &str) -> bool {
    let last = line.chars().next_back().unwrap_or('.');
    line.len() >= 50
        && (last.is_alphanumeric() || matches!(last, ',' | ';' | '-'))
        && !looks_like_headline(line)
}

/// Splits one unit at sentence-final punctuation.
fn split_unit(text: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<(usize, usize, usize)>) {
    let unit = &text[start..end];
    let bytes = unit.as_bytes();
    let mut sentence_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Byte comparison: `i` may sit inside a multi-byte character here.
        let is_ellipsis_char = bytes[i..].starts_with("…".as_bytes());
        if !(b == b'.' || b == b'!' || b == b'?' || is_ellipsis_char) {
            i += 1;
            continue;
        }
        // The run of terminal punctuation and the closers after it.
        let run_start = i;
        let mut j = i;
        while j < bytes.len() {
            if matches!(bytes[j], b'.' | b'!' | b'?') {
                j += 1;
            } else if unit[j..].starts_with('…') {
                j += '…'.len_utf8();
            } else {
                break;
            }
        }
        let single_period = &unit[run_start..j] == ".";
        while let Some(c) = unit[j..].chars().next() {
            if matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '}') {
                j += c.len_utf8();
            } else {
                break;
            }
        }
        // A boundary needs whitespace (or the end) right after the run.
        let next_char = unit[j..].chars().next();
        if let Some(c) = next_char
            && !c.is_whitespace()
        {
            i = j.max(i + 1);
            continue;
        }
        let after_space = j + unit[j..].len() - unit[j..].trim_start().len();
        if after_space >= bytes.len() {
            break;
        }
        let next_word = first_word(&unit[after_space..]);
        let first = next_word.chars().next().unwrap_or(' ');
        let boundary = if first.is_lowercase() {
            false
        } else if single_period {
            period_ends_sentence(&unit[sentence_start..run_start], next_word)
        } else {
            true
        };
        if boundary {
            out.push((start + sentence_start, start + j, paragraph));
            sentence_start = after_space;
            i = after_space;
        } else {
            i = j.max(i + 1);
        }
    }
    let rest = unit[sentence_start..].trim();
    if !rest.is_empty() {
        let s = start
            + sentence_start
            + (unit[sentence_start..].len() - unit[sentence_start..].trim_start().len());
        out.push((s, s + rest.len(), paragraph));
    }
}

/// The first word of `s` with leading quotes and brackets removed.
fn first_word(s: &str) -> &str {
    let s = s.trim_start_matches(['"', '\'', '“', '‘', '(', '[', '«', '`']);
    let end = s.find(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':')).unwrap_or(s.len());
    &s[..end]
}

/// Whether a single period after `before` ends the sentence, given the next word.
fn period_ends_sentence(before: &str, next_word: &str) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.' || *c == '-' || *c == '\''))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    let next_is_number = next_word.chars().next().is_some_and(|c| c.is_ascii_digit());
    if WORDS.titles.contains(word) {
        return false;
    }
    if next_is_number && (WORDS.months.contains(word) || WORDS.numbers.contains(word)) {
        return false;
    }
    if WORDS.never_final.contains(word) {
        return false;
    }
    let mut chars = word.chars();
    let single_letter = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    if single_letter || word.contains('.') || WORDS.companies.contains(word) {
        return starts_sentence(next_word);
    }
    true
}

/// Words that commonly open a sentence; after an acronym or an initial they mark a new one.
fn starts_sentence(word: &str) -> bool {
    WORDS.starters.contains(word)
}

/// The word lists of `data/lexicon/sentence_words.txt`.
struct SentenceWords {
    titles: HashSet<&'static str>,
    months: HashSet<&'static str>,
    numbers: HashSet<&'static str>,
    never_final: HashSet<&'static str>,
    companies: HashSet<&'static str>,
    starters: HashSet<&'static str>,
    minor: HashSet<&'static str>,
    caption_labels: Vec<String>,
    credits: Vec<String>,
    /// Groups the file names that the splitter does not know (empty; a test checks).
    errors: Vec<String>,
}

static WORDS: LazyLock<SentenceWords> = LazyLock::new(|| {
    let mut w = SentenceWords {
        titles: HashSet::new(),
        months: HashSet::new(),
        numbers: HashSet::new(),
        never_final: HashSet::new(),
        companies: HashSet::new(),
        starters: HashSet::new(),
        minor: HashSet::new(),
        caption_labels: Vec::new(),
        credits: Vec::new(),
        errors: Vec::new(),
    };
    for (name, words) in entries(include_str!("../../data/lexicon/sentence_words.txt")) {
        let phrases = || words.split(|w| *w == "|").map(|p| p.join(" ")).filter(|p| !p.is_empty());
        match name {
            "CAPTION_LABEL" => w.caption_labels.extend(phrases()),
            "CREDIT" => w.credits.extend(phrases()),
            _ => {
                let set = match name {
                    "TITLE_ABBREVIATION" => &mut w.titles,
                    "MONTH_ABBREVIATION" => &mut w.months,
                    "NUMBER_ABBREVIATION" => &mut w.numbers,
                    "NEVER_FINAL" => &mut w.never_final,
                    "COMPANY_ABBREVIATION" => &mut w.companies,
                    "STARTER" => &mut w.starters,
                    "HEADLINE_MINOR" => &mut w.minor,
                    other => {
                        w.errors.push(format!("sentence_words.txt: unknown group {other}"));
                        continue;
                    }
                };
                set.extend(words.iter().copied());
            }
        }
    }
    w
});

/// A title-case line without terminal punctuation: a headline or teaser, not prose.
fn looks_like_headline(s: &str) -> bool {
    let trimmed = s.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '}', ' ']);
    if trimmed.ends_with(['.', '!', '?', '…', ':']) {
        return false;
    }
    let mut words = 0;
    let mut capitalised = 0;
    for word in trimmed.split_whitespace() {
        let Some(first) = word.trim_start_matches(['"', '\'', '“', '‘', '(']).chars().next() else {
            continue;
        };
        if word.len() <= 4 && WORDS.minor.contains(word.to_ascii_lowercase().as_str()) {
            continue;
        }
        words += 1;
        if first.is_uppercase() || first.is_ascii_digit() {
            capitalised += 1;
        }
    }
    words >= 3 && capitalised * 4 >= words * 3
}

/// Cuts an over-long span at spaces so no piece exceeds [`MAX_SENTENCE_BYTES`].
fn cap_length(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut s = start;
    while end - s > MAX_SENTENCE_BYTES {
        let mut limit = s + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let cut =
            text[s..limit].rfind(char::is_whitespace).map(|i| s + i).filter(|&i| i > s).unwrap_or(limit);
        let piece = text[s..cut].trim_end();
        if !piece.is_empty() {
            pieces.push((s, s + piece.len()));
        }
        let rest = &text[cut..end];
        s = cut + (rest.len() - rest.trim_start().len());
        if s >= end {
            return pieces;
        }
    }
    pieces.push((s, end));
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every group of `sentence_words.txt` carries an example: splitting it gives the number
    /// of prose sentences the line names.
    #[test]
    fn every_sentence_word_group_splits_its_example_as_it_says() {
        assert!(WORDS.errors.is_empty(), "{:?}", WORDS.errors);
        let text = include_str!("../../data/lexicon/sentence_words.txt");
        let mut checked = 0;
        for line in text.lines() {
            let Some(example) = line.strip_prefix("e.g. ") else { continue };
            let (want, sample) = example.split_once(": ").expect("`e.g. N: text`");
            let sample = sample.replace("\\n", "\n");
            let prose = split_sentences(&sample).iter().filter(|s| !s.headline).count();
            assert_eq!(prose.to_string(), want, "{sample:?}: {:?}", texts(&sample));
            checked += 1;
        }
        assert_eq!(checked, 9);
    }

    fn texts(text: &str) -> Vec<&str> {
        split_sentences(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_end_sentences() {
        let cases: &[(&str, &[&str])] = &[
            (
                "The U.S. Army sent troops. Gen. Smith said so.",
                &["The U.S. Army sent troops.", "Gen. Smith said so."],
            ),
            (
                "Talks resume on Jan. 5 in Geneva. Mr. Kim will attend.",
                &["Talks resume on Jan. 5 in Geneva.", "Mr. Kim will attend."],
            ),
            ("It was resolution No. 3 that passed.", &["It was resolution No. 3 that passed."]),
            ("J. Smith met Kim Jong-un. They talked.", &["J. Smith met Kim Jong-un.", "They talked."]),
            ("A loan of 3.5 billion dollars was agreed.", &["A loan of 3.5 billion dollars was agreed."]),
            ("He left the U.S. The talks ended.", &["He left the U.S.", "The talks ended."]),
        ];
        for (text, want) in cases {
            assert_eq!(texts(text), *want, "{text}");
        }
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence_and_ellipses_split() {
        let text = "\"We will respond,\" he said. \"Nobody wins.\" Next came talks... Then silence.";
        assert_eq!(
            texts(text),
            ["\"We will respond,\" he said.", "\"Nobody wins.\"", "Next came talks...", "Then silence."]
        );
    }

    #[test]
    fn headlines_and_paragraphs_are_separate_units() {
        let text = "Friday, October 25, 2024\n\nSouth Korea Alarmed by North Korea's Role\n\nSeoul acted. It said so.\nPost a Comment";
        let got = split_sentences(text);
        let words: Vec<&str> = got.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(
            words,
            [
                "Friday, October 25, 2024",
                "South Korea Alarmed by North Korea's Role",
                "Seoul acted.",
                "It said so.",
                "Post a Comment"
            ]
        );
        assert!(got[1].headline);
        assert!(!got[2].headline);
        assert_eq!(got[2].paragraph, 2);
    }

    #[test]
    fn unpunctuated_lines_and_captions_are_not_prose_when_the_text_has_prose() {
        let text = "Gaza talks end with new proposal, Hamas cool\n\nQatar hosted the talks on Friday. \
                    Egypt and Qatar said they would meet again next week.\n\nPhoto: Smoke rises over \
                    Rafah after Israeli strikes on Friday.\n\nA worker walks past a refinery. File photo.\n\n\
                    1. Israel strikes Hezbollah weapons depot in eastern Lebanon\n\
                    2. Egypt opens Rafah crossing for medical evacuations";
        let got = split_sentences(text);
        let flags: Vec<(&str, bool)> = got.iter().map(|s| (&text[s.start..s.end], s.headline)).collect();
        let prose: Vec<&str> = flags.iter().filter(|(_, h)| !h).map(|(t, _)| *t).collect();
        assert_eq!(
            prose,
            [
                "Qatar hosted the talks on Friday.",
                "Egypt and Qatar said they would meet again next week.",
                "1.",
                "2."
            ],
            "{flags:?}"
        );
    }

    #[test]
    fn a_lone_unpunctuated_sentence_is_still_read() {
        let text = "Russian forces shelled the city of Kharkiv overnight";
        assert!(!split_sentences(text)[0].headline);
    }

    #[test]
    fn character_offsets_count_scalar_values_not_bytes() {
        let text = "Zürich hosted talks. Kyiv was shelled — again.";
        for s in split_sentences(text) {
            let by_chars: String = text.chars().skip(s.char_start).take(s.char_end - s.char_start).collect();
            assert_eq!(by_chars, &text[s.start..s.end]);
        }
    }

    #[test]
    fn an_unpunctuated_megabyte_is_cut_into_bounded_pieces() {
        let text = "word ".repeat(200_000);
        let got = split_sentences(&text);
        assert!(got.len() > 100);
        assert!(got.iter().all(|s| s.end - s.start <= MAX_SENTENCE_BYTES));
    }
}
