//! One page's lines and the decisions over them: where the body is, which line is the headline, what the
//! header between them holds.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use super::line::Line;
use super::{body, chrome, header, trailer};
use crate::article::Extracted;
use crate::byline::split_byline;
use crate::clean::{normalise_body, words};

/// The share of a candidate headline's words (three letters or more) that the body's opening uses.
fn shared_words(candidate: &str, opening: &HashSet<String>) -> f64 {
    let (mut total, mut shared) = (0, 0);
    for word in words(candidate) {
        if word.chars().count() >= 3 {
            total += 1;
            shared += usize::from(opening.contains(&word.to_lowercase()));
        }
    }
    if total == 0 {
        0.0
    } else {
        shared as f64 / total as f64
    }
}

/// What being the first headline-shaped line above the body adds to a candidate's score.
const FIRST_TITLE_BONUS: f64 = 2.0;
/// Lines this short without a stop inside a rendered page's body are labels and buttons ("Get Deal", "Jo Doe");
/// Markdown marks its subheadings, which stay.
const SHORT_LABEL_WORDS: usize = 2;
/// How much body text must be collected before a closing line ("Share this:") may end it.
const MIN_BODY_BEFORE_END: usize = 600;
/// A closing line ends the body only past the first 1/`TRAILER_AFTER` of the densest run's lines (share
/// buttons and prompts under the headline come before that). A fifth, not a third: on naeb-dev-text a third let
/// the trailers of nine pages (newsletter forms, donation prompts, author boxes) into the body and kept one
/// page's inline newsletter prompt out of it; body F1 0.884 -> 0.891.
const TRAILER_AFTER: usize = 5;
/// A link heading ("Most Popular", "More from Sports") is this short.
const LINK_HEADING_WORDS: usize = 6;
/// A paragraph this long after a link heading says the story goes on under the box of links.
const LONG_PARAGRAPH_WORDS: usize = 30;
/// How many non-empty lines above the body the headline is looked for.
const HEADLINE_WINDOW: usize = 40;
/// How many non-empty lines under the headline can be header (repeat, dek, byline, dateline, captions).
const HEADER_LINES: usize = 12;
/// How many non-empty lines under another copy of the headline a dateline is looked for.
const REPEAT_DATELINE_LINES: usize = 2;
/// How many non-empty lines under the headline a dateline is looked for when the header held none.
const DATELINE_LINES: usize = 30;

pub(super) struct Page<'l, 'a> {
    lines: &'l [Line<'a>],
    /// Indices of the non-empty lines before the trailing boilerplate, in order.
    kept: Vec<usize>,
    /// How many lines (or their headline part) share a key, by key hash.
    counts: HashMap<u64, u32>,
    /// Whether each kept line is a byline, dateline or reading-time line (`header::is_header_line`).
    header_lines: Vec<bool>,
    markdown: bool,
}

fn hash_key(text: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    header::key(text).hash(&mut hasher);
    hasher.finish()
}

