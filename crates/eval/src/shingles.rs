//! Body scores: F1 over word 4-shingles, counted as a multiset.

use std::collections::HashMap;

use crate::normalise::words;

/// Word 4-shingles of `text` ([`words`]) with their counts (a 1–3 word text is one shingle).
pub fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    let words = words(text);
    let mut out = HashMap::new();
    if words.is_empty() {
        return out;
    }
    if words.len() < 4 {
        out.insert(words, 1);
        return out;
    }
    for window in words.windows(4) {
        *out.entry(window.to_vec()).or_insert(0) += 1;
    }
    out
}

/// Precision, recall and F1 of `predicted` against `gold`, over word 4-shingles. Both empty
/// score 1, one empty 0.
pub fn body_scores(predicted: &str, gold: &str) -> (f64, f64, f64) {
    let p = shingles(predicted);
    let g = shingles(gold);
    let (np, ng): (usize, usize) = (p.values().sum(), g.values().sum());
    if np == 0 && ng == 0 {
        return (1.0, 1.0, 1.0);
    }
    if np == 0 || ng == 0 {
        return (0.0, 0.0, 0.0);
    }
    let common: usize = p.iter().map(|(s, &c)| c.min(g.get(s).copied().unwrap_or(0))).sum();
    let precision = common as f64 / np as f64;
    let recall = common as f64 / ng as f64;
    (precision, recall, f1(precision, recall))
}

/// The harmonic mean of precision and recall (0 when both are 0).
pub(crate) fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_f1_counts_shingles_as_a_multiset() {
        let (p, r, f) = body_scores("a b c d e", "a b c d e");
        assert_eq!((p, r, f), (1.0, 1.0, 1.0));
        let (p, r, _) = body_scores("a b c d", "a b c d e f");
        assert_eq!(p, 1.0);
        assert!((r - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(body_scores("", "").2, 1.0);
        assert_eq!(body_scores("", "a b c d").2, 0.0);
        assert_eq!(body_scores("Hi there", "hi, there!").2, 1.0);
        let (p, _, _) = body_scores("a b c d a b c d", "a b c d e");
        assert!(
            (p - 1.0 / 5.0).abs() < 1e-9,
            "a repeated shingle counts once per gold occurrence"
        );
    }
}
