//! Plain text and Markdown articles, many of them saved web pages.
//!
//! Layout recognised, top to bottom: optional front matter (`---` fenced or bare
//! `key: value` lines), a navigation/breadcrumb block, the headline (the first
//! substantive line), the headline repeated, a dek, byline and dateline lines,
//! the body, and trailing boilerplate ("Share this article", "Subscribe", "©").

use crate::article::Extracted;
use crate::dates;
use crate::records::split_byline;

/// Reads a plain-text (or Markdown, when `markdown`) article.
pub fn read_text(text: &str, markdown: bool) -> Extracted {
    let mut out = Extracted::default();
    let rest = front_matter(text, &mut out);
    let mut lines: Vec<String> = rest
        .lines()
        .map(|l| if markdown { markdown_line(l) } else { clean_line(l) })
        .collect();
    drop_trailing_boilerplate(&mut lines);

    let mut i = 0;
    // Navigation above the headline.
    while i < lines.len() && (lines[i].is_empty() || is_navigation(&lines[i])) {
        i += 1;
    }
    if out.headline.is_empty() {
        if let Some(line) = lines.get(i) {
            out.headline = line.clone();
            i += 1;
        }
    } else if lines.get(i).is_some_and(|l| same_text(l, &out.headline)) {
        i += 1;
    }
    // Header block under the headline: repeated headline, dek, byline, dateline.
    // A dek candidate counts only when the page shows it is a page header: the
    // headline was repeated or a byline/dateline follows; otherwise (a BBC-style
    // file) the short line is the body's first paragraph.
    let mut repeated = false;
    let mut dek_at: Option<usize> = None;
    let mut confirmed = false;
    let mut header_lines = 0;
    while i < lines.len() && header_lines < 6 {
        let line = &lines[i];
        if line.is_empty() || is_navigation(line) {
            i += 1;
            continue;
        }
        if same_text(line, &out.headline) {
            repeated = true;
            i += 1;
            continue;
        }
        if let Some(names) = byline(line) {
            if out.authors.is_empty() {
                out.authors = names;
            }
            confirmed = true;
        } else if let Some(date) = dateline(line) {
            match date {
                Ok(d) => {
                    out.published.get_or_insert(d);
                }
                Err(e) => out.warnings.push(format!("{e}; date dropped")),
            }
            confirmed = true;
        } else if dek_at.is_none() && header_lines == 0 && is_dek(line, lines.get(i + 1)) {
            dek_at = Some(i);
        } else {
            break;
        }
        header_lines += 1;
        i += 1;
    }
    if let Some(at) = dek_at {
        if repeated || confirmed {
            out.dek = Some(lines[at].clone());
        } else {
            i = at;
        }
    }
    let body: Vec<&str> = lines[i.min(lines.len())..]
        .iter()
        .map(String::as_str)
        .filter(|l| !is_inline_boilerplate(l))
        .collect();
    out.body = crate::records::normalise_body(&body.join("\n"));
    out
}

/// Trims a line and strips control characters and list bullets that text renderers leave.
pub fn clean_line(line: &str) -> String {
    let trimmed = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}');
    let without_bullet = trimmed
        .strip_prefix(['•', '□', '☆', '▪', '◦', '·'])
        .map(str::trim_start)
        .unwrap_or(trimmed);
    without_bullet
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn markdown_line(line: &str) -> String {
    let line = clean_line(line);
    let line = line.trim_start_matches('#').trim_start();
    let line = line.strip_prefix("> ").unwrap_or(line);
    line.replace("**", "").replace("__", "")
}

fn front_matter<'a>(text: &'a str, out: &mut Extracted) -> &'a str {
    let text = text.trim_start_matches('\u{feff}');
    let trimmed = text.trim_start();
    if let Some(after) = trimmed.strip_prefix("---") {
        if let Some(end) = after.find("\n---") {
            for line in after[..end].lines() {
                apply_front_matter(line, out);
            }
            let rest = &after[end + 4..];
            return rest.split_once('\n').map_or("", |(_, r)| r);
        }
    }
    // Bare `key: value` lines at the very top, ended by a blank line.
    let mut consumed = 0;
    let mut found = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            if found > 0 {
                consumed += line.len();
            }
            break;
        }
        if !apply_front_matter(line, out) {
            return if found >= 2 {
                &text[consumed..]
            } else {
                reset(out, text)
            };
        }
        found += 1;
        consumed += line.len();
    }
    if found >= 2 {
        &text[consumed..]
    } else {
        reset(out, text)
    }
}

fn reset<'a>(out: &mut Extracted, text: &'a str) -> &'a str {
    *out = Extracted::default();
    text
}

