//! The right article first: queries over the sample corpus with the article
//! that should win (data/sample/README.md lists them and why).

use lede::wire::{Hit, SearchSummary};

use crate::util::{json_lines, repo, TestEnv};

const EXPECTED: &[(&str, &str)] = &[
    ("border wall funding", "senate-border-wall-funding-2019.txt"),
    ("NATO summit Vilnius", "nato-summit-vilnius-ukraine"),
    ("Federal Reserve interest rate", "federal-reserve-interest-rate-hike"),
    ("Mexico judicial reform", "mexico-judicial-reform-senate"),
    ("Brexit trade deal", "brexit-trade-deal-2020.txt.gz"),
    ("Ukraine grain exports", "ukraine-grain-exports-2022.txt"),
    ("health care repeal", "cl-2017-014"),
    ("debt ceiling deal", "senate-debt-ceiling-deal"),
    ("pension reform", "macron-pension-reform-2023.txt"),
    ("Paris climate agreement", "biden-rejoins-paris-climate-agreement"),
    ("impeachment inquiry", "pelosi-impeachment-inquiry"),
    ("snap legislative elections", "macron-snap-legislative-elections"),
    ("gun safety framework", "senate-gun-safety-framework-talks"),
    ("Labour landslide", "starmer-labour-landslide-2024.txt"),
    ("Pelosi Taiwan", "pelosi-taiwan-visit-2022.txt"),
    ("Title 42", "border-towns-title-42"),
    // Explicit syntax: phrase, fuzzy (a typo), field, date range, entity filter, prefix, outlet.
    ("\"border wall\" funding", "senate-border-wall-funding-2019.txt"),
    ("sheinbam~1 judicial", "mexico-judicial-reform-senate"),
    ("headline:Vilnius", "nato-summit-vilnius-ukraine"),
    ("impeachment date:2019-09", "pelosi-impeachment-inquiry"),
    ("person:\"Claudia Sheinbaum\" reform", "mexico-judicial-reform-senate"),
    ("pension date:2023", "macron-pension-reform-2023.txt"),
    ("tarif~1 mexico", "trump-pauses-mexico-tariffs"),
    ("immigr* title", "border-towns-title-42"),
    (
        "source:\"Capitol Ledger\" climate",
        "biden-rejoins-paris-climate-agreement",
    ),
    // Natural-language questions rank by how many words match.
    (
        "What did the Senate decide about funding the border wall?",
        "senate-border-wall-funding-2019.txt",
    ),
    (
        "Why did Macron call snap elections in France?",
        "macron-snap-legislative-elections",
    ),
];

#[test]
fn the_right_article_ranks_first() {
    let env = TestEnv::new();
    env.index(&repo().join("data/sample"));
    let mut failures = Vec::new();
    for (query, expected) in EXPECTED {
        let run = env.lede(&["search", query, "--json", "--limit", "3"]);
        let first: Option<Hit> = json_lines(&run.stdout).into_iter().next();
        let (id, url, path) = first.map_or_else(Default::default, |h| (h.id, h.url.unwrap_or_default(), h.path));
        if ![&id, &url, &path].iter().any(|v| v.ends_with(expected)) {
            failures.push(format!("{query:?}: expected …{expected}, got {id:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} queries ranked wrong:\n{}",
        failures.len(),
        EXPECTED.len(),
        failures.join("\n")
    );
}

/// The total of a query, from the summary line `lede search --json` writes on stderr.
fn total(env: &TestEnv, query: &str) -> usize {
    let run = env.lede(&["search", query, "--json", "--limit", "1"]);
    let line = run.stderr.lines().last().unwrap_or_default();
    let summary: SearchSummary = crate::util::json(line);
    summary.total
}

#[test]
fn boolean_counts_obey_set_algebra_and_misspellings_get_a_suggestion() {
    let env = TestEnv::new();
    env.index(&repo().join("data/sample"));
    for (a, b) in [
        ("senate", "border"),
        ("pelosi", "\"impeachment inquiry\""),
        ("(trade OR tariffs)", "mexico"),
    ] {
        let (only_a, only_b) = (total(&env, a), total(&env, b));
        let both = total(&env, &format!("{a} AND {b}"));
        let either = total(&env, &format!("{a} OR {b}"));
        let without = total(&env, &format!("{a} NOT {b}"));
        assert!(both > 0 && both < only_a, "{a} AND {b}: {both} of {only_a}");
        assert_eq!(either, only_a + only_b - both, "|{a} OR {b}|");
        assert_eq!(without, only_a - both, "|{a} NOT {b}|");
    }
    // Lower-case operators are words; a stray quote or parenthesis still searches.
    assert_eq!(total(&env, "senate and border"), total(&env, "senate border and"));
    assert!(env.lede(&["search", "\"border (wall", "--limit", "1"]).code != 2);
    // An unknown field in clear syntax is an error naming the known ones.
    let run = env.lede(&["search", "persn:Pelosi"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("person"), "{}", run.stderr);
    // Did you mean: a typo the index lacks.
    let run = env.lede(&["search", "Sheinbam", "--json"]);
    let summary: SearchSummary = crate::util::json(run.stderr.lines().last().unwrap_or_default());
    assert_eq!(summary.total, 0);
    assert_eq!(
        summary.suggestions.first().map(|s| s.suggestion.as_str()),
        Some("sheinbaum")
    );
}
