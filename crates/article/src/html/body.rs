//! The article text: the scored container rendered to paragraphs, then
//! paragraphs that are links, widget labels or the repeated headline left out.

use super::boilerplate::dropped;
use super::content::{article_roots, blocks, stats};
use super::dom::Dom;
use super::render::{join, paragraphs, Paragraph};
use crate::clean::fold;

/// Extracts the body text of a page; `headline` is not repeated in it.
pub(super) fn body(dom: &Dom<'_>, headline: &str) -> String {
    let dropped = dropped(dom);
    let block = blocks(dom);
    let stats = stats(dom, &dropped, &block);
    let roots = article_roots(dom, &dropped, &stats);
    let mut kept = paragraphs(dom, &roots, &dropped);
    let headline = fold(headline);
    kept.retain(|p| !is_chrome(p));
    while kept.first().is_some_and(|p| fold(&p.text) == headline) {
        kept.remove(0);
    }
    join(&kept)
}

/// A paragraph that is mostly a link, or a widget's label.
fn is_chrome(paragraph: &Paragraph) -> bool {
    let chars = paragraph.text.chars().count();
    if chars == 0 {
        return true;
    }
    if paragraph.time_chars * 10 >= chars * 8 {
        return true;
    }
    let density = paragraph.link_chars as f32 / chars as f32;
    if density > 0.5 && chars < 400 {
        return true;
    }
    let folded = fold(&paragraph.text);
    let folded = folded.trim_end_matches([':', '.', '!', '»', '›', '>']).trim();
    if LABELS.contains(&folded) {
        return true;
    }
    if chars < 120 && PREFIXES.iter().any(|p| folded.starts_with(p)) {
        return true;
    }
    // A picture credit on its own line: "Jason Merritt/Getty Images", "(AP Photo/Jo Doe)".
    if chars < 100 && CREDIT_ENDINGS.iter().any(|e| folded.trim_end_matches(')').ends_with(e)) {
        return true;
    }
    // A dateline ("Dec. 17, 2023", "Updated 5:00 pm ET") belongs to the page furniture.
    chars < 80
        && (crate::dates::parse_date(&paragraph.text).is_some()
            || (["updated", "published", "posted"].iter().any(|w| folded.starts_with(w))
                && folded.chars().any(|c| c.is_ascii_digit())))
}

/// Whole paragraphs that are widget labels.
const LABELS: &[&str] = &[
    "advertisement",
    "ad",
    "advert",
    "sponsored",
    "share",
    "share this",
    "share this article",
    "share this story",
    "tweet",
    "email",
    "print",
    "comments",
    "comment",
    "related",
    "related articles",
    "related stories",
    "read more",
    "continue reading",
    "skip to content",
    "skip to main content",
    "sign up",
    "subscribe",
    "follow us",
    "copy link",
    "link copied",
    "story continues below advertisement",
    "article continues below advertisement",
    "scroll to continue with content",
    "loading",
    "loading...",
    "close",
    "menu",
    "search",
];

/// How the credit of a news picture ends.
const CREDIT_ENDINGS: &[&str] = &[
    "getty images",
    "/ap",
    "ap photo",
    "/reuters",
    "/afp",
    "shutterstock",
    "/ epa",
    "/epa",
    "via reuters",
];

/// Openings of short promotional lines.
const PREFIXES: &[&str] = &[
    "sign up for",
    "sign up to",
    "subscribe to",
    "click here to",
    "follow us on",
    "share this",
    "read more:",
    "related:",
    "also read:",
    "read also:",
    "recommended:",
    "more:",
    "watch:",
    "get the latest",
    "credit:",
    "credits:",
    "photo credit",
    "image credit",
    "image source:",
    "photo:",
    "photograph:",
    "picture:",
    "image:",
    "(ap photo",
    "(photo by",
    "(photo:",
    "please use chrome browser for a more accessible video player",
    "copyright ©",
    "© ",
    "all rights reserved",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Paragraph {
        Paragraph {
            text: text.to_owned(),
            link_chars: 0,
            time_chars: 0,
            tag: "p",
        }
    }

    #[test]
    fn picture_credits_are_not_the_story() {
        assert!(is_chrome(&line("Credit: Jason Merritt/Getty Images")));
        assert!(is_chrome(&line("(AP Photo/Jo Doe)")));
        assert!(is_chrome(&line("Photograph: Jo Doe/Reuters")));
        assert!(!is_chrome(&line(
            "The agency said it had seen the pictures, which were taken by AP."
        )));
        assert!(!is_chrome(&line(
            "Credit card debt hit a record in the third quarter, the Fed said."
        )));
    }
}
