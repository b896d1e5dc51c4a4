//! A union made to be one operand of an intersection: a word searched in several fields (scored by its best
//! field plus a fraction of the others, tantivy's `DisjunctionMaxQuery`), or the operands of an `OR` (scored by
//! their sum, a `BooleanQuery` of `Should` clauses).
//!
//! tantivy's unions run on its buffered union, which on every seek outside its window fills the next 4,096 doc
//! ids from every operand and scores each of those documents. Under an intersection (`+border +wall +funding`, a
//! name filter, a date range, `(a OR b) AND c`) almost none of them are asked for: at ten times AllSides that
//! filling was two thirds of the search time. [`LazyUnion`] keeps its few operands side by side, seeks each only
//! to the target, and scores a document only when asked to (Lucene's `DisjunctionScorer`). Run on its own (a
//! one-word query, every match collected), the buffered union is the faster of the two, so the passes over
//! every match (`for_each`, counting) still go through tantivy's.

use std::sync::Arc;

use tantivy::query::{
    BooleanWeight, DisjunctionMaxCombiner, EmptyScorer, EnableScoring, Explanation, Occur, Query, ScoreCombiner,
    Scorer, SumCombiner, Weight,
};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, TantivyError, Term, TERMINATED};

/// Matches the documents any of its operands matches; scores them as [`LazyUnion::best_of`] or
/// [`LazyUnion::sum`] say.
///
/// ```
/// use lede_query::LazyUnion;
/// use tantivy::collector::{Count, TopDocs};
/// use tantivy::query::{Query, TermQuery};
/// use tantivy::schema::{IndexRecordOption, Schema, TEXT};
/// use tantivy::{doc, Index, Term};
///
/// let mut schema = Schema::builder();
/// let headline = schema.add_text_field("headline", TEXT);
/// let body = schema.add_text_field("body", TEXT);
/// let index = Index::create_in_ram(schema.build());
/// let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
/// writer.add_document(doc!(headline => "wall", body => "the wall")).unwrap();
/// writer.add_document(doc!(headline => "budget", body => "the wall")).unwrap();
/// writer.add_document(doc!(headline => "budget", body => "the house")).unwrap();
/// writer.commit().unwrap();
///
/// let term = |field| -> Box<dyn Query> {
///     Box::new(TermQuery::new(Term::from_field_text(field, "wall"), IndexRecordOption::WithFreqs))
/// };
/// let query = LazyUnion::best_of(vec![term(headline), term(body)], 0.1);
/// let searcher = index.reader().unwrap().searcher();
/// assert_eq!(searcher.search(&query, &Count).unwrap(), 2);
/// let top = searcher.search(&query, &TopDocs::with_limit(2).order_by_score()).unwrap();
/// assert_eq!(top[0].1.doc_id, 0, "the article with the word in both fields ranks first");
/// ```
#[derive(Debug)]
pub struct LazyUnion {
    disjuncts: Vec<Box<dyn Query>>,
    combine: Combine,
}

/// How a union scores the operands a document matches.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Combine {
    /// The best plus `tie_breaker` times the others (`DisjunctionMaxCombiner`).
    Best { tie_breaker: Score },
    /// The sum (`SumCombiner`).
    Sum,
}

impl LazyUnion {
    /// The union of `disjuncts`, each document scored by its best disjunct plus `tie_breaker` times the others,
    /// as `DisjunctionMaxQuery::with_tie_breaker` does (up to the order of the sum).
    pub fn best_of(disjuncts: Vec<Box<dyn Query>>, tie_breaker: Score) -> LazyUnion {
        LazyUnion {
            disjuncts,
            combine: Combine::Best { tie_breaker },
        }
    }

    /// The union of `disjuncts`, each document scored by the sum of the disjuncts it matches, as a
    /// `BooleanQuery` of `Should` clauses does.
    pub fn sum(disjuncts: Vec<Box<dyn Query>>) -> LazyUnion {
        LazyUnion {
            disjuncts,
            combine: Combine::Sum,
        }
    }

    fn boxed_disjuncts(&self) -> Vec<Box<dyn Query>> {
        self.disjuncts.iter().map(|q| q.box_clone()).collect()
    }
}

impl Clone for LazyUnion {
    fn clone(&self) -> LazyUnion {
        LazyUnion {
            disjuncts: self.boxed_disjuncts(),
            combine: self.combine,
        }
    }
}

