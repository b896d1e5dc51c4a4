//! The training loop: an averaged structured perceptron, its passes over shuffled sentences, and the
//! averaging of several runs.

use crate::conll::conlleval;
use crate::model::{FloatStage, Transitions};
use crate::tags::{N_TAGS, TAG_NAMES};
use crate::viterbi::{viterbi, ViterbiBuffers};

use super::examples::Example;
use super::TrainProgress;

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

pub(super) fn tag_all(stage: &FloatStage, docs: &[Vec<&Example>]) -> Vec<Vec<Vec<u8>>> {
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

/// One training task: the sentences to learn from, the validation documents that choose the best pass (or
/// none: the last pass is kept), the passes and the size of the weight table.
pub(super) struct Fit<'a> {
    pub train: &'a [&'a Example],
    pub valid: Option<&'a [Vec<&'a Example>]>,
    pub epochs: usize,
    pub bits: u8,
}

impl Fit<'_> {
    /// Trains for `epochs` passes; with a validation set, returns the averaged weights of the best pass.
    pub fn once(&self, phase: &str, seed: u64, progress: &mut dyn FnMut(TrainProgress)) -> (FloatStage, usize, f64) {
        let Fit {
            train,
            valid,
            epochs,
            bits,
        } = *self;
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

    /// Trains `runs` perceptrons with different shufflings and averages their weights (which lowers the
    /// variance a single shuffling has). Returns the average, the largest chosen pass count and the average's
    /// validation F1.
    pub fn ensemble(
        &self,
        phase: &str,
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
            let (stage, epoch, f1) = self.once(&name, seed + 7919 * run as u64, progress);
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
        let mut average = sum.unwrap_or_else(|| Perceptron::new(self.bits).averaged());
        let scale = 1.0 / runs as f32;
        average.weights.iter_mut().for_each(|w| *w *= scale);
        average.transitions.iter_mut().flatten().for_each(|w| *w *= scale);
        let valid = self.valid;
        let f1 = valid.map_or(0.0, |v| f1(v, &tag_all(&average, v)));
        progress(TrainProgress {
            phase: format!("{phase} average of {runs}"),
            epoch: best_epoch,
            epochs: self.epochs,
            mistakes: 0,
            valid_f1: valid.map(|_| f1),
        });
        (average, best_epoch, f1)
    }
}
