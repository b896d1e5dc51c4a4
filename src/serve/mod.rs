//! `lede serve`: the index over HTTP on this machine, read-only: a JSON API mirroring the commands' `--json`
//! (`api.rs`, parameters read as the commands' flags in `params.rs`) and a search page embedded in the binary
//! (`page.rs`). The index is re-opened when a new commit lands (`state.rs`).

mod api;
pub(crate) mod bench;
mod error;
mod page;
mod params;
mod state;

use std::net::SocketAddr;
use std::path::Path;

use anyhow::Context;
use axum::routing::get;
use axum::Router;

use crate::cli::ServeArgs;
use crate::exit::Exit;
use state::State;

/// Serves the index until the process is stopped.
pub fn run(args: ServeArgs) -> anyhow::Result<Exit> {
    let index_path = args.location.resolve();
    let runtime = runtime()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&args.addr)
            .await
            .with_context(|| format!("--addr {}: cannot listen there", args.addr))?;
        let (state, addr) = start(&index_path, &listener)?;
        eprintln!("lede: serving {} at http://{addr}/", index_path.display());
        axum::serve(listener, router(state)).await.context("serving")?;
        Ok(Exit::Success)
    })
}

/// The runtime: one thread per core answers connections; searches run on its blocking threads.
fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the HTTP runtime")
}

/// Opens the index and starts watching it for new commits; the address `listener` is bound to.
fn start(index_path: &Path, listener: &tokio::net::TcpListener) -> anyhow::Result<(State, SocketAddr)> {
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let state = State::open(index_path, workers)?;
    tokio::spawn(state::watch(state.clone()));
    Ok((state, listener.local_addr()?))
}

/// Every path the server answers.
fn router(state: State) -> Router {
    Router::new()
        .route("/", get(page::index))
        .route("/app.js", get(page::script))
        .route("/app.css", get(page::style))
        .route("/api/search", get(api::search))
        .route("/api/timeline", get(api::timeline))
        .route("/api/entities", get(api::entities))
        .route("/api/dups", get(api::dups))
        .route("/api/values", get(api::values))
        .route("/api/stats", get(api::stats))
        .route("/api/show/{*id}", get(api::show_article))
        .route("/api/similar/{*id}", get(api::similar_articles))
        .fallback(api::not_found)
        .with_state(state)
}
