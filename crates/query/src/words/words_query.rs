//! The query: words, the fields each is searched in, and how many words must match.

use tantivy::query::{Bm25Weight, EnableScoring, Query, Weight};
use tantivy::{Score, TantivyError, Term};

use super::words_weight::{FieldTerm, WordsWeight};

/// Documents holding at least `minimum` of the words, in any of the word's fields.
///
/// A word is the same token in each field it is searched in, with that field's boost. A document
/// scores, for each word it holds, the word's disjunction-max: the best boosted BM25 score among
/// the word's fields plus `tie_breaker` times the others; the document's score is the sum over the
/// words it holds. That is exactly what
/// `BooleanQuery::with_minimum_required_clauses(words, minimum)` over
/// `DisjunctionMaxQuery::with_tie_breaker(fields, tie_breaker)` words (each field a `TermQuery`
/// with term frequencies, wrapped in a `BoostQuery` when its boost is not 1) computes, up to the
/// order in which word scores are added.
///
/// ```
/// use lede_query::WordsQuery;
/// use tantivy::schema::{Schema, TEXT};
/// use tantivy::{doc, Index, Term};
/// use tantivy::collector::Count;
///
/// let mut schema = Schema::builder();
/// let headline = schema.add_text_field("headline", TEXT);
/// let body = schema.add_text_field("body", TEXT);
/// let index = Index::create_in_ram(schema.build());
/// let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
/// writer.add_document(doc!(headline => "senate border deal", body => "the wall")).unwrap();
/// writer.add_document(doc!(headline => "budget", body => "the house met")).unwrap();
/// writer.commit().unwrap();
///
/// let word = |w: &str| vec![(Term::from_field_text(headline, w), 2.5), (Term::from_field_text(body, w), 1.0)];
/// let query = WordsQuery::new(vec![word("senate"), word("wall"), word("budget")], 2, 0.1);
/// let searcher = index.reader().unwrap().searcher();
/// assert_eq!(searcher.search(&query, &Count).unwrap(), 1);
/// ```
#[derive(Clone, Debug)]
pub struct WordsQuery {
    words: Vec<Vec<(Term, Score)>>,
    minimum: usize,
    tie_breaker: Score,
}

impl WordsQuery {
    /// `words[i]` lists the `(term, boost)` of word `i` in each of its fields. A `minimum` of 0 is
    /// taken as 1: a word query never matches documents holding none of its words.
    pub fn new(words: Vec<Vec<(Term, Score)>>, minimum: usize, tie_breaker: Score) -> WordsQuery {
        WordsQuery {
            words,
            minimum: minimum.max(1),
            tie_breaker,
        }
    }
}

impl Query for WordsQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.words_weight(enable_scoring)?))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (term, _) in self.words.iter().flatten() {
            visitor(term, false);
        }
    }
}

impl WordsQuery {
    /// How many words.
    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether some words may be missing from a match: a ranked union (a question, or its count of the articles
    /// holding half its words), which reads every posting of its scanned words, not an intersection.
    pub(crate) fn is_union(&self) -> bool {
        self.minimum < self.words.len()
    }

    /// [`Query::weight`], as its own type.
    pub(crate) fn words_weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<WordsWeight> {
        let schema = enable_scoring.schema();
        let mut words = Vec::with_capacity(self.words.len());
        for fields in &self.words {
            let mut terms = Vec::with_capacity(fields.len());
            for (term, boost) in fields {
                let entry = schema.get_field_entry(term.field());
                if !entry.is_indexed() {
                    return Err(TantivyError::SchemaError(format!(
                        "Field {:?} is not indexed.",
                        entry.name()
                    )));
                }
                // The statistics tantivy's `TermQuery` uses, so that scores agree with it.
                let bm25 = match enable_scoring {
                    EnableScoring::Enabled {
                        statistics_provider, ..
                    } => Bm25Weight::for_terms(statistics_provider, std::slice::from_ref(term))?,
                    EnableScoring::Disabled { .. } => Bm25Weight::for_one_term(1, 1, 1.0),
                };
                terms.push(FieldTerm {
                    term: term.clone(),
                    boost: *boost,
                    bm25,
                });
            }
            words.push(terms);
        }
        Ok(WordsWeight::new(
            words,
            self.minimum,
            self.tie_breaker,
            enable_scoring.is_scoring_enabled(),
        ))
    }
}
