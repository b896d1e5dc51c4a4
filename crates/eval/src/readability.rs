//! Gold in the layout of Mozilla Readability's test pages.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::Value;

use crate::error::{EvalError, Result};
use crate::gold::GoldPage;
use crate::normalise::normalise_text;

/// Whether `dir` is laid out as Mozilla Readability's test pages: one folder a page holding
/// `source.html`, `expected.html` (the clean article) and `expected-metadata.json`.
pub fn is_readability_layout(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(std::result::Result::ok)
            .any(|e| e.path().join("source.html").is_file() && e.path().join("expected.html").is_file())
    })
}

/// The gold of a Readability-style folder ([`is_readability_layout`]), one page a sub-folder
/// (its name is the key): headline `title`, body the text of `expected.html`, date the day of
/// `publishedTime`, authors from `byline`, outlet `siteName` (unless it is a URL), language `lang`.
///
/// Readability's gold is its own output checked by its authors, not a hand-cleaned text: the body
/// keeps captions and the like, and bylines are free text. A byline is cut at its first digit (a
/// dateline follows: "By Jo Doe 22 Dec 2016"), loses a leading "By"/"Par", and is split at commas,
/// " and " and "&"; one equal to the site name names nobody; a page without a byline has its
/// authors left unscored.
pub fn read_readability_gold(dir: &Path) -> Result<Vec<GoldPage>> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| EvalError::Io { path, source }
    };
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(std::result::Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("source.html").is_file() && p.join("expected.html").is_file())
        .collect();
    folders.sort();
    let mut pages = Vec::with_capacity(folders.len());
    for folder in folders {
        let key = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let expected = folder.join("expected.html");
        let body = std::fs::read(&expected).map_err(io(&expected))?;
        let body = lede_article::html::html_fragment_to_text(&lede_article::decode(&body, Some("utf-8")));
        let meta_path = folder.join("expected-metadata.json");
        let meta: Value = match std::fs::read_to_string(&meta_path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| EvalError::Gold {
                path: meta_path.clone(),
                line: 1,
                message: e.to_string(),
            })?,
            Err(_) => Value::Null,
        };
        let str_of = |k: &str| meta.get(k).and_then(Value::as_str).map(str::to_owned);
        let date = str_of("publishedTime")
            .and_then(|t| t.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()));
        let site = str_of("siteName").unwrap_or_default();
        let authors = str_of("byline").map(|byline| byline_names(&byline, &site));
        pages.push(GoldPage {
            key,
            // Readability always writes a title; a page without one is scored against "".
            title: Some(str_of("title").unwrap_or_default()),
            body: Some(body),
            date,
            authors,
            url: None,
            outlet: str_of("siteName").filter(|s| !s.contains("://")),
            language: str_of("lang"),
        });
    }
    Ok(pages)
}

/// The names in a free-text byline (see [`read_readability_gold`]).
fn byline_names(byline: &str, site: &str) -> Vec<String> {
    let cut = byline
        .find(|c: char| c.is_ascii_digit() || c == '\n')
        .unwrap_or(byline.len());
    let mut text = normalise_text(&byline[..cut]);
    // The dateline's month, left before its digits: "By Jo Doe March 11, 2015".
    if cut < byline.len() {
        if let Some((head, last)) = text.rsplit_once(' ').or(Some(("", text.as_str()))) {
            if lede_article::dates::month_number(last.trim_end_matches('.')).is_some() {
                text = head.trim().to_owned();
            }
        }
    }
    if text == normalise_text(site) {
        return Vec::new();
    }
    let text = ["by ", "par "]
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .unwrap_or(&text);
    text.replace(" and ", ",")
        .replace('&', ",")
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_name_people() {
        assert_eq!(
            byline_names("by Lucas Nolan22 Dec 2016651", "Breitbart"),
            ["lucas nolan"]
        );
        assert_eq!(byline_names("Jo Doe and Ann Roe", ""), ["jo doe", "ann roe"]);
        assert!(byline_names("BBC News", "BBC News").is_empty());
        assert_eq!(
            byline_names("By GILLIAN MOHNEY\n   March 11, 2015 3:46 PM", ""),
            ["gillian mohney"]
        );
        assert!(byline_names("April 28, 2019 at 6:01 am", "").is_empty());
    }
}
