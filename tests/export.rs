//! `lede export`: every line fits the shipped Quickwit and OpenSearch mappings, chunks respect the limit, and the
//! export of an unchanged index is byte-identical. The mappings themselves stay in step with lede's schema.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lede_query::{ExportKind, EXPORT_FIELDS};
use serde_json::Value;

use crate::util::{repo, Run, TestEnv};

/// One field of `deploy/quickwit/lede-index.yaml`: its `name` and the other keys of its entry.
type QuickwitField = BTreeMap<String, String>;

/// The `doc_mapping` of the Quickwit config: top-level keys and the field mappings, by name.
///
/// A reader for the subset of YAML the file uses (block mappings, `- name:` list entries, flow lists), so that
/// the test needs no YAML crate.
fn quickwit_config() -> (BTreeMap<String, String>, BTreeMap<String, QuickwitField>) {
    let text = std::fs::read_to_string(repo().join("deploy/quickwit/lede-index.yaml")).expect("quickwit config");
    let mut doc_mapping = BTreeMap::new();
    let mut fields: BTreeMap<String, QuickwitField> = BTreeMap::new();
    let mut section = String::new();
    let mut current: Option<QuickwitField> = None;
    for line in text.lines() {
        let content = line.split(" #").next().unwrap_or("").trim_end();
        if content.trim_start().starts_with('#') || content.trim().is_empty() {
            continue;
        }
        let indent = content.len() - content.trim_start().len();
        let item = content.trim_start();
        if indent == 0 {
            section = item.trim_end_matches(':').to_owned();
            continue;
        }
        if section != "doc_mapping" {
            continue;
        }
        if let Some(rest) = item.strip_prefix("- ") {
            if let Some(done) = current.take() {
                fields.insert(done["name"].clone(), done);
            }
            let (key, value) = rest.split_once(':').expect("`- key: value`");
            current = Some(BTreeMap::from([(key.trim().to_owned(), value.trim().to_owned())]));
        } else if let (Some(field), true) = (&mut current, indent > 4) {
            let (key, value) = item.split_once(':').expect("`key: value`");
            field.insert(key.trim().to_owned(), value.trim().to_owned());
        } else if indent == 2 {
            if let Some(done) = current.take() {
                fields.insert(done["name"].clone(), done);
            }
            let (key, value) = item.split_once(':').expect("`key: value`");
            doc_mapping.insert(key.trim().to_owned(), value.trim().to_owned());
        }
    }
    if let Some(done) = current.take() {
        fields.insert(done["name"].clone(), done);
    }
    (doc_mapping, fields)
}

/// `properties` of `deploy/opensearch/lede-mapping.json`.
fn opensearch_properties() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(repo().join("deploy/opensearch/lede-mapping.json")).expect("opensearch mapping");
    let mapping: Value = serde_json::from_str(&text).expect("mapping is JSON");
    assert_eq!(
        mapping["mappings"]["dynamic"], "strict",
        "unknown fields must be errors"
    );
    mapping["mappings"]["properties"]
        .as_object()
        .expect("properties")
        .clone()
}

fn kind_of(name: &str) -> ExportKind {
    EXPORT_FIELDS
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("`{name}` is not an exported field"))
        .kind
}

#[test]
fn shipped_configs_map_exactly_the_exported_fields() {
    let exported: Vec<&str> = EXPORT_FIELDS.iter().map(|f| f.name).collect();

    // lede's schema: every stored field a user would want leaves with the export (the rest are bookkeeping for
    // incremental updates; `record` is part of the id already).
    let schema = lede_indexer::build_schema();
    for (_, entry) in schema.fields() {
        let bookkeeping = ["record", "content_hash", "file_size", "file_mtime"].contains(&entry.name());
        if entry.is_stored() && !bookkeeping {
            assert!(
                exported.contains(&entry.name()),
                "stored field `{}` is not exported",
                entry.name()
            );
        }
    }

    let (doc_mapping, quickwit) = quickwit_config();
    assert_eq!(
        doc_mapping.get("timestamp_field").map(String::as_str),
        Some("published")
    );
    assert_eq!(doc_mapping.get("mode").map(String::as_str), Some("strict"));
    let quickwit_names: Vec<&str> = quickwit.keys().map(String::as_str).collect();
    let mut sorted = exported.clone();
    sorted.sort_unstable();
    assert_eq!(quickwit_names, sorted, "Quickwit config and export disagree");

    let opensearch = opensearch_properties();
    let opensearch_names: Vec<&str> = opensearch.keys().map(String::as_str).collect();
    let mut sorted_os = opensearch_names.clone();
    sorted_os.sort_unstable();
    assert_eq!(sorted_os, sorted, "OpenSearch mapping and export disagree");

    for field in EXPORT_FIELDS {
        let qw = &quickwit[field.name];
        let os = &opensearch[field.name];
        let get = |key: &str| qw.get(key).map(String::as_str);
        match field.kind {
            ExportKind::Keyword | ExportKind::Keywords => {
                let ty = if field.kind == ExportKind::Keyword {
                    "text"
                } else {
                    "array<text>"
                };
                assert_eq!(get("type"), Some(ty), "{}", field.name);
                assert_eq!(get("tokenizer"), Some("raw"), "{}", field.name);
                assert_eq!(os["type"], "keyword", "{}", field.name);
            }
            ExportKind::Text => {
                assert_eq!(get("type"), Some("text"), "{}", field.name);
                assert_eq!(get("tokenizer"), Some("en_stem"), "{}", field.name);
                assert_eq!(get("record"), Some("position"), "{}", field.name);
                assert_eq!(get("fieldnorms"), Some("true"), "{}", field.name);
                assert_eq!(os["type"], "text", "{}", field.name);
                assert_eq!(os["analyzer"], "english", "{}", field.name);
            }
            ExportKind::Object => {
                assert_eq!(get("type"), Some("json"), "{}", field.name);
                assert_eq!(get("tokenizer"), Some("raw"), "{}", field.name);
                assert_eq!(os["type"], "object", "{}", field.name);
            }
            ExportKind::Date => {
                assert_eq!(get("type"), Some("datetime"), "{}", field.name);
                assert!(
                    get("input_formats").is_some_and(|f| f.contains("rfc3339")),
                    "{}",
                    field.name
                );
                assert_eq!(os["type"], "date", "{}", field.name);
            }
        }
        assert_eq!(
            get("fast") == Some("true"),
            field.fast,
            "Quickwit `fast` of {}",
            field.name
        );
    }
}

