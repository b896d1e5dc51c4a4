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

mod aliases;
mod bench;
mod build;
mod collections;
mod compile;
mod date_range;
mod distinctive;
mod dups;
mod error;
mod exclusion;
mod expand;
mod export;
mod facets;
mod lazy_union;
mod metadata;
pub mod parse;
mod proximity;
mod rank;
mod search;
mod segments;
mod similar;
mod snippet;
mod stats;
mod suggest;
mod terms;
mod timeline;
mod words;
mod zone;

pub use aliases::{
    kind_field, resolve, AliasGroup, AliasReport, Aliases, NameCount, NameKind, ALIASES_FILE, DOMINANCE, MIN_ARTICLES,
};
pub use bench::{
    latency, read_queries, run_bench, run_bench_split, BenchMode, BenchQuery, BenchReport, Latency, SlowQuery,
    BENCH_SPLIT_FIELD, SLOWEST_SHOWN,
};
pub use build::{analyse, build, build_with, date_query, Building, BuiltQuery, Filters, Operator, QueryTerms};
pub use collections::{collections, use_collections, Collections, COLLECTION};
pub use distinctive::{distinctive_words, DistinctiveWord, WordScore, WordsGroup, WordsReport, WordsRequest, SAMPLE};
pub use dups::{
    close_pairs, collapse, distance, duplicates, Cluster, ClusterMember, CollapsedHit, DupOptions, DupReport,
    Fingerprint, FingerprintCollector, DEFAULT_MAX_DISTANCE, MIN_LEAD_OVERLAP, MIN_WORDS,
};
pub use error::{Error, Result};
pub use expand::MAX_EXPANSIONS;
pub use export::{
    export, ChunkWriter, Chunks, ExportError, ExportField, ExportFormat, ExportKind, ExportSummary, ExportedArticle,
    CHUNK_PREFIX, EXPORT_FIELDS,
};
pub use facets::{facets, Facet, FacetCache, FacetCollector, FacetCount, FacetField};
pub use lazy_union::LazyUnion;
pub use metadata::{
    add_where, count_fields, field_values_of, has_field, metadata_fields, parse_facets, restrict, FacetSpec,
    FieldCounts, MetaFieldStats,
};
pub use parse::{parse, NameField, Node, ParsedQuery};
pub use proximity::Proximity;
pub use rank::{Expansion, RankParams};
pub use search::{Engine, Hit, SearchRequest, SearchResults, SortOrder};
pub use segments::SPLIT_MIN_DOCS;
pub use similar::{show, similar, SimilarResults, StoredArticle, SIMILAR_TERMS};
pub use snippet::{Highlighter, Snippet};
pub use stats::{index_stats, IndexStats};
pub use suggest::{Suggestion, MORE_COMMON, RARE};
pub use timeline::{
    compare_timeline, timeline, Bucket, DayCollector, DayCounts, Interval, Series, Timeline, TimelineRequest,
};
pub use words::{PassCache, WordsQuery};
pub use zone::Zone;
