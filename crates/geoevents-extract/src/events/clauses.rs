//! Shallow clause structure of a sentence, without a parser.
//!
//! A sentence is cut into clauses at clause punctuation, at subordinators ("that", "which",
//! "after", "if", "whether", ...) and at "and"/"but" followed by a verb. Each clause gets a
//! kind (main, complement, relative, conditional, participial, coordinated, ...) and a
//! parent, which is all the role and modality rules need: a coordinated or participial
//! clause borrows its subject ("South Korea has joined sanctions ... and provided aid",
//! "..., urging Moscow to halt ..."), a conditional or whether-clause makes its events
//! hypothetical or questions, a complement inherits the attribution of its reporting verb.

use super::lexicon::{VerbForm, cue, func};
use super::phrases::{Chunk, is_verb_like};
use super::tokens::{Token, TokenKind};

/// The role a clause plays in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClauseKind {
    /// The sentence's main clause (or a continuation after a comma).
    Main,
    /// "(said) that ...": the complement of a verb.
    Complement,
    /// "which ...", "who ...", "that was ...".
    Relative,
    /// "if ...".
    Conditional,
    /// "unless ...".
    Unless,
    /// "whether ...": a question, not an event.
    Whether,
    /// "after/when/before/because ...".
    Adverbial,
    /// "while/although ...".
    Concessive,
    /// ", urging ...": an -ing clause after a comma, sharing the main subject.
    Participial,
    /// "... and provided ...": a coordinated verb sharing the previous subject.
    Coordinated,
    /// A comma-separated stretch that starts with a verb ("Pakistan, a key ally, has
    /// refused ...") or has none.
    Fragment,
}

/// One clause: a token range with its kind and parent.
#[derive(Debug, Clone)]
pub struct Clause {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Its role.
    pub kind: ClauseKind,
    /// The clause it depends on.
    pub parent: Option<usize>,
    /// The subordinator or conjunction that opened it, lower-cased.
    pub opener: Option<&'static str>,
    /// The subject phrase, when the clause has its own.
    pub subject: Option<usize>,
    /// The first verb-like token.
    pub verb: Option<usize>,
}

/// Splits a sentence into clauses and finds each clause's own subject.
pub fn split_clauses(tokens: &[Token<'_>], chunks: &[Chunk<'_>], chunk_of: &[Option<usize>]) -> Vec<Clause> {
    let s = Splitter { tokens, chunks, chunk_of };
    let mut clauses: Vec<Clause> = Vec::new();
    let mut start = 0;
    let mut kind = ClauseKind::Main;
    let mut opener: Option<&'static str> = None;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if t.text == "(" {
            // "(DPRK)", "(UNIFIL)": a short aside does not end the clause.
            if let Some(close) = (i + 1..(i + 8).min(tokens.len())).find(|&k| tokens[k].text == ")") {
                i = close + 1;
                continue;
            }
        }
        // "Lithuania, Latvia and Estonia said": a comma inside a list of actors joins them.
        if t.text == "," && inside_coordination(tokens, chunks, chunk_of, i) {
            i += 1;
            continue;
        }
        let boundary = s
            .punctuation(i)
            .or_else(|| s.inverted_condition(i))
            .or_else(|| s.subordinator(i, start))
            .or_else(|| s.as_clause(i, start))
            .or_else(|| s.reported(i))
            .or_else(|| s.conjunction(i, start, kind));
        let Some(b) = boundary else {
            i += 1;
            continue;
        };
        if let Some(end) = b.cut {
            push(&mut clauses, start, end, kind, opener.take());
        }
        if let Some(next) = b.start {
            start = next;
        }
        kind = b.kind;
        opener = b.opener;
        i = b.resume;
    }
    push(&mut clauses, start, tokens.len(), kind, opener.take());
    assign_parents(&mut clauses);
    for clause in &mut clauses {
        find_subject(clause, tokens, chunks, chunk_of);
    }
    clauses
}

