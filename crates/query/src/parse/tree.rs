//! The query tree: what a query means, before any index is consulted.

use chrono::NaiveDate;

/// A text field a word or phrase can be restricted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

/// One plain word of a [`Node::Words`] group.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The word as typed (may analyse to several terms: `U.S.` → `u`, `s`).
    pub text: String,
    /// Restricted to a field, or the default fields.
    pub field: Option<TextField>,
    /// Score multiplier (`wall^3`); 1 when not given.
    pub boost: f32,
}

impl Word {
    /// A word in the default fields with no boost.
    pub fn new(text: impl Into<String>) -> Word {
        Word {
            text: text.into(),
            field: None,
            boost: 1.0,
        }
    }
}

/// A parsed query: Boolean operators over leaves.
///
/// Every node has a well-defined set of matching articles, whatever its place in the tree, so counts obey set
/// algebra: `|Or[a, b]| = |a| + |b| − |And[a, b]|` and `|And[a, Not b]| = |a| − |And[a, b]|`.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A run of plain words with no operator between them, matched and scored together by the words query
    /// (see `build`): every word of a short run is required, a long run needs about half of its words.
    Words(Vec<Word>),
    /// A quoted phrase.
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
        /// Restricted to a field, or the default fields.
        field: Option<TextField>,
    },
    /// A word allowing edits (`sheinbaum~1`).
    Fuzzy {
        /// The word, lower-cased.
        text: String,
        /// Edit distance, 1 or 2.
        distance: u8,
        /// Restricted to a field, or the default fields.
        field: Option<TextField>,
    },
    /// A name filter (`person:"Donald Trump"`).
    Name {
        /// Which field.
        field: NameField,
        /// The name as typed.
        value: String,
    },
    /// Articles whose URL is on a site or under a path (`url:nytimes.com`, `url:nytimes.com/2016/09`), or is
    /// exactly a pasted URL.
    Url(String),
    /// A metadata field of the corpus holding a value (`bias_text:left`, `folder:politics`), any case.
    Meta {
        /// The field's name, lower-case.
        name: String,
        /// The value as typed.
        value: String,
    },
    /// Publication date range, inclusive days.
    Date {
        /// First day, if bounded.
        from: Option<NaiveDate>,
        /// Last day, if bounded.
        to: Option<NaiveDate>,
    },
    /// Every operand matches (`AND`, `&&`, operands side by side, `+`). An empty list matches everything.
    And(Vec<Node>),
    /// At least one operand matches (`OR`, `||`).
    Or(Vec<Node>),
    /// The articles the operand does not match (`NOT`, `!`, `-`).
    Not(Box<Node>),
    /// The operand with its score multiplied (`"border wall"^2`, `(a OR b)^3`).
    Boost(Box<Node>, f32),
}

impl Node {
    /// The conjunction of `nodes`: nested conjunctions are flattened, a single operand stands alone.
    pub fn all(nodes: Vec<Node>) -> Option<Node> {
        let mut flat = Vec::with_capacity(nodes.len());
        for node in nodes {
            match node {
                Node::And(inner) => flat.extend(inner),
                other => flat.push(other),
            }
        }
        match flat.len() {
            0 => None,
            1 => flat.pop(),
            _ => Some(Node::And(flat)),
        }
    }

    /// The disjunction of `nodes`: nested disjunctions are flattened, a single operand stands alone.
    pub fn any(nodes: Vec<Node>) -> Option<Node> {
        let mut flat = Vec::with_capacity(nodes.len());
        for node in nodes {
            match node {
                Node::Or(inner) => flat.extend(inner),
                other => flat.push(other),
            }
        }
        match flat.len() {
            0 => None,
            1 => flat.pop(),
            _ => Some(Node::Or(flat)),
        }
    }

    /// The complement of `node` (`NOT NOT a` is `a`).
    pub fn negate(node: Node) -> Node {
        match node {
            Node::Not(inner) => *inner,
            other => Node::Not(Box::new(other)),
        }
    }
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedQuery {
    /// The tree; `Node::And(vec![])` (everything) for a query with nothing to search.
    pub root: Node,
}

impl Default for ParsedQuery {
    fn default() -> ParsedQuery {
        ParsedQuery {
            root: Node::And(Vec::new()),
        }
    }
}
