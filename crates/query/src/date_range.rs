//! Articles published in a range of days: `date:`, `--since`, `--until`.
//!
//! tantivy's range query over a fast field finds the matching documents a block of rows at a time and maps each
//! row back to its document through the optional column's select, one row at a time: on AllSides, for a range that
//! holds most articles, that select was a tenth of a question's time under the range. The set of a range (what the
//! operands beside a question's words and the count make of it) is read here in document order instead: each
//! chunk of documents mapped to its rows by rank, the rows' dates read as one run, compared with the bounds.
//! Seeking into the range (an intersection with a rarer word) stays tantivy's.

use std::ops::Bound;

use tantivy::columnar::Cardinality;
use tantivy::query::{EnableScoring, Explanation, Query, RangeQuery, Scorer, Weight};
use tantivy::schema::Field;
use tantivy::{DateTime, DocId, Score, SegmentReader, Term};

/// Documents read at a time.
const CHUNK: DocId = 2_048;

/// The articles whose date field `field` (indexed and a fast field) holds a date in `start..end` (`None`:
/// unbounded), as tantivy's [`RangeQuery`] over it matches them.
#[derive(Debug, Clone)]
pub(crate) struct DateRange {
    inner: RangeQuery,
    field: Field,
    start: Option<DateTime>,
    end: Option<DateTime>,
}

impl DateRange {
    /// The range `start..end` of `field`.
    pub(crate) fn new(field: Field, start: Option<DateTime>, end: Option<DateTime>) -> Self {
        let term = |date: DateTime| Term::from_field_date(field, date);
        let inner = RangeQuery::new(
            start.map_or(Bound::Unbounded, |d| Bound::Included(term(d))),
            end.map_or(Bound::Unbounded, |d| Bound::Excluded(term(d))),
        );
        DateRange {
            inner,
            field,
            start,
            end,
        }
    }
}

impl Query for DateRange {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(DateRangeWeight {
            inner: self.inner.weight(enable_scoring)?,
            field: self.field,
            start: self.start,
            end: self.end,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct DateRangeWeight {
    inner: Box<dyn Weight>,
    field: Field,
    start: Option<DateTime>,
    end: Option<DateTime>,
}

impl DateRangeWeight {
    fn holds(&self, date: DateTime) -> bool {
        self.start.is_none_or(|start| date >= start) && self.end.is_none_or(|end| date < end)
    }

    /// Hands the matching documents of `reader` to `callback`, a chunk at a time in document order; `false` when
    /// the column is not one date per article (then nothing was handed).
    fn scan(&self, reader: &SegmentReader, callback: &mut dyn FnMut(&[DocId])) -> bool {
        let name = reader.schema().get_field_name(self.field);
        let Ok(column) = reader.fast_fields().date(name) else {
            return false;
        };
        if column.get_cardinality() == Cardinality::Multivalued {
            return false;
        }
        let (mut docs, mut dated, mut rows, mut dates, mut found) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let max_doc = reader.max_doc();
        let mut start = 0;
        while start < max_doc {
            let end = start.saturating_add(CHUNK).min(max_doc);
            docs.clear();
            docs.extend(start..end);
            dated.clear();
            rows.clear();
            column.row_ids_for_docs(&docs, &mut dated, &mut rows);
            dates.clear();
            dates.resize(rows.len(), DateTime::default());
            match (rows.first(), rows.last()) {
                // One date per dated article: the chunk's rows are one run.
                (Some(&first), Some(&last)) if (last - first) as usize + 1 == rows.len() => {
                    column.values.get_range(u64::from(first), &mut dates)
                }
                _ => column.values.get_vals(&rows, &mut dates),
            }
            found.clear();
            found.extend(
                dated
                    .iter()
                    .zip(&dates)
                    .filter(|(_, &date)| self.holds(date))
                    .map(|(&doc, _)| doc),
            );
            if !found.is_empty() {
                callback(&found);
            }
            start = end;
        }
        true
    }
}

impl Weight for DateRangeWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.inner.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        let alive = reader.alive_bitset();
        let mut count = 0;
        let scanned = self.scan(reader, &mut |docs| {
            count += docs
                .iter()
                .filter(|&&doc| alive.is_none_or(|alive| alive.is_alive(doc)))
                .count() as u32;
        });
        if scanned {
            Ok(count)
        } else {
            self.inner.count(reader)
        }
    }

    fn for_each_no_score(&self, reader: &SegmentReader, callback: &mut dyn FnMut(&[DocId])) -> tantivy::Result<()> {
        if self.scan(reader, callback) {
            Ok(())
        } else {
            self.inner.for_each_no_score(reader, callback)
        }
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::{Count, DocSetCollector};
    use tantivy::schema::{DateOptions, DateTimePrecision, Schema, STRING};
    use tantivy::{doc, Index, IndexWriter};

    use super::*;

    const DAY: i64 = 86_400;

    /// 5,000 articles over three chunks, article i dated day i after 2000-01-01 but every seventh undated; every
    /// eleventh deleted. Two segments.
    fn index() -> (Index, tantivy::schema::Field) {
        let mut schema = Schema::builder();
        let dates = DateOptions::default()
            .set_indexed()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds);
        let published = schema.add_date_field("published", dates);
        let tag = schema.add_text_field("tag", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 20_000_000).expect("writer");
        for i in 0..5_000i64 {
            let gone = if i % 11 == 0 { "gone" } else { "kept" };
            let mut article = doc!(tag => gone);
            if i % 7 != 0 {
                article.add_date(published, DateTime::from_timestamp_secs(946_684_800 + i * DAY + 3_600));
            }
            writer.add_document(article).expect("add");
            if i == 3_000 {
                writer.commit().expect("commit");
            }
        }
        writer.commit().expect("commit");
        writer.delete_term(Term::from_field_text(tag, "gone"));
        writer.commit().expect("commit");
        (index, published)
    }

    #[test]
    fn a_date_range_read_in_document_order_matches_what_tantivy_s_range_matches() {
        let (index, published) = index();
        let searcher = index.reader().expect("reader").searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let day = |n: i64| DateTime::from_timestamp_secs(946_684_800 + n * DAY);
        for (start, end) in [
            (Some(day(100)), Some(day(4_200))),
            (Some(day(2_999)), Some(day(3_003))),
            (Some(day(4_000)), None),
            (None, Some(day(50))),
            (Some(day(-10)), None),
            (Some(day(9_000)), None),
        ] {
            let ours = DateRange::new(published, start, end);
            let range = ours.inner.clone();
            let expected = searcher.search(&range, &DocSetCollector).expect("search");
            assert_eq!(searcher.search(&ours, &DocSetCollector).expect("search"), expected);
            assert_eq!(searcher.search(&ours, &Count).expect("count"), expected.len());
            let weight = ours
                .weight(EnableScoring::disabled_from_searcher(&searcher))
                .expect("weight");
            let inner = range
                .weight(EnableScoring::disabled_from_searcher(&searcher))
                .expect("weight");
            for reader in searcher.segment_readers() {
                let (mut found, mut wanted) = (Vec::new(), Vec::new());
                weight
                    .for_each_no_score(reader, &mut |docs| found.extend_from_slice(docs))
                    .expect("scan");
                inner
                    .for_each_no_score(reader, &mut |docs| wanted.extend_from_slice(docs))
                    .expect("scan");
                assert_eq!(found, wanted, "{start:?}..{end:?}");
                assert_eq!(
                    weight.count(reader).expect("count"),
                    inner.count(reader).expect("count")
                );
            }
        }
    }
}
