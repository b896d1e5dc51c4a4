use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, JsonObjectOptions, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};

/// Tokenizer for headline, dek and body: lower-cased, English-stemmed, with positions.
pub const STEMMED: &str = "en_stem";

/// The names of the index's columns (tantivy fields), for code that reads a column by name (fast fields,
/// queries, facets, export). [`Fields`] holds them resolved.
pub mod column {
    /// Stable article id (raw, stored; the key for updates).
    pub const ID: &str = "id";
    /// File path the article came from (raw, fast, stored; the key for incremental updates).
    pub const PATH: &str = "path";
    /// Record number inside a multi-record file (stored).
    pub const RECORD: &str = "record";
    /// Headline (stemmed, positions, stored).
    pub const HEADLINE: &str = "headline";
    /// Subheadline (stemmed, positions, stored).
    pub const DEK: &str = "dek";
    /// Body (stemmed, positions, stored).
    pub const BODY: &str = "body";
    /// Canonical person names (raw, fast, stored).
    pub const PERSON: &str = "person";
    /// Canonical organisation names (raw, fast, stored).
    pub const ORGANIZATION: &str = "organization";
    /// Canonical place names (raw, fast, stored).
    pub const LOCATION: &str = "location";
    /// Person names as words (for `person:trump`).
    pub const PERSON_TEXT: &str = "person_text";
    /// Organisation names as words.
    pub const ORGANIZATION_TEXT: &str = "organization_text";
    /// Place names as words.
    pub const LOCATION_TEXT: &str = "location_text";
    /// All entity names as stemmed text, a default search field.
    pub const ENTITIES: &str = "entities";
    /// Outlet (raw, fast, stored).
    pub const SOURCE: &str = "source";
    /// Outlet as words (for `source:npr`).
    pub const SOURCE_TEXT: &str = "source_text";
    /// Authors (raw, fast, stored).
    pub const AUTHORS: &str = "authors";
    /// Authors as words.
    pub const AUTHOR_TEXT: &str = "author_text";
    /// URL (raw, stored).
    pub const URL: &str = "url";
    /// Publication date (indexed, fast, stored; second precision).
    pub const PUBLISHED: &str = "published";
    /// Language code (raw, fast, stored).
    pub const LANGUAGE: &str = "language";
    /// 64-bit SimHash of the body (fast, stored).
    pub const FINGERPRINT: &str = "fingerprint";
    /// xxh3 hash of the file's bytes (fast, stored).
    pub const CONTENT_HASH: &str = "content_hash";
    /// File size in bytes when indexed (fast, stored).
    pub const FILE_SIZE: &str = "file_size";
    /// File modification time when indexed (fast, stored).
    pub const FILE_MTIME: &str = "file_mtime";
    /// The corpus's own fields (JSON: lower-cased names and values, flattened with dots; raw tokens, fast).
    pub const META: &str = "meta";
    /// The same fields as written, for display (stored JSON text).
    pub const METADATA: &str = "metadata";

    /// Every column, in schema order.
    pub const ALL: &[&str] = &[
        ID,
        PATH,
        RECORD,
        HEADLINE,
        DEK,
        BODY,
        PERSON,
        PERSON_TEXT,
        ORGANIZATION,
        ORGANIZATION_TEXT,
        LOCATION,
        LOCATION_TEXT,
        ENTITIES,
        SOURCE,
        SOURCE_TEXT,
        AUTHORS,
        AUTHOR_TEXT,
        URL,
        PUBLISHED,
        LANGUAGE,
        FINGERPRINT,
        CONTENT_HASH,
        FILE_SIZE,
        FILE_MTIME,
        META,
        METADATA,
    ];
}

/// A field users name (before `:` in a query, in a facet list) and the column it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldName {
    /// The column (one of [`mod@column`]): the raw column for names, the text column for prose, `published` for
    /// dates.
    pub column: &'static str,
    /// Every spelling users may type, lower-case; the first is the one messages show.
    pub names: &'static [&'static str],
}

