//! Bylines: from "By Jane Doe and John Roe" to author names.
//!
//! A leaf that every reader uses (record fields, the text reader's header lines, an HTML page's
//! metadata and visible byline), so a rule fixed here holds for all of them.

/// Splits a byline into author names, dropping "By", "and", and trailing roles.
pub fn split_byline(text: &str) -> Vec<String> {
    let text = text.trim();
    let text = strip_prefix_ci(text, "by ").unwrap_or(text);
    let text = strip_prefix_ci(text, "by:").unwrap_or(text);
    let mut names = Vec::new();
    for part in text.split([',', ';', '|', '&', '\n']).flat_map(|p| p.split(" and ")) {
        let name = part
            .trim()
            .trim_matches(|c: char| c == '.' || c == '"' || c.is_whitespace());
        let name = strip_prefix_ci(name, "by ").unwrap_or(name).trim();
        if name.is_empty() || name.len() > 60 || name.split_whitespace().count() > 5 {
            continue;
        }
        let lower = name.to_ascii_lowercase();
        const ROLES: &[&str] = &[
            "staff",
            "reporter",
            "correspondent",
            "editor",
            "writer",
            "contributor",
            "associated press",
            "reuters",
            "updated",
            "published",
            "senior",
            "columnist",
        ];
        if ROLES.contains(&lower.as_str()) || lower.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        names.push(name.to_owned());
    }
    names
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
    fn repeats_are_dropped() {
        let names = vec!["Jo Doe".to_owned(), "JO DOE".to_owned(), "Al Poe".to_owned()];
        assert_eq!(dedup_names(names), ["Jo Doe", "Al Poe"]);
    }
}
