//! Training: a two-stage averaged structured perceptron over hashed features, tuned on the validation set.
//!
//! Stage 1 tags from sentence-local features. Stage 2 adds document features: how stage 1 labelled the same
//! word elsewhere in the document. To give stage 2 honest (imperfect) stage-1 labels on the training set, those
//! come from k-fold jackknifing: each fold is tagged by a stage-1 model trained on the other folds.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use crate::conll::{conlleval, read_conll_file, ConllDocument};
use crate::error::{Error, Result};
use crate::features::{
    document_features, token_features, type_features, word_info, FeatureSet, SentenceView, WordHistory, WordInfo,
    BOUNDARY, GAZETTEER_START, OFFSETS, WINDOW,
};
use crate::lexicon::{Clusters, Gazetteer, GazetteerMatch};
use crate::model::{row, write_model, FloatStage, Transitions};
use crate::tagger::{document_history, own_label};
use crate::tags::{tag_index, N_TAGS, TAG_NAMES};
use crate::viterbi::{viterbi, ViterbiBuffers};

/// How to train.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Maximum passes over the training set per stage; the best pass on the validation set is kept.
    pub epochs: usize,
    /// The weight table has `2^bits` rows of nine weights.
    pub bits: u8,
    /// Folds for the jackknifed stage-1 labels that stage 2 trains on.
    pub folds: usize,
    /// Word clusters (`word<TAB>bitstring`), or none.
    pub clusters: Option<PathBuf>,
    /// Gazetteer directory (`CATEGORY.txt` files), or none.
    pub gazetteer: Option<PathBuf>,
    /// Whether to train the second, document-level stage.
    pub two_stage: bool,
    /// Seed of the sentence shuffling.
    pub seed: u64,
    /// Perceptrons trained per stage, each on its own shuffling; the model averages their weights.
    pub runs: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 30,
            bits: 20,
            folds: 5,
            clusters: None,
            gazetteer: None,
            two_stage: true,
            seed: 17,
            runs: 3,
        }
    }
}

/// A training milestone, reported through the `progress` callback of [`train`].
#[derive(Debug, Clone)]
pub struct TrainProgress {
    /// What is being trained: `stage 1`, `fold 2/5`, `stage 2`, ...
    pub phase: String,
    /// The pass just finished (1-based).
    pub epoch: usize,
    /// Passes planned for this phase.
    pub epochs: usize,
    /// Sentences the perceptron got wrong during the pass.
    pub mistakes: usize,
    /// Entity F1 on the validation set after the pass, when measured.
    pub valid_f1: Option<f64>,
}

/// One sentence as rows of weights per token.
struct Example {
    rows: Vec<u32>,
    starts: Vec<u32>,
    gold: Vec<u8>,
}

impl Example {
    fn token_rows(&self, t: usize) -> &[u32] {
        &self.rows[self.starts[t] as usize..self.starts[t + 1] as usize]
    }
}

/// A document's sentences: their examples and word facts.
struct Document {
    examples: Vec<Example>,
    infos: Vec<Vec<WordInfo>>,
}

/// Feature extraction for training, mirroring the tagger's cached path.
struct Extractor {
    bits: u8,
    features: FeatureSet,
    clusters: Clusters,
    gazetteer: Gazetteer,
    types: FxHashMap<String, (WordInfo, [Vec<u32>; OFFSETS])>,
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

