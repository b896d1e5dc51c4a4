//! Machine output: library values as the binary's wire types (`lede::wire`), one JSON value per line.

use std::io::Write;

use lede::wire;
use lede_article::Entities;
use lede_indexer::IndexSummary;
use lede_query::{
    BenchMode, BenchReport, Cluster, CollapsedHit, Facet, Hit, IndexStats, Interval, Latency, SearchResults, Timeline,
};

use super::rfc3339;

/// The summary line of `lede search --json` (on stderr): the total and the did-you-mean suggestions.
pub fn search_summary(offset: usize, results: &SearchResults) -> wire::SearchSummary {
    wire::SearchSummary {
        total: results.total,
        offset,
        returned: results.hits.len(),
        partial: results.partial.len(),
        suggestions: results
            .suggestions
            .iter()
            .map(|s| wire::Suggestion {
                word: s.word.clone(),
                suggestion: s.suggestion.clone(),
                word_articles: s.word_articles,
                suggestion_articles: s.suggestion_articles,
            })
            .collect(),
    }
}

/// Writes one JSON value as a line.
pub fn write_line(out: &mut impl Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Byte ranges of `text` as character (code point) ranges, which scripts can slice with directly.
pub fn char_ranges(text: &str, ranges: &[(usize, usize)]) -> Vec<[usize; 2]> {
    let chars = |at: usize| text.get(..at).map_or(0, |prefix| prefix.chars().count());
    ranges.iter().map(|(s, e)| [chars(*s), chars(*e)]).collect()
}

/// Entities by kind.
pub fn entities(e: &Entities) -> wire::Entities {
    wire::Entities {
        person: e.person.clone(),
        organization: e.organization.clone(),
        location: e.location.clone(),
    }
}

/// A `lede search --json` (or `lede similar --json`) line.
pub fn hit(hit: &Hit) -> wire::Hit {
    wire::Hit {
        id: hit.id.clone(),
        score: hit.score,
        headline: hit.headline.clone(),
        published: hit.published.as_ref().map(rfc3339),
        source: hit.source.clone(),
        url: hit.url.clone(),
        path: hit.path.clone(),
        authors: hit.authors.clone(),
        entities: entities(&hit.entities),
        snippet: hit.snippet.text.clone(),
        snippet_highlights: char_ranges(&hit.snippet.text, &hit.snippet.highlights),
        fragments: hit
            .fragments
            .iter()
            .map(|f| wire::Fragment {
                text: f.text.clone(),
                highlights: char_ranges(&f.text, &f.highlights),
            })
            .collect(),
        metadata: hit.metadata.clone(),
        partial: false,
    }
}

/// A `lede search --json` line for an article holding only some of a short query's words.
pub fn partial_hit(hit: &Hit) -> wire::Hit {
    wire::Hit {
        partial: true,
        ..self::hit(hit)
    }
}

/// A `lede search --collapse --json` line.
pub fn collapsed_hit(c: &CollapsedHit) -> wire::CollapsedHit {
    wire::CollapsedHit {
        hit: hit(&c.hit),
        similar: c.similar.iter().map(|h| h.id.clone()).collect(),
        similar_outlets: c.similar_outlets(),
    }
}

/// The `lede entities --json` lines of one counted field.
pub fn entities_of_facet<'a>(f: &'a Facet, group: Option<&'a str>) -> impl Iterator<Item = wire::Entity> + 'a {
    f.top.iter().map(move |value| wire::Entity {
        group: group.map(str::to_owned),
        kind: f.field.name().to_owned(),
        name: value.value.clone(),
        articles: value.count,
        share: value.count as f64 / f.articles.max(1) as f64,
    })
}

/// A `lede parse --json` line.
pub fn article(a: &lede_article::Article) -> wire::Article {
    wire::Article {
        id: a.id.clone(),
        headline: a.headline.clone(),
        dek: a.dek.clone(),
        body: a.body.clone(),
        published: a.published.as_ref().map(rfc3339),
        authors: a.authors.clone(),
        source: a.source.clone(),
        url: a.url.clone(),
        language: a.language.clone(),
        entities: entities(&a.entities),
        path: a.path.clone(),
        record: a.record,
        metadata: a.metadata.clone(),
        warnings: a.warnings.clone(),
    }
}

/// The `lede show --json` object.
pub fn shown_article(a: &lede_article::Article, fingerprint: u64) -> wire::ShownArticle {
    wire::ShownArticle {
        article: article(a),
        fingerprint: format!("{fingerprint:016x}"),
    }
}

/// A `lede dups --json` line.
pub fn cluster(c: &Cluster) -> wire::Cluster {
    wire::Cluster {
        size: c.size,
        outlets: c
            .outlets
            .iter()
            .map(|(source, articles)| wire::Outlet {
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
            .map(|m| wire::ClusterMember {
                id: m.id.clone(),
                headline: m.headline.clone(),
                source: m.source.clone(),
                published: m.published.as_ref().map(rfc3339),
                distance: m.distance,
            })
            .collect(),
    }
}

/// The `lede timeline --json` object.
pub fn timeline(t: &Timeline) -> wire::Timeline {
    wire::Timeline {
        interval: match t.interval {
            Interval::Day => wire::Interval::Day,
            Interval::Week => wire::Interval::Week,
            Interval::Month => wire::Interval::Month,
            Interval::Year => wire::Interval::Year,
        },
        queries: t.queries.clone(),
        series: t
            .series
            .iter()
            .map(|s| wire::Series {
                label: s.label.clone(),
                query: s.query.clone(),
                value: s.value.clone(),
            })
            .collect(),
        split_by: t.split_by.clone(),
        normalized: t.normalized,
        buckets: t
            .buckets
            .iter()
            .map(|b| wire::Bucket {
                start: b.start,
                label: b.label.clone(),
                counts: b.counts.clone(),
                totals: b.totals.clone(),
                shares: b.shares.clone(),
                partial: b.partial,
            })
            .collect(),
        dated: t.dated.clone(),
        undated: t.undated.clone(),
    }
}

/// The `lede words --json` lines: one per word, group by group.
pub fn distinctive_words(report: &lede_query::WordsReport) -> Vec<wire::DistinctiveWord> {
    report
        .groups
        .iter()
        .flat_map(|group| {
            group.words.iter().map(move |word| wire::DistinctiveWord {
                group: group.value.clone(),
                text: word.text.clone(),
                words: word.words,
                score: word.score,
                score_kind: report.score.to_string(),
                articles: word.articles,
                set_articles: group.articles,
                background_articles: word.background_articles,
                background: group.background,
            })
        })
        .collect()
}

/// The `lede index --json` object.
pub fn index_summary(s: &IndexSummary) -> wire::IndexSummary {
    wire::IndexSummary {
        files_seen: s.files_seen,
        files_new: s.files_new,
        files_changed: s.files_changed,
        files_unchanged: s.files_unchanged,
        files_removed: s.files_removed,
        files_unsupported: s.files_unsupported,
        articles_added: s.articles_added,
        articles_updated: s.articles_updated,
        articles_unchanged: s.articles_unchanged,
        articles_removed: s.articles_removed,
        rejected_by_kind: s.rejected_by_kind.clone(),
        rejected: s.rejected,
        first_rejections: s.first_rejections.iter().map(rejection).collect(),
        rejections: s.rejections.iter().map(rejection).collect(),
        dates_dropped: s.dates_dropped,
        articles_in_index: s.articles_in_index,
        commits: s.commits,
        segments_merged: s.segments_merged,
        segments: s.segments,
        seconds: s.seconds,
        alias_merges: 0,
        alias_seconds: 0.0,
    }
}

/// The `lede stats --json` object.
pub fn stats(s: &IndexStats) -> wire::Stats {
    wire::Stats {
        articles: s.articles,
        articles_with_date: s.articles_with_date,
        earliest: s.earliest,
        latest: s.latest,
        sources: s.sources,
        languages: s.languages.clone(),
        files: s.files,
        index_bytes: s.index_bytes,
        segments: s.segments,
        metadata_fields: s
            .metadata_fields
            .iter()
            .map(|f| wire::MetadataField {
                name: f.name.clone(),
                distinct: f.distinct,
            })
            .collect(),
    }
}

/// One rejected file or record.
pub fn rejection(r: &lede_indexer::Rejection) -> wire::Rejection {
    wire::Rejection {
        path: r.path.clone(),
        kind: r.kind.clone(),
        reason: r.reason.clone(),
    }
}

/// A `--facets … --json` line for any field (lede's or a metadata field).
pub fn field_counts(f: &lede_query::FieldCounts) -> wire::Facet {
    wire::Facet {
        facet: f.field.clone(),
        articles: f.articles,
        distinct: f.distinct,
        values: f
            .top
            .iter()
            .map(|v| wire::FacetValue {
                value: v.value.clone(),
                count: v.count,
            })
            .collect(),
    }
}

/// Latency figures.
pub fn latency(l: &Latency) -> wire::Latency {
    wire::Latency {
        p50_ms: l.p50_ms,
        p95_ms: l.p95_ms,
        p99_ms: l.p99_ms,
        mean_ms: l.mean_ms,
        queries: l.queries,
    }
}

/// The `lede bench --json` object.
pub fn bench(r: &BenchReport) -> wire::BenchReport {
    wire::BenchReport {
        classes: r.classes.iter().map(|(class, l)| (class.clone(), latency(l))).collect(),
        all: latency(&r.all),
        qps: r.qps,
        search_threads: r.search_threads,
        articles: r.articles,
        mean_total_hits: r.mean_total_hits,
        mode: match r.mode {
            BenchMode::Search => wire::BenchMode::Search,
            BenchMode::Facets => wire::BenchMode::Facets,
            BenchMode::Timeline => wire::BenchMode::Timeline,
            BenchMode::SplitTimeline => wire::BenchMode::SplitTimeline,
            BenchMode::Words => wire::BenchMode::Words,
        },
        slowest: r
            .slowest
            .iter()
            .map(|q| wire::SlowQuery {
                class: q.class.clone(),
                query: q.query.clone(),
                median_ms: q.median_ms,
                max_ms: q.max_ms,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_highlights_are_character_offsets() {
        let text = "…the border wall";
        let ranges = char_ranges(text, &[(7, 13)]);
        assert_eq!(ranges, vec![[5, 11]]);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[5..11].iter().collect::<String>(), "border");
    }
}
