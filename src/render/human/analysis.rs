//! Timeline charts, facet counts and near-duplicate clusters for the terminal.

use std::io::Write;

use lede_query::{Cluster, Facet, Timeline};

use lede::wire;

use super::{bar, day_or_undated, pad};
use crate::render::style::{paint, BOLD, DIM, GREEN};

/// The chart: one row per bucket, one bar per query side by side.
pub fn timeline(out: &mut impl Write, t: &Timeline, color: bool) -> std::io::Result<()> {
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
