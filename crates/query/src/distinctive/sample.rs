//! Word and two-word-phrase document counts over a sample of articles, read from their stored bodies with the
//! index's own analyser (so each counted word is an index term and its exact counts can be looked up).

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::schema::Value;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::stop::left_out;
use crate::error::Result;

/// Separates the two stems of a phrase in a key.
pub(crate) const PHRASE_SEPARATOR: char = '\u{0}';

/// One word or phrase of the sample.
#[derive(Debug, Default)]
pub(crate) struct Seen {
    /// Sampled articles holding it.
    pub docs: u32,
    /// Times it occurs in the sampled articles (breaks ties between words that as many articles hold).
    pub occurrences: u32,
    /// How it was written (first occurrence per article), with articles.
    pub forms: FxHashMap<String, u32>,
    /// One more than the number of the article that last counted it (0: none yet), so that an article counts a key
    /// once without a second map to look it up in.
    last_article: usize,
}

impl Seen {
    /// Adds the counts of `other` (the same key in other articles).
    fn add(&mut self, other: Seen) {
        self.docs += other.docs;
        self.occurrences += other.occurrences;
        for (form, n) in other.forms {
            *self.forms.entry(form).or_default() += n;
        }
    }

    /// The form written most often (ties: the first in byte order).
    pub(crate) fn form(&self) -> String {
        self.forms
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(form, _)| form.clone())
            .unwrap_or_default()
    }
}

/// Counts per key: a stem, or two stems joined by [`PHRASE_SEPARATOR`].
pub(crate) type SampleCounts = FxHashMap<String, Seen>;

/// Whether the text between two words breaks a phrase (a sentence or clause ends, a quotation opens).
fn breaks_phrase(gap: &str) -> bool {
    gap.chars().any(|c| {
        matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '"' | '\n' | '“' | '”' | '—' | '|'
        )
    })
}

/// Sampled articles per thread below which [`count_sample`] stays on the calling thread.
const ARTICLES_PER_THREAD: usize = 64;

/// Counts, per article of `docs`, each word and each two-word phrase of its body once (stop words, page
/// furniture, numbers and the `excluded` stems left out; a phrase never spans punctuation). With `only`, only
/// keys already in it are counted and no written forms are kept (for the background sample).
///
/// Reading and analysing the bodies is most of what `lede words` does: the articles are split in consecutive parts,
/// one per core, counted side by side and the counts added up (they are sums per key, so the result is the same).
pub(crate) fn count_sample(
    searcher: &Searcher,
    body: tantivy::schema::Field,
    analyzer: &TextAnalyzer,
    docs: &[DocAddress],
    excluded: &FxHashSet<String>,
    only: Option<&SampleCounts>,
) -> Result<SampleCounts> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(docs.len() / ARTICLES_PER_THREAD).max(1);
    if threads == 1 {
        return count_part(searcher, body, &mut analyzer.clone(), docs, excluded, only);
    }
    // On rayon's pool, not on threads started per call: the stemmer keeps a cache per thread, and a new thread's
    // starts empty.
    let parts: Vec<Result<SampleCounts>> = docs
        .par_chunks(docs.len().div_ceil(threads))
        .map(|part| count_part(searcher, body, &mut analyzer.clone(), part, excluded, only))
        .collect();
    let mut parts = parts.into_iter().collect::<Result<Vec<SampleCounts>>>()?;
    // Into the part with the most keys: the fewest inserts.
    parts.sort_by_key(|part| std::cmp::Reverse(part.len()));
    let mut parts = parts.into_iter();
    let mut counts = parts.next().unwrap_or_default();
    for part in parts {
        for (key, seen) in part {
            match counts.get_mut(&key) {
                Some(total) => total.add(seen),
                None => {
                    counts.insert(key, seen);
                }
            }
        }
    }
    Ok(counts)
}

/// [`count_sample`] on the calling thread.
fn count_part(
    searcher: &Searcher,
    body: tantivy::schema::Field,
    analyzer: &mut TextAnalyzer,
    docs: &[DocAddress],
    excluded: &FxHashSet<String>,
    only: Option<&SampleCounts>,
) -> Result<SampleCounts> {
    let mut counts = SampleCounts::default();
    let mut key = String::new();
    let mut lower = String::new();
    for (n, address) in docs.iter().enumerate() {
        let doc: TantivyDocument = searcher.doc(*address)?;
        let Some(text) = doc.get_first(body).and_then(|v| v.as_str()) else {
            continue;
        };
        let mut previous: Option<(String, usize, usize)> = None;
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let token = stream.token();
            let surface = text.get(token.offset_from..token.offset_to).unwrap_or_default();
            lower.clear();
            if surface.is_ascii() {
                lower.push_str(surface);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(surface.chars().flat_map(char::to_lowercase));
            }
            let kept = !left_out(&lower) && !left_out(&token.text) && !excluded.contains(&token.text);
            if !kept {
                previous = None;
                continue;
            }
            // Counts `key` once for this article; allocates only for a key not seen before.
            let mut note = |key: &str, form: &str| {
                if only.is_some_and(|only| !only.contains_key(key)) {
                    return;
                }
                let seen = match counts.get_mut(key) {
                    Some(seen) => seen,
                    None => counts.entry(key.to_owned()).or_default(),
                };
                seen.occurrences += 1;
                if seen.last_article == n + 1 {
                    return;
                }
                seen.last_article = n + 1;
                seen.docs += 1;
                if only.is_none() {
                    match seen.forms.get_mut(form) {
                        Some(count) => *count += 1,
                        None => {
                            seen.forms.insert(form.to_owned(), 1);
                        }
                    }
                }
            };
            if let Some((first, start, end)) = &previous {
                let gap = text.get(*end..token.offset_from).unwrap_or_default();
                if !breaks_phrase(gap) {
                    let form = text.get(*start..token.offset_to).unwrap_or_default();
                    let form: std::borrow::Cow<str> =
                        if form.chars().any(|c| c.is_whitespace() && c != ' ') || form.contains("  ") {
                            form.split_whitespace().collect::<Vec<_>>().join(" ").into()
                        } else {
                            form.into()
                        };
                    key.clear();
                    key.push_str(first);
                    key.push(PHRASE_SEPARATOR);
                    key.push_str(&token.text);
                    note(&key, &form);
                }
            }
            note(&token.text, surface);
            match &mut previous {
                Some((stem, start, end)) => {
                    stem.clear();
                    stem.push_str(&token.text);
                    *start = token.offset_from;
                    *end = token.offset_to;
                }
                None => previous = Some((token.text.clone(), token.offset_from, token.offset_to)),
            }
        }
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_breaks_phrases_spaces_do_not() {
        assert!(breaks_phrase(". "));
        assert!(breaks_phrase(", "));
        assert!(!breaks_phrase(" "));
        assert!(!breaks_phrase("-"));
    }

    #[test]
    fn the_most_written_form_wins() {
        let mut seen = Seen::default();
        seen.forms.insert("Medicaid".to_owned(), 5);
        seen.forms.insert("medicaid".to_owned(), 2);
        assert_eq!(seen.form(), "Medicaid");
    }
}
