//! Why an evaluation could not run.

use std::path::PathBuf;

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A gold line is not a JSON object.
    #[error("{path}:{line}: not a gold record: {message}")]
    Gold {
        /// The gold file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        message: String,
    },
}

/// A `Result` whose error is an [`EvalError`].
pub type Result<T, E = EvalError> = std::result::Result<T, E>;