/// Where one clause ends and the next begins.
struct Boundary {
    /// The current clause ends here (exclusive), when it ends.
    cut: Option<usize>,
    /// The next clause starts here (the current one goes on when `None`).
    start: Option<usize>,
    /// The next clause's role and opener.
    kind: ClauseKind,
    opener: Option<&'static str>,
    /// The token to read on from.
    resume: usize,
}

/// The words and phrases a sentence is split over; each method tells whether a clause
/// boundary is at token `i`.
struct Splitter<'a, 't, 'g> {
    tokens: &'a [Token<'t>],
    chunks: &'a [Chunk<'g>],
    chunk_of: &'a [Option<usize>],
}

impl Splitter<'_, '_, '_> {
    fn starts_chunk(&self, k: usize) -> Option<usize> {
        self.chunk_of.get(k).copied().flatten().filter(|&c| self.chunks[c].start == k)
    }

    /// Clause punctuation; what follows is a participle, a coordinated verb or a fragment.
    fn punctuation(&self, i: usize) -> Option<Boundary> {
        let tokens = self.tokens;
        if !tokens[i].is_clause_punct() {
            return None;
        }
        let kind = match tokens.get(i + 1) {
            Some(n) if n.kind == TokenKind::Word && !n.capitalised && is_ing(n) => ClauseKind::Participial,
            Some(n)
                if n.info.is_some_and(|x| x.flags & func::CONJ != 0)
                    && coordinated_verb_after(tokens, i + 2) =>
            {
                ClauseKind::Coordinated
            }
            _ => ClauseKind::Fragment,
        };
        Some(Boundary { cut: Some(i), start: Some(i + 1), kind, opener: None, resume: i + 1 })
    }

    /// "Should China invade Taiwan, ...", "Had the ceasefire collapsed, ...", "Were Iran to
    /// attack, ...": an inverted condition opening the sentence.
    fn inverted_condition(&self, i: usize) -> Option<Boundary> {
        let tokens = self.tokens;
        let inverted = i == 0
            && matches!(tokens[i].lower.as_ref(), "should" | "had" | "were")
            && tokens.get(1).is_some_and(|n| {
                self.chunk_of.get(1).copied().flatten().is_some()
                    || n.info.is_some_and(|x| x.flags & func::DET != 0)
                    || n.capitalised
            })
            && tokens.iter().skip(2).take(12).any(|n| n.text == ",");
        inverted.then_some(Boundary {
            cut: None,
            start: None,
            kind: ClauseKind::Conditional,
            opener: Some("if"),
            resume: i + 1,
        })
    }

    /// A subordinator opens a clause of its kind ("that", "if", "because", "which").
    fn subordinator(&self, i: usize, start: usize) -> Option<Boundary> {
        let t = &self.tokens[i];
        if t.info.map_or(0, |x| x.flags) & func::SUBORD == 0 || !(i > start || i == 0) {
            return None;
        }
        let kind = subordinate_kind(self.tokens, self.chunk_of, i)?;
        Some(Boundary {
            cut: (i > start).then_some(i),
            start: Some(i),
            kind,
            opener: Some(static_word(&t.lower)),
            resume: i + 1,
        })
    }

    /// "as" opening the sentence or a clause, or before a named subject and its verb:
    /// "gunfire was heard overnight as Congolese soldiers fought the rebels".
    fn as_clause(&self, i: usize, start: usize) -> Option<Boundary> {
        let tokens = self.tokens;
        if !tokens[i].is("as") {
            return None;
        }
        let mid_sentence = i > start
            && (i + 1..(i + 3).min(tokens.len())).find_map(|k| self.starts_chunk(k)).is_some_and(|c| {
                let ch = &self.chunks[c];
                (ch.actor.is_some() || ch.agentive)
                    && (ch.end..(ch.end + 5).min(tokens.len())).any(|k| {
                        tokens[k]
                            .info
                            .and_then(|x| x.verb)
                            .is_some_and(|(_, f)| matches!(f, VerbForm::Past | VerbForm::Third))
                            && self.chunk_of[k].is_none()
                    })
            });
        (i == 0 || tokens[i - 1].is_clause_punct() || mid_sentence).then_some(Boundary {
            cut: (i > start).then_some(i),
            start: Some(i),
            kind: ClauseKind::Adverbial,
            opener: Some("as"),
            resume: i + 1,
        })
    }

    /// "said Vietnam is committed", "says it will": a reporting verb's complement without
    /// "that" starts at its subject.
    fn reported(&self, i: usize) -> Option<Boundary> {
        let (tokens, chunks) = (self.tokens, self.chunks);
        let t = &tokens[i];
        let reporting = t.info.and_then(|x| x.verb).is_some_and(|(l, _)| {
            matches!(
                super::lexicon::lemma(l).control,
                Some(super::lexicon::Control::Speech | super::lexicon::Control::Belief)
            )
        });
        // "bombed suspected Hezbollah positions", "the alleged plot": after a verb or a
        // determiner the participle is an adjective, not a reporting verb.
        // Not after an actor phrase, though: in "Ukraine's air force said" the noun "force"
        // also reads as a verb.
        let adjectival = i > 0
            && self.chunk_of[i - 1].is_none()
            && tokens[i - 1].info.is_some_and(|x| {
                x.flags & func::DET != 0 || (x.verb.is_some() && x.flags & (func::AUX | func::PRONOUN) == 0)
            })
            && p_is_participle(t);
        if !reporting || t.capitalised || adjectival {
            return None;
        }
        let mut after = i + 1;
        // "told reporters the Chinese had acted": the addressee comes first.
        let tells = t.info.and_then(|x| x.verb).is_some_and(|(l, _)| super::lexicon::lemma(l).text == "tell");
        if tells
            && let Some(c) = self.starts_chunk(after)
            && chunks[c].actor.is_none()
            && chunks[c].pronoun.is_none()
        {
            after = chunks[c].end;
        }
        while after < tokens.len()
            && after < i + 4
            && (matches!(tokens[after].lower.as_ref(), "on" | "last" | "this")
                || tokens[after].cue(cue::DAY_DEICTIC)
                || (tokens[after].capitalised
                    && crate::calendar::weekday_from_name(tokens[after].text).is_some()))
        {
            after += 1;
        }
        let subject_follows =
            self.starts_chunk(after).is_some_and(|c| chunks[c].agentive || chunks[c].pronoun.is_some())
                || tokens.get(after).is_some_and(|n| n.is("the")) && self.starts_chunk(after + 1).is_some()
                || determined_noun_subject(tokens, after);
        let verb_follows = (after + 1..(after + 7).min(tokens.len())).any(|k| starts_verb_group(&tokens[k]));
        (subject_follows && verb_follows).then_some(Boundary {
            cut: Some(after),
            start: Some(after),
            kind: ClauseKind::Complement,
            opener: None,
            resume: after + 1,
        })
    }

    /// A conjunction before a new subject and its verb starts an independent clause
    /// ("Hezbollah fired rockets ... and Israeli jets struck targets ..."); before a verb,
    /// a coordinated one.
    fn conjunction(&self, i: usize, start: usize, kind: ClauseKind) -> Option<Boundary> {
        let (tokens, chunk_of) = (self.tokens, self.chunk_of);
        let t = &tokens[i];
        if t.info.map_or(0, |x| x.flags) & func::CONJ == 0 || i <= start {
            return None;
        }
        let opener = Some(static_word(&t.lower));
        // Only looked back for at a conjunction: checking at every token made clause
        // splitting quadratic in the clause length.
        let verb_before = || {
            (start..i).any(|k| chunk_of[k].is_none() && is_verb_like(&tokens[k]) && !tokens[k].capitalised)
        };
        // Not "shot down 21 drones and missiles launched by ...": weapons without an owner
        // are more of the object.
        let weapon_head = |c: &Chunk<'_>| {
            c.actor.is_none()
                && tokens[c.end - 1].info.is_some_and(|x| x.classes & super::lexicon::class::WEAPONS != 0)
        };
        if verb_before()
            && let Some(c) = self
                .starts_chunk(i + 1)
                .map(|c| &self.chunks[c])
                .filter(|c| (c.agentive || c.pronoun.is_some()) && !weapon_head(c))
            && tokens.get(c.end).is_some_and(|n| starts_verb_group(n) && !n.is("and"))
        {
            return Some(Boundary {
                cut: Some(i),
                start: Some(i + 1),
                kind: ClauseKind::Main,
                opener,
                resume: i + 1,
            });
        }
        if !tokens.get(i + 1).is_some_and(starts_verb_group) {
            return None;
        }
        let kind = if tokens.get(i + 1).is_some_and(is_ing) && kind == ClauseKind::Participial {
            ClauseKind::Participial
        } else {
            ClauseKind::Coordinated
        };
        Some(Boundary { cut: Some(i), start: Some(i + 1), kind, opener, resume: i + 1 })
    }
}

