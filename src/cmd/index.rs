//! `lede index`.

use std::io::{IsTerminal, Write};

use anyhow::Context;
use lede_article::ReadOptions;
use lede_indexer::{index_paths, IndexOptions, LedeIndex, Progress, Tagging};
use lede_query::Aliases;

use super::field_map;
use crate::cli::IndexArgs;
use crate::exit::Exit;
use crate::output::stdout;
use crate::render::{human, json};

/// Indexes every article under the given directories, with a progress bar on a terminal, and prints the summary.
pub fn run(args: IndexArgs) -> anyhow::Result<Exit> {
    let index_path = args.location.resolve();
    let options = IndexOptions {
        read: ReadOptions {
            fields: field_map(&args.fields)?,
            roots: lede_indexer::index_roots(&args.dirs),
            ..ReadOptions::default()
        },
        prune: args.prune,
        threads: args.threads,
        entities: if args.no_entities {
            Tagging::Off
        } else {
            Tagging::Shipped
        },
        commit_every_docs: args.commit_every.max(1),
        merge: if args.no_merge {
            None
        } else {
            IndexOptions::default().merge
        },
        max_segment_docs: args.max_segment_docs.filter(|&n| n > 0),
        ..IndexOptions::default()
    };
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let progress = |p: Progress| {
        if let Some(bar) = &bar {
            bar.set_length(p.files_total);
            bar.set_position(p.files_done);
            bar.set_message(format!("{} articles", p.articles));
        }
    };
    if lede_indexer::LedeIndex::is_outdated(&index_path) {
        eprintln!(
            "lede: {} was built by an older lede, whose fields differ from this version's: rebuilding it",
            index_path.display()
        );
    }
    let mut summary = index_paths(&index_path, &args.dirs, &options, &progress)
        .with_context(|| format!("indexing into {}", index_path.display()))?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if let Some(file) = &args.rejected {
        let mut writer = std::io::BufWriter::new(
            std::fs::File::create(file).with_context(|| format!("creating {}", file.display()))?,
        );
        for rejection in &summary.rejections {
            json::write_line(&mut writer, &json::rejection(rejection))?;
        }
        writer.flush()?;
    }
    // One name per referent across the corpus: the alias map every reader applies, stored beside the index.
    let aliases = Aliases::refresh(&LedeIndex::open(&index_path)?)
        .with_context(|| format!("resolving entity names in {}", index_path.display()))?;
    summary.seconds += aliases.seconds;
    let mut out = stdout();
    if args.json {
        let mut wire = json::index_summary(&summary);
        wire.alias_merges = aliases.merges;
        wire.alias_seconds = aliases.seconds;
        json::write_line(&mut out, &wire)?;
    } else {
        human::summary(&mut out, &summary, &index_path.display().to_string())?;
        human::alias_report(&mut out, &aliases)?;
    }
    out.flush()?;
    Ok(Exit::Success)
}
