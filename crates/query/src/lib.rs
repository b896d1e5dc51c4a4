//! Searching a lede index: the query language, ranking, snippets, index
//! statistics and the query-latency benchmark. Never prints.
//!
//! ```
//! use lede_indexer::{index_paths, IndexOptions};
//! use lede_query::{Engine, SearchRequest};
//!
//! let corpus = tempfile::tempdir().unwrap();
//! std::fs::write(corpus.path().join("a.txt"), "Senate passes border wall funding\n\nThe Senate approved money for the wall.\n").unwrap();
//! std::fs::write(corpus.path().join("b.txt"), "Budget talks stall\n\nNegotiators left without a deal.\n").unwrap();
//! let index = tempfile::tempdir().unwrap();
//! index_paths(index.path(), &[corpus.path().to_owned()], &IndexOptions::default(), &|_| {}).unwrap();
//!
//! let engine = Engine::open(index.path()).unwrap();
//! let results = engine.search(&SearchRequest::new("border walls")).unwrap();
//! assert_eq!(results.total, 1);
//! assert_eq!(results.hits[0].headline, "Senate passes border wall funding");
//! ```
#![deny(missing_docs)]

mod bench;
mod build;
mod error;
pub mod parse;
mod search;
mod snippet;
mod stats;

pub use bench::{read_queries, run_bench, BenchQuery, BenchReport, Latency};
pub use build::{analyse, build, date_query, BuiltQuery, Filters, QueryTerms};
pub use error::{Error, Result};
pub use parse::{parse, NameField, ParsedQuery};
pub use search::{Engine, Hit, SearchRequest, SearchResults, SortOrder};
pub use snippet::{Highlighter, Snippet};
pub use stats::{index_stats, IndexStats};
