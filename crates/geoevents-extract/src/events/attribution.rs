//! Who a sentence says reports it: "according to X" anywhere, or a closing ", X said
//! (on Monday)." after the last clause. Input: one analysed sentence (`Parsed`); output:
//! the source's words, its actor phrase when it has one, and the tokens the attribution
//! itself covers (events there are not attributed to it). Read by roles (a speaker is not a
//! party), controls and modality (a report makes an event claimed).

use super::clauses::ClauseKind;
use super::lexicon::{Control, Fixed, cue, func};
use super::parsed::Parsed;
use super::tokens::{TokenKind, fixed_at};

/// A sentence-level attribution: "according to X", or a closing ", X said.".
#[derive(Debug, Clone)]
pub struct SentenceSource {
    /// The source's words.
    pub text: String,
    /// The source's phrase, if it is an actor.
    pub chunk: Option<usize>,
    /// First token of the attribution (events there are not attributed to it).
    pub start: usize,
    /// One past its last token.
    pub end: usize,
}

/// Finds "according to X" or a closing ", X said (on Monday)." in the sentence.
pub fn sentence_source(p: &Parsed<'_, '_>) -> Option<SentenceSource> {
    let tokens = &p.tokens;
    for i in 0..tokens.len() {
        if let Some(start) = fixed_at(tokens, i, Fixed::AccordingTo) {
            let mut end = start;
            while end < tokens.len()
                && !tokens[end].is_clause_punct()
                && tokens[end].text != "."
                && end < start + 10
            {
                end += 1;
            }
            if end > start {
                let chunk = (start..end).find_map(|k| p.chunk_of[k]);
                return Some(SentenceSource {
                    text: p.span_text(start, end).to_owned(),
                    chunk,
                    start: i,
                    end,
                });
            }
        }
    }
    // A closing attribution: the last clause holds a speech verb and nothing after it but
    // time words and punctuation.
    let last = p.clauses.last()?;
    if p.clauses.len() < 2 || !matches!(last.kind, ClauseKind::Fragment | ClauseKind::Main) {
        return None;
    }
    // Not a word of the source's own phrase: "state media said", "state television reported".
    let speech = (last.start..last.end).find(|&k| {
        p.chunk_of[k].is_none()
            && tokens[k].info.and_then(|i| i.verb).is_some_and(|(l, _)| {
                super::lexicon::lemma(l).control == Some(Control::Speech)
                    || super::lexicon::lemma(l).text == "report"
            })
    })?;
    let tail_is_time = (speech + 1..last.end).all(|k| {
        let t = &tokens[k];
        t.kind != TokenKind::Word
            || crate::calendar::weekday_from_name(&t.lower).is_some()
            || t.cue(cue::REPORT_TAIL)
            || p.chunk_of[k].is_some()
            || t.info.is_some_and(|i| i.agent.is_some() || i.title.is_some())
            || t.capitalised
    });
    if !tail_is_time {
        return None;
    }
    // ", police said" or ", said a spokesman for the Israeli prime minister".
    let (start, end) = if speech == last.start { (speech + 1, last.end) } else { (last.start, speech) };
    let mut end = end;
    while end > start && tokens[end - 1].info.is_some_and(|i| i.flags & (func::AUX | func::ADVERB) != 0) {
        end -= 1;
    }
    let mut s = start;
    while s < end && tokens[s].kind != TokenKind::Word {
        s += 1;
    }
    if s >= end {
        return None;
    }
    let chunk = (s..end).find_map(|k| p.chunk_of[k]);
    let text = p.span_text(s, end).trim_end_matches(['.', ',']).to_owned();
    Some(SentenceSource { text, chunk, start: last.start, end: last.end })
}
