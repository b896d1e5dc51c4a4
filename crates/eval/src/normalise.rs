//! The one text normalisation every comparison with gold goes through.

use unicode_normalization::UnicodeNormalization;

/// NFKC, case folding, typographic quotes and dashes to ASCII, whitespace collapsed and trimmed.
pub fn normalise_text(text: &str) -> String {
    let folded: String = text
        .nfkc()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`normalise_text`] without a leading "By" and a trailing suffix such as ", Ph.D.".
pub fn normalise_name(name: &str) -> String {
    let name = normalise_text(name);
    let name = name.strip_prefix("by ").unwrap_or(&name);
    name.trim_end_matches([',', '.', ' ']).to_owned()
}

/// A URL without scheme, `www.`, query, fragment and trailing slash, lower-cased host:
/// `https://www.x.com/a/?utm=1` and `http://x.com/a` are the same page.
pub fn normalise_url(url: &str) -> String {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    format!("{host}/{}", path.trim_end_matches('/'))
}

/// `en-GB` → `en`.
pub(crate) fn primary_subtag(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Lower-cased words: maximal runs of alphanumeric characters after NFKC.
pub fn words(text: &str) -> Vec<String> {
    let folded: String = text.nfkc().flat_map(char::to_lowercase).collect();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_normalisation() {
        assert_eq!(
            normalise_text("  It\u{2019}s  ＦＵＬＬ\u{a0}width — ok "),
            "it's full width - ok"
        );
    }

    #[test]
    fn urls_that_name_the_same_page() {
        assert_eq!(
            normalise_url("https://www.X.com/a/b/?utm=1#top"),
            normalise_url("http://x.com/a/b")
        );
        assert_ne!(normalise_url("https://x.com/a"), normalise_url("https://x.com/b"));
        assert_eq!(primary_subtag("en-GB"), "en");
    }

    #[test]
    fn words_fold_compatibility_forms() {
        assert_eq!(words("ＦＵＬＬ-width ﬁne, it's"), ["full", "width", "fine", "it", "s"]);
    }
}
