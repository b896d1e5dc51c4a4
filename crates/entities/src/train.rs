//! Training: a two-stage averaged structured perceptron over hashed features, tuned on the validation set.
//!
//! Stage 1 tags from sentence-local features. Stage 2 adds document features: how stage 1 labelled the same
//! word elsewhere in the document. To give stage 2 honest (imperfect) stage-1 labels on the training set, those
//! come from k-fold jackknifing: each fold is tagged by a stage-1 model trained on the other folds.

mod examples;
mod perceptron;

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use crate::conll::read_conll_file;
use crate::error::{Error, Result};
use crate::features::FeatureSet;
use crate::lexicon::{Clusters, Gazetteer};
use crate::model::write_model;

use examples::{with_document_features, Document, Example, Extractor};
use perceptron::{tag_all, Fit};

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
    let (stage1, best_epoch, _) = Fit {
        train: &train_examples,
        valid: Some(&valid_by_doc),
        epochs: opts.epochs,
        bits: opts.bits,
    }
    .ensemble("stage 1", opts.seed, opts.runs, progress);
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
            let (model, _, _) = Fit {
                train: &rest,
                valid: None,
                epochs: best_epoch,
                bits: opts.bits,
            }
            .once(&phase, opts.seed + fold as u64 + 1, progress);
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
        let (stage2, _, _) = Fit {
            train: &train2_refs,
            valid: Some(&valid2_refs),
            epochs: opts.epochs,
            bits: opts.bits,
        }
        .ensemble("stage 2", opts.seed + 100, opts.runs, progress);
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
