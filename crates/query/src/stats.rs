//! What an index holds.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use lede_indexer::column;
use serde::Serialize;

use crate::error::Result;
use crate::search::Engine;

/// Counts and ranges over the whole index.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IndexStats {
    /// Articles.
    pub articles: u64,
    /// Articles with a publication date.
    pub articles_with_date: u64,
    /// Earliest publication date.
    pub earliest: Option<DateTime<Utc>>,
    /// Latest publication date.
    pub latest: Option<DateTime<Utc>>,
    /// Distinct outlets.
    pub sources: u64,
    /// Articles per language code.
    pub languages: BTreeMap<String, u64>,
    /// Files the articles came from.
    pub files: u64,
    /// Bytes on disk.
    pub index_bytes: u64,
    /// Index segments.
    pub segments: u64,
    /// The corpus's metadata fields with their number of distinct values, by name.
    pub metadata_fields: Vec<crate::metadata::MetaFieldStats>,
}

/// Computes [`IndexStats`] from fast fields (no stored document is read).
pub fn index_stats(engine: &Engine) -> Result<IndexStats> {
    let searcher = engine.searcher();
    let mut stats = IndexStats {
        index_bytes: engine.index().size_on_disk(),
        metadata_fields: crate::metadata::metadata_fields(&searcher),
        ..IndexStats::default()
    };
    let mut sources: HashSet<String> = HashSet::new();
    let mut files: HashSet<String> = HashSet::new();
    let (mut min, mut max) = (i64::MAX, i64::MIN);
    let mut buffer = String::new();
    for segment in searcher.segment_readers() {
        stats.segments += 1;
        let fast = segment.fast_fields();
        let dates = fast.date(column::PUBLISHED)?;
        let source_column = fast.str(column::SOURCE)?;
        let language_column = fast.str(column::LANGUAGE)?;
        let path_column = fast.str(column::PATH)?;
        let alive = segment.alive_bitset();
        let mut source_ords = HashSet::new();
        let mut path_ords = HashSet::new();
        let mut language_counts: BTreeMap<u64, u64> = BTreeMap::new();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|a| !a.is_alive(doc)) {
                continue;
            }
            stats.articles += 1;
            if let Some(date) = dates.first(doc) {
                stats.articles_with_date += 1;
                let secs = date.into_timestamp_secs();
                min = min.min(secs);
                max = max.max(secs);
            }
            if let Some(column) = &source_column {
                source_ords.extend(column.term_ords(doc));
            }
            if let Some(column) = &path_column {
                path_ords.extend(column.term_ords(doc));
            }
            if let Some(column) = &language_column {
                for ord in column.term_ords(doc) {
                    *language_counts.entry(ord).or_default() += 1;
                }
            }
        }
        let resolve =
            |column: &Option<tantivy::columnar::StrColumn>, ord: u64, buffer: &mut String| -> Option<String> {
                buffer.clear();
                column.as_ref()?.ord_to_str(ord, buffer).ok()?.then(|| buffer.clone())
            };
        for ord in source_ords {
            sources.extend(resolve(&source_column, ord, &mut buffer));
        }
        for ord in path_ords {
            files.extend(resolve(&path_column, ord, &mut buffer));
        }
        for (ord, count) in language_counts {
            if let Some(language) = resolve(&language_column, ord, &mut buffer) {
                *stats.languages.entry(language).or_default() += count;
            }
        }
    }
    stats.sources = sources.len() as u64;
    stats.files = files.len() as u64;
    if min <= max {
        stats.earliest = DateTime::from_timestamp(min, 0);
        stats.latest = DateTime::from_timestamp(max, 0);
    }
    Ok(stats)
}
