//! Dates as the reader sees them: `<time>` elements, the dateline under the headline, elements
//! the page marks as holding a date (`class="date"`, `id="datum"`, `class="entry-meta"`), and
//! short lines of text near the headline.
//!
//! A date labelled as a modification ("Updated", "Aktualisiert", "mis à jour") or standing in a
//! copyright line is passed over, and so, first, is a date inside a list of links, navigation, an
//! aside or a footer: those are the dates of other stories.

use chrono::NaiveDate;

use super::super::dom::{Dom, Kind, NONE};
use crate::dates::{first_date_in, DayOrder, FoundDate};

/// Words that say the date after them is when the page changed, not when it came out.
const MODIFIED: &[&str] = &[
    "updated",
    "modified",
    "last edited",
    "aktualisiert",
    "geändert",
    "stand:",
    "mis à jour",
    "modifié",
    "actualizado",
    "actualización",
    "atualizado",
    "aggiornato",
    "bijgewerkt",
    "обновлено",
    "güncelle",
];

/// Words that say the date after them is when the page came out.
const PUBLISHED: &[&str] = &[
    "published",
    "posted",
    "date:",
    "veröffentlicht",
    "veröffentlichung",
    "erschienen",
    "erstellt",
    "datum:",
    "publié",
    "publication",
    "publicado",
    "publicada",
    "publicação",
    "fecha:",
    "pubblicato",
    "gepubliceerd",
    "opublikowano",
    "опубликовано",
    "yayınlanma",
    "yayımlanma",
];

/// Class or id words of elements that hold a date, strongest first.
const DATE_CLASSES: &[&str] = &[
    "published",
    "pubdate",
    "entry-date",
    "post-date",
    "article-date",
    "date",
    "datum",
    "fecha",
    "data-publica",
    "dateline",
    "timestamp",
    "posted",
    "submitted",
    "created",
    "parution",
    "zeit",
];

/// Class or id words of elements that often hold the date among other things.
const META_CLASSES: &[&str] = &[
    "byline",
    "meta",
    "subline",
    "time",
    "info",
    "author",
    "autor",
    "credit",
    "signature",
    "header",
];

/// True when `text` labels itself as a modification time.
pub(super) fn says_modified(text: &str) -> bool {
    let lower = text.to_lowercase();
    MODIFIED.iter().any(|w| lower.contains(w))
}

/// True when `text` is a copyright line.
fn is_copyright(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains('©') || lower.contains("copyright") || lower.contains("(c)") || lower.contains("&copy")
}

/// True when the element or its parent is marked as a modification time.
pub(super) fn is_modification(dom: &Dom<'_>, index: usize) -> bool {
    let parent = dom.nodes.get(index).map_or(NONE, |n| n.parent);
    [index, parent].iter().any(|&i| {
        [dom.attr(i, "class"), dom.attr(i, "itemprop"), dom.attr(i, "id")]
            .iter()
            .flatten()
            .any(|v| {
                let v = v.to_ascii_lowercase();
                v.contains("modif") || v.contains("updated") || v.contains("aktualisiert")
            })
    })
}

/// True inside a list of links, navigation, an aside or a footer. A list item without a link is a
/// line of the page's own (a byline laid out as a list), not another story.
pub(super) fn in_link_list(dom: &Dom<'_>, index: usize) -> bool {
    dom.ancestors(index).take(12).any(|a| {
        matches!(dom.tag(a), "a" | "nav" | "aside" | "footer")
            || (dom.tag(a) == "li" && holds_link(dom, a))
            || dom.attr(a, "class").is_some_and(|c| {
                let c = c.to_ascii_lowercase();
                c.contains("related") || c.contains("teaser") || c.contains("sidebar") || c.starts_with("footer")
            })
    })
}

/// True when the element has a link in it.
fn holds_link(dom: &Dom<'_>, index: usize) -> bool {
    let end = dom.nodes.get(index).map_or(index, |n| n.end).min(dom.nodes.len());
    (index + 1..end).any(|i| dom.tag(i) == "a")
}

