//! `lede similar`.

use std::io::Write;

use lede_query::similar;

use crate::cli::SimilarArgs;
use crate::exit::Exit;
use crate::output::stdout;
use crate::render::{human, json};

/// Candidate articles scored per query of `lede similar`, before the best `--limit` are kept.
pub(crate) const CANDIDATES: usize = 200;

/// Prints the articles most like one article, and on stderr the words it was matched by.
pub fn run(args: SimilarArgs, color: bool) -> anyhow::Result<Exit> {
    let engine = args.location.open()?;
    let Some(results) = similar(&engine, &args.id, args.limit, CANDIDATES)? else {
        eprintln!("lede: no article with id {:?} in the index", args.id);
        return Ok(Exit::NoMatch);
    };
    let mut out = stdout();
    if args.json {
        for hit in &results.hits {
            json::write_line(&mut out, &json::hit(hit))?;
        }
    } else {
        for (i, hit) in results.hits.iter().enumerate() {
            human::hit(&mut out, i + 1, hit, color)?;
        }
    }
    out.flush()?;
    if !args.json {
        let terms: Vec<&str> = results.terms.iter().take(10).map(|(t, _)| t.as_str()).collect();
        eprintln!(
            "articles like {:?} ({}), by its words: {}",
            results.article.article.headline,
            args.id,
            terms.join(" ")
        );
    }
    Ok(if results.hits.is_empty() {
        Exit::NoMatch
    } else {
        Exit::Success
    })
}
