//! Searching an index on the calling thread and the pool together.
//!
//! tantivy's executor hands every segment to its thread pool and blocks the calling thread until they are done: a
//! search over two segments wakes two sleeping threads and puts the caller to sleep. Waking a thread costs tens of
//! microseconds on a small machine, as much as a one-word query's whole search at ten times AllSides. [`search`]
//! searches the first segment on the calling thread and hands only the others to the pool; it does so for every
//! query on an index of [`PARALLEL_SEARCH_DOCS`] articles or more in several segments.
//!
//! A smaller index (one segment as a first build leaves it, or one large segment beside the small ones an
//! incremental update adds) has no second segment of any size to hand to a second core, and its slowest queries,
//! long questions, would run on one core while the other idles. So a ranked union of words scored in windows (a
//! question's [`WordsQuery`], and its count) over [`SPLIT_MIN_DOCS`] articles or more is searched in two slices of
//! even size, cut across segment boundaries and through a segment where the middle falls, the calling thread taking
//! the first (Lucene 10's slices and intra-segment concurrency). Every other query on such an index runs on the
//! calling thread alone: an all-required run measured no faster in halves at 1x AllSides, the second thread's wake-up
//! and the duplicated setup taking what the split saved.

use lede_indexer::PARALLEL_SEARCH_DOCS;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::{DocId, Executor, Searcher, SegmentReader, TantivyError, TERMINATED};

use crate::words::{WordsQuery, WordsWeight};

/// An index of this many articles or more searches a ranked union of words in two slices on two threads. Below it
/// (a few windows of documents) a second thread's wake-up costs more than half the search.
pub const SPLIT_MIN_DOCS: u32 = 20_000;

/// What `searcher.search(query, collector)` gives (the same weight, the same segment collectors, merged the
/// same way), the calling thread taking part: one segment per thread on a large index, two slices of a ranked
/// union of words on a smaller one, the calling thread alone for everything else.
pub(crate) fn search<C: Collector>(searcher: &Searcher, query: &dyn Query, collector: &C) -> tantivy::Result<C::Fruit> {
    let segments = searcher.segment_readers();
    let pool = match searcher.index().search_executor() {
        Executor::ThreadPool(pool) => pool,
        Executor::SingleThread => return searcher.search(query, collector),
    };
    let scoring = scoring_for(searcher, collector);
    let docs: u64 = segments.iter().map(|s| u64::from(s.max_doc())).sum();
    if segments.len() > 1 && docs >= PARALLEL_SEARCH_DOCS {
        return per_segment(pool, searcher, query, scoring, collector);
    }
    match words_of(query) {
        Some(words) if words.is_union() && docs >= u64::from(SPLIT_MIN_DOCS) => {
            collector.check_schema(searcher.schema())?;
            search_slices(pool, &words.words_weight(scoring)?, segments, collector)
        }
        _ => searcher.search_with_executor(query, collector, &Executor::SingleThread, scoring),
    }
}

