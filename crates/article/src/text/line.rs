//! One rendered line and what its shape says: indentation, list bullet, length, punctuation.

use std::borrow::Cow;
use std::cell::OnceCell;

use super::chrome;
use crate::clean::{clean, BULLETS};

/// A line of the input with the features the reader decides on.
#[derive(Debug)]
pub(super) struct Line<'a> {
    /// The cleaned text: trimmed, bullet and control characters removed, whitespace collapsed.
    pub text: Cow<'a, str>,
    /// Leading spaces in the raw line (tabs count as four).
    pub indent: usize,
    /// The raw line started with a list bullet.
    pub bullet: bool,
    /// Whitespace-separated words.
    pub words: usize,
    /// Whether the line is inline chrome, once asked: the reader asks it of each line several times.
    chrome: OnceCell<bool>,
}

impl<'a> Line<'a> {
    /// [`chrome::is_inline_chrome`] of the text, worked out once.
    pub fn inline_chrome(&self) -> bool {
        *self.chrome.get_or_init(|| chrome::is_inline_chrome(&self.text))
    }

    pub fn new(raw: &'a str, markdown: bool) -> Line<'a> {
        let mut indent = 0;
        for c in raw.chars() {
            match c {
                ' ' | '\u{a0}' => indent += 1,
                '\t' => indent += 4,
                _ => break,
            }
        }
        let head = raw.trim_start();
        let mut bullet = head.starts_with(BULLETS);
        let text = if markdown {
            let md = markdown_line(raw);
            bullet |= head.starts_with(['*', '-', '+']) && head[1..].starts_with(' ');
            Cow::Owned(md)
        } else {
            clean(raw)
        };
        let text = match decode_entities(&text) {
            Some(decoded) => Cow::Owned(decoded),
            None => text,
        };
        let text = match strip_inline_tags(&text) {
            Some(stripped) => Cow::Owned(stripped),
            None => text,
        };
        let words = text.split_whitespace().count();
        Line {
            chrome: OnceCell::new(),
            text,
            indent,
            bullet,
            words,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Ends the way a sentence or a quotation ends.
    pub fn ends_sentence(&self) -> bool {
        self.text
            .trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', '»'])
            .ends_with(['.', '!', '?', '…', ':', ';'])
            || self.text.ends_with(['"', '”', '’'])
    }
}

/// The text with the HTML character references a page left unrendered (`&#8216;`, `&#x2019;`, `&amp;`)
/// written as characters; `None` when it has none.
fn decode_entities(text: &str) -> Option<String> {
    if !text.contains('&') || !text.contains(';') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let reference = tail
            .get(1..)
            .and_then(|t| t.find(';').filter(|&e| e <= 8).map(|e| &t[..e]));
        let decoded = reference.and_then(|r| match r {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "nbsp" => Some(' '),
            _ => {
                let number = r.strip_prefix('#')?;
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(code).filter(|c| !c.is_control())
            }
        });
        match (decoded, reference) {
            (Some(c), Some(r)) => {
                out.push(c);
                rest = &tail[r.len() + 2..];
                changed = true;
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// Inline markup a page left in its text ("GOTY: <i>Kotaku</i>'s Top 12"), removed; `None` when there is none.
fn strip_inline_tags(text: &str) -> Option<String> {
    const TAGS: &[&str] = &["<i>", "</i>", "<b>", "</b>", "<em>", "</em>", "<strong>", "</strong>"];
    if !text.contains('<') || !TAGS.iter().any(|t| text.contains(t)) {
        return None;
    }
    let mut out = text.to_owned();
    for tag in TAGS {
        out = out.replace(tag, "");
    }
    Some(out)
}

/// Joins lines that a renderer or a writer wrapped: a paragraph continues on the next line (no blank line
/// between) when the next line starts in lower case after a line that ends mid-sentence, when the line is longer
/// than any paragraph line a renderer leaves whole (w3m wraps at about 3,000 columns), or, in a file wrapped at a
/// fixed width throughout (e-mail style, 60 to 100 columns), whenever the next line is not a new list item.
pub(super) fn join_wrapped(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    let non_empty = lines.iter().filter(|l| !l.is_empty()).count();
    let followed = lines
        .windows(2)
        .filter(|w| !w[0].is_empty() && !w[1].is_empty())
        .count();
    let medium = lines
        .iter()
        .filter(|l| (50..=100).contains(&l.text.chars().count()))
        .count();
    let hard_wrapped = non_empty >= 6 && followed * 2 >= non_empty && medium * 5 >= non_empty * 2;
    let mut out: Vec<Line<'_>> = Vec::with_capacity(lines.len());
    let mut previous_empty = true;
    for line in lines {
        let joins = !previous_empty
            && !line.is_empty()
            && !line.bullet
            && out.last().is_some_and(|last: &Line<'_>| {
                !last.bullet
                    && ((last.words >= 5
                        && !last.ends_sentence()
                        && line.text.chars().next().is_some_and(char::is_lowercase))
                        || last.text.len() >= 1000
                        || (hard_wrapped && last.indent == line.indent && last.words >= 3))
            });
        previous_empty = line.is_empty();
        if joins {
            if let Some(last) = out.last_mut() {
                let text = last.text.to_mut();
                text.push(' ');
                text.push_str(&line.text);
                last.words += line.words;
            }
        } else {
            out.push(line);
        }
    }
    out
}

fn markdown_line(line: &str) -> String {
    let line = clean(line);
    let line = line.trim_start_matches('#').trim_start();
    let line = line.strip_prefix("> ").unwrap_or(line);
    line.replace("**", "").replace("__", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_references_are_decoded() {
        let line = Line::new("&#8216;The Voice:&#8217; Dan &amp; Shay&#x2019;s &bogus; R&D", false);
        assert_eq!(line.text, "\u{2018}The Voice:\u{2019} Dan & Shay\u{2019}s &bogus; R&D");
        assert_eq!(decode_entities("no references"), None);
        assert_eq!(
            Line::new("GOTY: <i>Kotaku</i>'s Top 12", false).text,
            "GOTY: Kotaku's Top 12"
        );
    }

    #[test]
    fn bullets_and_indent() {
        let l = Line::new("      □ CBS Sports HQ", false);
        assert!(l.bullet && l.indent == 6 && l.words == 3);
    }

    #[test]
    fn wrapped_paragraphs_are_joined() {
        let lines: Vec<Line<'_>> = "A long line that the renderer cut in the\nmiddle of a sentence.\n\nNext paragraph."
            .lines()
            .map(|l| Line::new(l, false))
            .collect();
        let joined = join_wrapped(lines);
        assert_eq!(
            joined[0].text,
            "A long line that the renderer cut in the middle of a sentence."
        );
        assert_eq!(joined.len(), 3);
    }

    #[test]
    fn sentence_endings() {
        for (text, ends) in [
            ("He left.", true),
            ("\"Go home,\" she said.”", true),
            ("Top stories", false),
        ] {
            assert_eq!(Line::new(text, false).ends_sentence(), ends, "{text}");
        }
    }
}
