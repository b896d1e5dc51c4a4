//! The model file: lexicon plus hashed, quantised weights for one or two stages.
//!
//! Layout (little-endian): magic `LEDENER1`; `bits` (u8), feature set (u8), stages (u8); the cluster table
//! and gazetteer as length-prefixed UTF-8 text; then per stage the 10×9 transition weights (i16) and the
//! non-zero weight rows, each as a varint gap from the previous row followed by nine i16 weights.
//! The file holds numbers for hashed features, never the words of the training text.

use std::path::Path;

use crate::error::{Error, Result};
use crate::features::FeatureSet;
use crate::lexicon::{Clusters, Gazetteer};
use crate::tags::N_TAGS;

const MAGIC: &[u8; 8] = b"LEDENER1";

/// Transition weights: row 0 is the sentence start, row `p + 1` the previous label `p`.
pub(crate) type Transitions<T> = [[T; N_TAGS]; N_TAGS + 1];

/// Both stages' weights, interleaved: row `r` holds stage 1's nine weights then stage 2's, so a feature both
/// stages look up costs one memory access.
pub(crate) struct Weights {
    pub table: Vec<i16>,
    /// `N_TAGS * stages`.
    pub stride: usize,
    pub transitions: Vec<Transitions<f32>>,
    /// One bit per row: set when some weight of the row (in any stage) is non-zero. Most token and document
    /// features of real text hit empty rows; this 128 KB map (at 2^20 rows) stays in cache and spares the
    /// tagger a cache miss into the table for each of them.
    pub live: Vec<u64>,
}

impl Weights {
    /// Whether row `r` has a non-zero weight. Adding an empty row changes no score: the sums are of small
    /// integers, exact in `f32`, and never `-0.0`.
    #[inline]
    pub(crate) fn is_live(&self, r: usize) -> bool {
        self.live.get(r / 64).is_some_and(|w| w >> (r % 64) & 1 != 0)
    }
}

/// A parsed model.
pub(crate) struct Model {
    pub bits: u8,
    pub features: FeatureSet,
    pub clusters: Clusters,
    pub gazetteer: Gazetteer,
    pub weights: Weights,
}

/// The weight row of a feature hash.
#[inline]
pub(crate) fn row(hash: u64, bits: u8) -> usize {
    (hash >> (64 - u32::from(bits))) as usize
}

/// Weights as training produces them, before quantisation.
pub(crate) struct FloatStage {
    pub weights: Vec<f32>,
    pub transitions: Transitions<f32>,
}

/// Serialises a model.
pub(crate) fn write_model(
    bits: u8,
    features: FeatureSet,
    clusters_text: &str,
    gazetteer_text: &str,
    stages: &[FloatStage],
) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[bits, features.to_byte(), stages.len() as u8]);
    for text in [clusters_text, gazetteer_text] {
        out.extend_from_slice(&(text.len() as u32).to_le_bytes());
        out.extend_from_slice(text.as_bytes());
    }
    for stage in stages {
        let max = stage
            .weights
            .iter()
            .chain(stage.transitions.iter().flatten())
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(1e-6);
        let scale = 32000.0 / max;
        let q = |w: f32| (w * scale).round().clamp(-32767.0, 32767.0) as i16;
        for w in stage.transitions.iter().flatten() {
            out.extend_from_slice(&q(*w).to_le_bytes());
        }
        let rows: Vec<usize> = (0..stage.weights.len() / N_TAGS)
            .filter(|r| stage.weights[r * N_TAGS..(r + 1) * N_TAGS].iter().any(|w| q(*w) != 0))
            .collect();
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut last = 0usize;
        for r in rows {
            let mut gap = (r - last) as u64;
            last = r;
            loop {
                let byte = (gap & 0x7f) as u8;
                gap >>= 7;
                if gap == 0 {
                    out.push(byte);
                    break;
                }
                out.push(byte | 0x80);
            }
            for w in &stage.weights[r * N_TAGS..(r + 1) * N_TAGS] {
                out.extend_from_slice(&q(*w).to_le_bytes());
            }
        }
    }
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else {
            return Err(Error::Model(format!("truncated at byte {} (wanted {n} more)", self.at)));
        };
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn i16(&mut self) -> Result<i16> {
        let b = self.take(2)?;
        Ok(i16::from_le_bytes([b[0], b[1]]))
    }

    fn varint(&mut self) -> Result<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(Error::Model("varint too long".into()))
    }

    fn text(&mut self) -> Result<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|e| Error::Model(format!("lexicon is not UTF-8: {e}")))
    }
}

/// Parses model bytes.
pub(crate) fn read_model(bytes: &[u8]) -> Result<Model> {
    let mut r = Reader { bytes, at: 0 };
    if bytes.is_empty() {
        return Err(Error::Model(
            "the model file is empty; train one with `lede ner train`".into(),
        ));
    }
    if r.take(MAGIC.len())? != MAGIC {
        return Err(Error::Model("not a lede entity model (bad magic bytes)".into()));
    }
    let bits = r.u8()?;
    if !(10..=26).contains(&bits) {
        return Err(Error::Model(format!(
            "weight table of 2^{bits} rows is out of range 2^10..=2^26"
        )));
    }
    let features = FeatureSet::from_byte(r.u8()?);
    let n_stages = r.u8()?;
    if !(1..=2).contains(&n_stages) {
        return Err(Error::Model(format!("{n_stages} stages; expected 1 or 2")));
    }
    let clusters = Clusters::parse(r.text()?, Path::new("<model clusters>"))?;
    let gazetteer = Gazetteer::parse(r.text()?, Path::new("<model gazetteer>"))?;
    let rows = 1usize << bits;
    let stride = N_TAGS * n_stages as usize;
    let mut table = vec![0i16; rows * stride];
    let mut all_transitions = Vec::new();
    for s in 0..n_stages as usize {
        let mut transitions = [[0f32; N_TAGS]; N_TAGS + 1];
        for w in transitions.iter_mut().flatten() {
            *w = f32::from(r.i16()?);
        }
        let n = r.u32()? as usize;
        let mut at = 0usize;
        for _ in 0..n {
            at = at
                .checked_add(r.varint()? as usize)
                .filter(|&a| a < rows)
                .ok_or_else(|| Error::Model("weight row out of range".into()))?;
            let base = at * stride + s * N_TAGS;
            for w in &mut table[base..base + N_TAGS] {
                *w = r.i16()?;
            }
        }
        all_transitions.push(transitions);
    }
    if r.at != bytes.len() {
        return Err(Error::Model(format!("{} trailing bytes", bytes.len() - r.at)));
    }
    let mut live = vec![0u64; rows.div_ceil(64)];
    for (r, weights) in table.chunks_exact(stride).enumerate() {
        if weights.iter().any(|&w| w != 0) {
            live[r / 64] |= 1 << (r % 64);
        }
    }
    Ok(Model {
        bits,
        features,
        clusters,
        gazetteer,
        weights: Weights {
            table,
            stride,
            transitions: all_transitions,
            live,
        },
    })
}
