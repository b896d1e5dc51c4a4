//! `lede ner`.

use std::path::PathBuf;

/// The `ner` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum NerCommand {
    /// Read CoNLL columns and print the same lines with the predicted IOB2 tag appended as the last column
    /// (`-DOCSTART-` and blank lines unchanged).
    Tag {
        /// CoNLL file: token in the first column, blank line between sentences.
        #[arg(long)]
        conll: PathBuf,
    },
    /// Tag a CoNLL file and print precision, recall and F1 per type and overall (conlleval).
    Eval {
        /// CoNLL file with gold IOB2 tags in the last column.
        #[arg(long)]
        conll: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Train the tagger and write the model (embed it by writing to data/ner/model.bin and rebuilding).
    Train {
        /// Training set (CoNLL-2003 train.txt).
        #[arg(long)]
        train: PathBuf,
        /// Validation set, used to choose the number of passes (CoNLL-2003 valid.txt).
        #[arg(long)]
        valid: PathBuf,
        /// Where to write the model.
        #[arg(long, default_value = "data/ner/model.bin")]
        out: PathBuf,
        /// Word clusters (`lede ner clusters` output); `none` to train without.
        #[arg(long, default_value = "data/ner/clusters.tsv")]
        clusters: String,
        /// Gazetteer directory of CATEGORY.txt files; `none` to train without.
        #[arg(long, default_value = "data/ner/gazetteer")]
        gazetteer: String,
        /// Maximum passes per stage.
        #[arg(long, default_value_t = 30)]
        epochs: usize,
        /// The weight table has 2^bits rows.
        #[arg(long, default_value_t = 20)]
        bits: u8,
        /// Train only the sentence-level stage (no document features).
        #[arg(long)]
        one_stage: bool,
        /// Seed of the sentence shuffling.
        #[arg(long, default_value_t = 17)]
        seed: u64,
        /// Perceptrons per stage whose weights the model averages.
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
    /// Learn word clusters from a directory of JSON Lines articles (`content_original`/`title`, .jsonl[.gz]).
    Clusters {
        /// The corpus directory or file.
        #[arg(long)]
        corpus: PathBuf,
        /// Where to write the `word<TAB>bitstring` table.
        #[arg(long, default_value = "data/ner/clusters.tsv")]
        out: PathBuf,
        /// Words seen fewer times are left out.
        #[arg(long, default_value_t = 4)]
        min_count: u32,
        /// Cluster at most this many words.
        #[arg(long, default_value_t = 120_000)]
        max_words: usize,
    },
}
