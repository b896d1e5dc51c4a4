//! The machine-readable output of the `lede` binary: one typed struct behind every `--json` shape (and every
//! answer of `lede serve`'s API), and a small HTTP client for that API ([`client`]).
//!
//! The binary converts library values into these types before it prints them, so a renamed field in a library
//! crate cannot silently change what scripts read. Scripts and the end-to-end tests read the output back into the
//! same types:
//!
//! ```
//! let line = r#"{"kind":"person","name":"Donald Trump","articles":12,"share":0.3}"#;
//! let entity: lede::wire::Entity = serde_json::from_str(line).unwrap();
//! assert_eq!(entity.articles, 12);
//! ```

#![deny(missing_docs)]

pub mod client;
pub mod wire;
