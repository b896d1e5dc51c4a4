//! Bylines: from "By Jane Doe and John Roe" to author names.
//!
//! A leaf that every reader uses (record fields, the text reader's header lines, an HTML page's
//! metadata and visible byline), so a rule fixed here holds for all of them.

use crate::clean::collapse;
use crate::dates;

/// Words and phrases that name a job, a desk or a wire, not a person ("Staff Writer", "Chief
/// Technology Officer", "Reuters", "Sponsored"). A name holding one of them is not a name.
const ROLES: &[&str] = &[
    "associated press",
    "reuters",
    "staff",
    "reporter",
    "correspondent",
    "editor",
    "writer",
    "columnist",
    "contributor",
    "senior",
    "officer",
    "chief",
    "head of",
    "director",
    "president",
    "producer",
    "analyst",
    "manager",
    "founder",
    "ceo",
    "sponsored",
    "admin",
    "team",
    "desk",
    "guest",
    "partner",
    "content",
    "company",
    "updated",
    "published",
];

/// Splits a byline into author names: "By" and "and" dropped, what the byline puts in
/// parentheses or after the name (an agency, a nickname, credentials, the outlet) cut, and
/// job titles, wire names and dates left out.
///
/// ```
/// use lede_article::split_byline;
///
/// assert_eq!(split_byline("By Jane Doe and John Roe"), ["Jane Doe", "John Roe"]);
/// assert_eq!(split_byline("Richard (R.J.) Eskow, Senior Editor"), ["Richard Eskow"]);
/// ```
pub fn split_byline(text: &str) -> Vec<String> {
    pieces(text).filter_map(name_of).collect()
}

/// The pieces of a byline that may each hold one name: "By" dropped, split at commas, semicolons,
/// "&", "|" and "and", trimmed; pieces too long for a name or holding digits are left out.
///
/// A reader that must know whether a line is a byline at all asks for the pieces: "By Staff"
/// is a byline whose one piece [`name_of`] turns down.
pub(crate) fn pieces(text: &str) -> impl Iterator<Item = &str> {
    let text = text.trim();
    let text = strip_prefix_ci(text, "by ").unwrap_or(text);
    let text = strip_prefix_ci(text, "by:").unwrap_or(text);
    text.split([',', ';', '|', '&', '\n'])
        .flat_map(|p| p.split(" and "))
        .filter_map(|part| {
            let piece = part
                .trim()
                .trim_matches(|c: char| c == '.' || c == '"' || c.is_whitespace());
            let piece = strip_prefix_ci(piece, "by ").unwrap_or(piece).trim();
            let fits = !piece.is_empty()
                && piece.len() <= 60
                && piece.split_whitespace().count() <= 5
                && !piece.contains(|c: char| c.is_ascii_digit());
            fits.then_some(piece)
        })
}

/// The name a piece of a byline gives, if it is one: whitespace collapsed, dashes and colons
/// trimmed, parentheses and trailers cut; not a job title, a wire or a desk.
pub(crate) fn name_of(piece: &str) -> Option<String> {
    let name = collapse(piece);
    let name =
        name.trim_matches(|c: char| matches!(c, ',' | ':' | '/' | '-' | '\u{2013}' | '\u{2014}') || c.is_whitespace());
    let name = without_trailers(&without_parentheses(name));
    let bad = name.is_empty()
        || name.contains(['(', ')'])
        || is_role(&name.to_lowercase())
        || !name.chars().any(char::is_alphabetic);
    (!bad).then_some(name)
}

/// Whether a (lower-case) name holds a job title or label.
fn is_role(lower: &str) -> bool {
    lower.split_whitespace().any(|w| ROLES.contains(&w)) || ROLES.iter().any(|r| r.contains(' ') && lower.contains(r))
}

/// "Jo Doe (Reuters)" → "Jo Doe"; "Richard (R.J.) Eskow" → "Richard Eskow": what a byline puts in
/// parentheses (an agency, a nickname, a role) is not part of the name. Unbalanced text is left.
fn without_parentheses(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    if depth > 0 {
        return name.to_owned();
    }
    collapse(&out)
}

/// "Kayla Jimenez USA TODAY" → "Kayla Jimenez"; "Jo Doe The Associated Press" → "Jo Doe";
/// "Lauren Manaker MS" → "Lauren Manaker".
fn without_trailers(name: &str) -> String {
    let name = match name.find(" The ") {
        Some(at) if name[..at].split_whitespace().count() >= 2 => &name[..at],
        _ => name,
    };
    let mut words: Vec<&str> = name.split_whitespace().collect();
    // Trailing all-capital words (an outlet or credentials) after a mixed-case name.
    let mixed = words.iter().filter(|w| w.chars().any(char::is_lowercase)).count();
    if mixed >= 2 {
        while words.len() > 2
            && words
                .last()
                .is_some_and(|w| is_caps_word(w) && !matches!(*w, "II" | "III" | "IV" | "JR"))
        {
            words.pop();
        }
    }
    words.join(" ")
}

fn is_caps_word(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) && !word.ends_with('.')
}

