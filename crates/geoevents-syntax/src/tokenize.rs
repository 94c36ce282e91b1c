//! Tokenization and sentence splitting to the conventions of the English Web Treebank:
//! punctuation apart, hyphenated words split at the hyphen, clitics (`n't`, `'s`, `'re`,
//! ...) as words of their own inside one surface token, and whole what the treebank keeps
//! whole (abbreviations such as "U.S." and "Mr.", numbers such as "3,000", "12.5" and
//! "11/28/2000", URLs, e-mail addresses, emoticons, a few hyphenated words such as
//! "e-mail"). The exception lists are learned from the training split ([`Lexicon`]).
//!
//! Spans are byte offsets into the input, always on character boundaries, and each word's
//! span is exactly its text: the words of a surface token tile it.

use std::collections::{HashMap, HashSet};

use crate::conllu::GoldSentence;

/// What tokenization learns from the treebank.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    /// Lower-cased tokens with inner punctuation that the treebank keeps whole.
    pub whole: HashSet<String>,
    /// Lower-cased multi-word tokens and the lengths (in chars) of their words.
    pub multiword: HashMap<String, Vec<usize>>,
}

impl Lexicon {
    /// Learns the exception lists from training sentences.
    pub fn learn(sentences: &[GoldSentence]) -> Self {
        let mut lexicon = Lexicon::default();
        // How often each form is one word: a form the treebank splits only now and then
        // ("their" annotated once as a misspelt "they're") is not split.
        let mut single: HashMap<String, usize> = HashMap::new();
        let mut split: HashMap<String, (usize, Vec<usize>)> = HashMap::new();
        for s in sentences {
            for t in &s.tokens {
                let lower = t.form.to_lowercase();
                if t.last - t.first > 1 {
                    let words = &s.words[t.first..t.last];
                    let joined: String = words.iter().map(|w| w.form.as_str()).collect();
                    if joined.to_lowercase() == lower {
                        let lengths = words.iter().map(|w| w.form.chars().count()).collect();
                        let entry = split.entry(lower).or_insert((0, lengths));
                        entry.0 += 1;
                    }
                } else {
                    *single.entry(lower.clone()).or_default() += 1;
                    if t.form.chars().count() > 1 && t.form.chars().any(is_punct) {
                        lexicon.whole.insert(lower);
                    }
                }
            }
        }
        for (form, (count, lengths)) in split {
            if count > single.get(&form).copied().unwrap_or(0) {
                lexicon.multiword.insert(form, lengths);
            }
        }
        lexicon
    }
}

/// A surface token and the words it holds, as byte spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Surface {
    /// Start of the token.
    pub start: usize,
    /// End of the token.
    pub end: usize,
    /// Its words' spans, tiling the token.
    pub words: Vec<(usize, usize)>,
}

fn is_punct(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

const LEADING: &[char] =
    &['"', '\'', '(', '[', '{', '<', '“', '‘', '«', '*', '$', '£', '€', '¥', '#', '`', '¿', '¡'];
const TRAILING: &[char] =
    &['.', ',', ';', ':', '!', '?', ')', ']', '}', '"', '\'', '”', '’', '»', '>', '*', '%', '…'];
const CLITICS: &[&str] = &["'s", "'re", "'ve", "'ll", "'d", "'m", "’s", "’re", "’ve", "’ll", "’d", "’m"];

/// Splits `text` into sentences of surface tokens.
pub fn tokenize(text: &str, lexicon: &Lexicon) -> Vec<Vec<Surface>> {
    let mut sentences = Vec::new();
    let mut current: Vec<Surface> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            // A line break in the whitespace ends a sentence.
            let mut line_break = false;
            while let Some((_, c)) = chars.next_if(|(_, c)| c.is_whitespace()) {
                line_break |= c == '\n';
            }
            if line_break && !current.is_empty() {
                split_sentences(std::mem::take(&mut current), text, &mut sentences);
            }
            continue;
        }
        while chars.next_if(|(_, c)| !c.is_whitespace()).is_some() {}
        let end = chars.peek().map_or(text.len(), |&(i, _)| i);
        chunk(text, start, end, lexicon, &mut current);
    }
    if !current.is_empty() {
        split_sentences(current, text, &mut sentences);
    }
    sentences
}

