//! Terminal output: ranked hits, articles, summaries, charts and clusters, coloured by [`super::style`].

mod analysis;
mod article;
mod index;
mod search;

pub use analysis::{cluster, entity_variants, facets, field_counts, timeline, words};
pub use article::article;
pub use index::{alias_report, bench, latency_line, stats, summary};
pub use search::{collapsed_hit, hit, partial_heading, search_summary};

/// A heading in bold (on a terminal).
pub fn heading(text: &str, color: bool) -> String {
    crate::render::style::paint(text, crate::render::style::BOLD, color)
}

/// `n` with thousands separators: `37,553`.
fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The first `n` names, then `+K` for the rest.
fn top(names: &[String], n: usize) -> String {
    let mut s = names.iter().take(n).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > n {
        s.push_str(&format!(" +{}", names.len() - n));
    }
    s
}

/// Horizontal bar of `value / max` of `width` cells, in eighths of a cell.
fn bar(value: u64, max: u64, width: usize) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    if max == 0 || width == 0 {
        return String::new();
    }
    let eighths = ((value as f64 / max as f64) * (width * 8) as f64).round() as usize;
    let (whole, part) = (eighths / 8, eighths - eighths / 8 * 8);
    let mut out = "█".repeat(whole);
    if part > 0 {
        out.push(PARTS[part]);
    }
    if value > 0 && out.is_empty() {
        out.push('▏');
    }
    out
}

/// `text` padded with spaces to `width` characters.
fn pad(text: &str, width: usize) -> String {
    let len = text.chars().count();
    if len >= width {
        text.to_owned()
    } else {
        format!("{text}{}", " ".repeat(width - len))
    }
}

/// `2019-03-04`, or `undated`.
fn day_or_undated(date: &Option<chrono::DateTime<chrono::Utc>>) -> String {
    date.map_or_else(|| "undated".to_owned(), |d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(37553), "37,553");
        assert_eq!(thousands(100), "100");
    }

    #[test]
    fn bars_scale_in_eighths() {
        assert_eq!(bar(10, 10, 4), "████");
        assert_eq!(bar(5, 10, 4), "██");
        assert_eq!(bar(1, 16, 2), "▏");
        assert_eq!(bar(1, 1000, 4), "▏", "a non-zero count is never invisible");
        assert_eq!(bar(0, 10, 4), "");
    }
}
