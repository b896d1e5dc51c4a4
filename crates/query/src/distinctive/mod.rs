//! Distinctive words: the words and two-word phrases that most set the matching articles apart from the rest
//! of the corpus (or, split by a field, each value's articles from the other matching articles), as
//! Elasticsearch's `significant_terms` and Media Cloud's top words do.
//!
//! Candidates come from samples: up to [`SAMPLE`] articles of the set and as many of the background, their
//! stored bodies analysed as the index analyses them, each word and phrase counted once per article. The
//! candidates that score best on the sampled counts are then counted exactly over the whole set and the whole
//! background through the index (a term or phrase query checked against one bit per article), and ranked on
//! those exact counts. So every count shown is exact; only which words were considered depends on the sample.

mod docs;
mod sample;
mod score;
mod stop;

use rustc_hash::FxHashSet;
use serde::Serialize;
use tantivy::query::{EnableScoring, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

use crate::error::{Error, Result};
use crate::metadata::{field_values_of, restrict};
use crate::search::{Engine, SearchRequest};
use docs::Articles;
use sample::{count_sample, SampleCounts, PHRASE_SEPARATOR};
use score::Counts;
pub use score::WordScore;

/// Articles read from the set, and from the background, to find candidate words.
pub const SAMPLE: usize = 300;

/// What `lede words` asks.
#[derive(Debug, Clone)]
pub struct WordsRequest {
    /// The matching articles (paging ignored).
    pub search: SearchRequest,
    /// Words to keep per group.
    pub limit: usize,
    /// A field (metadata field, `source`, `person`, …) whose values each get their own words, against the other
    /// matching articles.
    pub split_by: Option<String>,
    /// With `split_by`: how many of the field's values (most matching articles first).
    pub split_values: usize,
    /// How words are ranked.
    pub score: WordScore,
    /// Articles sampled from the set and from the background to find candidates.
    pub sample: usize,
}

impl WordsRequest {
    /// The 20 most distinctive words of `search`'s matches against the rest of the corpus, by G².
    pub fn new(search: SearchRequest) -> WordsRequest {
        WordsRequest {
            search,
            limit: 20,
            split_by: None,
            split_values: 10,
            score: WordScore::G2,
            sample: SAMPLE,
        }
    }
}

/// A distinctive word or phrase with its counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistinctiveWord {
    /// As most often written in the sampled articles (`Medicaid`, `pre-existing conditions`).
    pub text: String,
    /// 1 for a word, 2 for a two-word phrase.
    pub words: usize,
    /// The score ([`WordScore`]).
    pub score: f64,
    /// Articles of the set holding it (body text).
    pub articles: u64,
    /// Articles of the background holding it.
    pub background_articles: u64,
}

/// The distinctive words of one set of articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordsGroup {
    /// With a split, the field's value whose articles this is; `None` for all matching articles.
    pub value: Option<String>,
    /// Articles in the set.
    pub articles: u64,
    /// Articles in the background: the rest of the corpus, or with a split the other matching articles.
    pub background: u64,
    /// Articles of the set read to find candidates (all of them when it is at most the sample size).
    pub sampled: u64,
    /// Most distinctive first.
    pub words: Vec<DistinctiveWord>,
}

/// What `lede words` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordsReport {
    /// The query, as typed.
    pub query: String,
    /// The field split by, if any.
    pub split_by: Option<String>,
    /// How words were ranked.
    pub score: WordScore,
    /// One group, or one per value of the split field.
    pub groups: Vec<WordsGroup>,
}

/// The words and two-word phrases that most distinguish the articles matching `request.search` from the
/// rest of the corpus, or, with `split_by`, each value's matching articles from the other matching articles.
/// The query's own words are left out (every matching article has them).
pub fn distinctive_words(engine: &Engine, request: &WordsRequest) -> Result<WordsReport> {
    let searcher = engine.searcher();
    let built = engine.prepare(&request.search, &searcher)?;
    let excluded: FxHashSet<String> = built.terms.stems.iter().cloned().collect();
    let matching = Articles::matching(&searcher, built.matching())?;
    let mut groups = Vec::new();
    match &request.split_by {
        None => {
            let background = Articles::all(&searcher).without(&matching);
            groups.push(group(
                engine,
                &searcher,
                request,
                &excluded,
                None,
                &matching,
                &background,
            )?);
        }
        Some(field) => {
            let values = field_values_of(engine, &request.search, field)?;
            for value in values.top.iter().take(request.split_values.max(1)) {
                let search = restrict(engine, &request.search, field, &value.value)?;
                let set = Articles::matching(&searcher, engine.prepare(&search, &searcher)?.matching())?;
                let background = matching.without(&set);
                groups.push(group(
                    engine,
                    &searcher,
                    request,
                    &excluded,
                    Some(value.value.clone()),
                    &set,
                    &background,
                )?);
            }
        }
    }
    Ok(WordsReport {
        query: request.search.query.clone(),
        split_by: request.split_by.clone(),
        score: request.score,
        groups,
    })
}

