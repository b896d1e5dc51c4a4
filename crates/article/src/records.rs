//! JSON, JSON Lines and CSV records: many field names for the same thing.

use serde_json::{Map, Value};

use crate::article::Article;
use crate::dates;

/// An article field that records name in many ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The source's own identifier.
    Id,
    /// Headline.
    Headline,
    /// Subheadline / summary.
    Dek,
    /// Body text (plain or HTML).
    Body,
    /// Publication date.
    Published,
    /// Article URL.
    Url,
    /// Outlet.
    Source,
    /// Authors.
    Authors,
    /// Language code.
    Language,
}

impl Field {
    /// Every field, in the order users see them listed.
    pub const ALL: [Field; 9] = [
        Field::Id,
        Field::Headline,
        Field::Dek,
        Field::Body,
        Field::Published,
        Field::Url,
        Field::Source,
        Field::Authors,
        Field::Language,
    ];

    /// The name used in `--field NAME=KEY`.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Headline => "headline",
            Field::Dek => "dek",
            Field::Body => "body",
            Field::Published => "published",
            Field::Url => "url",
            Field::Source => "source",
            Field::Authors => "authors",
            Field::Language => "language",
        }
    }

    /// The keys recognised without configuration, most specific first (compared case-insensitively).
    pub fn default_keys(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["id", "_id", "guid", "uuid", "article_id", "doc_id"],
            Field::Headline => &["title", "headline", "heading", "name"],
            Field::Dek => &["dek", "subtitle", "subheadline", "summary", "description", "abstract"],
            Field::Body => &[
                "content_original",
                "body",
                "text",
                "content",
                "articlebody",
                "article_body",
                "story",
                "full_text",
                "fulltext",
                "maintext",
                "article",
            ],
            Field::Published => &[
                "published",
                "date",
                "publishedat",
                "published_at",
                "datepublished",
                "date_published",
                "pubdate",
                "pub_date",
                "publish_date",
                "publication_date",
                "published_date",
                "created_at",
                "timestamp",
                "time",
            ],
            Field::Url => &["url", "link", "canonical_url", "canonical", "href", "permalink"],
            Field::Source => &[
                "source",
                "publisher",
                "site",
                "site_name",
                "outlet",
                "publication",
                "source_name",
                "media",
                "domain",
            ],
            Field::Authors => &["authors", "author", "byline", "creator", "creators", "writers", "by"],
            Field::Language => &["language", "lang", "inlanguage"],
        }
    }

    /// Parses a field name as users type it (also a few synonyms).
    pub fn parse(name: &str) -> Option<Field> {
        let name = name.trim().to_ascii_lowercase();
        Field::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .or(match name.as_str() {
                "title" => Some(Field::Headline),
                "text" | "content" => Some(Field::Body),
                "date" => Some(Field::Published),
                "author" | "byline" => Some(Field::Authors),
                "outlet" | "publisher" => Some(Field::Source),
                "lang" => Some(Field::Language),
                _ => None,
            })
    }
}

/// Which record key holds which article field: the defaults plus the user's `--field` mappings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMap {
    overrides: Vec<(Field, String)>,
}

impl FieldMap {
    /// Adds a mapping from an assignment such as `body=story_text`.
    ///
    /// The error names the valid fields.
    pub fn add_assignment(&mut self, assignment: &str) -> Result<(), String> {
        let (field, key) = assignment
            .split_once('=')
            .ok_or_else(|| format!("`{assignment}` is not FIELD=KEY (for example body=story_text)"))?;
        let parsed = Field::parse(field).ok_or_else(|| {
            let known: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
            format!("unknown field `{}`; known fields: {}", field.trim(), known.join(", "))
        })?;
        if key.trim().is_empty() {
            return Err(format!("`{assignment}` names no key after `=`"));
        }
        self.overrides.push((parsed, key.trim().to_owned()));
        Ok(())
    }

    /// The value for `field` in `record`: the user's mapping first, then the defaults.
    pub fn get<'a>(&self, record: &'a Map<String, Value>, field: Field) -> Option<&'a Value> {
        for (f, key) in &self.overrides {
            if *f == field {
                if let Some(v) = record.get(key).filter(|v| !is_blank(v)) {
                    return Some(v);
                }
            }
        }
        for key in field.default_keys() {
            if let Some(v) = record.get(*key).filter(|v| !is_blank(v)) {
                return Some(v);
            }
            // Fall back to a case-insensitive scan (`ID`, `Title`, `datePublished`).
            if let Some((_, v)) = record.iter().find(|(k, v)| k.eq_ignore_ascii_case(key) && !is_blank(v)) {
                return Some(v);
            }
        }
        None
    }
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

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
    dedup(out)
}

/// Splits a byline into author names, dropping "By", "and", and trailing roles.
pub fn split_byline(text: &str) -> Vec<String> {
    let text = text.trim();
    let text = strip_prefix_ci(text, "by ").unwrap_or(text);
    let text = strip_prefix_ci(text, "by:").unwrap_or(text);
    let mut names = Vec::new();
    for part in text
        .split([',', ';', '|', '&', '\n'])
        .flat_map(|p| split_word(p, " and "))
    {
        let name = part
            .trim()
            .trim_matches(|c: char| c == '.' || c == '"' || c.is_whitespace());
        let name = strip_prefix_ci(name, "by ").unwrap_or(name).trim();
        if name.is_empty() || name.len() > 60 || name.split_whitespace().count() > 5 {
            continue;
        }
        let lower = name.to_ascii_lowercase();
        const ROLES: &[&str] = &[
            "staff",
            "reporter",
            "correspondent",
            "editor",
            "writer",
            "contributor",
            "associated press",
            "reuters",
            "updated",
            "published",
            "senior",
            "columnist",
        ];
        if ROLES
            .iter()
            .any(|r| lower == *r || lower.ends_with(&format!(" {r}")) || lower.starts_with(&format!("{r} ")))
            && !lower.contains(' ')
        {
            continue;
        }
        if ROLES.contains(&lower.as_str()) || lower.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        names.push(name.to_owned());
    }
    names
}

fn split_word<'a>(text: &'a str, word: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    text.split(word)
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

fn dedup(names: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        if !out.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            out.push(name);
        }
    }
    out
}

/// Body text from a record value: HTML markup is rendered to text, plain text is kept.
fn body_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::Array(parts) => parts.iter().filter_map(text_of).collect::<Vec<_>>().join("\n\n"),
        other => text_of(other)?,
    };
    if looks_like_html(&text) {
        Some(crate::html::html_fragment_to_text(&text))
    } else {
        Some(text)
    }
}

fn looks_like_html(text: &str) -> bool {
    let mut end = text.len().min(2000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
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
        .map(|s| crate::text::clean_line(&s))
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
        .or_else(|| crate::language::detect(&body));
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

/// Trims lines, collapses runs of blank lines to one, keeps paragraphs apart.
pub fn normalise_body(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
            blank = false;
        } else if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
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

    #[test]
    fn bylines() {
        assert_eq!(split_byline("By Jane Doe and John Roe"), vec!["Jane Doe", "John Roe"]);
        assert_eq!(split_byline("BY JANE DOE"), vec!["JANE DOE"]);
    }
}
