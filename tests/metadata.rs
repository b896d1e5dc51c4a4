//! The corpus's own fields: kept by parse and index, searched as `NAME:value`, filtered by `--where`, counted
//! by `--facets` and `lede values`, listed by `lede stats`; the `folder` field; old indexes; every rejection.

use lede::wire::{Article, Facet, FacetValue, Hit, IndexSummary, Rejection, SearchSummary, ShownArticle};

use crate::util::{json, json_lines, TestEnv};

const RECORDS: &str = r#"{"id": "a1", "title": "Senate passes border bill", "text": "The Senate passed the border bill on Tuesday.", "bias_text": "Left", "topic": "immigration", "rank": 3, "live": true, "tags": ["Budget", "Senate"], "meta": {"section": "Politics", "page": {"n": 2}}}
{"id": "a2", "title": "House stalls on budget", "text": "The House stalled on the budget again.", "bias_text": "right", "topic": "budget", "rank": 1.5, "tags": ["budget"], "meta": {"section": "Politics"}}
{"id": "a3", "title": "Storm hits coast", "text": "A storm hit the coast overnight.", "bias_text": "center", "topic": "weather", "meta": {"section": "Weather"}}
"#;

fn count(env: &TestEnv, args: &[&str]) -> usize {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--json", "--limit", "0"]);
    let run = env.lede(&all);
    assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
    assert!(
        run.stdout.lines().all(|l| !l.contains("\"headline\"")),
        "--limit 0 prints no hit"
    );
    let summary: SearchSummary = json(run.stderr.lines().last().unwrap_or(""));
    summary.total
}

