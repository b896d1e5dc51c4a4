//! `lede eval extraction DIR`: how well the HTML (or plain-text) reader recovers
//! headline, body, date and authors from real pages with hand-made gold.
//!
//! The measures are defined in `lede_article::eval`: headline exact match after
//! NFKC/case/quote/whitespace folding, body F1 over lower-cased word 4-shingles,
//! date accuracy at day precision (UTC day; a missing date counts as wrong),
//! author-set F1 averaged over pages, and the reader's time per page.
//!
//! `lede eval ranking DIR`: MAP, nDCG@10 and P@10 of `lede search` on a judged
//! collection (measures and layout in `lede_eval`'s `ranking` module).

use std::io::Write;
use std::path::PathBuf;

use std::sync::Arc;

use anyhow::{bail, Context};
use lede_article::eval::{default_gold, evaluate, is_readability_layout, Mode, PageScore, Report};
use lede_eval::{evaluate_ranking, index_ranking_set, RankingReport, RankingSet};
use lede_indexer::{EntityTagger, IndexOptions};
use lede_query::Engine;

use crate::cli::SearchArgs;
use crate::tagger::ShippedTagger;

/// The `eval` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum EvalCommand {
    /// Score extraction on a folder of `html/<key>.html.gz` pages (or, with `--text`, `text/<key>.txt`)
    /// against its `gold.jsonl` (fields: key or file, title, articleBody, date, authors), or on a
    /// folder laid out as Mozilla Readability's test pages (`<name>/source.html`, `expected.html`,
    /// `expected-metadata.json`).
    Extraction {
        /// The gold folder, e.g. ../shared/extraction/naeb-dev or ../shared/corpora/readability-news-pages.
        dir: PathBuf,
        /// Print one JSON object (the report) instead of a table.
        #[arg(long)]
        json: bool,
        /// Read `text/<key>.txt` with the plain-text reader instead of HTML pages.
        #[arg(long)]
        text: bool,
        /// Gold file; default DIR/gold.jsonl, else DIR/../naeb-dev/gold.jsonl.
        #[arg(long)]
        gold: Option<PathBuf>,
        /// Also print every page's misses (with --json: every page's scores as JSON Lines, before the report).
        #[arg(long)]
        pages: bool,
    },
    /// Score `lede search` on a judged collection (`corpus/`, `queries.tsv`, `qrels.tsv`, as in
    /// ../shared/relevance/*): every query runs as `lede search QUERY --limit 100` would, with the search
    /// flags given here; prints MAP (top 100), nDCG@10 and P@10.
    #[command(
        mut_arg("json", |a| a.help("Print one JSON object (the report)")),
        mut_arg("index", |a| a.help("An index of DIR's corpus to use [default: a temporary one]")),
        mut_arg("query", |a| a.hide(true)),
        mut_arg("limit", |a| a.hide(true)),
        mut_arg("offset", |a| a.hide(true)),
        mut_arg("snippet_len", |a| a.hide(true)),
        mut_arg("fragments", |a| a.hide(true)),
        mut_arg("facets", |a| a.hide(true)),
        mut_arg("collapse", |a| a.hide(true))
    )]
    Ranking(RankingArgs),
}

/// `lede eval ranking`.
#[derive(clap::Args, Debug)]
pub struct RankingArgs {
    /// The collection, e.g. ../shared/relevance/cisi.
    pub dir: PathBuf,
    /// Also print each query's scores (JSON Lines with --json, before the report).
    #[arg(long)]
    pub per_query: bool,
    /// Search flags (`--operator`, `--since`, …), as `lede search` takes them (the top 100 of each query
    /// counts, whatever `--limit` says).
    #[command(flatten)]
    pub search: SearchArgs,
}

/// Runs an `eval` subcommand.
pub fn run(command: EvalCommand) -> anyhow::Result<()> {
    match command {
        EvalCommand::Extraction {
            dir,
            json,
            text,
            gold,
            pages,
        } => {
            let mode = if text { Mode::Text } else { Mode::Html };
            let pages_dir = dir.join(if text { "text" } else { "html" });
            if !pages_dir.is_dir() && (text || gold.is_some() || !is_readability_layout(&dir)) {
                bail!(
                    "{} has no {} folder; expected a gold folder with {} and gold.jsonl, or Readability's <name>/source.html and expected.html",
                    dir.display(),
                    pages_dir
                        .file_name()
                        .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
                    if text { "text/<key>.txt" } else { "html/<key>.html.gz" },
                );
            }
            let gold = gold.unwrap_or_else(|| default_gold(&dir));
            let (scores, report) =
                evaluate(&dir, &gold, mode).with_context(|| format!("evaluating {}", dir.display()))?;
            let mut out = std::io::stdout().lock();
            if pages {
                for score in scores.iter().filter(|s| json || has_miss(s)) {
                    if json {
                        writeln!(out, "{}", serde_json::to_string(score)?)?;
                    } else {
                        write_page(&mut out, score)?;
                    }
                }
            }
            if json {
                writeln!(out, "{}", serde_json::to_string(&report)?)?;
            } else {
                write_report(&mut out, &report)?;
            }
            Ok(())
        }
        EvalCommand::Ranking(args) => ranking(args),
    }
}

