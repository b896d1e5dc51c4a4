//! `lede index --json`, `lede stats --json` and `lede bench --json`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The `lede index --json` object: what an index run did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexSummary {
    /// Files found under the roots with a format lede reads.
    pub files_seen: u64,
    /// Files indexed for the first time.
    pub files_new: u64,
    /// Files indexed again because they changed.
    pub files_changed: u64,
    /// Files skipped because they did not change since the last run.
    pub files_unchanged: u64,
    /// Files removed from the index (`--prune`) because they are gone.
    pub files_removed: u64,
    /// Files skipped because lede does not read their type (images, PDF, ...).
    pub files_unsupported: u64,
    /// Articles added from new files.
    pub articles_added: u64,
    /// Articles written again from changed files.
    pub articles_updated: u64,
    /// Articles of unchanged files, left as they were.
    pub articles_unchanged: u64,
    /// Articles removed with their files.
    pub articles_removed: u64,
    /// Files or records rejected, by kind.
    pub rejected_by_kind: BTreeMap<String, u64>,
    /// Total rejected files or records.
    pub rejected: u64,
    /// The first rejections, in the order met.
    pub first_rejections: Vec<Rejection>,
    /// Every rejection, in the order met.
    #[serde(default)]
    pub rejections: Vec<Rejection>,
    /// Dates present in the input but dropped as absurd or unreadable.
    pub dates_dropped: u64,
    /// Articles in the index after the run.
    pub articles_in_index: u64,
    /// Commits made (periodic ones included).
    pub commits: u64,
    /// Segments merged into one at the end of the run (0: no merge).
    pub segments_merged: u64,
    /// Segments in the index after the run.
    pub segments: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Entity names merged into a canonical name by the corpus-level resolution after the run.
    #[serde(default)]
    pub alias_merges: u64,
    /// Seconds the resolution took (included in `seconds`).
    #[serde(default)]
    pub alias_seconds: f64,
}

/// One file or record that could not be indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    /// The file.
    pub path: String,
    /// A short label ("binary", "malformed", ...).
    pub kind: String,
    /// The full reason, naming the file (and line or record).
    pub reason: String,
}

/// The `lede stats --json` object: counts and ranges over the whole index.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Articles.
    pub articles: u64,
    /// Articles with a publication date.
    pub articles_with_date: u64,
    /// Earliest publication date (RFC 3339).
    pub earliest: Option<DateTime<Utc>>,
    /// Latest publication date (RFC 3339).
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
    /// The corpus's metadata fields, by name.
    #[serde(default)]
    pub metadata_fields: Vec<MetadataField>,
}

/// A metadata field of [`Stats`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetadataField {
    /// Its name (lower-case).
    pub name: String,
    /// Distinct values (lower-cased).
    pub distinct: u64,
}

/// The `lede bench --json` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchReport {
    /// Per query class.
    pub classes: BTreeMap<String, Latency>,
    /// Over all timed runs.
    pub all: Latency,
    /// Timed runs per second of wall-clock time (one query at a time).
    pub qps: f64,
    /// Threads each search ran on (one per segment of a large index, else 1).
    pub search_threads: usize,
    /// Articles in the index.
    pub articles: u64,
    /// Average hits per query (all matches, not just the top 10).
    pub mean_total_hits: f64,
    /// What each timed query did.
    pub mode: BenchMode,
    /// The queries with the highest median time, slowest first.
    pub slowest: Vec<SlowQuery>,
}

/// One of the slowest queries of a [`BenchReport`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SlowQuery {
    /// Its class.
    pub class: String,
    /// Its text.
    pub query: String,
    /// Median over the timed rounds, milliseconds.
    pub median_ms: f64,
    /// Slowest timed round, milliseconds.
    pub max_ms: f64,
}

/// Latency figures of one query class (or all queries) of a [`BenchReport`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Latency {
    /// Median, milliseconds.
    pub p50_ms: f64,
    /// 95th percentile, milliseconds.
    pub p95_ms: f64,
    /// 99th percentile, milliseconds.
    pub p99_ms: f64,
    /// Mean, milliseconds.
    pub mean_ms: f64,
    /// Timed runs.
    pub queries: usize,
}

/// What each timed query of `lede bench` does (`--mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BenchMode {
    /// What `lede search` does: top 10, stored fields, snippet.
    Search,
    /// What `lede search --facets` does: all five facet fields over every match.
    Facets,
    /// What `lede timeline --by month` does.
    Timeline,
    /// What `lede timeline --split-by FIELD --normalize --by year` does.
    #[serde(rename = "split-timeline")]
    SplitTimeline,
    /// What `lede words` does.
    Words,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_json_names_its_fields() {
        let stats = Stats {
            articles: 2,
            articles_with_date: 1,
            earliest: DateTime::from_timestamp(1_550_000_000, 0),
            languages: BTreeMap::from([("en".to_owned(), 2)]),
            metadata_fields: vec![MetadataField {
                name: "bias_text".to_owned(),
                distinct: 3,
            }],
            ..Stats::default()
        };
        let json = serde_json::to_string(&stats).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"articles":2,"articles_with_date":1,"earliest":"2019-02-12T19:33:20Z","latest":null,"sources":0,"languages":{"en":2},"files":0,"index_bytes":0,"segments":0,"metadata_fields":[{"name":"bias_text","distinct":3}]}"#
        );
        let back: Option<Stats> = serde_json::from_str(&json).ok();
        assert_eq!(back, Some(stats));
    }

    #[test]
    fn bench_json_has_the_documented_shape() {
        let report = BenchReport {
            classes: BTreeMap::from([("term".to_owned(), Latency::default())]),
            all: Latency::default(),
            qps: 1.5,
            search_threads: 1,
            articles: 3,
            mean_total_hits: 2.0,
            mode: BenchMode::Facets,
            slowest: vec![SlowQuery {
                class: "term".to_owned(),
                query: "wall".to_owned(),
                median_ms: 0.5,
                max_ms: 1.0,
            }],
        };
        let json = serde_json::to_string(&report).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"classes":{"term":{"p50_ms":0.0,"p95_ms":0.0,"p99_ms":0.0,"mean_ms":0.0,"queries":0}},"all":{"p50_ms":0.0,"p95_ms":0.0,"p99_ms":0.0,"mean_ms":0.0,"queries":0},"qps":1.5,"search_threads":1,"articles":3,"mean_total_hits":2.0,"mode":"facets","slowest":[{"class":"term","query":"wall","median_ms":0.5,"max_ms":1.0}]}"#
        );
    }

    #[test]
    fn index_summary_reads_back() {
        let summary = IndexSummary {
            files_seen: 3,
            rejected: 1,
            rejected_by_kind: BTreeMap::from([("binary".to_owned(), 1)]),
            first_rejections: vec![Rejection {
                path: "a.txt".to_owned(),
                kind: "binary".to_owned(),
                reason: "a.txt: binary".to_owned(),
            }],
            seconds: 0.25,
            ..IndexSummary::default()
        };
        let json = serde_json::to_string(&summary).unwrap_or_default();
        assert!(json.starts_with(r#"{"files_seen":3,"files_new":0,"#), "{json}");
        let back: Option<IndexSummary> = serde_json::from_str(&json).ok();
        assert_eq!(back, Some(summary));
    }
}
