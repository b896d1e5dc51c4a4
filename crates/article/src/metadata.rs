//! The corpus's own fields: what a record or a front matter holds besides the article's parts lede maps.
//!
//! Every key lede does not map is kept under its name as written; nested objects are flattened with dots
//! (`{"meta": {"section": "x"}}` is `meta.section`), arrays of scalars give several values, arrays of objects
//! flatten each object under the same name, numbers and booleans become text, nulls and empty strings are
//! dropped. Bounds keep a pathological record from bloating the index.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::article::Metadata;

/// At most this many metadata fields per article (further ones are dropped).
pub const MAX_METADATA_FIELDS: usize = 100;
/// At most this many values per field.
pub const MAX_METADATA_VALUES: usize = 100;
/// Values longer than this many characters are cut.
pub const MAX_METADATA_VALUE_CHARS: usize = 1_000;
/// Nesting deeper than this is not followed.
const MAX_DEPTH: usize = 8;

/// Adds `value` to the field `key` (trimmed; empty keys and values are dropped; bounds apply).
pub(crate) fn add(metadata: &mut Metadata, key: &str, value: &str) {
    let key: String = key.trim().chars().filter(|c| !c.is_control()).collect();
    let value = value.trim();
    if key.is_empty() || value.is_empty() {
        return;
    }
    if !metadata.contains_key(&key) && metadata.len() >= MAX_METADATA_FIELDS {
        return;
    }
    let values = metadata.entry(key).or_default();
    if values.len() >= MAX_METADATA_VALUES {
        return;
    }
    let value: String = match value.char_indices().nth(MAX_METADATA_VALUE_CHARS) {
        Some((cut, _)) => value[..cut].to_owned(),
        None => value.to_owned(),
    };
    if !values.contains(&value) {
        values.push(value);
    }
}

/// The fields of `record` whose keys `mapped` does not claim, flattened.
pub(crate) fn record_metadata(record: &Map<String, Value>, mapped: impl Fn(&str) -> bool) -> Metadata {
    let mut out = Metadata::new();
    for (key, value) in record {
        if !mapped(key) {
            flatten(&mut out, key, value, 0);
        }
    }
    out
}

fn flatten(out: &mut Metadata, key: &str, value: &Value, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Null => {}
        Value::String(s) => add(out, key, s),
        Value::Number(n) => add(out, key, &n.to_string()),
        Value::Bool(b) => add(out, key, if *b { "true" } else { "false" }),
        Value::Array(items) => {
            for item in items {
                flatten(out, key, item, depth + 1);
            }
        }
        Value::Object(object) => {
            for (inner, value) in object {
                flatten(out, &format!("{key}.{inner}"), value, depth + 1);
            }
        }
    }
}

/// The directory of `path` below the root (one of `roots`, the longest that holds it) it was found under, with
/// `/` between components: `politics` for `…/bbc-news/politics/001.txt` indexed as `…/bbc-news`. `None` for a
/// file directly in its root, or under none of them.
///
/// ```
/// use std::path::{Path, PathBuf};
/// use lede_article::folder_of;
///
/// let roots = [PathBuf::from("/corpora/bbc")];
/// assert_eq!(folder_of(Path::new("/corpora/bbc/politics/001.txt"), &roots).as_deref(), Some("politics"));
/// assert_eq!(folder_of(Path::new("/corpora/bbc/a/b/1.txt"), &roots).as_deref(), Some("a/b"));
/// assert_eq!(folder_of(Path::new("/corpora/bbc/1.txt"), &roots), None);
/// ```
pub fn folder_of(path: &Path, roots: &[PathBuf]) -> Option<String> {
    let root = roots
        .iter()
        .filter(|root| path.starts_with(root))
        .max_by_key(|root| root.components().count())?;
    let below = path.strip_prefix(root).ok()?.parent()?;
    let parts: Vec<String> = below
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_arrays_numbers_and_mapped_keys() {
        let record = json!({"title": "T", "bias_text": "left", "bias": 0, "live": true, "tags": ["a", "b", "a"],
            "meta": {"section": "Politics", "page": {"n": 3}}, "authors_list": [{"name": "X"}, {"name": "Y"}],
            "empty": "", "none": null});
        let Value::Object(record) = record else { unreachable!() };
        let meta = record_metadata(&record, |k| k == "title");
        let get = |k: &str| meta.get(k).cloned().unwrap_or_default();
        assert_eq!(get("bias_text"), ["left"]);
        assert_eq!(get("bias"), ["0"]);
        assert_eq!(get("live"), ["true"]);
        assert_eq!(get("tags"), ["a", "b"]);
        assert_eq!(get("meta.section"), ["Politics"]);
        assert_eq!(get("meta.page.n"), ["3"]);
        assert_eq!(get("authors_list.name"), ["X", "Y"]);
        assert!(!meta.contains_key("title") && !meta.contains_key("empty") && !meta.contains_key("none"));
    }

    #[test]
    fn bounds() {
        let mut meta = Metadata::new();
        add(&mut meta, "k", &"x".repeat(5000));
        assert_eq!(meta["k"][0].chars().count(), MAX_METADATA_VALUE_CHARS);
        for i in 0..500 {
            add(&mut meta, &format!("f{i}"), "v");
        }
        assert_eq!(meta.len(), MAX_METADATA_FIELDS);
    }
}
