//! Parsed query → tantivy query, with lede's ranking: the leaves of the query tree (a run of plain words,
//! phrases, names, dates, URLs); `compile` walks the Boolean operators above them.
//!
//! Plain words are searched in headline (boost 2.0), entity names (1.5), dek
//! (1.5) and body (1.0), each word scored by the best of its fields plus a tenth
//! of the others (a disjunction-max). Up to three content words are all
//! required; longer inputs (questions) match when they hold half of their
//! content words (at least three) and rank every article holding any of them
//! (see `rank`). Those run through [`WordsQuery`], which scores that shape a
//! window of doc ids at a time instead of merging every posting list through a heap.

use chrono::NaiveDate;
use lede_indexer::Fields;
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RegexQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DateTime, Searcher, Term};

use crate::aliases::Aliases;
use crate::compile::Compiler;
use crate::date_range::DateRange;
use crate::lazy_union::LazyUnion;
use crate::parse::{NameField, ParsedQuery, TextField, Word};
use crate::rank::{Expansion, RankParams};
use crate::words::{FilteredWords, Operands, PassCache, WordsQuery};
use crate::zone::Zone;

/// Field boosts for plain words (the headline's was 2.5 before feedback and proximity came; 2.0 measured
/// better with them on the judged collections and no worse on known-item search).
pub const HEADLINE_BOOST: f32 = 2.0;
/// Boost of entity names.
pub const ENTITY_BOOST: f32 = 1.5;
/// Boost of the dek.
pub const DEK_BOOST: f32 = 1.5;
/// More clauses than this are dropped: a pasted page must not cost seconds.
pub const MAX_CLAUSES: usize = 64;
/// How much a word's other fields add to its best one.
const TIE_BREAKER: f32 = 0.1;

const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could",
    "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is",
    "it", "its", "may", "more", "not", "of", "on", "or", "over", "s", "she", "so", "than", "that", "the", "their",
    "them", "there", "they", "this", "to", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will",
    "with", "would", "you",
];

/// The terms a query looks for in text, for highlighting.
#[derive(Debug, Clone, Default)]
pub struct QueryTerms {
    /// Analysed (stemmed, lower-cased) terms.
    pub stems: Vec<String>,
    /// Lower-cased prefixes (`immigr*`).
    pub prefixes: Vec<String>,
}

/// A built query: what to rank, what to count, and what to highlight.
pub struct BuiltQuery {
    /// The tantivy query that ranks: for a long run of words, every article holding any of them.
    pub query: Box<dyn Query>,
    /// The matching articles, when they are fewer than the ranked ones (a long run of words counts the articles
    /// holding at least half of them); `None`: the same as `query`.
    pub matching: Option<Box<dyn Query>>,
    /// Whether a run of words is a question: it ranks more articles than match (then `matching` is set) and
    /// takes feedback terms.
    pub question: bool,
    /// The content words of the first question, in the order typed (for proximity).
    pub run_stems: Vec<String>,
    /// Whether a scoring run of two or more words requires all of them (the default operator's short runs):
    /// then articles holding some of the words can fill a short page ([`crate::SearchResults::partial`]).
    pub short_run: bool,
    /// Whether any clause scores (else results are best sorted by date).
    pub scored: bool,
    /// Terms for snippets.
    pub terms: QueryTerms,
}

/// Extra filters from command-line flags.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// First day (inclusive).
    pub since: Option<NaiveDate>,
    /// Last day (inclusive).
    pub until: Option<NaiveDate>,
    /// Name filters (each must match).
    pub names: Vec<(NameField, String)>,
    /// How plain words combine.
    pub operator: Operator,
    /// Metadata filters (`--where NAME=VALUE`): lower-case field name and value, each must match.
    pub meta: Vec<(String, String)>,
    /// The zone whose calendar days `since`, `until`, `date:` and timeline buckets count in (`--tz`).
    pub zone: Zone,
}

/// How the plain words of a query combine (`--operator`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Operator {
    /// Up to three content words all required; longer inputs need half of them (at least three).
    #[default]
    Auto,
    /// Every content word required.
    And,
    /// Any content word; more matched words rank higher.
    Or,
}

/// A plain word of the query: whether it is a stop word, its stem (for highlighting) and its field terms.
struct PlainWord {
    stop: bool,
    stem: String,
    terms: Vec<(Term, f32)>,
}

