//! Quotations in a sentence: “curly”, "straight" and ``TeX-style'' quotes.

/// The contents of every quotation in `sentence`, as byte ranges into it, in order. An
/// unclosed quotation runs to the end of the sentence.
pub fn quotations(sentence: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Most sentences quote nobody: a byte scan for '"', '`' and the lead byte of the curly
    // quotes (U+201C, U+201D) settles them without decoding characters.
    if !sentence.bytes().any(|b| matches!(b, b'"' | b'`' | 0xE2)) {
        return out;
    }
    let mut open: Option<(usize, char)> = None;
    let mut iter = sentence.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let (is_open, is_close, width) = match c {
            '“' => (true, false, c.len_utf8()),
            '”' => (false, true, c.len_utf8()),
            '"' => (open.is_none(), open.is_some(), 1),
            '`' if iter.peek().is_some_and(|(_, n)| *n == '`') => {
                iter.next();
                (true, false, 2)
            }
            '\'' if open.is_some_and(|(_, o)| o == '`') && iter.peek().is_some_and(|(_, n)| *n == '\'') => {
                iter.next();
                (false, true, 2)
            }
            _ => (false, false, 0),
        };
        if is_open && open.is_none() {
            open = Some((i + width, c));
        } else if is_close
            && let Some((start, _)) = open.take()
            && i > start
        {
            out.push((start, i));
        }
    }
    if let Some((start, _)) = open
        && start < sentence.len()
    {
        out.push((start, sentence.len()));
    }
    out
}

/// The longest quotation of at least `min_words` words, trimmed of edge punctuation.
pub fn longest(sentence: &str, min_words: usize) -> Option<String> {
    quotations(sentence)
        .into_iter()
        .map(|(s, e)| sentence[s..e].trim().trim_end_matches([',', '.']).trim())
        .filter(|q| q.split_whitespace().count() >= min_words)
        .max_by_key(|q| q.len())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_straight_and_tex_quotes_are_found() {
        let s = "He said “we will act” and \"soon\" and ``later'' too.";
        let got: Vec<&str> = quotations(s).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(got, ["we will act", "soon", "later"]);
    }

    #[test]
    fn the_longest_quote_wins_and_short_ones_are_ignored() {
        let s = "It expressed \"grave concern\" and said \"we reject this plan entirely.\"";
        assert_eq!(longest(s, 2).as_deref(), Some("we reject this plan entirely"));
        assert_eq!(longest("\"no\"", 2), None);
    }
}
