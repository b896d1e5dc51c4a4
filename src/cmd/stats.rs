//! `lede stats`.

use std::io::Write;

use lede_query::{index_stats, Engine};

use crate::cli::StatsArgs;
use crate::exit::Exit;
use crate::output::stdout;
use crate::render::{human, json};

/// Prints what the index holds.
pub fn run(args: StatsArgs) -> anyhow::Result<Exit> {
    let index_path = args.location.resolve();
    let engine = Engine::open(&index_path)?;
    let stats = index_stats(&engine)?;
    let mut out = stdout();
    if args.json {
        json::write_line(&mut out, &json::stats(&stats))?;
    } else {
        human::stats(&mut out, &stats, &index_path.display().to_string())?;
    }
    out.flush()?;
    Ok(Exit::Success)
}
