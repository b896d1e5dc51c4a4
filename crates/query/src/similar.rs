//! One article by id (`lede show`), and the articles most like it (`lede similar`).
//!
//! More-like-this: the article's headline and body are analysed as the index
//! analysed them; each stem is weighted by tf·idf (headline words count
//! double, document frequencies from the searcher) and the top
//! [`SIMILAR_TERMS`] become one disjunction, the article itself excluded.

use std::collections::HashMap;

use lede_article::Article;
use lede_indexer::{fingerprint_of, from_document, STEMMED};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::build::{analyse, QueryTerms, HEADLINE_BOOST};
use crate::error::{Error, Result};
use crate::search::{Engine, Hit};
use crate::snippet::Highlighter;

/// Terms of the article that make the more-like-this query.
pub const SIMILAR_TERMS: usize = 25;
/// Stems shorter than this (bytes) carry little topic.
const MIN_TERM_LEN: usize = 3;

const STOPWORDS: &[&str] = &[
    "about", "after", "also", "and", "are", "been", "but", "can", "could", "did", "doe", "for", "from", "had", "has",
    "have", "her", "his", "how", "into", "it", "its", "may", "more", "not", "one", "our", "out", "over", "said", "say",
    "she", "than", "that", "the", "their", "them", "there", "they", "thi", "this", "those", "use", "was", "were",
    "what", "when", "where", "which", "who", "why", "will", "with", "would", "you", "your", "wa", "ha", "we",
];

/// An article as the index stores it, with where it lives.
#[derive(Debug, Clone)]
pub struct StoredArticle {
    /// The article.
    pub article: Article,
    /// Its near-duplicate fingerprint (0 when the body was too short to have one).
    pub fingerprint: u64,
    /// Where it lives in the index.
    pub address: DocAddress,
}

/// The articles most like one article.
#[derive(Debug, Clone)]
pub struct SimilarResults {
    /// The article asked about.
    pub article: StoredArticle,
    /// The weighted stems the search used, heaviest first.
    pub terms: Vec<(String, f32)>,
    /// Most similar first.
    pub hits: Vec<Hit>,
}

fn analyzer(engine: &Engine) -> Result<TextAnalyzer> {
    engine
        .index()
        .index
        .tokenizers()
        .get(STEMMED)
        .ok_or_else(|| Error::Query(format!("tokenizer {STEMMED} missing")))
}

fn find(engine: &Engine, searcher: &Searcher, id: &str) -> Result<Option<StoredArticle>> {
    let fields = &engine.index().fields;
    let query = TermQuery::new(Term::from_field_text(fields.id, id), IndexRecordOption::Basic);
    let top = crate::segments::search(searcher, &query, &TopDocs::with_limit(1).order_by_score())?;
    let Some((_, address)) = top.into_iter().next() else {
        return Ok(None);
    };
    let doc: TantivyDocument = searcher.doc(address)?;
    let mut article = from_document(fields, &doc);
    engine.aliases().canonicalise(&mut article.entities);
    Ok(Some(StoredArticle {
        article,
        fingerprint: fingerprint_of(fields, &doc),
        address,
    }))
}

/// The article with id `id`, or `None` when the index has no such article.
pub fn show(engine: &Engine, id: &str) -> Result<Option<StoredArticle>> {
    find(engine, &engine.searcher(), id)
}

/// The stems of `article` weighted by tf·idf, heaviest first, at most `limit`.
fn weighted_terms(
    engine: &Engine,
    searcher: &Searcher,
    analyzer: &mut TextAnalyzer,
    article: &Article,
    limit: usize,
) -> Result<Vec<(String, f32)>> {
    let fields = &engine.index().fields;
    let mut tf: HashMap<String, f32> = HashMap::new();
    for (text, weight) in [(article.headline.as_str(), 2.0), (article.body.as_str(), 1.0)] {
        for token in analyse(analyzer, text) {
            if token.len() >= MIN_TERM_LEN
                && !token.bytes().all(|b| b.is_ascii_digit())
                && !STOPWORDS.contains(&token.as_str())
            {
                *tf.entry(token).or_default() += weight;
            }
        }
    }
    let docs = searcher.num_docs().max(1) as f32;
    let mut weighted = Vec::with_capacity(tf.len());
    for (token, freq) in tf {
        let df = searcher.doc_freq(&Term::from_field_text(fields.body, &token))?;
        // A stem no other article has finds nothing; one in most articles says nothing.
        if df < 2 || df as f32 > docs * 0.5 {
            continue;
        }
        let idf = (1.0 + (docs - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
        weighted.push((token, freq.sqrt() * idf));
    }
    weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    weighted.truncate(limit);
    Ok(weighted)
}

/// The `limit` articles most like the article with id `id`; `None` when the index has no such article.
pub fn similar(engine: &Engine, id: &str, limit: usize, snippet_bytes: usize) -> Result<Option<SimilarResults>> {
    let searcher = engine.searcher();
    let Some(stored) = find(engine, &searcher, id)? else {
        return Ok(None);
    };
    let fields = &engine.index().fields;
    let mut analyzer = analyzer(engine)?;
    let terms = weighted_terms(engine, &searcher, &mut analyzer, &stored.article, SIMILAR_TERMS)?;
    if terms.is_empty() {
        return Ok(Some(SimilarResults {
            article: stored,
            terms,
            hits: Vec::new(),
        }));
    }
    let top_weight = terms[0].1.max(f32::EPSILON);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = terms
        .iter()
        .map(|(token, weight)| {
            let one = |field, boost: f32| -> Box<dyn Query> {
                Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, token),
                        IndexRecordOption::WithFreqs,
                    )),
                    boost,
                ))
            };
            let query: Box<dyn Query> = Box::new(DisjunctionMaxQuery::with_tie_breaker(
                vec![one(fields.headline, HEADLINE_BOOST), one(fields.body, 1.0)],
                0.1,
            ));
            (
                Occur::Should,
                Box::new(BoostQuery::new(query, weight / top_weight)) as Box<dyn Query>,
            )
        })
        .collect();
    clauses.push((
        Occur::MustNot,
        Box::new(TermQuery::new(
            Term::from_field_text(fields.id, &stored.article.id),
            IndexRecordOption::Basic,
        )),
    ));
    let query = BooleanQuery::new(clauses);
    let top = crate::segments::search(&searcher, &query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
    let mut highlighter = Highlighter::new(
        analyzer,
        QueryTerms {
            stems: terms.iter().map(|(t, _)| t.clone()).collect(),
            prefixes: Vec::new(),
        },
    );
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        let mut article = from_document(fields, &searcher.doc::<TantivyDocument>(address)?);
        engine.aliases().canonicalise(&mut article.entities);
        let fragments = usize::from(snippet_bytes > 0);
        hits.push(Hit::new(
            article,
            score,
            address,
            &mut highlighter,
            snippet_bytes,
            fragments,
        ));
    }
    Ok(Some(SimilarResults {
        article: stored,
        terms,
        hits,
    }))
}
