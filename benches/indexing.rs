//! Reading and indexing throughput.
//!
//! - `parse/sample`: `lede_article::read_file` over every file of the bundled sample corpus (`data/sample`:
//!   txt, md, html, json, jsonl, csv, gz), one thread; throughput in bytes of input.
//! - `index/sample`: the whole pipeline (walk, read, SimHash, tantivy) over `data/sample` into a fresh temp index,
//!   without entities (tagging is measured by the `tagging` bench).
//! - `parse/allsides-00`: reading the first AllSides shard (gzip JSON Lines, 4,700 articles), one thread; skipped
//!   when `../shared` is absent.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lede_article::{read_file, Format, ReadOptions};
use lede_indexer::{index_paths, IndexOptions, Tagging};

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
        if entry.file_type().is_file()
            && Format::detect(entry.path()).is_some()
            && !entry.file_name().eq_ignore_ascii_case("README.md")
        {
            out.push(entry.path().to_owned());
        }
    }
    out
}

fn read_all(paths: &[PathBuf], options: &ReadOptions) -> usize {
    let mut articles = 0;
    for path in paths {
        if let Ok(records) = read_file(path, options) {
            articles += records.flatten().count();
        }
    }
    articles
}

fn bench_indexing(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let sample = root.join("data/sample");
    let paths = files(&sample);
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let options = ReadOptions::default();
    let mut group = c.benchmark_group("indexing");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("parse/sample", |b| b.iter(|| black_box(read_all(&paths, &options))));
    group.sample_size(10);
    let without_entities = IndexOptions {
        entities: Tagging::Off,
        ..IndexOptions::default()
    };
    group.bench_function("index/sample", |b| {
        b.iter(|| {
            let index = tempfile::tempdir().expect("temp dir");
            let summary =
                index_paths(index.path(), std::slice::from_ref(&sample), &without_entities, &|_| {}).expect("index");
            black_box(summary.articles_added)
        })
    });
    let shard = root.join("../shared/corpora/allsides/allsides-00.jsonl.gz");
    if shard.exists() {
        let size = std::fs::metadata(&shard).map(|m| m.len()).unwrap_or(0);
        group.throughput(Throughput::Bytes(size));
        let one = vec![shard];
        group.bench_function("parse/allsides-00", |b| b.iter(|| black_box(read_all(&one, &options))));
    } else {
        eprintln!("skipping parse/allsides-00: ../shared is absent");
    }
    group.finish();
}

criterion_group!(benches, bench_indexing);
criterion_main!(benches);
