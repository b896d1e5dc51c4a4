//! `WordsQuery` finds the same documents with the same scores as tantivy's generic construction it
//! replaces: `BooleanQuery::with_minimum_required_clauses` over one `DisjunctionMaxQuery` per word.
//!
//! The index is the sample corpus, committed in small batches so that it has several segments, plus
//! a few hand-made documents that fill the entity field and a few deletions.

use lede_indexer::tantivy::collector::{Count, TopDocs};
use lede_indexer::tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, Query, TermQuery,
};
use lede_indexer::tantivy::schema::{Field, IndexRecordOption};
use lede_indexer::tantivy::{doc, DocAddress, IndexWriter, Searcher, Term};
use lede_indexer::{index_paths, Fields, IndexOptions, STEMMED};
use lede_query::{analyse, Engine, SearchRequest, WordsQuery};

const TIE_BREAKER: f32 = 0.1;

/// Queries of every length class `build` sends here, plus long and odd ones.
const QUERIES: &[&str] = &[
    "What did the Senate decide about the border wall?",
    "senate vote border wall funding",
    "How did Republicans try to repeal the health care law",
    "Supreme Court ruling on abortion rights and state legislatures",
    "debt ceiling deal between the White House and House Republicans in 2023",
    "trade deal tariffs China Mexico Canada sanctions Russia Ukraine",
    "zyzzyva quetzalcoatl senate",
    "the of and to in",
    // More than 64 words: neither a bitmask nor MAX_CLAUSES bounds the word count.
    "senate house vote bill law court judge ruling president election campaign trump biden obama \
     clinton congress republican democrat party border wall immigration tariff trade china russia \
     ukraine sanction war peace deal budget debt ceiling tax reform health care insurance abortion \
     gun safety shooting police protest climate energy oil gas coal vote poll governor state federal \
     agency report investigation impeachment testimony witness senator representative speaker leader \
     majority minority filibuster amendment",
];

fn fields_of(word: &str, fields: &Fields) -> Vec<(Term, f32)> {
    [
        (fields.headline, 2.5),
        (fields.entities, 1.5),
        (fields.dek, 1.5),
        (fields.body, 1.0),
    ]
    .into_iter()
    .map(|(field, boost): (Field, f32)| (Term::from_field_text(field, word), boost))
    .collect()
}

/// The construction `build` used before `WordsQuery`.
fn reference(words: &[Vec<(Term, f32)>], minimum: usize) -> BooleanQuery {
    let clauses: Vec<(Occur, Box<dyn Query>)> = words
        .iter()
        .map(|fields| {
            let disjuncts: Vec<Box<dyn Query>> = fields
                .iter()
                .map(|(term, boost)| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs));
                    if *boost == 1.0 {
                        q
                    } else {
                        Box::new(BoostQuery::new(q, *boost))
                    }
                })
                .collect();
            let word: Box<dyn Query> = Box::new(DisjunctionMaxQuery::with_tie_breaker(disjuncts, TIE_BREAKER));
            (Occur::Should, word)
        })
        .collect();
    BooleanQuery::with_minimum_required_clauses(clauses, minimum)
}

/// Every match with its score, by address, and the count.
fn run(searcher: &Searcher, query: &dyn Query) -> (Vec<(DocAddress, f32)>, usize) {
    let (mut docs, count) = searcher
        .search(query, &(TopDocs::with_limit(100_000).order_by_score(), Count))
        .expect("search");
    let mut hits: Vec<(DocAddress, f32)> = docs.drain(..).map(|(score, address)| (address, score)).collect();
    hits.sort_by_key(|(address, _)| *address);
    (hits, count)
}

fn assert_same(label: &str, searcher: &Searcher, new: &dyn Query, old: &dyn Query) -> usize {
    let (new_hits, new_count) = run(searcher, new);
    let (old_hits, old_count) = run(searcher, old);
    assert_eq!(new_count, old_count, "{label}: count");
    assert_eq!(new_hits.len(), old_hits.len(), "{label}: matches");
    for ((new_doc, new_score), (old_doc, old_score)) in new_hits.iter().zip(&old_hits) {
        assert_eq!(new_doc, old_doc, "{label}: same documents");
        let tolerance = 1e-4 * old_score.abs().max(1e-6);
        assert!(
            (new_score - old_score).abs() <= tolerance,
            "{label}: {new_doc:?} scores {new_score}, expected {old_score}"
        );
    }
    // Counting without scores takes tantivy's `Query::count` path.
    assert_eq!(new.count(searcher).expect("count"), old_count, "{label}: Query::count");
    // A top-k alone takes the pruning path (`Weight::for_each_pruning`): the same best scores, at the depth of a
    // page and at that of the proximity rerank (a lower threshold, so more windows look fields up).
    for k in [10, 50] {
        let top = |query: &dyn Query| -> Vec<f32> {
            let docs = searcher
                .search(query, &TopDocs::with_limit(k).order_by_score())
                .expect("search");
            docs.into_iter().map(|(score, _)| score).collect()
        };
        let (new_top, old_top) = (top(new), top(old));
        assert_eq!(new_top.len(), old_top.len(), "{label}: top {k}");
        for (new_score, old_score) in new_top.iter().zip(&old_top) {
            assert!(
                (new_score - old_score).abs() <= 1e-4 * old_score.abs().max(1e-6),
                "{label}: top {k} scores {new_top:?}, expected {old_top:?}"
            );
        }
    }
    new_count
}

