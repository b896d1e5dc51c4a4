/// What can go wrong answering a query.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user's query has explicit syntax that is wrong; the message says where and what would be right.
    #[error("{0}")]
    Query(String),
    /// `name:value` where `name` is no field lede knows (`url:` is one; `site:` is not).
    #[error("unknown field `{field}`{}; known fields: {known}", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
    UnknownField {
        /// The name as typed.
        field: String,
        /// A known field one letter away (`persn` → `person`).
        suggestion: Option<String>,
        /// The known fields, comma-separated.
        known: String,
    },
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
    /// A file of the index lede keeps beside tantivy's (the alias map) could not be written.
    #[error("{path}: {source}")]
    File {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

/// Result with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
