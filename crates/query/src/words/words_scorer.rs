//! Term-at-a-time scoring of "at least k of n words", a window of doc ids at a time.

use std::sync::Arc;

use tantivy::fastfield::AliveBitSet;
use tantivy::query::Scorer;
use tantivy::{DocId, DocSet, Score, TERMINATED};

use super::allowed::{Allowed, Beside};
use super::field_postings::FieldPostings;

/// Doc ids scored per window. 4096 keeps the accumulators (about 72 KiB) in L2 while amortising
/// the per-window work (finding the start, walking the bitsets) over many postings.
const WINDOW: usize = 4096;
const WINDOW_BITSET_LEN: usize = WINDOW / 64;

/// Documents matching at least `minimum` of the words, scored as the sum over matched words of
/// each word's disjunction-max over its fields.
///
/// Lucene's `BooleanScorer` design: instead of a heap that merges every posting list doc by doc
/// (tantivy's `Disjunction`), each window of doc ids is filled one posting list at a time into
/// flat per-document accumulators, and only then are the matching documents of the window read
/// out, in doc order. Each posting costs a few array writes; the heap cost per posting is gone.
pub(crate) struct WordsScorer {
    /// For each word, its postings in each field it is searched in (fields in the order of the
    /// query, so that per-word sums add up in the same order as tantivy's union). With `minimum`
    /// 1, words are in decreasing order of `bounds`, so that those that cannot lift a document
    /// into the top k on their own are a suffix (MaxScore, in [`WordsScorer::for_each_pruning`]);
    /// with more required, in increasing order of postings, so that the rarest words lead.
    words: Vec<Vec<FieldPostings>>,
    /// An upper bound of each word's score in any document.
    bounds: Vec<Score>,
    minimum: usize,
    tie_breaker: Score,
    accumulators: Accumulators,
    /// The matching documents of the current window, in doc order.
    matches: Vec<(DocId, Score)>,
    /// Position of the current document in `matches`.
    pos: usize,
    size_hint: u32,
    /// Documents in the segment (deleted ones included).
    max_doc: DocId,
    /// The operands beside the words: the only documents that can match, and what they add to each (`None`:
    /// any document, nothing added).
    beside: Option<Arc<Beside>>,
}

/// Per-document state of one window, indexed by `doc - window start`.
///
/// Everything is zero between uses: each pass resets exactly the entries its bitset says it
/// touched, so a window costs what its postings cost, not `WINDOW`.
struct Accumulators {
    /// Best field score of the word being added.
    word_max: Box<[Score]>,
    /// Sum of the field scores of the word being added.
    word_sum: Box<[Score]>,
    /// Documents the word being added occurs in.
    word_docs: Box<[u64]>,
    /// Sum of the matched words' scores.
    total: Box<[Score]>,
    /// Number of words matched.
    matched: Box<[u32]>,
    /// Documents any word occurs in.
    docs: Box<[u64]>,
    /// Best scanned field score of the word being looked up (field-level MaxScore's dense windows).
    scanned_max: Box<[Score]>,
    /// The window's documents that may match (all of them without filters): the others are read out of the
    /// accumulators and dropped.
    mask: Box<[u64]>,
}

/// A word's score from its fields' scores (in the query's field order): the best plus `tie_breaker` times the
/// others, as tantivy's `DisjunctionMaxCombiner` (and [`Accumulators::end_word`]) adds them up.
fn word_score(field_scores: impl Iterator<Item = Score>, tie_breaker: Score) -> Score {
    let (mut max, mut sum) = (0.0 as Score, 0.0 as Score);
    for score in field_scores {
        max = max.max(score);
        sum += score;
    }
    max + (sum - max) * tie_breaker
}

/// The higher of two scores. Scores are never NaN, so this is `f32::max` without its NaN checks: one `maxss` in
/// the loops that add up postings.
#[inline(always)]
fn higher(a: Score, b: Score) -> Score {
    if b > a {
        b
    } else {
        a
    }
}

/// The documents `beside` allows (`None`: all).
#[inline]
fn allowed_of(beside: &Option<Arc<Beside>>) -> Option<&Allowed> {
    beside.as_deref().map(|beside| &beside.allowed)
}

/// What `beside` adds to each of `docs`' scores (the documents of one window, just read out).
fn add_bonus<T>(beside: &Option<Arc<Beside>>, docs: &mut [T], doc_and_score: impl Fn(&mut T) -> (DocId, &mut Score)) {
    if let Some(beside) = beside.as_deref().filter(|beside| beside.bonus.is_some()) {
        for entry in docs {
            let (doc, score) = doc_and_score(entry);
            *score += beside.bonus(doc);
        }
    }
}

/// Where a window starts when `lowest` is the lowest unread posting of the lists it scans: the first document
/// from there on that `allowed` holds, the scanned `postings` moved up to it (what they hold before it can't match).
fn window_start<'a>(
    allowed: Option<&Allowed>,
    lowest: DocId,
    postings: impl Iterator<Item = &'a mut FieldPostings>,
) -> DocId {
    let Some(allowed) = allowed else {
        return lowest;
    };
    if lowest == TERMINATED {
        return TERMINATED;
    }
    let start = allowed.next(lowest);
    if start != lowest && start != TERMINATED {
        for postings in postings {
            postings.seek(start);
        }
    }
    start
}

