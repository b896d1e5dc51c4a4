//! Command-line flags (clap derive), the public contract of DESIGN.md.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// lede: a search engine for political news.
///
/// Index a directory of articles (txt, md, html, json, jsonl, csv, optionally .gz), then search it by words,
/// dates, people, organisations, places and outlets.
#[derive(Parser, Debug)]
#[command(name = "lede", version, about, long_about = None)]
pub struct Cli {
    /// Colour on stdout: auto (terminal and no NO_COLOR), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Where the index lives.
#[derive(Args, Debug, Clone)]
pub struct IndexLocation {
    /// Index directory [default: $LEDE_INDEX, else $XDG_DATA_HOME/lede/index, else ~/.local/share/lede/index].
    #[arg(long, value_name = "PATH")]
    pub index: Option<PathBuf>,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Index every article under DIR (recursively); re-running updates what changed.
    Index(IndexArgs),
    /// Search the index: ranked, highlighted, filterable.
    Search(SearchArgs),
    /// Normalise files without indexing and print the articles.
    Parse(ParseArgs),
    /// What the index holds.
    Stats(StatsArgs),
    /// Query latency over a query file.
    Bench(BenchArgs),
    /// Named-entity tagger: tag, evaluate, train.
    #[command(subcommand)]
    Ner(crate::cmd::ner::NerCommand),
    /// Measure extraction quality against gold data.
    #[command(subcommand)]
    Eval(crate::cmd::eval::EvalCommand),
    /// Matching articles per day, week, month or year, several queries side by side.
    Timeline(crate::cmd::analysis::TimelineArgs),
    /// The people, organisations and places of the matching articles, by number of articles.
    Entities(crate::cmd::analysis::EntitiesArgs),
    /// One article by id.
    Show(crate::cmd::analysis::ShowArgs),
    /// The articles most like one article.
    Similar(crate::cmd::analysis::SimilarArgs),
    /// Clusters of near-duplicates (wire copy republished by several outlets).
    Dups(crate::cmd::analysis::DupsArgs),
    /// Export the articles as NDJSON (Quickwit) or OpenSearch bulk files, for when one machine is not enough.
    Export(crate::cmd::export::ExportArgs),
}

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
    #[arg(long, default_value_t = 20_000, value_name = "N")]
    pub commit_every: u64,
    /// Do not merge the segments into one at the end (by default a run that wrote at least a fifth of the
    /// index merges them, so searches answer faster).
    #[arg(long)]
    pub no_merge: bool,
    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// `lede search`.
#[derive(Args, Debug)]
pub struct SearchArgs {
    /// The query: words, "phrases", +required, -excluded, field:value, date:2019-01..2019-06.
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip (paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// One JSON object per hit (JSON Lines).
    #[arg(long)]
    pub json: bool,
    /// Published on or after this day (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Published on or before this day (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only articles mentioning this person (repeatable).
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,
    /// Only articles mentioning this organisation (repeatable).
    #[arg(long, value_name = "NAME")]
    pub org: Vec<String>,
    /// Only articles mentioning this place (repeatable).
    #[arg(long, value_name = "NAME")]
    pub place: Vec<String>,
    /// Only articles from this outlet (repeatable).
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,
    /// Order of results.
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    pub sort: Sort,
    /// Prefer recent articles: relevance × (½ + ½·2^(−age/DAYS)), age counted back from the newest article.
    #[arg(long, value_name = "DAYS", num_args = 0..=1, default_missing_value = "365")]
    pub recent: Option<f32>,
    /// Snippet length in bytes (0: none).
    #[arg(long, default_value_t = 200)]
    pub snippet_len: usize,
    /// How plain words combine: auto (up to three words all required, longer inputs half of them), and, or.
    #[arg(long, value_enum, default_value_t = OperatorChoice::Auto)]
    pub operator: OperatorChoice,
    /// Fragments of the body per hit: the best non-overlapping windows, shown in text order.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub fragments: usize,
    /// Also count these fields over all matching articles: person,organization,location,source,author.
    #[arg(long, value_name = "FIELDS", num_args = 0..=1, default_missing_value = "person,organization,location,source,author")]
    pub facets: Option<String>,
    /// Fold near-duplicates (republished wire copy) into the best-ranked copy: "+N similar (outlets…)".
    #[arg(long)]
    pub collapse: bool,
}

/// How plain words combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OperatorChoice {
    /// Up to three words all required; longer inputs need half of them.
    Auto,
    /// Every word required.
    And,
    /// Any word; more matched words rank higher.
    Or,
}

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sort {
    /// Best match first.
    Relevance,
    /// Newest first.
    Date,
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
    /// fields over every match) or `timeline` (matches per month).
    #[arg(long, value_enum, default_value_t = BenchModeArg::Search)]
    pub mode: BenchModeArg,

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
}

impl IndexLocation {
    /// `--index`, else `$LEDE_INDEX`, else the per-user data directory.
    pub fn resolve(&self) -> PathBuf {
        if let Some(path) = &self.index {
            return path.clone();
        }
        if let Some(path) = std::env::var_os("LEDE_INDEX").filter(|p| !p.is_empty()) {
            return PathBuf::from(path);
        }
        let data = std::env::var_os("XDG_DATA_HOME")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
            .unwrap_or_else(|| PathBuf::from("."));
        data.join("lede").join("index")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn flags_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn explicit_index_wins() {
        let location = IndexLocation {
            index: Some(PathBuf::from("/x")),
        };
        assert_eq!(location.resolve(), PathBuf::from("/x"));
    }
}