/// A byline line without its date part: "By Jo Doe | December 17, 2023" → "By Jo Doe"; "by Jo Doe
/// 22 Dec 2016" and "By Jo Doe Dec. 22, 2016" → "by Jo Doe"; "By Jo Doe 5 hours ago" → "By Jo Doe".
///
/// The date part starts at a separator (`|`, `•`, `·`, a dash), at a label ("Published",
/// "Updated", "Posted", "on"), at a weekday, or at the first digit: names hold no digits. Before a
/// digit, a month name ("Dec. 22") and words in lower case ("před 2 hodinami", "at 5 pm") belong to
/// the date too.
pub(crate) fn cut_date(text: &str) -> String {
    const LABELS: [&str; 3] = ["published", "updated", "posted"];
    // ASCII lower case keeps byte offsets.
    let lower = text.to_ascii_lowercase();
    let weekday = lower
        .split_whitespace()
        .find(|w| dates::WEEKDAYS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
        .map(|w| w.as_ptr() as usize - lower.as_ptr() as usize);
    let cut = text
        .find(['|', '\u{2022}', '\u{b7}', '\u{2014}', '\u{2013}'])
        .into_iter()
        .chain(LABELS.iter().filter_map(|l| lower.find(l)))
        .chain(text.find(" on "))
        .chain(weekday)
        .min()
        .unwrap_or(text.len());
    let head = &text[..cut];
    let Some(digit) = head.find(|c: char| c.is_ascii_digit()) else {
        return head.trim_end().to_owned();
    };
    let mut words: Vec<&str> = head[..digit].split_whitespace().collect();
    while words.last().is_some_and(|w| {
        dates::is_date_name(w) || w.starts_with(char::is_lowercase) || !w.chars().any(char::is_alphanumeric)
    }) {
        words.pop();
    }
    words.join(" ")
}

/// Names without repeats, compared case-insensitively; the first spelling wins.
pub(crate) fn dedup_names(names: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        if !out.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            out.push(name);
        }
    }
    out
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(split_byline("By Jane Doe and John Roe"), vec!["Jane Doe", "John Roe"]);
        assert_eq!(split_byline("BY JANE DOE"), vec!["JANE DOE"]);
        assert_eq!(split_byline("Doe, Jane; Staff"), vec!["Doe", "Jane"]);
        assert!(split_byline("Updated 5:03 PM").is_empty());
    }

    #[test]
    fn parentheses_are_not_part_of_a_name() {
        assert_eq!(without_parentheses("Richard (R.J.) Eskow"), "Richard Eskow");
        assert_eq!(without_parentheses("Jo Doe (Reuters)"), "Jo Doe");
        assert_eq!(without_parentheses("Jo (Doe"), "Jo (Doe");
        assert_eq!(
            split_byline("By Jo Doe (Reuters) and Al (Big Al) Poe"),
            ["Jo Doe", "Al Poe"]
        );
        assert!(split_byline("Jo (Doe").is_empty(), "unbalanced parentheses are no name");
    }

    #[test]
    fn roles_trailers_and_credentials() {
        assert_eq!(split_byline("Jane Doe, Staff Writer"), ["Jane Doe"]);
        assert!(split_byline("Chief Technology Officer").is_empty());
        assert!(split_byline("Associated Press").is_empty());
        assert_eq!(split_byline("Kayla Jimenez USA TODAY"), ["Kayla Jimenez"]);
        assert_eq!(split_byline("Jo Doe The Associated Press"), ["Jo Doe"]);
        assert_eq!(split_byline("Martin Luther King JR"), ["Martin Luther King JR"]);
    }

    #[test]
    fn a_date_after_the_name_is_not_part_of_it() {
        assert_eq!(cut_date("by Lucas Nolan22 Dec 2016651"), "by Lucas Nolan");
        assert_eq!(cut_date("By Jo Doe Dec. 22, 2016"), "By Jo Doe");
        assert_eq!(cut_date("By Jo Doe | December 17, 2023"), "By Jo Doe");
        assert_eq!(cut_date("By Jackson Hayes December 21, 2023"), "By Jackson Hayes");
        assert_eq!(
            cut_date("By Jane Doe, Capitol Ledger \u{2014} March 3, 2024"),
            "By Jane Doe, Capitol Ledger"
        );
        assert_eq!(cut_date("By Jo Doe Tuesday, March 3"), "By Jo Doe");
        assert_eq!(cut_date("By Jo Doe Updated 5 hours ago"), "By Jo Doe");
        assert_eq!(cut_date("By Jo Doe on 3 May 2024 at 5 pm"), "By Jo Doe");
        assert_eq!(cut_date("Aleš Vávra před 2 hodinami"), "Aleš Vávra");
        assert_eq!(
            cut_date("By April Ryan"),
            "By April Ryan",
            "a month is a date only before a number"
        );
    }

    #[test]
    fn repeats_are_dropped() {
        let names = vec!["Jo Doe".to_owned(), "JO DOE".to_owned(), "Al Poe".to_owned()];
        assert_eq!(dedup_names(names), ["Jo Doe", "Al Poe"]);
    }
}
