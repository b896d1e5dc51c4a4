//! Feature templates. Every feature is a hash (see [`crate::hash`]); the model maps it to a row of weights.
//!
//! Features come in three kinds, so that inference can be fast:
//! - *type features* depend only on one word and its offset from the tagged token (−2..=2): the word, its
//!   lowercase form, shape, affixes and cluster path. Their weights are summed once per word type and cached.
//! - *token features* depend on the sentence: word bigrams, shape trigrams, sentence position, all-caps
//!   headlines and gazetteer matches.
//! - *document features* (second stage only) say how the first stage labelled the same word elsewhere in
//!   the document.

use crate::hash::FeatureHash;
use crate::lexicon::{lower_hash, Clusters, GazetteerMatch};

/// Offsets of the context window for type features.
pub(crate) const WINDOW: usize = 2;
/// Number of offsets (−2..=2).
pub(crate) const OFFSETS: usize = 2 * WINDOW + 1;

/// Which feature groups a model uses (stored in the model header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FeatureSet {
    pub clusters: bool,
    pub gazetteer: bool,
}

impl FeatureSet {
    pub(crate) fn to_byte(self) -> u8 {
        u8::from(self.clusters) | (u8::from(self.gazetteer) << 1)
    }

    pub(crate) fn from_byte(b: u8) -> FeatureSet {
        FeatureSet {
            clusters: b & 1 != 0,
            gazetteer: b & 2 != 0,
        }
    }
}

pub(crate) const CAPITALISED: u8 = 1;
pub(crate) const ALL_CAPS: u8 = 2;
pub(crate) const HAS_ALPHA: u8 = 4;
pub(crate) const HAS_DIGIT: u8 = 8;
pub(crate) const GAZETTEER_START: u8 = 16;

/// What token features need to know about a word, computed once per word type.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordInfo {
    pub lower: u64,
    pub shape: u64,
    pub flags: u8,
}

/// The padding word before the first and after the last token of a sentence.
pub(crate) const BOUNDARY: &str = "<s>";

fn char_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_ascii_digit() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else {
        c
    }
}

/// The short shape: character classes with runs collapsed (`Obama` → `Xx`, `U.S.` → `X.X.`, `MS-13` → `X-d`).
fn short_shape(word: &str, out: &mut String) {
    out.clear();
    let mut last = '\0';
    for c in word.chars().map(char_class) {
        if c != last {
            out.push(c);
            last = c;
        }
        if out.len() > 16 {
            break;
        }
    }
}

/// The `CAPITALISED`, `ALL_CAPS`, `HAS_ALPHA` and `HAS_DIGIT` flags of a word.
fn word_flags(word: &str) -> u8 {
    let mut flags = 0;
    if word.chars().next().is_some_and(char::is_uppercase) {
        flags |= CAPITALISED;
    }
    if word.chars().any(char::is_alphabetic) {
        flags |= HAS_ALPHA;
        if !word.chars().any(char::is_lowercase) {
            flags |= ALL_CAPS;
        }
    }
    if word.chars().any(|c| c.is_ascii_digit()) {
        flags |= HAS_DIGIT;
    }
    flags
}

/// Computes the per-type facts token features need.
pub(crate) fn word_info(word: &str, lower: &str) -> WordInfo {
    let mut shape = String::new();
    short_shape(word, &mut shape);
    WordInfo {
        lower: lower_hash(lower),
        shape: FeatureHash::new(1).str(&shape).finish(),
        flags: word_flags(word),
    }
}

/// Emits the type features of `word` seen at `offset` (0 = the tagged token) from it.
pub(crate) fn type_features(
    set: FeatureSet,
    clusters: &Clusters,
    word: &str,
    lower: &str,
    offset: usize,
    sink: &mut impl FnMut(u64),
) {
    WordType::new(set, clusters, word, lower).features(offset, sink);
}

/// What the type features of one word are made of, worked out once for all its offsets: the tagger sums a
/// new word type's features at every offset in a row, and the cluster look-ups are the costly part.
pub(crate) struct WordType<'a> {
    word: &'a str,
    lower: &'a str,
    shape: String,
    flags: u8,
    cluster: Option<(u32, u8)>,
    lower_cluster: Option<(u32, u8)>,
}

