//! What the index already holds, per file: read from the index itself, so the
//! incremental state is committed with the documents and never ahead of them.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use tantivy::IndexReader;

use crate::document::FileStamp;
use crate::error::Result;
use crate::index::LedeIndex;
use crate::schema::column;

/// One indexed file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IndexedFile {
    /// Size, mtime and hash when indexed.
    pub stamp: FileStamp,
    /// How many articles of it the index holds.
    pub articles: u64,
}

/// The commit payload: files whose articles were only partly committed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CommitPayload {
    /// Paths whose records were being written when the commit happened.
    pub incomplete: Vec<String>,
}

/// Per-file state of an index.
#[derive(Debug, Clone, Default)]
pub struct IndexState {
    /// Indexed files by path.
    pub files: HashMap<String, IndexedFile>,
    /// Files a previous run left half-written (killed between commits).
    pub incomplete: HashSet<String>,
    /// Live documents.
    pub documents: u64,
}

impl IndexState {
    /// Reads the state of `index` at its last commit.
    pub fn load(index: &LedeIndex, reader: &IndexReader) -> Result<IndexState> {
        let mut state = IndexState::default();
        let payload = index.index.load_metas()?.payload;
        if let Some(payload) = payload {
            if let Ok(p) = serde_json::from_str::<CommitPayload>(&payload) {
                state.incomplete = p.incomplete.into_iter().collect();
            }
        }
        let searcher = reader.searcher();
        let mut path = String::new();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let Some(paths) = fast.str(column::PATH)? else { continue };
            let sizes = fast.u64(column::FILE_SIZE)?;
            let mtimes = fast.i64(column::FILE_MTIME)?;
            let hashes = fast.u64(column::CONTENT_HASH)?;
            let alive = segment.alive_bitset();
            for doc in 0..segment.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                state.documents += 1;
                let Some(ord) = paths.term_ords(doc).next() else {
                    continue;
                };
                path.clear();
                if !paths.ord_to_str(ord, &mut path).unwrap_or(false) {
                    continue;
                }
                let stamp = FileStamp {
                    size: sizes.first(doc).unwrap_or(0),
                    mtime: mtimes.first(doc).unwrap_or(0),
                    hash: hashes.first(doc).unwrap_or(0),
                };
                let entry = state
                    .files
                    .entry(path.clone())
                    .or_insert(IndexedFile { stamp, articles: 0 });
                entry.articles += 1;
            }
        }
        Ok(state)
    }
}
