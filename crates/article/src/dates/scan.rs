//! Dates inside running text: "Samstag, 19. Juli 2014", "publié le 3 mars 2024 à 14h30",
//! "17 de Febrero 2020", "Feb 16, 2020 at 3:02pm", "15.2.2018, 19:51", "2020年2月14日".
//!
//! The text is cut into tokens (words, numbers, numeric dates such as `03.03.2024`), and a date is a
//! run of adjacent tokens in one of the orders dates are written in: day month year (with "de",
//! "of" or a dot between), month day year, year month day, or one all-numeric token. A spelled
//! date needs a four-digit year, so "March 24 people" and "3 mars" are no dates.

use chrono::NaiveDate;

use super::names::{is_filler, is_weekday_in_any_language, month_in_any_language};
use super::DayOrder;

/// A date found in a text, with the byte range of the words that wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    /// The calendar day written.
    pub date: NaiveDate,
    /// Byte offset of the first word of the date.
    pub start: usize,
    /// Byte offset just after the last word of the date.
    pub end: usize,
    /// True for an all-numeric date whose day and month could be read either way (`03/04/2024`).
    pub ambiguous: bool,
}

/// What one token of text is, for the date grammar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Token {
    /// Digits, with what followed them: `19.` (German ordinal), `21st`, `1er`, `2020年`.
    Number { value: u32, digits: usize, unit: Unit },
    /// A month name.
    Month(u32),
    /// An all-numeric date (`19.07.2014`, `2014-07-19`, `6/15/17`), fields in written order.
    Numeric {
        fields: [u32; 3],
        year_first: bool,
        short_year: bool,
        separator: char,
    },
    /// Anything else, with a flag for the words a date may carry with it.
    Word { filler: bool },
    /// Punctuation no date runs across (`;`, `|`, brackets, bullets).
    Barrier,
}

/// The mark after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    None,
    /// `19.`, `21st`, `1er`.
    Ordinal,
    /// `2020年`, `2020년`.
    Year,
    /// `2月`, `11월`.
    Month,
    /// `14日`, `7일`.
    Day,
}

/// A token and its byte range in the text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spanned {
    pub token: Token,
    pub start: usize,
    pub end: usize,
}

/// Characters that end a token: spaces, commas and quotes.
fn is_break(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '"' | '«' | '»' | '“' | '”' | '„' | '\u{200b}')
}

/// Characters that end a token and that no date runs across.
fn is_barrier(c: char) -> bool {
    matches!(c, ';' | '(' | ')' | '[' | ']' | '{' | '}' | '|' | '<' | '>' | '·' | '•')
}

