//! `lede search --json` and `lede similar --json`.

use serde::{Deserialize, Serialize};

/// Entities as the JSON contract names them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entities {
    /// People.
    pub person: Vec<String>,
    /// Organisations.
    pub organization: Vec<String>,
    /// Places.
    pub location: Vec<String>,
}

/// One `lede search --json` line: the contract of DESIGN.md.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Stable article id.
    pub id: String,
    /// Relevance score.
    pub score: f32,
    /// Headline.
    pub headline: String,
    /// RFC 3339 UTC, or null.
    pub published: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Source file.
    pub path: String,
    /// Authors.
    pub authors: Vec<String>,
    /// Entities by kind.
    pub entities: Entities,
    /// Best body fragment, plain text.
    pub snippet: String,
    /// Matched words in `snippet`, as [start, end) character (Unicode code point) offsets.
    pub snippet_highlights: Vec<[usize; 2]>,
    /// All fragments asked for with `--fragments N`, in text order (the first is `snippet`).
    pub fragments: Vec<Fragment>,
    /// The corpus's own fields of the article, as written (`{"bias_text":["Left"]}`); see `lede parse`.
    #[serde(default)]
    pub metadata: std::collections::BTreeMap<String, Vec<String>>,
    /// The article holds only some of the words of a short query: it follows the complete matches on a page
    /// they leave short, and is not counted in the summary's `total` (absent: false).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
}

/// One body fragment with its highlights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fragment {
    /// The fragment.
    pub text: String,
    /// Matched words, as [start, end) character (Unicode code point) offsets into `text`.
    pub highlights: Vec<[usize; 2]>,
}

/// One `lede search --collapse --json` line: the hit plus the copies folded into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollapsedHit {
    /// The hit, as `lede search --json`.
    #[serde(flatten)]
    pub hit: Hit,
    /// Ids of the folded copies, in rank order.
    pub similar: Vec<String>,
    /// Their outlets, distinct, in rank order.
    pub similar_outlets: Vec<String>,
}

/// One `lede search --facets … --json` line per field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Facet {
    /// `person`, `organization`, `location`, `source` or `author`.
    pub facet: String,
    /// All matching articles.
    pub articles: u64,
    /// Distinct values among them.
    pub distinct: usize,
    /// The most frequent values.
    pub values: Vec<FacetValue>,
}

/// A value of a [`Facet`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FacetValue {
    /// The value.
    pub value: String,
    /// Matching articles with it.
    pub count: u64,
}

/// The summary of `lede search --json`: one JSON line on stderr after the hits, so that stdout stays one hit per
/// line for the scripts that read it (without `--json`, the same facts as "1-10 of N matching articles").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchSummary {
    /// All matching articles, not only this page.
    pub total: usize,
    /// Hits skipped (`--offset`).
    pub offset: usize,
    /// Hits printed on stdout, not counting `partial` ones.
    pub returned: usize,
    /// Hits holding only some of a short query's words, printed after the others (`"partial": true`).
    #[serde(default)]
    pub partial: usize,
    /// Did you mean: a close, far more common word for each query word the index lacks or barely holds.
    pub suggestions: Vec<Suggestion>,
}

/// One did-you-mean suggestion of a [`SearchSummary`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The word as typed.
    pub word: String,
    /// The word the index holds.
    pub suggestion: String,
    /// Articles holding the typed word.
    pub word_articles: u64,
    /// Articles holding the suggestion.
    pub suggestion_articles: u64,
}
