//! The publication date: not the modification date, not the date of a linked story.
//!
//! Trusted in this order: JSON-LD `datePublished` of the article, the common
//! `<meta>` names (`article:published_time`, `pubdate`, Dublin Core, Parse.ly,
//! Sailthru, …), microdata `itemprop=datePublished`, the first `<time>` after the
//! headline that is not in a list of links, the date in the URL path, and a visible
//! dateline near the headline. Times with a zone are converted to UTC; all-numeric
//! dates are read day-first or month-first as the page's language implies.

use chrono::{DateTime, Utc};

use super::dom::{Dom, Kind, NONE};
use super::metadata::{string_of, Metadata};
use crate::dates::{check_range, date_in_url, parse_date_with, DayOrder};

/// `<meta>` names that carry the publication date, most specific first.
const META_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "published_time",
    "article:published",
    "datepublished",
    "date_published",
    "article.published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "originalpublicationdate",
    "article_date_original",
    "displaydate",
    "citation_publication_date",
    "prism.publicationdate",
    "dc.date",
    "dcterms.date",
    "date",
];

/// A date and the warnings about candidates rejected on the way.
pub(super) struct Published {
    /// The accepted date.
    pub date: Option<DateTime<Utc>>,
    /// Why candidates were refused (absurd dates).
    pub warnings: Vec<String>,
}

/// Finds the publication date.
pub(super) fn published(dom: &Dom<'_>, meta: &Metadata, url: Option<&str>, order: DayOrder) -> Published {
    let mut warnings = Vec::new();
    let mut accept = |text: &str| -> Option<DateTime<Utc>> {
        let date = parse_date_with(&ascii(text)?, order)?;
        match check_range(date) {
            Ok(date) => Some(date),
            Err(e) => {
                warnings.push(format!("ignored publication date: {e}"));
                None
            }
        }
    };
    let mut date = meta
        .articles()
        .filter_map(|o| {
            o.get("datePublished")
                .or_else(|| o.get("dateCreated"))
                .and_then(string_of)
        })
        .find_map(|t| accept(&t));
    if date.is_none() {
        date = META_KEYS.iter().flat_map(|k| meta.all(k)).find_map(&mut accept);
    }
    if date.is_none() {
        date = itemprop(dom).iter().find_map(|t| accept(t));
    }
    // A full date in the URL path is fixed when the story is filed: it beats loose `<time>` elements.
    if date.is_none() {
        date = url.and_then(date_in_url).and_then(|d| check_range(d).ok());
    }
    if date.is_none() {
        date = time_elements(dom).iter().find_map(|t| accept(t));
    }
    if date.is_none() {
        date = dateline(dom).iter().find_map(|t| accept(t));
    }
    Published { date, warnings }
}

/// The text with non-breaking and other Unicode spaces made plain; `None` when other non-ASCII
/// characters remain (the date parser reads English and numeric dates, and slices by bytes).
fn ascii(text: &str) -> Option<String> {
    let plain: String = text.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
    plain.is_ascii().then_some(plain)
}

/// Values of `itemprop=datePublished` elements (`content`, `datetime`, or text).
fn itemprop(dom: &Dom<'_>) -> Vec<String> {
    (0..dom.nodes.len())
        .filter(|&i| {
            dom.attr(i, "itemprop")
                .is_some_and(|p| p.trim().eq_ignore_ascii_case("datePublished"))
        })
        .filter_map(|i| {
            dom.attr(i, "content")
                .or_else(|| dom.attr(i, "datetime"))
                .map(str::to_owned)
                .or_else(|| Some(dom.text(i)))
        })
        .take(3)
        .collect()
}

/// `datetime` of `<time>` elements after the first `<h1>` (or anywhere when there is none),
/// outside lists, links, navigation and asides; modification times left out.
fn time_elements(dom: &Dom<'_>) -> Vec<String> {
    let start = dom.elements_named("h1").next().unwrap_or(0);
    let mut out = Vec::new();
    for i in dom.elements_named("time").filter(|&i| i >= start) {
        if out.len() >= 3 {
            break;
        }
        let Some(value) = dom.attr(i, "datetime") else { continue };
        if is_modification(dom, i) || in_link_list(dom, i) {
            continue;
        }
        out.push(value.to_owned());
    }
    out
}

fn is_modification(dom: &Dom<'_>, index: usize) -> bool {
    let own = [
        dom.attr(index, "class"),
        dom.attr(index, "itemprop"),
        dom.attr(index, "id"),
    ];
    let parent = dom.nodes.get(index).map_or(NONE, |n| n.parent);
    let parent_attrs = [dom.attr(parent, "class"), dom.attr(parent, "itemprop")];
    own.iter().chain(parent_attrs.iter()).flatten().any(|v| {
        let v = v.to_ascii_lowercase();
        v.contains("modif") || v.contains("updated")
    })
}

fn in_link_list(dom: &Dom<'_>, index: usize) -> bool {
    dom.ancestors(index)
        .take(12)
        .any(|a| matches!(dom.tag(a), "li" | "a" | "nav" | "aside" | "footer"))
}

/// Short text lines just after the headline ("Published 17 December 2023", "Dec. 17, 2023 5:00 am ET").
fn dateline(dom: &Dom<'_>) -> Vec<String> {
    let Some(start) = dom.elements_named("h1").next() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for node in dom.nodes.iter().skip(start).take(400) {
        if let Kind::Text(text) = node.kind {
            let text = text.trim();
            if text.len() < 6 || text.len() > 80 {
                continue;
            }
            let lower = text.to_ascii_lowercase();
            if lower.contains("updated") || lower.contains("modified") {
                continue;
            }
            out.push(text.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn date_of(page: &str, url: Option<&str>) -> Option<String> {
        let html = Html::parse_document(page);
        let dom = Dom::new(&html);
        let meta = Metadata::read(&dom);
        published(&dom, &meta, url, DayOrder::MonthFirst)
            .date
            .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
    }

    #[test]
    fn json_ld_date_published_wins_over_modified() {
        let page = r#"<script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2023-12-20T10:00:00Z",
            "datePublished":"2023-12-17T22:30:00-05:00"}</script>"#;
        assert_eq!(date_of(page, None).as_deref(), Some("2023-12-18 03:30"));
    }

    #[test]
    fn meta_then_url_then_dateline() {
        let meta = r#"<meta property="article:published_time" content="2023-12-17T08:00:00Z">"#;
        assert_eq!(date_of(meta, None).as_deref(), Some("2023-12-17 08:00"));
        assert_eq!(
            date_of("<p>x</p>", Some("https://x.com/2023/12/17/story/")).as_deref(),
            Some("2023-12-17 00:00")
        );
        let dateline = "<h1>Headline</h1><p>By Jo Doe</p><p>December 17, 2023</p><p>Text.</p>";
        assert_eq!(date_of(dateline, None).as_deref(), Some("2023-12-17 00:00"));
    }

    #[test]
    fn absurd_dates_are_skipped() {
        let page = r#"<meta name="pubdate" content="1800-01-01"><meta name="date" content="2023-01-02">"#;
        assert_eq!(date_of(page, None).as_deref(), Some("2023-01-02 00:00"));
    }
}
