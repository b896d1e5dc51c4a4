//! The tagger: the shipped model, its per-word-type score cache, and two-stage decoding of a document.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::error::Result;
use crate::features::{
    document_features, token_features, word_info, SentenceView, WordHistory, WordInfo, WordType, BOUNDARY,
    GAZETTEER_START, OFFSETS, WINDOW,
};
use crate::lexicon::GazetteerMatch;
use crate::model::{read_model, row, Model};
use crate::tags::{spans, tag_kind, N_TAGS, TAG_NAMES};
use crate::viterbi::{viterbi, ViterbiBuffers};
use crate::word_cache::WordCache;
use crate::Entity;

/// The model shipped with lede: trained by `lede ner train` on CoNLL-2003, with clusters learnt from news text.
static SHIPPED_MODEL: &[u8] = include_bytes!("../../../data/ner/model.bin");

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A named-entity tagger. Cheap to share: `Send + Sync`, and all scratch space is per thread.
pub struct Tagger {
    id: u64,
    model: Model,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("stages", &self.model.weights.transitions.len())
            .field("rows", &(1usize << self.model.bits))
            .field("clusters", &self.model.clusters.len())
            .field("gazetteer", &self.model.gazetteer.len())
            .finish()
    }
}

/// Summed type-feature weights of one word type at each offset, per stage, and its facts for token features.
struct CachedWord {
    info: WordInfo,
    emissions: [[[f32; N_TAGS]; OFFSETS]; 2],
}

/// Per-thread scratch: the word-type cache (valid for one tagger at a time) and decoding buffers.
#[derive(Default)]
struct Scratch {
    tagger: u64,
    words: WordCache<CachedWord>,
    viterbi: ViterbiBuffers,
    /// Word ids of the document, sentence after sentence, and each sentence's range.
    document: Vec<u32>,
    bounds: Vec<(usize, usize)>,
    infos: Vec<WordInfo>,
    lower: Vec<u64>,
    matches: Vec<GazetteerMatch>,
    /// Stage-1 emissions of the current sentence; stage-2 emissions of the whole document.
    first: Vec<[f32; N_TAGS]>,
    second: Vec<[f32; N_TAGS]>,
    first_labels: Vec<u8>,
    labels: Vec<u8>,
    /// Offsets of the weight rows of the current sentence's token features, and where each token's begin.
    rows: Vec<u32>,
    row_starts: Vec<u32>,
    /// Offset and weight row of each type feature of a new word type.
    type_rows: Vec<(u32, u32)>,
}

