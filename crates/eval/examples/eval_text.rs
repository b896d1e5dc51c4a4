//! Measures the plain-text reader (`lede_article::text::read_text`).
//!
//! Three modes:
//!
//! ```text
//! cargo run --release -p lede-eval --example eval_text -- DIR [GOLD_JSONL] [--pages] [--show KEY]
//! cargo run --release -p lede-eval --example eval_text -- --bbc BBC_DIR
//! cargo run --release -p lede-eval --example eval_text -- --stress
//! ```
//!
//! * Saved pages against gold (naeb-dev-text): `DIR/text/<key>.txt` against the gold (default
//!   `DIR/gold.jsonl`, else `DIR/../naeb-dev/gold.jsonl`), scored by `lede_eval` exactly as
//!   `lede eval extraction DIR --text` scores them (headline exact match after `normalise_text`,
//!   body F1 over word 4-shingles). Printed: the headline and body figures; `--pages` prints one
//!   line a page (worst body first); `--show KEY` prints what the reader extracted from one page.
//! * `--bbc`: every `*.txt` under `BBC_DIR/*/`: how many get headline == the file's first line
//!   (whitespace collapsed) and a body that starts with the third line's text (the first paragraph
//!   must not be taken for a dek).
//! * `--stress`: pathological inputs (50 MB single line, 50 MB of short lines, binary junk, only
//!   whitespace, only navigation) with their reading time.
use std::path::{Path, PathBuf};
use std::time::Instant;

use lede_article::text::read_text;
use lede_eval::{default_gold, evaluate_extraction, extract, read_page, Mode};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("--bbc") => args
            .get(1)
            .ok_or("--bbc needs a directory".to_owned())
            .and_then(|d| bbc(Path::new(d))),
        Some("--stress") => {
            stress();
            Ok(())
        }
        Some(a) if !a.starts_with("--") => gold(&args),
        _ => Err("usage: eval_text DIR [GOLD_JSONL] [--pages] [--show KEY] | --bbc DIR | --stress".to_owned()),
    };
    if let Err(e) = result {
        eprintln!("eval_text: {e}");
        std::process::exit(2);
    }
}

fn gold(args: &[String]) -> Result<(), String> {
    let dir = PathBuf::from(&args[0]);
    let gold = args
        .get(1)
        .filter(|a| !a.starts_with("--"))
        .map_or_else(|| default_gold(&dir), PathBuf::from);
    let show = args.iter().position(|a| a == "--show").and_then(|i| args.get(i + 1));
    if let Some(key) = show {
        let bytes = read_page(&dir, key, Mode::Text).map_err(|e| e.to_string())?;
        let got = extract(&bytes, Mode::Text);
        println!("HEADLINE: {}", got.headline);
        println!(
            "DEK: {:?}\nAUTHORS: {:?}\nPUBLISHED: {:?}",
            got.dek, got.authors, got.published
        );
        println!("----- BODY\n{}", got.body);
    }
    let started = Instant::now();
    let (mut scores, report) = evaluate_extraction(&dir, &gold, Mode::Text).map_err(|e| e.to_string())?;
    let elapsed = started.elapsed();
    if args.iter().any(|a| a == "--pages") {
        scores.sort_by(|a, b| a.body_f1.unwrap_or(0.0).total_cmp(&b.body_f1.unwrap_or(0.0)));
        for p in &scores {
            let ok = p.headline_match != Some(false);
            println!(
                "{} f1={:.3} p={:.3} r={:.3} headline={}{}",
                p.key,
                p.body_f1.unwrap_or(0.0),
                p.body_precision.unwrap_or(0.0),
                p.body_recall.unwrap_or(0.0),
                if ok { "ok" } else { "MISS" },
                if ok {
                    String::new()
                } else {
                    format!(" got={:?} want={:?}", cut(&p.headline), cut(&p.gold_headline))
                }
            );
        }
    }
    println!(
        "pages {}  headline {:.3}  body P {:.3} R {:.3} F1 {:.3}  ({:.0} ms)",
        report.pages,
        report.headline_accuracy,
        report.body_precision,
        report.body_recall,
        report.body_f1,
        elapsed.as_secs_f64() * 1000.0
    );
    Ok(())
}

fn cut(s: &str) -> String {
    s.chars().take(70).collect()
}

fn bbc(dir: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    for topic in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let topic = topic.map_err(|e| e.to_string())?.path();
        if !topic.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&topic).map_err(|e| format!("{}: {e}", topic.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.extension().is_some_and(|e| e == "txt") {
                files.push(path);
            }
        }
    }
    files.sort();
    let (mut headline_ok, mut body_ok) = (0, 0);
    for path in &files {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<&str> = text.lines().collect();
        // The reader collapses runs of spaces ("false economy'  - TUC"), so the first line is compared collapsed.
        let first = lines
            .first()
            .map_or(String::new(), |l| l.split_whitespace().collect::<Vec<_>>().join(" "));
        let third = lines.get(2).map_or("", |l| l.trim());
        let got = read_text(&text, false);
        let h = got.headline == first;
        let b = got.body.starts_with(third);
        headline_ok += usize::from(h);
        body_ok += usize::from(b);
        if !h || !b {
            println!(
                "{}: headline {} body {} ({:?} / {:?})",
                path.display(),
                if h { "ok" } else { "WRONG" },
                if b { "ok" } else { "WRONG" },
                cut(&got.headline),
                cut(&got.body)
            );
        }
    }
    println!(
        "bbc files {}  headline == first line {}  body starts with third line {}",
        files.len(),
        headline_ok,
        body_ok
    );
    Ok(())
}

fn stress() {
    let mb50 = 50 * 1024 * 1024;
    let sentence = "The committee voted on the measure after a long debate, officials said. ";
    let cases: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("only whitespace", " \n\t\n\r\n   \u{a0}\n".repeat(1000)),
        (
            "only navigation",
            "  • Home\n  • Politics\n  • World\nMenu\nSearch\n".repeat(10_000),
        ),
        ("one 50 MB line", sentence.repeat(mb50 / sentence.len())),
        (
            "50 MB of paragraphs",
            format!("{sentence}\n\n").repeat(mb50 / (sentence.len() + 2)),
        ),
        ("50 MB of short lines", "Home\nNews\n".repeat(mb50 / 10)),
        (
            "35 MB in 180k lines",
            format!("  • Home\n{}\n\n", sentence.repeat(8)).repeat(60_000),
        ),
        (
            "binary junk",
            (0..2_000_000u32)
                .map(|i| char::from_u32((i.wrapping_mul(2_654_435_761) >> 7) % 0x3000).unwrap_or('\u{fffd}'))
                .collect(),
        ),
    ];
    for (name, input) in &cases {
        let started = Instant::now();
        let got = read_text(input, false);
        println!(
            "{name:>22}: {:>9} bytes in, {:>9} body bytes, {:>8.1} ms",
            input.len(),
            got.body.len(),
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
}