/// The one table of field names and their aliases, in the order messages list them.
pub const FIELD_NAMES: &[FieldName] = &[
    FieldName {
        column: column::PERSON,
        names: &["person", "people", "persons"],
    },
    FieldName {
        column: column::ORGANIZATION,
        names: &["org", "organization", "organisation", "organizations", "orgs"],
    },
    FieldName {
        column: column::LOCATION,
        names: &["place", "location", "places", "locations"],
    },
    FieldName {
        column: column::SOURCE,
        names: &["source", "outlet", "sources", "outlets"],
    },
    FieldName {
        column: column::AUTHORS,
        names: &["author", "authors"],
    },
    FieldName {
        column: column::HEADLINE,
        names: &["headline", "title"],
    },
    FieldName {
        column: column::BODY,
        names: &["body", "text"],
    },
    FieldName {
        column: column::PUBLISHED,
        names: &["date"],
    },
    FieldName {
        column: column::LANGUAGE,
        names: &["lang", "language"],
    },
];

/// The field a user's name means (any spelling of [`FIELD_NAMES`], any case, surrounding spaces ignored).
///
/// ```
/// use lede_indexer::{column, field_named};
///
/// assert_eq!(field_named("Organisation").map(|f| f.column), Some(column::ORGANIZATION));
/// assert_eq!(field_named("places").map(|f| f.names[0]), Some("place"));
/// assert!(field_named("persn").is_none());
/// ```
pub fn field_named(name: &str) -> Option<&'static FieldName> {
    let name = name.trim().to_lowercase();
    FIELD_NAMES.iter().find(|f| f.names.contains(&name.as_str()))
}

/// The fields of a lede index, resolved once.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Stable article id (raw, the key for updates).
    pub id: Field,
    /// File path the article came from (raw, fast: the key for incremental updates).
    pub path: Field,
    /// Record number inside a multi-record file.
    pub record: Field,
    /// Headline (stemmed, positions, stored).
    pub headline: Field,
    /// Subheadline (stemmed, positions, stored).
    pub dek: Field,
    /// Body (stemmed, positions, stored).
    pub body: Field,
    /// Canonical person names (raw, fast, stored).
    pub person: Field,
    /// Canonical organisation names (raw, fast, stored).
    pub organization: Field,
    /// Canonical place names (raw, fast, stored).
    pub location: Field,
    /// Person names as words (for `person:trump`).
    pub person_text: Field,
    /// Organisation names as words.
    pub organization_text: Field,
    /// Place names as words.
    pub location_text: Field,
    /// All entity names as stemmed text, a default search field.
    pub entities: Field,
    /// Outlet (raw, fast, stored).
    pub source: Field,
    /// Outlet as words (for `source:npr`).
    pub source_text: Field,
    /// Authors (raw, fast, stored).
    pub authors: Field,
    /// Authors as words.
    pub author_text: Field,
    /// URL (raw, stored).
    pub url: Field,
    /// Publication date (indexed, fast, stored; second precision).
    pub published: Field,
    /// Language code (raw, fast, stored).
    pub language: Field,
    /// 64-bit SimHash of the body for near-duplicate detection.
    pub fingerprint: Field,
    /// xxh3 hash of the file's bytes.
    pub content_hash: Field,
    /// File size in bytes when indexed.
    pub file_size: Field,
    /// File modification time (seconds since 1970) when indexed.
    pub file_mtime: Field,
    /// The corpus's own fields, searchable and fast (see [`column::META`]).
    pub meta: Field,
    /// The corpus's own fields as written (see [`column::METADATA`]).
    pub metadata: Field,
}

