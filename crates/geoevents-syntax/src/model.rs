//! The model file: everything training learned, in one little-endian binary with a magic
//! number, a format version and the training settings. A file of another version is
//! refused with a clear error rather than misread.

use std::collections::{HashMap, HashSet};

use crate::binary::{Reader, put_str, put_u32};
use crate::lemma::{Edit, Lemmatizer};
use crate::parser::Parser;
use crate::perceptron::Weights;
use crate::tagger::Tagger;
use crate::tokenize::Lexicon;

const MAGIC: &[u8; 8] = b"GEOSYNTX";
/// Bump whenever the layout or the feature set changes.
pub const FORMAT_VERSION: u32 = 2;

/// A trained syntax model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// How it was trained (seed, epochs, data), for the record.
    pub settings: String,
    pub(crate) lexicon: Lexicon,
    pub(crate) tagger: Tagger,
    pub(crate) xtagger: Tagger,
    pub(crate) lemmatizer: Lemmatizer,
    pub(crate) parser: Parser,
}

impl Model {
    /// Serialises the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        put_str(&mut out, &self.settings);
        let mut whole: Vec<&String> = self.lexicon.whole.iter().collect();
        whole.sort();
        put_u32(&mut out, whole.len());
        for w in whole {
            put_str(&mut out, w);
        }
        let mut multiword: Vec<(&String, &Vec<usize>)> = self.lexicon.multiword.iter().collect();
        multiword.sort();
        put_u32(&mut out, multiword.len());
        for (w, lengths) in multiword {
            put_str(&mut out, w);
            put_u32(&mut out, lengths.len());
            for &n in lengths {
                put_u32(&mut out, n);
            }
        }
        for tagger in [&self.tagger, &self.xtagger] {
            let mut dictionary: Vec<(&String, &u8)> = tagger.dictionary.iter().collect();
            dictionary.sort();
            put_u32(&mut out, dictionary.len());
            for (w, t) in dictionary {
                put_str(&mut out, w);
                out.push(*t);
            }
            tagger.weights.write(&mut out);
        }
        let mut known: Vec<(&(String, u8), &String)> = self.lemmatizer.known.iter().collect();
        known.sort();
        put_u32(&mut out, known.len());
        for ((form, tag), lemma) in known {
            put_str(&mut out, form);
            out.push(*tag);
            put_str(&mut out, lemma);
        }
        let mut suffixes: Vec<(&(String, u8), &Edit)> = self.lemmatizer.suffixes.iter().collect();
        suffixes.sort_by(|a, b| a.0.cmp(b.0));
        put_u32(&mut out, suffixes.len());
        for ((suffix, tag), edit) in suffixes {
            put_str(&mut out, suffix);
            out.push(*tag);
            out.push(edit.strip);
            put_str(&mut out, &edit.append);
            out.push(u8::from(edit.lower));
        }
        put_u32(&mut out, self.parser.beam);
        put_u32(&mut out, self.parser.labels.len());
        for l in &self.parser.labels {
            put_str(&mut out, l);
        }
        self.parser.transitions.write(&mut out);
        self.parser.labeller.write(&mut out);
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let mut r = Reader::new(bytes);
        if r.take(8)? != MAGIC {
            return Err("not a geoevents syntax model".into());
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(format!(
                "the syntax model has format version {version}, this build reads version {FORMAT_VERSION}: retrain it"
            ));
        }
        let settings = r.string()?;
        let mut whole = HashSet::new();
        for _ in 0..r.count()? {
            whole.insert(r.string()?);
        }
        let mut multiword = HashMap::new();
        for _ in 0..r.count()? {
            let w = r.string()?;
            let n = r.count()?;
            let lengths = (0..n).map(|_| r.count()).collect::<Result<Vec<_>, _>>()?;
            multiword.insert(w, lengths);
        }
        let mut taggers = Vec::new();
        for _ in 0..2 {
            let mut dictionary = HashMap::new();
            for _ in 0..r.count()? {
                let w = r.string()?;
                dictionary.insert(w, r.u8()?);
            }
            taggers.push(Tagger { weights: Weights::read(&mut r)?, dictionary });
        }
        let xtagger = taggers.pop().ok_or("no fine tagger")?;
        let tagger = taggers.pop().ok_or("no tagger")?;
        let mut known = HashMap::new();
        for _ in 0..r.count()? {
            let form = r.string()?;
            let tag = r.u8()?;
            known.insert((form, tag), r.string()?);
        }
        let mut suffixes = HashMap::new();
        for _ in 0..r.count()? {
            let suffix = r.string()?;
            let tag = r.u8()?;
            let strip = r.u8()?;
            let append = r.string()?;
            let lower = r.u8()? != 0;
            suffixes.insert((suffix, tag), Edit { strip, append, lower });
        }
        let beam = r.count()?.clamp(1, 64);
        let labels = (0..r.count()?).map(|_| r.string()).collect::<Result<Vec<_>, _>>()?;
        let transitions = Weights::read(&mut r)?;
        let labeller = Weights::read(&mut r)?;
        if transitions.classes() != 3 || labeller.classes() != labels.len() {
            return Err("the syntax model's tables do not match its labels".into());
        }
        Ok(Self {
            settings,
            lexicon: Lexicon { whole, multiword },
            tagger,
            xtagger,
            lemmatizer: Lemmatizer { known, suffixes },
            parser: Parser { transitions, labeller, labels, beam },
        })
    }
}
