//! Analysis commands end to end: timeline, entities, show, similar, dups.

use std::collections::HashSet;

use lede::wire::{Cluster, Entity, Hit, Interval, ShownArticle, Timeline};

use crate::util::{json, json_lines, repo, shared, TestEnv};

fn sample() -> TestEnv {
    let env = TestEnv::new();
    env.index(&repo().join("data/sample"));
    env
}

#[test]
fn timeline_counts_every_dated_article_and_keeps_empty_months() {
    let env = sample();
    let run = env.lede(&["timeline", "", "--by", "month", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t: Timeline = json(&run.stdout);
    assert_eq!(t.interval, Interval::Month);
    assert_eq!(t.queries, [""]);
    // Every article is counted once: dated ones in their month, the others apart.
    let stats = env.stats();
    assert_eq!(t.dated[0], stats.articles_with_date);
    assert_eq!(stats.articles - t.dated[0], t.undated[0]);
    assert!(t.undated[0] >= 2, "the two undated text files are counted apart");
    assert_eq!(t.buckets.iter().map(|b| b.counts[0]).sum::<u64>(), t.dated[0]);
    // Consecutive months, empty ones included, from 2016 to 2025.
    assert!(
        t.buckets.first().is_some_and(|b| b.label.starts_with("2016-")),
        "{:?}",
        t.buckets.first()
    );
    assert!(
        t.buckets.last().is_some_and(|b| b.label.starts_with("2025-")),
        "{:?}",
        t.buckets.last()
    );
    let months: Vec<(i32, u32)> = t
        .buckets
        .iter()
        .map(|b| {
            (
                b.label[..4].parse().expect("year"),
                b.label[5..].parse().expect("month"),
            )
        })
        .collect();
    assert!(months.windows(2).all(|w| {
        let ((y0, m0), (y1, m1)) = (w[0], w[1]);
        (y1 == y0 && m1 == m0 + 1) || (y1 == y0 + 1 && m0 == 12 && m1 == 1)
    }));
    assert!(t.buckets.iter().any(|b| b.counts[0] == 0), "gaps are shown");
    assert!(t.buckets.iter().all(|b| chrono::Datelike::day(&b.start) == 1));
}

#[test]
fn timeline_side_by_side_with_date_range_and_chart() {
    let env = sample();
    let run = env.lede(&[
        "timeline", "border", "Ukraine", "--by", "year", "--since", "2018", "--until", "2023", "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t: Timeline = json(&run.stdout);
    let labels: Vec<&str> = t.buckets.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(
        labels,
        ["2018", "2019", "2020", "2021", "2022", "2023"],
        "the asked range, whole"
    );
    assert!(t.buckets.iter().all(|b| b.counts.len() == 2));
    let year = |label: &str| t.buckets.iter().find(|b| b.label == label).expect("bucket");
    assert!(year("2019").counts[0] > 0, "border wall funding, 2019");
    assert!(year("2022").counts[1] > 0, "Ukraine, 2022");

    let run = env.lede(&["timeline", "border", "--by", "week", "--color", "never"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("-W"), "ISO week labels: {}", run.stdout);
    assert!(run.stdout.contains('█'), "bars: {}", run.stdout);

    let run = env.lede(&["timeline", "nothingmatchesthis", "--json"]);
    assert_eq!(run.code, 1, "nothing found is exit 1");
    let run = env.lede(&["timeline", "x", "--by", "fortnight"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("week"), "lists the valid values: {}", run.stderr);
}

#[test]
fn entities_count_articles_like_the_person_filter() {
    let env = sample();
    let run = env.lede(&["entities", "--kind", "person", "--json", "--limit", "5"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let people: Vec<Entity> = json_lines(&run.stdout);
    assert_eq!(people.len(), 5);
    assert!(people.iter().all(|e| e.kind == "person"));
    assert!(people.windows(2).all(|w| w[0].articles >= w[1].articles), "{people:?}");
    let top = &people[0];
    assert!(top.share > 0.0 && top.share <= 1.0);
    // The count is the number of articles the person filter finds.
    let run = env.lede(&["search", "", "--person", &top.name, "--json", "--limit", "100"]);
    assert_eq!(run.stdout.lines().count() as u64, top.articles, "{}", top.name);
    assert!(people.iter().any(|e| e.name == "Donald Trump"), "{people:?}");

    let run = env.lede(&["entities", "border", "--color", "never"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for heading in ["person (", "organization (", "location ("] {
        assert!(run.stdout.contains(heading), "{heading}: {}", run.stdout);
    }
    let run = env.lede(&["entities", "nothingmatchesthis"]);
    assert_eq!(run.code, 1);
}

#[test]
fn show_and_similar_by_id() {
    let env = sample();
    let run = env.lede(&["search", "border wall funding", "--json", "--limit", "1"]);
    let hit: Hit = json(&run.stdout);
    let id = hit.id.clone();

    let run = env.lede(&["show", &id, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let shown: ShownArticle = json(&run.stdout);
    assert_eq!(shown.article.id, id);
    assert_eq!(shown.article.headline, hit.headline);
    assert!(shown.article.body.contains("wall"));
    assert_eq!(shown.fingerprint.len(), 16);
    let run = env.lede(&["show", &id, "--color", "never"]);
    assert!(run.stdout.contains(&hit.headline));

    let run = env.lede(&["similar", &id, "--json", "--limit", "5"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let similar: Vec<Hit> = json_lines(&run.stdout);
    assert!(!similar.is_empty());
    assert!(similar.iter().all(|h| h.id != id), "the article itself is left out");
    // The shutdown over wall money is the closest story in the sample.
    assert!(
        similar[..3.min(similar.len())]
            .iter()
            .any(|h| h.headline.to_lowercase().contains("shutdown")),
        "{similar:#?}"
    );

    for command in ["show", "similar"] {
        let run = env.lede(&[command, "no-such-id"]);
        assert_eq!(run.code, 1, "{command}: unknown id is exit 1");
        assert!(run.stderr.contains("no-such-id"), "{}", run.stderr);
    }
}

/// A long wire story; `edit` changes a few words, as outlets do when they republish.
fn wire_story(dateline: &str, edit: &str) -> String {
    format!(
        "{dateline} The Senate voted on Tuesday to approve a spending bill that funds the federal government through \
         the end of September, averting a partial shutdown that would have closed agencies across the country. The \
         measure passed after two weeks of negotiations between party leaders, who settled their last dispute over \
         money for border security and disaster relief late on Monday night. The House is expected to take up the \
         bill on Wednesday, and the White House said the president would sign it. Budget analysts said the bill \
         keeps most agencies at last year's levels while adding money for veterans' health care, wildfire response \
         and {edit} Several senators from both parties criticised the process, saying that once again the \
         Congress had waited until the final days before a deadline to do its most basic job of keeping the \
         government open. Appropriators said they hoped to begin work on next year's bills in the spring."
    )
}

#[test]
fn dups_cluster_republished_wire_copy_not_short_or_different_texts() {
    let env = TestEnv::new();
    let record = |title: &str, body: &str, source: &str, date: &str| {
        serde_json::json!({"title": title, "content_original": body, "source": source, "date": date}).to_string()
    };
    let short = "Senate passes spending bill, averting a shutdown.";
    let different = "Mexico's president proposed a judicial reform that would have judges elected by popular vote, \
        drawing criticism from investors and the United States ambassador, who warned of risks to trade and the rule \
        of law. The proposal passed the lower house after a long night session and goes to the Senate, where the \
        ruling coalition is one vote short of the two-thirds it needs. Business groups said they would challenge \
        the reform in court, while supporters said it would root out corruption among judges and make the courts \
        answer to voters. Analysts expect the peso to remain volatile until the Senate votes later this month.";
    let lines = [
        record(
            "Senate averts shutdown",
            &wire_story("WASHINGTON (AP) —", "the census."),
            "Wire One",
            "2019-02-12",
        ),
        record(
            "Senate passes spending bill",
            &wire_story("WASHINGTON —", "the census."),
            "Daily Two",
            "2019-02-12",
        ),
        record(
            "Shutdown averted",
            &wire_story("", "the coming census count."),
            "Three Times",
            "2019-02-13",
        ),
        record("Mexico judicial reform", different, "Wire One", "2024-09-11"),
        record("Short one", short, "Daily Two", "2019-02-12"),
        record("Short two", short, "Three Times", "2019-02-12"),
    ];
    env.write("wire.jsonl", lines.join("\n"));
    env.index(&env.corpus);

    let run = env.lede(&["dups", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let clusters: Vec<Cluster> = json_lines(&run.stdout);
    assert_eq!(clusters.len(), 1, "{}", run.stdout);
    let cluster = &clusters[0];
    assert_eq!(cluster.size, 3);
    assert_eq!(cluster.members.len(), 3);
    let outlets: HashSet<&str> = cluster.outlets.iter().map(|o| o.source.as_str()).collect();
    assert_eq!(outlets, HashSet::from(["Wire One", "Daily Two", "Three Times"]));
    assert!(cluster.outlets.iter().all(|o| o.articles == 1));
    assert_eq!(cluster.first.as_deref(), Some("2019-02-12T00:00:00Z"));
    assert_eq!(cluster.last.as_deref(), Some("2019-02-13T00:00:00Z"));
    assert!(cluster.members[0].distance == 0, "distances are to the first article");
    assert!(cluster.members.iter().all(|m| m.source.is_some() && !m.id.is_empty()));
    assert!(!cluster.headline.is_empty());

    let run = env.lede(&["dups", "judicial reform"]);
    assert_eq!(run.code, 1, "one article is no cluster: {}", run.stdout);
    let run = env.lede(&["dups", "shutdown", "--color", "never"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("3 articles"), "{}", run.stdout);
}

#[test]
fn allsides_health_care_peaks_in_2013_and_2017() {
    let Some(allsides) = shared("corpora/allsides") else {
        return;
    };
    let env = TestEnv::new();
    env.index(&allsides);
    let run = env.lede(&["timeline", "health care", "--by", "month", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t: Timeline = json(&run.stdout);
    let mut months: Vec<(u64, &str)> = t.buckets.iter().map(|b| (b.counts[0], b.label.as_str())).collect();
    months.sort_by(|a, b| b.cmp(a));
    // The pandemic months of 2020 (health care in every coronavirus story) lead; the ACA roll-out (2013-10/11) and
    // the repeal fight (2017-03 AHCA, 2017-07 Senate vote) follow.
    let top: Vec<&str> = months.iter().take(10).map(|(_, label)| *label).collect();
    assert!(top.iter().any(|m| m.starts_with("2013-")), "ACA roll-out: {top:?}");
    assert!(top.iter().any(|m| m.starts_with("2017-")), "repeal fight: {top:?}");
}