#[test]
fn extra_record_fields_come_back_through_parse_show_and_search() {
    let env = TestEnv::new();
    let file = env.write("wire.jsonl", RECORDS);
    let run = env.lede(&["parse", "--json", "--no-entities", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let articles: Vec<Article> = json_lines(&run.stdout);
    let first = &articles[0].metadata;
    assert_eq!(first["bias_text"], ["Left"]);
    assert_eq!(first["rank"], ["3"]);
    assert_eq!(first["live"], ["true"]);
    assert_eq!(first["tags"], ["Budget", "Senate"]);
    assert_eq!(first["meta.section"], ["Politics"]);
    assert_eq!(first["meta.page.n"], ["2"]);
    assert!(!first.contains_key("title") && !first.contains_key("id"), "{first:?}");
    assert_eq!(articles[1].metadata["rank"], ["1.5"]);

    env.index(&env.corpus);
    // Keyword match, any case, on names and values.
    assert_eq!(count(&env, &["bias_text:left"]), 1);
    assert_eq!(count(&env, &["BIAS_TEXT:LEFT"]), 1);
    assert_eq!(count(&env, &["tags:budget"]), 2);
    assert_eq!(count(&env, &["meta.section:politics"]), 2);
    assert_eq!(count(&env, &["rank:1.5"]), 1);
    assert_eq!(count(&env, &["border bias_text:left"]), 1);
    assert_eq!(count(&env, &["border bias_text:right"]), 0);
    assert_eq!(count(&env, &["bias_text:(left OR right)"]), 2);
    assert_eq!(count(&env, &["topic:\"immigration\""]), 1);
    // --where: repeatable, all must match; lede's name fields work too.
    assert_eq!(count(&env, &["", "--where", "meta.section=Politics"]), 2);
    assert_eq!(
        count(
            &env,
            &["", "--where", "meta.section=politics", "--where", "tags=senate"]
        ),
        1
    );
    let run = env.lede(&["search", "", "--where", "sectoin=x"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("this corpus's fields: bias_text"), "{}", run.stderr);

    // Shown by show and search.
    let run = env.lede(&["search", "bias_text:left", "--json"]);
    let hits: Vec<Hit> = json_lines(&run.stdout);
    let run = env.lede(&["show", &hits[0].id, "--json"]);
    let shown: ShownArticle = json(&run.stdout);
    assert_eq!(shown.article.metadata["meta.section"], ["Politics"]);
    assert_eq!(shown.article.metadata["bias_text"], ["Left"], "shown as written");

    // Facets, top N, and every value.
    let run = env.lede(&["search", "", "--facets", "bias_text,tags:1", "--json", "--limit", "0"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let facets: Vec<Facet> = json_lines(&run.stdout);
    assert_eq!(facets[0].facet, "bias_text");
    assert_eq!(facets[0].distinct, 3);
    assert_eq!(facets[0].values.iter().map(|v| v.count).sum::<u64>(), 3);
    assert_eq!(facets[1].facet, "tags");
    assert_eq!(facets[1].values.len(), 1);
    assert_eq!(
        (facets[1].values[0].value.as_str(), facets[1].values[0].count),
        ("budget", 2)
    );
    let run = env.lede(&["values", "topic", "--json"]);
    let values: Vec<FacetValue> = json_lines(&run.stdout);
    assert_eq!(values.len(), 3, "{values:?}");
    let run = env.lede(&["values", "tags", "senate", "--json"]);
    let values: Vec<FacetValue> = json_lines(&run.stdout);
    assert_eq!(values.iter().map(|v| v.count).sum::<u64>(), 2, "{values:?}");

    // Stats lists the fields with their distinct values.
    let stats = env.stats();
    let field = |name: &str| {
        stats
            .metadata_fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.distinct)
    };
    assert_eq!(field("bias_text"), Some(3));
    assert_eq!(field("meta.section"), Some(2));
    assert_eq!(field("tags"), Some(2));
}

#[test]
fn unknown_fields_list_the_corpus_fields_and_suggest_a_close_one() {
    let env = TestEnv::new();
    env.write("wire.jsonl", RECORDS);
    env.index(&env.corpus);
    let run = env.lede(&["search", "topik:budget"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean `topic`"), "{}", run.stderr);
    assert!(run.stderr.contains("this corpus's fields:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("bias_text") && run.stderr.contains("meta.section"),
        "{}",
        run.stderr
    );
    let run = env.lede(&["search", "", "--facets", "biass"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown facet `biass`"), "{}", run.stderr);
    // Prose with a colon is still prose.
    assert_eq!(count(&env, &["Senate: the border"]), 1);
}

#[test]
fn front_matter_keys_and_folders() {
    let env = TestEnv::new();
    env.write(
        "politics/a.md",
        "---\ntitle: Senate deal\ndesk: Washington\ntags: [budget, senate]\n---\nThe Senate made a deal.\n",
    );
    env.write("tech/b.txt", "Chip exports\n\nChip exports rose sharply this year.\n");
    env.write(
        "tech/deep/c.txt",
        "Chip imports\n\nChip imports fell sharply this year.\n",
    );
    env.write("d.txt", "Loose file\n\nA file in the root has no folder.\n");
    env.index(&env.corpus);
    assert_eq!(count(&env, &["folder:politics"]), 1);
    assert_eq!(count(&env, &["folder:tech"]), 1);
    assert_eq!(count(&env, &["folder:tech/deep"]), 1);
    assert_eq!(count(&env, &["desk:washington tags:senate"]), 1);
    let run = env.lede(&["values", "folder", "--json"]);
    let values: Vec<FacetValue> = json_lines(&run.stdout);
    let names: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(names, ["politics", "tech", "tech/deep"]);
}

#[test]
fn an_index_of_the_older_schema_errors_on_search_and_is_rebuilt_by_index() {
    let env = TestEnv::new();
    env.write("a.txt", "Senate deal\n\nThe Senate made a deal.\n");
    // The schema lede wrote before metadata fields: the current one without `meta` and `metadata`.
    let mut builder = tantivy::schema::Schema::builder();
    for (_, entry) in lede_indexer::build_schema().fields() {
        if !matches!(entry.name(), "meta" | "metadata") {
            builder.add_field(entry.clone());
        }
    }
    std::fs::create_dir_all(&env.index).unwrap();
    let index = tantivy::Index::create_in_dir(&env.index, builder.build()).unwrap();
    let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
    writer.commit().unwrap();
    drop(writer);
    let run = env.lede(&["search", "senate"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("older lede") && run.stderr.contains("re-run `lede index"),
        "{}",
        run.stderr
    );
    let run = env.index(&env.corpus);
    assert!(run.stderr.contains("rebuilding"), "{}", run.stderr);
    assert_eq!(count(&env, &["senate"]), 1);
}

#[test]
fn every_rejection_is_listed_in_json_and_in_the_rejected_file() {
    let env = TestEnv::new();
    for i in 0..13 {
        env.write(&format!("bad{i:02}.txt"), [0u8, 159, 146, 150, 0, 0, 1, 2]);
    }
    env.write("good.txt", "Senate deal\n\nThe Senate made a deal.\n");
    let list = env.corpus.parent().unwrap().join("rejected.jsonl");
    let run = env.lede(&[
        "index",
        env.corpus.to_str().unwrap(),
        "--json",
        "--rejected",
        list.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary: IndexSummary = json(&run.stdout);
    assert_eq!(summary.rejected, 13);
    assert_eq!(summary.first_rejections.len(), 10);
    assert_eq!(summary.rejections.len(), 13);
    let written: Vec<Rejection> = json_lines(&std::fs::read_to_string(&list).unwrap());
    assert_eq!(written, summary.rejections);
    assert!(written.iter().all(|r| r.kind == "binary"), "{written:?}");
}

/// AllSides (indexed by tests/corpora.rs): the bias labels as facets, and the sides add up to the whole.
pub fn allsides_metadata(env: &TestEnv) {
    let run = env.lede(&["search", "", "--facets", "bias_text", "--json", "--limit", "0"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let facets: Vec<Facet> = json_lines(&run.stdout);
    let count_of = |value: &str| facets[0].values.iter().find(|v| v.value == value).map(|v| v.count);
    assert_eq!(count_of("left"), Some(13_005), "{facets:?}");
    assert_eq!(count_of("center"), Some(10_815), "{facets:?}");
    assert_eq!(count_of("right"), Some(13_733), "{facets:?}");
    let all = count(env, &["immigration"]);
    let sides: usize = ["left", "center", "right"]
        .iter()
        .map(|side| count(env, &[&format!("immigration bias_text:{side}")]))
        .sum();
    assert_eq!(sides, all);
}

/// BBC News (indexed by tests/corpora.rs): the category folders.
pub fn bbc_folders(env: &TestEnv) {
    assert_eq!(count(env, &["folder:politics"]), 417);
}
