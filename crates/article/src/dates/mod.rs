//! Publication dates as real corpora write them, in the languages news is written in.
//!
//! `parse_date` understands ISO 8601 (with or without time and zone), RFC 2822, and dates spelled
//! out or written in numbers in English, German, French, Spanish, Portuguese, Italian, Dutch, the
//! Nordic languages, Polish, Czech, Russian, Ukrainian, Turkish, Hungarian, Romanian, Indonesian,
//! Finnish, Greek, Catalan, Tagalog, Chinese, Japanese and Korean ("March 3, 2024", "3. März 2024",
//! "le 3 mars 2024 à 14h30", "3 de marzo de 2024", "03.03.2024", "2024年3月3日"), with datelines such
//! as "Published 3 Mar 2024". All-numeric dates with slashes or dashes are read month-first or
//! day-first as the caller says ([`DayOrder`]) unless the numbers decide; dotted ones (`03.04.2024`)
//! are day-first everywhere. [`parse_local_with`] keeps the offset the text was written in (a news
//! day is the local day: 9 pm EDT on May 4 is a May 4 story); the other parsers give UTC. A string
//! holding words that are not part of a date is not a date: callers can feed whole lines without
//! getting a date out of ordinary prose. [`dates_in`] finds the dates inside running text.

mod names;
mod scan;
mod words;

pub use scan::{dates_in, first_date_in, FoundDate};

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// Which number comes first in an all-numeric date such as `03/04/2024`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DayOrder {
    /// `6/15/17` is 15 June 2017 (US usage, the default).
    #[default]
    MonthFirst,
    /// `15/6/17` is 15 June 2017 (most of the world).
    DayFirst,
}

/// Why a date that parsed was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Before 1900 or after tomorrow: a placeholder or a typo, not a publication date.
    #[error("date {0} is outside 1900..tomorrow")]
    OutOfRange(String),
}

/// Parses a date with US month-first order and checks that it is plausible.
///
/// `Ok(None)`: not a date. `Err`: a date, but absurd (before 1900, after tomorrow).
pub fn parse_published(text: &str) -> Result<Option<DateTime<Utc>>, DateError> {
    parse_published_with(text, DayOrder::MonthFirst)
}

/// [`parse_published`] with an explicit order for all-numeric dates.
pub fn parse_published_with(text: &str, order: DayOrder) -> Result<Option<DateTime<Utc>>, DateError> {
    match parse_date_with(text, order) {
        None => Ok(None),
        Some(date) => check_range(date).map(Some),
    }
}

/// Accepts dates from 1900-01-01 up to one day after now.
pub fn check_range(date: DateTime<Utc>) -> Result<DateTime<Utc>, DateError> {
    let latest = Utc::now() + Duration::days(1);
    if date.year() < 1900 || date > latest {
        Err(DateError::OutOfRange(date.format("%Y-%m-%d").to_string()))
    } else {
        Ok(date)
    }
}

/// Parses a date in any supported form, month-first for all-numeric dates. No range check.
pub fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    parse_date_with(text, DayOrder::MonthFirst)
}

/// Parses a date in any supported form. No range check.
pub fn parse_date_with(text: &str, order: DayOrder) -> Option<DateTime<Utc>> {
    parse_local_with(text, order).map(|d| d.with_timezone(&Utc))
}

/// Parses a date in any supported form, keeping the offset it was written with (`+00:00` when the
/// text names no zone, so its calendar day is the one written). No range check.
///
/// ```
/// let d = lede_article::dates::parse_local_with("2023-05-04T21:00:00-04:00", Default::default()).unwrap();
/// assert_eq!(d.date_naive().to_string(), "2023-05-04");
/// ```
pub fn parse_local_with(text: &str, order: DayOrder) -> Option<DateTime<FixedOffset>> {
    let text = text.trim().trim_matches(|c: char| c == '"' || c == '\'');
    if text.is_empty() || text.len() > 120 {
        return None;
    }
    parse_iso(text)
        .or_else(|| DateTime::parse_from_rfc2822(text).ok())
        .or_else(|| words::parse_words(text, order))
}