/// The lowest unread posting of `words`' postings (`TERMINATED` once all are read).
fn lowest_doc(words: &[Vec<FieldPostings>]) -> DocId {
    words
        .iter()
        .flatten()
        .map(FieldPostings::doc)
        .min()
        .unwrap_or(TERMINATED)
}

/// What a word's looked-up fields (best score `max`, sum `sum`) add to its score over its scanned fields (best
/// score `scanned`, 0 when none matched): the disjunction-max of all its fields less that of the scanned ones.
#[inline]
fn looked_up_gain(scanned: Score, max: Score, sum: Score, tie_breaker: Score) -> Score {
    (max.max(scanned) - scanned) * (1.0 - tie_breaker) + sum * tie_breaker
}

/// Which postings field-level MaxScore scans at one threshold, and how it looks up the others.
struct FieldPlan {
    /// Per word, bit `f` set when its field `f` is scanned.
    scanned: Vec<u32>,
    /// The words with fields to look up, best bound first: (word, the bound of what those fields can add).
    lookups: Vec<(usize, Score)>,
    /// `suffix[j]`: the bounds of `lookups[j..]` added up (with slack).
    suffix: Vec<Score>,
}

impl FieldPlan {
    /// The plan that looks up the `skipped` postings of `order` (fields by increasing bound), scans the rest.
    fn new(words: &[Vec<FieldPostings>], order: &[(usize, usize)], skipped: usize, tie_breaker: Score) -> FieldPlan {
        let mut scanned: Vec<u32> = words.iter().map(|fields| (1u32 << fields.len()) - 1).collect();
        for &(w, f) in &order[..skipped] {
            scanned[w] &= !(1 << f);
        }
        let mut lookups: Vec<(usize, Score)> = words
            .iter()
            .enumerate()
            .filter(|&(w, fields)| scanned[w].count_ones() as usize != fields.len())
            .map(|(w, fields)| {
                let skipped = fields
                    .iter()
                    .enumerate()
                    .filter(|&(f, _)| !in_mask(scanned[w], f))
                    .map(|(_, postings)| postings.max_score());
                (w, word_score(skipped, tie_breaker))
            })
            .collect();
        lookups.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut suffix = vec![0.0 as Score; lookups.len() + 1];
        for j in (0..lookups.len()).rev() {
            suffix[j] = suffix[j + 1] + lookups[j].1 * BOUND_SLACK;
        }
        FieldPlan {
            scanned,
            lookups,
            suffix,
        }
    }

    /// Whether nothing is scanned (then no document can pass the threshold the plan was made for).
    fn scans_nothing(&self) -> bool {
        self.scanned.iter().all(|&mask| mask == 0)
    }
}

/// For each `k`, the bound of the score a document can get from the first `k` postings of `order` alone: per word,
/// the disjunction-max of those of its fields' bounds (with slack).
fn prefix_bounds(words: &[Vec<FieldPostings>], order: &[(usize, usize)], tie_breaker: Score) -> Vec<Score> {
    let mut max = vec![0.0 as Score; words.len()];
    let mut sum = vec![0.0 as Score; words.len()];
    let mut out = Vec::with_capacity(order.len() + 1);
    out.push(0.0);
    for &(w, f) in order {
        let bound = words[w][f].max_score();
        max[w] = max[w].max(bound);
        sum[w] += bound;
        let total: Score = max.iter().zip(&sum).map(|(m, s)| m + (s - m) * tie_breaker).sum();
        out.push(total * BOUND_SLACK);
    }
    out
}

/// Slack on the bounds MaxScore compares with the threshold: sums of the same scores in another order may differ
/// in the last bits.
const BOUND_SLACK: Score = 1.0 + 1e-4;

impl Accumulators {
    fn new() -> Accumulators {
        Accumulators {
            word_max: vec![0.0; WINDOW].into_boxed_slice(),
            word_sum: vec![0.0; WINDOW].into_boxed_slice(),
            word_docs: vec![0; WINDOW_BITSET_LEN].into_boxed_slice(),
            total: vec![0.0; WINDOW].into_boxed_slice(),
            matched: vec![0; WINDOW].into_boxed_slice(),
            docs: vec![0; WINDOW_BITSET_LEN].into_boxed_slice(),
            scanned_max: vec![0.0; WINDOW].into_boxed_slice(),
            mask: vec![u64::MAX; WINDOW_BITSET_LEN].into_boxed_slice(),
        }
    }

    /// Makes the window from `start` on keep only the documents `allowed` holds.
    fn restrict(&mut self, allowed: Option<&Allowed>, start: DocId) {
        if let Some(allowed) = allowed {
            for (block, mask) in self.mask.iter_mut().enumerate() {
                *mask = allowed.word_at(start + (block * 64) as DocId);
            }
        }
    }

    /// The window's documents whose total so far plus `rest` exceeds `threshold`.
    fn candidates_above(&self, rest: Score, threshold: Score) -> u64 {
        let mut candidates = 0u64;
        for (block, &bits) in self.docs.iter().enumerate() {
            let mut bits = bits & self.mask[block];
            while bits != 0 {
                let i = block * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                candidates += u64::from(self.total[i] + rest > threshold);
            }
        }
        candidates
    }

