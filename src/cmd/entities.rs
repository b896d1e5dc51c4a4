//! `lede entities`.

use std::io::Write;

use lede_query::{facets, Engine, FacetField};

use crate::cli::EntitiesArgs;
use crate::exit::Exit;
use crate::output::stdout;
use crate::render::{human, json};

/// Counts the people, organisations and places of the matching articles, most articles first.
pub fn run(args: EntitiesArgs, color: bool) -> anyhow::Result<Exit> {
    let engine = Engine::open(&args.location.resolve())?;
    let mut request = args.dates.request(&args.query)?;
    args.filters.apply(&engine, &mut request)?;
    let kinds: Vec<FacetField> = match args.kind {
        Some(kind) => vec![kind.into()],
        None => vec![FacetField::Person, FacetField::Organization, FacetField::Location],
    };
    let counted = facets(&engine, &request, &kinds, args.limit)?;
    let mut out = stdout();
    if args.json {
        for entity in counted.iter().flat_map(json::entities_of_facet) {
            json::write_line(&mut out, &entity)?;
        }
    } else {
        human::facets(&mut out, &counted, color)?;
    }
    out.flush()?;
    let articles = counted.first().map_or(0, |f| f.articles);
    if !args.json {
        eprintln!("{articles} matching articles");
    }
    let any = counted.iter().any(|f| !f.top.is_empty());
    Ok(if any { Exit::Success } else { Exit::NoMatch })
}
