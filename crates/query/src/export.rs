//! Exporting the index for engines that scale out: Quickwit (NDJSON) and OpenSearch (the `_bulk` format).
//!
//! The export streams: segments in order, stored documents in doc-id order (deleted ones skipped), one article
//! in memory at a time. The same index exported twice gives the same bytes. The only whole-index pass is the
//! near-duplicate clustering of [`crate::duplicates`], which reads the fingerprint fast field (a few dozen bytes
//! per article, no text) and the stored ids of the articles that have a copy.
//!
//! Lives in `lede-query` rather than `lede-indexer` because the `dup_cluster` field is the clustering of
//! `lede dups`, which this crate owns.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::SecondsFormat;
use lede_indexer::{column, fingerprint_of, from_document};
use serde::{Deserialize, Serialize};
use tantivy::TantivyDocument;

use crate::dups::{duplicates, DupOptions};
use crate::search::{Engine, SearchRequest};

/// How exported articles are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportFormat {
    /// One article per line (Quickwit's ingest format).
    Ndjson,
    /// OpenSearch/Elasticsearch `_bulk`: an `index` action line naming the article's id, then the article, so
    /// that ingesting a re-export replaces rather than duplicates.
    OpenSearchBulk {
        /// The `_index` of every action.
        index: String,
    },
}

impl ExportFormat {
    /// File name ending of a chunk in this format (`lede-00000.ndjson`, `lede-00000.bulk.ndjson`).
    pub fn extension(&self) -> &'static str {
        match self {
            ExportFormat::Ndjson => "ndjson",
            ExportFormat::OpenSearchBulk { .. } => "bulk.ndjson",
        }
    }
}

/// How a target engine should index an exported field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// One exact value (a string): Quickwit `text` with the `raw` tokenizer, OpenSearch `keyword`.
    Keyword,
    /// A list of exact values (an array of strings): Quickwit `array<text>` raw, OpenSearch `keyword`.
    Keywords,
    /// Prose (a string): English stemming with positions and field norms; OpenSearch `text` with `english`.
    Text,
    /// RFC 3339 UTC with seconds (`2016-09-20T00:00:00Z`): Quickwit `datetime`, OpenSearch `date`.
    Date,
    /// The corpus's metadata fields, an object of lists of exact values (`{"bias_text": ["left"]}`): Quickwit
    /// `json` with the `raw` tokenizer, OpenSearch `object` whose strings are mapped as `keyword`.
    Object,
}

/// One field of an exported article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportField {
    /// JSON key.
    pub name: &'static str,
    /// How to index it.
    pub kind: ExportKind,
    /// lede filters, counts, sorts or collapses on it, so the target needs it columnar (Quickwit `fast`).
    pub fast: bool,
    /// Every exported article has it.
    pub required: bool,
}

const fn field(name: &'static str, kind: ExportKind, fast: bool, required: bool) -> ExportField {
    ExportField {
        name,
        kind,
        fast,
        required,
    }
}

/// The fields of an exported article, in the order they are written. `deploy/quickwit/lede-index.yaml` and
/// `deploy/opensearch/lede-mapping.json` map exactly these (a test keeps them in step). Each is named after the
/// index column it comes from; `dup_cluster` is computed by the export.
pub const EXPORT_FIELDS: &[ExportField] = &[
    field(column::ID, ExportKind::Keyword, true, true),
    field(column::HEADLINE, ExportKind::Text, false, false),
    field(column::DEK, ExportKind::Text, false, false),
    field(column::BODY, ExportKind::Text, false, false),
    field(column::PUBLISHED, ExportKind::Date, true, false),
    field(column::PERSON, ExportKind::Keywords, true, false),
    field(column::ORGANIZATION, ExportKind::Keywords, true, false),
    field(column::LOCATION, ExportKind::Keywords, true, false),
    field(column::SOURCE, ExportKind::Keyword, true, false),
    field(column::AUTHORS, ExportKind::Keywords, true, false),
    field(column::URL, ExportKind::Keyword, false, false),
    field(column::LANGUAGE, ExportKind::Keyword, true, false),
    field(column::PATH, ExportKind::Keyword, false, false),
    field(column::FINGERPRINT, ExportKind::Keyword, false, false),
    field("dup_cluster", ExportKind::Keyword, true, true),
    field(column::METADATA, ExportKind::Object, true, false),
];

