//! `lede parse`.

use std::io::Write;

use anyhow::Context;
use lede_article::{read_file, Format, ReadOptions};

use super::field_map;
use crate::cli::ParseArgs;
use crate::exit::Exit;
use crate::output::stdout;
use crate::render::{human, json};

/// Reads files as the indexer would and prints their articles; a file it cannot read is reported and skipped
/// (exit 2 at the end).
pub fn run(args: ParseArgs, color: bool) -> anyhow::Result<Exit> {
    let options = ReadOptions {
        fields: field_map(&args.fields)?,
        ..ReadOptions::default()
    };
    let tagger = if args.no_entities {
        None
    } else {
        Some(lede_entities::Tagger::shipped().context("loading the entity tagger")?)
    };
    let mut out = stdout();
    let mut failed = false;
    for path in &args.files {
        if Format::detect(path).is_none() {
            eprintln!("lede: {}: unsupported file type (lede reads .txt .md .html .htm .json .jsonl .ndjson .csv, optionally .gz)", path.display());
            failed = true;
            continue;
        }
        let records = match read_file(path, &options) {
            Ok(records) => records,
            Err(e) => {
                eprintln!("lede: {e}");
                failed = true;
                continue;
            }
        };
        for record in records {
            match record {
                Ok(mut article) => {
                    if let Some(tagger) = tagger {
                        article.entities = lede_indexer::entities_of(tagger, &article.headline, &article.body);
                    }
                    if args.json {
                        json::write_line(&mut out, &json::article(&article))?;
                    } else {
                        human::article(&mut out, &article, color)?;
                    }
                }
                Err(e) => {
                    eprintln!("lede: {e}");
                    failed = true;
                }
            }
        }
    }
    out.flush()?;
    Ok(if failed { Exit::Error } else { Exit::Success })
}