    /// Field-level MaxScore's scan: adds, word by word, the scores of the fields `plan` scans for the window
    /// `start..end`. For a word with fields left to look up, each document's best scanned field score goes to
    /// `partial[word]` (in doc order), so that the looked-up fields can later be combined with it exactly.
    fn add_scanned(
        &mut self,
        words: &mut [Vec<FieldPostings>],
        plan: &FieldPlan,
        partial: &mut [Vec<(u16, Score)>],
        start: DocId,
        end: DocId,
        tie_breaker: Score,
    ) {
        for (w, fields) in words.iter_mut().enumerate() {
            let mask = plan.scanned[w];
            if mask == 0 {
                continue;
            }
            for (f, postings) in fields.iter_mut().enumerate() {
                if in_mask(mask, f) {
                    self.add_field(postings, start, end);
                }
            }
            let split = mask.count_ones() as usize != fields.len();
            self.end_word(tie_breaker, split.then(|| &mut partial[w]));
        }
    }

    /// Field-level MaxScore's dense window: reads the fields `plan` looks up through the window too, and combines
    /// each word's looked-up scores with its scanned ones (`partial`) as the disjunction-max would.
    fn add_looked_up(
        &mut self,
        words: &mut [Vec<FieldPostings>],
        plan: &FieldPlan,
        partial: &[Vec<(u16, Score)>],
        start: DocId,
        end: DocId,
        tie_breaker: Score,
    ) {
        for &(w, _) in &plan.lookups {
            let mask = plan.scanned[w];
            for &(i, max) in &partial[w] {
                self.scanned_max[usize::from(i)] = max;
            }
            for (f, postings) in words[w].iter_mut().enumerate() {
                if !in_mask(mask, f) {
                    postings.seek(start);
                    self.add_field(postings, start, end);
                }
            }
            for (block, word_bits) in self.word_docs.iter_mut().enumerate() {
                let mut bits = std::mem::take(word_bits);
                self.docs[block] |= bits;
                while bits != 0 {
                    let i = block * 64 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    let scanned = self.scanned_max[i];
                    self.total[i] += looked_up_gain(scanned, self.word_max[i], self.word_sum[i], tie_breaker);
                    self.matched[i] += u32::from(scanned == 0.0);
                    self.word_max[i] = 0.0;
                    self.word_sum[i] = 0.0;
                }
            }
            for &(i, _) in &partial[w] {
                self.scanned_max[usize::from(i)] = 0.0;
            }
        }
    }

    /// Adds the scores of `words`, one after the other, for the documents of the window `start..end` (every
    /// posting list at or after `start`).
    fn add_words(&mut self, words: &mut [Vec<FieldPostings>], start: DocId, end: DocId, tie_breaker: Score) {
        for fields in words {
            for postings in fields.iter_mut() {
                self.add_field(postings, start, end);
            }
            self.end_word(tie_breaker, None);
        }
    }

    /// Adds one field's scores through the window `start..end` to the word being added.
    #[inline]
    fn add_field(&mut self, postings: &mut FieldPostings, start: DocId, end: DocId) {
        postings.drain_until(end, |doc, score| {
            let i = (doc - start) as usize;
            self.word_max[i] = higher(self.word_max[i], score);
            self.word_sum[i] += score;
            self.word_docs[i / 64] |= 1 << (i % 64);
        });
    }

    /// Folds the word just added into the per-document totals, with the disjunction-max
    /// combination of tantivy's `DisjunctionMaxCombiner`: best field plus `tie_breaker` times the
    /// others. With `record`, each document's best field score goes there too, in doc order.
    fn end_word(&mut self, tie_breaker: Score, mut record: Option<&mut Vec<(u16, Score)>>) {
        for (block, word_bits) in self.word_docs.iter_mut().enumerate() {
            let mut bits = std::mem::take(word_bits);
            self.docs[block] |= bits;
            while bits != 0 {
                let i = block * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let (max, sum) = (self.word_max[i], self.word_sum[i]);
                self.total[i] += max + (sum - max) * tie_breaker;
                self.matched[i] += 1;
                if let Some(record) = record.as_deref_mut() {
                    // A window holds `WINDOW` (4,096) documents: the offset fits.
                    record.push((i as u16, max));
                }
                self.word_max[i] = 0.0;
                self.word_sum[i] = 0.0;
            }
        }
    }

