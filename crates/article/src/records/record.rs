//! One record (a JSON object, a JSON Lines line, a CSV row) turned into an [`Article`].

use serde_json::{Map, Value};

use super::fields::{Field, FieldMap};
use crate::article::Article;
use crate::byline::{dedup_names, split_byline};
use crate::clean::{bounded, clean_line, normalise_body};
use crate::html::html_fragment_to_text;
use crate::{dates, language};

/// The text of a scalar, or of the `name`/`@value` member of an object.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Object(o) => ["name", "@value", "value", "text", "url", "@id"]
            .iter()
            .find_map(|k| o.get(*k).and_then(text_of)),
        Value::Array(a) => a.iter().find_map(text_of),
        Value::Null => None,
    }
    .filter(|s| !s.is_empty())
}

/// Splits an author value: a list, a list of `{name}` objects, or one string
/// such as "By Jane Doe and John Roe" / "Doe, Jane; Roe, John".
pub fn authors_of(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    match value {
        Value::Array(items) => {
            for item in items {
                out.extend(authors_of(item));
            }
        }
        other => {
            if let Some(text) = text_of(other) {
                out.extend(split_byline(&text));
            }
        }
    }
    dedup_names(out)
}

/// Body text from a record value: HTML markup is rendered to text, plain text is kept.
fn body_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::Array(parts) => parts.iter().filter_map(text_of).collect::<Vec<_>>().join("\n\n"),
        other => text_of(other)?,
    };
    if looks_like_html(&text) {
        Some(html_fragment_to_text(&text))
    } else {
        Some(text)
    }
}

fn looks_like_html(text: &str) -> bool {
    let head = bounded(text, 2000);
    ["<p>", "<p ", "<br", "</p>", "</div>", "<div"]
        .iter()
        .any(|t| head.contains(t))
}

/// Turns one JSON object (from JSON, JSONL or a CSV row) into an [`Article`].
///
/// Returns `None` when the record has neither headline nor body.
pub fn article_from_record(
    record: &Map<String, Value>,
    fields: &FieldMap,
    path: &str,
    number: Option<u64>,
) -> Option<Article> {
    let headline = fields
        .get(record, Field::Headline)
        .and_then(text_of)
        .map(|s| clean_line(&s))
        .unwrap_or_default();
    let body = fields.get(record, Field::Body).and_then(body_text).unwrap_or_default();
    if headline.is_empty() && body.trim().is_empty() {
        return None;
    }
    let body = normalise_body(&body);
    let language = fields
        .get(record, Field::Language)
        .and_then(text_of)
        .map(|l| l.to_ascii_lowercase())
        .or_else(|| language::detect(&body));
    let url = fields.get(record, Field::Url).and_then(text_of);
    let mut warnings = Vec::new();
    let mut published = None;
    if let Some(raw) = fields.get(record, Field::Published) {
        let parsed = match raw {
            Value::Number(n) => n.as_i64().and_then(from_epoch).map(|d| dates::check_range(d).map(Some)),
            other => text_of(other).map(|s| dates::parse_published(&s)),
        };
        match parsed {
            Some(Ok(Some(date))) => published = Some(date),
            Some(Ok(None)) | None => warnings.push(format!("unrecognised date {raw}")),
            Some(Err(e)) => warnings.push(format!("{e}; date dropped")),
        }
    }
    if published.is_none() {
        published = url
            .as_deref()
            .and_then(dates::date_in_url)
            .and_then(|d| dates::check_range(d).ok());
    }
    let id = fields
        .get(record, Field::Id)
        .and_then(text_of)
        .or_else(|| url.clone())
        .unwrap_or_else(|| match number {
            Some(n) => format!("{path}#{n}"),
            None => path.to_owned(),
        });
    Some(Article {
        id,
        path: path.to_owned(),
        record: number,
        headline,
        dek: fields
            .get(record, Field::Dek)
            .and_then(text_of)
            .filter(|d| d.len() < 600),
        body,
        published,
        authors: fields.get(record, Field::Authors).map(authors_of).unwrap_or_default(),
        source: fields.get(record, Field::Source).and_then(text_of),
        url,
        language,
        entities: Default::default(),
        metadata: crate::metadata::record_metadata(record, |key| fields.is_mapped_key(key)),
        warnings,
    })
}

