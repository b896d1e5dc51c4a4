//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong while loading, training or evaluating the tagger.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be opened or read.
    #[error("cannot read {path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A line of a CoNLL, cluster or gazetteer file is malformed.
    #[error("{path}:{line}: {message}")]
    Parse {
        /// The file (or `<input>` for a reader without a name).
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What was wrong and what was expected.
        message: String,
    },
    /// Model bytes are not a model this version of lede can read.
    #[error("invalid entity model: {0}")]
    Model(String),
    /// Training input or options that cannot produce a model.
    #[error("cannot train: {0}")]
    Training(String),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn parse(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Error {
        Error::Parse {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}

/// The crate-wide result type.
pub type Result<T> = std::result::Result<T, Error>;
