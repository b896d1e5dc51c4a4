//! The headline, chosen by agreement between the places a page states it.
//!
//! JSON-LD `headline`, `og:title`, `twitter:title`, the `<h1>`, a microdata
//! `itemprop=headline` and the `<title>` (whole, or without the site name
//! after "|", "-", "–", "—", ":" or "·") each vote for their text; the text
//! most sources agree on wins. A lone candidate is used in the order JSON-LD,
//! `<h1>`, `og:title`, `<title>`.

use super::dom::Dom;
use super::metadata::{decode_entities, Metadata};
use crate::clean::{collapse, fold, words};

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
    choose(&candidates(dom, meta), site)
}

/// Every stated headline, with where it was stated.
fn candidates(dom: &Dom<'_>, meta: &Metadata) -> Vec<(Source, String)> {
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
    candidates
}

/// Up to three `<h1>` texts outside navigation, asides, footers and promos, in page order.
fn h1s(dom: &Dom<'_>) -> Vec<String> {
    dom.elements_named("h1")
        .filter(|&i| !in_chrome(dom, i))
        .map(|i| dom.text(i))
        .filter(|t| !t.is_empty())
        .take(3)
        .collect()
}

fn in_chrome(dom: &Dom<'_>, index: usize) -> bool {
    const WORDS: &[&str] = &[
        "sidebar",
        "related",
        "recirc",
        "newsletter",
        "promo",
        "modal",
        "popup",
        "menu",
        "logo",
    ];
    dom.ancestors(index)
        .take(40)
        .take_while(|&a| !matches!(dom.tag(a), "body" | "html"))
        .any(|a| {
            matches!(dom.tag(a), "nav" | "aside" | "footer" | "dialog")
                || dom.attr(a, "class").is_some_and(|c| {
                    c.to_ascii_lowercase()
                        .split(|ch: char| ch.is_whitespace() || ch == '-' || ch == '_')
                        .any(|part| WORDS.iter().any(|w| part.starts_with(w)))
                })
        })
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
                // A source backs its whole text fully and, unless it is the visible heading, a piece of it
                // (the title without "| Site") by half.
                if other_texts.first().is_some_and(|t| fold(t) == key) {
                    support += other.weight();
                    voted.push(*other);
                } else if *other != Source::H1 && other_texts.iter().skip(1).any(|t| fold(t) == key) {
                    support += other.weight() / 2.0;
                    voted.push(*other);
                }
            }
            // A section or site name that a heading repeats is not the headline.
            if is_trailing_segment(candidates, text) {
                support -= 1.0;
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
    let agreed_h1 = offers
        .iter()
        .any(|(s, texts)| *s == Source::H1 && texts.iter().any(|t| fold(t) == fold(&text)));
    if support >= 1.5 && agreed_h1 {
        return text;
    }
    // The visible heading is the headline readers see; metadata titles are often rewritten for search
    // and social media. Use it unless it is the site's name or a section label.
    if let Some(h1) = best_h1(candidates, site) {
        return h1;
    }
    if support >= 1.5 {
        return strip_labels(&strip_site(&text, site), candidates);
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

/// `text` without a trailing "| Section" that a short heading on the page names ("Anglophenia").
fn strip_labels(text: &str, candidates: &[(Source, String)]) -> String {
    let labels: Vec<String> = candidates
        .iter()
        .filter(|(s, t)| *s == Source::H1 && folded_words(t).len() <= 4)
        .map(|(_, t)| fold(t))
        .collect();
    for sep in SEPARATORS {
        if let Some((head, tail)) = text.rsplit_once(sep) {
            if labels.contains(&fold(tail.trim())) && head.trim().chars().count() > 10 {
                return head.trim().to_owned();
            }
        }
    }
    text.to_owned()
}

/// Whether `text` is a short later segment of a title after a longer first one ("Headline |
/// Section | Site"): a section or site name that a heading on the page repeats, not the headline.
/// ("Opinion | Headline" is the other way round: its later segment is the long one.)
fn is_trailing_segment(candidates: &[(Source, String)], text: &str) -> bool {
    let key = fold(text);
    let length = folded_words(text).len();
    if length > 3 {
        return false;
    }
    candidates
        .iter()
        .filter(|(s, _)| matches!(s, Source::Title | Source::OpenGraph))
        .any(|(_, title)| {
            SEPARATORS.iter().any(|sep| {
                let mut segments = title.split(sep);
                let first_is_longer = segments.next().is_some_and(|first| folded_words(first).len() > length);
                first_is_longer && segments.any(|segment| fold(segment.trim()) == key)
            })
        })
}

/// The `<h1>` that shares most words with the metadata titles, when one looks like a headline.
fn best_h1(candidates: &[(Source, String)], site: Option<&str>) -> Option<String> {
    let meta_words: Vec<String> = candidates
        .iter()
        .filter(|(s, _)| *s != Source::H1)
        .flat_map(|(_, t)| folded_words(t))
        .collect();
    let pieces: Vec<String> = candidates
        .iter()
        .filter(|(s, _)| matches!(s, Source::Title | Source::OpenGraph))
        .flat_map(|(_, t)| variants(t).into_iter().skip(1))
        .map(|v| fold(&v))
        .collect();
    let h1s: Vec<&String> = candidates
        .iter()
        .filter(|(s, _)| *s == Source::H1)
        .map(|(_, t)| t)
        .collect();
    let mut best: Option<(f32, &String)> = None;
    for h1 in &h1s {
        let own = folded_words(h1);
        let key = fold(h1);
        let site_words = site.map(folded_words).unwrap_or_default();
        let is_site = site.is_some_and(|s| fold(s) == key)
            || (own.len() <= 4 && pieces.contains(&key))
            || own
                .iter()
                .all(|w| site_words.contains(w) || pieces.contains(w) || w == "logo" || w == "home");
        if own.len() < 2 || own.len() > 40 || is_site {
            continue;
        }
        let shared = own.iter().filter(|w| meta_words.contains(w)).count() as f32 / own.len() as f32;
        if best.is_none_or(|(b, _)| shared > b) {
            best = Some((shared, h1));
        }
    }
    let (shared, h1) = best?;
    // Several headings, none related to the metadata: no way to tell which is the article's.
    if h1s.len() > 1 && shared == 0.0 && !meta_words.is_empty() {
        return None;
    }
    // "Headline [Watch]" when the metadata says "Headline".
    let stated: Vec<String> = candidates
        .iter()
        .filter(|(s, _)| *s != Source::H1)
        .map(|(_, t)| fold(t))
        .collect();
    let trimmed = variants(h1).into_iter().skip(1).find(|v| stated.contains(&fold(v)));
    Some(trimmed.unwrap_or_else(|| (*h1).clone()))
}

/// The words of `text` after [`fold`].
fn folded_words(text: &str) -> Vec<String> {
    words(&fold(text)).map(str::to_owned).collect()
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
            if let Some((middle, _)) = tail.rsplit_once(sep) {
                push_unique(&mut out, middle.trim());
            }
        }
    }
    // "Headline [Watch]", "Headline (VIDEO)".
    if let Some(head) = text.strip_suffix(']').and_then(|t| t.rsplit_once(" [")).map(|(h, _)| h) {
        push_unique(&mut out, head.trim());
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
        // "Site | Headline", only when the site's name is known.
        if cut.is_none() {
            for sep in SEPARATORS {
                if let Some((head, tail)) = text.split_once(sep) {
                    if site.is_some_and(|s| fold(s).trim_start_matches('@') == fold(head)) && tail.chars().count() > 10
                    {
                        cut = Some(tail.trim().to_owned());
                        break;
                    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `LEDE_HTML_DEBUG=page.html cargo test -p lede-article headline_debug -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn headline_debug() {
        let Ok(path) = std::env::var("LEDE_HTML_DEBUG") else {
            return;
        };
        let page = String::from_utf8_lossy(&std::fs::read(path).unwrap_or_default()).into_owned();
        let html = scraper::Html::parse_document(&page);
        let dom = Dom::new(&html);
        let meta = Metadata::read(&dom);
        for (source, text) in candidates(&dom, &meta) {
            println!("{source:?}\t{text}");
        }
    }

    #[test]
    fn a_section_heading_is_not_the_headline() {
        let title = "Ten Things About Happy Valley | Anglophenia | BBC America";
        let both = [
            (Source::Title, title),
            (Source::OpenGraph, title),
            (Source::H1, "Anglophenia"),
        ];
        assert_eq!(pick(&both, Some("BBC America")), "Ten Things About Happy Valley");
        let with_heading = [
            (Source::Title, title),
            (Source::OpenGraph, title),
            (Source::H1, "Anglophenia"),
            (Source::H1, "Ten Things About Happy Valley"),
        ];
        assert_eq!(
            pick(&with_heading, Some("BBC America")),
            "Ten Things About Happy Valley"
        );
        let section_first = [
            (Source::Title, "Opinion | Let Kids Be Kids"),
            (Source::H1, "Let Kids Be Kids"),
        ];
        assert_eq!(pick(&section_first, None), "Let Kids Be Kids");
    }

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
