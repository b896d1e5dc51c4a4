//! `lede index`, `lede parse` and `lede stats`: building the index, reading files without it, and what it holds.

use std::path::PathBuf;

use clap::Args;

use super::common::IndexLocation;

/// `lede index`.
#[derive(Args, Debug)]
pub struct IndexArgs {
    /// Directories (or files) to index.
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Remove articles whose files are gone from under DIR.
    #[arg(long)]
    pub prune: bool,
    /// Map a record key to an article field, e.g. body=story_text (repeatable).
    #[arg(long = "field", value_name = "FIELD=KEY")]
    pub fields: Vec<String>,
    /// Threads for reading and tagging [default: one per core].
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Skip entity tagging (faster; no person/org/place fields).
    #[arg(long)]
    pub no_entities: bool,
    /// Commit after this many articles (also every 30 s); a killed run keeps what was committed.
    #[arg(long, default_value_t = lede_indexer::COMMIT_EVERY_DOCS, value_name = "N")]
    pub commit_every: u64,
    /// Do not merge the segments into one at the end (by default a run that wrote at least a fifth of the
    /// index merges them, so searches answer faster).
    #[arg(long)]
    pub no_merge: bool,
    /// Merge no segment past N articles (tantivy's merges during the run and the final merge alike), so the
    /// memory a merge takes stays bounded however large the corpus; the index then keeps several segments.
    #[arg(long, value_name = "N")]
    pub max_segment_docs: Option<u32>,
    /// Print the summary as one JSON object (with every rejected file or record under `rejections`).
    #[arg(long)]
    pub json: bool,
    /// Write every rejected file or record to FILE, one JSON object a line (`path`, `kind`, `reason`).
    #[arg(long, value_name = "FILE")]
    pub rejected: Option<PathBuf>,
}

/// `lede parse`.
#[derive(Args, Debug)]
pub struct ParseArgs {
    /// Files to read.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// One JSON object per article (JSON Lines).
    #[arg(long)]
    pub json: bool,
    /// Map a record key to an article field, e.g. body=story_text (repeatable).
    #[arg(long = "field", value_name = "FIELD=KEY")]
    pub fields: Vec<String>,
    /// Skip entity tagging.
    #[arg(long)]
    pub no_entities: bool,
}

/// `lede stats`.
#[derive(Args, Debug)]
pub struct StatsArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// One JSON object.
    #[arg(long)]
    pub json: bool,
}
