//! The query language: what users type, read leniently.
//!
//! Explicit syntax is recognised only where it is clearly meant: `"quoted
//! phrases"` (with `~N` slop), `field:value`, `+required` / `-excluded`
//! prefixes, `prefix*`, `fuzzy~1` and date ranges (`date:2019-01..2019-06`,
//! `date:>=2020-03-01`, `date:2019`). Everything else is words: `AND`, `OR`,
//! `NOT`, `U.S.`, apostrophes, a stray quote, punctuation and ALL CAPS never
//! change the meaning of a query or make it fail.

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};

/// Whether a clause must, may or must not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occurrence {
    /// Scores when present (plain words).
    Should,
    /// Required (`+word`, field filters).
    Must,
    /// Excluded (`-word`).
    MustNot,
}

/// A text field a word or phrase can be restricted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// `headline:` (also `title:`).
    Headline,
    /// `body:` (also `text:`).
    Body,
}

/// A field holding names: exact values with a word-level fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameField {
    /// `person:`.
    Person,
    /// `org:` / `organization:`.
    Organization,
    /// `place:` / `location:`.
    Location,
    /// `source:` / `outlet:`.
    Source,
    /// `author:`.
    Author,
    /// `lang:` / `language:`.
    Language,
}

impl NameField {
    /// The index field holding the exact values.
    pub fn raw_field(self) -> &'static str {
        match self {
            NameField::Person => "person",
            NameField::Organization => "organization",
            NameField::Location => "location",
            NameField::Source => "source",
            NameField::Author => "authors",
            NameField::Language => "language",
        }
    }

    /// The index field holding the values as words (for partial names).
    pub fn text_field(self) -> Option<&'static str> {
        match self {
            NameField::Person => Some("person_text"),
            NameField::Organization => Some("organization_text"),
            NameField::Location => Some("location_text"),
            NameField::Source => Some("source_text"),
            NameField::Author => Some("author_text"),
            NameField::Language => None,
        }
    }
}

/// What one clause asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    /// A word (may analyse to several terms: `U.S.` → `u`, `s`).
    Word {
        /// The word as typed.
        text: String,
        /// Restricted to a field, or the default fields.
        field: Option<TextField>,
    },
    /// A quoted phrase with slop.
    Phrase {
        /// The words.
        text: String,
        /// Allowed distance between the words (`"a b"~2`).
        slop: u32,
        /// Restricted to a field, or headline and body.
        field: Option<TextField>,
    },
    /// Terms starting with a prefix (`immigr*`).
    Prefix {
        /// The prefix, lower-cased.
        text: String,
        /// Restricted to a field, or headline and body.
        field: Option<TextField>,
    },
    /// A word allowing edits (`sheinbaum~1`).
    Fuzzy {
        /// The word, lower-cased.
        text: String,
        /// Edit distance, 1 or 2.
        distance: u8,
        /// Restricted to a field, or headline and body.
        field: Option<TextField>,
    },
    /// A name filter (`person:"Donald Trump"`).
    Name {
        /// Which field.
        field: NameField,
        /// The name as typed.
        value: String,
    },
    /// Publication date range, inclusive days.
    Date {
        /// First day, if bounded.
        from: Option<NaiveDate>,
        /// Last day, if bounded.
        to: Option<NaiveDate>,
    },
}

/// One clause with its occurrence.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Must, should or must not.
    pub occur: Occurrence,
    /// What is asked.
    pub clause: Clause,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedQuery {
    /// The clauses in the order typed.
    pub items: Vec<Item>,
}

const FIELDS: &[(&str, Option<NameField>, Option<TextField>)] = &[
    ("person", Some(NameField::Person), None),
    ("people", Some(NameField::Person), None),
    ("org", Some(NameField::Organization), None),
    ("organization", Some(NameField::Organization), None),
    ("organisation", Some(NameField::Organization), None),
    ("place", Some(NameField::Location), None),
    ("location", Some(NameField::Location), None),
    ("source", Some(NameField::Source), None),
    ("outlet", Some(NameField::Source), None),
    ("author", Some(NameField::Author), None),
    ("lang", Some(NameField::Language), None),
    ("language", Some(NameField::Language), None),
    ("headline", None, Some(TextField::Headline)),
    ("title", None, Some(TextField::Headline)),
    ("body", None, Some(TextField::Body)),
    ("text", None, Some(TextField::Body)),
    ("date", None, None),
];

/// Field names users may write before `:`.
pub fn known_fields() -> String {
    [
        "person", "org", "place", "source", "author", "headline", "body", "date", "lang",
    ]
    .join(", ")
}