    /// Adds all-required `words` to the window `start..end` whose documents so far (`docs`) hold every word added
    /// before: the running intersection. Each word is scored only there, and the documents it misses leave it, so
    /// that the later words touch fewer and fewer documents. A word whose postings in the window far outnumber the
    /// intersection is looked up document by document, its skip list stepping over the blocks between them, rather
    /// than read through. Every posting list ends at or past `end`.
    ///
    /// With `prune` (`suffix`, `threshold`), where `suffix[j]` bounds what `words[j..]` (and anything added after the
    /// window) can add to a document, a document whose total so far cannot exceed the threshold leaves the
    /// intersection too: top-k's MaxScore, applied between words.
    fn intersect_words(
        &mut self,
        words: &mut [Vec<FieldPostings>],
        start: DocId,
        end: DocId,
        tie_breaker: Score,
        max_doc: DocId,
        prune: Option<(&[Score], Score)>,
    ) {
        // Documents the mask leaves out can't match: they leave the intersection first.
        for block in 0..WINDOW_BITSET_LEN {
            self.keep_only(block, self.mask[block]);
        }
        for (w, fields) in words.iter_mut().enumerate() {
            if let Some((suffix, threshold)) = prune {
                self.drop_below(suffix[w], threshold);
            }
            let live: u64 = self.docs.iter().map(|bits| u64::from(bits.count_ones())).sum();
            let postings: u64 = fields
                .iter()
                .map(|p| u64::from(p.doc_freq()) * WINDOW as u64 / u64::from(max_doc.max(1)))
                .sum();
            if live * SEEK_COST < postings {
                for postings in fields.iter_mut() {
                    for block in 0..WINDOW_BITSET_LEN {
                        let mut bits = self.docs[block];
                        while bits != 0 {
                            let i = block * 64 + bits.trailing_zeros() as usize;
                            bits &= bits - 1;
                            if let Some(score) = postings.score_at(start + i as DocId) {
                                self.word_max[i] = higher(self.word_max[i], score);
                                self.word_sum[i] += score;
                                self.word_docs[i / 64] |= 1 << (i % 64);
                            }
                        }
                    }
                    postings.seek(end);
                }
            } else {
                for postings in fields.iter_mut() {
                    let docs = &self.docs;
                    let (word_max, word_sum, word_docs) = (&mut self.word_max, &mut self.word_sum, &mut self.word_docs);
                    postings.drain_kept_until(
                        end,
                        |doc| {
                            let i = (doc - start) as usize;
                            docs[i / 64] >> (i % 64) & 1 == 1
                        },
                        |doc, score| {
                            let i = (doc - start) as usize;
                            word_max[i] = higher(word_max[i], score);
                            word_sum[i] += score;
                            word_docs[i / 64] |= 1 << (i % 64);
                        },
                    );
                }
            }
            self.end_word_within(tie_breaker);
        }
    }

    /// Drops from the running intersection (resetting them) the documents whose total plus `rest` cannot exceed
    /// `threshold`.
    fn drop_below(&mut self, rest: Score, threshold: Score) {
        for block in 0..WINDOW_BITSET_LEN {
            let mut bits = self.docs[block];
            while bits != 0 {
                let i = block * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if self.total[i] + rest <= threshold {
                    self.keep_only(block, !(1 << (i % 64)));
                }
            }
        }
    }

    /// [`Accumulators::end_word`] for the running intersection: drops from it (resetting them) the documents the
    /// word just added (scored only inside it) does not occur in, and folds the word into the others' totals.
    fn end_word_within(&mut self, tie_breaker: Score) {
        for block in 0..WINDOW_BITSET_LEN {
            self.keep_only(block, self.word_docs[block]);
        }
        self.end_word(tie_breaker, None);
    }

    /// Keeps in the running intersection's `block` only the documents `bits` holds, resetting the totals of the others.
    #[inline]
    fn keep_only(&mut self, block: usize, bits: u64) {
        let mut dropped = self.docs[block] & !bits;
        self.docs[block] &= bits;
        while dropped != 0 {
            let i = block * 64 + dropped.trailing_zeros() as usize;
            dropped &= dropped - 1;
            self.total[i] = 0.0;
            self.matched[i] = 0;
        }
    }

    /// Appends every document of the window (starting at `start`) that matched any word and that the mask allows
    /// to `out`, with its total and number of words, in doc order, and resets the window.
    fn drain_candidates(&mut self, start: DocId, out: &mut Vec<(DocId, Score, u32)>) {
        for (block, doc_bits) in self.docs.iter_mut().enumerate() {
            let mut bits = std::mem::take(doc_bits);
            let keep = self.mask[block];
            while bits != 0 {
                let i = block * 64 + bits.trailing_zeros() as usize;
                if keep & bits & bits.wrapping_neg() != 0 {
                    out.push((start + i as DocId, self.total[i], self.matched[i]));
                }
                bits &= bits - 1;
                self.total[i] = 0.0;
                self.matched[i] = 0;
            }
        }
    }

    /// Appends the documents of the window (starting at `start`) that matched at least `minimum`
    /// words and that the mask allows to `out`, in doc order, and resets the window.
    fn drain_matches(&mut self, start: DocId, minimum: usize, out: &mut Vec<(DocId, Score)>) {
        for (block, doc_bits) in self.docs.iter_mut().enumerate() {
            let mut bits = std::mem::take(doc_bits);
            let keep = self.mask[block];
            while bits != 0 {
                let i = block * 64 + bits.trailing_zeros() as usize;
                let allowed = keep & bits & bits.wrapping_neg() != 0;
                bits &= bits - 1;
                if allowed && self.matched[i] as usize >= minimum {
                    out.push((start + i as DocId, self.total[i]));
                }
                self.total[i] = 0.0;
                self.matched[i] = 0;
            }
        }
    }
}