/// Cuts `text` into date tokens.
pub(super) fn tokens(text: &str) -> Vec<Spanned> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let barrier = is_barrier(c);
        if barrier || is_break(c) {
            if let Some(s) = start.take() {
                push_tokens(text, s, i, &mut out);
            }
            if barrier {
                out.push(Spanned {
                    token: Token::Barrier,
                    start: i,
                    end: i + c.len_utf8(),
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

/// Classifies the word at `start..end`, which may hold several CJK date parts ("2020年2月14日").
fn push_tokens(text: &str, start: usize, end: usize, out: &mut Vec<Spanned>) {
    let raw = &text[start..end];
    if raw.contains(['年', '月', '日', '년', '월', '일']) {
        let mut from = start;
        for (i, c) in raw.char_indices() {
            if matches!(c, '年' | '月' | '日' | '년' | '월' | '일') {
                let stop = start + i + c.len_utf8();
                let token = classify(&text[from..stop]);
                out.push(Spanned {
                    token,
                    start: from,
                    end: stop,
                });
                from = stop;
            }
        }
        if from < end {
            out.push(Spanned {
                token: classify(&text[from..end]),
                start: from,
                end,
            });
        }
        return;
    }
    out.push(Spanned {
        token: classify(raw),
        start,
        end,
    });
}

fn classify(raw: &str) -> Token {
    let word = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
    let dotted = word.ends_with('.');
    let word = word.trim_end_matches(['.', ':', '!', '?', '\'', '’']);
    if word.is_empty() {
        return Token::Word { filler: true };
    }
    let lower = word.to_lowercase();
    let lower = lower
        .strip_prefix("d'")
        .or_else(|| lower.strip_prefix("d’"))
        .unwrap_or(&lower);
    let digits = lower.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let rest = &lower[digits..];
        if let Some(numeric) = numeric_date(lower) {
            return numeric;
        }
        let unit = match rest {
            "" if dotted => Unit::Ordinal,
            "" => Unit::None,
            "st" | "nd" | "rd" | "th" | "er" | "º" | "ª" | "o" => Unit::Ordinal,
            "年" | "년" => Unit::Year,
            "月" | "월" => Unit::Month,
            "日" | "일" => Unit::Day,
            _ => return Token::Word { filler: false },
        };
        if digits > 4 {
            return Token::Word { filler: false };
        }
        return match lower[..digits].parse() {
            Ok(value) => Token::Number { value, digits, unit },
            Err(_) => Token::Word { filler: false },
        };
    }
    if let Some(month) = month_in_any_language(lower) {
        return Token::Month(month);
    }
    Token::Word {
        filler: is_filler(lower) || is_weekday_in_any_language(lower),
    }
}

/// `19.07.2014`, `2014-07-19`, `6/15/17`, `2020-06-29T00:16:15+03:00` (the date part).
fn numeric_date(word: &str) -> Option<Token> {
    let word = match word.find('t') {
        Some(10) => &word[..10],
        _ => word,
    };
    let separator = word.chars().find(|c| matches!(c, '.' | '/' | '-'))?;
    let parts: Vec<&str> = word.split(separator).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let year_first = parts[0].len() == 4;
    let year_last = !year_first && (parts[2].len() == 4 || (parts[2].len() == 2 && separator != '-'));
    if year_first == year_last
        || parts[1].len() > 2
        || (year_first && parts[2].len() > 2)
        || (!year_first && parts[0].len() > 2)
    {
        return None;
    }
    let mut fields = [0u32; 3];
    for (field, part) in fields.iter_mut().zip(&parts) {
        *field = part.parse().ok()?;
    }
    Some(Token::Numeric {
        fields,
        year_first,
        short_year: !year_first && parts[2].len() == 2,
        separator,
    })
}

/// The date of an all-numeric token, day and month ordered as `order` says unless the numbers decide.
pub(super) fn numeric_day(
    fields: [u32; 3],
    year_first: bool,
    short_year: bool,
    separator: char,
    order: DayOrder,
) -> Option<(NaiveDate, bool)> {
    if year_first {
        return Some((NaiveDate::from_ymd_opt(fields[0] as i32, fields[1], fields[2])?, false));
    }
    let year = if short_year {
        super::expand_year(fields[2], 2)?
    } else {
        fields[2] as i32
    };
    let (a, b) = (fields[0], fields[1]);
    // Nobody writes month.day.year with dots: `03.04.2024` is the 3rd of April everywhere.
    let order = if separator == '.' { DayOrder::DayFirst } else { order };
    let (month, day) = match order {
        DayOrder::MonthFirst if a > 12 && b <= 12 => (b, a),
        DayOrder::MonthFirst => (a, b),
        DayOrder::DayFirst if b > 12 && a <= 12 => (a, b),
        DayOrder::DayFirst => (b, a),
    };
    let ambiguous = separator != '.' && a <= 12 && b <= 12 && a != b;
    Some((NaiveDate::from_ymd_opt(year, month, day)?, ambiguous))
}

/// The date written by the tokens starting at `i`, and how many tokens it takes.
/// `short_years` lets a spelled date end in a two-digit year ("3 Mar 24"), for a text that is
/// known to be a date.
pub(super) fn date_at(
    tokens: &[Spanned],
    i: usize,
    order: DayOrder,
    short_years: bool,
) -> Option<(NaiveDate, usize, bool)> {
    let at = |k: usize| tokens.get(k).map(|t| t.token);
    let year_of = |t: Option<Token>| match t {
        Some(Token::Number {
            value,
            digits: 4,
            unit: Unit::None | Unit::Ordinal,
        }) => Some(value as i32),
        Some(Token::Number {
            value,
            digits: 2,
            unit: Unit::None,
        }) if short_years => super::expand_year(value, 2),
        _ => None,
    };
    let day_of = |t: Option<Token>| match t {
        Some(Token::Number {
            value,
            digits: 1..=2,
            unit: Unit::None | Unit::Ordinal,
        }) if (1..=31).contains(&value) => Some(value),
        _ => None,
    };
    // Skips the "de", "of", "the" a spelled date may hold between its parts.
    let joined = |mut k: usize| {
        while let Some(Token::Word { filler: true }) = at(k) {
            if k > i + 4 {
                break;
            }
            k += 1;
        }
        k
    };
    let ok = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    match at(i)? {
        Token::Numeric {
            fields,
            year_first,
            short_year,
            separator,
        } => numeric_day(fields, year_first, short_year, separator, order).map(|(d, amb)| (d, 1, amb)),
        Token::Number {
            value,
            digits: 4,
            unit: Unit::Year,
        } => {
            // 2020年2月14日, 2023년 11월 7일
            let month = match at(i + 1)? {
                Token::Number {
                    value,
                    unit: Unit::Month,
                    ..
                } => value,
                _ => return None,
            };
            let day = match at(i + 2)? {
                Token::Number {
                    value, unit: Unit::Day, ..
                } => value,
                _ => return None,
            };
            ok(value as i32, month, day).map(|d| (d, 3, false))
        }
        Token::Number {
            value,
            digits: 4,
            unit: Unit::Ordinal | Unit::None,
        } => {
            // 2020. június 4.  /  2020. 06. 04.
            let k = joined(i + 1);
            match (at(k)?, day_of(at(k + 1))) {
                (Token::Month(m), Some(d)) => ok(value as i32, m, d).map(|date| (date, k + 2 - i, false)),
                (
                    Token::Number {
                        value: m,
                        digits: 1..=2,
                        unit: Unit::Ordinal,
                    },
                    _,
                ) if matches!(
                    at(i)?,
                    Token::Number {
                        unit: Unit::Ordinal,
                        ..
                    }
                ) =>
                {
                    match at(k + 1)? {
                        Token::Number {
                            value: d,
                            digits: 1..=2,
                            unit: Unit::Ordinal | Unit::None,
                        } => ok(value as i32, m, d).map(|date| (date, k + 2 - i, false)),
                        _ => None,
                    }
                }
                _ => None,
            }
        }
        Token::Number { .. } => {
            // 19. Juli 2014, 3 de marzo de 2024, 21st of March 2024
            let day = day_of(at(i))?;
            let k = joined(i + 1);
            let Token::Month(month) = at(k)? else { return None };
            let y = joined(k + 1);
            let year = year_of(at(y))?;
            ok(year, month, day).map(|d| (d, y + 1 - i, false))
        }
        Token::Month(month) => {
            // March 3, 2024; Feb 16 2020
            let day = day_of(at(i + 1))?;
            let year = year_of(at(i + 2))?;
            ok(year, month, day).map(|d| (d, 3, false))
        }
        Token::Word { .. } | Token::Barrier => None,
    }
}

/// Every date written in `text`, in order; all-numeric dates read as `order` says.
///
/// ```
/// use lede_article::dates::{dates_in, DayOrder};
/// let found = dates_in("Veröffentlicht am Samstag, 19. Juli 2014 von Jo", DayOrder::DayFirst);
/// assert_eq!(found[0].date.to_string(), "2014-07-19");
/// assert!(dates_in("Call 555-1234 or visit in March", DayOrder::DayFirst).is_empty());
/// ```
pub fn dates_in(text: &str, order: DayOrder) -> Vec<FoundDate> {
    let tokens = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match date_at(&tokens, i, order, false) {
            Some((date, taken, ambiguous)) => {
                out.push(FoundDate {
                    date,
                    start: tokens[i].start,
                    end: tokens[i + taken - 1].end,
                    ambiguous,
                });
                i += taken;
            }
            None => i += 1,
        }
    }
    out
}

/// The first date written in `text`.
pub fn first_date_in(text: &str, order: DayOrder) -> Option<FoundDate> {
    let tokens = tokens(text);
    (0..tokens.len()).find_map(|i| {
        date_at(&tokens, i, order, false).map(|(date, taken, ambiguous)| FoundDate {
            date,
            start: tokens[i].start,
            end: tokens[i + taken - 1].end,
            ambiguous,
        })
    })
}
