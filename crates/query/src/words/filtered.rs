//! A words query with other operands beside it: `Why did the House impeach President Trump? date:2019-06..2020-03`,
//! a question with `--person`, `--where bias=left`, `-ukraine` or `AND "paul ryan"`.
//!
//! As a `BooleanQuery`, the words run under tantivy's intersection, which moves them a document at a time: the
//! words scorer then fills a whole window of every word's postings for each target, with no threshold to prune by,
//! and a question under a date range scored its 24 words over the whole segment (8.7 ms at AllSides, where the
//! same question alone took 3.2). [`FilteredWords`] turns the other operands into one set of allowed documents per
//! segment (and, for those that score, a score per document to add) and hands it to the words scorer, which skips
//! the windows without any, never looks up a document outside it, and prunes as it does alone, the added scores
//! counted in its bounds.

use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

use super::allowed::{Allowed, Beside, Bonus};
use super::words_weight::WordsWeight;
use super::WordsQuery;

/// Queries beside the words.
pub(crate) type Queries = Vec<Box<dyn Query>>;

/// The operands of an `AND` beside a run of words.
#[derive(Debug, Default)]
pub(crate) struct Operands {
    /// Required, and scoring: their scores add to the words'.
    pub(crate) scoring: Queries,
    /// Required, scoring nothing (names, dates, metadata).
    pub(crate) filters: Queries,
    /// `NOT`.
    pub(crate) excluded: Queries,
}

impl Operands {
    fn append(&mut self, other: &mut Operands) {
        self.scoring.append(&mut other.scoring);
        self.filters.append(&mut other.filters);
        self.excluded.append(&mut other.excluded);
    }
}

impl Clone for Operands {
    fn clone(&self) -> Operands {
        let clone = |queries: &Queries| queries.iter().map(|q| q.box_clone()).collect();
        Operands {
            scoring: clone(&self.scoring),
            filters: clone(&self.filters),
            excluded: clone(&self.excluded),
        }
    }
}

/// What the operands beside runs of words made of each segment, shared by the passes of one search (a question's
/// first pass, its second, its count): they build the same sets, and building them is a fifth of a narrowed
/// question's time at ten times AllSides.
#[derive(Default, Clone)]
pub struct PassCache(Arc<Mutex<Vec<CachedBeside>>>);

struct CachedBeside {
    segment: SegmentId,
    /// The operands, in their `Debug` form.
    operands: String,
    /// Whether the scores were added ([`Beside::bonus`]).
    scored: bool,
    beside: Arc<Beside>,
}

impl std::fmt::Debug for PassCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PassCache")
    }
}

impl PassCache {
    /// The sets of `operands` in `segment` (with their scores added, when `scored`: a pass that needs none takes
    /// sets with or without), made by `make` unless another pass made them.
    fn get_or_make(
        &self,
        segment: SegmentId,
        operands: &str,
        scored: bool,
        make: impl FnOnce() -> tantivy::Result<Arc<Beside>>,
    ) -> tantivy::Result<Arc<Beside>> {
        let found = |cache: &[CachedBeside]| {
            cache
                .iter()
                .filter(|entry| entry.segment == segment && entry.operands == operands && entry.scored >= scored)
                .max_by_key(|entry| entry.scored)
                .map(|entry| entry.beside.clone())
        };
        if let Some(beside) = self.0.lock().ok().and_then(|cache| found(&cache)) {
            return Ok(beside);
        }
        let beside = make()?;
        if let Ok(mut cache) = self.0.lock() {
            cache.push(CachedBeside {
                segment,
                operands: operands.to_string(),
                scored,
                beside: beside.clone(),
            });
        }
        Ok(beside)
    }
}

/// `words`, required, with other operands beside it: what the `BooleanQuery` of them all matches and scores (a
/// filter adds 0 to the words' score, a scoring operand its own score).
#[derive(Debug, Clone)]
pub(crate) struct FilteredWords {
    words: WordsQuery,
    beside: Operands,
    passes: Option<PassCache>,
}