/// Compares every query at several minimums, alone and inside a filtered boolean query (the
/// intersection seeks into the words scorer rather than advancing it).
fn compare_all(engine: &Engine, filter: &Term) -> usize {
    let searcher = engine.searcher();
    let fields = &engine.index().fields;
    let mut analyzer = engine
        .index()
        .index
        .tokenizers()
        .get(STEMMED)
        .expect("stemming analyser");
    let mut matched = 0;
    for text in QUERIES {
        // Repeated words stay: `build` keeps them too, and each counts as a word.
        let tokens = analyse(&mut analyzer, text);
        let words: Vec<Vec<(Term, f32)>> = tokens.iter().map(|t| fields_of(t, fields)).collect();
        let n = words.len();
        for minimum in [1, 2, 3, n.div_ceil(2).max(3), n.saturating_sub(1), n, n + 1] {
            let label = format!("{text:?} with {minimum} of {n}");
            let new = WordsQuery::new(words.clone(), minimum, TIE_BREAKER);
            let old = reference(&words, minimum.max(1));
            matched += assert_same(&label, &searcher, &new, &old);

            let filtered = |q: Box<dyn Query>| -> BooleanQuery {
                BooleanQuery::new(vec![
                    (Occur::Must, q),
                    (
                        Occur::Must,
                        Box::new(ConstScoreQuery::new(
                            Box::new(TermQuery::new(filter.clone(), IndexRecordOption::Basic)),
                            0.0,
                        )),
                    ),
                ])
            };
            assert_same(
                &format!("{label}, filtered"),
                &searcher,
                &filtered(Box::new(new.clone())),
                &filtered(Box::new(old)),
            );
        }
    }
    matched
}

#[test]
fn same_matches_scores_and_counts_as_boolean_of_disjunction_max() {
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample");
    let index = tempfile::tempdir().expect("temp dir");
    let options = IndexOptions {
        threads: 1,
        commit_every_docs: 10,
        // Keep the segments: a first run would otherwise merge them into one.
        merge: None,
        ..IndexOptions::default()
    };
    index_paths(index.path(), &[sample], &options, &|_| {}).expect("index the sample corpus");
    let engine = Engine::open(index.path()).expect("open");
    let fields = engine.index().fields.clone();
    let filter = Term::from_field_text(fields.body, "said");
    assert!(
        engine.searcher().segment_readers().len() > 1,
        "several segments, so that statistics span segments"
    );
    let matched = compare_all(&engine, &filter);
    assert!(matched > 100, "the queries match something ({matched})");

    // Entities in one more segment, then deletions across segments.
    let mut writer: IndexWriter = engine
        .index()
        .index
        .writer_with_num_threads(1, 15_000_000)
        .expect("writer");
    for (headline, entities, body) in [
        (
            "Border wall vote",
            "Senate Donald Trump",
            "The senate voted on the wall.",
        ),
        (
            "Tariffs on China",
            "China Trump",
            "Trade deal and tariffs on goods from China.",
        ),
        (
            "Debt ceiling",
            "House Republicans White House",
            "The debt ceiling deal passed the house.",
        ),
    ] {
        writer
            .add_document(doc!(fields.headline => headline, fields.entities => entities, fields.body => body))
            .expect("add");
    }
    writer.delete_term(Term::from_field_text(fields.body, "wall"));
    writer.commit().expect("commit");
    engine.reload().expect("reload");
    compare_all(&engine, &filter);
}

#[test]
fn explains_the_score_it_gives() {
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample/jsonl");
    let index = tempfile::tempdir().expect("temp dir");
    index_paths(index.path(), &[sample], &IndexOptions::default(), &|_| {}).expect("index");
    let engine = Engine::open(index.path()).expect("open");
    let searcher = engine.searcher();
    let fields = &engine.index().fields;
    let words: Vec<Vec<(Term, f32)>> = ["senat", "vote", "bill", "trump"]
        .iter()
        .map(|w| fields_of(w, fields))
        .collect();
    let query = WordsQuery::new(words, 2, TIE_BREAKER);
    let top = searcher
        .search(&query, &TopDocs::with_limit(3).order_by_score())
        .expect("search");
    assert!(!top.is_empty());
    for (score, address) in top {
        let explanation = query.explain(&searcher, address).expect("explain");
        assert!((explanation.value() - score).abs() <= 1e-4 * score, "{explanation:?}");
    }
}

