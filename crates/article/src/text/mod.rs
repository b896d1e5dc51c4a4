//! Plain text and Markdown articles, many of them saved web pages.
//!
//! A text-mode browser's rendering of a news page (or a select-all-and-copy of it) holds, top to bottom:
//! menus and breadcrumbs, the headline (often twice: page title and article heading), a dek, byline and
//! dateline lines, captions and player controls, the body, then related stories, share buttons and footers.
//! A plain article file (a headline line, a blank line, paragraphs) is the same thing without the chrome.
//!
//! The reader works on line shape, not on site knowledge:
//!
//! 1. optional front matter (`---` fenced or bare `key: value` lines) is read first;
//! 2. a file without chrome (no list bullets, indented menus, navigation or caption lines) is read as
//!    headline line, header lines, body;
//! 3. otherwise the body is the densest run of sentence-like lines (`body.rs`), the headline is the title-shaped
//!    line just above it that the page repeats or that a byline or date follows (`page.rs`, `header.rs`), and the lines
//!    between headline and body are the header: dek, byline, dateline.
//!
//! Every step is one pass over the lines (plus a hash map of line keys), so a huge input stays linear.

mod body;
mod chrome;
mod front_matter;
mod header;
mod line;
mod page;

pub use line::clean_line;

use crate::article::Extracted;
use crate::records::normalise_body;
use line::Line;
use page::Page;

/// Above this many lines the input is no web page: it is read as headline line plus body, without analysis.
const MAX_ANALYSED_LINES: usize = 200_000;

/// Reads a plain-text (or Markdown, when `markdown`) article.
pub fn read_text(text: &str, markdown: bool) -> Extracted {
    let mut out = Extracted::default();
    let rest = front_matter::front_matter(text, &mut out);
    if rest.bytes().filter(|&b| b == b'\n').count() > MAX_ANALYSED_LINES {
        read_unanalysed(rest, &mut out);
        return out;
    }
    let lines = line::join_wrapped(rest.lines().map(|l| Line::new(l, markdown)).collect());
    Page::new(&lines, markdown).read(&mut out);
    out
}

/// Too many lines for a page: the first non-empty line is the headline, the rest the body.
fn read_unanalysed(text: &str, out: &mut Extracted) {
    let text = text.trim_start();
    let (first, body) = text.split_once('\n').unwrap_or((text, ""));
    if out.headline.is_empty() {
        out.headline = clean_line(first);
        out.body = normalise_body(body);
    } else {
        out.body = normalise_body(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAVED_PAGE: &str = "Home | Politics | World\nMenu\n\nSenate passes border funding bill\n\nSenate passes border funding bill\n\nThe measure now goes to the House.\n\nBy Jane Doe\n\nThe Senate voted 52-48 on Tuesday to approve the bill.\n\nDemocrats opposed the measure.\n\nShare this article\nSubscribe to our newsletter\n© 2024 Capitol Ledger. All rights reserved.\n";

    #[test]
    fn saved_web_page() {
        let a = read_text(SAVED_PAGE, false);
        assert_eq!(a.headline, "Senate passes border funding bill");
        assert_eq!(a.dek.as_deref(), Some("The measure now goes to the House."));
        assert_eq!(a.authors, vec!["Jane Doe"]);
        assert_eq!(
            a.body,
            "The Senate voted 52-48 on Tuesday to approve the bill.\n\nDemocrats opposed the measure."
        );
        assert_eq!(a.published, None, "no date is invented");
    }

    #[test]
    fn bbc_style_first_line_headline() {
        let a = read_text("Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months to December, from $639m year-earlier.\n\nThe firm said...\n", false);
        assert_eq!(a.headline, "Ad sales boost Time Warner profit");
        assert!(a.body.starts_with("Quarterly profits"), "{}", a.body);
    }

    #[test]
    fn front_matter_wins() {
        let a = read_text("---\ntitle: Budget talks stall\ndate: 2023-05-02\nsource: Capitol Ledger\nurl: https://x/y\n---\nBudget talks stall again\n\nBody here.\n", false);
        assert_eq!(a.headline, "Budget talks stall");
        assert_eq!(a.source.as_deref(), Some("Capitol Ledger"));
        assert_eq!(a.published.unwrap().format("%F").to_string(), "2023-05-02");
        assert_eq!(a.body, "Budget talks stall again\n\nBody here.");
    }

    #[test]
    fn dateline_is_read() {
        let a = read_text(
            "Headline here today\n\nMarch 3, 2024\n\nBody text of the story goes on for a while.\n",
            false,
        );
        assert_eq!(a.published.unwrap().format("%F").to_string(), "2024-03-03");
        assert_eq!(a.body, "Body text of the story goes on for a while.");
    }

    #[test]
    fn markdown_heading() {
        let a = read_text("# Parliament votes\n\nThe **vote** was close.\n", true);
        assert_eq!(a.headline, "Parliament votes");
        assert_eq!(a.body, "The vote was close.");
    }
}
