//! Word tokens of one sentence, with byte offsets into the article text and the lexicon
//! entry of each word looked up once.
//!
//! The tokenizer is deliberately plain: whitespace, then leading and trailing punctuation
//! peeled off, a possessive "'s" split into its own token, dashes split out. Hyphenated
//! compounds ("U.S.-led", "Kim Jong-un") stay whole; the gazetteer works on raw text and
//! mentions are mapped onto tokens by offset.
//!
//! Speed: the article is lower-cased once ([`fold_case`], which keeps every character's
//! byte length so offsets carry over) and each token's lower-case form is a slice of that
//! copy; tokenizing allocates nothing per word.

use std::borrow::Cow;

use super::lexicon::{self, WordInfo};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (and inner hyphens, apostrophes, periods).
    Word,
    /// Starts with a digit: "3,000", "3.5", "1990s", "12M".
    Number,
    /// A quotation mark of any style.
    Quote,
    /// Any other punctuation, including the possessive "'s".
    Punct,
}

/// One token.
#[derive(Debug, Clone)]
pub struct Token<'t> {
    /// The token as written.
    pub text: &'t str,
    /// Lower-cased text (borrowed when already lower case).
    pub lower: Cow<'t, str>,
    /// Byte offset of the first byte in the article text.
    pub start: usize,
    /// Byte offset one past the last byte in the article text.
    pub end: usize,
    /// Word, number, quote or punctuation.
    pub kind: TokenKind,
    /// Starts with an upper-case letter.
    pub capitalised: bool,
    /// The lexicon entry of the lower-cased word, if any.
    pub info: Option<&'static WordInfo>,
    /// The word's lexicon cues (`lexicon::cue`), kept apart from `info`, which is `None` for
    /// a word the lexicon knows only by its cues.
    pub cues: u128,
}

impl Token<'_> {
    /// Whether this is the possessive marker "'s" (or a bare "'" after a plural).
    pub fn is_possessive(&self) -> bool {
        matches!(self.text, "'s" | "’s" | "'" | "’") && self.kind == TokenKind::Punct
    }

    /// Whether the token is exactly this lower-case word.
    pub fn is(&self, word: &str) -> bool {
        self.lower == word
    }

    /// Whether the word carries any of the lexicon cues `bits` (`lexicon::cue`).
    pub fn cue(&self, bits: u128) -> bool {
        self.cues & bits != 0
    }

    /// Whether the token is punctuation that ends a clause (, ; : dashes brackets).
    pub fn is_clause_punct(&self) -> bool {
        self.kind == TokenKind::Punct
            && matches!(
                self.text,
                "," | ";" | ":" | "—" | "–" | "--" | "-" | "(" | ")" | "[" | "]" | "{" | "}"
            )
    }
}

const LEADING: &[char] = &['"', '“', '‘', '\'', '«', '(', '[', '{', '`', '$', '£', '€', '¥', '\\'];
const TRAILING: &[char] = &['.', ',', ';', ':', '!', '?', ')', '"', '”', '’', '\'', '»', ']', '}', '…', '`'];
const QUOTES: &[char] = &['"', '“', '”', '‘', '’', '\'', '«', '»', '`'];

/// The end of the first phrase of the fixed expression `which` that starts at token `k`.
pub fn fixed_at(tokens: &[Token<'_>], k: usize, which: lexicon::Fixed) -> Option<usize> {
    lexicon::fixed(which).iter().find_map(|phrase| {
        let end = k + phrase.len();
        let words = tokens.get(k..end)?;
        words.iter().zip(phrase).all(|(t, w)| t.lower == *w).then_some(end)
    })
}

/// A lower-case copy of `text` with the same byte length at every character, so offsets
/// into `text` are offsets into the copy. A character whose lower case is longer or is
/// several characters ("İ") is kept as it is; the lexicon is ASCII, so nothing is lost.
pub fn fold_case(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
    }
    out
}

