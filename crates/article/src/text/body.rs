//! Where the article text is: the densest run of sentence-like lines.
//!
//! Every non-empty line gets a score: a paragraph (a line that ends like a sentence, at the left margin)
//! scores by its length, chrome (list items, deeply indented menu entries, share and ad lines, lines the
//! page repeats) scores below zero, short lines a little below zero. The body is the run of lines with the
//! largest total (the maximum-sum subarray, one linear pass), so a subheading or a caption between
//! paragraphs stays in while a menu or a related-stories list beside the article does not.

use super::chrome;
use super::line::Line;

/// What a byline, dateline or reading-time line scores: teaser cards ("caption, 5 min read, title, 2 days
/// ago") print two of them around every caption, so a run of cards scores below the story they surround.
const HEADER_LINE_SCORE: f64 = -8.0;

/// The score of one non-empty line; `repeated` says the page prints the same line elsewhere too, `header_line`
/// that it is a byline, dateline or reading-time line (`header::is_header_line`).
pub(super) fn score(line: &Line<'_>, repeated: bool, header_line: bool) -> f64 {
    if header_line {
        return HEADER_LINE_SCORE;
    }
    score_as_text(line, repeated)
}

/// The score of a line by its shape alone, header lines included.
pub(super) fn score_as_text(line: &Line<'_>, repeated: bool) -> f64 {
    let words = line.words as f64;
    let sentence = line.ends_sentence();
    if line.inline_chrome() || (line.words <= 16 && chrome::is_boilerplate(&line.text)) {
        return -4.0;
    }
    if repeated && line.words >= 3 {
        return -3.0;
    }
    if line.indent >= 5 {
        return -3.0;
    }
    if line.bullet || line.indent >= 4 {
        return if sentence && line.words >= 10 {
            (words - 8.0) * 0.5
        } else {
            -3.0
        };
    }
    match (sentence, line.words) {
        (true, w) if w >= 4 => words - 3.5,
        (true, _) => -1.0,
        (false, w) if w >= 12 => -1.0,
        _ => -2.0,
    }
}

/// The positions (first, last) of the run with the largest positive total, if any line scores above zero.
pub(super) fn densest_run(scores: &[f64]) -> Option<(usize, usize)> {
    let mut best: Option<(f64, usize, usize)> = None;
    let mut sum = 0.0;
    let mut start = 0;
    for (i, &s) in scores.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += s;
        if sum > 0.0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, start, i));
        }
    }
    best.map(|(_, a, b)| (a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn densest_run_skips_chrome() {
        assert_eq!(densest_run(&[-3.0, 5.0, -1.0, 6.0, -3.0, -3.0, 1.0]), Some((1, 3)));
        assert_eq!(densest_run(&[-1.0, -2.0]), None);
        assert_eq!(densest_run(&[]), None);
    }
}
