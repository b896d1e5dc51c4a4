//! `lede export`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::common::IndexLocation;

/// Output format of `lede export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    /// One article per line (Quickwit `index ingest`, or any NDJSON reader).
    Ndjson,
    /// OpenSearch/Elasticsearch `_bulk`: an `index` action (with the article id) before each article.
    OpensearchBulk,
}

/// `lede export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormatArg,
    /// Write chunk files lede-00000.ndjson (or lede-00000.bulk.ndjson), … into DIR and list them on stdout;
    /// without it the whole export goes to stdout.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Largest chunk file in megabytes (10 MB is Quickwit's ingest request limit); fractions allowed.
    #[arg(long, default_value_t = 10.0, value_name = "N")]
    pub chunk_mb: f64,
    /// Largest chunk file in bytes (overrides --chunk-mb).
    #[arg(long, hide = true, value_name = "BYTES")]
    pub chunk_bytes: Option<u64>,
    /// The `_index` named in OpenSearch bulk actions.
    #[arg(long, default_value = "lede", value_name = "NAME")]
    pub opensearch_index: String,
}
