//! Commentary: what analysts, experts and researchers say is not news of events.
//!
//! Articles close with a paragraph or two of commentary ("A tit-for-tat strike on Indian
//! military targets is the most likely scenario," said a South Asia specialist). Its
//! verbs are about possible futures and readings of the past; coded, they become events
//! nobody reported. A sentence is commentary when its speaker, the subject of a reporting
//! verb or a closing ", said ..." attribution, is an analyst, expert, researcher,
//! professor, economist or the like; and so is the next sentence of the same paragraph
//! when it goes on quoting ("He said ...", or a quotation standing alone). Commentary
//! yields hypothetical events only ("analysts say China could invade Taiwan": a
//! possibility, which queries leave out unless asked); whatever it says happened or will
//! happen is dropped and counted in a diagnostic.
//!
//! Traded: an expert who reports a fact ("the researcher said the missile flew 1,000 km")
//! is dropped with the rest. Wire copy attributes facts to officials and agencies, not to
//! analysts, so the loss is small next to the speculation it keeps out.

use super::lexicon::{self, Control, Fixed, cue};
use super::parsed::Parsed;
use super::tokens::{TokenKind, fixed_at};

/// Whether a token is a reporting verb: said, noted, warned, believes, suggested.
fn reporting(p: &Parsed<'_, '_>, k: usize) -> bool {
    p.tokens[k].info.and_then(|i| i.verb).is_some_and(|(l, _)| {
        matches!(lexicon::lemma(l).control, Some(Control::Speech | Control::Belief | Control::Threaten))
    })
}

/// Whether the sentence is commentary. `previous` says whether the sentence before, in
/// the same paragraph, was.
pub fn is_commentary(p: &Parsed<'_, '_>, previous: bool) -> bool {
    let tokens = &p.tokens;
    let mut pronoun_speaker = false;
    for v in (0..tokens.len()).filter(|&k| reporting(p, k)) {
        // The speaker sits just before the verb ("Analysts said", "a researcher at a Kyiv
        // think tank said") or just after it (", said a Sahel researcher based in Dakar").
        let before = v.saturating_sub(8)..v;
        let after = v + 1..(v + 6).min(tokens.len());
        let named = |k: usize| tokens[k].cue(cue::COMMENTATOR) || think_tank(p, k);
        if before.clone().any(named) || after.clone().any(named) {
            return true;
        }
        // "He said ..." goes on with the previous speaker.
        pronoun_speaker |= before.chain(after).any(|k| matches!(tokens[k].lower.as_ref(), "he" | "she"));
    }
    // A quotation standing alone, or "he/she said", right after commentary.
    let opens_with_quote = tokens.first().is_some_and(|t| t.kind == TokenKind::Quote);
    previous && (opens_with_quote || pronoun_speaker)
}

/// "a Kyiv think tank", "a London think tank".
fn think_tank(p: &Parsed<'_, '_>, k: usize) -> bool {
    fixed_at(&p.tokens, k, Fixed::ThinkTank).is_some()
}
