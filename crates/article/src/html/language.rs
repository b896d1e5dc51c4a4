//! The page's language: declared (`<html lang>`, `Content-Language`, `og:locale`),
//! else detected from the body text.

use super::metadata::Metadata;
use crate::dates::DayOrder;

/// The declared language tag, as written (`en-GB`), when there is one.
pub(super) fn declared(meta: &Metadata) -> Option<String> {
    meta.html_lang
        .clone()
        .or_else(|| {
            meta.first(&["content-language", "og:locale", "dc.language", "language", "inlanguage"])
                .map(str::to_owned)
        })
        .or_else(|| meta.json_ld_str("inLanguage"))
        .map(|t| t.trim().replace('_', "-"))
        .filter(|t| primary(t).is_some())
}

/// The ISO 639-1 code of a tag: `en-GB` → `en`.
pub(super) fn primary(tag: &str) -> Option<String> {
    let code = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    (code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())).then_some(code)
}

/// Month-first only where American English is written (or nothing says otherwise).
pub(super) fn day_order(tag: Option<&str>) -> DayOrder {
    let Some(tag) = tag else { return DayOrder::MonthFirst };
    let lower = tag.to_ascii_lowercase();
    if lower == "en" || lower.starts_with("en-us") || lower == "en-ph" {
        DayOrder::MonthFirst
    } else {
        DayOrder::DayFirst
    }
}

/// Detects the language of `text` when the guess is reliable.
pub(super) fn detect(text: &str) -> Option<String> {
    let sample = match text.char_indices().nth(4000) {
        Some((at, _)) => &text[..at],
        None => text,
    };
    if sample.len() < 100 {
        return None;
    }
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() {
        return None;
    }
    use whatlang::Lang::*;
    let code = match info.lang() {
        Eng => "en",
        Fra => "fr",
        Deu => "de",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Nld => "nl",
        Rus => "ru",
        Ukr => "uk",
        Pol => "pl",
        Ces => "cs",
        Swe => "sv",
        Dan => "da",
        Nob => "no",
        Fin => "fi",
        Tur => "tr",
        Ara => "ar",
        Heb => "he",
        Hin => "hi",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Ell => "el",
        Hun => "hu",
        Ron => "ro",
        Ind => "id",
        Vie => "vi",
        _ => return None,
    };
    Some(code.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_orders() {
        assert_eq!(primary("en-GB").as_deref(), Some("en"));
        assert_eq!(primary("english"), None);
        assert_eq!(day_order(Some("en-US")), DayOrder::MonthFirst);
        assert_eq!(day_order(Some("en-GB")), DayOrder::DayFirst);
        assert_eq!(day_order(Some("fr")), DayOrder::DayFirst);
        assert_eq!(day_order(None), DayOrder::MonthFirst);
    }

    #[test]
    fn detects_english() {
        let text =
            "The Senate passed the budget on Tuesday after a long debate about spending, taxes and the deficit. \
                    Leaders of both parties said they would meet again next week to discuss the remaining bills.";
        assert_eq!(detect(text).as_deref(), Some("en"));
    }
}