impl<'a> WordType<'a> {
    pub(crate) fn new(set: FeatureSet, clusters: &Clusters, word: &'a str, lower: &'a str) -> WordType<'a> {
        let mut shape = String::new();
        short_shape(word, &mut shape);
        let flags = word_flags(word);
        // An all-caps headline word (`GERMANY`) takes the cluster of its capitalised form (`Germany`).
        let title_case = || {
            let mut chars = lower.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>())
        };
        let cluster = if !set.clusters {
            None
        } else {
            clusters.get(word).or_else(|| {
                if flags & ALL_CAPS != 0 && word.chars().nth(1).is_some() {
                    title_case().and_then(|t| clusters.get(&t))
                } else {
                    None
                }
            })
        };
        // A capitalised word that is also a common lowercase word (`The`, `Will`) is less likely a name.
        let lower_cluster = if set.clusters && lower != word {
            clusters.get(lower)
        } else {
            None
        };
        WordType {
            word,
            lower,
            shape,
            flags,
            cluster,
            lower_cluster,
        }
    }

    /// Emits the type features of the word seen at `offset` (0 = the tagged token) from it.
    pub(crate) fn features(&self, offset: usize, sink: &mut impl FnMut(u64)) {
        let (word, lower, shape) = (self.word, self.lower, self.shape.as_str());
        let o = offset as u64;
        let f = |t: u32| FeatureHash::new(t).u64(o);
        let cluster_feature = |sink: &mut dyn FnMut(u64), len: u8| match self.cluster {
            Some((bits, n)) => {
                let keep = len.min(n);
                sink(
                    f(20)
                        .u64(u64::from(len))
                        .u64(u64::from(bits >> (n - keep)))
                        .u64(u64::from(keep))
                        .finish(),
                );
            }
            None => sink(f(21).u64(u64::from(len)).finish()),
        };
        let mut sink_dyn = |h: u64| sink(h);
        if offset == WINDOW {
            sink_dyn(f(1).finish()); // bias
            sink_dyn(f(2).str(word).finish());
            sink_dyn(f(3).str(lower).finish());
            sink_dyn(f(4).str(shape).finish());
            let n_chars = word.chars().count();
            for n in 1..=4.min(n_chars) {
                let prefix = &word[..word.char_indices().nth(n).map_or(word.len(), |(i, _)| i)];
                let suffix = &word[word.char_indices().nth_back(n - 1).map_or(0, |(i, _)| i)..];
                sink_dyn(f(5).str(prefix).finish());
                sink_dyn(f(6).str(suffix).finish());
            }
            sink_dyn(f(7).u64(u64::from(self.flags & 15)).finish());
            sink_dyn(f(8).u64(n_chars.min(12) as u64).finish());
            if word.contains('-') {
                sink_dyn(f(9).finish());
            }
            if word.contains('.') {
                sink_dyn(f(10).finish());
            }
            for len in [4, 6, 10, 16, 32] {
                cluster_feature(&mut sink_dyn, len);
            }
            if let Some((bits, n)) = self.lower_cluster {
                let keep = n.min(8);
                sink_dyn(f(22).u64(u64::from(bits >> (n - keep))).u64(u64::from(keep)).finish());
            }
        } else if offset + 1 == WINDOW || offset == WINDOW + 1 {
            sink_dyn(f(2).str(word).finish());
            sink_dyn(f(3).str(lower).finish());
            sink_dyn(f(4).str(shape).finish());
            for len in [4, 8, 32] {
                cluster_feature(&mut sink_dyn, len);
            }
        } else {
            sink_dyn(f(3).str(lower).finish());
            sink_dyn(f(4).str(shape).finish());
            cluster_feature(&mut sink_dyn, 6);
        }
    }
}

/// The sentence facts token features look at.
pub(crate) struct SentenceView<'a> {
    pub words: &'a [WordInfo],
    pub gazetteer: &'a [GazetteerMatch],
    pub all_caps: bool,
}

