//! Entity tagging scored against CoNLL gold.

use lede_entities::{conlleval, ConllDocument, EvalReport, Tagger};

/// Tags every document's sentences with `tagger` (a document at a time, so document-level
/// features see their whole document) and scores the labels against the gold with
/// [`conlleval`]: chunk-level precision, recall and F1 per type and overall, token accuracy.
pub fn evaluate_ner(tagger: &Tagger, documents: &[ConllDocument]) -> EvalReport {
    let mut gold = Vec::new();
    let mut predicted = Vec::new();
    for document in documents {
        predicted.extend(tagger.tag_document(&document.tokens()));
        gold.extend(document.sentences.iter().map(|s| s.gold.clone()));
    }
    conlleval(&gold, &predicted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_the_shipped_tagger_on_a_small_document() -> lede_entities::Result<()> {
        let text = "-DOCSTART- -X- O O\n\nAngela NNP B-PER\nMerkel NNP I-PER\nvisited VBD O\nBerlin NNP B-LOC\n. . O\n";
        let documents = lede_entities::read_conll(text.as_bytes())?;
        let report = evaluate_ner(Tagger::shipped()?, &documents);
        assert_eq!(report.tokens, 5);
        assert_eq!(report.overall.gold, 2);
        assert_eq!(report.overall.f1, 1.0, "{report:?}");
        Ok(())
    }
}
