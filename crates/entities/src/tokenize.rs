//! Tokenisation and sentence splitting of real article text, with byte offsets.
//!
//! Tokens follow the CoNLL-2003 conventions the model was trained on: `U.S.` and `Mr.` keep their period,
//! hyphenated words (`MS-13`, `Ocasio-Cortez`) stay whole, possessives and contractions are split off
//! (`Trump's` → `Trump` `'s`), punctuation stands alone, and curly quotes and apostrophes are normalised to
//! straight ones in the token text (the offsets still point at the original bytes).

use std::borrow::Cow;

/// One token: its normalised text and where it is in the source (`source[start..end]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token text as the model sees it (curly quotes made straight).
    pub text: Cow<'a, str>,
    /// Byte offset of the first byte in the source text.
    pub start: usize,
    /// Byte offset one past the last byte in the source text.
    pub end: usize,
}

impl AsRef<str> for Token<'_> {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// Abbreviations that keep their period and never end a sentence (titles, and words before a number or name).
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Sens", "Rep", "Reps", "Gov", "Lt", "Gen", "Col", "Sgt", "Capt", "Maj", "Adm",
    "Cmdr", "Prof", "Rev", "Hon", "Pres", "Supt", "Gens", "Messrs", "St", "Mt", "Ft", "No", "Nos", "vs", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Ave", "Blvd",
];

/// Abbreviations that keep their period but may end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Bros", "etc", "al", "Ph.D", "approx", "Dept", "Univ", "Ala", "Ariz",
    "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mass", "Mich", "Minn",
    "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
];

/// Capitalised words that, after an abbreviation such as `U.S.`, show that a new sentence has begun.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "On",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Their",
    "Its",
    "There",
    "As",
    "At",
    "For",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Some",
    "Many",
    "Most",
    "Our",
    "You",
    "Yet",
    "So",
    "Still",
    "Now",
    "Then",
    "What",
    "Why",
    "How",
    "Who",
    "Meanwhile",
    "However",
    "Officials",
    "According",
];

fn is_open_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '(' | '[' | '{' | '«' | '¿' | '¡' | '*' | '#' | '—' | '–' | '-' | '$' | '£' | '€'
    )
}

fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | ')'
            | ']'
            | '}'
            | '»'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '.'
            | '…'
            | '*'
            | '—'
            | '–'
            | '%'
    )
}

fn is_terminator(s: &str) -> bool {
    matches!(s, "." | "?" | "!" | "…" | "...")
}

/// The token text the model sees: curly quotes and apostrophes become straight ones.
fn normalise(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || !s.contains(['’', '‘', '“', '”', '—', '–']) {
        return Cow::Borrowed(s);
    }
    match s {
        "—" | "–" => return Cow::Borrowed("--"),
        "“" | "”" => return Cow::Borrowed("\""),
        _ => {}
    }
    Cow::Owned(
        s.replace(['’', '‘'], "'")
            .replace(['“', '”'], "\"")
            .replace(['—', '–'], "-"),
    )
}

/// Whether `core` (without its final period) is an initialism such as `U.S`, `D.C` or an initial `W`.
fn is_initialism(core: &str) -> bool {
    let mut letters = 0;
    let mut expect_letter = true;
    for c in core.chars() {
        if expect_letter {
            if !c.is_alphabetic() {
                return false;
            }
            letters += 1;
            expect_letter = false;
        } else if c == '.' {
            expect_letter = true;
        } else {
            return false;
        }
    }
    letters >= 1 && !expect_letter && (letters > 1 || core.chars().all(|c| c.is_uppercase()))
}

/// How a period at the end of a chunk attaches to the word before it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Period {
    /// Punctuation of its own: ends the sentence.
    Separate,
    /// Part of a title such as `Mr.`: never ends the sentence.
    Title,
    /// Part of an abbreviation such as `U.S.` or `Inc.`: ends the sentence only before a sentence opener.
    Abbreviation,
}

fn classify_period(core: &str) -> Period {
    if TITLES.contains(&core) {
        Period::Title
    } else if ABBREVIATIONS.contains(&core) || is_initialism(core) {
        if core.chars().count() == 1 {
            Period::Title
        } else {
            Period::Abbreviation
        }
    } else {
        Period::Separate
    }
}

