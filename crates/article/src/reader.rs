//! Opening files: gzip, size limits, charset decoding, and dispatch to the format readers.

use std::fs::File;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};

use crate::article::{Article, Extracted};
use crate::decode::{decode, html_declared_charset, looks_binary};
use crate::error::{Error, Result};
use crate::format::Format;
use crate::records::{csv_records, read_json, FieldMap, JsonLines};
use crate::stream::{open_stream, read_document};
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
    /// The directories being indexed (canonical): each article gets the metadata field `folder`, the
    /// directory of its file below the root it was found under ([`crate::folder_of`]). Empty: no `folder`.
    pub roots: Vec<PathBuf>,
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
    let folder = crate::folder_of(path, &options.roots);
    let records: Records = if format.is_streamed() {
        let reader = open_stream(file, gzip, options.limits.max_stream_bytes);
        streamed(reader, format, label, path.to_owned(), options)?
    } else {
        let bytes = read_document(file, gzip, path, options.limits.max_document_bytes)?;
        let articles = read_bytes(&label, &bytes, format, options)?;
        Box::new(articles.into_iter().map(Ok))
    };
    Ok(match folder {
        None => records,
        Some(folder) => Box::new(records.map(move |record| {
            record.map(|mut article| {
                // A record's own `folder` key keeps its name; the directory is added beside it.
                crate::metadata::add(&mut article.metadata, "folder", &folder);
                article
            })
        })),
    })
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
        Format::Json => read_json(path, bytes, &options.fields),
        Format::JsonLines | Format::Csv => {
            let reader: Box<dyn BufRead + Send> = Box::new(io::Cursor::new(bytes.to_vec()));
            let records = streamed(reader, format, path.to_owned(), owned_path(), options)?;
            let all: Vec<Result<Article>> = records.collect();
            let good: Vec<Article> = all.iter().filter_map(|r| r.as_ref().ok().cloned()).collect();
            match all.into_iter().find_map(|r| r.err()) {
                Some(e) if good.is_empty() => Err(e),
                _ => Ok(good),
            }
        }
    }
}

/// The records of a JSON Lines or CSV stream.
fn streamed(
    reader: Box<dyn BufRead + Send>,
    format: Format,
    label: String,
    path: PathBuf,
    options: &ReadOptions,
) -> Result<Records> {
    let fields = options.fields.clone();
    let max = options.limits.max_record_bytes;
    Ok(match format {
        Format::JsonLines => Box::new(JsonLines::new(reader, label, path, fields, max)),
        _ => Box::new(csv_records(reader, label, path, fields, max)?),
    })
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
        metadata: extracted.metadata,
        warnings: extracted.warnings,
    })
}
