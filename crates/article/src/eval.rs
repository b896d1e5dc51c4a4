//! Measuring extraction against hand-made gold.
//!
//! A gold set is a folder with `gold.jsonl` (one object a page: `key` or `file`,
//! `title`, `articleBody`, `date` as `YYYY-MM-DD`, `authors` as a comma-separated
//! string or a list) and the pages, `html/<key>.html.gz` (or `.html`), or for
//! the plain-text reader `text/<key>.txt`; or a folder laid out as Mozilla
//! Readability's test pages ([`read_readability_gold`]). [`evaluate`] reads
//! every page with the reader under test and scores it:
//!
//! - **headline**: exact match after [`normalise_text`] (NFKC, case folding,
//!   typographic quotes/dashes to ASCII, whitespace collapsed, ends trimmed).
//! - **body**: F1 over word 4-shingles ([`shingles`]): the text is NFKC-folded and
//!   lower-cased, split into words (maximal runs of letters and digits; `'` and
//!   other punctuation split), and every run of 4 consecutive words is a
//!   shingle; precision and recall count shingles as a multiset. A text of 1 to
//!   3 words is one shingle. Both empty scores 1, one empty 0. Averaged over pages.
//! - **date**: over pages whose gold has a date, the share whose predicted date,
//!   as the calendar day in the offset the page wrote it in (the local news day,
//!   not the UTC day), equals it; a missing prediction counts as wrong.
//!   Pages without a gold date are not scored (predictions there are reported).
//! - **authors**: per page, F1 between the predicted and gold name sets after
//!   [`normalise_name`]; both empty scores 1, one empty 0; averaged over the
//!   pages whose gold says who wrote them (macro). Gold strings are split on commas; a piece that is only a
//!   suffix (`Ph.D.`, `Jr.`) is not a name.
//! - **URL, outlet, language** (where the gold gives them): the canonical URL
//!   equals the gold's page URL after [`normalise_url`] (a page whose canonical
//!   is elsewhere, syndicated or renamed, counts as a miss); the outlet equals
//!   the gold's name after [`normalise_text`]; the language's primary subtag
//!   equals the gold's.
//! - **time**: wall time of the reader per page (decoding included, file I/O not).

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::article::Extracted;

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A gold line is not a JSON object.
    #[error("{path}:{line}: not a gold record: {message}")]
    Gold {
        /// The gold file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        message: String,
    },
}

/// One page's gold.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldPage {
    /// The page key (file name without extension).
    pub key: String,
    /// The gold headline.
    pub title: String,
    /// The gold body.
    pub body: String,
    /// The gold publication day.
    pub date: Option<NaiveDate>,
    /// The gold authors (`None` when the gold does not say: they are then not scored).
    pub authors: Option<Vec<String>>,
    /// The page's URL, when the gold gives it.
    pub url: Option<String>,
    /// The outlet's name, when the gold gives it.
    pub outlet: Option<String>,
    /// The language (primary subtag, `en`), when the gold gives it.
    pub language: Option<String>,
}

/// Which reader an evaluation runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `html/<key>.html.gz` pages through [`crate::html::read_html`].
    Html,
    /// `text/<key>.txt` pages through [`crate::text::read_text`].
    Text,
}

/// Scores of one page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PageScore {
    /// The page key.
    pub key: String,
    /// Headline matched exactly after normalisation.
    pub headline_match: bool,
    /// Predicted headline.
    pub headline: String,
    /// Gold headline.
    pub gold_headline: String,
    /// Body shingle precision.
    pub body_precision: f64,
    /// Body shingle recall.
    pub body_recall: f64,
    /// Body shingle F1.
    pub body_f1: f64,
    /// Gold day, when the gold has one.
    pub gold_date: Option<String>,
    /// Predicted day, local to the offset the page gave.
    pub date: Option<String>,
    /// Author-set F1 (`None` when the gold does not say who wrote the page).
    pub authors_f1: Option<f64>,
    /// Predicted authors.
    pub authors: Vec<String>,
    /// Gold authors.
    pub gold_authors: Vec<String>,
    /// Whether the canonical URL is the gold's (`None`: not scored), after [`normalise_url`].
    #[serde(default)]
    pub url_match: Option<bool>,
    /// Whether the outlet is the gold's (`None`: not scored), after [`normalise_text`].
    #[serde(default)]
    pub outlet_match: Option<bool>,
    /// Predicted outlet.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Whether the language's primary subtag is the gold's (`None`: not scored).
    #[serde(default)]
    pub language_match: Option<bool>,
    /// Predicted language.
    #[serde(default)]
    pub language: Option<String>,
    /// Reader time in seconds.
    pub seconds: f64,
}

