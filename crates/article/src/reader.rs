//! Opening files: gzip, size limits, charset decoding, and dispatch to the format readers.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::article::{Article, Extracted};
use crate::decode::{decode, html_declared_charset, looks_binary};
use crate::error::{Error, Result};
use crate::format::Format;
use crate::records::{article_from_record, FieldMap};
use crate::{html, text};

/// Size limits that keep memory bounded whatever the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A whole-document file (txt, md, html, json), after decompression.
    pub max_document_bytes: u64,
    /// One JSONL line or CSV row.
    pub max_record_bytes: u64,
    /// A streamed file (jsonl, csv) after decompression: the gzip-bomb cap.
    pub max_stream_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_document_bytes: 32 << 20,
            max_record_bytes: 16 << 20,
            max_stream_bytes: 8 << 30,
        }
    }
}

/// How files are read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Record field names (`--field body=story_text`).
    pub fields: FieldMap,
    /// Size limits.
    pub limits: Limits,
}

/// The articles of one file, in order; a broken record is an `Err` and the
/// stream goes on with the next one where the format allows it.
pub type Records = Box<dyn Iterator<Item = Result<Article>> + Send>;

/// Reads `path`, whose format is detected from its name.
///
/// Returns `Err` when the file as a whole cannot be read (unsupported files are
/// the caller's business: check [`Format::detect`] first).
pub fn read_file(path: &Path, options: &ReadOptions) -> Result<Records> {
    let (format, gzip) = Format::detect(path).ok_or_else(|| Error::Malformed {
        path: path.to_owned(),
        line: None,
        reason: "unsupported file type (lede reads .txt .md .html .htm .json .jsonl .ndjson .csv, optionally .gz)"
            .into(),
    })?;
    read_file_as(path, format, gzip, options)
}

/// Reads `path` as `format`.
pub fn read_file_as(path: &Path, format: Format, gzip: bool, options: &ReadOptions) -> Result<Records> {
    let io_err = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io_err)?;
    if !meta.is_file() {
        return Err(Error::NotAFile { path: path.to_owned() });
    }
    let file = File::open(path).map_err(io_err)?;
    let label = path.to_string_lossy().into_owned();
    if format.is_streamed() {
        let reader = open_stream(file, gzip, path, options.limits.max_stream_bytes);
        return Ok(match format {
            Format::JsonLines => Box::new(JsonLines::new(reader, label, path.to_owned(), options.clone())),
            _ => csv_records(reader, label, path.to_owned(), options.clone())?,
        });
    }
    let bytes = read_document(file, gzip, path, options.limits.max_document_bytes)?;
    let articles = read_bytes(&label, &bytes, format, options)?;
    Ok(Box::new(articles.into_iter().map(Ok)))
}

/// Reads a whole document held in memory (no gzip), as `format`.
///
/// JSON arrays give several articles; other formats one.
pub fn read_bytes(path: &str, bytes: &[u8], format: Format, options: &ReadOptions) -> Result<Vec<Article>> {
    let owned_path = || PathBuf::from(path);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty { path: owned_path() });
    }
    if looks_binary(bytes) {
        return Err(Error::Binary { path: owned_path() });
    }
    match format {
        Format::Text | Format::Markdown => {
            let text = decode(bytes, None);
            Ok(vec![finish(path, text::read_text(&text, format == Format::Markdown))?])
        }
        Format::Html => {
            let charset = html_declared_charset(bytes);
            let text = decode(bytes, charset.as_deref());
            Ok(vec![finish(path, html::read_html(&text))?])
        }
        Format::Json => read_json(path, bytes, options),
        Format::JsonLines | Format::Csv => {
            let reader: Box<dyn BufRead + Send> = Box::new(io::Cursor::new(bytes.to_vec()));
            let records: Records = if format == Format::JsonLines {
                Box::new(JsonLines::new(reader, path.to_owned(), owned_path(), options.clone()))
            } else {
                csv_records(reader, path.to_owned(), owned_path(), options.clone())?
            };
            let all: Vec<Result<Article>> = records.collect();
            let good: Vec<Article> = all.iter().filter_map(|r| r.as_ref().ok().cloned()).collect();
            match all.into_iter().find_map(|r| r.err()) {
                Some(e) if good.is_empty() => Err(e),
                _ => Ok(good),
            }
        }
    }
}

fn finish(path: &str, extracted: Extracted) -> Result<Article> {
    if extracted.headline.trim().is_empty() && extracted.body.trim().is_empty() {
        return Err(Error::NoText {
            path: PathBuf::from(path),
            record: None,
        });
    }
    let mut published = extracted.published.map(|d| d.with_timezone(&chrono::Utc));
    if published.is_none() {
        published = extracted
            .url
            .as_deref()
            .and_then(crate::dates::date_in_url)
            .and_then(|d| crate::dates::check_range(d).ok());
    }
    let language = extracted.language.or_else(|| crate::language::detect(&extracted.body));
    Ok(Article {
        id: extracted
            .id
            .or_else(|| extracted.url.clone())
            .unwrap_or_else(|| path.to_owned()),
        path: path.to_owned(),
        record: None,
        headline: extracted.headline,
        dek: extracted.dek,
        body: extracted.body,
        published,
        authors: extracted.authors,
        source: extracted.source,
        url: extracted.url,
        language,
        entities: Default::default(),
        warnings: extracted.warnings,
    })
}

