//! Snippets without re-analysing whole bodies.
//!
//! tantivy's `SnippetGenerator` tokenises and stems every word of every stored
//! body it is given: about 1.4 ms a hit on AllSides-sized articles. Here the
//! body is scanned (SIMD substring search) for each query stem; only the words
//! found there are stemmed to confirm them. The best window is the one with
//! the most distinct query terms, then the most matches.

use memchr::memmem;
use serde::Serialize;
use tantivy::tokenizer::TextAnalyzer;

use crate::build::QueryTerms;

/// A fragment of text with the byte ranges of the matched words in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The fragment (whole words; "…" marks cut text).
    pub text: String,
    /// Matched words, as `[start, end)` byte offsets into `text`.
    pub highlights: Vec<(usize, usize)>,
}

/// Finds the query's words in text.
pub struct Highlighter {
    analyzer: TextAnalyzer,
    terms: QueryTerms,
    /// What to search for: a lower-case prefix of each stem, and the stem.
    needles: Vec<(String, String)>,
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c >= 0x80
}

/// The end of the word that a match of `len` bytes at `at` begins; `None` when the match starts inside a word.
fn word_from(bytes: &[u8], at: usize, len: usize) -> Option<usize> {
    if at > 0 && is_word(bytes[at - 1]) {
        return None;
    }
    let mut end = at + len;
    while end < bytes.len() && is_word(bytes[end]) {
        end += 1;
    }
    Some(end)
}

impl Highlighter {
    /// A highlighter for `terms`, stemming with `analyzer`.
    pub fn new(analyzer: TextAnalyzer, terms: QueryTerms) -> Highlighter {
        let mut needles: Vec<(String, String)> = Vec::new();
        for stem in &terms.stems {
            // Porter changes endings ("policy" → "polici"): search a shorter prefix and confirm by stemming.
            let keep = if stem.chars().count() > 4 {
                stem.chars().count() - 1
            } else {
                stem.chars().count()
            };
            let prefix: String = stem.chars().take(keep).collect();
            if !needles.iter().any(|(p, s)| *p == prefix && s == stem) {
                needles.push((prefix, stem.clone()));
            }
        }
        Highlighter {
            analyzer,
            terms,
            needles,
        }
    }

    /// Byte ranges of every matched word in `text`, sorted, with the index of the term matched.
    pub fn matches(&mut self, text: &str) -> Vec<(usize, usize, usize)> {
        let lower = text.to_ascii_lowercase();
        let bytes = lower.as_bytes();
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (term_index, (prefix, stem)) in self.needles.iter().enumerate() {
            if prefix.is_empty() {
                continue;
            }
            for at in memmem::find_iter(bytes, prefix.as_bytes()) {
                let Some(end) = word_from(bytes, at, prefix.len()) else {
                    continue;
                };
                let Some(word) = lower.get(at..end) else { continue };
                // The stem itself as a word ("wall", "senate") needs no stemmer; other candidates are stemmed by
                // the index's analyser, whose per-thread cache serves the words that recur across hits.
                let confirmed = word == stem.as_str() || {
                    let mut stream = self.analyzer.token_stream(word);
                    stream.advance() && stream.token().text == *stem
                };
                if confirmed {
                    found.push((at, end, term_index));
                }
            }
        }
        for (term_index, prefix) in self.terms.prefixes.iter().enumerate() {
            for at in memmem::find_iter(bytes, prefix.as_bytes()) {
                if let Some(end) = word_from(bytes, at, prefix.len()) {
                    found.push((at, end, self.needles.len() + term_index));
                }
            }
        }
        found.sort_unstable();
        found.dedup_by(|a, b| a.0 < b.1 && b.0 < a.1);
        found
    }

    /// Highlights every match in a short text (a headline).
    pub fn highlight_all(&mut self, text: &str) -> Vec<(usize, usize)> {
        self.matches(text).into_iter().map(|(s, e, _)| (s, e)).collect()
    }

    /// The best fragment of about `max_bytes` of `body`; its start when nothing matches.
    pub fn snippet(&mut self, body: &str, max_bytes: usize) -> Snippet {
        self.snippets(body, max_bytes, 1).pop().unwrap_or_default()
    }

    /// Up to `count` non-overlapping fragments of about `max_bytes`, best first chosen, returned in text order.
    /// One fragment (the start of the body) when nothing matches.
    pub fn snippets(&mut self, body: &str, max_bytes: usize, count: usize) -> Vec<Snippet> {
        let found = self.matches(body);
        if found.is_empty() {
            return vec![fragment(body, &found, 0, max_bytes.min(body.len()))];
        }
        let mut remaining = found.clone();
        let mut windows: Vec<(usize, usize)> = Vec::new();
        while windows.len() < count.max(1) && !remaining.is_empty() {
            let (start, end) = best_window(&remaining, max_bytes);
            let (start, end) = (word_start(body, start), word_end(body, end));
            if end <= start || windows.iter().any(|(s, e)| start < *e && *s < end) {
                break;
            }
            windows.push((start, end));
            remaining.retain(|(s, e, _)| *e <= start || *s >= end);
        }
        windows.sort_unstable();
        windows
            .into_iter()
            .map(|(start, end)| fragment(body, &found, start, end))
            .collect()
    }
}

