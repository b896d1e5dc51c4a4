//! Ranking quality on a judged test collection (`lede eval ranking DIR`).
//!
//! A collection is a folder laid out as `../shared/relevance/*`:
//!
//! - `corpus/`: the documents, in any format `lede index` reads (one JSON object a line with
//!   `id`, `title` and `text` in the shared sets); the judgments name documents by their `id`;
//! - `queries.tsv`: `qid<TAB>query text`, one query a line;
//! - `qrels.tsv`: `qid<TAB>document id`, one relevant document a line (binary relevance).
//!
//! Every query runs as `lede search QUERY --limit 100` would (the caller's request supplies the
//! flags), and the ranking is scored with the TREC definitions: average precision over the top
//! [`RANKING_DEPTH`] (the sum of the precision at each relevant hit, divided by the number of
//! relevant documents), its mean over queries (MAP), nDCG@10 with binary gains (log2 discount,
//! ideal ranking = all relevant documents first) and P@10. Only queries with at least one
//! relevant document count.
//!
//! ```
//! use lede_eval::{average_precision, ndcg_at, precision_at};
//! use std::collections::HashSet;
//!
//! let relevant: HashSet<String> = ["a", "c"].iter().map(|s| s.to_string()).collect();
//! let ranking: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
//! // Precision 1 at rank 1 and 2/3 at rank 3, over two relevant documents.
//! assert!((average_precision(&ranking, &relevant) - (1.0 + 2.0 / 3.0) / 2.0).abs() < 1e-9);
//! assert!((precision_at(&ranking, &relevant, 10) - 0.2).abs() < 1e-9);
//! assert!(ndcg_at(&ranking, &relevant, 10) < 1.0);
//! ```

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use lede_indexer::{index_paths, IndexOptions, IndexSummary};
use lede_query::{Engine, SearchRequest};
use serde::{Deserialize, Serialize};

/// How deep each ranking is read: the top 100, as in TREC runs.
pub const RANKING_DEPTH: usize = 100;

/// What can go wrong reading or running a judged collection.
#[derive(Debug, thiserror::Error)]
pub enum RankingError {
    /// A file of the collection could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A line of `queries.tsv` or `qrels.tsv` is not `id<TAB>text`.
    #[error("{path}:{line}: expected two tab-separated columns")]
    Line {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
    },
    /// The collection has no query with a judged relevant document.
    #[error("{0}: no query has a relevant document in qrels.tsv")]
    NoJudgedQueries(PathBuf),
    /// Indexing the corpus failed.
    #[error("indexing {path}: {source}")]
    Index {
        /// The corpus folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: lede_indexer::Error,
    },
    /// A query failed.
    #[error("query {qid}: {source}")]
    Search {
        /// The query's id.
        qid: String,
        /// Why.
        #[source]
        source: lede_query::Error,
    },
}

/// A judged collection: where its documents are, its queries and which documents are relevant.
#[derive(Debug, Clone)]
pub struct RankingSet {
    /// The collection's folder.
    pub dir: PathBuf,
    /// Queries that have at least one relevant document, in file order: `(qid, text)`.
    pub queries: Vec<(String, String)>,
    /// Relevant document ids of each query.
    pub relevant: HashMap<String, HashSet<String>>,
}

impl RankingSet {
    /// Reads `dir/queries.tsv` and `dir/qrels.tsv`; queries without a relevant document are left out.
    pub fn read(dir: &Path) -> Result<RankingSet, RankingError> {
        let mut relevant: HashMap<String, HashSet<String>> = HashMap::new();
        for (qid, doc) in read_pairs(&dir.join("qrels.tsv"))? {
            relevant.entry(qid).or_default().insert(doc);
        }
        let queries: Vec<(String, String)> = read_pairs(&dir.join("queries.tsv"))?
            .into_iter()
            .filter(|(qid, _)| relevant.contains_key(qid))
            .collect();
        if queries.is_empty() {
            return Err(RankingError::NoJudgedQueries(dir.to_owned()));
        }
        Ok(RankingSet {
            dir: dir.to_owned(),
            queries,
            relevant,
        })
    }

    /// The folder holding the documents.
    pub fn corpus(&self) -> PathBuf {
        self.dir.join("corpus")
    }

    /// The collection's name: its folder's name.
    pub fn name(&self) -> String {
        self.dir
            .file_name()
            .map_or_else(|| self.dir.display().to_string(), |n| n.to_string_lossy().into_owned())
    }
}

