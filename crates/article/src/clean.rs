//! Text cleaning that every reader shares: collapsing whitespace, trimming rendered lines, normalising
//! paragraph breaks, folding typographic quotes for comparison, splitting words, cutting at a
//! character boundary.
//!
//! A leaf: it imports nothing of the readers, so `html/`, `text/` and `records/` can all use it.

use std::borrow::Cow;

/// Bullets that text-mode browsers put before list items (`•` first level, `□`/`◦` nested).
pub(crate) const BULLETS: &[char] = &['•', '□', '☆', '▪', '◦', '·', '●', '○', '■', '‣', '∙'];

/// The words of `text`: maximal runs of alphanumeric characters, in order, case kept.
///
/// ```
/// let words: Vec<&str> = lede_article::words("Biden's $1.2tn plan — passed!").collect();
/// assert_eq!(words, ["Biden", "s", "1", "2tn", "plan", "passed"]);
/// ```
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// At most `limit` bytes of `text`, cut at a character boundary.
pub(crate) fn bounded(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Appends `text` with runs of whitespace collapsed to one space; never starts with a space.
pub(crate) fn push_collapsed(out: &mut String, text: &str) {
    let mut space = out.ends_with(' ') || out.is_empty();
    for c in text.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push(c);
            space = false;
        }
    }
}

/// Collapses whitespace and trims.
pub(crate) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_collapsed(&mut out, text);
    out.trim_end().to_owned()
}

/// Comparison key of a headline or paragraph: lower case, typographic quotes and dashes folded,
/// whitespace collapsed.
pub(crate) fn fold(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' => '-',
            '\u{a0}' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    collapse(&mapped)
}

/// Trims a line and strips control characters and list bullets that text renderers leave.
pub fn clean_line(line: &str) -> String {
    clean(line).into_owned()
}

/// [`clean_line`], borrowing when the line needs no change beyond trimming.
pub(crate) fn clean(line: &str) -> Cow<'_, str> {
    let trimmed = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}');
    let without_bullet = trimmed
        .strip_prefix(BULLETS)
        .map(|s| s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{200b}'))
        .unwrap_or(trimmed);
    let mut previous_space = false;
    let needs_work = without_bullet.chars().any(|c| {
        let bad = c.is_control() || (c.is_whitespace() && (c != ' ' || previous_space));
        previous_space = c == ' ';
        bad
    });
    if !needs_work {
        return Cow::Borrowed(without_bullet);
    }
    let mut out = String::with_capacity(without_bullet.len());
    for word in without_bullet.split_whitespace() {
        let mut word = word.chars().filter(|c| !c.is_control()).peekable();
        if word.peek().is_none() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word);
    }
    Cow::Owned(out)
}

/// Whole lines that are page furniture wherever they stand in a body: advertisement markers, "story continues"
/// breaks, newsletter and app prompts (matched without case and trailing punctuation).
const FURNITURE_LINES: &[&str] = &[
    "ad",
    "advertisement",
    "story continued below",
    "story continues below",
    "story continues below advertisement",
    "article continues below advertisement",
    "continue reading below",
    "continue reading the main story",
    "sign up for daily newsletters",
    "click here to get the fox news app",
    "more on this",
];

/// Whether the whole `line` (trimmed) is page furniture, not text of the article.
pub(crate) fn is_furniture_line(line: &str) -> bool {
    if line.len() > 40 {
        return false;
    }
    let bare = line
        .trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '…')
        .trim();
    FURNITURE_LINES.iter().any(|f| bare.eq_ignore_ascii_case(f))
}

/// Words a hover card may hold between the name shown and the full name it repeats (`Donald John`, `Patricia
/// (Patty) Lynn`).
const CARD_NAME_WORDS: usize = 5;
/// How far before its `MORE` a hover card may start, in bytes.
const CARD_BYTES: usize = 700;