/// Thousands of documents, so that matches span several scoring windows, with an intersection that
/// seeks into the words scorer across window boundaries, and deletions.
#[test]
fn same_results_across_windows_seeks_and_deletions() {
    use lede_indexer::tantivy::schema::{Schema, STRING, TEXT};
    use lede_indexer::tantivy::Index;

    let mut schema = Schema::builder();
    let headline = schema.add_text_field("headline", TEXT);
    let body = schema.add_text_field("body", TEXT);
    let tag = schema.add_text_field("tag", STRING);
    let index = Index::create_in_ram(schema.build());
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 30_000_000).expect("writer");
    const VOCABULARY: &[&str] = &[
        "senate", "wall", "vote", "budget", "court", "tariff", "china", "border", "deal", "house", "ruling", "tax",
    ];
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for n in 0..20_000u64 {
        // Rare words in headlines, common ones in bodies, so that boosts and lengths vary.
        let mut words = |count: u64, spread: usize| -> String {
            (0..count)
                .map(|_| VOCABULARY[(next() as usize % spread).min(VOCABULARY.len() - 1)])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let headline_text = words(1 + n % 3, VOCABULARY.len() * 3);
        let mut body_text = words(3 + n % 17, VOCABULARY.len());
        // One rare word, so that an all-required run's intersection is sparse next to the common words' postings
        // (the windows then look those up rather than read them through).
        if n % 97 == 0 {
            body_text.push_str(" quorum");
        }
        writer
            .add_document(
                doc!(headline => headline_text, body => body_text, tag => if n % 7 == 0 { "seven" } else { "other" }),
            )
            .expect("add");
        if n == 9_000 {
            writer.commit().expect("commit");
        }
    }
    writer.commit().expect("commit");
    let searcher_of = |index: &Index| index.reader().expect("reader").searcher();
    let word = |w: &str| {
        vec![
            (Term::from_field_text(headline, w), 2.5),
            (Term::from_field_text(body, w), 1.0),
        ]
    };
    let common: Vec<Vec<(Term, f32)>> = ["senate", "wall", "tariff", "court", "deal", "zebra"]
        .iter()
        .map(|w| word(w))
        .collect();
    let with_rare: Vec<Vec<(Term, f32)>> = ["senate", "quorum", "wall", "deal"].iter().map(|w| word(w)).collect();
    let filter = Term::from_field_text(tag, "seven");
    let check = |searcher: &Searcher| {
        let runs = (1..=5).map(|minimum| (&common, minimum));
        for (words, minimum) in runs.chain((1..=4).map(|minimum| (&with_rare, minimum))) {
            let label = format!("{minimum} of {}", words.len());
            let new = WordsQuery::new(words.clone(), minimum, TIE_BREAKER);
            let old = reference(words, minimum);
            assert!(
                assert_same(&label, searcher, &new, &old) > 0,
                "{label}: matches something"
            );
            let filtered = |q: Box<dyn Query>| -> BooleanQuery {
                BooleanQuery::new(vec![
                    (Occur::Must, q),
                    (
                        Occur::Must,
                        Box::new(TermQuery::new(filter.clone(), IndexRecordOption::Basic)),
                    ),
                    (
                        Occur::MustNot,
                        Box::new(TermQuery::new(
                            Term::from_field_text(headline, "china"),
                            IndexRecordOption::Basic,
                        )),
                    ),
                ])
            };
            assert_same(
                &format!("{label}, filtered"),
                searcher,
                &filtered(Box::new(new)),
                &filtered(Box::new(old)),
            );
        }
    };
    check(&searcher_of(&index));
    writer.delete_term(Term::from_field_text(headline, "budget"));
    writer.commit().expect("commit");
    check(&searcher_of(&index));
}

/// Stop words of a question with content words, and excluded words, are searched for no highlight: "the" in
/// every line is noise, and finding its occurrences in each body was half the cost of a long question.
#[test]
fn highlights_content_words_not_stop_words_or_excluded_words() {
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample/jsonl");
    let index = tempfile::tempdir().expect("temp dir");
    index_paths(index.path(), &[sample], &IndexOptions::default(), &|_| {}).expect("index");
    let engine = Engine::open(index.path()).expect("open");
    let searcher = engine.searcher();
    let stems = |query: &str| {
        engine
            .prepare(&SearchRequest::new(query), &searcher)
            .expect(query)
            .terms
            .stems
    };
    assert_eq!(
        stems("What did the Senate decide about the border wall?"),
        ["senat", "decid", "border", "wall"]
    );
    assert_eq!(stems("senate -tariffs"), ["senat"]);
    assert_eq!(
        stems("the who"),
        ["the", "who"],
        "a query of stop words only highlights them"
    );
    assert_eq!(
        stems("\"state of the union\""),
        ["state", "of", "the", "union"],
        "phrase words all count"
    );
}
