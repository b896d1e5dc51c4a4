use std::path::PathBuf;

/// Why a file, or one record of it, could not be read as an article.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Not a regular file (FIFO, socket, device): never opened for reading.
    #[error("{path}: not a regular file")]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// The file looks like binary data, not text.
    #[error("{path}: binary file, not text")]
    Binary {
        /// The file.
        path: PathBuf,
    },
    /// The file is empty or holds only whitespace.
    #[error("{path}: empty file")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file (or its decompressed content) is larger than the reader accepts.
    #[error("{path}: too large ({what}; the limit is {limit} bytes)")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// What was too large.
        what: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// The gzip stream is corrupt or ends early.
    #[error("{path}: broken gzip stream: {reason}")]
    Gzip {
        /// The file.
        path: PathBuf,
        /// What the decoder said.
        reason: String,
    },
    /// The content is not valid for its format (malformed JSON, a CSV without header, ...).
    #[error("{path}{}: {reason}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// 1-based line (JSONL, CSV) where it went wrong, when known.
        line: Option<u64>,
        /// What is wrong.
        reason: String,
    },
    /// The record has neither a headline nor a body.
    #[error("{path}{}: no headline and no body text", record.map(|r| format!(" (record {r})")).unwrap_or_default())]
    NoText {
        /// The file.
        path: PathBuf,
        /// Record number inside a multi-record file.
        record: Option<u64>,
    },
}

impl Error {
    /// A short, stable label for summaries ("binary", "malformed", ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Io { .. } => "unreadable",
            Error::NotAFile { .. } => "not a regular file",
            Error::Binary { .. } => "binary",
            Error::Empty { .. } => "empty",
            Error::TooLarge { .. } => "too large",
            Error::Gzip { .. } => "broken gzip",
            Error::Malformed { .. } => "malformed",
            Error::NoText { .. } => "no text",
        }
    }
}

/// Result with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