/// Checks one exported article against the mappings: known fields only, the right JSON type for each, no empty
/// values, RFC 3339 UTC dates. Returns its id.
fn check_article(line: &str) -> String {
    let value: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("bad JSON line {line}: {e}"));
    let object = value.as_object().unwrap_or_else(|| panic!("not an object: {line}"));
    for field in EXPORT_FIELDS.iter().filter(|f| f.required) {
        assert!(
            object.contains_key(field.name),
            "required `{}` missing: {line}",
            field.name
        );
    }
    for (key, value) in object {
        match kind_of(key) {
            ExportKind::Keyword | ExportKind::Text => {
                let text = value
                    .as_str()
                    .unwrap_or_else(|| panic!("`{key}` is not a string: {line}"));
                assert!(!text.trim().is_empty(), "empty `{key}`: {line}");
            }
            ExportKind::Keywords => {
                let items = value
                    .as_array()
                    .unwrap_or_else(|| panic!("`{key}` is not an array: {line}"));
                assert!(!items.is_empty(), "empty `{key}`: {line}");
                for item in items {
                    assert!(
                        item.as_str().is_some_and(|s| !s.trim().is_empty()),
                        "bad `{key}` item: {line}"
                    );
                }
            }
            ExportKind::Object => {
                let fields = value
                    .as_object()
                    .unwrap_or_else(|| panic!("`{key}` is not an object: {line}"));
                assert!(!fields.is_empty(), "empty `{key}`: {line}");
                for values in fields.values() {
                    let values = values.as_array().unwrap_or_else(|| panic!("bad `{key}`: {line}"));
                    assert!(values.iter().all(|v| v.as_str().is_some_and(|s| !s.trim().is_empty())));
                }
            }
            ExportKind::Date => {
                let text = value
                    .as_str()
                    .unwrap_or_else(|| panic!("`{key}` is not a string: {line}"));
                let parsed = chrono::DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{text}: {e}"));
                assert_eq!(
                    parsed.to_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    text,
                    "not RFC 3339 UTC with seconds"
                );
            }
        }
    }
    if let Some(fingerprint) = object.get("fingerprint").and_then(Value::as_str) {
        assert!(
            fingerprint.len() == 16 && u64::from_str_radix(fingerprint, 16).is_ok(),
            "{fingerprint}"
        );
    }
    object["id"].as_str().unwrap_or_default().to_owned()
}

/// Chunk files in `dir`, in name order, with their bytes.
fn chunks(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("out dir")
        .map(|e| e.expect("dir entry").path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("chunk");
            (p, bytes)
        })
        .collect()
}

