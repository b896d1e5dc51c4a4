//! The query language: what users type, read leniently, as a tree ([`Node`]).
//!
//! Two kinds of users type into the same box. Analysts write Boolean queries as they know them from Lucene,
//! Elasticsearch's `query_string` or Media Cloud; everyone else pastes questions and headlines. So explicit
//! syntax is recognised only where it is clearly meant, and everything else is words.
//!
//! # Syntax
//!
//! - Words: `border wall funding`. A run of plain words side by side is matched and ranked as one group (a short
//!   run needs all of its words, a long question about half; see `build`).
//! - `"quoted phrases"`, with `~N` slop: `"border wall"~2`.
//! - `AND` / `&&`, `OR` / `||`, `NOT` / `!`, written in capitals, and parentheses:
//!   `obamacare OR "affordable care act"`, `(person:"Nancy Pelosi" OR person:"Chuck Schumer") AND shutdown`.
//! - `+required`, `-excluded` before a word, phrase, field or group.
//! - `field:value`, `field:"a phrase"`, `field:(a OR b)`: names in `person:`, `org:`, `place:`, `source:`,
//!   `author:`, `lang:`; words in `headline:` (`title:`) and `body:` (`text:`); `date:` ranges (`date:2019-01..2019-06`,
//!   `date:>=2020-03-01`, `date:2019`); `url:` a site or a path (`url:nytimes.com`, `url:nytimes.com/2016/09`).
//!   A pasted `https://…` link finds the article at that address.
//! - `immigr*` (prefix), `pelosy~1` (up to one or two edits), `wall^3` (boost; also `"…"^2`, `(…)^2`).
//!
//! # Precedence
//!
//! From the tightest to the loosest:
//!
//! 1. `NOT`, `!`, `-` and `+` apply to the one operand after them: a word, phrase, `field:value` or group.
//! 2. `AND`, and operands side by side: all must match. `obamacare NOT repeal` is `obamacare AND NOT repeal`.
//!    An explicit `AND` also ends a run of plain words: `border wall AND mexico` is the group `border wall` and
//!    the word `mexico`.
//! 3. `OR`: `a b OR c d` is `(a b) OR (c d)`, `a OR b AND c` is `a OR (b AND c)`, `a OR NOT b` is `a`, or
//!    anything without `b`.
//!
//! A query that uses one kind of operator, or parentheses, means what it means in Lucene's classic query parser
//! and Elasticsearch's `query_string` (with `AND` as the default operator). Mixing `AND` and `OR` without
//! parentheses follows the usual Boolean precedence above, as Lucene's precedence query parser and tantivy's query
//! parser do; Lucene's classic parser reads `a AND b OR c` as "`a` and `b`, `c` optional", which no set
//! algebra gives, and Elasticsearch's documentation advises parentheses there.
//!
//! Parentheses around plain words only (`separation anxiety in infancy (i.e. up to two years of age)`) are an
//! aside in prose: their words join the run around them, so a question ranks as one group (reading them as a
//! required group cost med's MAP with `--operator or` 0.515 -> 0.432). With a modifier (`-(a b)`, `(a b)^2`),
//! an operator or a field inside, they group.
//!
//! # Leniency
//!
//! A query never fails for what is not clearly syntax: a quote or parenthesis without its partner is dropped, an
//! operator with nothing on one side is ignored, lower-case `and`/`or`/`not` are words, and so are `U.S.`,
//! `well-known`, apostrophes and punctuation. A query in capitals that reads as prose (a common function word such
//! as THE or OF, or four words besides the operators) is shouted text, not Boolean: its AND/OR/NOT are words,
//! while `NATO OR UN` keeps its operator. A colon is prose when a space follows it (`Note: the vote`), before
//! digits (`10:30`), or between capitalised words (`Berlin:Step`). What fails is explicit syntax that is wrong:
//! an unknown field (`site:nytimes.com`, with the list of known fields), a bad date range, `~3`.

mod fields;
mod lexer;
mod tree;

#[cfg(test)]
mod tests;

pub use fields::{known_fields, parse_date_range, MetaFields, NoMetaFields, KNOWN_FIELDS};
pub use tree::{NameField, Node, ParsedQuery, TextField, Word};

