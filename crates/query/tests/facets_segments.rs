//! Facet counts are the same whether the index is one merged segment (values chosen by ordinal, only the top
//! ones decoded) or many (values decoded and merged by name).

use std::path::PathBuf;
use std::time::Duration;

use lede_indexer::{index_paths, IndexOptions};
use lede_query::{facets, Engine, FacetField, SearchRequest};

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/sample")
}

fn build(options: &IndexOptions) -> (tempfile::TempDir, Engine) {
    let dir = tempfile::tempdir().expect("temp dir");
    index_paths(dir.path(), &[sample()], options, &|_| {}).expect("index the sample corpus");
    let engine = Engine::open(dir.path()).expect("open");
    (dir, engine)
}

#[test]
fn one_segment_and_many_segments_count_the_same() {
    let (_merged_dir, merged) = build(&IndexOptions::default());
    let (_split_dir, split) = build(&IndexOptions {
        commit_every_docs: 15,
        commit_every: Duration::from_secs(3600),
        merge: None,
        ..IndexOptions::default()
    });
    assert_eq!(
        merged.searcher().segment_readers().len(),
        1,
        "a first run merges into one segment"
    );
    assert!(
        split.searcher().segment_readers().len() > 1,
        "commits every 15 articles without a merge"
    );
    assert_eq!(merged.searcher().num_docs(), split.searcher().num_docs());

    let fields = [
        FacetField::Source,
        FacetField::Author,
        FacetField::Person,
        FacetField::Organization,
    ];
    for query in ["", "border wall", "senate", "health care", "tariffs"] {
        for top in [1, 3, 100] {
            let request = SearchRequest::new(query);
            let a = facets(&merged, &request, &fields, top).expect("facets");
            let b = facets(&split, &request, &fields, top).expect("facets");
            assert_eq!(a, b, "query {query:?}, top {top}");
            assert!(a[0].top.len() <= top);
            if query.is_empty() {
                assert!(a[0].distinct > 1, "the sample corpus has several outlets: {:?}", a[0]);
            }
        }
    }
}
