//! The words query bound to a searcher: BM25 statistics fixed, ready to score segments.

use std::sync::Arc;

use tantivy::query::{Bm25Weight, EmptyScorer, Explanation, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

use super::allowed::{Allowed, Beside};
use super::field_postings::FieldPostings;
use super::words_scorer::{count_at_least, WordsScorer};

/// One word in one field.
pub(crate) struct FieldTerm {
    pub(crate) term: Term,
    /// The field's boost, applied on top of the boost the caller passes to `scorer`.
    pub(crate) boost: Score,
    /// BM25 statistics over the whole searcher, without boost.
    pub(crate) bm25: Bm25Weight,
}

/// Weight of a [`WordsQuery`](super::WordsQuery).
#[derive(Clone)]
pub(crate) struct WordsWeight {
    words: Arc<[Vec<FieldTerm>]>,
    minimum: usize,
    tie_breaker: Score,
    scoring: bool,
    /// The documents of each segment it scores: `start..end` (`0..TERMINATED`, all of them, but for a part of a
    /// segment searched on its own thread).
    docs: (DocId, DocId),
}

impl WordsWeight {
    pub(crate) fn new(words: Vec<Vec<FieldTerm>>, minimum: usize, tie_breaker: Score, scoring: bool) -> WordsWeight {
        WordsWeight {
            words: words.into(),
            minimum,
            tie_breaker,
            scoring,
            docs: (0, TERMINATED),
        }
    }

    /// The same weight, scoring only the documents in `start..end` of each segment (a part searched on its own
    /// thread: [`crate::segments`]).
    pub(crate) fn within_docs(&self, start: DocId, end: DocId) -> WordsWeight {
        WordsWeight {
            docs: (start, end),
            ..self.clone()
        }
    }

    /// The postings of `term` in `reader`, with the boosts folded into BM25 in the same order as
    /// `BoostWeight` over `TermWeight` does (caller's boost times field boost).
    fn postings(
        &self,
        reader: &SegmentReader,
        term: &FieldTerm,
        boost: Score,
    ) -> tantivy::Result<Option<FieldPostings>> {
        let mut postings =
            FieldPostings::open(reader, &term.term, term.bm25.boost_by(boost * term.boost), self.scoring)?;
        if self.docs != (0, TERMINATED) {
            if let Some(postings) = postings.as_mut() {
                postings.restrict(self.docs.0, self.docs.1);
            }
        }
        Ok(postings)
    }

    /// Each word's postings in `reader`, words absent from the segment left out; `None` when fewer than `minimum`
    /// words occur in the segment at all.
    fn segment_words(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Option<Vec<Vec<FieldPostings>>>> {
        let mut words = Vec::with_capacity(self.words.len());
        for fields in self.words.iter() {
            let mut postings = Vec::with_capacity(fields.len());
            for term in fields {
                postings.extend(self.postings(reader, term, boost)?);
            }
            // A word absent from the segment can never count towards the minimum.
            if !postings.is_empty() {
                words.push(postings);
            }
        }
        Ok((words.len() >= self.minimum).then_some(words))
    }

    /// The scorer of `reader`'s documents (those `beside` allows, scored with what it adds, when given).
    fn words_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
        beside: Option<Arc<Beside>>,
    ) -> tantivy::Result<Option<WordsScorer>> {
        Ok(self
            .segment_words(reader, boost)?
            .map(|words| WordsScorer::within(words, self.minimum, self.tie_breaker, reader.max_doc(), beside)))
    }

    /// [`Weight::scorer`] over the documents `beside` allows (all, with `None`), with what it adds to their scores.
    pub(crate) fn scorer_within(
        &self,
        reader: &SegmentReader,
        boost: Score,
        beside: Option<Arc<Beside>>,
    ) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.words_scorer(reader, boost, beside)? {
            Some(scorer) => Box::new(scorer),
            // tantivy's boolean weights recognise `EmptyScorer` and drop the whole intersection.
            None => Box::new(EmptyScorer),
        })
    }

    /// [`Weight::for_each`] over the documents `beside` allows.
    pub(crate) fn for_each_within(
        &self,
        reader: &SegmentReader,
        beside: Option<Arc<Beside>>,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        if let Some(mut scorer) = self.words_scorer(reader, 1.0, beside)? {
            scorer.for_each(callback);
        }
        Ok(())
    }

    /// [`Weight::for_each_pruning`] over the documents `beside` allows: windows without any are skipped, and a
    /// document it does not allow is never looked up nor passed on.
    pub(crate) fn for_each_pruning_within(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        beside: Option<Arc<Beside>>,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        if let Some(mut scorer) = self.words_scorer(reader, 1.0, beside)? {
            scorer.for_each_pruning(threshold, callback);
        }
        Ok(())
    }

    /// [`Weight::count`] of the documents `allowed` holds.
    pub(crate) fn count_within(&self, reader: &SegmentReader, allowed: Option<&Allowed>) -> tantivy::Result<u32> {
        Ok(match self.segment_words(reader, 1.0)? {
            Some(mut words) => count_at_least(&mut words, self.minimum, reader.alive_bitset(), allowed),
            None => 0,
        })
    }
}

impl Weight for WordsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.scorer_within(reader, boost, None)
    }

    fn for_each(&self, reader: &SegmentReader, callback: &mut dyn FnMut(DocId, Score)) -> tantivy::Result<()> {
        self.for_each_within(reader, None, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        self.for_each_pruning_within(threshold, reader, None, callback)
    }

    /// Counting needs no score and no document order: bitsets summed per window ([`count_at_least`]).
    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.count_within(reader, None)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let does_not_match = || TantivyError::InvalidArgument(format!("Document #({doc}) does not match"));
        let Some(mut scorer) = self.words_scorer(reader, 1.0, None)? else {
            return Err(does_not_match());
        };
        if scorer.seek(doc) != doc {
            return Err(does_not_match());
        }
        let mut word_explanations = Vec::new();
        for fields in self.words.iter() {
            let mut field_explanations = Vec::new();
            for term in fields {
                let Some(mut postings) = self.postings(reader, term, 1.0)? else {
                    continue;
                };
                postings.seek(doc);
                if postings.doc() == doc {
                    let mut explanation = postings.explain();
                    explanation.add_context(format!("Term={:?}", term.term));
                    field_explanations.push(explanation);
                }
            }
            if field_explanations.is_empty() {
                continue;
            }
            let max = field_explanations.iter().map(Explanation::value).fold(0.0, Score::max);
            let sum: Score = field_explanations.iter().map(Explanation::value).sum();
            let mut word = Explanation::new_with_string(
                format!("best field plus {} times the others", self.tie_breaker),
                max + (sum - max) * self.tie_breaker,
            );
            for explanation in field_explanations {
                word.add_detail(explanation);
            }
            word_explanations.push(word);
        }
        let mut explanation = Explanation::new_with_string(
            format!(
                "sum of {} matched words of {} (at least {} required)",
                word_explanations.len(),
                self.words.len(),
                self.minimum
            ),
            scorer.score(),
        );
        for word in word_explanations {
            explanation.add_detail(word);
        }
        Ok(explanation)
    }
}