impl FilteredWords {
    /// `scored` with `beside`: a [`FilteredWords`] when `scored` is a words query (or already one, which then takes
    /// the new operands too), else `scored` and `beside` back.
    pub(crate) fn try_new(
        scored: Box<dyn Query>,
        mut beside: Operands,
    ) -> Result<FilteredWords, (Box<dyn Query>, Operands)> {
        let scored = match scored.downcast::<WordsQuery>() {
            Ok(words) => {
                return Ok(FilteredWords {
                    words: *words,
                    beside,
                    passes: None,
                })
            }
            Err(scored) => scored,
        };
        match scored.downcast::<FilteredWords>() {
            Ok(inner) => {
                let mut inner = *inner;
                inner.beside.append(&mut beside);
                Ok(inner)
            }
            Err(scored) => Err((scored, beside)),
        }
    }

    /// Shares what the operands make of each segment with the other passes of the search that hold `passes`.
    pub(crate) fn shared(mut self, passes: Option<&PassCache>) -> FilteredWords {
        self.passes = passes.cloned();
        self
    }
}

impl Query for FilteredWords {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        // Filters and exclusions only select: their scores are never read.
        let selecting = match enable_scoring.searcher() {
            Some(searcher) => EnableScoring::disabled_from_searcher(searcher),
            None => EnableScoring::disabled_from_schema(enable_scoring.schema()),
        };
        let weights =
            |queries: &[Box<dyn Query>], scoring: EnableScoring<'_>| -> tantivy::Result<Vec<Box<dyn Weight>>> {
                queries.iter().map(|query| query.weight(scoring)).collect()
            };
        Ok(Box::new(FilteredWordsWeight {
            passes: self.passes.clone(),
            operands: format!("{:?}", self.beside),
            scored_search: enable_scoring.is_scoring_enabled(),
            words: self.words.words_weight(enable_scoring)?,
            scoring: weights(&self.beside.scoring, enable_scoring)?,
            filters: weights(&self.beside.filters, selecting)?,
            excluded: weights(&self.beside.excluded, selecting)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.words.query_terms(visitor);
        let beside = &self.beside;
        for query in beside.scoring.iter().chain(&beside.filters).chain(&beside.excluded) {
            query.query_terms(visitor);
        }
    }
}

struct FilteredWordsWeight {
    passes: Option<PassCache>,
    /// The operands, as [`PassCache`] knows them.
    operands: String,
    /// Whether this search scores (else the scoring operands' scores are not theirs, and are not added).
    scored_search: bool,
    words: WordsWeight,
    scoring: Vec<Box<dyn Weight>>,
    filters: Vec<Box<dyn Weight>>,
    excluded: Vec<Box<dyn Weight>>,
}

impl FilteredWordsWeight {
    /// What the operands beside the words make of `reader`: the documents every required operand holds and no
    /// exclusion does, and (with `scores`) what the scoring ones add to each.
    fn beside(&self, reader: &SegmentReader, scores: bool) -> tantivy::Result<Arc<Beside>> {
        // A scoring search adds the scores even where this call needs none: the other passes will.
        let scores = self.scored_search && (scores || self.passes.is_some());
        match &self.passes {
            Some(passes) => passes.get_or_make(reader.segment_id(), &self.operands, scores, || {
                self.make_beside(reader, scores, 1.0)
            }),
            None => self.make_beside(reader, scores, 1.0),
        }
    }

    /// [`FilteredWordsWeight::beside`], not shared, the scoring operands' scores times `boost` (as a boosted
    /// `BooleanQuery` boosts each of its clauses).
    fn make_beside(&self, reader: &SegmentReader, scores: bool, boost: Score) -> tantivy::Result<Arc<Beside>> {
        let max_doc = reader.max_doc();
        let mut allowed: Option<Allowed> = None;
        let mut narrow = |found: Allowed| match &mut allowed {
            Some(allowed) => allowed.intersect(&found),
            None => allowed = Some(found),
        };
        let mut bonus = None;
        for weight in &self.scoring {
            if !scores {
                narrow(matches(weight.as_ref(), reader)?);
                continue;
            }
            let (mut found, bonus) = (Allowed::none(max_doc), bonus.get_or_insert_with(|| Bonus::new(max_doc)));
            let mut scorer = weight.scorer(reader, boost)?;
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                found.insert(doc);
                bonus.add(doc, scorer.score());
                doc = scorer.advance();
            }
            narrow(found);
        }
        for filter in &self.filters {
            narrow(matches(filter.as_ref(), reader)?);
        }
        let mut allowed = allowed.unwrap_or_else(|| Allowed::all(max_doc));
        for excluded in &self.excluded {
            excluded.for_each_no_score(reader, &mut |docs| {
                for &doc in docs {
                    allowed.remove(doc);
                }
            })?;
        }
        Ok(Arc::new(Beside { allowed, bonus }))
    }
}

