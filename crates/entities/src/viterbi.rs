//! Best IOB2 label sequence under first-order transitions; illegal transitions (`O` → `I-PER`) are never taken.

use crate::model::Transitions;
use crate::tags::{allowed, N_TAGS};

/// Lanes of the score vectors: the nine labels padded to a multiple of four, so that every vector operation of
/// the forward pass is a whole SSE register (pad lanes hold minus infinity and are never chosen).
const LANES: usize = 12;

/// Reusable buffers for [`viterbi`].
#[derive(Default)]
pub(crate) struct ViterbiBuffers {
    /// The best score of each label at each token.
    scores: Vec<[f32; LANES]>,
}

#[allow(clippy::needless_range_loop)] // `t` indexes emissions and scores alike
/// Writes the best label sequence for `emissions` into `out`.
///
/// The forward pass keeps only the best score of each label (a max over the previous labels, which the
/// compiler turns into vector adds and maxes); the backward pass finds the best previous label of the one
/// label chosen at each token from the scores kept, by the same sums, so no back-pointer is stored for the
/// eight labels that are not chosen. Ties go to the first best previous label.
pub(crate) fn viterbi(
    emissions: &[[f32; N_TAGS]],
    transitions: &Transitions<f32>,
    buffers: &mut ViterbiBuffers,
    out: &mut Vec<u8>,
) {
    out.clear();
    let n = emissions.len();
    if n == 0 {
        return;
    }
    // Illegal transitions cost minus infinity, so the inner loop needs no test.
    let mask = legal();
    let mut tr = [[f32::NEG_INFINITY; LANES]; N_TAGS + 1];
    for (row, (given, legal_row)) in tr.iter_mut().zip(transitions.iter().zip(mask)) {
        for k in 0..N_TAGS {
            if legal_row[k] {
                row[k] = given[k];
            }
        }
    }
    let scores = &mut buffers.scores;
    scores.clear();
    scores.resize(n, [f32::NEG_INFINITY; LANES]);
    for k in 0..N_TAGS {
        scores[0][k] = tr[0][k] + emissions[0][k];
    }
    for t in 1..n {
        let score = scores[t - 1];
        let mut best = [f32::NEG_INFINITY; LANES];
        for p in 0..N_TAGS {
            let (sp, row) = (score[p], &tr[p + 1]);
            for k in 0..LANES {
                let v = sp + row[k];
                best[k] = if v > best[k] { v } else { best[k] };
            }
        }
        for k in 0..N_TAGS {
            best[k] += emissions[t][k];
        }
        scores[t] = best;
    }
    let last = &scores[n - 1];
    let mut k = 0;
    for j in 1..N_TAGS {
        if last[j] > last[k] {
            k = j;
        }
    }
    out.resize(n, 0);
    out[n - 1] = k as u8;
    for t in (1..n).rev() {
        // The first previous label whose sum is the best, as a strict `>` over ascending labels finds it.
        let score = &scores[t - 1];
        let mut from = 0;
        let mut best = f32::NEG_INFINITY;
        for p in 0..N_TAGS {
            let v = score[p] + tr[p + 1][k];
            if v > best {
                best = v;
                from = p;
            }
        }
        k = from;
        out[t - 1] = k as u8;
    }
}

/// `legal()[p + 1][k]`: label `k` may follow `p`; row 0 is the sentence start. Computed once.
fn legal() -> &'static [[bool; N_TAGS]; N_TAGS + 1] {
    static LEGAL: std::sync::OnceLock<[[bool; N_TAGS]; N_TAGS + 1]> = std::sync::OnceLock::new();
    LEGAL.get_or_init(legal_table)
}

#[allow(clippy::needless_range_loop)] // a table indexed by two labels
fn legal_table() -> [[bool; N_TAGS]; N_TAGS + 1] {
    let mut m = [[false; N_TAGS]; N_TAGS + 1];
    for (k, slot) in m[0].iter_mut().enumerate() {
        *slot = allowed(None, k as u8);
    }
    for p in 0..N_TAGS {
        for k in 0..N_TAGS {
            m[p + 1][k] = allowed(Some(p as u8), k as u8);
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_starts_with_an_inside_label() {
        let mut e = [[0.0; N_TAGS]; 2];
        e[0][2] = 10.0; // I-PER is best locally but illegal at the start
        e[0][1] = 1.0;
        e[1][2] = 5.0;
        let mut out = Vec::new();
        viterbi(
            &e,
            &[[0.0; N_TAGS]; N_TAGS + 1],
            &mut ViterbiBuffers::default(),
            &mut out,
        );
        assert_eq!(out, vec![1, 2]);
    }

    /// The score of a label sequence, `None` when it takes an illegal transition.
    fn path_score(e: &[[f32; N_TAGS]], tr: &Transitions<f32>, seq: &[u8]) -> Option<f32> {
        let mut prev = None;
        let mut total = 0.0f32;
        for (t, &k) in seq.iter().enumerate() {
            if !allowed(prev, k) {
                return None;
            }
            total += tr[prev.map_or(0, |p: u8| p as usize + 1)][k as usize] + e[t][k as usize];
            prev = Some(k);
        }
        Some(total)
    }

    /// The best score of any legal sequence, by trying every one.
    fn exhaustive(e: &[[f32; N_TAGS]], tr: &Transitions<f32>) -> Option<f32> {
        let n = e.len();
        (0..N_TAGS.pow(n as u32))
            .filter_map(|code| {
                let seq: Vec<u8> = (0..n)
                    .map(|t| ((code / N_TAGS.pow((n - 1 - t) as u32)) % N_TAGS) as u8)
                    .collect();
                path_score(e, tr, &seq)
            })
            .reduce(f32::max)
    }

    #[test]
    fn finds_the_best_legal_sequence() {
        let mut state = 7u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            // Small integers: sums are exact, so the exhaustive search and viterbi compare like with like.
            ((state >> 33) % 21) as f32 - 10.0
        };
        let mut buffers = ViterbiBuffers::default();
        let mut out = Vec::new();
        for n in 1..=4 {
            for _ in 0..20 {
                let e: Vec<[f32; N_TAGS]> = (0..n).map(|_| std::array::from_fn(|_| next() * 3.0)).collect();
                let tr: Transitions<f32> = std::array::from_fn(|_| std::array::from_fn(|_| next()));
                viterbi(&e, &tr, &mut buffers, &mut out);
                // Equal scores may be reached by different paths: compare the scores (legality included).
                assert_eq!(path_score(&e, &tr, &out), exhaustive(&e, &tr), "n = {n}: {out:?}");
            }
        }
    }
}
