//! Running a search: top-k by relevance or date, stored fields, snippets.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use lede_article::{Article, Entities};
use lede_indexer::{column, from_document, Fields, LedeIndex, PARALLEL_SEARCH_DOCS, STEMMED};
use rustc_hash::FxHashSet;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Executor, IndexReader, Order, Searcher, TantivyDocument, TantivyError, Term};

use crate::aliases::Aliases;
use crate::build::{analyse, build_with, Building, BuiltQuery, Filters};
use crate::error::{Error, Result};
use crate::facets::FacetCache;
use crate::parse::{NameField, ParsedQuery};
use crate::rank::{relevance_model, RankParams};
use crate::segments::{self, SPLIT_MIN_DOCS};
use crate::snippet::{Highlighter, Snippet};
use crate::suggest::{suggestions, Suggestion};
use crate::words::PassCache;

/// How results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortOrder {
    /// Best match first; ties broken by index order (deterministic).
    #[default]
    Relevance,
    /// Newest first; articles without a date last.
    Date,
}

/// A search as the CLI and the benchmark ask for it.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// What the user typed.
    pub query: String,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Filters from flags.
    pub filters: Filters,
    /// Order.
    pub sort: SortOrder,
    /// Snippet length in bytes; 0 for no snippet.
    pub snippet_bytes: usize,
    /// Fragments per hit (at least 1): the best non-overlapping windows, in text order.
    pub fragments: usize,
    /// Prefer recent articles: relevance times `0.5 + 0.5 · 2^(−age / half-life)`, age in days before the
    /// newest article in the index (undated articles count as very old). `None`: relevance only.
    pub recent_half_life_days: Option<f32>,
    /// How runs of words rank (feedback, proximity); the default is lede's.
    pub rank: RankParams,
}

impl SearchRequest {
    /// Top 10 by relevance with a 200-byte snippet.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit: 10,
            offset: 0,
            filters: Filters::default(),
            sort: SortOrder::Relevance,
            snippet_bytes: 200,
            fragments: 1,
            recent_half_life_days: None,
            rank: RankParams::default(),
        }
    }

    /// Adds a publication date range (inclusive days).
    pub fn between(mut self, since: Option<NaiveDate>, until: Option<NaiveDate>) -> SearchRequest {
        self.filters.since = since;
        self.filters.until = until;
        self
    }

    /// Adds a name filter.
    pub fn with_name(mut self, field: NameField, value: impl Into<String>) -> SearchRequest {
        self.filters.names.push((field, value.into()));
        self
    }
}

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The article's stable id.
    pub id: String,
    /// Relevance score (0 when sorted by date without scoring words).
    pub score: f32,
    /// Headline.
    pub headline: String,
    /// Byte ranges of query words in the headline.
    pub headline_highlights: Vec<(usize, usize)>,
    /// Publication date.
    pub published: Option<DateTime<Utc>>,
    /// Outlet.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// File it came from.
    pub path: String,
    /// Authors.
    pub authors: Vec<String>,
    /// Entities, most mentioned first.
    pub entities: Entities,
    /// The best fragment of the body (the first of `fragments` in text order when several are asked for).
    pub snippet: Snippet,
    /// Up to `SearchRequest::fragments` fragments of the body, in text order.
    pub fragments: Vec<Snippet>,
    /// The corpus's own fields, as written.
    pub metadata: lede_article::Metadata,
    /// Where the hit lives in the index (for `similar`, collapse).
    #[serde(skip)]
    pub address: DocAddress,
}

impl Hit {
    /// A hit for a stored `article`, with highlighted headline and up to `fragments` body fragments.
    pub fn new(
        article: Article,
        score: f32,
        address: DocAddress,
        highlighter: &mut Highlighter,
        snippet_bytes: usize,
        fragments: usize,
    ) -> Hit {
        let fragments = if fragments == 0 {
            Vec::new()
        } else {
            highlighter.snippets(&article.body, snippet_bytes, fragments)
        };
        Hit {
            id: article.id,
            score,
            headline_highlights: highlighter.highlight_all(&article.headline),
            headline: article.headline,
            published: article.published,
            source: article.source,
            url: article.url,
            path: article.path,
            authors: article.authors,
            entities: article.entities,
            snippet: fragments.first().cloned().unwrap_or_default(),
            fragments,
            metadata: article.metadata,
            address,
        }
    }
}

