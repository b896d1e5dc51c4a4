//! CSV for spreadsheets: one table per command, a header row, then one row per hit, value, bucket and series,
//! entity or word. Lists (authors, people) are joined with `; `. Built from the wire types, so the columns are
//! the fields of `--json`.

use std::io::Write;

use lede::wire;

/// Writes a header and rows of cells as CSV (quoted and escaped where needed).
fn table(out: &mut impl Write, header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(header)?;
    for row in rows {
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

fn text(value: Option<&str>) -> String {
    value.unwrap_or_default().to_owned()
}

/// `lede search --csv`: one row per hit.
pub fn hits(out: &mut impl Write, hits: &[wire::Hit]) -> anyhow::Result<()> {
    let header = [
        "id",
        "score",
        "headline",
        "published",
        "source",
        "url",
        "path",
        "authors",
        "person",
        "organization",
        "location",
        "metadata",
        "snippet",
    ];
    let rows = hits.iter().map(|hit| {
        vec![
            hit.id.clone(),
            hit.score.to_string(),
            hit.headline.clone(),
            text(hit.published.as_deref()),
            text(hit.source.as_deref()),
            text(hit.url.as_deref()),
            hit.path.clone(),
            hit.authors.join("; "),
            hit.entities.person.join("; "),
            hit.entities.organization.join("; "),
            hit.entities.location.join("; "),
            serde_json::to_string(&hit.metadata).unwrap_or_default(),
            hit.snippet.clone(),
        ]
    });
    table(out, &header, rows)
}

/// `lede search --facets … --limit 0 --csv`: one row per field and value.
pub fn facets(out: &mut impl Write, facets: &[wire::Facet]) -> anyhow::Result<()> {
    let rows = facets.iter().flat_map(|facet| {
        facet.values.iter().map(move |value| {
            let share = value.count as f64 / facet.articles.max(1) as f64;
            vec![
                facet.facet.clone(),
                value.value.clone(),
                value.count.to_string(),
                format!("{share:.6}"),
                facet.articles.to_string(),
            ]
        })
    });
    table(out, &["facet", "value", "count", "share", "articles"], rows)
}

/// `lede values --csv`: one row per value.
pub fn values(out: &mut impl Write, values: &[wire::FacetValue]) -> anyhow::Result<()> {
    let rows = values.iter().map(|v| vec![v.value.clone(), v.count.to_string()]);
    table(out, &["value", "count"], rows)
}

/// `lede timeline --csv`: one row per bucket and series (long format, as charting tools read it).
pub fn timeline(out: &mut impl Write, t: &wire::Timeline) -> anyhow::Result<()> {
    let header = [
        "bucket", "start", "series", "query", "value", "count", "total", "share", "partial",
    ];
    let rows = t.buckets.iter().flat_map(|bucket| {
        bucket.counts.iter().enumerate().map(move |(i, count)| {
            let series = t.series.get(i);
            vec![
                bucket.label.clone(),
                bucket.start.to_string(),
                text(series.map(|s| s.label.as_str())),
                text(series.map(|s| s.query.as_str())),
                text(series.and_then(|s| s.value.as_deref())),
                count.to_string(),
                bucket.totals.get(i).map(u64::to_string).unwrap_or_default(),
                bucket.shares.get(i).map(|s| format!("{s:.6}")).unwrap_or_default(),
                bucket.partial.to_string(),
            ]
        })
    });
    table(out, &header, rows)
}

/// `lede entities --csv`: one row per entity.
pub fn entities(out: &mut impl Write, entities: &[wire::Entity]) -> anyhow::Result<()> {
    let rows = entities.iter().map(|e| {
        vec![
            text(e.group.as_deref()),
            e.kind.clone(),
            e.name.clone(),
            e.articles.to_string(),
            format!("{:.6}", e.share),
        ]
    });
    table(out, &["group", "kind", "name", "articles", "share"], rows)
}

/// `lede words --csv`: one row per word, the columns of `--json`.
pub fn words(out: &mut impl Write, words: &[wire::DistinctiveWord]) -> anyhow::Result<()> {
    let header = [
        "group",
        "text",
        "words",
        "score",
        "score_kind",
        "articles",
        "set_articles",
        "background_articles",
        "background",
    ];
    let rows = words.iter().map(|w| {
        vec![
            text(w.group.as_deref()),
            w.text.clone(),
            w.words.to_string(),
            format!("{:.3}", w.score),
            w.score_kind.clone(),
            w.articles.to_string(),
            w.set_articles.to_string(),
            w.background_articles.to_string(),
            w.background.to_string(),
        ]
    });
    table(out, &header, rows)
}
