//! Measuring extraction against hand-made gold: read every gold page with the reader under test
//! and score it.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use lede_article::Extracted;

use crate::error::{EvalError, Result};
use crate::gold::read_gold;
use crate::readability::{is_readability_layout, read_readability_gold};
use crate::report::{summarise, Report};
use crate::score::{score_page, PageScore};

/// Which reader an evaluation runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `html/<key>.html.gz` pages through [`lede_article::html::read_html`].
    Html,
    /// `text/<key>.txt` pages through [`lede_article::text::read_text`].
    Text,
}

/// Reads a page's bytes: `html/<key>.html.gz`, `html/<key>.html` or `<key>/source.html`, or
/// `text/<key>.txt(.gz)`.
pub fn read_page(dir: &Path, key: &str, mode: Mode) -> Result<Vec<u8>> {
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

/// Runs the reader of `mode` on one page's bytes, charset detection and decoding included.
pub fn extract(bytes: &[u8], mode: Mode) -> Extracted {
    match mode {
        Mode::Html => {
            let charset = lede_article::html_declared_charset(bytes);
            lede_article::html::read_html(&lede_article::decode(bytes, charset.as_deref()))
        }
        Mode::Text => lede_article::text::read_text(&lede_article::decode(bytes, None), false),
    }
}

/// Reads every gold page of `dir`, extracts it and scores it ([`score_page`], [`summarise`]),
/// timing the reader alone (decoding included, file I/O not). The gold is `gold` ([`read_gold`]),
/// or, when that file does not exist and `dir` is laid out as Readability's test pages
/// ([`is_readability_layout`]), those pages' own.
pub fn evaluate_extraction(dir: &Path, gold: &Path, mode: Mode) -> Result<(Vec<PageScore>, Report)> {
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
