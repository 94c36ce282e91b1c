//! The dependency tree of one sentence, over the extractor's own tokens.
//!
//! Input: the tokens of [`super::tokens`]. Output: for each token its head (another token of
//! the sentence, or none for the root) and its Universal Dependencies relation, subtypes
//! included (`nsubj:pass`, `obl:agent`, `nmod:poss`). The tagger and parser of
//! `geoevents-syntax` run on the tokens as given, so a tree position is a token index and
//! needs no alignment.
//!
//! A sentence is parsed only when a later stage asks for its tree ([`super::parsed`] keeps
//! it), so sentences without a trigger cost nothing. A sentence longer than
//! [`MAX_WORDS`] tokens has no tree: its roles come from the clause reading alone, which
//! keeps the cost of a hostile input linear.

use super::tokens::Token;

/// Longest sentence, in tokens, that is parsed.
pub const MAX_WORDS: usize = 120;

/// Heads and relations of one sentence's tokens.
#[derive(Debug, Clone)]
pub struct Tree {
    heads: Vec<Option<usize>>,
    rels: Vec<String>,
}

impl Tree {
    /// Parses the tokens; `None` for an empty or over-long sentence, or when the model
    /// cannot be loaded.
    pub fn parse(tokens: &[Token<'_>]) -> Option<Tree> {
        if tokens.is_empty() || tokens.len() > MAX_WORDS {
            return None;
        }
        let model = geoevents_syntax::model().ok()?;
        let forms: Vec<&str> = tokens.iter().map(|t| t.text).collect();
        let analysis = model.analyse(&forms);
        let heads = analysis.heads.iter().map(|&h| h.checked_sub(1).filter(|&h| h < tokens.len())).collect();
        Some(Tree { heads, rels: analysis.deprels })
    }

    /// The head of token `i`; `None` for the root.
    pub fn head(&self, i: usize) -> Option<usize> {
        self.heads.get(i).copied().flatten()
    }

    /// The relation of token `i` to its head, with its subtype.
    pub fn rel(&self, i: usize) -> &str {
        self.rels.get(i).map_or("", String::as_str)
    }

    /// Whether token `i` bears relation `rel`: exactly (`nsubj:pass`) or, for a relation
    /// without a subtype, any subtype of it (`obl` matches `obl:tmod`).
    pub fn is(&self, i: usize, rel: &str) -> bool {
        let own = self.rel(i);
        own == rel || (!rel.contains(':') && own.split(':').next() == Some(rel))
    }

    /// The tokens whose head is `head`, in order.
    pub fn dependents(&self, head: usize) -> impl Iterator<Item = usize> + '_ {
        self.heads.iter().enumerate().filter(move |(_, h)| **h == Some(head)).map(|(i, _)| i)
    }

    /// The first dependent of `head` with relation `rel` (as [`Tree::is`] matches it).
    pub fn dependent(&self, head: usize, rel: &str) -> Option<usize> {
        self.dependents(head).find(|&d| self.is(d, rel))
    }

    /// The path from token `from` to token `to`: the tokens climbed from `from` (each
    /// reaches its head by its own relation) up to the lowest common ancestor, then the
    /// tokens descended to `to` (each hangs from the one before by its own relation).
    /// `None` when they are in different trees (a piece of an over-long sentence).
    pub fn path(&self, from: usize, to: usize) -> Option<(Vec<usize>, Vec<usize>)> {
        let ancestors = |mut k: usize| {
            let mut chain = vec![k];
            while let Some(h) = self.head(k) {
                if chain.len() > self.heads.len() {
                    break;
                }
                chain.push(h);
                k = h;
            }
            chain
        };
        let up = ancestors(from);
        let down = ancestors(to);
        let (i, j) =
            up.iter().enumerate().find_map(|(i, a)| down.iter().position(|b| b == a).map(|j| (i, j)))?;
        let climbed = up[..i].to_vec();
        let mut descended = down[..j].to_vec();
        descended.reverse();
        Some((climbed, descended))
    }

    /// The subject of predicate `verb` and whether it is borrowed: its own `nsubj`, or, for
    /// a predicate coordinated with an earlier one ("seized the port and shelled the
    /// town"), the subject of the first conjunct. A passive subject of a verb with no
    /// passive auxiliary ("which has refused") is the parser's slip for an active one.
    pub fn subject(&self, verb: usize) -> Option<(usize, bool)> {
        let mut at = verb;
        let mut borrowed = false;
        for _ in 0..8 {
            let active = self.dependent(at, "aux:pass").is_none();
            if let Some(s) = self
                .dependents(at)
                .find(|&d| self.rel(d) == "nsubj" || (active && self.rel(d) == "nsubj:pass"))
            {
                return Some((s, borrowed));
            }
            if !self.is(at, "conj") || self.dependent(at, "nsubj:pass").is_some() {
                return None;
            }
            at = self.head(at)?;
            borrowed = true;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::tokens::{fold_case, tokenize};

    fn tree(text: &str) -> (Vec<String>, Tree) {
        let lower = fold_case(text);
        let tokens = tokenize(text, &lower, 0, text.len());
        let words = tokens.iter().map(|t| t.text.to_owned()).collect();
        (words, Tree::parse(&tokens).unwrap_or_else(|| panic!("no tree for {text}")))
    }

    fn index(words: &[String], word: &str) -> usize {
        words.iter().position(|w| w == word).unwrap_or_else(|| panic!("no {word} in {words:?}"))
    }

    #[test]
    fn a_coordinated_predicate_borrows_the_first_conjuncts_subject() {
        let (words, tree) = tree("Peru closed the border and expelled two Chilean diplomats on Monday.");
        let expelled = index(&words, "expelled");
        assert_eq!(tree.subject(index(&words, "closed")), Some((index(&words, "Peru"), false)));
        assert_eq!(tree.subject(expelled), Some((index(&words, "Peru"), true)));
        assert!(tree.is(index(&words, "Monday"), "obl"), "{}", tree.rel(index(&words, "Monday")));
    }

    #[test]
    fn a_path_climbs_to_the_common_ancestor_and_descends() {
        let (words, tree) = tree("Peru closed the border and expelled two Chilean diplomats on Monday.");
        let (expelled, peru, closed) =
            (index(&words, "expelled"), index(&words, "Peru"), index(&words, "closed"));
        assert_eq!(tree.path(expelled, peru), Some((vec![expelled], vec![peru])));
        assert_eq!(tree.head(expelled), Some(closed));
        assert_eq!(tree.path(peru, peru), Some((vec![], vec![])));
    }

    #[test]
    fn a_passive_subject_is_not_an_actor_and_the_agent_is_marked() {
        let (words, tree) = tree("The convoy was attacked by rebels near the border.");
        let attacked = index(&words, "attacked");
        assert_eq!(tree.subject(attacked), None);
        assert_eq!(tree.dependent(attacked, "nsubj:pass"), Some(index(&words, "convoy")));
        assert_eq!(tree.dependent(attacked, "obl:agent"), Some(index(&words, "rebels")));
    }

    #[test]
    fn over_long_and_empty_sentences_have_no_tree() {
        let text = "word ".repeat(MAX_WORDS + 1);
        let lower = fold_case(&text);
        assert!(Tree::parse(&tokenize(&text, &lower, 0, text.len())).is_none());
        assert!(Tree::parse(&[]).is_none());
    }
}
