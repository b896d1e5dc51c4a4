use std::path::{Path, PathBuf};

use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::error::{Error, Result};
use crate::schema::{build_schema, column, Fields, STEMMED};
use crate::stem::stemmed_analyzer;

/// Uncompressed bytes per block of the document store. Showing a hit decompresses its whole block: tantivy's
/// default (16 KiB) holds about three AllSides articles, so every hit paid for three. 4 KiB (one article a block)
/// was the fastest but lz4 compresses small blocks less well; 10 KiB keeps AllSides' index at 253 MiB for about
/// 6 % on search p50 (BENCHMARKS.md, "Document-store blocks of 10 KiB").
const DOCSTORE_BLOCK_BYTES: usize = 10240;

/// An open lede index: the tantivy index and its resolved fields.
#[derive(Clone)]
pub struct LedeIndex {
    /// The tantivy index.
    pub index: Index,
    /// lede's fields in it.
    pub fields: Fields,
    /// Where it lives.
    pub path: PathBuf,
}

impl LedeIndex {
    /// Opens an existing index for reading.
    pub fn open(path: &Path) -> Result<LedeIndex> {
        if !path.join("meta.json").exists() {
            return Err(Error::NoIndex(path.to_owned()));
        }
        let index = Index::open_in_dir(path).map_err(|e| incompatible(path, e))?;
        if is_older_lede_schema(&index.schema()) {
            return Err(Error::Outdated(path.to_owned()));
        }
        Self::from_index(index, path)
    }

    /// Whether `path` holds an index built by an older lede, whose schema lacks fields this version writes
    /// (the metadata fields); `lede index` rebuilds such an index from scratch.
    pub fn is_outdated(path: &Path) -> bool {
        path.join("meta.json").exists()
            && Index::open_in_dir(path).is_ok_and(|index| is_older_lede_schema(&index.schema()))
    }

    /// Opens the index at `path`, creating it (and the directory) when absent.
    pub fn open_or_create(path: &Path) -> Result<LedeIndex> {
        std::fs::create_dir_all(path).map_err(|source| Error::CreateDir {
            path: path.to_owned(),
            source,
        })?;
        if Self::is_outdated(path) {
            remove_index_files(path)?;
        }
        let dir = MmapDirectory::open(path).map_err(|e| incompatible(path, e.into()))?;
        let settings = tantivy::IndexSettings {
            docstore_blocksize: DOCSTORE_BLOCK_BYTES,
            ..tantivy::IndexSettings::default()
        };
        let index = Index::builder()
            .schema(build_schema())
            .settings(settings)
            .open_or_create(dir)
            .map_err(|e| incompatible(path, e))?;
        Self::from_index(index, path)
    }

    fn from_index(index: Index, path: &Path) -> Result<LedeIndex> {
        if index.schema() != build_schema() {
            return Err(Error::Incompatible {
                path: path.to_owned(),
                reason: "schema differs".into(),
            });
        }
        // The same tokens as tantivy's own `en_stem`, with stems cached per thread.
        index.tokenizers().register(STEMMED, stemmed_analyzer());
        let fields = Fields::new(&index.schema()).map_err(|e| incompatible(path, e))?;
        Ok(LedeIndex {
            index,
            fields,
            path: path.to_owned(),
        })
    }

    /// A reader on the last commit (reloaded by the caller with `reload()` when needed).
    pub fn reader(&self) -> Result<IndexReader> {
        Ok(self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?)
    }

    /// Bytes the index takes on disk.
    pub fn size_on_disk(&self) -> u64 {
        std::fs::read_dir(&self.path)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok()?.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }
}

/// A schema that has lede's columns of an earlier version but not this one's exactly (fewer of them, or the same
/// with other options): lede wrote it, and re-reading the corpus brings it up to date.
fn is_older_lede_schema(schema: &tantivy::schema::Schema) -> bool {
    let current = build_schema();
    let has = |name: &str| schema.get_field(name).is_ok();
    let lede = [
        column::ID,
        column::PATH,
        column::HEADLINE,
        column::BODY,
        column::CONTENT_HASH,
    ]
    .iter()
    .all(|c| has(c));
    lede && *schema != current
        && schema
            .fields()
            .all(|(_, entry)| current.get_field(entry.name()).is_ok())
}

/// Deletes the files of the tantivy index in `path` (those its `.managed.json` lists, and `meta.json`), and
/// nothing else.
fn remove_index_files(path: &Path) -> Result<()> {
    let io = |source: std::io::Error| Error::CreateDir {
        path: path.to_owned(),
        source,
    };
    let managed: Vec<PathBuf> = std::fs::read_to_string(path.join(".managed.json"))
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    for file in managed {
        let file = path.join(file);
        if file.is_file() && file.parent() == Some(path) {
            std::fs::remove_file(&file).map_err(io)?;
        }
    }
    for name in ["meta.json", ".managed.json"] {
        let file = path.join(name);
        if file.exists() {
            std::fs::remove_file(&file).map_err(io)?;
        }
    }
    Ok(())
}

fn incompatible(path: &Path, error: tantivy::TantivyError) -> Error {
    match error {
        tantivy::TantivyError::SchemaError(reason) => Error::Incompatible {
            path: path.to_owned(),
            reason,
        },
        other => Error::Tantivy(other),
    }
}