impl BuiltQuery {
    /// The query whose matches are the matching articles (counts, facets, timelines).
    pub fn matching(&self) -> &dyn Query {
        self.matching.as_deref().unwrap_or(self.query.as_ref())
    }
}

/// Builds the query for `parsed` plus `filters`, ranked with the default [`RankParams`].
pub fn build(
    parsed: &ParsedQuery,
    filters: &Filters,
    fields: &Fields,
    analyzer: &mut TextAnalyzer,
    searcher: &Searcher,
) -> BuiltQuery {
    build_with(parsed, filters, fields, analyzer, searcher, &Building::default())
}

/// What else a build reads: how runs of words rank, feedback terms, the corpus's alias map.
#[derive(Default, Clone, Copy)]
pub struct Building<'a> {
    /// Ranking parameters; `None`: [`RankParams::default`].
    pub rank: Option<&'a RankParams>,
    /// Feedback terms for the first question.
    pub expansion: Option<&'a Expansion>,
    /// Names in filters and `person:`-like fields are read through this alias map.
    pub aliases: Option<&'a Aliases>,
    /// Shared by the queries built for the passes of one search: what filters and other operands beside runs of
    /// words make of each segment, made once.
    pub passes: Option<&'a PassCache>,
}

/// [`build`] with ranking parameters, feedback terms and an alias map.
pub fn build_with(
    parsed: &ParsedQuery,
    filters: &Filters,
    fields: &Fields,
    analyzer: &mut TextAnalyzer,
    searcher: &Searcher,
    building: &Building<'_>,
) -> BuiltQuery {
    let defaults = RankParams::default();
    let params = building.rank.unwrap_or(&defaults);
    let rank = Some((params, building.expansion));
    let mut ranked = compile(parsed, filters, fields, analyzer, searcher, rank, building);
    if ranked.question {
        ranked.matching = Some(compile(parsed, filters, fields, analyzer, searcher, None, building).query);
    }
    ranked
}

/// One query for `parsed` plus `filters`: ranking long runs when `rank` is given, else the matching set.
fn compile(
    parsed: &ParsedQuery,
    filters: &Filters,
    fields: &Fields,
    analyzer: &mut TextAnalyzer,
    searcher: &Searcher,
    rank: Option<RunRanking<'_>>,
    building: &Building<'_>,
) -> BuiltQuery {
    let schema = searcher.schema();
    let aliases = building.aliases;
    let mut compiler = Compiler::new(fields, analyzer, searcher, filters.operator, rank);
    compiler.aliases = aliases;
    compiler.passes = building.passes;
    compiler.zone = filters.zone;
    compiler.alone =
        filters.names.is_empty() && filters.since.is_none() && filters.until.is_none() && filters.meta.is_empty();
    let root = compiler.node(&parsed.root, true);
    let mut beside: Vec<Box<dyn Query>> = filters
        .names
        .iter()
        .map(|(field, value)| filter(name_query(fields, searcher, schema, *field, value, aliases)))
        .collect();
    if filters.since.is_some() || filters.until.is_some() {
        beside.push(filter(date_query(fields, filters.since, filters.until, filters.zone)));
    }
    beside.extend(crate::metadata::where_filters(fields, &filters.meta));
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    match root {
        // A run of words with filters beside it: scored where the filters allow ([`FilteredWords`]).
        Some(root) if !beside.is_empty() => {
            let operands = Operands {
                filters: beside,
                ..Operands::default()
            };
            match FilteredWords::try_new(root, operands) {
                Ok(filtered) => clauses.push((Occur::Must, Box::new(filtered.shared(building.passes)))),
                Err((root, operands)) => {
                    clauses.push((Occur::Must, root));
                    clauses.extend(operands.filters.into_iter().map(|query| (Occur::Must, query)));
                }
            }
        }
        root => {
            clauses.extend(root.map(|query| (Occur::Must, query)));
            clauses.extend(beside.into_iter().map(|query| (Occur::Must, query)));
        }
    }
    let query: Box<dyn Query> = match clauses.len() {
        0 => Box::new(AllQuery),
        1 => clauses
            .pop()
            .map_or_else(|| Box::new(AllQuery) as Box<dyn Query>, |(_, query)| query),
        _ => Box::new(BooleanQuery::new(clauses)),
    };
    BuiltQuery {
        query,
        matching: None,
        question: compiler.question,
        run_stems: compiler.run_stems,
        short_run: compiler.short_run,
        scored: compiler.scored,
        terms: compiler.terms,
    }
}

