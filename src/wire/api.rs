//! `lede serve`'s JSON API: each answer wraps the values the matching `lede … --json` command prints, in the same
//! wire types, into one object.

use serde::{Deserialize, Serialize};

use super::{Cluster, Entity, Facet, FacetValue, Hit, Latency, Suggestion};

/// `GET /api/search`: the hits of `lede search --json`, the total of its summary and the facets of `--facets`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    /// All matching articles, not only this page.
    pub total: usize,
    /// Hits skipped (`offset`).
    pub offset: usize,
    /// This page, as `lede search --json` prints them.
    pub hits: Vec<Hit>,
    /// Articles holding only some of a short query's words, filling a first page the matching ones leave short
    /// (as `lede search` lists them after its hits; not counted in `total`).
    #[serde(default)]
    pub partial: Vec<Hit>,
    /// One per field asked for with `facets` (empty without it).
    pub facets: Vec<Facet>,
    /// Did you mean, as in [`super::SearchSummary`].
    pub suggestions: Vec<Suggestion>,
}

/// `GET /api/entities`: the lines of `lede entities --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntitiesResponse {
    /// Matching articles.
    pub articles: u64,
    /// People, organisations and places, by kind, most articles first.
    pub entities: Vec<Entity>,
}

/// `GET /api/dups`: the lines of `lede dups --json` and the counts its stderr gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DupsResponse {
    /// Matching articles with a body long enough to compare.
    pub articles_compared: usize,
    /// Articles in some cluster.
    pub articles_in_clusters: usize,
    /// All clusters found (not only those listed).
    pub clusters_found: usize,
    /// Largest fingerprint distance between copies.
    pub max_distance: u32,
    /// The largest clusters, biggest first.
    pub clusters: Vec<Cluster>,
}

/// `GET /api/similar/{id}`: the lines of `lede similar --json` and the words they were found by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimilarResponse {
    /// The article asked about.
    pub id: String,
    /// Its headline.
    pub headline: String,
    /// Its most distinctive words (stems), heaviest first.
    pub terms: Vec<String>,
    /// Most similar first, as `lede search --json` prints them.
    pub hits: Vec<Hit>,
}

/// `GET /api/values`: the lines of `lede values --json` and the counts its stderr gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValuesResponse {
    /// The field.
    pub field: String,
    /// Matching articles.
    pub articles: u64,
    /// Matching articles with at least one value.
    pub articles_with_value: u64,
    /// Distinct values.
    pub distinct: usize,
    /// Every value, most articles first.
    pub values: Vec<FacetValue>,
}

/// Every error of the API: 400 for a bad parameter, 404 for an unknown id or path, 500 for a failing index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// What was wrong.
    pub error: String,
    /// What would be right.
    pub hint: String,
}

/// `lede bench --concurrency N`: the latency of `/api/search` under N clients beside the in-process latency of
/// the same queries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiBenchReport {
    /// Clients sending requests at once.
    pub concurrency: usize,
    /// Requests sent.
    pub requests: usize,
    /// Requests that did not end in 200 with a JSON body.
    pub failed: usize,
    /// The same queries run in-process, one at a time.
    pub in_process: Latency,
    /// Each request's time, connect to last byte, under `concurrency` clients.
    pub api: Latency,
    /// Requests answered per second over the concurrent run.
    pub api_qps: f64,
}
