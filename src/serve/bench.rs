//! `lede bench --concurrency N`: the queries of a query file through `/api/search` of a server on 127.0.0.1,
//! N requests at once, beside the same queries in-process.

use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use anyhow::Context;
use lede::client;
use lede::wire;
use lede_query::{latency, read_queries, run_bench, BenchMode, BenchQuery, Engine};

use crate::cli::BenchArgs;
use crate::exit::Exit;
use crate::output::stdout;
use crate::render::{human, json};

/// Times the query file in-process, then through the API under `concurrency` clients.
pub fn run(args: &BenchArgs, concurrency: usize) -> anyhow::Result<Exit> {
    let index_path = args.location.resolve();
    let queries = read_queries(&args.queries)?;
    let in_process = {
        let engine = Engine::open(&index_path)?;
        run_bench(&engine, &queries, args.rounds, BenchMode::Search)?.all
    };
    let addr = serve_in_background(&index_path)?;
    let targets: Vec<String> = queries.iter().map(target).collect();
    // Warm-up: every query once.
    for t in &targets {
        client::get(addr, t).with_context(|| format!("GET {t}"))?;
    }
    let work: Vec<&String> = (0..args.rounds.max(1)).flat_map(|_| targets.iter()).collect();
    let next = Mutex::new(0usize);
    let samples = Mutex::new(Vec::with_capacity(work.len()));
    let failed = Mutex::new(0usize);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..concurrency {
            scope.spawn(|| loop {
                let i = {
                    let Ok(mut next) = next.lock() else { return };
                    *next += 1;
                    *next - 1
                };
                let Some(t) = work.get(i) else { return };
                let begun = Instant::now();
                let ok = client::get(addr, t).is_ok_and(|r| r.status == 200 && r.body.starts_with('{'));
                let ms = begun.elapsed().as_secs_f64() * 1000.0;
                if let Ok(mut samples) = samples.lock() {
                    samples.push(ms);
                }
                if !ok {
                    if let Ok(mut failed) = failed.lock() {
                        *failed += 1;
                    }
                }
            });
        }
    });
    let elapsed = started.elapsed().as_secs_f64();
    let samples = samples.into_inner().unwrap_or_default();
    let requests = samples.len();
    let api = latency(samples);
    let report = wire::ApiBenchReport {
        concurrency,
        requests,
        failed: failed.into_inner().unwrap_or_default(),
        in_process: json::latency(&in_process),
        api_qps: requests as f64 / elapsed.max(1e-9),
        api: json::latency(&api),
    };
    let mut out = stdout();
    if args.json {
        json::write_line(&mut out, &report)?;
    } else {
        human::latency_line(&mut out, "in-process", &in_process)?;
        human::latency_line(&mut out, &format!("api ×{concurrency}"), &api)?;
        writeln!(
            out,
            "{:.0} requests/s through /api/search with {concurrency} at once; {} of {} failed",
            report.api_qps, report.failed, report.requests
        )?;
    }
    out.flush()?;
    Ok(if report.failed == 0 { Exit::Success } else { Exit::Error })
}

/// The `/api/search` request of one benchmark query: what `lede search QUERY --limit 10` runs.
fn target(q: &BenchQuery) -> String {
    let mut t = format!("/api/search?limit=10&q={}", client::encode(&q.query));
    for (name, day) in [("since", q.since), ("until", q.until)] {
        if let Some(day) = day {
            t.push_str(&format!("&{name}={day}"));
        }
    }
    t
}

/// Starts a server on the index at `index_path`, on a free port of 127.0.0.1, for as long as the process runs.
fn serve_in_background(index_path: &Path) -> anyhow::Result<SocketAddr> {
    let runtime = super::runtime()?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let (state, addr) = runtime.block_on(async { super::start(index_path, &listener) })?;
    std::thread::spawn(move || {
        runtime.block_on(async move {
            if let Err(error) = axum::serve(listener, super::router(state)).await {
                eprintln!("lede: the benchmark's server stopped: {error}");
            }
        });
    });
    Ok(addr)
}
