use std::collections::BTreeMap;

use serde::Serialize;

/// One file or record that could not be indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// The file.
    pub path: String,
    /// A short label ("binary", "malformed", ...).
    pub kind: String,
    /// The full reason, naming the file (and line or record).
    pub reason: String,
}

/// What an index run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexSummary {
    /// Files found under the roots with a format lede reads.
    pub files_seen: u64,
    /// Files indexed for the first time.
    pub files_new: u64,
    /// Files indexed again because they changed.
    pub files_changed: u64,
    /// Files skipped because they did not change since the last run.
    pub files_unchanged: u64,
    /// Files removed from the index (`--prune`) because they are gone.
    pub files_removed: u64,
    /// Files skipped because lede does not read their type (images, PDF, ...).
    pub files_unsupported: u64,
    /// Articles added from new files.
    pub articles_added: u64,
    /// Articles written again from changed files.
    pub articles_updated: u64,
    /// Articles of unchanged files, left as they were.
    pub articles_unchanged: u64,
    /// Articles removed with their files.
    pub articles_removed: u64,
    /// Files or records rejected, by kind.
    pub rejected_by_kind: BTreeMap<String, u64>,
    /// Total rejected files or records.
    pub rejected: u64,
    /// The first rejections, in the order met.
    pub first_rejections: Vec<Rejection>,
    /// Every rejection, in the order met (what `lede index --json` and `--rejected FILE` list).
    pub rejections: Vec<Rejection>,
    /// Dates present in the input but dropped as absurd or unreadable.
    pub dates_dropped: u64,
    /// Articles in the index after the run.
    pub articles_in_index: u64,
    /// Commits made (periodic ones included).
    pub commits: u64,
    /// Segments merged into one at the end of the run (0: no merge).
    pub segments_merged: u64,
    /// Segments in the index after the run.
    pub segments: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// How many rejections the summary keeps verbatim.
pub const KEPT_REJECTIONS: usize = 10;

impl IndexSummary {
    pub(crate) fn reject(&mut self, rejection: Rejection) {
        self.rejected += 1;
        *self.rejected_by_kind.entry(rejection.kind.clone()).or_default() += 1;
        if self.first_rejections.len() < KEPT_REJECTIONS {
            self.first_rejections.push(rejection.clone());
        }
        self.rejections.push(rejection);
    }
}
