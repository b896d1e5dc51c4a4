//! Front matter: a `---` fenced block or bare `key: value` lines at the top of the file.

use crate::article::Extracted;
use crate::byline::split_byline;
use crate::dates;

/// Reads front matter into `out` and returns the text after it (the whole text when there is none).
pub(super) fn front_matter<'a>(text: &'a str, out: &mut Extracted) -> &'a str {
    let text = text.trim_start_matches('\u{feff}');
    let trimmed = text.trim_start();
    if let Some(after) = trimmed.strip_prefix("---") {
        if let Some(end) = after.find("\n---") {
            let mut list_key: Option<String> = None;
            for line in after[..end].lines() {
                // A YAML list under a key: `tags:` then `  - a` lines.
                if let (Some(key), Some(item)) = (&list_key, line.trim_start().strip_prefix("- ")) {
                    crate::metadata::add(&mut out.metadata, key, unquote(item));
                    continue;
                }
                list_key = None;
                if !apply_front_matter(line, out) {
                    // In a fenced block every `key: value` is the document's: unknown keys are metadata.
                    if let Some((key, value)) = line.split_once(':').filter(|(k, _)| is_key(k)) {
                        if value.trim().is_empty() {
                            list_key = Some(key.trim().to_owned());
                        } else {
                            add_values(out, key.trim(), value);
                        }
                    }
                }
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
        if line.len() > 2000 || !apply_front_matter(line, out) {
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
            Ok(d) => out.published = d.map(|d| d.fixed_offset()),
            Err(e) => out.warnings.push(format!("{e}; date dropped")),
        },
        "source" | "outlet" | "publisher" | "site" => out.source = Some(value.to_owned()),
        "url" | "link" | "canonical" => out.url = Some(value.to_owned()),
        "author" | "authors" | "byline" => out.authors = split_byline(value.trim_matches(['[', ']'])),
        "id" => out.id = Some(value.to_owned()),
        "lang" | "language" => out.language = Some(value.to_ascii_lowercase()),
        "dek" | "subtitle" | "description" | "summary" => out.dek = Some(value.to_owned()),
        "tags" | "topic" | "section" | "category" | "categories" => add_values(out, key.trim(), value),
        _ => return false,
    }
    true
}

/// A front matter key: a word of letters, digits, `_`, `-` and `.` (not prose such as `Note`… with spaces).
fn is_key(key: &str) -> bool {
    let key = key.trim();
    !key.is_empty()
        && key.len() <= 64
        && key.chars().next().is_some_and(char::is_alphabetic)
        && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

fn unquote(value: &str) -> &str {
    value.trim().trim_matches(|c| c == '"' || c == '\'')
}

/// `value` as metadata of `key`: a `[a, b]` list gives several values.
fn add_values(out: &mut Extracted, key: &str, value: &str) {
    let value = unquote(value);
    match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        Some(list) => {
            for item in list.split(',') {
                crate::metadata::add(&mut out.metadata, key, unquote(item));
            }
        }
        None => crate::metadata::add(&mut out.metadata, key, value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_of_a_fenced_block_and_tag_lists_are_metadata() {
        let mut out = Extracted::default();
        let text =
            "---\ntitle: T\ntags: [Budget, \"Senate\"]\ndesk: Politics\nkeywords:\n  - one\n  - two\n---\nBody.\n";
        let rest = front_matter(text, &mut out);
        assert_eq!(rest, "Body.\n");
        assert_eq!(out.headline, "T");
        assert_eq!(out.metadata["tags"], ["Budget", "Senate"]);
        assert_eq!(out.metadata["desk"], ["Politics"]);
        assert_eq!(out.metadata["keywords"], ["one", "two"]);
        // Bare lines: only keys lede knows (tags among them) are front matter.
        let mut out = Extracted::default();
        front_matter("title: T\nsection: World\n\nBody.\n", &mut out);
        assert_eq!(out.metadata["section"], ["World"]);
    }
}