/// The text of `body[start..end]` as one line, with "…" where it was cut and its matches as highlights.
fn fragment(body: &str, found: &[(usize, usize, usize)], start: usize, end: usize) -> Snippet {
    let start = floor_char(body, start);
    let end = floor_char(body, end).max(start);
    let mut text = String::new();
    let mut offset = 0;
    if start > 0 {
        text.push('…');
        offset = text.len();
    }
    // Paragraph breaks become spaces: a snippet is one line.
    text.extend(body[start..end].chars().map(|c| if c == '\n' { ' ' } else { c }));
    if end < body.len() {
        text.push('…');
    }
    let highlights = found
        .iter()
        .filter(|(s, e, _)| *s >= start && *e <= end)
        .map(|(s, e, _)| (s - start + offset, e - start + offset))
        .collect();
    Snippet { text, highlights }
}

/// The window of at most `max_bytes` covering the most distinct terms, then the most matches.
fn best_window(found: &[(usize, usize, usize)], max_bytes: usize) -> (usize, usize) {
    let mut best = (0usize, 0usize, 0usize, 0usize); // distinct, count, start, end
    let mut distinct = Vec::new();
    for (i, first) in found.iter().enumerate() {
        distinct.clear();
        let mut count = 0;
        let mut last_end = first.1;
        for m in &found[i..] {
            if m.1 - first.0 > max_bytes {
                break;
            }
            if !distinct.contains(&m.2) {
                distinct.push(m.2);
            }
            count += 1;
            last_end = m.1;
        }
        if (distinct.len(), count) > (best.0, best.1) {
            best = (distinct.len(), count, first.0, last_end);
        }
        if count > 64 {
            break;
        }
    }
    if best.1 == 0 {
        return (0, max_bytes);
    }
    // Centre the matches in the window, starting a little before the first one.
    let (_, _, s, e) = best;
    let spare = max_bytes.saturating_sub(e - s);
    let start = s.saturating_sub((spare / 3).min(s));
    (start, start + max_bytes)
}

fn floor_char(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn word_start(text: &str, at: usize) -> usize {
    let at = floor_char(text, at);
    if at == 0 {
        return 0;
    }
    // Move forward to the next word start so no word is cut.
    match text[at..].find(|c: char| c.is_whitespace()) {
        Some(space) if space < 30 => floor_char(text, at + space + 1),
        _ => at,
    }
}

fn word_end(text: &str, at: usize) -> usize {
    let at = floor_char(text, at);
    if at >= text.len() {
        return text.len();
    }
    match text[..at].rfind(|c: char| c.is_whitespace()) {
        Some(space) if at - space < 30 => space,
        _ => at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, Stemmer};

    fn highlighter(stems: &[&str], prefixes: &[&str]) -> Highlighter {
        let analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::default())
            .build();
        let terms = QueryTerms {
            stems: stems.iter().map(|s| s.to_string()).collect(),
            prefixes: prefixes.iter().map(|s| s.to_string()).collect(),
        };
        Highlighter::new(analyzer, terms)
    }

    #[test]
    fn stems_and_surface_forms_are_highlighted() {
        let mut h = highlighter(&["immigr", "polici"], &[]);
        let text = "Immigration policy: the immigrants and the policies. Immune to politics.";
        let words: Vec<&str> = h.highlight_all(text).iter().map(|(s, e)| &text[*s..*e]).collect();
        assert_eq!(words, vec!["Immigration", "policy", "immigrants", "policies"]);
    }

    #[test]
    fn best_window_has_the_most_distinct_terms() {
        let mut h = highlighter(&["border", "wall"], &[]);
        let body = format!(
            "{} The border is long. {} Funding for the border wall passed. {}",
            "filler ".repeat(40),
            "more ".repeat(40),
            "tail ".repeat(40)
        );
        let s = h.snippet(&body, 80);
        assert!(s.text.contains("border wall"), "{}", s.text);
        let marked: Vec<&str> = s.highlights.iter().map(|(a, b)| &s.text[*a..*b]).collect();
        assert!(marked.contains(&"wall"), "{marked:?}");
    }

    #[test]
    fn several_fragments_do_not_overlap_and_keep_text_order() {
        let mut h = highlighter(&["border", "wall"], &[]);
        let body = format!(
            "The border talks began. {} Funding for the wall stalled. {} The border wall vote passed.",
            "filler ".repeat(60),
            "more ".repeat(60)
        );
        let fragments = h.snippets(&body, 60, 3);
        assert!(fragments.len() >= 2, "{fragments:?}");
        let positions: Vec<usize> = fragments
            .iter()
            .filter_map(|f| body.find(f.text.trim_matches('…').trim()))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "text order: {positions:?}");
        assert!(fragments.iter().all(|f| !f.highlights.is_empty()));
    }

    #[test]
    fn no_match_gives_the_start_and_unicode_is_safe() {
        let mut h = highlighter(&["zzz"], &["pre"]);
        let s = h.snippet("Zoë’s café — élan vital. Other test", 12);
        assert!(s.text.starts_with("Zoë"), "{}", s.text);
        let s = h.snippet("Prefixed words présent", 100);
        assert_eq!(s.highlights.len(), 1);
    }
}
