//! The publication date: not the modification date, not the date of a linked story.
//!
//! Trusted in this order, as htmldate and trafilatura do: what the page states in its metadata
//! (JSON-LD `datePublished` of the article, the common `<meta>` names — `article:published_time`,
//! `pubdate`, Dublin Core, Parse.ly, Sailthru, … — microdata `itemprop=datePublished`, any JSON-LD
//! `datePublished`, JSON-LD `dateCreated`); then the date in the URL path or the first `<time>`
//! after the headline that is not in a list of links; then what the reader sees: a dateline near
//! the headline, an element the page marks as a date (`class="date"`, `id="datum"`, the byline
//! block), any `<time>`, and the first date in the short lines after the headline. Dates labelled
//! as modifications, copyright lines and the dates of related stories are passed over
//! ([`visible`]).
//!
//! The date keeps the offset the page wrote it in, so its calendar day is the local news day. A
//! time given in UTC takes the zone of a visible date that names the same instant ("8:00 PM EST,
//! Tue December 19, 2023"), or, when the URL path was filed on the day before or after, the
//! nearest zone that puts the instant on that day. All-numeric dates are read day-first or
//! month-first as the page's language implies, unless the page's other dates say otherwise.

mod visible;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Timelike, Utc};

use super::dom::{Dom, Kind};
use super::metadata::{string_of, Metadata};
use crate::dates::{check_range, date_in_url, dates_in, parse_local_with, DayOrder};
use visible::{in_link_list, is_modification};

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
];

/// `<meta>` names that carry some date of the page, which content systems often fill with the
/// last change: weaker than a date the reader is shown.
const GENERIC_META_KEYS: &[&str] = &["dc.date", "dcterms.date", "date"];

/// A date and the warnings about candidates rejected on the way.
pub(super) struct Published {
    /// The accepted date, in the offset the page wrote it in.
    pub date: Option<DateTime<FixedOffset>>,
    /// Where the date was found (read by the tests, and handy when a date is wrong).
    #[cfg_attr(not(test), allow(dead_code))]
    pub source: Option<Source>,
    /// Why candidates were refused (absurd dates).
    pub warnings: Vec<String>,
}

/// Where on the page a publication date was found, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    /// JSON-LD, `<meta>` or microdata.
    Metadata,
    /// The URL path.
    Url,
    /// A `<time>` after the headline.
    Time,
    /// A short line after the headline that is nothing but a date.
    Dateline,
    /// A date after a label that says it is the publication date.
    Labelled,
    /// An element whose class or id says it holds a date.
    MarkedElement,
    /// A `<time>` anywhere.
    AnyTime,
    /// A date in the text after the headline.
    Text,
    /// The last change of a page that gives no other date.
    Modified,
}

/// `<meta>` names of the last change of the page.
const MODIFIED_META_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "last-modified",
    "dc.date.modified",
];

/// How far a visible date may lie from the metadata instant and still be read as the same moment
/// written in the page's own zone (metadata is often rounded or a few minutes off the display).
const SAME_INSTANT_MINUTES: i64 = 90;

/// How far a UTC instant may be moved to meet the day of its URL path.
const MAX_FILED_SHIFT_HOURS: i32 = 8;

