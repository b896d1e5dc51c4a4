//! Timeline charts, facet counts and near-duplicate clusters for the terminal.

use std::io::Write;

use lede_query::{Cluster, Facet, Timeline};

use lede::wire;

use super::{bar, day_or_undated, pad};
use crate::render::style::{paint, BOLD, DIM, GREEN};

/// The chart: one row per bucket, one bar per series side by side (shares in percent with `--normalize`); a
/// bucket the data covers only in part is marked `*`.
pub fn timeline(out: &mut impl Write, t: &Timeline, color: bool) -> std::io::Result<()> {
    let series = t.series.len().max(1);
    let bar_width = (60 / series).clamp(8, 50);
    let cell = |bucket: &lede_query::Bucket, i: usize| -> (f64, String) {
        if t.normalized {
            let share = bucket.shares.get(i).copied().unwrap_or(0.0);
            (share, format!("{:.1}%", 100.0 * share))
        } else {
            let count = bucket.counts.get(i).copied().unwrap_or(0);
            (count as f64, count.to_string())
        }
    };
    let (mut max, mut count_width) = (0.0f64, 1);
    for bucket in &t.buckets {
        for i in 0..bucket.counts.len() {
            let (value, text) = cell(bucket, i);
            max = max.max(value);
            count_width = count_width.max(text.len());
        }
    }
    let label_width = t.buckets.iter().map(|b| b.label.len() + 1).max().unwrap_or(4);
    let column = bar_width + count_width + 2;
    if series > 1 || t.split_by.is_some() {
        let mut header = " ".repeat(label_width + 2);
        for s in &t.series {
            let name = if s.label.is_empty() { "(all)" } else { s.label.as_str() };
            let name: String = name.chars().take(column - 1).collect();
            header.push_str(&pad(&name, column + 1));
        }
        writeln!(out, "{}", paint(header.trim_end(), BOLD, color))?;
    }
    // Bars in thousandths of the largest value, so shares and counts draw alike.
    let scale = |value: f64| {
        if max > 0.0 {
            (value / max * 1000.0).round() as u64
        } else {
            0
        }
    };
    for bucket in &t.buckets {
        let label = if bucket.partial {
            format!("{}*", bucket.label)
        } else {
            bucket.label.clone()
        };
        let mut line = format!("{}  ", pad(&label, label_width));
        for i in 0..bucket.counts.len() {
            let (value, text) = cell(bucket, i);
            let cells = pad(&bar(scale(value), 1000, bar_width), bar_width);
            line.push_str(&paint(&cells, GREEN, color));
            line.push_str(&format!(" {text:>count_width$}"));
            if i + 1 < bucket.counts.len() {
                line.push_str("  ");
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    if t.buckets.iter().any(|b| b.partial) {
        writeln!(
            out,
            "{}",
            paint("* the data covers only part of this period", DIM, color)
        )?;
    }
    Ok(())
}

/// `lede words`: per group a heading, then one line per word with its articles in the set and the background.
pub fn words(out: &mut impl Write, report: &lede_query::WordsReport, color: bool) -> std::io::Result<()> {
    for (n, group) in report.groups.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        if let Some(value) = &group.value {
            let split = report.split_by.as_deref().unwrap_or("");
            writeln!(out, "{}", paint(&format!("{split}: {value}"), BOLD, color))?;
        }
        let width = group
            .words
            .iter()
            .map(|w| w.text.chars().count())
            .max()
            .unwrap_or(4)
            .min(40);
        let pct = |n: u64, of: u64| 100.0 * n as f64 / of.max(1) as f64;
        for (i, word) in group.words.iter().enumerate() {
            writeln!(
                out,
                "{:>3}. {}  {:>6} {:>5.1}%  vs {:>6} {:>5.1}%  {}",
                i + 1,
                paint(&pad(&word.text, width), GREEN, color),
                word.articles,
                pct(word.articles, group.articles),
                word.background_articles,
                pct(word.background_articles, group.background),
                paint(&format!("{} {:.1}", report.score, word.score), DIM, color),
            )?;
        }
    }
    Ok(())
}

/// Facet counts: per field a heading, then one line per value with its count, share and a bar.
pub fn facets(out: &mut impl Write, counted: &[Facet], color: bool) -> std::io::Result<()> {
    let counted: Vec<lede_query::FieldCounts> = counted
        .iter()
        .map(|facet| lede_query::FieldCounts {
            field: facet.field.to_string(),
            articles: facet.articles,
            articles_with_value: facet.articles_with_value,
            distinct: facet.distinct,
            top: facet.top.clone(),
        })
        .collect();
    field_counts(out, &counted, color)
}

/// `--facets` over lede's and metadata fields alike: a heading per field, then its top values with bars.
pub fn field_counts(out: &mut impl Write, counted: &[lede_query::FieldCounts], color: bool) -> std::io::Result<()> {
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

/// `lede entities NAME --variants`: a canonical name, its articles in any form, and each stored form.
pub fn entity_variants(out: &mut impl Write, entity: &wire::EntityVariants, color: bool) -> std::io::Result<()> {
    let heading = format!(
        "{} {}: {} articles in any form",
        entity.kind, entity.name, entity.articles
    );
    writeln!(out, "{}", paint(&heading, BOLD, color))?;
    let width = entity
        .variants
        .iter()
        .map(|v| v.articles.to_string().len())
        .max()
        .unwrap_or(1);
    for variant in &entity.variants {
        writeln!(out, "  {:>width$}  {}", variant.articles, variant.name)?;
    }
    Ok(())
}

/// One near-duplicate cluster: rank and headline, size · dates · outlets, then each member.
pub fn cluster(out: &mut impl Write, rank: usize, cluster: &Cluster, color: bool) -> std::io::Result<()> {
    let span = if cluster.first == cluster.last {
        day_or_undated(&cluster.first)
    } else {
        format!(
            "{} .. {}",
            day_or_undated(&cluster.first),
            day_or_undated(&cluster.last)
        )
    };
    let headline = if cluster.headline.is_empty() {
        "(no headline)"
    } else {
        cluster.headline.as_str()
    };
    writeln!(out, "{rank:>3}. {}", paint(headline, BOLD, color))?;
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
                    day_or_undated(&member.published),
                    member.source.as_deref().unwrap_or("-"),
                    member.distance
                ),
                DIM,
                color
            )
        )?;
    }
    writeln!(out)
}
