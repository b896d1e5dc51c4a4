//! What a page says about itself: `<meta>` tags (OpenGraph, Twitter, Dublin Core,
//! Parse.ly, Sailthru…), JSON-LD objects, microdata `itemprop`s, `<title>`,
//! `<link rel=canonical>` and `<html lang>`.

use serde_json::Value;

use super::dom::{Dom, Kind};
use crate::clean::collapse;

/// Everything declared about the page, gathered in one pass.
#[derive(Default)]
pub(super) struct Metadata {
    /// `<meta name|property|itemprop=KEY content=VALUE>`, keys lower-cased, in page order.
    pub meta: Vec<(String, String)>,
    /// JSON-LD objects, `@graph`s and arrays flattened; article-like objects first.
    pub json_ld: Vec<Value>,
    /// The `<title>` text.
    pub title: Option<String>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// `<html lang>`.
    pub html_lang: Option<String>,
}

impl Metadata {
    /// Reads the metadata of a flattened page.
    pub fn read(dom: &Dom<'_>) -> Self {
        let mut out = Metadata::default();
        let mut objects = Vec::new();
        for index in 0..dom.nodes.len() {
            let Some(element) = dom.element(index) else { continue };
            match element.name() {
                "html" if out.html_lang.is_none() => {
                    out.html_lang = element
                        .attr("lang")
                        .or_else(|| element.attr("xml:lang"))
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(str::to_owned);
                }
                "title" if out.title.is_none() && !inside_svg(dom, index) => {
                    out.title = Some(collapse(&dom.text(index))).filter(|t| !t.is_empty());
                }
                "meta" => {
                    let content = element.attr("content").map(collapse).unwrap_or_default();
                    if content.is_empty() {
                        continue;
                    }
                    for key in ["property", "name", "itemprop", "http-equiv"] {
                        if let Some(name) = element.attr(key) {
                            out.meta.push((name.trim().to_ascii_lowercase(), content.clone()));
                        }
                    }
                }
                "link" if out.canonical.is_none() => {
                    let rel = element.attr("rel").unwrap_or_default();
                    if rel
                        .split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                    {
                        out.canonical = element.attr("href").map(str::trim).map(str::to_owned);
                    }
                }
                "script" => {
                    let kind = element.attr("type").unwrap_or_default();
                    if kind.trim().eq_ignore_ascii_case("application/ld+json") {
                        let mut raw = String::new();
                        for node in dom.nodes.get(index + 1..dom.nodes[index].end).unwrap_or_default() {
                            if let Kind::Text(text) = node.kind {
                                raw.push_str(text);
                            }
                        }
                        if let Some(value) = parse_json_ld(&raw) {
                            flatten_json_ld(value, &mut objects, 0);
                        }
                    }
                }
                _ => {}
            }
        }
        // Article-like objects first, in page order among themselves.
        objects.sort_by_key(|o| !is_article(o));
        out.json_ld = objects;
        out
    }

    /// The first non-empty value of any of `keys` (lower-case), in the order of `keys`.
    pub fn first(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|key| {
            self.meta
                .iter()
                .find(|(k, v)| k == key && !v.is_empty())
                .map(|(_, v)| v.as_str())
        })
    }

    /// Every value of `key`, in page order.
    pub fn all<'s>(&'s self, key: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.meta
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    /// Article-like JSON-LD objects (NewsArticle, BlogPosting, …), the main one first.
    pub fn articles(&self) -> impl Iterator<Item = &Value> {
        self.json_ld.iter().filter(|o| is_article(o))
    }

    /// A string field of the main JSON-LD article, else of any object that has it.
    pub fn json_ld_str(&self, key: &str) -> Option<String> {
        self.articles()
            .chain(self.json_ld.iter().filter(|o| is_page(o)))
            .find_map(|o| o.get(key).and_then(string_of))
    }
}

fn inside_svg(dom: &Dom<'_>, index: usize) -> bool {
    dom.ancestors(index).any(|a| dom.tag(a) == "svg")
}

/// Parses a JSON-LD block, forgiving raw control characters inside strings and HTML comment wrappers.
fn parse_json_ld(raw: &str) -> Option<Value> {
    let raw = raw.trim();
    let raw = raw.strip_prefix("<!--").unwrap_or(raw);
    let raw = raw.strip_suffix("-->").unwrap_or(raw).trim();
    let raw = raw.strip_prefix("//<![CDATA[").unwrap_or(raw);
    let raw = raw.strip_suffix("//]]>").unwrap_or(raw).trim();
    serde_json::from_str(raw).ok().or_else(|| {
        let cleaned: String = raw.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        serde_json::from_str(&cleaned).ok()
    })
}

fn flatten_json_ld(value: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                flatten_json_ld(item, out, depth + 1);
            }
        }
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten_json_ld(graph, out, depth + 1);
            }
            // A WebPage may hold its article in `mainEntity`.
            if let Some(main) = map.get("mainEntity").or_else(|| map.get("mainEntityOfPage")) {
                if main.get("@type").is_some() && (main.get("headline").is_some() || main.get("author").is_some()) {
                    flatten_json_ld(main.clone(), out, depth + 1);
                }
            }
            if !map.is_empty() {
                out.push(Value::Object(map));
            }
        }
        _ => {}
    }
}

/// The `@type`s of a JSON-LD object.
pub(super) fn types(object: &Value) -> Vec<&str> {
    match object.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// NewsArticle, Article, BlogPosting, ReportageNewsArticle, LiveBlogPosting, OpinionNewsArticle, …
pub(super) fn is_article(object: &Value) -> bool {
    types(object).iter().any(|t| {
        let t = t.rsplit(['/', ':']).next().unwrap_or(t);
        t.ends_with("Article") || t.ends_with("Posting") || t == "Report" || t == "Review"
    })
}

fn is_page(object: &Value) -> bool {
    types(object).iter().any(|t| t.ends_with("WebPage"))
}

/// The text of a JSON-LD value: a string, a number, the `name`/`@value` of an object, the first of a list.
pub(super) fn string_of(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Object(o) => return o.get("name").or_else(|| o.get("@value")).and_then(string_of),
        Value::Array(items) => return items.iter().find_map(string_of),
        _ => return None,
    };
    let text = collapse(&decode_entities(&text));
    (!text.is_empty()).then_some(text)
}

/// Decodes the HTML character references that metadata often carries (`&amp;`, `&#8217;`).
pub(super) fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "rsquo" => '\u{2019}',
        "lsquo" => '\u{2018}',
        "rdquo" => '\u{201d}',
        "ldquo" => '\u{201c}',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "hellip" => '\u{2026}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    #[test]
    fn reads_meta_json_ld_and_links() {
        let page = r#"<html lang="en-GB"><head><title>A | B</title>
            <meta property="og:title" content="A">
            <link rel="canonical" href="https://example.com/a">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"B"},{"@type":"NewsArticle","headline":"A &amp; C"}]}</script>
            </head><body></body></html>"#;
        let html = Html::parse_document(page);
        let meta = Metadata::read(&Dom::new(&html));
        assert_eq!(meta.title.as_deref(), Some("A | B"));
        assert_eq!(meta.first(&["og:title"]), Some("A"));
        assert_eq!(meta.canonical.as_deref(), Some("https://example.com/a"));
        assert_eq!(meta.html_lang.as_deref(), Some("en-GB"));
        assert_eq!(meta.json_ld_str("headline").as_deref(), Some("A & C"));
    }

    #[test]
    fn forgives_control_characters_in_json_ld() {
        let value = parse_json_ld("{\"headline\": \"line\nbreak\"}");
        assert!(value.is_some());
    }
}
