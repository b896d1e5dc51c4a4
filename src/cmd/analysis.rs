//! Analysis commands: `timeline`, `entities`, `show`, `similar`, `dups`, and the `--facets` / `--collapse`
//! output of `search`.

use std::io::Write;

use anyhow::bail;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use lede_query::{
    collapse, duplicates, facets, show, similar, timeline, CollapsedHit, DupOptions, Engine, Facet, FacetField,
    Interval, SearchRequest, Timeline, DEFAULT_MAX_DISTANCE, MIN_WORDS,
};
use serde::{Deserialize, Serialize};

use crate::cli::IndexLocation;
use crate::exit::Exit;
use crate::output::{json_line, stdout};
use crate::render::{self, rfc3339, JsonArticle, JsonHit};

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const GREEN: &str = "\x1b[32m";
const RESET: &str = "\x1b[0m";

fn paint(text: &str, style: &str, color: bool) -> String {
    if color {
        format!("{style}{text}{RESET}")
    } else {
        text.to_owned()
    }
}

/// Publication date limits shared by the analysis commands.
#[derive(Args, Debug, Clone, Default)]
pub struct DateRange {
    /// Published on or after this day (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Published on or before this day (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

impl DateRange {
    /// The first and last day, validated.
    fn days(&self) -> anyhow::Result<(Option<NaiveDate>, Option<NaiveDate>)> {
        let day = |flag: &str, value: &Option<String>, last: bool| -> anyhow::Result<Option<NaiveDate>> {
            let Some(value) = value else { return Ok(None) };
            let (first, end) = lede_query::parse::parse_date_range(value.trim())
                .map_err(|_| anyhow::anyhow!("--{flag} {value}: expected YYYY-MM-DD, YYYY-MM or YYYY"))?;
            Ok(if last { end } else { first })
        };
        let since = day("since", &self.since, false)?;
        let until = day("until", &self.until, true)?;
        if let (Some(since), Some(until)) = (since, until) {
            if since > until {
                bail!("--since {since} is after --until {until}");
            }
        }
        Ok((since, until))
    }

    fn request(&self, query: &str) -> anyhow::Result<SearchRequest> {
        let (since, until) = self.days()?;
        Ok(SearchRequest::new(query).between(since, until))
    }
}

/// Bucket width for `lede timeline --by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// Calendar days.
    Day,
    /// ISO weeks (Monday to Sunday).
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

impl From<By> for Interval {
    fn from(by: By) -> Interval {
        match by {
            By::Day => Interval::Day,
            By::Week => Interval::Week,
            By::Month => Interval::Month,
            By::Year => Interval::Year,
        }
    }
}

/// `lede timeline`.
#[derive(Args, Debug)]
pub struct TimelineArgs {
    /// One or more queries, charted side by side ("" for every article).
    #[arg(required = true, value_name = "QUERY")]
    pub queries: Vec<String>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Bucket width.
    #[arg(long, value_enum, default_value_t = By::Month)]
    pub by: By,
    #[command(flatten)]
    pub dates: DateRange,
    /// One JSON object: interval, queries, buckets (start, label, counts per query), dated, undated.
    #[arg(long)]
    pub json: bool,
}

/// Kind of entity for `lede entities --kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// People.
    Person,
    /// Organisations.
    Organization,
    /// Places.
    Location,
}

impl From<Kind> for FacetField {
    fn from(kind: Kind) -> FacetField {
        match kind {
            Kind::Person => FacetField::Person,
            Kind::Organization => FacetField::Organization,
            Kind::Location => FacetField::Location,
        }
    }
}

/// `lede entities`.
#[derive(Args, Debug)]
pub struct EntitiesArgs {
    /// Query whose matching articles are counted ("" or absent: every article).
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Only this kind [default: people, organisations and places].
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// Entities to show per kind.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    #[command(flatten)]
    pub dates: DateRange,
    /// One JSON object per entity: kind, name, articles, share.
    #[arg(long)]
    pub json: bool,
}

/// `lede show`.
#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The article's id (as `lede search` prints it).
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// One JSON object: the fields of `lede parse --json` plus `fingerprint` (16 hex digits).
    #[arg(long)]
    pub json: bool,
}

