//! Timelines: how many matching articles were published per day, ISO week,
//! month or year, for one or several queries side by side.
//!
//! A [`DayCollector`] counts days since 1970 from the `published` fast column
//! in a dense per-segment array; days become calendar buckets once, after the
//! merge, so the per-article cost is a subtraction and an increment.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};
use lede_indexer::column;
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use crate::error::{Error, Result};
use crate::metadata::{field_values_of, restrict};
use crate::search::{Engine, SearchRequest};
use crate::zone::Zone;

/// Dense counting up to this many days per segment (about 550 years); wider segments count in a map.
const DENSE_DAYS: i64 = 200_000;

/// The width of a timeline bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// Calendar days.
    Day,
    /// ISO weeks, starting on Monday.
    Week,
    /// Calendar months.
    #[default]
    Month,
    /// Calendar years.
    Year,
}

impl Interval {
    /// The first day of the bucket holding `day`.
    pub fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => day,
            Interval::Week => day - Days::new(u64::from(day.weekday().num_days_from_monday())),
            Interval::Month => day.with_day(1).unwrap_or(day),
            Interval::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day),
        }
    }

    /// The first day of the bucket after the one starting on `start`.
    pub fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Interval::Day => start.checked_add_days(Days::new(1)),
            Interval::Week => start.checked_add_days(Days::new(7)),
            Interval::Month => start.checked_add_months(Months::new(1)),
            Interval::Year => start.checked_add_months(Months::new(12)),
        }
    }

    /// A bucket's label: `2019-03-04`, `2019-W10`, `2019-03`, `2019`.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Interval::Day => start.format("%Y-%m-%d").to_string(),
            Interval::Week => {
                let week = start.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
            Interval::Month => start.format("%Y-%m").to_string(),
            Interval::Year => start.format("%Y").to_string(),
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
            Interval::Year => "year",
        })
    }
}

impl FromStr for Interval {
    type Err = Error;

    fn from_str(text: &str) -> Result<Interval> {
        match text.trim().to_lowercase().as_str() {
            "day" | "days" | "daily" => Ok(Interval::Day),
            "week" | "weeks" | "weekly" => Ok(Interval::Week),
            "month" | "months" | "monthly" => Ok(Interval::Month),
            "year" | "years" | "yearly" => Ok(Interval::Year),
            _ => Err(Error::Query(format!(
                "unknown interval `{text}`; known intervals: day, week, month, year"
            ))),
        }
    }
}

/// One bucket of a timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bucket {
    /// First day of the bucket.
    pub start: NaiveDate,
    /// `2019-03-04`, `2019-W10`, `2019-03` or `2019`.
    pub label: String,
    /// Matching articles per series, in the order of the series (one per query without a split).
    pub counts: Vec<u64>,
    /// With `normalize`: per series, all articles of the bucket that the series' filters allow (its query
    /// left out), which `shares` divide by; else empty.
    pub totals: Vec<u64>,
    /// With `normalize`: per series, `counts / totals` (0 for an empty bucket); else empty.
    pub shares: Vec<f64>,
    /// Whether the data covers only part of the bucket: the index's articles (or `until`) end inside it, or
    /// (first bucket) begin inside it.
    pub partial: bool,
}

/// One series of a timeline: a query, or a query's articles with one value of the split field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Series {
    /// What a chart's legend says: the query's label (its text unless labelled), and the split value.
    pub label: String,
    /// The query, as typed.
    pub query: String,
    /// With a split, the field's value.
    pub value: Option<String>,
}

/// Article counts per bucket for several series side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// Bucket width.
    pub interval: Interval,
    /// The queries, as typed.
    pub queries: Vec<String>,
    /// The series, in the order of each bucket's counts: each query, or each query times each split value.
    pub series: Vec<Series>,
    /// The field the series are split by.
    pub split_by: Option<String>,
    /// Whether buckets carry shares of all articles.
    pub normalized: bool,
    /// Every bucket from the first to the last (or over `--since`..`--until` when both are given), empty ones included.
    pub buckets: Vec<Bucket>,
    /// Dated matching articles per series.
    pub dated: Vec<u64>,
    /// Matching articles without a publication date, per series (not in any bucket).
    pub undated: Vec<u64>,
}

