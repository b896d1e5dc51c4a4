//! Author names: JSON-LD `author` persons, then `<meta name=author>` and its
//! cousins, then the page's byline (`rel=author`, `itemprop=author`, an element
//! whose class says "byline" or "author"). Never the outlet's own name, never a
//! URL or a handle, without "By" and job titles.

use serde_json::Value;

use super::dom::{collapse, Dom};
use super::metadata::{decode_entities, string_of, types, Metadata};
use crate::records::split_byline;

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
    clean(byline(dom), outlet)
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

/// Names from the page's visible byline.
fn byline(dom: &Dom<'_>) -> Vec<String> {
    let mut names = Vec::new();
    // Explicit markup first.
    for i in 0..dom.nodes.len() {
        let rel_author = dom.tag(i) == "a" && dom.attr(i, "rel").is_some_and(|r| r.contains("author"));
        let itemprop_author = dom.attr(i, "itemprop").is_some_and(|p| p.trim() == "author");
        if rel_author || itemprop_author {
            let name = dom.attr(i, "content").map(str::to_owned).unwrap_or_else(|| {
                // itemprop=author may wrap a Person with itemprop=name inside.
                (i + 1..dom.nodes[i].end)
                    .find(|&j| dom.attr(j, "itemprop").is_some_and(|p| p.trim() == "name"))
                    .map(|j| dom.attr(j, "content").map(str::to_owned).unwrap_or_else(|| dom.text(j)))
                    .unwrap_or_else(|| dom.text(i))
            });
            names.extend(split_byline(&name));
            if names.len() >= 6 {
                break;
            }
        }
    }
    if !names.is_empty() {
        return names;
    }
    // Then the first short element whose class names a byline or author.
    for i in 0..dom.nodes.len() {
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
        {
            continue;
        }
        let text = dom.text(i);
        if text.is_empty() || text.chars().count() > 150 {
            continue;
        }
        let found = split_byline(&strip_dates(&text));
        if !found.is_empty() {
            return found;
        }
    }
    names
}

/// "By Jo Doe | December 17, 2023" → "By Jo Doe".
fn strip_dates(text: &str) -> String {
    let cut = text
        .find(['|', '\u{2022}', '\u{b7}'])
        .or_else(|| {
            ["Published", "Updated", "Posted", " on "]
                .iter()
                .filter_map(|w| text.find(w))
                .min()
        })
        .unwrap_or(text.len());
    text[..cut].to_owned()
}

/// Job titles and labels that are not names ("Chief Technology Officer", "Sponsored").
fn is_role(lower: &str) -> bool {
    const ROLES: &[&str] = &[
        "officer",
        "chief",
        "head of",
        "director",
        "president",
        "editor",
        "reporter",
        "correspondent",
        "writer",
        "columnist",
        "contributor",
        "producer",
        "analyst",
        "manager",
        "founder",
        "ceo",
        "sponsored",
        "staff",
        "admin",
        "team",
        "desk",
        "guest",
        "partner",
        "content",
        "company",
    ];
    lower.split_whitespace().any(|w| ROLES.contains(&w)) || ROLES.iter().any(|r| r.contains(' ') && lower.contains(r))
}

/// `cleveland.com`, `etimes.in`.
fn looks_like_domain(lower: &str) -> bool {
    !lower.contains(' ')
        && lower.rsplit_once('.').is_some_and(|(head, tld)| {
            !head.is_empty() && (2..=4).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_alphabetic())
        })
}

/// "Kayla Jimenez USA TODAY" → "Kayla Jimenez"; "Jo Doe The Associated Press" → "Jo Doe";
/// "Lauren Manaker MS" → "Lauren Manaker".
fn without_trailers(name: &str) -> String {
    let name = match name.find(" The ") {
        Some(at) if name[..at].split_whitespace().count() >= 2 => &name[..at],
        _ => name,
    };
    let mut words: Vec<&str> = name.split_whitespace().collect();
    // Trailing all-capital words (an outlet or credentials) after a mixed-case name.
    let mixed = words.iter().filter(|w| w.chars().any(char::is_lowercase)).count();
    if mixed >= 2 {
        while words.len() > 2
            && words
                .last()
                .is_some_and(|w| is_caps_word(w) && !matches!(*w, "II" | "III" | "IV" | "JR"))
        {
            words.pop();
        }
    }
    words.join(" ")
}

fn is_caps_word(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) && !word.ends_with('.')
}

/// Drops the outlet, URLs, handles and things too long to be a name; dedups case-insensitively.
fn clean(names: Vec<String>, outlet: Option<&str>) -> Vec<String> {
    let outlet = outlet.map(|o| o.to_lowercase());
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let name = collapse(&name);
        let name = name
            .trim_matches(|c: char| matches!(c, ',' | ':' | '/' | '-' | '\u{2013}' | '\u{2014}') || c.is_whitespace());
        let name = without_trailers(name);
        let lower = name.to_lowercase();
        let bad = name.is_empty()
            || name.contains(['(', ')', '|'])
            || looks_like_domain(&lower)
            || is_role(&lower)
            || !name.contains(' ')
            || lower.starts_with("the ")
            || lower.contains("http")
            || lower.contains("www.")
            || name.starts_with('@')
            || name.contains('@')
            || name.split_whitespace().count() > 5
            || !name.chars().any(char::is_alphabetic)
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
    fn meta_author_url_is_not_a_name() {
        let page = r#"<meta property="article:author" content="https://facebook.com/x"><meta name="author" content="Jane Doe">"#;
        assert_eq!(authors_of_page(page, None), ["Jane Doe"]);
    }
}
