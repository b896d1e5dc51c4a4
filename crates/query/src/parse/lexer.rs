//! Query text → tokens: operators, parentheses, phrases, `field:value`, words.
//!
//! The lexer never fails: a quote without its partner is dropped, a parenthesis without its partner is dropped
//! (see [`balance`]), and anything that is not clearly syntax is a word.

/// One token of a query.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Token {
    /// `(`.
    Open,
    /// `)`.
    Close,
    /// `AND` or `&&`.
    And,
    /// `OR` or `||`.
    Or,
    /// `NOT` or `!`.
    Not,
    /// `+` glued to what follows.
    Required,
    /// `-` glued to what follows.
    Excluded,
    /// `^N` glued to what precedes.
    Boost(f32),
    /// A run of characters up to white space or a parenthesis.
    Word(String),
    /// A quoted phrase.
    Phrase {
        /// The words between the quotes.
        text: String,
        /// `~N` after the closing quote.
        slop: u32,
    },
    /// `name:value`.
    Field {
        /// What comes before the colon, as typed.
        name: String,
        /// What comes after it.
        value: Value,
        /// The whole token as typed, for when it turns out to be prose (`Berlin:Step`).
        raw: String,
    },
}

/// The value of a `field:` token.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    /// `person:Pelosi`, `date:2019-01..2019-06`.
    Word(String),
    /// `person:"Nancy Pelosi"`.
    Phrase {
        /// The words between the quotes.
        text: String,
        /// `~N` after the closing quote.
        slop: u32,
    },
    /// `person:(…)`: the next token is [`Token::Open`] and the group takes the field.
    Group,
}

/// Deeper parentheses than this are read as if they were not there: hostile input must not exhaust the stack.
pub(super) const MAX_DEPTH: usize = 32;

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{201d}')
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201c}')
}

/// The tokens of `input`. Upper-case `AND`, `OR`, `NOT` are operators when `operators` is set, else words.
pub(super) fn tokens(input: &str, operators: bool) -> Vec<Token> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let glued = next.is_some_and(|n| !n.is_whitespace());
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push(Token::Open);
            i += 1;
        } else if c == ')' {
            out.push(Token::Close);
            i = boost(&chars, i + 1, &mut out);
        } else if (c == '&' && next == Some('&')) || (c == '|' && next == Some('|')) {
            out.push(if c == '&' { Token::And } else { Token::Or });
            i += 2;
        } else if c == '!' && next != Some('=') {
            out.push(Token::Not);
            i += 1;
        } else if (c == '+' || c == '-') && glued {
            out.push(if c == '+' { Token::Required } else { Token::Excluded });
            i += 1;
        } else if is_open_quote(c) {
            match closing_quote(&chars, i) {
                Some(close) => {
                    let text: String = chars[i + 1..close].iter().collect();
                    let (slop, end) = tilde_number(&chars, close + 1);
                    out.push(Token::Phrase {
                        text,
                        slop: slop.unwrap_or(0),
                    });
                    i = boost(&chars, end, &mut out);
                }
                // A stray quote: the rest is words.
                None => i += 1,
            }
        } else {
            i = word(&chars, i, operators, &mut out);
        }
    }
    out
}

/// Drops the parentheses that have no partner (an unclosed group runs to the end of the query, which is the same),
/// and those nested deeper than [`MAX_DEPTH`].
pub(super) fn balance(tokens: Vec<Token>) -> Vec<Token> {
    // Which opening parentheses are closed: scan once, matching each `)` with the last open `(`.
    let mut closed = vec![false; tokens.len()];
    let mut open = Vec::new();
    let mut keep = vec![true; tokens.len()];
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Open => open.push(i),
            Token::Close => match open.pop() {
                Some(o) => closed[o] = true,
                None => keep[i] = false,
            },
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(tokens.len());
    // For each kept open group, whether its `(` was kept (too deep ones are not).
    let mut stack: Vec<bool> = Vec::new();
    let mut depth = 0;
    for (i, token) in tokens.into_iter().enumerate() {
        if !keep[i] {
            continue;
        }
        match token {
            Token::Open => {
                let kept = closed[i] && depth < MAX_DEPTH;
                stack.push(kept);
                depth += usize::from(kept);
                if kept {
                    out.push(Token::Open);
                }
            }
            Token::Close => {
                if stack.pop().unwrap_or(false) {
                    depth -= 1;
                    out.push(Token::Close);
                }
            }
            other => out.push(other),
        }
    }
    out
}

fn closing_quote(chars: &[char], open: usize) -> Option<usize> {
    (open + 1..chars.len()).find(|&j| is_quote(chars[j]))
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

/// `^N` at `at` (N a non-negative number) becomes a [`Token::Boost`]; returns where the next token starts.
fn boost(chars: &[char], at: usize, out: &mut Vec<Token>) -> usize {
    if chars.get(at) != Some(&'^') {
        return at;
    }
    let mut j = at + 1;
    while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '.') {
        j += 1;
    }
    let number: String = chars[at + 1..j].iter().collect();
    match parse_boost(&number) {
        Some(b) => {
            out.push(Token::Boost(b));
            j
        }
        // A lone `^` is punctuation.
        None => at + 1,
    }
}

fn parse_boost(text: &str) -> Option<f32> {
    text.parse::<f32>()
        .ok()
        .filter(|b| b.is_finite())
        .map(|b| b.clamp(0.0, 1000.0))
}