/// A line without the hover cards some sites (The Hill) put after a person's name and text extraction leaves
/// inline: the full name glued to the person's latest headlines, ended by `MORE` (`President Trump Donald John
/// TrumpDHS expands authority … cities MORE is seeking` → `President Trump is seeking`). A card is recognised by
/// the shown surname coming back within a few capitalised words, either with a headline glued to it or after
/// the shown first name said again (`Paul Ryan Paul Davis Ryan Retirees …`), and a `MORE` after it.
pub(crate) fn without_hover_cards(line: &str) -> Cow<'_, str> {
    if !line.contains(" MORE") {
        return Cow::Borrowed(line);
    }
    let mut out = String::new();
    let mut rest = line;
    let mut changed = false;
    while let Some(more) = find_word(rest, "MORE") {
        let window_start = more.saturating_sub(CARD_BYTES);
        let window_start = (window_start..more).find(|&i| rest.is_char_boundary(i)).unwrap_or(more);
        match card_start(&rest[window_start..more]) {
            Some(start) => {
                let start = window_start + start;
                out.push_str(&rest[..start]);
                let after = &rest[more + "MORE".len()..];
                rest = after.strip_prefix(' ').unwrap_or(after);
                if !out.is_empty() && !out.ends_with(' ') && !rest.starts_with([',', '.', ';', ':', '!', '?']) {
                    out.push(' ');
                }
                changed = true;
            }
            None => {
                let end = more + "MORE".len();
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
        }
    }
    if !changed {
        return Cow::Borrowed(line);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The byte offset of `word` standing alone in `text`: after a space, and not followed by a letter or digit.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find(word) {
        let at = from + at;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        if before.is_some_and(|c| c == ' ') && after.is_none_or(|c| !c.is_alphanumeric()) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// Where a hover card starts in `text` (the end of the shown name, before its space), if one does.
fn card_start(text: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = text
        .split(' ')
        .scan(0, |offset, word| {
            let at = *offset;
            *offset += word.len() + 1;
            Some((at, word))
        })
        .collect();
    for (i, &(at, shown)) in words.iter().enumerate() {
        let shown = shown.trim_end_matches(['\'', '’']);
        if shown.chars().count() < 2
            || !shown.chars().next().is_some_and(char::is_uppercase)
            || !shown.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        {
            continue;
        }
        // The first name shown comes back first (`Paul Ryan Paul Davis Ryan Retirees …`).
        let first_repeats = i >= 1 && words.get(i + 1).is_some_and(|&(_, w)| w == words[i - 1].1);
        for (j, &(_, word)) in words.iter().enumerate().skip(i + 1).take(CARD_NAME_WORDS + 1) {
            if first_repeats && j >= i + 2 && word == shown {
                return Some(at + shown.len());
            }
            if let Some(glued) = word.strip_prefix(shown) {
                let next = glued.chars().next();
                if j > i + 1 && next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "'‘\"“$".contains(c))
                {
                    return Some(at + shown.len());
                }
            }
            let name_like = word.starts_with(|c: char| c.is_uppercase() || c == '(');
            if !name_like {
                break;
            }
        }
    }
    None
}

/// Trims lines, drops furniture lines (`ADVERTISEMENT`, "Story Continued Below") and hover cards, collapses
/// runs of blank lines to one, keeps paragraphs apart.
pub fn normalise_body(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.trim();
        if is_furniture_line(line) {
            continue;
        }
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
            blank = false;
        } else if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&without_hover_cards(line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_alphanumeric_runs() {
        assert_eq!(words("  -- ").count(), 0);
        assert_eq!(words("Žižek's 2nd").collect::<Vec<_>>(), ["Žižek", "s", "2nd"]);
    }

    #[test]
    fn bounded_cuts_at_a_char_boundary() {
        assert_eq!(bounded("aé", 2), "a");
        assert_eq!(bounded("abc", 10), "abc");
    }

    #[test]
    fn whitespace_and_quotes() {
        assert_eq!(collapse("  a \n\t b  "), "a b");
        assert_eq!(
            fold("It\u{2019}s  \u{201c}Over\u{201d} \u{2014} Now"),
            "it's \"over\" - now"
        );
    }

    #[test]
    fn furniture_lines_leave_the_body() {
        let body = normalise_body("First.\nADVERTISEMENT\nAdvertisement:\nStory Continued Below\n\nAd\nSecond.");
        assert_eq!(body, "First.\n\nSecond.");
        assert_eq!(
            normalise_body("The ad ran.\nAdvertisement for the show aired."),
            "The ad ran.\nAdvertisement for the show aired."
        );
    }

    #[test]
    fn cleaning_lines() {
        assert_eq!(clean_line("  • Home  "), "Home");
        assert_eq!(clean_line("a \t b\u{7} c"), "a b c");
        assert_eq!(clean_line("\u{feff}\u{200b}"), "");
        assert!(matches!(clean("  plain text here "), Cow::Borrowed("plain text here")));
    }

    #[test]
    fn hover_cards_leave_the_line() {
        let line = "at a time when President Trump Donald John TrumpDHS expands authority of personnel: report GOP \
                    signals Trump's payroll-tax cut — for now Trump threatens to double down on Portland MORE is \
                    seeking to deflect blame.";
        assert_eq!(
            without_hover_cards(line),
            "at a time when President Trump is seeking to deflect blame."
        );
        let line =
            "said Sen. Patty Murray Patricia (Patty) Lynn MurrayComedian Joel McHale joins the fight MORE (D-Wash.).";
        assert_eq!(without_hover_cards(line), "said Sen. Patty Murray (D-Wash.).");
        let line =
            "said Speaker Paul Ryan Paul Davis Ryan Retirees should say 'no thanks' to a plan MORE (R-Wis.) today.";
        assert_eq!(without_hover_cards(line), "said Speaker Paul Ryan (R-Wis.) today.");
        // A name said twice in plain prose, with no card after it, stays.
        let line = "Paul Ryan, Paul Ryan said, is MORE than a speaker.";
        assert_eq!(without_hover_cards(line), line);
        let line = "Dr. Anthony Fauci Anthony FauciFauci says something MORE, the expert, said";
        assert_eq!(without_hover_cards(line), "Dr. Anthony Fauci, the expert, said");
        // A real MORE, and a name said twice, are text.
        for text in [
            "Ask for MORE money, said Trump Trump.",
            "Smith met John Smith and Smithers MORE often.",
        ] {
            assert_eq!(without_hover_cards(text), text);
        }
    }

    #[test]
    fn paragraphs() {
        assert_eq!(normalise_body("  One\n two \n\n\n\nThree  \n"), "One\ntwo\n\nThree");
        assert_eq!(normalise_body("\n\n"), "");
    }
}
