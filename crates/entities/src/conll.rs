//! CoNLL column files and the `conlleval` chunk-level scores.

use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// One sentence of a CoNLL file: its tokens (first column) and gold labels (last column).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllSentence {
    /// The tokens, in order.
    pub tokens: Vec<String>,
    /// The gold IOB2 label of each token (`O` when a line has a single column).
    pub gold: Vec<String>,
}

/// The sentences between two `-DOCSTART-` lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllDocument {
    /// The sentences, in order.
    pub sentences: Vec<ConllSentence>,
}

impl ConllDocument {
    /// The tokens of every sentence, as [`crate::Tagger::tag_document`] takes them.
    pub fn tokens(&self) -> Vec<Vec<String>> {
        self.sentences.iter().map(|s| s.tokens.clone()).collect()
    }
}

/// Reads CoNLL columns: `-DOCSTART-` starts a document, a blank line ends a sentence, the token is the
/// first whitespace-separated column and the gold label the last.
pub fn read_conll(reader: impl BufRead) -> Result<Vec<ConllDocument>> {
    read_conll_named(reader, Path::new("<input>"))
}

/// [`read_conll`] on a file.
pub fn read_conll_file(path: &Path) -> Result<Vec<ConllDocument>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    read_conll_named(std::io::BufReader::new(file), path)
}

fn read_conll_named(reader: impl BufRead, name: &Path) -> Result<Vec<ConllDocument>> {
    let mut docs: Vec<ConllDocument> = Vec::new();
    let mut doc = ConllDocument::default();
    let mut sentence = ConllSentence::default();
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Error::io(name, e))?;
        let mut cols = line.split_whitespace();
        let Some(token) = cols.next() else {
            if !sentence.tokens.is_empty() {
                doc.sentences.push(std::mem::take(&mut sentence));
            }
            continue;
        };
        if token == "-DOCSTART-" {
            if !sentence.tokens.is_empty() {
                doc.sentences.push(std::mem::take(&mut sentence));
            }
            if !doc.sentences.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        let gold = cols.last().unwrap_or("O");
        if gold != "O" && !(gold.starts_with("B-") || gold.starts_with("I-")) {
            return Err(Error::parse(
                name,
                n + 1,
                format!("label `{gold}` is not IOB2; expected O, B-TYPE or I-TYPE in the last column"),
            ));
        }
        sentence.tokens.push(token.to_string());
        sentence.gold.push(gold.to_string());
    }
    if !sentence.tokens.is_empty() {
        doc.sentences.push(sentence);
    }
    if !doc.sentences.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

/// Copies CoNLL lines from `reader` to `out`, appending to each token line the next label of
/// `predicted` (one list a sentence, in the order [`read_conll`] reads them; `O` where a list runs
/// out); `-DOCSTART-` and blank lines are copied unchanged. An error is the reader's or the
/// writer's own (a closed pipe stays recognisable).
pub fn write_conll(
    reader: impl BufRead,
    predicted: impl IntoIterator<Item = Vec<String>>,
    mut out: impl Write,
) -> std::io::Result<()> {
    let mut predicted = predicted.into_iter();
    let mut sentence: std::vec::IntoIter<String> = Vec::new().into_iter();
    let mut in_sentence = false;
    for line in reader.lines() {
        let line = line?;
        match line.split_whitespace().next() {
            Some(token) if token != "-DOCSTART-" => {
                if !in_sentence {
                    sentence = predicted.next().unwrap_or_default().into_iter();
                    in_sentence = true;
                }
                let label = sentence.next().unwrap_or_else(|| "O".to_string());
                writeln!(out, "{line} {label}")?;
            }
            _ => {
                in_sentence = false;
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(())
}

/// Precision, recall and F1 of one entity type (or of all of them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// Correct chunks / predicted chunks.
    pub precision: f64,
    /// Correct chunks / gold chunks.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Gold chunks.
    pub gold: usize,
    /// Predicted chunks.
    pub predicted: usize,
    /// Predicted chunks with the gold span and type.
    pub correct: usize,
}

impl Scores {
    fn new(gold: usize, predicted: usize, correct: usize) -> Scores {
        let precision = if predicted == 0 {
            0.0
        } else {
            correct as f64 / predicted as f64
        };
        let recall = if gold == 0 { 0.0 } else { correct as f64 / gold as f64 };
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Scores {
            precision,
            recall,
            f1,
            gold,
            predicted,
            correct,
        }
    }
}

/// What `conlleval` reports: chunk-level scores overall and per type, and token accuracy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EvalReport {
    /// All types together.
    pub overall: Scores,
    /// Per entity type (`PER`, `ORG`, `LOC`, `MISC`, ...).
    pub per_type: BTreeMap<String, Scores>,
    /// Tokens compared.
    pub tokens: usize,
    /// Share of tokens whose label is exactly right.
    pub accuracy: f64,
}

/// Chunks `(start, end_exclusive, type)` of one sentence, with conlleval's rules: a chunk starts at `B-`, at an
/// `I-` after `O` or after another type, and ends before `O`, `B-` or a change of type.
fn chunks<S: AsRef<str>>(tags: &[S]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let tag = tag.as_ref();
        let (prefix, kind) = match tag.split_once('-') {
            Some((p, k)) if tag != "O" => (p, k),
            _ => ("O", ""),
        };
        if let Some((start, open_kind)) = open {
            if prefix != "I" || open_kind != kind {
                out.push((start, i, open_kind.to_string()));
                open = None;
            }
        }
        if prefix != "O" && open.is_none() {
            open = Some((i, kind));
        }
    }
    if let Some((start, kind)) = open {
        out.push((start, tags.len(), kind.to_string()));
    }
    out
}

