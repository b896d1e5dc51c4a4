//! Query latency: what `lede bench` measures.
//!
//! Each timed query does what `lede search` does: parse, top 10, stored
//! fields, snippet ([`BenchMode::Search`]); or what `lede search --facets`
//! and `lede timeline` do over all matching articles ([`BenchMode::Facets`],
//! [`BenchMode::Timeline`]). Every query runs once untimed (warm-up: page
//! cache, lazy structures), then `rounds` timed times; percentiles are over all
//! timed runs.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use serde::Serialize;

use crate::distinctive::{distinctive_words, WordsRequest};
use crate::error::{Error, Result};
use crate::facets::{facets, FacetField};
use crate::search::{Engine, SearchRequest};
use crate::timeline::{compare_timeline, timeline, Interval, TimelineRequest};

/// The field [`BenchMode::SplitTimeline`] splits by unless told otherwise: AllSides' left/center/right.
pub const BENCH_SPLIT_FIELD: &str = "bias_text";

/// What each timed query does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BenchMode {
    /// `lede search`: top 10, stored fields, snippet.
    #[default]
    Search,
    /// `lede search --facets`: the top 10 values of all five facet fields over every matching article.
    Facets,
    /// `lede timeline --by month`: matching articles per calendar month.
    Timeline,
    /// `lede timeline --split-by FIELD --normalize --by year`: one series per value of the field (its top 10),
    /// each count a share of the bucket's articles with that value.
    #[serde(rename = "split-timeline")]
    SplitTimeline,
    /// `lede words`: the 20 most distinctive words and phrases of the matching articles.
    Words,
}

impl BenchMode {
    /// Runs `request` once as this mode does; returns how many articles matched.
    fn run(self, engine: &Engine, request: &SearchRequest, split_by: &str) -> Result<usize> {
        Ok(match self {
            BenchMode::Search => engine.search(request)?.total,
            BenchMode::Facets => facets(engine, request, &FacetField::ALL, 10)?
                .first()
                .map_or(0, |f| f.articles as usize),
            BenchMode::Timeline => {
                let t = timeline(engine, std::slice::from_ref(request), Interval::Month)?;
                (t.dated.iter().sum::<u64>() + t.undated.iter().sum::<u64>()) as usize
            }
            BenchMode::SplitTimeline => {
                let t = compare_timeline(
                    engine,
                    &TimelineRequest {
                        queries: vec![request.clone()],
                        interval: Interval::Year,
                        split_by: Some(split_by.to_owned()),
                        split_values: 10,
                        normalize: true,
                        ..TimelineRequest::default()
                    },
                )?;
                (t.dated.iter().sum::<u64>() + t.undated.iter().sum::<u64>()) as usize
            }
            BenchMode::Words => {
                let report = distinctive_words(engine, &WordsRequest::new(request.clone()))?;
                report.groups.first().map_or(0, |g| g.articles as usize)
            }
        })
    }
}

/// One line of a query file: `class<TAB>query[<TAB>since<TAB>until]`.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchQuery {
    /// Query class (term, phrase, ...).
    pub class: String,
    /// The query text.
    pub query: String,
    /// First day, inclusive.
    pub since: Option<NaiveDate>,
    /// Last day, inclusive.
    pub until: Option<NaiveDate>,
}

/// Reads a query file; blank lines and `#` comments are skipped.
pub fn read_queries(path: &Path) -> Result<Vec<BenchQuery>> {
    let label = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::QueryFile {
        path: label.clone(),
        line: 0,
        reason: e.to_string(),
    })?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |reason: String| Error::QueryFile {
            path: label.clone(),
            line: n + 1,
            reason,
        };
        let parts: Vec<&str> = line.split('\t').collect();
        let date = |s: Option<&&str>| -> Result<Option<NaiveDate>> {
            match s.map(|s| s.trim()).filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| bad(format!("`{s}` is not a YYYY-MM-DD date"))),
            }
        };
        if parts.len() < 2 || parts[1].trim().is_empty() {
            return Err(bad("expected `class<TAB>query[<TAB>since<TAB>until]`".into()));
        }
        out.push(BenchQuery {
            class: parts[0].trim().to_owned(),
            query: parts[1].to_owned(),
            since: date(parts.get(2))?,
            until: date(parts.get(3))?,
        });
    }
    if out.is_empty() {
        return Err(Error::QueryFile {
            path: label,
            line: 0,
            reason: "no queries".into(),
        });
    }
    Ok(out)
}

