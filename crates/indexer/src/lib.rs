//! lede's index: the tantivy schema and its column names, Article → document, the
//! corpus walk and its incremental plan, the parallel indexing pipeline with its
//! entity tagging, and the single writer with its commit and merge policy.
//!
//! The crate never prints: an index run returns an [`IndexSummary`] and reports
//! progress through a callback.
//!
//! ```
//! use lede_indexer::tantivy::Term;
//! use lede_indexer::{index_paths, IndexOptions, LedeIndex};
//!
//! let corpus = tempfile::tempdir().unwrap();
//! std::fs::write(corpus.path().join("a.txt"), "Senate passes budget\n\nThe Senate passed the budget.\n").unwrap();
//! let index_dir = tempfile::tempdir().unwrap();
//! let summary = index_paths(index_dir.path(), &[corpus.path().to_owned()], &IndexOptions::default(), &|_| {}).unwrap();
//! assert_eq!(summary.articles_added, 1);
//! let index = LedeIndex::open(index_dir.path()).unwrap();
//! let searcher = index.reader().unwrap().searcher();
//! assert_eq!(searcher.num_docs(), 1);
//! // The shipped entity tagger ran (`IndexOptions::entities` chooses another or none).
//! let senate = Term::from_field_text(index.fields.organization, "Senate");
//! assert_eq!(searcher.doc_freq(&senate).unwrap(), 1);
//! ```
#![deny(missing_docs)]

mod document;
mod entities;
mod error;
pub mod fingerprint;
mod index;
mod metadata;
mod options;
mod pipeline;
mod schema;
mod state;
mod stem;
mod summary;
mod walk;
mod writer;

pub use document::{fingerprint_of, from_document, to_document, FileStamp};
pub use entities::{entities_of, EntityTagger, Tagging};
pub use error::{Error, Result};
pub use index::LedeIndex;
pub use lede_entities::alias_of as canonical_alias;
pub use metadata::{index_roots, meta_key, meta_value};
pub use options::{IndexOptions, Progress, COMMIT_EVERY_DOCS, PARALLEL_SEARCH_DOCS};
pub use pipeline::index_paths;
pub use schema::{build_schema, column, field_named, FieldName, Fields, FIELD_NAMES, STEMMED};
pub use state::{CommitPayload, IndexState, IndexedFile};
pub use stem::stemmed_analyzer;
pub use summary::{IndexSummary, Rejection, KEPT_REJECTIONS};
pub use tantivy;
