//! Output: [`human`] for the terminal, [`json`] for machines (the wire types of `lede::wire`), [`csv`] for
//! spreadsheets, [`svg`] for charts, one [`style`] palette for colour.

pub mod csv;
pub mod human;
pub mod json;
mod style;
pub mod svg;

use chrono::{DateTime, SecondsFormat, Utc};

/// RFC 3339 in UTC with a `Z`.
pub fn rfc3339(date: &DateTime<Utc>) -> String {
    date.to_rfc3339_opts(SecondsFormat::Secs, true)
}