fn read_pairs(path: &Path) -> Result<Vec<(String, String)>, RankingError> {
    let text = std::fs::read_to_string(path).map_err(|source| RankingError::Read {
        path: path.to_owned(),
        source,
    })?;
    let mut pairs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((id, rest)) = line.split_once('\t') else {
            return Err(RankingError::Line {
                path: path.to_owned(),
                line: i + 1,
            });
        };
        pairs.push((id.trim().to_owned(), rest.trim().to_owned()));
    }
    Ok(pairs)
}

/// Indexes the collection's corpus into `index` (created if needed) with `options`.
pub fn index_ranking_set(set: &RankingSet, index: &Path, options: &IndexOptions) -> Result<IndexSummary, RankingError> {
    let corpus = set.corpus();
    index_paths(index, std::slice::from_ref(&corpus), options, &|_| {})
        .map_err(|source| RankingError::Index { path: corpus, source })
}

/// One query's scores.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct QueryScore {
    /// The query's id.
    pub qid: String,
    /// Relevant documents judged for it.
    pub relevant: usize,
    /// Relevant documents in the top [`RANKING_DEPTH`].
    pub relevant_retrieved: usize,
    /// Articles the search reported as matching.
    pub matching: usize,
    /// Average precision over the top [`RANKING_DEPTH`].
    pub average_precision: f64,
    /// nDCG@10, binary gains.
    pub ndcg_at_10: f64,
    /// Precision at 10.
    pub precision_at_10: f64,
}

/// The means over the judged queries.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RankingReport {
    /// The collection's name.
    pub set: String,
    /// Judged queries run.
    pub queries: usize,
    /// Mean average precision (top 100).
    pub map: f64,
    /// Mean nDCG@10.
    pub ndcg_at_10: f64,
    /// Mean P@10.
    pub p_at_10: f64,
    /// Share of all relevant documents found in the top 100s.
    pub recall_at_100: f64,
    /// Mean time per query (search only, in this process), milliseconds.
    pub ms_per_query: f64,
}

/// Runs every query of `set` on `engine` with the flags of `template` (its query text is replaced, its
/// limit and offset set to the top [`RANKING_DEPTH`]) and scores the rankings.
pub fn evaluate_ranking(
    engine: &Engine,
    set: &RankingSet,
    template: &SearchRequest,
) -> Result<(Vec<QueryScore>, RankingReport), RankingError> {
    let mut scores = Vec::with_capacity(set.queries.len());
    let mut elapsed = 0.0;
    let empty = HashSet::new();
    for (qid, text) in &set.queries {
        let mut request = template.clone();
        request.query = text.clone();
        request.limit = RANKING_DEPTH;
        request.offset = 0;
        request.snippet_bytes = 0;
        let start = Instant::now();
        let results = engine.search(&request).map_err(|source| RankingError::Search {
            qid: qid.clone(),
            source,
        })?;
        elapsed += start.elapsed().as_secs_f64();
        // As `lede search` lists them: the matching articles, then partial matches filling a short page.
        let ranking: Vec<String> = results
            .hits
            .into_iter()
            .chain(results.partial)
            .map(|hit| hit.id)
            .collect();
        let relevant = set.relevant.get(qid).unwrap_or(&empty);
        scores.push(QueryScore {
            qid: qid.clone(),
            relevant: relevant.len(),
            relevant_retrieved: ranking.iter().filter(|id| relevant.contains(*id)).count(),
            matching: results.total,
            average_precision: average_precision(&ranking, relevant),
            ndcg_at_10: ndcg_at(&ranking, relevant, 10),
            precision_at_10: precision_at(&ranking, relevant, 10),
        });
    }
    let n = scores.len().max(1) as f64;
    let mean = |f: fn(&QueryScore) -> f64| scores.iter().map(f).sum::<f64>() / n;
    let judged: usize = scores.iter().map(|s| s.relevant).sum();
    let found: usize = scores.iter().map(|s| s.relevant_retrieved).sum();
    let report = RankingReport {
        set: set.name(),
        queries: scores.len(),
        map: mean(|s| s.average_precision),
        ndcg_at_10: mean(|s| s.ndcg_at_10),
        p_at_10: mean(|s| s.precision_at_10),
        recall_at_100: found as f64 / judged.max(1) as f64,
        ms_per_query: elapsed * 1000.0 / n,
    };
    Ok((scores, report))
}