use fields::{resolve, word_leaf, Context, Leaf, Resolved};
use lexer::{Token, Value};

use crate::error::Result;

/// Parses `input`. Fails only on explicit syntax that is clearly meant and wrong.
pub fn parse(input: &str) -> Result<ParsedQuery> {
    parse_with(input, &NoMetaFields)
}

/// Parses `input` for a corpus whose metadata fields `meta` knows: `bias_text:left` is a field there.
pub fn parse_with(input: &str, meta: &dyn MetaFields) -> Result<ParsedQuery> {
    let tokens = lexer::balance(lexer::tokens(input, !shouted(input)));
    let mut parser = Parser { tokens, pos: 0, meta };
    let root = parser.or(None)?;
    Ok(ParsedQuery {
        root: root.unwrap_or(Node::And(Vec::new())),
    })
}

/// Whether `input` is prose in capitals (an old archive, a shouted headline): no lower-case letter, and a
/// common function word or four words besides the operators.
fn shouted(input: &str) -> bool {
    if input.chars().any(char::is_lowercase) || !input.chars().any(char::is_alphabetic) {
        return false;
    }
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty() && !matches!(*w, "AND" | "OR" | "NOT"))
        .map(str::to_lowercase)
        .collect();
    words.len() >= 4 || words.iter().any(|w| crate::build::is_stop_word(w))
}

/// Recursive descent over balanced tokens. Depth is bounded by [`lexer::MAX_DEPTH`] parentheses.
struct Parser<'m> {
    tokens: Vec<Token>,
    pos: usize,
    meta: &'m dyn MetaFields,
}

