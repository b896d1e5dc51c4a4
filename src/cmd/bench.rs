//! `lede bench`.

use std::io::Write;

use lede_query::{read_queries, run_bench_split, Engine};

use crate::cli::BenchArgs;
use crate::exit::Exit;
use crate::output::stdout;
use crate::render::{human, json};

/// Times the queries of a query file and prints their latency per class.
pub fn run(args: BenchArgs) -> anyhow::Result<Exit> {
    if let Some(concurrency) = args.concurrency {
        return crate::serve::bench::run(&args, concurrency);
    }
    let index_path = args.location.resolve();
    let engine = Engine::open(&index_path)?;
    let queries = read_queries(&args.queries)?;
    let report = run_bench_split(&engine, &queries, args.rounds, args.mode.into(), &args.split_by)?;
    let mut out = stdout();
    if args.json {
        json::write_line(&mut out, &json::bench(&report))?;
    } else {
        human::bench(&mut out, &report)?;
    }
    out.flush()?;
    Ok(Exit::Success)
}
