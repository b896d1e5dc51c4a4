//! Command-line flags (clap derive), the public contract of DESIGN.md.
//!
//! These are the raw flags, as clap reads them; `crate::cmd` turns them into library requests. Nothing here
//! imports `crate::cmd`.

mod analysis;
mod bench;
mod common;
mod eval;
mod export;
mod index;
mod ner;
mod search;
mod serve;

use clap::{Parser, Subcommand, ValueEnum};

pub use analysis::{DupsArgs, EntitiesArgs, ShowArgs, SimilarArgs, TimelineArgs, ValuesArgs, WordsArgs};
pub use bench::BenchArgs;
pub use common::{DateRange, WhereArgs};
pub use eval::{EvalCommand, RankingArgs};
pub use export::{ExportArgs, ExportFormatArg};
pub use index::{IndexArgs, ParseArgs, StatsArgs};
pub use ner::NerCommand;
pub use search::SearchArgs;
pub use serve::ServeArgs;

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
    Ner(NerCommand),
    /// Measure extraction quality against gold data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Matching articles per day, week, month or year, several queries side by side.
    Timeline(TimelineArgs),
    /// The people, organisations and places of the matching articles, by number of articles.
    Entities(EntitiesArgs),
    /// One article by id.
    Show(ShowArgs),
    /// The articles most like one article.
    Similar(SimilarArgs),
    /// Clusters of near-duplicates (wire copy republished by several outlets).
    Dups(DupsArgs),
    /// Every value of a field (a metadata field such as bias_text, or source, person, …) with its articles.
    Values(ValuesArgs),
    /// The words and two-word phrases that most set the matching articles apart from the rest of the corpus.
    Words(WordsArgs),
    /// Export the articles as NDJSON (Quickwit) or OpenSearch bulk files, for when one machine is not enough.
    Export(ExportArgs),
    /// Serve the index over HTTP: a JSON API and a search page, on this machine only by default.
    Serve(ServeArgs),
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
    fn every_limit_is_at_least_one() {
        for command in ["entities", "dups"] {
            let error = Cli::try_parse_from(["lede", command, "x", "--limit", "0"]).err();
            assert!(
                error.is_some_and(|e| e.to_string().contains("must be at least 1")),
                "{command}"
            );
        }
        let error = Cli::try_parse_from(["lede", "similar", "id", "-n", "0"]).err();
        assert!(error.is_some_and(|e| e.to_string().contains("must be at least 1")));
        assert!(Cli::try_parse_from(["lede", "search", "x", "--limit", "1"]).is_ok());
        // `search --limit 0`: the count and the facets only.
        assert!(Cli::try_parse_from(["lede", "search", "x", "--limit", "0"]).is_ok());
    }
}
