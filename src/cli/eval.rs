//! `lede eval`.

use std::path::PathBuf;

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
}
