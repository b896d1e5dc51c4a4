//! The page header around the headline: bylines, datelines, reading-time and "Updated" lines, and the
//! features that make a line look like a headline.

use chrono::{DateTime, Utc};

use super::chrome;
use super::line::Line;
use crate::byline;
use crate::dates;

/// Author names from a "By Jane Doe" line; none when the line names only a role ("By Staff Writer").
pub(super) fn byline(line: &str) -> Option<Vec<String>> {
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
    // "By Jane Doe, Capitol Ledger | March 3, 2024", "By Jane Doe December 20, 2023": keep names, drop the date.
    let names_part = byline::cut_date(line);
    // A byline is a line whose pieces look like names, even when the names are roles ("By Staff").
    let pieces: Vec<&str> = byline::pieces(&names_part)
        .filter(|p| dates::parse_date(p).is_none() && p.chars().next().is_some_and(char::is_uppercase))
        .collect();
    if pieces.is_empty() {
        return None;
    }
    Some(pieces.into_iter().filter_map(byline::name_of).collect())
}

/// A lone "By" whose names follow on the next line (renderers break "By <a>Jane Doe</a>" that way).
pub(super) fn is_bare_by(line: &str) -> bool {
    matches!(line, "By" | "by" | "BY" | "By:" | "Written by")
}

/// A name line: two to five capitalised words, no sentence punctuation.
pub(super) fn looks_like_names(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (2..=12).contains(&words)
        && line.len() < 120
        && !line.ends_with(['.', '!', '?', ':'])
        && line
            .split_whitespace()
            .filter(|w| !matches!(*w, "and" | "&" | "," | "de" | "van" | "von"))
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
}

/// A line that states the publication date: "March 3, 2024", "Published 3 Mar 2024 • 2 min read".
pub(super) fn dateline(line: &str) -> Option<Result<DateTime<Utc>, dates::DateError>> {
    if line.len() > 100 {
        return None;
    }
    if let Some(found) = dates::parse_published(line).transpose() {
        return Some(found);
    }
    let lower = line.to_lowercase();
    let mut text = line;
    for prefix in [
        "published on",
        "published:",
        "published",
        "updated on",
        "updated:",
        "updated",
        "posted on",
        "posted",
    ] {
        if lower.starts_with(prefix) {
            text = line.get(prefix.len()..).unwrap_or("").trim();
            break;
        }
    }
    let first = text.split([' ', '|', '•', '·']).next();
    let parts = text.split(['|', '•', '·']).map(str::trim).chain(first);
    for part in parts {
        let part = part.split(" at ").next().unwrap_or(part);
        if let Some(found) = dates::parse_published(part).transpose() {
            return Some(found);
        }
        if part.len() > 8 {
            // "Feb 6, 2024 12:55 pm ET" → also try without the time.
            let words: Vec<&str> = part.split_whitespace().collect();
            if words.len() > 3 {
                if let Some(found) = dates::parse_published(&words[..3].join(" ")).transpose() {
                    return Some(found);
                }
            }
        }
    }
    None
}

/// Header metadata that carries no date we can read: "Updated 3 hours ago", "5 min read".
pub(super) fn is_meta(line: &str) -> bool {
    if line.len() > 120 || line.split_whitespace().count() > 10 {
        return false;
    }
    let lower = line.to_lowercase();
    ["published", "updated", "posted", "last updated", "first published"]
        .iter()
        .any(|p| lower.starts_with(p))
        || lower.contains("min read")
        || (lower.ends_with(" ago") && line.split_whitespace().count() <= 5)
        || lower.ends_with("minute read")
}

/// A byline, dateline or reading-time line inside the body's run: the header of a teaser or a repeated
/// header ("By Jo Roe", "December 20, 2023", "5 min read", "Updated 3 hours ago"), never story text.
pub(super) fn is_header_line(line: &Line<'_>) -> bool {
    if line.words > 14 {
        return false;
    }
    let text: &str = &line.text;
    // Dates and reading times hold a digit; the cheap test spares the date parser most lines.
    let digit = text.bytes().any(|b| b.is_ascii_digit());
    let by = text
        .get(..3)
        .is_some_and(|p| p.eq_ignore_ascii_case("by ") || p.eq_ignore_ascii_case("by:"))
        || text.get(..11).is_some_and(|p| p.eq_ignore_ascii_case("written by "));
    (by && byline(text).is_some()) || (digit && (is_meta(text) || dateline(text).is_some()))
}

