//! `lede timeline`.

use std::io::Write;

use lede_query::{timeline, Engine};

use crate::cli::TimelineArgs;
use crate::exit::Exit;
use crate::output::stdout;
use crate::render::{human, json};

/// Charts matching articles per bucket, several queries side by side; on stderr the dated and undated counts.
pub fn run(args: TimelineArgs, color: bool) -> anyhow::Result<Exit> {
    let engine = Engine::open(&args.location.resolve())?;
    let requests = args
        .queries
        .iter()
        .map(|q| {
            let mut request = args.dates.request(q)?;
            args.filters.apply(&engine, &mut request)?;
            Ok(request)
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let t = timeline(&engine, &requests, args.by.into())?;
    let mut out = stdout();
    if args.json {
        json::write_line(&mut out, &json::timeline(&t))?;
    } else {
        human::timeline(&mut out, &t, color)?;
    }
    out.flush()?;
    if !args.json {
        for (i, query) in t.queries.iter().enumerate() {
            let (dated, undated) = (
                t.dated.get(i).copied().unwrap_or(0),
                t.undated.get(i).copied().unwrap_or(0),
            );
            eprintln!("{query:?}: {dated} dated matching articles, {undated} undated (not charted)");
        }
    }
    let any = t.dated.iter().chain(&t.undated).any(|n| *n > 0);
    Ok(if any { Exit::Success } else { Exit::NoMatch })
}
