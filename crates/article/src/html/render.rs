//! Turning the article element(s) into plain text: one paragraph per block,
//! blank lines between paragraphs, link lists and widget lines left out.

use super::dom::{Dom, Kind, INLINE_TAGS};
use crate::clean::push_collapsed;

/// One rendered block of text.
pub(super) struct Paragraph {
    /// The text, whitespace collapsed.
    pub text: String,
    /// Characters of the text that sit inside links.
    pub link_chars: usize,
    /// Characters of the text that sit inside `<time>` elements.
    pub time_chars: usize,
    /// The tag of the block element (`p`, `li`, `h2`, …).
    pub tag: &'static str,
}

/// Renders the subtrees rooted at `roots` (skipping `dropped` nodes) to paragraphs.
pub(super) fn paragraphs(dom: &Dom<'_>, roots: &[usize], dropped: &[bool]) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for &root in roots {
        render_into(dom, root, dropped, &mut out);
    }
    out
}

fn render_into(dom: &Dom<'_>, root: usize, dropped: &[bool], out: &mut Vec<Paragraph>) {
    let Some(root_node) = dom.nodes.get(root) else { return };
    let end = root_node.end;
    let mut current = Paragraph {
        text: String::new(),
        link_chars: 0,
        time_chars: 0,
        tag: "",
    };
    // (end of the block, its tag), innermost last.
    let mut open_blocks: Vec<(usize, &'static str)> = Vec::new();
    let mut open_links: Vec<usize> = Vec::new();
    let mut open_times: Vec<usize> = Vec::new();
    let mut i = root;
    while i < end {
        while open_blocks.last().is_some_and(|&(e, _)| e <= i) {
            open_blocks.pop();
            flush(&mut current, out, open_blocks.last().map_or("", |b| b.1));
        }
        while open_links.last().is_some_and(|&e| e <= i) {
            open_links.pop();
        }
        while open_times.last().is_some_and(|&e| e <= i) {
            open_times.pop();
        }
        let node = &dom.nodes[i];
        if dropped.get(i).copied().unwrap_or(false) {
            i = node.end.max(i + 1);
            continue;
        }
        match node.kind {
            Kind::Text(text) => {
                let before = current.text.len();
                push_collapsed(&mut current.text, text);
                let added = current.text[before..].trim().chars().count();
                if !open_links.is_empty() {
                    current.link_chars += added;
                }
                if !open_times.is_empty() {
                    current.time_chars += added;
                }
            }
            Kind::Element(element) => {
                let tag = element.name();
                if tag == "br" {
                    flush(&mut current, out, open_blocks.last().map_or("", |b| b.1));
                } else if tag == "a" {
                    open_links.push(node.end);
                } else if tag == "time" {
                    open_times.push(node.end);
                } else if !INLINE_TAGS.contains(&tag) {
                    let tag = static_tag(tag);
                    flush(&mut current, out, open_blocks.last().map_or("", |b| b.1));
                    open_blocks.push((node.end, tag));
                    current.tag = tag;
                } else if matches!(tag, "img") {
                    // Images carry no text; their alt text is a caption, not the article.
                }
            }
            Kind::Other => {}
        }
        i += 1;
    }
    flush(&mut current, out, "");
}

fn flush(current: &mut Paragraph, out: &mut Vec<Paragraph>, outer_tag: &'static str) {
    let text = current.text.trim();
    if !text.is_empty() {
        out.push(Paragraph {
            text: text.to_owned(),
            link_chars: current.link_chars,
            time_chars: current.time_chars,
            tag: if current.tag.is_empty() { outer_tag } else { current.tag },
        });
    }
    current.text.clear();
    current.link_chars = 0;
    current.time_chars = 0;
    current.tag = outer_tag;
}

/// Block tags the filters care about, as `'static` names; others become `div`.
fn static_tag(tag: &str) -> &'static str {
    const KNOWN: &[&str] = &[
        "p",
        "li",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "td",
        "th",
        "dt",
        "dd",
        "div",
        "section",
        "article",
        "ul",
        "ol",
        "table",
        "tr",
    ];
    KNOWN.iter().find(|&&k| k == tag).copied().unwrap_or("div")
}

/// Joins paragraphs with blank lines.
pub(super) fn join(paragraphs: &[Paragraph]) -> String {
    let mut out = String::new();
    for p in paragraphs {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&p.text);
    }
    out
}
