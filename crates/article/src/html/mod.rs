//! HTML pages: headline, main text, date, authors, outlet, canonical URL, language.
//!
//! The page is parsed once (`scraper`/html5ever) and flattened into a pre-order
//! array (`dom.rs`), so every later step is a loop, never a recursion: a page
//! nested thousands of levels deep is as safe and as fast as a flat one.
//! Metadata (`metadata.rs`) feeds the headline (`headline.rs`), date
//! (`published.rs`), authors (`authors.rs`), outlet and URL; the body comes from a
//! readability-style scorer (`content.rs`) after page chrome is set aside
//! (`boilerplate.rs`), rendered paragraph by paragraph (`render.rs`).

mod authors;
mod body;
mod boilerplate;
mod content;
mod depth;
mod dom;
mod headline;
mod language;
mod metadata;
mod published;
mod render;

use scraper::Html;

use crate::article::Extracted;
use crate::clean::bounded;
use dom::Dom;
use metadata::Metadata;

/// Pages are cut at this many bytes before parsing: no article needs more, and
/// the parse of a pathological page stays bounded.
pub const MAX_HTML_BYTES: usize = 8 << 20;

/// Renders an HTML fragment (a JSON `articleBody` with markup) to plain text: the words and
/// their paragraphs, without markdown marks, link footnotes, list bullets or image alt text.
///
/// ```
/// let text = lede_article::html::html_fragment_to_text(
///     r#"<p>Talks in <a href="https://x.com/nz">New Zealand</a> <b>failed</b>.<img alt="A photo"></p><ul><li>Next</li></ul>"#,
/// );
/// assert_eq!(text.trim(), "Talks in New Zealand failed.\nNext");
/// ```
pub fn html_fragment_to_text(html: &str) -> String {
    html2text::config::with_decorator(TextOnly)
        .link_footnotes(false)
        .string_from_read(depth::cap_depth(html, depth::MAX_DEPTH).as_bytes(), 10_000)
        .unwrap_or_else(|_| html.to_owned())
}

/// An html2text decorator that writes the text and nothing else.
#[derive(Clone, Copy, Debug)]
struct TextOnly;

impl html2text::render::TextDecorator for TextOnly {
    type Annotation = ();

    fn decorate_link_start(&mut self, _url: &str) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_link_end(&mut self) -> String {
        String::new()
    }
    fn decorate_em_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_em_end(&self) -> String {
        String::new()
    }
    fn decorate_strong_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_strong_end(&self) -> String {
        String::new()
    }
    fn decorate_strikeout_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_strikeout_end(&self) -> String {
        String::new()
    }
    fn decorate_code_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_code_end(&self) -> String {
        String::new()
    }
    fn decorate_preformat_first(&self) {}
    fn decorate_preformat_cont(&self) {}
    fn decorate_image(&mut self, _src: &str, _title: &str) -> (String, ()) {
        (String::new(), ())
    }
    fn header_prefix(&self, _level: usize) -> String {
        String::new()
    }
    fn quote_prefix(&self) -> String {
        String::new()
    }
    fn unordered_item_prefix(&self) -> String {
        String::new()
    }
    fn ordered_item_prefix(&self, _i: i64) -> String {
        String::new()
    }
    fn make_subblock_decorator(&self) -> Self {
        TextOnly
    }
}

/// Reads an HTML page.
///
/// ```
/// let page = r#"<html lang="en"><head><title>Senate passes budget | Daily Planet</title>
///   <meta property="og:site_name" content="Daily Planet"></head>
///   <body><nav><a href="/">Home</a></nav><article><h1>Senate passes budget</h1>
///   <p class="byline">By Jane Doe</p><time datetime="2023-12-17T10:00:00Z">Dec 17</time>
///   <p>The Senate passed the budget on Tuesday, after a long night of votes.</p>
///   <p>The House takes it up next week, leaders said.</p></article></body></html>"#;
/// let article = lede_article::html::read_html(page);
/// assert_eq!(article.headline, "Senate passes budget");
/// assert_eq!(article.authors, ["Jane Doe"]);
/// assert_eq!(article.source.as_deref(), Some("Daily Planet"));
/// assert!(article.body.starts_with("The Senate passed"));
/// ```
pub fn read_html(html: &str) -> Extracted {
    let html = depth::cap_depth(bounded(html, MAX_HTML_BYTES), depth::MAX_DEPTH);
    let document = Html::parse_document(&html);
    let dom = Dom::new(&document);
    let meta = Metadata::read(&dom);
    let url = canonical_url(&meta);
    let source = outlet(&meta, url.as_deref());
    let headline = headline::headline(&dom, &meta, source.as_deref());
    let body = body::body(&dom, &headline);
    let declared = language::declared(&meta);
    let language = declared
        .as_deref()
        .and_then(language::primary)
        .or_else(|| crate::language::detect(&body));
    let order = language::day_order(declared.as_deref().or(language.as_deref()));
    let published = published::published(&dom, &meta, url.as_deref(), order, &headline);
    let authors = authors::authors(&dom, &meta, source.as_deref());
    Extracted {
        headline,
        dek: None,
        body,
        authors,
        published: published.date,
        source,
        url,
        language,
        id: None,
        metadata: Default::default(),
        warnings: published.warnings,
    }
}

/// `<link rel=canonical>`, else `og:url`, when absolute.
fn canonical_url(meta: &Metadata) -> Option<String> {
    let absolute = |u: &str| u.starts_with("http://") || u.starts_with("https://");
    meta.canonical
        .iter()
        .map(String::as_str)
        .chain(meta.first(&["og:url"]))
        .find(|u| absolute(u))
        .map(str::to_owned)
        .or_else(|| meta.json_ld_str("url").filter(|u| absolute(u)))
}

/// `og:site_name`, the JSON-LD publisher, `application-name`, else the domain.
fn outlet(meta: &Metadata, url: Option<&str>) -> Option<String> {
    meta.first(&["og:site_name"])
        .map(str::to_owned)
        .or_else(|| {
            meta.articles()
                .find_map(|o| o.get("publisher"))
                .and_then(metadata::string_of)
        })
        .or_else(|| {
            meta.first(&["application-name", "cxenseparse:recs:publisher"])
                .map(str::to_owned)
        })
        .or_else(|| url.and_then(domain))
        .map(|s| without_tagline(&crate::clean::collapse(&metadata::decode_entities(&s))))
        .filter(|s| !s.is_empty())
}

/// "Aktuálně.cz - Víte, co se právě děje" → "Aktuálně.cz": a site name followed by its slogan.
fn without_tagline(name: &str) -> String {
    [" - ", " | ", " – ", " — "]
        .iter()
        .find_map(|sep| name.split_once(sep))
        .filter(|(head, tail)| head.chars().count() >= 3 && tail.split_whitespace().count() >= 3)
        .map_or(name, |(head, _)| head.trim())
        .to_owned()
}

/// `https://www.example.com/a` → `example.com`.
fn domain(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outlet_without_its_slogan() {
        assert_eq!(without_tagline("Aktuálně.cz - Víte, co se právě děje"), "Aktuálně.cz");
        assert_eq!(without_tagline("Mac & i"), "Mac & i");
        assert_eq!(without_tagline("Times - Herald"), "Times - Herald");
    }

    #[test]
    fn domain_of_url() {
        assert_eq!(domain("https://www.example.com/a/b").as_deref(), Some("example.com"));
        assert_eq!(domain("nonsense"), None);
    }
}
