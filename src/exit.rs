//! Exit codes: 0 success, 1 nothing found, 2 error.

use std::process::ExitCode;

/// How `lede` ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success (search: at least one hit).
    Success,
    /// A search found nothing.
    NoMatch,
    /// An error (printed to stderr).
    Error,
}

impl Exit {
    /// The process exit status.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::NoMatch => 1,
            Exit::Error => 2,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_the_contract() {
        assert_eq!(Exit::Success.code(), 0);
        assert_eq!(Exit::NoMatch.code(), 1);
        assert_eq!(Exit::Error.code(), 2);
    }
}
