//! Author names: JSON-LD `author` persons, then `<meta name=author>` and its
//! cousins, then the page's byline (`rel=author`, `itemprop=author`, an element
//! whose class says "byline" or "author"). Never the outlet's own name, never a
//! URL or a handle, without "By" and job titles.

use serde_json::Value;

use super::dom::Dom;
use super::metadata::{decode_entities, string_of, types, Metadata};
use crate::byline::{cut_date, split_byline};
use crate::clean::collapse;

/// Finds the authors; `outlet` is left out of the list.
pub(super) fn authors(dom: &Dom<'_>, meta: &Metadata, outlet: Option<&str>) -> Vec<String> {
    let from_json_ld: Vec<String> = meta
        .articles()
        .find_map(|o| o.get("author").or_else(|| o.get("creator")))
        .map(json_ld_people)
        .unwrap_or_default();
    let found = clean(from_json_ld, outlet);
    if !found.is_empty() {
        return found;
    }
    for key in [
        "author",
        "article:author",
        "parsely-author",
        "sailthru.author",
        "dc.creator",
        "dcterms.creator",
        "byl",
    ] {
        let names: Vec<String> = meta.all(key).flat_map(split_byline).collect();
        let names = clean(names, outlet);
        if !names.is_empty() {
            return names;
        }
    }
    let found = byline(dom, outlet);
    if !found.is_empty() {
        return found;
    }
    by_line_after_headline(dom, outlet)
}

/// Path segments of links to an author's page (`/writer/1207921/Charles__Fried/`, `/author/jo-doe`).
/// Not `/people/`: celebrity sites tag the story's subjects so.
const AUTHOR_PATHS: &[&str] = &[
    "author",
    "authors",
    "writer",
    "writers",
    "by",
    "staff",
    "profile",
    "profiles",
    "contributor",
    "contributors",
    "reporter",
    "reporters",
    "journalist",
    "journalists",
    "columnist",
    "columnists",
];

/// How many nodes after the headline a byline may sit.
const BYLINE_WINDOW: usize = 300;

/// With no byline markup at all: a short block just after the headline that starts with "By"
/// ("By Charles Fried, Contributing Opinion Writer"), else links there to an author's page.
/// Lists, navigation and asides are left out: their author links belong to other stories.
fn by_line_after_headline(dom: &Dom<'_>, outlet: Option<&str>) -> Vec<String> {
    let Some(start) = dom.elements_named("h1").next() else {
        return Vec::new();
    };
    let end = (start + BYLINE_WINDOW).min(dom.nodes.len());
    let elsewhere = |i: usize| {
        dom.ancestors(i)
            .take(12)
            .any(|a| matches!(dom.tag(a), "li" | "nav" | "aside" | "footer" | "figure" | "figcaption"))
    };
    for i in start..end {
        let super::dom::Kind::Text(own) = dom.nodes[i].kind else {
            continue;
        };
        if !own.trim_start().get(..2).is_some_and(|h| h.eq_ignore_ascii_case("by")) {
            continue;
        }
        let parent = dom.nodes[i].parent;
        if parent == super::dom::NONE || elsewhere(i) || credits_a_picture(dom, parent) {
            continue;
        }
        let text = collapse(&dom.text(parent));
        let by = text
            .get(..3)
            .is_some_and(|h| h.eq_ignore_ascii_case("by ") || h.eq_ignore_ascii_case("by:"));
        if by && text.chars().count() <= 120 {
            let names = clean(split_byline(&cut_date(&text)), outlet);
            if !names.is_empty() {
                return names;
            }
        }
    }
    let mut names = Vec::new();
    for i in start..end {
        if dom.tag(i) != "a" || elsewhere(i) || in_running_text(dom, i) || credits_a_picture(dom, i) {
            continue;
        }
        let Some(href) = dom.attr(i, "href") else { continue };
        let path = href
            .split_once("://")
            .map_or(href, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
        let mut segments = path.split(['/', '?', '#']).filter(|s| !s.is_empty());
        let to_author = segments
            .next()
            .is_some_and(|first| AUTHOR_PATHS.contains(&first.to_ascii_lowercase().as_str()))
            && segments.next().is_some();
        if to_author {
            names.extend(split_byline(&dom.text(i)));
            if names.len() >= 4 {
                break;
            }
        }
    }
    clean(names, outlet)
}

/// Names from a JSON-LD `author`: a string, a Person, or a list of them. Organizations are not authors.
fn json_ld_people(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().flat_map(json_ld_people).collect(),
        Value::Object(_) => {
            let kinds = types(value);
            if kinds.iter().any(|t| t.contains("Organization")) {
                return Vec::new();
            }
            value
                .get("name")
                .and_then(string_of)
                .map(|n| split_byline(&n))
                .unwrap_or_default()
        }
        Value::String(s) => split_byline(&decode_entities(s)),
        _ => Vec::new(),
    }
}