/// Cuts one whitespace-free chunk into surface tokens.
fn chunk(text: &str, mut start: usize, mut end: usize, lexicon: &Lexicon, out: &mut Vec<Surface>) {
    let mut trailing: Vec<(usize, usize)> = Vec::new();
    loop {
        let piece = &text[start..end];
        if piece.is_empty() {
            break;
        }
        if keep_whole(piece, lexicon) {
            break;
        }
        let first = piece.chars().next().unwrap_or(' ');
        let last = piece.chars().next_back().unwrap_or(' ');
        if LEADING.contains(&first) && piece.len() > first.len_utf8() {
            let run = run_len(piece, first, false);
            push(text, start, start + run, lexicon, out);
            start += run;
            continue;
        }
        if TRAILING.contains(&last) && piece.len() > last.len_utf8() {
            if last == '.' && abbreviation(piece) {
                break;
            }
            let run = if matches!(last, '.' | '!' | '?') {
                piece
                    .char_indices()
                    .rev()
                    .take_while(|&(_, c)| matches!(c, '.' | '!' | '?'))
                    .last()
                    .map_or(0, |(i, _)| piece.len() - i)
            } else {
                run_len(piece, last, true)
            };
            if run == piece.len() {
                break;
            }
            trailing.push((end - run, end));
            end -= run;
            continue;
        }
        break;
    }
    if start < end {
        inner(text, start, end, lexicon, out);
    }
    for &(s, e) in trailing.iter().rev() {
        push(text, s, e, lexicon, out);
    }
}

/// Bytes of the run of `c` at the start (or end) of `piece`.
fn run_len(piece: &str, c: char, from_end: bool) -> usize {
    let n = if from_end {
        piece.chars().rev().take_while(|&x| x == c).count()
    } else {
        piece.chars().take_while(|&x| x == c).count()
    };
    n * c.len_utf8()
}

fn keep_whole(piece: &str, lexicon: &Lexicon) -> bool {
    if !piece.chars().any(is_punct) {
        return true;
    }
    let lower = piece.to_lowercase();
    lexicon.whole.contains(&lower)
        || lexicon.multiword.contains_key(&lower)
        || lower.contains("://")
        || lower.starts_with("www.")
        || (lower.contains('@') && lower.contains('.') && !lower.ends_with('.'))
        || number(piece)
}

/// "3,000", "12.5", "11/28/2000", "713-853-3989", "1990s": digits joined by , . / - :
fn number(piece: &str) -> bool {
    let first = piece.chars().next().is_some_and(|c| c.is_ascii_digit());
    let last = piece.chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric());
    first
        && last
        && piece.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ',' | '.' | '/' | '-' | ':'))
        && piece.chars().filter(|c| c.is_ascii_alphabetic()).count() <= 2
}

/// "U.S.", "J.", "e.g.": letters each followed by a period.
fn abbreviation(piece: &str) -> bool {
    let mut expect_letter = true;
    for c in piece.chars() {
        if expect_letter {
            if !c.is_alphabetic() {
                return false;
            }
        } else if c != '.' {
            return false;
        }
        expect_letter = !expect_letter;
    }
    expect_letter
}

/// The middle of a chunk: split at hyphens and slashes between letters, and at other inner
/// punctuation the treebank separates.
fn inner(text: &str, start: usize, end: usize, lexicon: &Lexicon, out: &mut Vec<Surface>) {
    let piece = &text[start..end];
    if keep_whole(piece, lexicon) || piece.chars().all(is_punct) {
        push(text, start, end, lexicon, out);
        return;
    }
    let mut from = start;
    let mut prev: Option<char> = None;
    let mut iter = piece.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let splits = matches!(
            c,
            '-' | '/'
                | '–'
                | '—'
                | '='
                | '+'
                | '&'
                | '('
                | ')'
                | '"'
                | ','
                | ';'
                | '!'
                | '?'
                | '['
                | ']'
                | '~'
                | '|'
        ) && prev.is_some()
            && next.is_some()
            && !(c == ','
                && prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit()));
        if splits {
            let at = start + i;
            if at > from {
                push(text, from, at, lexicon, out);
            }
            push(text, at, at + c.len_utf8(), lexicon, out);
            from = at + c.len_utf8();
        }
        prev = Some(c);
    }
    if from < end {
        push(text, from, end, lexicon, out);
    }
}