#[test]
fn export_fits_the_mappings_in_chunks_and_is_deterministic() {
    let env = TestEnv::new();
    env.index(&repo().join("data/sample"));
    let stats = env.lede(&["stats", "--json"]);
    let stats: Value = serde_json::from_str(stats.stdout.trim()).expect("stats json");
    let articles = stats["articles"].as_u64().expect("article count") as usize;
    let root = env.index.parent().expect("env root").to_owned();

    // NDJSON to stdout: one valid article per line, every article once.
    let run = env.lede(&["export", "--format", "ndjson"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids: Vec<String> = run.stdout.lines().map(check_article).collect();
    assert_eq!(ids.len(), articles);
    let mut distinct = ids.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), articles, "an article exported twice");
    assert!(run.stdout.contains("\"person\":["), "entities are exported");
    assert!(run.stdout.contains("\"published\":\""), "dates are exported");

    // Chunked: no file over the limit unless it holds a single oversized line, and together they are stdout.
    let limit = 4_000;
    let out = root.join("ndjson");
    let run = export_to(&env, "ndjson", &out, &["--chunk-bytes", &limit.to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = chunks(&out);
    assert!(files.len() > 3, "a tiny limit makes several chunks: {}", files.len());
    assert_eq!(run.stdout.lines().count(), files.len(), "stdout lists the chunks");
    for (path, bytes) in &files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        assert!(name.starts_with("lede-") && name.ends_with(".ndjson"), "{name}");
        assert!(bytes.ends_with(b"\n"));
        let lines = bytes.iter().filter(|b| **b == b'\n').count();
        assert!(bytes.len() <= limit || lines == 1, "{name}: {} bytes", bytes.len());
    }
    let joined: Vec<u8> = files.iter().flat_map(|(_, b)| b.clone()).collect();
    assert_eq!(
        String::from_utf8(joined).expect("utf-8"),
        run_stdout(&env, &["export", "--format", "ndjson"])
    );

    // Fractional --chunk-mb works too.
    let out_mb = root.join("ndjson-mb");
    let run = export_to(&env, "ndjson", &out_mb, &["--chunk-mb", "0.01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(chunks(&out_mb)
        .iter()
        .all(|(_, b)| b.len() <= 10_000 || b.iter().filter(|c| **c == b'\n').count() == 1));

    // OpenSearch bulk: action then document, the action's _id is the document's id, never split across files.
    let bulk = root.join("bulk");
    let run = export_to(&env, "opensearch-bulk", &bulk, &["--chunk-bytes", "6000"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let first = chunks(&bulk);
    assert!(first.len() > 1);
    let mut bulk_ids = Vec::new();
    for (path, bytes) in &first {
        assert!(path.to_string_lossy().ends_with(".bulk.ndjson"));
        let text = std::str::from_utf8(bytes).expect("utf-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len() % 2, 0, "{}: an action without its document", path.display());
        assert!(
            bytes.len() <= 6000 || lines.len() == 2,
            "{}: {} bytes",
            path.display(),
            bytes.len()
        );
        for pair in lines.chunks(2) {
            let action: Value = serde_json::from_str(pair[0]).expect("action JSON");
            assert_eq!(action["index"]["_index"], "lede", "{}", pair[0]);
            let id = check_article(pair[1]);
            assert_eq!(action["index"]["_id"], id.as_str());
            assert_eq!(action.as_object().map(|o| o.len()), Some(1));
            bulk_ids.push(id);
        }
    }
    assert_eq!(bulk_ids, ids, "both formats export the same articles in the same order");

    // A second export of the unchanged index is byte-identical.
    let run = export_to(&env, "opensearch-bulk", &bulk, &["--chunk-bytes", "6000"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(chunks(&bulk), first, "second export differs");

    // A re-export with bigger chunks leaves none of the old, smaller chunks behind.
    let run = export_to(&env, "opensearch-bulk", &bulk, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(chunks(&bulk).len(), 1);

    let run = export_to(&env, "ndjson", &out, &["--chunk-mb", "0"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("lede: ") && run.stderr.contains("--chunk-mb"),
        "{}",
        run.stderr
    );
}

/// `lede export --format FORMAT --out DIR CHUNKING...`.
fn export_to(env: &TestEnv, format: &str, out: &Path, chunking: &[&str]) -> Run {
    let mut args = vec!["export", "--format", format, "--out", out.to_str().expect("utf-8")];
    args.extend_from_slice(chunking);
    env.lede(&args)
}

fn run_stdout(env: &TestEnv, args: &[&str]) -> String {
    let run = env.lede(args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn near_duplicates_share_a_cluster_and_everything_else_is_its_own() {
    let env = TestEnv::new();
    let story = "The Senate voted on Tuesday to approve a bill that funds the government through September, \
        averting a shutdown that would have closed agencies across the country and furloughed hundreds of \
        thousands of federal workers. The measure passed after weeks of negotiation between party leaders, \
        who agreed to set aside a dispute over border spending until the next budget cycle begins in the fall. \
        The House is expected to take up the bill later this week.";
    // Republished word for word under another headline, outlet and date.
    let copy = story;
    let records = [
        serde_json::json!({"id": "wire-1", "title": "Senate averts shutdown", "content_original": story,
            "date": "2019-02-14", "source": "Northwind Wire"}),
        serde_json::json!({"id": "copy-2", "title": "Shutdown averted", "content_original": copy,
            "date": "2019-02-15", "source": "Daily Ledger"}),
        serde_json::json!({"id": "other-3", "title": "Trade talks resume",
            "content_original": "Negotiators from Mexico and Canada met in Washington to resume trade talks."}),
    ];
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    env.write("wire.jsonl", lines.join("\n") + "\n");
    env.index(&env.corpus);
    let run = env.lede(&["export", "--format", "ndjson"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let clusters: BTreeMap<String, String> = run
        .stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("json");
            (
                v["id"].as_str().unwrap_or_default().to_owned(),
                v["dup_cluster"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(clusters["wire-1"], "wire-1", "the earliest copy names the cluster");
    assert_eq!(clusters["copy-2"], "wire-1");
    assert_eq!(clusters["other-3"], "other-3");
    assert!(
        run.stderr.contains("1 articles have no publication date"),
        "{}",
        run.stderr
    );
}