/// The first `limit` characters of the text under `index`, whitespace collapsed, without scripts.
pub(super) fn text_start(dom: &Dom<'_>, index: usize, limit: usize) -> String {
    let end = dom.nodes.get(index).map_or(index, |n| n.end).min(dom.nodes.len());
    let mut out = String::new();
    let mut i = index;
    while i < end && out.len() < limit {
        match dom.nodes[i].kind {
            Kind::Text(text) => {
                crate::clean::push_collapsed(&mut out, text);
                out.push(' ');
            }
            Kind::Element(e) if matches!(e.name(), "script" | "style" | "template" | "select") => {
                i = dom.nodes[i].end.max(i + 1);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    let mut cut = limit.min(out.len());
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    out
}

/// The first date in `text` that is not labelled a modification nor part of a copyright line.
pub(super) fn publication_date_in(text: &str, order: DayOrder) -> Option<FoundDate> {
    if is_copyright(text) {
        return None;
    }
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| first_date_in(rest, order)) {
        let (start, end) = (from + found.start, from + found.end);
        // The label is the words just before the date: "Aktualisiert am 5. März 2024".
        let mut label_start = start.saturating_sub(24);
        while !text.is_char_boundary(label_start) {
            label_start -= 1;
        }
        if !says_modified(&text[label_start..start]) {
            return Some(FoundDate { start, end, ..found });
        }
        from = end;
    }
    None
}

/// How strongly an element's class or id says it holds a date: 2 a date word, 1 a metadata word.
fn date_signal(dom: &Dom<'_>, index: usize) -> u8 {
    let mut best = 0;
    for name in ["class", "id", "itemprop"] {
        let Some(value) = dom.attr(index, name) else { continue };
        let value = value.to_ascii_lowercase();
        if DATE_CLASSES.iter().any(|w| value.contains(w)) && !value.contains("update") && !value.contains("modif") {
            return 2;
        }
        if META_CLASSES.iter().any(|w| value.contains(w)) {
            best = 1;
        }
    }
    best
}

/// The date of the elements marked as holding one, strongest mark first; within a mark, those
/// after the headline before those above it, and those outside link lists before those inside.
pub(super) fn marked_element_date(dom: &Dom<'_>, head: Option<usize>, order: DayOrder) -> Option<NaiveDate> {
    let headline = head.unwrap_or(0);
    let marked: Vec<(usize, u8)> = (0..dom.nodes.len())
        .filter(|&i| dom.element(i).is_some())
        .map(|i| (i, date_signal(dom, i)))
        .filter(|&(_, s)| s > 0)
        .take(400)
        .collect();
    for signal in [2, 1] {
        for in_lists in [false, true] {
            for after_headline in [true, false] {
                let found = marked
                    .iter()
                    .filter(|&&(i, s)| {
                        s == signal && (i >= headline) == after_headline && in_link_list(dom, i) == in_lists
                    })
                    .filter(|&&(i, _)| !is_modification(dom, i))
                    .find_map(|&(i, _)| element_date(dom, i, order));
                if found.is_some() {
                    return found;
                }
            }
        }
    }
    None
}

/// A date in an element's `datetime`, `content` or `title`, else at the start of its text.
fn element_date(dom: &Dom<'_>, index: usize, order: DayOrder) -> Option<NaiveDate> {
    let attributes = ["datetime", "content", "title"]
        .iter()
        .filter_map(|a| dom.attr(index, a))
        .find_map(|v| attribute_date(v, order));
    attributes.or_else(|| publication_date_in(&text_start(dom, index, 120), order).map(|f| f.date))
}

/// A date that an attribute holds (ISO, or written out as in the text).
pub(super) fn attribute_date(value: &str, order: DayOrder) -> Option<NaiveDate> {
    crate::dates::parse_local_with(value, order)
        .map(|d| d.date_naive())
        .or_else(|| publication_date_in(value, order).map(|f| f.date))
}

/// `<time>` elements anywhere: their `datetime`, else their text.
pub(super) fn any_time_date(dom: &Dom<'_>, order: DayOrder) -> Option<NaiveDate> {
    dom.elements_named("time")
        .filter(|&i| !is_modification(dom, i))
        .find_map(|i| element_date(dom, i, order))
}

/// The first date in the short lines of text after the headline: a dateline the page did not mark
/// ("Samstag 22.12.2012", "Von Jo Doe, 3. März 2024").
pub(super) fn text_near_headline(dom: &Dom<'_>, head: Option<usize>, order: DayOrder) -> Option<NaiveDate> {
    let start = head?;
    dom.nodes
        .iter()
        .enumerate()
        .skip(start)
        .take(600)
        .filter_map(|(i, node)| match node.kind {
            Kind::Text(text) if text.trim().len() <= 160 && !in_code(dom, i) && !in_link_list(dom, i) => Some(text),
            _ => None,
        })
        .find_map(|text| publication_date_in(text, order))
        .map(|f| f.date)
}

/// The element that holds the headline: the `<h1>` (else `<h2>`, `<h3>`) whose text is the
/// headline the reader found, else the first `<h1>`. A page's first `<h1>` is often its logo or
/// its section name.
pub(super) fn headline_element(dom: &Dom<'_>, headline: &str) -> Option<usize> {
    let mut headings: [Vec<usize>; 3] = Default::default();
    for (i, node) in dom.nodes.iter().enumerate() {
        if let Kind::Element(e) = node.kind {
            match e.name() {
                "h1" => headings[0].push(i),
                "h2" => headings[1].push(i),
                "h3" => headings[2].push(i),
                _ => {}
            }
        }
    }
    let first = headings[0].first().copied();
    let wanted = squeeze(headline);
    if wanted.len() < 4 {
        return first;
    }
    headings
        .iter()
        .flatten()
        // A heading holds a line of text, not a section of the page.
        .filter(|&&i| dom.nodes[i].end.saturating_sub(i) <= MAX_HEADING_NODES)
        .copied()
        .find(|&i| {
            let text = squeeze(&dom.text(i));
            text.len() >= 4
                && (text == wanted
                    || (text.len() * 2 > wanted.len() && wanted.contains(&text))
                    || (wanted.len() * 2 > text.len() && text.contains(&wanted)))
        })
        .or(first)
}

/// How many nodes a heading that holds the headline may span.
const MAX_HEADING_NODES: usize = 60;

/// Lower-case letters and digits only.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// True for the text of a script or style sheet.
fn in_code(dom: &Dom<'_>, index: usize) -> bool {
    let parent = dom.nodes.get(index).map_or(NONE, |n| n.parent);
    matches!(dom.tag(parent), "script" | "style" | "template" | "noscript")
}

/// A date the page labels as its publication ("Veröffentlicht am 3. März 2024", "Published:
/// <a>04.02.2022</a>"), anywhere outside scripts, copyright lines and other stories.
pub(super) fn labelled_date(dom: &Dom<'_>, order: DayOrder) -> Option<NaiveDate> {
    let mut checked = 0;
    for (i, node) in dom.nodes.iter().enumerate() {
        let Kind::Text(text) = node.kind else { continue };
        if text.len() > 300 || in_code(dom, i) {
            continue;
        }
        let lower = text.to_lowercase();
        let Some(at) = PUBLISHED
            .iter()
            .filter_map(|w| lower.find(w).map(|p| p + w.len()))
            .min()
        else {
            continue;
        };
        checked += 1;
        if checked > 50 {
            break;
        }
        if in_link_list(dom, node.parent) || says_modified(&lower[..at]) {
            continue;
        }
        // The date may stand in the next element ("Veröffentlichung: <a>04.02.2022</a>").
        let block = text_start(dom, node.parent, 200);
        let label = lower.get(at.saturating_sub(24)..at).unwrap_or_default().to_owned();
        let from = block
            .to_lowercase()
            .find(label.trim())
            .map_or(0, |p| p + label.trim().len());
        if let Some(found) = block.get(from..).and_then(|rest| publication_date_in(rest, order)) {
            // The label must be close to the date it names.
            if found.start <= 40 {
                return Some(found.date);
            }
        }
    }
    None
}

/// A date the page labels as its last change ("Aktualisiert: 30.12.2016"), outside scripts and
/// other stories: the last resort of a page that says nothing else.
pub(super) fn labelled_modification(dom: &Dom<'_>, order: DayOrder) -> Option<NaiveDate> {
    dom.nodes
        .iter()
        .enumerate()
        .filter_map(|(i, node)| match node.kind {
            Kind::Text(text) if text.len() <= 300 && !in_code(dom, i) && !in_link_list(dom, i) => Some(text),
            _ => None,
        })
        .filter_map(|text| {
            let lower = text.to_lowercase();
            let at = MODIFIED
                .iter()
                .filter_map(|w| lower.find(w).map(|p| p + w.len()))
                .min()?;
            let found = first_date_in(lower.get(at..)?, order)?;
            (found.start <= 40 && !is_copyright(text)).then_some(found.date)
        })
        .take(1)
        .next()
}

/// A date in the short lines just above the headline in the headline's own block (a kicker line
/// "31.01.2022 2. HBL" in the figure caption over the `<h1>`).
pub(super) fn text_above_headline(dom: &Dom<'_>, head: Option<usize>, order: DayOrder) -> Option<NaiveDate> {
    let headline = head?;
    let block = dom.ancestors(headline).nth(1)?;
    (block + 1..headline)
        .rev()
        .filter_map(|i| match dom.nodes[i].kind {
            Kind::Text(text) if text.trim().len() <= 160 && !in_code(dom, i) && !in_link_list(dom, i) => Some(text),
            _ => None,
        })
        .take(20)
        .find_map(|text| publication_date_in(text, order))
        .map(|f| f.date)
}

#[cfg(test)]
mod tests {
    use super::super::{published, Source};
    use crate::dates::DayOrder;
    use crate::html::dom::Dom;
    use crate::html::metadata::Metadata;
    use scraper::Html;

    fn found(page: &str, order: DayOrder) -> (Option<String>, Option<Source>) {
        let html = Html::parse_document(page);
        let dom = Dom::new(&html);
        let meta = Metadata::read(&dom);
        let p = published(&dom, &meta, None, order, "");
        (p.date.map(|d| d.format("%Y-%m-%d").to_string()), p.source)
    }

    #[test]
    fn a_german_date_in_an_element_marked_as_one() {
        let page = r#"<h1>Landesparteitag</h1><p class="newsdatum">[Samstag, 19. Juli 2014, Kiel]</p><p>Text.</p>"#;
        assert_eq!(
            found(page, DayOrder::DayFirst),
            (Some("2014-07-19".into()), Some(Source::MarkedElement))
        );
    }

    #[test]
    fn a_dotted_date_is_day_first_even_on_an_english_page() {
        let page = r#"<h1>Title</h1><span class="info">06.10.2017 11:15</span><p>Text.</p>"#;
        assert_eq!(found(page, DayOrder::MonthFirst).0.as_deref(), Some("2017-10-06"));
    }

    #[test]
    fn the_modification_date_is_passed_over() {
        let page = r#"<h1>Titre</h1><div class="date">Mis à jour le 5 mars 2024 | Publié le 3 mars 2024</div>"#;
        assert_eq!(found(page, DayOrder::DayFirst).0.as_deref(), Some("2024-03-03"));
        let marked =
            r#"<h1>T</h1><span class="updated-date">5. März 2024</span><span class="post-date">3. März 2024</span>"#;
        assert_eq!(found(marked, DayOrder::DayFirst).0.as_deref(), Some("2024-03-03"));
    }

    #[test]
    fn related_stories_and_copyright_lines_give_no_date() {
        let page = r#"<h1>Titulo</h1><p>Texto de la nota.</p>
            <ul class="related"><li><span class="fecha">3 de marzo de 2024</span> Otra nota</li></ul>
            <div class="footer-info">© 2024 Diario</div>
            <div class="meta">Publicado el 2 de abril de 2020</div>"#;
        assert_eq!(found(page, DayOrder::DayFirst).0.as_deref(), Some("2020-04-02"));
        let only_copyright = r#"<h1>T</h1><div class="info">Copyright 12.01.2019 Example GmbH</div>"#;
        assert_eq!(found(only_copyright, DayOrder::DayFirst).0, None);
    }

    #[test]
    fn the_article_s_date_before_the_header_s_date_of_today() {
        let page = r#"<div class="date">Dienstag, 28. Januar 2020</div><h1>Titel</h1>
            <div class="article-date">12.03.2018</div><p>Text.</p>"#;
        assert_eq!(found(page, DayOrder::DayFirst).0.as_deref(), Some("2018-03-12"));
    }

    #[test]
    fn an_unmarked_line_after_the_headline() {
        let page = "<h1>DOW Jones</h1><p><span>von Nicolas Schlippe</span><br><span>Samstag 22.12.2012, 10 Kommentare</span></p><p>Text.</p>";
        assert_eq!(
            found(page, DayOrder::DayFirst),
            (Some("2012-12-22".into()), Some(Source::Text))
        );
    }

    #[test]
    fn the_page_s_other_dates_settle_the_order() {
        // Declared English (month-first), but the page writes 25/12/2023: its dates are day-first.
        let page = r#"<h1>T</h1><span class="date">03/04/2024</span><p>Earlier post: 25/12/2023</p>"#;
        assert_eq!(found(page, DayOrder::MonthFirst).0.as_deref(), Some("2024-04-03"));
    }

    #[test]
    fn east_asian_dates() {
        let page = r#"<h1>标题</h1><span class="time">2020年2月14日 10:30</span>"#;
        assert_eq!(found(page, DayOrder::DayFirst).0.as_deref(), Some("2020-02-14"));
    }
}