/// One exported article. Unknown values are left out, never written as `""`, `[]` or `null`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedArticle {
    /// Stable id (the `_id` in OpenSearch).
    pub id: String,
    /// Headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// Subheadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dek: Option<String>,
    /// Body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// RFC 3339 UTC, seconds (`2016-09-20T00:00:00Z`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Canonical person names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub person: Vec<String>,
    /// Canonical organisation names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organization: Vec<String>,
    /// Canonical place names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub location: Vec<String>,
    /// Outlet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Authors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Language code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// File the article came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The body's 64-bit SimHash as 16 hex digits (absent for bodies under three words).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// Near-duplicate cluster: the id of the cluster's earliest article (as `lede dups` finds clusters), the
    /// article's own id when it has no copy. Never absent: OpenSearch's `collapse` puts every article without a
    /// value into one group.
    pub dup_cluster: String,
    /// The corpus's own fields, as written (`lede parse` shows them).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub metadata: std::collections::BTreeMap<String, Vec<String>>,
}

fn present(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

fn present_all(values: Vec<String>) -> Vec<String> {
    values.into_iter().filter(|v| !v.trim().is_empty()).collect()
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExportSummary {
    /// Articles written.
    pub articles: u64,
    /// Articles without a publication date (Quickwit rejects them: `published` is its timestamp field).
    pub undated: u64,
    /// Stored documents without an id, left out (an index made by lede has none).
    pub skipped_without_id: u64,
    /// Near-duplicate clusters (two articles or more).
    pub dup_clusters: u64,
    /// Articles in those clusters.
    pub articles_in_dup_clusters: u64,
    /// Bytes handed to the sink.
    pub bytes: u64,
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the index failed.
    #[error(transparent)]
    Read(#[from] crate::Error),
    /// The sink could not take a record.
    #[error("writing the export: {0}")]
    Write(#[source] io::Error),
}

impl From<tantivy::TantivyError> for ExportError {
    fn from(error: tantivy::TantivyError) -> ExportError {
        ExportError::Read(crate::Error::Tantivy(error))
    }
}

/// `{"index":{"_index":…,"_id":…}}`: index or replace the document with this id.
#[derive(Serialize)]
struct BulkAction<'a> {
    index: BulkTarget<'a>,
}

#[derive(Serialize)]
struct BulkTarget<'a> {
    #[serde(rename = "_index")]
    index: &'a str,
    #[serde(rename = "_id")]
    id: &'a str,
}

/// Cluster keys of the articles that have a near-duplicate, by article id.
fn cluster_keys(engine: &Engine, summary: &mut ExportSummary) -> crate::Result<HashMap<String, String>> {
    let report = duplicates(engine, &SearchRequest::new(""), DupOptions::default(), usize::MAX)?;
    let mut keys = HashMap::new();
    for cluster in report.clusters {
        // The earliest article names the cluster (undated ones last, ties by id): independent of segment layout.
        let Some(lead) = cluster
            .members
            .iter()
            .min_by(|a, b| {
                (a.published.is_none(), a.published, &a.id).cmp(&(b.published.is_none(), b.published, &b.id))
            })
            .map(|m| m.id.clone())
        else {
            continue;
        };
        summary.dup_clusters += 1;
        summary.articles_in_dup_clusters += cluster.members.len() as u64;
        for member in cluster.members {
            keys.insert(member.id, lead.clone());
        }
    }
    Ok(keys)
}

/// Streams every article of `engine`'s last commit to `sink`, one record per call: a line for
/// [`ExportFormat::Ndjson`], an action line and a document line for [`ExportFormat::OpenSearchBulk`]. A record
/// always ends with a newline, so records can be cut into files anywhere between calls.
///
/// Order: segments in index order, documents in doc-id order; an unchanged index exports to the same bytes.
///
/// ```
/// use lede_indexer::{index_paths, IndexOptions};
/// use lede_query::{export, Engine, ExportFormat};
///
/// let corpus = tempfile::tempdir().unwrap();
/// std::fs::write(corpus.path().join("a.txt"), "Senate passes budget\n\nThe Senate passed the budget.\n").unwrap();
/// let index = tempfile::tempdir().unwrap();
/// index_paths(index.path(), &[corpus.path().to_owned()], &IndexOptions::default(), &|_| {}).unwrap();
///
/// let engine = Engine::open(index.path()).unwrap();
/// let mut out = Vec::new();
/// let summary = export(&engine, &ExportFormat::Ndjson, &mut |record| {
///     out.extend_from_slice(record);
///     Ok(())
/// })
/// .unwrap();
/// assert_eq!(summary.articles, 1);
/// let line: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(line["headline"], "Senate passes budget");
/// assert!(line.get("published").is_none(), "unknown values are left out, not empty");
/// ```
pub fn export(
    engine: &Engine,
    format: &ExportFormat,
    sink: &mut dyn FnMut(&[u8]) -> io::Result<()>,
) -> Result<ExportSummary, ExportError> {
    let mut summary = ExportSummary::default();
    // Both passes read one searcher generation: the engine's reader only moves on `reload()`.
    let searcher = engine.searcher();
    let clusters = cluster_keys(engine, &mut summary)?;
    let fields = &engine.index().fields;
    let mut record: Vec<u8> = Vec::with_capacity(1 << 16);
    for segment in searcher.segment_readers() {
        let store = segment.get_store_reader(1).map_err(tantivy::TantivyError::from)?;
        for doc in store.iter::<TantivyDocument>(segment.alive_bitset()) {
            let doc = doc?;
            let fingerprint = fingerprint_of(fields, &doc);
            let mut article = from_document(fields, &doc);
            engine.aliases().canonicalise(&mut article.entities);
            if article.id.is_empty() {
                summary.skipped_without_id += 1;
                continue;
            }
            let dup_cluster = clusters.get(&article.id).cloned().unwrap_or_else(|| article.id.clone());
            let exported = ExportedArticle {
                headline: present(Some(article.headline)),
                dek: present(article.dek),
                body: present(Some(article.body)),
                published: article.published.map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true)),
                person: present_all(article.entities.person),
                organization: present_all(article.entities.organization),
                location: present_all(article.entities.location),
                source: present(article.source),
                authors: present_all(article.authors),
                url: present(article.url),
                language: present(article.language),
                path: present(Some(article.path)),
                fingerprint: (fingerprint != 0).then(|| format!("{fingerprint:016x}")),
                dup_cluster,
                metadata: article.metadata,
                id: article.id,
            };
            if exported.published.is_none() {
                summary.undated += 1;
            }
            record.clear();
            if let ExportFormat::OpenSearchBulk { index } = format {
                let action = BulkAction {
                    index: BulkTarget {
                        index,
                        id: &exported.id,
                    },
                };
                serde_json::to_writer(&mut record, &action).map_err(|e| ExportError::Write(e.into()))?;
                record.push(b'\n');
            }
            serde_json::to_writer(&mut record, &exported).map_err(|e| ExportError::Write(e.into()))?;
            record.push(b'\n');
            sink(&record).map_err(ExportError::Write)?;
            summary.articles += 1;
            summary.bytes += record.len() as u64;
        }
    }
    Ok(summary)
}

