//! `lede dups`.

use std::io::Write;

use lede_query::{duplicates, DupOptions, MIN_WORDS};

use crate::cli::DupsArgs;
use crate::exit::Exit;
use crate::output::stdout;
use crate::render::{human, json};

/// Lists clusters of near-duplicates among the matching articles, largest first.
pub fn run(args: DupsArgs, color: bool) -> anyhow::Result<Exit> {
    let engine = args.location.open()?;
    let mut request = args.dates.request(&args.query)?;
    args.filters.apply(&engine, &mut request)?;
    let options = DupOptions {
        max_distance: args.max_distance,
        min_words: MIN_WORDS,
    };
    let report = duplicates(&engine, &request, options, args.limit)?;
    let mut out = stdout();
    for (i, cluster) in report.clusters.iter().enumerate() {
        if args.json {
            json::write_line(&mut out, &json::cluster(cluster))?;
        } else {
            human::cluster(&mut out, i + 1, cluster, color)?;
        }
    }
    out.flush()?;
    if !args.json {
        eprintln!(
            "{} clusters ({} articles) among {} articles with {}+ words; fingerprints within {} bits",
            report.clusters_found,
            report.articles_in_clusters,
            report.articles_compared,
            MIN_WORDS,
            report.max_distance
        );
    }
    Ok(if report.clusters.is_empty() {
        Exit::NoMatch
    } else {
        Exit::Success
    })
}