/// A candidate: its key (stem, or two stems), how it is written, and its estimated score.
struct Candidate {
    key: String,
    text: String,
    estimate: f64,
    /// Sampled occurrences: among words of equal score, the one the set uses more often comes first.
    occurrences: u32,
}

fn group(
    engine: &Engine,
    searcher: &Searcher,
    request: &WordsRequest,
    excluded: &FxHashSet<String>,
    value: Option<String>,
    set: &Articles,
    background: &Articles,
) -> Result<WordsGroup> {
    let body = engine.index().fields.body;
    let analyzer = engine
        .index()
        .index
        .tokenizers()
        .get(lede_indexer::STEMMED)
        .ok_or_else(|| Error::Query(format!("tokenizer {} missing", lede_indexer::STEMMED)))?;
    let set_docs = set.sample(request.sample);
    let set_counts = count_sample(searcher, body, &analyzer, &set_docs, excluded, None)?;
    // Words too rare in the sample to say anything about the set.
    let floor = (set_docs.len() / 100).max(3) as u32;
    let set_counts: SampleCounts = set_counts.into_iter().filter(|(_, seen)| seen.docs >= floor).collect();
    let background_docs = background.sample(request.sample);
    let background_counts = count_sample(searcher, body, &analyzer, &background_docs, excluded, Some(&set_counts))?;
    let scale = |n: u32, sampled: usize, total: u64| f64::from(n) / sampled.max(1) as f64 * total as f64;
    let mut candidates: Vec<Candidate> = set_counts
        .iter()
        .map(|(key, seen)| {
            let background_with = background_counts.get(key).map_or(0, |s| s.docs);
            let estimate = request.score.score(Counts {
                set_with: scale(seen.docs, set_docs.len(), set.len()),
                set: set.len() as f64,
                background_with: scale(background_with, background_docs.len(), background.len()),
                background: background.len() as f64,
            });
            Candidate {
                key: key.clone(),
                text: seen.form(),
                estimate,
                occurrences: seen.occurrences,
            }
        })
        .filter(|c| c.estimate > 0.0)
        .collect();
    candidates.sort_by(|a, b| {
        b.estimate
            .total_cmp(&a.estimate)
            .then_with(|| b.occurrences.cmp(&a.occurrences))
            .then_with(|| a.key.cmp(&b.key))
    });
    // Sampled counts misjudge some words: count more than are shown, exactly, and rank those.
    candidates.truncate(request.limit.saturating_mul(3) + 20);
    let enable = EnableScoring::disabled_from_searcher(searcher);
    let mut words = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        let stems: Vec<&str> = candidate.key.split(PHRASE_SEPARATOR).collect();
        let terms: Vec<Term> = stems.iter().map(|s| Term::from_field_text(body, s)).collect();
        let query: Box<dyn Query> = match terms.as_slice() {
            [term] => Box::new(TermQuery::new(term.clone(), IndexRecordOption::Basic)),
            _ => Box::new(PhraseQuery::new(terms)),
        };
        let weight = query.weight(enable)?;
        let (articles, background_articles) = set.count_both(background, searcher, weight.as_ref())?;
        let score = request.score.score(Counts {
            set_with: articles as f64,
            set: set.len() as f64,
            background_with: background_articles as f64,
            background: background.len() as f64,
        });
        if score > 0.0 {
            words.push((
                candidate.occurrences,
                DistinctiveWord {
                    text: candidate.text,
                    words: stems.len(),
                    score,
                    articles,
                    background_articles,
                },
            ));
        }
    }
    words.sort_by(|(a_seen, a), (b_seen, b)| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| b_seen.cmp(a_seen))
            .then_with(|| a.text.cmp(&b.text))
    });
    let words: Vec<DistinctiveWord> = words.into_iter().take(request.limit).map(|(_, w)| w).collect();
    Ok(WordsGroup {
        value,
        articles: set.len(),
        background: background.len(),
        sampled: set_docs.len() as u64,
        words,
    })
}