/// Finds the publication date.
pub(super) fn published(
    dom: &Dom<'_>,
    meta: &Metadata,
    url: Option<&str>,
    order: DayOrder,
    headline: &str,
) -> Published {
    let mut warnings = Vec::new();
    let head = visible::headline_element(dom, headline);
    let order = page_order(dom, order);
    let from_metadata = |stated: Stated| {
        let date = in_page_zone(dom, meta, head, stated.date, order);
        let filed = url.and_then(date_in_url).map(|d| d.date_naive());
        let date = match filed {
            Some(filed) if stated.utc && date.offset().local_minus_utc() == 0 => on_filed_day(date, filed),
            _ => date,
        };
        (Some(date), Some(Source::Metadata))
    };
    let (date, source) = if let Some(found) = stated(dom, meta, order, &mut warnings) {
        from_metadata(found)
    } else if let Some((date, source)) = seen(dom, head, meta, url, order, &mut warnings) {
        (Some(in_page_zone(dom, meta, head, date, order)), Some(source))
    } else if let Some(found) = GENERIC_META_KEYS
        .iter()
        .flat_map(|k| meta.all(k))
        .find_map(|t| stated_in(t, order, &mut warnings))
    {
        from_metadata(found)
    } else if let Some((date, source)) = glimpsed(dom, head, order) {
        (Some(date), Some(source))
    } else if let Some(found) = MODIFIED_META_KEYS
        .iter()
        .flat_map(|k| meta.all(k))
        .map(str::to_owned)
        .chain(
            meta.articles()
                .filter_map(|o| o.get("dateModified").and_then(string_of)),
        )
        .find_map(|t| stated_in(&t, order, &mut warnings))
    {
        // A page that states only when it last changed: that is the best date it has.
        (Some(found.date), Some(Source::Modified))
    } else if let Some((date, source)) =
        first_plausible(&[(Source::Modified, &|| visible::labelled_modification(dom, order))])
    {
        (Some(date), Some(source))
    } else {
        (None, None)
    };
    Published { date, source, warnings }
}

/// A date parsed from `text` when it is plausible; absurd ones leave a warning.
fn accept(text: &str, order: DayOrder, warnings: &mut Vec<String>) -> Option<DateTime<FixedOffset>> {
    let date = parse_local_with(&plain_spaces(text), order)?;
    match check_range(date.with_timezone(&Utc)) {
        Ok(_) => Some(date),
        Err(e) => {
            warnings.push(format!("ignored publication date: {e}"));
            None
        }
    }
}

/// A date stated in the metadata, and whether it was written in UTC (`Z`, `+00:00`), which says
/// nothing of the local day.
struct Stated {
    date: DateTime<FixedOffset>,
    utc: bool,
}

/// A date stated in metadata text.
fn stated_in(text: &str, order: DayOrder, warnings: &mut Vec<String>) -> Option<Stated> {
    accept(text, order, warnings).map(|date| Stated {
        date,
        utc: written_in_utc(text),
    })
}

/// The date the page states in its metadata under a name that means publication.
fn stated(dom: &Dom<'_>, meta: &Metadata, order: DayOrder, warnings: &mut Vec<String>) -> Option<Stated> {
    let mut accept = |text: &str| stated_in(text, order, warnings);
    let articles =
        |key: &str| -> Vec<String> { meta.articles().filter_map(|o| o.get(key).and_then(string_of)).collect() };
    articles("datePublished")
        .iter()
        .find_map(|t| accept(t))
        .or_else(|| META_KEYS.iter().flat_map(|k| meta.all(k)).find_map(&mut accept))
        .or_else(|| itemprop(dom).iter().find_map(|t| accept(t)))
        // When the record was made is a weaker claim than any stated publication date.
        .or_else(|| articles("dateCreated").iter().find_map(|t| accept(t)))
}

