//! The publication date: not the modification date, not the date of a linked story.
//!
//! Trusted in this order: JSON-LD `datePublished` of the article, the common
//! `<meta>` names (`article:published_time`, `pubdate`, Dublin Core, Parse.ly,
//! Sailthru, …), microdata `itemprop=datePublished`, JSON-LD `dateCreated`, the date in the URL path or
//! the first `<time>` after the headline that is not in a list of links, and a
//! visible dateline near the headline. The date keeps the offset the page wrote it
//! in, so its calendar day is the local news day; a time given in UTC takes the
//! zone of a visible date that names the same instant ("8:00 PM EST, Tue December
//! 19, 2023"). All-numeric dates are read day-first or month-first as the page's
//! language implies.

use chrono::{DateTime, FixedOffset, Utc};

use super::dom::{Dom, Kind, NONE};
use super::metadata::{string_of, Metadata};
use crate::dates::{check_range, date_in_url, parse_local_with, DayOrder};

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
    /// The accepted date, in the offset the page wrote it in.
    pub date: Option<DateTime<FixedOffset>>,
    /// Why candidates were refused (absurd dates).
    pub warnings: Vec<String>,
}

/// How far a visible date may lie from the metadata instant and still be read as the same moment
/// written in the page's own zone (metadata is often rounded or a few minutes off the display).
const SAME_INSTANT_MINUTES: i64 = 90;

/// Finds the publication date.
pub(super) fn published(dom: &Dom<'_>, meta: &Metadata, url: Option<&str>, order: DayOrder) -> Published {
    let mut warnings = Vec::new();
    let mut accept = |text: &str| -> Option<DateTime<FixedOffset>> {
        let date = parse_local_with(&ascii(text)?, order)?;
        match check_range(date.with_timezone(&Utc)) {
            Ok(_) => Some(date),
            Err(e) => {
                warnings.push(format!("ignored publication date: {e}"));
                None
            }
        }
    };
    let json_ld =
        |key: &str| -> Vec<String> { meta.articles().filter_map(|o| o.get(key).and_then(string_of)).collect() };
    let mut date = json_ld("datePublished").iter().find_map(|t| accept(t));
    if date.is_none() {
        date = META_KEYS.iter().flat_map(|k| meta.all(k)).find_map(&mut accept);
    }
    if date.is_none() {
        date = itemprop(dom).iter().find_map(|t| accept(t));
    }
    // When the record was made is a weaker claim than any stated publication date.
    if date.is_none() {
        date = json_ld("dateCreated").iter().find_map(|t| accept(t));
    }
    if date.is_none() {
        let from_url = url
            .and_then(date_in_url)
            .and_then(|d| check_range(d).ok())
            .map(|d| d.fixed_offset());
        let from_time = time_elements(dom).iter().find_map(|t| accept(t));
        date = match (from_url, from_time) {
            // A story filed one day and put out the next: the `<time>` has the day it went out.
            (Some(filed), Some(time)) if (0..=1).contains(&(time.date_naive() - filed.date_naive()).num_days()) => {
                Some(time)
            }
            // Otherwise a full date in the URL path, fixed when the story is filed, beats a loose `<time>`.
            (Some(filed), _) => Some(filed),
            (None, time) => time,
        };
    }
    if date.is_none() {
        date = dateline(dom).iter().find_map(|t| accept(t));
    }
    if let Some(found) = date {
        date = Some(in_page_zone(dom, found, order));
    }
    Published { date, warnings }
}

/// `date` moved to the zone of a visible date that names the same instant, when `date` itself was
/// written in UTC: metadata in UTC says nothing about the local day, the page's display does.
fn in_page_zone(dom: &Dom<'_>, date: DateTime<FixedOffset>, order: DayOrder) -> DateTime<FixedOffset> {
    if date.offset().local_minus_utc() != 0 {
        return date;
    }
    visible_dates(dom)
        .iter()
        .filter_map(|t| parse_local_with(&ascii(t)?, order))
        .find(|shown| {
            shown.offset().local_minus_utc() != 0
                && (shown.with_timezone(&Utc) - date.with_timezone(&Utc))
                    .num_minutes()
                    .abs()
                    <= SAME_INSTANT_MINUTES
        })
        .map_or(date, |shown| date.with_timezone(shown.offset()))
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
    article_times(dom)
        .filter_map(|i| dom.attr(i, "datetime").map(str::to_owned))
        .take(3)
        .collect()
}

