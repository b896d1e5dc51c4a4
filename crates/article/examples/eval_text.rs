//! Measures the plain-text reader (`lede_article::text::read_text`).
//!
//! Three modes:
//!
//! ```text
//! eval_text TEXT_DIR GOLD_JSONL [--pages] [--show KEY]
//! eval_text --bbc BBC_DIR
//! eval_text --stress
//! ```
//!
//! * Saved pages against gold (naeb-dev-text): `TEXT_DIR/text/<key>.txt` (or `TEXT_DIR/<key>.txt`) is read with
//!   `read_text(_, false)` and compared with the gold `title` and `articleBody` of the line whose `key` matches.
//!   - headline: exact match after normalisation: Unicode compatibility forms folded by hand (curly quotes to
//!     ASCII quotes, dashes to `-`, non-breaking and other spaces to a space, ellipsis to `...`, ligatures),
//!     whitespace collapsed, trimmed, and **case-insensitive** (lowercased), as the set's SOURCE.md describes.
//!   - body: F1 over word 4-shingles: tokens are maximal runs of alphanumeric characters, lowercased; the shingles
//!     form a **multiset** (a repeated passage counts as often as it occurs). A text shorter than 4 words is one
//!     shingle. Both empty scores 1, one empty scores 0.
//!
//!   Printed: mean headline match, mean body precision, recall and F1 over pages. `--pages` prints one line a
//!   page (worst body first); `--show KEY` prints what the reader extracted from one page.
//! * `--bbc`: every `*.txt` under `BBC_DIR/*/`: how many get headline == the file's first line (whitespace
//!   collapsed) and a body that
//!   starts with the third line's text (the first paragraph must not be taken for a dek).
//! * `--stress`: pathological inputs (50 MB single line, 50 MB of short lines, binary junk, only whitespace,
//!   only navigation) with their reading time.
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use lede_article::text::read_text;

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
        Some(_) if args.len() >= 2 => gold(&args),
        _ => Err("usage: eval_text TEXT_DIR GOLD_JSONL [--pages] [--show KEY] | --bbc DIR | --stress".to_owned()),
    };
    if let Err(e) = result {
        eprintln!("eval_text: {e}");
        std::process::exit(2);
    }
}

struct Page {
    key: String,
    headline_ok: bool,
    precision: f64,
    recall: f64,
    f1: f64,
    got_headline: String,
    want_headline: String,
}

fn gold(args: &[String]) -> Result<(), String> {
    let dir = PathBuf::from(&args[0]);
    let gold = std::fs::read_to_string(&args[1]).map_err(|e| format!("{}: {e}", args[1]))?;
    let show_pages = args.iter().any(|a| a == "--pages");
    let show = args.iter().position(|a| a == "--show").and_then(|i| args.get(i + 1));
    let text_dir = if dir.join("text").is_dir() {
        dir.join("text")
    } else {
        dir
    };
    let mut pages = Vec::new();
    let started = Instant::now();
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let record: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("gold: {e}"))?;
        let field = |name: &str| record.get(name).and_then(|v| v.as_str()).unwrap_or("").to_owned();
        let key = field("key");
        let path = text_dir.join(format!("{key}.txt"));
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let got = read_text(&text, false);
        if show == Some(&key) {
            println!("HEADLINE: {}\nWANT:     {}", got.headline, field("title"));
            println!(
                "DEK: {:?}\nAUTHORS: {:?}\nPUBLISHED: {:?}",
                got.dek, got.authors, got.published
            );
            println!("----- BODY\n{}\n----- GOLD\n{}", got.body, field("articleBody"));
        }
        let (precision, recall, f1) = shingle_scores(&got.body, &field("articleBody"));
        pages.push(Page {
            headline_ok: normalise(&got.headline) == normalise(&field("title")),
            got_headline: got.headline,
            want_headline: field("title"),
            key,
            precision,
            recall,
            f1,
        });
    }
    let elapsed = started.elapsed();
    if pages.is_empty() {
        return Err(format!("no gold page found under {}", text_dir.display()));
    }
    if show_pages {
        pages.sort_by(|a, b| a.f1.total_cmp(&b.f1));
        for p in &pages {
            println!(
                "{} f1={:.3} p={:.3} r={:.3} headline={}{}",
                p.key,
                p.f1,
                p.precision,
                p.recall,
                if p.headline_ok { "ok" } else { "MISS" },
                if p.headline_ok {
                    String::new()
                } else {
                    format!(" got={:?} want={:?}", cut(&p.got_headline), cut(&p.want_headline))
                }
            );
        }
    }
    let n = pages.len() as f64;
    let mean = |f: fn(&Page) -> f64| pages.iter().map(f).sum::<f64>() / n;
    println!(
        "pages {}  headline {:.3}  body P {:.3} R {:.3} F1 {:.3}  ({:.0} ms)",
        pages.len(),
        mean(|p| f64::from(u8::from(p.headline_ok))),
        mean(|p| p.precision),
        mean(|p| p.recall),
        mean(|p| p.f1),
        elapsed.as_secs_f64() * 1000.0
    );
    Ok(())
}

fn cut(s: &str) -> String {
    s.chars().take(70).collect()
}

/// Folds the Unicode forms that differ between renderings of the same headline, collapses whitespace, lowercases.
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => out.push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' => {}
            c if c.is_whitespace() => out.push(' '),
            c => out.extend(c.to_lowercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn shingles(text: &str) -> HashMap<Vec<String>, u32> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut counts = HashMap::new();
    if words.is_empty() {
        return counts;
    }
    if words.len() < 4 {
        *counts.entry(words).or_insert(0) += 1;
        return counts;
    }
    for w in words.windows(4) {
        *counts.entry(w.to_vec()).or_insert(0) += 1;
    }
    counts
}

/// Precision, recall and F1 of `got` against `want` over multisets of word 4-shingles.
fn shingle_scores(got: &str, want: &str) -> (f64, f64, f64) {
    let (g, w) = (shingles(got), shingles(want));
    let (g_total, w_total) = (g.values().sum::<u32>(), w.values().sum::<u32>());
    if g_total == 0 && w_total == 0 {
        return (1.0, 1.0, 1.0);
    }
    if g_total == 0 || w_total == 0 {
        return (0.0, 0.0, 0.0);
    }
    let common: u32 = g.iter().map(|(k, n)| (*n).min(*w.get(k).unwrap_or(&0))).sum();
    let p = f64::from(common) / f64::from(g_total);
    let r = f64::from(common) / f64::from(w_total);
    let f1 = if common == 0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f1)
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
