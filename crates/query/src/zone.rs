//! The time zone whose calendar days the date filters and timelines count in (`--tz`, as Elasticsearch's
//! `time_zone` on range queries and date histograms).
//!
//! The index holds each publication date as an instant (UTC). Without a zone a day is a UTC day: an article
//! published at 9 pm EDT on May 4 (01:00 UTC on May 5) is counted on May 5. `--tz America/New_York` counts it on
//! May 4, with day boundaries that follow daylight saving time; a fixed offset (`-05:00`) never shifts.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Offset, TimeZone, Utc};

const SECONDS_PER_DAY: i64 = 86_400;

/// A time zone: UTC, a fixed offset from it, or an IANA zone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Zone {
    /// Coordinated Universal Time (the default).
    #[default]
    Utc,
    /// A fixed offset from UTC (`+05:30`, `-04:00`).
    Fixed(FixedOffset),
    /// A zone of the IANA database (`Europe/Berlin`), whose offset changes with daylight saving time.
    Named(chrono_tz::Tz),
}

impl Zone {
    /// Reads `UTC`, `Z`, an offset (`+05:30`, `-0400`, `+5`, `UTC+2`) or an IANA name (`America/New_York`,
    /// case-insensitive). The error says what is accepted.
    pub fn parse(text: &str) -> Result<Zone, String> {
        let text = text.trim();
        let expected = || {
            format!("unknown time zone '{text}': expected UTC, an offset such as +05:30 or -04:00, or an IANA name such as America/New_York")
        };
        let upper = text.to_ascii_uppercase();
        if matches!(upper.as_str(), "UTC" | "Z" | "GMT" | "ETC/UTC" | "UCT") {
            return Ok(Zone::Utc);
        }
        let offset = upper
            .strip_prefix("UTC")
            .or_else(|| upper.strip_prefix("GMT"))
            .unwrap_or(&upper);
        if offset.starts_with(['+', '-']) {
            return parse_offset(offset)
                .map(|o| {
                    if o.local_minus_utc() == 0 {
                        Zone::Utc
                    } else {
                        Zone::Fixed(o)
                    }
                })
                .ok_or_else(expected);
        }
        text.parse::<chrono_tz::Tz>()
            .ok()
            .or_else(|| {
                chrono_tz::TZ_VARIANTS
                    .iter()
                    .copied()
                    .find(|z| z.name().eq_ignore_ascii_case(text))
            })
            .map(Zone::Named)
            .ok_or_else(expected)
    }

    /// Seconds since 1970 of the first instant of `day` in this zone (local midnight, or the first local time
    /// that exists when a daylight-saving jump skips midnight).
    pub fn day_start(self, day: NaiveDate) -> i64 {
        let midnight = day.and_time(NaiveTime::MIN);
        match self {
            Zone::Utc => midnight.and_utc().timestamp(),
            Zone::Fixed(offset) => midnight.and_utc().timestamp() - i64::from(offset.local_minus_utc()),
            Zone::Named(tz) => {
                // A jump skips at most a few hours: the first hour that exists starts the day.
                (0..=3)
                    .find_map(|h| {
                        tz.from_local_datetime(&(midnight + chrono::Duration::hours(h)))
                            .earliest()
                    })
                    .map_or_else(|| midnight.and_utc().timestamp(), |d| d.timestamp())
            }
        }
    }

    /// The local day of the instant `secs` (seconds since 1970), as days since 1970-01-01.
    pub fn day_number(self, secs: i64) -> i64 {
        (secs + i64::from(self.offset_at(secs))).div_euclid(SECONDS_PER_DAY)
    }

    /// Seconds east of UTC at the instant `secs`.
    fn offset_at(self, secs: i64) -> i32 {
        match self {
            Zone::Utc => 0,
            Zone::Fixed(offset) => offset.local_minus_utc(),
            Zone::Named(tz) => DateTime::<Utc>::from_timestamp(secs, 0).map_or(0, |d| {
                tz.offset_from_utc_datetime(&d.naive_utc()).fix().local_minus_utc()
            }),
        }
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Zone::Utc => f.write_str("UTC"),
            Zone::Fixed(offset) => write!(f, "{offset}"),
            Zone::Named(tz) => f.write_str(tz.name()),
        }
    }
}

/// `+05:30`, `-0400`, `+5`: hours up to 14, minutes under 60.
fn parse_offset(text: &str) -> Option<FixedOffset> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (hours, minutes) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() > 2 => rest.split_at(rest.len() - 2),
        None => (rest, "0"),
    };
    if hours.is_empty() || !hours.bytes().chain(minutes.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes): (i32, i32) = (hours.parse().ok()?, minutes.parse().ok()?);
    if hours > 14 || minutes >= 60 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn secs(rfc3339: &str) -> i64 {
        DateTime::parse_from_rfc3339(rfc3339).unwrap().timestamp()
    }

    #[test]
    fn reads_names_and_offsets() {
        assert_eq!(Zone::parse("UTC"), Ok(Zone::Utc));
        assert_eq!(Zone::parse("+00:00"), Ok(Zone::Utc));
        assert_eq!(
            Zone::parse("america/new_york").map(|z| z.to_string()).as_deref(),
            Ok("America/New_York")
        );
        assert_eq!(Zone::parse("-04:00").map(|z| z.to_string()).as_deref(), Ok("-04:00"));
        assert_eq!(Zone::parse("+0530").map(|z| z.to_string()).as_deref(), Ok("+05:30"));
        assert_eq!(Zone::parse("UTC+2").map(|z| z.to_string()).as_deref(), Ok("+02:00"));
        for bad in ["Mars/Olympus", "+25:00", "+05:75", "", "+", "EST5EDT6"] {
            let error = Zone::parse(bad).err().unwrap_or_default();
            assert!(error.contains("expected UTC"), "{bad}: {error}");
        }
    }

    #[test]
    fn the_local_day_of_an_instant() {
        // 9 pm EDT on May 4 is 01:00 UTC on May 5.
        let evening = secs("2023-05-04T21:00:00-04:00");
        let may4 = day("2023-05-04") - day("1970-01-01");
        assert_eq!(Zone::Utc.day_number(evening), may4.num_days() + 1);
        let new_york = Zone::parse("America/New_York").unwrap();
        assert_eq!(new_york.day_number(evening), may4.num_days());
        assert_eq!(Zone::parse("-04:00").unwrap().day_number(evening), may4.num_days());
        assert_eq!(
            Zone::parse("Asia/Tokyo").unwrap().day_number(evening),
            may4.num_days() + 1
        );
    }

    #[test]
    fn day_starts_follow_daylight_saving() {
        let new_york = Zone::parse("America/New_York").unwrap();
        assert_eq!(new_york.day_start(day("2023-01-10")), secs("2023-01-10T05:00:00Z"));
        assert_eq!(new_york.day_start(day("2023-07-10")), secs("2023-07-10T04:00:00Z"));
        assert_eq!(Zone::Utc.day_start(day("2023-07-10")), secs("2023-07-10T00:00:00Z"));
        // São Paulo's clocks jumped from midnight to 1 am on 2018-11-04: that day starts at 1 am local.
        let sao_paulo = Zone::parse("America/Sao_Paulo").unwrap();
        assert_eq!(
            sao_paulo.day_start(day("2018-11-04")),
            secs("2018-11-04T01:00:00-02:00")
        );
    }
}
