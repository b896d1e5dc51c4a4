//! The query tree → one tantivy query: Boolean operators over the leaves `build` makes.
//!
//! Each node becomes a query whose matches are exactly the node's set, so counts obey set algebra: `And` is an
//! intersection (its `Not` operands excluded), `Or` a union ([`LazyUnion`]), `Not` everything but its operand.
//! Scores add up over the operands that match; excluded operands, names, dates and URLs do not score.

use lede_indexer::Fields;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, Query};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Searcher;

use crate::aliases::Aliases;
use crate::build::{
    analyse, date_query, filter, is_stop_word, name_query, phrase_query, url_query, words_group, Operator, QueryTerms,
    RunRanking, MAX_CLAUSES,
};
use crate::exclusion::Excluded;
use crate::expand;
use crate::lazy_union::LazyUnion;
use crate::parse::{Node, Word};
use crate::words::{FilteredWords, Operands, PassCache, WordsQuery};
use crate::zone::Zone;

/// Walks a query tree; collects what scores and what to highlight on the way.
pub(crate) struct Compiler<'a> {
    fields: &'a Fields,
    analyzer: &'a mut TextAnalyzer,
    searcher: &'a Searcher,
    operator: Operator,
    /// The zone of `date:` days.
    pub(crate) zone: Zone,
    /// Ranking long runs (with feedback terms for the first of them), or building the matching set (`None`).
    rank: Option<RunRanking<'a>>,
    /// Whether a run of words is a question (ranks more articles than it matches, takes feedback terms).
    pub(crate) question: bool,
    /// The stems of the first question.
    pub(crate) run_stems: Vec<String>,
    /// Whether a run of two or more words, all required by the default operator, scores: articles holding only
    /// some of them can fill a page the complete matches leave short.
    pub(crate) short_run: bool,
    /// Words and other leaves still allowed: a pasted page must not cost seconds.
    budget: usize,
    /// Whether a leaf outside any `NOT` scores (else results are best sorted by date).
    pub(crate) scored: bool,
    /// Terms of the leaves outside any `NOT`, for snippets.
    pub(crate) terms: QueryTerms,
    /// The corpus's alias map, for `person:`-like fields.
    pub(crate) aliases: Option<&'a Aliases>,
    /// Whether the next node compiled is the whole query (no filter beside it): taken by the first [`Compiler::node`].
    pub(crate) alone: bool,
    /// Shared with the other passes of the search ([`Building::passes`](crate::Building::passes)).
    pub(crate) passes: Option<&'a PassCache>,
}

