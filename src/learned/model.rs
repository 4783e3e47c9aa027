//! The weights of the learned stage: one table of 8-bit weights indexed by hashed features,
//! shared by its three scorers (cue, source, side), and the file format that carries it.
//!
//! File layout (little-endian): `b"WSM1"`, `u8` log2 of the table size, `u8` reserved,
//! `f32` scale (weight = byte × scale), `f32` cue threshold, `f32` cue threshold for words
//! the speech-cue lexicon does not know, then `2^bits` signed bytes, then
//! the cue words: the lower-case words that head a cue often enough in the training data to be
//! scored at all, UTF-8, one per line.

use super::features::CueWords;
use crate::error::Error;
use crate::list::Listed;

const MAGIC: &[u8; 4] = b"WSM1";
const HEADER: usize = 4 + 2 + 4 + 4 + 4;

/// `model.bin` as compiled in: in the sparse form `build.rs` writes (a bit per weight saying
/// whether it is zero, then the weights that are not), a tenth smaller gzipped; its cue words
/// apart, as text (checked UTF-8 when compiled: the browser build has no UTF-8 validator).
const BUILTIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/model.sparse"));
const BUILTIN_WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/model.words"));

/// The model file's bytes (but its cue words) from its sparse form (see `build.rs`). A form it
/// cannot read is returned as it is, for [`Model::read`] to say what is wrong.
fn unsparse(sparse: &[u8]) -> Vec<u8> {
    let Some(&bits) = sparse.get(4) else {
        return sparse.to_vec();
    };
    let n = 1usize << bits.min(24);
    let Some(present) = sparse.get(HEADER..HEADER + n.div_ceil(8)) else {
        return sparse.to_vec();
    };
    let mut values = sparse[HEADER + present.len()..].iter();
    let mut out = Vec::with_capacity(sparse.len() + n);
    out.extend_from_slice(&sparse[..HEADER]);
    for i in 0..n {
        let w = if present[i / 8] >> (i % 8) & 1 == 1 {
            values.next().copied().unwrap_or(0)
        } else {
            0
        };
        out.push(w);
    }
    out.extend(values);
    out
}

#[cfg(feature = "cli")]
/// A quantised weight, or 0 when its magnitude is at most `prune`'s (training and
/// [`Model::pruned`] drop the same weights).
fn pruned(q: i8, prune: i8) -> i8 {
    if q.unsigned_abs() <= prune.unsigned_abs() {
        0
    } else {
        q
    }
}

/// A trained model for the learned attribution stage (see the crate's training command,
/// `whosaid-train`).
#[derive(Clone, PartialEq)]
pub struct Model {
    bits: u8,
    mask: u32,
    scale: f32,
    /// Score a token needs to be taken for a cue.
    threshold: f32,
    /// Score a word the speech-cue lexicon does not know needs to be taken for a cue.
    threshold_unknown: f32,
    weights: Vec<i8>,
    /// Words that may head a cue.
    cue_words: CueWords,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("bits", &self.bits)
            .field("threshold", &self.threshold)
            .field("threshold_unknown", &self.threshold_unknown)
            .finish_non_exhaustive()
    }
}

fn bad(why: &str) -> Error {
    Error::Model(why.to_string())
}

impl Model {
    /// Reads a model file as written by [`Model::to_bytes`].
    ///
    /// ```
    /// let bytes = whosaid::Model::builtin().to_bytes();
    /// assert_eq!(whosaid::Model::from_bytes(&bytes).unwrap(), *whosaid::Model::builtin());
    /// assert!(whosaid::Model::from_bytes(b"nonsense").is_err());
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, Error> {
        let n = Self::table_len(bytes)?;
        let words = std::str::from_utf8(&bytes[HEADER + n..])
            .map_err(|_| bad("the cue words are not UTF-8"))?;
        Self::read(bytes, words)
    }

