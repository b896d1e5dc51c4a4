//! `lede eval extraction DIR`: how well the HTML (or plain-text) reader recovers
//! headline, body, date and authors from real pages with hand-made gold.
//!
//! The measures are defined in `lede_eval`: headline exact match after
//! NFKC/case/quote/whitespace folding, body F1 over lower-cased word 4-shingles,
//! date accuracy at day precision (the page's local day; a missing date counts as wrong),
//! author-set F1 averaged over pages, and the reader's time per page; a field the gold
//! does not give is not scored.
//!
//! `lede eval ranking DIR`: MAP, nDCG@10 and P@10 of `lede search` on a judged
//! collection (measures and layout in `lede_eval`'s `ranking` module).

use std::io::Write;

use anyhow::{bail, Context};
use lede_eval::{
    default_gold, evaluate_extraction, evaluate_ranking, index_ranking_set, is_readability_layout, Mode, PageScore,
    RankingReport, RankingSet, Report,
};
use lede_indexer::IndexOptions;
use lede_query::Engine;

use crate::cli::{EvalCommand, RankingArgs};

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
                evaluate_extraction(&dir, &gold, mode).with_context(|| format!("evaluating {}", dir.display()))?;
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
        EvalCommand::Ranking(args) => ranking(*args),
    }
}

fn ranking(args: RankingArgs) -> anyhow::Result<()> {
    if !args.search.query.is_empty() {
        bail!("eval ranking takes its queries from DIR/queries.tsv, not from the command line");
    }
    let set = RankingSet::read(&args.dir).with_context(|| format!("reading {}", args.dir.display()))?;
    let request = super::search::request(&args.search)?;
    // Without --index the corpus goes into a temporary index, indexed as `lede index` does.
    let temp;
    let index = match &args.search.location.index {
        Some(path) => path.clone(),
        None => {
            temp = tempfile::tempdir().context("creating a temporary index")?;
            let summary = index_ranking_set(&set, temp.path(), &IndexOptions::default())?;
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
    s.headline_match == Some(false)
        || s.body_f1.is_some_and(|f| f < 0.9)
        || (s.gold_date.is_some() && s.date != s.gold_date)
        || s.authors_f1.is_some_and(|f| f < 1.0)
        || [s.url_match, s.outlet_match, s.language_match].contains(&Some(false))
}

fn write_page(out: &mut impl Write, s: &PageScore) -> std::io::Result<()> {
    writeln!(out, "{}", s.key)?;
    if s.headline_match == Some(false) {
        writeln!(out, "  headline {:?}\n      gold {:?}", s.headline, s.gold_headline)?;
    }
    if let (Some(f1), Some(precision), Some(recall)) = (s.body_f1, s.body_precision, s.body_recall) {
        if f1 < 0.9 {
            writeln!(out, "  body F1 {f1:.3} (P {precision:.3}, R {recall:.3})")?;
        }
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
    // What the gold does not give is not scored and not printed.
    match r.pages_without_headline {
        0 => writeln!(out, "headline exact        {:.3}", r.headline_accuracy)?,
        n if n < r.pages => writeln!(
            out,
            "headline exact        {:.3}  ({} pages with one in the gold)",
            r.headline_accuracy,
            r.pages - n
        )?,
        _ => {}
    }
    if r.pages_without_body < r.pages {
        writeln!(
            out,
            "body F1 (4-shingles)  {:.3}  (precision {:.3}, recall {:.3}{})",
            r.body_f1,
            r.body_precision,
            r.body_recall,
            match r.pages_without_body {
                0 => String::new(),
                n => format!("; {} pages with one in the gold", r.pages - n),
            }
        )?;
    }
    writeln!(
        out,
        "date (day)            {:.3}  ({} pages with a gold date: {} missing, {} wrong; {:.3} within a day)",
        r.date_accuracy, r.date_pages, r.date_missing, r.date_wrong, r.date_within_a_day
    )?;
    if !r.date_by_language.is_empty() {
        let mut languages: Vec<_> = r.date_by_language.iter().collect();
        languages.sort_by(|a, b| b.1.pages.cmp(&a.1.pages).then(a.0.cmp(b.0)));
        let languages: Vec<String> = languages
            .iter()
            .map(|(language, share)| format!("{language} {:.3} ({})", share.accuracy, share.pages))
            .collect();
        writeln!(out, "  by language         {}", languages.join(", "))?;
    }
    if r.authors_pages > 0 {
        writeln!(
            out,
            "authors F1            {:.3}  ({} pages scored; {:.3} on pages whose gold names authors)",
            r.authors_f1, r.authors_pages, r.authors_f1_when_gold
        )?;
    }
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
