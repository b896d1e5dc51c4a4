//! What is never article text: scripts, navigation, share widgets, related-story
//! lists, cookie and newsletter boxes, captions, hidden elements.
//!
//! An element is judged by its tag, its ARIA role, whether it is hidden, and the
//! words of its `class` and `id`. Class words are a guess, so an element the
//! guess would drop but that holds most of the page's paragraph text is kept:
//! a page wrapped in `<div class="has-sidebar">` must not lose its article.

use super::dom::{Dom, Kind, NONE};

/// Tags whose whole subtree is never body text.
const DROPPED_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "nav",
    "aside",
    "button",
    "iframe",
    "select",
    "textarea",
    "input",
    "option",
    "figure",
    "figcaption",
    "picture",
    "video",
    "audio",
    "object",
    "embed",
    "canvas",
    "dialog",
    "menu",
    "head",
    "title",
    "meta",
    "link",
    "h1",
    "label",
    "address",
];

/// Tags dropped unless they hold most of the page's text (some sites wrap the page in them).
const DROPPED_TAGS_IF_SMALL: &[&str] = &["footer", "header", "form"];

/// ARIA roles of page chrome.
const DROPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
    "alert",
    "search",
    "toolbar",
    "tooltip",
    "note",
];

/// Class/id words (a `-`/`_`-separated part starting with one of these) that mark chrome.
const CHROME_WORDS: &[&str] = &[
    "advert",
    "banner",
    "breadcrumb",
    "byline",
    "caption",
    "comment",
    "consent",
    "cookie",
    "credit",
    "disqus",
    "dropdown",
    "footer",
    "gdpr",
    "header",
    "masthead",
    "menu",
    "modal",
    "nav",
    "newsletter",
    "outbrain",
    "paginat",
    "pager",
    "popular",
    "popup",
    "promo",
    "recirc",
    "recommend",
    "related",
    "remark",
    "replies",
    "share",
    "sharing",
    "sidebar",
    "signup",
    "social",
    "sponsor",
    "taboola",
    "toolbar",
    "tooltip",
    "trending",
    "widget",
    "login",
    "timestamp",
    "dateline",
    "skiplink",
    "sr-only",
    "screen-reader",
    "visually-hidden",
    "visuallyhidden",
    "offscreen",
    "paywall",
    "author",
    "jumplink",
    "inline-link",
    "toc",
    "follow",
    "donate",
];

/// Whole class/id parts that mark chrome (too short to match as prefixes).
const CHROME_PARTS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "rss",
    "tags",
    "tag",
    "more",
    "meta",
    "bio",
    "print",
    "subscribe",
    "subscription",
    "subscribebox",
];

/// Class/id words that mark the article itself.
const CONTENT_WORDS: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "main", "post", "text", "blog", "story", "prose", "rich",
];

/// What the class/id words say about an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ClassHint {
    /// Nothing either way.
    Neutral,
    /// Looks like the article.
    Content,
    /// Looks like chrome.
    Chrome,
}

/// The class/id words of an element, lower-cased.
pub(super) fn class_hint(dom: &Dom<'_>, index: usize) -> ClassHint {
    let Some(element) = dom.element(index) else {
        return ClassHint::Neutral;
    };
    let mut chrome = false;
    let mut content = false;
    for value in [element.attr("class"), element.attr("id")].into_iter().flatten() {
        for token in value.split_ascii_whitespace() {
            let token = token.to_ascii_lowercase();
            if token.len() > 60 {
                continue;
            }
            // "not-a-paywall", "no-ads": the token says the element is *not* chrome.
            let negated = token.split(['-', '_', ':']).any(|p| matches!(p, "not" | "no" | "non"));
            for part in token.split(['-', '_', ':']) {
                if negated {
                    break;
                }
                if CHROME_PARTS.contains(&part) || CHROME_WORDS.iter().any(|w| part.starts_with(w)) {
                    chrome = true;
                }
                if CONTENT_WORDS.iter().any(|w| part.starts_with(w)) {
                    content = true;
                }
            }
            if ["sr-only", "screen-reader", "visually-hidden"]
                .iter()
                .any(|w| token.contains(w))
            {
                return ClassHint::Chrome;
            }
        }
    }
    match (chrome, content) {
        (true, false) => ClassHint::Chrome,
        (false, true) => ClassHint::Content,
        _ => ClassHint::Neutral,
    }
}

