//! Rendering for humans (terminal) and machines (JSON Lines).

use std::io::Write;

use chrono::{DateTime, SecondsFormat, Utc};
use lede_article::{Article, Entities};
use lede_indexer::IndexSummary;
use lede_query::{BenchReport, Hit, IndexStats, Latency};
use serde::{Deserialize, Serialize};

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const MATCH: &str = "\x1b[1;31m";
const GREEN: &str = "\x1b[32m";
const RESET: &str = "\x1b[0m";

/// RFC 3339 in UTC with a `Z`.
pub fn rfc3339(date: &DateTime<Utc>) -> String {
    date.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Entities as the JSON contract names them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonEntities {
    /// People.
    pub person: Vec<String>,
    /// Organisations.
    pub organization: Vec<String>,
    /// Places.
    pub location: Vec<String>,
}

impl From<&Entities> for JsonEntities {
    fn from(e: &Entities) -> Self {
        JsonEntities {
            person: e.person.clone(),
            organization: e.organization.clone(),
            location: e.location.clone(),
        }
    }
}

/// One `lede search --json` line: the contract of DESIGN.md.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonHit {
    /// Stable article id.
    pub id: String,
    /// Relevance score.
    pub score: f32,
    /// Headline.
    pub headline: String,
    /// RFC 3339 UTC, or null.
    pub published: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Source file.
    pub path: String,
    /// Authors.
    pub authors: Vec<String>,
    /// Entities by kind.
    pub entities: JsonEntities,
    /// Best body fragment, plain text.
    pub snippet: String,
    /// Matched words in `snippet`, as [start, end) character (Unicode code point) offsets.
    pub snippet_highlights: Vec<[usize; 2]>,
    /// All fragments asked for with `--fragments N`, in text order (the first is `snippet`).
    pub fragments: Vec<JsonFragment>,
}

/// One body fragment with its highlights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonFragment {
    /// The fragment.
    pub text: String,
    /// Matched words, as [start, end) character (Unicode code point) offsets into `text`.
    pub highlights: Vec<[usize; 2]>,
}

impl From<&Hit> for JsonHit {
    fn from(hit: &Hit) -> Self {
        JsonHit {
            id: hit.id.clone(),
            score: hit.score,
            headline: hit.headline.clone(),
            published: hit.published.as_ref().map(rfc3339),
            source: hit.source.clone(),
            url: hit.url.clone(),
            path: hit.path.clone(),
            authors: hit.authors.clone(),
            entities: JsonEntities::from(&hit.entities),
            snippet: hit.snippet.text.clone(),
            snippet_highlights: char_ranges(&hit.snippet.text, &hit.snippet.highlights),
            fragments: hit
                .fragments
                .iter()
                .map(|f| JsonFragment {
                    text: f.text.clone(),
                    highlights: char_ranges(&f.text, &f.highlights),
                })
                .collect(),
        }
    }
}

/// One `lede parse --json` line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonArticle {
    /// Stable id.
    pub id: String,
    /// Headline.
    pub headline: String,
    /// Subheadline.
    pub dek: Option<String>,
    /// Body.
    pub body: String,
    /// RFC 3339 UTC, or null.
    pub published: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Outlet.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Language.
    pub language: Option<String>,
    /// Entities by kind.
    pub entities: JsonEntities,
    /// Source file.
    pub path: String,
    /// Record number in a multi-record file.
    pub record: Option<u64>,
    /// What the reader dropped or doubted.
    pub warnings: Vec<String>,
}

impl From<&Article> for JsonArticle {
    fn from(a: &Article) -> Self {
        JsonArticle {
            id: a.id.clone(),
            headline: a.headline.clone(),
            dek: a.dek.clone(),
            body: a.body.clone(),
            published: a.published.as_ref().map(rfc3339),
            authors: a.authors.clone(),
            source: a.source.clone(),
            url: a.url.clone(),
            language: a.language.clone(),
            entities: JsonEntities::from(&a.entities),
            path: a.path.clone(),
            record: a.record,
            warnings: a.warnings.clone(),
        }
    }
}

/// Byte ranges of `text` as character (code point) ranges, which scripts can slice with directly.
pub fn char_ranges(text: &str, ranges: &[(usize, usize)]) -> Vec<[usize; 2]> {
    let chars = |at: usize| text.get(..at).map_or(0, |prefix| prefix.chars().count());
    ranges.iter().map(|(s, e)| [chars(*s), chars(*e)]).collect()
}