/// Splits one whitespace-delimited chunk `text[start..end]` into tokens, pushing `(start, end)` pairs.
/// Returns how a trailing abbreviation period behaves, if the chunk ends in one.
fn split_chunk(
    text: &str,
    mut start: usize,
    mut end: usize,
    out: &mut Vec<(usize, usize)>,
    trailing: &mut Vec<(usize, usize)>,
) -> Option<Period> {
    // Leading punctuation, one character at a time.
    while start < end {
        let c = text[start..end].chars().next()?;
        let rest = &text[start + c.len_utf8()..end];
        let is_sign_number = matches!(c, '-' | '$' | '£' | '€') && rest.starts_with(|d: char| d.is_ascii_digit());
        if is_open_punct(c) && !(c == '-' && is_sign_number) && (rest.chars().next().is_some() || c != '-') {
            // `'s` standing alone, `'90s` and similar stay whole.
            if (c == '\'' || c == '’')
                && rest.starts_with(|d: char| d.is_alphanumeric())
                && is_clitic(&text[start..end])
            {
                break;
            }
            out.push((start, start + c.len_utf8()));
            start += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation, collected in reverse.
    trailing.clear();
    let mut abbreviation = None;
    while start < end {
        let Some(c) = text[start..end].chars().next_back() else {
            break;
        };
        let c_start = end - c.len_utf8();
        if c == '.' {
            let core = &text[start..c_start];
            if core.ends_with("..") || core.is_empty() {
                // An ellipsis: take the dots together.
                let dots = core.len() - core.trim_end_matches('.').len();
                trailing.push((c_start - dots, end));
                end = c_start - dots;
                continue;
            }
            let kind = classify_period(core);
            if kind != Period::Separate {
                abbreviation = Some(kind);
                break;
            }
        } else if !is_close_punct(c) {
            break;
        } else if (c == '\'' || c == '’') && text[start..c_start].ends_with(['s', 'S']) && c_start - start > 1 {
            // `Jones'`: a possessive apostrophe.
            trailing.push((c_start, end));
            end = c_start;
            break;
        }
        trailing.push((c_start, end));
        end = c_start;
    }
    if start < end {
        split_core(text, start, end, out);
    }
    out.extend(trailing.drain(..).rev());
    if abbreviation.is_some() && out.last().is_some_and(|&(_, e)| e == end) {
        abbreviation
    } else {
        None
    }
}

fn is_clitic(s: &str) -> bool {
    let s = s.trim_start_matches(['\'', '’']);
    matches!(s.to_ascii_lowercase().as_str(), "s" | "re" | "ve" | "ll" | "d" | "m")
}

/// Splits a chunk without outer punctuation: possessives and contractions, and inner dashes.
fn split_core(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let word = &text[start..end];
    let bytes = word.as_bytes();
    // An inner em dash or double hyphen separates two words. (Both dashes are encoded from 0xE2.)
    let has_dash = bytes.iter().any(|&b| b == b'-' || b == 0xE2)
        && (word.contains(['—', '–']) || bytes.windows(2).any(|w| w == b"--"));
    for dash in ["—", "–", "--"].into_iter().filter(|_| has_dash) {
        if let Some(i) = word.find(dash) {
            if i > 0 {
                split_core(text, start, start + i, out);
            }
            out.push((start + i, start + i + dash.len()));
            if start + i + dash.len() < end {
                split_core(text, start + i + dash.len(), end, out);
            }
            return;
        }
    }
    // Every clitic has an apostrophe, straight or curly (`’` ends in 0x99).
    if !bytes.iter().any(|&b| b == b'\'' || b == 0x99) {
        out.push((start, end));
        return;
    }
    // `'S` as well as `'s`, without allocating.
    let ends_with = |suffix: &str| {
        word.len() > suffix.len()
            && word.is_char_boundary(word.len() - suffix.len())
            && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    for clitic in [
        "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m",
    ] {
        if ends_with(clitic) {
            let cut = end - clitic.len();
            out.push((start, cut));
            out.push((cut, end));
            return;
        }
    }
    for clitic in ["n't", "n’t"] {
        if word.len() > clitic.len() + 1 && ends_with(clitic) {
            let cut = end - clitic.len();
            out.push((start, cut));
            out.push((cut, end));
            return;
        }
    }
    out.push((start, end));
}

/// Where a chunk such as `Act."So` or `law.The` holds two sentences glued together: the byte offset just after
/// the terminator and its closing quotes, if a lowercase word ends there and a capitalised one follows.
fn glued_sentence_end(chunk: &str) -> Option<usize> {
    // The capital after the terminator is not a closing character, so both lie before the trailing run of
    // terminators and closing quotes: most chunks (`word`, `end.`, `said."`) have no terminator there.
    let inner = chunk.trim_end_matches(['.', '?', '!', '"', '”', '’', '\'', ')']);
    if !inner.contains(['.', '?', '!']) {
        return None;
    }
    if chunk.contains("://") || chunk.contains("www.") || chunk.contains('@') {
        return None;
    }
    let chars: Vec<(usize, char)> = chunk.char_indices().collect();
    for (n, &(_, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '?' | '!') || n < 2 || !chars[n - 1].1.is_lowercase() || !chars[n - 2].1.is_alphabetic() {
            continue;
        }
        let mut m = n + 1;
        while m < chars.len() && matches!(chars[m].1, '"' | '”' | '’' | '\'' | ')') {
            m += 1;
        }
        let rest = &chars[m.min(chars.len())..];
        let domain_like = rest.windows(2).any(|w| w[0].1 == '.' && w[1].1.is_alphabetic());
        if m < chars.len() && chars[m].1.is_uppercase() && rest.iter().any(|(_, c)| c.is_lowercase()) && !domain_like {
            return Some(chars[m].0);
        }
    }
    None
}

/// The character at byte `i` of `text` (a char boundary), without decoding when it is ASCII.
#[inline]
fn char_at(text: &str, i: usize) -> char {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => char::from(b),
        _ => text[i..].chars().next().unwrap_or(' '),
    }
}

/// The length of the word when `chunk` is ASCII letters and digits, optionally followed by one `,`, `;` or `:`.
#[inline]
fn plain_word(chunk: &[u8]) -> Option<usize> {
    let word = match chunk.split_last() {
        Some((b',' | b';' | b':', word)) => word,
        _ => chunk,
    };
    (!word.is_empty() && word.iter().all(u8::is_ascii_alphanumeric)).then_some(word.len())
}

/// Splits `text` into sentences of tokens. A sentence ends at `.`, `?`, `!` (with any closing quotes), at a
/// line break, and after an abbreviation such as `U.S.` when the next word opens a sentence.
pub fn tokenize(text: &str) -> Vec<Vec<Token<'_>>> {
    tokenize_with(text, true)
}

/// [`tokenize`], with or without the shortcut for plain words (the tests check that both give the same tokens).
fn tokenize_with(text: &str, shortcut: bool) -> Vec<Vec<Token<'_>>> {
    let mut sentences = Vec::new();
    let mut current: Vec<Token<'_>> = Vec::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut trailing: Vec<(usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut pending_end = false;
    let mut pending_abbreviation = false;
    while i < bytes.len() {
        let c = char_at(text, i);
        if c.is_whitespace() {
            if c == '\n' && !current.is_empty() {
                sentences.push(std::mem::take(&mut current));
                pending_end = false;
                pending_abbreviation = false;
            }
            i += c.len_utf8();
            continue;
        }
        let chunk_start = i;
        while i < bytes.len() {
            let c = char_at(text, i);
            if c.is_whitespace() {
                break;
            }
            i += c.len_utf8();
        }
        if let Some(word_end) = plain_word(&bytes[chunk_start..i])
            .filter(|_| shortcut)
            .map(|len| chunk_start + len)
        {
            // Most chunks are an ASCII word, alone or before one comma, semicolon or colon: the general path
            // below gives them exactly these tokens, with no period to classify and no sentence end.
            if !current.is_empty() {
                let first = bytes[chunk_start];
                let capital = first.is_ascii_uppercase() || first.is_ascii_digit();
                if (pending_end && capital)
                    || (pending_abbreviation && SENTENCE_STARTERS.contains(&&text[chunk_start..word_end]))
                {
                    sentences.push(std::mem::take(&mut current));
                }
            }
            for (s, e) in [(chunk_start, word_end), (word_end, i)] {
                if s < e {
                    current.push(Token {
                        text: Cow::Borrowed(&text[s..e]),
                        start: s,
                        end: e,
                    });
                }
            }
            pending_end = false;
            pending_abbreviation = false;
            continue;
        }
        if let Some(cut) = glued_sentence_end(&text[chunk_start..i]) {
            // `Act."So`: the next sentence starts without a space; the rest is scanned as its own chunk.
            i = chunk_start + cut;
        }
        let chunk = &text[chunk_start..i];
        if !current.is_empty() {
            let opener = chunk.trim_start_matches(|c: char| is_open_punct(c));
            let capital = opener.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || (opener.is_empty() && !chunk.is_empty());
            let word = opener.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            if (pending_end && capital) || (pending_abbreviation && SENTENCE_STARTERS.contains(&word)) {
                sentences.push(std::mem::take(&mut current));
            }
        }
        spans.clear();
        let abbreviation = split_chunk(text, chunk_start, i, &mut spans, &mut trailing);
        for &(s, e) in &spans {
            current.push(Token {
                text: normalise(&text[s..e]),
                start: s,
                end: e,
            });
        }
        pending_abbreviation = abbreviation == Some(Period::Abbreviation);
        // The chunk ends a sentence if its last non-closing token is a terminator.
        pending_end = current
            .iter()
            .rev()
            .find(|t| !matches!(t.text.as_ref(), "\"" | "'" | ")" | "]"))
            .is_some_and(|t| is_terminator(&t.text));
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<String>> {
        tokenize(text)
            .into_iter()
            .map(|s| s.into_iter().map(|t| t.text.into_owned()).collect())
            .collect()
    }

    fn flat(text: &str) -> Vec<String> {
        words(text).concat()
    }

    #[test]
    fn the_plain_word_shortcut_changes_no_token() {
        let text = "Mr. Smith met Sen. Warren, the U.S. The Senate: 10 votes; Trump's wall. He said: no\n\
                    A b. Note: c, D; e: The 2016 race. U.S. And then; 3, 4. AND \"Yes,\" she said, no. x\n";
        let with: Vec<_> = tokenize_with(text, true);
        assert_eq!(with, tokenize_with(text, false));
        assert!(with.len() >= 5, "{with:?}");
        for sample in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sample"))
            .into_iter()
            .flatten()
            .flatten()
        {
            if let Ok(text) = std::fs::read_to_string(sample.path()) {
                assert_eq!(
                    tokenize_with(&text, true),
                    tokenize_with(&text, false),
                    "{:?}",
                    sample.path()
                );
            }
        }
    }

    #[test]
    fn keeps_initialisms_and_titles_whole() {
        assert_eq!(
            flat("Mr. Smith met Sen. Warren in the U.S. capital."),
            ["Mr.", "Smith", "met", "Sen.", "Warren", "in", "the", "U.S.", "capital", "."]
        );
        assert_eq!(words("Mr. Smith left. Dr. Jones stayed.").len(), 2);
        assert_eq!(flat("George W. Bush"), ["George", "W.", "Bush"]);
    }

    #[test]
    fn splits_sentences_after_an_abbreviation_before_an_opener() {
        assert_eq!(words("He lives in the U.S. The rest is history.").len(), 2);
        assert_eq!(words("The U.S. Senate voted.").len(), 1);
    }

    #[test]
    fn splits_possessives_straight_and_curly() {
        assert_eq!(
            flat("Trump’s wall and Biden's plan"),
            ["Trump", "'s", "wall", "and", "Biden", "'s", "plan"]
        );
        assert_eq!(flat("the Joneses' house"), ["the", "Joneses", "'", "house"]);
        assert_eq!(flat("don't"), ["do", "n't"]);
    }

    #[test]
    fn keeps_hyphenated_names_and_gang_names() {
        assert_eq!(
            flat("Ocasio-Cortez condemned MS-13, al-Qaeda."),
            ["Ocasio-Cortez", "condemned", "MS-13", ",", "al-Qaeda", "."]
        );
    }

    #[test]
    fn curly_quotes_become_straight_and_offsets_point_at_source() {
        let text = "“We won,” said O’Rourke.";
        let sentence = &tokenize(text)[0];
        let texts: Vec<&str> = sentence.iter().map(|t| t.text.as_ref()).collect();
        assert_eq!(texts, ["\"", "We", "won", ",", "\"", "said", "O'Rourke", "."]);
        let orourke = &sentence[6];
        assert_eq!(&text[orourke.start..orourke.end], "O’Rourke");
    }

    #[test]
    fn numbers_money_and_dashes() {
        assert_eq!(
            flat("$1.5 billion (10%) — a lot..."),
            ["$", "1.5", "billion", "(", "10", "%", ")", "--", "a", "lot", "..."]
        );
    }

    #[test]
    fn glued_sentences_come_apart() {
        assert_eq!(words("the Affordable Care Act.\"So it goes").len(), 2);
        assert_eq!(flat("the Act.\"So"), ["the", "Act", ".", "\"", "So"]);
        assert_eq!(flat("U.S.A. and www.Example.com"), ["U.S.A.", "and", "www.Example.com"]);
    }

    #[test]
    fn odd_input_neither_panics_nor_loses_offsets() {
        let cases = [
            "",
            " ",
            "'",
            "’",
            "\"",
            "—",
            "--",
            "...",
            "…",
            "'s",
            "’s",
            "U.S",
            ".U.S.",
            "a.B",
            "é.É",
            "x'",
            "ß’s",
            "日本の首相.東京",
            "«Bonjour»",
            "((()))",
            "$",
            "-",
            "Mr.",
            "n't",
            "'90s",
            "O’",
            "a—",
            "—a",
            "A.\"B",
            "\u{200b}",
            "İstanbul'un",
            "🙂.🙂 😀",
            "e\u{301}.Á",
        ];
        for text in cases {
            for sentence in tokenize(text) {
                for t in sentence {
                    assert!(t.start < t.end && t.end <= text.len(), "{text:?}: {t:?}");
                    assert!(
                        text.is_char_boundary(t.start) && text.is_char_boundary(t.end),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn line_breaks_end_sentences() {
        assert_eq!(words("Headline Here\nBody text").len(), 2);
    }
}
