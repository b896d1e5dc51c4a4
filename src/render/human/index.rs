//! The index-run summary, `lede stats` and `lede bench` for the terminal.

use std::io::Write;

use chrono::{DateTime, Utc};
use lede_indexer::IndexSummary;
use lede_query::{AliasReport, BenchMode, BenchReport, IndexStats, Latency};

use super::thousands;

/// The corpus-level name resolution that follows an index run.
pub fn alias_report(out: &mut impl Write, report: &AliasReport) -> std::io::Result<()> {
    writeln!(
        out,
        "entity names: {} variants merged into {} canonical names in {:.2} s",
        thousands(report.merges),
        thousands(report.canonical),
        report.seconds,
    )
}

/// What an index run did: articles, files, rejections with their first reasons, the index after it.
pub fn summary(out: &mut impl Write, s: &IndexSummary, index: &str) -> std::io::Result<()> {
    writeln!(
        out,
        "indexed {} articles in {:.1} s: {} added, {} updated, {} unchanged, {} removed",
        thousands(s.articles_added + s.articles_updated),
        s.seconds,
        thousands(s.articles_added),
        thousands(s.articles_updated),
        thousands(s.articles_unchanged),
        thousands(s.articles_removed),
    )?;
    writeln!(
        out,
        "files: {} seen, {} new, {} changed, {} unchanged, {} removed, {} skipped (not article files)",
        thousands(s.files_seen),
        thousands(s.files_new),
        thousands(s.files_changed),
        thousands(s.files_unchanged),
        thousands(s.files_removed),
        thousands(s.files_unsupported),
    )?;
    if s.rejected > 0 {
        let kinds: Vec<String> = s
            .rejected_by_kind
            .iter()
            .map(|(k, n)| format!("{} {k}", thousands(*n)))
            .collect();
        writeln!(out, "rejected {}: {}", thousands(s.rejected), kinds.join(", "))?;
        for r in &s.first_rejections {
            writeln!(out, "  {}", r.reason)?;
        }
        if s.rejected as usize > s.first_rejections.len() {
            writeln!(
                out,
                "  … and {} more",
                thousands(s.rejected - s.first_rejections.len() as u64)
            )?;
        }
    }
    if s.dates_dropped > 0 {
        writeln!(
            out,
            "dates dropped (absurd or unreadable; articles kept): {}",
            thousands(s.dates_dropped)
        )?;
    }
    let merged = if s.segments_merged > 0 {
        format!(" ({} merged into one)", thousands(s.segments_merged))
    } else {
        String::new()
    };
    writeln!(
        out,
        "index {index}: {} articles, {} segment{}{merged}",
        thousands(s.articles_in_index),
        thousands(s.segments),
        if s.segments == 1 { "" } else { "s" },
    )
}

/// `lede stats`: one `name   value` line per figure.
pub fn stats(out: &mut impl Write, s: &IndexStats, index: &str) -> std::io::Result<()> {
    let day = |d: &Option<DateTime<Utc>>| d.map_or("-".to_owned(), |d| d.format("%Y-%m-%d").to_string());
    writeln!(out, "index          {index}")?;
    writeln!(out, "articles       {}", thousands(s.articles))?;
    writeln!(out, "with a date    {}", thousands(s.articles_with_date))?;
    writeln!(out, "date range     {} .. {}", day(&s.earliest), day(&s.latest))?;
    writeln!(out, "outlets        {}", thousands(s.sources))?;
    writeln!(out, "files          {}", thousands(s.files))?;
    let langs: Vec<String> = s
        .languages
        .iter()
        .map(|(l, n)| format!("{l} {}", thousands(*n)))
        .collect();
    writeln!(
        out,
        "languages      {}",
        if langs.is_empty() {
            "-".to_owned()
        } else {
            langs.join(", ")
        }
    )?;
    writeln!(
        out,
        "size on disk   {:.1} MB in {} segments",
        s.index_bytes as f64 / 1e6,
        s.segments
    )?;
    if !s.metadata_fields.is_empty() {
        let fields: Vec<String> = s
            .metadata_fields
            .iter()
            .map(|f| format!("{} ({} values)", f.name, thousands(f.distinct)))
            .collect();
        writeln!(out, "fields         {}", fields.join(", "))?;
    }
    Ok(())
}

/// One line of latency figures.
pub fn latency_line(out: &mut impl Write, name: &str, l: &Latency) -> std::io::Result<()> {
    writeln!(
        out,
        "{name:<10} p50 {:>7.3} ms   p95 {:>7.3} ms   p99 {:>7.3} ms   mean {:>7.3} ms   ({} runs)",
        l.p50_ms, l.p95_ms, l.p99_ms, l.mean_ms, l.queries
    )
}

/// `lede bench`: one latency line per query class, then all of them and the throughput.
pub fn bench(out: &mut impl Write, r: &BenchReport) -> std::io::Result<()> {
    for (class, l) in &r.classes {
        latency_line(out, class, l)?;
    }
    latency_line(out, "all", &r.all)?;
    let mode = match r.mode {
        BenchMode::Search => "search",
        BenchMode::Facets => "facets",
        BenchMode::Timeline => "timeline",
        BenchMode::SplitTimeline => "split-timeline",
        BenchMode::Words => "words",
    };
    writeln!(
        out,
        "{:.0} {mode} queries/s, one at a time on {}; {} articles; {:.0} hits per query on average",
        r.qps,
        match r.search_threads {
            1 => "one thread".to_owned(),
            n => format!("{n} threads"),
        },
        thousands(r.articles),
        r.mean_total_hits
    )?;
    if !r.slowest.is_empty() {
        writeln!(out, "slowest (median / max of the timed rounds):")?;
        for q in &r.slowest {
            writeln!(
                out,
                "  {:>7.3} ms {:>7.3} ms  {:<8} {}",
                q.median_ms, q.max_ms, q.class, q.query
            )?;
        }
    }
    Ok(())
}
