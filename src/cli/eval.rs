//! `lede eval`.

use std::path::PathBuf;

use super::SearchArgs;

/// The `eval` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum EvalCommand {
    /// Score extraction on a folder of `html/<key>.html.gz` pages (or, with `--text`, `text/<key>.txt`)
    /// against its `gold.jsonl` (fields: key or file, title, articleBody, date, authors), or on a
    /// folder laid out as Mozilla Readability's test pages (`<name>/source.html`, `expected.html`,
    /// `expected-metadata.json`).
    Extraction {
        /// The gold folder, e.g. ../shared/extraction/naeb-dev or ../shared/corpora/readability-news-pages.
        dir: PathBuf,
        /// Print one JSON object (the report) instead of a table.
        #[arg(long)]
        json: bool,
        /// Read `text/<key>.txt` with the plain-text reader instead of HTML pages.
        #[arg(long)]
        text: bool,
        /// Gold file; default DIR/gold.jsonl, else DIR/../naeb-dev/gold.jsonl.
        #[arg(long)]
        gold: Option<PathBuf>,
        /// Also print every page's misses (with --json: every page's scores as JSON Lines, before the report).
        #[arg(long)]
        pages: bool,
    },
    /// Score `lede search` on a judged collection (`corpus/`, `queries.tsv`, `qrels.tsv`, as in
    /// ../shared/relevance/*): every query runs as `lede search QUERY --limit 100` would, with the search
    /// flags given here; prints MAP (top 100), nDCG@10 and P@10.
    #[command(
        mut_arg("json", |a| a.help("Print one JSON object (the report)")),
        mut_arg("index", |a| a.help("An index of DIR's corpus to use [default: a temporary one]")),
        mut_arg("query", |a| a.hide(true)),
        mut_arg("limit", |a| a.hide(true)),
        mut_arg("offset", |a| a.hide(true)),
        mut_arg("snippet_len", |a| a.hide(true)),
        mut_arg("fragments", |a| a.hide(true)),
        mut_arg("facets", |a| a.hide(true)),
        mut_arg("collapse", |a| a.hide(true))
    )]
    Ranking(Box<RankingArgs>),
}

/// `lede eval ranking`.
#[derive(clap::Args, Debug)]
pub struct RankingArgs {
    /// The collection, e.g. ../shared/relevance/cisi.
    pub dir: PathBuf,
    /// Also print each query's scores (JSON Lines with --json, before the report).
    #[arg(long)]
    pub per_query: bool,
    /// Search flags (`--operator`, `--since`, …), as `lede search` takes them (the top 100 of each query
    /// counts, whatever `--limit` says).
    #[command(flatten)]
    pub search: SearchArgs,
}
