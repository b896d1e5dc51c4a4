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
        "tags" | "topic" | "section" | "category" | "categories" => {}
        _ => return false,
    }
    true
}