/// Tokenizes `text[start..end]`, reporting offsets relative to the start of `text`.
/// `lower` is [`fold_case`] of `text`.
pub fn tokenize<'t>(text: &'t str, lower: &'t str, start: usize, end: usize) -> Vec<Token<'t>> {
    let texts = Texts { text, lower: if lower.len() == text.len() { lower } else { text } };
    let mut tokens = Vec::with_capacity((end - start) / 5);
    let mut chunk_start: Option<usize> = None;
    for (i, c) in text[start..end].char_indices() {
        let at = start + i;
        if c.is_whitespace() {
            if let Some(s) = chunk_start.take() {
                split_chunk(texts, s, at, &mut tokens);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(at);
        }
    }
    if let Some(s) = chunk_start {
        split_chunk(texts, s, end, &mut tokens);
    }
    tokens
}

/// The text and its case-folded copy, passed together.
#[derive(Clone, Copy)]
struct Texts<'t> {
    text: &'t str,
    lower: &'t str,
}

/// Splits one whitespace-free chunk into tokens: leading punctuation, the core, trailing
/// punctuation (pushed in text order).
fn split_chunk<'t>(texts: Texts<'t>, mut s: usize, mut e: usize, out: &mut Vec<Token<'t>>) {
    let text = texts.text;
    while s < e {
        let Some(c) = text[s..e].chars().next() else { break };
        if LEADING.contains(&c) {
            // "``" (two backticks) is one opening quote.
            out.push(make(texts, s, s + c.len_utf8()));
            s += c.len_utf8();
        } else {
            break;
        }
    }
    let trailing_end = e;
    while s < e {
        let Some(c) = text[s..e].chars().next_back() else { break };
        if !TRAILING.contains(&c) {
            break;
        }
        // Keep the final period of an abbreviation or acronym ("U.S.", "Gen.", "J.").
        if c == '.' && keeps_final_period(&text[s..e - 1]) {
            break;
        }
        e -= c.len_utf8();
    }
    if s < e {
        split_core(texts, s, e, out);
    }
    let mut k = e;
    while k < trailing_end {
        let Some(c) = text[k..trailing_end].chars().next() else { break };
        out.push(make(texts, k, k + c.len_utf8()));
        k += c.len_utf8();
    }
}

/// Splits the core of a chunk at dashes and before a possessive.
fn split_core<'t>(texts: Texts<'t>, s: usize, e: usize, out: &mut Vec<Token<'t>>) {
    let mut piece_start = s;
    let core = &texts.text[s..e];
    let mut iter = core.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let dash_len = match c {
            '—' | '–' => c.len_utf8(),
            '-' if core[i..].starts_with("--") => 2,
            _ => continue,
        };
        if dash_len == 2 {
            iter.next();
        }
        if s + i > piece_start {
            push_word(texts, piece_start, s + i, out);
        }
        out.push(make(texts, s + i, s + i + dash_len));
        piece_start = s + i + dash_len;
    }
    if piece_start < e {
        push_word(texts, piece_start, e, out);
    }
}

/// Pushes a word, splitting a trailing possessive "'s" into its own token.
fn push_word<'t>(texts: Texts<'t>, s: usize, e: usize, out: &mut Vec<Token<'t>>) {
    let word = &texts.text[s..e];
    for suffix in ["'s", "’s"] {
        if word.len() > suffix.len() && word.ends_with(suffix) {
            let cut = e - suffix.len();
            out.push(make(texts, s, cut));
            out.push(make(texts, cut, e));
            return;
        }
    }
    out.push(make(texts, s, e));
}

/// Whether a word followed by "." keeps the period as part of itself.
fn keeps_final_period(word: &str) -> bool {
    if word.contains('.') {
        return true; // "U.S", "a.m"
    }
    let mut chars = word.chars();
    if matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase()) {
        return true; // an initial
    }
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Gen"
            | "Lt"
            | "Col"
            | "Sgt"
            | "Capt"
            | "Maj"
            | "Adm"
            | "Gov"
            | "Sen"
            | "Rep"
            | "Rev"
            | "Prof"
            | "St"
            | "Jan"
            | "Feb"
            | "Aug"
            | "Sept"
            | "Sep"
            | "Oct"
            | "Nov"
            | "Dec"
            | "No"
            | "Jr"
            | "Sr"
            | "Inc"
            | "Corp"
            | "Ltd"
            | "Co"
            | "vs"
    )
}

