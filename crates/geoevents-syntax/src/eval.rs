//! Scoring against a treebank split the way the CoNLL 2018 shared task does: with gold
//! tokenization, UPOS, lemma, UAS and LAS accuracy (LAS compares relations without their
//! subtypes; the full relation is reported too); from raw text, tokens, words and sentences
//! F1 over exact character spans, and UPOS and LAS F1 over the words whose spans match.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::Model;
use crate::conllu::{GoldSentence, raw_text};

/// Scores of a model on a split.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Report {
    /// Words scored with gold tokenization.
    pub words: usize,
    /// UPOS accuracy, gold tokenization.
    pub upos: f64,
    /// Lemma accuracy, gold tokenization.
    pub lemma: f64,
    /// Unlabelled attachment score, gold tokenization.
    pub uas: f64,
    /// Labelled attachment score (relations without subtypes), gold tokenization.
    pub las: f64,
    /// Labelled attachment with full relations (subtypes must match too).
    pub las_full: f64,
    /// Surface tokens F1 from raw text.
    pub tokens_f1: f64,
    /// Syntactic words F1 from raw text.
    pub words_f1: f64,
    /// Sentences F1 from raw text.
    pub sentences_f1: f64,
    /// UPOS F1 from raw text.
    pub raw_upos_f1: f64,
    /// LAS F1 from raw text.
    pub raw_las_f1: f64,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "gold tokenization ({} words):", self.words)?;
        writeln!(f, "  UPOS     {:.4}", self.upos)?;
        writeln!(f, "  Lemmas   {:.4}", self.lemma)?;
        writeln!(f, "  UAS      {:.4}", self.uas)?;
        writeln!(f, "  LAS      {:.4}   (full relations with subtypes: {:.4})", self.las, self.las_full)?;
        writeln!(f, "raw text:")?;
        writeln!(f, "  Tokens   F1 {:.4}", self.tokens_f1)?;
        writeln!(f, "  Words    F1 {:.4}", self.words_f1)?;
        writeln!(f, "  Sentences F1 {:.4}", self.sentences_f1)?;
        writeln!(f, "  UPOS     F1 {:.4}", self.raw_upos_f1)?;
        write!(f, "  LAS      F1 {:.4}", self.raw_las_f1)
    }
}

fn base(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Scores `model` on gold sentences.
pub fn evaluate(model: &Model, gold: &[GoldSentence]) -> Report {
    let mut report = Report::default();
    let (mut upos, mut lemma, mut uas, mut las, mut las_full, mut n) = (0, 0, 0, 0, 0, 0);
    for s in gold {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let a = model.analyse(&forms);
        for (i, w) in s.words.iter().enumerate() {
            n += 1;
            upos += usize::from(a.upos[i] == w.upos);
            lemma += usize::from(a.lemmas[i] == w.lemma);
            if a.heads[i] == w.head {
                uas += 1;
                las += usize::from(base(&a.deprels[i]) == base(&w.deprel));
                las_full += usize::from(a.deprels[i] == w.deprel);
            }
        }
    }
    let ratio = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    report.words = n;
    report.upos = ratio(upos);
    report.lemma = ratio(lemma);
    report.uas = ratio(uas);
    report.las = ratio(las);
    report.las_full = ratio(las_full);
    raw_scores(model, gold, &mut report);
    report
}

/// A gold word located in the raw text (its span is its key in the map).
struct Located<'a> {
    upos: &'a str,
    head_span: Option<(usize, usize)>,
    deprel: &'a str,
}

fn f1(correct: usize, predicted: usize, gold: usize) -> f64 {
    if predicted + gold == 0 { 0.0 } else { 2.0 * correct as f64 / (predicted + gold) as f64 }
}

fn raw_scores(model: &Model, gold: &[GoldSentence], report: &mut Report) {
    let text = raw_text(gold);
    // Locate every gold token and word in the raw text.
    let mut gold_tokens = HashSet::new();
    let mut gold_sentences = HashSet::new();
    let mut gold_words: HashMap<(usize, usize), Located<'_>> = HashMap::new();
    let mut gold_word_count = 0;
    let mut at = 0;
    for s in gold {
        let Some(offset) = text[at..].find(s.text.as_str()).map(|i| at + i) else { continue };
        at = offset + s.text.len();
        let mut cursor = offset;
        let mut word_spans: Vec<(usize, usize)> = vec![(0, 0); s.words.len()];
        let mut sentence_start = None;
        let mut sentence_end = offset;
        for t in &s.tokens {
            let Some(start) = text[cursor..at].find(t.form.as_str()).map(|i| cursor + i) else { continue };
            let end = start + t.form.len();
            cursor = end;
            sentence_start.get_or_insert(start);
            sentence_end = end;
            gold_tokens.insert((start, end));
            let words = &s.words[t.first..t.last];
            let joined: String = words.iter().map(|w| w.form.as_str()).collect();
            let mut w_at = start;
            for (k, w) in words.iter().enumerate() {
                word_spans[t.first + k] = if joined == t.form {
                    let span = (w_at, w_at + w.form.len());
                    w_at += w.form.len();
                    span
                } else {
                    (start, end)
                };
            }
        }
        if let Some(start) = sentence_start {
            gold_sentences.insert((start, sentence_end));
        }
        for (i, w) in s.words.iter().enumerate() {
            gold_word_count += 1;
            let head_span = w.head.checked_sub(1).map(|h| word_spans[h]);
            gold_words.insert(word_spans[i], Located { upos: &w.upos, head_span, deprel: &w.deprel });
        }
    }

    let parsed = model.parse(&text);
    let mut predicted_tokens = HashSet::new();
    let (mut words, mut sentences) = (0, 0);
    let (mut correct_words, mut correct_upos, mut correct_las) = (0, 0, 0);
    let mut correct_sentences = 0;
    for s in &parsed {
        sentences += 1;
        if let (Some(first), Some(last)) = (s.tokens.first(), s.tokens.last())
            && gold_sentences.contains(&(first.surface.0, last.surface.1))
        {
            correct_sentences += 1;
        }
        for t in &s.tokens {
            predicted_tokens.insert(t.surface);
            words += 1;
            let Some(g) = gold_words.get(&(t.start, t.end)) else { continue };
            correct_words += 1;
            correct_upos += usize::from(t.upos == g.upos);
            let head_span = t.head.checked_sub(1).map(|h| (s.tokens[h].start, s.tokens[h].end));
            if head_span == g.head_span && base(&t.deprel) == base(g.deprel) {
                correct_las += 1;
            }
        }
    }
    let correct_tokens = predicted_tokens.intersection(&gold_tokens).count();
    report.tokens_f1 = f1(correct_tokens, predicted_tokens.len(), gold_tokens.len());
    report.words_f1 = f1(correct_words, words, gold_word_count);
    report.sentences_f1 = f1(correct_sentences, sentences, gold_sentences.len());
    report.raw_upos_f1 = f1(correct_upos, words, gold_word_count);
    report.raw_las_f1 = f1(correct_las, words, gold_word_count);
}
