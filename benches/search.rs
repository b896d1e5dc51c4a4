//! Query latency per class, in-process, as `lede search` does it (parse, top 10, stored fields, snippet).
//!
//! Data: the AllSides corpus (`../shared/corpora/allsides`, 37,553 articles) indexed once without entities into a
//! temp dir, with the query classes of `data/queries.tsv` (the first three queries of each class). When
//! `../shared` is absent, the bundled sample corpus `data/sample` is indexed instead, so the bench always runs.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use lede_indexer::{index_paths, IndexOptions};
use lede_query::{read_queries, Engine, SearchRequest};

fn bench_queries(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let allsides = root.join("../shared/corpora/allsides");
    let corpus = if allsides.exists() {
        allsides
    } else {
        eprintln!("../shared is absent: benchmarking on data/sample");
        root.join("data/sample")
    };
    let index = tempfile::tempdir().expect("temp dir");
    index_paths(index.path(), &[corpus], &IndexOptions::default(), &|_| {}).expect("index corpus");
    let engine = Engine::open(index.path()).expect("open index");
    let queries = read_queries(&root.join("data/queries.tsv")).expect("queries");
    let mut group = c.benchmark_group("search");
    let mut classes: Vec<String> = queries.iter().map(|q| q.class.clone()).collect();
    classes.dedup();
    for class in classes {
        let requests: Vec<SearchRequest> = queries
            .iter()
            .filter(|q| q.class == class)
            .take(3)
            .map(|q| SearchRequest::new(q.query.clone()).between(q.since, q.until))
            .collect();
        group.bench_function(&class, |b| {
            b.iter(|| {
                for request in &requests {
                    black_box(engine.search(request).expect("search"));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_queries);
criterion_main!(benches);