/// Totals over a gold set.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Report {
    /// Pages scored.
    pub pages: usize,
    /// Share of exact headline matches.
    pub headline_accuracy: f64,
    /// Mean body F1.
    pub body_f1: f64,
    /// Mean body precision.
    pub body_precision: f64,
    /// Mean body recall.
    pub body_recall: f64,
    /// Pages whose gold has a date.
    pub date_pages: usize,
    /// Share of those with the right day.
    pub date_accuracy: f64,
    /// Of those, how many had no predicted date.
    pub date_missing: usize,
    /// Of those, how many had a wrong day.
    pub date_wrong: usize,
    /// Share of dated pages whose predicted day is within one day of the gold (a page that states
    /// its time in UTC can fall on the neighbouring local day).
    #[serde(default)]
    pub date_within_a_day: f64,
    /// Pages whose gold says who wrote them (all of a `gold.jsonl` set).
    #[serde(default)]
    pub authors_pages: usize,
    /// Mean author-set F1 over those pages.
    pub authors_f1: f64,
    /// Mean author-set F1 over pages whose gold names authors.
    pub authors_f1_when_gold: f64,
    /// Pages whose gold gives a URL, and the share whose canonical URL matches it.
    #[serde(default)]
    pub url_pages: usize,
    /// See `url_pages`.
    #[serde(default)]
    pub url_accuracy: f64,
    /// Pages whose gold names the outlet, and the share where the outlet matches.
    #[serde(default)]
    pub outlet_pages: usize,
    /// See `outlet_pages`.
    #[serde(default)]
    pub outlet_accuracy: f64,
    /// Pages whose gold gives a language, and the share where its primary subtag matches.
    #[serde(default)]
    pub language_pages: usize,
    /// See `language_pages`.
    #[serde(default)]
    pub language_accuracy: f64,
    /// Mean reader time per page, milliseconds.
    pub ms_per_page: f64,
    /// Pages per second on one core (1000 / ms_per_page).
    pub pages_per_second: f64,
}

/// Reads a `gold.jsonl`.
pub fn read_gold(path: &Path) -> Result<Vec<GoldPage>, EvalError> {
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
        let str_of = |k: &str| record.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
        let key = match record.get("key").and_then(Value::as_str) {
            Some(k) => k.to_owned(),
            None => {
                let file = str_of("file");
                file.split('.').next().unwrap_or_default().to_owned()
            }
        };
        if key.is_empty() {
            return Err(gold_error("no `key` or `file`".to_owned()));
        }
        let date = record
            .get("date")
            .and_then(Value::as_str)
            .and_then(|d| d.get(..10))
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let authors = match record.get("authors") {
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
            Some(Value::String(s)) => split_gold_authors(s),
            _ => Vec::new(),
        };
        let authors = Some(authors);
        let some = |k: &str| Some(str_of(k)).filter(|v| !v.trim().is_empty());
        pages.push(GoldPage {
            key,
            title: str_of("title"),
            body: str_of("articleBody"),
            date,
            authors,
            url: some("url"),
            outlet: some("outlet"),
            language: some("language").or_else(|| some("detected_lang")),
        });
    }
    Ok(pages)
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

/// NFKC, case folding, typographic quotes and dashes to ASCII, whitespace collapsed and trimmed.
pub fn normalise_text(text: &str) -> String {
    let folded: String = text
        .nfkc()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`normalise_text`] without a leading "By" and a trailing suffix such as ", Ph.D.".
pub fn normalise_name(name: &str) -> String {
    let name = normalise_text(name);
    let name = name.strip_prefix("by ").unwrap_or(&name);
    name.trim_end_matches([',', '.', ' ']).to_owned()
}

/// A URL without scheme, `www.`, query, fragment and trailing slash, lower-cased host:
/// `https://www.x.com/a/?utm=1` and `http://x.com/a` are the same page.
pub fn normalise_url(url: &str) -> String {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    format!("{host}/{}", path.trim_end_matches('/'))
}

