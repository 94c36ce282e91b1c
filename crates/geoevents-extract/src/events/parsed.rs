//! One sentence, analysed: tokens, actor phrases and clauses, with the lookups every later
//! stage needs (which phrase and which clause a token belongs to).

use super::clauses::{Clause, ClauseKind, clause_index, split_clauses};
use super::phrases::{Chunk, build_chunks};
use super::sentences::Sentence;
use super::tokens::{Token, tokenize};
use super::tree::Tree;
use crate::gazetteer::{Gazetteer, Mention};

/// A sentence after tokenization, phrase building and clause splitting.
pub struct Parsed<'t, 'g> {
    /// The whole normalised article text.
    pub text: &'t str,
    /// The sentence's offsets.
    pub sentence: Sentence,
    /// Tokens of the sentence.
    pub tokens: Vec<Token<'t>>,
    /// Actor phrases, in order.
    pub chunks: Vec<Chunk<'g>>,
    /// For each token, the phrase covering it.
    pub chunk_of: Vec<Option<usize>>,
    /// Clauses, in order.
    pub clauses: Vec<Clause>,
    /// For each token, its clause.
    pub clause_of: Vec<usize>,
    /// The dependency tree, parsed when first asked for.
    tree: std::cell::OnceCell<Option<Tree>>,
}

impl<'t, 'g> Parsed<'t, 'g> {
    /// Analyses one sentence; `lower` is [`super::tokens::fold_case`] of `text`, and
    /// `mentions` are the gazetteer mentions inside the sentence.
    pub fn new(
        text: &'t str,
        lower: &'t str,
        sentence: Sentence,
        mentions: &[Mention<'g>],
        gazetteer: &'g Gazetteer,
    ) -> Self {
        let tokens = tokenize(text, lower, sentence.start, sentence.end);
        let chunks = build_chunks(&tokens, mentions, gazetteer);
        let mut chunk_of = vec![None; tokens.len()];
        for (i, c) in chunks.iter().enumerate() {
            for slot in chunk_of.iter_mut().take(c.end.min(tokens.len())).skip(c.start) {
                *slot = Some(i);
            }
        }
        let clauses = split_clauses(&tokens, &chunks, &chunk_of);
        let clause_of = clause_index(&clauses, tokens.len());
        Parsed {
            text,
            sentence,
            tokens,
            chunks,
            chunk_of,
            clauses,
            clause_of,
            tree: std::cell::OnceCell::new(),
        }
    }

    /// The sentence's dependency tree ([`super::tree`]), parsed on first use; `None` for a
    /// sentence too long to parse.
    pub fn tree(&self) -> Option<&Tree> {
        self.tree.get_or_init(|| Tree::parse(&self.tokens)).as_ref()
    }

    /// The text of tokens `[start, end)`, as written.
    pub fn span_text(&self, start: usize, end: usize) -> &'t str {
        if start >= end || end > self.tokens.len() {
            return "";
        }
        &self.text[self.tokens[start].start..self.tokens[end - 1].end]
    }

    /// The surface text of a phrase, with a directly preceding "the".
    pub fn chunk_text(&self, chunk: usize) -> &'t str {
        let c = &self.chunks[chunk];
        let start = if c.start > 0 && self.tokens[c.start - 1].is("the") { c.start - 1 } else { c.start };
        self.span_text(start, c.end)
    }

    /// The byte span of a phrase in the article text, with a directly preceding "the".
    pub fn chunk_surface(&self, chunk: usize) -> Surface<'static> {
        let c = &self.chunks[chunk];
        let start = if c.start > 0 && self.tokens[c.start - 1].is("the") { c.start - 1 } else { c.start };
        if start >= c.end || c.end > self.tokens.len() {
            return Surface::Text(0, 0);
        }
        Surface::Text(self.tokens[start].start, self.tokens[c.end - 1].end)
    }

    /// The clause of token `i`.
    pub fn clause(&self, i: usize) -> &Clause {
        &self.clauses[self.clause_of.get(i).copied().unwrap_or(0)]
    }

    /// Whether token `i` lies in a clause of `kind` or below one.
    pub fn under(&self, i: usize, kind: ClauseKind) -> bool {
        let mut c = self.clause_of.get(i).copied();
        let mut steps = 0;
        while let Some(ci) = c {
            if self.clauses[ci].kind == kind {
                return true;
            }
            c = self.clauses[ci].parent;
            steps += 1;
            if steps > 16 {
                break;
            }
        }
        false
    }

    /// End of the clause containing token `i`.
    pub fn clause_end(&self, i: usize) -> usize {
        self.clause(i).end
    }

    /// Start of the clause containing token `i`.
    pub fn clause_start(&self, i: usize) -> usize {
        self.clause(i).start
    }

    /// Indices of the members of a phrase's coordination group.
    pub fn group(&self, chunk: usize) -> Vec<usize> {
        let g = self.chunks[chunk].group;
        let mut members = Vec::new();
        let mut i = g;
        while i < self.chunks.len() && self.chunks[i].group == g {
            members.push(i);
            i += 1;
        }
        if members.is_empty() {
            members.push(chunk);
        }
        members
    }

    /// "the leaders of both countries", "officials of the two sides": a phrase of people
    /// (a sector, no actor) whose "of" phrase is a pair; the pair phrase.
    pub fn pair_owning(&self, chunk: usize) -> Option<usize> {
        let c = &self.chunks[chunk];
        if c.actor.is_some() || c.pronoun.is_some() || c.sector.is_none() || !self.tokens.get(c.end)?.is("of")
        {
            return None;
        }
        (c.end + 2..=c.end + 3)
            .filter_map(|k| self.chunk_of.get(k).copied().flatten())
            .find(|&next| self.chunks[next].start <= c.end + 3 && self.is_pair_phrase(next))
    }

    /// "the two sides", "both countries", "the two": a phrase naming the pair of parties
    /// last in view (resolved in [`super::roles`]).
    pub fn is_pair_phrase(&self, chunk: usize) -> bool {
        let c = &self.chunks[chunk];
        if c.actor.is_some() || c.place.is_some() || c.pronoun.is_some() || c.end != c.start + 1 {
            return false;
        }
        let word = |k: Option<usize>| k.and_then(|k| self.tokens.get(k)).map_or("", |t| t.lower.as_ref());
        let before = c.start.checked_sub(1);
        // "The two agreed": the numeral alone ([`super::phrases`] makes it a phrase).
        if self.tokens[c.start].is("two") {
            return word(before) == "the";
        }
        if !self.tokens[c.start].cue(super::lexicon::cue::PAIR_NOUN) {
            return false;
        }
        word(before) == "both"
            || (word(before) == "two"
                && matches!(word(before.and_then(|b| b.checked_sub(1))), "the" | "both"))
    }
}

/// The words that named a role filler: a span of the article text, or a registry name.
/// Kept as a span so resolving a phrase never allocates.
#[derive(Debug, Clone, Copy)]
pub enum Surface<'g> {
    /// Byte range into the article text.
    Text(usize, usize),
    /// A registry or gazetteer name.
    Name(&'g str),
}

impl<'g> Surface<'g> {
    /// The words, given the article text.
    pub fn as_str<'s>(&self, text: &'s str) -> &'s str
    where
        'g: 's,
    {
        match *self {
            Surface::Text(a, b) => text.get(a..b).unwrap_or(""),
            Surface::Name(name) => name,
        }
    }
}
