//! Searching a segment per thread, the calling thread one of them.
//!
//! tantivy's executor hands every segment to its thread pool and blocks the calling thread until they are done: a
//! search over two segments wakes two sleeping threads and puts the caller to sleep. Waking a thread costs tens of
//! microseconds on a small machine, as much as a one-word query's whole search at ten times AllSides. [`search`]
//! searches the first segment on the calling thread and hands only the others to the pool.
//!
//! An index in one segment (every index under [`lede_indexer::PARALLEL_SEARCH_DOCS`] articles) has nothing to
//! hand to a second core that way, and its slowest queries, long questions, then run on one core while the other
//! idles. So a ranked union of words scored in windows (a question's [`WordsQuery`], and its count) over a segment
//! of [`SPLIT_MIN_DOCS`] or more is searched in two halves of its doc ids, the calling thread taking the first
//! (Lucene 10's intra-segment concurrency). Every other query on such an index runs on the calling thread alone,
//! as it did before: an all-required run measured no faster in halves at 1x AllSides, the second thread's wake-up
//! and the duplicated setup taking what the split saved.

use tantivy::collector::Collector;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocId, Executor, Searcher, SegmentReader, TantivyError, TERMINATED};

use crate::words::WordsQuery;

/// A segment of this many documents or more is searched in two halves when the query is a ranked union of words.
/// Below it (a segment of a few windows) a second thread's wake-up costs more than half the search.
pub const SPLIT_MIN_DOCS: u32 = 20_000;

/// What `searcher.search(query, collector)` gives (the same weight, the same segment collectors, merged the
/// same way), the calling thread searching the first segment.
pub(crate) fn search<C: Collector>(searcher: &Searcher, query: &dyn Query, collector: &C) -> tantivy::Result<C::Fruit> {
    let segments = searcher.segment_readers();
    let pool = match searcher.index().search_executor() {
        Executor::ThreadPool(pool) => pool,
        Executor::SingleThread => return searcher.search(query, collector),
    };
    let scoring = scoring_for(searcher, collector);
    if let [segment] = segments {
        return match words_of(query) {
            Some(words) if words.is_union() && segment.max_doc() >= SPLIT_MIN_DOCS => {
                collector.check_schema(searcher.schema())?;
                search_halves(pool, words, scoring, segment, collector)
            }
            _ => searcher.search_with_executor(query, collector, &Executor::SingleThread, scoring),
        };
    }
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

/// Scores computed when `collector` uses them, as `Searcher::search` decides.
fn scoring_for<'a, C: Collector>(searcher: &'a Searcher, collector: &C) -> EnableScoring<'a> {
    if collector.requires_scoring() {
        EnableScoring::enabled_from_searcher(searcher)
    } else {
        EnableScoring::disabled_from_searcher(searcher)
    }
}

/// The words query `query` is, or holds in a box.
fn words_of(query: &dyn Query) -> Option<&WordsQuery> {
    match query.downcast_ref::<Box<dyn Query>>() {
        Some(boxed) => words_of(boxed.as_ref()),
        None => query.downcast_ref::<WordsQuery>(),
    }
}