/// Latency figures of one class (or all queries).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Latency {
    /// Median, milliseconds.
    pub p50_ms: f64,
    /// 95th percentile.
    pub p95_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
    /// Mean.
    pub mean_ms: f64,
    /// Timed runs.
    pub queries: usize,
}

/// The whole benchmark result.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BenchReport {
    /// Per class.
    pub classes: BTreeMap<String, Latency>,
    /// Over all timed runs.
    pub all: Latency,
    /// Timed runs per second of wall-clock time (one query at a time).
    pub qps: f64,
    /// Threads each search ran on ([`Engine::search_threads`]).
    pub search_threads: usize,
    /// Articles in the index.
    pub articles: u64,
    /// Average hits per query (all matches, not just the top 10).
    pub mean_total_hits: f64,
    /// What each timed query did.
    pub mode: BenchMode,
    /// The queries with the highest median time, slowest first (at most [`SLOWEST_SHOWN`]).
    pub slowest: Vec<SlowQuery>,
}

/// How many of the slowest queries a [`BenchReport`] names.
pub const SLOWEST_SHOWN: usize = 5;

/// One query of a [`BenchReport`]'s slowest.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
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

/// The latency figures of `samples` (milliseconds, any order).
pub fn latency(mut samples: Vec<f64>) -> Latency {
    if samples.is_empty() {
        return Latency::default();
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    let at = |p: f64| samples[((samples.len() as f64 * p).ceil() as usize).clamp(1, samples.len()) - 1];
    Latency {
        p50_ms: at(0.50),
        p95_ms: at(0.95),
        p99_ms: at(0.99),
        mean_ms: samples.iter().sum::<f64>() / samples.len() as f64,
        queries: samples.len(),
    }
}

/// Runs every query once to warm up, then `rounds` timed times, each doing what `mode` says.
pub fn run_bench(engine: &Engine, queries: &[BenchQuery], rounds: usize, mode: BenchMode) -> Result<BenchReport> {
    run_bench_split(engine, queries, rounds, mode, BENCH_SPLIT_FIELD)
}

/// [`run_bench`], with the field [`BenchMode::SplitTimeline`] splits by.
pub fn run_bench_split(
    engine: &Engine,
    queries: &[BenchQuery],
    rounds: usize,
    mode: BenchMode,
    split_by: &str,
) -> Result<BenchReport> {
    let requests: Vec<(String, SearchRequest)> = queries
        .iter()
        .map(|q| {
            (
                q.class.clone(),
                SearchRequest::new(q.query.clone()).between(q.since, q.until),
            )
        })
        .collect();
    let mut hits = 0usize;
    for (_, request) in &requests {
        hits += mode.run(engine, request, split_by)?;
    }
    let mut by_class: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut by_query: Vec<Vec<f64>> = vec![Vec::new(); requests.len()];
    let mut all = Vec::new();
    let started = Instant::now();
    for _ in 0..rounds.max(1) {
        for ((class, request), times) in requests.iter().zip(by_query.iter_mut()) {
            let t = Instant::now();
            let matched = mode.run(engine, request, split_by)?;
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            std::hint::black_box(matched);
            by_class.entry(class.clone()).or_default().push(ms);
            times.push(ms);
            all.push(ms);
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut slowest: Vec<SlowQuery> = queries
        .iter()
        .zip(by_query)
        .map(|(q, times)| {
            let l = latency(times.clone());
            SlowQuery {
                class: q.class.clone(),
                query: q.query.clone(),
                median_ms: l.p50_ms,
                max_ms: times.iter().copied().fold(0.0, f64::max),
            }
        })
        .collect();
    slowest.sort_by(|a, b| b.median_ms.total_cmp(&a.median_ms));
    slowest.truncate(SLOWEST_SHOWN);
    Ok(BenchReport {
        qps: all.len() as f64 / elapsed.max(1e-9),
        search_threads: engine.search_threads(),
        all: latency(all),
        classes: by_class.into_iter().map(|(k, v)| (k, latency(v))).collect(),
        articles: engine.searcher().num_docs(),
        mean_total_hits: hits as f64 / requests.len().max(1) as f64,
        mode,
        slowest,
    })
}