impl Query for LazyUnion {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let disjuncts = self
            .disjuncts
            .iter()
            .map(|q| Ok(Arc::from(q.weight(enable_scoring)?)))
            .collect::<tantivy::Result<Vec<Arc<dyn Weight>>>>()?;
        // The scan is the weight `DisjunctionMaxQuery` or a `BooleanQuery` of `Should` clauses builds, over the same
        // disjunct weights: building them twice looked every term up twice.
        let clauses: Vec<(Occur, Box<dyn Weight>)> = disjuncts
            .iter()
            .map(|weight| (Occur::Should, Box::new(Shared(Arc::clone(weight))) as Box<dyn Weight>))
            .collect();
        let scoring = enable_scoring.is_scoring_enabled();
        let scan = match self.combine {
            Combine::Best { tie_breaker } => any_of(clauses, scoring, move || {
                DisjunctionMaxCombiner::with_tie_breaker(tie_breaker)
            }),
            Combine::Sum => any_of(clauses, scoring, SumCombiner::default),
        };
        Ok(Box::new(LazyUnionWeight {
            disjuncts,
            combine: self.combine,
            scan,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for disjunct in &self.disjuncts {
            disjunct.query_terms(visitor);
        }
    }
}

struct LazyUnionWeight {
    disjuncts: Vec<Arc<dyn Weight>>,
    combine: Combine,
    /// tantivy's union of the same disjuncts, for passes over every match.
    scan: Box<dyn Weight>,
}

impl Weight for LazyUnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorers = Vec::with_capacity(self.disjuncts.len());
        for weight in &self.disjuncts {
            let scorer = weight.scorer(reader, boost)?;
            if scorer.doc() != TERMINATED {
                scorers.push(scorer);
            }
        }
        Ok(match scorers.len() {
            // tantivy's boolean weights recognise `EmptyScorer` and drop the whole intersection.
            0 => Box::new(EmptyScorer),
            // One field's score is its own best: no union needed.
            1 => scorers.swap_remove(0),
            _ => Box::new(LazyUnionScorer::new(scorers, self.combine)),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "Document #({doc}) does not match"
            )));
        }
        let how = match self.combine {
            Combine::Best { tie_breaker } => format!("best of plus {tie_breaker} times the others"),
            Combine::Sum => "sum of".to_owned(),
        };
        let mut explanation = Explanation::new_with_string(how, scorer.score());
        for weight in &self.disjuncts {
            if let Ok(detail) = weight.explain(reader, doc) {
                explanation.add_detail(detail);
            }
        }
        Ok(explanation)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.scan.count(reader)
    }

    fn for_each(&self, reader: &SegmentReader, callback: &mut dyn FnMut(DocId, Score)) -> tantivy::Result<()> {
        self.scan.for_each(reader, callback)
    }

    fn for_each_no_score(&self, reader: &SegmentReader, callback: &mut dyn FnMut(&[DocId])) -> tantivy::Result<()> {
        self.scan.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        self.scan.for_each_pruning(threshold, reader, callback)
    }
}

/// The union of a few scorers, moved only as far as asked and scored only when asked.
struct LazyUnionScorer {
    scorers: Vec<Box<dyn Scorer>>,
    /// Each scorer's current document, so that finding the next one calls none of them.
    docs: Vec<DocId>,
    doc: DocId,
    combine: Combine,
}

impl LazyUnionScorer {
    /// `scorers` are positioned on their first documents.
    fn new(scorers: Vec<Box<dyn Scorer>>, combine: Combine) -> LazyUnionScorer {
        let docs: Vec<DocId> = scorers.iter().map(|s| s.doc()).collect();
        let doc = docs.iter().copied().min().unwrap_or(TERMINATED);
        LazyUnionScorer {
            scorers,
            docs,
            doc,
            combine,
        }
    }
}

impl DocSet for LazyUnionScorer {
    fn advance(&mut self) -> DocId {
        let current = self.doc;
        let mut next = TERMINATED;
        for (scorer, doc) in self.scorers.iter_mut().zip(&mut self.docs) {
            if *doc == current {
                *doc = scorer.advance();
            }
            next = next.min(*doc);
        }
        self.doc = next;
        next
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let mut next = TERMINATED;
        for (scorer, doc) in self.scorers.iter_mut().zip(&mut self.docs) {
            if *doc < target {
                *doc = scorer.seek(target);
            }
            next = next.min(*doc);
        }
        self.doc = next;
        next
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.scorers
            .iter()
            .map(|s| s.size_hint())
            .fold(0u32, u32::saturating_add)
    }

    fn cost(&self) -> u64 {
        self.scorers.iter().map(|s| s.cost()).sum()
    }
}

impl Scorer for LazyUnionScorer {
    fn score(&mut self) -> Score {
        let (mut max, mut sum) = (0.0, 0.0);
        for (scorer, doc) in self.scorers.iter_mut().zip(&self.docs) {
            if *doc == self.doc {
                let score = scorer.score();
                max = Score::max(max, score);
                sum += score;
            }
        }
        match self.combine {
            Combine::Best { tie_breaker } => max + (sum - max) * tie_breaker,
            Combine::Sum => sum,
        }
    }
}

/// The weight of a union of `clauses` (all `Should`), scored by `combiner`: what `DisjunctionMaxQuery` and a
/// `BooleanQuery` of `Should` clauses build.
fn any_of<C: ScoreCombiner + Sync>(
    clauses: Vec<(Occur, Box<dyn Weight>)>,
    scoring: bool,
    combiner: impl Fn() -> C + Send + Sync + 'static,
) -> Box<dyn Weight> {
    Box::new(BooleanWeight::with_minimum_number_should_match(
        clauses,
        1,
        scoring,
        Box::new(combiner),
    ))
}

