//! The syntax layer of geoevents: English text to sentences of words, each with its exact
//! span in the input, lemma, universal part-of-speech tag, head and Universal Dependencies
//! relation (subtypes such as `nsubj:pass`, `obl:agent` and `nmod:poss` included).
//!
//! Tokenization follows the English Web Treebank's conventions; tagging, lemmatization and
//! parsing are learned from it (`train`), and the trained model is committed and compiled
//! into the crate, so nothing is read at run time.
//!
//! **Architecture Invariant:** pure and deterministic; no I/O (the model is embedded), no
//! tokio, sqlx or axum. Any input gives sentences, never a panic; time and memory are
//! linear in its length.

mod binary;
pub mod conllu;
pub mod eval;
mod lemma;
pub mod model;
mod parser;
mod perceptron;
mod tagger;
mod tokenize;
pub mod train;

use std::sync::OnceLock;

pub use model::Model;
pub use tagger::UPOS;

/// The model compiled into the crate (see the repository README for how it is trained).
const EMBEDDED: &[u8] = include_bytes!("../model/en_ewt.model");

/// Longest sentence parsed as one: longer runs are parsed in pieces of this many words.
pub const MAX_SENTENCE_WORDS: usize = 400;

/// A word of a parsed sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'t> {
    /// The word exactly as written.
    pub form: &'t str,
    /// Byte offset of its first byte in the input.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// Offset of its first character, counted in Unicode scalar values.
    pub char_start: usize,
    /// Offset one past its last character, in Unicode scalar values.
    pub char_end: usize,
    /// Byte span of the surface token it belongs to: wider than the word for the words of
    /// a multi-word token ("do" and "n't" of "don't").
    pub surface: (usize, usize),
    /// Its lemma ("deployed" → "deploy").
    pub lemma: String,
    /// Universal part-of-speech tag.
    pub upos: &'static str,
    /// Its head, 1-based within the sentence; 0 for the root.
    pub head: usize,
    /// Its relation to the head.
    pub deprel: String,
}

/// A sentence of words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence<'t> {
    /// Its words in order.
    pub tokens: Vec<Token<'t>>,
}

/// The embedded model, loaded on first use.
pub fn model() -> Result<&'static Model, String> {
    static MODEL: OnceLock<Result<Model, String>> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(EMBEDDED)).as_ref().map_err(Clone::clone)
}

/// Parses `text` with the embedded model.
pub fn parse(text: &str) -> Result<Vec<Sentence<'_>>, String> {
    Ok(model()?.parse(text))
}

/// The analysis of one sentence of given words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// Tags, one per word.
    pub upos: Vec<&'static str>,
    /// Lemmas.
    pub lemmas: Vec<String>,
    /// Heads (1-based, 0 for the root).
    pub heads: Vec<usize>,
    /// Relations.
    pub deprels: Vec<String>,
}

impl Model {
    /// Splits, tokenizes, tags, lemmatizes and parses `text`.
    pub fn parse<'t>(&self, text: &'t str) -> Vec<Sentence<'t>> {
        let mut out = Vec::new();
        let mut chars = CharCounter::default();
        for surfaces in tokenize::tokenize(text, &self.lexicon) {
            let mut words: Vec<(usize, usize, (usize, usize))> = Vec::new();
            for s in &surfaces {
                words.extend(s.words.iter().map(|&(a, b)| (a, b, (s.start, s.end))));
            }
            for piece in words.chunks(MAX_SENTENCE_WORDS) {
                let forms: Vec<&str> = piece.iter().map(|&(a, b, _)| &text[a..b]).collect();
                let Analysis { upos, lemmas, heads, deprels } = self.analyse(&forms);
                let words = piece.iter().zip(upos).zip(lemmas).zip(heads).zip(deprels);
                let tokens = words
                    .map(|((((&(start, end, surface), upos), lemma), head), deprel)| Token {
                        form: &text[start..end],
                        start,
                        end,
                        char_start: chars.at(text, start),
                        char_end: chars.at(text, end),
                        surface,
                        lemma,
                        upos,
                        head,
                        deprel,
                    })
                    .collect();
                out.push(Sentence { tokens });
            }
        }
        out
    }

    /// Tags, lemmatizes and parses one sentence of given words (gold tokenization).
    pub fn analyse(&self, forms: &[&str]) -> Analysis {
        let tags = self.tagger.tag(forms);
        let xtags = self.xtagger.tag(forms);
        let lemmas = forms.iter().zip(&tags).map(|(f, &t)| self.lemmatizer.lemma(f, t)).collect();
        let parsed = self.parser.parse_sentence(forms, &tags, &xtags);
        Analysis {
            upos: tags.iter().map(|&t| UPOS.get(usize::from(t)).copied().unwrap_or("X")).collect(),
            lemmas,
            heads: parsed.iter().map(|&(h, _)| h).collect(),
            deprels: parsed.iter().map(|&(_, l)| l.to_owned()).collect(),
        }
    }
}

/// Byte offsets to character offsets, for offsets that only grow.
#[derive(Default)]
struct CharCounter {
    byte: usize,
    chars: usize,
}

impl CharCounter {
    fn at(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}
