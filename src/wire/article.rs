//! `lede parse --json` and `lede show --json`.

use serde::{Deserialize, Serialize};

use super::search::Entities;

/// One `lede parse --json` line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id.
    pub id: String,
    /// Headline.
    pub headline: String,
    /// Subheadline.
    pub dek: Option<String>,
    /// Body.
    pub body: String,
    /// RFC 3339 UTC, or null.
    pub published: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Outlet.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Language.
    pub language: Option<String>,
    /// Entities by kind.
    pub entities: Entities,
    /// Source file.
    pub path: String,
    /// Record number in a multi-record file.
    pub record: Option<u64>,
    /// The corpus's own fields (`bias_text`, `topic`, `folder`, …): name as written → values.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub metadata: std::collections::BTreeMap<String, Vec<String>>,
    /// What the reader dropped or doubted.
    pub warnings: Vec<String>,
}

/// One `lede show --json` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShownArticle {
    /// The article, as `lede parse --json`.
    #[serde(flatten)]
    pub article: Article,
    /// Near-duplicate fingerprint, 16 hex digits (`0000000000000000` for bodies too short to have one).
    pub fingerprint: String,
}
