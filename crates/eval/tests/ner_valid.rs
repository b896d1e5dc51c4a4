//! The shipped entity model on CoNLL-2003 valid.txt (when `../shared` is present): its F1 does
//! not fall below what it reached when it was trained.

mod common;

use lede_entities::{read_conll_file, Tagger};
use lede_eval::evaluate_ner;

/// The overall valid F1 the shipped model reached when it was trained (see `data/ner/README.md`), less 0.005.
const VALID_F1_FLOOR: f64 = 0.927;

#[test]
fn shipped_model_keeps_its_valid_f1() {
    let Some(path) = common::shared("ner/conll2003/valid.txt") else {
        return;
    };
    let tagger = Tagger::shipped().expect("the shipped model loads");
    let docs = read_conll_file(&path).expect("valid.txt reads");
    let report = evaluate_ner(tagger, &docs);
    assert!(
        report.overall.f1 >= VALID_F1_FLOOR,
        "valid F1 {:.4} < {VALID_F1_FLOOR}",
        report.overall.f1
    );
}
