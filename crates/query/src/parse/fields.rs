//! `field:value`: which fields there are, what their values mean, and when a colon is prose.

use chrono::{Datelike, NaiveDate};

use super::tree::{NameField, Node, TextField, Word};
use crate::error::{Error, Result};

/// A field a value (or a parenthesised group) is searched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Context {
    /// Words and phrases in one text field.
    Text(TextField),
    /// Names.
    Name(NameField),
    /// Publication dates.
    Date,
    /// The article's URL.
    Url,
    /// A metadata field of the corpus (`bias_text:left`), by its lower-cased name.
    Meta(&'static str),
}

const FIELDS: &[(&str, Context)] = &[
    ("person", Context::Name(NameField::Person)),
    ("people", Context::Name(NameField::Person)),
    ("org", Context::Name(NameField::Organization)),
    ("organization", Context::Name(NameField::Organization)),
    ("organisation", Context::Name(NameField::Organization)),
    ("place", Context::Name(NameField::Location)),
    ("location", Context::Name(NameField::Location)),
    ("source", Context::Name(NameField::Source)),
    ("outlet", Context::Name(NameField::Source)),
    ("author", Context::Name(NameField::Author)),
    ("lang", Context::Name(NameField::Language)),
    ("language", Context::Name(NameField::Language)),
    ("headline", Context::Text(TextField::Headline)),
    ("title", Context::Text(TextField::Headline)),
    ("body", Context::Text(TextField::Body)),
    ("text", Context::Text(TextField::Body)),
    ("date", Context::Date),
    ("url", Context::Url),
];

/// The field names users may write before `:` (one name for each field; aliases such as `title` also work).
pub const KNOWN_FIELDS: &[&str] = &[
    "person", "org", "place", "source", "author", "headline", "body", "date", "lang", "url",
];

/// Field names users may write before `:`, comma-separated.
pub fn known_fields() -> String {
    KNOWN_FIELDS.join(", ")
}

/// What a `name:` token turned out to be.
pub(super) enum Resolved {
    /// A field.
    Field(Context),
    /// A pasted link (`https://…`): the URL itself.
    Link,
    /// Prose with a colon (`Berlin:Step`, `Working:'…'`): words.
    Prose,
}

/// What `name:value` is. Fails for an unknown field in clear syntax (`url:`, `persn:trump`), and lists the known
/// ones, the corpus's metadata fields (`meta`) among them.
pub(super) fn resolve(name: &str, value: &str, meta: &dyn MetaFields) -> Result<Resolved> {
    let lower = name.to_lowercase();
    if let Some((_, context)) = FIELDS.iter().find(|(n, _)| *n == lower) {
        return Ok(Resolved::Field(*context));
    }
    if meta.has(&lower) {
        return Ok(Resolved::Field(Context::Meta(intern(&lower))));
    }
    // Names with digits, dots or dashes (`www.x.com:443`, `co-chair:…`) are fields only when the corpus has them.
    if !lower.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        return Ok(Resolved::Prose);
    }
    if matches!(lower.as_str(), "http" | "https") && value.starts_with("//") {
        return Ok(Resolved::Link);
    }
    let suggestion = FIELDS
        .iter()
        .find(|(n, _)| n.len() > 3 && crate::expand::edit_distance(&lower, n) == 1)
        .map(|(n, _)| (*n).to_owned());
    let first = value.chars().next();
    // Prose: a one-letter name, a quotation after the colon (`Working:'…'`), a capital after it (`Berlin:Step`).
    let prose = lower.len() < 2
        || !first.is_some_and(|c| c.is_alphanumeric() || matches!(c, '"' | '\u{201c}' | '('))
        || first.is_some_and(char::is_uppercase);
    if prose && suggestion.is_none() {
        return Ok(Resolved::Prose);
    }
    let names = meta.names();
    let suggestion = suggestion.or_else(|| {
        names
            .iter()
            .find(|n| n.len() > 3 && crate::expand::edit_distance(&lower, n) == 1)
            .cloned()
    });
    let known = if names.is_empty() {
        known_fields()
    } else {
        format!("{}; this corpus's fields: {}", known_fields(), names.join(", "))
    };
    Err(Error::UnknownField {
        field: name.to_owned(),
        suggestion,
        known,
    })
}

/// The corpus's metadata fields, as the parser asks about them (the index answers; see `crate::metadata`).
pub trait MetaFields {
    /// Whether the corpus has the field `name` (lower-case).
    fn has(&self, name: &str) -> bool;
    /// Every field name, sorted (for messages).
    fn names(&self) -> Vec<String>;
}

/// No metadata fields: what [`crate::parse::parse`] knows without an index.
pub struct NoMetaFields;

impl MetaFields for NoMetaFields {
    fn has(&self, _: &str) -> bool {
        false
    }

    fn names(&self) -> Vec<String> {
        Vec::new()
    }
}

/// One `&'static str` per distinct field name, so that [`Context`] stays `Copy`: the names of a corpus are few.
fn intern(name: &str) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut names = NAMES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(known) = names.get(name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
    names.insert(leaked);
    leaked
}

