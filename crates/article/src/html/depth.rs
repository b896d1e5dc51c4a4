//! Bounding how deep a page nests before it is parsed.
//!
//! The HTML parsing algorithm checks the stack of open elements on every start tag ("is a `<p>`
//! in button scope?"), so a page nested n levels deep costs n² in html5ever: 100,000 nested
//! `<div>`s took 24 s. Browsers bound this: Blink's parser stops nesting at 512 levels and puts
//! deeper elements beside their parent instead. [`cap_depth`] does the same before parsing, by
//! leaving out start tags (and their end tags) deeper than the cap: the text is all kept, only the
//! nesting beyond the cap is lost, and no article nests anywhere near that deep.

use std::borrow::Cow;

/// The nesting kept, as in Blink's HTML parser.
pub const MAX_DEPTH: usize = 512;

/// Elements that never have content, so never open a level.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "keygen", "command", "basefont", "bgsound", "frame", "image",
];

/// Elements the parser closes by itself when a sibling starts (`<p>a<p>b`), so they do not pile up
/// on the stack however they are written; they are not counted.
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rp", "rt", "rb", "rtc",
];

/// Elements whose content is text up to their end tag: markup inside them is not markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// `html` with start and end tags beyond `max` levels of nesting left out; borrowed when the page
/// cannot nest that deep (it has fewer tags than `max`) or does not.
pub fn cap_depth(html: &str, max: usize) -> Cow<'_, str> {
    if html.bytes().filter(|&b| b == b'<').count() <= max {
        return Cow::Borrowed(html);
    }
    let bytes = html.as_bytes();
    let mut out = String::new();
    // Bytes from `copied` up to the current tag are still to be copied.
    let mut copied = 0;
    let mut depth = 0usize;
    let mut cut_any = false;
    let mut i = 0;
    while let Some(offset) = memchr(b'<', &bytes[i..]) {
        let start = i + offset;
        let Some(tag) = read_tag(html, start) else {
            i = start + 1;
            continue;
        };
        let mut keep = true;
        match tag.kind {
            TagKind::Start if counts(tag.name) => {
                depth += 1;
                keep = depth <= max;
            }
            TagKind::End if counts(tag.name) => {
                keep = depth <= max;
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        let mut end = tag.end;
        if tag.kind == TagKind::Start && is_one_of(tag.name, RAW_TEXT) {
            // Skip to the element's end tag: its content is text.
            let close = format!("</{}", tag.name);
            // Its end tag is read by the loop and closes the level it opened.
            end = find_ci(html, tag.end, &close).unwrap_or(html.len());
        }
        if !keep {
            out.push_str(&html[copied..start]);
            copied = tag.end;
            cut_any = true;
        }
        i = end.max(start + 1);
    }
    if !cut_any {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Whether an element opens a level that the parser keeps open until its end tag.
fn counts(name: &str) -> bool {
    !is_one_of(name, VOID) && !is_one_of(name, SELF_CLOSING_SIBLINGS)
}

/// Whether a tag name, in any case, is one of `names` (lower-case).
fn is_one_of(name: &str, names: &[&str]) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Start,
    End,
    /// `<br/>`-style self-closed, comments, doctypes, processing instructions.
    Other,
}

struct Tag<'a> {
    kind: TagKind,
    /// The tag name as written (empty for comments and the like).
    name: &'a str,
    /// Byte just past the tag.
    end: usize,
}

/// The tag starting at `html[start] == '<'`, or `None` when the `<` starts no tag (it is text).
fn read_tag(html: &str, start: usize) -> Option<Tag<'_>> {
    let bytes = html.as_bytes();
    let next = *bytes.get(start + 1)?;
    if next == b'!' {
        let end = if html[start..].starts_with("<!--") {
            find(html, start + 4, "-->").map_or(html.len(), |at| at + 3)
        } else {
            find(html, start, ">").map_or(html.len(), |at| at + 1)
        };
        return Some(Tag {
            kind: TagKind::Other,
            name: "",
            end,
        });
    }
    if next == b'?' {
        let end = find(html, start, ">").map_or(html.len(), |at| at + 1);
        return Some(Tag {
            kind: TagKind::Other,
            name: "",
            end,
        });
    }
    let (closing, name_start) = if next == b'/' {
        (true, start + 2)
    } else {
        (false, start + 1)
    };
    if !bytes.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let name_end = name_start
        + bytes[name_start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
            .unwrap_or(bytes.len() - name_start);
    let name = &html[name_start..name_end];
    // The tag ends at the first `>` outside a quoted attribute value.
    let mut quote = None;
    let mut j = name_end;
    while j < bytes.len() {
        let b = bytes[j];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => break,
            None => {}
        }
        j += 1;
    }
    let end = (j + 1).min(bytes.len());
    let self_closed = j > 0 && bytes.get(j - 1) == Some(&b'/');
    let kind = if closing {
        TagKind::End
    } else if self_closed {
        TagKind::Other
    } else {
        TagKind::Start
    };
    Some(Tag { kind, name, end })
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

fn find(html: &str, from: usize, needle: &str) -> Option<usize> {
    html.get(from..)?.find(needle).map(|at| at + from)
}

/// Case-insensitive [`find`] for an ASCII needle.
fn find_ci(html: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = html.as_bytes().get(from..)?;
    let needle = needle.as_bytes();
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|at| at + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let page = "<html><body><div><p>Text</p></div></body></html>";
        assert!(matches!(cap_depth(page, 512), Cow::Borrowed(_)));
        let wide = "<p>para</p>".repeat(2_000);
        assert!(matches!(cap_depth(&wide, 512), Cow::Borrowed(_)));
        // Unclosed paragraphs do not pile up: the parser closes each at the next.
        let unclosed = "<div><p>para, text ".repeat(100);
        assert!(matches!(cap_depth(&unclosed, 512), Cow::Borrowed(_)));
    }

    #[test]
    fn nesting_beyond_the_cap_is_flattened_and_the_text_kept() {
        let page = format!(
            "{}<p>deep words</p>{}",
            "<div class=\"x>y\">".repeat(10),
            "</div>".repeat(10)
        );
        let capped = cap_depth(&page, 4);
        assert_eq!(capped.matches("<div").count(), 4);
        assert_eq!(capped.matches("</div>").count(), 4);
        assert!(capped.contains("<p>deep words</p>"));
    }

    #[test]
    fn scripts_comments_and_stray_brackets_are_not_tags() {
        let page = format!(
            "<script>if (a < b) {{ x = '<div>'; }}</script><!-- <div> -->a < b{}<p>t</p>",
            "<section>".repeat(6)
        );
        let capped = cap_depth(&page, 3);
        assert!(capped.contains("x = '<div>'"), "{capped}");
        assert!(capped.contains("<!-- <div> -->"));
        assert_eq!(capped.matches("<section>").count(), 3);
    }
}
