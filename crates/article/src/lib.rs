//! The `Article` model and the readers that turn files into articles.
//!
//! lede reads plain text and Markdown (often saved web pages), HTML pages,
//! JSON (an object or an array), JSON Lines and CSV, each optionally
//! gzip-compressed. This crate owns format detection, charset decoding,
//! headline/dek/body/byline extraction, boilerplate removal and date parsing.
//! It knows nothing of the index and never prints.
//!
//! ```
//! use lede_article::{read_bytes, Format, ReadOptions};
//!
//! let page = "Home | Politics\n\nSenate passes budget\n\nBy Jane Doe\n\nThe Senate passed the budget on Tuesday.\n\nShare this article\n";
//! let articles = read_bytes("budget.txt", page.as_bytes(), Format::Text, &ReadOptions::default()).unwrap();
//! assert_eq!(articles[0].headline, "Senate passes budget");
//! assert_eq!(articles[0].authors, ["Jane Doe"]);
//! assert_eq!(articles[0].body, "The Senate passed the budget on Tuesday.");
//! ```
#![deny(missing_docs)]

mod article;
mod byline;
mod clean;
pub mod dates;
mod decode;
mod error;
mod format;
pub mod html;
mod language;
mod metadata;
mod reader;
mod records;
mod stream;
pub mod text;

pub use article::{Article, Entities, Extracted, Metadata};
pub use byline::split_byline;
pub use clean::{normalise_body, words};
pub use decode::{decode, html_declared_charset, looks_binary};
pub use error::{Error, Result};
pub use format::Format;
pub use metadata::{folder_of, MAX_METADATA_FIELDS, MAX_METADATA_VALUES, MAX_METADATA_VALUE_CHARS};
pub use reader::{read_bytes, read_file, read_file_as, Limits, ReadOptions, Records};
pub use records::{article_from_record, authors_of, Field, FieldMap};
