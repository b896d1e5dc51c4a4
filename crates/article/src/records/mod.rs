//! JSON, JSON Lines and CSV: records whose fields name the article's parts in many ways.
//!
//! [`fields`] maps record keys to article fields, [`record`] turns one record into an article, and
//! [`json`] and [`csv`] split a file into records.

mod csv;
mod fields;
mod json;
mod record;

pub(crate) use self::csv::csv_records;
pub use fields::{Field, FieldMap};
pub(crate) use json::{read_json, JsonLines};
pub use record::{article_from_record, authors_of};