impl<'a> Compiler<'a> {
    pub(crate) fn new(
        fields: &'a Fields,
        analyzer: &'a mut TextAnalyzer,
        searcher: &'a Searcher,
        operator: Operator,
        rank: Option<RunRanking<'a>>,
    ) -> Compiler<'a> {
        Compiler {
            fields,
            analyzer,
            searcher,
            operator,
            zone: Zone::Utc,
            rank,
            question: false,
            run_stems: Vec::new(),
            short_run: false,
            budget: MAX_CLAUSES,
            scored: false,
            terms: QueryTerms::default(),
            aliases: None,
            alone: false,
            passes: None,
        }
    }

    /// The query for `node`; `None` when it asks for nothing (its words analyse to nothing, or the budget is
    /// spent), which leaves the enclosing operator as if the operand were not there. `positive` is false under an
    /// odd number of `NOT`s: such leaves neither score nor highlight.
    pub(crate) fn node(&mut self, node: &Node, positive: bool) -> Option<Box<dyn Query>> {
        let alone = std::mem::take(&mut self.alone);
        // `+a +b +c` (or `a AND b AND c`) alone, each one content word: one run whose words are all required, as
        // `a b c` is under `--operator and` (the same intersection, and the same choice of how to score it).
        let one_run = alone
            && positive
            && matches!(node, Node::And(operands) if operands.len() >= 2
                && operands.iter().all(|operand| self.is_one_content_word(operand)));
        match node {
            Node::Words(words) => self.words(words, positive, self.operator, alone),
            Node::And(operands) if one_run => {
                let words: Vec<Word> = operands
                    .iter()
                    .filter_map(|operand| match operand {
                        Node::Words(words) => words.first().cloned(),
                        _ => None,
                    })
                    .collect();
                self.words(&words, positive, Operator::And, alone)
            }
            _ => self.operator_node(node, positive),
        }
    }

    /// Whether `node` is a run of one word that analyses to one term, not a stop word (a stop word alone in its
    /// run is searched; in a longer run it is not).
    fn is_one_content_word(&mut self, node: &Node) -> bool {
        match node {
            Node::Words(words) if words.len() == 1 => {
                let tokens = analyse(self.analyzer, &words[0].text);
                tokens.len() == 1 && !is_stop_word(&tokens[0])
            }
            _ => false,
        }
    }

    /// A run of plain words, combined as `operator` says.
    fn words(&mut self, words: &[Word], positive: bool, operator: Operator, alone: bool) -> Option<Box<dyn Query>> {
        let words: &[Word] = &words[..words.len().min(self.budget)];
        self.budget -= words.len();
        let searcher = alone.then_some(self.searcher);
        let (query, stems, question) = words_group(words, self.fields, self.analyzer, operator, self.rank, searcher)?;
        if question {
            if !self.question && positive {
                self.run_stems = stems.clone();
            }
            self.question = true;
            // Feedback terms go to the first question only.
            if let Some((_, expansion)) = &mut self.rank {
                *expansion = None;
            }
        }
        if positive {
            self.short_run |= !question && self.rank.is_some() && operator == Operator::Auto && stems.len() >= 2;
            self.scored = true;
            self.terms.stems.extend(stems);
        }
        Some(query)
    }

    /// Every node but a run of words.
    fn operator_node(&mut self, node: &Node, positive: bool) -> Option<Box<dyn Query>> {
        match node {
            Node::Words(words) => self.words(words, positive, self.operator, false),
            Node::Phrase { text, slop, field } => {
                self.spend()?;
                let tokens = analyse(self.analyzer, text);
                if tokens.is_empty() {
                    return None;
                }
                let query = phrase_query(self.fields, *field, &tokens, *slop);
                if positive {
                    self.scored = true;
                    self.terms.stems.extend(tokens);
                }
                Some(query)
            }
            Node::Prefix { text, field } => {
                self.spend()?;
                let (query, _) = expand::prefix(self.searcher, self.fields, *field, text);
                if positive {
                    self.scored = true;
                    self.terms.prefixes.push(text.clone());
                }
                Some(query)
            }
            Node::Fuzzy { text, distance, field } => {
                self.spend()?;
                let (query, terms) = expand::fuzzy(self.searcher, self.fields, *field, text, *distance);
                if positive {
                    self.scored = true;
                    self.terms.stems.extend(terms);
                }
                Some(query)
            }
            Node::Name { field, value } => {
                self.spend()?;
                let schema = self.searcher.schema();
                Some(filter(name_query(
                    self.fields,
                    self.searcher,
                    schema,
                    *field,
                    value,
                    self.aliases,
                )))
            }
            Node::Url(value) => {
                self.spend()?;
                Some(filter(url_query(self.fields, value)))
            }
            Node::Meta { name, value } => {
                self.spend()?;
                Some(filter(crate::metadata::meta_query(self.fields, name, value)))
            }
            Node::Date { from, to } => {
                self.spend()?;
                Some(filter(date_query(self.fields, *from, *to, self.zone)))
            }
            Node::And(operands) => {
                let mut must = Vec::new();
                let mut must_not = Vec::new();
                // Where in `must` the operands that score are (the others are filters: names, dates, metadata).
                let mut scoring = Vec::new();
                for operand in operands {
                    match operand {
                        Node::Not(inner) => must_not.extend(self.node(inner, !positive)),
                        Node::Name { .. } | Node::Url(_) | Node::Meta { .. } | Node::Date { .. } => {
                            must.extend(self.node(operand, positive));
                        }
                        other => {
                            let before = must.len();
                            must.extend(self.node(other, positive));
                            scoring.extend(before..must.len());
                        }
                    }
                }
                if must_not.is_empty() && must.len() <= 1 {
                    return must.pop();
                }
                // A run of words beside the rest: scored where the others allow, what they score added
                // ([`FilteredWords`]). The longest run, if several: it is the costliest to score everywhere.
                let words = scoring
                    .iter()
                    .copied()
                    .filter_map(|at| must[at].downcast_ref::<WordsQuery>().map(|words| (words.len(), at)))
                    .max_by_key(|&(len, at)| (len, std::cmp::Reverse(at)));
                if let Some((_, at)) = words {
                    let mut beside = Operands {
                        excluded: must_not,
                        ..Operands::default()
                    };
                    let mut chosen = None;
                    for (i, query) in must.into_iter().enumerate() {
                        if i == at {
                            chosen = Some(query);
                        } else if scoring.contains(&i) {
                            beside.scoring.push(query);
                        } else {
                            beside.filters.push(query);
                        }
                    }
                    let chosen = chosen?;
                    return Some(match FilteredWords::try_new(chosen, beside) {
                        Ok(filtered) => Box::new(filtered.shared(self.passes)),
                        // Not reached: `chosen` is a words query.
                        Err((chosen, beside)) => {
                            let clauses = std::iter::once(chosen)
                                .chain(beside.scoring)
                                .chain(beside.filters)
                                .map(|q| (Occur::Must, q))
                                .chain(beside.excluded.into_iter().map(|q| (Occur::MustNot, exclusion(q))))
                                .collect();
                            Box::new(BooleanQuery::new(clauses))
                        }
                    });
                }
                if must.is_empty() {
                    must.push(filter(Box::new(AllQuery)));
                }
                let clauses = must
                    .into_iter()
                    .map(|q| (Occur::Must, q))
                    .chain(must_not.into_iter().map(|q| (Occur::MustNot, exclusion(q))))
                    .collect();
                Some(Box::new(BooleanQuery::new(clauses)))
            }
            Node::Or(operands) => {
                let mut should: Vec<Box<dyn Query>> = operands
                    .iter()
                    .filter_map(|operand| self.node(operand, positive))
                    .collect();
                if should.len() <= 1 {
                    return should.pop();
                }
                Some(Box::new(LazyUnion::sum(should)))
            }
            Node::Not(inner) => {
                let excluded = self.node(inner, !positive)?;
                Some(Box::new(BooleanQuery::new(vec![
                    (Occur::Must, filter(Box::new(AllQuery))),
                    (Occur::MustNot, exclusion(excluded)),
                ])))
            }
            Node::Boost(inner, boost) => {
                let query = self.node(inner, positive)?;
                Some(Box::new(BoostQuery::new(query, *boost)))
            }
        }
    }

    fn spend(&mut self) -> Option<()> {
        self.budget = self.budget.checked_sub(1)?;
        Some(())
    }
}

/// A `NOT` operand as tantivy's exclusion can seek it ([`Excluded`]).
fn exclusion(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(Excluded(query))
}
