//! Named entities for lede: who (persons), which organisations, where (locations), and other names (misc) an
//! article mentions, with the names made canonical within the article.
//!
//! This crate owns the tagger (a two-stage averaged perceptron over hashed features, shipped as
//! `data/ner/model.bin` and embedded in the binary), its features (word shape and affixes, word clusters learnt
//! from news text, a gazetteer written for lede, document-level label history), training and evaluation on
//! CoNLL-2003 columns (`conlleval` scores), the tokeniser for real article text, and the alias tables that
//! turn `U.S.` into `United States` and a later `Sheinbaum` into `Claudia Sheinbaum`.
//!
//! ```
//! use lede_entities::{EntityKind, Tagger};
//!
//! let tagger = Tagger::shipped()?;
//! let entities = tagger.article_entities(
//!     "Merkel meets Macron in Berlin",
//!     "German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Tuesday. \
//!      Merkel said the European Union would act.",
//! );
//! let merkel = entities.iter().find(|e| e.name == "Angela Merkel").expect("a person");
//! assert_eq!(merkel.kind, EntityKind::Person);
//! assert!(merkel.mentions >= 2);
//! assert!(entities.iter().any(|e| e.name == "Berlin" && e.kind == EntityKind::Location));
//! # Ok::<(), lede_entities::Error>(())
//! ```
#![deny(missing_docs)]

mod canonical;
mod clusters;
mod conll;
mod error;
mod features;
mod hash;
mod junk;
mod lexicon;
mod model;
mod tagger;
mod tags;
mod tokenize;
mod train;
mod viterbi;
mod word_cache;

pub use canonical::alias_of;
pub use clusters::{learn_clusters, read_jsonl_articles, ClusterOptions, ClusterProgress};
pub use conll::{
    conlleval, read_conll, read_conll_file, write_conll, ConllDocument, ConllSentence, EvalReport, Scores,
};
pub use error::{Error, Result};
pub use tagger::Tagger;
pub use tokenize::{tokenize, Token};
pub use train::{train, TrainOptions, TrainProgress};

use serde::{Deserialize, Serialize};

/// The kind of a named entity (the CoNLL-2003 types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person (`PER`).
    Person,
    /// A company, party, agency, team or other organisation (`ORG`).
    Organization,
    /// A country, city, region or other place (`LOC`).
    Location,
    /// Other names: nationalities, events, works, laws (`MISC`).
    Misc,
}

impl EntityKind {
    /// The CoNLL label suffix: `PER`, `ORG`, `LOC` or `MISC`.
    pub fn conll_name(self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Organization => "ORG",
            EntityKind::Location => "LOC",
            EntityKind::Misc => "MISC",
        }
    }
}

/// An entity of one article: its canonical name and how often it is mentioned.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entity {
    /// What kind of entity it is.
    pub kind: EntityKind,
    /// The canonical name: titles and possessives dropped, short forms resolved to the full name used in the
    /// article, and variants unified by the alias table (`U.S.` → `United States`).
    pub name: String,
    /// Mentions in the headline and body.
    pub mentions: u32,
}