/// A piece of a query the parser places: a plain word joins the run of words around it, anything else is an
/// operand of its own.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Leaf {
    /// A plain word.
    Word(Word),
    /// Plain words in parentheses and nothing else (`(i.e. up to two years of age)`): an aside in prose, whose
    /// words join the run around it unless a modifier (`-`, `+`, `^N`) makes the group an operand.
    Aside(Vec<Word>),
    /// Any other operand.
    Node(Node),
}

/// A word in a field context (or the default fields): a plain word, a prefix (`immigr*`) or a fuzzy word
/// (`pelosy~1`). `None` when nothing is left once edge punctuation is trimmed.
pub(super) fn word_leaf(token: &str, field: Option<TextField>) -> Result<Option<Leaf>> {
    let token = token.trim_matches(|c: char| matches!(c, '[' | ']' | '{' | '}' | ',' | ';' | '!' | '?'));
    if token.is_empty() {
        return Ok(None);
    }
    if let Some(prefix) = token.strip_suffix('*') {
        let prefix = prefix.trim_end_matches('*').to_lowercase();
        if prefix.chars().filter(|c| c.is_alphanumeric()).count() >= 2 && prefix.chars().all(char::is_alphanumeric) {
            return Ok(Some(Leaf::Node(Node::Prefix { text: prefix, field })));
        }
    }
    if let Some((word, distance)) = token.rsplit_once('~') {
        if !word.is_empty() && word.chars().all(char::is_alphanumeric) && distance.chars().all(|c| c.is_ascii_digit()) {
            let distance: u32 = if distance.is_empty() {
                1
            } else {
                distance.parse().unwrap_or(u32::MAX)
            };
            if distance > 2 {
                return Err(Error::Query(format!(
                    "fuzzy distance {distance} in `{token}` is too large: use ~1 or ~2 (edits allowed per word)"
                )));
            }
            return Ok(Some(Leaf::Node(Node::Fuzzy {
                text: word.to_lowercase(),
                distance: distance as u8,
                field,
            })));
        }
    }
    Ok(Some(Leaf::Word(Word {
        text: token.to_owned(),
        field,
        boost: 1.0,
    })))
}

impl Context {
    /// The field's name in messages.
    fn name(self) -> &'static str {
        match self {
            Context::Text(TextField::Headline) => "headline",
            Context::Text(TextField::Body) => "body",
            Context::Name(NameField::Person) => "person",
            Context::Name(NameField::Organization) => "org",
            Context::Name(NameField::Location) => "place",
            Context::Name(NameField::Source) => "source",
            Context::Name(NameField::Author) => "author",
            Context::Name(NameField::Language) => "lang",
            Context::Date => "date",
            Context::Url => "url",
            Context::Meta(name) => name,
        }
    }

    /// What `value` (unquoted) means in this field.
    pub(super) fn word(self, value: &str) -> Result<Option<Leaf>> {
        let value = value.trim();
        if value.is_empty() {
            return Err(needs_value(self.name()));
        }
        Ok(match self {
            Context::Text(field) => return word_leaf(value, Some(field)),
            Context::Name(field) => Some(Leaf::Node(Node::Name {
                field,
                value: value.trim_matches(is_quote).to_owned(),
            })),
            Context::Date => {
                let (from, to) = parse_date_range(value)?;
                Some(Leaf::Node(Node::Date { from, to }))
            }
            Context::Url => Some(Leaf::Node(Node::Url(value.trim_matches(is_quote).to_owned()))),
            Context::Meta(name) => Some(Leaf::Node(Node::Meta {
                name: name.to_owned(),
                value: value.trim_matches(is_quote).to_owned(),
            })),
        })
    }

    /// What the quoted `text` means in this field.
    pub(super) fn phrase(self, text: &str, slop: u32) -> Result<Option<Leaf>> {
        if text.trim().is_empty() {
            return Err(needs_value(self.name()));
        }
        match self {
            Context::Text(field) => Ok(Some(Leaf::Node(Node::Phrase {
                text: text.to_owned(),
                slop,
                field: Some(field),
            }))),
            _ => self.word(text),
        }
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{201d}')
}

fn needs_value(name: &str) -> Error {
    Error::Query(format!("`{name}:` needs a value, for example {name}:\"Donald Trump\""))
}

