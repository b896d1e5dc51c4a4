//! Scores the HTML (or, with `--text`, the plain-text) reader on a gold folder.
//!
//! ```text
//! cargo run --release -p lede-eval --example eval_extraction -- ../shared/extraction/naeb-dev [--text] [--pages | --jsonl]
//! ```
//!
//! Prints the per-field figures; `--pages` also prints each page's misses.

use std::path::PathBuf;

use lede_eval::{default_gold, evaluate_extraction, Mode};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(
        args.iter()
            .find(|a| !a.starts_with("--"))
            .map_or("../shared/extraction/naeb-dev", |s| s),
    );
    let mode = if args.iter().any(|a| a == "--text") {
        Mode::Text
    } else {
        Mode::Html
    };
    let (scores, report) = evaluate_extraction(&dir, &default_gold(&dir), mode)?;
    if args.iter().any(|a| a == "--jsonl") {
        for s in &scores {
            println!("{}", serde_json::to_string(s)?);
        }
        return Ok(());
    }
    if args.iter().any(|a| a == "--pages") {
        for s in &scores {
            let mut misses = Vec::new();
            if s.headline_match == Some(false) {
                misses.push(format!("headline {:?} / gold {:?}", s.headline, s.gold_headline));
            }
            if s.body_f1.is_some_and(|f| f < 0.9) {
                misses.push(format!("body p={:?} r={:?}", s.body_precision, s.body_recall));
            }
            if s.gold_date.is_some() && s.date != s.gold_date {
                misses.push(format!("date {:?} / gold {:?}", s.date, s.gold_date));
            }
            if s.authors_f1.is_some_and(|f| f < 1.0) {
                misses.push(format!("authors {:?} / gold {:?}", s.authors, s.gold_authors));
            }
            if !misses.is_empty() {
                println!("{}\n  {}", s.key, misses.join("\n  "));
            }
        }
    }
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}
