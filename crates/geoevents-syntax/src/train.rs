//! Training the whole model from a treebank's train split, reproducibly (fixed seed, fixed
//! order of everything). The parser trains on tags predicted by taggers that never saw the
//! sentence (jackknifing), so it learns from the tags it will get when parsing.

use std::collections::BTreeSet;

use crate::conllu::{self, GoldSentence, GoldWord};
use crate::lemma::Lemmatizer;
use crate::model::Model;
use crate::parser::{Parser, TrainSentence};
use crate::tagger::{Tagger, upos_index};
use crate::tokenize::Lexicon;

/// Training settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Seed of every shuffle and exploration choice.
    pub seed: u64,
    /// Passes of the tagger over the data.
    pub tagger_epochs: usize,
    /// Passes of the parser over the data.
    pub parser_epochs: usize,
    /// Folds for the parser's predicted training tags (1: gold tags).
    pub folds: usize,
    /// Train (and parse) with a beam and a global perceptron; otherwise greedily with the
    /// dynamic oracle.
    pub beam: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self { seed: 20_261_206, tagger_epochs: 8, parser_epochs: 20, folds: 5, beam: true }
    }
}

/// Trains a model on the CoNLL-U text of a train split.
pub fn train(
    train_conllu: &str,
    settings: Settings,
    progress: &mut dyn FnMut(&str),
) -> Result<Model, String> {
    let sentences = conllu::read(train_conllu)?;
    progress(&format!("{} training sentences", sentences.len()));
    let lexicon = Lexicon::learn(&sentences);
    let tagged: Vec<Vec<(String, u8)>> = sentences.iter().map(tag_pairs).collect();

    let xpos = distinct(&sentences, |w| &w.xpos);
    if xpos.len() > 255 {
        return Err(format!("{} fine tags: at most 255 are supported", xpos.len()));
    }
    let xtagged: Vec<Vec<(String, u8)>> = sentences
        .iter()
        .map(|s| {
            s.words.iter().map(|w| (w.form.clone(), xpos.binary_search(&w.xpos).unwrap_or(0) as u8)).collect()
        })
        .collect();

    let tagger = Tagger::train(&tagged, settings.tagger_epochs, settings.seed);
    let xtagger = Tagger::train(&xtagged, settings.tagger_epochs, settings.seed);
    progress("taggers trained");

    let predicted = jackknife(&tagged, settings, progress);
    let xpredicted = jackknife(&xtagged, settings, progress);

    let lemma_triples: Vec<(String, u8, String)> = sentences
        .iter()
        .flat_map(|s| s.words.iter())
        .filter_map(|w| Some((w.form.clone(), upos_index(&w.upos)? as u8, w.lemma.clone())))
        .collect();
    let lemmatizer = Lemmatizer::train(&lemma_triples);
    progress("lemmatizer trained");

    let labels = distinct(&sentences, |w| &w.deprel);
    let parse_data: Vec<TrainSentence> = sentences
        .iter()
        .zip(predicted.into_iter().zip(xpredicted))
        .filter(|(s, _)| s.words.iter().all(|w| w.head <= s.words.len()))
        .map(|(s, (tags, xtags))| TrainSentence {
            forms: s.words.iter().map(|w| w.form.clone()).collect(),
            tags,
            xtags,
            heads: s.words.iter().map(|w| w.head).collect(),
            labels: s.words.iter().map(|w| labels.binary_search(&w.deprel).unwrap_or(0)).collect(),
        })
        .collect();
    let parser = if settings.beam {
        Parser::train_beam(&parse_data, labels, settings.parser_epochs, settings.seed)
    } else {
        Parser::train(&parse_data, labels, settings.parser_epochs, settings.seed)
    };
    progress("parser trained");

    Ok(Model {
        settings: format!(
            "UD English EWT train split ({} sentences); seed {}, tagger epochs {}, parser epochs {}, jackknife folds {}{}",
            sentences.len(),
            settings.seed,
            settings.tagger_epochs,
            settings.parser_epochs,
            settings.folds,
            if settings.beam {
                format!(
                    ", trained with beam {} (max-violation), parsed with beam {}",
                    crate::parser::TRAIN_BEAM,
                    crate::parser::PARSE_BEAM
                )
            } else {
                ", greedy (dynamic oracle)".to_owned()
            }
        ),
        lexicon,
        tagger,
        xtagger,
        lemmatizer,
        parser,
    })
}

/// Tags for every training sentence from a tagger that did not see it (or the gold tags,
/// with one fold).
fn jackknife(
    tagged: &[Vec<(String, u8)>],
    settings: Settings,
    progress: &mut dyn FnMut(&str),
) -> Vec<Vec<u8>> {
    let mut predicted: Vec<Vec<u8>> = tagged.iter().map(|s| s.iter().map(|(_, t)| *t).collect()).collect();
    if settings.folds <= 1 {
        return predicted;
    }
    for fold in 0..settings.folds {
        let rest: Vec<Vec<(String, u8)>> = tagged
            .iter()
            .enumerate()
            .filter(|(i, _)| i % settings.folds != fold)
            .map(|(_, s)| s.clone())
            .collect();
        let fold_tagger = Tagger::train(&rest, settings.tagger_epochs, settings.seed + fold as u64 + 1);
        for (i, s) in tagged.iter().enumerate().filter(|(i, _)| i % settings.folds == fold) {
            let forms: Vec<&str> = s.iter().map(|(f, _)| f.as_str()).collect();
            predicted[i] = fold_tagger.tag(&forms);
        }
        progress(&format!("jackknife fold {} of {} tagged", fold + 1, settings.folds));
    }
    predicted
}

/// The distinct values of a word field, sorted (class numbers are their positions).
fn distinct(sentences: &[GoldSentence], field: impl Fn(&GoldWord) -> &String) -> Vec<String> {
    sentences
        .iter()
        .flat_map(|s| s.words.iter().map(&field).cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

fn tag_pairs(s: &GoldSentence) -> Vec<(String, u8)> {
    s.words.iter().map(|w| (w.form.clone(), upos_index(&w.upos).unwrap_or(16) as u8)).collect()
}
