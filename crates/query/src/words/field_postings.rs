//! One word in one field of one segment: its postings, read a block at a time, scored with BM25.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::Bm25Weight;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentReader, Term, TERMINATED};

/// A cursor over the postings of one term, scoring each document as tantivy's `TermScorer` does
/// (same `Bm25Weight`, same boost, same field norms), so that scores are bit-for-bit those of a
/// `TermQuery`.
///
/// It reads tantivy's decoded blocks directly rather than going through `SegmentPostings`: the
/// words scorer visits every posting of every term, and a slice loop is what keeps that cheap.
pub(crate) struct FieldPostings {
    postings: BlockSegmentPostings,
    /// Index of the current document in the loaded block. Invariant: `cur < block_len()`, or the
    /// block is empty (past the end) and `cur == 0`; either way `postings.doc(cur)` is valid, and is
    /// `TERMINATED` once the postings are exhausted (tantivy pads blocks with it).
    cur: usize,
    fieldnorms: FieldNormReader,
    bm25: Bm25Weight,
    /// Documents from here on are out of reach: [`FieldPostings::doc`] is `TERMINATED` at the first of them
    /// (`TERMINATED` itself for the whole segment; see [`FieldPostings::restrict`]).
    end: DocId,
}

impl FieldPostings {
    /// The postings of `term` in `reader`, or `None` when the segment does not hold the term.
    ///
    /// `bm25` must already carry the boost. Without scoring, term frequencies are not decoded and
    /// field norms are not read, as in tantivy's `TermWeight`.
    pub(crate) fn open(
        reader: &SegmentReader,
        term: &Term,
        bm25: Bm25Weight,
        scoring: bool,
    ) -> tantivy::Result<Option<FieldPostings>> {
        let field = term.field();
        let option = if scoring {
            IndexRecordOption::WithFreqs
        } else {
            IndexRecordOption::Basic
        };
        let Some(postings) = reader.inverted_index(field)?.read_block_postings(term, option)? else {
            return Ok(None);
        };
        let fieldnorms = match reader.fieldnorms_readers().get_field(field)? {
            Some(fieldnorms) if scoring => fieldnorms,
            _ => FieldNormReader::constant(reader.max_doc(), 1),
        };
        Ok(Some(FieldPostings {
            postings,
            cur: 0,
            fieldnorms,
            bm25,
            end: TERMINATED,
        }))
    }

    /// Narrows the postings to the documents in `start..end`: positioned on the first at or after `start`, and
    /// exhausted at `end`. One part of a segment searched on several threads ([`crate::segments`]).
    pub(crate) fn restrict(&mut self, start: DocId, end: DocId) {
        self.seek(start);
        self.end = end;
    }

    /// The current document, `TERMINATED` when exhausted.
    #[inline]
    pub(crate) fn doc(&self) -> DocId {
        let doc = self.postings.doc(self.cur);
        if doc < self.end {
            doc
        } else {
            TERMINATED
        }
    }

    /// An upper bound of any document's score: what BM25 gives at an unbounded term frequency.
    pub(crate) fn max_score(&self) -> Score {
        self.bm25.max_score()
    }

    /// The score of `doc` if the term occurs in it, moving to the first document at or after `doc`.
    #[inline]
    pub(crate) fn score_at(&mut self, doc: DocId) -> Option<Score> {
        // Within the loaded block a short forward scan beats a seek (which searches the whole block): candidates
        // come in doc order, usually a few postings apart.
        let docs = self.postings.docs();
        if docs.last().is_some_and(|&last| last >= doc) {
            // The last document is at or past `doc`: the scan stops inside the block.
            self.cur += docs[self.cur..].iter().take_while(|&&d| d < doc).count();
        } else {
            self.seek(doc);
        }
        (self.doc() == doc).then(|| {
            self.bm25
                .score(self.fieldnorms.fieldnorm_id(doc), self.postings.freq(self.cur))
        })
    }

    /// Number of documents holding the term (deleted ones included).
    pub(crate) fn doc_freq(&self) -> u32 {
        self.postings.doc_freq()
    }

    /// Moves to the first document at or after `target`.
    pub(crate) fn seek(&mut self, target: DocId) {
        if self.doc() >= target {
            return;
        }
        // The skip list finds the block; the in-block index may be past its end only in the last,
        // partial block, which means every document is before `target`.
        self.cur = self.postings.seek(target);
        if self.cur >= self.postings.block_len() {
            self.cur = 0;
            self.postings.advance();
        }
    }

    /// Calls `sink(doc, score)` for every document before `end`, in order, and stops on the first
    /// document at or after `end`.
    #[inline]
    pub(crate) fn drain_until(&mut self, end: DocId, sink: impl FnMut(DocId, Score)) {
        self.drain_kept_until(end, |_| true, sink);
    }

    /// As [`FieldPostings::drain_until`], but scores and passes on only the documents `keep` holds: the others cost
    /// one test each, not a field norm read and a BM25 score.
    #[inline]
    pub(crate) fn drain_kept_until(
        &mut self,
        end: DocId,
        keep: impl Fn(DocId) -> bool,
        mut sink: impl FnMut(DocId, Score),
    ) {
        let end = end.min(self.end);
        loop {
            let docs = self.postings.docs();
            // A local cursor, stored back once per block rather than once per posting. (Without scoring the
            // frequencies are not decoded and `freq` reads a block of zeros: `freqs()` would be empty.)
            let mut cur = self.cur;
            while let Some(&doc) = docs.get(cur) {
                if doc >= end {
                    self.cur = cur;
                    return;
                }
                if keep(doc) {
                    let term_freq = self.postings.freq(cur);
                    sink(doc, self.bm25.score(self.fieldnorms.fieldnorm_id(doc), term_freq));
                }
                cur += 1;
            }
            if docs.is_empty() {
                self.cur = cur;
                return;
            }
            self.cur = 0;
            self.postings.advance();
        }
    }

    /// Calls `sink(doc)` for every document before `end`, in order, without scoring; stops on the first document
    /// at or after `end`.
    #[inline]
    pub(crate) fn drain_docs_until(&mut self, end: DocId, mut sink: impl FnMut(DocId)) {
        let end = end.min(self.end);
        loop {
            let docs = self.postings.docs();
            while self.cur < docs.len() {
                let doc = docs[self.cur];
                if doc >= end {
                    return;
                }
                sink(doc);
                self.cur += 1;
            }
            if docs.is_empty() {
                return;
            }
            self.cur = 0;
            self.postings.advance();
        }
    }

    /// The score of the current document and the explanation behind it.
    pub(crate) fn explain(&self) -> tantivy::query::Explanation {
        let doc = self.doc();
        debug_assert!(doc != TERMINATED);
        self.bm25
            .explain(self.fieldnorms.fieldnorm_id(doc), self.postings.freq(self.cur))
    }
}