/// Pushes a surface token, splitting it into words when it is a multi-word token.
fn push(text: &str, start: usize, end: usize, lexicon: &Lexicon, out: &mut Vec<Surface>) {
    let piece = &text[start..end];
    let lower = piece.to_lowercase();
    let mut words = Vec::new();
    if let Some(lengths) = lexicon.multiword.get(&lower)
        && lengths.iter().sum::<usize>() == piece.chars().count()
    {
        let mut at = start;
        for &n in lengths {
            let len: usize = text[at..].chars().take(n).map(char::len_utf8).sum();
            words.push((at, at + len));
            at += len;
        }
    } else if let Some(clitic) = clitic_at(&lower) {
        let split = end - clitic;
        words.push((start, split));
        words.push((split, end));
    } else {
        words.push((start, end));
    }
    out.push(Surface { start, end, words });
}

/// Byte length of a clitic ending `lower` ("n't", "'s", "’ll") after a word of letters.
fn clitic_at(lower: &str) -> Option<usize> {
    for clitic in ["n't", "n’t"].iter().chain(CLITICS) {
        if let Some(stem) = lower.strip_suffix(clitic)
            && !stem.is_empty()
            && stem.chars().all(char::is_alphabetic)
        {
            return Some(clitic.len());
        }
    }
    None
}

/// Splits a paragraph's tokens into sentences after terminal punctuation followed by a
/// capital, a digit, an opening quote or bracket.
fn split_sentences(tokens: Vec<Surface>, text: &str, out: &mut Vec<Vec<Surface>>) {
    let mut current = Vec::new();
    let n = tokens.len();
    let mut iter = tokens.into_iter().enumerate().peekable();
    let mut after_terminal = false;
    while let Some((i, t)) = iter.next() {
        let form = &text[t.start..t.end];
        let terminal = form.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'));
        let closing = form.chars().all(|c| matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»'));
        current.push(t);
        if terminal {
            after_terminal = true;
        } else if !closing {
            after_terminal = false;
        }
        if after_terminal && i + 1 < n {
            let next = iter.peek().map(|(_, s)| &text[s.start..s.end]).unwrap_or("");
            let next_closing = next.chars().all(|c| matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»'));
            let starts = next.chars().next().is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '(' | '[' | '\'' | '‘')
            });
            if starts && !next_closing {
                out.push(std::mem::take(&mut current));
                after_terminal = false;
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        let mut lexicon = Lexicon::default();
        lexicon.whole.extend(["u.s.".to_owned(), "mr.".to_owned(), "e-mail".to_owned(), ":)".to_owned()]);
        lexicon.multiword.insert("cannot".to_owned(), vec![3, 3]);
        lexicon
    }

    fn words(text: &str) -> Vec<Vec<&str>> {
        tokenize(text, &lexicon())
            .iter()
            .map(|s| s.iter().flat_map(|t| t.words.iter().map(|&(a, b)| &text[a..b])).collect())
            .collect()
    }

    #[test]
    fn punctuation_clitics_and_hyphens_follow_the_treebank() {
        assert_eq!(
            words("Mr. Kim didn't say \"no\" to the U.S. pro-Russian e-mail (3,000 troops, 12.5%)."),
            vec![vec![
                "Mr.", "Kim", "did", "n't", "say", "\"", "no", "\"", "to", "the", "U.S.", "pro", "-",
                "Russian", "e-mail", "(", "3,000", "troops", ",", "12.5", "%", ")", "."
            ]]
        );
        assert_eq!(words("We cannot go."), vec![vec!["We", "can", "not", "go", "."]]);
        assert_eq!(
            words("“Ukraine’s army” — said"),
            vec![vec!["“", "Ukraine", "’s", "army", "”", "—", "said"]]
        );
    }

    #[test]
    fn sentences_end_at_terminal_punctuation_before_a_capital_and_at_blank_lines() {
        let text = "It rained. Then it stopped... and we left!\n\nNew paragraph here";
        let got = words(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[1], vec!["Then", "it", "stopped", "...", "and", "we", "left", "!"]);
    }

    #[test]
    fn spans_are_exact_on_odd_unicode() {
        let text = "Ａ “quoted” \u{301}x ‐ 🇺🇦 e\u{301}té… – ok";
        for sentence in tokenize(text, &lexicon()) {
            for t in sentence {
                assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
                assert_eq!(t.words.first().map(|w| w.0), Some(t.start));
                assert_eq!(t.words.last().map(|w| w.1), Some(t.end));
            }
        }
    }
}
