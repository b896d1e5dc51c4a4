//! The corpus's own fields in the index: `meta` (a JSON field of lower-cased names and values, raw tokens,
//! fast, for `NAME:value`, `--where`, facets) and `metadata` (the fields as written, stored, for display).

use std::collections::BTreeMap;
use std::path::PathBuf;

use lede_article::Metadata;
use tantivy::schema::{OwnedValue, Value};
use tantivy::TantivyDocument;

use crate::schema::Fields;

/// A metadata field's name as the index holds it: trimmed, lower-cased, without backslashes (which would
/// escape the dots that separate nested names).
pub fn meta_key(name: &str) -> String {
    name.trim().to_lowercase().replace('\\', "")
}

/// A metadata value as the index holds it: trimmed, lower-cased (matching is case-insensitive).
pub fn meta_value(value: &str) -> String {
    value.trim().to_lowercase()
}

/// The roots of an index run as [`lede_article::ReadOptions::roots`] wants them (canonical; those that do
/// not exist are left out), so each article gets its `folder`.
pub fn index_roots(roots: &[PathBuf]) -> Vec<PathBuf> {
    roots.iter().filter_map(|r| r.canonicalize().ok()).collect()
}

/// Adds the article's metadata fields to `doc` (nothing when it has none).
pub(crate) fn add_metadata(doc: &mut TantivyDocument, fields: &Fields, metadata: &Metadata) {
    if metadata.is_empty() {
        return;
    }
    let mut object: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, values) in metadata {
        let key = meta_key(name);
        if key.is_empty() || key.split('.').any(str::is_empty) {
            continue;
        }
        let entry = object.entry(key).or_default();
        for value in values {
            let value = meta_value(value);
            if !value.is_empty() && !entry.contains(&value) {
                entry.push(value);
            }
        }
    }
    let object: BTreeMap<String, OwnedValue> = object
        .into_iter()
        .filter(|(_, values)| !values.is_empty())
        .map(|(k, values)| (k, OwnedValue::Array(values.into_iter().map(OwnedValue::Str).collect())))
        .collect();
    if !object.is_empty() {
        doc.add_object(fields.meta, object);
    }
    if let Ok(text) = serde_json::to_string(metadata) {
        doc.add_text(fields.metadata, text);
    }
}

/// The metadata fields stored in `doc`, as written in the data.
pub(crate) fn stored_metadata(fields: &Fields, doc: &TantivyDocument) -> Metadata {
    doc.get_first(fields.metadata)
        .and_then(|v| v.as_str())
        .and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or_default()
}
