use lede::wire::{Article, Hit};

use crate::util::{highlighted, json, json_lines, repo, TestEnv};

fn hits(stdout: &str) -> Vec<Hit> {
    json_lines(stdout)
}

const SAVED_PAGE: &str = "Home | Politics | World\nMenu\n\nSenate passes border funding bill\n\nSenate passes border funding bill\n\nThe measure now goes to the House of Representatives.\n\nBy Jane Doe\n\nThe Senate voted 52-48 on Tuesday to approve the border funding bill after a long debate.\n\nDemocrats opposed the measure, saying it did too little for asylum courts.\n\nShare this article\nSubscribe to our newsletter\n";

#[test]
fn index_search_json_contract_and_exit_codes() {
    let env = TestEnv::new();
    env.write("page.txt", SAVED_PAGE);
    env.write(
        "wire.jsonl",
        concat!(
            r#"{"id":"w1","title":"Trade talks resume","content_original":"Negotiators from Mexico and Canada met in Washington to resume trade talks.","date":"2016-05-02","source":"Northwind Wire","authors":"Ana Ruiz"}"#,
            "\n",
            r#"{"id":"w2","title":"Immigration bill stalls","content_original":"An immigration bill stalled in the Senate on Thursday.","date":"2017-03-09","source":"Northwind Wire"}"#,
            "\n"
        ),
    );
    env.index(&env.corpus);

    let run = env.lede(&["search", "border funding", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = hits(&run.stdout);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].headline, "Senate passes border funding bill");
    assert_eq!(found[0].authors, vec!["Jane Doe"]);
    assert_eq!(found[0].published, None, "no date is invented");
    assert!(found[0].snippet.contains("border"), "{}", found[0].snippet);
    assert!(found[0].path.ends_with("page.txt"));

    // Highlights are character offsets into the snippet; --fragments gives several windows.
    let run = env.lede(&["search", "border funding", "--json", "--fragments", "2"]);
    let hit = hits(&run.stdout).remove(0);
    let marked = highlighted(&hit);
    assert!(
        !marked.is_empty() && marked.iter().all(|w| w == "border" || w == "funding"),
        "{marked:?}"
    );
    assert!(!hit.fragments.is_empty() && hit.fragments.len() <= 2, "{hit:?}");

    let run = env.lede(&["search", "trade", "--json"]);
    let found = hits(&run.stdout);
    assert_eq!(found[0].id, "w1");
    assert_eq!(found[0].published.as_deref(), Some("2016-05-02T00:00:00Z"));
    assert_eq!(found[0].source.as_deref(), Some("Northwind Wire"));

    let run = env.lede(&["search", "nothingmatchesthis"]);
    assert_eq!(run.code, 1, "no hit is exit 1");
    assert!(run.stdout.is_empty());

    let run = env.lede(&["search", "persn:trump"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("lede: ") && run.stderr.contains("person"),
        "{}",
        run.stderr
    );

    let run = env.lede(&["search", "x", "--index", "/nonexistent/lede-index"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no lede index"), "{}", run.stderr);
}

#[test]
fn date_filters_keep_only_the_range() {
    let env = TestEnv::new();
    for (i, date) in ["2015-12-31", "2016-01-01", "2016-07-04", "2016-12-31", "2017-01-01"]
        .iter()
        .enumerate()
    {
        env.write(
            &format!("a{i}.json"),
            format!(
                r#"{{"title":"Immigration story {i}","body":"A story about immigration policy.","date":"{date}"}}"#
            ),
        );
    }
    env.index(&env.corpus);
    let in_2016 = env.search(&["immigration", "--since", "2016-01-01", "--until", "2016-12-31"]);
    let dates: Vec<String> = in_2016.into_iter().filter_map(|h| h.published).collect();
    assert_eq!(dates.len(), 3, "{dates:?}");
    assert!(dates.iter().all(|d| d.starts_with("2016-")), "{dates:?}");
    let run = env.lede(&["search", "immigration date:2017", "--json"]);
    assert_eq!(hits(&run.stdout).len(), 1);
    let run = env.lede(&["search", "immigration", "--sort", "date", "--json"]);
    let order: Vec<String> = hits(&run.stdout).into_iter().filter_map(|h| h.published).collect();
    assert_eq!(order.first().map(String::as_str), Some("2017-01-01T00:00:00Z"));
    // Equal relevance: --recent puts the newest first, and still ranks by relevance.
    let run = env.lede(&["search", "immigration policy", "--recent", "30", "--json"]);
    let order: Vec<String> = hits(&run.stdout).into_iter().filter_map(|h| h.published).collect();
    assert_eq!(
        order.first().map(String::as_str),
        Some("2017-01-01T00:00:00Z"),
        "{order:?}"
    );
    assert_eq!(
        order.last().map(String::as_str),
        Some("2015-12-31T00:00:00Z"),
        "{order:?}"
    );
}

#[test]
fn reindexing_replaces_never_duplicates() {
    let env = TestEnv::new();
    let file = env.write("a.txt", "Budget talks stall\n\nNegotiators left without a deal.\n");
    env.index(&env.corpus);
    let run = env.index(&env.corpus);
    assert!(run.stdout.contains("1 unchanged"), "{}", run.stdout);
    // Touched but the same bytes: the content hash says unchanged, nothing is re-read into the index.
    let touched = std::time::SystemTime::now() + std::time::Duration::from_secs(2);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .and_then(|f| f.set_modified(touched))
        .expect("touch");
    let run = env.index(&env.corpus);
    assert!(
        run.stdout.contains("1 unchanged") && run.stdout.contains("0 updated"),
        "{}",
        run.stdout
    );
    std::fs::write(&file, "Budget talks resume\n\nNegotiators came back.\n").expect("rewrite");
    // mtime granularity: make sure the change is visible.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .and_then(|f| f.set_modified(later))
        .expect("touch");
    let run = env.index(&env.corpus);
    assert!(run.stdout.contains("1 updated"), "{}", run.stdout);
    assert_eq!(env.stats().articles, 1);
    let run = env.lede(&["search", "resume", "--json"]);
    assert_eq!(hits(&run.stdout).len(), 1);
    std::fs::remove_file(&file).expect("remove");
    let run = env.lede(&["index", env.corpus.to_str().expect("utf-8"), "--prune"]);
    assert!(run.stdout.contains("1 removed"), "{}", run.stdout);
    assert_eq!(env.stats().articles, 0);
}

#[test]
fn sample_corpus_stats_and_parse() {
    let env = TestEnv::new();
    let sample = repo().join("data/sample");
    env.index(&sample);
    let stats = env.stats();
    assert!(stats.articles >= 40, "{stats:?}");
    assert!(stats.articles_with_date >= 30, "{stats:?}");
    assert!(stats.earliest.is_some() && stats.latest.is_some(), "{stats:?}");
    assert!(stats.sources > 0 && stats.index_bytes > 0, "{stats:?}");

    let run = env.lede(&[
        "parse",
        "--json",
        sample
            .join("txt/senate-border-wall-funding-2019.txt")
            .to_str()
            .expect("utf-8"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Every field of the contract is there, null or not.
    let fields: serde_json::Value = json(&run.stdout);
    for key in [
        "headline",
        "body",
        "published",
        "authors",
        "source",
        "url",
        "language",
        "entities",
        "path",
    ] {
        assert!(fields.get(key).is_some(), "{key} missing: {fields}");
    }
    let article: Article = json(&run.stdout);
    let people = &article.entities.person;
    assert!(people.iter().any(|p| p == "Donald Trump"), "{people:?}");
    assert!(
        !people.iter().any(|p| p.ends_with("'s") || p.ends_with("’s")),
        "{people:?}"
    );
}

#[test]
fn person_filter_and_entities_in_results() {
    let env = TestEnv::new();
    env.index(&repo().join("data/sample"));
    let run = env.lede(&["search", "", "--person", "Donald Trump", "--json", "--limit", "100"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = hits(&run.stdout);
    assert!(found.len() >= 3, "{}", found.len());
    assert!(found
        .iter()
        .all(|h| h.entities.person.iter().any(|p| p == "Donald Trump")));
    let run = env.lede(&["search", "border", "--place", "united states", "--json"]);
    assert!(hits(&run.stdout)
        .iter()
        .all(|h| h.entities.location.iter().any(|p| p == "United States")));
}

#[test]
fn broken_pipe_is_quiet_success() {
    let env = TestEnv::new();
    env.index(&repo().join("data/sample"));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(["search", "the", "--limit", "40"])
        .env("LEDE_INDEX", &env.index)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{stderr}"
    );
    assert!(matches!(output.status.code(), Some(0) | Some(1)), "{:?}", output.status);
}