/// Finds a `/YYYY/MM/DD/` (or `/YYYY-MM-DD`, `/YYYYMMDD/`, `/YYYY/MM/DD` at the end) date in a URL path.
pub fn date_in_url(url: &str) -> Option<DateTime<Utc>> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let parts: Vec<&str> = path.split(['/', '?', '#']).collect();
    for window in parts.windows(3) {
        if let [y, m, d] = window {
            // The month may be a number or a name (`/2023/dec/21/`, as some outlets file stories).
            let month = if m.len() <= 2 {
                m.parse::<u32>().ok()
            } else {
                month_number(&m.to_ascii_lowercase())
            };
            if y.len() == 4 && month.is_some() && (1..=2).contains(&d.len().min(2)) {
                let d = d
                    .get(..2)
                    .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
                    .unwrap_or(d);
                if let (Ok(y), Some(m), Ok(d)) = (y.parse::<i32>(), month, d.parse::<u32>()) {
                    if let Some(date) = ymd(y, m, d) {
                        return Some(date);
                    }
                }
            }
        }
    }
    for part in &parts[1..] {
        // A compact `/20200428/` path segment, the whole segment and a plausible year.
        if part.len() == 8
            && part.bytes().all(|b| b.is_ascii_digit())
            && (part.starts_with("19") || part.starts_with("20"))
        {
            if let (Ok(y), Ok(m), Ok(d)) = (part[..4].parse(), part[4..6].parse(), part[6..].parse()) {
                if let Some(date) = ymd(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    for part in parts {
        if part.len() >= 10 {
            if let Some(date) = part
                .get(..10)
                .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
            {
                return midnight(date);
            }
        }
    }
    None
}

fn ymd(year: i32, month: u32, day: u32) -> Option<DateTime<Utc>> {
    if !(1000..=9999).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day).and_then(midnight)
}

fn midnight(date: NaiveDate) -> Option<DateTime<Utc>> {
    Some(Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN)))
}

/// ISO 8601 / RFC 3339 and the near-misses seen in metadata ("2024-03-03 14:00:00", "2024-03-03T14:00").
fn parse_iso(text: &str) -> Option<DateTime<FixedOffset>> {
    let bytes = text.as_bytes();
    if bytes.len() < 8 || !bytes[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(text) {
        return Some(d);
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(text, format) {
            return Some(d);
        }
    }
    let naive = text
        .trim_end_matches('Z')
        .trim_end_matches(" UTC")
        .trim_end_matches(" GMT");
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(naive, format) {
            return Some(Utc.from_utc_datetime(&d).fixed_offset());
        }
    }
    for format in ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(naive, format) {
            return midnight(d).map(|d| d.fixed_offset());
        }
    }
    // A date followed by something we do not need ("2024-03-03T14:00:00.000+0100 (CET)").
    if bytes.len() > 10 && bytes[4] == b'-' && bytes[7] == b'-' && !bytes[10].is_ascii_digit() {
        return text
            .get(..10)
            .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
            .and_then(midnight)
            .map(|d| d.fixed_offset());
    }
    None
}

/// The full English weekday names, in lower case, Monday first.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// True for a month name or abbreviation ("Dec", "Sept.", "march") or a full weekday name, in any case:
/// the words that start the date part of a byline. Weekday abbreviations are left out ("Sun" is also a name).
pub fn is_date_name(word: &str) -> bool {
    let lower = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    month_number(&lower).is_some() || WEEKDAYS.contains(&lower.as_str())
}

/// The month a lower-case English month name or abbreviation names (`"sept"` and `"december"` alike).
pub fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if word.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let prefix = word.get(..3)?;
    let index = MONTHS.iter().position(|m| *m == prefix)?;
    let ok = word.len() == 3 || full[index].starts_with(word) || word == "sept";
    ok.then_some(index as u32 + 1)
}

pub(super) fn expand_year(value: u32, digits: usize) -> Option<i32> {
    match digits {
        4 => Some(value as i32),
        2 => {
            let this_year = Utc::now().year() % 100;
            let value = value as i32;
            Some(if value <= this_year + 1 {
                2000 + value
            } else {
                1900 + value
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