/// The cache is trimmed to its most used half when it holds this many word types, to bound memory on endless
/// input: an entry takes about 450 bytes, so a thread's cache stays under 30 MB, and 60,000 types cover nearly
/// all tokens of news text.
const CACHE_LIMIT: usize = 60_000;

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Tagger {
    /// The model shipped with lede (embedded in the binary), parsed on the first call and kept for the
    /// life of the process.
    pub fn shipped() -> Result<&'static Tagger> {
        static SHIPPED: OnceLock<std::result::Result<Tagger, String>> = OnceLock::new();
        SHIPPED
            .get_or_init(|| Tagger::from_bytes(SHIPPED_MODEL).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| crate::Error::Model(e.clone()))
    }

    /// Parses a model written by [`crate::train`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger> {
        let model = read_model(bytes)?;
        Ok(Tagger {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            model,
        })
    }

    /// The entities of one article: canonical names (see [`Entity::name`]), deduplicated, ordered by mentions
    /// (most first) and then by first appearance.
    pub fn article_entities(&self, headline: &str, body: &str) -> Vec<Entity> {
        crate::canonical::article_entities(self, headline, body)
    }

    /// IOB2 labels (`B-PER`, `I-ORG`, `O`, ...) for the pre-tokenised sentences of one document.
    pub fn tag_document(&self, sentences: &[Vec<String>]) -> Vec<Vec<String>> {
        self.tag_indices(sentences)
            .into_iter()
            .map(|s| s.into_iter().map(|t| TAG_NAMES[t as usize].to_string()).collect())
            .collect()
    }

    /// Label indices for the sentences of one document.
    pub(crate) fn tag_indices<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<u8>> {
        SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            self.tag_with(&mut scratch, sentences)
        })
    }

    fn word_id(&self, scratch: &mut Scratch, word: &str) -> u32 {
        if let Some(id) = scratch.words.get(word) {
            return id;
        }
        let model = &self.model;
        // Most words are already lowercase ASCII: borrow them rather than allocate a copy.
        let lower: Cow<'_, str> = if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(word.to_lowercase())
        };
        let mut info = word_info(word, &lower);
        if model.features.gazetteer && model.gazetteer.starts(info.lower) {
            info.flags |= GAZETTEER_START;
        }
        let mut emissions = [[[0f32; N_TAGS]; OFFSETS]; 2];
        let weights = &model.weights;
        let word_type = WordType::new(model.features, &model.clusters, word, &lower);
        // Some forty rows, scattered over the table: ask for all of them before summing any.
        let rows = &mut scratch.type_rows;
        rows.clear();
        for offset in 0..OFFSETS {
            word_type.features(offset, &mut |h| {
                let r = row(h, model.bits);
                if weights.is_live(r) {
                    prefetch(&weights.table[r * weights.stride..(r + 1) * weights.stride]);
                    rows.push((offset as u32, (r * weights.stride) as u32));
                }
            });
        }
        for &(offset, base) in rows.iter() {
            for (s, stage) in emissions.iter_mut().enumerate().take(weights.transitions.len()) {
                add_i16(
                    &mut stage[offset as usize],
                    &weights.table[base as usize + s * N_TAGS..],
                );
            }
        }
        scratch.words.insert(word, CachedWord { info, emissions })
    }

    fn tag_with<S: AsRef<str>>(&self, scratch: &mut Scratch, sentences: &[Vec<S>]) -> Vec<Vec<u8>> {
        if scratch.tagger != self.id {
            scratch.words.clear();
            scratch.tagger = self.id;
        }
        scratch.words.trim(CACHE_LIMIT);
        let boundary = self.word_id(scratch, BOUNDARY);
        scratch.document.clear();
        scratch.bounds.clear();
        // The words of one article, interned: an article repeats most of its words, and this small table
        // stays in cache where a look-up in the thread's whole word cache is a cache miss or two.
        let mut article: FxHashMap<&str, u32> = FxHashMap::default();
        for sentence in sentences {
            let start = scratch.document.len();
            for word in sentence {
                let word = word.as_ref();
                let id = match article.get(word) {
                    Some(&id) => id,
                    None => {
                        let id = self.word_id(scratch, word);
                        article.insert(word, id);
                        id
                    }
                };
                scratch.document.push(id);
            }
            scratch.bounds.push((start, scratch.document.len()));
        }
        let model = &self.model;
        let weights = &model.weights;
        let two_stages = weights.transitions.len() == 2;
        let Scratch {
            words,
            viterbi: buffers,
            document,
            bounds,
            infos,
            lower,
            matches,
            first,
            second,
            first_labels,
            labels,
            rows,
            row_starts,
            ..
        } = scratch;
        infos.clear();
        let words = words.entries();
        infos.extend(document.iter().map(|&id| words[id as usize].info));
        second.clear();
        first_labels.clear();
        for &(a, b) in bounds.iter() {
            let (ids, sentence_infos) = (&document[a..b], &infos[a..b]);
            let n = ids.len();
            matches.clear();
            if model.features.gazetteer && sentence_infos.iter().any(|w| w.flags & GAZETTEER_START != 0) {
                lower.clear();
                lower.extend(sentence_infos.iter().map(|w| w.lower));
                model
                    .gazetteer
                    .find(lower, |i| sentence_infos[i].flags & GAZETTEER_START != 0, matches);
            }
            let view = SentenceView {
                words: sentence_infos,
                gazetteer: matches,
                all_caps: SentenceView::is_all_caps(sentence_infos),
            };
            // The rows token features read are scattered over the table: collect them for the whole sentence
            // first, so the loads below are independent and the processor overlaps their cache misses.
            rows.clear();
            row_starts.clear();
            for t in 0..n {
                row_starts.push(rows.len() as u32);
                token_features(model.features, &view, t, &mut |h| {
                    let r = row(h, model.bits);
                    if weights.is_live(r) {
                        prefetch(&weights.table[r * weights.stride..(r + 1) * weights.stride]);
                        rows.push((r * weights.stride) as u32);
                    }
                });
            }
            row_starts.push(rows.len() as u32);
            first.clear();
            for t in 0..n {
                let mut e = [[0f32; N_TAGS]; 2];
                for o in 0..OFFSETS {
                    let at = (t + o).wrapping_sub(WINDOW);
                    let id = if at < n { ids[at] } else { boundary };
                    let cached = &words[id as usize].emissions;
                    add(&mut e[0], &cached[0][o]);
                    if two_stages {
                        add(&mut e[1], &cached[1][o]);
                    }
                }
                for &base in &rows[row_starts[t] as usize..row_starts[t + 1] as usize] {
                    let base = base as usize;
                    add_i16(&mut e[0], &weights.table[base..]);
                    if two_stages {
                        add_i16(&mut e[1], &weights.table[base + N_TAGS..]);
                    }
                }
                first.push(e[0]);
                if two_stages {
                    second.push(e[1]);
                }
            }
            viterbi(first, &weights.transitions[0], buffers, labels);
            first_labels.extend_from_slice(labels);
        }
        if !two_stages {
            return bounds.iter().map(|&(a, b)| first_labels[a..b].to_vec()).collect();
        }
        let history = document_history(bounds.iter().map(|&(a, b)| (&infos[a..b], &first_labels[a..b])));
        let mut out = Vec::with_capacity(bounds.len());
        for &(a, b) in bounds.iter() {
            let own_labels = &first_labels[a..b];
            for t in 0..b - a {
                let info = infos[a + t];
                if let Some(h) = history.get(&info.lower) {
                    let (own, multi) = own_label(own_labels, t);
                    let e = &mut second[a + t];
                    document_features(info, h, own, multi, &mut |f| {
                        let r = row(f, model.bits);
                        if weights.is_live(r) {
                            add_i16(e, &weights.table[r * weights.stride + N_TAGS..]);
                        }
                    });
                }
            }
            viterbi(&second[a..b], &weights.transitions[1], buffers, labels);
            out.push(labels.clone());
        }
        out
    }
}

