//! The headline, chosen by agreement between the places a page states it.
//!
//! JSON-LD `headline`, `og:title`, `twitter:title`, the `<h1>`, a microdata
//! `itemprop=headline` and the `<title>` (whole, or without the site name
//! after "|", "-", "–", "—", ":" or "·") each vote for their text; the text
//! most sources agree on wins. A lone candidate is used in the order JSON-LD,
//! `<h1>`, `og:title`, `<title>`.

use super::dom::{collapse, Dom};
use super::metadata::{decode_entities, Metadata};

/// Where a headline candidate came from, with its vote.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Source {
    JsonLd,
    H1,
    OpenGraph,
    Twitter,
    ItemProp,
    Meta,
    Title,
}

impl Source {
    fn weight(self) -> f32 {
        match self {
            Source::JsonLd | Source::H1 | Source::OpenGraph => 1.0,
            Source::ItemProp => 0.9,
            Source::Twitter | Source::Meta => 0.7,
            Source::Title => 0.8,
        }
    }

    /// Tie-break and single-source order (lower first).
    fn rank(self) -> u8 {
        match self {
            Source::H1 => 0,
            Source::JsonLd => 1,
            Source::ItemProp => 2,
            Source::OpenGraph => 3,
            Source::Meta => 4,
            Source::Twitter => 5,
            Source::Title => 6,
        }
    }
}

/// Separators between a headline and a site or section name in titles.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " // ", " : ", " ~ ", " « ", " » ",
];

/// Chooses the headline.
pub(super) fn headline(dom: &Dom<'_>, meta: &Metadata, site: Option<&str>) -> String {
    let mut candidates: Vec<(Source, String)> = Vec::new();
    let mut add = |source: Source, text: Option<String>| {
        if let Some(text) = text.map(|t| collapse(&decode_entities(&t))) {
            if !text.is_empty() && text.chars().count() <= 400 {
                candidates.push((source, text));
            }
        }
    };
    add(Source::JsonLd, meta.json_ld_str("headline"));
    add(Source::OpenGraph, meta.first(&["og:title"]).map(str::to_owned));
    add(Source::Twitter, meta.first(&["twitter:title"]).map(str::to_owned));
    add(
        Source::Meta,
        meta.first(&[
            "parsely-title",
            "sailthru.title",
            "dc.title",
            "dcterms.title",
            "title",
            "headline",
        ])
        .map(str::to_owned),
    );
    for h1 in h1s(dom) {
        add(Source::H1, Some(h1));
    }
    if let Some(i) = (0..dom.nodes.len())
        .find(|&i| dom.attr(i, "itemprop").is_some_and(|p| p.trim() == "headline") && dom.tag(i) != "meta")
    {
        add(Source::ItemProp, Some(dom.text(i)));
    }
    add(Source::Title, meta.title.clone());
    choose(&candidates, site)
}

/// Up to three `<h1>` texts, in page order.
fn h1s(dom: &Dom<'_>) -> Vec<String> {
    dom.elements_named("h1")
        .map(|i| dom.text(i))
        .filter(|t| !t.is_empty())
        .take(3)
        .collect()
}

fn choose(candidates: &[(Source, String)], site: Option<&str>) -> String {
    // Every source offers its text and, where it looks like "Headline | Site", the pieces.
    let offers: Vec<(Source, Vec<String>)> = candidates
        .iter()
        .map(|(source, text)| (*source, variants(text)))
        .collect();
    let mut best: Option<(f32, u8, String)> = None;
    for (source, texts) in &offers {
        for (k, text) in texts.iter().enumerate() {
            let key = fold(text);
            if key.is_empty() {
                continue;
            }
            let mut support = 0.0;
            let mut voted: Vec<Source> = Vec::new();
            for (other, other_texts) in &offers {
                if voted.contains(other) {
                    continue;
                }
                if other_texts.iter().any(|t| fold(t) == key) {
                    support += other.weight();
                    voted.push(*other);
                }
            }
            // A piece of a title is a weaker claim than the whole, unless others agree.
            if k > 0 {
                support -= 0.1;
                if site.is_some_and(|s| fold(s) == key) || looks_like_site(text) {
                    support -= 1.0;
                }
            }
            let better = match &best {
                None => true,
                Some((s, r, _)) => support > *s + 1e-3 || ((support - *s).abs() <= 1e-3 && source.rank() < *r),
            };
            if better {
                best = Some((support, source.rank(), text.clone()));
            }
        }
    }
    let Some((support, _, text)) = best else {
        return String::new();
    };
    if support >= 1.5 {
        return text;
    }
    // Nobody agrees: trust the structured headline, then the page's own heading.
    for wanted in [
        Source::JsonLd,
        Source::H1,
        Source::OpenGraph,
        Source::ItemProp,
        Source::Meta,
        Source::Twitter,
    ] {
        if let Some((_, text)) = candidates.iter().find(|(s, _)| *s == wanted) {
            return strip_site(text, site);
        }
    }
    candidates
        .iter()
        .find(|(s, _)| *s == Source::Title)
        .map(|(_, t)| strip_site(t, site))
        .unwrap_or(text)
}

