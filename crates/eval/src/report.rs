//! Totals over a gold set's page scores.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::score::PageScore;

/// Totals over a gold set. A mean over no scored page is 0.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Report {
    /// Pages scored.
    pub pages: usize,
    /// Share of exact headline matches, over pages whose gold has a headline.
    pub headline_accuracy: f64,
    /// Mean body F1, over pages whose gold has a body.
    pub body_f1: f64,
    /// Mean body precision.
    pub body_precision: f64,
    /// Mean body recall.
    pub body_recall: f64,
    /// Pages whose gold has no headline (not scored).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub pages_without_headline: usize,
    /// Pages whose gold has no body (not scored).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub pages_without_body: usize,
    /// Pages whose gold has a date.
    pub date_pages: usize,
    /// Share of those with the right day.
    pub date_accuracy: f64,
    /// Of those, how many had no predicted date.
    pub date_missing: usize,
    /// Of those, how many had a wrong day.
    pub date_wrong: usize,
    /// Share of dated pages whose predicted day is within one day of the gold (a page that states
    /// its time in UTC can fall on the neighbouring local day).
    #[serde(default)]
    pub date_within_a_day: f64,
    /// Date accuracy by the gold's language (primary subtag), on a date gold (one that gives
    /// neither headlines nor bodies, such as htmldate's, made to measure dates across languages)
    /// whose dated pages are in more than one language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub date_by_language: BTreeMap<String, Share>,
    /// Pages whose gold says who wrote them.
    #[serde(default)]
    pub authors_pages: usize,
    /// Mean author-set F1 over those pages.
    pub authors_f1: f64,
    /// Mean author-set F1 over pages whose gold names authors.
    pub authors_f1_when_gold: f64,
    /// Pages whose gold gives a URL, and the share whose canonical URL matches it.
    #[serde(default)]
    pub url_pages: usize,
    /// See `url_pages`.
    #[serde(default)]
    pub url_accuracy: f64,
    /// Pages whose gold names the outlet, and the share where the outlet matches.
    #[serde(default)]
    pub outlet_pages: usize,
    /// See `outlet_pages`.
    #[serde(default)]
    pub outlet_accuracy: f64,
    /// Pages whose gold gives a language, and the share where its primary subtag matches.
    #[serde(default)]
    pub language_pages: usize,
    /// See `language_pages`.
    #[serde(default)]
    pub language_accuracy: f64,
    /// Mean reader time per page, milliseconds.
    pub ms_per_page: f64,
    /// Pages per second on one core (1000 / ms_per_page).
    pub pages_per_second: f64,
}

/// How many pages were scored on a yes/no question and the share answered right.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Share {
    /// Pages scored.
    pub pages: usize,
    /// Share right.
    pub accuracy: f64,
}

