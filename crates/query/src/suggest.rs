//! Did you mean: for a query word the index lacks, or holds far less often than a word one or two letters
//! away, that word (`Peloci` → `pelosi`).
//!
//! Only words are checked that fewer than one article in [`RARE`] holds, so a common query costs a few
//! dictionary look-ups. Terms are compared as the index holds them (stemmed), and the suggestion is written as the
//! articles write it. A misspelling whose stem is far from the right stem (`immigraton` → stem `immigraton`,
//! `immigration` → `immigr`) finds nothing: stems are what the index has.

use std::collections::{HashMap, HashSet};

use lede_indexer::{from_document, Fields};
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{FuzzyTermQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, TantivyDocument, Term};

use crate::build::{analyse, is_stop_word};
use crate::expand::edit_distance;
use crate::parse::Node;

/// A spelling suggestion for one word of a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The word as typed.
    pub word: String,
    /// The close word the index holds, as the articles write it (lower-cased).
    pub suggestion: String,
    /// Articles holding the typed word.
    pub word_articles: u64,
    /// Articles holding the suggestion.
    pub suggestion_articles: u64,
}

/// A word is checked when fewer than one article in this many hold it.
pub const RARE: u64 = 1_000;
/// A suggestion must be held by this many times as many articles as the word it replaces.
pub const MORE_COMMON: u64 = 20;
/// Shorter words are not checked: too many words are a letter away from them.
const MIN_CHARS: usize = 4;

/// Suggestions for the words of `root` outside any `NOT`, in query order.
pub(crate) fn suggestions(
    searcher: &Searcher,
    fields: &Fields,
    analyzer: &mut TextAnalyzer,
    root: &Node,
) -> Vec<Suggestion> {
    let mut typed = Vec::new();
    searched_words(root, &mut typed);
    let articles = searcher.num_docs();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for word in typed {
        let tokens = analyse(analyzer, word);
        for token in &tokens {
            if token.chars().count() < MIN_CHARS
                || !token.chars().all(char::is_alphabetic)
                || is_stop_word(token)
                || !seen.insert(token.clone())
            {
                continue;
            }
            let held = doc_freq(searcher, fields, token);
            if held > 0 && held.saturating_mul(RARE) >= articles {
                continue;
            }
            let Some((stem, suggestion_articles)) = closest_common(searcher, fields, token, held) else {
                continue;
            };
            let suggestion = written_form(searcher, fields, analyzer, &stem).unwrap_or(stem);
            if suggestion == word.to_lowercase() {
                continue;
            }
            out.push(Suggestion {
                word: if tokens.len() == 1 {
                    word.to_owned()
                } else {
                    token.clone()
                },
                suggestion,
                word_articles: held,
                suggestion_articles,
            });
        }
    }
    out
}

/// The words and phrase words of `node` outside any `NOT`.
fn searched_words<'a>(node: &'a Node, out: &mut Vec<&'a str>) {
    match node {
        Node::Words(words) => out.extend(words.iter().map(|w| w.text.as_str())),
        Node::Phrase { text, .. } => out.extend(text.split_whitespace()),
        Node::And(operands) | Node::Or(operands) => {
            for operand in operands {
                searched_words(operand, out);
            }
        }
        Node::Boost(inner, _) => searched_words(inner, out),
        Node::Not(_)
        | Node::Prefix { .. }
        | Node::Fuzzy { .. }
        | Node::Name { .. }
        | Node::Url(_)
        | Node::Meta { .. }
        | Node::Date { .. } => {}
    }
}

/// Articles holding `stem` in the headline or the body (the larger of the two counts).
fn doc_freq(searcher: &Searcher, fields: &Fields, stem: &str) -> u64 {
    [fields.headline, fields.body]
        .into_iter()
        .map(|f| searcher.doc_freq(&Term::from_field_text(f, stem)).unwrap_or(0))
        .max()
        .unwrap_or(0)
}

/// The body term one edit from `stem` (two for longer words) that is at least [`MORE_COMMON`] times as
/// common; a term two edits away must be ten times as common as one a single edit away to win.
fn closest_common(searcher: &Searcher, fields: &Fields, stem: &str, held: u64) -> Option<(String, u64)> {
    let distance = if stem.chars().count() <= 5 { 1 } else { 2 };
    let query = FuzzyTermQuery::new(Term::from_field_text(fields.body, stem), distance, true);
    let mut candidates = HashSet::new();
    for segment in searcher.segment_readers() {
        let (Ok(index), Ok(automaton)) = (segment.inverted_index(fields.body), query.automaton()) else {
            continue;
        };
        let Ok(mut stream) = index.terms().search(automaton).into_stream() else {
            continue;
        };
        while stream.advance() && candidates.len() < 10_000 {
            if let Ok(term) = std::str::from_utf8(stream.key()) {
                if term != stem && term.chars().all(char::is_alphabetic) {
                    candidates.insert(term.to_owned());
                }
            }
        }
    }
    let needed = held.saturating_mul(MORE_COMMON).max(1);
    candidates
        .into_iter()
        .map(|term| {
            let articles = doc_freq(searcher, fields, &term);
            (term, articles)
        })
        .filter(|(_, articles)| *articles >= needed)
        .max_by(|(a, a_articles), (b, b_articles)| {
            let weight = |term: &str, articles: u64| articles as f64 / 10f64.powi(edit_distance(stem, term) as i32);
            weight(a, *a_articles)
                .total_cmp(&weight(b, *b_articles))
                .then_with(|| b.cmp(a))
        })
}

/// How articles write the word whose stem is `stem`: the most common spelling in a few articles holding it.
fn written_form(searcher: &Searcher, fields: &Fields, analyzer: &mut TextAnalyzer, stem: &str) -> Option<String> {
    let query = TermQuery::new(Term::from_field_text(fields.body, stem), IndexRecordOption::Basic);
    let top = crate::segments::search(searcher, &query, &TopDocs::with_limit(3).order_by_score()).ok()?;
    let mut spellings: HashMap<String, usize> = HashMap::new();
    for (_, address) in top {
        let Ok(doc) = searcher.doc::<TantivyDocument>(address) else {
            continue;
        };
        let article = from_document(fields, &doc);
        for text in [&article.headline, &article.body] {
            let mut stream = analyzer.token_stream(text);
            let mut found = 0;
            while stream.advance() && found < 10 {
                let token = stream.token();
                if token.text == stem {
                    if let Some(written) = text.get(token.offset_from..token.offset_to) {
                        *spellings.entry(written.to_lowercase()).or_default() += 1;
                        found += 1;
                    }
                }
            }
        }
    }
    spellings
        .into_iter()
        .max_by(|(a, a_count), (b, b_count)| a_count.cmp(b_count).then_with(|| b.cmp(a)))
        .map(|(written, _)| written)
}
