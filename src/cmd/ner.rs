//! `lede ner`: tag, evaluate and train the named-entity tagger on CoNLL-2003 columns, and learn the word
//! clusters it uses from a news corpus.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use lede_entities::{learn_clusters, read_conll_file, train, write_conll, ClusterOptions, Tagger, TrainOptions};
use lede_eval::evaluate_ner;

use crate::cli::NerCommand;

/// Runs a `ner` subcommand.
pub fn run(cmd: NerCommand) -> anyhow::Result<()> {
    match cmd {
        NerCommand::Tag { conll } => quiet_pipe(tag(&conll)),
        NerCommand::Eval { conll, json } => quiet_pipe(eval(&conll, json)),
        NerCommand::Train {
            train: train_path,
            valid,
            out,
            clusters,
            gazetteer,
            epochs,
            bits,
            one_stage,
            seed,
            runs,
        } => {
            let optional = |s: String| if s == "none" { None } else { Some(PathBuf::from(s)) };
            let opts = TrainOptions {
                epochs,
                bits,
                clusters: optional(clusters),
                gazetteer: optional(gazetteer),
                two_stage: !one_stage,
                seed,
                runs,
                ..TrainOptions::default()
            };
            let bytes = train(&train_path, &valid, &opts, &mut |p| match p.valid_f1 {
                Some(f1) => eprintln!(
                    "{} pass {}/{}: {} wrong sentences, valid F1 {:.4}",
                    p.phase, p.epoch, p.epochs, p.mistakes, f1
                ),
                None => eprintln!(
                    "{} pass {}/{}: {} wrong sentences",
                    p.phase, p.epoch, p.epochs, p.mistakes
                ),
            })?;
            std::fs::write(&out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
            let report = evaluate_ner(&Tagger::from_bytes(&bytes)?, &read_conll_file(&valid)?);
            eprintln!(
                "wrote {} ({} bytes); valid F1 of the written model {:.4}",
                out.display(),
                bytes.len(),
                report.overall.f1
            );
            Ok(())
        }
        NerCommand::Clusters {
            corpus,
            out,
            min_count,
            max_words,
        } => {
            let opts = ClusterOptions {
                min_count,
                max_words,
                ..ClusterOptions::default()
            };
            let table = learn_clusters(&corpus, &opts, &mut |p| eprintln!("{}: {}", p.phase, p.done))?;
            let header = format!(
                "# word<TAB>cluster bitstring, learnt by `lede ner clusters` from {} (min count {min_count})\n",
                corpus.file_name().and_then(|n| n.to_str()).unwrap_or("a news corpus")
            );
            std::fs::write(&out, header + &table).with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("wrote {} ({} words)", out.display(), table.lines().count());
            Ok(())
        }
    }
}

/// A closed stdout (`lede ner tag ... | head`) ends the command quietly.
fn quiet_pipe(result: anyhow::Result<()>) -> anyhow::Result<()> {
    match result {
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            Ok(())
        }
        other => other,
    }
}

fn tagger() -> anyhow::Result<&'static Tagger> {
    Tagger::shipped().context("cannot load the shipped entity model")
}

fn tag(path: &Path) -> anyhow::Result<()> {
    let tagger = tagger()?;
    let docs = read_conll_file(path)?;
    let predicted = docs.iter().flat_map(|d| tagger.tag_document(&d.tokens()));
    // Walk the file again, appending a tag to each token line in order.
    let file = std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    write_conll(std::io::BufReader::new(file), predicted, &mut out)
        .with_context(|| format!("cannot tag {}", path.display()))?;
    out.flush()?;
    Ok(())
}

fn eval(path: &Path, json: bool) -> anyhow::Result<()> {
    let report = evaluate_ner(tagger()?, &read_conll_file(path)?);
    let mut out = BufWriter::new(std::io::stdout().lock());
    if json {
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "tokens {}, accuracy {:.2}%",
            report.tokens,
            100.0 * report.accuracy
        )?;
        writeln!(
            out,
            "{:<8} {:>9} {:>9} {:>9} {:>7} {:>9}",
            "type", "precision", "recall", "F1", "gold", "predicted"
        )?;
        let row = |out: &mut BufWriter<_>, name: &str, s: &lede_entities::Scores| {
            writeln!(
                out,
                "{name:<8} {:>8.2}% {:>8.2}% {:>8.2} {:>7} {:>9}",
                100.0 * s.precision,
                100.0 * s.recall,
                100.0 * s.f1,
                s.gold,
                s.predicted
            )
        };
        for (name, s) in &report.per_type {
            row(&mut out, name, s)?;
        }
        row(&mut out, "overall", &report.overall)?;
    }
    out.flush()?;
    Ok(())
}