fn ranking(args: RankingArgs) -> anyhow::Result<()> {
    if !args.search.query.is_empty() {
        bail!("eval ranking takes its queries from DIR/queries.tsv, not from the command line");
    }
    let set = RankingSet::read(&args.dir).with_context(|| format!("reading {}", args.dir.display()))?;
    let request = crate::cmd::search_request(&args.search)?;
    // Without --index the corpus goes into a temporary index, indexed as `lede index` does.
    let temp;
    let index = match &args.search.location.index {
        Some(path) => path.clone(),
        None => {
            temp = tempfile::tempdir().context("creating a temporary index")?;
            let tagger: Arc<dyn EntityTagger> = Arc::new(ShippedTagger::load().context("loading the entity tagger")?);
            let options = IndexOptions {
                tagger: Some(tagger),
                ..IndexOptions::default()
            };
            let summary = index_ranking_set(&set, temp.path(), &options)?;
            eprintln!("indexed {} articles of {}", summary.articles_added, set.name());
            temp.path().to_owned()
        }
    };
    let engine = Engine::open(&index)?;
    let (scores, report) = evaluate_ranking(&engine, &set, &request)?;
    let mut out = std::io::stdout().lock();
    if args.per_query {
        for score in &scores {
            if args.search.json {
                writeln!(out, "{}", serde_json::to_string(score)?)?;
            } else {
                writeln!(
                    out,
                    "{:<8} AP {:.3}  nDCG@10 {:.3}  P@10 {:.2}  {}/{} relevant in the top 100, {} matching",
                    score.qid,
                    score.average_precision,
                    score.ndcg_at_10,
                    score.precision_at_10,
                    score.relevant_retrieved,
                    score.relevant,
                    score.matching
                )?;
            }
        }
    }
    if args.search.json {
        writeln!(out, "{}", serde_json::to_string(&report)?)?;
    } else {
        write_ranking(&mut out, &report)?;
    }
    Ok(())
}

fn write_ranking(out: &mut impl Write, r: &RankingReport) -> std::io::Result<()> {
    writeln!(
        out,
        "{}: {} queries  MAP {:.3}  nDCG@10 {:.3}  P@10 {:.3}  (recall@100 {:.3}, {:.2} ms/query)",
        r.set, r.queries, r.map, r.ndcg_at_10, r.p_at_10, r.recall_at_100, r.ms_per_query
    )
}

fn has_miss(s: &PageScore) -> bool {
    !s.headline_match
        || s.body_f1 < 0.9
        || (s.gold_date.is_some() && s.date != s.gold_date)
        || s.authors_f1.is_some_and(|f| f < 1.0)
        || [s.url_match, s.outlet_match, s.language_match].contains(&Some(false))
}

fn write_page(out: &mut impl Write, s: &PageScore) -> std::io::Result<()> {
    writeln!(out, "{}", s.key)?;
    if !s.headline_match {
        writeln!(out, "  headline {:?}\n      gold {:?}", s.headline, s.gold_headline)?;
    }
    if s.body_f1 < 0.9 {
        writeln!(
            out,
            "  body F1 {:.3} (P {:.3}, R {:.3})",
            s.body_f1, s.body_precision, s.body_recall
        )?;
    }
    if s.gold_date.is_some() && s.date != s.gold_date {
        writeln!(out, "  date {:?}, gold {:?}", s.date, s.gold_date)?;
    }
    if s.authors_f1.is_some_and(|f| f < 1.0) {
        writeln!(out, "  authors {:?}, gold {:?}", s.authors, s.gold_authors)?;
    }
    if s.outlet_match == Some(false) {
        writeln!(out, "  outlet {:?}", s.outlet)?;
    }
    if s.language_match == Some(false) {
        writeln!(out, "  language {:?}", s.language)?;
    }
    if s.url_match == Some(false) {
        writeln!(out, "  canonical URL differs from the gold's")?;
    }
    Ok(())
}

fn write_report(out: &mut impl Write, r: &Report) -> std::io::Result<()> {
    writeln!(out, "pages                 {}", r.pages)?;
    writeln!(out, "headline exact        {:.3}", r.headline_accuracy)?;
    writeln!(
        out,
        "body F1 (4-shingles)  {:.3}  (precision {:.3}, recall {:.3})",
        r.body_f1, r.body_precision, r.body_recall
    )?;
    writeln!(
        out,
        "date (day)            {:.3}  ({} pages with a gold date: {} missing, {} wrong; {:.3} within a day)",
        r.date_accuracy, r.date_pages, r.date_missing, r.date_wrong, r.date_within_a_day
    )?;
    writeln!(
        out,
        "authors F1            {:.3}  ({} pages scored; {:.3} on pages whose gold names authors)",
        r.authors_f1, r.authors_pages, r.authors_f1_when_gold
    )?;
    for (name, pages, accuracy) in [
        ("canonical URL", r.url_pages, r.url_accuracy),
        ("outlet", r.outlet_pages, r.outlet_accuracy),
        ("language", r.language_pages, r.language_accuracy),
    ] {
        if pages > 0 {
            writeln!(out, "{name:<22}{accuracy:.3}  ({pages} pages with one in the gold)")?;
        }
    }
    writeln!(
        out,
        "time per page         {:.2} ms  ({:.0} pages/s on one core)",
        r.ms_per_page, r.pages_per_second
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_reads_back_from_json() {
        let report = Report {
            pages: 3,
            body_f1: 0.5,
            ..Report::default()
        };
        let line = serde_json::to_string(&report).unwrap_or_default();
        let back: Report = serde_json::from_str(&line).unwrap_or_default();
        assert_eq!(back.pages, 3);
        assert_eq!(back.body_f1, 0.5);
    }
}
