//! `lede timeline --json`, `lede entities --json` and `lede dups --json`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The `lede timeline --json` object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    /// Bucket width.
    pub interval: Interval,
    /// The queries, as typed.
    pub queries: Vec<String>,
    /// Every bucket from the first to the last (or over `--since`..`--until` when both are given), empty ones
    /// included.
    pub buckets: Vec<Bucket>,
    /// Dated matching articles per query.
    pub dated: Vec<u64>,
    /// Matching articles without a publication date, per query (not in any bucket).
    pub undated: Vec<u64>,
}

/// The width of a timeline bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// Calendar days.
    Day,
    /// ISO weeks, starting on Monday.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// One bucket of a [`Timeline`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bucket {
    /// First day of the bucket.
    pub start: NaiveDate,
    /// `2019-03-04`, `2019-W10`, `2019-03` or `2019`.
    pub label: String,
    /// Matching articles per query, in the order of the queries.
    pub counts: Vec<u64>,
}

/// One `lede entities --json` line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// `person`, `organization` or `location`.
    pub kind: String,
    /// Canonical name.
    pub name: String,
    /// Matching articles naming it.
    pub articles: u64,
    /// `articles` over all matching articles.
    pub share: f64,
}

/// One `lede entities NAME --variants --json` line: a canonical name and the names merged into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityVariants {
    /// `person`, `organization` or `location`.
    pub kind: String,
    /// Canonical name.
    pub name: String,
    /// Articles naming it in any of its forms.
    pub articles: u64,
    /// Every stored form counted under it, the canonical name first, then most articles first.
    pub variants: Vec<NameCount>,
}

/// A stored name and the articles that use it, in [`EntityVariants`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameCount {
    /// The name as stored in articles.
    pub name: String,
    /// Articles using it.
    pub articles: u64,
}

/// One `lede dups --json` line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// Articles in the cluster.
    pub size: usize,
    /// Outlets, most articles first.
    pub outlets: Vec<Outlet>,
    /// Earliest publication (RFC 3339), or null.
    pub first: Option<String>,
    /// Latest publication (RFC 3339), or null.
    pub last: Option<String>,
    /// Headline of the earliest article.
    pub headline: String,
    /// Articles, earliest first.
    pub members: Vec<ClusterMember>,
}

/// An outlet of a [`Cluster`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outlet {
    /// Outlet.
    pub source: String,
    /// Articles of the cluster it published.
    pub articles: usize,
}

/// One member of a [`Cluster`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterMember {
    /// Stable id.
    pub id: String,
    /// Headline.
    pub headline: String,
    /// Outlet.
    pub source: Option<String>,
    /// RFC 3339 UTC, or null.
    pub published: Option<String>,
    /// Fingerprint bits differing from the cluster's first article.
    pub distance: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_json_names_its_fields_and_interval() {
        let timeline = Timeline {
            interval: Interval::Week,
            queries: vec!["border".to_owned()],
            buckets: vec![Bucket {
                start: NaiveDate::from_ymd_opt(2019, 3, 4).unwrap_or_default(),
                label: "2019-W10".to_owned(),
                counts: vec![3],
            }],
            dated: vec![3],
            undated: vec![1],
        };
        let json = serde_json::to_string(&timeline).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"interval":"week","queries":["border"],"buckets":[{"start":"2019-03-04","label":"2019-W10","counts":[3]}],"dated":[3],"undated":[1]}"#
        );
        let back: Option<Timeline> = serde_json::from_str(&json).ok();
        assert_eq!(back, Some(timeline));
    }
}
