//! Quotations in a sentence: “curly”, "straight" and ``TeX-style'' quotes, and which event
//! of the sentence each one belongs to.
//!
//! **Ownership.** A quotation belongs to the event whose trigger phrase contains or
//! governs it: the nearest trigger before it ("expressed "grave concern" after Russia
//! ratified a treaty, urging Moscow to halt its "illegal cooperation"": the concern is the
//! criticism's, the cooperation the demand's). A quotation before every trigger is the
//! sentence's speech ('"We will respond," he said'), for its statements to share; one in
//! the middle of a clause no trigger governs ("had acted "like pirates" and demanded")
//! belongs to no event.

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

/// A quotation of a sentence and the event it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedQuote {
    /// The quoted words, trimmed of edge punctuation.
    pub text: String,
    /// Anchor of the trigger that owns it, or `None` for the sentence's speech.
    pub owner: Option<usize>,
}

/// The quotations of a sentence of at least `min_words` words with their owners.
/// `token_starts` are the byte offsets of the sentence's tokens relative to the sentence,
/// `anchors` the trigger anchors in token order, `speech_verbs` the tokens that are
/// reporting verbs.
pub fn owned(
    sentence: &str,
    token_starts: &[usize],
    anchors: &[usize],
    speech_verbs: &[usize],
    min_words: usize,
) -> Vec<OwnedQuote> {
    let mut out = Vec::new();
    for (s, e) in quotations(sentence) {
        let text = sentence[s..e].trim().trim_end_matches([',', '.']).trim();
        if text.split_whitespace().count() < min_words {
            continue;
        }
        // The first token inside the quotation.
        let first = token_starts.partition_point(|&t| t < s);
        let owner = anchors.iter().copied().filter(|&a| a < first).max();
        // Speech: the sentence opens with it, or a reporting verb introduces it.
        // ("He stated, \"...\"": the comma and the quotation mark may stand between.)
        let speech = first <= 1 || speech_verbs.iter().any(|&v| v < first && first - v <= 3);
        match owner {
            // A reporting verb between the trigger and the quotation introduces a new
            // statement: "condemned the strikes and said "this is aggression"".
            Some(a) if !speech_verbs.iter().any(|&v| v > a && v < first) => {
                out.push(OwnedQuote { text: text.to_owned(), owner: Some(a) })
            }
            _ if speech => out.push(OwnedQuote { text: text.to_owned(), owner: None }),
            _ => {}
        }
    }
    out
}

/// The longest quotation a trigger may carry: its own, or the sentence's speech.
pub fn for_trigger(quotes: &[OwnedQuote], anchor: usize) -> Option<String> {
    let own = quotes.iter().filter(|q| q.owner == Some(anchor)).max_by_key(|q| q.text.len());
    own.or_else(|| quotes.iter().filter(|q| q.owner.is_none()).max_by_key(|q| q.text.len()))
        .map(|q| q.text.clone())
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
    fn a_quote_belongs_to_the_trigger_that_governs_it() {
        // Token starts of: expressed "grave concern" after Russia ratified , urging "illegal cooperation"
        let s = "expressed \"grave concern\" after Russia ratified, urging \"illegal cooperation\"";
        let starts: Vec<usize> = {
            let mut v = Vec::new();
            let mut prev = ' ';
            for (i, c) in s.char_indices() {
                if (prev == ' ' || prev == '"') && c != ' ' || c == '"' || c == ',' {
                    v.push(i);
                }
                prev = c;
            }
            v
        };
        let anchor = |word: &str| starts.iter().position(|&b| s[b..].starts_with(word)).unwrap_or(0);
        let (expressed, ratified, urging) = (anchor("expressed"), anchor("ratified"), anchor("urging"));
        let quotes = owned(s, &starts, &[expressed, ratified, urging], &[], 2);
        assert_eq!(for_trigger(&quotes, expressed).as_deref(), Some("grave concern"), "{quotes:?}");
        assert_eq!(for_trigger(&quotes, urging).as_deref(), Some("illegal cooperation"), "{quotes:?}");
        let mid = owned("had acted \"like pirates\" and demanded", &[0, 4, 10, 11, 16, 24, 28], &[6], &[], 2);
        assert!(mid.is_empty(), "{mid:?}");
    }

    #[test]
    fn the_longest_quote_wins_and_short_ones_are_ignored() {
        let s = "It expressed \"grave concern\" and said \"we reject this plan entirely.\"";
        assert_eq!(longest(s, 2).as_deref(), Some("we reject this plan entirely"));
        assert_eq!(longest("\"no\"", 2), None);
    }
}