fn text(tokenizer: &str, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

fn raw_fast_stored() -> TextOptions {
    STRING | FAST | STORED
}

/// Builds lede's schema.
pub fn build_schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field(column::ID, STRING | STORED);
    b.add_text_field(column::PATH, STRING | FAST | STORED);
    b.add_u64_field(column::RECORD, STORED);
    b.add_text_field(column::HEADLINE, text(STEMMED, true));
    b.add_text_field(column::DEK, text(STEMMED, true));
    b.add_text_field(column::BODY, text(STEMMED, true));
    for (names, words) in [
        (column::PERSON, column::PERSON_TEXT),
        (column::ORGANIZATION, column::ORGANIZATION_TEXT),
        (column::LOCATION, column::LOCATION_TEXT),
    ] {
        b.add_text_field(names, raw_fast_stored());
        b.add_text_field(words, text("default", false));
    }
    // Plain words are looked up in the names without phrases or proximity: no positions (they were 5 MB of
    // AllSides' index).
    b.add_text_field(
        column::ENTITIES,
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(STEMMED)
                .set_index_option(IndexRecordOption::WithFreqs),
        ),
    );
    b.add_text_field(column::SOURCE, raw_fast_stored());
    b.add_text_field(column::SOURCE_TEXT, text("default", false));
    b.add_text_field(column::AUTHORS, raw_fast_stored());
    b.add_text_field(column::AUTHOR_TEXT, text("default", false));
    b.add_text_field(column::URL, STRING | STORED);
    b.add_date_field(
        column::PUBLISHED,
        DateOptions::default()
            .set_indexed()
            .set_fast()
            .set_stored()
            .set_precision(DateTimePrecision::Seconds),
    );
    b.add_text_field(column::LANGUAGE, raw_fast_stored());
    b.add_u64_field(column::FINGERPRINT, NumericOptions::default().set_fast().set_stored());
    // What `lede index` compares to see whether a file changed: read from the fast columns only, so not stored.
    let fast = NumericOptions::default().set_fast();
    b.add_u64_field(column::CONTENT_HASH, fast.clone());
    b.add_u64_field(column::FILE_SIZE, fast.clone());
    b.add_i64_field(column::FILE_MTIME, fast);
    // Names and values are lower-cased by lede (`crate::metadata`), so `raw` tokens match case-insensitively and
    // facets count `Left` and `left` as one value.
    let keyword = TextFieldIndexing::default()
        .set_tokenizer("raw")
        .set_index_option(IndexRecordOption::Basic);
    b.add_json_field(
        column::META,
        JsonObjectOptions::default()
            .set_indexing_options(keyword)
            .set_fast("raw")
            .set_expand_dots_enabled(),
    );
    b.add_text_field(column::METADATA, STORED);
    b.build()
}

impl Fields {
    /// Resolves the fields of `schema`; fails when the index was made by another lede version.
    pub fn new(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: f(column::ID)?,
            path: f(column::PATH)?,
            record: f(column::RECORD)?,
            headline: f(column::HEADLINE)?,
            dek: f(column::DEK)?,
            body: f(column::BODY)?,
            person: f(column::PERSON)?,
            organization: f(column::ORGANIZATION)?,
            location: f(column::LOCATION)?,
            person_text: f(column::PERSON_TEXT)?,
            organization_text: f(column::ORGANIZATION_TEXT)?,
            location_text: f(column::LOCATION_TEXT)?,
            entities: f(column::ENTITIES)?,
            source: f(column::SOURCE)?,
            source_text: f(column::SOURCE_TEXT)?,
            authors: f(column::AUTHORS)?,
            author_text: f(column::AUTHOR_TEXT)?,
            url: f(column::URL)?,
            published: f(column::PUBLISHED)?,
            language: f(column::LANGUAGE)?,
            fingerprint: f(column::FINGERPRINT)?,
            content_hash: f(column::CONTENT_HASH)?,
            file_size: f(column::FILE_SIZE)?,
            file_mtime: f(column::FILE_MTIME)?,
            meta: f(column::META)?,
            metadata: f(column::METADATA)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_column_names_are_the_schema_in_order() {
        let schema = build_schema();
        let names: Vec<&str> = schema.fields().map(|(_, entry)| entry.name()).collect();
        assert_eq!(names, column::ALL);
    }

    #[test]
    fn every_field_name_reads_a_column_and_no_spelling_means_two_fields() {
        let mut spellings = std::collections::HashSet::new();
        for field in FIELD_NAMES {
            assert!(column::ALL.contains(&field.column), "{}", field.column);
            for name in field.names {
                assert_eq!(*name, name.to_lowercase());
                assert!(spellings.insert(*name), "`{name}` names two fields");
                assert_eq!(field_named(name), Some(field));
            }
        }
        assert_eq!(field_named(" ORGS "), field_named("organization"));
        assert_eq!(field_named("location").map(|f| f.names[0]), Some("place"));
        assert_eq!(field_named("persn"), None);
    }
}