/// Whether `token` (analysed) is a stop word: searched only when a run of words has nothing else.
pub(crate) fn is_stop_word(token: &str) -> bool {
    STOPWORDS.contains(&token)
}

/// How a run of words is ranked: the parameters, and feedback terms to add to it.
pub(crate) type RunRanking<'a> = (&'a RankParams, Option<&'a Expansion>);

/// A run of plain words (one leaf of the query tree) as one query, the stems to highlight, and whether it was
/// ranked as a question; `None` when the words analyse to nothing. With `rank`, a run of at least `long` content
/// words under the default operator is a question: it ranks every article holding any of its words by the sum of
/// their scores, plus the feedback terms. Shorter runs rank exactly what they match.
///
/// `alone` is the searcher when the run is the whole query (no operator, filter or flag around it): then words that
/// are all required and about as common as each other are scored a window at a time ([`WordsQuery`] requiring all
/// of them), which reads every posting once instead of seeking each list for every match of the rarest
/// ([`windows_beat_seeks`]). Under an intersection with something else the seeks are what skip.
pub(crate) fn words_group(
    words: &[Word],
    fields: &Fields,
    analyzer: &mut TextAnalyzer,
    operator: Operator,
    rank: Option<RunRanking<'_>>,
    alone: Option<&Searcher>,
) -> Option<(Box<dyn Query>, Vec<String>, bool)> {
    let mut should_words: Vec<PlainWord> = Vec::new();
    for word in words {
        for token in analyse(analyzer, &word.text) {
            let mut terms = word_terms(fields, word.field, &token);
            for (_, boost) in &mut terms {
                *boost *= word.boost;
            }
            should_words.push(PlainWord {
                stop: is_stop_word(&token),
                stem: token,
                terms,
            });
        }
    }
    let mut stems = Vec::new();
    // Plain words: stop words only count when the run has nothing else.
    let mut content: Vec<Vec<(Term, f32)>> = {
        let all_stop = should_words.iter().all(|w| w.stop);
        // Stop words are highlighted only when they are what is searched: "the" in every line is noise, and
        // finding its hundreds of occurrences in each body was half the cost of a long question.
        should_words
            .into_iter()
            .filter(|w| all_stop || !w.stop)
            .map(|w| {
                stems.push(w.stem);
                w.terms
            })
            .collect()
    };
    if content.is_empty() {
        return None;
    }
    let n = content.len();
    if let Some((params, expansion)) = rank.filter(|(params, _)| operator == Operator::Auto && n >= params.long) {
        if let Some(expansion) = expansion.filter(|e| !e.is_empty()) {
            let lambda = params.original_weight.clamp(0.0, 1.0);
            let mut extra = Vec::new();
            let mut scale = vec![lambda; n];
            for (token, weight) in expansion {
                let weight = (1.0 - lambda) * n as f32 * weight;
                match stems.iter().position(|s| s == token) {
                    Some(i) => scale[i] += weight,
                    None => extra.push((token, weight)),
                }
            }
            for (word, scale) in content.iter_mut().zip(scale) {
                for (_, boost) in word.iter_mut() {
                    *boost *= scale;
                }
            }
            for (token, weight) in extra {
                // Headline and body only: a feedback term in the names or the dek adds little and costs two more
                // posting lists.
                let mut terms = vec![
                    (Term::from_field_text(fields.headline, token), HEADLINE_BOOST),
                    (Term::from_field_text(fields.body, token), 1.0),
                ];
                for (_, boost) in &mut terms {
                    *boost *= weight;
                }
                content.push(terms);
            }
        }
        let query = WordsQuery::new(content, 1, TIE_BREAKER);
        return Some((Box::new(query), stems, true));
    }
    let required = match operator {
        Operator::Auto if n <= 3 => n,
        Operator::Auto => n.div_ceil(2).max(3),
        Operator::And => n,
        Operator::Or => 1,
    };
    let query: Box<dyn Query> = if required == n && n >= 2 && alone.is_some_and(|s| windows_beat_seeks(s, &content)) {
        Box::new(WordsQuery::new(content, n, TIE_BREAKER))
    } else if required == n {
        // All required: an intersection, which skips through postings, not a counting union.
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = content
            .into_iter()
            .map(|word| (Occur::Must, word_query(word)))
            .collect();
        match clauses.pop() {
            Some((_, only)) if clauses.is_empty() => only,
            Some(last) => {
                clauses.push(last);
                Box::new(BooleanQuery::new(clauses))
            }
            None => return None,
        }
    } else {
        Box::new(WordsQuery::new(content, required, TIE_BREAKER))
    };
    Some((query, stems, false))
}

