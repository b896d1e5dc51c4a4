//! CSV exports: a header row names the columns, quoted cells may span lines.

use std::io::BufRead;
use std::path::PathBuf;

use serde_json::{Map, Value};

use super::fields::FieldMap;
use super::record::article_from_record;
use crate::article::Article;
use crate::decode::decode;
use crate::error::{Error, Result};
use crate::stream::stream_error;

/// The rows of a CSV stream with a header row, each at most `max_record_bytes`.
pub(crate) fn csv_records(
    reader: Box<dyn BufRead + Send>,
    label: String,
    path: PathBuf,
    fields: FieldMap,
    max_record_bytes: u64,
) -> Result<impl Iterator<Item = Result<Article>> + Send> {
    let mut csv = ::csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(reader);
    let headers: Vec<String> = match csv.headers() {
        Ok(h) => h
            .iter()
            .map(|s| s.trim().trim_start_matches('\u{feff}').to_owned())
            .collect(),
        Err(e) => {
            return Err(Error::Malformed {
                path,
                line: Some(1),
                reason: format!("no CSV header row: {e}"),
            })
        }
    };
    if headers.iter().all(String::is_empty) {
        return Err(Error::Malformed {
            path,
            line: Some(1),
            reason: "empty CSV header row".into(),
        });
    }
    let mut number = 0u64;
    let max_record = max_record_bytes as usize;
    let iter = csv.into_byte_records().map(move |row| {
        let this = number;
        number += 1;
        let row = row.map_err(|e| {
            let line = e.position().map(|p| p.line());
            match e.into_kind() {
                ::csv::ErrorKind::Io(io) => stream_error(&path, io, false),
                other => Error::Malformed {
                    path: path.clone(),
                    line,
                    reason: format!("bad CSV row: {other:?}"),
                },
            }
        })?;
        let line = row.position().map(|p| p.line());
        if row.as_slice().len() > max_record {
            return Err(Error::TooLarge {
                path: path.clone(),
                what: format!("CSV row at line {}", line.unwrap_or(0)),
                limit: max_record as u64,
            });
        }
        let mut object = Map::new();
        for (i, cell) in row.iter().enumerate() {
            let key = headers.get(i).cloned().unwrap_or_else(|| format!("column{}", i + 1));
            object.insert(key, Value::String(decode(cell, None)));
        }
        article_from_record(&object, &fields, &label, Some(this)).ok_or(Error::NoText {
            path: path.clone(),
            record: Some(this),
        })
    });
    Ok(iter)
}