/// A page of results.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchResults {
    /// All matching articles (not just this page).
    pub total: usize,
    /// This page.
    pub hits: Vec<Hit>,
    /// When the articles holding all the words of a short query (two or three words under the default operator)
    /// do not fill the first page: the best of those holding some of them, ranked as a longer question would be,
    /// after `hits` and outside `total`.
    pub partial: Vec<Hit>,
    /// Did you mean: close, far more common words for query words the index lacks or barely holds.
    pub suggestions: Vec<Suggestion>,
}

/// An open index ready for queries. Cheap to share across threads.
pub struct Engine {
    index: LedeIndex,
    reader: IndexReader,
    analyzer: TextAnalyzer,
    aliases: Aliases,
    facet_cache: Arc<FacetCache>,
    search_threads: usize,
}

/// Overrides how many threads a search runs on (`1`: the calling thread only); read by [`Engine::open`].
pub const SEARCH_THREADS_ENV: &str = "LEDE_SEARCH_THREADS";

impl Engine {
    /// Opens the index at `path` for searching. An index of [`PARALLEL_SEARCH_DOCS`] articles or more in
    /// several segments (as `lede index` leaves a large one) is searched one segment per thread, on up to one
    /// thread per core. A smaller index of [`SPLIT_MIN_DOCS`] articles or more (one segment, or one large segment
    /// and the small ones of incremental updates) searches its questions (ranked unions of words) in two slices on
    /// two threads, and everything else on the calling thread; an index of fewer articles searches on the calling
    /// thread only. `LEDE_SEARCH_THREADS` overrides the choice (`1`: never a second thread).
    pub fn open(path: &Path) -> Result<Engine> {
        let requested = std::env::var(SEARCH_THREADS_ENV)
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&n| n > 0);
        Engine::open_with_search_threads(path, requested)
    }

    /// Opens the index at `path`, searching on `threads` threads (at most one per segment), or, with `None`, as
    /// [`Engine::open`] chooses.
    pub fn open_with_search_threads(path: &Path, threads: Option<usize>) -> Result<Engine> {
        let mut index = LedeIndex::open(path)?;
        let (segments, docs) = {
            let metas = index.index.searchable_segment_metas()?;
            (metas.len(), metas.iter().map(|m| u64::from(m.num_docs())).sum::<u64>())
        };
        // Below the parallel size a search takes two threads at most, and only for slices of a ranked union of
        // words (`segments`).
        let parallel = segments > 1 && docs >= PARALLEL_SEARCH_DOCS;
        let most = if parallel { segments } else { 2 };
        let threads = threads
            .unwrap_or_else(|| {
                if docs >= u64::from(SPLIT_MIN_DOCS) {
                    std::thread::available_parallelism().map_or(1, |n| n.get())
                } else {
                    1
                }
            })
            .clamp(1, most);
        if threads > 1 {
            // The calling thread searches beside the pool (`segments`): the pool needs one thread fewer.
            index.index.set_multithread_executor(threads - 1)?;
        }
        let reader = index.reader()?;
        let analyzer = index
            .index
            .tokenizers()
            .get(STEMMED)
            .ok_or_else(|| Error::Query(format!("tokenizer {STEMMED} missing")))?;
        let aliases = Aliases::open(&index, &reader.searcher());
        Ok(Engine {
            index,
            reader,
            analyzer,
            aliases,
            facet_cache: Arc::new(FacetCache::new()),
            search_threads: threads,
        })
    }

    /// How many threads a search can run on (one per segment of a large index, two below it).
    pub fn search_threads(&self) -> usize {
        self.search_threads
    }

    /// The underlying index.
    pub fn index(&self) -> &LedeIndex {
        &self.index
    }

    /// The corpus-level alias map (one name per referent) of the commit the engine opened.
    pub fn aliases(&self) -> &Aliases {
        &self.aliases
    }

    /// The alias and ordinal maps facet counts reuse across queries.
    pub fn facet_cache(&self) -> Arc<FacetCache> {
        self.facet_cache.clone()
    }

    /// A searcher on the last commit.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Sees the latest commit (another process may be indexing).
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// Parses and builds the query of `request` against `searcher`.
    pub fn prepare(&self, request: &SearchRequest, searcher: &Searcher) -> Result<BuiltQuery> {
        let parsed = crate::metadata::parse_for(searcher, &request.query)?;
        Ok(self.build(&parsed, request, searcher))
    }

    fn build(&self, parsed: &ParsedQuery, request: &SearchRequest, searcher: &Searcher) -> BuiltQuery {
        let mut analyzer = self.analyzer.clone();
        let fields = &self.index.fields;
        let building = Building {
            rank: Some(&request.rank),
            expansion: None,
            aliases: Some(&self.aliases),
            passes: None,
        };
        build_with(parsed, &request.filters, fields, &mut analyzer, searcher, &building)
    }

    /// The query of `request`, ranked with feedback when it is a long question (RM3): the best articles of a
    /// first pass over the matching articles lend their most characteristic terms to the ranking. Also the number
    /// of matching articles when they were counted beside the feedback (on the pool), and the articles the first
    /// pass read (most of them are hits again after feedback: the page takes them from here rather than from the
    /// store a second time).
    fn ranked(&self, parsed: &ParsedQuery, request: &SearchRequest, searcher: &Searcher) -> Result<Ranked> {
        let params = request.rank;
        let mut analyzer = self.analyzer.clone();
        let fields = &self.index.fields;
        // The first pass, the second and the count build the same sets beside runs of words.
        let passes = PassCache::default();
        let mut building = Building {
            rank: Some(&params),
            expansion: None,
            aliases: Some(&self.aliases),
            passes: Some(&passes),
        };
        let first = build_with(parsed, &request.filters, fields, &mut analyzer, searcher, &building);
        if !first.question || params.feedback_docs == 0 || request.sort == SortOrder::Date {
            return Ok(Ranked::plain(first));
        }
        // The first pass ranks like the second, over every article holding any of the words: feedback drawn from
        // the matching articles only was weaker (cisi MAP 0.172 -> 0.154, med 0.559 -> 0.531).
        let top = segments::search(
            searcher,
            &first.query,
            &TopDocs::with_limit(params.feedback_docs).order_by_score(),
        )?;
        if top.is_empty() {
            return Ok(Ranked::plain(first));
        }
        // Feedback reorders; the matching articles stay those the typed words select. Counting them needs nothing
        // of the feedback, so with a pool they are counted there while this thread reads the feedback articles.
        // The articles are read and analysed one at a time by whichever thread asks first: the counting thread
        // takes its share once the count is done.
        let matching = first.matching.unwrap_or(first.query);
        let next = AtomicUsize::new(0);
        let read_some = |analyzer: &mut TextAnalyzer| {
            let mut read = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(_, address)) = top.get(i) else {
                    return read;
                };
                read.push((
                    i,
                    read_feedback(fields, searcher, analyzer, address, params.feedback_words),
                ));
            }
        };
        let (mut fed, counted) = match searcher.index().search_executor() {
            Executor::ThreadPool(pool) => {
                let (mut theirs, mut counted) = (Vec::new(), None);
                let mut theirs_analyzer = analyzer.clone();
                let mut mine = Vec::new();
                pool.in_place_scope(|scope| {
                    scope.spawn(|_| {
                        counted = Some(segments::search(searcher, matching.as_ref(), &Count));
                        theirs = read_some(&mut theirs_analyzer);
                    });
                    mine = read_some(&mut analyzer);
                });
                let counted = counted.unwrap_or_else(|| Err(TantivyError::InternalError("not counted".into())))?;
                mine.append(&mut theirs);
                (mine, Some(counted))
            }
            Executor::SingleThread => (read_some(&mut analyzer), None),
        };
        // In rank order, as if one thread had read them all.
        fed.sort_unstable_by_key(|(i, _)| *i);
        let mut read = Vec::with_capacity(fed.len());
        let mut texts = Vec::with_capacity(fed.len());
        for (i, article) in fed {
            let (article, tokens) = article?;
            read.push((top[i].1, article));
            texts.push(tokens);
        }
        let weights = feedback_weights(&top, params.feedback_temperature);
        // Looked up only for the model's best terms, until it has its `feedback_terms`.
        let most = f64::from(params.feedback_max_share) * searcher.num_docs() as f64;
        let not_too_common = |term: &str| {
            params.feedback_max_share >= 1.0
                || searcher
                    .doc_freq(&Term::from_field_text(fields.body, term))
                    .is_ok_and(|articles| articles as f64 <= most)
        };
        let expansion = relevance_model(&texts, &weights, params.feedback_terms, not_too_common);
        building.expansion = Some(&expansion);
        let mut second = build_with(parsed, &request.filters, fields, &mut analyzer, searcher, &building);
        second.matching = Some(matching);
        Ok(Ranked {
            built: second,
            counted,
            read,
        })
    }

    /// Runs `request`: a page of the matching articles, then, when a short query's complete matches leave the
    /// first page short, the best articles holding some of its words ([`SearchResults::partial`]).
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let (mut results, short_run) = self.page(request)?;
        let limit = request.limit.max(1);
        if short_run && request.offset == 0 && results.hits.len() < limit && request.sort == SortOrder::Relevance {
            results.partial = self.partial_matches(request, &results.hits)?;
        }
        Ok(results)
    }

    /// Articles holding some but not all of the words of a short query, best first, to fill the page `matched`
    /// leaves short: the query ranked as a question (any of its words, the sum of their scores, proximity), without
    /// feedback.
    fn partial_matches(&self, request: &SearchRequest, matched: &[Hit]) -> Result<Vec<Hit>> {
        let limit = request.limit.max(1);
        let mut relaxed = request.clone();
        relaxed.rank.long = 2;
        relaxed.rank.feedback_docs = 0;
        relaxed.limit = limit + matched.len();
        let (results, _) = self.page(&relaxed)?;
        let seen: FxHashSet<&str> = matched.iter().map(|hit| hit.id.as_str()).collect();
        let mut partial: Vec<Hit> = results
            .hits
            .into_iter()
            .filter(|hit| !seen.contains(hit.id.as_str()))
            .collect();
        partial.truncate(limit - matched.len());
        Ok(partial)
    }

    /// One page of `request`'s matching articles, and whether the query has a short run of words that partial
    /// matches could fill a short page for.
    fn page(&self, request: &SearchRequest) -> Result<(SearchResults, bool)> {
        let searcher = self.searcher();
        let parsed = crate::metadata::parse_for(&searcher, &request.query)?;
        let Ranked {
            built,
            counted,
            mut read,
        } = self.ranked(&parsed, request, &searcher)?;
        let limit = request.limit.max(1);
        let by_date = request.sort == SortOrder::Date || !built.scored;
        let (total, addresses): (usize, Vec<(f32, DocAddress)>) = if by_date {
            let top = TopDocs::with_limit(limit)
                .and_offset(request.offset)
                .order_by_fast_field::<tantivy::DateTime>(column::PUBLISHED, Order::Desc);
            let (docs, total) = segments::search(&searcher, built.matching(), &(top, Count))?;
            (total, docs.into_iter().map(|(_, a)| (0.0, a)).collect())
        } else if let Some(half_life) = request.recent_half_life_days.filter(|h| *h > 0.0) {
            let newest = newest_published(&searcher);
            let top = TopDocs::with_limit(limit).and_offset(request.offset).tweak_score(
                move |segment: &tantivy::SegmentReader| {
                    let dates = segment.fast_fields().date(column::PUBLISHED).ok();
                    move |doc: tantivy::DocId, score: tantivy::Score| {
                        let age_days = dates
                            .as_ref()
                            .and_then(|column| column.first(doc))
                            .map(|d| (newest - d.into_timestamp_secs()).max(0) as f32 / 86_400.0);
                        score * recency_factor(age_days, half_life)
                    }
                },
            );
            count_and_rank(&searcher, &built, counted, top)?
        } else {
            let proximity = request.rank.proximity;
            let depth = if proximity.weight > 0.0 && built.run_stems.len() >= 2 {
                proximity.depth
            } else {
                0
            };
            let wanted = request.offset.saturating_add(limit);
            let top = TopDocs::with_limit(wanted.max(depth)).order_by_score();
            let (total, mut docs) = count_and_rank(&searcher, &built, counted, top)?;
            let fields = [self.index.fields.headline, self.index.fields.body];
            crate::proximity::rerank(&searcher, &fields, &built.run_stems, &proximity, &mut docs)?;
            docs.truncate(wanted);
            (total, docs.split_off(request.offset.min(docs.len())))
        };
        let mut highlighter = Highlighter::new(self.analyzer.clone(), built.terms.clone());
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            let mut article = match read.iter().position(|(at, _)| *at == address) {
                Some(i) => read.swap_remove(i).1,
                None => from_document(&self.index.fields, &searcher.doc::<TantivyDocument>(address)?),
            };
            self.aliases.canonicalise(&mut article.entities);
            let fragments = request.fragments.max(1) * usize::from(request.snippet_bytes > 0);
            hits.push(Hit::new(
                article,
                score,
                address,
                &mut highlighter,
                request.snippet_bytes,
                fragments,
            ));
        }
        let suggestions = suggestions(&searcher, &self.index.fields, &mut self.analyzer.clone(), &parsed.root);
        let short_run = built.short_run && !by_date;
        Ok((
            SearchResults {
                total,
                hits,
                partial: Vec::new(),
                suggestions,
            },
            short_run,
        ))
    }
}