impl<'l, 'a> Page<'l, 'a> {
    pub fn new(lines: &'l [Line<'a>], markdown: bool) -> Self {
        let mut end = lines.len();
        while end > 0 && (lines[end - 1].is_empty() || chrome::is_boilerplate(&lines[end - 1].text)) {
            end -= 1;
        }
        let kept: Vec<usize> = (0..end).filter(|&i| !lines[i].is_empty()).collect();
        let mut counts = HashMap::new();
        for &i in &kept {
            let line = &lines[i];
            if (2..=40).contains(&line.words) && line.text.len() <= 300 {
                for key in header::occurrence_keys(&line.text) {
                    let mut hasher = std::collections::hash_map::DefaultHasher::new();
                    key.hash(&mut hasher);
                    *counts.entry(hasher.finish()).or_insert(0) += 1;
                }
            }
        }
        let header_lines = kept.iter().map(|&i| header::is_header_line(&lines[i])).collect();
        Page {
            lines,
            kept,
            counts,
            header_lines,
            markdown,
        }
    }

    fn text(&self, pos: usize) -> &str {
        &self.lines[self.kept[pos]].text
    }

    fn line(&self, pos: usize) -> &Line<'a> {
        &self.lines[self.kept[pos]]
    }

    /// How often the page prints this line (as a line or as the headline part of one).
    fn occurrences(&self, pos: usize) -> u32 {
        let line = self.line(pos);
        if !(2..=40).contains(&line.words) || line.text.len() > 300 {
            return 1;
        }
        self.counts.get(&hash_key(&line.text)).copied().unwrap_or(1)
    }

    /// No chrome: every line is article text (a plain article file, a test fixture, a clean note).
    fn is_plain(&self) -> bool {
        self.kept.iter().all(|&i| {
            let line = &self.lines[i];
            (self.markdown || (!line.bullet && line.indent < 4))
                && !chrome::is_navigation(&line.text)
                && !line.inline_chrome()
        })
    }

    pub fn read(&self, out: &mut Extracted) {
        if self.kept.is_empty() {
            return;
        }
        if self.is_plain() {
            let first = self.line(0);
            let headline_at = if out.headline.is_empty() {
                // A first line too long for a headline is text (a one-line note, a dump without line breaks).
                (first.words <= 40 && first.text.len() <= 300).then(|| {
                    out.headline = first.text.to_string();
                    0
                })
            } else {
                (header::key(self.text(0)) == header::key(&out.headline)).then_some(0)
            };
            let start = self.read_header(headline_at, out);
            self.collect_body(start, self.kept.len() - 1, start, out);
            return;
        }
        let scores: Vec<f64> = (0..self.kept.len())
            .map(|p| body::score(self.line(p), self.occurrences(p) >= 2, self.header_lines[p]))
            .collect();
        let run = body::densest_run(&scores);
        let (first, last) = run.unwrap_or((self.kept.len(), self.kept.len()));
        let top = self.story_top(&scores, first);
        let headline_at = if out.headline.is_empty() {
            let at = self.choose_headline(top);
            if let Some(at) = at {
                out.headline = self.text(at).to_owned();
            }
            at
        } else {
            let wanted = header::key(&out.headline);
            (top.saturating_sub(HEADLINE_WINDOW)..(first + 2).min(self.kept.len()))
                .rev()
                .find(|&p| header::key(self.text(p)) == wanted)
        };
        if run.is_none() {
            return;
        }
        let start = self.read_header(headline_at, out);
        if out.published.is_none() {
            out.published = headline_at.and_then(|h| self.dateline_below(h, last));
        }
        if out.published.is_none() {
            out.published = headline_at.and_then(|h| self.dateline_under_repeat(h));
        }
        if start > last {
            return;
        }
        self.collect_body(start.max(first), last, start, out);
    }

    /// Where the story's top is for finding the headline: the start of the densest run as scored without the
    /// penalty on header lines, when that run ends inside the real one (a byline or dateline between the lead and
    /// the rest cuts the lead off the run; the headline is above the lead).
    fn story_top(&self, scores: &[f64], first: usize) -> usize {
        let lenient: Vec<f64> = (0..self.kept.len())
            .map(|p| {
                if self.header_lines[p] {
                    body::score_as_text(self.line(p), self.occurrences(p) >= 2)
                } else {
                    scores[p]
                }
            })
            .collect();
        match body::densest_run(&lenient) {
            Some((top, end)) if top < first && end >= first => top,
            _ => first,
        }
    }

    /// A dateline further down than the header reaches, under captions, share buttons and a dek, but above
    /// the body's end.
    fn dateline_below(&self, headline_at: usize, last: usize) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        (headline_at + 1..(headline_at + 1 + DATELINE_LINES).min(last + 1).min(self.kept.len()))
            .filter(|&p| self.line(p).words <= 12)
            .find_map(|p| header::dateline(self.text(p)).and_then(Result::ok))
            .map(|d| d.fixed_offset())
    }

    /// The date printed under another copy of the headline, as lists of the latest stories print the page's own
    /// story ("Sweater made from aerogel fiber … / Dec 22, 2023").
    fn dateline_under_repeat(&self, headline_at: usize) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        if self.occurrences(headline_at) < 2 {
            return None;
        }
        let wanted = header::key(self.text(headline_at));
        (0..self.kept.len())
            .filter(|&p| p != headline_at && header::key(self.text(p)) == wanted)
            .find_map(|p| {
                (p + 1..(p + 1 + REPEAT_DATELINE_LINES).min(self.kept.len()))
                    .filter(|&q| self.line(q).words <= 12)
                    .find_map(|q| header::dateline(self.text(q)).and_then(Result::ok))
            })
            .map(|d| d.fixed_offset())
    }

    /// The headline: a title-shaped line above the body that the page repeats, that a byline or date follows,
    /// and whose words the body's opening uses.
    fn choose_headline(&self, body_first: usize) -> Option<usize> {
        let from = body_first.saturating_sub(HEADLINE_WINDOW);
        let to = (body_first + 2).min(self.kept.len());
        let opening = self.opening_words(body_first);
        let mut best: Option<(f64, usize)> = None;
        let mut titled_before = false;
        for pos in from..to {
            let Some(shape) = header::title_shape(self.line(pos)) else {
                continue;
            };
            let mut score = shape;
            if shape >= 1.0 && !titled_before {
                // The first line shaped like a headline: captions and teasers come after the headline.
                score += FIRST_TITLE_BONUS;
                titled_before = true;
            }
            if self.occurrences(pos) >= 2 {
                // Menus repeat their short labels too; a repeated long line is the page title and the heading.
                score += if self.line(pos).words >= 5 { 4.0 } else { 1.0 };
            }
            score += match self.header_marker_distance(pos) {
                Some(1..=2) => 3.0,
                Some(_) => 2.0,
                None => 0.0,
            };
            score += 3.0 * shared_words(self.text(pos), &opening);
            if pos == 0 || self.is_chrome(pos - 1) || self.is_kicker(pos - 1, pos) {
                // The headline opens the article block (under a section's name at most); a dek or caption follows
                // the headline or a byline.
                score += 2.0;
            }
            if pos < body_first {
                score -= 0.25 * (body_first - pos - 1) as f64;
            } else {
                score -= 2.0 + (pos - body_first) as f64;
            }
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, pos));
            }
        }
        best.map(|(_, pos)| pos)
    }

    /// Menu entries, labels and controls: what a page prints around the article, not in it.
    fn is_chrome(&self, pos: usize) -> bool {
        let line = self.line(pos);
        line.bullet
            || line.indent >= 4
            || line.words <= 3
            || chrome::is_navigation(&line.text)
            || line.inline_chrome()
            || chrome::is_boilerplate(&line.text)
    }

    /// A section's name over a headline: a short line without a stop above a longer title-shaped one.
    fn is_kicker(&self, pos: usize, below: usize) -> bool {
        let (line, next) = (self.line(pos), self.line(below));
        line.words <= 4 && next.words > line.words + 2 && !line.ends_sentence()
    }

    /// Lowercased words of the body's first lines.
    fn opening_words(&self, body_first: usize) -> HashSet<String> {
        let mut opening = HashSet::new();
        for pos in body_first..(body_first + 8).min(self.kept.len()) {
            for word in words(self.text(pos)).take(200) {
                if word.chars().count() >= 3 {
                    opening.insert(word.to_lowercase());
                }
            }
        }
        opening
    }

    /// How many lines down the next byline, dateline or "Updated" line is, if it is within five.
    fn header_marker_distance(&self, pos: usize) -> Option<usize> {
        (pos + 1..(pos + 6).min(self.kept.len()))
            .position(|p| {
                let text = self.text(p);
                header::byline(text).is_some()
                    || header::is_bare_by(text)
                    || header::is_meta(text)
                    || header::dateline(text).is_some()
            })
            .map(|d| d + 1)
    }

    /// Reads the header under the headline (repeat, dek, byline, dateline) and returns where the body may start.
    fn read_header(&self, headline_at: Option<usize>, out: &mut Extracted) -> usize {
        let Some(h) = headline_at else {
            return 0;
        };
        let mut repeated = false;
        let mut last_marker: Option<usize> = None;
        let mut dek_at: Option<usize> = None;
        // Header lines that are neither markers nor chrome; three of them before any marker end the search.
        let mut others = 0;
        let headline_key = header::key(&out.headline);
        let mut pos = h + 1;
        let limit = (h + 1 + HEADER_LINES).min(self.kept.len());
        while pos < limit {
            let text = self.text(pos);
            let mut marker = true;
            if header::key(text) == headline_key {
                repeated = true;
                marker = false;
            } else if let Some(names) = header::byline(text) {
                if out.authors.is_empty() {
                    out.authors = names;
                }
            } else if header::is_bare_by(text) && pos + 1 < limit && header::looks_like_names(self.text(pos + 1)) {
                if out.authors.is_empty() {
                    out.authors = split_byline(self.text(pos + 1));
                }
                pos += 1;
            } else if let Some(date) = header::dateline(text) {
                match date {
                    Ok(d) => {
                        out.published.get_or_insert(d.fixed_offset());
                    }
                    Err(e) => out.warnings.push(format!("{e}; date dropped")),
                }
            } else if header::is_meta(text) {
            } else {
                marker = false;
                if !self.line(pos).inline_chrome() {
                    // Two text lines after a marker, or three before any, are the body, not the header.
                    others += 1;
                    if others >= if last_marker.is_some() { 2 } else { 3 } {
                        break;
                    }
                    if dek_at.is_none() && last_marker.is_none() && self.is_dek_shaped(pos) {
                        dek_at = Some(pos);
                    }
                }
            }
            if marker {
                last_marker = Some(pos);
                others = 0;
            }
            pos += 1;
        }
        let header_end = last_marker.unwrap_or(h);
        match dek_at {
            Some(d) if d < header_end => {
                out.dek = Some(self.text(d).to_owned());
            }
            Some(d)
                if (repeated || self.repeated_above(h))
                    && d == h + 1 + usize::from(repeated)
                    && d + 1 < self.kept.len() =>
            {
                out.dek = Some(self.text(d).to_owned());
                return d + 1;
            }
            _ => {}
        }
        if repeated && last_marker.is_none() {
            let mut after = h + 1;
            while after < self.kept.len() && header::key(self.text(after)) == headline_key {
                after += 1;
            }
            return after;
        }
        header_end + 1
    }

    /// The line above the headline is the headline too, alone or as the title part of a "Headline | Site"
    /// line: the page printed its title and then its heading.
    fn repeated_above(&self, h: usize) -> bool {
        let wanted = header::key(self.text(h));
        h > 0 && header::occurrence_keys(self.text(h - 1)).contains(&wanted)
    }

    fn is_dek_shaped(&self, pos: usize) -> bool {
        let line = self.line(pos);
        (4..=60).contains(&line.words) && !line.text.ends_with(':') && !line.bullet
    }

    /// Collects body lines `from..=last` (positions in `kept`); lines before `lead_from` are skipped, and
    /// between `lead_from` and `from` only paragraph-shaped ones are kept (a short lead before the dense run).
    fn collect_body(&self, from: usize, last: usize, lead_from: usize, out: &mut Extracted) {
        let mut parts: Vec<&str> = Vec::new();
        let mut body_bytes = 0;
        let headline_key = header::key(&out.headline);
        let dek_key = out.dek.as_deref().map(header::key);
        let mut previous: Option<usize> = None;
        let end = last.min(self.kept.len().saturating_sub(1));
        let base = lead_from.min(from);
        // The longest paragraph after each position up to `end`, in words.
        let mut longest_after = vec![0; (end + 1).saturating_sub(base)];
        let mut longest = 0;
        for pos in (base..=end).rev() {
            longest_after[pos - base] = longest;
            let line = self.line(pos);
            if line.ends_sentence() && !line.bullet {
                longest = longest.max(line.words);
            }
        }
        for pos in base..=end {
            let line = self.line(pos);
            let text: &str = &line.text;
            if pos < from && body::score(line, self.occurrences(pos) >= 2, self.header_lines[pos]) <= 0.0 {
                continue;
            }
            let past_start = pos > from + (last - from) / TRAILER_AFTER && body_bytes >= MIN_BODY_BEFORE_END;
            if trailer::is_story_link(line) {
                if past_start
                    && line.words <= LINK_HEADING_WORDS
                    && !line.ends_sentence()
                    && longest_after[pos - base] < LONG_PARAGRAPH_WORDS
                {
                    // "Most Popular", "Read Next", "More from …" with no paragraph of a story after it: the
                    // page's list of other stories, not a box inside this one.
                    break;
                }
                continue;
            }
            if line.inline_chrome() || self.header_lines[pos] {
                continue;
            }
            if past_start && ((line.words <= 6 && chrome::ends_article(text)) || trailer::opens_trailer(line)) {
                // "Share this:", tags, related stories, the writer's biography once the story has been read:
                // the story is over.
                break;
            }
            if !self.markdown && line.words <= SHORT_LABEL_WORDS && !line.ends_sentence() {
                continue;
            }
            if line.words <= 40 {
                let key = header::key(text);
                if key == headline_key || dek_key.as_ref() == Some(&key) {
                    continue;
                }
                if line.words >= 5 && self.occurrences(pos) >= 2 {
                    continue;
                }
            }
            let index = self.kept[pos];
            if previous.is_some_and(|p| index > p + 1) {
                parts.push("");
            }
            previous = Some(index);
            parts.push(text);
            body_bytes += text.len();
        }
        out.body = normalise_body(&parts.join("\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `LEDE_TEXT_DEBUG=path cargo test -p lede-article debug_page -- --ignored --nocapture` shows the decisions.
    #[test]
    #[ignore]
    fn debug_page() {
        let Ok(path) = std::env::var("LEDE_TEXT_DEBUG") else {
            return;
        };
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let lines: Vec<Line<'_>> = text.lines().map(|l| Line::new(l, false)).collect();
        let page = Page::new(&lines, false);
        let scores: Vec<f64> = (0..page.kept.len())
            .map(|p| body::score(page.line(p), page.occurrences(p) >= 2, page.header_lines[p]))
            .collect();
        let run = body::densest_run(&scores);
        println!("plain {} run {:?}", page.is_plain(), run);
        let first = run.map_or(0, |r| r.0);
        let window = first.saturating_sub(HEADLINE_WINDOW)..(first + 3).min(page.kept.len());
        for (p, score) in scores.iter().enumerate().take(window.end).skip(window.start) {
            let shape = header::title_shape(page.line(p));
            println!(
                "{p:4} [{:5.1}] occ={} marker={:?} shape={:?} {}",
                score,
                page.occurrences(p),
                page.header_marker_distance(p),
                shape,
                page.text(p).chars().take(90).collect::<String>()
            );
        }
    }

    #[test]
    fn teaser_cards_and_header_lines_stay_out() {
        let page = "Home | Missions | Science\n\nFeatured\n\nEngineers in white suits assemble and test the first robotic rover in a clean room at the space center in Houston before its flight.\n5 min read\n\nA year of highlights from the research center\n\narticle 2 days ago\nThe radio antennas of the deep space complex near the capital, one of three complexes around the world that keep contact with missions far away.\n4 min read\n\nThe deep space network turns sixty\n\narticle 1 week ago\n\nLaser terminal achieves first link\n\nKate Roe\n\nDec 13, 2023\n\nA technology experiment on the station completed its first laser link with an orbiting relay on Tuesday, the agency said.\n\nLaser links carry more data than radio, and the agency plans to use them on missions to the Moon and beyond.\n\nEngineers will now test how the link behaves in bad weather over the ground stations.\n\nMore stories\n\nThe first two-way laser relay system completed a year of experiments on June 28, engineers at the center said.\n\nBy Jo Roe\n\nOctober 4, 2023\n";
        let out = crate::text::read_text(page, false);
        assert!(out.body.starts_with("A technology experiment"), "{}", out.body);
        for chrome in ["min read", "days ago", "clean room", "By Jo Roe", "October 4"] {
            assert!(!out.body.contains(chrome), "{chrome} in {}", out.body);
        }
    }

    #[test]
    fn headline_above_a_lead_and_byline() {
        let page = "Home | Games | Reviews\n\n  • News\n  • Guides\n\nRemastered edition preorders open ahead of January release\n\nAlong with the standard edition, you will find a sold out collector's edition with a statue and a steelbook case.\n\nBy Jo Roe on December 20, 2023 at 9:05AM PST\n\n7 Comments\n\nPreorder the Remastered Standard Edition\n\n$50\n\nPreorder the Remastered Deluxe Edition\n\n$100\n\nThe game is one of the best of recent years, and it is officially getting a remastered edition for the new console, with new modes, faster loading and sharper pictures on large screens.\n\nThere are no preorder bonuses for reserving a copy of the remastered edition, but owners of the original can upgrade for ten dollars.\n\nWhere to buy\n\n  • Preorder the Remastered Standard Edition\n  • Preorder the Remastered Deluxe Edition\n";
        let out = crate::text::read_text(page, false);
        assert_eq!(
            out.headline,
            "Remastered edition preorders open ahead of January release"
        );
        assert_eq!(out.authors, vec!["Jo Roe"]);
        assert!(out.body.contains("officially getting"), "{}", out.body);
        assert!(!out.body.contains("By Jo Roe"), "{}", out.body);
    }

    #[test]
    fn link_heading_with_no_story_after_it_ends_the_body() {
        let story = "Home | Markets | Tech\n\nRocket booster flies a record nineteenth time\n\nBy Jo Roe\n\nThe company launched 23 satellites into low orbit from the coast early on Saturday, under cloudy skies that hid the rocket within seconds.\n\nShortly after launch, the first stage landed on a ship in the ocean, its nineteenth landing and a first for the company, which has worked for a decade on rockets that fly again.\n\nMost Popular\n\nFour things to watch in the market this week, from jobs to earnings season.\n\nThe booster had flown thirteen satellite launches before, as well as crew and cargo missions to the station, according to the company, which plans to fly it again next year.\n\nThe company has made more than 90 launches this year and plans to make twelve launches a month next year, more than any other company or country has managed.\n\nMost Popular\n\nRead full story\n\nThe big tech stocks dominated the year. Will the rest of the market soar next year?\n\nRead full story\n\nMy friend canceled our holiday lunch and we are on the hook for the deposit. Is that fair?\n\nAbout the Author\n";
        let a = crate::text::read_text(story, false);
        assert!(a.body.contains("thirteen satellite launches"), "{}", a.body);
        assert!(
            a.body.ends_with("any other company or country has managed."),
            "{}",
            a.body
        );
        assert!(!a.body.contains("Is that fair?"), "{}", a.body);
    }

    #[test]
    fn date_under_another_copy_of_the_headline() {
        let page = "Home | Science | Chemistry\n\nSweater made from aerogel fiber tests warmer than down\n\nby Jo Roe , Science Wire\n\nA team of engineers has developed an aerogel fiber that keeps a sweater warmer than one filled with down, they reported on Thursday.\n\nThe fiber mimics the hollow hairs of polar bears, which trap air and keep the animals warm in the Arctic winter.\n\nLatest stories\n\nSweater made from aerogel fiber tests warmer than down\n\nDec 22, 2023\n\nSwift printing with shape-memory polymers\n\nDec 21, 2023\n";
        let a = crate::text::read_text(page, false);
        assert_eq!(a.headline, "Sweater made from aerogel fiber tests warmer than down");
        assert_eq!(
            a.published.map(|d| d.format("%F").to_string()).as_deref(),
            Some("2023-12-22")
        );
        assert!(!a.body.contains("Dec 22"), "{}", a.body);
    }
}
