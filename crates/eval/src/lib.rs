//! Measuring lede's quality against judged data.
//!
//! [`evaluate_ranking`] runs the queries of a judged test collection (documents, queries,
//! relevance judgments) through [`lede_query::Engine::search`] and scores the rankings with the
//! usual TREC measures: MAP over the top 100, nDCG@10 and P@10.
#![deny(missing_docs)]

mod ranking;

pub use ranking::{
    average_precision, evaluate_ranking, index_ranking_set, ndcg_at, precision_at, QueryScore, RankingError,
    RankingReport, RankingSet, RANKING_DEPTH,
};
