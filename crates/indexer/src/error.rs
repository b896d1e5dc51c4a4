use std::path::PathBuf;

/// What can go wrong opening or writing an index.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Another process holds the index writer lock.
    #[error("index {0} is being written by another lede process")]
    Locked(PathBuf),
    /// No index exists at the path.
    #[error("no lede index at {0} (create one with `lede index DIR --index {0}`)")]
    NoIndex(PathBuf),
    /// The index was built by an older lede, whose fields this version writes differently or lacks.
    #[error(
        "the index at {0} was built by an older lede, whose fields differ from this version's; re-run `lede index DIR --index {0}`: it rebuilds the index (re-reading every file)"
    )]
    Outdated(PathBuf),
    /// The directory holds an index with another schema (another lede version, or not lede's).
    #[error("{path} holds an index lede cannot use ({reason}); index into a new directory or delete this one")]
    Incompatible {
        /// The index directory.
        path: PathBuf,
        /// What did not match.
        reason: String,
    },
    /// A root given to `index` does not exist or cannot be read.
    #[error("cannot read {path}: {source}")]
    Root {
        /// The root.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Creating the index directory failed.
    #[error("cannot create index directory {path}: {source}")]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The entity tagger could not be loaded.
    #[error("loading the entity tagger: {0}")]
    Tagger(#[from] lede_entities::Error),
    /// tantivy failed.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// Result with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