/// A weight shared by a lazy union and its scan.
struct Shared(Arc<dyn Weight>);

impl Weight for Shared {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.0.scorer(reader, boost)
    }

    fn scorer_danger(
        &self,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<(SeekDangerResult, Box<dyn Scorer>)> {
        self.0.scorer_danger(reader, target, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.0.count(reader)
    }

    fn for_each(&self, reader: &SegmentReader, callback: &mut dyn FnMut(DocId, Score)) -> tantivy::Result<()> {
        self.0.for_each(reader, callback)
    }

    fn for_each_no_score(&self, reader: &SegmentReader, callback: &mut dyn FnMut(&[DocId])) -> tantivy::Result<()> {
        self.0.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        self.0.for_each_pruning(threshold, reader, callback)
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, DisjunctionMaxQuery, Occur, Query, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, DocAddress, Index, IndexWriter, Term};

    use super::LazyUnion;

    /// Both queries over `words`, each word in both fields: the same matches and (to float rounding) the same
    /// scores as tantivy's disjunction-max, alone and as operands of an intersection.
    #[test]
    fn scores_and_matches_agree_with_tantivys_disjunction_max() {
        let mut schema = Schema::builder();
        let headline = schema.add_text_field("headline", TEXT);
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).expect("writer");
        let words = ["wall", "border", "senate", "budget", "vote"];
        // Deterministic pseudo-random articles, enough of them to cross tantivy's 4,096-doc union window.
        let mut state = 12_345u64;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        for _ in 0..10_000 {
            let pick = |n: usize, next: &mut dyn FnMut() -> usize| -> String {
                (0..n)
                    .map(|_| words[next() % words.len()])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let h = pick(next() % 3, &mut next);
            let b = pick(next() % 6, &mut next);
            writer.add_document(doc!(headline => h, body => b)).expect("add");
        }
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let term = |field, word: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, word),
                IndexRecordOption::WithFreqs,
            ))
        };
        let ours = |word: &str| -> Box<dyn Query> {
            Box::new(LazyUnion::best_of(vec![term(headline, word), term(body, word)], 0.1))
        };
        let theirs = |word: &str| -> Box<dyn Query> {
            Box::new(DisjunctionMaxQuery::with_tie_breaker(
                vec![term(headline, word), term(body, word)],
                0.1,
            ))
        };
        let all_of = |make: &dyn Fn(&str) -> Box<dyn Query>, ws: &[&str]| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(ws.iter().map(|w| (Occur::Must, make(w))).collect()))
        };
        let any_of = |ws: &[&str]| -> (Box<dyn Query>, Box<dyn Query>) {
            let ours: Box<dyn Query> = Box::new(LazyUnion::sum(ws.iter().map(|w| ours(w)).collect()));
            let theirs: Box<dyn Query> = Box::new(BooleanQuery::new(
                ws.iter().map(|w| (Occur::Should, theirs(w))).collect(),
            ));
            (ours, theirs)
        };
        let (ours_or, theirs_or) = any_of(&["senate", "budget"]);
        let nested = |or: Box<dyn Query>, and: Box<dyn Query>| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(vec![(Occur::Must, or), (Occur::Must, and)]))
        };
        let (ours_or2, theirs_or2) = any_of(&["senate", "budget"]);
        let cases: Vec<(Box<dyn Query>, Box<dyn Query>)> = vec![
            (ours("wall"), theirs("wall")),
            (all_of(&ours, &["wall", "border"]), all_of(&theirs, &["wall", "border"])),
            (
                all_of(&ours, &["senate", "budget", "vote"]),
                all_of(&theirs, &["senate", "budget", "vote"]),
            ),
            (ours_or, theirs_or),
            (nested(ours_or2, ours("wall")), nested(theirs_or2, theirs("wall"))),
        ];
        for (a, b) in &cases {
            let count = searcher.search(a.as_ref(), &Count).expect("count");
            assert_eq!(count, searcher.search(b.as_ref(), &Count).expect("count"));
            assert!(count > 100, "{count}");
            let top = |q: &dyn Query| -> Vec<(f32, DocAddress)> {
                searcher
                    .search(q, &TopDocs::with_limit(count).order_by_score())
                    .expect("top")
            };
            let mut x = top(a.as_ref());
            let mut y = top(b.as_ref());
            x.sort_by_key(|(_, address)| *address);
            y.sort_by_key(|(_, address)| *address);
            for ((sx, ax), (sy, ay)) in x.iter().zip(&y) {
                assert_eq!(ax, ay);
                assert!((sx - sy).abs() <= 1e-4 * sy.abs().max(1.0), "{ax:?}: {sx} vs {sy}");
            }
        }
    }
}
