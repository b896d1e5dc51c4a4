//! JSON documents (an object, an array, an API dump that wraps one) and JSON Lines streams.

use std::io::{self, BufRead};
use std::path::PathBuf;

use serde_json::{Map, Value};

use super::fields::FieldMap;
use super::record::article_from_record;
use crate::article::Article;
use crate::decode::decode;
use crate::error::{Error, Result};
use crate::stream::stream_error;

/// Reads a JSON document: one object, an array of objects, or an object that wraps such an array.
pub(crate) fn read_json(path: &str, bytes: &[u8], fields: &FieldMap) -> Result<Vec<Article>> {
    let text = decode(bytes, None);
    let value: Value = serde_json::from_str(&text).map_err(|e| Error::Malformed {
        path: PathBuf::from(path),
        line: Some(e.line() as u64),
        reason: format!("invalid JSON: {e}"),
    })?;
    let records: Vec<Map<String, Value>> = match value {
        Value::Array(items) => items.into_iter().filter_map(into_object).collect(),
        Value::Object(mut object) => {
            // API dumps wrap the list: {"articles": [...]}, {"data": [...]}.
            let wrapped = ["articles", "data", "items", "results", "docs", "records", "stories"]
                .iter()
                .find(|k| {
                    object
                        .get(**k)
                        .is_some_and(|v| v.as_array().is_some_and(|a| a.iter().any(Value::is_object)))
                });
            match wrapped {
                Some(key) => match object.remove(*key) {
                    Some(Value::Array(items)) => items.into_iter().filter_map(into_object).collect(),
                    _ => Vec::new(),
                },
                None => vec![object],
            }
        }
        _ => {
            return Err(Error::Malformed {
                path: PathBuf::from(path),
                line: None,
                reason: "JSON is neither an object nor an array of objects".into(),
            })
        }
    };
    let many = records.len() > 1;
    let articles: Vec<Article> = records
        .iter()
        .enumerate()
        .filter_map(|(n, r)| article_from_record(r, fields, path, many.then_some(n as u64)))
        .collect();
    if articles.is_empty() {
        return Err(Error::NoText {
            path: PathBuf::from(path),
            record: None,
        });
    }
    Ok(articles)
}

fn into_object(value: Value) -> Option<Map<String, Value>> {
    match value {
        Value::Object(m) => Some(m),
        _ => None,
    }
}

/// JSON Lines, one record a line, streamed with a per-line cap.
pub(crate) struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    label: String,
    path: PathBuf,
    fields: FieldMap,
    max_record_bytes: u64,
    line: u64,
    record: u64,
    done: bool,
    buffer: Vec<u8>,
}

impl JsonLines {
    /// Records of `reader`, labelled `label` (the path as given), each line at most `max_record_bytes`.
    pub(crate) fn new(
        reader: Box<dyn BufRead + Send>,
        label: String,
        path: PathBuf,
        fields: FieldMap,
        max_record_bytes: u64,
    ) -> Self {
        JsonLines {
            reader,
            label,
            path,
            fields,
            max_record_bytes,
            line: 0,
            record: 0,
            done: false,
            buffer: Vec::new(),
        }
    }

    /// Reads one line into `buffer`, keeping at most the cap; `Ok(false)` at end of input.
    fn next_line(&mut self) -> io::Result<(bool, bool)> {
        self.buffer.clear();
        let cap = self.max_record_bytes as usize;
        let mut too_long = false;
        let mut any = false;
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                return Ok((any, too_long));
            }
            any = true;
            let (chunk, found) = match available.iter().position(|b| *b == b'\n') {
                Some(at) => (&available[..at + 1], true),
                None => (available, false),
            };
            let take = chunk.len();
            if self.buffer.len() + take <= cap {
                self.buffer.extend_from_slice(chunk);
            } else {
                too_long = true;
            }
            self.reader.consume(take);
            if found {
                return Ok((true, too_long));
            }
        }
    }
}

impl Iterator for JsonLines {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let (got, too_long) = match self.next_line() {
                Ok(r) => r,
                Err(e) => {
                    self.done = true;
                    return Some(Err(stream_error(&self.path, e, false)));
                }
            };
            if !got {
                self.done = true;
                return None;
            }
            self.line += 1;
            if too_long {
                return Some(Err(Error::TooLarge {
                    path: self.path.clone(),
                    what: format!("line {}", self.line),
                    limit: self.max_record_bytes,
                }));
            }
            let text = decode(&self.buffer, None);
            let trimmed = text.trim();
            if trimmed.is_empty() {
                continue;
            }
            let number = self.record;
            self.record += 1;
            let malformed = |reason: String| Error::Malformed {
                path: self.path.clone(),
                line: Some(self.line),
                reason,
            };
            let value: Value = match serde_json::from_str(trimmed) {
                Ok(v) => v,
                Err(e) => return Some(Err(malformed(format!("invalid JSON: {e}")))),
            };
            let Value::Object(object) = value else {
                return Some(Err(malformed("line is not a JSON object".into())));
            };
            return Some(
                article_from_record(&object, &self.fields, &self.label, Some(number)).ok_or(Error::NoText {
                    path: self.path.clone(),
                    record: Some(number),
                }),
            );
        }
        None
    }
}
