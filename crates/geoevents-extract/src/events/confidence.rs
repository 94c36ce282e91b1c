//! Confidence: how likely an extracted event is coded right, in [0, 1].
//!
//! The formula is additive and deliberately simple so a reader can audit any score:
//!
//! ```text
//! c = specificity of the trigger rule      (0.45 .. 0.90: "condemned" 0.9, a bare "strike" 0.55)
//!   + 0.10  actor resolved to a code       (- 0.15 when there is none)
//!   + 0.06  target resolved to a code
//!   - 0.08  trigger is a noun ("the deployment of ...")
//!   - 0.05  actor borrowed from another clause, a pronoun or an earlier sentence
//!   - 0.02  per 4 tokens between the actor phrase and the trigger (at most - 0.08)
//!   - 0.08  hedged (claimed) or hypothetical;  - 0.04 planned;  - 0.04 negated
//!   - 0.06  in a background clause (relative, adverbial, concessive)
//!   - 0.05  kind re-coded from what a statement promises or threatens
//! clamped to [0.05, 0.98]
//! ```
//!
//! Several mentions of one event raise it: the maximum plus 0.04 per extra mention, capped
//! at 0.98.

use geoevents_domain::Modality;

/// The inputs of the confidence formula.
#[derive(Debug, Clone, Copy)]
pub struct Signals {
    /// Specificity of the trigger rule.
    pub specificity: f32,
    /// The actor resolved to a code.
    pub actor: bool,
    /// The target resolved to a code.
    pub target: bool,
    /// The trigger is a noun.
    pub nominal: bool,
    /// The actor was borrowed.
    pub inherited: bool,
    /// Tokens between actor phrase and trigger.
    pub distance: usize,
    /// The modality.
    pub modality: Modality,
    /// In a background clause.
    pub background: bool,
    /// The kind was re-coded.
    pub recoded: bool,
}

/// Scores one mention.
pub fn score(s: &Signals) -> f32 {
    let mut c = s.specificity;
    c += if s.actor { 0.10 } else { -0.15 };
    if s.target {
        c += 0.06;
    }
    if s.nominal {
        c -= 0.08;
    }
    if s.inherited {
        c -= 0.05;
    }
    c -= (0.02 * (s.distance / 4) as f32).min(0.08);
    c -= match s.modality {
        Modality::Asserted => 0.0,
        Modality::Claimed | Modality::Hypothetical => 0.08,
        Modality::Planned | Modality::Negated => 0.04,
    };
    if s.background {
        c -= 0.06;
    }
    if s.recoded {
        c -= 0.05;
    }
    c.clamp(0.05, 0.98)
}

/// Combines the scores of several mentions of one event.
pub fn combine(scores: &[f32]) -> f32 {
    let max = scores.iter().copied().fold(0.0_f32, f32::max);
    (max + 0.04 * scores.len().saturating_sub(1) as f32).clamp(0.05, 0.98)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Signals {
        Signals {
            specificity: 0.85,
            actor: true,
            target: true,
            nominal: false,
            inherited: false,
            distance: 1,
            modality: Modality::Asserted,
            background: false,
            recoded: false,
        }
    }

    #[test]
    fn hedges_nouns_and_missing_actors_lower_the_score() {
        let plain = score(&base());
        assert!(score(&Signals { modality: Modality::Claimed, ..base() }) < plain);
        assert!(score(&Signals { nominal: true, ..base() }) < plain);
        assert!(score(&Signals { actor: false, ..base() }) < plain);
        assert!((0.0..=1.0).contains(&plain));
    }

    #[test]
    fn more_mentions_raise_the_combined_score_but_never_past_the_cap() {
        assert!(combine(&[0.6, 0.5]) > 0.6);
        assert!(combine(&[0.98; 10]) <= 0.98);
    }
}
