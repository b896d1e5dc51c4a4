//! Searching a segment per thread, the calling thread one of them.
//!
//! tantivy's executor hands every segment to its thread pool and blocks the calling thread until they are done: a
//! search over two segments wakes two sleeping threads and puts the caller to sleep. Waking a thread costs tens of
//! microseconds on a small machine, as much as a one-word query's whole search at ten times AllSides. [`search`]
//! searches the first segment on the calling thread and hands only the others to the pool.

use tantivy::collector::Collector;
use tantivy::query::{EnableScoring, Query};
use tantivy::{Executor, Searcher, TantivyError};

/// What `searcher.search(query, collector)` gives (the same weight, the same segment collectors, merged the
/// same way), the calling thread searching the first segment.
pub(crate) fn search<C: Collector>(searcher: &Searcher, query: &dyn Query, collector: &C) -> tantivy::Result<C::Fruit> {
    let segments = searcher.segment_readers();
    let pool = match searcher.index().search_executor() {
        Executor::ThreadPool(pool) if segments.len() > 1 => pool,
        _ => return searcher.search(query, collector),
    };
    let scoring = if collector.requires_scoring() {
        EnableScoring::enabled_from_searcher(searcher)
    } else {
        EnableScoring::disabled_from_searcher(searcher)
    };
    let weight = query.weight(scoring)?;
    collector.check_schema(searcher.schema())?;
    let weight = weight.as_ref();
    let mut fruits: Vec<Option<tantivy::Result<_>>> = segments.iter().map(|_| None).collect();
    if let Some((first, rest)) = fruits.split_first_mut() {
        pool.in_place_scope(|scope| {
            for (ord, slot) in rest.iter_mut().enumerate().map(|(i, slot)| (i + 1, slot)) {
                let segment = &segments[ord];
                scope.spawn(move |_| *slot = Some(collector.collect_segment(weight, ord as u32, segment)));
            }
            *first = Some(collector.collect_segment(weight, 0, &segments[0]));
        });
    }
    let fruits = fruits
        .into_iter()
        .map(|fruit| fruit.unwrap_or_else(|| Err(TantivyError::InternalError("a segment was not searched".into()))))
        .collect::<tantivy::Result<Vec<_>>>()?;
    collector.merge_fruits(fruits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::TermQuery;
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, Index, IndexWriter, Term};

    #[test]
    fn the_calling_thread_searching_a_segment_finds_what_the_executor_finds() {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let mut index = Index::create_in_ram(schema.build());
        index.set_multithread_executor(2).expect("pool");
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).expect("writer");
        // Three commits, three segments; "wall" in some articles of each, repeated to vary the scores.
        for segment in 0..3 {
            for i in 0..50 {
                let text = if (i + segment) % 3 == 0 {
                    "wall ".repeat(1 + i % 4) + "budget"
                } else {
                    "budget talks".to_string()
                };
                writer.add_document(doc!(body => text)).expect("add");
            }
            writer.commit().expect("commit");
        }
        let searcher = index.reader().expect("reader").searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        let query = TermQuery::new(Term::from_field_text(body, "wall"), IndexRecordOption::WithFreqs);
        let collector = (TopDocs::with_limit(10).order_by_score(), Count);
        let expected = searcher.search(&query, &collector).expect("search");
        let found = search(&searcher, &query, &collector).expect("search");
        assert_eq!(found.1, expected.1);
        assert_eq!(found.1, 50);
        assert_eq!(found.0, expected.0);
        let missing = TermQuery::new(Term::from_field_text(body, "senate"), IndexRecordOption::Basic);
        assert_eq!(search(&searcher, &missing, &Count).expect("search"), 0);
    }
}
