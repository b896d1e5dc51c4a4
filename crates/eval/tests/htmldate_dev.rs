//! Date accuracy on the developer half of htmldate's evaluation set
//! (`../shared/extraction/htmldate-dev`: 515 real pages in many languages, gold gives the
//! publication day, URL and detected language only). Skips, saying so, when the set is absent.
//!
//! The floors sit a little under the measured figures (0.771 all, 0.863 English at the page's
//! local day) so that a regression fails loudly; see `lede eval extraction` for the figures.

mod common;

use lede_eval::Mode;

#[test]
fn htmldate_dev_date_floor() {
    let Some((scores, report)) = common::extraction("extraction/htmldate-dev", Mode::Html) else {
        return;
    };
    assert_eq!(report.pages, 515);
    // The gold has no headline, body or authors: they are not scored.
    assert_eq!(report.pages_without_headline, 515);
    assert_eq!(report.pages_without_body, 515);
    assert_eq!(report.authors_pages, 0);
    assert!(scores.iter().all(|s| s.headline_match.is_none() && s.body_f1.is_none()));
    // Four pages have no gold date.
    assert_eq!(report.date_pages, 511);
    assert!(report.date_accuracy >= 0.75, "date {}", report.date_accuracy);
    let english = report.date_by_language.get("en").copied().unwrap_or_default();
    assert_eq!(english.pages, 146);
    assert!(english.accuracy >= 0.84, "English date {}", english.accuracy);
}