/// Average precision of `ranking` (read to [`RANKING_DEPTH`]): the precision at each relevant hit,
/// summed, over the number of relevant documents (0 when there are none).
pub fn average_precision(ranking: &[String], relevant: &HashSet<String>) -> f64 {
    if relevant.is_empty() {
        return 0.0;
    }
    let mut hits = 0usize;
    let mut sum = 0.0;
    for (i, id) in ranking.iter().take(RANKING_DEPTH).enumerate() {
        if relevant.contains(id) {
            hits += 1;
            sum += hits as f64 / (i + 1) as f64;
        }
    }
    sum / relevant.len() as f64
}

/// Precision at `k`: relevant documents among the first `k`, over `k` (a short ranking counts its
/// missing places as misses).
pub fn precision_at(ranking: &[String], relevant: &HashSet<String>, k: usize) -> f64 {
    if k == 0 {
        return 0.0;
    }
    ranking.iter().take(k).filter(|id| relevant.contains(*id)).count() as f64 / k as f64
}

/// nDCG at `k` with binary gains: Σ 1/log2(rank + 1) over relevant hits in the first `k`, over the
/// same sum for a ranking that puts every relevant document first.
pub fn ndcg_at(ranking: &[String], relevant: &HashSet<String>, k: usize) -> f64 {
    let discount = |i: usize| 1.0 / ((i + 2) as f64).log2();
    let dcg: f64 = ranking
        .iter()
        .take(k)
        .enumerate()
        .filter(|(_, id)| relevant.contains(*id))
        .map(|(i, _)| discount(i))
        .sum();
    let ideal: f64 = (0..relevant.len().min(k)).map(discount).sum();
    if ideal == 0.0 {
        0.0
    } else {
        dcg / ideal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn set(list: &[&str]) -> HashSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn average_precision_counts_unretrieved_relevant_documents() {
        // Relevant at ranks 2 and 4; a third relevant document is never retrieved.
        let ap = average_precision(&ids(&["x", "a", "y", "b"]), &set(&["a", "b", "c"]));
        assert!((ap - (0.5 + 0.5) / 3.0).abs() < 1e-12);
        assert_eq!(average_precision(&ids(&["a"]), &set(&[])), 0.0);
    }

    #[test]
    fn average_precision_reads_only_the_top_hundred() {
        let mut ranking: Vec<String> = (0..RANKING_DEPTH).map(|i| format!("n{i}")).collect();
        ranking.push("a".into());
        assert_eq!(average_precision(&ranking, &set(&["a"])), 0.0);
    }

    #[test]
    fn ndcg_is_one_for_the_ideal_ranking_and_less_otherwise() {
        let relevant = set(&["a", "b"]);
        assert!((ndcg_at(&ids(&["a", "b", "x"]), &relevant, 10) - 1.0).abs() < 1e-12);
        let swapped = ndcg_at(&ids(&["x", "a", "b"]), &relevant, 10);
        let expected = (1.0 / 3f64.log2() + 0.5) / (1.0 + 1.0 / 3f64.log2());
        assert!((swapped - expected).abs() < 1e-12);
    }

    #[test]
    fn precision_at_ten_counts_missing_places_as_misses() {
        assert!((precision_at(&ids(&["a", "b"]), &set(&["a", "b"]), 10) - 0.2).abs() < 1e-12);
    }

    #[test]
    fn a_set_keeps_only_judged_queries() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("queries.tsv"), "1\tfirst query\n2\tsecond query\n").unwrap();
        std::fs::write(dir.path().join("qrels.tsv"), "2\td7\n2\td9\n").unwrap();
        let set = RankingSet::read(dir.path()).unwrap();
        assert_eq!(set.queries, vec![("2".to_owned(), "second query".to_owned())]);
        assert_eq!(set.relevant["2"].len(), 2);
    }

    #[test]
    fn a_line_without_a_tab_is_an_error_with_its_number() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("queries.tsv"), "1\tok\nbroken line\n").unwrap();
        std::fs::write(dir.path().join("qrels.tsv"), "1\td1\n").unwrap();
        let err = RankingSet::read(dir.path()).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("queries.tsv:2: expected two tab-separated columns"),
            "{err}"
        );
    }
}
