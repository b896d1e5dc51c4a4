//! Analysis that compares, end to end: timelines split by a field and normalised, labelled series, the SVG
//! chart, distinctive words, entities per side, CSV output and the metadata of search hits.

use lede::wire::{DistinctiveWord, Entity, Hit, Timeline};

use crate::util::{json, json_lines, TestEnv};

/// 2018: 4 left articles (2 about the border), 2 right (both about it); 2019 (until March): 2 left (1), 4 right
/// (3). Border articles say "wall funding", the others "school budgets".
fn sides() -> TestEnv {
    let env = TestEnv::new();
    let mut lines = Vec::new();
    let mut n = 0;
    for (year, side, border, other) in [
        (2018, "left", 2, 2),
        (2018, "right", 2, 0),
        (2019, "left", 1, 1),
        (2019, "right", 3, 1),
    ] {
        for i in 0..border + other {
            n += 1;
            let about = if i < border {
                "The border wall funding fight went on as Senate Republicans met Nancy Pelosi."
            } else {
                "School budgets were cut again by the county board of education."
            };
            let month = if year == 2019 { 1 + n % 3 } else { 1 + n % 12 };
            lines.push(
                serde_json::json!({
                    "id": format!("a{n}"),
                    "title": format!("Story {n}"),
                    "text": format!("{about} Story number {n}."),
                    "date": format!("{year}-{month:02}-10"),
                    "source": format!("{side} daily"),
                    "bias_text": side,
                })
                .to_string(),
            );
        }
    }
    env.write("news.jsonl", lines.join("\n"));
    env.index(&env.corpus.clone());
    env
}

