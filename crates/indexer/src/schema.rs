use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
    FAST, STORED, STRING,
};

/// Tokenizer for headline, dek and body: lower-cased, English-stemmed, with positions.
pub const STEMMED: &str = "en_stem";

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
    b.add_text_field("id", STRING | STORED);
    b.add_text_field("path", STRING | FAST | STORED);
    b.add_u64_field("record", STORED);
    b.add_text_field("headline", text(STEMMED, true));
    b.add_text_field("dek", text(STEMMED, true));
    b.add_text_field("body", text(STEMMED, true));
    for kind in ["person", "organization", "location"] {
        b.add_text_field(kind, raw_fast_stored());
        b.add_text_field(&format!("{kind}_text"), text("default", false));
    }
    b.add_text_field("entities", text(STEMMED, false));
    b.add_text_field("source", raw_fast_stored());
    b.add_text_field("source_text", text("default", false));
    b.add_text_field("authors", raw_fast_stored());
    b.add_text_field("author_text", text("default", false));
    b.add_text_field("url", STRING | STORED);
    b.add_date_field(
        "published",
        DateOptions::default()
            .set_indexed()
            .set_fast()
            .set_stored()
            .set_precision(DateTimePrecision::Seconds),
    );
    b.add_text_field("language", raw_fast_stored());
    let fast_stored_u64 = NumericOptions::default().set_fast().set_stored();
    b.add_u64_field("fingerprint", fast_stored_u64.clone());
    b.add_u64_field("content_hash", fast_stored_u64.clone());
    b.add_u64_field("file_size", fast_stored_u64);
    b.add_i64_field("file_mtime", NumericOptions::default().set_fast().set_stored());
    b.build()
}

impl Fields {
    /// Resolves the fields of `schema`; fails when the index was made by another lede version.
    pub fn new(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: f("id")?,
            path: f("path")?,
            record: f("record")?,
            headline: f("headline")?,
            dek: f("dek")?,
            body: f("body")?,
            person: f("person")?,
            organization: f("organization")?,
            location: f("location")?,
            person_text: f("person_text")?,
            organization_text: f("organization_text")?,
            location_text: f("location_text")?,
            entities: f("entities")?,
            source: f("source")?,
            source_text: f("source_text")?,
            authors: f("authors")?,
            author_text: f("author_text")?,
            url: f("url")?,
            published: f("published")?,
            language: f("language")?,
            fingerprint: f("fingerprint")?,
            content_hash: f("content_hash")?,
            file_size: f("file_size")?,
            file_mtime: f("file_mtime")?,
        })
    }
}
