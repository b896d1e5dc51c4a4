//! HTML extraction throughput, in pages per second on one core: the reader's HTML entry as a
//! caller uses it, `lede_article::html_declared_charset` and `decode` then
//! `lede_article::html::read_html` (parse, metadata, headline, date, authors, body), over the 219
//! real news pages of `../shared/extraction/naeb-dev` (15 MB of HTML, 2023, ~200 sites). Files are
//! found through the gold (`lede_eval`), read and decompressed before timing. Skipped, saying why,
//! when `../shared` is absent.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lede_article::{decode, html::read_html, html_declared_charset};
use lede_eval::{default_gold, read_gold, read_page, Mode};

fn pages() -> Option<Vec<Vec<u8>>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/extraction/naeb-dev");
    if !dir.is_dir() {
        eprintln!("skipping extraction bench: {} is absent", dir.display());
        return None;
    }
    let gold = match read_gold(&default_gold(&dir)) {
        Ok(gold) => gold,
        Err(e) => {
            eprintln!("skipping extraction bench: {e}");
            return None;
        }
    };
    let pages: Vec<Vec<u8>> = gold
        .iter()
        .filter_map(|g| read_page(&dir, &g.key, Mode::Html).ok())
        .collect();
    Some(pages)
}

fn extraction(c: &mut Criterion) {
    let Some(pages) = pages() else { return };
    let mut group = c.benchmark_group("extraction");
    group.throughput(Throughput::Elements(pages.len() as u64));
    group.sample_size(10);
    group.bench_function("read_html/naeb_dev", |b| {
        b.iter(|| {
            for page in &pages {
                let page = black_box(page);
                let charset = html_declared_charset(page);
                black_box(read_html(&decode(page, charset.as_deref())));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