/// Whether all-required `words` (each its terms in the fields it is searched in) are cheaper scored window by window
/// than intersected: when their postings add up to at most [`BALANCED_POSTINGS`] times the number of words times the
/// rarest word's. An intersection costs about one seek into every other word per posting of the rarest; a window
/// costs a few array writes per posting of every word.
fn windows_beat_seeks(searcher: &Searcher, words: &[Vec<(Term, f32)>]) -> bool {
    let postings: Vec<u64> = words
        .iter()
        .map(|terms| terms.iter().map(|(term, _)| searcher.doc_freq(term).unwrap_or(0)).sum())
        .collect();
    let rarest = postings.iter().copied().min().unwrap_or(0);
    let all: u64 = postings.iter().sum();
    rarest > 0 && all as f64 <= BALANCED_POSTINGS * words.len() as f64 * rarest as f64
}

/// See [`windows_beat_seeks`]. Measured on the 20 `and` queries of `data/queries.tsv` at ten times AllSides: the
/// window won every query up to 2.2 (`+senate +health +care +vote` 4.5 -> 2.8 ms, `+police +reform` 1.5 -> 0.8 ms)
/// and the intersection most of those above 2.5 (`+voter +id +law` 0.5 against 1.3 ms).
const BALANCED_POSTINGS: f64 = 2.25;

pub(crate) fn filter(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

/// Tokens of `text` as the index analysed them.
pub fn analyse(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

pub(crate) fn text_fields(fields: &Fields, field: Option<TextField>) -> Vec<Field> {
    match field {
        Some(TextField::Headline) => vec![fields.headline],
        Some(TextField::Body) => vec![fields.body],
        None => vec![fields.headline, fields.body],
    }
}

fn term(field: Field, token: &str, boost: f32) -> Box<dyn Query> {
    boosted_term(Term::from_field_text(field, token), boost)
}

fn boosted_term(term: Term, boost: f32) -> Box<dyn Query> {
    let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
    if (boost - 1.0).abs() < f32::EPSILON {
        q
    } else {
        Box::new(tantivy::query::BoostQuery::new(q, boost))
    }
}

/// The `(term, boost)` of `token` in each field a plain word is searched in.
pub(crate) fn word_terms(fields: &Fields, field: Option<TextField>, token: &str) -> Vec<(Term, f32)> {
    let boosted: &[(Field, f32)] = match field {
        Some(TextField::Headline) => &[(fields.headline, 1.0)],
        Some(TextField::Body) => &[(fields.body, 1.0)],
        None => &[
            (fields.headline, HEADLINE_BOOST),
            (fields.entities, ENTITY_BOOST),
            (fields.dek, DEK_BOOST),
            (fields.body, 1.0),
        ],
    };
    boosted
        .iter()
        .map(|&(f, boost)| (Term::from_field_text(f, token), boost))
        .collect()
}

/// One word as a clause of its own (required, excluded, or one of all-required content words):
/// its field terms as a disjunction-max ([`LazyUnion::best_of`]). An intersection of these skips through postings,
/// which is why the all-required case does not use [`WordsQuery`].
pub(crate) fn word_query(word: Vec<(Term, f32)>) -> Box<dyn Query> {
    let mut disjuncts: Vec<Box<dyn Query>> = word.into_iter().map(|(t, boost)| boosted_term(t, boost)).collect();
    if disjuncts.len() == 1 {
        if let Some(only) = disjuncts.pop() {
            return only;
        }
    }
    Box::new(LazyUnion::best_of(disjuncts, TIE_BREAKER))
}

pub(crate) fn phrase_query(fields: &Fields, field: Option<TextField>, tokens: &[String], slop: u32) -> Box<dyn Query> {
    let one = |f: Field, boost: f32| -> Box<dyn Query> {
        if tokens.len() == 1 {
            return term(f, &tokens[0], boost);
        }
        let terms: Vec<(usize, Term)> = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| (i, Term::from_field_text(f, t)))
            .collect();
        let q: Box<dyn Query> = Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop));
        Box::new(tantivy::query::BoostQuery::new(q, boost))
    };
    match field {
        Some(TextField::Headline) => one(fields.headline, 1.0),
        Some(TextField::Body) => one(fields.body, 1.0),
        None => Box::new(LazyUnion::best_of(
            vec![one(fields.headline, HEADLINE_BOOST), one(fields.body, 1.0)],
            TIE_BREAKER,
        )),
    }
}

