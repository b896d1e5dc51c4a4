//! `lede values`.

use std::io::Write;

use lede::wire;
use lede_query::field_values_of;

use crate::cli::ValuesArgs;
use crate::exit::Exit;
use crate::output::stdout;
use crate::render::{csv, json};

/// Prints every value of a field among the matching articles, most articles first.
pub fn run(args: ValuesArgs) -> anyhow::Result<Exit> {
    let engine = args.location.open()?;
    let mut request = args.dates.request(&args.query)?;
    args.filters.apply(&engine, &mut request)?;
    let counts = field_values_of(&engine, &request, &args.field)?;
    let mut out = stdout();
    let width = counts.top.first().map_or(1, |v| v.count.to_string().len());
    if args.csv {
        let values: Vec<wire::FacetValue> = counts
            .top
            .iter()
            .map(|v| wire::FacetValue {
                value: v.value.clone(),
                count: v.count,
            })
            .collect();
        csv::values(&mut out, &values)?;
    }
    for value in counts.top.iter().filter(|_| !args.csv) {
        if args.json {
            let line = wire::FacetValue {
                value: value.value.clone(),
                count: value.count,
            };
            json::write_line(&mut out, &line)?;
        } else {
            writeln!(out, "{:>width$}  {}", value.count, value.value)?;
        }
    }
    out.flush()?;
    if !args.json && !args.csv {
        eprintln!(
            "{} distinct values of {} in {} of {} matching articles",
            counts.distinct, counts.field, counts.articles_with_value, counts.articles
        );
    }
    Ok(if counts.top.is_empty() {
        Exit::NoMatch
    } else {
        Exit::Success
    })
}