/// The `<time>` elements [`time_elements`] reads, in document order.
fn article_times<'a>(dom: &'a Dom<'_>) -> impl Iterator<Item = usize> + 'a {
    let start = dom.elements_named("h1").next().unwrap_or(0);
    dom.elements_named("time")
        .filter(move |&i| i >= start && !is_modification(dom, i) && !in_link_list(dom, i))
}

/// Dates as the reader sees them near the headline: the text of `<time>` elements, then datelines.
fn visible_dates(dom: &Dom<'_>) -> Vec<String> {
    let mut out: Vec<String> = article_times(dom).take(3).map(|i| dom.text(i)).collect();
    out.extend(dateline(dom));
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
            // A byline and a date on one line: "By Jo Doe | February 28, 2023".
            out.extend(
                text.split(['|', '\u{b7}', '\u{2022}'])
                    .map(str::trim)
                    .filter(|part| part.len() >= 6)
                    .map(str::to_owned),
            );
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
        assert_eq!(date_of(page, None).as_deref(), Some("2023-12-17 22:30"));
    }

    #[test]
    fn the_day_is_the_one_the_page_wrote() {
        // 21:05 on the 21st at UTC-5 is the 22nd in UTC; the story is a story of the 21st.
        let page = r#"<script type="application/ld+json">{"@type":"NewsArticle",
            "datePublished":"2023-12-21T21:05:52-05:00"}</script>"#;
        assert_eq!(date_of(page, None).as_deref(), Some("2023-12-21 21:05"));
    }

    #[test]
    fn a_utc_time_takes_the_zone_of_the_visible_date() {
        let page = r#"<meta property="article:published_time" content="2023-12-20T01:00:21Z">
            <h1>Headline</h1><div class="byline"><span>Updated</span> <span>8:00 PM EST, Tue December 19, 2023</span></div>
            <p>Text of the story, long enough to be a paragraph.</p>"#;
        assert_eq!(date_of(page, None).as_deref(), Some("2023-12-19 20:00"));
        // A visible date of another moment (a related story) leaves the instant in UTC.
        let other = page.replace("8:00 PM EST, Tue December 19", "9:00 AM EST, Mon December 11");
        assert_eq!(date_of(&other, None).as_deref(), Some("2023-12-20 01:00"));
    }

    #[test]
    fn a_stated_publication_date_beats_the_record_s_creation() {
        let page = r#"<script type="application/ld+json">{"@type":"NewsArticle","dateCreated":"2017-11-17T10:41:09Z"}</script>
            <h1>Headline</h1><time itemprop="datePublished" datetime="2017-11-16T14:15+0000">16 November 2017</time>"#;
        assert_eq!(date_of(page, None).as_deref(), Some("2017-11-16 14:15"));
    }

    #[test]
    fn a_time_the_day_after_the_url_date_is_when_the_story_went_out() {
        let page = r#"<h1>Headline</h1><time datetime="2023-12-22 05:00:00">12/22/2023 05:00 AM EST</time>"#;
        let url = Some("https://x.com/news/2023/12/21/story-123");
        assert_eq!(date_of(page, url).as_deref(), Some("2023-12-22 05:00"));
        let stale = page.replace("2023-12-22 05:00:00", "2023-12-28 05:00:00");
        assert_eq!(date_of(&stale, url).as_deref(), Some("2023-12-21 00:00"));
    }

    #[test]
    fn a_date_after_the_byline_on_one_line() {
        let page = "<h1>Headline</h1><span>By Jo Doe | February 28, 2023</span><p>Text.</p>";
        assert_eq!(date_of(page, None).as_deref(), Some("2023-02-28 00:00"));
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