fn is_hidden(dom: &Dom<'_>, index: usize) -> bool {
    let Some(element) = dom.element(index) else {
        return false;
    };
    if element.attr("hidden").is_some() || element.attr("aria-hidden").is_some_and(|v| v.trim() == "true") {
        return true;
    }
    if let Some(style) = element.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    element
        .attr("role")
        .is_some_and(|r| DROPPED_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
}

/// For every node, whether it lies in a subtree that is not article text.
pub(super) fn dropped(dom: &Dom<'_>) -> Vec<bool> {
    let n = dom.nodes.len();
    // Paragraph text per subtree, counting only what the hard rules keep, for the safety check.
    let mut hard = vec![false; n];
    for i in 0..n {
        let parent = dom.nodes[i].parent;
        let inherited = parent != NONE && hard[parent];
        hard[i] = inherited || DROPPED_TAGS.contains(&dom.tag(i));
    }
    let mut paragraph_text = vec![0usize; n];
    let mut in_paragraph = vec![false; n];
    for i in 0..n {
        let parent = dom.nodes[i].parent;
        in_paragraph[i] = dom.tag(i) == "p" || (parent != NONE && in_paragraph[parent]);
    }
    for i in (0..n).rev() {
        if let Kind::Text(text) = dom.nodes[i].kind {
            if in_paragraph[i] && !hard[i] {
                paragraph_text[i] = text.trim().len();
            }
        }
        let parent = dom.nodes[i].parent;
        if parent != NONE {
            paragraph_text[parent] += paragraph_text[i];
        }
    }
    let total = paragraph_text.first().copied().unwrap_or(0);
    let small = |i: usize| total < 200 || paragraph_text[i] * 3 < total;

    let mut out = vec![false; n];
    for i in 0..n {
        let parent = dom.nodes[i].parent;
        if hard[i] || (parent != NONE && out[parent]) {
            out[i] = true;
            continue;
        }
        let tag = dom.tag(i);
        if tag.is_empty() || tag == "body" || tag == "html" || tag == "article" || tag == "main" {
            continue;
        }
        // Class words judge containers; an inline link or span with a "tag" id is still running text.
        let block = !matches!(tag, "a" | "em" | "strong" | "b" | "i");
        let soft = DROPPED_TAGS_IF_SMALL.contains(&tag) || (block && class_hint(dom, i) == ClassHint::Chrome);
        // Hidden paragraphs of real text are paywalled or collapsed article text, not chrome.
        let hidden = is_hidden(dom, i) && paragraph_text[i] < 80;
        if hidden || (soft && small(i)) {
            out[i] = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn dropped_text(page: &str) -> Vec<String> {
        let html = Html::parse_document(page);
        let dom = Dom::new(&html);
        let dropped = dropped(&dom);
        (0..dom.nodes.len())
            .filter(|&i| dropped[i] && matches!(dom.nodes[i].kind, Kind::Text(t) if !t.trim().is_empty()))
            .map(|i| match dom.nodes[i].kind {
                Kind::Text(t) => t.trim().to_owned(),
                _ => String::new(),
            })
            .collect()
    }

    #[test]
    fn drops_chrome_keeps_article() {
        let long = "Article text that goes on. ".repeat(20);
        let page = format!(
            r#"<body><nav>Home</nav><div class="share-bar">Share</div><div class="article-body"><p>{long}</p></div>
            <div class="related-stories">Other story</div><p hidden>secret</p></body>"#
        );
        let gone = dropped_text(&page);
        assert_eq!(gone, ["Home", "Share", "Other story", "secret"]);
    }

    #[test]
    fn a_negated_chrome_word_is_not_chrome() {
        let page = r#"<body><div class="list"><div class="item"><p>One item.</p></div>
            <div class="not-a-paywall"><p>Item text.</p></div><div class="paywall-box"><p>Subscribe</p></div></div></body>"#;
        assert_eq!(dropped_text(page), ["Subscribe"]);
    }

    #[test]
    fn keeps_a_chrome_looking_wrapper_that_holds_the_article() {
        let long = "Article text that goes on. ".repeat(20);
        let page = format!(r#"<body><div class="has-sidebar"><p>{long}</p></div><div class="sidebar">x</div></body>"#);
        assert_eq!(dropped_text(&page), ["x"]);
    }
}
