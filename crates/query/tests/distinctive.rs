//! Distinctive words on a small corpus written for the test: health-care articles talk about insurance and
//! coverage, the others about tariffs; the left outlet's health articles about Medicaid, the right's about
//! premiums.

use lede_indexer::{index_paths, IndexOptions};
use lede_query::{distinctive_words, Engine, SearchRequest, WordScore, WordsRequest};

fn corpus() -> (tempfile::TempDir, tempfile::TempDir, Engine) {
    let data = tempfile::tempdir().expect("temp dir");
    let mut lines = Vec::new();
    for i in 0..30 {
        let (side, extra) = if i % 2 == 0 {
            ("left", "Medicaid expansion reached more families.")
        } else {
            ("right", "Premiums rose again for many families.")
        };
        lines.push(serde_json::json!({
            "title": format!("Health care bill {i}"),
            "content_original": format!(
                "The health care plan changes insurance coverage for millions. Insurance companies and \
                 insurance coverage were debated in the Senate. {extra} Article number {i}."
            ),
            "date": format!("2019-01-{:02}", i % 28 + 1),
            "source": format!("{side} outlet"),
            "side": side,
        }));
    }
    for i in 0..60 {
        lines.push(serde_json::json!({
            "title": format!("Trade talks {i}"),
            "content_original": format!(
                "Tariffs on steel were raised as trade talks with China stalled in the Senate. Families paid \
                 more at the store. Article number {i}."
            ),
            "date": format!("2019-02-{:02}", i % 28 + 1),
            "source": "wire",
            "side": "center",
        }));
    }
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    std::fs::write(data.path().join("news.jsonl"), text.join("\n")).expect("write corpus");
    let index = tempfile::tempdir().expect("temp dir");
    let options = IndexOptions {
        entities: lede_indexer::Tagging::Off,
        ..IndexOptions::default()
    };
    index_paths(index.path(), &[data.path().to_owned()], &options, &|_| {}).expect("index");
    let engine = Engine::open(index.path()).expect("open");
    (data, index, engine)
}

#[test]
fn health_care_is_set_apart_by_insurance_and_coverage_with_exact_counts() {
    let (_data, _index, engine) = corpus();
    let report = distinctive_words(&engine, &WordsRequest::new(SearchRequest::new("health care"))).expect("words");
    assert_eq!(report.groups.len(), 1);
    let group = &report.groups[0];
    assert_eq!((group.articles, group.background), (30, 60));
    let texts: Vec<&str> = group.words.iter().map(|w| w.text.as_str()).collect();
    let top: Vec<&str> = texts.iter().take(4).copied().collect();
    assert!(top.contains(&"insurance"), "{texts:?}");
    assert!(top.iter().any(|t| t.contains("coverage")), "{texts:?}");
    // The query's own words, stop words and words both sets share are not distinctive.
    for word in ["health", "care", "the", "senate", "families", "article", "number"] {
        assert!(!texts.contains(&word), "{word} in {texts:?}");
    }
    let insurance = group.words.iter().find(|w| w.text == "insurance").expect("insurance");
    assert_eq!(
        (insurance.articles, insurance.background_articles, insurance.words),
        (30, 0, 1)
    );
    let phrase = group
        .words
        .iter()
        .find(|w| w.text == "insurance coverage")
        .expect("a phrase");
    assert_eq!((phrase.articles, phrase.words), (30, 2));
    // Tariffs are the background's word, never the set's.
    assert!(!texts.contains(&"tariffs"));
}

#[test]
fn split_by_a_field_compares_each_value_with_the_other_matches() {
    let (_data, _index, engine) = corpus();
    let mut request = WordsRequest::new(SearchRequest::new("health care"));
    request.split_by = Some("side".to_owned());
    request.score = WordScore::Jlh;
    let report = distinctive_words(&engine, &request).expect("words");
    let values: Vec<Option<&str>> = report.groups.iter().map(|g| g.value.as_deref()).collect();
    assert_eq!(values.len(), 2, "{values:?}");
    for group in &report.groups {
        assert_eq!((group.articles, group.background), (15, 15));
        let first = group.words.first().map(|w| w.text.to_lowercase());
        match group.value.as_deref() {
            Some("left") => assert!(first.as_deref().is_some_and(|w| w.contains("medicaid")), "{first:?}"),
            Some("right") => assert!(first.as_deref().is_some_and(|w| w.contains("premiums")), "{first:?}"),
            other => panic!("unexpected value {other:?}"),
        }
        // Insurance is in every health article on both sides: nothing sets one side apart by it.
        assert!(group.words.iter().all(|w| w.text != "insurance"));
    }
}

#[test]
fn a_sample_smaller_than_the_set_still_gives_exact_counts() {
    let (_data, _index, engine) = corpus();
    let mut request = WordsRequest::new(SearchRequest::new("health care"));
    request.sample = 10;
    let report = distinctive_words(&engine, &request).expect("words");
    let group = &report.groups[0];
    assert_eq!(group.sampled, 10);
    let insurance = group.words.iter().find(|w| w.text == "insurance").expect("insurance");
    assert_eq!(insurance.articles, 30, "counted over the whole set, not the sample");
}
