//! `lede timeline --json`, `lede entities --json`, `lede words --json` and `lede dups --json`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The `lede timeline --json` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    /// Bucket width.
    pub interval: Interval,
    /// The queries, as typed.
    pub queries: Vec<String>,
    /// The series, in the order of each bucket's `counts`: one per query, or per query and value of
    /// `split_by`.
    #[serde(default)]
    pub series: Vec<Series>,
    /// The field the series are split by (`--split-by`), or null.
    #[serde(default)]
    pub split_by: Option<String>,
    /// Whether buckets carry `shares` (`--normalize`).
    #[serde(default)]
    pub normalized: bool,
    /// Every bucket from the first to the last (or over `--since`..`--until` when both are given), empty ones
    /// included.
    pub buckets: Vec<Bucket>,
    /// Dated matching articles per series.
    pub dated: Vec<u64>,
    /// Matching articles without a publication date, per series (not in any bucket).
    pub undated: Vec<u64>,
}

/// One series of a [`Timeline`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    /// The legend: the query's label (`--label`, `label=query`, else the query), and the split value.
    pub label: String,
    /// The query, as typed.
    pub query: String,
    /// The split field's value, or null.
    pub value: Option<String>,
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bucket {
    /// First day of the bucket.
    pub start: NaiveDate,
    /// `2019-03-04`, `2019-W10`, `2019-03` or `2019`.
    pub label: String,
    /// Matching articles per series, in the order of the series.
    pub counts: Vec<u64>,
    /// With `--normalize`: per series, all articles of the bucket its filters allow (the denominators).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub totals: Vec<u64>,
    /// With `--normalize`: per series, `counts / totals`, in [0, 1].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shares: Vec<f64>,
    /// The data covers only part of the bucket (the index's articles, or `--until`, end inside it; or, for
    /// the first bucket, begin inside it).
    #[serde(default)]
    pub partial: bool,
}

/// One `lede entities --json` line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// With `--split-by`, the field's value whose matching articles are counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
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

/// One `lede words --json` line: a distinctive word or two-word phrase of the matching articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistinctiveWord {
    /// With `--split-by`, the field's value whose articles it sets apart (from the other matching articles);
    /// null: all matching articles, against the rest of the corpus.
    pub group: Option<String>,
    /// The word or phrase as most often written.
    pub text: String,
    /// 1 for a word, 2 for a two-word phrase.
    pub words: usize,
    /// `g2` (log-likelihood ratio) or `jlh`, as `score_kind` says.
    pub score: f64,
    /// `g2` or `jlh`.
    pub score_kind: String,
    /// Articles of the set whose body holds it.
    pub articles: u64,
    /// Articles in the set.
    pub set_articles: u64,
    /// Articles of the background whose body holds it.
    pub background_articles: u64,
    /// Articles in the background (the rest of the corpus, or the other matching articles).
    pub background: u64,
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
            series: vec![Series {
                label: "border".to_owned(),
                query: "border".to_owned(),
                value: None,
            }],
            split_by: None,
            normalized: false,
            buckets: vec![Bucket {
                start: NaiveDate::from_ymd_opt(2019, 3, 4).unwrap_or_default(),
                label: "2019-W10".to_owned(),
                counts: vec![3],
                totals: Vec::new(),
                shares: Vec::new(),
                partial: true,
            }],
            dated: vec![3],
            undated: vec![1],
        };
        let json = serde_json::to_string(&timeline).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"interval":"week","queries":["border"],"series":[{"label":"border","query":"border","value":null}],"split_by":null,"normalized":false,"buckets":[{"start":"2019-03-04","label":"2019-W10","counts":[3],"partial":true}],"dated":[3],"undated":[1]}"#
        );
        let back: Option<Timeline> = serde_json::from_str(&json).ok();
        assert_eq!(back, Some(timeline));
        // What an older lede printed still reads.
        let old = r#"{"interval":"year","queries":["x"],"buckets":[{"start":"2019-01-01","label":"2019","counts":[1]}],"dated":[1],"undated":[0]}"#;
        assert!(serde_json::from_str::<Timeline>(old).is_ok());
    }
}
