//! `lede export`: the index as NDJSON for Quickwit or `_bulk` files for OpenSearch.

use std::io::Write;

use anyhow::{bail, Context};
use lede_query::{export, ChunkWriter, Engine, ExportFormat};

use crate::cli::{ExportArgs, ExportFormatArg};
use crate::exit::Exit;
use crate::output::stdout;

/// Bytes in the megabyte of `--chunk-mb` (decimal, so 10 MB stays under a 10 MiB request limit too).
const MEGABYTE: f64 = 1_000_000.0;

/// Runs `lede export`.
pub fn run(args: ExportArgs) -> anyhow::Result<Exit> {
    let index_path = args.location.resolve();
    let engine = Engine::open(&index_path)?;
    let format = match args.format {
        ExportFormatArg::Ndjson => ExportFormat::Ndjson,
        ExportFormatArg::OpensearchBulk => ExportFormat::OpenSearchBulk {
            index: args.opensearch_index.clone(),
        },
    };
    let Some(dir) = &args.out else {
        let mut out = stdout();
        let summary = export(&engine, &format, &mut |record| out.write_all(record))?;
        out.flush()?;
        report(&summary, None);
        return Ok(Exit::Success);
    };
    let max_bytes = match args.chunk_bytes {
        Some(bytes) if bytes > 0 => bytes,
        Some(_) => bail!("--chunk-bytes must be at least 1"),
        None if args.chunk_mb.is_finite() && args.chunk_mb * MEGABYTE >= 1.0 => (args.chunk_mb * MEGABYTE) as u64,
        None => bail!(
            "--chunk-mb {}: expected a positive number of megabytes, e.g. 10 or 0.5",
            args.chunk_mb
        ),
    };
    let mut writer = ChunkWriter::new(dir, format.extension(), max_bytes)
        .with_context(|| format!("exporting to {}", dir.display()))?;
    let summary = export(&engine, &format, &mut |record| writer.write_record(record))?;
    let chunks = writer.finish()?;
    let mut out = stdout();
    for file in &chunks.files {
        writeln!(out, "{}", file.display())?;
    }
    out.flush()?;
    report(&summary, Some(chunks.files.len()));
    if chunks.oversized_records > 0 {
        eprintln!(
            "lede: {} article(s) are larger than {max_bytes} bytes; each is alone in a chunk over the limit",
            chunks.oversized_records
        );
    }
    if !chunks.stale_removed.is_empty() {
        eprintln!(
            "removed {} chunk file(s) left in {} by an earlier export",
            chunks.stale_removed.len(),
            dir.display()
        );
    }
    Ok(Exit::Success)
}

fn report(summary: &lede_query::ExportSummary, files: Option<usize>) {
    let files = files.map_or(String::new(), |n| format!(" in {n} file(s)"));
    eprintln!(
        "exported {} articles ({} bytes){files}; {} near-duplicate clusters hold {} articles",
        summary.articles, summary.bytes, summary.dup_clusters, summary.articles_in_dup_clusters
    );
    if summary.undated > 0 {
        eprintln!(
            "{} articles have no publication date: Quickwit (timestamp field `published`) rejects them; OpenSearch keeps them",
            summary.undated
        );
    }
    if summary.skipped_without_id > 0 {
        eprintln!(
            "lede: {} stored documents without an id were left out",
            summary.skipped_without_id
        );
    }
}
