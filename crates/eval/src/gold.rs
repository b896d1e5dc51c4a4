//! Gold sets in the `gold.jsonl` layout: one JSON object a page.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::Value;

use crate::error::{EvalError, Result};

/// One page's gold. A field the gold does not give is `None` and is not scored.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldPage {
    /// The page key: the page is `html/<key>.html.gz` (or `.html`), or `text/<key>.txt`.
    pub key: String,
    /// The gold headline.
    pub title: Option<String>,
    /// The gold body.
    pub body: Option<String>,
    /// The gold publication day.
    pub date: Option<NaiveDate>,
    /// The gold authors.
    pub authors: Option<Vec<String>>,
    /// The page's URL.
    pub url: Option<String>,
    /// The outlet's name.
    pub outlet: Option<String>,
    /// The language (`en`, `en-GB`).
    pub language: Option<String>,
}

/// Reads a `gold.jsonl`: one object a page with `key` (or `file`, the page's file name under
/// `html/`), and any of `title`, `articleBody`, `date` (`YYYY-MM-DD`, longer timestamps are cut to
/// the day; empty when unknown), `authors` (a comma-separated string or a list), `url`, `outlet`,
/// `language` or `detected_lang`.
///
/// A gold author string is split on commas; a piece that is only a suffix (`Ph.D.`, `Jr.`) is not
/// a name.
pub fn read_gold(path: &Path) -> Result<Vec<GoldPage>> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut pages = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let gold_error = |message: String| EvalError::Gold {
            path: path.to_owned(),
            line: n + 1,
            message,
        };
        let value: Value = serde_json::from_str(line).map_err(|e| gold_error(e.to_string()))?;
        let Some(record) = value.as_object() else {
            return Err(gold_error("expected a JSON object".to_owned()));
        };
        let text_of = |k: &str| record.get(k).and_then(Value::as_str).map(str::to_owned);
        let key = text_of("key")
            .or_else(|| text_of("file").map(|file| key_of_file(&file)))
            .unwrap_or_default();
        if key.is_empty() {
            return Err(gold_error("no `key` or `file`".to_owned()));
        }
        let date = record
            .get("date")
            .and_then(Value::as_str)
            .and_then(|d| d.get(..10))
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let authors = match record.get("authors") {
            Some(Value::Array(items)) => Some(items.iter().filter_map(Value::as_str).map(str::to_owned).collect()),
            Some(Value::String(s)) => Some(split_gold_authors(s)),
            _ => None,
        };
        let some = |k: &str| text_of(k).filter(|v| !v.trim().is_empty());
        pages.push(GoldPage {
            key,
            title: text_of("title"),
            body: text_of("articleBody"),
            date,
            authors,
            url: some("url"),
            outlet: some("outlet"),
            language: some("language").or_else(|| some("detected_lang")),
        });
    }
    Ok(pages)
}

/// `die-partei.net.sh.html.gz` → `die-partei.net.sh`: the file name without its page extension
/// (a site's name is often part of the key, dots included).
fn key_of_file(file: &str) -> String {
    let file = file.strip_suffix(".gz").unwrap_or(file);
    [".html", ".htm", ".txt"]
        .iter()
        .find_map(|ext| file.strip_suffix(ext))
        .unwrap_or(file)
        .to_owned()
}

fn split_gold_authors(text: &str) -> Vec<String> {
    const SUFFIXES: &[&str] = &[
        "phd", "ph.d.", "ph.d", "jr", "jr.", "sr", "sr.", "md", "m.d.", "esq", "esq.",
    ];
    text.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty() && !SUFFIXES.contains(&p.to_lowercase().as_str()))
        .map(str::to_owned)
        .collect()
}

/// Where the gold of a folder is: `DIR/gold.jsonl`, else (text sets) `DIR/../naeb-dev/gold.jsonl`.
pub fn default_gold(dir: &Path) -> PathBuf {
    let own = dir.join("gold.jsonl");
    if own.exists() {
        return own;
    }
    let sibling = dir.join("..").join("naeb-dev").join("gold.jsonl");
    if sibling.exists() {
        sibling
    } else {
        own
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_authors_drop_suffixes() {
        assert_eq!(split_gold_authors("Robert E. Moffit, Ph.D."), ["Robert E. Moffit"]);
        assert_eq!(split_gold_authors("Jo Doe, Ann Roe"), ["Jo Doe", "Ann Roe"]);
    }

    #[test]
    fn a_file_names_its_key_dots_included() {
        assert_eq!(key_of_file("1716869064.html.gz"), "1716869064");
        assert_eq!(key_of_file("die-partei.net.sh.html.gz"), "die-partei.net.sh");
        assert_eq!(key_of_file("page.html"), "page");
    }

    #[test]
    fn a_field_the_gold_lacks_is_none() -> Result<()> {
        let dir = std::env::temp_dir().join(format!("lede-eval-gold-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|source| EvalError::Io {
            path: dir.clone(),
            source,
        })?;
        let path = dir.join("gold.jsonl");
        let lines = concat!(
            r#"{"file": "a.b.html.gz", "date": "2020-09-21", "detected_lang": "en", "url": "https://x.com/a"}"#,
            "\n",
            r#"{"key": "k", "title": "T", "articleBody": "B", "date": "", "authors": "Jo Doe, Jr."}"#,
            "\n",
        );
        std::fs::write(&path, lines).map_err(|source| EvalError::Io {
            path: path.clone(),
            source,
        })?;
        let pages = read_gold(&path);
        let _ = std::fs::remove_dir_all(&dir);
        let pages = pages?;
        assert_eq!(pages[0].key, "a.b");
        assert_eq!(pages[0].date, NaiveDate::from_ymd_opt(2020, 9, 21));
        assert_eq!((pages[0].title.as_deref(), pages[0].body.as_deref()), (None, None));
        assert_eq!(pages[0].authors, None);
        assert_eq!(pages[0].language.as_deref(), Some("en"));
        assert_eq!(pages[1].date, None);
        assert_eq!(pages[1].authors, Some(vec!["Jo Doe".to_owned()]));
        assert_eq!(pages[1].title.as_deref(), Some("T"));
        Ok(())
    }
}
