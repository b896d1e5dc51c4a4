//! What an index run is asked to do, and the progress it reports.

use std::time::Duration;

use lede_article::ReadOptions;

use crate::entities::Tagging;

/// Articles between two commits by default. Each commit ends a segment per indexing thread, which the final
/// merge then rewrites: a first build of AllSides (37,553 articles) makes one commit and one segment.
pub const COMMIT_EVERY_DOCS: u64 = 100_000;

/// The size, in articles, from which an index is split into one segment per core at the end of a run and
/// searched on that many threads (see [`IndexOptions::split_from_docs`]). Below it, one segment on one thread is
/// faster: handing a query's passes to other threads costs about 0.15 ms on AllSides, more than it saves there.
pub const PARALLEL_SEARCH_DOCS: u64 = 150_000;

/// The largest segment tantivy's log merge policy merges further during a run when no cap is asked for. A commit
/// (every 30 s) leaves a segment of tens of thousands of articles; merged during the run, eight of them made one
/// of 225,000 of a 375,000-article index, which the final merge could not split evenly. Under this cap only small
/// segments (flushes, small updates) merge during a run, and the final merge does the rest.
pub const RUN_MERGE_CAP_DOCS: u32 = 20_000;

/// Progress of an index run, reported through the callback.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Files to read in this run (known once the walk is done).
    pub files_total: u64,
    /// Files read so far.
    pub files_done: u64,
    /// Articles written so far.
    pub articles: u64,
}

/// How to run an index.
#[derive(Clone)]
pub struct IndexOptions {
    /// Reader options (field mappings, size limits).
    pub read: ReadOptions,
    /// Remove articles whose files are gone from under the roots.
    pub prune: bool,
    /// Threads for reading and for tagging (each); 0 means one per core.
    pub threads: usize,
    /// tantivy writer memory budget in bytes (split across its threads).
    pub writer_memory: usize,
    /// Commit after this many documents.
    pub commit_every_docs: u64,
    /// Commit after this much time.
    pub commit_every: Duration,
    /// Which entities to add: lede's shipped model by default.
    pub entities: Tagging,
    /// Merge all segments into one after a run that wrote at least this share of the index's articles
    /// (0.0 merges after every run that wrote anything; `None` never force-merges and leaves segments to
    /// tantivy's log merge policy). Every query looks terms up and sets up scorers once per segment, so one
    /// segment answers faster; a small update does not rewrite the whole index for it.
    pub merge: Option<f64>,
    /// The largest segment, in articles, that merging makes: tantivy's log merge policy during the run and the
    /// final merge alike (which then leaves several segments of up to this size). A merge holds maps over every
    /// article of the segments it reads, so the cap bounds its memory however large the corpus grows, at the
    /// cost of one term look-up per segment for every query once the index passes it. `None`: no cap, the final
    /// merge makes one segment.
    pub max_segment_docs: Option<u32>,
    /// With no `max_segment_docs`, the final merge of an index holding at least this many articles leaves one
    /// segment per thread (`threads`), of about equal size and merged side by side, and `lede search` searches
    /// them in parallel. `None`: always one segment.
    pub split_from_docs: Option<u64>,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            read: ReadOptions::default(),
            prune: false,
            threads: 0,
            writer_memory: 256 << 20,
            commit_every_docs: COMMIT_EVERY_DOCS,
            commit_every: Duration::from_secs(30),
            entities: Tagging::Shipped,
            merge: Some(0.2),
            max_segment_docs: None,
            split_from_docs: Some(PARALLEL_SEARCH_DOCS),
        }
    }
}
