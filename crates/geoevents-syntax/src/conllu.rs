//! Reading and writing CoNLL-U: the treebank's sentences (basic trees only; empty nodes are
//! skipped) with the surface tokens their words came from, and our parses as CoNLL-U.

use std::fmt::Write;

use crate::Sentence;

/// One word of a treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldWord {
    /// The word as written.
    pub form: String,
    /// Its lemma.
    pub lemma: String,
    /// Universal part-of-speech tag.
    pub upos: String,
    /// The treebank's own (Penn) tag.
    pub xpos: String,
    /// 1-based head, 0 for the root.
    pub head: usize,
    /// Relation to the head, with its subtype.
    pub deprel: String,
}

/// A surface token: one word, or a multi-word token ("don't" = "do" + "n't").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldToken {
    /// As written.
    pub form: String,
    /// Index of its first word.
    pub first: usize,
    /// One past its last word.
    pub last: usize,
    /// Whether a space follows it in the text.
    pub space_after: bool,
}

/// A treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoldSentence {
    /// Its text (`# text =`).
    pub text: String,
    /// Whether it starts a paragraph (`# newpar`) or document (`# newdoc`).
    pub new_paragraph: bool,
    /// Its words.
    pub words: Vec<GoldWord>,
    /// Its surface tokens.
    pub tokens: Vec<GoldToken>,
}

/// Reads a CoNLL-U file; a malformed line is an error naming it.
pub fn read(text: &str) -> Result<Vec<GoldSentence>, String> {
    let mut sentences = Vec::new();
    let mut current = GoldSentence::default();
    let mut pending_mwt: Option<(usize, usize, String, bool)> = None;
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !current.words.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start();
            if let Some(text) = comment.strip_prefix("text = ") {
                current.text = text.to_owned();
            } else if comment.starts_with("newpar") || comment.starts_with("newdoc") {
                current.new_paragraph = true;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(format!("line {}: expected 10 columns, found {}", number + 1, cols.len()));
        }
        let space_after = !cols[9].split('|').any(|m| m == "SpaceAfter=No");
        if let Some((a, b)) = cols[0].split_once('-') {
            let (a, b) = (parse_id(a, number)?, parse_id(b, number)?);
            pending_mwt = Some((a, b, cols[1].to_owned(), space_after));
            continue;
        }
        if cols[0].contains('.') {
            continue; // an empty node of the enhanced graph
        }
        let id = parse_id(cols[0], number)?;
        let head = if cols[6] == "_" { 0 } else { parse_id(cols[6], number)? };
        current.words.push(GoldWord {
            form: cols[1].to_owned(),
            lemma: cols[2].to_owned(),
            upos: cols[3].to_owned(),
            xpos: cols[4].to_owned(),
            head,
            deprel: cols[7].to_owned(),
        });
        match &pending_mwt {
            Some((a, b, form, space)) if id == *a => {
                current.tokens.push(GoldToken {
                    form: form.clone(),
                    first: id - 1,
                    last: *b,
                    space_after: *space,
                });
            }
            Some((_, b, _, _)) if id <= *b => {
                if id == *b {
                    pending_mwt = None;
                }
            }
            _ => {
                pending_mwt = None;
                current.tokens.push(GoldToken {
                    form: cols[1].to_owned(),
                    first: id - 1,
                    last: id,
                    space_after,
                });
            }
        }
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

fn parse_id(text: &str, line: usize) -> Result<usize, String> {
    text.parse().map_err(|_| format!("line {}: '{text}' is not a word index", line + 1))
}

/// The raw text of a run of treebank sentences, as a document would have it: sentences of a
/// paragraph joined by a space, paragraphs by a blank line.
pub fn raw_text(sentences: &[GoldSentence]) -> String {
    let mut out = String::new();
    for (i, s) in sentences.iter().enumerate() {
        if i > 0 {
            out.push_str(if s.new_paragraph { "\n\n" } else { " " });
        }
        out.push_str(&s.text);
    }
    out
}

/// Our parse of `text` as CoNLL-U, with each word's character range in `TokenRange`.
pub fn write(text: &str, sentences: &[Sentence<'_>]) -> String {
    let mut out = String::new();
    for (n, sentence) in sentences.iter().enumerate() {
        let _ = writeln!(out, "# sent_id = {}", n + 1);
        let first = sentence.tokens.first().map_or(0, |t| t.start);
        let last = sentence.tokens.last().map_or(0, |t| t.end);
        let _ = writeln!(out, "# text = {}", text[first..last].replace('\n', " "));
        for (i, t) in sentence.tokens.iter().enumerate() {
            let space_after = sentence.tokens.get(i + 1).is_none_or(|next| next.start > t.end);
            let misc = format!(
                "TokenRange={}:{}{}",
                t.char_start,
                t.char_end,
                if space_after { "" } else { "|SpaceAfter=No" }
            );
            let form = t.form.replace(['\t', '\n'], " ");
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t_\t_\t{}\t{}\t_\t{}",
                i + 1,
                form,
                t.lemma.replace(['\t', '\n'], " "),
                t.upos,
                t.head,
                t.deprel,
                misc
            );
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# text = I don't know.\n\
        1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
        2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
        2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n\
        3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
        4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
        4.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n\
        5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn words_tokens_and_multiword_tokens_are_read() {
        let sentences = read(SAMPLE).expect("parses");
        assert_eq!(sentences.len(), 1);
        let s = &sentences[0];
        assert!(s.new_paragraph);
        assert_eq!(s.words.len(), 5);
        assert_eq!(s.words[2].deprel, "advmod");
        let forms: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
        assert_eq!(forms, ["I", "don't", "know", "."]);
        assert_eq!((s.tokens[1].first, s.tokens[1].last), (1, 3));
        assert!(!s.tokens[2].space_after);
    }

    #[test]
    fn a_short_line_is_an_error_naming_it() {
        let err = read("1\tx\tx\n").unwrap_err();
        assert!(err.starts_with("line 1:"), "{err}");
    }
}
