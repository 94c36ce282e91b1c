//! Averaged perceptrons over hashed features: each feature (a template number and the
//! values it combines) hashes to a row of a fixed-size table holding one weight per class.
//! Training keeps the running totals needed for averaging; the model keeps only the
//! averaged weights, quantised to 16 bits with one scale per table.

/// A 64-bit hash of a string (FNV-1a), for words and other feature values.
pub fn hash_str(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// Combines a template number and up to three values into one feature hash.
#[inline]
pub fn feature(template: u64, a: u64, b: u64, c: u64) -> u64 {
    let mut h = template.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for v in [a, b, c] {
        h = (h ^ v).wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 32;
    }
    h
}

/// Trained weights: `rows` × `classes`, quantised.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    classes: usize,
    mask: u64,
    scale: f32,
    values: Vec<i16>,
}

impl Weights {
    /// Adds each feature's row to `scores` (one entry per class).
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for &f in features {
            let row = (f & self.mask) as usize * self.classes;
            for (s, &w) in scores.iter_mut().zip(&self.values[row..row + self.classes]) {
                *s += f32::from(w);
            }
        }
        for s in scores.iter_mut() {
            *s *= self.scale;
        }
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&(self.mask.count_ones()).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        // Runs of zero rows are common in sparse tables: store (zero run, values run) pairs.
        let mut i = 0;
        while i < self.values.len() {
            let zeros = self.values[i..].iter().take_while(|&&v| v == 0).count().min(u32::MAX as usize);
            i += zeros;
            let nonzero = self.values[i..].iter().take_while(|&&v| v != 0).count().min(u32::MAX as usize);
            out.extend_from_slice(&(zeros as u32).to_le_bytes());
            out.extend_from_slice(&(nonzero as u32).to_le_bytes());
            for v in &self.values[i..i + nonzero] {
                out.extend_from_slice(&v.to_le_bytes());
            }
            i += nonzero;
        }
        out.extend_from_slice(&u32::MAX.to_le_bytes());
    }

    pub(crate) fn read(input: &mut crate::binary::Reader<'_>) -> Result<Self, String> {
        let classes = input.u32()? as usize;
        let bits = input.u32()?;
        if bits > 26 || classes == 0 || classes > 4096 {
            return Err("implausible weight table".into());
        }
        let scale = f32::from_le_bytes(input.u32()?.to_le_bytes());
        let len = (1usize << bits) * classes;
        let mut values = Vec::with_capacity(len);
        loop {
            let zeros = input.u32()?;
            if zeros == u32::MAX {
                break;
            }
            let nonzero = input.u32()? as usize;
            values.resize(values.len() + zeros as usize, 0);
            for _ in 0..nonzero {
                values.push(input.i16()?);
            }
            if values.len() > len {
                return Err("weight table overruns its size".into());
            }
        }
        values.resize(len, 0);
        Ok(Self { classes, mask: (1u64 << bits) - 1, scale, values })
    }
}

/// A perceptron being trained: weights, and what averaging needs.
pub struct Trainer {
    classes: usize,
    mask: u64,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    time: u32,
}

impl Trainer {
    /// A table of `2^bits` rows of `classes` weights.
    pub fn new(bits: u32, classes: usize) -> Self {
        let len = (1usize << bits) * classes;
        Self {
            classes,
            mask: (1u64 << bits) - 1,
            weights: vec![0.0; len],
            totals: vec![0.0; len],
            stamps: vec![0; len],
            time: 0,
        }
    }

    /// Current (not averaged) scores.
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for &f in features {
            let row = (f & self.mask) as usize * self.classes;
            for (s, &w) in scores.iter_mut().zip(&self.weights[row..row + self.classes]) {
                *s += w;
            }
        }
    }

    /// One training example seen (advances the averaging clock).
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// Rewards `truth` and penalises `guess` on these features.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth != guess {
            self.add(features, truth, 1.0);
            self.add(features, guess, -1.0);
        }
    }

    /// Adds `delta` to `class`'s weight of each feature (a structured update, one step of
    /// a sequence at a time).
    pub fn add(&mut self, features: &[u64], class: usize, delta: f32) {
        for &f in features {
            let i = (f & self.mask) as usize * self.classes + class;
            self.totals[i] += f64::from(self.time - self.stamps[i]) * f64::from(self.weights[i]);
            self.stamps[i] = self.time;
            self.weights[i] += delta;
        }
    }

    /// The averaged weights, quantised.
    pub fn finish(mut self) -> Weights {
        let time = f64::from(self.time.max(1));
        let mut averaged = Vec::with_capacity(self.weights.len());
        for i in 0..self.weights.len() {
            self.totals[i] += f64::from(self.time - self.stamps[i]) * f64::from(self.weights[i]);
            averaged.push((self.totals[i] / time) as f32);
        }
        let max = averaged.iter().fold(0.0f32, |m, w| m.max(w.abs())).max(1e-9);
        let scale = max / 32767.0;
        let values = averaged.iter().map(|w| (w / scale).round().clamp(-32767.0, 32767.0) as i16).collect();
        Weights { classes: self.classes, mask: self.mask, scale, values }
    }
}

/// The index of the highest score among the allowed classes.
pub fn argmax(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

/// A small seeded generator (xorshift64*) for shuffling and exploration: training is
/// reproducible.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Shuffles in place (Fisher-Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}