/// Parses `2019-01..2019-06`, `>=2020-03-01`, `<2020`, `2019`, `2019-03`, `2019-03-04`.
pub fn parse_date_range(value: &str) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
    let bad = |what: &str| {
        Error::Query(format!(
            "cannot read date `{value}`: {what}; write date:2019-01..2019-06, date:>=2020-03-01, date:<2021 or date:2019-05-14"
        ))
    };
    if let Some((a, b)) = value.split_once("..") {
        let from = if a.is_empty() || a == "*" {
            None
        } else {
            Some(partial_date(a).ok_or_else(|| bad("bad start"))?.0)
        };
        let to = if b.is_empty() || b == "*" {
            None
        } else {
            Some(partial_date(b).ok_or_else(|| bad("bad end"))?.1)
        };
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(bad("the range ends before it starts"));
            }
        }
        return Ok((from, to));
    }
    for (op, inclusive) in [(">=", true), ("<=", true), (">", false), ("<", false)] {
        if let Some(rest) = value.strip_prefix(op) {
            let (first, last) = partial_date(rest).ok_or_else(|| bad("bad date after the comparison"))?;
            return Ok(match (op.starts_with('>'), inclusive) {
                (true, true) => (Some(first), None),
                (true, false) => (last.succ_opt(), None),
                (false, true) => (None, Some(last)),
                (false, false) => (None, first.pred_opt()),
            });
        }
    }
    let (first, last) = partial_date(value).ok_or_else(|| bad("not a date"))?;
    Ok((Some(first), Some(last)))
}

/// A year, year-month or full date, as its first and last day.
fn partial_date(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = text.trim().split(['-', '/']).collect();
    let num = |s: &str| s.parse::<u32>().ok();
    match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = num(y)? as i32;
            Some((NaiveDate::from_ymd_opt(y, 1, 1)?, NaiveDate::from_ymd_opt(y, 12, 31)?))
        }
        [y, m] if y.len() == 4 => {
            let (y, m) = (num(y)? as i32, num(m)?);
            let first = NaiveDate::from_ymd_opt(y, m, 1)?;
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)?
            };
            Some((first, next.pred_opt()?))
        }
        [y, m, d] if y.len() == 4 => {
            let date = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)?;
            Some((date, date))
        }
        _ => None,
    }
    .filter(|(f, _)| (1000..=9999).contains(&f.year()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(
            parse_date_range("2019-01..2019-06").unwrap(),
            (d("2019-01-01"), d("2019-06-30"))
        );
        assert_eq!(parse_date_range(">=2020-03-01").unwrap(), (d("2020-03-01"), None));
        assert_eq!(parse_date_range("<2020").unwrap(), (None, d("2019-12-31")));
        assert_eq!(parse_date_range("2016").unwrap(), (d("2016-01-01"), d("2016-12-31")));
        assert!(parse_date_range("2019-13").is_err());
        assert!(parse_date_range("2020..2019").is_err());
    }

    #[test]
    fn unknown_fields_are_errors_unless_prose() {
        assert!(matches!(
            resolve("Title", "x", &NoMetaFields),
            Ok(Resolved::Field(Context::Text(TextField::Headline)))
        ));
        assert!(matches!(
            resolve("https", "//nytimes.com/a", &NoMetaFields),
            Ok(Resolved::Link)
        ));
        for (name, value) in [
            ("Berlin", "Step"),
            ("Working", "'Tired'"),
            ("a", "b"),
            ("OPINION", "Jockeying"),
        ] {
            assert!(
                matches!(resolve(name, value, &NoMetaFields), Ok(Resolved::Prose)),
                "{name}:{value}"
            );
        }
        match resolve("site", "nytimes.com", &NoMetaFields) {
            Err(Error::UnknownField { field, known, .. }) => {
                assert_eq!(field, "site");
                assert!(known.contains("url") && known.contains("person"), "{known}");
            }
            other => panic!("{:?}", other.err()),
        }
        // A typo of a known field is an error even before a capital.
        assert!(matches!(
            resolve("persn", "Trump", &NoMetaFields),
            Err(Error::UnknownField { suggestion: Some(s), .. }) if s == "person"
        ));
    }

    struct Corpus;

    impl MetaFields for Corpus {
        fn has(&self, name: &str) -> bool {
            ["bias_text", "meta.section", "topic"].contains(&name)
        }

        fn names(&self) -> Vec<String> {
            vec!["bias_text".into(), "meta.section".into(), "topic".into()]
        }
    }

    #[test]
    fn metadata_fields_of_the_corpus_are_fields() {
        assert!(matches!(
            resolve("Bias_Text", "LEFT", &Corpus),
            Ok(Resolved::Field(Context::Meta("bias_text")))
        ));
        assert!(matches!(
            resolve("meta.section", "x", &Corpus),
            Ok(Resolved::Field(Context::Meta("meta.section")))
        ));
        // Dotted or numbered names the corpus lacks are prose, never errors.
        assert!(matches!(resolve("www.x.com", "443", &Corpus), Ok(Resolved::Prose)));
        match resolve("topik", "x", &Corpus) {
            Err(Error::UnknownField { suggestion, known, .. }) => {
                assert_eq!(suggestion.as_deref(), Some("topic"));
                assert!(
                    known.ends_with("this corpus's fields: bias_text, meta.section, topic"),
                    "{known}"
                );
            }
            other => panic!("{:?}", other.err()),
        }
        let parsed = crate::parse::parse_with("border bias_text:(left OR right)", &Corpus).unwrap();
        let text = format!("{:?}", parsed.root);
        assert!(text.contains("Meta { name: \"bias_text\", value: \"left\" }"), "{text}");
        assert!(
            text.contains("Meta { name: \"bias_text\", value: \"right\" }"),
            "{text}"
        );
    }
}
