//! One page's extraction scored against its gold.

use std::time::Duration;

use lede_article::Extracted;
use serde::{Deserialize, Serialize};

use crate::gold::GoldPage;
use crate::normalise::{normalise_name, normalise_text, normalise_url, primary_subtag};
use crate::shingles::{body_scores, f1};

/// Scores of one page. A field whose gold is missing is `None`: not scored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PageScore {
    /// The page key.
    pub key: String,
    /// Headline matched exactly after [`normalise_text`].
    pub headline_match: Option<bool>,
    /// Predicted headline.
    pub headline: String,
    /// Gold headline (empty when the gold has none).
    pub gold_headline: String,
    /// Body shingle precision.
    pub body_precision: Option<f64>,
    /// Body shingle recall.
    pub body_recall: Option<f64>,
    /// Body shingle F1.
    pub body_f1: Option<f64>,
    /// Gold day, when the gold has one.
    pub gold_date: Option<String>,
    /// Predicted day, local to the offset the page gave.
    pub date: Option<String>,
    /// Author-set F1 (`None` when the gold does not say who wrote the page).
    pub authors_f1: Option<f64>,
    /// Predicted authors.
    pub authors: Vec<String>,
    /// Gold authors.
    pub gold_authors: Vec<String>,
    /// Whether the canonical URL is the gold's, after [`normalise_url`].
    #[serde(default)]
    pub url_match: Option<bool>,
    /// Whether the outlet is the gold's, after [`normalise_text`].
    #[serde(default)]
    pub outlet_match: Option<bool>,
    /// Predicted outlet.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Whether the language's primary subtag is the gold's.
    #[serde(default)]
    pub language_match: Option<bool>,
    /// Predicted language.
    #[serde(default)]
    pub language: Option<String>,
    /// The gold's language, primary subtag (`en`), when it gives one.
    #[serde(default, skip_serializing)]
    pub gold_language: Option<String>,
    /// Reader time in seconds.
    pub seconds: f64,
}

/// F1 between two author sets after [`normalise_name`]; both empty is 1, one empty 0.
pub fn authors_f1(predicted: &[String], gold: &[String]) -> f64 {
    let norm = |names: &[String]| {
        let mut set: Vec<String> = names
            .iter()
            .map(|n| normalise_name(n))
            .filter(|n| !n.is_empty())
            .collect();
        set.sort();
        set.dedup();
        set
    };
    let (p, g) = (norm(predicted), norm(gold));
    if p.is_empty() && g.is_empty() {
        return 1.0;
    }
    if p.is_empty() || g.is_empty() {
        return 0.0;
    }
    let common = p.iter().filter(|n| g.contains(n)).count();
    f1(common as f64 / p.len() as f64, common as f64 / g.len() as f64)
}

/// Scores one page's extraction:
///
/// - **headline**: exact match after [`normalise_text`].
/// - **body**: [`body_scores`], F1 over word 4-shingles.
/// - **date**: the predicted date as the calendar day in the offset the page wrote it in (the
///   local news day, not the UTC day) against the gold day.
/// - **authors**: [`authors_f1`].
/// - **URL, outlet, language**: the canonical URL equals the gold's page URL after
///   [`normalise_url`] (a page whose canonical is elsewhere, syndicated or renamed, counts as a
///   miss); the outlet equals the gold's name after [`normalise_text`]; the language's primary
///   subtag equals the gold's.
pub fn score_page(gold: &GoldPage, extracted: &Extracted, elapsed: Duration) -> PageScore {
    let body = gold.body.as_deref().map(|b| body_scores(&extracted.body, b));
    PageScore {
        key: gold.key.clone(),
        headline_match: gold
            .title
            .as_deref()
            .map(|t| normalise_text(&extracted.headline) == normalise_text(t)),
        headline: extracted.headline.clone(),
        gold_headline: gold.title.clone().unwrap_or_default(),
        body_precision: body.map(|b| b.0),
        body_recall: body.map(|b| b.1),
        body_f1: body.map(|b| b.2),
        gold_date: gold.date.map(|d| d.to_string()),
        date: extracted.published.map(|d| d.date_naive().to_string()),
        authors_f1: gold.authors.as_deref().map(|g| authors_f1(&extracted.authors, g)),
        authors: extracted.authors.clone(),
        gold_authors: gold.authors.clone().unwrap_or_default(),
        url_match: gold.url.as_deref().map(|u| {
            extracted
                .url
                .as_deref()
                .is_some_and(|e| normalise_url(e) == normalise_url(u))
        }),
        outlet_match: gold.outlet.as_deref().map(|o| {
            extracted
                .source
                .as_deref()
                .is_some_and(|e| normalise_text(e) == normalise_text(o))
        }),
        outlet: extracted.source.clone(),
        language_match: gold.language.as_deref().map(|l| {
            extracted
                .language
                .as_deref()
                .is_some_and(|e| primary_subtag(e) == primary_subtag(l))
        }),
        language: extracted.language.clone(),
        gold_language: gold.language.as_deref().map(primary_subtag),
        seconds: elapsed.as_secs_f64(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_sets() {
        let gold = ["Robert E. Moffit".to_owned()];
        assert_eq!(authors_f1(&["By Robert E. Moffit".to_owned()], &gold), 1.0);
        assert_eq!(authors_f1(&[], &[]), 1.0);
        assert_eq!(authors_f1(&[], &gold), 0.0);
        let f = authors_f1(&["A B".to_owned()], &["A B".to_owned(), "C D".to_owned()]);
        assert!((f - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn what_the_gold_does_not_give_is_not_scored() {
        let gold = GoldPage {
            key: "k".to_owned(),
            title: None,
            body: None,
            date: chrono::NaiveDate::from_ymd_opt(2020, 1, 2),
            authors: None,
            url: None,
            outlet: None,
            language: Some("en-GB".to_owned()),
        };
        let extracted = lede_article::html::read_html("<html lang=en><h1>A</h1><p>Text here.</p></html>");
        let score = score_page(&gold, &extracted, Duration::ZERO);
        assert_eq!(
            (score.headline_match, score.body_f1, score.authors_f1),
            (None, None, None)
        );
        assert_eq!(score.gold_date.as_deref(), Some("2020-01-02"));
        assert_eq!(score.gold_language.as_deref(), Some("en"));
    }
}
