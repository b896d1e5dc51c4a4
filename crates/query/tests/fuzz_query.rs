//! Random queries never panic the parser or the search, and answer in bounded work.
//!
//! Each case strings together words, operators and syntax fragments (quotes, fields, ranges, fuzzy, prefixes,
//! parentheses, unicode) and runs it through `parse` and a full search on a small index. `LEDE_FUZZ_CASES` sets
//! the number of cases (default 2,000).

use lede_indexer::{index_paths, IndexOptions};
use lede_query::{parse, Engine, SearchRequest};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "senate",
    "border",
    "wall",
    "Trump's",
    "U.S.",
    "well-known",
    "AND",
    "OR",
    "NOT",
    "IN",
    "\"",
    "\"border wall\"",
    "\"border wall\"~2",
    "~",
    "~9",
    "senat~1",
    "immigr*",
    "*",
    "**",
    "+",
    "-",
    "+senate",
    "-wall",
    "(",
    ")",
    "((",
    "))",
    ":",
    "person:",
    "person:\"Donald Trump\"",
    "persn:x",
    "org:GOP",
    "place:Russia",
    "source:npr",
    "date:",
    "date:2019",
    "date:2019-01..2019-06",
    "date:>=2020-03-01",
    "date:<2021",
    "date:2019-13",
    "date:..",
    "date:>=9999",
    "date:1000..9999",
    "date:<1000",
    "headline:vote",
    "body:\"health care\"",
    "title:",
    "\\",
    "[",
    "]",
    "{",
    "}",
    "^",
    "$",
    "|",
    "?",
    "!",
    "é",
    "Ωmega",
    "日本",
    "\u{201c}curly\u{201d}",
    "\u{200b}",
    "123",
    "-1",
    "0..9",
    "a:b:c",
    "~2~2",
    "\"unclosed",
];

#[test]
fn random_queries_never_panic() {
    let corpus = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        corpus.path().join("a.txt"),
        "Senate votes on border wall\n\nThe Senate voted on the wall.\n",
    )
    .expect("write");
    std::fs::write(
        corpus.path().join("b.json"),
        r#"{"title":"Health care repeal fails","body":"The repeal of health care failed in 2017.","date":"2017-07-28"}"#,
    )
    .expect("write");
    let (_index, engine) = engine_over(corpus.path());

    let cases: usize = std::env::var("LEDE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    let mut rng = Rng(0x5eed_1ede);
    let mut errors = 0;
    for case in 0..cases {
        let n = 1 + (rng.next() % 12) as usize;
        let mut query = String::new();
        for _ in 0..n {
            query.push_str(rng.pick(PIECES));
            if !rng.next().is_multiple_of(3) {
                query.push(' ');
            }
        }
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let parsed = parse(&query).is_ok();
            let searched = engine.search(&SearchRequest::new(query.clone()));
            (parsed, searched.is_ok())
        }));
        match outcome {
            Ok((parsed, searched)) => {
                assert_eq!(parsed, searched, "case {case}: parse and search disagree on {query:?}");
                errors += usize::from(!parsed);
            }
            Err(_) => panic!("case {case}: query {query:?} panicked"),
        }
    }
    // Most random inputs are still answered: errors are only for explicit syntax that is clearly wrong.
    assert!(errors * 2 < cases, "{errors} of {cases} random queries were refused");
}

/// Regression: `date:..` and years past 2262 overflowed tantivy's nanosecond dates (found by the fuzzer).
#[test]
fn regression_open_and_far_date_ranges_do_not_overflow() {
    let corpus = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        corpus.path().join("a.json"),
        r#"{"title":"Vote","body":"A vote.","date":"2019-05-01"}"#,
    )
    .expect("write");
    let (_index, engine) = engine_over(corpus.path());
    for query in ["vote date:..", "vote date:>=9999", "vote date:1000..9999"] {
        let results = engine.search(&SearchRequest::new(query)).expect(query);
        assert_eq!(results.total, usize::from(!query.contains(">=9999")), "{query}");
    }
}

/// An engine over an index of `corpus` (the index directory lives as long as the returned guard).
fn engine_over(corpus: &std::path::Path) -> (tempfile::TempDir, Engine) {
    let index = tempfile::tempdir().expect("temp dir");
    index_paths(index.path(), &[corpus.to_owned()], &IndexOptions::default(), &|_| {}).expect("index");
    let engine = Engine::open(index.path()).expect("open");
    (index, engine)
}