/// `lede similar`.
#[derive(Args, Debug)]
pub struct SimilarArgs {
    /// The article's id (as `lede search` prints it).
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Articles to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// One JSON object per hit, as `lede search --json`.
    #[arg(long)]
    pub json: bool,
}

/// `lede dups`.
#[derive(Args, Debug)]
pub struct DupsArgs {
    /// Only among the articles matching this query ("" or absent: every article).
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Clusters to list, largest first.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    /// Largest number of differing fingerprint bits (of 64) between copies.
    #[arg(long, default_value_t = DEFAULT_MAX_DISTANCE, value_parser = clap::value_parser!(u32).range(0..=16))]
    pub max_distance: u32,
    #[command(flatten)]
    pub dates: DateRange,
    /// One JSON object per cluster (JSON Lines).
    #[arg(long)]
    pub json: bool,
}

/// Horizontal bar of `value / max` of `width` cells, in eighths of a cell.
fn bar(value: u64, max: u64, width: usize) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    if max == 0 || width == 0 {
        return String::new();
    }
    let eighths = ((value as f64 / max as f64) * (width * 8) as f64).round() as usize;
    let (whole, part) = (eighths / 8, eighths - eighths / 8 * 8);
    let mut out = "█".repeat(whole);
    if part > 0 {
        out.push(PARTS[part]);
    }
    if value > 0 && out.is_empty() {
        out.push('▏');
    }
    out
}

fn pad(text: &str, width: usize) -> String {
    let len = text.chars().count();
    if len >= width {
        text.to_owned()
    } else {
        format!("{text}{}", " ".repeat(width - len))
    }
}

