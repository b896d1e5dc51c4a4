//! The real corpora in ../shared: skipped, saying why, when absent.

use lede::wire::{Article, Facet, IndexSummary};

use crate::util::{json, shared, TestEnv};

#[test]
fn bbc_news_every_article_with_its_first_line_as_headline() {
    let Some(bbc) = shared("corpora/bbc-news") else { return };
    let env = TestEnv::new();
    let run = env.lede(&["index", bbc.to_str().expect("utf-8"), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: IndexSummary = json(&run.stdout);
    assert_eq!(summary.articles_in_index, 2225, "{summary:?}");
    assert_eq!(summary.rejected, 0, "{summary:?}");
    crate::metadata::bbc_folders(&env);
    // Every headline is the file's first line.
    let run = env.lede(&[
        "parse",
        "--json",
        "--no-entities",
        bbc.join("politics/001.txt").to_str().expect("utf-8"),
        bbc.join("sport/199.txt").to_str().expect("utf-8"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (line, file) in run.stdout.lines().zip(["politics/001.txt", "sport/199.txt"]) {
        let article: Article = json(line);
        let bytes = std::fs::read(bbc.join(file)).expect("read");
        let first = String::from_utf8_lossy(&bytes)
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_owned();
        let headline = &article.headline;
        assert_eq!(
            headline.chars().filter(|c| c.is_ascii()).collect::<String>(),
            first.chars().filter(|c| c.is_ascii()).collect::<String>()
        );
        assert!(!article.body.contains('\u{fffd}'), "no replacement characters");
    }
    let run = env.lede(&["search", "headline:\"Labour\"", "--limit", "1"]);
    assert_eq!(run.code, 0);
}

#[test]
fn allsides_all_articles_real_dates_kept_bogus_dropped() {
    let Some(allsides) = shared("corpora/allsides") else {
        return;
    };
    let env = TestEnv::new();
    let run = env.lede(&["index", allsides.to_str().expect("utf-8"), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: IndexSummary = json(&run.stdout);
    assert_eq!(summary.articles_in_index, 37553, "{summary:?}");
    let stats = env.stats();
    let dated = stats.articles_with_date;
    // 33,146 records carry a date string, 3 of them bogus; a few undated records get theirs from the URL path.
    assert!((33_000..=33_300).contains(&dated), "{stats:?}");
    let year = |d: Option<chrono::DateTime<chrono::Utc>>| d.map(|d| chrono::Datelike::year(&d));
    assert!(year(stats.earliest).is_some_and(|y| y >= 1900), "{stats:?}");
    assert!(year(stats.latest).is_some_and(|y| y < 2021), "{stats:?}");

    let hits = env.search(&[
        "immigration",
        "--since",
        "2016-01-01",
        "--until",
        "2016-12-31",
        "--limit",
        "50",
    ]);
    for hit in &hits {
        assert!(hit.published.as_deref().unwrap_or("").starts_with("2016-"), "{hit:?}");
    }
    assert_eq!(hits.len(), 50);
    let run = env.lede(&["search", "", "--person", "Donald Trump", "--json", "--limit", "5"]);
    assert_eq!(run.code, 0, "entities were tagged: {}", run.stderr);

    // Facets over an entity query (tests/analysis.rs checks the health-care timeline on an index of its own).
    let run = env.lede(&[
        "search",
        "person:\"Donald Trump\" place:Russia",
        "--facets",
        "source",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Hit lines first, then one line per counted field.
    let facet: Facet = run
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<Facet>(l).ok())
        .next()
        .expect("a facet line");
    assert_eq!(facet.facet, "source");
    assert!(facet.articles > 500, "{facet:?}");
    assert_eq!(facet.values.len(), 10, "{facet:?}");
    crate::metadata::allsides_metadata(&env);
    crate::compare::allsides_compare(&env);
}
