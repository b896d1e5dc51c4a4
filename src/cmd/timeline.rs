//! `lede timeline`.

use std::io::Write;

use anyhow::Context;
use lede_query::{compare_timeline, TimelineRequest};

use crate::cli::TimelineArgs;
use crate::exit::Exit;
use crate::output::stdout;
use crate::render::{csv, human, json, svg};

/// `LABEL=QUERY` as (label, query); a query without such a label as (None, query). The label may hold spaces
/// but no query syntax (`:`, quotes, parentheses), so `date:>=2020` and `"a=b"` stay queries.
fn labelled(arg: &str) -> (Option<&str>, &str) {
    match arg.split_once('=') {
        Some((label, query))
            if !label.trim().is_empty() && !label.contains([':', '"', '(', ')', '<', '>', '!', '\'']) =>
        {
            (Some(label.trim()), query.trim())
        }
        _ => (None, arg),
    }
}

/// Charts matching articles per bucket, several series side by side; on stderr the dated and undated counts.
pub fn run(args: TimelineArgs, color: bool) -> anyhow::Result<Exit> {
    let engine = args.location.open()?;
    let mut request = TimelineRequest {
        interval: args.by.into(),
        split_by: args.split_by.clone(),
        split_values: args.split_top,
        normalize: args.normalize,
        ..TimelineRequest::default()
    };
    for (i, arg) in args.queries.iter().enumerate() {
        let (label, query) = labelled(arg);
        let mut search = args.dates.request(query)?;
        args.filters.apply(&engine, &mut search)?;
        request.queries.push(search);
        let label = args
            .label
            .get(i)
            .map(String::as_str)
            .filter(|l| !l.trim().is_empty())
            .or(label)
            .unwrap_or(query);
        request.labels.push(label.to_owned());
    }
    if args.label.len() > args.queries.len() {
        anyhow::bail!(
            "{} --label values for {} queries: give one label per query, in order",
            args.label.len(),
            args.queries.len()
        );
    }
    let t = compare_timeline(&engine, &request)?;
    let wire = json::timeline(&t);
    let mut out = stdout();
    if args.json {
        json::write_line(&mut out, &wire)?;
    } else if args.csv {
        csv::timeline(&mut out, &wire)?;
    } else {
        human::timeline(&mut out, &t, color)?;
    }
    out.flush()?;
    if let Some(path) = &args.svg {
        std::fs::write(path, svg::timeline(&wire))
            .with_context(|| format!("writing the chart to {}", path.display()))?;
        if !args.json && !args.csv {
            eprintln!("chart written to {}", path.display());
        }
    }
    if !args.json && !args.csv {
        for (i, series) in t.series.iter().enumerate() {
            let (dated, undated) = (
                t.dated.get(i).copied().unwrap_or(0),
                t.undated.get(i).copied().unwrap_or(0),
            );
            eprintln!(
                "{:?}: {dated} dated matching articles, {undated} undated (not charted)",
                series.label
            );
        }
    }
    let any = t.dated.iter().chain(&t.undated).any(|n| *n > 0);
    Ok(if any { Exit::Success } else { Exit::NoMatch })
}

#[cfg(test)]
mod tests {
    use super::labelled;

    #[test]
    fn labels_come_before_an_equals_sign_without_query_syntax() {
        assert_eq!(
            labelled("ACA=obamacare OR \"affordable care act\""),
            (Some("ACA"), "obamacare OR \"affordable care act\"")
        );
        assert_eq!(
            labelled("health care=health care"),
            (Some("health care"), "health care")
        );
        assert_eq!(labelled("date:>=2020 wall"), (None, "date:>=2020 wall"));
        assert_eq!(labelled("\"a=b\""), (None, "\"a=b\""));
        assert_eq!(labelled("immigration"), (None, "immigration"));
    }
}
