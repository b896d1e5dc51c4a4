//! "At least k of these n words", each word searched in several weighted fields: the query lede
//! runs for long natural-language inputs, with a scorer made for it.
//!
//! The same matches and scores can be had from tantivy's generic pieces (a `BooleanQuery` with a
//! minimum number of `DisjunctionMaxQuery` clauses, one per word, each over boosted `TermQuery`s),
//! but those merge every posting list through a heap, doc by doc. [`WordsQuery`] scores a window
//! of doc ids at a time instead, one posting list after the other (Lucene's `BooleanScorer`).

mod allowed;
mod field_postings;
mod filtered;
mod words_query;
mod words_scorer;
mod words_weight;

pub use filtered::PassCache;
pub(crate) use filtered::{FilteredWords, Operands};
pub use words_query::WordsQuery;
pub(crate) use words_weight::WordsWeight;