impl SentenceView<'_> {
    /// Whether most letters of the sentence are capitals (CoNLL headlines, shouted titles).
    pub(crate) fn is_all_caps(words: &[WordInfo]) -> bool {
        let alpha = words.iter().filter(|w| w.flags & HAS_ALPHA != 0).count();
        let caps = words.iter().filter(|w| w.flags & ALL_CAPS != 0).count();
        alpha >= 2 && caps * 10 >= alpha * 8
    }
}

/// Emits the token features of token `i`.
pub(crate) fn token_features(set: FeatureSet, s: &SentenceView<'_>, i: usize, sink: &mut impl FnMut(u64)) {
    let n = s.words.len();
    let w = s.words[i];
    let boundary = WordInfo {
        lower: 0,
        shape: 0,
        flags: 0,
    };
    let prev = if i > 0 { s.words[i - 1] } else { boundary };
    let next = if i + 1 < n { s.words[i + 1] } else { boundary };
    sink(FeatureHash::new(100).u64(prev.lower).u64(w.lower).finish());
    sink(FeatureHash::new(101).u64(w.lower).u64(next.lower).finish());
    sink(
        FeatureHash::new(102)
            .u64(prev.shape)
            .u64(w.shape)
            .u64(next.shape)
            .finish(),
    );
    if i == 0 {
        sink(FeatureHash::new(103).u64(w.shape).finish());
    }
    if s.all_caps {
        sink(FeatureHash::new(104).finish());
        sink(FeatureHash::new(105).u64(w.lower).finish());
    }
    if set.gazetteer {
        for m in s.gazetteer {
            let (start, end) = (m.start as usize, (m.start + m.len) as usize);
            let cat = u64::from(m.category);
            if (start..end).contains(&i) {
                let position = if i == start { 0 } else { 1 };
                let case = u64::from(w.flags & (CAPITALISED | ALL_CAPS));
                sink(FeatureHash::new(110).u64(cat).u64(position).finish());
                sink(FeatureHash::new(111).u64(cat).u64(position).u64(case).finish());
                sink(
                    FeatureHash::new(112)
                        .u64(cat)
                        .u64(u64::from(m.len.min(4)))
                        .u64(position)
                        .finish(),
                );
            } else if start == i + 1 {
                sink(FeatureHash::new(113).u64(cat).finish());
            } else if end == i {
                sink(FeatureHash::new(114).u64(cat).finish());
            }
        }
    }
}

/// How the first stage labelled a word across a document: per kind (PER, ORG, LOC, MISC), how often it was
/// tagged so, and how often inside a multi-token entity.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordHistory {
    pub kinds: [u16; 5],
    pub multi: [u16; 5],
}

/// Emits the document features of a token whose word has `history` in the document, excluding the token's own
/// first-stage label `own` (0 = O, 1..=4 = kind) and whether that was multi-token.
pub(crate) fn document_features(
    w: WordInfo,
    history: &WordHistory,
    own: usize,
    own_multi: bool,
    sink: &mut impl FnMut(u64),
) {
    if w.flags & (CAPITALISED | ALL_CAPS) == 0 {
        return;
    }
    let mut kinds = history.kinds;
    let mut multi = history.multi;
    kinds[own] = kinds[own].saturating_sub(1);
    if own_multi {
        multi[own] = multi[own].saturating_sub(1);
    }
    let total: u16 = kinds.iter().sum();
    if total == 0 {
        sink(FeatureHash::new(200).finish());
        return;
    }
    let (best, _) = kinds
        .iter()
        .enumerate()
        .rev()
        .max_by_key(|(_, c)| **c)
        .unwrap_or((0, &0));
    sink(FeatureHash::new(201).u64(best as u64).finish());
    let entity_total: u16 = kinds[1..].iter().sum();
    if entity_total > 0 {
        let (best_kind, _) = kinds[1..]
            .iter()
            .enumerate()
            .rev()
            .max_by_key(|(_, c)| **c)
            .unwrap_or((0, &0));
        sink(FeatureHash::new(202).u64(best_kind as u64).finish());
        let share = u64::from(entity_total * 4 / total);
        sink(FeatureHash::new(203).u64(best_kind as u64).u64(share).finish());
    }
    for (k, &m) in multi.iter().enumerate().skip(1) {
        if m > 0 {
            sink(FeatureHash::new(204).u64(k as u64).finish());
        }
    }
}