impl Share {
    fn of(answers: impl IntoIterator<Item = bool>) -> Share {
        let (mut pages, mut right) = (0, 0);
        for answer in answers {
            pages += 1;
            right += usize::from(answer);
        }
        Share {
            pages,
            accuracy: if pages == 0 { 0.0 } else { right as f64 / pages as f64 },
        }
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn average(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

/// Totals over page scores: means of the per-page scores over the pages where they were scored,
/// shares of the yes/no ones. A date is right when the predicted day is the gold's; a missing
/// prediction counts as wrong; pages without a gold date are not scored.
pub fn summarise(scores: &[PageScore]) -> Report {
    let pages = scores.len();
    if pages == 0 {
        return Report::default();
    }
    let values = |f: &dyn Fn(&PageScore) -> Option<f64>| scores.iter().filter_map(f).collect::<Vec<f64>>();
    let headlines = values(&|s| s.headline_match.map(|m| f64::from(u8::from(m))));
    let body_f1 = values(&|s| s.body_f1);
    let dated: Vec<&PageScore> = scores.iter().filter(|s| s.gold_date.is_some()).collect();
    let right = dated.iter().filter(|s| s.date == s.gold_date).count();
    let dates = Share::of(dated.iter().map(|s| s.date == s.gold_date));
    let missing = dated.iter().filter(|s| s.date.is_none()).count();
    let near = Share::of(
        dated
            .iter()
            .map(|s| within_a_day(s.date.as_deref(), s.gold_date.as_deref())),
    );
    let mut by_language: BTreeMap<String, Vec<bool>> = BTreeMap::new();
    for s in &dated {
        if let Some(language) = &s.gold_language {
            by_language
                .entry(language.clone())
                .or_default()
                .push(s.date == s.gold_date);
        }
    }
    let date_gold = headlines.is_empty() && body_f1.is_empty();
    let date_by_language = if date_gold && by_language.len() > 1 {
        by_language
            .into_iter()
            .map(|(language, answers)| (language, Share::of(answers)))
            .collect()
    } else {
        BTreeMap::new()
    };
    let authors = values(&|s| s.authors_f1);
    let when_gold: Vec<f64> = scores
        .iter()
        .filter(|s| !s.gold_authors.is_empty())
        .filter_map(|s| s.authors_f1)
        .collect();
    let ms_per_page = scores.iter().map(|s| s.seconds).sum::<f64>() / pages as f64 * 1000.0;
    let url = Share::of(scores.iter().filter_map(|s| s.url_match));
    let outlet = Share::of(scores.iter().filter_map(|s| s.outlet_match));
    let language = Share::of(scores.iter().filter_map(|s| s.language_match));
    Report {
        pages,
        headline_accuracy: average(&headlines),
        body_f1: average(&body_f1),
        body_precision: average(&values(&|s| s.body_precision)),
        body_recall: average(&values(&|s| s.body_recall)),
        pages_without_headline: pages - headlines.len(),
        pages_without_body: pages - body_f1.len(),
        date_pages: dated.len(),
        date_accuracy: dates.accuracy,
        date_missing: missing,
        date_wrong: dated.len() - right - missing,
        date_within_a_day: near.accuracy,
        date_by_language,
        authors_pages: authors.len(),
        authors_f1: average(&authors),
        authors_f1_when_gold: average(&when_gold),
        url_pages: url.pages,
        url_accuracy: url.accuracy,
        outlet_pages: outlet.pages,
        outlet_accuracy: outlet.accuracy,
        language_pages: language.pages,
        language_accuracy: language.accuracy,
        ms_per_page,
        pages_per_second: if ms_per_page > 0.0 { 1000.0 / ms_per_page } else { 0.0 },
    }
}

fn within_a_day(predicted: Option<&str>, gold: Option<&str>) -> bool {
    let day = |d: Option<&str>| d.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    match (day(predicted), day(gold)) {
        (Some(p), Some(g)) => (p - g).num_days().abs() <= 1,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(headline: Option<bool>, date: &str, gold_date: &str, language: &str) -> PageScore {
        PageScore {
            key: String::new(),
            headline_match: headline,
            headline: String::new(),
            gold_headline: String::new(),
            body_precision: None,
            body_recall: None,
            body_f1: None,
            gold_date: Some(gold_date.to_owned()),
            date: Some(date.to_owned()).filter(|d| !d.is_empty()),
            authors_f1: None,
            authors: Vec::new(),
            gold_authors: Vec::new(),
            url_match: None,
            outlet_match: None,
            outlet: None,
            language_match: None,
            language: None,
            gold_language: Some(language.to_owned()),
            seconds: 0.0,
        }
    }

    #[test]
    fn a_date_gold_is_broken_down_by_language() {
        let scores = [
            page(None, "2020-01-01", "2020-01-01", "en"),
            page(None, "2020-01-02", "2020-01-01", "en"),
            page(None, "", "2020-01-01", "de"),
        ];
        let report = summarise(&scores);
        assert_eq!((report.date_pages, report.date_missing, report.date_wrong), (3, 1, 1));
        assert_eq!((report.pages_without_headline, report.pages_without_body), (3, 3));
        assert_eq!(
            report.date_by_language["en"],
            Share {
                pages: 2,
                accuracy: 0.5
            }
        );
        assert_eq!(
            report.date_by_language["de"],
            Share {
                pages: 1,
                accuracy: 0.0
            }
        );
        assert!((report.date_within_a_day - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn a_gold_with_headlines_keeps_its_report_as_it_was() {
        let scores = [
            page(Some(true), "2020-01-01", "2020-01-01", "en"),
            page(Some(false), "2020-01-01", "2020-01-01", "de"),
        ];
        let report = summarise(&scores);
        assert_eq!(report.headline_accuracy, 0.5);
        assert!(report.date_by_language.is_empty());
        let json = serde_json::to_string(&report).unwrap_or_default();
        assert!(
            !json.contains("date_by_language") && !json.contains("pages_without_headline"),
            "{json}"
        );
        assert!(json.contains("pages_without_body"), "{json}");
    }
}