/// The chart: one row per bucket, one bar per query side by side.
fn render_timeline(out: &mut impl Write, t: &Timeline, color: bool) -> std::io::Result<()> {
    let queries = t.queries.len().max(1);
    let bar_width = (60 / queries).clamp(8, 50);
    let max = t
        .buckets
        .iter()
        .flat_map(|b| b.counts.iter().copied())
        .max()
        .unwrap_or(0);
    let count_width = max.to_string().len();
    let label_width = t.buckets.iter().map(|b| b.label.len()).max().unwrap_or(4);
    let column = bar_width + count_width + 2;
    if queries > 1 {
        let mut header = " ".repeat(label_width + 2);
        for query in &t.queries {
            let name = if query.is_empty() { "(all)" } else { query.as_str() };
            let name: String = name.chars().take(column - 1).collect();
            header.push_str(&pad(&name, column + 1));
        }
        writeln!(out, "{}", paint(header.trim_end(), BOLD, color))?;
    }
    for bucket in &t.buckets {
        let mut line = format!("{}  ", pad(&bucket.label, label_width));
        for (i, count) in bucket.counts.iter().enumerate() {
            let cells = pad(&bar(*count, max, bar_width), bar_width);
            line.push_str(&paint(&cells, GREEN, color));
            line.push_str(&format!(" {count:>count_width$}"));
            if i + 1 < bucket.counts.len() {
                line.push_str("  ");
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// `lede timeline`.
pub fn run_timeline(args: TimelineArgs, color: bool) -> anyhow::Result<Exit> {
    let engine = Engine::open(&args.location.resolve())?;
    let requests = args
        .queries
        .iter()
        .map(|q| args.dates.request(q))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let t = timeline(&engine, &requests, args.by.into())?;
    let mut out = stdout();
    if args.json {
        json_line(&mut out, &t)?;
    } else {
        render_timeline(&mut out, &t, color)?;
    }
    out.flush()?;
    if !args.json {
        for (i, query) in t.queries.iter().enumerate() {
            let (dated, undated) = (
                t.dated.get(i).copied().unwrap_or(0),
                t.undated.get(i).copied().unwrap_or(0),
            );
            eprintln!("{query:?}: {dated} dated matching articles, {undated} undated (not charted)");
        }
    }
    let any = t.dated.iter().chain(&t.undated).any(|n| *n > 0);
    Ok(if any { Exit::Success } else { Exit::NoMatch })
}

/// One `lede entities --json` line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonEntity {
    /// `person`, `organization` or `location`.
    pub kind: String,
    /// Canonical name.
    pub name: String,
    /// Matching articles naming it.
    pub articles: u64,
    /// `articles` over all matching articles.
    pub share: f64,
}

/// `lede entities`.
pub fn run_entities(args: EntitiesArgs, color: bool) -> anyhow::Result<Exit> {
    if args.limit == 0 {
        bail!("--limit must be at least 1");
    }
    let engine = Engine::open(&args.location.resolve())?;
    let request = args.dates.request(&args.query)?;
    let kinds: Vec<FacetField> = match args.kind {
        Some(kind) => vec![kind.into()],
        None => vec![FacetField::Person, FacetField::Organization, FacetField::Location],
    };
    let counted = facets(&engine, &request, &kinds, args.limit)?;
    let mut out = stdout();
    if args.json {
        for facet in &counted {
            for value in &facet.top {
                json_line(
                    &mut out,
                    &JsonEntity {
                        kind: facet.field.name().to_owned(),
                        name: value.value.clone(),
                        articles: value.count,
                        share: value.count as f64 / facet.articles.max(1) as f64,
                    },
                )?;
            }
        }
    } else {
        print_facets(&mut out, &counted, color)?;
    }
    out.flush()?;
    let articles = counted.first().map_or(0, |f| f.articles);
    if !args.json {
        eprintln!("{articles} matching articles");
    }
    let any = counted.iter().any(|f| !f.top.is_empty());
    Ok(if any { Exit::Success } else { Exit::NoMatch })
}

/// Facet counts for humans: per field a heading, then one line per value with its count, share and a bar.
pub fn print_facets(out: &mut impl Write, counted: &[Facet], color: bool) -> std::io::Result<()> {
    for (n, facet) in counted.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        let heading = format!(
            "{} ({} distinct in {} of {} articles)",
            facet.field, facet.distinct, facet.articles_with_value, facet.articles
        );
        writeln!(out, "{}", paint(&heading, BOLD, color))?;
        let max = facet.top.first().map_or(0, |v| v.count);
        let width = max.to_string().len();
        for value in &facet.top {
            let share = 100.0 * value.count as f64 / facet.articles.max(1) as f64;
            writeln!(
                out,
                "{:>width$} {:>5.1}%  {}  {}",
                value.count,
                share,
                paint(&pad(&bar(value.count, max, 20), 20), GREEN, color),
                value.value
            )?;
        }
    }
    Ok(())
}

/// One `lede search --facets … --json` line per field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonFacet {
    /// `person`, `organization`, `location`, `source` or `author`.
    pub facet: String,
    /// All matching articles.
    pub articles: u64,
    /// Distinct values among them.
    pub distinct: usize,
    /// The most frequent values.
    pub values: Vec<JsonFacetValue>,
}

/// A value of a [`JsonFacet`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonFacetValue {
    /// The value.
    pub value: String,
    /// Matching articles with it.
    pub count: u64,
}

impl From<&Facet> for JsonFacet {
    fn from(f: &Facet) -> JsonFacet {
        JsonFacet {
            facet: f.field.name().to_owned(),
            articles: f.articles,
            distinct: f.distinct,
            values: f
                .top
                .iter()
                .map(|v| JsonFacetValue {
                    value: v.value.clone(),
                    count: v.count,
                })
                .collect(),
        }
    }
}

/// For `lede search --facets SPEC`: counts the fields named in `spec` (`person,organization,…`) over every article
/// matching `request` and prints them, for humans or as one [`JsonFacet`] line per field.
pub fn search_facets(
    out: &mut impl Write,
    engine: &Engine,
    request: &SearchRequest,
    spec: &str,
    top: usize,
    json: bool,
    color: bool,
) -> anyhow::Result<()> {
    let fields = FacetField::parse_list(spec)?;
    let fields = if fields.is_empty() {
        FacetField::ALL.to_vec()
    } else {
        fields
    };
    let counted = facets(engine, request, &fields, top)?;
    if json {
        for facet in &counted {
            json_line(out, &JsonFacet::from(facet))?;
        }
    } else {
        print_facets(out, &counted, color)?;
    }
    Ok(())
}