/// The text itself, then what is left when a trailing or leading site/section name is cut off.
fn variants(text: &str) -> Vec<String> {
    let mut out = vec![text.to_owned()];
    for sep in SEPARATORS {
        if let Some((head, _)) = text.rsplit_once(sep) {
            push_unique(&mut out, head.trim());
            if let Some((first, _)) = head.split_once(sep) {
                push_unique(&mut out, first.trim());
            }
        }
        if let Some((_, tail)) = text.split_once(sep) {
            push_unique(&mut out, tail.trim());
        }
    }
    out
}

fn push_unique(out: &mut Vec<String>, text: &str) {
    if !text.is_empty() && !out.iter().any(|t| t == text) {
        out.push(text.to_owned());
    }
}

/// Cuts a trailing "| Site" (or one short trailing piece) from a title.
pub(super) fn strip_site(text: &str, site: Option<&str>) -> String {
    let mut text = text.trim().to_owned();
    for _ in 0..2 {
        let mut cut = None;
        for sep in SEPARATORS {
            if let Some((head, tail)) = text.rsplit_once(sep) {
                let is_site = site.is_some_and(|s| fold(s) == fold(tail)) || looks_like_site(tail);
                if is_site && head.chars().count() > 10 {
                    cut = Some(head.trim().to_owned());
                    break;
                }
            }
        }
        match cut {
            Some(head) => text = head,
            None => break,
        }
    }
    text
}

/// A short piece such as "CNN", "The Guardian", "Politics News".
fn looks_like_site(piece: &str) -> bool {
    let words = piece.split_whitespace().count();
    words <= 4 && piece.chars().count() <= 40 && !piece.ends_with(['?', '!', '.'])
}

/// Headline comparison key: lower case, typographic quotes and dashes folded, whitespace collapsed.
pub(super) fn fold(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(candidates: &[(Source, &str)], site: Option<&str>) -> String {
        let owned: Vec<(Source, String)> = candidates.iter().map(|(s, t)| (*s, (*t).to_owned())).collect();
        choose(&owned, site)
    }

    #[test]
    fn agreement_beats_order() {
        let got = pick(
            &[
                (Source::OpenGraph, "Senate passes budget | Daily Planet"),
                (Source::H1, "Senate passes budget"),
                (Source::Title, "Senate passes budget | Daily Planet"),
            ],
            Some("Daily Planet"),
        );
        assert_eq!(got, "Senate passes budget");
    }

    #[test]
    fn title_loses_its_site_suffix() {
        assert_eq!(
            pick(&[(Source::Title, "Senate passes budget - Daily Planet")], None),
            "Senate passes budget"
        );
        assert_eq!(
            strip_site("A long headline here | Politics | Daily Planet", None),
            "A long headline here"
        );
    }

    #[test]
    fn hyphenated_headline_is_not_cut_when_sources_agree() {
        let got = pick(
            &[
                (Source::JsonLd, "Biden - Xi talks end"),
                (Source::H1, "Biden - Xi talks end"),
                (Source::Title, "Biden - Xi talks end | Planet"),
            ],
            None,
        );
        assert_eq!(got, "Biden - Xi talks end");
    }
}