impl WordsScorer {
    /// A scorer of the documents `beside` allows (all, with `None`), each scored with what `beside` adds to it,
    /// positioned on its first match. `minimum` must be at least 1.
    pub(crate) fn within(
        words: Vec<Vec<FieldPostings>>,
        minimum: usize,
        tie_breaker: Score,
        max_doc: DocId,
        beside: Option<Arc<Beside>>,
    ) -> WordsScorer {
        debug_assert!(minimum >= 1);
        // Like tantivy's `Disjunction`: the largest posting list bounds how many documents
        // an intersection driven by this scorer would visit.
        let size_hint = words.iter().flatten().map(FieldPostings::doc_freq).max().unwrap_or(0);
        let mut words: Vec<(Score, Vec<FieldPostings>)> = words
            .into_iter()
            .map(|fields| {
                let field_bounds = fields.iter().map(FieldPostings::max_score);
                (word_score(field_bounds, tie_breaker), fields)
            })
            .collect();
        if minimum >= 2 {
            // The fewest postings first: a conjunction's scan and running intersection start from the rarest word.
            words.sort_by_key(|(_, fields)| fields.iter().map(|p| u64::from(p.doc_freq())).sum::<u64>());
        } else {
            words.sort_by(|a, b| b.0.total_cmp(&a.0));
        }
        let (bounds, words) = words.into_iter().unzip();
        let mut scorer = WordsScorer {
            words,
            bounds,
            minimum,
            tie_breaker,
            accumulators: Accumulators::new(),
            matches: Vec::new(),
            pos: 0,
            size_hint,
            max_doc,
            beside,
        };
        scorer.fill();
        scorer
    }

    /// Scores windows from the lowest unread posting on until one has a match, or every posting
    /// list is exhausted (then `matches` stays empty and the scorer is at `TERMINATED`).
    fn fill(&mut self) {
        self.matches.clear();
        self.pos = 0;
        while self.matches.is_empty() {
            let lowest = lowest_doc(&self.words);
            let start = window_start(allowed_of(&self.beside), lowest, self.words.iter_mut().flatten());
            if start == TERMINATED {
                return;
            }
            self.score_window(start);
        }
    }

    /// Whether every word must match (and there are at least two): the windows then score a running intersection.
    fn all_required(&self) -> bool {
        self.minimum >= 2 && self.minimum == self.words.len()
    }

    fn score_window(&mut self, start: DocId) {
        let end = start.saturating_add(WINDOW as DocId).min(TERMINATED);
        self.accumulators.restrict(allowed_of(&self.beside), start);
        if self.all_required() {
            let (first, rest) = self.words.split_at_mut(1);
            self.accumulators.add_words(first, start, end, self.tie_breaker);
            self.accumulators
                .intersect_words(rest, start, end, self.tie_breaker, self.max_doc, None);
        } else {
            self.accumulators
                .add_words(&mut self.words, start, end, self.tie_breaker);
        }
        self.accumulators.drain_matches(start, self.minimum, &mut self.matches);
        add_bonus(&self.beside, &mut self.matches, |(doc, score)| (*doc, score));
    }
}

/// The number of documents (alive ones, when `alive` is given; among `allowed`, when given) holding at least `minimum` of the words, without
/// scoring: a window at a time, each word's documents as a bitset, summed across words in bit-sliced counters
/// (bit `p` of every document's count in plane `p`), so a posting costs one bit set and a window's counts a few
/// word-wide operations per plane.
pub(crate) fn count_at_least(
    words: &mut [Vec<FieldPostings>],
    minimum: usize,
    alive: Option<&AliveBitSet>,
    allowed: Option<&Allowed>,
) -> u32 {
    let minimum = minimum.max(1);
    if words.len() < minimum {
        return 0;
    }
    // Enough planes to count to the number of words.
    let planes = (usize::BITS - words.len().leading_zeros()) as usize;
    let mut counts = vec![[0u64; WINDOW_BITSET_LEN]; planes];
    let mut word_bits = [0u64; WINDOW_BITSET_LEN];
    let mut total = 0u32;
    loop {
        let lowest = words
            .iter()
            .flatten()
            .map(FieldPostings::doc)
            .min()
            .unwrap_or(TERMINATED);
        let start = window_start(allowed, lowest, words.iter_mut().flatten());
        if start == TERMINATED {
            return total;
        }
        let end = start.saturating_add(WINDOW as DocId).min(TERMINATED);
        for fields in words.iter_mut() {
            for postings in fields.iter_mut() {
                postings.drain_docs_until(end, |doc| {
                    let i = (doc - start) as usize;
                    word_bits[i / 64] |= 1 << (i % 64);
                });
            }
            // Adds one to the count of every document the word holds: a ripple-carry add over the planes.
            for (block, bits) in word_bits.iter_mut().enumerate() {
                let mut carry = std::mem::take(bits);
                for plane in counts.iter_mut() {
                    if carry == 0 {
                        break;
                    }
                    let next = plane[block] & carry;
                    plane[block] ^= carry;
                    carry = next;
                }
            }
        }
        for block in 0..WINDOW_BITSET_LEN {
            // count >= minimum, plane by plane from the highest: greater so far, or equal all the way.
            let (mut greater, mut equal) = (0u64, u64::MAX);
            for (p, plane) in counts.iter_mut().enumerate().rev() {
                let x = std::mem::take(&mut plane[block]);
                if minimum >> p & 1 == 1 {
                    equal &= x;
                } else {
                    greater |= equal & x;
                    equal &= !x;
                }
            }
            let mut matched = greater | equal;
            if let Some(allowed) = allowed {
                matched &= allowed.word_at(start + (block * 64) as DocId);
            }
            match alive {
                None => total += matched.count_ones(),
                Some(alive) => {
                    while matched != 0 {
                        let doc = start + (block * 64) as DocId + matched.trailing_zeros();
                        matched &= matched - 1;
                        total += u32::from(alive.is_alive(doc));
                    }
                }
            }
        }
    }
}

