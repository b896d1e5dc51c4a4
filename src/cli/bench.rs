//! `lede bench`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use lede_query::BenchMode;

use super::common::IndexLocation;

/// `lede bench`.
#[derive(Args, Debug)]
pub struct BenchArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Query file: `class<TAB>query[<TAB>since<TAB>until]` per line.
    #[arg(long, value_name = "FILE")]
    pub queries: PathBuf,
    /// Timed rounds over the whole file (after one warm-up round).
    #[arg(long, default_value_t = 20)]
    pub rounds: usize,
    /// What each timed query does: `search` (top 10, stored fields, snippet), `facets` (all five facet
    /// fields over every match), `timeline` (matches per month), `split-timeline` (per year and value of
    /// --split-by, normalised) or `words` (distinctive words).
    #[arg(long, value_enum, default_value_t = BenchModeArg::Search)]
    pub mode: BenchModeArg,
    /// Also time the queries through `lede serve`'s `/api/search` (a server started on 127.0.0.1 for the run),
    /// N requests at once, beside the same queries in-process (search mode only).
    #[arg(long, value_name = "N", value_parser = super::common::at_least_one)]
    pub concurrency: Option<usize>,

    /// The field `--mode split-timeline` splits by.
    #[arg(long, value_name = "FIELD", default_value = lede_query::BENCH_SPLIT_FIELD)]
    pub split_by: String,
    /// One JSON object.
    #[arg(long)]
    pub json: bool,
}

/// `lede bench --mode`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum BenchModeArg {
    /// What `lede search` does.
    Search,
    /// What `lede search --facets` does.
    Facets,
    /// What `lede timeline --by month` does.
    Timeline,
    /// What `lede timeline --split-by FIELD --normalize --by year` does (FIELD from --split-by).
    SplitTimeline,
    /// What `lede words` does (top 20 words and phrases).
    Words,
}

impl From<BenchModeArg> for BenchMode {
    fn from(mode: BenchModeArg) -> BenchMode {
        match mode {
            BenchModeArg::Search => BenchMode::Search,
            BenchModeArg::Facets => BenchMode::Facets,
            BenchModeArg::Timeline => BenchMode::Timeline,
            BenchModeArg::SplitTimeline => BenchMode::SplitTimeline,
            BenchModeArg::Words => BenchMode::Words,
        }
    }
}
