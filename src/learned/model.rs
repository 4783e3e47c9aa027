//! The weights of the learned stage: one table of 8-bit weights indexed by hashed features,
//! shared by its three scorers (cue, source, side), and the file format that carries it.
//!
//! File layout (little-endian): `b"WSM1"`, `u8` log2 of the table size, `u8` reserved,
//! `f32` scale (weight = byte × scale), `f32` cue threshold, then `2^bits` signed bytes.

use crate::error::Error;

const MAGIC: &[u8; 4] = b"WSM1";
const HEADER: usize = 4 + 2 + 4 + 4;

/// A trained model for the learned attribution stage (see the crate's training command,
/// `whosaid-train`).
#[derive(Clone, PartialEq)]
pub struct Model {
    bits: u8,
    mask: u32,
    scale: f32,
    /// Score a token needs to be taken for a cue.
    threshold: f32,
    weights: Vec<i8>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("bits", &self.bits)
            .field("threshold", &self.threshold)
            .finish_non_exhaustive()
    }
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
        let bad = |why: &str| Error::Model(why.to_string());
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return Err(bad("not a whosaid model file (no WSM1 header)"));
        }
        let bits = bytes[4];
        if !(8..=24).contains(&bits) {
            return Err(bad("table size out of range"));
        }
        let f32_at = |at: usize| {
            let mut b = [0u8; 4];
            b.copy_from_slice(&bytes[at..at + 4]);
            f32::from_le_bytes(b)
        };
        let (scale, threshold) = (f32_at(6), f32_at(10));
        let n = 1usize << bits;
        if bytes.len() != HEADER + n {
            return Err(bad("file length does not match its table size"));
        }
        if !scale.is_finite() || !threshold.is_finite() {
            return Err(bad("scale or threshold is not a number"));
        }
        Ok(Model {
            bits,
            mask: (n - 1) as u32,
            scale,
            threshold,
            weights: bytes[HEADER..].iter().map(|&b| b as i8).collect(),
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
        out.extend(self.weights.iter().map(|&w| w as u8));
        out
    }

    /// The model compiled into the crate.
    pub fn builtin() -> &'static Model {
        static MODEL: std::sync::LazyLock<Model> = std::sync::LazyLock::new(|| {
            Model::from_bytes(include_bytes!("model.bin")).expect("the built-in model is valid")
        });
        &MODEL
    }

    /// Quantises trained weights (one per table slot) to a model.
    pub(crate) fn quantise(weights: &[f32], threshold: f32) -> Model {
        let n = weights.len();
        assert!(n.is_power_of_two(), "table size is a power of two");
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        Model {
            bits: n.trailing_zeros() as u8,
            mask: (n - 1) as u32,
            scale,
            threshold,
            weights: weights
                .iter()
                .map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8)
                .collect(),
        }
    }

    /// The sum of the weights of some features.
    pub(crate) fn score(&self, features: &[u32]) -> f32 {
        let sum: i32 = features
            .iter()
            .map(|&f| i32::from(self.weights[(f & self.mask) as usize]))
            .sum();
        sum as f32 * self.scale
    }

    /// Score a token needs to be taken for a cue.
    pub(crate) fn threshold(&self) -> f32 {
        self.threshold
    }

    /// The same model with another cue threshold.
    #[doc(hidden)]
    pub fn with_threshold(mut self, threshold: f32) -> Model {
        self.threshold = threshold;
        self
    }

    /// Size of the weight table in bytes.
    pub fn size(&self) -> usize {
        self.weights.len()
    }
}