/// The date the reader is shown, when the metadata states none under a publication name: the URL
/// path or a `<time>` after the headline, a page object's `datePublished`, a dateline, a date after
/// a publication label, an element marked as a date.
fn seen(
    dom: &Dom<'_>,
    head: Option<usize>,
    meta: &Metadata,
    url: Option<&str>,
    order: DayOrder,
    warnings: &mut Vec<String>,
) -> Option<(DateTime<FixedOffset>, Source)> {
    let from_url = url
        .and_then(date_in_url)
        .and_then(|d| check_range(d).ok())
        .map(|d| d.fixed_offset());
    let from_time = time_elements(dom, head).iter().find_map(|t| accept(t, order, warnings));
    match (from_url, from_time) {
        // A story filed one day and put out the next: the `<time>` has the day it went out.
        (Some(filed), Some(time)) if (0..=1).contains(&(time.date_naive() - filed.date_naive()).num_days()) => {
            return Some((time, Source::Time))
        }
        // Otherwise a full date in the URL path, fixed when the story is filed, beats a loose `<time>`.
        (Some(filed), _) => return Some((filed, Source::Url)),
        (None, Some(time)) => return Some((time, Source::Time)),
        (None, None) => {}
    }
    // A page object's `datePublished` (a WebPage beside the article) is often the first version of
    // a page that shows a later date as its own: it ranks below the visible `<time>`.
    let pages: Vec<String> = meta
        .json_ld
        .iter()
        .filter_map(|o| o.get("datePublished").and_then(string_of))
        .collect();
    if let Some(date) = pages.iter().find_map(|t| accept(t, order, warnings)) {
        return Some((date, Source::Metadata));
    }
    if let Some(date) = dateline(dom, head, order)
        .iter()
        .find_map(|t| accept(t, order, warnings))
    {
        return Some((date, Source::Dateline));
    }
    first_plausible(&[
        (Source::Labelled, &|| visible::labelled_date(dom, order)),
        (Source::MarkedElement, &|| {
            visible::marked_element_date(dom, head, order)
        }),
    ])
}

/// The last resorts: any `<time>`, a date in the short lines near the headline.
fn glimpsed(dom: &Dom<'_>, head: Option<usize>, order: DayOrder) -> Option<(DateTime<FixedOffset>, Source)> {
    first_plausible(&[
        (Source::AnyTime, &|| visible::any_time_date(dom, order)),
        (Source::Text, &|| visible::text_near_headline(dom, head, order)),
        (Source::Text, &|| visible::text_above_headline(dom, head, order)),
    ])
}

/// A day-only finder: finds the date of a source when it has one.
type DayFinder<'f> = &'f dyn Fn() -> Option<NaiveDate>;

