//! Words that are all required, as the whole query: scored a window at a time when they are about as common as
//! each other, intersected otherwise. Either way the same articles, scores and totals as the intersection under a
//! query with anything else in it (where the intersection is always used), and `+a +b` is `a b` is `a AND b`.

use lede_indexer::{index_paths, IndexOptions};
use lede_query::{Engine, Filters, SearchRequest};

fn engine() -> (tempfile::TempDir, Engine) {
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample");
    let index = tempfile::tempdir().expect("temp dir");
    let options = IndexOptions {
        threads: 1,
        ..IndexOptions::default()
    };
    index_paths(index.path(), &[sample], &options, &|_| {}).expect("index the sample corpus");
    let engine = Engine::open(index.path()).expect("open");
    (index, engine)
}

/// Ids with scores (rounded: float sums in another order), and the total.
fn run(engine: &Engine, query: &str, filters: Filters) -> (Vec<(String, i64)>, usize) {
    let mut request = SearchRequest::new(query);
    request.limit = 50;
    request.filters = filters;
    let results = engine.search(&request).expect("search");
    let hits = results
        .hits
        .iter()
        .map(|hit| (hit.id.clone(), (hit.score * 1e3).round() as i64))
        .collect();
    (hits, results.total)
}

#[test]
fn windows_and_intersections_agree() {
    let (_dir, engine) = engine();
    let searcher = engine.searcher();
    let mut compared = 0;
    for query in [
        "senate vote",
        "+senate +vote",
        "senate AND vote",
        "border wall funding",
        "+trump +said",
        "house republicans",
        "+president +said +trump",
    ] {
        let built = engine.prepare(&SearchRequest::new(query), &searcher).expect("prepare");
        assert!(
            format!("{:?}", built.query).starts_with("WordsQuery"),
            "{query}: words as common as each other are scored window by window"
        );
        // Excluding a word no article holds leaves the same articles, but the words are no longer the whole
        // query: they are intersected.
        let reference = format!("{query} -qqxqqzq");
        let built = engine
            .prepare(&SearchRequest::new(&reference), &searcher)
            .expect("prepare");
        assert!(
            !format!("{:?}", built.query).starts_with("WordsQuery"),
            "{reference}: intersected"
        );
        let (hits, total) = run(&engine, query, Filters::default());
        assert_eq!(
            (hits.clone(), total),
            run(&engine, &reference, Filters::default()),
            "{query}: same articles, order, scores and total"
        );
        compared += hits.len();
    }
    assert!(compared > 20, "the queries match something ({compared})");

    // `+a +b`, `a AND b` and `a b` are one conjunction.
    let plain = run(&engine, "senate vote", Filters::default());
    assert_eq!(run(&engine, "+senate +vote", Filters::default()), plain);
    assert_eq!(run(&engine, "senate AND vote", Filters::default()), plain);
    // A required stop word stays required: `+the +senate` is not `senate`.
    let (_, with_the) = run(&engine, "+the +senate", Filters::default());
    let (_, senate) = run(&engine, "senate", Filters::default());
    assert!(with_the <= senate, "{with_the} <= {senate}");
}
