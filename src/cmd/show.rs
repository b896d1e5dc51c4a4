//! `lede show`.

use std::io::Write;

use lede_query::show;

use crate::cli::ShowArgs;
use crate::exit::Exit;
use crate::output::stdout;
use crate::render::{human, json};

/// Prints one stored article by id (exit 1 when no article has it).
pub fn run(args: ShowArgs, color: bool) -> anyhow::Result<Exit> {
    let engine = args.location.open()?;
    let Some(stored) = show(&engine, &args.id)? else {
        eprintln!("lede: no article with id {:?} in the index", args.id);
        return Ok(Exit::NoMatch);
    };
    let mut out = stdout();
    if args.json {
        json::write_line(&mut out, &json::shown_article(&stored.article, stored.fingerprint))?;
    } else {
        human::article(&mut out, &stored.article, color)?;
    }
    out.flush()?;
    Ok(Exit::Success)
}