/// "said the strikes killed", "said this development has": a determiner, up to three
/// nouns or adjectives, then a finite verb group: the subject of a complement without
/// "that".
pub fn determined_noun_subject(tokens: &[Token<'_>], at: usize) -> bool {
    let Some(first) = tokens.get(at) else { return false };
    if !matches!(
        first.lower.as_ref(),
        "the" | "a" | "an" | "this" | "these" | "those" | "its" | "their" | "both"
    ) {
        return false;
    }
    for (k, t) in tokens.iter().enumerate().take(at + 5).skip(at + 1) {
        if k > at + 1 && starts_verb_group(t) {
            return true;
        }
        let flags = t.info.map_or(0, |x| x.flags);
        if t.kind != TokenKind::Word || flags & (func::PREP | func::SUBORD | func::CONJ | func::AUX) != 0 {
            return false;
        }
    }
    false
}

/// ", and recalled ...", ", and on Wednesday recalled ...", ", and later expelled ...": a
/// verb group right after the conjunction, or after a short time phrase.
fn coordinated_verb_after(tokens: &[Token<'_>], at: usize) -> bool {
    let mut k = at;
    while k < tokens.len() && k < at + 3 {
        let t = &tokens[k];
        let time =
            t.is("on") || t.cue(cue::THEN_WORD) || crate::calendar::weekday_from_name(&t.lower).is_some();
        if !time {
            break;
        }
        k += 1;
    }
    tokens.get(k).is_some_and(starts_verb_group)
}

/// Whether the comma at `i` separates two members of one coordination group.
fn inside_coordination(
    tokens: &[Token<'_>],
    chunks: &[Chunk<'_>],
    chunk_of: &[Option<usize>],
    i: usize,
) -> bool {
    // "exports of gallium, germanium and antimony to the United States": a comma in a list
    // of plain nouns ending in "and" or "or" joins them.
    if list_comma(tokens, i) {
        return true;
    }
    let Some(before) = i.checked_sub(1).and_then(|k| chunk_of[k]) else { return false };
    let next = if tokens.get(i + 1).is_some_and(|t| t.is("the")) { i + 2 } else { i + 1 };
    let Some(after) = chunk_of.get(next).copied().flatten() else { return false };
    before != after && chunks[before].group == chunks[after].group && chunks[after].start == next
}

/// Whether the comma at `i` separates items of a list of plain nouns that ends in "and" or
/// "or" ("exports of gallium, germanium and antimony", "170 drones, 30 cruise missiles and
/// 120 ballistic missiles").
pub fn list_comma(tokens: &[Token<'_>], i: usize) -> bool {
    // Counts are list items too.
    let plain = |t: &Token<'_>| {
        t.kind == TokenKind::Number
            || (t.kind == TokenKind::Word
                && !t.capitalised
                && t.info.is_none_or(|x| x.verb.is_none() && x.flags & !func::NUMWORD == 0))
    };
    if i > 0 && plain(&tokens[i - 1]) && tokens.get(i + 1).is_some_and(plain) {
        for k in i + 2..(i + 7).min(tokens.len()) {
            let t = &tokens[k];
            if t.is("and") || t.is("or") {
                return tokens.get(k + 1).is_some_and(plain);
            }
            if !plain(t) && t.text != "," {
                return false;
            }
        }
    }
    false
}

fn push(clauses: &mut Vec<Clause>, start: usize, end: usize, kind: ClauseKind, opener: Option<&'static str>) {
    if end > start {
        clauses.push(Clause { start, end, kind, parent: None, opener, subject: None, verb: None });
    }
}

fn p_is_participle(t: &Token<'_>) -> bool {
    t.info.and_then(|i| i.verb).is_some_and(|(_, f)| f == VerbForm::Past)
}

fn is_ing(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Word
        && (t.info.and_then(|i| i.verb).is_some_and(|(_, f)| f == VerbForm::Ing)
            || (t.info.is_none() && t.lower.ends_with("ing")))
}

/// Whether a token can open a verb group: an auxiliary, an adverb before one, or a verb form.
fn starts_verb_group(t: &Token<'_>) -> bool {
    if t.kind != TokenKind::Word || t.capitalised {
        return false;
    }
    let Some(info) = t.info else {
        return t.lower.ends_with("ed");
    };
    if info.flags & (func::AUX | func::ADVERB) != 0 {
        return true;
    }
    match info.verb {
        Some((_, VerbForm::Past | VerbForm::Ing | VerbForm::Third)) => {
            info.noun.is_none() || t.lower.ends_with("ed")
        }
        _ => false,
    }
}

/// The clause kind a subordinator opens, or `None` when the word is not one here
/// ("that" as a determiner: "that country").
fn subordinate_kind(tokens: &[Token<'_>], chunk_of: &[Option<usize>], i: usize) -> Option<ClauseKind> {
    let word = tokens[i].lower.as_ref();
    let next = tokens.get(i + 1);
    Some(match word {
        "that" => {
            let prev = i.checked_sub(1).map(|p| &tokens[p]);
            let next_is_verb = next.is_some_and(|n| starts_verb_group(n) && !n.capitalised);
            let prev_is_verb =
                prev.is_some_and(|p| is_verb_like(p) || p.kind == TokenKind::Number || p.cue(cue::TIME_WORD));
            let next_starts_np = next.is_some_and(|n| {
                n.capitalised
                    || n.kind == TokenKind::Quote
                    || n.info.is_some_and(|x| x.flags & (func::DET | func::PRONOUN) != 0)
                    || chunk_of.get(i + 1).is_some_and(Option::is_some)
            });
            if prev_is_verb {
                ClauseKind::Complement
            } else if next_is_verb {
                ClauseKind::Relative
            } else if next_starts_np {
                ClauseKind::Complement
            } else {
                return None;
            }
        }
        "which" | "who" | "whom" | "whose" | "where" => ClauseKind::Relative,
        "if" => ClauseKind::Conditional,
        "unless" => ClauseKind::Unless,
        "whether" => ClauseKind::Whether,
        "once" if next.is_some_and(|n| matches!(n.lower.as_ref(), "again" | "more" | "a" | "an" | "the")) => {
            return None;
        }
        // "before dawn", "after midnight", "since November": a time phrase, not a clause.
        "after" | "before" | "since" | "until"
            if next.is_some_and(|n| {
                n.cue(cue::TIME_OF_DAY)
                    || crate::calendar::weekday_from_name(&n.lower).is_some()
                    || (n.capitalised && crate::calendar::month_from_name(n.text).is_some())
            }) =>
        {
            return None;
        }
        "when" | "after" | "before" | "because" | "since" | "until" | "once" => {
            // "after 12 days of battles" is a phrase, not a clause; it still bounds roles.
            ClauseKind::Adverbial
        }
        "while" | "whereas" | "although" | "though" => ClauseKind::Concessive,
        _ => return None,
    })
}

/// Parents: complements, relatives, adverbials and coordinations hang on the clause before
/// them; participials on the nearest main-level clause; a sentence-initial adverbial on the
/// clause after it.
fn assign_parents(clauses: &mut [Clause]) {
    for i in 0..clauses.len() {
        let parent = match clauses[i].kind {
            ClauseKind::Main => None,
            ClauseKind::Participial => {
                (0..i).rev().find(|&j| matches!(clauses[j].kind, ClauseKind::Main | ClauseKind::Fragment))
            }
            ClauseKind::Fragment => (0..i).rev().find(|&j| clauses[j].kind == ClauseKind::Main),
            _ if i == 0 => (clauses.len() > 1).then_some(1),
            _ => Some(i - 1),
        };
        clauses[i].parent = parent.filter(|&p| p != i);
    }
}

/// The clause's own subject: the first agentive phrase before its first verb that is not
/// inside a prepositional phrase ("the Turkish and Greek sides of ... Cyprus have agreed").
fn find_subject(clause: &mut Clause, tokens: &[Token<'_>], chunks: &[Chunk<'_>], chunk_of: &[Option<usize>]) {
    let mut first_verb = None;
    for (k, t) in tokens.iter().enumerate().take(clause.end).skip(clause.start) {
        if chunk_of.get(k).is_some_and(Option::is_some) {
            continue;
        }
        if k == clause.start && clause.opener.is_some() && t.info.is_some_and(|i| i.flags & func::SUBORD != 0)
        {
            continue;
        }
        if is_verb_like(t) && !t.capitalised {
            first_verb = Some(k);
            break;
        }
    }
    clause.verb = first_verb;
    let limit = first_verb.unwrap_or(clause.end);
    let first_chunk = chunks.partition_point(|c| c.start < clause.start);
    clause.subject = chunks
        .iter()
        .enumerate()
        .skip(first_chunk)
        .take_while(|(_, c)| c.start < limit)
        .filter(|(_, c)| c.end <= limit && (c.agentive || c.pronoun.is_some()))
        .find(|(_, c)| {
            let opener_before = clause.opener.is_some() && c.start == clause.start + 1;
            // "WARSAW (Reuters) - Poland ...": a parenthetical aside is never the subject.
            let in_parentheses = c.start > 0 && tokens[c.start - 1].text == "(";
            !in_parentheses && (opener_before || !in_prepositional_phrase(tokens, c.start))
        })
        .map(|(i, _)| i);
}

/// Whether the phrase starting at `start` is governed by a preposition ("in Guinea"), except
/// after a quantity noun ("thousands of Nigerians", "a member of the Syrian parliament").
pub fn in_prepositional_phrase(tokens: &[Token<'_>], start: usize) -> bool {
    let mut p = start;
    while p > 0 {
        let t = &tokens[p - 1];
        let flags = t.info.map_or(0, |i| i.flags);
        if flags & func::DET != 0 || t.kind == TokenKind::Number || t.kind == TokenKind::Quote {
            p -= 1;
            continue;
        }
        if flags & func::PREP != 0 {
            // "About 200 supporters", "over 1,000 protesters": an approximation, not a
            // preposition.
            let number_follows = p < start && tokens[p].kind == TokenKind::Number
                || tokens.get(p).is_some_and(|n| n.info.is_some_and(|i| i.flags & func::NUMWORD != 0));
            if number_follows && t.cue(cue::NUMBER_LEAD) {
                return false;
            }
            if t.is("of") && p >= 2 {
                let before = &tokens[p - 2];
                let quantity = before.kind == TokenKind::Number
                    || before.info.is_some_and(|i| i.flags & func::NUMWORD != 0)
                    || before.cue(cue::PART_OF);
                return !quantity;
            }
            return true;
        }
        return false;
    }
    false
}

/// The clause index of every token; punctuation between clauses belongs to the clause
/// before it.
pub fn clause_index(clauses: &[Clause], len: usize) -> Vec<usize> {
    let mut of = vec![0; len];
    let mut ci = 0;
    for (k, slot) in of.iter_mut().enumerate() {
        while ci + 1 < clauses.len() && clauses[ci + 1].start <= k {
            ci += 1;
        }
        *slot = ci;
    }
    of
}

/// The subordinators and conjunctions that open clauses, as static strings.
fn static_word(word: &str) -> &'static str {
    const WORDS: &[&str] = &[
        "that", "which", "who", "whom", "whose", "where", "when", "while", "whereas", "after", "before",
        "because", "since", "although", "though", "if", "unless", "until", "whether", "once", "and", "but",
        "or", "nor", "as",
    ];
    WORDS.iter().copied().find(|w| *w == word).unwrap_or("")
}
