//! Best IOB2 label sequence under first-order transitions; illegal transitions (`O` → `I-PER`) are never taken.

use crate::model::Transitions;
use crate::tags::{allowed, N_TAGS};

/// Reusable buffers for [`viterbi`].
#[derive(Default)]
pub(crate) struct ViterbiBuffers {
    back: Vec<[u8; N_TAGS]>,
}

#[allow(clippy::needless_range_loop)] // `t` indexes emissions and back-pointers alike
/// Writes the best label sequence for `emissions` into `out`.
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
    let mut tr = *transitions;
    for (row, legal_row) in tr.iter_mut().zip(&mask) {
        for (w, &ok) in row.iter_mut().zip(legal_row) {
            if !ok {
                *w = f32::NEG_INFINITY;
            }
        }
    }
    buffers.back.clear();
    buffers.back.resize(n, [0; N_TAGS]);
    let mut score = [f32::NEG_INFINITY; N_TAGS];
    for (k, s) in score.iter_mut().enumerate() {
        *s = tr[0][k] + emissions[0][k];
    }
    for t in 1..n {
        // Previous label outermost, all nine current labels at once: the compiler turns the selects into
        // vector compares and blends, where a branch per pair of labels was mispredicted half the time. The
        // strict `>` over ascending `p` keeps the first best previous label, as before.
        let mut best = [f32::NEG_INFINITY; N_TAGS];
        let back = &mut buffers.back[t];
        *back = [0; N_TAGS];
        for (p, &sp) in score.iter().enumerate() {
            let row = &tr[p + 1];
            for k in 0..N_TAGS {
                let v = sp + row[k];
                let better = v > best[k];
                best[k] = if better { v } else { best[k] };
                back[k] = if better { p as u8 } else { back[k] };
            }
        }
        for k in 0..N_TAGS {
            score[k] = best[k] + emissions[t][k];
        }
    }
    let mut best = 0;
    for k in 1..N_TAGS {
        if score[k] > score[best] {
            best = k;
        }
    }
    out.resize(n, 0);
    let mut k = best as u8;
    for t in (0..n).rev() {
        out[t] = k;
        k = buffers.back[t][k as usize];
    }
}

#[allow(clippy::needless_range_loop)] // a table indexed by two labels
/// `legal()[p + 1][k]`: label `k` may follow `p`; row 0 is the sentence start.
fn legal() -> [[bool; N_TAGS]; N_TAGS + 1] {
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
}
