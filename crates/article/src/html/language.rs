//! The page's language: declared (`<html lang>`, `Content-Language`, `og:locale`),
//! else detected from the body text ([`crate::language::detect`]).

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
}
