//! Hostile and broken input: every good article indexed, every bad file named with its reason, exit 0.

use std::io::Write;

use lede::wire::{Hit, IndexSummary};

use crate::util::{json, json_lines, TestEnv};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

#[test]
fn broken_files_are_reported_and_the_rest_indexed() {
    let env = TestEnv::new();
    // Good files.
    env.write(
        "good/one.txt",
        "Senate confirms judge\n\nThe Senate confirmed the judge on Monday.\n",
    );
    env.write(
        "good/latin1.txt",
        b"Caf\xe9 owners protest tax\n\nOwners of caf\xe9s marched on Friday.\n",
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Parliament votes on budget\n\nThe parliament voted.\n"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    env.write("good/utf16.txt", utf16);
    env.write(
        "good/mixed.jsonl",
        "{\"title\":\"Good line one\",\"text\":\"Fine body one.\",\"date\":\"0001-11-30\"}\n{not json\n[1,2]\n{\"title\":\"Good line two\",\"text\":\"Fine body two.\",\"date\":\"2050-01-01\"}\n{\"title\":7,\"text\":[\"parts\",\"of\",\"text\"]}\n",
    );
    env.write(
        "good/rows.csv",
        "title,body,date\nRow one,Body one,2019-01-02\nRow two,Body two\nRow three,Body three,2019-01-03,extra\n",
    );
    // A gzip stream cut short: the records before the break are kept.
    let mut lines = String::new();
    for i in 0..200 {
        lines.push_str(&format!("{{\"id\":\"t{i}\",\"title\":\"Truncated record {i}\",\"text\":\"Body number {i} of the truncated shard.\"}}\n"));
    }
    let packed = gzip(lines.as_bytes());
    env.write("bad/truncated.jsonl.gz", &packed[..packed.len() * 2 / 3]);
    // Bad files.
    env.write("bad/binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    env.write("bad/empty.txt", "");
    env.write("bad/blank.md", "   \n\n\t\n");
    env.write("bad/malformed.json", "{\"title\": \"unterminated");
    env.write("bad/nested.json", "[".repeat(100_000));
    env.write("bad/garbage.html.gz", b"not gzip at all");
    env.write("skip/photo.jpg", b"\xFF\xD8\xFF\xE0");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(env.corpus.join("bad"), env.corpus.join("bad/loop")).expect("symlink");
        let fifo = env.corpus.join("bad/pipe.txt");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(status.is_ok_and(|s| s.success()), "mkfifo");
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"good/non-utf8-\xff.txt");
        std::fs::write(env.corpus.join(name), "Name is not UTF-8\n\nBut the text is.\n").expect("write");
    }

    let run = env.lede(&["index", env.corpus.to_str().expect("utf-8"), "--json"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let summary: IndexSummary = json(&run.stdout);
    let kinds = &summary.rejected_by_kind;
    let reasons: Vec<&str> = summary.first_rejections.iter().map(|r| r.reason.as_str()).collect();
    for kind in [
        "binary",
        "empty",
        "malformed",
        "broken gzip",
        "not a regular file",
        "symlink loop",
    ] {
        assert!(kinds.contains_key(kind), "no `{kind}` rejection in {summary:?}");
    }
    assert!(
        reasons.iter().any(|r| r.contains("binary.txt")),
        "reasons name the files: {reasons:?}"
    );
    assert_eq!(summary.files_unsupported, 1);
    assert_eq!(summary.dates_dropped, 2, "{summary:?}");

    // Good articles: one + latin1 + utf16 + 3 jsonl + 3 csv + non-utf8 name + truncated-gzip prefix.
    let articles = env.stats().articles;
    let truncated_kept = articles.saturating_sub(10);
    assert!(
        truncated_kept > 50 && truncated_kept < 200,
        "kept {truncated_kept} of the truncated shard ({articles} in all)"
    );

    let run = env.lede(&["search", "cafés", "--json"]);
    let hits: Vec<Hit> = json_lines(&run.stdout);
    assert_eq!(
        hits.first().map(|h| h.headline.as_str()),
        Some("Café owners protest tax"),
        "Windows-1252 decoded"
    );
    let run = env.lede(&["search", "parliament", "--json"]);
    assert_eq!(run.code, 0, "UTF-16 read: {}", run.stderr);
    let run = env.lede(&["search", "\"good line\"", "--json"]);
    let dates: Vec<Option<String>> = json_lines::<Hit>(&run.stdout)
        .into_iter()
        .map(|h| h.published)
        .collect();
    assert_eq!(dates.len(), 2);
    assert!(
        dates.iter().all(Option::is_none),
        "absurd dates dropped, articles kept: {dates:?}"
    );
}

#[test]
fn hostile_queries_answer_or_explain() {
    let env = TestEnv::new();
    env.write(
        "a.txt",
        "Senate confirms judge\n\nThe Senate confirmed the judge on Monday.\n",
    );
    env.index(&env.corpus);
    let long = "senate ".repeat(5_000);
    let nested = format!("{}senate{}", "(".repeat(5_000), ")".repeat(5_000));
    for query in [
        long.as_str(),
        nested.as_str(),
        "senat~2",
        "s*",
        ".*+?[](){}|^$\\",
        "\"\"\"",
        "AND OR NOT",
        "-",
        "+",
        "date:>=1999",
    ] {
        let run = env.lede(&["search", query, "--json"]);
        assert!(
            matches!(run.code, 0 | 1),
            "query {:?} failed: {}",
            &query[..query.len().min(40)],
            run.stderr
        );
    }
    let run = env.lede(&["search", "senate~9"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("~1 or ~2"), "{}", run.stderr);
    let run = env.lede(&["search", "date:2019-13"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("date:"), "{}", run.stderr);
}

#[test]
fn second_writer_is_refused() {
    let env = TestEnv::new();
    env.write(
        "a.txt",
        "Senate confirms judge\n\nThe Senate confirmed the judge on Monday.\n",
    );
    env.index(&env.corpus);
    let index = lede_indexer::LedeIndex::open(&env.index).expect("open");
    let _writer: lede_indexer::tantivy::IndexWriter = index.index.writer(50_000_000).expect("hold the lock");
    let run = env.lede(&["index", env.corpus.to_str().expect("utf-8")]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("being written by another lede process"),
        "{}",
        run.stderr
    );
    // Searching still works while the lock is held.
    let run = env.lede(&["search", "senate"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
