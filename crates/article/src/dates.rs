//! Publication dates as real corpora write them.
//!
//! `parse_date` understands ISO 8601 (with or without time and zone), RFC 2822,
//! "March 3, 2024", "3 Mar 2024", "Tuesday, March 3, 2024 10:35 am ET",
//! "6/15/17" (US month/day/year unless the first number cannot be a month) and
//! datelines such as "Published 3 Mar 2024". [`parse_local_with`] keeps the offset the text was written
//! in (a news day is the local day: 9 pm EDT on May 4 is a May 4 story); the other parsers give UTC. A string
//! holding words that are not part of a date is not a date: callers can feed
//! whole lines without getting a date out of ordinary prose.

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
        .or_else(|| parse_words(text, order))
}

/// Finds a `/YYYY/MM/DD/` (or `/YYYY-MM-DD`, `/YYYY/MM/DD` at the end) date in a URL path.
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

/// True for a month name or abbreviation ("Dec", "Sept.", "march") or a full weekday name, in any case:
/// the words that start the date part of a byline. Weekday abbreviations are left out ("Sun" is also a name).
pub fn is_date_name(word: &str) -> bool {
    const WEEKDAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
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

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    word.len() >= 3
        && DAYS
            .iter()
            .any(|d| d.starts_with(word) || (word.len() == 4 && word.get(..3).is_some_and(|w| d.starts_with(w))))
}

fn zone_hours(word: &str) -> Option<i32> {
    Some(match word {
        "utc" | "gmt" | "z" | "wet" => 0,
        "et" | "est" => -5,
        "edt" => -4,
        "ct" | "cst" => -6,
        "cdt" => -5,
        "mt" | "mst" => -7,
        "mdt" => -6,
        "pt" | "pst" => -8,
        "pdt" => -7,
        "bst" | "cet" | "west" => 1,
        "cest" | "eet" => 2,
        "eest" | "msk" => 3,
        "ist" => return None,
        _ => return None,
    })
}

const FILLER: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "modified",
    "on",
    "at",
    "the",
    "of",
    "date",
    "dated",
    "first",
    "|",
    "-",
    "—",
    "–",
    "·",
    "•",
    "de",
    "le",
    "am",
    "pm",
    "a.m",
    "p.m",
    "time",
    "o'clock",
];

#[derive(Default)]
struct Parts {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    hour: u32,
    minute: u32,
    second: u32,
    pm: Option<bool>,
    offset_minutes: i32,
}

