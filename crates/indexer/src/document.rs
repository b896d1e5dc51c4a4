//! Article ⇄ tantivy document.

use chrono::{DateTime as ChronoDateTime, Utc};
use lede_article::{Article, Entities};
use tantivy::schema::{OwnedValue, Value};
use tantivy::{DateTime, TantivyDocument};

use crate::fingerprint::simhash;
use crate::schema::Fields;

/// Facts about the file an article came from, stored with it for incremental updates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileStamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since 1970.
    pub mtime: i64,
    /// xxh3 of the file's bytes.
    pub hash: u64,
}

/// Builds the tantivy document for `article`.
pub fn to_document(fields: &Fields, article: &Article, stamp: FileStamp) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.id, &article.id);
    doc.add_text(fields.path, &article.path);
    if let Some(record) = article.record {
        doc.add_u64(fields.record, record);
    }
    doc.add_text(fields.headline, &article.headline);
    if let Some(dek) = &article.dek {
        doc.add_text(fields.dek, dek);
    }
    doc.add_text(fields.body, &article.body);
    let kinds = [
        (&article.entities.person, fields.person, fields.person_text),
        (
            &article.entities.organization,
            fields.organization,
            fields.organization_text,
        ),
        (&article.entities.location, fields.location, fields.location_text),
    ];
    for (names, raw, words) in kinds {
        for name in names {
            doc.add_text(raw, name);
            doc.add_text(words, name);
            doc.add_text(fields.entities, name);
        }
    }
    if let Some(source) = &article.source {
        doc.add_text(fields.source, source);
        doc.add_text(fields.source_text, source);
    }
    for author in &article.authors {
        doc.add_text(fields.authors, author);
        doc.add_text(fields.author_text, author);
    }
    if let Some(url) = &article.url {
        doc.add_text(fields.url, url);
    }
    if let Some(published) = article.published {
        doc.add_date(fields.published, DateTime::from_timestamp_secs(published.timestamp()));
    }
    if let Some(language) = &article.language {
        doc.add_text(fields.language, language);
    }
    doc.add_u64(fields.fingerprint, simhash(&article.body));
    doc.add_u64(fields.content_hash, stamp.hash);
    doc.add_u64(fields.file_size, stamp.size);
    doc.add_i64(fields.file_mtime, stamp.mtime);
    crate::metadata::add_metadata(&mut doc, fields, &article.metadata);
    doc
}

fn texts(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

fn text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field).and_then(|v| v.as_str().map(str::to_owned))
}

/// Rebuilds the article stored in `doc` (everything `lede parse` shows).
pub fn from_document(fields: &Fields, doc: &TantivyDocument) -> Article {
    let published = doc.get_first(fields.published).and_then(|v| match OwnedValue::from(v) {
        OwnedValue::Date(d) => ChronoDateTime::<Utc>::from_timestamp(d.into_timestamp_secs(), 0),
        _ => None,
    });
    Article {
        id: text(doc, fields.id).unwrap_or_default(),
        path: text(doc, fields.path).unwrap_or_default(),
        record: doc.get_first(fields.record).and_then(|v| v.as_u64()),
        headline: text(doc, fields.headline).unwrap_or_default(),
        dek: text(doc, fields.dek),
        body: text(doc, fields.body).unwrap_or_default(),
        published,
        authors: texts(doc, fields.authors),
        source: text(doc, fields.source),
        url: text(doc, fields.url),
        language: text(doc, fields.language),
        entities: Entities {
            person: texts(doc, fields.person),
            organization: texts(doc, fields.organization),
            location: texts(doc, fields.location),
        },
        metadata: crate::metadata::stored_metadata(fields, doc),
        warnings: Vec::new(),
    }
}

/// The near-duplicate fingerprint stored in `doc`.
pub fn fingerprint_of(fields: &Fields, doc: &TantivyDocument) -> u64 {
    doc.get_first(fields.fingerprint).and_then(|v| v.as_u64()).unwrap_or(0)
}