/// The documents `weight` matches in `reader`.
fn matches(weight: &dyn Weight, reader: &SegmentReader) -> tantivy::Result<Allowed> {
    let mut found = Allowed::none(reader.max_doc());
    weight.for_each_no_score(reader, &mut |docs| {
        for &doc in docs {
            found.insert(doc);
        }
    })?;
    Ok(found)
}

impl Weight for FilteredWordsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let beside = if boost != 1.0 && !self.scoring.is_empty() {
            self.make_beside(reader, self.scored_search, boost)?
        } else {
            self.beside(reader, true)?
        };
        self.words.scorer_within(reader, boost, Some(beside))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if !self.beside(reader, false)?.allowed.contains(doc) {
            return Err(TantivyError::InvalidArgument(format!(
                "Document #({doc}) does not match"
            )));
        }
        let words = self.words.explain(reader, doc)?;
        if self.scoring.is_empty() {
            return Ok(words);
        }
        let mut parts = vec![words];
        for weight in &self.scoring {
            parts.push(weight.explain(reader, doc)?);
        }
        let total = parts.iter().map(Explanation::value).sum();
        let mut explanation = Explanation::new("the words' score plus those of the operands beside them", total);
        for part in parts {
            explanation.add_detail(part);
        }
        Ok(explanation)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        let beside = self.beside(reader, false)?;
        self.words.count_within(reader, Some(&beside.allowed))
    }

    fn for_each(&self, reader: &SegmentReader, callback: &mut dyn FnMut(DocId, Score)) -> tantivy::Result<()> {
        self.words
            .for_each_within(reader, Some(self.beside(reader, true)?), callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        self.words
            .for_each_pruning_within(threshold, reader, Some(self.beside(reader, true)?), callback)
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, STRING, TEXT};
    use tantivy::{doc, DocAddress, Index, IndexWriter, Searcher};

    use super::*;

    const WORDS: [&str; 8] = ["senate", "wall", "budget", "vote", "border", "deal", "house", "court"];

    /// 10,000 articles (three windows of the words scorer), each a few of `WORDS` repeated, tagged `a` in runs
    /// (a window without any, others dense) and `b` every third article; those tagged `b` deleted.
    fn index() -> (Searcher, TestFields) {
        let mut schema = Schema::builder();
        let headline = schema.add_text_field("headline", TEXT);
        let body = schema.add_text_field("body", TEXT);
        let tag = schema.add_text_field("tag", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 50_000_000).expect("writer");
        let mut state = 7u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        for i in 0..10_000usize {
            let mut text = String::new();
            for _ in 0..1 + next() % 6 {
                let word = WORDS[next() % WORDS.len()];
                text.push_str(&format!("{word} ").repeat(1 + next() % 3));
                text.push_str("filler ");
            }
            let title = WORDS[next() % WORDS.len()];
            let mut document = doc!(headline => title, body => text);
            if (1_000..1_400).contains(&i) || (6_000..9_000).contains(&i) && i % 5 != 0 {
                document.add_text(tag, "a");
            }
            if i % 3 == 0 {
                document.add_text(tag, "b");
            }
            writer.add_document(document).expect("add");
        }
        writer.commit().expect("commit");
        writer.delete_term(Term::from_field_text(tag, "b"));
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        (searcher, TestFields { headline, body, tag })
    }

    struct TestFields {
        headline: tantivy::schema::Field,
        body: tantivy::schema::Field,
        tag: tantivy::schema::Field,
    }

    fn words(fields: &TestFields, minimum: usize) -> WordsQuery {
        let words = WORDS[..6]
            .iter()
            .map(|w| {
                vec![
                    (Term::from_field_text(fields.headline, w), 2.5),
                    (Term::from_field_text(fields.body, w), 1.0),
                ]
            })
            .collect();
        WordsQuery::new(words, minimum, 0.1)
    }

    fn term(field: tantivy::schema::Field, text: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        ))
    }

    fn top(searcher: &Searcher, query: &dyn Query, k: usize) -> (Vec<(DocAddress, Score)>, usize) {
        let (docs, count) = searcher
            .search(query, &(TopDocs::with_limit(k).order_by_score(), Count))
            .expect("search");
        (
            docs.into_iter().map(|(score, address)| (address, score)).collect(),
            count,
        )
    }

    fn pruned(searcher: &Searcher, query: &dyn Query, k: usize) -> Vec<(DocAddress, Score)> {
        let docs = searcher
            .search(query, &TopDocs::with_limit(k).order_by_score())
            .expect("search");
        docs.into_iter().map(|(score, address)| (address, score)).collect()
    }

    fn same(found: &[(DocAddress, Score)], expected: &[(DocAddress, Score)]) {
        assert_eq!(found.len(), expected.len());
        for ((a, x), (b, y)) in found.iter().zip(expected) {
            assert_eq!(a, b);
            assert!((x - y).abs() <= 1e-4 * y.abs().max(1.0), "{x} against {y}");
        }
    }

    #[test]
    fn filtered_words_match_and_score_as_the_boolean_query() {
        let (searcher, fields) = index();
        let scored = |field, text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::WithFreqs,
            ))
        };
        // (scoring operands, filters, exclusions): the tag filter alone, two filters, a filter and an exclusion, an
        // exclusion alone, a scoring operand alone and beside a filter and an exclusion, two scoring operands.
        let cases: Vec<(Queries, Queries, Queries)> = vec![
            (vec![], vec![term(fields.tag, "a")], vec![]),
            (vec![], vec![term(fields.tag, "a"), term(fields.body, "house")], vec![]),
            (vec![], vec![term(fields.tag, "a")], vec![term(fields.body, "court")]),
            (vec![], vec![], vec![term(fields.headline, "vote")]),
            (vec![scored(fields.body, "deal")], vec![], vec![]),
            (
                vec![scored(fields.body, "house")],
                vec![term(fields.tag, "a")],
                vec![term(fields.body, "court")],
            ),
            (
                vec![scored(fields.body, "house"), scored(fields.headline, "court")],
                vec![],
                vec![],
            ),
        ];
        for minimum in [1, 2, 4] {
            for (scoring, filters, excluded) in &cases {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(words(&fields, minimum)))];
                clauses.extend(scoring.iter().map(|q| (Occur::Must, q.box_clone())));
                for filter in filters {
                    clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter.box_clone(), 0.0))));
                }
                clauses.extend(excluded.iter().map(|q| (Occur::MustNot, q.box_clone())));
                let boolean = BooleanQuery::new(clauses);
                let clone = |queries: &Queries| queries.iter().map(|q| q.box_clone()).collect();
                let operands = Operands {
                    scoring: clone(scoring),
                    filters: clone(filters),
                    excluded: clone(excluded),
                };
                let Ok(filtered) = FilteredWords::try_new(Box::new(words(&fields, minimum)), operands) else {
                    panic!("a words query");
                };
                // Every match (no pruning), its count, and the pruned top hits at several depths.
                let (all, count) = top(&searcher, &boolean, 20_000);
                let (found, found_count) = top(&searcher, &filtered, 20_000);
                assert!(count > 0);
                assert_eq!(found_count, count);
                assert_eq!(filtered.count(&searcher).expect("count"), count);
                same(&found, &all);
                for k in [1, 10, 50] {
                    same(&pruned(&searcher, &filtered, k), &pruned(&searcher, &boolean, k));
                }
                // Passes sharing their sets: a count first (sets without scores), then the ranked passes, which
                // must not take them for sets with scores.
                let passes = PassCache::default();
                let Ok(shared) = FilteredWords::try_new(Box::new(words(&fields, minimum)), filtered.beside.clone())
                else {
                    panic!("a words query");
                };
                let shared = shared.shared(Some(&passes));
                assert_eq!(shared.count(&searcher).expect("count"), count);
                same(&pruned(&searcher, &shared, 10), &pruned(&searcher, &boolean, 10));
                same(&top(&searcher, &shared, 20_000).0, &all);
                // Boosted, as `(question AND x)^2` is: every operand's score times the boost.
                let boosted = top(&searcher, &BoostQuery::new(Box::new(filtered.clone()), 2.0), 20_000).0;
                same(
                    &boosted,
                    &top(&searcher, &BoostQuery::new(Box::new(boolean.clone()), 2.0), 20_000).0,
                );
                for &(address, score) in found.iter().take(3) {
                    let explained = filtered.explain(&searcher, address).expect("explain").value();
                    assert!(
                        (explained - score).abs() <= 1e-4 * score.max(1.0),
                        "{explained} against {score}"
                    );
                }
            }
        }
    }
}
