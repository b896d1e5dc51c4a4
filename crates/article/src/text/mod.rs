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
mod trailer;

pub use crate::clean::clean_line;

use crate::article::Extracted;
use crate::clean::normalise_body;
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
    if out.published.is_none() {
        out.published = header_date(rest, &out.headline).map(|d| d.fixed_offset());
    }
    if out.language.is_none() {
        out.language = crate::language::detect(&out.body);
    }
    out
}

/// A date stated in the lines around the headline that the page reader did not take as a dateline:
/// "*By Anja Reinholt | Northwind Wire | November 7, 2024*", "The Courier — by Jo Roe, 22 May 2024", or the
/// dateline that opens the first paragraph ("LONDON, Dec. 24, 2020 — Britain and …"). Only the text before
/// the first dash of a paragraph is read, so a date in running prose is never taken for the publication date.
fn header_date(text: &str, headline: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let mut seen = 0;
    for raw in text.lines() {
        let line = clean_line(raw).replace(['*', '_', '#'], " ");
        let line = line.trim();
        if line.is_empty() || line == headline.trim() {
            continue;
        }
        seen += 1;
        if seen > 12 {
            return None;
        }
        let long = line.split_whitespace().count() > 20;
        let fragment = if long {
            match line.split_once(['—', '–']).or_else(|| line.split_once(" - ")) {
                Some((before, _)) if before.split_whitespace().count() <= 8 => before,
                _ => return None,
            }
        } else {
            line
        };
        if let Some(date) = date_in_fragment(fragment) {
            return Some(date);
        }
        if long {
            // The first paragraph of the body: nothing after it is header.
            return None;
        }
    }
    None
}

fn date_in_fragment(fragment: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    for segment in fragment.split(['|', '—', '–', '·', '•']) {
        let pieces: Vec<&str> = segment.split(',').collect();
        for k in 1..=pieces.len().min(4) {
            let candidate = pieces[pieces.len() - k..].join(",");
            if let Ok(Some(date)) = crate::dates::parse_published(candidate.trim()) {
                return Some(date);
            }
        }
    }
    None
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
    fn dates_in_bylines_and_datelines() {
        let day = |t: &str| read_text(t, true).published.map(|d| d.format("%F").to_string());
        let byline = "# Scholz fires his finance minister\n\n*By Anja Reinholt | Northwind Wire | November 7, 2024*\n\nBERLIN — The chancellor dismissed the minister on Wednesday night after weeks of dispute over the budget and borrowing limits in Germany.\n";
        assert_eq!(day(byline).as_deref(), Some("2024-11-07"));
        let courier = "# Sunak calls an election\n\n**The Albion Courier** — by Eleanor Pryce, 22 May 2024\n\nLONDON — The prime minister announced on Wednesday that the country will vote in July, surprising many in his party.\n";
        assert_eq!(day(courier).as_deref(), Some("2024-05-22"));
        let dateline = "Britain and EU seal trade deal\n\nLONDON, Dec. 24, 2020 — Britain and the European Union agreed on a trade deal on Thursday, a week before the end of the transition period.\n";
        assert_eq!(
            read_text(dateline, false)
                .published
                .map(|d| d.format("%F").to_string())
                .as_deref(),
            Some("2020-12-24")
        );
        let prose = "Pelosi lands in Taiwan\n\nTAIPEI — House Speaker Nancy Pelosi arrived in Taiwan late on Tuesday, Aug. 2, 2022, becoming the highest-ranking official to visit in 25 years.\n";
        assert_eq!(
            read_text(prose, false).published,
            None,
            "a date in running prose is not the publication date"
        );
    }

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