/// The first plausible day of the sources, in order, as midnight of that day.
fn first_plausible(sources: &[(Source, DayFinder<'_>)]) -> Option<(DateTime<FixedOffset>, Source)> {
    sources.iter().find_map(|(source, find)| {
        let day = Utc
            .from_utc_datetime(&find()?.and_time(chrono::NaiveTime::MIN))
            .fixed_offset();
        check_range(day.with_timezone(&Utc)).ok().map(|_| (day, *source))
    })
}

/// The page's order for all-numeric dates: its language's, unless its own slashed dates can only be
/// read the other way (a `25/12/2023` on a page declared `en`).
fn page_order(dom: &Dom<'_>, order: DayOrder) -> DayOrder {
    let (mut day_first, mut month_first) = (false, false);
    let mut seen = 0;
    for node in &dom.nodes {
        let Kind::Text(text) = node.kind else { continue };
        if !text.contains('/') || text.len() > 400 {
            continue;
        }
        for found in dates_in(text, DayOrder::MonthFirst) {
            let written = &text[found.start..found.end];
            let mut fields = written.split('/').map(|f| f.trim().parse::<u32>().unwrap_or(0));
            if let (Some(a), Some(b)) = (fields.next(), fields.next()) {
                day_first |= a > 12 && b <= 12;
                month_first |= b > 12 && a <= 12;
            }
            seen += 1;
        }
        if seen > 50 {
            break;
        }
    }
    match (day_first, month_first) {
        (true, false) => DayOrder::DayFirst,
        (false, true) => DayOrder::MonthFirst,
        _ => order,
    }
}

/// True when a timestamp names UTC as its zone.
fn written_in_utc(text: &str) -> bool {
    let text = text.trim();
    text.ends_with(['Z', 'z']) || ["+00:00", "+0000", "UTC", "GMT"].iter().any(|z| text.contains(z))
}

/// A UTC instant moved to the nearest whole-hour zone that puts it on the day the URL was filed,
/// when that day is the one before or after: the path is written in the newsroom's local time.
/// A date without a time (midnight UTC) is already a day and stays.
fn on_filed_day(date: DateTime<FixedOffset>, filed: NaiveDate) -> DateTime<FixedOffset> {
    let utc = date.with_timezone(&Utc);
    if utc.time() == chrono::NaiveTime::MIN {
        return date;
    }
    let hours = match (filed - utc.date_naive()).num_days() {
        -1 => -(utc.hour() as i32 + 1),
        1 => 24 - utc.hour() as i32,
        _ => return date,
    };
    match FixedOffset::east_opt(hours * 3600) {
        // Further than the Americas or East Asia is a story filed a day before it went out.
        Some(zone) if hours.abs() <= MAX_FILED_SHIFT_HOURS => utc.with_timezone(&zone),
        _ => date,
    }
}

/// `date` moved to the zone of a visible date that names the same instant, when `date` itself was
/// written in UTC: metadata in UTC says nothing about the local day, the page's display does.
fn in_page_zone(
    dom: &Dom<'_>,
    meta: &Metadata,
    head: Option<usize>,
    date: DateTime<FixedOffset>,
    order: DayOrder,
) -> DateTime<FixedOffset> {
    if date.offset().local_minus_utc() != 0 {
        return date;
    }
    // The page's other statements of the instant: its visible dates, the `datetime` of its
    // `<time>` and the `<meta>` dates, any of which may carry the local offset.
    let mut shown = visible_dates(dom, head, order);
    shown.extend(article_times(dom, head).filter_map(|i| dom.attr(i, "datetime").map(str::to_owned)));
    shown.extend(
        META_KEYS
            .iter()
            .chain(GENERIC_META_KEYS)
            .flat_map(|k| meta.all(k))
            .map(str::to_owned),
    );
    shown
        .iter()
        .filter_map(|t| parse_local_with(&plain_spaces(t), order))
        .find(|shown| {
            shown.offset().local_minus_utc() != 0
                && (shown.with_timezone(&Utc) - date.with_timezone(&Utc))
                    .num_minutes()
                    .abs()
                    <= SAME_INSTANT_MINUTES
        })
        .map_or(date, |shown| date.with_timezone(shown.offset()))
}

/// The text with non-breaking and other Unicode spaces made plain.
fn plain_spaces(text: &str) -> String {
    text.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect()
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
fn time_elements(dom: &Dom<'_>, head: Option<usize>) -> Vec<String> {
    article_times(dom, head)
        .filter_map(|i| dom.attr(i, "datetime").map(str::to_owned))
        .take(3)
        .collect()
}

/// The `<time>` elements [`time_elements`] reads, in document order.
fn article_times<'a>(dom: &'a Dom<'_>, head: Option<usize>) -> impl Iterator<Item = usize> + 'a {
    let start = head.unwrap_or(0);
    dom.elements_named("time")
        .filter(move |&i| i >= start && !is_modification(dom, i) && !in_link_list(dom, i))
}

/// Dates as the reader sees them near the headline: the text of `<time>` elements, then datelines.
fn visible_dates(dom: &Dom<'_>, head: Option<usize>, order: DayOrder) -> Vec<String> {
    let mut out: Vec<String> = article_times(dom, head).take(3).map(|i| dom.text(i)).collect();
    out.extend(dateline(dom, head, order));
    out
}

/// Short text lines just after the headline ("Published 17 December 2023", "Dec. 17, 2023 5:00 am ET").
fn dateline(dom: &Dom<'_>, head: Option<usize>, order: DayOrder) -> Vec<String> {
    let Some(start) = head else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, node) in dom.nodes.iter().enumerate().skip(start).take(400) {
        if let Kind::Text(text) = node.kind {
            let text = text.trim();
            if text.len() < 6 || text.len() > 80 || is_modification(dom, node.parent) || in_link_list(dom, i) {
                continue;
            }
            // A byline and a date on one line: "By Jo Doe | February 28, 2023".
            for part in text.split(['|', '\u{b7}', '\u{2022}']).map(str::trim) {
                if part.len() >= 6 && !visible::says_modified(part) {
                    out.push(part.to_owned());
                    // A label the parser does not know ("Written: 2023-11-07 15:03"): the date and
                    // what follows it, when the line is a label, the date and little more.
                    if let Some(found) = visible::publication_date_in(part, order) {
                        let label = part[..found.start].trim_end();
                        if label.ends_with(':') && found.start <= 30 && part.len() - found.end <= 25 {
                            out.push(part[found.start..].to_owned());
                        }
                    }
                }
            }
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
        published(&dom, &meta, url, DayOrder::MonthFirst, "")
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
    fn the_dateline_under_the_headline_not_under_the_logo() {
        // The first `<h1>` is the site's name; the story's date sits under the story's headline,
        // after a label the parser does not know.
        let page = r#"<h1>Site</h1><ul><li>Home</li></ul><p>Notes from 03.03.2019</p>
            <h1>Colder weather ahead</h1><p class="x">Written: 2023-11-07 15:03:30<span> / </span>Updated: 2023-11-07 15:30:46</p>
            <p>Text of the story.</p><h2>Editor's pick</h2><p>2023-11-03</p>"#;
        let html = Html::parse_document(page);
        let dom = Dom::new(&html);
        let meta = Metadata::read(&dom);
        let found = published(&dom, &meta, None, DayOrder::MonthFirst, "Colder weather ahead");
        assert_eq!(
            found.date.map(|d| d.format("%F").to_string()).as_deref(),
            Some("2023-11-07")
        );
        // Only a label with a colon is cut off: a date in a sentence is not a dateline.
        let sentence = "<h1>Stammtisch</h1><p>Der Stammtisch <b>Lübeck</b> findet am Freitag, 8. Juni 2012</p>";
        let html = Html::parse_document(sentence);
        let lines = dateline(&Dom::new(&html), Some(0), DayOrder::DayFirst);
        assert!(!lines.iter().any(|l| l.starts_with("8. Juni")), "{lines:?}");
    }

    #[test]
    fn a_utc_time_takes_the_offset_of_the_time_element_or_another_meta() {
        let page = r#"<meta property="article:published_time" content="2023-11-09T02:11:03+00:00">
            <h1>H</h1><time datetime="2023-11-08T21:11:03-05:00">November 8, 2023</time>"#;
        assert_eq!(date_of(page, None).as_deref(), Some("2023-11-08 21:11"));
        let meta = r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-10-18T22:04:00Z"}</script>
            <meta name="date" content="Sat, 19 Oct 2019 00:04:00 +0200">"#;
        assert_eq!(date_of(meta, None).as_deref(), Some("2019-10-19 00:04"));
    }

    #[test]
    fn a_page_that_gives_only_its_last_change() {
        let page = "<h1>Kinder und Arbeit</h1><p>Text.</p><p>Aktualisiert: 30.12.2016</p>";
        let html = Html::parse_document(page);
        let dom = Dom::new(&html);
        let meta = Metadata::read(&dom);
        let found = published(&dom, &meta, None, DayOrder::DayFirst, "");
        assert_eq!(
            found.date.map(|d| d.format("%F").to_string()).as_deref(),
            Some("2016-12-30")
        );
        assert_eq!(found.source, Some(Source::Modified));
        // A generic `date` meta (often the last change) yields to the date the reader is shown.
        let shown = r#"<meta name="date" content="2021-05-01"><h1>H</h1><p class="date">3. März 2020</p>"#;
        let html = Html::parse_document(shown);
        let dom = Dom::new(&html);
        let meta = Metadata::read(&dom);
        let found = published(&dom, &meta, None, DayOrder::DayFirst, "H");
        assert_eq!(
            found.date.map(|d| d.format("%F").to_string()).as_deref(),
            Some("2020-03-03")
        );
    }

    #[test]
    fn absurd_dates_are_skipped() {
        let page = r#"<meta name="pubdate" content="1800-01-01"><meta name="date" content="2023-01-02">"#;
        assert_eq!(date_of(page, None).as_deref(), Some("2023-01-02 00:00"));
    }
}