/// The field of an enclosing `field:(…)` group.
type FieldContext = Option<Context>;

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn eat(&mut self, token: &Token) -> bool {
        let found = self.peek() == Some(token);
        self.pos += usize::from(found);
        found
    }

    /// `and (OR and)*`.
    fn or(&mut self, context: FieldContext) -> Result<Option<Node>> {
        let mut alternatives = Vec::new();
        loop {
            alternatives.extend(self.and(context)?);
            if !self.eat(&Token::Or) {
                return Ok(Node::any(alternatives));
            }
        }
    }

    /// `sequence (AND sequence)*`.
    fn and(&mut self, context: FieldContext) -> Result<Option<Node>> {
        let mut operands = Vec::new();
        loop {
            operands.extend(self.sequence(context)?);
            if !self.eat(&Token::And) {
                return Ok(Node::all(operands));
            }
        }
    }

    /// Operands side by side, up to an operator or the end of a group: all must match, and the plain words
    /// among them form one group per field, placed where its first word is.
    fn sequence(&mut self, context: FieldContext) -> Result<Option<Node>> {
        let mut operands: Vec<Node> = Vec::new();
        let mut groups: Vec<(Option<TextField>, usize)> = Vec::new();
        while !matches!(self.peek(), None | Some(Token::Or | Token::And | Token::Close)) {
            let Some(leaf) = self.unary(context)? else {
                continue;
            };
            match leaf {
                Leaf::Word(word) => join_run(&mut operands, &mut groups, word),
                Leaf::Aside(words) => {
                    for word in words {
                        join_run(&mut operands, &mut groups, word);
                    }
                }
                Leaf::Node(node) => operands.push(node),
            }
        }
        Ok(Node::all(operands))
    }

    /// Modifiers, then one operand, then an optional boost. A plain word comes back as [`Leaf::Word`] to join its
    /// run; a required (`+`) or excluded word stands alone.
    fn unary(&mut self, context: FieldContext) -> Result<Option<Leaf>> {
        let mut negated = false;
        let mut required = false;
        loop {
            match self.peek() {
                Some(Token::Not | Token::Excluded) => negated = !negated,
                Some(Token::Required) => required = true,
                _ => break,
            }
            self.pos += 1;
        }
        // An operator with nothing after it is ignored.
        if matches!(self.peek(), None | Some(Token::Or | Token::And | Token::Close)) {
            return Ok(None);
        }
        let leaf = self.primary(context)?;
        let boost = match self.peek() {
            Some(&Token::Boost(b)) => {
                self.pos += 1;
                Some(b)
            }
            _ => None,
        };
        Ok(match (leaf, boost) {
            (None, _) => None,
            (Some(Leaf::Word(mut word)), boost) => {
                word.boost *= boost.unwrap_or(1.0);
                if negated {
                    Some(Leaf::Node(Node::negate(Node::Words(vec![word]))))
                } else if required {
                    Some(Leaf::Node(Node::Words(vec![word])))
                } else {
                    Some(Leaf::Word(word))
                }
            }
            (Some(Leaf::Aside(words)), None) if !negated && !required => Some(Leaf::Aside(words)),
            (Some(Leaf::Aside(words)), boost) => {
                let node = Node::Words(words);
                Some(Leaf::Node(match boost {
                    _ if negated => Node::negate(node),
                    Some(b) => Node::Boost(Box::new(node), b),
                    None => node,
                }))
            }
            (Some(Leaf::Node(node)), _) if negated => Some(Leaf::Node(Node::negate(node))),
            (Some(Leaf::Node(node)), Some(b)) => Some(Leaf::Node(Node::Boost(Box::new(node), b))),
            (Some(leaf), None) => Some(leaf),
        })
    }

    /// One operand: a group, phrase, field or word, read in `context` (the field of an enclosing `field:(…)`).
    fn primary(&mut self, mut context: FieldContext) -> Result<Option<Leaf>> {
        // `person:(…)`: the field applies to what follows (a group, or the next operand when its parenthesis
        // was dropped); the innermost field wins.
        while let Some(Token::Field {
            name,
            value: Value::Group,
            raw,
        }) = self.peek()
        {
            let (name, raw) = (name.clone(), raw.clone());
            self.pos += 1;
            match resolve(&name, "(", self.meta)? {
                Resolved::Field(field) => context = Some(field),
                Resolved::Link | Resolved::Prose => return word_in(context, &raw),
            }
        }
        let Some(token) = self.peek().cloned() else {
            return Ok(None);
        };
        self.pos += 1;
        match token {
            Token::Open => {
                let inner = self.or(context)?;
                self.eat(&Token::Close);
                Ok(inner.map(|node| match node {
                    Node::Words(words) if context.is_none() => Leaf::Aside(words),
                    node => Leaf::Node(node),
                }))
            }
            Token::Word(text) => word_in(context, &text),
            Token::Phrase { text, slop } => match context {
                Some(field) => field.phrase(&text, slop),
                None if text.trim().is_empty() => Ok(None),
                None => Ok(Some(Leaf::Node(Node::Phrase {
                    text,
                    slop,
                    field: None,
                }))),
            },
            Token::Field { name, value, raw } => {
                let typed = match &value {
                    Value::Word(v) => v.as_str(),
                    Value::Phrase { .. } => "\"",
                    Value::Group => "(",
                };
                match (resolve(&name, typed, self.meta)?, value) {
                    (Resolved::Field(field), Value::Word(v)) => field.word(&v),
                    (Resolved::Field(field), Value::Phrase { text, slop }) => field.phrase(&text, slop),
                    (Resolved::Link, _) => Ok(Some(Leaf::Node(Node::Url(raw)))),
                    _ => word_in(context, &raw),
                }
            }
            // Stray operators and boosts (their operand was dropped) are ignored.
            _ => Ok(None),
        }
    }
}

/// Adds a plain word to the run of words of its field in `operands`, starting the run where it is the first.
fn join_run(operands: &mut Vec<Node>, groups: &mut Vec<(Option<TextField>, usize)>, word: Word) {
    match groups.iter().find(|(field, _)| *field == word.field) {
        Some(&(_, at)) => {
            if let Some(Node::Words(words)) = operands.get_mut(at) {
                words.push(word);
            }
        }
        None => {
            groups.push((word.field, operands.len()));
            operands.push(Node::Words(vec![word]));
        }
    }
}

fn word_in(context: FieldContext, text: &str) -> Result<Option<Leaf>> {
    match context {
        None => word_leaf(text, None),
        Some(field) => field.word(text),
    }
}
