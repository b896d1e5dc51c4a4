//! A large index is split by the final merge into one segment per core and searched on that many threads: the
//! answers must be those of the same articles in one segment, on one thread.

use std::path::PathBuf;
use std::time::Duration;

use lede_indexer::{index_paths, IndexOptions};
use lede_query::{Engine, SearchRequest};

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/sample")
}

fn build(options: &IndexOptions) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    index_paths(dir.path(), &[sample()], options, &|_| {}).expect("index the sample corpus");
    dir
}

/// Every hit of `query` (main and partial) as (score to four significant digits, id), best first, ties by id.
fn answers(engine: &Engine, query: &str) -> (usize, Vec<(i64, String)>) {
    let mut request = SearchRequest::new(query);
    request.limit = 500;
    request.snippet_bytes = 0;
    let results = engine.search(&request).expect("search");
    let mut hits: Vec<(i64, String)> = results
        .hits
        .iter()
        .chain(&results.partial)
        .map(|hit| {
            let magnitude = 10f32.powi(3 - hit.score.abs().max(1e-6).log10().floor() as i32);
            ((hit.score * magnitude).round() as i64, hit.id.clone())
        })
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    (results.total, hits)
}

#[test]
fn a_split_index_searched_in_parallel_answers_as_one_segment_does() {
    let merged_dir = build(&IndexOptions::default());
    let split_dir = build(&IndexOptions {
        // Many small segments for the final merge to cut in two, as a large corpus gives.
        commit_every_docs: 15,
        commit_every: Duration::from_secs(3600),
        threads: 2,
        split_from_docs: Some(1),
        ..IndexOptions::default()
    });
    let merged = Engine::open_with_search_threads(merged_dir.path(), None).expect("open");
    let split = Engine::open_with_search_threads(split_dir.path(), Some(2)).expect("open");
    assert_eq!(merged.searcher().segment_readers().len(), 1);
    assert_eq!(merged.search_threads(), 1, "one segment is searched on one thread");
    let sizes: Vec<u32> = split
        .searcher()
        .segment_readers()
        .iter()
        .map(|s| s.num_docs())
        .collect();
    assert_eq!(sizes.len(), 2, "split in two at the end of the run: {sizes:?}");
    let total: u32 = sizes.iter().sum();
    assert_eq!(u64::from(total), merged.searcher().num_docs());
    assert!(
        sizes.iter().all(|&n| n * 3 >= total),
        "the two halves are about even: {sizes:?}"
    );
    assert_eq!(split.search_threads(), 2);
    let small = Engine::open_with_search_threads(split_dir.path(), None).expect("open");
    assert_eq!(
        small.search_threads(),
        1,
        "an index under the parallel size is searched on one thread"
    );

    for query in [
        "border wall",
        "senate",
        "\"health care\"",
        "tariffs OR trade",
        "trump NOT china",
        "Why did the Senate vote on the border wall funding?",
        "person:\"Donald Trump\"",
    ] {
        let (total_a, a) = answers(&merged, query);
        let (total_b, b) = answers(&split, query);
        assert_eq!(total_a, total_b, "{query}");
        assert!(!a.is_empty(), "{query} finds something in the sample corpus");
        assert_eq!(a, b, "{query}");
    }
}