    fn document(&mut self, doc: &ConllDocument) -> Document {
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
fn with_document_features(doc: &Document, labels: &[Vec<u8>], bits: u8) -> Vec<Example> {
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

/// An averaged perceptron (the averaging by the usual "w − u/c" trick).
struct Perceptron {
    w: Vec<f32>,
    u: Vec<f64>,
    tw: Transitions<f32>,
    tu: [[f64; N_TAGS]; N_TAGS + 1],
    c: f64,
}

impl Perceptron {
    fn new(bits: u8) -> Perceptron {
        let n = (1usize << bits) * N_TAGS;
        Perceptron {
            w: vec![0.0; n],
            u: vec![0.0; n],
            tw: [[0.0; N_TAGS]; N_TAGS + 1],
            tu: [[0.0; N_TAGS]; N_TAGS + 1],
            c: 1.0,
        }
    }

    fn bump(&mut self, rows: &[u32], tag: u8, delta: f32) {
        let c = self.c * f64::from(delta);
        for &r in rows {
            let i = r as usize * N_TAGS + tag as usize;
            self.w[i] += delta;
            self.u[i] += c;
        }
    }

    /// One perceptron step on one sentence; returns whether it was wrong.
    fn learn(&mut self, example: &Example, scratch: &mut DecodeScratch) -> bool {
        decode(&self.w, &self.tw, example, scratch);
        let predicted = std::mem::take(&mut scratch.labels);
        let gold = &example.gold;
        let wrong = predicted != *gold;
        if wrong {
            for t in 0..gold.len() {
                if gold[t] != predicted[t] {
                    let rows = example.token_rows(t);
                    self.bump(rows, gold[t], 1.0);
                    self.bump(rows, predicted[t], -1.0);
                }
                let pg = if t == 0 { 0 } else { gold[t - 1] as usize + 1 };
                let pp = if t == 0 { 0 } else { predicted[t - 1] as usize + 1 };
                if (pg, gold[t]) != (pp, predicted[t]) {
                    self.tw[pg][gold[t] as usize] += 1.0;
                    self.tu[pg][gold[t] as usize] += self.c;
                    self.tw[pp][predicted[t] as usize] -= 1.0;
                    self.tu[pp][predicted[t] as usize] -= self.c;
                }
            }
        }
        scratch.labels = predicted;
        self.c += 1.0;
        wrong
    }

    #[allow(clippy::needless_range_loop)] // two tables indexed alike
    fn averaged(&self) -> FloatStage {
        let c = self.c;
        let weights = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| (f64::from(w) - u / c) as f32)
            .collect();
        let mut transitions = [[0f32; N_TAGS]; N_TAGS + 1];
        for p in 0..=N_TAGS {
            for k in 0..N_TAGS {
                transitions[p][k] = (f64::from(self.tw[p][k]) - self.tu[p][k] / c) as f32;
            }
        }
        FloatStage { weights, transitions }
    }
}

#[derive(Default)]
struct DecodeScratch {
    emissions: Vec<[f32; N_TAGS]>,
    viterbi: ViterbiBuffers,
    labels: Vec<u8>,
}

fn decode(weights: &[f32], transitions: &Transitions<f32>, example: &Example, scratch: &mut DecodeScratch) {
    scratch.emissions.clear();
    for t in 0..example.gold.len() {
        let mut e = [0f32; N_TAGS];
        for &r in example.token_rows(t) {
            let w = &weights[r as usize * N_TAGS..(r as usize + 1) * N_TAGS];
            for k in 0..N_TAGS {
                e[k] += w[k];
            }
        }
        scratch.emissions.push(e);
    }
    viterbi(
        &scratch.emissions,
        transitions,
        &mut scratch.viterbi,
        &mut scratch.labels,
    );
}

fn tag_all(stage: &FloatStage, docs: &[Vec<&Example>]) -> Vec<Vec<Vec<u8>>> {
    let mut scratch = DecodeScratch::default();
    docs.iter()
        .map(|doc| {
            doc.iter()
                .map(|e| {
                    decode(&stage.weights, &stage.transitions, e, &mut scratch);
                    scratch.labels.clone()
                })
                .collect()
        })
        .collect()
}

fn f1(gold: &[Vec<&Example>], predicted: &[Vec<Vec<u8>>]) -> f64 {
    let names = |s: &[u8]| s.iter().map(|&t| TAG_NAMES[t as usize]).collect::<Vec<_>>();
    let g: Vec<Vec<&str>> = gold.iter().flatten().map(|e| names(&e.gold)).collect();
    let p: Vec<Vec<&str>> = predicted.iter().flatten().map(|s| names(s)).collect();
    conlleval(&g, &p).overall.f1
}

/// A tiny deterministic generator for shuffling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Trains for `epochs` passes; with a validation set, returns the averaged weights of the best pass.
fn fit(
    phase: &str,
    train: &[&Example],
    valid: Option<&[Vec<&Example>]>,
    epochs: usize,
    bits: u8,
    seed: u64,
    progress: &mut dyn FnMut(TrainProgress),
) -> (FloatStage, usize, f64) {
    let mut perceptron = Perceptron::new(bits);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng(seed.max(1));
    let mut scratch = DecodeScratch::default();
    let mut best: Option<(FloatStage, usize, f64)> = None;
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        let mistakes = order
            .iter()
            .filter(|&&i| perceptron.learn(train[i], &mut scratch))
            .count();
        let mut valid_f1 = None;
        if let Some(valid) = valid {
            let stage = perceptron.averaged();
            let f = f1(valid, &tag_all(&stage, valid));
            valid_f1 = Some(f);
            if best.as_ref().is_none_or(|b| f > b.2) {
                best = Some((stage, epoch, f));
            }
        } else if epoch == epochs {
            best = Some((perceptron.averaged(), epoch, 0.0));
        }
        progress(TrainProgress {
            phase: phase.to_string(),
            epoch,
            epochs,
            mistakes,
            valid_f1,
        });
    }
    best.unwrap_or_else(|| (perceptron.averaged(), 0, 0.0))
}

/// Trains `runs` perceptrons with different shufflings and averages their weights (which lowers the variance a
/// single shuffling has). Returns the average, the largest chosen pass count and the average's validation F1.
#[allow(clippy::too_many_arguments)]
fn fit_ensemble(
    phase: &str,
    train: &[&Example],
    valid: Option<&[Vec<&Example>]>,
    epochs: usize,
    bits: u8,
    seed: u64,
    runs: usize,
    progress: &mut dyn FnMut(TrainProgress),
) -> (FloatStage, usize, f64) {
    let runs = runs.max(1);
    let mut sum: Option<FloatStage> = None;
    let mut best_epoch = 0;
    for run in 0..runs {
        let name = if runs > 1 {
            format!("{phase} run {}/{runs}", run + 1)
        } else {
            phase.to_string()
        };
        let (stage, epoch, f1) = fit(&name, train, valid, epochs, bits, seed + 7919 * run as u64, progress);
        best_epoch = best_epoch.max(epoch);
        if runs == 1 {
            return (stage, epoch, f1);
        }
        match &mut sum {
            None => sum = Some(stage),
            Some(total) => {
                total.weights.iter_mut().zip(&stage.weights).for_each(|(t, w)| *t += w);
                for (t, w) in total
                    .transitions
                    .iter_mut()
                    .flatten()
                    .zip(stage.transitions.iter().flatten())
                {
                    *t += w;
                }
            }
        }
    }
    let mut average = sum.unwrap_or_else(|| Perceptron::new(bits).averaged());
    let scale = 1.0 / runs as f32;
    average.weights.iter_mut().for_each(|w| *w *= scale);
    average.transitions.iter_mut().flatten().for_each(|w| *w *= scale);
    let f1 = valid.map_or(0.0, |v| f1(v, &tag_all(&average, v)));
    progress(TrainProgress {
        phase: format!("{phase} average of {runs}"),
        epoch: best_epoch,
        epochs,
        mistakes: 0,
        valid_f1: valid.map(|_| f1),
    });
    (average, best_epoch, f1)
}

/// Trains a model on CoNLL `train`, choosing the number of passes on `valid`, and returns the model bytes.
pub fn train(
    train: &Path,
    valid: &Path,
    opts: &TrainOptions,
    progress: &mut dyn FnMut(TrainProgress),
) -> Result<Vec<u8>> {
    if !(10..=26).contains(&opts.bits) {
        return Err(Error::Training(format!("bits must be in 10..=26, not {}", opts.bits)));
    }
    if opts.epochs == 0 {
        return Err(Error::Training("epochs must be at least 1".into()));
    }
    let train_docs = read_conll_file(train)?;
    let valid_docs = read_conll_file(valid)?;
    if train_docs.is_empty() {
        return Err(Error::Training(format!("{} holds no sentences", train.display())));
    }
    let clusters_text = match &opts.clusters {
        Some(p) => std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?,
        None => String::new(),
    };
    let gazetteer_text = match &opts.gazetteer {
        Some(dir) => Gazetteer::read_dir(dir)?,
        None => String::new(),
    };
    let features = FeatureSet {
        clusters: opts.clusters.is_some(),
        gazetteer: opts.gazetteer.is_some(),
    };
    let mut extractor = Extractor {
        bits: opts.bits,
        features,
        clusters: Clusters::parse(&clusters_text, opts.clusters.as_deref().unwrap_or(Path::new("")))?,
        gazetteer: Gazetteer::parse(&gazetteer_text, Path::new("<gazetteer>"))?,
        types: FxHashMap::default(),
    };
    let train_set: Vec<Document> = train_docs.iter().map(|d| extractor.document(d)).collect();
    let valid_set: Vec<Document> = valid_docs.iter().map(|d| extractor.document(d)).collect();
    drop(extractor);

    let train_examples: Vec<&Example> = train_set.iter().flat_map(|d| &d.examples).collect();
    let valid_by_doc: Vec<Vec<&Example>> = valid_set.iter().map(|d| d.examples.iter().collect()).collect();
    let (stage1, best_epoch, _) = fit_ensemble(
        "stage 1",
        &train_examples,
        Some(&valid_by_doc),
        opts.epochs,
        opts.bits,
        opts.seed,
        opts.runs,
        progress,
    );
    let mut stages = vec![stage1];
    if opts.two_stage {
        // Jackknifed stage-1 labels for the training documents.
        let folds = opts.folds.max(2);
        let mut train_labels: Vec<Vec<Vec<u8>>> = vec![Vec::new(); train_set.len()];
        for fold in 0..folds {
            let rest: Vec<&Example> = train_set
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds != fold)
                .flat_map(|(_, d)| &d.examples)
                .collect();
            let phase = format!("fold {}/{folds}", fold + 1);
            let (model, _, _) = fit(
                &phase,
                &rest,
                None,
                best_epoch,
                opts.bits,
                opts.seed + fold as u64 + 1,
                progress,
            );
            let held: Vec<usize> = (0..train_set.len()).filter(|i| i % folds == fold).collect();
            let docs: Vec<Vec<&Example>> = held.iter().map(|&i| train_set[i].examples.iter().collect()).collect();
            for (i, labels) in held.into_iter().zip(tag_all(&model, &docs)) {
                train_labels[i] = labels;
            }
        }
        let valid_labels = tag_all(&stages[0], &valid_by_doc);
        let train2: Vec<Example> = train_set
            .iter()
            .zip(&train_labels)
            .flat_map(|(d, l)| with_document_features(d, l, opts.bits))
            .collect();
        let valid2: Vec<Vec<Example>> = valid_set
            .iter()
            .zip(&valid_labels)
            .map(|(d, l)| with_document_features(d, l, opts.bits))
            .collect();
        let train2_refs: Vec<&Example> = train2.iter().collect();
        let valid2_refs: Vec<Vec<&Example>> = valid2.iter().map(|d| d.iter().collect()).collect();
        let (stage2, _, _) = fit_ensemble(
            "stage 2",
            &train2_refs,
            Some(&valid2_refs),
            opts.epochs,
            opts.bits,
            opts.seed + 100,
            opts.runs,
            progress,
        );
        stages.push(stage2);
    }
    Ok(write_model(
        opts.bits,
        features,
        &clusters_text,
        &gazetteer_text,
        &stages,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Tagger;

    /// Training and tagging share feature code but not the path through it (rows here, cached sums there):
    /// a model trained on a few sentences must tag them back exactly once it is bytes again.
    #[test]
    fn a_trained_model_tags_its_training_sentences_back() {
        let text = "-DOCSTART- -X- -X- O\n\n\
            Angela NNP B-NP B-PER\nMerkel NNP I-NP I-PER\nvisited VBD B-VP O\nParis NNP B-NP B-LOC\n. . O O\n\n\
            The DT B-NP O\nEuropean NNP I-NP B-ORG\nCommission NNP I-NP I-ORG\nmet VBD B-VP O\nMerkel NNP B-NP B-PER\n. . O O\n\n\
            -DOCSTART- -X- -X- O\n\n\
            German JJ B-NP B-MISC\nvoters NNS I-NP O\nlike VBP B-VP O\nBerlin NNP B-NP B-LOC\n. . O O\n";
        let dir = std::env::temp_dir().join(format!("lede-train-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("tiny.txt");
        std::fs::write(&path, text).expect("write");
        let gazetteer = dir.join("gazetteer");
        std::fs::create_dir_all(&gazetteer).expect("gazetteer dir");
        std::fs::write(gazetteer.join("capitals.txt"), "Berlin\nParis\n").expect("write");
        let clusters = dir.join("clusters.tsv");
        std::fs::write(&clusters, "Paris\t0101\nBerlin\t0100\nMerkel\t1100\n").expect("write");
        let opts = TrainOptions {
            epochs: 8,
            bits: 16,
            folds: 2,
            clusters: Some(clusters),
            gazetteer: Some(gazetteer),
            runs: 2,
            ..TrainOptions::default()
        };
        let mut phases = 0;
        let bytes = train(&path, &path, &opts, &mut |_| phases += 1).expect("trains");
        assert!(phases > 0);
        let tagger = Tagger::from_bytes(&bytes).expect("reads back");
        for doc in crate::read_conll(text.as_bytes()).expect("reads") {
            let sentences: Vec<Vec<String>> = doc.sentences.iter().map(|s| s.tokens.clone()).collect();
            let gold: Vec<Vec<String>> = doc.sentences.iter().map(|s| s.gold.clone()).collect();
            assert_eq!(tagger.tag_document(&sentences), gold);
        }
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn bad_options_are_refused() {
        let opts = TrainOptions {
            bits: 40,
            ..TrainOptions::default()
        };
        let err = train(Path::new("x"), Path::new("y"), &opts, &mut |_| {}).expect_err("refused");
        assert!(err.to_string().contains("bits"), "{err}");
    }
}
