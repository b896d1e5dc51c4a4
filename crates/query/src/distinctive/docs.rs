//! Sets of articles as one bit per document and segment: the matching articles, their complement, evenly
//! spaced samples of them.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{Query, Weight};
use tantivy::{BitSet, DocAddress, DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, TERMINATED};

use crate::error::Result;

/// A set of articles of one searcher: a bit set per segment.
#[derive(Clone)]
pub(crate) struct Articles {
    segments: Vec<BitSet>,
    len: u64,
}

impl Articles {
    /// Every live article.
    pub(crate) fn all(searcher: &Searcher) -> Articles {
        let mut len = 0;
        let segments = searcher
            .segment_readers()
            .iter()
            .map(|segment| {
                let mut bits = BitSet::with_max_value(segment.max_doc());
                for doc in 0..segment.max_doc() {
                    if segment.alive_bitset().is_none_or(|alive| alive.is_alive(doc)) {
                        bits.insert(doc);
                        len += 1;
                    }
                }
                bits
            })
            .collect();
        Articles { segments, len }
    }

    /// The articles `query` matches.
    pub(crate) fn matching(searcher: &Searcher, query: &dyn Query) -> Result<Articles> {
        Ok(crate::segments::search(searcher, query, &ArticlesCollector)?)
    }

    /// How many articles.
    pub(crate) fn len(&self) -> u64 {
        self.len
    }

    /// Whether the article is in the set.
    pub(crate) fn contains(&self, segment: usize, doc: DocId) -> bool {
        self.segments
            .get(segment)
            .is_some_and(|bits| doc < bits.max_value() && bits.contains(doc))
    }

    /// The articles of `self` that are not in `other`.
    pub(crate) fn without(&self, other: &Articles) -> Articles {
        let mut len = 0;
        let segments = self
            .segments
            .iter()
            .enumerate()
            .map(|(segment, bits)| {
                let mut out = BitSet::with_max_value(bits.max_value());
                for doc in 0..bits.max_value() {
                    if bits.contains(doc) && !other.contains(segment, doc) {
                        out.insert(doc);
                        len += 1;
                    }
                }
                out
            })
            .collect();
        Articles { segments, len }
    }

    /// At most `n` articles, evenly spaced over the set in index order (all of them when there are fewer):
    /// deterministic, and spread over the whole set rather than its first part.
    pub(crate) fn sample(&self, n: usize) -> Vec<DocAddress> {
        let step = (self.len as f64 / n.max(1) as f64).max(1.0);
        let mut out = Vec::with_capacity(n.min(self.len as usize));
        let mut next = 0.0f64;
        let mut seen = 0u64;
        for (segment, bits) in self.segments.iter().enumerate() {
            for doc in 0..bits.max_value() {
                if !bits.contains(doc) {
                    continue;
                }
                if seen as f64 >= next && out.len() < n {
                    out.push(DocAddress::new(segment as SegmentOrdinal, doc));
                    next += step;
                }
                seen += 1;
            }
        }
        out
    }

    /// How many articles of `self` and of `other` the query of `weight` matches.
    pub(crate) fn count_both(&self, other: &Articles, searcher: &Searcher, weight: &dyn Weight) -> Result<(u64, u64)> {
        let (mut mine, mut theirs) = (0, 0);
        for (segment, reader) in searcher.segment_readers().iter().enumerate() {
            let mut scorer = weight.scorer(reader, 1.0)?;
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                mine += u64::from(self.contains(segment, doc));
                theirs += u64::from(other.contains(segment, doc));
                doc = scorer.advance();
            }
        }
        Ok((mine, theirs))
    }
}

/// Collects the matching articles as an [`Articles`].
struct ArticlesCollector;

struct SegmentArticles {
    bits: BitSet,
    len: u64,
}

impl Collector for ArticlesCollector {
    type Fruit = Articles;
    type Child = SegmentArticles;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentArticles> {
        Ok(SegmentArticles {
            bits: BitSet::with_max_value(segment.max_doc()),
            len: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(BitSet, u64)>) -> tantivy::Result<Articles> {
        let len = fruits.iter().map(|(_, n)| n).sum();
        Ok(Articles {
            segments: fruits.into_iter().map(|(bits, _)| bits).collect(),
            len,
        })
    }
}

impl SegmentCollector for SegmentArticles {
    type Fruit = (BitSet, u64);

    fn collect(&mut self, doc: DocId, _: Score) {
        if self.bits.insert(doc) {
            self.len += 1;
        }
    }

    fn harvest(self) -> (BitSet, u64) {
        (self.bits, self.len)
    }
}
