//! Search hits for the terminal.

use std::io::Write;

use lede_query::{CollapsedHit, Hit, SearchResults};

use super::{day_or_undated, thousands, top};
use crate::render::style::{paint, BOLD, DIM, GREEN, MATCH, RESET};

/// What `lede search` says on stderr after the hits: "1-10 of N matching articles", and a "did you mean" line when
/// a query word is missing from the index or far rarer than a close one.
pub fn search_summary(query: &str, offset: usize, results: &SearchResults) -> String {
    let returned = results.hits.len();
    let page = if returned == 0 {
        "0".to_owned()
    } else {
        format!(
            "{}-{}",
            thousands((offset + 1) as u64),
            thousands((offset + returned) as u64)
        )
    };
    let mut out = format!("{page} of {} matching articles", thousands(results.total as u64));
    if !results.partial.is_empty() {
        out.push_str(&format!(
            ", then {} holding some of the words",
            thousands(results.partial.len() as u64)
        ));
    }
    out.push('\n');
    if !results.suggestions.is_empty() {
        let mut corrected = query.to_owned();
        let mut counts = Vec::new();
        for s in &results.suggestions {
            corrected = corrected.replacen(&s.word, &s.suggestion, 1);
            counts.push(format!(
                "{} in {} articles, {} in {}",
                s.word,
                thousands(s.word_articles),
                s.suggestion,
                thousands(s.suggestion_articles)
            ));
        }
        out.push_str(&format!("did you mean: {corrected}  ({})\n", counts.join("; ")));
    }
    out
}

/// Wraps the highlighted ranges of `text` in colour or `**` markers.
pub fn mark(text: &str, ranges: &[(usize, usize)], color: bool) -> String {
    let (open, close) = if color { (MATCH, RESET) } else { ("**", "**") };
    let mut out = String::with_capacity(text.len() + ranges.len() * 8);
    let mut at = 0;
    for &(start, end) in ranges {
        if start < at || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(open);
        out.push_str(&text[start..end]);
        out.push_str(close);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// One search hit: rank and headline, date · outlet · authors, entities, snippet, id.
pub fn hit(out: &mut impl Write, rank: usize, hit: &Hit, color: bool) -> std::io::Result<()> {
    let headline = if hit.headline.is_empty() {
        "(no headline)".to_owned()
    } else {
        hit.headline.clone()
    };
    let marked = if color {
        format!(
            "{BOLD}{}{RESET}",
            mark(&headline, &hit.headline_highlights, true).replace(RESET, &format!("{RESET}{BOLD}"))
        )
    } else {
        headline
    };
    writeln!(out, "{rank:>3}. {marked}")?;
    let mut meta = vec![day_or_undated(&hit.published)];
    if let Some(source) = &hit.source {
        meta.push(source.clone());
    }
    if !hit.authors.is_empty() {
        meta.push(top(&hit.authors, 3));
    }
    writeln!(out, "     {}", paint(&meta.join(" · "), GREEN, color))?;
    let e = &hit.entities;
    let mut names = Vec::new();
    for (label, list) in [
        ("people", &e.person),
        ("orgs", &e.organization),
        ("places", &e.location),
    ] {
        if !list.is_empty() {
            names.push(format!("{label}: {}", top(list, 4)));
        }
    }
    if !names.is_empty() {
        writeln!(out, "     {}", paint(&names.join(" · "), DIM, color))?;
    }
    if hit.fragments.len() > 1 {
        for fragment in &hit.fragments {
            writeln!(out, "     {}", mark(&fragment.text, &fragment.highlights, color))?;
        }
    } else if !hit.snippet.text.is_empty() {
        writeln!(out, "     {}", mark(&hit.snippet.text, &hit.snippet.highlights, color))?;
    }
    writeln!(out, "     {}", paint(&format!("id: {}", hit.id), DIM, color))?;
    writeln!(out)
}

/// The line between the complete matches and the partial ones that fill the rest of the page.
pub fn partial_heading(out: &mut impl Write, matched: usize, color: bool) -> std::io::Result<()> {
    let line = if matched == 0 {
        "No article holds all the words; these hold some of them:".to_owned()
    } else {
        "Articles holding some of the words:".to_owned()
    };
    writeln!(out, "{}", paint(&line, DIM, color))?;
    writeln!(out)
}

/// A collapsed hit: the hit, then "+N similar (outlets…)".
pub fn collapsed_hit(out: &mut impl Write, rank: usize, hit: &CollapsedHit, color: bool) -> std::io::Result<()> {
    self::hit(out, rank, &hit.hit, color)?;
    if !hit.similar.is_empty() {
        let line = format!(
            "     +{} similar ({})",
            hit.similar.len(),
            hit.similar_outlets().join(", ")
        );
        writeln!(out, "{}", paint(&line, DIM, color))?;
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_ranges() {
        assert_eq!(
            mark("the border wall", &[(4, 10), (11, 15)], false),
            "the **border** **wall**"
        );
        assert_eq!(
            mark("é x", &[(1, 2)], false),
            "é x",
            "ranges off char boundaries are skipped"
        );
    }
}