    /// The size of the weight table of a model file, checked against the file's length.
    fn table_len(bytes: &[u8]) -> Result<usize, Error> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return Err(bad("not a whosaid model file (no WSM1 header)"));
        }
        let bits = bytes[4];
        if !(8..=24).contains(&bits) {
            return Err(bad("table size out of range"));
        }
        let n = 1usize << bits;
        if bytes.len() < HEADER + n {
            return Err(bad("file length does not match its table size"));
        }
        Ok(n)
    }

    /// A model from a file's header and weights, and its cue words.
    fn read(bytes: &[u8], words: &str) -> Result<Model, Error> {
        let n = Self::table_len(bytes)?;
        let f32_at = |at: usize| {
            let mut b = [0u8; 4];
            b.copy_from_slice(&bytes[at..at + 4]);
            f32::from_le_bytes(b)
        };
        let (scale, threshold, threshold_unknown) = (f32_at(6), f32_at(10), f32_at(14));
        if !scale.is_finite() || !threshold.is_finite() || !threshold_unknown.is_finite() {
            return Err(bad("scale or threshold is not a number"));
        }
        Ok(Model {
            bits: bytes[4],
            mask: (n - 1) as u32,
            scale,
            threshold,
            threshold_unknown,
            weights: bytes[HEADER..HEADER + n].iter().map(|&b| b as i8).listed(),
            cue_words: CueWords::new(words.lines().map(str::to_string)),
        })
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + self.weights.len());
        out.extend_from_slice(MAGIC);
        out.push(self.bits);
        out.push(0);
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&self.threshold.to_le_bytes());
        out.extend_from_slice(&self.threshold_unknown.to_le_bytes());
        out.extend(self.weights.iter().map(|&w| w as u8));
        let mut words: Vec<&str> = self.cue_words.iter().collect();
        words.sort_unstable();
        for w in words {
            out.extend_from_slice(w.as_bytes());
            out.push(b'\n');
        }
        out
    }

    /// The model compiled into the crate.
    pub fn builtin() -> &'static Model {
        static MODEL: std::sync::LazyLock<Model> = std::sync::LazyLock::new(|| {
            // Display, not `expect`'s Debug: the browser build then carries no Debug code.
            Model::read(&unsparse(BUILTIN), BUILTIN_WORDS)
                .unwrap_or_else(|e| panic!("the built-in model is invalid: {e}"))
        });
        &MODEL
    }

    #[cfg(feature = "cli")]
    /// Quantises trained weights (one per table slot) to a model.
    pub(crate) fn quantise(
        weights: &[f32],
        thresholds: (f32, f32),
        cue_words: Vec<String>,
        prune: i8,
    ) -> Model {
        let n = weights.len();
        assert!(n.is_power_of_two(), "table size is a power of two");
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        Model {
            bits: n.trailing_zeros() as u8,
            mask: (n - 1) as u32,
            scale,
            threshold: thresholds.0,
            threshold_unknown: thresholds.1,
            weights: weights
                .iter()
                .map(|w| pruned((w / scale).round().clamp(-127.0, 127.0) as i8, prune))
                .collect(),
            cue_words: CueWords::new(cue_words),
        }
    }

    #[cfg(feature = "cli")]
    /// The same model with its weights of at most `prune` (quantised) dropped and other cue
    /// thresholds: a shipped model made smaller without training it again.
    pub fn pruned(mut self, prune: i8, thresholds: (f32, f32)) -> Model {
        for w in &mut self.weights {
            *w = pruned(*w, prune);
        }
        self.with_thresholds(thresholds.0, thresholds.1)
    }

    /// The sum of the weights of some features.
    pub(crate) fn score(&self, features: &[u32]) -> f32 {
        let sum: i32 = features
            .iter()
            .map(|&f| i32::from(self.weights[(f & self.mask) as usize]))
            .sum();
        sum as f32 * self.scale
    }

    /// The words that may head a cue.
    pub(crate) fn cue_words(&self) -> &CueWords {
        &self.cue_words
    }

    /// Score a token needs to be taken for a cue: `known` when the speech-cue lexicon has it.
    #[doc(hidden)]
    pub fn threshold(&self, known: bool) -> f32 {
        if known {
            self.threshold
        } else {
            self.threshold_unknown
        }
    }

    /// The same model with other cue thresholds (for known and unknown cue words).
    #[doc(hidden)]
    pub fn with_thresholds(mut self, known: f32, unknown: f32) -> Model {
        self.threshold = known;
        self.threshold_unknown = unknown;
        self
    }

    /// Size of the model file in bytes.
    pub fn size(&self) -> usize {
        HEADER + self.weights.len() + self.cue_words.iter().map(|w| w.len() + 1).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_model_is_model_bin_and_smaller() {
        let file: &[u8] = include_bytes!("model.bin");
        assert_eq!([unsparse(BUILTIN), BUILTIN_WORDS.into()].concat(), file);
        assert!(BUILTIN.len() < file.len() * 3 / 4, "{}", BUILTIN.len());
        assert_eq!(*Model::builtin(), Model::from_bytes(file).unwrap());
    }

    #[cfg(feature = "cli")]
    #[test]
    fn pruning_drops_the_small_weights_only_and_sets_the_thresholds() {
        let words = vec!["said".to_string()];
        let mut weights = vec![0.0; 256];
        weights[..4].copy_from_slice(&[1.0, -0.1, 0.2, -0.5]);
        let m = Model::quantise(&weights, (0.0, 1.0), words, 0);
        assert_eq!(m.weights[..4], [127, -13, 25, -64]);
        let p = m.clone().pruned(25, (-5.0, -3.0));
        assert_eq!(p.weights[..4], [127, 0, 0, -64]);
        assert!(p.weights[4..].iter().all(|&w| w == 0));
        assert_eq!((p.threshold(true), p.threshold(false)), (-5.0, -3.0));
        assert_eq!(Model::from_bytes(&p.to_bytes()).unwrap(), p);
    }
}