/// How much a line looks like a headline on its own (without its position).
pub(super) fn title_shape(line: &Line<'_>) -> Option<f64> {
    let text = &line.text;
    if line.words < 2 || line.words > 40 || text.len() > 300 || chrome::is_disclaimer(text) {
        return None;
    }
    if line.inline_chrome()
        || chrome::is_boilerplate(text)
        || byline(text).is_some()
        || is_meta(text)
        || dateline(text).is_some()
        || text.ends_with(':')
        || text.starts_with("By ")
        || is_bare_by(text)
    {
        return None;
    }
    if is_caption_or_control(text)
        || is_credit(text)
        || opens_with_dateline(text)
        || is_doubled(text)
        || text.contains(" , ")
    {
        return None;
    }
    let mut shape = 0.0;
    if line.words > MAX_HEADLINE_WORDS {
        // A photo's caption or a lead sentence: headlines are shorter.
        shape -= 4.0;
    }
    if line.indent >= 1 && is_numbered_item(text) {
        // " 3. Materials Science": an item of a numbered breadcrumb or list.
        shape -= 3.0;
    }
    if (5..=25).contains(&line.words) {
        shape += 1.0;
    } else if line.words == 4 {
        // As often a section's name ("Signs of the Times") as a headline.
    } else if line.words < 4 {
        shape -= 1.5;
    } else {
        shape -= 1.0;
    }
    if text.ends_with('.') && !text.ends_with("...") {
        shape -= 2.0;
    }
    if line.bullet {
        shape -= 3.0;
    }
    if line.indent >= 4 {
        shape -= 2.0;
    }
    if text.chars().next().is_some_and(|c| c.is_lowercase()) {
        shape -= 2.0;
    }
    if line.words <= 4 && looks_like_names(text) {
        // "Jane Doe" under a headline; a section label such as "Movies & TV".
        shape -= 1.5;
    }
    Some(shape)
}

/// Headlines run to about twenty words; longer lines are captions and sentences.
const MAX_HEADLINE_WORDS: usize = 24;

/// A picture's caption or credit ("Jo Doe, right, speaks…", "(L-R) …", "Courtesy of …") or a form control
/// a renderer prints ("Search for: [ ] [Search]").
fn is_caption_or_control(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        ", right,",
        ", left,",
        ", center,",
        "(l-r)",
        "(from left",
        "courtesy of",
        "photography by",
        "illustration by",
        "illustration on",
        "as told to",
        "[ ]",
        "[search]",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// A short line that credits people: "Review by Rick Lane Contributor", "Social Links for Jo Doe",
/// "Lauren Manaker MS, RDN, LD".
fn is_credit(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > 8 {
        return false;
    }
    let named_after = |i: usize| {
        words.len() >= i + 3
            && words[i + 1..]
                .iter()
                .take(2)
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    };
    let credited = words
        .iter()
        .position(|w| matches!(*w, "by" | "By" | "for"))
        .is_some_and(|i| i > 0 && named_after(i) && words[..i].len() <= 3);
    // Degrees and titles after a name.
    let degrees = words.iter().filter(|w| {
        let w = w.trim_end_matches(',');
        w.len() >= 2 && w.len() <= 4 && w.chars().all(|c| c.is_ascii_uppercase())
    });
    credited || (degrees.count() >= 2 && words.len() <= 6)
}

/// The first sentence of a story: "SPRINGFIELD, Ill. (AP) — It was the dog…".
fn opens_with_dateline(text: &str) -> bool {
    let Some((place, _)) = text.split_once(" — ").or_else(|| text.split_once(" -- ")) else {
        return false;
    };
    let first = place.split([' ', ',']).next().unwrap_or_default();
    // A place and its state or agency: "SPRINGFIELD, Ill. (AP)", "LONDON (Reuters)".
    let placed = place.contains(',') || place.contains('(');
    placed
        && place.split_whitespace().count() <= 6
        && first.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && first.chars().all(|c| !c.is_lowercase())
}

/// A label a renderer printed twice in one line ("The Boston GlobeThe Boston Globe", a date and its copy).
fn is_doubled(text: &str) -> bool {
    let half = text.len() / 2;
    text.len().is_multiple_of(2) && text.is_char_boundary(half) && text[..half] == text[half..]
}

/// "3. Materials Science", "12. Item": a numbered list item.
fn is_numbered_item(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits) && text[digits..].starts_with(". ")
}

