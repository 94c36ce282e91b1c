//! Lemmatization learned from the treebank: a table of the lemma of every (word, tag) pair
//! seen in training, and for unseen words the most frequent suffix edit ("strip `ies`, add
//! `y`") of the longest known ending with that tag.

use std::collections::HashMap;

/// An edit from a word to its lemma: drop `strip` chars, append `append`, lower-case or not.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    pub(crate) strip: u8,
    pub(crate) append: String,
    pub(crate) lower: bool,
}

impl Edit {
    fn between(form: &str, lemma: &str) -> Option<Self> {
        let lower = lemma != form && lemma == lemma.to_lowercase() && form != form.to_lowercase();
        let base: Vec<char> =
            if lower { form.to_lowercase().chars().collect() } else { form.chars().collect() };
        let target: Vec<char> = lemma.chars().collect();
        let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
        let strip = u8::try_from(base.len() - common).ok()?;
        Some(Edit { strip, append: target[common..].iter().collect(), lower })
    }

    fn apply(&self, form: &str) -> String {
        let base: Vec<char> =
            if self.lower { form.to_lowercase().chars().collect() } else { form.chars().collect() };
        let keep = base.len().saturating_sub(usize::from(self.strip));
        let mut out: String = base[..keep].iter().collect();
        out.push_str(&self.append);
        if out.is_empty() { form.to_owned() } else { out }
    }
}

/// A trained lemmatizer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lemmatizer {
    pub(crate) known: HashMap<(String, u8), String>,
    pub(crate) suffixes: HashMap<(String, u8), Edit>,
}

const MAX_SUFFIX: usize = 5;

impl Lemmatizer {
    /// The lemma of `form` tagged `tag`.
    pub fn lemma(&self, form: &str, tag: u8) -> String {
        if let Some(lemma) = self.known.get(&(form.to_owned(), tag)) {
            return lemma.clone();
        }
        let lower = form.to_lowercase();
        if let Some(lemma) = self.known.get(&(lower.clone(), tag)) {
            return lemma.clone();
        }
        let chars: Vec<char> = lower.chars().collect();
        for n in (1..=MAX_SUFFIX.min(chars.len())).rev() {
            let suffix: String = chars[chars.len() - n..].iter().collect();
            if let Some(edit) = self.suffixes.get(&(suffix, tag)) {
                return edit.apply(form);
            }
        }
        form.to_owned()
    }

    /// Learns from (form, tag, lemma) triples.
    pub fn train(words: &[(String, u8, String)]) -> Self {
        let mut known: HashMap<(String, u8), HashMap<String, u32>> = HashMap::new();
        let mut edits: HashMap<(String, u8), HashMap<Edit, u32>> = HashMap::new();
        for (form, tag, lemma) in words {
            *known.entry((form.clone(), *tag)).or_default().entry(lemma.clone()).or_default() += 1;
            let lower = form.to_lowercase();
            if lower != *form {
                let lemma = if lemma == form { lower.clone() } else { lemma.clone() };
                *known.entry((lower, *tag)).or_default().entry(lemma).or_default() += 1;
            }
            let Some(edit) = Edit::between(form, lemma) else { continue };
            let chars: Vec<char> = form.to_lowercase().chars().collect();
            for n in 1..=MAX_SUFFIX.min(chars.len()) {
                let suffix: String = chars[chars.len() - n..].iter().collect();
                *edits.entry((suffix, *tag)).or_default().entry(edit.clone()).or_default() += 1;
            }
        }
        let best = |counts: HashMap<String, u32>| {
            counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        };
        let known = known.into_iter().filter_map(|(k, v)| best(v).map(|(lemma, _)| (k, lemma))).collect();
        let suffixes = edits
            .into_iter()
            .filter_map(|(k, v)| {
                let total: u32 = v.values().sum();
                // Ties go to the smaller edit, so training is reproducible.
                let key =
                    |e: &Edit| (std::cmp::Reverse(e.strip), std::cmp::Reverse(e.append.clone()), !e.lower);
                let (edit, n) =
                    v.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| key(&a.0).cmp(&key(&b.0))))?;
                // A suffix decides only when it is seen enough and agrees with itself.
                (total >= 2 && f64::from(n) / f64::from(total) >= 0.5).then_some((k, edit))
            })
            .collect();
        Self { known, suffixes }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_generalise_to_unseen_words() {
        let words: Vec<(String, u8, String)> = [
            ("deployed", 15, "deploy"),
            ("played", 15, "play"),
            ("stayed", 15, "stay"),
            ("countries", 7, "country"),
            ("parties", 7, "party"),
            ("The", 5, "the"),
        ]
        .iter()
        .map(|(f, t, l)| ((*f).to_owned(), *t, (*l).to_owned()))
        .collect();
        let lemmatizer = Lemmatizer::train(&words);
        assert_eq!(lemmatizer.lemma("swayed", 15), "sway");
        assert_eq!(lemmatizer.lemma("Armies", 7), "Army");
        assert_eq!(lemmatizer.lemma("THE", 5), "the");
        assert_eq!(lemmatizer.lemma("deployed", 15), "deploy");
        assert_eq!(lemmatizer.lemma("Kyiv", 11), "Kyiv");
    }
}
