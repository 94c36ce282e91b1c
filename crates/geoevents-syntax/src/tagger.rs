//! Part-of-speech tagging (universal tags, and the treebank's fine-grained English tags,
//! which the parser reads too): a greedy left-to-right averaged perceptron over the word,
//! its affixes and shape, its neighbours and the two previous tags, with a dictionary for
//! frequent words that always take one tag.

use std::collections::HashMap;

use crate::perceptron::{Rng, Trainer, Weights, argmax, feature, hash_str};

/// The universal part-of-speech tags, in the model's class order.
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
    "SCONJ", "SYM", "VERB", "X",
];

/// Index of a tag name.
pub fn upos_index(tag: &str) -> Option<usize> {
    UPOS.iter().position(|t| *t == tag)
}

/// A trained tagger.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagger {
    pub(crate) weights: Weights,
    pub(crate) dictionary: HashMap<String, u8>,
}

/// Number of classes of a tagger trained on `sentences` (the highest tag plus one).
fn class_count(sentences: &[Vec<(String, u8)>]) -> usize {
    sentences.iter().flatten().map(|(_, t)| usize::from(*t) + 1).max().unwrap_or(1)
}

/// What the features need of each word, computed once.
pub(crate) struct WordKeys {
    lower: u64,
    exact: u64,
    prefix: [u64; 3],
    suffix: [u64; 4],
    shape: u64,
    flags: u64,
}

pub(crate) fn word_keys(form: &str) -> WordKeys {
    let lower = form.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let n = chars.len();
    let affix = |range: std::ops::Range<usize>| hash_str(&chars[range].iter().collect::<String>());
    let prefix = [affix(0..n.min(1)), affix(0..n.min(2)), affix(0..n.min(3))];
    let suffix = [
        affix(n.saturating_sub(1)..n),
        affix(n.saturating_sub(2)..n),
        affix(n.saturating_sub(3)..n),
        affix(n.saturating_sub(4)..n),
    ];
    let mut shape = String::new();
    for c in form.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if !shape.ends_with(s) || shape.chars().rev().take_while(|&x| x == s).count() < 2 {
            shape.push(s);
        }
    }
    let flags = u64::from(form.chars().next().is_some_and(char::is_uppercase))
        | u64::from(form.chars().any(|c| c.is_ascii_digit())) << 1
        | u64::from(form.contains('-')) << 2
        | u64::from(form.chars().all(char::is_uppercase)) << 3;
    WordKeys {
        lower: hash_str(&lower),
        exact: hash_str(form),
        prefix,
        suffix,
        shape: hash_str(&shape),
        flags,
    }
}

const NONE: u64 = 0x5151_5151;

fn features(keys: &[WordKeys], i: usize, prev: u64, prev2: u64, out: &mut Vec<u64>) {
    out.clear();
    let w = &keys[i];
    let at =
        |k: isize| -> Option<&WordKeys> { usize::try_from(i as isize + k).ok().and_then(|j| keys.get(j)) };
    let lower = |k: isize| at(k).map_or(NONE, |x| x.lower);
    let suffix3 = |k: isize| at(k).map_or(NONE, |x| x.suffix[2]);
    let first = u64::from(i == 0);
    out.extend([
        feature(0, 0, 0, 0),
        feature(1, w.lower, 0, 0),
        feature(2, w.suffix[0], 0, 0),
        feature(3, w.suffix[1], 0, 0),
        feature(4, w.suffix[2], 0, 0),
        feature(5, w.suffix[3], 0, 0),
        feature(6, w.prefix[0], 0, 0),
        feature(7, w.prefix[1], 0, 0),
        feature(8, w.prefix[2], 0, 0),
        feature(9, w.shape, 0, 0),
        feature(10, w.flags, first, 0),
        feature(11, prev, 0, 0),
        feature(12, prev, prev2, 0),
        feature(13, prev, w.lower, 0),
        feature(14, lower(-1), 0, 0),
        feature(15, suffix3(-1), 0, 0),
        feature(16, lower(-2), 0, 0),
        feature(17, lower(1), 0, 0),
        feature(18, suffix3(1), 0, 0),
        feature(19, lower(2), 0, 0),
        feature(20, lower(-1), w.lower, 0),
        feature(21, w.lower, lower(1), 0),
        feature(22, prev, w.suffix[2], 0),
        feature(23, w.shape, lower(1), 0),
        feature(24, at(1).map_or(NONE, |x| x.shape), 0, 0),
        feature(25, prev, lower(1), 0),
        feature(26, w.exact, first, 0),
        feature(27, w.suffix[2], w.flags, first),
        feature(28, w.shape, first, prev),
        feature(29, at(-1).map_or(NONE, |x| x.shape), w.shape, 0),
        feature(30, at(1).map_or(NONE, |x| x.flags), w.flags, first),
    ]);
}