fn apply_front_matter(line: &str, out: &mut Extracted) -> bool {
    let Some((key, value)) = line.split_once(':') else {
        return false;
    };
    let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
    match key.trim().to_ascii_lowercase().as_str() {
        "title" | "headline" => out.headline = value.to_owned(),
        "date" | "published" | "pubdate" => match dates::parse_published(value) {
            Ok(d) => out.published = d,
            Err(e) => out.warnings.push(format!("{e}; date dropped")),
        },
        "source" | "outlet" | "publisher" | "site" => out.source = Some(value.to_owned()),
        "url" | "link" | "canonical" => out.url = Some(value.to_owned()),
        "author" | "authors" | "byline" => out.authors = split_byline(value.trim_matches(['[', ']'])),
        "id" => out.id = Some(value.to_owned()),
        "lang" | "language" => out.language = Some(value.to_ascii_lowercase()),
        "dek" | "subtitle" | "description" | "summary" => out.dek = Some(value.to_owned()),
        "tags" | "topic" | "section" | "category" | "categories" => {}
        _ => return false,
    }
    true
}

fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    norm(a) == norm(b)
}

const NAV_WORDS: &[&str] = &[
    "home",
    "menu",
    "search",
    "sign in",
    "log in",
    "login",
    "sign up",
    "register",
    "subscribe",
    "skip to content",
    "skip to main content",
    "toggle menu",
    "close",
    "open menu",
    "main menu",
    "navigation",
    "sections",
    "more",
    "advertisement",
    "account",
    "my account",
    "share",
    "print",
    "email",
    "newsletters",
    "top stories",
];

/// Breadcrumbs ("Home | Politics | World", "News > US"), menu words and other chrome.
fn is_navigation(line: &str) -> bool {
    let lower = line.to_lowercase();
    if NAV_WORDS.contains(&lower.trim_end_matches(['.', ':'])) {
        return true;
    }
    for sep in [" | ", " > ", " » ", " › ", " / ", " · ", " • "] {
        if line.contains(sep) {
            let parts: Vec<&str> = line.split(sep).collect();
            if parts.len() >= 2 && parts.iter().all(|p| p.split_whitespace().count() <= 3) {
                return true;
            }
        }
    }
    false
}

fn byline(line: &str) -> Option<Vec<String>> {
    let lower = line.to_lowercase();
    if !(lower.starts_with("by ") || lower.starts_with("by:") || lower.starts_with("written by "))
        || line.split_whitespace().count() > 14
    {
        return None;
    }
    let line = line
        .strip_prefix("Written ")
        .or_else(|| line.strip_prefix("written "))
        .unwrap_or(line);
    // "By Jane Doe, Capitol Ledger | March 3, 2024": keep names, drop the date part.
    let names_part = line.split(['|', '—', '–']).next().unwrap_or(line);
    let names: Vec<String> = split_byline(names_part)
        .into_iter()
        .filter(|n| dates::parse_date(n).is_none())
        .collect();
    (!names.is_empty()).then_some(names)
}

fn dateline(line: &str) -> Option<Result<chrono::DateTime<chrono::Utc>, dates::DateError>> {
    if line.len() > 80 {
        return None;
    }
    dates::parse_published(line).transpose()
}

fn is_dek(line: &str, next: Option<&String>) -> bool {
    let words = line.split_whitespace().count();
    // A dek is short and stands alone: the body follows after a blank line.
    (4..=40).contains(&words) && next.is_none_or(|n| n.is_empty()) && !line.ends_with(':')
}

const BOILERPLATE_PREFIXES: &[&str] = &[
    "share this",
    "share on",
    "share article",
    "subscribe",
    "sign up for",
    "sign up to",
    "newsletter",
    "follow us",
    "©",
    "(c) ",
    "copyright",
    "all rights reserved",
    "read more",
    "related:",
    "related stories",
    "related articles",
    "more from",
    "click here",
    "advertisement",
    "comments",
    "leave a comment",
    "tags:",
    "topics:",
    "filed under",
    "get our",
    "download our app",
    "view comments",
    "print this",
    "email this",
    "tweet",
    "this article was",
    "join our",
    "support our",
    "you might also like",
    "recommended",
    "most read",
    "trending",
];

fn is_boilerplate(line: &str) -> bool {
    let lower = line.to_lowercase();
    let lower = lower.trim();
    lower.is_empty()
        || is_navigation(line)
        || (lower.split_whitespace().count() <= 16 && BOILERPLATE_PREFIXES.iter().any(|p| lower.starts_with(p)))
        || lower.contains("all rights reserved")
        || matches!(
            lower,
            "facebook" | "twitter" | "x" | "linkedin" | "whatsapp" | "reddit" | "email" | "print" | "copy link"
        )
}

fn is_inline_boilerplate(line: &str) -> bool {
    let lower = line.to_lowercase();
    matches!(
        lower.trim(),
        "advertisement" | "share this article" | "share" | "story continues below advertisement"
    )
}

fn drop_trailing_boilerplate(lines: &mut Vec<String>) {
    while lines.last().is_some_and(|l| is_boilerplate(l)) {
        lines.pop();
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