/// What `lede timeline` asks: queries, how to label and split them, and whether to normalise.
#[derive(Debug, Clone, Default)]
pub struct TimelineRequest {
    /// The queries (paging ignored), each with its filters.
    pub queries: Vec<SearchRequest>,
    /// A label per query (missing or empty: the query's text).
    pub labels: Vec<String>,
    /// Bucket width.
    pub interval: Interval,
    /// A field (a metadata field, `source`, `person`, `org`, `place`, `author`): one series per value.
    pub split_by: Option<String>,
    /// With `split_by`: the values with the most matching articles (of each query) to chart.
    pub split_values: usize,
    /// Each count as a share of all articles of its bucket (with the series' filters and split value).
    pub normalize: bool,
}

/// Counts matching articles per publication day (days since 1970) and the undated ones.
#[derive(Debug, Clone, Copy, Default)]
pub struct DayCollector {
    /// The zone whose calendar days are counted.
    pub zone: Zone,
}

/// Articles per day, ascending, and undated articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayCounts {
    /// (days since 1970-01-01, articles), ascending by day.
    pub days: Vec<(i64, u64)>,
    /// Matching articles without a date.
    pub undated: u64,
}

/// Per-segment part of [`DayCollector`].
pub struct DaySegmentCollector {
    column: Column<tantivy::DateTime>,
    zone: Zone,
    first_day: i64,
    dense: Vec<u32>,
    sparse: BTreeMap<i64, u64>,
    undated: u64,
}

fn day_of(date: tantivy::DateTime, zone: Zone) -> i64 {
    zone.day_number(date.into_timestamp_secs())
}

