//! Training data: CoNLL documents as rows of the weight table per token, and the stage-2 examples that add
//! document features to them.

use rustc_hash::FxHashMap;

use crate::conll::ConllDocument;
use crate::features::{
    document_features, token_features, type_features, word_info, FeatureSet, SentenceView, WordHistory, WordInfo,
    BOUNDARY, GAZETTEER_START, OFFSETS, WINDOW,
};
use crate::lexicon::{Clusters, Gazetteer, GazetteerMatch};
use crate::model::row;
use crate::tagger::{document_history, own_label};
use crate::tags::tag_index;

/// One sentence as rows of weights per token.
pub(super) struct Example {
    rows: Vec<u32>,
    starts: Vec<u32>,
    pub gold: Vec<u8>,
}

impl Example {
    pub fn token_rows(&self, t: usize) -> &[u32] {
        &self.rows[self.starts[t] as usize..self.starts[t + 1] as usize]
    }
}

/// A document's sentences: their examples and word facts.
pub(super) struct Document {
    pub examples: Vec<Example>,
    infos: Vec<Vec<WordInfo>>,
}

/// Feature extraction for training, mirroring the tagger's cached path.
pub(super) struct Extractor {
    pub bits: u8,
    pub features: FeatureSet,
    pub clusters: Clusters,
    pub gazetteer: Gazetteer,
    pub types: FxHashMap<String, (WordInfo, [Vec<u32>; OFFSETS])>,
}

impl Extractor {
    fn word(&mut self, word: &str) -> &(WordInfo, [Vec<u32>; OFFSETS]) {
        if !self.types.contains_key(word) {
            let lower = word.to_lowercase();
            let mut info = word_info(word, &lower);
            if self.features.gazetteer && self.gazetteer.starts(info.lower) {
                info.flags |= GAZETTEER_START;
            }
            let mut rows: [Vec<u32>; OFFSETS] = Default::default();
            for (offset, list) in rows.iter_mut().enumerate() {
                type_features(self.features, &self.clusters, word, &lower, offset, &mut |h| {
                    list.push(row(h, self.bits) as u32)
                });
            }
            self.types.insert(word.to_string(), (info, rows));
        }
        &self.types[word]
    }

    pub fn document(&mut self, doc: &ConllDocument) -> Document {
        let mut out = Document {
            examples: Vec::new(),
            infos: Vec::new(),
        };
        let mut matches: Vec<GazetteerMatch> = Vec::new();
        for sentence in &doc.sentences {
            let n = sentence.tokens.len();
            let infos: Vec<WordInfo> = sentence.tokens.iter().map(|w| self.word(w).0).collect();
            matches.clear();
            if self.features.gazetteer {
                let lower: Vec<u64> = infos.iter().map(|w| w.lower).collect();
                self.gazetteer
                    .find(&lower, |i| infos[i].flags & GAZETTEER_START != 0, &mut matches);
            }
            let mut example = Example {
                rows: Vec::new(),
                starts: vec![0],
                gold: Vec::with_capacity(n),
            };
            for t in 0..n {
                for o in 0..OFFSETS {
                    let at = t as isize + o as isize - WINDOW as isize;
                    let word = if at < 0 || at >= n as isize {
                        BOUNDARY
                    } else {
                        sentence.tokens[at as usize].as_str()
                    };
                    let rows = &self.word(word).1[o];
                    example.rows.extend_from_slice(rows);
                }
                let view = SentenceView {
                    words: &infos,
                    gazetteer: &matches,
                    all_caps: SentenceView::is_all_caps(&infos),
                };
                token_features(self.features, &view, t, &mut |h| {
                    example.rows.push(row(h, self.bits) as u32)
                });
                example.starts.push(example.rows.len() as u32);
                example.gold.push(tag_index(&sentence.gold[t]));
            }
            out.examples.push(example);
            out.infos.push(infos);
        }
        out
    }
}

/// Stage-2 examples: stage-1 rows plus document features from the given stage-1 labels.
pub(super) fn with_document_features(doc: &Document, labels: &[Vec<u8>], bits: u8) -> Vec<Example> {
    let history: FxHashMap<u64, WordHistory> =
        document_history(doc.infos.iter().zip(labels).map(|(i, l)| (i.as_slice(), l.as_slice())));
    doc.examples
        .iter()
        .zip(&doc.infos)
        .zip(labels)
        .map(|((example, infos), first)| {
            let mut out = Example {
                rows: Vec::new(),
                starts: vec![0],
                gold: example.gold.clone(),
            };
            for (t, info) in infos.iter().enumerate() {
                out.rows.extend_from_slice(example.token_rows(t));
                if let Some(h) = history.get(&info.lower) {
                    let (own, multi) = own_label(first, t);
                    document_features(*info, h, own, multi, &mut |f| out.rows.push(row(f, bits) as u32));
                }
                out.starts.push(out.rows.len() as u32);
            }
            out
        })
        .collect()
}
