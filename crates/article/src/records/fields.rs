//! Which record key holds which article field: many names for the same thing.

use serde_json::{Map, Value};

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

    /// Whether `key` is one lede reads as one of its own fields: a name of the table above (any case) or a key
    /// mapped with `--field`. Every other key of a record is kept as a metadata field.
    pub fn is_mapped_key(&self, key: &str) -> bool {
        self.overrides.iter().any(|(_, k)| k == key)
            || Field::ALL
                .iter()
                .any(|f| f.default_keys().iter().any(|d| d.eq_ignore_ascii_case(key)))
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