/// A query ready to rank ([`Engine::ranked`]).
struct Ranked {
    built: BuiltQuery,
    /// The number of matching articles, when they were counted while the feedback articles were read.
    counted: Option<usize>,
    /// The articles a first pass read from the store.
    read: Vec<(DocAddress, Article)>,
}

impl Ranked {
    /// `built` as it is, nothing counted or read.
    fn plain(built: BuiltQuery) -> Ranked {
        Ranked {
            built,
            counted: None,
            read: Vec::new(),
        }
    }
}

/// Each feedback article's weight in the relevance model: `exp((score − best) / (temperature · best))`, so the
/// best article counts most and one far below it hardly at all (RM3 weighs by query likelihood, which is as
/// peaked; BM25 scores themselves are too flat).
fn feedback_weights(top: &[(f32, DocAddress)], temperature: f32) -> Vec<f32> {
    let best = top.first().map_or(1.0, |(s, _)| *s).max(f32::MIN_POSITIVE);
    top.iter()
        .map(|(score, _)| ((score - best) / (temperature.max(1e-3) * best)).exp())
        .collect()
}

/// A feedback article read from the store, and the tokens of its headline and its first `words` words of body
/// (all of them for 0).
fn read_feedback(
    fields: &Fields,
    searcher: &Searcher,
    analyzer: &mut TextAnalyzer,
    address: DocAddress,
    words: usize,
) -> Result<(Article, Vec<String>)> {
    let article = from_document(fields, &searcher.doc::<TantivyDocument>(address)?);
    let text = format!("{}\n{}", article.headline, leading_words(&article.body, words));
    let tokens = analyse(analyzer, &text);
    Ok((article, tokens))
}

