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
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::error::{Error, Result};
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket {
    /// First day of the bucket.
    pub start: NaiveDate,
    /// `2019-03-04`, `2019-W10`, `2019-03` or `2019`.
    pub label: String,
    /// Matching articles per query, in the order of the queries.
    pub counts: Vec<u64>,
}

/// Article counts per bucket for several queries side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timeline {
    /// Bucket width.
    pub interval: Interval,
    /// The queries, as typed.
    pub queries: Vec<String>,
    /// Every bucket from the first to the last (or over `--since`..`--until` when both are given), empty ones included.
    pub buckets: Vec<Bucket>,
    /// Dated matching articles per query.
    pub dated: Vec<u64>,
    /// Matching articles without a publication date, per query (not in any bucket).
    pub undated: Vec<u64>,
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

    fn merge_fruits(&self, fruits: Vec<DayCounts>) -> tantivy::Result<DayCounts> {
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
        let mut days = self.sparse;
        for (i, count) in self.dense.iter().enumerate() {
            if *count > 0 {
                *days.entry(self.first_day + i as i64).or_default() += u64::from(*count);
            }
        }
        DayCounts {
            days: days.into_iter().collect(),
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
    let searcher = engine.searcher();
    let mut per_query: Vec<BTreeMap<NaiveDate, u64>> = Vec::with_capacity(requests.len());
    let (mut dated, mut undated) = (Vec::new(), Vec::new());
    for request in requests {
        let built = engine.prepare(request, &searcher)?;
        let zone = request.filters.zone;
        let counts = searcher.search(built.matching(), &DayCollector { zone })?;
        let mut buckets: BTreeMap<NaiveDate, u64> = BTreeMap::new();
        let mut total = 0;
        // Days are ascending, so consecutive days usually share a bucket: convert each day once.
        let mut current: Option<(NaiveDate, NaiveDate)> = None;
        for (day, count) in counts.days {
            let Some(date) = date_of_day(day) else { continue };
            let start = match current {
                Some((start, end)) if date >= start && date < end => start,
                _ => {
                    let start = interval.start_of(date);
                    let end = interval.next(start).unwrap_or(NaiveDate::MAX);
                    current = Some((start, end));
                    start
                }
            };
            *buckets.entry(start).or_default() += count;
            total += count;
        }
        per_query.push(buckets);
        dated.push(total);
        undated.push(counts.undated);
    }
    let bounds = |f: fn(&SearchRequest) -> Option<NaiveDate>| -> Option<NaiveDate> {
        let days: Vec<NaiveDate> = requests.iter().filter_map(f).collect();
        (!days.is_empty() && days.len() == requests.len()).then(|| days[0])
    };
    let first = per_query.iter().filter_map(|b| b.keys().next().copied()).min();
    let last = per_query.iter().filter_map(|b| b.keys().next_back().copied()).max();
    let (first, last) = match (bounds(|r| r.filters.since), bounds(|r| r.filters.until)) {
        (Some(since), Some(until)) if since <= until => {
            (Some(interval.start_of(since)), Some(interval.start_of(until)))
        }
        _ => (first, last),
    };
    let mut buckets = Vec::new();
    if let (Some(first), Some(last)) = (first, last) {
        let mut start = first;
        while start <= last {
            buckets.push(Bucket {
                start,
                label: interval.label(start),
                counts: per_query.iter().map(|b| b.get(&start).copied().unwrap_or(0)).collect(),
            });
            match interval.next(start) {
                Some(next) => start = next,
                None => break,
            }
        }
    }
    Ok(Timeline {
        interval,
        queries: requests.iter().map(|r| r.query.clone()).collect(),
        buckets,
        dated,
        undated,
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
