//! Why the extractor found what it found: for each trigger of an article, the word and rule
//! that fired, the roles it was given with the tree path from the trigger to each role's
//! phrase, and what became of it (kept, kept only as a reference to another mention, or
//! dropped and why). `geoevents extract --explain` prints it.
//!
//! Input: notes the event stage takes while it runs, when asked to ([`super::explain_events`]).
//! Output: [`Candidate`]s, and [`render`] for people. Recording never changes what is
//! extracted: the same article gives the same events with or without it.

use std::fmt::Write as _;

use geoevents_domain::{Cameo, Kind};

use super::parsed::Parsed;
use super::roles::{Assigned, Role};
use super::triggers::Trigger;

/// One trigger of the article and what became of it.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Byte span of its sentence in the normalised text.
    pub sentence: (usize, usize),
    /// The sentence's dependency tree, one `word/relation>head` per token (the head as a
    /// 1-based position, 0 for the root); empty when the sentence is not parsed.
    pub tree: String,
    /// The trigger word as written.
    pub word: String,
    /// The kind the trigger's rule gives.
    pub kind: Kind,
    /// Its CAMEO code.
    pub cameo: Cameo,
    /// The rule's line id, for lexicon rules.
    pub rule: Option<u16>,
    /// How it was read: verb, passive verb, noun, infinitive; made by a control verb.
    pub form: &'static str,
    /// The actors it was given.
    pub actors: Vec<RoleNote>,
    /// The target it was given.
    pub target: Option<RoleNote>,
    /// What became of it: one line per event it made or per reason it was dropped.
    pub outcomes: Vec<String>,
}

/// A role filler and how it was reached.
#[derive(Debug, Clone)]
pub struct RoleNote {
    /// The actor code.
    pub code: String,
    /// The words of the article that named it.
    pub words: String,
    /// The tree path from the trigger to the phrase (`expelled ↑conj closed ↓nsubj Peru`),
    /// or how a filler outside the sentence's phrases was found.
    pub path: String,
}

/// Notes one trigger and its roles, before anything is decided about it.
pub fn note(p: &Parsed<'_, '_>, trigger: &Trigger, roles: Option<&Assigned<'_>>) -> Candidate {
    let form = match (trigger.from_control, trigger.nominal, trigger.passive, trigger.infinitive) {
        (true, ..) => "made by a control verb",
        (_, true, ..) => "noun",
        (_, _, true, _) => "passive verb",
        (_, _, _, true) => "infinitive",
        _ => "verb",
    };
    let role = |r: &Role<'_>| RoleNote {
        code: r.entry.code.clone(),
        words: r.surface.as_str(p.text).to_owned(),
        path: path_to(p, trigger.anchor, r),
    };
    Candidate {
        sentence: (p.sentence.start, p.sentence.end),
        tree: render_tree(p),
        word: p.tokens.get(trigger.anchor).map_or_else(String::new, |t| t.text.to_owned()),
        kind: trigger.kind,
        cameo: trigger.cameo,
        rule: trigger.rule,
        form,
        actors: roles.map(|a| a.actors.iter().map(role).collect()).unwrap_or_default(),
        target: roles.and_then(|a| a.target.as_ref()).map(role),
        outcomes: Vec::new(),
    }
}

/// The tree path from the trigger to a role's phrase, or how the role was found without one.
fn path_to(p: &Parsed<'_, '_>, anchor: usize, role: &Role<'_>) -> String {
    let Some(chunk) = role.chunk else {
        return if role.inherited {
            "not in this sentence's phrases: from the discourse or a place".to_owned()
        } else {
            "inferred".to_owned()
        };
    };
    let Some(tree) = p.tree() else { return "no tree (sentence too long)".to_owned() };
    let c = &p.chunks[chunk];
    // The phrase's head: the token whose head lies outside the phrase.
    let head = (c.start..c.end.min(p.tokens.len()))
        .rev()
        .find(|&k| tree.head(k).is_none_or(|h| h < c.start || h >= c.end))
        .unwrap_or(c.start);
    let word = |k: usize| p.tokens.get(k).map_or("?", |t| t.text);
    let Some((up, down)) = tree.path(anchor, head) else { return "no tree path".to_owned() };
    let mut out = word(anchor).to_owned();
    for k in up {
        let _ = write!(out, " ↑{} {}", tree.rel(k), tree.head(k).map_or("?", word));
    }
    for k in down {
        let _ = write!(out, " ↓{} {}", tree.rel(k), word(k));
    }
    if role.inherited {
        out.push_str(" (borrowed from another clause)");
    }
    out
}

fn render_tree(p: &Parsed<'_, '_>) -> String {
    let Some(tree) = p.tree() else { return String::new() };
    let mut out = String::new();
    for (k, t) in p.tokens.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let head = tree.head(k).map_or(0, |h| h + 1);
        let _ = write!(out, "{}/{}>{head}", t.text, tree.rel(k));
    }
    out
}

/// The explanation as text: one block per sentence with a trigger.
pub fn render(text: &str, candidates: &[Candidate]) -> String {
    let mut out = String::new();
    let mut last_sentence = None;
    for c in candidates {
        if last_sentence != Some(c.sentence) {
            last_sentence = Some(c.sentence);
            let sentence = text.get(c.sentence.0..c.sentence.1).unwrap_or("");
            let _ = writeln!(out, "\nsentence [{}..{}] {}", c.sentence.0, c.sentence.1, sentence.trim());
            if !c.tree.is_empty() {
                let _ = writeln!(out, "  tree: {}", c.tree);
            }
        }
        let rule = c.rule.map_or_else(|| "built in".to_owned(), |r| format!("rule {r}"));
        let _ = writeln!(
            out,
            "  trigger '{}' ({}, {rule}): {} CAMEO {}",
            c.word,
            c.form,
            c.kind,
            c.cameo.as_str()
        );
        for a in &c.actors {
            let _ = writeln!(out, "    actor  {} '{}': {}", a.code, a.words, a.path);
        }
        if c.actors.is_empty() {
            let _ = writeln!(out, "    actor  none found");
        }
        match &c.target {
            Some(t) => {
                let _ = writeln!(out, "    target {} '{}': {}", t.code, t.words, t.path);
            }
            None => {
                let _ = writeln!(out, "    target none found");
            }
        }
        if c.outcomes.is_empty() {
            let _ = writeln!(out, "    → not made into an event (no reason recorded)");
        }
        for o in &c.outcomes {
            let _ = writeln!(out, "    → {o}");
        }
    }
    out
}
