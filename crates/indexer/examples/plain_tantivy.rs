//! The baseline `lede index` is measured against: plain tantivy 0.27 on the same AllSides records, written the
//! way a first tantivy program would be, with no lede code at all.
//!
//! Every `*.jsonl.gz` / `*.jsonl` file under the corpus directory is read in turn (gzip, one JSON object a line)
//! and its `title`, `content_original`, `source` and `date` go into a schema of four fields: `headline` and `body`
//! (tantivy's own `en_stem`, positions, stored), `source` (raw, stored) and `date` (indexed, fast, stored). One
//! `IndexWriter` with 2 indexing threads and a 256 MiB budget (lede's defaults on this 2-core machine) takes the
//! documents; no entities, no fingerprints, no incremental state. At the end it commits and merges every segment
//! into one, as `lede index` does after a full build, and prints one JSON line of what it did and how long each
//! part took.
//!
//! ```sh
//! cargo build --release -p lede-indexer --example plain_tantivy
//! /usr/bin/time -v target/release/examples/plain_tantivy ../shared/corpora/allsides /tmp/plain-tantivy
//! ```
//!
//! `scripts/index_compare.py` runs it beside `lede index` (with and without entities) and SQLite FTS5.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

use tantivy::schema::{DateOptions, DateTimePrecision, Schema, TextFieldIndexing, TextOptions, STORED, STRING};
use tantivy::{doc, DateTime, Index, IndexWriter, TantivyDocument};

type Error = Box<dyn std::error::Error>;

/// The corpus's record files, in name order.
fn record_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| format!("reading {}: {e}", dir.display()))? {
            let path = entry?.path();
            let name = path.to_string_lossy();
            if path.is_dir() {
                pending.push(path);
            } else if name.ends_with(".jsonl.gz") || name.ends_with(".jsonl") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// `YYYY-MM-DD` (what AllSides has) as a tantivy date at midnight UTC.
fn parse_day(text: &str) -> Option<DateTime> {
    let day = chrono::NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()?;
    Some(DateTime::from_timestamp_secs(
        day.and_hms_opt(0, 0, 0)?.and_utc().timestamp(),
    ))
}

fn run(corpus: &Path, index_dir: &Path) -> Result<(), Error> {
    let started = Instant::now();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(tantivy::schema::IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let mut builder = Schema::builder();
    let headline = builder.add_text_field("headline", text.clone());
    let body = builder.add_text_field("body", text);
    let source = builder.add_text_field("source", STRING | STORED);
    let date = builder.add_date_field(
        "date",
        DateOptions::default()
            .set_indexed()
            .set_fast()
            .set_stored()
            .set_precision(DateTimePrecision::Seconds),
    );
    std::fs::create_dir_all(index_dir).map_err(|e| format!("creating {}: {e}", index_dir.display()))?;
    let index = Index::create_in_dir(index_dir, builder.build())
        .map_err(|e| format!("creating an index in {} (must be empty): {e}", index_dir.display()))?;
    let mut writer: IndexWriter<TantivyDocument> = index.writer_with_num_threads(2, 256 << 20)?;
    let mut articles = 0u64;
    let mut line = String::new();
    for path in record_files(corpus)? {
        let file = std::fs::File::open(&path).map_err(|e| format!("opening {}: {e}", path.display()))?;
        let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
            Box::new(flate2::read::GzDecoder::new(file))
        } else {
            Box::new(file)
        };
        let mut reader = BufReader::new(reader);
        loop {
            line.clear();
            if reader
                .read_line(&mut line)
                .map_err(|e| format!("reading {}: {e}", path.display()))?
                == 0
            {
                break;
            }
            let Ok(record) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let field = |name: &str| record.get(name).and_then(|v| v.as_str()).unwrap_or("");
            let mut document = doc!(headline => field("title"), body => field("content_original"));
            if !field("source").is_empty() {
                document.add_text(source, field("source"));
            }
            if let Some(day) = parse_day(field("date")) {
                document.add_date(date, day);
            }
            writer.add_document(document)?;
            articles += 1;
        }
    }
    let added = started.elapsed().as_secs_f64();
    writer.commit()?;
    let committed = started.elapsed().as_secs_f64();
    let segments = index.searchable_segment_ids()?;
    let merged = segments.len();
    if merged > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.wait_merging_threads()?;
    let seconds = started.elapsed().as_secs_f64();
    let bytes: u64 = std::fs::read_dir(index_dir)?
        .filter_map(|e| e.ok()?.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum();
    println!(
        "{}",
        serde_json::json!({
            "articles": articles,
            "seconds": seconds,
            "seconds_adding": added,
            "seconds_commit": committed - added,
            "seconds_merge": seconds - committed,
            "segments_merged": merged,
            "bytes": bytes,
        })
    );
    Ok(())
}

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [corpus, index_dir] = args.as_slice() else {
        eprintln!("usage: plain_tantivy CORPUS_DIR INDEX_DIR   (INDEX_DIR must be absent or empty)");
        std::process::exit(2);
    };
    if let Err(e) = run(corpus, index_dir) {
        eprintln!("plain_tantivy: {e}");
        std::process::exit(2);
    }
}