fn make(texts: Texts<'_>, start: usize, end: usize) -> Token<'_> {
    let word = &texts.text[start..end];
    let first = word.chars().next().unwrap_or(' ');
    let kind = if first.is_ascii_digit() {
        TokenKind::Number
    } else if word.chars().all(|c| QUOTES.contains(&c)) && !matches!(word, "'s" | "’s") {
        TokenKind::Quote
    } else if first.is_alphabetic() {
        TokenKind::Word
    } else {
        TokenKind::Punct
    };
    let mut lower: Cow<'_, str> = Cow::Borrowed(texts.lower.get(start..end).unwrap_or(word));
    let mut info = if kind == TokenKind::Word || kind == TokenKind::Number || kind == TokenKind::Punct {
        lexicon::word(&lower)
    } else {
        None
    };
    // "co-operate", "re-deploy": a short prefix written with a hyphen is the word the
    // lexicon knows without it.
    if info.is_none()
        && kind == TokenKind::Word
        && let Some(joined) = without_prefix_hyphen(&lower)
        && let Some(found) = lexicon::word(&joined)
    {
        info = Some(found);
        lower = Cow::Owned(joined);
    }
    let cues = info.map_or(0, |i| i.cues);
    let info = info.filter(|i| !i.cues_only());
    Token { text: word, lower, start, end, kind, capitalised: first.is_uppercase(), info, cues }
}

/// "co-operate" -> "cooperate": a word of one hyphen after a prefix of two or three
/// letters, joined; `None` for any other word.
fn without_prefix_hyphen(word: &str) -> Option<String> {
    let (prefix, rest) = word.split_once('-')?;
    let letters = |s: &str| s.chars().all(char::is_alphabetic);
    ((2..=3).contains(&prefix.chars().count())
        && rest.chars().count() >= 3
        && letters(prefix)
        && letters(rest))
    .then(|| format!("{prefix}{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hyphenated_prefix_is_joined_only_when_short() {
        assert_eq!(without_prefix_hyphen("co-operate").as_deref(), Some("cooperate"));
        assert_eq!(without_prefix_hyphen("re-deploy").as_deref(), Some("redeploy"));
        assert_eq!(without_prefix_hyphen("anti-aircraft"), None);
        assert_eq!(without_prefix_hyphen("co-op"), None);
        assert_eq!(without_prefix_hyphen("u.s.-led"), None);
    }

    fn words(text: &str) -> Vec<String> {
        let lower = fold_case(text);
        tokenize(text, &lower, 0, text.len()).iter().map(|t| t.text.to_owned()).collect()
    }

    #[test]
    fn punctuation_possessives_and_quotes_become_their_own_tokens() {
        assert_eq!(
            words("North Korea's troops, \"grave concern.\""),
            ["North", "Korea", "'s", "troops", ",", "\"", "grave", "concern", ".", "\""]
        );
        assert_eq!(
            words("the U.S.-led sanctions (2024)."),
            ["the", "U.S.-led", "sanctions", "(", "2024", ")", "."]
        );
        assert_eq!(words("Gen. J. Smith sent $50,000."), ["Gen.", "J.", "Smith", "sent", "$", "50,000", "."]);
        assert_eq!(words("forces—including tanks"), ["forces", "—", "including", "tanks"]);
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "  Zürich  hosted “talks” ";
        let lower = fold_case(text);
        for t in tokenize(text, &lower, 0, text.len()) {
            assert_eq!(&text[t.start..t.end], t.text);
            assert_eq!(t.lower, t.text.to_lowercase());
        }
    }
}
