//! lede's evaluations: how well the readers and the entity tagger do against gold someone else made.
//!
//! This crate owns the gold readers (`gold.jsonl` sets such as naeb-dev and htmldate's, Mozilla
//! Readability's test-page layout), the one text normalisation and the one body measure (F1 over
//! word 4-shingles) every comparison goes through, the per-page scores and their totals, and entity
//! tagging scored with `conlleval` on CoNLL files, and rankings of `lede search` scored on judged test
//! collections ([`evaluate_ranking`]: MAP over the top 100, nDCG@10, P@10). It reads gold; it never prints.
//!
//! A gold set is a folder with `gold.jsonl` ([`read_gold`]) and the pages, `html/<key>.html.gz`
//! (or `.html`), or for the plain-text reader `text/<key>.txt`; or a folder laid out as Readability's
//! test pages ([`read_readability_gold`]). [`evaluate_extraction`] reads every page with the reader
//! under test and scores what the gold gives ([`score_page`]); [`summarise`] totals the scores.
//!
//! ```
//! use lede_eval::{authors_f1, body_scores, normalise_text};
//!
//! // Headlines match after folding case, quotes, dashes and whitespace.
//! assert_eq!(normalise_text("Senate \u{2018}passes\u{2019}  budget \u{2014} at last"), "senate 'passes' budget - at last");
//! // Bodies are compared as multisets of word 4-shingles: half the gold's shingles found, none extra.
//! let (precision, recall, f1) = body_scores("the senate passed the", "the senate passed the budget on");
//! assert_eq!((precision, recall), (1.0, 1.0 / 3.0));
//! assert!((f1 - 0.5).abs() < 1e-9);
//! // Author sets are compared after dropping a leading "By".
//! assert_eq!(authors_f1(&["By Jane Doe".to_owned()], &["Jane Doe".to_owned()]), 1.0);
//! ```
#![deny(missing_docs)]

mod error;
mod extraction;
mod gold;
mod ner;
mod normalise;
mod ranking;
mod readability;
mod report;
mod score;
mod shingles;

pub use error::{EvalError, Result};
pub use extraction::{evaluate_extraction, extract, read_page, Mode};
pub use gold::{default_gold, read_gold, GoldPage};
pub use ner::evaluate_ner;
pub use normalise::{normalise_name, normalise_text, normalise_url, words};
pub use ranking::{
    average_precision, evaluate_ranking, index_ranking_set, ndcg_at, precision_at, QueryScore, RankingError,
    RankingReport, RankingSet, RANKING_DEPTH,
};
pub use readability::{is_readability_layout, read_readability_gold};
pub use report::{summarise, Report, Share};
pub use score::{authors_f1, score_page, PageScore};
pub use shingles::{body_scores, shingles};