/// For `lede search --collapse`: folds near-copies into the better-ranked hit (the default distance).
pub fn collapse_hits(engine: &Engine, hits: Vec<lede_query::Hit>) -> anyhow::Result<Vec<CollapsedHit>> {
    Ok(collapse(engine, hits, DupOptions::default())?)
}

/// A collapsed hit for humans: the hit, then "+N similar (outlets…)".
pub fn print_collapsed(out: &mut impl Write, rank: usize, hit: &CollapsedHit, color: bool) -> std::io::Result<()> {
    render::hit(out, rank, &hit.hit, color)?;
    if !hit.similar.is_empty() {
        let line = format!(
            "     +{} similar ({})",
            hit.similar.len(),
            hit.similar_outlets().join(", ")
        );
        writeln!(out, "{}", paint(&line, DIM, color))?;
        writeln!(out)?;
    }
    Ok(())
}

/// One `lede search --collapse --json` line: the hit plus the copies folded into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonCollapsedHit {
    /// The hit, as `lede search --json`.
    #[serde(flatten)]
    pub hit: JsonHit,
    /// Ids of the folded copies, in rank order.
    pub similar: Vec<String>,
    /// Their outlets, distinct, in rank order.
    pub similar_outlets: Vec<String>,
}

impl From<&CollapsedHit> for JsonCollapsedHit {
    fn from(c: &CollapsedHit) -> JsonCollapsedHit {
        JsonCollapsedHit {
            hit: JsonHit::from(&c.hit),
            similar: c.similar.iter().map(|h| h.id.clone()).collect(),
            similar_outlets: c.similar_outlets(),
        }
    }
}

/// One `lede show --json` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonShownArticle {
    /// The article, as `lede parse --json`.
    #[serde(flatten)]
    pub article: JsonArticle,
    /// Near-duplicate fingerprint, 16 hex digits (`0000000000000000` for bodies too short to have one).
    pub fingerprint: String,
}

/// `lede show`.
pub fn run_show(args: ShowArgs, color: bool) -> anyhow::Result<Exit> {
    let engine = Engine::open(&args.location.resolve())?;
    let Some(stored) = show(&engine, &args.id)? else {
        eprintln!("lede: no article with id {:?} in the index", args.id);
        return Ok(Exit::NoMatch);
    };
    let mut out = stdout();
    if args.json {
        json_line(
            &mut out,
            &JsonShownArticle {
                article: JsonArticle::from(&stored.article),
                fingerprint: format!("{:016x}", stored.fingerprint),
            },
        )?;
    } else {
        render::article(&mut out, &stored.article, color)?;
    }
    out.flush()?;
    Ok(Exit::Success)
}

/// `lede similar`.
pub fn run_similar(args: SimilarArgs, color: bool) -> anyhow::Result<Exit> {
    if args.limit == 0 {
        bail!("--limit must be at least 1");
    }
    let engine = Engine::open(&args.location.resolve())?;
    let Some(results) = similar(&engine, &args.id, args.limit, 200)? else {
        eprintln!("lede: no article with id {:?} in the index", args.id);
        return Ok(Exit::NoMatch);
    };
    let mut out = stdout();
    if args.json {
        for hit in &results.hits {
            json_line(&mut out, &JsonHit::from(hit))?;
        }
    } else {
        for (i, hit) in results.hits.iter().enumerate() {
            render::hit(&mut out, i + 1, hit, color)?;
        }
    }
    out.flush()?;
    if !args.json {
        let terms: Vec<&str> = results.terms.iter().take(10).map(|(t, _)| t.as_str()).collect();
        eprintln!(
            "articles like {:?} ({}), by its words: {}",
            results.article.article.headline,
            args.id,
            terms.join(" ")
        );
    }
    Ok(if results.hits.is_empty() {
        Exit::NoMatch
    } else {
        Exit::Success
    })
}

/// One member of a [`JsonCluster`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonClusterMember {
    /// Stable id.
    pub id: String,
    /// Headline.
    pub headline: String,
    /// Outlet.
    pub source: Option<String>,
    /// RFC 3339 UTC, or null.
    pub published: Option<String>,
    /// Fingerprint bits differing from the cluster's first article.
    pub distance: u32,
}

/// An outlet of a [`JsonCluster`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonOutlet {
    /// Outlet.
    pub source: String,
    /// Articles of the cluster it published.
    pub articles: usize,
}