/// Whether `name` could be a field name: ASCII letters and underscores.
fn field_shaped(name: &[char]) -> bool {
    // Letters and `_`; metadata fields may also hold digits, dots and dashes (`meta.section`), which the parser
    // takes as a field only when the corpus has it.
    name.first().is_some_and(|c| c.is_alphabetic())
        && name.iter().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// A word (or `field:value`) starting at `start`; returns where the next token starts.
fn word(chars: &[char], start: usize, operators: bool, out: &mut Vec<Token>) -> usize {
    let ends_word = |j: usize| {
        let c = chars[j];
        c.is_whitespace()
            || c == '('
            || c == ')'
            || (c == '&' && chars.get(j + 1) == Some(&'&'))
            || (c == '|' && chars.get(j + 1) == Some(&'|'))
    };
    let mut text = String::new();
    let mut j = start;
    while j < chars.len() && !ends_word(j) {
        let c = chars[j];
        if c == '\\' && j + 1 < chars.len() {
            text.push(chars[j + 1]);
            j += 2;
            continue;
        }
        if c == ':' && !text.contains(':') && field_shaped(&chars[start..j]) {
            if let Some(end) = field(chars, start, j, out) {
                return end;
            }
        }
        text.push(c);
        j += 1;
    }
    // `wall^3`: a boost glued to the end of the word.
    let mut boost = None;
    if let Some((head, number)) = text.rsplit_once('^') {
        if let (false, Some(b)) = (head.is_empty(), parse_boost(number)) {
            boost = Some(b);
            text.truncate(head.len());
        }
    }
    let token = match text.as_str() {
        "AND" if operators => Token::And,
        "OR" if operators => Token::Or,
        "NOT" if operators => Token::Not,
        _ => Token::Word(text),
    };
    out.push(token);
    out.extend(boost.map(Token::Boost));
    j
}

/// `name:value` with the colon at `colon`; `None` when nothing follows the colon (`Note: …` is prose).
fn field(chars: &[char], start: usize, colon: usize, out: &mut Vec<Token>) -> Option<usize> {
    let name: String = chars[start..colon].iter().collect();
    let after = *chars.get(colon + 1)?;
    if after.is_whitespace() {
        return None;
    }
    if after == '(' {
        let raw: String = chars[start..=colon].iter().collect();
        out.push(Token::Field {
            name,
            value: Value::Group,
            raw,
        });
        return Some(colon + 1);
    }
    if is_open_quote(after) {
        if let Some(close) = closing_quote(chars, colon + 1) {
            let text: String = chars[colon + 2..close].iter().collect();
            let (slop, end) = tilde_number(chars, close + 1);
            out.push(Token::Field {
                name,
                value: Value::Phrase {
                    text,
                    slop: slop.unwrap_or(0),
                },
                raw: chars[start..end].iter().collect(),
            });
            return Some(boost(chars, end, out));
        }
    }
    let mut end = colon + 1;
    while end < chars.len() && !chars[end].is_whitespace() && chars[end] != '(' && chars[end] != ')' {
        end += 1;
    }
    let raw: String = chars[start..end].iter().collect();
    let mut value: String = chars[colon + 1..end].iter().collect();
    let mut boost = None;
    if let Some((head, number)) = value.rsplit_once('^') {
        if let (false, Some(b)) = (head.is_empty(), parse_boost(number)) {
            boost = Some(b);
            value.truncate(head.len());
        }
    }
    out.push(Token::Field {
        name,
        value: Value::Word(value),
        raw,
    });
    out.extend(boost.map(Token::Boost));
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> Token {
        Token::Word(w.into())
    }

    #[test]
    fn operators_and_glued_punctuation() {
        assert_eq!(
            tokens("(a OR b)^2 && !c -d +e", true),
            vec![
                Token::Open,
                word("a"),
                Token::Or,
                word("b"),
                Token::Close,
                Token::Boost(2.0),
                Token::And,
                Token::Not,
                word("c"),
                Token::Excluded,
                word("d"),
                Token::Required,
                word("e"),
            ]
        );
        assert_eq!(tokens("a OR b", false), vec![word("a"), word("OR"), word("b")]);
        assert_eq!(tokens("AT&T well-known", true), vec![word("AT&T"), word("well-known")]);
        assert_eq!(
            tokens("wall^3 x^", true),
            vec![word("wall"), Token::Boost(3.0), word("x^")]
        );
    }

    #[test]
    fn fields_phrases_and_prose_colons() {
        assert_eq!(
            tokens("person:\"Nancy Pelosi\"~1 Note: 10:30", true),
            vec![
                Token::Field {
                    name: "person".into(),
                    value: Value::Phrase {
                        text: "Nancy Pelosi".into(),
                        slop: 1
                    },
                    raw: "person:\"Nancy Pelosi\"~1".into()
                },
                word("Note:"),
                word("10:30"),
            ]
        );
        assert_eq!(
            tokens("person:(a)", true),
            vec![
                Token::Field {
                    name: "person".into(),
                    value: Value::Group,
                    raw: "person:".into()
                },
                Token::Open,
                word("a"),
                Token::Close
            ]
        );
        assert_eq!(
            tokens("\"stray a", true),
            vec![word("stray"), word("a")],
            "a quote without its partner is dropped"
        );
    }

    #[test]
    fn unbalanced_and_deep_parentheses_are_dropped() {
        assert_eq!(balance(tokens(") a (", true)), vec![word("a")]);
        assert_eq!(balance(tokens("(a", true)), vec![word("a")]);
        let deep = "(".repeat(100) + "x" + &")".repeat(100);
        let kept = balance(tokens(&deep, true));
        assert_eq!(kept.iter().filter(|t| **t == Token::Open).count(), MAX_DEPTH);
        assert_eq!(kept.iter().filter(|t| **t == Token::Close).count(), MAX_DEPTH);
    }
}