impl Tagger {
    /// Tags a sentence's words.
    pub fn tag(&self, forms: &[&str]) -> Vec<u8> {
        let keys: Vec<WordKeys> = forms.iter().map(|f| word_keys(f)).collect();
        let mut tags = Vec::with_capacity(forms.len());
        let mut feats = Vec::with_capacity(32);
        let mut scores = vec![0.0; self.weights.classes()];
        for (i, form) in forms.iter().enumerate() {
            let tag = if let Some(&t) = self.dictionary.get(&form.to_lowercase()) {
                t
            } else {
                let prev = tags.last().map_or(NONE, |&t: &u8| u64::from(t));
                let prev2 = if i >= 2 { u64::from(tags[i - 2]) } else { NONE };
                features(&keys, i, prev, prev2, &mut feats);
                self.weights.score(&feats, &mut scores);
                argmax(&scores, |_| true).unwrap_or(0) as u8
            };
            tags.push(tag);
        }
        tags
    }

    /// Trains on sentences of (form, tag index), in a seeded order.
    pub fn train(sentences: &[Vec<(String, u8)>], epochs: usize, seed: u64) -> Self {
        let dictionary = dictionary(sentences);
        let classes = class_count(sentences);
        let mut trainer = Trainer::new(17, classes);
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        let mut rng = Rng::new(seed);
        let mut feats = Vec::with_capacity(32);
        let mut scores = vec![0.0; classes];
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &s in &order {
                let sentence = &sentences[s];
                let keys: Vec<WordKeys> = sentence.iter().map(|(f, _)| word_keys(f)).collect();
                let mut tags: Vec<u8> = Vec::with_capacity(sentence.len());
                for (i, (form, gold)) in sentence.iter().enumerate() {
                    if let Some(&t) = dictionary.get(&form.to_lowercase()) {
                        tags.push(t);
                        continue;
                    }
                    let prev = tags.last().map_or(NONE, |&t| u64::from(t));
                    let prev2 = if i >= 2 { u64::from(tags[i - 2]) } else { NONE };
                    features(&keys, i, prev, prev2, &mut feats);
                    trainer.score(&feats, &mut scores);
                    let guess = argmax(&scores, |_| true).unwrap_or(0);
                    trainer.tick();
                    trainer.update(&feats, usize::from(*gold), guess);
                    tags.push(guess as u8);
                }
            }
        }
        Self { weights: trainer.finish(), dictionary }
    }
}

/// Words seen at least 20 times with one tag at least 99% of the time.
fn dictionary(sentences: &[Vec<(String, u8)>]) -> HashMap<String, u8> {
    let classes = class_count(sentences);
    let mut counts: HashMap<String, Vec<u32>> = HashMap::new();
    for (form, tag) in sentences.iter().flatten() {
        counts.entry(form.to_lowercase()).or_insert_with(|| vec![0; classes])[usize::from(*tag)] += 1;
    }
    counts
        .into_iter()
        .filter_map(|(form, c)| {
            let total: u32 = c.iter().sum();
            let (best, &n) = c.iter().enumerate().max_by_key(|&(_, n)| *n)?;
            (total >= 20 && f64::from(n) / f64::from(total) >= 0.99).then_some((form, best as u8))
        })
        .collect()
}
