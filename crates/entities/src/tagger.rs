//! The tagger: the shipped model, its per-word-type score cache, and two-stage decoding of a document.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use crate::error::Result;
use crate::features::{
    document_features, token_features, type_features, word_info, SentenceView, WordHistory, WordInfo, BOUNDARY,
    GAZETTEER_START, OFFSETS, WINDOW,
};
use crate::hash::FastMap;
use crate::lexicon::GazetteerMatch;
use crate::model::{read_model, row, Model, Stage};
use crate::tags::{spans, tag_kind, N_TAGS, TAG_NAMES};
use crate::viterbi::{viterbi, ViterbiBuffers};
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
            .field("stages", &self.model.stages.len())
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
    ids: FastMap<Box<str>, u32>,
    words: Vec<CachedWord>,
    viterbi: ViterbiBuffers,
    emissions: Vec<[f32; N_TAGS]>,
    infos: Vec<WordInfo>,
    lower: Vec<u64>,
    matches: Vec<GazetteerMatch>,
    labels: Vec<u8>,
}

/// The cache is dropped when it holds this many word types, to bound memory on endless input.
const CACHE_LIMIT: usize = 400_000;

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
        if let Some(&id) = scratch.ids.get(word) {
            return id;
        }
        let model = &self.model;
        let lower = word.to_lowercase();
        let mut info = word_info(word, &lower);
        if model.features.gazetteer && model.gazetteer.starts(info.lower) {
            info.flags |= GAZETTEER_START;
        }
        let mut emissions = [[[0f32; N_TAGS]; OFFSETS]; 2];
        for (s, stage) in model.stages.iter().enumerate() {
            for (offset, sum) in emissions[s].iter_mut().enumerate() {
                type_features(model.features, &model.clusters, word, &lower, offset, &mut |h| {
                    add_row(sum, stage, row(h, model.bits));
                });
            }
        }
        let id = scratch.words.len() as u32;
        scratch.words.push(CachedWord { info, emissions });
        scratch.ids.insert(word.into(), id);
        id
    }

    fn tag_with<S: AsRef<str>>(&self, scratch: &mut Scratch, sentences: &[Vec<S>]) -> Vec<Vec<u8>> {
        if scratch.tagger != self.id || scratch.words.len() > CACHE_LIMIT {
            scratch.ids.clear();
            scratch.words.clear();
            scratch.tagger = self.id;
        }
        let boundary = self.word_id(scratch, BOUNDARY);
        let ids: Vec<Vec<u32>> = sentences
            .iter()
            .map(|s| s.iter().map(|w| self.word_id(scratch, w.as_ref())).collect())
            .collect();
        let model = &self.model;
        let mut labels: Vec<Vec<u8>> = Vec::with_capacity(sentences.len());
        for sentence in &ids {
            self.decode_sentence(scratch, 0, sentence, boundary, None);
            labels.push(scratch.labels.clone());
        }
        if model.stages.len() < 2 {
            return labels;
        }
        let history = document_history(&ids, &labels, |id| scratch.words[id as usize].info);
        let mut second = Vec::with_capacity(sentences.len());
        for (sentence, first) in ids.iter().zip(&labels) {
            self.decode_sentence(scratch, 1, sentence, boundary, Some((&history, first)));
            second.push(scratch.labels.clone());
        }
        second
    }

    /// Decodes one sentence with stage `s` into `scratch.labels`.
    #[allow(clippy::needless_range_loop)] // `t` indexes the sentence, its word facts and the window around it
    fn decode_sentence(
        &self,
        scratch: &mut Scratch,
        s: usize,
        sentence: &[u32],
        boundary: u32,
        document: Option<(&FastMap<u64, WordHistory>, &[u8])>,
    ) {
        let model = &self.model;
        let stage = &model.stages[s];
        let n = sentence.len();
        let Scratch {
            words,
            emissions,
            infos,
            lower,
            matches,
            viterbi: buffers,
            labels,
            ..
        } = scratch;
        infos.clear();
        infos.extend(sentence.iter().map(|&id| words[id as usize].info));
        matches.clear();
        if model.features.gazetteer && infos.iter().any(|w| w.flags & GAZETTEER_START != 0) {
            lower.clear();
            lower.extend(infos.iter().map(|w| w.lower));
            model
                .gazetteer
                .find(lower, |i| infos[i].flags & GAZETTEER_START != 0, matches);
        }
        let view = SentenceView {
            words: infos,
            gazetteer: matches,
            all_caps: SentenceView::is_all_caps(infos),
        };
        emissions.clear();
        for t in 0..n {
            let mut e = [0f32; N_TAGS];
            for o in 0..OFFSETS {
                let at = t as isize + o as isize - WINDOW as isize;
                let id = if at < 0 || at >= n as isize {
                    boundary
                } else {
                    sentence[at as usize]
                };
                let cached = &words[id as usize].emissions[s][o];
                for k in 0..N_TAGS {
                    e[k] += cached[k];
                }
            }
            token_features(model.features, &view, t, &mut |h| {
                add_row(&mut e, stage, row(h, model.bits))
            });
            if let Some((history, first)) = document {
                if let Some(h) = history.get(&infos[t].lower) {
                    let (own, multi) = own_label(first, t);
                    document_features(infos[t], h, own, multi, &mut |h| {
                        add_row(&mut e, stage, row(h, model.bits))
                    });
                }
            }
            emissions.push(e);
        }
        viterbi(emissions, &stage.transitions, buffers, labels);
    }
}

#[inline]
fn add_row(sum: &mut [f32; N_TAGS], stage: &Stage, r: usize) {
    let w = &stage.weights[r * N_TAGS..(r + 1) * N_TAGS];
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

/// How the first stage labelled each capitalised word (by lowercase hash) across a document.
pub(crate) fn document_history<T: Copy>(
    sentences: &[Vec<T>],
    labels: &[Vec<u8>],
    info: impl Fn(T) -> WordInfo,
) -> FastMap<u64, WordHistory> {
    let mut history: FastMap<u64, WordHistory> = FastMap::default();
    for (sentence, tags) in sentences.iter().zip(labels) {
        let entity_of = spans(tags);
        let mut multi = vec![false; tags.len()];
        for &(a, b, _) in &entity_of {
            if b - a > 1 {
                multi[a..b].iter_mut().for_each(|m| *m = true);
            }
        }
        for (t, &word) in sentence.iter().enumerate() {
            let w = info(word);
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
