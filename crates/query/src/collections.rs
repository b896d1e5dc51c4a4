//! Collections: named groups of outlets, or of any field's values, that the user keeps in a TOML file, used as
//! `collection:NAME` in queries and as `--split-by collection`:
//!
//! ```toml
//! # An article is in a collection when one of its fields holds one of the listed values (any case).
//! [wires]
//! source = ["Reuters", "Associated Press"]
//!
//! [broadsheets]
//! source = ["New York Times (News)", "Washington Post"]
//! bias_text = "center"
//! ```
//!
//! The collections in use are the process's: the binary loads them once from the file the user names (or the
//! default), and every query parsed afterwards sees them.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, RwLock};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::metadata::name_field;
use crate::parse::Node;

/// The field name that means a collection.
pub const COLLECTION: &str = "collection";

/// A list of values, or one value.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Values {
    One(String),
    Many(Vec<String>),
}

/// Named collections: name (lower-case) → (field, value) pairs, any of which puts an article in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Collections {
    groups: BTreeMap<String, Vec<(String, String)>>,
}

impl Collections {
    /// Reads a collections file (TOML: one table per collection, field = value or [values]).
    pub fn read(path: &Path) -> Result<Collections> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Query(format!("cannot read the collections file {}: {e}", path.display())))?;
        Collections::parse(&text).map_err(|e| Error::Query(format!("collections file {}: {e}", path.display())))
    }

    /// Parses the text of a collections file.
    pub fn parse(text: &str) -> std::result::Result<Collections, String> {
        let tables: BTreeMap<String, BTreeMap<String, Values>> = toml::from_str(text).map_err(|e| {
            format!(
                "{}; expected one table per collection, such as [wires] source = [\"Reuters\", \"AP\"]",
                e.message()
            )
        })?;
        let mut groups = BTreeMap::new();
        for (name, fields) in tables {
            let mut members = Vec::new();
            for (field, values) in fields {
                let values = match values {
                    Values::One(v) => vec![v],
                    Values::Many(v) => v,
                };
                members.extend(
                    values
                        .into_iter()
                        .filter(|v| !v.trim().is_empty())
                        .map(|v| (field.to_lowercase(), v)),
                );
            }
            if members.is_empty() {
                return Err(format!("collection `{name}` lists no values"));
            }
            groups.insert(name.to_lowercase(), members);
        }
        Ok(Collections { groups })
    }

    /// The collections' names, in order.
    pub fn names(&self) -> Vec<String> {
        self.groups.keys().cloned().collect()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The query tree of collection `name`: any of its values. An unknown name is an error listing the known.
    pub fn node(&self, name: &str) -> Result<Node> {
        let members = self.groups.get(&name.trim().to_lowercase()).ok_or_else(|| {
            let known = if self.groups.is_empty() {
                "no collections are defined (--collections FILE, $LEDE_COLLECTIONS, or collections.toml in the index directory)".to_owned()
            } else {
                format!("known collections: {}", self.names().join(", "))
            };
            Error::Query(format!("unknown collection `{name}`; {known}"))
        })?;
        let nodes = members
            .iter()
            .map(|(field, value)| match name_field(field) {
                Some(field) => Node::Name {
                    field,
                    value: value.clone(),
                },
                None => Node::Meta {
                    name: lede_indexer::meta_key(field),
                    value: value.clone(),
                },
            })
            .collect();
        Ok(Node::any(nodes).unwrap_or(Node::Or(Vec::new())))
    }
}

fn registry() -> &'static RwLock<Arc<Collections>> {
    static IN_USE: std::sync::OnceLock<RwLock<Arc<Collections>>> = std::sync::OnceLock::new();
    IN_USE.get_or_init(|| RwLock::new(Arc::new(Collections::default())))
}

/// Makes `collections` the ones every query parsed from now on sees.
pub fn use_collections(collections: Collections) {
    if let Ok(mut slot) = registry().write() {
        *slot = Arc::new(collections);
    }
}

/// The collections in use.
pub fn collections() -> Arc<Collections> {
    registry().read().map(|c| Arc::clone(&c)).unwrap_or_default()
}

/// `node` with every `collection:NAME` replaced by the collection's values.
pub(crate) fn expand(node: Node, collections: &Collections) -> Result<Node> {
    Ok(match node {
        Node::Meta { name, value } if name == COLLECTION => collections.node(&value)?,
        Node::And(nodes) => Node::And(
            nodes
                .into_iter()
                .map(|n| expand(n, collections))
                .collect::<Result<_>>()?,
        ),
        Node::Or(nodes) => Node::Or(
            nodes
                .into_iter()
                .map(|n| expand(n, collections))
                .collect::<Result<_>>()?,
        ),
        Node::Not(inner) => Node::Not(Box::new(expand(*inner, collections)?)),
        Node::Boost(inner, boost) => Node::Boost(Box::new(expand(*inner, collections)?), boost),
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_collection_is_any_of_its_values() {
        let c =
            Collections::parse("[Wires]\nsource = [\"Reuters\", \"AP\"]\n\n[mid]\nbias_text = \"center\"\n").unwrap();
        assert_eq!(c.names(), ["mid", "wires"]);
        let node = c.node("WIRES").unwrap();
        assert!(matches!(&node, Node::Or(v) if v.len() == 2), "{node:?}");
        assert!(
            matches!(c.node("mid").unwrap(), Node::Meta { ref name, ref value } if name == "bias_text" && value == "center")
        );
        let error = c.node("tabloids").unwrap_err().to_string();
        assert!(error.contains("known collections: mid, wires"), "{error}");
    }

    #[test]
    fn bad_files_say_what_is_expected() {
        assert!(Collections::parse("wires = 3")
            .unwrap_err()
            .contains("one table per collection"));
        assert!(Collections::parse("[empty]\n").unwrap_err().contains("lists no values"));
    }
}
