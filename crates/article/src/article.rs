use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

/// One news article, normalised from whatever file it came from.
///
/// The same fields are printed by `lede parse`, stored in the index and
/// returned by `lede search --json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier: the source's own id or canonical URL when it has one,
    /// else the path plus, for multi-record files, the record number.
    pub id: String,
    /// The file the article was read from, as given to the reader.
    pub path: String,
    /// Record number (0-based) inside a multi-record file (JSON array, JSONL, CSV).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    /// The headline.
    pub headline: String,
    /// A subheadline under the headline, when the source has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dek: Option<String>,
    /// The article text without navigation and boilerplate; paragraphs separated by blank lines.
    pub body: String,
    /// Publication date as the article states it (metadata, URL, dateline); never guessed.
    pub published: Option<DateTime<Utc>>,
    /// Author names, without "By" or job titles.
    #[serde(default)]
    pub authors: Vec<String>,
    /// The outlet that published the article.
    pub source: Option<String>,
    /// The article's (canonical) URL.
    pub url: Option<String>,
    /// ISO 639-1 language code, when declared or detected.
    pub language: Option<String>,
    /// Named entities found in headline and body (filled by the entity tagger).
    #[serde(default)]
    pub entities: Entities,
    /// The corpus's own fields that lede does not map to one of the above (AllSides' `bias_text`, `topic`; front
    /// matter `tags:`; the `folder` the file sits in below the indexed directory), under their names as written,
    /// nested objects flattened with dots (`meta.section`), each with its values as text.
    #[serde(default, skip_serializing_if = "Metadata::is_empty")]
    pub metadata: Metadata,
    /// Things the reader dropped or doubted, e.g. an absurd date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// Metadata fields: name as written in the data → values (numbers and booleans as text), sorted by name.
pub type Metadata = std::collections::BTreeMap<String, Vec<String>>;

/// Canonical names of the entities an article mentions, most mentioned first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entities {
    /// People.
    pub person: Vec<String>,
    /// Organisations: parties, agencies, companies, international bodies.
    pub organization: Vec<String>,
    /// Places: countries, states, cities, regions.
    pub location: Vec<String>,
}

impl Entities {
    /// True when no entity of any kind is present.
    pub fn is_empty(&self) -> bool {
        self.person.is_empty() && self.organization.is_empty() && self.location.is_empty()
    }
}

/// Fields a document-shaped reader (text, Markdown, HTML) found in one file.
///
/// Readers fill what the document states; the caller turns it into an [`Article`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// The headline, empty when none was found.
    pub headline: String,
    /// A subheadline, when one was recognised.
    pub dek: Option<String>,
    /// The body text; paragraphs separated by blank lines.
    pub body: String,
    /// Author names.
    pub authors: Vec<String>,
    /// Publication date, already validated (1900..=tomorrow), with the offset the document wrote it in:
    /// its calendar day is the article's local day (a story posted 9 pm EDT on May 4 is a May 4 story,
    /// though it is May 5 in UTC). [`Article::published`] keeps the instant.
    pub published: Option<DateTime<FixedOffset>>,
    /// The outlet.
    pub source: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// An identifier the document gives itself (front matter `id:`).
    pub id: Option<String>,
    /// Front matter keys lede does not map (`tags`, `section`, …), with their values.
    pub metadata: Metadata,
    /// Notes about dropped or doubtful values.
    pub warnings: Vec<String>,
}
