//! The real corpora in ../shared: skipped, saying why, when absent.

use crate::util::{shared, TestEnv};

#[test]
fn bbc_news_every_article_with_its_first_line_as_headline() {
    let Some(bbc) = shared("corpora/bbc-news") else { return };
    let env = TestEnv::new();
    let run = env.lede(&["index", bbc.to_str().expect("utf-8"), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: serde_json::Value = serde_json::from_str(run.stdout.trim()).expect("summary");
    assert_eq!(summary["articles_in_index"], 2225, "{summary}");
    assert_eq!(summary["rejected"], 0, "{summary}");
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
        let article: serde_json::Value = serde_json::from_str(line).expect("json");
        let bytes = std::fs::read(bbc.join(file)).expect("read");
        let first = String::from_utf8_lossy(&bytes)
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_owned();
        let headline = article["headline"].as_str().unwrap_or("");
        assert_eq!(
            headline.chars().filter(|c| c.is_ascii()).collect::<String>(),
            first.chars().filter(|c| c.is_ascii()).collect::<String>()
        );
        assert!(
            !article["body"].as_str().unwrap_or("").contains('\u{fffd}'),
            "no replacement characters"
        );
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
    let summary: serde_json::Value = serde_json::from_str(run.stdout.trim()).expect("summary");
    assert_eq!(summary["articles_in_index"], 37553, "{summary}");
    let run = env.lede(&["stats", "--json"]);
    let stats: serde_json::Value = serde_json::from_str(run.stdout.trim()).expect("stats");
    let dated = stats["articles_with_date"].as_u64().unwrap_or(0);
    // 33,146 records carry a date string, 3 of them bogus; a few undated records get theirs from the URL path.
    assert!((33_000..=33_300).contains(&dated), "{stats}");
    assert!(stats["earliest"].as_str().unwrap_or("") >= "1900", "{stats}");
    assert!(stats["latest"].as_str().unwrap_or("9999") < "2021", "{stats}");

    let run = env.lede(&[
        "search",
        "immigration",
        "--since",
        "2016-01-01",
        "--until",
        "2016-12-31",
        "--json",
        "--limit",
        "50",
    ]);
    assert_eq!(run.code, 0);
    let mut n = 0;
    for line in run.stdout.lines() {
        let hit: serde_json::Value = serde_json::from_str(line).expect("hit");
        assert!(hit["published"].as_str().unwrap_or("").starts_with("2016-"), "{hit}");
        n += 1;
    }
    assert_eq!(n, 50);
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
    let facet: serde_json::Value = run
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|v| v.get("facet").is_some())
        .expect("a facet line");
    assert_eq!(facet["facet"], "source");
    assert!(facet["articles"].as_u64().unwrap_or(0) > 500, "{facet}");
    assert!(facet["values"].as_array().is_some_and(|v| v.len() == 10), "{facet}");
}
