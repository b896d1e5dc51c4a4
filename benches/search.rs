//! Query latency per class, in-process, as `lede search` does it (parse, top 10, stored fields, snippet).
//!
//! Data: the AllSides corpus (`../shared/corpora/allsides`, 37,553 articles) indexed once without entities into a
//! temp dir, with the query classes of `data/queries.tsv` (the first three queries of each class). When
//! `../shared` is absent, the bundled sample corpus `data/sample` is indexed instead, so the bench always runs.
//!
//! `analysis/facets` and `analysis/timeline`: what `lede search --facets` (all five fields, top 10 values) and
//! `lede timeline --by month` do, over the first three queries of `data/queries-analysis.tsv`, each of which
//! matches 10,000+ AllSides articles. The index is built without entities, so the person, organization and
//! location columns are empty: `lede bench --mode facets` on an index with entities gives the full cost.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use lede_indexer::{index_paths, IndexOptions, Tagging};
use lede_query::{facets, read_queries, timeline, Engine, FacetField, Interval, SearchRequest};

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
    let without_entities = IndexOptions {
        entities: Tagging::Off,
        ..IndexOptions::default()
    };
    index_paths(index.path(), &[corpus], &without_entities, &|_| {}).expect("index corpus");
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

    let broad: Vec<SearchRequest> = read_queries(&root.join("data/queries-analysis.tsv"))
        .expect("analysis queries")
        .into_iter()
        .take(3)
        .map(|q| SearchRequest::new(q.query).between(q.since, q.until))
        .collect();
    let mut group = c.benchmark_group("analysis");
    group.bench_function("facets", |b| {
        b.iter(|| {
            for request in &broad {
                black_box(facets(&engine, request, &FacetField::ALL, 10).expect("facets"));
            }
        })
    });
    group.bench_function("timeline", |b| {
        b.iter(|| {
            for request in &broad {
                black_box(timeline(&engine, std::slice::from_ref(request), Interval::Month).expect("timeline"));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_queries);
criterion_main!(benches);