/// The key under which repeated lines are counted: alphanumeric characters, lowercased.
pub(super) fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The keys a line lends to headline candidates: the line itself and, for "Headline | Site" titles and
/// "Image for article titled Headline" captions, the headline part.
pub(super) fn occurrence_keys(text: &str) -> Vec<String> {
    let mut keys = vec![key(text)];
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, _)) = text.rsplit_once(sep) {
            keys.push(key(head));
        }
        if let Some((head, _)) = text.split_once(sep) {
            keys.push(key(head));
        }
    }
    if let Some(at) = text.find("titled ") {
        keys.push(key(&text[at + "titled ".len()..]));
    }
    keys.retain(|k| k.len() >= 8);
    keys.sort_unstable();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let day = |s: &str| dateline(s).and_then(Result::ok).map(|d| d.format("%F").to_string());
        assert_eq!(day("March 3, 2024").as_deref(), Some("2024-03-03"));
        assert_eq!(
            day("Feb 6, 2024 at 12:55 pm ET • 1 min read").as_deref(),
            Some("2024-02-06")
        );
        assert_eq!(day("Published 3 Mar 2024").as_deref(), Some("2024-03-03"));
        assert_eq!(day("The vote was on March 3, 2024, officials said"), None);
    }

    #[test]
    fn bylines() {
        assert_eq!(byline("By Jane Doe | March 3, 2024"), Some(vec!["Jane Doe".to_owned()]));
        assert!(byline("By the time the vote came, the Senate had left.").is_none());
        assert_eq!(
            byline("By Jackson Hayes December 21, 2023"),
            Some(vec!["Jackson Hayes".to_owned()])
        );
        assert!(is_bare_by("By") && looks_like_names("Mackenzie Meaney"));
        assert_eq!(
            byline("By Dave Epstein Globe Correspondent"),
            Some(Vec::new()),
            "a byline, no name"
        );
        assert_eq!(byline("By Jo Doe (Reuters)"), Some(vec!["Jo Doe".to_owned()]));
    }

    #[test]
    fn captions_credits_and_controls_are_no_headlines() {
        let shape = |t: &str| title_shape(&Line::new(t, false));
        assert!(shape("Senate passes border funding bill after a long night").is_some());
        assert_eq!(
            shape("Cardinal Jo Doe, right, speaks during a presentation in Rome"),
            None
        );
        assert_eq!(shape("Review by Rick Lane Contributor"), None);
        assert_eq!(shape("Lauren Manaker MS, RDN, LD"), None);
        assert_eq!(shape("Search for: [ ] [Search]"), None);
        assert_eq!(shape("The Boston GlobeThe Boston Globe"), None);
        assert_eq!(shape("Celebrity , Entertainment , Videos"), None);
        assert_eq!(
            shape("SPRINGFIELD, Ill. (AP) — It was the dog, stuck atop a silo"),
            None
        );
        assert!(shape("GOP leaders — and their donors — split over aid").is_some());
        let numbered = shape(" 3. Materials Science").unwrap_or(0.0);
        assert!(numbered < shape("Materials Science wins a prize").unwrap_or(0.0));
        let long = "Palestinians inspect the site of an Israeli strike on a house in Rafah in the southern Gaza Strip on a grey and rainy Sunday morning in December";
        assert!(shape(long).unwrap_or(0.0) < 0.0);
    }

    #[test]
    fn title_keys() {
        let keys = occurrence_keys("Image for article titled Senate passes bill");
        assert!(keys.contains(&key("Senate passes bill")));
        assert!(occurrence_keys("Senate passes bill | Capitol Ledger").contains(&key("Senate passes bill")));
    }
}
