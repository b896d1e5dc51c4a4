//! `lede search`.

use clap::{Args, ValueEnum};

use super::common::{DateRange, IndexLocation, WhereArgs};

/// `lede search`.
#[derive(Args, Debug)]
pub struct SearchArgs {
    /// The query: words, "phrases", +required, -excluded, field:value, date:2019-01..2019-06.
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Hits to show (0: only the count, and the facets).
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip (paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// One JSON object per hit (JSON Lines).
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV: one row per hit; with --facets and --limit 0, one row per facet value instead.
    #[arg(long)]
    pub csv: bool,
    #[command(flatten)]
    pub dates: DateRange,
    #[command(flatten)]
    pub filters: WhereArgs,
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
    /// Which plain words an article must hold to count as matching: auto (up to three words all of them, longer
    /// inputs half of them), and, or.
    #[arg(long, value_enum, default_value_t = OperatorChoice::Auto)]
    pub operator: OperatorChoice,
    /// Ranking of plain words: lede (feedback terms for questions, proximity, complete matches first) or bm25
    /// (the plain sum of the words' BM25 scores).
    #[arg(long, value_enum, default_value_t = RankingChoice::Lede)]
    pub ranking: RankingChoice,
    /// Fragments of the body per hit: the best non-overlapping windows, shown in text order.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub fragments: usize,
    /// Also count these fields over all matching articles: person,organization,location,source,author, or the
    /// corpus's own fields (bias_text,topic,folder); FIELD:N keeps the top N values (default 10).
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

impl From<OperatorChoice> for lede_query::Operator {
    fn from(choice: OperatorChoice) -> lede_query::Operator {
        match choice {
            OperatorChoice::Auto => lede_query::Operator::Auto,
            OperatorChoice::And => lede_query::Operator::And,
            OperatorChoice::Or => lede_query::Operator::Or,
        }
    }
}

/// How plain words rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RankingChoice {
    /// BM25 with pseudo-relevance feedback for questions, proximity and complete matches first.
    Lede,
    /// Plain BM25 over any of the words.
    Bm25,
}

impl From<RankingChoice> for lede_query::RankParams {
    fn from(choice: RankingChoice) -> lede_query::RankParams {
        match choice {
            RankingChoice::Lede => lede_query::RankParams::default(),
            RankingChoice::Bm25 => lede_query::RankParams::plain(),
        }
    }
}

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sort {
    /// Best match first.
    Relevance,
    /// Newest first.
    Date,
}

impl From<Sort> for lede_query::SortOrder {
    fn from(sort: Sort) -> lede_query::SortOrder {
        match sort {
            Sort::Relevance => lede_query::SortOrder::Relevance,
            Sort::Date => lede_query::SortOrder::Date,
        }
    }
}