/// `collector` over `words` in `segment`, the documents below the middle on the calling thread and the others on
/// the pool, merged as two segments' fruits are: the same matches and counts as one pass, and the same scores up to
/// the order in which a pruning half adds up a document's field scores (a last bit, now and then).
///
/// Each half prunes on its own top-k threshold. Sharing the higher of the two (Lucene's `MaxScoreAccumulator`)
/// measured about 3 % faster on the questions of `data/queries.tsv`, but made which fields a half looks up, and so
/// those last bits, depend on the threads' timing: the same query then gave different scores from run to run.
fn search_halves<C: Collector>(
    pool: &rayon::ThreadPool,
    words: &WordsQuery,
    scoring: EnableScoring<'_>,
    segment: &SegmentReader,
    collector: &C,
) -> tantivy::Result<C::Fruit> {
    let weight = words.words_weight(scoring)?;
    let middle: DocId = segment.max_doc() / 2;
    let (low, high) = (weight.within_docs(0, middle), weight.within_docs(middle, TERMINATED));
    let (mut first, mut second) = (None, None);
    pool.in_place_scope(|scope| {
        scope.spawn(|_| second = Some(collector.collect_segment(&high, 0, segment)));
        first = Some(collector.collect_segment(&low, 0, segment));
    });
    let searched = |fruit: Option<tantivy::Result<_>>| {
        fruit.unwrap_or_else(|| Err(TantivyError::InternalError("half a segment was not searched".into())))
    };
    collector.merge_fruits(vec![searched(first)?, searched(second)?])
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

#[cfg(test)]
mod halves {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, DocAddress, Index, IndexWriter, Score, Term};

    /// One segment of `SPLIT_MIN_DOCS` + 1,000 articles, words drawn from a small vocabulary so that many articles
    /// tie; the words of the first half are rarer than the second's, so that one half alone would keep a low threshold.
    fn index() -> (Index, tantivy::schema::Field, tantivy::schema::Field) {
        let mut schema = Schema::builder();
        let headline = schema.add_text_field("headline", TEXT);
        let body = schema.add_text_field("body", TEXT);
        let mut index = Index::create_in_ram(schema.build());
        index.set_multithread_executor(2).expect("pool");
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 50_000_000).expect("writer");
        let vocabulary = ["wall", "senate", "budget", "border", "vote", "deal", "house", "court"];
        let mut state = 7u64;
        let docs = SPLIT_MIN_DOCS + 1_000;
        for i in 0..docs {
            let mut words = Vec::new();
            let length = if i < docs / 2 { 3 } else { 9 };
            for _ in 0..length {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                words.push(vocabulary[(state >> 59) as usize % vocabulary.len()]);
            }
            let (title, text) = words.split_at(1);
            writer
                .add_document(doc!(headline => title.join(" "), body => text.join(" ")))
                .expect("add");
        }
        writer.commit().expect("commit");
        (index, headline, body)
    }

    /// `collector` over `query` in one pass on the calling thread.
    fn one_pass<C: Collector>(searcher: &Searcher, query: &dyn Query, collector: &C) -> C::Fruit {
        let scoring = scoring_for(searcher, collector);
        searcher
            .search_with_executor(query, collector, &Executor::SingleThread, scoring)
            .expect("search")
    }

    /// Scores to four decimals, best first, ties by address: the halves may add a document's field scores in
    /// another order (which fields a half looks up depends on its threshold), so two articles a last bit apart
    /// can trade places.
    fn rounded(docs: Vec<(Score, DocAddress)>) -> Vec<(i64, DocAddress)> {
        let mut docs: Vec<(i64, DocAddress)> = docs.into_iter().map(|(s, a)| ((s * 1e4).round() as i64, a)).collect();
        docs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        docs
    }

    #[test]
    fn a_union_searched_in_two_halves_finds_what_one_pass_finds() {
        let (index, headline, body) = index();
        let searcher = index.reader().expect("reader").searcher();
        assert_eq!(searcher.segment_readers().len(), 1);
        assert!(searcher.segment_readers()[0].max_doc() >= SPLIT_MIN_DOCS);
        let word = |w: &str, boost: Score| {
            vec![
                (Term::from_field_text(headline, w), 2.0 * boost),
                (Term::from_field_text(body, w), boost),
            ]
        };
        for minimum in [1, 2] {
            let query = WordsQuery::new(
                vec![
                    word("wall", 1.0),
                    word("senate", 0.7),
                    word("budget", 0.3),
                    word("court", 1.2),
                ],
                minimum,
                0.1,
            );
            assert!(words_of(&query).is_some_and(WordsQuery::is_union));
            let boxed: Box<dyn Query> = Box::new(query.clone());
            assert!(words_of(&boxed).is_some(), "a boxed words query is found");
            for k in [1, 10, 50, 500] {
                // TopDocs alone prunes (each half on its own threshold); with Count beside it every match is scored.
                let top = TopDocs::with_limit(k).order_by_score();
                let halves = rounded(search(&searcher, &query, &top).expect("search"));
                assert_eq!(
                    halves,
                    rounded(one_pass(&searcher, &query, &top)),
                    "minimum {minimum}, top {k}"
                );
                assert_eq!(halves.len(), k);
                let (docs, count) = search(&searcher, &query, &(top, Count)).expect("search");
                let (expected_docs, expected_count) =
                    one_pass(&searcher, &query, &(TopDocs::with_limit(k).order_by_score(), Count));
                assert_eq!(count, expected_count);
                assert!(count > SPLIT_MIN_DOCS as usize / 2, "most articles match: {count}");
                assert_eq!(rounded(docs), rounded(expected_docs));
            }
            let count = search(&searcher, &query, &Count).expect("count");
            assert_eq!(count, one_pass(&searcher, &query, &Count));
        }
    }
}