impl WordsScorer {
    /// Calls `callback(doc, score)` for every remaining match, in doc order, straight from the windows (no call
    /// through `dyn Scorer` per document).
    pub(crate) fn for_each(&mut self, callback: &mut dyn FnMut(DocId, Score)) {
        while self.pos < self.matches.len() {
            for &(doc, score) in &self.matches[self.pos..] {
                callback(doc, score);
            }
            self.pos = self.matches.len();
            self.fill();
        }
    }

    /// As tantivy's `for_each_pruning_scorer`: `callback(doc, score)` for every remaining match scoring above
    /// `threshold`, which becomes what the callback returns.
    ///
    /// MaxScore (Turtle and Flood; Lucene's `MaxScoreBulkScorer`): the words whose bounds add up to no more than
    /// the threshold cannot bring a document above it on their own, so only the other words' postings are read
    /// window by window; the few documents they turn up then look the rest up by seeking, and stop as soon as
    /// what is left could not lift them over the threshold. As the threshold rises, more words drop out of the
    /// scan: the common words with the longest posting lists first.
    pub(crate) fn for_each_pruning(&mut self, mut threshold: Score, callback: &mut dyn FnMut(DocId, Score) -> Score) {
        // Field masks are `u32`s: a word in 32 fields or more (only built by hand) takes the word-level partition.
        if self.minimum == 1 && self.words.iter().all(|fields| fields.len() < 32) {
            match self.for_each_pruning_fields(threshold, callback) {
                Some(reached) => threshold = reached,
                None => return,
            }
        }
        self.for_each_pruning_words(threshold, callback);
    }

    /// [`WordsScorer::for_each_pruning`] with MaxScore's partition made word by word.
    fn for_each_pruning_words(&mut self, mut threshold: Score, callback: &mut dyn FnMut(DocId, Score) -> Score) {
        for &(doc, score) in &self.matches[self.pos..] {
            if score > threshold {
                threshold = callback(doc, score);
            }
        }
        self.matches.clear();
        self.pos = 0;
        // suffix_bounds[i]: the bounds of words i.. added up.
        let extra = self.beside_bound();
        let mut suffix_bounds = vec![0.0 as Score; self.words.len() + 1];
        for i in (0..self.words.len()).rev() {
            suffix_bounds[i] = suffix_bounds[i + 1] + self.bounds[i] * BOUND_SLACK;
        }
        let mut candidates: Vec<(DocId, Score, u32)> = Vec::new();
        let word_count = self.words.len();
        loop {
            // The scanned words: the shortest prefix whose suffix cannot reach the threshold.
            // Or the shortest prefix that leaves out fewer words than `minimum`: a document none of it holds can't
            // match that many (a conjunction scans one word and looks the others up).
            let essential = (0..=self.words.len())
                .find(|&i| suffix_bounds[i] + extra <= threshold)
                .unwrap_or(self.words.len())
                .min(self.words.len() + 1 - self.minimum);
            if essential == 0 {
                return;
            }
            let lowest = lowest_doc(&self.words[..essential]);
            let scanned = self.words[..essential].iter_mut().flatten();
            let start = window_start(allowed_of(&self.beside), lowest, scanned);
            if start == TERMINATED {
                return;
            }
            let end = start.saturating_add(WINDOW as DocId).min(TERMINATED);
            self.accumulators.restrict(allowed_of(&self.beside), start);
            self.accumulators
                .add_words(&mut self.words[..essential], start, end, self.tie_breaker);
            let rest = suffix_bounds[essential];
            if essential < self.words.len()
                && self.scan_is_cheaper(self.words[essential..].iter().flatten(), rest, threshold)
            {
                // Candidates so dense that looking each up costs more than reading the rest of the words' postings
                // in this window: score them all, as without pruning.
                // Out of the scan, these words lag behind: what they hold before the window has no scanned word.
                for postings in self.words[essential..].iter_mut().flatten() {
                    postings.seek(start);
                }
                let all_required = self.all_required();
                let acc = &mut self.accumulators;
                if all_required {
                    let suffix: Vec<Score> = suffix_bounds[essential..].iter().map(|bound| bound + extra).collect();
                    let prune = Some((&suffix[..], threshold));
                    acc.intersect_words(
                        &mut self.words[essential..],
                        start,
                        end,
                        self.tie_breaker,
                        self.max_doc,
                        prune,
                    );
                } else {
                    acc.add_words(&mut self.words[essential..], start, end, self.tie_breaker);
                }
                acc.drain_matches(start, self.minimum, &mut self.matches);
                add_bonus(&self.beside, &mut self.matches, |(doc, score)| (*doc, score));
                for &(doc, score) in &self.matches {
                    if score > threshold {
                        threshold = callback(doc, score);
                    }
                }
                self.matches.clear();
                continue;
            }
            let acc = &mut self.accumulators;
            candidates.clear();
            acc.drain_candidates(start, &mut candidates);
            add_bonus(&self.beside, &mut candidates, |(doc, score, _)| (*doc, score));
            for &(doc, mut score, mut matched) in &candidates {
                if score + rest <= threshold {
                    continue;
                }
                let mut pruned = false;
                for (w, fields) in self.words[essential..].iter_mut().enumerate() {
                    let mut any = false;
                    let word = word_score(
                        fields.iter_mut().filter_map(|postings| {
                            let score = postings.score_at(doc);
                            any |= score.is_some();
                            score
                        }),
                        self.tie_breaker,
                    );
                    if any {
                        score += word;
                        matched += 1;
                    }
                    let left = word_count - (essential + w + 1);
                    if score + suffix_bounds[essential + w + 1] <= threshold || (matched as usize) + left < self.minimum
                    {
                        pruned = true;
                        break;
                    }
                }
                if !pruned && matched as usize >= self.minimum && score > threshold {
                    threshold = callback(doc, score);
                }
            }
        }
    }
}