fn read_json(path: &str, bytes: &[u8], options: &ReadOptions) -> Result<Vec<Article>> {
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
        .filter_map(|(n, r)| article_from_record(r, &options.fields, path, many.then_some(n as u64)))
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

/// A reader that fails once more than `limit` bytes have come through.
struct Capped<R> {
    inner: R,
    remaining: u64,
    limit: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.remaining == 0 {
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::other(CapExceeded(self.limit))),
            };
        }
        let max = buf.len().min(self.remaining.min(usize::MAX as u64) as usize);
        let n = self.inner.read(&mut buf[..max])?;
        self.remaining -= n as u64;
        Ok(n)
    }
}

#[derive(Debug)]
struct CapExceeded(u64);

impl std::fmt::Display for CapExceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "more than {} bytes", self.0)
    }
}

impl std::error::Error for CapExceeded {}

fn open_stream(file: File, gzip: bool, _path: &Path, limit: u64) -> Box<dyn BufRead + Send> {
    let raw: Box<dyn Read + Send> = if gzip {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::with_capacity(
            1 << 16,
            file,
        )))
    } else {
        Box::new(file)
    };
    Box::new(BufReader::with_capacity(
        1 << 16,
        Capped {
            inner: raw,
            remaining: limit,
            limit,
        },
    ))
}

/// Maps a read error to the crate error, telling gzip damage and size caps apart.
fn stream_error(path: &Path, error: io::Error, gzip_hint: bool) -> Error {
    if let Some(cap) = error.get_ref().and_then(|e| e.downcast_ref::<CapExceeded>()) {
        return Error::TooLarge {
            path: path.to_owned(),
            what: "decompressed content".into(),
            limit: cap.0,
        };
    }
    let gzipped = gzip_hint || path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    if gzipped
        && matches!(
            error.kind(),
            io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData
        )
    {
        let reason = if error.kind() == io::ErrorKind::UnexpectedEof {
            "truncated (ends before the gzip trailer)".to_owned()
        } else {
            error.to_string()
        };
        return Error::Gzip {
            path: path.to_owned(),
            reason,
        };
    }
    Error::Io {
        path: path.to_owned(),
        source: error,
    }
}

fn read_document(file: File, gzip: bool, path: &Path, limit: u64) -> Result<Vec<u8>> {
    let mut reader = open_stream(file, gzip, path, limit);
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| match stream_error(path, e, gzip) {
            Error::TooLarge { path, limit, .. } => Error::TooLarge {
                path,
                what: "document".into(),
                limit,
            },
            other => other,
        })?;
    Ok(bytes)
}

/// JSON Lines, one record a line, streamed with a per-line cap.
struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    label: String,
    path: PathBuf,
    options: ReadOptions,
    line: u64,
    record: u64,
    done: bool,
    buffer: Vec<u8>,
}

impl JsonLines {
    fn new(reader: Box<dyn BufRead + Send>, label: String, path: PathBuf, options: ReadOptions) -> Self {
        JsonLines {
            reader,
            label,
            path,
            options,
            line: 0,
            record: 0,
            done: false,
            buffer: Vec::new(),
        }
    }

    /// Reads one line into `buffer`, keeping at most the cap; `Ok(false)` at end of input.
    fn next_line(&mut self) -> io::Result<(bool, bool)> {
        self.buffer.clear();
        let cap = self.options.limits.max_record_bytes as usize;
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
                    limit: self.options.limits.max_record_bytes,
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
                article_from_record(&object, &self.options.fields, &self.label, Some(number)).ok_or(Error::NoText {
                    path: self.path.clone(),
                    record: Some(number),
                }),
            );
        }
        None
    }
}

fn csv_records(reader: Box<dyn BufRead + Send>, label: String, path: PathBuf, options: ReadOptions) -> Result<Records> {
    let mut csv = csv::ReaderBuilder::new()
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
    let max_record = options.limits.max_record_bytes as usize;
    let iter = csv.into_byte_records().map(move |row| {
        let this = number;
        number += 1;
        let row = row.map_err(|e| {
            let line = e.position().map(|p| p.line());
            match e.into_kind() {
                csv::ErrorKind::Io(io) => stream_error(&path, io, false),
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
        article_from_record(&object, &options.fields, &label, Some(this)).ok_or(Error::NoText {
            path: path.clone(),
            record: Some(this),
        })
    });
    Ok(Box::new(iter))
}