fn parse_words(text: &str, order: DayOrder) -> Option<DateTime<FixedOffset>> {
    let mut parts = Parts::default();
    let mut numbers: Vec<u32> = Vec::new();
    for raw in text.split(|c: char| c.is_whitespace() || c == ',') {
        let token = raw.trim_matches(|c: char| c == '(' || c == ')' || c == '.' || c == ':');
        if token.is_empty() {
            continue;
        }
        let lower = token.to_ascii_lowercase();
        let lower = lower.as_str();
        if let Some(m) = month_number(lower) {
            if parts.month.replace(m).is_some() {
                return None;
            }
        } else if is_weekday(lower) {
        } else if lower == "am" || lower == "a.m" {
            parts.pm = Some(false);
        } else if lower == "pm" || lower == "p.m" {
            parts.pm = Some(true);
        } else if FILLER.contains(&lower) {
        } else if let Some(hours) = zone_hours(lower) {
            parts.offset_minutes = hours * 60;
        } else if let Some(offset) = numeric_offset(lower) {
            parts.offset_minutes = offset;
        } else if lower.contains(':') {
            let (time, suffix) = split_suffix(lower);
            let mut fields = time.split(':').map(|f| f.parse::<u32>());
            parts.hour = fields.next()?.ok()?;
            parts.minute = fields.next()?.ok()?;
            parts.second = fields.next().transpose().ok()?.unwrap_or(0);
            match suffix {
                "am" => parts.pm = Some(false),
                "pm" => parts.pm = Some(true),
                "" => {}
                _ => return None,
            }
        } else if lower.contains('/')
            || (lower.contains('-') && lower.bytes().next()?.is_ascii_digit())
            || lower.matches('.').count() == 2
        {
            let fields: Vec<&str> = lower.split(['/', '-', '.']).collect();
            if fields.len() != 3 {
                return None;
            }
            let values: Vec<u32> = fields.iter().map(|f| f.parse::<u32>()).collect::<Result<_, _>>().ok()?;
            let (y, m, d) = if fields[0].len() == 4 {
                (values[0] as i32, values[1], values[2])
            } else {
                let (a, b) = (values[0], values[1]);
                let (m, d) = match order {
                    DayOrder::MonthFirst if a > 12 && b <= 12 => (b, a),
                    DayOrder::MonthFirst => (a, b),
                    DayOrder::DayFirst if b > 12 && a <= 12 => (a, b),
                    DayOrder::DayFirst => (b, a),
                };
                (expand_year(values[2], fields[2].len())?, m, d)
            };
            if parts.year.replace(y).is_some() {
                return None;
            }
            parts.month = Some(m);
            parts.day = Some(d);
        } else {
            let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &lower[digits.len()..];
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
                return None;
            }
            numbers.push(digits.parse().ok()?);
            if digits.len() == 4 && suffix.is_empty() {
                if parts.year.replace(digits.parse().ok()?).is_some() {
                    return None;
                }
                numbers.pop();
            }
        }
    }
    if parts.day.is_none() {
        match numbers.as_slice() {
            [day] => parts.day = Some(*day),
            [day, year] if parts.year.is_none() && parts.month.is_some() => {
                parts.day = Some(*day);
                parts.year = expand_year(*year, 2);
            }
            _ => return None,
        }
    } else if !numbers.is_empty() {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(parts.year?, parts.month?, parts.day?)?;
    let mut hour = parts.hour;
    match parts.pm {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    let time = NaiveTime::from_hms_opt(hour, parts.minute, parts.second)?;
    let offset = FixedOffset::east_opt(parts.offset_minutes * 60)?;
    offset.from_local_datetime(&date.and_time(time)).single()
}

fn split_suffix(token: &str) -> (&str, &str) {
    let end = token.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    (end, token[end.len()..].trim_end_matches('.').trim_matches('.'))
}

fn numeric_offset(token: &str) -> Option<i32> {
    let sign = match token.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = token[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    Some(sign * (hours * 60 + minutes))
}

fn expand_year(value: u32, digits: usize) -> Option<i32> {
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
mod tests {
    use super::*;

    fn day(text: &str) -> Option<String> {
        parse_date(text).map(|d| d.format("%Y-%m-%d").to_string())
    }

    fn instant(text: &str) -> Option<String> {
        parse_date(text).map(|d| d.to_rfc3339())
    }

    #[test]
    fn iso_forms() {
        assert_eq!(day("2016-09-20").as_deref(), Some("2016-09-20"));
        assert_eq!(
            instant("2024-03-03T14:00:00Z").as_deref(),
            Some("2024-03-03T14:00:00+00:00")
        );
        assert_eq!(
            instant("2024-03-03T14:00:00-05:00").as_deref(),
            Some("2024-03-03T19:00:00+00:00")
        );
        assert_eq!(
            instant("2024-03-03T14:00:00.123+0100").as_deref(),
            Some("2024-03-03T13:00:00.123+00:00")
        );
        assert_eq!(
            instant("2024-03-03 14:00:00").as_deref(),
            Some("2024-03-03T14:00:00+00:00")
        );
        assert_eq!(day("2024/03/03").as_deref(), Some("2024-03-03"));
    }

    #[test]
    fn local_day_is_the_written_day() {
        let local = |t: &str| parse_local_with(t, DayOrder::MonthFirst).map(|d| d.to_rfc3339());
        assert_eq!(
            local("2023-05-04T21:00:00-04:00").as_deref(),
            Some("2023-05-04T21:00:00-04:00")
        );
        assert_eq!(
            local("Dec. 21, 2023 11:00 pm EST").as_deref(),
            Some("2023-12-21T23:00:00-05:00")
        );
        assert_eq!(local("2023-12-21").as_deref(), Some("2023-12-21T00:00:00+00:00"));
        assert_eq!(day("2023-05-04T21:00:00-04:00").as_deref(), Some("2023-05-05"));
    }

    #[test]
    fn rfc2822() {
        assert_eq!(
            instant("Tue, 05 Mar 2024 14:00:00 +0000").as_deref(),
            Some("2024-03-05T14:00:00+00:00")
        );
    }

    #[test]
    fn written_out() {
        assert_eq!(day("March 3, 2024").as_deref(), Some("2024-03-03"));
        assert_eq!(day("3 Mar 2024").as_deref(), Some("2024-03-03"));
        assert_eq!(day("Mar. 3, 2024").as_deref(), Some("2024-03-03"));
        assert_eq!(day("Published 3 Mar 2024").as_deref(), Some("2024-03-03"));
        assert_eq!(day("Sept. 21st, 2019").as_deref(), Some("2019-09-21"));
        assert_eq!(
            instant("Tuesday, March 5, 2024 10:35 am ET").as_deref(),
            Some("2024-03-05T15:35:00+00:00")
        );
        assert_eq!(
            instant("20 Dec 2023 10:35pm").as_deref(),
            Some("2023-12-20T22:35:00+00:00")
        );
    }

    #[test]
    fn numeric_orders() {
        assert_eq!(day("6/15/17").as_deref(), Some("2017-06-15"));
        assert_eq!(day("15/6/2017").as_deref(), Some("2017-06-15"));
        assert_eq!(
            parse_date_with("03/04/2024", DayOrder::DayFirst).map(|d| d.format("%m-%d").to_string()),
            Some("04-03".into())
        );
    }

    #[test]
    fn prose_is_not_a_date() {
        assert_eq!(day("Ad sales boost Time Warner profit"), None);
        assert_eq!(day("The 2 senators met in March 2024"), None);
        assert_eq!(day("2024"), None);
        assert_eq!(day("Senate votes 51-49"), None);
        assert_eq!(day(""), None);
    }

    #[test]
    fn impossible_and_absurd() {
        assert_eq!(day("2024-02-30"), None);
        assert!(matches!(parse_published("0001-11-30"), Err(DateError::OutOfRange(_))));
        assert!(matches!(parse_published("2050-01-01"), Err(DateError::OutOfRange(_))));
        assert!(parse_published("1899-12-31").is_err());
        assert!(parse_published("2019-01-01").unwrap().is_some());
    }

    #[test]
    fn junk_after_a_date_is_not_a_date() {
        assert_eq!(day("2022-02-112023-06-08"), None);
        assert_eq!(day("Mär 3 2024"), None);
        assert_eq!(day("Tüesday"), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            date_in_url("https://x.com/2022/06/14/politics/vote.html").map(|d| d.format("%F").to_string()),
            Some("2022-06-14".into())
        );
        assert_eq!(
            date_in_url("https://x.com/news/2021-02-03-story").map(|d| d.format("%F").to_string()),
            Some("2021-02-03".into())
        );
        assert_eq!(date_in_url("https://x.com/news/story-123"), None);
        assert_eq!(
            date_in_url("https://x.com/article/2023/dec/21/a-story/").map(|d| d.format("%F").to_string()),
            Some("2023-12-21".into())
        );
        assert_eq!(date_in_url("https://x.com/2023/december-recap/21/"), None);
    }
}