/// Whether a "By" line or link is the credit of a picture: the nearest block around it that holds
/// an image holds little else (a caption), not the story.
fn credits_a_picture(dom: &Dom<'_>, node: usize) -> bool {
    // A caption block is small: a larger one holds the story, and is not searched.
    const CAPTION_NODES: usize = 400;
    dom.ancestors(node)
        .take(4)
        .take_while(|&a| dom.nodes[a].end - a <= CAPTION_NODES)
        .find(|&a| (a + 1..dom.nodes[a].end).any(|j| matches!(dom.tag(j), "img" | "picture" | "video")))
        .is_some_and(|block| dom.text(block).chars().count() < 500)
}

/// Whether a link sits in a paragraph of the story (a name linked from the text is a subject).
fn in_running_text(dom: &Dom<'_>, link: usize) -> bool {
    dom.ancestors(link)
        .take(4)
        .any(|a| dom.tag(a) == "p" && dom.text(a).chars().count() > 150)
}

/// How far after the first marked author its co-authors may be ("By <a rel=author>A</a> and
/// <a rel=author>B</a>"); marked authors further away sign other stories (related links).
const CO_AUTHOR_NODES: usize = 80;

/// Names from the page's visible byline, cleaned; the byline nearest after the headline wins (the
/// others on a page sign related stories).
fn byline(dom: &Dom<'_>, outlet: Option<&str>) -> Vec<String> {
    let n = dom.nodes.len();
    let start = dom.elements_named("h1").next().unwrap_or(0);
    let in_chrome = |i: usize| {
        dom.ancestors(i)
            .take(16)
            .any(|a| matches!(dom.tag(a), "nav" | "aside" | "footer"))
    };
    // Explicit markup first.
    let marked: Vec<usize> = (0..n)
        .filter(|&i| {
            let rel_author = dom.tag(i) == "a" && dom.attr(i, "rel").is_some_and(|r| r.contains("author"));
            let itemprop_author = dom.attr(i, "itemprop").is_some_and(|p| p.trim() == "author");
            (rel_author || itemprop_author) && !in_chrome(i)
        })
        .collect();
    if let Some(&first) = marked.iter().find(|&&i| i >= start).or(marked.first()) {
        let names: Vec<String> = marked
            .iter()
            .filter(|&&i| i >= first && i <= first + CO_AUTHOR_NODES)
            .flat_map(|&i| split_byline(&marked_name(dom, i)))
            .take(6)
            .collect();
        let names = clean(names, outlet);
        if !names.is_empty() {
            return names;
        }
    }
    // Then the first short element whose class names a byline or author, after the headline first.
    for i in (start..n).chain(0..start) {
        let Some(element) = dom.element(i) else { continue };
        let class = [element.attr("class"), element.attr("id")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_lowercase();
        let author_class = class.split(|c: char| c.is_whitespace() || c == '_').any(|t| {
            matches!(
                t,
                "author" | "author-name" | "article-author" | "post-author" | "story-author"
            )
        });
        if !(class.contains("byline") || class.contains("author-name") || class.contains("authorname") || author_class)
            || in_chrome(i)
        {
            continue;
        }
        let text = dom.text(i);
        if text.is_empty() || text.chars().count() > 150 {
            continue;
        }
        let found = clean(split_byline(&cut_date(&text)), outlet);
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// The name a `rel=author` / `itemprop=author` element gives: its `content`, the `itemprop=name`
/// inside it (a Person), else its text.
fn marked_name(dom: &Dom<'_>, i: usize) -> String {
    dom.attr(i, "content").map(str::to_owned).unwrap_or_else(|| {
        (i + 1..dom.nodes[i].end)
            .find(|&j| dom.attr(j, "itemprop").is_some_and(|p| p.trim() == "name"))
            .map(|j| dom.attr(j, "content").map(str::to_owned).unwrap_or_else(|| dom.text(j)))
            .unwrap_or_else(|| dom.text(i))
    })
}

/// `cleveland.com`, `etimes.in`.
fn looks_like_domain(lower: &str) -> bool {
    !lower.contains(' ')
        && lower.rsplit_once('.').is_some_and(|(head, tld)| {
            !head.is_empty() && (2..=4).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_alphabetic())
        })
}

/// Drops the outlet, URLs, handles, domains and single words from names [`split_byline`] gave;
/// dedups case-insensitively.
fn clean(names: Vec<String>, outlet: Option<&str>) -> Vec<String> {
    let outlet = outlet.map(|o| o.to_lowercase());
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let lower = name.to_lowercase();
        let bad = looks_like_domain(&lower)
            || !name.contains(' ')
            || lower.starts_with("the ")
            || lower.contains("http")
            || lower.contains("www.")
            || name.starts_with('@')
            || name.contains('@')
            || outlet
                .as_deref()
                .is_some_and(|o| o == lower || lower.starts_with(&format!("{o} ")));
        if !bad && !out.iter().any(|n| n.to_lowercase() == lower) {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn authors_of_page(page: &str, outlet: Option<&str>) -> Vec<String> {
        let html = Html::parse_document(page);
        let dom = Dom::new(&html);
        let meta = Metadata::read(&dom);
        authors(&dom, &meta, outlet)
    }

    #[test]
    fn json_ld_people_not_organizations() {
        let page = r#"<script type="application/ld+json">{"@type":"NewsArticle","author":[
            {"@type":"Person","name":"Jane Doe"},{"@type":"Organization","name":"Daily Planet"},"John Roe"]}</script>"#;
        assert_eq!(authors_of_page(page, None), ["Jane Doe", "John Roe"]);
    }

    #[test]
    fn byline_without_by_and_outlet() {
        let page = r#"<div class="byline">By Jane Doe and Daily Planet | Dec. 17, 2023</div>"#;
        assert_eq!(authors_of_page(page, Some("Daily Planet")), ["Jane Doe"]);
    }

    #[test]
    fn a_by_line_or_author_link_after_the_headline() {
        let page = r#"<h1>Headline</h1><div><span>By <a href="/writer/12/Charles__Fried/">Charles Fried</a>, Contributing Opinion Writer</span></div><p>Text.</p>"#;
        assert_eq!(authors_of_page(page, None), ["Charles Fried"]);
        let link = r#"<h1>Headline</h1><div><a href="https://x.com/author/jo-doe">Jo Doe</a></div><p>Text.</p>
            <ul><li><a href="/author/ann-roe">Ann Roe</a></li></ul>"#;
        assert_eq!(authors_of_page(link, None), ["Jo Doe"]);
        let credit = r#"<h1>Headline</h1><div><img src="a.jpg"><div><span>A caption.</span><span>By <a href="/writer/1/Ann_Roe/">Ann Roe</a></span></div></div>
            <div><span>By <a href="/writer/12/Charles__Fried/">Charles Fried</a></span></div><p>{}</p>"#;
        let credit = credit.replace("{}", &"The story goes on, sentence after sentence. ".repeat(20));
        assert_eq!(authors_of_page(&credit, None), ["Charles Fried"]);
        let related = r#"<h1>Headline</h1><p>Text.</p><ul><li>By <a href="/author/ann-roe">Ann Roe</a></li></ul>"#;
        assert!(authors_of_page(related, None).is_empty());
    }

    #[test]
    fn marked_authors_of_related_stories_are_not_co_authors() {
        let filler = "<p>The story goes on, sentence after sentence.</p>".repeat(60);
        let page = format!(
            r#"<a rel="author" href="/p/ann">Ann Roe</a><h1>Headline</h1><span>by <a rel="author" href="/p/jo">Jo Doe</a>
            and <a rel="author" href="/p/al">Al Poe</a></span>{filler}<h3>Other story</h3><a rel="author" href="/p/zed">Zed Quo</a>"#
        );
        assert_eq!(authors_of_page(&page, None), ["Jo Doe", "Al Poe"]);
    }

    #[test]
    fn meta_author_url_is_not_a_name() {
        let page = r#"<meta property="article:author" content="https://facebook.com/x"><meta name="author" content="Jane Doe">"#;
        assert_eq!(authors_of_page(page, None), ["Jane Doe"]);
    }
}
