//! Entity tagging throughput, in tokens per second on one core, of the shipped model (`Tagger::shipped`).
//!
//! - `tag_document/conll_valid`: `Tagger::tag_document` over the 216 pre-tokenised documents of CoNLL-2003
//!   valid.txt (51,362 tokens), read from `../shared/ner/conll2003/valid.txt`; skipped when `../shared` is absent.
//! - `article_entities/allsides`: `Tagger::article_entities` (tokenising, both tagging stages, canonical names) on
//!   the first 300 AllSides articles of `../shared/corpora/allsides/allsides-00.jsonl.gz`; skipped when absent.
//! - `article_entities/generated`: the same on articles generated here from templates, so the bench always runs.
//!
//! The per-thread word-type cache is warm after the first iteration, as it is while indexing a corpus.
//! Throughput counts tokens as the tagger's tokeniser (or the CoNLL file) splits them.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lede_entities::{read_conll_file, read_jsonl_articles, tokenize, Tagger};

fn shared(path: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared").join(path);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: {} is absent", p.display());
        None
    }
}

fn generated_articles() -> Vec<(String, String)> {
    let people = [
        "Maria Lopez",
        "John Carter",
        "Angela Stein",
        "Wei Zhang",
        "Omar Haddad",
        "Claire Dubois",
    ];
    let places = [
        "Ohio",
        "Brussels",
        "Texas",
        "Nairobi",
        "Lisbon",
        "the Gulf Coast",
        "Quebec",
    ];
    let bodies = [
        "the Senate",
        "the European Commission",
        "the Federal Reserve",
        "NATO",
        "the county board",
    ];
    let mut articles = Vec::new();
    for i in 0..200 {
        let (p, q) = (people[i % people.len()], people[(i * 7 + 3) % people.len()]);
        let (l, b) = (places[i % places.len()], bodies[(i * 3) % bodies.len()]);
        let surname = p.split(' ').next_back().unwrap_or(p);
        let headline = format!("{surname} presses {b} on budget in {l}");
        let mut body = String::new();
        for j in 0..12 {
            body.push_str(&format!(
                "{p} told reporters in {l} on Tuesday that {b} would vote on the plan by March {}. \
                 \"We have the numbers,\" {surname} said, adding that {q}'s office had not replied. \
                 Critics in the U.S. said the measure, which costs ${}.{} billion, was rushed.\n",
                j + 1,
                i % 9 + 1,
                j % 10
            ));
        }
        articles.push((headline, body));
    }
    articles
}

fn tokens_of(articles: &[(String, String)]) -> u64 {
    articles
        .iter()
        .map(|(h, b)| (tokenize(h).concat().len() + tokenize(b).concat().len()) as u64)
        .sum()
}

fn bench_tagging(c: &mut Criterion) {
    let tagger = match Tagger::shipped() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("skipping: no shipped model: {e}");
            return;
        }
    };
    let mut group = c.benchmark_group("tagging");
    group.sample_size(10);
    if let Some(path) = shared("ner/conll2003/valid.txt") {
        if let Ok(docs) = read_conll_file(&path) {
            let docs: Vec<Vec<Vec<String>>> = docs
                .into_iter()
                .map(|d| d.sentences.into_iter().map(|s| s.tokens).collect())
                .collect();
            let tokens: usize = docs.iter().flatten().map(Vec::len).sum();
            group.throughput(Throughput::Elements(tokens as u64));
            group.bench_function("tag_document/conll_valid", |b| {
                b.iter(|| {
                    for d in &docs {
                        black_box(tagger.tag_document(d));
                    }
                })
            });
        }
    }
    if let Some(path) = shared("corpora/allsides/allsides-00.jsonl.gz") {
        let articles = read_jsonl_articles(&path, Some(300)).unwrap_or_default();
        if !articles.is_empty() {
            group.throughput(Throughput::Elements(tokens_of(&articles)));
            group.bench_function("article_entities/allsides", |b| {
                b.iter(|| {
                    for (h, body) in &articles {
                        black_box(tagger.article_entities(h, body));
                    }
                })
            });
        }
    }
    let articles = generated_articles();
    group.throughput(Throughput::Elements(tokens_of(&articles)));
    group.bench_function("article_entities/generated", |b| {
        b.iter(|| {
            for (h, body) in &articles {
                black_box(tagger.article_entities(h, body));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_tagging);
criterion_main!(benches);
