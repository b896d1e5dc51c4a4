//! Entities end to end: kinds from `lede parse`, alias-aware filters, `--variants` and the index summary.

use lede::wire::{Article, EntityVariants, IndexSummary};

use crate::util::{json, json_lines, repo, TestEnv};

#[test]
fn criminal_groups_are_organisations() {
    let env = TestEnv::new();
    let file = repo().join("data/sample/txt/cartel-terror-designations-2025.txt");
    let run = env.lede(&["parse", "--json", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let article: Article = json(&run.stdout);
    let entities = &article.entities;
    for group in [
        "Mara Salvatrucha",
        "Tren de Aragua",
        "Cartel de los Soles",
        "Sinaloa Cartel",
    ] {
        assert!(
            entities.organization.iter().any(|o| o == group),
            "{group}: {entities:?}"
        );
        assert!(
            !entities.person.iter().any(|p| group.contains(p.as_str())),
            "{group}: {entities:?}"
        );
    }
    assert!(!entities.organization.iter().any(|o| o == "Cartel de"), "{entities:?}");
    assert!(entities.person.iter().any(|p| p == "Marco Rubio"), "{entities:?}");
}

#[test]
fn name_filters_ignore_case_and_follow_the_alias_map() {
    let env = TestEnv::new();
    let run = env.lede(&["index", repo().join("data/sample").to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: IndexSummary = json(&run.stdout);
    assert!(summary.alias_merges > 0, "{summary:?}");

    // `["--person", NAME]` searches every article with a filter; `[QUERY]` searches the query.
    let total = |args: &[&str]| -> u64 {
        let mut all = vec!["search"];
        if args.len() != 1 {
            all.push("");
        }
        all.extend(args);
        all.extend(["--json", "--limit", "100"]);
        let run = env.lede(&all);
        run.stdout.lines().count() as u64
    };
    let pelosi = total(&["--person", "Nancy Pelosi"]);
    assert!(pelosi > 0);
    assert_eq!(total(&["--person", "pelosi"]), pelosi);
    assert_eq!(total(&["--person", "Pelosi"]), pelosi);
    assert_eq!(total(&["--person", "NANCY PELOSI"]), pelosi);
    let trump = total(&["--person", "Donald Trump"]);
    assert_eq!(total(&["person:trump"]), trump);
    let gop = total(&["org:GOP"]);
    assert!(gop > 0);
    assert_eq!(gop, total(&["--org", "Republican Party"]));

    let run = env.lede(&["entities", "trump", "--variants", "--kind", "person", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let groups: Vec<EntityVariants> = json_lines(&run.stdout);
    assert_eq!(groups.len(), 1);
    let group = &groups[0];
    assert_eq!(group.name, "Donald Trump");
    assert_eq!(group.articles, trump);
    assert_eq!(group.variants[0].name, "Donald Trump");
    assert!(group.variants.iter().any(|v| v.name == "Trump"), "{group:?}");
    // The merged count is at most the sum of the forms' counts: an article with two forms counts once.
    assert!(group.articles <= group.variants.iter().map(|v| v.articles).sum::<u64>());

    let run = env.lede(&["entities", "nobody by this name", "--variants"]);
    assert_eq!(run.code, 1);
}
