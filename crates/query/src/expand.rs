//! Prefix (`immigr*`) and fuzzy (`pelosy~1`) words, expanded to the index terms they stand for.
//!
//! Ranked as Elasticsearch's `top_terms` rewrite ranks them: the [`MAX_EXPANSIONS`] best terms (the closest
//! first for a fuzzy word, then the most frequent) each score as a plain word does (BM25 in every default field),
//! scaled by how close the term is to what was typed, and an article's score adds up over the terms it holds.
//! The other matching terms still match, at score 0, so a prefix counts every article it ever did.

use std::collections::HashMap;

use lede_indexer::Fields;
use tantivy::query::{BooleanQuery, DisjunctionMaxQuery, EmptyQuery, FuzzyTermQuery, Occur, Query, RegexQuery};
use tantivy::{Searcher, Term};

use crate::build::{escape_regex, filter, text_fields, word_query, word_terms};
use crate::parse::TextField;

/// Terms that score, at most, per prefix or fuzzy word.
pub const MAX_EXPANSIONS: usize = 50;
/// Terms read from one dictionary at most: a short prefix on a large index must stay cheap.
const MAX_SCANNED: usize = 50_000;

/// A term a word expands to.
struct Candidate {
    text: String,
    /// Articles holding it, summed over the fields and segments scanned.
    doc_freq: u64,
    /// 1 for a prefix match; `1 − edits / length` for a fuzzy one (Lucene's `FuzzyQuery`).
    similarity: f32,
}

/// The query for `text*`, and the terms that score.
pub(crate) fn prefix(
    searcher: &Searcher,
    fields: &Fields,
    field: Option<TextField>,
    text: &str,
) -> (Box<dyn Query>, Vec<String>) {
    let mut found: HashMap<Vec<u8>, u64> = HashMap::new();
    let mut complete = true;
    for f in text_fields(fields, field) {
        for segment in searcher.segment_readers() {
            let Ok(index) = segment.inverted_index(f) else {
                complete = false;
                continue;
            };
            let Ok(mut stream) = index.terms().range().ge(text.as_bytes()).into_stream() else {
                complete = false;
                continue;
            };
            let mut scanned = 0;
            while stream.advance() {
                let key = stream.key();
                if !key.starts_with(text.as_bytes()) {
                    break;
                }
                scanned += 1;
                if scanned > MAX_SCANNED {
                    complete = false;
                    break;
                }
                *found.entry(key.to_vec()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    let candidates = found
        .into_iter()
        .map(|(key, doc_freq)| Candidate {
            text: String::from_utf8_lossy(&key).into_owned(),
            doc_freq,
            similarity: 1.0,
        })
        .collect();
    let every_term = || -> Box<dyn Query> {
        let pattern = format!("{}.*", escape_regex(text));
        let disjuncts: Vec<Box<dyn Query>> = text_fields(fields, field)
            .into_iter()
            .filter_map(|f| RegexQuery::from_pattern(&pattern, f).ok())
            .map(|q| Box::new(q) as Box<dyn Query>)
            .collect();
        Box::new(DisjunctionMaxQuery::new(disjuncts))
    };
    assemble(fields, field, candidates, complete, every_term)
}

/// The query for `text~distance`, and the terms that score.
pub(crate) fn fuzzy(
    searcher: &Searcher,
    fields: &Fields,
    field: Option<TextField>,
    text: &str,
    distance: u8,
) -> (Box<dyn Query>, Vec<String>) {
    let mut found: HashMap<Vec<u8>, u64> = HashMap::new();
    let mut complete = true;
    for f in text_fields(fields, field) {
        for segment in searcher.segment_readers() {
            let query = FuzzyTermQuery::new(Term::from_field_text(f, text), distance, true);
            let (Ok(index), Ok(automaton)) = (segment.inverted_index(f), query.automaton()) else {
                complete = false;
                continue;
            };
            let Ok(mut stream) = index.terms().search(automaton).into_stream() else {
                complete = false;
                continue;
            };
            let mut scanned = 0;
            while stream.advance() {
                scanned += 1;
                if scanned > MAX_SCANNED {
                    complete = false;
                    break;
                }
                *found.entry(stream.key().to_vec()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    let typed = text.chars().count();
    let candidates = found
        .into_iter()
        .map(|(key, doc_freq)| {
            let term = String::from_utf8_lossy(&key).into_owned();
            let edits = edit_distance(text, &term);
            let shorter = typed.min(term.chars().count()).max(1);
            Candidate {
                similarity: (1.0 - edits as f32 / shorter as f32).max(0.1),
                text: term,
                doc_freq,
            }
        })
        .collect();
    let every_term = || -> Box<dyn Query> {
        let disjuncts: Vec<Box<dyn Query>> = text_fields(fields, field)
            .into_iter()
            .map(|f| Box::new(FuzzyTermQuery::new(Term::from_field_text(f, text), distance, true)) as Box<dyn Query>)
            .collect();
        Box::new(DisjunctionMaxQuery::new(disjuncts))
    };
    assemble(fields, field, candidates, complete, every_term)
}

/// The best [`MAX_EXPANSIONS`] candidates scored as plain words, plus `every_term` at score 0 when some
/// matching terms are left out.
fn assemble(
    fields: &Fields,
    field: Option<TextField>,
    mut candidates: Vec<Candidate>,
    complete: bool,
    every_term: impl FnOnce() -> Box<dyn Query>,
) -> (Box<dyn Query>, Vec<String>) {
    candidates.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then(b.doc_freq.cmp(&a.doc_freq))
            .then_with(|| a.text.cmp(&b.text))
    });
    let complete = complete && candidates.len() <= MAX_EXPANSIONS;
    candidates.truncate(MAX_EXPANSIONS);
    if candidates.is_empty() {
        let query = if complete {
            Box::new(EmptyQuery) as Box<dyn Query>
        } else {
            every_term()
        };
        return (query, Vec::new());
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = candidates
        .iter()
        .map(|candidate| {
            let mut terms = word_terms(fields, field, &candidate.text);
            for (_, boost) in &mut terms {
                *boost *= candidate.similarity;
            }
            (Occur::Should, word_query(terms))
        })
        .collect();
    if !complete {
        clauses.push((Occur::Should, filter(every_term())));
    }
    let terms = candidates.into_iter().map(|c| c.text).collect();
    (Box::new(BooleanQuery::new(clauses)), terms)
}

/// Edits (insertions, deletions, substitutions, swaps of neighbours) from `a` to `b`: the distance tantivy's
/// fuzzy automaton uses (optimal string alignment).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn edits_count_swaps_as_one() {
        assert_eq!(edit_distance("pelosy", "pelosi"), 1);
        assert_eq!(edit_distance("peloci", "pelosi"), 1);
        assert_eq!(edit_distance("plesoi", "pelosi"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("ab", "ba"), 1);
    }
}