impl Collector for DayCollector {
    type Fruit = DayCounts;
    type Child = DaySegmentCollector;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<DaySegmentCollector> {
        let column = segment.fast_fields().date(column::PUBLISHED)?;
        let zone = self.zone;
        let (first_day, last_day) = (day_of(column.min_value(), zone), day_of(column.max_value(), zone));
        let span = last_day - first_day + 1;
        let dense = if (1..=DENSE_DAYS).contains(&span) {
            vec![0; span as usize]
        } else {
            Vec::new()
        };
        Ok(DaySegmentCollector {
            column,
            zone,
            first_day,
            dense,
            sparse: BTreeMap::new(),
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, mut fruits: Vec<DayCounts>) -> tantivy::Result<DayCounts> {
        // One segment (the usual case: `lede index` merges): its days are already ascending.
        if fruits.len() == 1 {
            return Ok(fruits.pop().unwrap_or_default());
        }
        let mut days: BTreeMap<i64, u64> = BTreeMap::new();
        let mut undated = 0;
        for fruit in fruits {
            undated += fruit.undated;
            for (day, count) in fruit.days {
                *days.entry(day).or_default() += count;
            }
        }
        Ok(DayCounts {
            days: days.into_iter().collect(),
            undated,
        })
    }
}

impl SegmentCollector for DaySegmentCollector {
    type Fruit = DayCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(date) = self.column.first(doc) else {
            self.undated += 1;
            return;
        };
        let day = day_of(date, self.zone);
        match usize::try_from(day - self.first_day)
            .ok()
            .and_then(|i| self.dense.get_mut(i))
        {
            Some(count) => *count += 1,
            None => *self.sparse.entry(day).or_default() += 1,
        }
    }

    fn harvest(self) -> DayCounts {
        // The dense array is in day order: read it out as it is, and fold in the few days counted sparsely.
        let mut days: Vec<(i64, u64)> = self
            .dense
            .iter()
            .enumerate()
            .filter(|(_, count)| **count > 0)
            .map(|(i, count)| (self.first_day + i as i64, u64::from(*count)))
            .collect();
        if !self.sparse.is_empty() {
            days.extend(self.sparse);
            days.sort_unstable_by_key(|(day, _)| *day);
            days.dedup_by(|later, earlier| {
                let same = later.0 == earlier.0;
                if same {
                    earlier.1 += later.1;
                }
                same
            });
        }
        DayCounts {
            days,
            undated: self.undated,
        }
    }
}

fn date_of_day(day: i64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_signed(chrono::Duration::try_days(day)?)
}

/// Counts the articles matching each of `requests` per `interval` bucket (their paging is ignored).
///
/// Buckets run from the first to the last bucket with an article (over all queries), or over the requests'
/// `since`..`until` when both are set, with empty buckets in between so a chart shows the gaps.
pub fn timeline(engine: &Engine, requests: &[SearchRequest], interval: Interval) -> Result<Timeline> {
    compare_timeline(
        engine,
        &TimelineRequest {
            queries: requests.to_vec(),
            interval,
            ..TimelineRequest::default()
        },
    )
}

/// Articles of one request per bucket start, dated and undated.
struct Counted {
    buckets: BTreeMap<NaiveDate, u64>,
    dated: u64,
    undated: u64,
}

fn count_buckets(engine: &Engine, searcher: &Searcher, request: &SearchRequest, interval: Interval) -> Result<Counted> {
    let built = engine.prepare(request, searcher)?;
    let zone = request.filters.zone;
    let counts = crate::segments::search(searcher, built.matching(), &DayCollector { zone })?;
    let mut buckets: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    let mut dated = 0;
    // Days are ascending, so consecutive days share a bucket: a bucket's days are summed, then stored once.
    let mut current: Option<(NaiveDate, NaiveDate, u64)> = None;
    for (day, count) in counts.days {
        let Some(date) = date_of_day(day) else { continue };
        dated += count;
        match &mut current {
            Some((start, end, sum)) if date >= *start && date < *end => *sum += count,
            _ => {
                if let Some((start, _, sum)) = current {
                    *buckets.entry(start).or_default() += sum;
                }
                let start = interval.start_of(date);
                let end = interval.next(start).unwrap_or(NaiveDate::MAX);
                current = Some((start, end, count));
            }
        }
    }
    if let Some((start, _, sum)) = current {
        *buckets.entry(start).or_default() += sum;
    }
    Ok(Counted {
        buckets,
        dated,
        undated: counts.undated,
    })
}

/// The first and last day of the index's dated articles.
fn data_span(searcher: &Searcher, zone: Zone) -> Option<(NaiveDate, NaiveDate)> {
    let columns: Vec<Column<tantivy::DateTime>> = searcher
        .segment_readers()
        .iter()
        .filter_map(|segment| segment.fast_fields().date(column::PUBLISHED).ok())
        .filter(|column| column.num_docs() > 0 && column.values.num_vals() > 0)
        .collect();
    let first = columns.iter().map(|c| day_of(c.min_value(), zone)).min()?;
    let last = columns.iter().map(|c| day_of(c.max_value(), zone)).max()?;
    Some((date_of_day(first)?, date_of_day(last)?))
}

/// A series to count: its request, the request of all the articles its filters allow (its words left out:
/// what `--normalize` divides by), and its description.
fn series_of(engine: &Engine, request: &TimelineRequest) -> Result<Vec<(SearchRequest, SearchRequest, Series)>> {
    let mut out = Vec::new();
    for (i, query) in request.queries.iter().enumerate() {
        let label = request
            .labels
            .get(i)
            .filter(|l| !l.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| query.query.clone());
        let mut everything = query.clone();
        everything.query = String::new();
        let Some(field) = &request.split_by else {
            out.push((
                query.clone(),
                everything,
                Series {
                    label,
                    query: query.query.clone(),
                    value: None,
                },
            ));
            continue;
        };
        let values = field_values_of(engine, query, field)?;
        for value in values.top.iter().take(request.split_values.max(1)) {
            let split = restrict(engine, query, field, &value.value)?;
            let all = restrict(engine, &everything, field, &value.value)?;
            let label = if request.queries.len() > 1 {
                format!("{label} · {}", value.value)
            } else {
                value.value.clone()
            };
            out.push((
                split,
                all,
                Series {
                    label,
                    query: query.query.clone(),
                    value: Some(value.value.clone()),
                },
            ));
        }
    }
    Ok(out)
}

/// Counts each series of `request` per bucket: each query, or each query's articles per value of the split
/// field (the values with the most matching articles), optionally as shares of all articles of the bucket.
///
/// Buckets run from the first to the last bucket with an article (over all series), or over the requests'
/// `since`..`until` when both are set, with empty buckets in between so a chart shows the gaps.
pub fn compare_timeline(engine: &Engine, request: &TimelineRequest) -> Result<Timeline> {
    let searcher = engine.searcher();
    let interval = request.interval;
    let series = series_of(engine, request)?;
    let mut counted = Vec::with_capacity(series.len());
    let mut totals = Vec::new();
    for (search, all, _) in &series {
        counted.push(count_buckets(engine, &searcher, search, interval)?);
        if request.normalize {
            totals.push(count_buckets(engine, &searcher, all, interval)?.buckets);
        }
    }
    let requests = &request.queries;
    let bounds = |f: fn(&SearchRequest) -> Option<NaiveDate>| -> Option<NaiveDate> {
        let days: Vec<NaiveDate> = requests.iter().filter_map(f).collect();
        (!days.is_empty() && days.len() == requests.len()).then(|| days[0])
    };
    let first = counted.iter().filter_map(|c| c.buckets.keys().next().copied()).min();
    let last = counted
        .iter()
        .filter_map(|c| c.buckets.keys().next_back().copied())
        .max();
    let (since, until) = (bounds(|r| r.filters.since), bounds(|r| r.filters.until));
    let (first, last) = match (since, until) {
        (Some(since), Some(until)) if since <= until => {
            (Some(interval.start_of(since)), Some(interval.start_of(until)))
        }
        _ => (first, last),
    };
    // Where the data begins and ends: the index's first and last dated article, within since..until.
    let zone = requests.first().map(|r| r.filters.zone).unwrap_or_default();
    let span = data_span(&searcher, zone)
        .map(|(begin, end)| (since.map_or(begin, |s| s.max(begin)), until.map_or(end, |u| u.min(end))));
    let mut buckets = Vec::new();
    if let (Some(first), Some(last)) = (first, last) {
        let mut start = first;
        while start <= last {
            let next = interval.next(start);
            let counts: Vec<u64> = counted
                .iter()
                .map(|c| c.buckets.get(&start).copied().unwrap_or(0))
                .collect();
            let bucket_totals: Vec<u64> = totals.iter().map(|t| t.get(&start).copied().unwrap_or(0)).collect();
            let shares = counts
                .iter()
                .zip(&bucket_totals)
                .map(|(n, total)| if *total == 0 { 0.0 } else { *n as f64 / *total as f64 })
                .collect();
            let partial = span.is_some_and(|(begin, end)| {
                let last_day = next.and_then(|n| n.pred_opt()).unwrap_or(NaiveDate::MAX);
                (start == first && begin > start) || (start == last && end < last_day)
            });
            buckets.push(Bucket {
                start,
                label: interval.label(start),
                counts,
                totals: bucket_totals,
                shares,
                partial,
            });
            match next {
                Some(next) => start = next,
                None => break,
            }
        }
    }
    Ok(Timeline {
        interval,
        queries: requests.iter().map(|r| r.query.clone()).collect(),
        dated: counted.iter().map(|c| c.dated).collect(),
        undated: counted.iter().map(|c| c.undated).collect(),
        series: series.into_iter().map(|(_, _, s)| s).collect(),
        split_by: request.split_by.clone(),
        normalized: request.normalize,
        buckets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn buckets_start_on_monday_first_of_month_and_new_year() {
        // 2020-01-01 was a Wednesday; its ISO week is 2020-W01, starting Monday 2019-12-30.
        assert_eq!(Interval::Week.start_of(day("2020-01-01")), day("2019-12-30"));
        assert_eq!(Interval::Week.label(day("2019-12-30")), "2020-W01");
        assert_eq!(Interval::Month.start_of(day("2013-10-31")), day("2013-10-01"));
        assert_eq!(Interval::Year.start_of(day("2017-07-04")), day("2017-01-01"));
        assert_eq!(Interval::Month.next(day("2013-12-01")), Some(day("2014-01-01")));
        assert_eq!(Interval::Day.label(day("2013-10-01")), "2013-10-01");
    }

    #[test]
    fn days_since_1970_round_trip() {
        assert_eq!(date_of_day(0), Some(day("1970-01-01")));
        assert_eq!(date_of_day(-1), Some(day("1969-12-31")));
        assert_eq!(date_of_day(17_897), Some(day("2019-01-01")));
    }

    #[test]
    fn unknown_interval_lists_the_valid_ones() {
        let error = "fortnight".parse::<Interval>().unwrap_err().to_string();
        assert!(error.contains("day, week, month, year"), "{error}");
        assert_eq!("Weekly".parse::<Interval>().unwrap(), Interval::Week);
    }
}