impl WordsScorer {
    /// [`WordsScorer::for_each_pruning`] for "any of the words" (`minimum` 1, how questions rank), with MaxScore's
    /// partition made field by field rather than word by word: a common word's body postings (long, low bound)
    /// are looked up while its headline postings (short, high bound) are scanned. A word's bound is its best
    /// field's, so word by word the body of a word that is common in headlines too could never leave the scan.
    ///
    /// At the first window whose candidates are too dense to look up, it scores that window in full and hands the
    /// rest of the segment to the word-level partition (returning the threshold reached): with most documents
    /// candidates, lookups and the split of each word into scanned and looked-up fields only add work (the dense
    /// questions of AllSides ran 8-10 % slower kept field by field). `None`: every match has been passed on.
    fn for_each_pruning_fields(
        &mut self,
        mut threshold: Score,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> Option<Score> {
        for &(doc, score) in &self.matches[self.pos..] {
            if score > threshold {
                threshold = callback(doc, score);
            }
        }
        self.matches.clear();
        self.pos = 0;
        let tie_breaker = self.tie_breaker;
        let extra = self.beside_bound();
        // Every posting list, lowest bound first (the longest first among equal bounds): prefixes of this order
        // are what can be left out of the scan.
        let mut order: Vec<(usize, usize)> = self
            .words
            .iter()
            .enumerate()
            .flat_map(|(w, fields)| (0..fields.len()).map(move |f| (w, f)))
            .collect();
        order.sort_by(|&(w1, f1), &(w2, f2)| {
            let (a, b) = (&self.words[w1][f1], &self.words[w2][f2]);
            a.max_score()
                .total_cmp(&b.max_score())
                .then(b.doc_freq().cmp(&a.doc_freq()))
        });
        let prefix = prefix_bounds(&self.words, &order, tie_breaker);
        let mut skipped = 0;
        let mut plan = FieldPlan::new(&self.words, &order, 0, tie_breaker);
        let mut partial: Vec<Vec<(u16, Score)>> = vec![Vec::new(); self.words.len()];
        let mut cursors = vec![0usize; self.words.len()];
        let mut candidates: Vec<(DocId, Score, u32)> = Vec::new();
        loop {
            let mut more = skipped;
            while more < order.len() && prefix[more + 1] + extra <= threshold {
                more += 1;
            }
            if more != skipped {
                skipped = more;
                plan = FieldPlan::new(&self.words, &order, skipped, tie_breaker);
            }
            if plan.scans_nothing() {
                return None;
            }
            let start = self
                .words
                .iter()
                .enumerate()
                .flat_map(|(w, fields)| {
                    let mask = plan.scanned[w];
                    fields
                        .iter()
                        .enumerate()
                        .filter(move |&(f, _)| in_mask(mask, f))
                        .map(|(_, postings)| postings.doc())
                })
                .min()
                .unwrap_or(TERMINATED);
            let scanned = self.words.iter_mut().zip(&plan.scanned).flat_map(|(fields, &mask)| {
                fields
                    .iter_mut()
                    .enumerate()
                    .filter(move |&(f, _)| in_mask(mask, f))
                    .map(|(_, postings)| postings)
            });
            let start = window_start(allowed_of(&self.beside), start, scanned);
            if start == TERMINATED {
                return None;
            }
            let end = start.saturating_add(WINDOW as DocId).min(TERMINATED);
            self.accumulators.restrict(allowed_of(&self.beside), start);
            for record in partial.iter_mut() {
                record.clear();
            }
            self.accumulators
                .add_scanned(&mut self.words, &plan, &mut partial, start, end, tie_breaker);
            let rest = prefix[skipped];
            let looked_up = self.words.iter().zip(&plan.scanned).flat_map(|(fields, &mask)| {
                fields
                    .iter()
                    .enumerate()
                    .filter(move |&(f, _)| !in_mask(mask, f))
                    .map(|(_, postings)| postings)
            });
            if !plan.lookups.is_empty() && self.scan_is_cheaper(looked_up, rest, threshold) {
                let acc = &mut self.accumulators;
                acc.add_looked_up(&mut self.words, &plan, &partial, start, end, tie_breaker);
                acc.drain_matches(start, 1, &mut self.matches);
                add_bonus(&self.beside, &mut self.matches, |(doc, score)| (*doc, score));
                for &(doc, score) in &self.matches {
                    if score > threshold {
                        threshold = callback(doc, score);
                    }
                }
                self.matches.clear();
                // Every posting list is now at or past `end`, where the word-level partition starts.
                return Some(threshold);
            }
            candidates.clear();
            self.accumulators.drain_candidates(start, &mut candidates);
            add_bonus(&self.beside, &mut candidates, |(doc, score, _)| (*doc, score));
            cursors.fill(0);
            for &(doc, mut score, _) in &candidates {
                if score + rest <= threshold {
                    continue;
                }
                let i = (doc - start) as u16;
                let mut pruned = false;
                for (j, &(w, _)) in plan.lookups.iter().enumerate() {
                    let mask = plan.scanned[w];
                    let (mut max, mut sum, mut any) = (0.0 as Score, 0.0 as Score, false);
                    for (f, postings) in self.words[w].iter_mut().enumerate() {
                        if !in_mask(mask, f) {
                            if let Some(field_score) = postings.score_at(doc) {
                                max = higher(max, field_score);
                                sum += field_score;
                                any = true;
                            }
                        }
                    }
                    if any {
                        let record = &partial[w];
                        let cursor = &mut cursors[w];
                        while *cursor < record.len() && record[*cursor].0 < i {
                            *cursor += 1;
                        }
                        let scanned = match record.get(*cursor) {
                            Some(&(at, best)) if at == i => best,
                            _ => 0.0,
                        };
                        score += looked_up_gain(scanned, max, sum, tie_breaker);
                    }
                    if score + plan.suffix[j + 1] <= threshold {
                        pruned = true;
                        break;
                    }
                }
                if !pruned && score > threshold {
                    threshold = callback(doc, score);
                }
            }
        }
    }

    /// The most the operands beside the words add to a document (with slack): a document none of the scanned
    /// postings hold may still get that much, so MaxScore leaves a list out of the scan only when its bound and this
    /// together cannot reach the threshold.
    fn beside_bound(&self) -> Score {
        self.beside.as_deref().map_or(0.0, Beside::max_bonus) * BOUND_SLACK
    }

    /// Whether reading the `looked_up` postings through the current window costs less than looking up each of the
    /// window's candidates (documents whose total so far plus `rest` exceeds `threshold`) in them: a candidate costs
    /// about [`LOOKUP_COST`] postings read (most are dropped after their first lookup).
    fn scan_is_cheaper<'a>(
        &self,
        looked_up: impl Iterator<Item = &'a FieldPostings>,
        rest: Score,
        threshold: Score,
    ) -> bool {
        let postings: u64 = looked_up
            .map(|p| u64::from(p.doc_freq()) * WINDOW as u64 / u64::from(self.max_doc.max(1)))
            .sum();
        self.accumulators.candidates_above(rest, threshold) * LOOKUP_COST >= postings
    }
}