/// Scores `predicted` against `gold`, sentence by sentence, as the CoNLL-2003 `conlleval` script does
/// (a chunk counts only with the exact span and type). Sentences are compared up to the shorter length.
pub fn conlleval<S: AsRef<str>, T: AsRef<str>>(gold: &[Vec<S>], predicted: &[Vec<T>]) -> EvalReport {
    let mut counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let (mut tokens, mut right) = (0usize, 0usize);
    for (g, p) in gold.iter().zip(predicted) {
        let n = g.len().min(p.len());
        let (g, p) = (&g[..n], &p[..n]);
        tokens += n;
        right += g.iter().zip(p).filter(|(a, b)| a.as_ref() == b.as_ref()).count();
        let gold_chunks = chunks(g);
        let predicted_chunks = chunks(p);
        let gold_set: HashSet<&(usize, usize, String)> = gold_chunks.iter().collect();
        for c in &gold_chunks {
            counts.entry(c.2.clone()).or_default().0 += 1;
        }
        for c in &predicted_chunks {
            let entry = counts.entry(c.2.clone()).or_default();
            entry.1 += 1;
            if gold_set.contains(c) {
                entry.2 += 1;
            }
        }
    }
    let (mut g, mut p, mut c) = (0, 0, 0);
    let mut per_type = BTreeMap::new();
    for (kind, (kg, kp, kc)) in counts {
        g += kg;
        p += kp;
        c += kc;
        per_type.insert(kind, Scores::new(kg, kp, kc));
    }
    EvalReport {
        overall: Scores::new(g, p, c),
        per_type,
        tokens,
        accuracy: if tokens == 0 { 0.0 } else { right as f64 / tokens as f64 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn reads_documents_and_sentences() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\n\n\
                    -DOCSTART- -X- -X- O\n\nBonn NNP B-NP B-LOC\n";
        let docs = read_conll(text.as_bytes()).expect("valid");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[0].tokens, tags("EU rejects"));
        assert_eq!(docs[0].sentences[0].gold, tags("B-ORG O"));
        assert_eq!(docs[1].sentences[0].gold, tags("B-LOC"));
    }

    #[test]
    fn writes_a_label_after_each_token_line() {
        let text = "-DOCSTART- -X- O\n\nEU NNP B-ORG\nrejects VBZ O\n\nPeter NNP B-PER\n";
        let docs = read_conll(text.as_bytes()).expect("valid");
        assert_eq!(docs[0].tokens(), [tags("EU rejects"), tags("Peter")]);
        let mut out = Vec::new();
        write_conll(text.as_bytes(), [tags("B-ORG O"), vec![]], &mut out).expect("writes");
        assert_eq!(
            String::from_utf8_lossy(&out),
            "-DOCSTART- -X- O\n\nEU NNP B-ORG B-ORG\nrejects VBZ O O\n\nPeter NNP B-PER O\n"
        );
    }

    #[test]
    fn rejects_a_non_iob_label() {
        let err = read_conll("EU NNP XYZ\n".as_bytes()).expect_err("bad label");
        assert!(err.to_string().contains("<input>:1"), "{err}");
    }

    #[test]
    fn scores_chunks_like_conlleval() {
        // gold: [Peter Blackburn]PER [EU]ORG [Germany]LOC ; predicted: [Peter]PER [EU]ORG [Germany]LOC [said]MISC
        let gold = vec![tags("B-PER I-PER O B-ORG O B-LOC O")];
        let predicted = vec![tags("B-PER O O B-ORG O B-LOC B-MISC")];
        let report = conlleval(&gold, &predicted);
        assert_eq!(
            (report.overall.gold, report.overall.predicted, report.overall.correct),
            (3, 4, 2)
        );
        assert!((report.overall.precision - 0.5).abs() < 1e-9);
        assert!((report.overall.recall - 2.0 / 3.0).abs() < 1e-9);
        assert!((report.overall.f1 - 4.0 / 7.0).abs() < 1e-9);
        assert_eq!(report.per_type["PER"].correct, 0);
        assert_eq!(report.per_type["LOC"].f1, 1.0);
        assert!((report.accuracy - 5.0 / 7.0).abs() < 1e-9);
    }

    #[test]
    fn the_json_report_reads_back() {
        let report = conlleval(&[tags("B-PER I-PER O B-LOC")], &[tags("B-PER I-PER O B-ORG")]);
        let json = serde_json::to_string(&report).expect("serialises");
        let back: EvalReport = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, report);
        assert!(json.contains("\"overall\"") && json.contains("\"per_type\""));
    }

    #[test]
    fn an_inside_tag_after_outside_starts_a_chunk() {
        assert_eq!(
            chunks(&tags("O I-LOC I-LOC B-LOC I-PER")),
            vec![
                (1, 3, "LOC".to_string()),
                (3, 4, "LOC".to_string()),
                (4, 5, "PER".to_string())
            ]
        );
    }
}
