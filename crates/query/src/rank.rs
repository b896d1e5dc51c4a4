//! Ranking of questions: the parameters (which runs of words are questions, feedback, proximity) and the
//! relevance model of pseudo-relevance feedback (RM3) from the first pass's best articles.

use rustc_hash::FxHashMap;

use crate::build::is_stop_word;
use crate::proximity::Proximity;

/// How runs of plain words are ranked. [`RankParams::default`] is what `lede search` uses; its values were
/// chosen on the four judged collections of `../shared/relevance` together with known-item search on AllSides
/// (BENCHMARKS.md, "Ranking of questions").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankParams {
    /// Runs of at least this many content words are questions: they rank every article holding any of the words
    /// by the sum of their scores, count those holding at least half of them, and take feedback. Shorter runs
    /// match and rank the articles holding all their words.
    pub long: usize,
    /// Feedback articles (RM3's fbDocs); 0 turns feedback off.
    pub feedback_docs: usize,
    /// Feedback terms added to the question (fbTerms).
    pub feedback_terms: usize,
    /// Weight of the typed words against the feedback terms (originalQueryWeight).
    pub original_weight: f32,
    /// How sharply feedback articles are weighed by their first-pass score.
    pub feedback_temperature: f32,
    /// Feedback articles lend their headline and at most this many words of their body (0: all).
    pub feedback_words: usize,
    /// Terms whose body postings hold more than this share of the articles are not feedback terms (1: no limit).
    /// Such terms tell little about a question and have the longest posting lists: the second pass reads less.
    pub feedback_max_share: f32,
    /// Re-scoring of the best articles by how close the typed words stand.
    pub proximity: Proximity,
}

impl Default for RankParams {
    fn default() -> RankParams {
        RankParams {
            long: 4,
            feedback_docs: 10,
            feedback_terms: 20,
            original_weight: 0.6,
            feedback_temperature: 0.05,
            feedback_words: 200,
            feedback_max_share: 0.1,
            proximity: Proximity {
                weight: 1.0,
                window: 3,
                depth: 50,
            },
        }
    }
}

impl RankParams {
    /// Plain BM25 sums: no feedback, no proximity.
    pub fn plain() -> RankParams {
        RankParams {
            feedback_docs: 0,
            proximity: Proximity {
                weight: 0.0,
                ..RankParams::default().proximity
            },
            ..RankParams::default()
        }
    }
}

/// A feedback term and its weight (weights of one expansion sum to 1).
pub type Expansion = Vec<(String, f32)>;

/// RM3's relevance model from the first pass: `texts[i]` is the analysed text (its tokens) of the i-th best
/// article, `scores[i]` its weight. Each term weighs `Σ_d P(t|d) · score(d) / Σ score`; stop words, numbers,
/// single letters and the terms `keep` rejects are left out; the best `terms` are kept, their weights summing to 1.
pub(crate) fn relevance_model(
    texts: &[Vec<String>],
    scores: &[f32],
    terms: usize,
    keep: impl Fn(&str) -> bool,
) -> Expansion {
    let total: f32 = scores.iter().map(|s| s.max(0.0)).sum();
    if total <= 0.0 || terms == 0 {
        return Vec::new();
    }
    let mut weights: FxHashMap<String, f32> = FxHashMap::default();
    for (tokens, score) in texts.iter().zip(scores) {
        if tokens.is_empty() {
            continue;
        }
        let share = score.max(0.0) / total / tokens.len() as f32;
        for token in tokens {
            match weights.get_mut(token.as_str()) {
                Some(weight) => *weight += share,
                None => {
                    weights.insert(token.clone(), share);
                }
            }
        }
    }
    let mut ranked: Vec<(String, f32)> = weights.into_iter().collect();
    ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    // Filtered best first, until `terms` are kept: checking all of a model's several hundred terms against the
    // stop list cost more than the sort.
    let mut ranked: Vec<(String, f32)> = ranked
        .into_iter()
        .filter(|(t, _)| t.chars().count() > 1 && !is_stop_word(t) && !t.chars().all(|c| c.is_ascii_digit()) && keep(t))
        .take(terms)
        .collect();
    let sum: f32 = ranked.iter().map(|(_, w)| w).sum();
    if sum > 0.0 {
        for (_, w) in &mut ranked {
            *w /= sum;
        }
    }
    ranked
}

#[cfg(test)]
mod tests {
    use super::relevance_model;
    use crate::build::analyse;
    use lede_indexer::stemmed_analyzer;

    #[test]
    fn the_relevance_model_weighs_terms_by_the_articles_that_hold_them() {
        let mut analyzer = stemmed_analyzer();
        let texts: Vec<Vec<String>> = ["Wall funding wall vote in 2019 and the shutdown", "Shutdown talks"]
            .iter()
            .map(|text| analyse(&mut analyzer, text))
            .collect();
        let model = relevance_model(&texts, &[1.0, 0.1], 3, |_| true);
        let terms: Vec<&str> = model.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(terms[0], "wall", "{model:?}");
        assert!(!terms.contains(&"the") && !terms.contains(&"2019"), "{model:?}");
        let sum: f32 = model.iter().map(|(_, w)| w).sum();
        assert!((sum - 1.0).abs() < 1e-5, "{model:?}");
        assert!(relevance_model(&texts, &[0.0, 0.0], 3, |_| true).is_empty());
    }

    #[test]
    fn terms_the_caller_rejects_leave_room_for_the_next_best() {
        let mut analyzer = stemmed_analyzer();
        let texts = vec![analyse(&mut analyzer, "Wall funding wall vote and the shutdown")];
        let model = relevance_model(&texts, &[1.0], 2, |term| term != "wall");
        let terms: Vec<&str> = model.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(terms.len(), 2, "{model:?}");
        assert!(!terms.contains(&"wall"), "{model:?}");
        let sum: f32 = model.iter().map(|(_, w)| w).sum();
        assert!((sum - 1.0).abs() < 1e-5, "{model:?}");
    }
}
