//! An article for `lede parse` and `lede show` without `--json`.

use std::io::Write;

use lede_article::Article;

use crate::render::rfc3339;
use crate::render::style::{paint, BOLD, DIM};

/// Headline, dek, one `name: value` line per field, then the body.
pub fn article(out: &mut impl Write, a: &Article, color: bool) -> std::io::Result<()> {
    writeln!(out, "{}", paint(&a.headline, BOLD, color))?;
    if let Some(dek) = &a.dek {
        writeln!(out, "{dek}")?;
    }
    let field = |name: &str, value: String| format!("{}: {value}", paint(name, DIM, color));
    writeln!(out, "{}", field("id", a.id.clone()))?;
    writeln!(out, "{}", field("path", a.path.clone()))?;
    writeln!(
        out,
        "{}",
        field("published", a.published.as_ref().map_or("unknown".into(), rfc3339))
    )?;
    for (name, value) in [("source", &a.source), ("url", &a.url), ("language", &a.language)] {
        if let Some(v) = value {
            writeln!(out, "{}", field(name, v.clone()))?;
        }
    }
    if !a.authors.is_empty() {
        writeln!(out, "{}", field("authors", a.authors.join(", ")))?;
    }
    let e = &a.entities;
    for (name, list) in [
        ("people", &e.person),
        ("organizations", &e.organization),
        ("places", &e.location),
    ] {
        if !list.is_empty() {
            writeln!(out, "{}", field(name, list.join(", ")))?;
        }
    }
    for (name, values) in &a.metadata {
        writeln!(out, "{}", field(name, values.join(", ")))?;
    }
    for warning in &a.warnings {
        writeln!(out, "{}", field("warning", warning.clone()))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", a.body)?;
    writeln!(out)
}
