//! `lede words`.

use std::io::Write;

use lede_query::{distinctive_words, WordsRequest};

use crate::cli::WordsArgs;
use crate::exit::Exit;
use crate::output::stdout;
use crate::render::{csv, human, json};

/// Lists the words and two-word phrases that most set the matching articles apart, with their counts.
pub fn run(args: WordsArgs, color: bool) -> anyhow::Result<Exit> {
    let engine = args.location.open()?;
    let mut search = args.dates.request(&args.query)?;
    args.filters.apply(&engine, &mut search)?;
    let mut request = WordsRequest::new(search);
    request.limit = args.limit;
    request.split_by = args.split_by.clone();
    request.split_values = args.split_top;
    request.score = args.score.into();
    request.sample = args.sample;
    let report = distinctive_words(&engine, &request)?;
    let lines = json::distinctive_words(&report);
    let mut out = stdout();
    if args.json {
        for line in &lines {
            json::write_line(&mut out, line)?;
        }
    } else if args.csv {
        csv::words(&mut out, &lines)?;
    } else {
        human::words(&mut out, &report, color)?;
    }
    out.flush()?;
    if !args.json && !args.csv {
        for group in &report.groups {
            let name = group.value.as_deref().unwrap_or("matching articles");
            let against = if report.split_by.is_some() {
                "other matching articles"
            } else {
                "other articles"
            };
            eprintln!(
                "{name}: {} articles against {} {against}; candidates from {} of them",
                group.articles, group.background, group.sampled
            );
        }
    }
    Ok(if lines.is_empty() { Exit::NoMatch } else { Exit::Success })
}