/// Parses `input`. Fails only on explicit syntax that is clearly meant and wrong.
pub fn parse(input: &str) -> Result<ParsedQuery> {
    let chars: Vec<char> = input.chars().collect();
    let mut items = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut occur = Occurrence::Should;
        if (chars[i] == '+' || chars[i] == '-') && chars.get(i + 1).is_some_and(|c| !c.is_whitespace()) {
            occur = if chars[i] == '+' {
                Occurrence::Must
            } else {
                Occurrence::MustNot
            };
            i += 1;
        }
        // A quoted phrase.
        if chars[i] == '"' || chars[i] == '\u{201c}' {
            let (phrase, end, closed) = quoted(&chars, i);
            if closed {
                let (slop, end) = tilde_number(&chars, end);
                if !phrase.trim().is_empty() {
                    items.push(Item {
                        occur,
                        clause: Clause::Phrase {
                            text: phrase,
                            slop: slop.unwrap_or(0),
                            field: None,
                        },
                    });
                }
                i = end;
                continue;
            }
            // A stray quote: the rest is words.
            i += 1;
            continue;
        }
        // A token up to whitespace (a quoted field value may contain spaces).
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            if chars[i] == ':' && chars.get(i + 1).is_some_and(|c| *c == '"' || *c == '\u{201c}') {
                let (_, end, closed) = quoted(&chars, i + 1);
                if closed {
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        let token: String = chars[start..i].iter().collect();
        // `~2` after a quoted field value.
        let (slop, end) = tilde_number(&chars, i);
        let token = if slop.is_some() && token.ends_with('"') {
            i = end;
            format!("{token}~{}", slop.unwrap_or(0))
        } else {
            token
        };
        if let Some(item) = field_item(&token, occur)? {
            items.push(item);
        } else {
            push_word(&mut items, &token, occur, None)?;
        }
    }
    Ok(ParsedQuery { items })
}

fn quoted(chars: &[char], open: usize) -> (String, usize, bool) {
    let mut j = open + 1;
    while j < chars.len() && chars[j] != '"' && chars[j] != '\u{201d}' && chars[j] != '\u{201c}' {
        j += 1;
    }
    if j < chars.len() {
        (chars[open + 1..j].iter().collect(), j + 1, true)
    } else {
        (String::new(), open + 1, false)
    }
}

fn tilde_number(chars: &[char], at: usize) -> (Option<u32>, usize) {
    if chars.get(at) != Some(&'~') {
        return (None, at);
    }
    let mut j = at + 1;
    while j < chars.len() && chars[j].is_ascii_digit() {
        j += 1;
    }
    let digits: String = chars[at + 1..j].iter().collect();
    (Some(digits.parse().unwrap_or(1).min(1000)), j)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let old = row[j + 1];
            row[j + 1] = (row[j + 1] + 1).min(row[j] + 1).min(prev + usize::from(ca != *cb));
            prev = old;
        }
    }
    row[b.len()]
}

fn field_item(token: &str, occur: Occurrence) -> Result<Option<Item>> {
    let Some((name, value)) = token.split_once(':') else {
        return Ok(None);
    };
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphabetic() || c == '_') {
        return Ok(None);
    }
    let lower = name.to_ascii_lowercase();
    let Some((_, name_field, text_field)) = FIELDS.iter().find(|(n, _, _)| *n == lower) else {
        // `persn:trump` is a typo; `Breaking:` or `Update:` is prose.
        let close = FIELDS
            .iter()
            .find(|(n, _, _)| n.len() > 3 && edit_distance(&lower, n) == 1);
        if let (Some((suggestion, _, _)), false) = (close, value.is_empty()) {
            return Err(Error::Query(format!(
                "unknown field `{name}` (did you mean `{suggestion}`?); known fields: {}",
                known_fields()
            )));
        }
        return Ok(None);
    };
    let value = value.trim();
    if value.is_empty() || value == "\"\"" {
        return Err(Error::Query(format!(
            "`{name}:` needs a value, for example {name}:\"Donald Trump\""
        )));
    }
    let unquoted = value.trim_matches(|c| c == '"' || c == '\u{201c}' || c == '\u{201d}');
    if lower == "date" {
        let (from, to) = parse_date_range(value)?;
        let occur = if occur == Occurrence::MustNot {
            occur
        } else {
            Occurrence::Must
        };
        return Ok(Some(Item {
            occur,
            clause: Clause::Date { from, to },
        }));
    }
    if let Some(field) = name_field {
        let occur = if occur == Occurrence::MustNot {
            occur
        } else {
            Occurrence::Must
        };
        return Ok(Some(Item {
            occur,
            clause: Clause::Name {
                field: *field,
                value: unquoted.to_owned(),
            },
        }));
    }
    let field = *text_field;
    let occur = if occur == Occurrence::Should {
        Occurrence::Must
    } else {
        occur
    };
    if value.starts_with('"') {
        let (text, slop) = match value.rsplit_once("~") {
            Some((t, s)) if s.chars().all(|c| c.is_ascii_digit()) && t.ends_with('"') => (t, s.parse().unwrap_or(0)),
            _ => (value, 0),
        };
        let text = text
            .trim_matches(|c| c == '"' || c == '\u{201c}' || c == '\u{201d}')
            .to_owned();
        return Ok(Some(Item {
            occur,
            clause: Clause::Phrase { text, slop, field },
        }));
    }
    let mut items = Vec::new();
    push_word(&mut items, unquoted, occur, field)?;
    Ok(items.pop())
}