/// Wraps the highlighted ranges of `text` in colour or `**` markers.
pub fn mark(text: &str, ranges: &[(usize, usize)], color: bool) -> String {
    let (open, close) = if color { (MATCH, RESET) } else { ("**", "**") };
    let mut out = String::with_capacity(text.len() + ranges.len() * 8);
    let mut at = 0;
    for &(start, end) in ranges {
        if start < at || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(open);
        out.push_str(&text[start..end]);
        out.push_str(close);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

fn paint(text: &str, style: &str, color: bool) -> String {
    if color {
        format!("{style}{text}{RESET}")
    } else {
        text.to_owned()
    }
}

fn top(names: &[String], n: usize) -> String {
    let mut s = names.iter().take(n).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > n {
        s.push_str(&format!(" +{}", names.len() - n));
    }
    s
}

/// One search hit for the terminal.
pub fn hit(out: &mut impl Write, rank: usize, hit: &Hit, color: bool) -> std::io::Result<()> {
    let headline = if hit.headline.is_empty() {
        "(no headline)".to_owned()
    } else {
        hit.headline.clone()
    };
    let marked = if color {
        format!(
            "{BOLD}{}{RESET}",
            mark(&headline, &hit.headline_highlights, true).replace(RESET, &format!("{RESET}{BOLD}"))
        )
    } else {
        headline
    };
    writeln!(out, "{rank:>3}. {marked}")?;
    let mut meta = Vec::new();
    meta.push(
        hit.published
            .map_or_else(|| "undated".to_owned(), |d| d.format("%Y-%m-%d").to_string()),
    );
    if let Some(source) = &hit.source {
        meta.push(source.clone());
    }
    if !hit.authors.is_empty() {
        meta.push(top(&hit.authors, 3));
    }
    writeln!(out, "     {}", paint(&meta.join(" · "), GREEN, color))?;
    let e = &hit.entities;
    let mut names = Vec::new();
    for (label, list) in [
        ("people", &e.person),
        ("orgs", &e.organization),
        ("places", &e.location),
    ] {
        if !list.is_empty() {
            names.push(format!("{label}: {}", top(list, 4)));
        }
    }
    if !names.is_empty() {
        writeln!(out, "     {}", paint(&names.join(" · "), DIM, color))?;
    }
    if hit.fragments.len() > 1 {
        for fragment in &hit.fragments {
            writeln!(out, "     {}", mark(&fragment.text, &fragment.highlights, color))?;
        }
    } else if !hit.snippet.text.is_empty() {
        writeln!(out, "     {}", mark(&hit.snippet.text, &hit.snippet.highlights, color))?;
    }
    writeln!(out, "     {}", paint(&format!("id: {}", hit.id), DIM, color))?;
    writeln!(out)
}

/// An article for `lede parse` without `--json`.
pub fn article(out: &mut impl Write, a: &Article, color: bool) -> std::io::Result<()> {
    writeln!(out, "{}", paint(&a.headline, BOLD, color))?;
    if let Some(dek) = &a.dek {
        writeln!(out, "{dek}")?;
    }
    let field = |name: &str, value: String| format!("{}: {value}", paint(name, DIM, color));
    writeln!(out, "{}", field("id", a.id.clone()))?;
    writeln!(out, "{}", field("path", a.path.clone()))?;
    writeln!(
        out,
        "{}",
        field("published", a.published.as_ref().map_or("unknown".into(), rfc3339))
    )?;
    for (name, value) in [("source", &a.source), ("url", &a.url), ("language", &a.language)] {
        if let Some(v) = value {
            writeln!(out, "{}", field(name, v.clone()))?;
        }
    }
    if !a.authors.is_empty() {
        writeln!(out, "{}", field("authors", a.authors.join(", ")))?;
    }
    let e = &a.entities;
    for (name, list) in [
        ("people", &e.person),
        ("organizations", &e.organization),
        ("places", &e.location),
    ] {
        if !list.is_empty() {
            writeln!(out, "{}", field(name, list.join(", ")))?;
        }
    }
    for warning in &a.warnings {
        writeln!(out, "{}", field("warning", warning.clone()))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", a.body)?;
    writeln!(out)
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The index-run summary for humans.
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

/// `lede stats` for humans.
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
    )
}

fn latency_line(out: &mut impl Write, name: &str, l: &Latency) -> std::io::Result<()> {
    writeln!(
        out,
        "{name:<10} p50 {:>7.3} ms   p95 {:>7.3} ms   p99 {:>7.3} ms   mean {:>7.3} ms   ({} runs)",
        l.p50_ms, l.p95_ms, l.p99_ms, l.mean_ms, l.queries
    )
}

/// `lede bench` for humans.
pub fn bench(out: &mut impl Write, r: &BenchReport) -> std::io::Result<()> {
    for (class, l) in &r.classes {
        latency_line(out, class, l)?;
    }
    latency_line(out, "all", &r.all)?;
    let mode = match r.mode {
        lede_query::BenchMode::Search => "search",
        lede_query::BenchMode::Facets => "facets",
        lede_query::BenchMode::Timeline => "timeline",
    };
    writeln!(
        out,
        "{:.0} {mode} queries/s on one thread; {} articles; {:.0} hits per query on average",
        r.qps,
        thousands(r.articles),
        r.mean_total_hits
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_ranges() {
        assert_eq!(
            mark("the border wall", &[(4, 10), (11, 15)], false),
            "the **border** **wall**"
        );
        assert_eq!(
            mark("é x", &[(1, 2)], false),
            "é x",
            "ranges off char boundaries are skipped"
        );
    }

    #[test]
    fn json_highlights_are_character_offsets() {
        let text = "…the border wall";
        let ranges = char_ranges(text, &[(7, 13)]);
        assert_eq!(ranges, vec![[5, 11]]);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[5..11].iter().collect::<String>(), "border");
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(37553), "37,553");
        assert_eq!(thousands(100), "100");
    }
}