/// People, organisations and places: every spelling of the entity the value means, through the alias map (any
/// capitalisation, any variant). Otherwise, and for other fields, the exact value when the index holds it, else
/// the words of the name in order.
pub(crate) fn name_query(
    fields: &Fields,
    searcher: &Searcher,
    schema: &tantivy::schema::Schema,
    field: NameField,
    value: &str,
    aliases: Option<&Aliases>,
) -> Box<dyn Query> {
    let raw = schema.get_field(field.raw_field()).unwrap_or(fields.source);
    let value = value.trim();
    if let Some(query) = crate::aliases::entity_query(aliases, field, value, searcher, raw) {
        return query;
    }
    let exact = Term::from_field_text(raw, value);
    if searcher.doc_freq(&exact).unwrap_or(0) > 0 {
        return Box::new(TermQuery::new(exact, IndexRecordOption::Basic));
    }
    let Some(text_field) = field.text_field().and_then(|f| schema.get_field(f).ok()) else {
        return Box::new(TermQuery::new(
            Term::from_field_text(raw, &value.to_lowercase()),
            IndexRecordOption::Basic,
        ));
    };
    let words: Vec<String> = value
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    match words.len() {
        0 => Box::new(TermQuery::new(exact, IndexRecordOption::Basic)),
        1 => Box::new(TermQuery::new(
            Term::from_field_text(text_field, &words[0]),
            IndexRecordOption::Basic,
        )),
        _ => {
            let terms: Vec<(usize, Term)> = words
                .iter()
                .enumerate()
                .map(|(i, w)| (i, Term::from_field_text(text_field, w)))
                .collect();
            Box::new(PhraseQuery::new_with_offset(terms))
        }
    }
}

/// Articles published between the two days, inclusive, counted in `zone`'s calendar days.
pub fn date_query(fields: &Fields, from: Option<NaiveDate>, to: Option<NaiveDate>, zone: Zone) -> Box<dyn Query> {
    // tantivy keeps dates as i64 nanoseconds: years past 2262 overflow, so bounds are clamped to 1800..2200.
    let start = |d: NaiveDate| {
        let secs = zone.day_start(d);
        DateTime::from_timestamp_secs(secs.clamp(-5_364_662_400, 7_289_654_400))
    };
    let first = from.map(start);
    let after = to.and_then(|d| d.succ_opt()).map(start);
    // Any date at all, when neither bound is given.
    let first = first.or_else(|| after.is_none().then(|| DateTime::from_timestamp_secs(-5_364_662_400)));
    Box::new(DateRange::new(fields.published, first, after))
}

/// Articles whose URL is on the site `value` names, or under its path (`nytimes.com`, `www.nytimes.com/2016/09`,
/// a whole pasted `https://…` link), whatever the scheme and `www.`.
pub(crate) fn url_query(fields: &Fields, value: &str) -> Box<dyn Query> {
    let value = value.trim();
    let rest = value.split_once("://").map_or(value, |(_, rest)| rest);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let (host, path) = rest.find('/').map_or((rest, ""), |slash| rest.split_at(slash));
    let host = escape_regex(&host.to_lowercase());
    // Any scheme, any subdomain; then the path as a prefix, or, for a bare site, anything after the host.
    let tail = if path.is_empty() {
        "([:/?#].*)?".to_owned()
    } else {
        format!("{}.*", escape_regex(path))
    };
    let pattern = format!("([a-zA-Z]+://)?([^/]*\\.)?{host}{tail}");
    match RegexQuery::from_pattern(&pattern, fields.url) {
        Ok(query) => Box::new(query),
        // The escaping above makes every value a valid pattern; should one slip through, match it exactly.
        Err(_) => Box::new(TermQuery::new(
            Term::from_field_text(fields.url, value),
            IndexRecordOption::Basic,
        )),
    }
}

/// `text` with every ASCII punctuation character escaped, for a regular expression.
pub(crate) fn escape_regex(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