fn push_word(items: &mut Vec<Item>, token: &str, occur: Occurrence, field: Option<TextField>) -> Result<()> {
    let token = token.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '{' | '}' | ',' | ';' | '!' | '?'));
    if token.is_empty() {
        return Ok(());
    }
    if let Some(prefix) = token.strip_suffix('*') {
        let prefix = prefix.trim_end_matches('*').to_lowercase();
        if prefix.chars().filter(|c| c.is_alphanumeric()).count() >= 2 && prefix.chars().all(char::is_alphanumeric) {
            items.push(Item {
                occur,
                clause: Clause::Prefix { text: prefix, field },
            });
            return Ok(());
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
            items.push(Item {
                occur,
                clause: Clause::Fuzzy {
                    text: word.to_lowercase(),
                    distance: distance as u8,
                    field,
                },
            });
            return Ok(());
        }
    }
    items.push(Item {
        occur,
        clause: Clause::Word {
            text: token.to_owned(),
            field,
        },
    });
    Ok(())
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

    fn clauses(q: &str) -> Vec<Clause> {
        parse(q).unwrap().items.into_iter().map(|i| i.clause).collect()
    }

    #[test]
    fn natural_language_is_words() {
        let items = parse("What did the U.S. Senate AND House decide about Trump's wall? \"stray")
            .unwrap()
            .items;
        assert!(items
            .iter()
            .all(|i| i.occur == Occurrence::Should && matches!(i.clause, Clause::Word { .. })));
        assert!(items.iter().any(|i| i.clause
            == Clause::Word {
                text: "AND".into(),
                field: None
            }));
        assert!(items.iter().any(|i| i.clause
            == Clause::Word {
                text: "U.S.".into(),
                field: None
            }));
    }

    #[test]
    fn phrases_and_prefixes() {
        assert_eq!(
            clauses("\"border wall\"~2"),
            vec![Clause::Phrase {
                text: "border wall".into(),
                slop: 2,
                field: None
            }]
        );
        assert_eq!(
            clauses("immigr*"),
            vec![Clause::Prefix {
                text: "immigr".into(),
                field: None
            }]
        );
        assert_eq!(
            clauses("sheinbaum~1"),
            vec![Clause::Fuzzy {
                text: "sheinbaum".into(),
                distance: 1,
                field: None
            }]
        );
        assert_eq!(
            clauses("headline:\"health care\""),
            vec![Clause::Phrase {
                text: "health care".into(),
                slop: 0,
                field: Some(TextField::Headline)
            }]
        );
    }

    #[test]
    fn fields_and_prefix_operators() {
        let items = parse("person:\"Donald Trump\" place:Russia -source:Breitbart +tariffs")
            .unwrap()
            .items;
        assert_eq!(
            items[0],
            Item {
                occur: Occurrence::Must,
                clause: Clause::Name {
                    field: NameField::Person,
                    value: "Donald Trump".into()
                }
            }
        );
        assert_eq!(
            items[1].clause,
            Clause::Name {
                field: NameField::Location,
                value: "Russia".into()
            }
        );
        assert_eq!(items[2].occur, Occurrence::MustNot);
        assert_eq!(
            items[3],
            Item {
                occur: Occurrence::Must,
                clause: Clause::Word {
                    text: "tariffs".into(),
                    field: None
                }
            }
        );
    }

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
    fn mistakes_get_messages() {
        let err = parse("persn:trump").unwrap_err().to_string();
        assert!(
            err.contains("did you mean `person`") && err.contains("known fields"),
            "{err}"
        );
        assert!(parse("trump~9").unwrap_err().to_string().contains("too large"));
        assert!(parse("person:").is_err());
        // Prose with a colon is not a field.
        assert_eq!(parse("Breaking: senate votes").unwrap().items.len(), 3);
    }

    #[test]
    fn hostile_input_is_bounded() {
        let nested = "(".repeat(10_000) + "x" + &")".repeat(10_000);
        assert_eq!(parse(&nested).unwrap().items.len(), 1);
        assert!(parse(&"a ".repeat(50_000)).is_ok());
        assert!(parse("\"\"\"\" ~ ~~ * ** -- ++ : :: \"").is_ok());
    }
}