/// The files a [`ChunkWriter`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chunks {
    /// The chunk files, in order.
    pub files: Vec<PathBuf>,
    /// Records larger than the limit (each alone in its chunk, which is then over the limit).
    pub oversized_records: u64,
    /// Chunk files of an earlier, longer export into the same directory that were removed.
    pub stale_removed: Vec<PathBuf>,
}

/// Cuts records into files `lede-00000.<extension>`, `lede-00001.<extension>`, … of at most `max_bytes` each,
/// never splitting a record.
pub struct ChunkWriter {
    dir: PathBuf,
    extension: String,
    max_bytes: u64,
    current: Option<BufWriter<File>>,
    current_bytes: u64,
    chunks: Chunks,
}

/// File name prefix of chunks.
pub const CHUNK_PREFIX: &str = "lede-";

fn with_path(path: &Path, error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

impl ChunkWriter {
    /// Writes into `dir` (created when absent) chunks of at most `max_bytes` (at least 1).
    pub fn new(dir: &Path, extension: &str, max_bytes: u64) -> io::Result<ChunkWriter> {
        std::fs::create_dir_all(dir).map_err(|e| with_path(dir, e))?;
        Ok(ChunkWriter {
            dir: dir.to_owned(),
            extension: extension.to_owned(),
            max_bytes: max_bytes.max(1),
            current: None,
            current_bytes: 0,
            chunks: Chunks::default(),
        })
    }

    fn chunk_path(&self, number: usize) -> PathBuf {
        self.dir.join(format!("{CHUNK_PREFIX}{number:05}.{}", self.extension))
    }

    fn close_current(&mut self) -> io::Result<()> {
        if let Some(mut file) = self.current.take() {
            let path = self.chunks.files.last().cloned().unwrap_or_default();
            file.flush().map_err(|e| with_path(&path, e))?;
        }
        Ok(())
    }

    /// Appends one record (complete lines), starting a new chunk when it would not fit in the current one.
    pub fn write_record(&mut self, record: &[u8]) -> io::Result<()> {
        let len = record.len() as u64;
        if self.current.is_some() && self.current_bytes + len > self.max_bytes {
            self.close_current()?;
        }
        if self.current.is_none() {
            let path = self.chunk_path(self.chunks.files.len());
            let file = File::create(&path).map_err(|e| with_path(&path, e))?;
            self.current = Some(BufWriter::with_capacity(1 << 16, file));
            self.current_bytes = 0;
            self.chunks.files.push(path);
        }
        if len > self.max_bytes {
            self.chunks.oversized_records += 1;
        }
        if let Some(file) = &mut self.current {
            if let Err(e) = file.write_all(record) {
                let path = self.chunks.files.last().cloned().unwrap_or_default();
                return Err(with_path(&path, e));
            }
        }
        self.current_bytes += len;
        Ok(())
    }

    /// Flushes the last chunk and removes chunk files of this format numbered past it (left by an earlier export
    /// that needed more chunks), so that `lede-*.<extension>` is exactly this export.
    pub fn finish(mut self) -> io::Result<Chunks> {
        self.close_current()?;
        let mut number = self.chunks.files.len();
        loop {
            let path = self.chunk_path(number);
            match std::fs::remove_file(&path) {
                Ok(()) => self.chunks.stale_removed.push(path),
                Err(e) if e.kind() == io::ErrorKind::NotFound => break,
                Err(e) => return Err(with_path(&path, e)),
            }
            number += 1;
        }
        Ok(self.chunks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_article_has_exactly_the_export_fields_in_order() {
        let some = |s: &str| Some(s.to_owned());
        let article = ExportedArticle {
            id: "a".into(),
            headline: some("h"),
            dek: some("d"),
            body: some("b"),
            published: some("2016-09-20T00:00:00Z"),
            person: vec!["P".into()],
            organization: vec!["O".into()],
            location: vec!["L".into()],
            source: some("s"),
            authors: vec!["A".into()],
            url: some("u"),
            language: some("en"),
            path: some("p"),
            fingerprint: some("00000000000000ff"),
            dup_cluster: "a".into(),
            metadata: [("bias_text".to_owned(), vec!["left".to_owned()])].into(),
        };
        let json = serde_json::to_string(&article).unwrap();
        let mut positions: Vec<usize> = Vec::new();
        for f in EXPORT_FIELDS {
            let at = json.find(&format!("\"{}\":", f.name));
            assert!(at.is_some(), "{} missing from {json}", f.name);
            positions.extend(at);
        }
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "fields out of order: {json}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value.as_object().map(|o| o.len()), Some(EXPORT_FIELDS.len()));
    }

    #[test]
    fn the_documented_example_runs() {
        use lede_indexer::{index_paths, IndexOptions};
        let corpus = tempfile::tempdir().unwrap();
        std::fs::write(
            corpus.path().join("a.txt"),
            "Senate passes budget\n\nThe Senate passed the budget.\n",
        )
        .unwrap();
        let index = tempfile::tempdir().unwrap();
        index_paths(
            index.path(),
            &[corpus.path().to_owned()],
            &IndexOptions::default(),
            &|_| {},
        )
        .unwrap();
        let engine = Engine::open(index.path()).unwrap();
        let mut out = Vec::new();
        let format = ExportFormat::OpenSearchBulk { index: "news".into() };
        let summary = export(&engine, &format, &mut |record| {
            out.extend_from_slice(record);
            Ok(())
        })
        .unwrap();
        assert_eq!((summary.articles, summary.undated), (1, 1));
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["index"]["_index"], "news");
        assert_eq!(lines[0]["index"]["_id"], lines[1]["id"]);
        assert_eq!(lines[1]["headline"], "Senate passes budget");
        assert!(lines[1].get("published").is_none());
    }

    #[test]
    fn unknown_values_are_left_out() {
        let article = ExportedArticle {
            id: "a".into(),
            dup_cluster: "a".into(),
            headline: present(Some("  ".into())),
            authors: present_all(vec![String::new()]),
            ..ExportedArticle::default()
        };
        assert_eq!(
            serde_json::to_string(&article).unwrap(),
            r#"{"id":"a","dup_cluster":"a"}"#
        );
    }

    #[test]
    fn chunks_hold_whole_records_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = ChunkWriter::new(dir.path(), "ndjson", 10).unwrap();
        for record in ["aaaa\n", "bbbb\n", "cccc\n", "dddddddddddddd\n", "e\n"] {
            writer.write_record(record.as_bytes()).unwrap();
        }
        let chunks = writer.finish().unwrap();
        let read: Vec<String> = chunks
            .files
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        assert_eq!(read, ["aaaa\nbbbb\n", "cccc\n", "dddddddddddddd\n", "e\n"]);
        assert_eq!(chunks.oversized_records, 1);
        assert!(chunks.files[0].ends_with("lede-00000.ndjson"));

        // A shorter export into the same directory leaves no chunk of the longer one behind.
        let mut writer = ChunkWriter::new(dir.path(), "ndjson", 100).unwrap();
        writer.write_record(b"x\n").unwrap();
        let chunks = writer.finish().unwrap();
        assert_eq!(chunks.files.len(), 1);
        assert_eq!(chunks.stale_removed.len(), 3);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
