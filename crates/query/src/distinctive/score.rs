//! How distinctive a word is of a set of articles against a background: Dunning's log-likelihood ratio (G²)
//! or Elasticsearch's JLH, both over document counts.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::error::{Error, Result};

/// The score that ranks distinctive words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WordScore {
    /// Dunning's log-likelihood ratio G² of the 2×2 table (set / background × with / without the word):
    /// how surprising the set's count is if the word were spread evenly; favours words common in the set.
    #[default]
    G2,
    /// Elasticsearch `significant_terms`' default: (set share − background share) × (set share / background
    /// share); favours rarer words that the set holds far more often.
    Jlh,
}

impl fmt::Display for WordScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            WordScore::G2 => "g2",
            WordScore::Jlh => "jlh",
        })
    }
}

impl FromStr for WordScore {
    type Err = Error;

    fn from_str(text: &str) -> Result<WordScore> {
        match text.trim().to_lowercase().as_str() {
            "g2" | "llr" | "log-likelihood" => Ok(WordScore::G2),
            "jlh" => Ok(WordScore::Jlh),
            _ => Err(Error::Query(format!("unknown score `{text}`; known scores: g2, jlh"))),
        }
    }
}

/// Document counts of one word: in the set (`with` of `set`) and in the background (`with` of `background`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Counts {
    pub set_with: f64,
    pub set: f64,
    pub background_with: f64,
    pub background: f64,
}

impl WordScore {
    /// The score of a word with these counts; 0 when the set holds it no more often than the background.
    pub(crate) fn score(self, c: Counts) -> f64 {
        if c.set <= 0.0 || c.set_with <= 0.0 {
            return 0.0;
        }
        let set_share = c.set_with / c.set;
        let background_share = if c.background > 0.0 {
            c.background_with / c.background
        } else {
            0.0
        };
        if set_share <= background_share {
            return 0.0;
        }
        match self {
            WordScore::G2 => g2(c),
            WordScore::Jlh => {
                // A word the background never holds: as if it held it once, so the ratio stays finite.
                let background_share = background_share.max(1.0 / (c.background + 1.0));
                (set_share - background_share).max(0.0) * (set_share / background_share)
            }
        }
    }
}

/// G² = 2 Σ O ln(O / E) over the four cells of the table.
fn g2(c: Counts) -> f64 {
    let (a, b) = (c.set_with, (c.set - c.set_with).max(0.0));
    let (d, e) = (c.background_with, (c.background - c.background_with).max(0.0));
    let total = a + b + d + e;
    if total <= 0.0 {
        return 0.0;
    }
    let with = a + d;
    let without = b + e;
    let cell = |observed: f64, row: f64, column: f64| {
        let expected = row * column / total;
        if observed > 0.0 && expected > 0.0 {
            observed * (observed / expected).ln()
        } else {
            0.0
        }
    };
    2.0 * (cell(a, c.set, with)
        + cell(b, c.set, without)
        + cell(d, c.background, with)
        + cell(e, c.background, without))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(set_with: f64, set: f64, background_with: f64, background: f64) -> Counts {
        Counts {
            set_with,
            set,
            background_with,
            background,
        }
    }

    #[test]
    fn g2_matches_dunnings_table() {
        // a=10 of 100, background 10 of 1000: G² computed by hand from the four cells.
        let score = WordScore::G2.score(counts(10.0, 100.0, 10.0, 1000.0));
        let expected = 2.0
            * (10.0 * (10.0f64 / (100.0 * 20.0 / 1100.0)).ln()
                + 90.0 * (90.0f64 / (100.0 * 1080.0 / 1100.0)).ln()
                + 10.0 * (10.0f64 / (1000.0 * 20.0 / 1100.0)).ln()
                + 990.0 * (990.0f64 / (1000.0 * 1080.0 / 1100.0)).ln());
        assert!((score - expected).abs() < 1e-9, "{score} vs {expected}");
        assert!(score > 10.0);
    }

    #[test]
    fn words_no_commoner_in_the_set_score_nothing() {
        for score in [WordScore::G2, WordScore::Jlh] {
            assert_eq!(score.score(counts(5.0, 100.0, 50.0, 1000.0)), 0.0);
            assert_eq!(score.score(counts(1.0, 100.0, 50.0, 1000.0)), 0.0);
            assert_eq!(score.score(counts(0.0, 100.0, 0.0, 1000.0)), 0.0);
        }
    }

    #[test]
    fn jlh_prefers_the_rarer_word_g2_the_commoner() {
        // Word A: 50% of the set, 10% of the background. Word B: 5% of the set, 0.1% of the background.
        let a = counts(500.0, 1000.0, 1000.0, 10000.0);
        let b = counts(50.0, 1000.0, 10.0, 10000.0);
        assert!(WordScore::G2.score(a) > WordScore::G2.score(b));
        assert!(WordScore::Jlh.score(b) > WordScore::Jlh.score(a));
    }

    #[test]
    fn unknown_score_lists_the_known_ones() {
        let error = "chi2".parse::<WordScore>().unwrap_err().to_string();
        assert!(error.contains("g2, jlh"), "{error}");
    }
}