/// Whether field `f` is among those `mask` marks (a [`FieldPlan`]'s scanned fields of a word).
#[inline]
fn in_mask(mask: u32, f: usize) -> bool {
    mask >> f & 1 == 1
}

/// What looking a document of the running intersection up in a word costs, in that word's postings read through
/// ([`Accumulators::intersect_words`]).
const SEEK_COST: u64 = 8;

/// What a candidate's lookups cost, in postings read in a scan. Measured on AllSides' questions: 8 kept the gains of
/// the sparse ones (-10 to -15 %) and none of the dense ones lost (2, 4: up to +20 %; 16, 32: less gained).
const LOOKUP_COST: u64 = 8;

impl DocSet for WordsScorer {
    fn advance(&mut self) -> DocId {
        self.pos += 1;
        if self.pos >= self.matches.len() {
            self.fill();
        }
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc() >= target {
            return self.doc();
        }
        self.pos += self.matches[self.pos..].partition_point(|(doc, _)| *doc < target);
        if self.pos < self.matches.len() {
            return self.doc();
        }
        // Every posting before the end of the window has been read, and none after it: moving
        // the posting lists to `target` skips exactly the documents the caller does not want.
        for postings in self.words.iter_mut().flatten() {
            postings.seek(target);
        }
        self.fill();
        self.doc()
    }

    #[inline]
    fn doc(&self) -> DocId {
        self.matches.get(self.pos).map_or(TERMINATED, |(doc, _)| *doc)
    }

    fn size_hint(&self) -> u32 {
        self.size_hint
    }
}

impl Scorer for WordsScorer {
    #[inline]
    fn score(&mut self) -> Score {
        self.matches.get(self.pos).map_or(0.0, |(_, score)| *score)
    }
}
