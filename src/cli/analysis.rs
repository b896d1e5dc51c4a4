//! `lede timeline`, `lede entities`, `lede words`, `lede show`, `lede similar` and `lede dups`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use lede_query::{FacetField, Interval, WordScore, DEFAULT_MAX_DISTANCE, SAMPLE};

use super::common::{at_least_one, DateRange, IndexLocation, WhereArgs};

/// Bucket width for `lede timeline --by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// Calendar days.
    Day,
    /// ISO weeks (Monday to Sunday).
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

impl From<By> for Interval {
    fn from(by: By) -> Interval {
        match by {
            By::Day => Interval::Day,
            By::Week => Interval::Week,
            By::Month => Interval::Month,
            By::Year => Interval::Year,
        }
    }
}

/// `lede timeline`.
#[derive(Args, Debug)]
pub struct TimelineArgs {
    /// One or more queries, charted side by side ("" for every article).
    #[arg(required = true, value_name = "QUERY")]
    pub queries: Vec<String>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Bucket width.
    #[arg(long, value_enum, default_value_t = By::Month)]
    pub by: By,
    #[command(flatten)]
    pub dates: DateRange,
    #[command(flatten)]
    pub filters: WhereArgs,
    /// One series per value of this field among the matching articles: a metadata field of the corpus
    /// (bias_text, topic, folder) or source, person, org, place, author.
    #[arg(long, value_name = "FIELD")]
    pub split_by: Option<String>,
    /// With --split-by: chart the N values with the most matching articles.
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = at_least_one)]
    pub split_top: usize,
    /// Each count as a share of all articles of its bucket (with the same filters and split value).
    #[arg(long)]
    pub normalize: bool,
    /// A series label per query, in order (repeatable); `LABEL=QUERY` as a query does the same.
    #[arg(long, value_name = "LABEL")]
    pub label: Vec<String>,
    /// Also write the chart as an SVG picture to FILE.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// One JSON object: interval, queries, series, buckets (start, label, counts per series, shares with
    /// --normalize, partial), dated, undated.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV, one row per bucket and series: bucket, start, series, query, value, count, total, share, partial.
    #[arg(long)]
    pub csv: bool,
}

/// Kind of entity for `lede entities --kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// People.
    Person,
    /// Organisations.
    Organization,
    /// Places.
    Location,
}

impl From<Kind> for FacetField {
    fn from(kind: Kind) -> FacetField {
        match kind {
            Kind::Person => FacetField::Person,
            Kind::Organization => FacetField::Organization,
            Kind::Location => FacetField::Location,
        }
    }
}

/// `lede entities`.
#[derive(Args, Debug)]
pub struct EntitiesArgs {
    /// Query whose matching articles are counted ("" or absent: every article).
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Only this kind [default: people, organisations and places].
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// Entities to show per kind.
    #[arg(long, short = 'n', default_value_t = 20, value_parser = at_least_one)]
    pub limit: usize,
    #[command(flatten)]
    pub dates: DateRange,
    #[command(flatten)]
    pub filters: WhereArgs,
    /// Count separately for each value of this field among the matching articles (bias_text, source, …).
    #[arg(long, value_name = "FIELD", conflicts_with = "variants")]
    pub split_by: Option<String>,
    /// With --split-by: the N values with the most matching articles.
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = at_least_one)]
    pub split_top: usize,
    /// One JSON object per entity: kind, name, articles, share (and group with --split-by).
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV, one row per entity: group, kind, name, articles, share.
    #[arg(long, conflicts_with = "variants")]
    pub csv: bool,
    /// Read QUERY as a name and list the names merged into its canonical name, with their articles (one JSON
    /// object per kind with `--json`: kind, name, articles, variants).
    #[arg(long)]
    pub variants: bool,
}

/// How `lede words` ranks words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreChoice {
    /// Log-likelihood ratio (Dunning's G²): words common in the set and rarer elsewhere.
    G2,
    /// Elasticsearch's JLH: rarer words the set holds far more often.
    Jlh,
}

impl From<ScoreChoice> for WordScore {
    fn from(choice: ScoreChoice) -> WordScore {
        match choice {
            ScoreChoice::G2 => WordScore::G2,
            ScoreChoice::Jlh => WordScore::Jlh,
        }
    }
}

/// `lede words`.
#[derive(Args, Debug)]
pub struct WordsArgs {
    /// Query whose matching articles are compared with the rest of the corpus ("": every article).
    #[arg(value_name = "QUERY")]
    pub query: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Words and phrases to show (per value with --split-by).
    #[arg(long, short = 'n', default_value_t = 20, value_parser = at_least_one)]
    pub limit: usize,
    /// Compare each value of this field's matching articles with the other matching articles.
    #[arg(long, value_name = "FIELD")]
    pub split_by: Option<String>,
    /// With --split-by: the N values with the most matching articles.
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = at_least_one)]
    pub split_top: usize,
    /// How words are ranked.
    #[arg(long, value_enum, default_value_t = ScoreChoice::G2)]
    pub score: ScoreChoice,
    /// Articles read from the set and from the background to find candidates (counts are exact whatever it is).
    #[arg(long, value_name = "N", default_value_t = SAMPLE, value_parser = at_least_one)]
    pub sample: usize,
    #[command(flatten)]
    pub dates: DateRange,
    #[command(flatten)]
    pub filters: WhereArgs,
    /// One JSON object per word: group, text, words, score, score_kind, articles, set_articles,
    /// background_articles, background.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV, one row per word, the columns of --json.
    #[arg(long)]
    pub csv: bool,
}

/// `lede show`.
#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The article's id (as `lede search` prints it).
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// One JSON object: the fields of `lede parse --json` plus `fingerprint` (16 hex digits).
    #[arg(long)]
    pub json: bool,
}

/// `lede similar`.
#[derive(Args, Debug)]
pub struct SimilarArgs {
    /// The article's id (as `lede search` prints it).
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Articles to show.
    #[arg(long, short = 'n', default_value_t = 10, value_parser = at_least_one)]
    pub limit: usize,
    /// One JSON object per hit, as `lede search --json`.
    #[arg(long)]
    pub json: bool,
}

/// `lede dups`.
#[derive(Args, Debug)]
pub struct DupsArgs {
    /// Only among the articles matching this query ("" or absent: every article).
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Clusters to list, largest first.
    #[arg(long, short = 'n', default_value_t = 20, value_parser = at_least_one)]
    pub limit: usize,
    /// Largest number of differing fingerprint bits (of 64) between copies.
    #[arg(long, default_value_t = DEFAULT_MAX_DISTANCE, value_parser = clap::value_parser!(u32).range(0..=16))]
    pub max_distance: u32,
    #[command(flatten)]
    pub dates: DateRange,
    #[command(flatten)]
    pub filters: WhereArgs,
    /// One JSON object per cluster (JSON Lines).
    #[arg(long)]
    pub json: bool,
}

/// `lede values`.
#[derive(Args, Debug)]
pub struct ValuesArgs {
    /// The field: a metadata field of the corpus (bias_text, topic, folder) or source, person, org, place, author.
    #[arg(value_name = "FIELD")]
    pub field: String,
    /// Count only the articles matching this query (default: all).
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub dates: DateRange,
    #[command(flatten)]
    pub filters: WhereArgs,
    /// One JSON object per value: `value`, `count`.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV, one row per value: value, count.
    #[arg(long)]
    pub csv: bool,
}