#[inline]
fn add(sum: &mut [f32; N_TAGS], w: &[f32; N_TAGS]) {
    for k in 0..N_TAGS {
        sum[k] += w[k];
    }
}

/// Asks the processor to start loading a weight row (both cache lines, as a row may straddle two) so that
/// the loads of many scattered rows overlap instead of waiting one after the other.
#[inline]
fn prefetch(row: &[i16]) {
    #[cfg(target_arch = "x86_64")]
    for p in [row.as_ptr(), row.as_ptr().wrapping_add(row.len().saturating_sub(1))] {
        // SAFETY: a prefetch is a hint that never faults and reads nothing into the program; SSE, which it
        // needs, is part of every x86_64 processor.
        unsafe { std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = row;
}

/// Adds the first `N_TAGS` weights of `w`. A fixed-size row lets the compiler convert and add it as vectors.
#[inline]
fn add_i16(sum: &mut [f32; N_TAGS], w: &[i16]) {
    let Some(w) = w.first_chunk::<N_TAGS>() else { return };
    for k in 0..N_TAGS {
        sum[k] += f32::from(w[k]);
    }
}

/// The first-stage kind (0 = O, 1..=4) of token `t` and whether its entity spans several tokens.
pub(crate) fn own_label(labels: &[u8], t: usize) -> (usize, bool) {
    let tag = labels[t];
    let Some(kind) = tag_kind(tag) else { return (0, false) };
    let multi = crate::tags::is_inside(tag)
        || labels
            .get(t + 1)
            .is_some_and(|&n| n == tag + 1 || (tag & 1 == 0 && n == tag));
    (kind as usize + 1, multi)
}

/// How the first stage labelled each capitalised word (by lowercase hash) across a document, given each
/// sentence's word facts and first-stage labels.
pub(crate) fn document_history<'a>(
    sentences: impl Iterator<Item = (&'a [WordInfo], &'a [u8])>,
) -> FxHashMap<u64, WordHistory> {
    let mut history: FxHashMap<u64, WordHistory> = FxHashMap::default();
    let mut multi = Vec::new();
    for (infos, tags) in sentences {
        multi.clear();
        multi.resize(tags.len(), false);
        for (a, b, _) in spans(tags) {
            if b - a > 1 {
                multi[a..b].iter_mut().for_each(|m| *m = true);
            }
        }
        for (t, w) in infos.iter().enumerate() {
            if w.flags & (crate::features::CAPITALISED | crate::features::ALL_CAPS) == 0 {
                continue;
            }
            let kind = tag_kind(tags[t]).map_or(0, |k| k as usize + 1);
            let h = history.entry(w.lower).or_default();
            h.kinds[kind] = h.kinds[kind].saturating_add(1);
            if multi[t] {
                h.multi[kind] = h.multi[kind].saturating_add(1);
            }
        }
    }
    history
}