/// `collector` over `query`, the first segment on the calling thread and each other one on the pool.
fn per_segment<C: Collector>(
    pool: &rayon::ThreadPool,
    searcher: &Searcher,
    query: &dyn Query,
    scoring: EnableScoring<'_>,
    collector: &C,
) -> tantivy::Result<C::Fruit> {
    let segments = searcher.segment_readers();
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

/// A part of an index one thread searches: segment ordinals and the doc ids `start..end` of each.
type Slice = Vec<(usize, DocId, DocId)>;

/// Segments of `sizes` documents (their `max_doc`) cut into two slices of about as many documents each, in doc id
/// order: whole segments, and the segment the middle falls in cut there.
fn two_slices(sizes: &[DocId]) -> (Slice, Slice) {
    let total: u64 = sizes.iter().map(|&n| u64::from(n)).sum();
    let middle = total / 2;
    let (mut low, mut high) = (Vec::new(), Vec::new());
    let mut start = 0u64;
    for (ord, &size) in sizes.iter().enumerate() {
        let end = start + u64::from(size);
        if end <= middle {
            low.push((ord, 0, TERMINATED));
        } else if start >= middle {
            high.push((ord, 0, TERMINATED));
        } else {
            // `middle - start` < the segment's max_doc, so it fits a doc id.
            let cut = DocId::try_from(middle - start).unwrap_or(DocId::MAX);
            low.push((ord, 0, cut));
            high.push((ord, cut, TERMINATED));
        }
        start = end;
    }
    (low, high)
}

/// `collector` over `weight` in `segments`, the first of [`two_slices`] on the calling thread and the second on
/// the pool, merged as segments' fruits are: the same matches and counts as one pass, and the same scores up to
/// the order in which a pruning slice adds up a document's field scores (a last bit, now and then).
///
/// Each slice prunes on its own top-k threshold. Sharing the higher of the two (Lucene's `MaxScoreAccumulator`)
/// measured about 3 % faster on the questions of `data/queries.tsv`, but made which fields a slice looks up, and so
/// those last bits, depend on the threads' timing: the same query then gave different scores from run to run.
fn search_slices<C: Collector>(
    pool: &rayon::ThreadPool,
    weight: &WordsWeight,
    segments: &[SegmentReader],
    collector: &C,
) -> tantivy::Result<C::Fruit> {
    let sizes: Vec<DocId> = segments.iter().map(SegmentReader::max_doc).collect();
    let (low, high) = two_slices(&sizes);
    let search = |slice: &Slice| -> tantivy::Result<Vec<<C::Child as SegmentCollector>::Fruit>> {
        slice
            .iter()
            .map(|&(ord, start, end)| {
                let part: &dyn Weight = &weight.within_docs(start, end);
                collector.collect_segment(part, ord as u32, &segments[ord])
            })
            .collect()
    };
    let (mut first, mut second) = (None, None);
    pool.in_place_scope(|scope| {
        scope.spawn(|_| second = Some(search(&high)));
        first = Some(search(&low));
    });
    let searched = |fruits: Option<tantivy::Result<_>>| {
        fruits.unwrap_or_else(|| Err(TantivyError::InternalError("a slice was not searched".into())))
    };
    let mut fruits = searched(first)?;
    fruits.extend(searched(second)?);
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
        let pool = match index.search_executor() {
            Executor::ThreadPool(pool) => pool,
            Executor::SingleThread => panic!("a pool was set"),
        };
        let scoring = scoring_for(&searcher, &collector);
        let found = per_segment(pool, &searcher, &query, scoring, &collector).expect("search");
        assert_eq!(found.1, expected.1);
        assert_eq!(found.1, 50);
        assert_eq!(found.0, expected.0);
        let missing = TermQuery::new(Term::from_field_text(body, "senate"), IndexRecordOption::Basic);
        assert_eq!(search(&searcher, &missing, &Count).expect("search"), 0);
    }

    #[test]
    fn two_slices_cut_the_index_in_the_middle() {
        let (low, high) = two_slices(&[37_553, 46]);
        assert_eq!(low, vec![(0, 0, 18_799)]);
        assert_eq!(high, vec![(0, 18_799, TERMINATED), (1, 0, TERMINATED)]);
        let (low, high) = two_slices(&[10, 10]);
        assert_eq!((low, high), (vec![(0, 0, TERMINATED)], vec![(1, 0, TERMINATED)]));
        let (low, high) = two_slices(&[4, 3, 9, 2]);
        assert_eq!(low, vec![(0, 0, TERMINATED), (1, 0, TERMINATED), (2, 0, 2)]);
        assert_eq!(high, vec![(2, 2, TERMINATED), (3, 0, TERMINATED)]);
        assert_eq!(two_slices(&[]), (vec![], vec![]));
    }
}

#[cfg(test)]
mod halves {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, DocAddress, Index, IndexWriter, Score, Term};

    /// `SPLIT_MIN_DOCS` + 1,000 articles, words drawn from a small vocabulary so that many articles tie; the words
    /// of the first half are rarer than the second's, so that one half alone would keep a low threshold. One
    /// segment, or, with `commit_at`, a large one and the small one of the articles from there on (as an
    /// incremental update leaves an index).
    fn index(commit_at: Option<u32>) -> (Index, tantivy::schema::Field, tantivy::schema::Field) {
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
            if commit_at == Some(i) {
                writer.commit().expect("commit");
            }
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
        let (index, headline, body) = index(None);
        let searcher = index.reader().expect("reader").searcher();
        assert_eq!(searcher.segment_readers().len(), 1);
        assert!(searcher.segment_readers()[0].max_doc() >= SPLIT_MIN_DOCS);
        check_slices(&searcher, headline, body);
    }

    #[test]
    fn a_union_searched_in_two_slices_of_two_segments_finds_what_one_pass_finds() {
        // The middle falls inside the first segment: its first part is one slice, its second part and the
        // small segment the other.
        let (index, headline, body) = index(Some(SPLIT_MIN_DOCS * 3 / 4));
        let searcher = index.reader().expect("reader").searcher();
        let sizes: Vec<DocId> = searcher.segment_readers().iter().map(SegmentReader::max_doc).collect();
        assert_eq!(sizes.len(), 2, "{sizes:?}");
        assert_eq!(two_slices(&sizes).1.len(), 2, "{sizes:?}");
        check_slices(&searcher, headline, body);
    }

    /// Unions of four words, pruned or beside a count, searched by [`search`] and in one pass.
    fn check_slices(searcher: &Searcher, headline: tantivy::schema::Field, body: tantivy::schema::Field) {
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
                // TopDocs alone prunes (each slice on its own threshold); with Count beside it every match is scored.
                let top = TopDocs::with_limit(k).order_by_score();
                let halves = rounded(search(searcher, &query, &top).expect("search"));
                assert_eq!(
                    halves,
                    rounded(one_pass(searcher, &query, &top)),
                    "minimum {minimum}, top {k}"
                );
                assert_eq!(halves.len(), k);
                let (docs, count) = search(searcher, &query, &(top, Count)).expect("search");
                let (expected_docs, expected_count) =
                    one_pass(searcher, &query, &(TopDocs::with_limit(k).order_by_score(), Count));
                assert_eq!(count, expected_count);
                assert!(count > SPLIT_MIN_DOCS as usize / 2, "most articles match: {count}");
                assert_eq!(rounded(docs), rounded(expected_docs));
            }
            let count = search(searcher, &query, &Count).expect("count");
            assert_eq!(count, one_pass(searcher, &query, &Count));
        }
    }
}