fn from_epoch(value: i64) -> Option<chrono::DateTime<chrono::Utc>> {
    // Seconds or milliseconds since 1970; small numbers are not timestamps.
    if value.abs() < 100_000_000 {
        return None;
    }
    let seconds = if value.abs() > 100_000_000_000 {
        value / 1000
    } else {
        value
    };
    chrono::DateTime::from_timestamp(seconds, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    #[test]
    fn allsides_shape() {
        let r = record(
            json!({"ID": "abc", "title": "Senate passes bill", "content_original": "Body.", "date": "2016-09-20",
            "source": "NPR Online News", "url": "https://npr.org/x", "authors": "Jane Doe, John Roe", "topic": "x"}),
        );
        let a = article_from_record(&r, &FieldMap::default(), "f.jsonl", Some(3)).unwrap();
        assert_eq!(a.id, "abc");
        assert_eq!(a.headline, "Senate passes bill");
        assert_eq!(a.authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(a.published.unwrap().format("%F").to_string(), "2016-09-20");
        assert_eq!(a.source.as_deref(), Some("NPR Online News"));
        // Keys lede does not map are kept as metadata, the mapped ones (`ID`, `title`, …) are not.
        assert_eq!(a.metadata.keys().collect::<Vec<_>>(), ["topic"]);
    }

    #[test]
    fn other_names_and_objects() {
        let r = record(
            json!({"headline": "H", "articleBody": "<p>One.</p><p>Two.</p>", "datePublished": "2024-03-03T10:00:00Z",
            "publisher": {"name": "Capitol Ledger"}, "link": "https://x/y", "author": [{"name": "A B"}, "C D"]}),
        );
        let a = article_from_record(&r, &FieldMap::default(), "f.json", Some(0)).unwrap();
        assert_eq!(a.source.as_deref(), Some("Capitol Ledger"));
        assert_eq!(a.authors, vec!["A B", "C D"]);
        assert!(a.body.contains("One.") && a.body.contains("Two.") && !a.body.contains("<p>"));
        assert_eq!(a.id, "https://x/y");
    }

    #[test]
    fn user_mapping_and_errors() {
        let mut map = FieldMap::default();
        map.add_assignment("body=story_text").unwrap();
        let err = map.add_assignment("bdy=x").unwrap_err();
        assert!(err.contains("known fields: id, headline"), "{err}");
        let r = record(json!({"title": "T", "story_text": "The story."}));
        let a = article_from_record(&r, &map, "f.json", None).unwrap();
        assert_eq!(a.body, "The story.");
        assert_eq!(a.id, "f.json");
    }

    #[test]
    fn absurd_dates_are_dropped_not_the_article() {
        let r = record(json!({"title": "T", "text": "b", "date": "0001-11-30"}));
        let a = article_from_record(&r, &FieldMap::default(), "f", Some(1)).unwrap();
        assert_eq!(a.published, None);
        assert!(a.warnings[0].contains("outside"), "{:?}", a.warnings);
        let r = record(json!({"title": "T", "text": "b", "date": 17, "url": "https://x/2019/05/06/y"}));
        let a = article_from_record(&r, &FieldMap::default(), "f", Some(1)).unwrap();
        assert_eq!(a.published.unwrap().format("%F").to_string(), "2019-05-06");
    }

    #[test]
    fn empty_records_are_none() {
        let r = record(json!({"title": " ", "text": ""}));
        assert!(article_from_record(&r, &FieldMap::default(), "f", Some(1)).is_none());
    }

    /// Regression: sniffing the first 2,000 bytes for markup sliced inside a multi-byte character (AllSides).
    #[test]
    fn regression_html_sniff_on_a_multibyte_boundary() {
        let body = format!("{}’s and more text", "a".repeat(1999));
        let r = record(json!({"title": "T", "text": body}));
        let a = article_from_record(&r, &FieldMap::default(), "f", None).unwrap();
        assert!(a.body.ends_with("more text"));
    }
}