/// One `lede dups --json` line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonCluster {
    /// Articles in the cluster.
    pub size: usize,
    /// Outlets, most articles first.
    pub outlets: Vec<JsonOutlet>,
    /// Earliest publication (RFC 3339), or null.
    pub first: Option<String>,
    /// Latest publication (RFC 3339), or null.
    pub last: Option<String>,
    /// Headline of the earliest article.
    pub headline: String,
    /// Articles, earliest first.
    pub members: Vec<JsonClusterMember>,
}

impl From<&lede_query::Cluster> for JsonCluster {
    fn from(c: &lede_query::Cluster) -> JsonCluster {
        JsonCluster {
            size: c.size,
            outlets: c
                .outlets
                .iter()
                .map(|(source, articles)| JsonOutlet {
                    source: source.clone(),
                    articles: *articles,
                })
                .collect(),
            first: c.first.as_ref().map(rfc3339),
            last: c.last.as_ref().map(rfc3339),
            headline: c.headline.clone(),
            members: c
                .members
                .iter()
                .map(|m| JsonClusterMember {
                    id: m.id.clone(),
                    headline: m.headline.clone(),
                    source: m.source.clone(),
                    published: m.published.as_ref().map(rfc3339),
                    distance: m.distance,
                })
                .collect(),
        }
    }
}

/// `lede dups`.
pub fn run_dups(args: DupsArgs, color: bool) -> anyhow::Result<Exit> {
    if args.limit == 0 {
        bail!("--limit must be at least 1");
    }
    let engine = Engine::open(&args.location.resolve())?;
    let request = args.dates.request(&args.query)?;
    let options = DupOptions {
        max_distance: args.max_distance,
        min_words: MIN_WORDS,
    };
    let report = duplicates(&engine, &request, options, args.limit)?;
    let mut out = stdout();
    for (i, cluster) in report.clusters.iter().enumerate() {
        if args.json {
            json_line(&mut out, &JsonCluster::from(cluster))?;
            continue;
        }
        let day = |d: &Option<chrono::DateTime<chrono::Utc>>| {
            d.map_or("undated".into(), |d| d.format("%Y-%m-%d").to_string())
        };
        let span = if cluster.first == cluster.last {
            day(&cluster.first)
        } else {
            format!("{} .. {}", day(&cluster.first), day(&cluster.last))
        };
        let headline = if cluster.headline.is_empty() {
            "(no headline)"
        } else {
            cluster.headline.as_str()
        };
        writeln!(out, "{:>3}. {}", i + 1, paint(headline, BOLD, color))?;
        let outlets: Vec<String> = cluster
            .outlets
            .iter()
            .map(|(s, n)| if *n > 1 { format!("{s} ×{n}") } else { s.clone() })
            .collect();
        writeln!(
            out,
            "     {}",
            paint(
                &format!("{} articles · {span} · {}", cluster.size, outlets.join(", ")),
                GREEN,
                color
            )
        )?;
        for member in &cluster.members {
            writeln!(
                out,
                "     {}",
                paint(
                    &format!(
                        "{} {} · {} (d={})",
                        member.id,
                        member
                            .published
                            .map_or("undated".into(), |d| d.format("%Y-%m-%d").to_string()),
                        member.source.as_deref().unwrap_or("-"),
                        member.distance
                    ),
                    DIM,
                    color
                )
            )?;
        }
        writeln!(out)?;
    }
    out.flush()?;
    if !args.json {
        eprintln!(
            "{} clusters ({} articles) among {} articles with {}+ words; fingerprints within {} bits",
            report.clusters_found,
            report.articles_in_clusters,
            report.articles_compared,
            MIN_WORDS,
            report.max_distance
        );
    }
    Ok(if report.clusters.is_empty() {
        Exit::NoMatch
    } else {
        Exit::Success
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_in_eighths() {
        assert_eq!(bar(10, 10, 4), "████");
        assert_eq!(bar(5, 10, 4), "██");
        assert_eq!(bar(1, 16, 2), "▏");
        assert_eq!(bar(1, 1000, 4), "▏", "a non-zero count is never invisible");
        assert_eq!(bar(0, 10, 4), "");
    }
}