/// `en-GB` → `en`.
fn primary_subtag(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Lower-cased words: maximal runs of alphanumeric characters after NFKC.
pub fn words(text: &str) -> Vec<String> {
    let folded: String = text.nfkc().flat_map(char::to_lowercase).collect();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Word 4-shingles of `text` with their counts (a 1–3 word text is one shingle).
pub fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    let words = words(text);
    let mut out = HashMap::new();
    if words.is_empty() {
        return out;
    }
    if words.len() < 4 {
        out.insert(words, 1);
        return out;
    }
    for window in words.windows(4) {
        *out.entry(window.to_vec()).or_insert(0) += 1;
    }
    out
}

/// Precision, recall and F1 of `predicted` against `gold`, over word 4-shingles.
pub fn body_scores(predicted: &str, gold: &str) -> (f64, f64, f64) {
    let p = shingles(predicted);
    let g = shingles(gold);
    let (np, ng): (usize, usize) = (p.values().sum(), g.values().sum());
    if np == 0 && ng == 0 {
        return (1.0, 1.0, 1.0);
    }
    if np == 0 || ng == 0 {
        return (0.0, 0.0, 0.0);
    }
    let common: usize = p.iter().map(|(s, &c)| c.min(g.get(s).copied().unwrap_or(0))).sum();
    let precision = common as f64 / np as f64;
    let recall = common as f64 / ng as f64;
    (precision, recall, f1(precision, recall))
}

fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// F1 between two author sets after [`normalise_name`]; both empty is 1.
pub fn authors_f1(predicted: &[String], gold: &[String]) -> f64 {
    let norm = |names: &[String]| {
        let mut set: Vec<String> = names
            .iter()
            .map(|n| normalise_name(n))
            .filter(|n| !n.is_empty())
            .collect();
        set.sort();
        set.dedup();
        set
    };
    let (p, g) = (norm(predicted), norm(gold));
    if p.is_empty() && g.is_empty() {
        return 1.0;
    }
    if p.is_empty() || g.is_empty() {
        return 0.0;
    }
    let common = p.iter().filter(|n| g.contains(n)).count();
    f1(common as f64 / p.len() as f64, common as f64 / g.len() as f64)
}

/// Scores one page's extraction.
pub fn score_page(gold: &GoldPage, extracted: &Extracted, elapsed: Duration) -> PageScore {
    let (body_precision, body_recall, body_f1) = body_scores(&extracted.body, &gold.body);
    PageScore {
        key: gold.key.clone(),
        headline_match: normalise_text(&extracted.headline) == normalise_text(&gold.title),
        headline: extracted.headline.clone(),
        gold_headline: gold.title.clone(),
        body_precision,
        body_recall,
        body_f1,
        gold_date: gold.date.map(|d| d.to_string()),
        date: extracted.published.map(|d| d.date_naive().to_string()),
        authors_f1: gold.authors.as_deref().map(|g| authors_f1(&extracted.authors, g)),
        authors: extracted.authors.clone(),
        gold_authors: gold.authors.clone().unwrap_or_default(),
        url_match: gold.url.as_deref().map(|u| {
            extracted
                .url
                .as_deref()
                .is_some_and(|e| normalise_url(e) == normalise_url(u))
        }),
        outlet_match: gold.outlet.as_deref().map(|o| {
            extracted
                .source
                .as_deref()
                .is_some_and(|e| normalise_text(e) == normalise_text(o))
        }),
        outlet: extracted.source.clone(),
        language_match: gold.language.as_deref().map(|l| {
            extracted
                .language
                .as_deref()
                .is_some_and(|e| primary_subtag(e) == primary_subtag(l))
        }),
        language: extracted.language.clone(),
        seconds: elapsed.as_secs_f64(),
    }
}

/// Totals over page scores.
pub fn summarise(scores: &[PageScore]) -> Report {
    let pages = scores.len();
    if pages == 0 {
        return Report::default();
    }
    let mean = |f: &dyn Fn(&PageScore) -> f64| scores.iter().map(f).sum::<f64>() / pages as f64;
    let dated: Vec<&PageScore> = scores.iter().filter(|s| s.gold_date.is_some()).collect();
    let right = dated.iter().filter(|s| s.date == s.gold_date).count();
    let missing = dated.iter().filter(|s| s.date.is_none()).count();
    let near = dated
        .iter()
        .filter(|s| within_a_day(s.date.as_deref(), s.gold_date.as_deref()))
        .count();
    let scored: Vec<f64> = scores.iter().filter_map(|s| s.authors_f1).collect();
    let when_gold: Vec<f64> = scores
        .iter()
        .filter(|s| !s.gold_authors.is_empty())
        .filter_map(|s| s.authors_f1)
        .collect();
    let average = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let ms_per_page = mean(&|s| s.seconds) * 1000.0;
    // (pages scored, share right) of a yes/no field.
    let share = |f: &dyn Fn(&PageScore) -> Option<bool>| {
        let scored: Vec<bool> = scores.iter().filter_map(f).collect();
        let right = scored.iter().filter(|&&r| r).count();
        (
            scored.len(),
            if scored.is_empty() {
                0.0
            } else {
                right as f64 / scored.len() as f64
            },
        )
    };
    let (url_pages, url_accuracy) = share(&|s| s.url_match);
    let (outlet_pages, outlet_accuracy) = share(&|s| s.outlet_match);
    let (language_pages, language_accuracy) = share(&|s| s.language_match);
    Report {
        pages,
        headline_accuracy: mean(&|s| f64::from(u8::from(s.headline_match))),
        body_f1: mean(&|s| s.body_f1),
        body_precision: mean(&|s| s.body_precision),
        body_recall: mean(&|s| s.body_recall),
        date_pages: dated.len(),
        date_accuracy: if dated.is_empty() {
            0.0
        } else {
            right as f64 / dated.len() as f64
        },
        date_missing: missing,
        date_wrong: dated.len() - right - missing,
        date_within_a_day: if dated.is_empty() {
            0.0
        } else {
            near as f64 / dated.len() as f64
        },
        authors_pages: scored.len(),
        authors_f1: average(&scored),
        authors_f1_when_gold: average(&when_gold),
        ms_per_page,
        url_pages,
        url_accuracy,
        outlet_pages,
        outlet_accuracy,
        language_pages,
        language_accuracy,
        pages_per_second: if ms_per_page > 0.0 { 1000.0 / ms_per_page } else { 0.0 },
    }
}

fn within_a_day(predicted: Option<&str>, gold: Option<&str>) -> bool {
    let day = |d: Option<&str>| d.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    match (day(predicted), day(gold)) {
        (Some(p), Some(g)) => (p - g).num_days().abs() <= 1,
        _ => false,
    }
}

/// Whether `dir` is laid out as Mozilla Readability's test pages: one folder a page holding
/// `source.html`, `expected.html` (the clean article) and `expected-metadata.json`.
pub fn is_readability_layout(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.path().join("source.html").is_file() && e.path().join("expected.html").is_file())
    })
}

