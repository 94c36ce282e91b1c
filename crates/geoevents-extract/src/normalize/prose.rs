//! Measures of a paragraph of prose shared by the HTML and plain-text paths: whitespace
//! folding, word counts, sentence punctuation and the word bags used to compare texts.

/// Folds every run of whitespace (including no-break and other Unicode spaces) into one
/// space, drops zero-width characters and soft hyphens, and trims the ends. The result
/// never contains a newline, so paragraphs can be joined with `"\n\n"`.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    // Runs of kept characters are copied as slices rather than one char at a time.
    let mut run: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let invisible = is_invisible(c);
        // Control characters are not text; they appear in binary junk and broken feeds.
        let space = c.is_whitespace() || (!invisible && c.is_control());
        if !space && !invisible {
            if run.is_none() {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                run = Some(i);
            }
            continue;
        }
        if let Some(start) = run.take() {
            out.push_str(&text[start..i]);
        }
        if space {
            pending_space = !out.is_empty();
        }
    }
    if let Some(start) = run {
        out.push_str(&text[start..]);
    }
    out
}

/// Zero-width characters and soft hyphens: dropped without leaving a space.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}')
}

/// Whether [`collapse_whitespace`] would leave nothing of `text`, without building it.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c.is_control() || is_invisible(c))
}

/// Number of whitespace-separated words; CJK text without spaces counts one word per
/// two characters so that length thresholds mean roughly the same in every script.
pub fn word_count(text: &str) -> usize {
    let (mut words, mut cjk, mut in_word) = (0, 0, false);
    if text.is_ascii() {
        for b in text.bytes() {
            let space = b.is_ascii_whitespace();
            words += usize::from(!space && !in_word);
            in_word = !space;
        }
        return words;
    }
    for c in text.chars() {
        let space = c.is_whitespace();
        words += usize::from(!space && !in_word);
        in_word = !space;
        cjk += usize::from(is_cjk(c));
    }
    words.max(cjk / 2)
}

/// Han, kana and Hangul characters.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Whether the text ends like a sentence: `.`, `!`, `?`, a closing quote or bracket
/// after one, or CJK full stops.
pub fn ends_like_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || "\"'”’»)]".contains(c));
    trimmed.ends_with(['.', '!', '?', '。', '！', '？', '؟', '…', ':']) && !ends_with_ellipsis(text)
}

/// Whether the text stops mid-thought with `...` or `…`: the shape of a teaser snippet.
pub fn ends_with_ellipsis(text: &str) -> bool {
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || "\"'”’»)]".contains(c));
    trimmed.ends_with("...")
        || trimmed.ends_with('…')
        || trimmed.ends_with("[…]")
        || trimmed.ends_with("[...]")
}

/// Whether a paragraph reads as story prose: long enough, and built of sentences.
pub fn looks_like_story(text: &str) -> bool {
    let words = word_count(text);
    if ends_with_ellipsis(text) && words < 80 {
        return false;
    }
    let has_sentence_end = text.contains(['.', '!', '?', '。', '？', '！']);
    (words >= 10 && has_sentence_end) || words >= 30
}

/// Lower-cased word tokens with punctuation stripped: the bag of words used for
/// token-level comparisons. CJK characters are one token each.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() && !matches!(c, '\'' | '’') {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Case- and punctuation-insensitive equality, for matching a title against a line.
pub fn same_words(a: &str, b: &str) -> bool {
    let (ta, tb) = (tokens(a), tokens(b));
    !ta.is_empty() && ta == tb
}

/// Whether the words of `needle` appear as one run inside the words of `haystack`
/// (case and punctuation ignored): a headline line inside a "Site - Headline" title.
pub fn contains_words(haystack: &str, needle: &str) -> bool {
    let (h, n) = (tokens(haystack), tokens(needle));
    !n.is_empty() && n.len() <= h.len() && h.windows(n.len()).any(|w| w == n.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_of_every_kind_folds_to_single_spaces() {
        let cases = [
            ("  a \n\t b  ", "a b"),
            ("no\u{a0}break\u{2009}thin", "no break thin"),
            ("zero\u{200b}width soft\u{ad}hyphen", "zerowidth softhyphen"),
            ("bell\u{7}char", "bell char"),
            ("", ""),
        ];
        for (raw, want) in cases {
            assert_eq!(collapse_whitespace(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn story_prose_is_told_from_titles_and_teasers() {
        let cases = [
            (
                "The prospect of North Korean troops joining Russian forces has sparked serious concerns.",
                true,
            ),
            ("South Korea Alarmed by North Korea's Potential Role in Ukraine Conflict", false),
            (
                "Documents connected to the federal investigation are being released in stages by the...",
                false,
            ),
            ("He declined to comment.", false),
            ("Share this:", false),
        ];
        for (text, want) in cases {
            assert_eq!(looks_like_story(text), want, "{text}");
        }
    }

    #[test]
    fn tokens_are_lower_case_words_without_punctuation() {
        assert_eq!(
            tokens("U.S. troops, 3,000 of them—Kim's"),
            ["u", "s", "troops", "3", "000", "of", "them", "kims"]
        );
        assert_eq!(tokens("北京 Seoul"), ["北", "京", "seoul"]);
        assert!(same_words("South Korea: Alarmed!", "south korea alarmed"));
        assert!(contains_words(
            "Daily Herald - Council approves flood barrier",
            "Council approves flood barrier"
        ));
        assert!(!contains_words("Council approves", "Council approves flood barrier"));
    }
}
