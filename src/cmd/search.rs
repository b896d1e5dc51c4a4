//! `lede search`, with `--facets` and `--collapse`.

use std::io::Write;

use lede_query::{
    collapse, count_fields, parse_facets, DupOptions, Engine, FieldCounts, NameField, SearchRequest, SearchResults,
};

use crate::cli::SearchArgs;
use crate::exit::Exit;
use crate::output::stdout;
use crate::render::{csv, human, json};

/// Prints a page of ranked hits (and facet counts), and on stderr which of how many matching articles they are.
pub fn run(args: SearchArgs, color: bool) -> anyhow::Result<Exit> {
    let engine = args.location.open()?;
    if args.csv && args.facets.is_some() && args.limit > 0 {
        anyhow::bail!("--csv writes one table: hits, or with --facets and --limit 0 the facet counts");
    }
    let (request, mut results) = find(&engine, &args)?;
    if args.csv {
        // The table holds the matching articles only.
        results.partial.clear();
    }
    let mut out = stdout();
    if args.collapse {
        // The default distance of `lede dups`.
        let mut collapsed = collapse(&engine, std::mem::take(&mut results.hits), DupOptions::default())?;
        collapsed.truncate(args.limit);
        for (i, hit) in collapsed.iter().enumerate() {
            if args.json {
                json::write_line(&mut out, &json::collapsed_hit(hit))?;
            } else {
                human::collapsed_hit(&mut out, args.offset + i + 1, hit, color)?;
            }
        }
        results.hits = collapsed.into_iter().map(|c| c.hit).collect();
    } else if args.csv {
        if args.facets.is_none() {
            let hits: Vec<_> = results.hits.iter().map(json::hit).collect();
            csv::hits(&mut out, &hits)?;
        }
    } else if args.json {
        for hit in &results.hits {
            json::write_line(&mut out, &json::hit(hit))?;
        }
        for hit in &results.partial {
            json::write_line(&mut out, &json::partial_hit(hit))?;
        }
    } else {
        for (i, hit) in results.hits.iter().enumerate() {
            human::hit(&mut out, args.offset + i + 1, hit, color)?;
        }
        if !results.partial.is_empty() {
            human::partial_heading(&mut out, results.hits.len(), color)?;
        }
        for (i, hit) in results.partial.iter().enumerate() {
            human::hit(&mut out, results.hits.len() + i + 1, hit, color)?;
        }
    }
    if let Some(spec) = &args.facets {
        search_facets(&mut out, &engine, &request, spec, (args.json, args.csv), color)?;
    }
    out.flush()?;
    if args.json {
        let mut err = std::io::stderr().lock();
        json::write_line(&mut err, &json::search_summary(args.offset, &results))?;
    } else {
        eprint!("{}", human::search_summary(&args.query, args.offset, &results));
    }
    Ok(if results.total == 0 {
        Exit::NoMatch
    } else {
        Exit::Success
    })
}

/// The search `lede search` runs for these flags (also `lede serve`'s): the request, its filters applied, and its
/// page of results (no hits with `--limit 0`; more than a page with `--collapse`, which folds them afterwards).
pub(crate) fn find(engine: &Engine, args: &SearchArgs) -> anyhow::Result<(SearchRequest, SearchResults)> {
    let mut request = request(args)?;
    args.filters.apply(engine, &mut request)?;
    if args.limit == 0 {
        // Counts (and facets) only.
        request.snippet_bytes = 0;
    }
    if args.collapse {
        // Folded copies leave the page: fetch more, then keep a page of distinct stories.
        request.limit = args.limit.saturating_mul(4).max(args.limit + 20);
    }
    let mut results = engine.search(&request)?;
    if args.limit == 0 || args.collapse {
        // Partial matches fill a page of ranked hits only.
        results.partial.clear();
    }
    if args.limit == 0 {
        results.hits.clear();
    }
    Ok((request, results))
}

/// The request `lede search` runs for these flags (also what `lede eval ranking` runs each query with).
pub(crate) fn request(args: &SearchArgs) -> anyhow::Result<SearchRequest> {
    let mut request = args.dates.request(&args.query)?;
    request.limit = args.limit;
    request.offset = args.offset;
    request.snippet_bytes = args.snippet_len;
    request.recent_half_life_days = args.recent;
    request.filters.operator = args.operator.into();
    request.rank = args.ranking.into();
    request.fragments = args.fragments.clamp(1, 10);
    request.sort = args.sort.into();
    for (field, values) in [
        (NameField::Person, &args.person),
        (NameField::Organization, &args.org),
        (NameField::Location, &args.place),
        (NameField::Source, &args.source),
    ] {
        for value in values {
            request = request.with_name(field, value.clone());
        }
    }
    Ok(request)
}

/// Values counted per field by `--facets`.
const FACET_VALUES: usize = 10;

/// `--facets SPEC`: counts the fields named in `spec` (`person,bias_text:20,…`; empty: lede's five) over every
/// article matching `request`, for humans or as one JSON line per field.
fn search_facets(
    out: &mut impl Write,
    engine: &Engine,
    request: &SearchRequest,
    spec: &str,
    (as_json, as_csv): (bool, bool),
    color: bool,
) -> anyhow::Result<()> {
    let counted = count_facets(engine, request, spec)?;
    if as_csv {
        let facets: Vec<_> = counted.iter().map(json::field_counts).collect();
        csv::facets(out, &facets)?;
    } else if as_json {
        for facet in &counted {
            json::write_line(out, &json::field_counts(facet))?;
        }
    } else {
        human::field_counts(out, &counted, color)?;
    }
    Ok(())
}

/// The counts of `--facets SPEC` (empty: lede's five fields) over every article matching `request`.
pub(crate) fn count_facets(engine: &Engine, request: &SearchRequest, spec: &str) -> anyhow::Result<Vec<FieldCounts>> {
    let spec = if spec.trim().is_empty() {
        "person,organization,location,source,author"
    } else {
        spec
    };
    let fields = parse_facets(&engine.searcher(), spec, FACET_VALUES)?;
    Ok(count_fields(engine, request, &fields)?)
}