#[test]
fn split_normalised_timeline_gives_one_series_of_shares_per_side() {
    let env = sides();
    let run = env.lede(&[
        "timeline",
        "border",
        "--split-by",
        "bias_text",
        "--normalize",
        "--by",
        "year",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t: Timeline = json(&run.stdout);
    assert!(t.normalized);
    assert_eq!(t.split_by.as_deref(), Some("bias_text"));
    let values: Vec<Option<&str>> = t.series.iter().map(|s| s.value.as_deref()).collect();
    // Most matching articles first: right has 5 border articles, left 3.
    assert_eq!(values, [Some("right"), Some("left")]);
    assert_eq!(t.buckets.len(), 2);
    let (y2018, y2019) = (&t.buckets[0], &t.buckets[1]);
    assert_eq!((y2018.counts.clone(), y2018.totals.clone()), (vec![2, 2], vec![2, 4]));
    assert_eq!(y2018.shares, [1.0, 0.5]);
    assert_eq!((y2019.counts.clone(), y2019.totals.clone()), (vec![3, 1], vec![4, 2]));
    assert_eq!(y2019.shares, [0.75, 0.5]);
    assert!(t
        .buckets
        .iter()
        .flat_map(|b| &b.shares)
        .all(|s| (0.0..=1.0).contains(s)));
    // The data ends in March 2019 and begins in February 2018: both years are covered only in part.
    assert!(y2019.partial && y2018.partial);
    let run = env.lede(&["timeline", "border", "--by", "month", "--json"]);
    let t: Timeline = json(&run.stdout);
    // Every date is the 10th: the first and last months are covered in part, the months between whole.
    let partial: Vec<bool> = t.buckets.iter().map(|b| b.partial).collect();
    assert!(
        partial.len() > 2 && partial[0] && partial[partial.len() - 1],
        "{partial:?}"
    );
    assert!(partial[1..partial.len() - 1].iter().all(|p| !p), "{partial:?}");
}

#[test]
fn labels_name_series_and_the_svg_chart_shows_them() {
    let env = sides();
    let svg = env.corpus.join("chart.svg");
    let run = env.lede(&[
        "timeline",
        "Wall=border wall",
        "school",
        "--label",
        "",
        "--label",
        "Schools",
        "--by",
        "year",
        "--svg",
        svg.to_str().expect("utf-8"),
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t: Timeline = json(&run.stdout);
    let labels: Vec<&str> = t.series.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["Wall", "Schools"]);
    assert_eq!(t.queries, ["border wall", "school"]);
    let text = std::fs::read_to_string(&svg).expect("the chart was written");
    assert!(text.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{text}");
    assert!(text.trim_end().ends_with("</svg>"));
    assert_eq!(text.matches("<g class=\"series\"").count(), 2);
    assert!(text.contains("data-label=\"Wall\"") && text.contains("data-label=\"Schools\""));
    assert!(text.contains("<text class=\"legend\"") && text.contains(">Schools</text>"));
    for year in ["2018*", "2019*"] {
        assert!(text.contains(&format!(">{year}</text>")), "bucket label {year}");
    }
    // One point per bucket and series.
    assert_eq!(text.matches("<circle").count(), 4);
}

#[test]
fn words_name_what_sets_the_matches_apart_and_split_by_side() {
    let env = sides();
    let run = env.lede(&["words", "border", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let words: Vec<DistinctiveWord> = json_lines(&run.stdout);
    let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    assert!(
        texts.contains(&"funding") && texts.contains(&"wall funding"),
        "{texts:?}"
    );
    assert!(!texts.contains(&"border") && !texts.contains(&"school"), "{texts:?}");
    let funding = words.iter().find(|w| w.text == "funding").expect("funding");
    assert_eq!(
        (
            funding.articles,
            funding.set_articles,
            funding.background_articles,
            funding.background
        ),
        (8, 8, 0, 4)
    );
    assert!(words.iter().all(|w| w.group.is_none() && w.score_kind == "g2"));

    let run = env.lede(&["words", "", "--split-by", "bias_text", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let words: Vec<DistinctiveWord> = json_lines(&run.stdout);
    let right: Vec<&str> = words
        .iter()
        .filter(|w| w.group.as_deref() == Some("right"))
        .map(|w| w.text.as_str())
        .collect();
    assert!(
        right.contains(&"border"),
        "right writes about the border more: {right:?}"
    );
    let run = env.lede(&["words", "border", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("group,text,words,score,score_kind,articles,set_articles,background_articles,background")
    );
    assert!(run.stdout.contains(",wall funding,2,"), "{}", run.stdout);
}

#[test]
fn entities_split_by_side_and_csv_everywhere() {
    let env = sides();
    let run = env.lede(&[
        "entities",
        "border",
        "--split-by",
        "bias_text",
        "--kind",
        "person",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<Entity> = json_lines(&run.stdout);
    let pelosi = |side: &str| {
        lines
            .iter()
            .find(|e| e.group.as_deref() == Some(side) && e.name == "Nancy Pelosi")
            .map(|e| e.articles)
    };
    assert_eq!((pelosi("right"), pelosi("left")), (Some(5), Some(3)), "{lines:?}");
    let run = env.lede(&[
        "entities",
        "border",
        "--split-by",
        "bias_text",
        "--kind",
        "person",
        "--csv",
    ]);
    assert!(
        run.stdout.contains("right,person,Nancy Pelosi,5,1.000000"),
        "{}",
        run.stdout
    );

    let run = env.lede(&[
        "timeline",
        "border",
        "--split-by",
        "bias_text",
        "--normalize",
        "--by",
        "year",
        "--csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(rows[0], "bucket,start,series,query,value,count,total,share,partial");
    assert_eq!(rows.len(), 1 + 2 * 2, "{rows:?}");
    assert!(
        rows.contains(&"2019,2019-01-01,right,border,right,3,4,0.750000,true"),
        "{rows:?}"
    );

    let run = env.lede(&["search", "border", "--csv", "--limit", "3"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run
        .stdout
        .starts_with("id,score,headline,published,source,url,path,authors"));
    assert_eq!(run.stdout.lines().count(), 4);
    let run = env.lede(&["search", "", "--facets", "bias_text", "--limit", "0", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("bias_text,right,6,0.500000,12"), "{}", run.stdout);
    let run = env.lede(&["search", "", "--facets", "bias_text", "--csv"]);
    assert_eq!(run.code, 2, "one table per output");
    assert!(run.stderr.contains("--limit 0"), "{}", run.stderr);
    let run = env.lede(&["values", "bias_text", "--csv"]);
    assert_eq!(
        run.stdout.lines().collect::<Vec<_>>(),
        ["value,count", "left,6", "right,6"]
    );
}

#[test]
fn search_hits_carry_the_corpus_fields() {
    let env = sides();
    let hits: Vec<Hit> = env.search(&["border", "--limit", "1"]);
    assert_eq!(
        hits[0].metadata.get("bias_text").map(|v| v.len()),
        Some(1),
        "{:?}",
        hits[0]
    );
}

#[test]
fn collections_group_outlets_for_queries_and_splits() {
    let env = sides();
    let total = |args: &[&str]| {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--json", "--limit", "0"]);
        let run = env.lede(&all);
        assert!(run.code < 2, "{args:?}: {}", run.stderr);
        json::<lede::wire::SearchSummary>(run.stderr.lines().last().unwrap_or("")).total
    };
    std::fs::write(
        env.index.join("collections.toml"),
        "# sides\n[Rightish]\nsource = [\"RIGHT DAILY\"]\n\n[everyone]\nbias_text = [\"left\", \"right\"]\n",
    )
    .expect("write collections");
    assert_eq!(total(&["border collection:rightish"]), 5);
    assert_eq!(total(&["collection:everyone"]), 12);
    assert_eq!(total(&["border -collection:rightish"]), 3);
    let run = env.lede(&[
        "timeline",
        "border",
        "--split-by",
        "collection",
        "--by",
        "year",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t: Timeline = json(&run.stdout);
    let values: Vec<Option<&str>> = t.series.iter().map(|s| s.value.as_deref()).collect();
    assert_eq!(values, [Some("everyone"), Some("rightish")]);
    assert_eq!(t.dated, [8, 5]);
    let run = env.lede(&["values", "collection", "border"]);
    assert_eq!(run.stdout.lines().collect::<Vec<_>>(), ["8  everyone", "5  rightish"]);
    let run = env.lede(&["search", "collection:tabloids"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("known collections: everyone, rightish"),
        "{}",
        run.stderr
    );
    // Another file, named on the command line, wins over the index's.
    let other = env.write("mine.toml", "[leftish]\nsource = \"left daily\"\n");
    let run = env.lede(&[
        "search",
        "collection:leftish",
        "--collections",
        other.to_str().expect("utf-8"),
        "--limit",
        "0",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let broken = env.write("broken.toml", "[x\n");
    let run = env.lede(&["search", "x", "--collections", broken.to_str().expect("utf-8")]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("broken.toml"), "{}", run.stderr);
}

/// AllSides (indexed by tests/corpora.rs): the split, normalised timeline of immigration and the distinctive words
/// of health care.
pub fn allsides_compare(env: &TestEnv) {
    let run = env.lede(&[
        "timeline",
        "immigration",
        "--split-by",
        "bias_text",
        "--normalize",
        "--by",
        "year",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t: Timeline = json(&run.stdout);
    let mut sides: Vec<&str> = t.series.iter().filter_map(|s| s.value.as_deref()).collect();
    sides.sort_unstable();
    assert_eq!(sides, ["center", "left", "right"]);
    assert!(t.normalized && t.buckets.len() > 10, "{} buckets", t.buckets.len());
    for bucket in &t.buckets {
        assert_eq!(bucket.shares.len(), 3, "{bucket:?}");
        assert!(bucket.shares.iter().all(|s| (0.0..=1.0).contains(s)), "{bucket:?}");
    }
    assert!(
        t.buckets.last().is_some_and(|b| b.partial),
        "the data ends in July 2020"
    );

    let run = env.lede(&["words", "health care", "--limit", "10", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let words: Vec<DistinctiveWord> = json_lines(&run.stdout);
    let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    for word in ["insurance", "Medicaid", "coverage", "premiums"] {
        assert!(texts.contains(&word), "{word} among the top 10: {texts:?}");
    }
}
