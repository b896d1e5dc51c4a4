/// What can go wrong answering a query.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user's query has explicit syntax that is wrong; the message says where and what would be right.
    #[error("{0}")]
    Query(String),
    /// The index could not be opened.
    #[error(transparent)]
    Index(#[from] lede_indexer::Error),
    /// tantivy failed.
    #[error("search error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// A query file (benchmark) could not be read or has a bad line.
    #[error("{path}:{line}: {reason}")]
    QueryFile {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// Result with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