/// The gold of a Readability-style folder ([`is_readability_layout`]), one page a sub-folder
/// (its name is the key): headline `title`, body the text of `expected.html`, date the day of
/// `publishedTime`, authors from `byline`.
///
/// Readability's gold is its own output checked by its authors, not a hand-cleaned text: the body
/// keeps captions and the like, and bylines are free text. A byline is cut at its first digit (a
/// dateline follows: "By Jo Doe 22 Dec 2016"), loses a leading "By"/"Par", and is split at commas,
/// " and " and "&"; one equal to the site name names nobody; a page without a byline has its
/// authors left unscored.
pub fn read_readability_gold(dir: &Path) -> Result<Vec<GoldPage>, EvalError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| EvalError::Io { path, source }
    };
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(Result::ok)
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
        let body = crate::html::html_fragment_to_text(&crate::decode::decode(&body, Some("utf-8")));
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
            title: str_of("title").unwrap_or_default(),
            body,
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
            if crate::dates::month_number(last.trim_end_matches('.')).is_some() {
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

/// Reads a page's bytes: `html/<key>.html.gz`, `html/<key>.html`, or `text/<key>.txt(.gz)`.
pub fn read_page(dir: &Path, key: &str, mode: Mode) -> Result<Vec<u8>, EvalError> {
    let candidates: Vec<PathBuf> = match mode {
        Mode::Html => vec![
            dir.join("html").join(format!("{key}.html.gz")),
            dir.join("html").join(format!("{key}.html")),
            dir.join(key).join("source.html"),
        ],
        Mode::Text => vec![
            dir.join("text").join(format!("{key}.txt")),
            dir.join("text").join(format!("{key}.txt.gz")),
        ],
    };
    let path = candidates.iter().find(|p| p.exists()).unwrap_or(&candidates[0]);
    let io = |source| EvalError::Io {
        path: path.clone(),
        source,
    };
    let raw = std::fs::read(path).map_err(io)?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .map_err(io)?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

/// Runs the reader of `mode` on one page's bytes.
pub fn extract(bytes: &[u8], mode: Mode) -> Extracted {
    match mode {
        Mode::Html => {
            let charset = crate::decode::html_declared_charset(bytes);
            crate::html::read_html(&crate::decode::decode(bytes, charset.as_deref()))
        }
        Mode::Text => crate::text::read_text(&crate::decode::decode(bytes, None), false),
    }
}

/// Reads every gold page of `dir`, extracts it and scores it. The gold is `gold`, or, when that
/// file does not exist and `dir` is laid out as Readability's test pages, those pages' own.
pub fn evaluate(dir: &Path, gold: &Path, mode: Mode) -> Result<(Vec<PageScore>, Report), EvalError> {
    let mut pages = if !gold.exists() && is_readability_layout(dir) {
        read_readability_gold(dir)?
    } else {
        read_gold(gold)?
    };
    if mode == Mode::Text {
        // A page saved as text has lost its URL: there is nothing to find.
        pages.iter_mut().for_each(|p| p.url = None);
    }
    let mut scores = Vec::with_capacity(pages.len());
    for page in &pages {
        let bytes = read_page(dir, &page.key, mode)?;
        let start = Instant::now();
        let extracted = extract(&bytes, mode);
        let elapsed = start.elapsed();
        scores.push(score_page(page, &extracted, elapsed));
    }
    let report = summarise(&scores);
    Ok((scores, report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_normalisation() {
        assert_eq!(
            normalise_text("  It\u{2019}s  ＦＵＬＬ\u{a0}width — ok "),
            "it's full width - ok"
        );
    }

    #[test]
    fn body_f1_counts_shingles_as_a_multiset() {
        let (p, r, f) = body_scores("a b c d e", "a b c d e");
        assert_eq!((p, r, f), (1.0, 1.0, 1.0));
        let (p, r, _) = body_scores("a b c d", "a b c d e f");
        assert_eq!(p, 1.0);
        assert!((r - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(body_scores("", "").2, 1.0);
        assert_eq!(body_scores("", "a b c d").2, 0.0);
        assert_eq!(body_scores("Hi there", "hi, there!").2, 1.0);
    }

    #[test]
    fn author_sets() {
        let gold = split_gold_authors("Robert E. Moffit, Ph.D.");
        assert_eq!(gold, ["Robert E. Moffit"]);
        assert_eq!(authors_f1(&["By Robert E. Moffit".to_owned()], &gold), 1.0);
        assert_eq!(authors_f1(&[], &[]), 1.0);
        assert_eq!(
            byline_names("by Lucas Nolan22 Dec 2016651", "Breitbart"),
            ["lucas nolan"]
        );
        assert_eq!(byline_names("Jo Doe and Ann Roe", ""), ["jo doe", "ann roe"]);
        assert!(byline_names("BBC News", "BBC News").is_empty());
        assert_eq!(
            normalise_url("https://www.X.com/a/b/?utm=1#top"),
            normalise_url("http://x.com/a/b")
        );
        assert_ne!(normalise_url("https://x.com/a"), normalise_url("https://x.com/b"));
        assert_eq!(
            byline_names("By GILLIAN MOHNEY\n   March 11, 2015 3:46 PM", ""),
            ["gillian mohney"]
        );
        assert!(byline_names("April 28, 2019 at 6:01 am", "").is_empty());
        let f = authors_f1(&["A B".to_owned()], &["A B".to_owned(), "C D".to_owned()]);
        assert!((f - 2.0 / 3.0).abs() < 1e-9);
    }
}
