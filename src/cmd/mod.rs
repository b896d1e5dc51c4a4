//! One file per subcommand: each turns its flags into a library request, runs it and renders the result.

mod bench;
mod dups;
mod entities;
mod eval;
mod export;
mod index;
mod ner;
mod parse;
pub(crate) mod search;
mod show;
pub(crate) mod similar;
mod stats;
mod timeline;
mod values;
mod words;

use lede_article::FieldMap;

use crate::cli::{Cli, Command};
use crate::exit::Exit;
use crate::output::use_color;

/// Runs the command.
pub fn run(cli: Cli) -> anyhow::Result<Exit> {
    let color = use_color(cli.color);
    match cli.command {
        Command::Index(args) => index::run(args),
        Command::Search(args) => search::run(args, color),
        Command::Parse(args) => parse::run(args, color),
        Command::Stats(args) => stats::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Ner(command) => ner::run(command).map(|()| Exit::Success),
        Command::Eval(command) => eval::run(command).map(|()| Exit::Success),
        Command::Timeline(args) => timeline::run(args, color),
        Command::Entities(args) => entities::run(args, color),
        Command::Show(args) => show::run(args, color),
        Command::Similar(args) => similar::run(args, color),
        Command::Dups(args) => dups::run(args, color),
        Command::Export(args) => export::run(args),
        Command::Values(args) => values::run(args),
        Command::Words(args) => words::run(args, color),
        Command::Serve(args) => crate::serve::run(args),
    }
}

/// The `--field FIELD=KEY` assignments of `index` and `parse`.
fn field_map(assignments: &[String]) -> anyhow::Result<FieldMap> {
    let mut map = FieldMap::default();
    for assignment in assignments {
        map.add_assignment(assignment)
            .map_err(|e| anyhow::anyhow!("--field {e}"))?;
    }
    Ok(map)
}
