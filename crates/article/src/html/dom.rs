//! A flat, pre-order copy of the parsed tree.
//!
//! Every walk over a page is a loop over a slice: a node's descendants are the
//! nodes `index + 1 .. node.end`. Nothing recurses, so a page nested thousands of
//! levels deep costs what a flat page of the same size costs.

use scraper::node::Element;
use scraper::{Html, Node as HtmlNode};

use crate::clean::push_collapsed;

/// Elements that flow inside a paragraph; every other element starts a new block.
pub(super) const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "dfn", "del", "em", "font", "i", "img", "ins",
    "kbd", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u",
    "var", "wbr",
];

/// Marks the root's parent.
pub(super) const NONE: usize = usize::MAX;

/// One node of the flattened tree.
pub(super) struct Node<'a> {
    /// Index of the parent, [`NONE`] for the document.
    pub parent: usize,
    /// One past the last descendant.
    pub end: usize,
    /// What the node is.
    pub kind: Kind<'a>,
}

/// The parts of a node the extractor looks at.
pub(super) enum Kind<'a> {
    /// An element with its lower-case tag name and attributes.
    Element(&'a Element),
    /// Character data.
    Text(&'a str),
    /// The document, comments, doctypes.
    Other,
}

/// The flattened page.
pub(super) struct Dom<'a> {
    /// Nodes in document (pre-)order.
    pub nodes: Vec<Node<'a>>,
}

impl<'a> Dom<'a> {
    /// Flattens a parsed document.
    pub fn new(html: &'a Html) -> Self {
        let mut nodes: Vec<Node<'a>> = Vec::with_capacity(html.tree.nodes().len());
        let mut open: Vec<usize> = Vec::new();
        for edge in html.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(node) => {
                    let kind = match node.value() {
                        HtmlNode::Element(element) => Kind::Element(element),
                        HtmlNode::Text(text) => Kind::Text(text),
                        _ => Kind::Other,
                    };
                    let parent = open.last().copied().unwrap_or(NONE);
                    open.push(nodes.len());
                    nodes.push(Node { parent, end: 0, kind });
                }
                ego_tree::iter::Edge::Close(_) => {
                    if let Some(index) = open.pop() {
                        let end = nodes.len();
                        nodes[index].end = end;
                    }
                }
            }
        }
        Dom { nodes }
    }

    /// The element at `index`, if it is one.
    pub fn element(&self, index: usize) -> Option<&'a Element> {
        match self.nodes.get(index)?.kind {
            Kind::Element(element) => Some(element),
            _ => None,
        }
    }

    /// The tag name at `index`, empty for non-elements.
    pub fn tag(&self, index: usize) -> &'a str {
        self.element(index).map_or("", |e| e.name())
    }

    /// An attribute of the element at `index`.
    pub fn attr(&self, index: usize, name: &str) -> Option<&'a str> {
        self.element(index)?.attr(name)
    }

    /// All text under `index`, whitespace collapsed to single spaces, blocks and line breaks apart;
    /// not the code of scripts and style sheets.
    pub fn text(&self, index: usize) -> String {
        let end = self.nodes.get(index).map_or(index, |n| n.end).min(self.nodes.len());
        let mut out = String::new();
        let mut i = index;
        while i < end {
            match self.nodes[i].kind {
                Kind::Text(text) => push_collapsed(&mut out, text),
                Kind::Element(e) if matches!(e.name(), "script" | "style" | "template") => {
                    i = self.nodes[i].end.max(i + 1);
                    continue;
                }
                // A block boundary or a line break separates words.
                Kind::Element(e) if !INLINE_TAGS.contains(&e.name()) && !out.is_empty() && !out.ends_with(' ') => {
                    out.push(' ');
                }
                _ => {}
            }
            i += 1;
        }
        out.trim_end().to_owned()
    }

    /// Indices of the ancestors of `index`, nearest first.
    pub fn ancestors(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        let mut current = self.nodes.get(index).map_or(NONE, |n| n.parent);
        std::iter::from_fn(move || {
            if current == NONE {
                return None;
            }
            let here = current;
            current = self.nodes.get(here).map_or(NONE, |n| n.parent);
            Some(here)
        })
    }

    /// Elements with the given tag name, in document order.
    pub fn elements_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = usize> + 's {
        (0..self.nodes.len()).filter(move |&i| self.tag(i) == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_in_document_order_with_subtree_ranges() {
        let html = Html::parse_document("<html><body><div><p>One <b>two</b></p></div><p>three</p></body></html>");
        let dom = Dom::new(&html);
        let div = dom.elements_named("div").next().unwrap_or(NONE);
        assert_eq!(dom.text(div), "One two");
        let body = dom.elements_named("body").next().unwrap_or(NONE);
        assert_eq!(dom.text(body), "One two three");
        assert!(dom.ancestors(div).any(|a| a == body));
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let depth = 20_000;
        let page = format!("{}deep{}", "<div>".repeat(depth), "</div>".repeat(depth));
        let html = Html::parse_document(&page);
        let dom = Dom::new(&html);
        assert_eq!(dom.text(0), "deep");
    }
}