/// The first `words` words of `text` (all of it for 0).
fn leading_words(text: &str, words: usize) -> &str {
    if words == 0 {
        return text;
    }
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if in_word && space {
            seen += 1;
            if seen == words {
                return &text[..i];
            }
        }
        in_word = !space;
    }
    text
}

/// The matching articles' number and the top hits of `built`'s ranking: one pass when the two queries are one.
/// `counted` is the number when an earlier pass has it.
fn count_and_rank<C>(
    searcher: &Searcher,
    built: &BuiltQuery,
    counted: Option<usize>,
    top: C,
) -> Result<(usize, Vec<(f32, DocAddress)>)>
where
    C: tantivy::collector::Collector<Fruit = Vec<(f32, DocAddress)>>,
{
    Ok(match (&built.matching, counted) {
        (_, Some(total)) => (total, segments::search(searcher, &built.query, &top)?),
        (None, None) => {
            let (docs, total) = segments::search(searcher, &built.query, &(top, Count))?;
            (total, docs)
        }
        (Some(matching), None) => {
            let total = segments::search(searcher, matching.as_ref(), &Count)?;
            (total, segments::search(searcher, &built.query, &top)?)
        }
    })
}

/// The multiplier `--recent` applies: 1 for the newest article, ½ + ½·2^(−age/half-life) for older ones,
/// ½ for undated ones (relevance still decides between articles of similar age).
pub fn recency_factor(age_days: Option<f32>, half_life_days: f32) -> f32 {
    match age_days {
        Some(age) => 0.5 + 0.5 * (-(age / half_life_days) * std::f32::consts::LN_2).exp(),
        None => 0.5,
    }
}

/// The latest publication date in the index, seconds since 1970 (0 when nothing is dated).
fn newest_published(searcher: &Searcher) -> i64 {
    searcher
        .segment_readers()
        .iter()
        .filter_map(|segment| segment.fast_fields().date(column::PUBLISHED).ok())
        .map(|column| column.max_value().into_timestamp_secs())
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_words_cuts_after_the_nth_word() {
        assert_eq!(leading_words("one two  three four", 2), "one two");
        assert_eq!(leading_words("one two", 5), "one two");
        assert_eq!(leading_words("one two", 0), "one two");
    }

    #[test]
    fn recency_halves_the_extra_weight_each_half_life() {
        assert!((recency_factor(Some(0.0), 365.0) - 1.0).abs() < 1e-6);
        assert!((recency_factor(Some(365.0), 365.0) - 0.75).abs() < 1e-6);
        assert!((recency_factor(Some(730.0), 365.0) - 0.625).abs() < 1e-6);
        assert_eq!(recency_factor(None, 365.0), 0.5);
    }
}
