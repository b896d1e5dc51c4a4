//! `lede`: search engine for political news. See README.md.

mod cli;
mod cmd;
mod exit;
mod output;
mod render;
mod serve;

use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code.into(),
        Err(error) if output::is_broken_pipe(&error) => exit::Exit::Success.into(),
        Err(error) => {
            eprintln!("lede: {}", output::cause_chain(&error));
            exit::Exit::Error.into()
        }
    }
}
