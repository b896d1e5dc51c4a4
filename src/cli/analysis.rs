//! `lede timeline`, `lede entities`, `lede show`, `lede similar` and `lede dups`.

use clap::{Args, ValueEnum};
use lede_query::{FacetField, Interval, DEFAULT_MAX_DISTANCE};

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
    /// One JSON object: interval, queries, buckets (start, label, counts per query), dated, undated.
    #[arg(long)]
    pub json: bool,
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
    /// One JSON object per entity: kind, name, articles, share.
    #[arg(long)]
    pub json: bool,
    /// Read QUERY as a name and list the names merged into its canonical name, with their articles (one JSON
    /// object per kind with `--json`: kind, name, articles, variants).
    #[arg(long)]
    pub variants: bool,
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
    #[arg(long)]
    pub json: bool,
}
