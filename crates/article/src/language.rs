//! The language of a text, detected offline (`whatlang`) when nothing declares it, as an ISO
//! 639-1 code. Every reader uses it: HTML pages without `lang`, plain-text files, and records
//! without a language field.

/// Characters read: enough for a reliable guess, bounded so long articles cost no more.
const SAMPLE_CHARS: usize = 600;

/// The languages [`detect`] names, in `whatlang`'s terms: only these are scored, which keeps a
/// guess cheap (all 69 of `whatlang`'s languages cost several times as much).
const LANGUAGES: &[(whatlang::Lang, &str)] = {
    use whatlang::Lang::*;
    &[
        (Eng, "en"),
        (Fra, "fr"),
        (Deu, "de"),
        (Spa, "es"),
        (Por, "pt"),
        (Ita, "it"),
        (Nld, "nl"),
        (Rus, "ru"),
        (Ukr, "uk"),
        (Pol, "pl"),
        (Ces, "cs"),
        (Swe, "sv"),
        (Dan, "da"),
        (Nob, "no"),
        (Fin, "fi"),
        (Tur, "tr"),
        (Ara, "ar"),
        (Heb, "he"),
        (Hin, "hi"),
        (Cmn, "zh"),
        (Jpn, "ja"),
        (Kor, "ko"),
        (Ell, "el"),
        (Hun, "hu"),
        (Ron, "ro"),
        (Ind, "id"),
        (Vie, "vi"),
    ]
};

fn detector() -> &'static whatlang::Detector {
    static DETECTOR: std::sync::OnceLock<whatlang::Detector> = std::sync::OnceLock::new();
    DETECTOR.get_or_init(|| whatlang::Detector::with_allowlist(LANGUAGES.iter().map(|(l, _)| *l).collect()))
}

/// Function words of the commonest news languages: frequent enough that a hundred words of running
/// text show a dozen, and each list nearly disjoint from the others.
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "of", "and", "to", "in", "is", "that", "for", "on", "was", "with", "he", "it", "as", "by", "at",
            "said", "his", "are", "this", "from", "have", "has", "but", "they", "were", "be", "not", "an",
        ],
    ),
    (
        "fr",
        &[
            "le", "les", "des", "et", "est", "une", "du", "dans", "qui", "pour", "pas", "sur", "au", "avec", "il",
            "sont", "ce", "aux", "été", "elle",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "ist", "nicht", "ein", "eine", "mit", "den", "sich", "auf", "für", "dem",
            "von", "auch", "wird", "es", "sie", "im",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "y", "del", "es", "por", "con", "una", "para", "se", "lo", "como", "más", "su", "pero",
            "fue", "ha",
        ],
    ),
    (
        "pt",
        &[
            "o", "os", "e", "do", "da", "dos", "das", "em", "um", "uma", "para", "com", "não", "no", "na", "foi", "ao",
            "são",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "che", "è", "della", "del", "per", "non", "un", "una", "sono", "gli", "nel", "alla", "con",
            "anche", "ha",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "van", "is", "niet", "op", "dat", "zijn", "met", "voor", "ook", "naar", "wordt",
            "maar",
        ],
    ),
];

/// Words [`by_function_words`] reads.
const SAMPLE_WORDS: usize = 120;

/// The language whose function words clearly dominate the first words of `text` (at least a tenth
/// of them, and three times as many as any other list's), else `None`. A few microseconds, where a
/// trigram model takes a hundred: most articles are settled here.
fn by_function_words(text: &str) -> Option<&'static str> {
    let mut hits = [0usize; FUNCTION_WORDS.len()];
    let mut words = 0usize;
    let mut lower = String::new();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(SAMPLE_WORDS)
    {
        words += 1;
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        for (k, (_, list)) in FUNCTION_WORDS.iter().enumerate() {
            if list.contains(&lower.as_str()) {
                hits[k] += 1;
            }
        }
    }
    let (best, &top) = hits.iter().enumerate().max_by_key(|(_, &h)| h)?;
    let second = hits
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != best)
        .map(|(_, &h)| h)
        .max()
        .unwrap_or(0);
    (words >= 20 && top * 10 >= words && top >= 3 * second.max(1)).then_some(FUNCTION_WORDS[best].0)
}

/// Detects the language of `text` when the guess is reliable.
pub(crate) fn detect(text: &str) -> Option<String> {
    if let Some(code) = by_function_words(text) {
        return Some(code.to_owned());
    }
    let sample = match text.char_indices().nth(SAMPLE_CHARS) {
        Some((at, _)) => &text[..at],
        None => text,
    };
    if sample.len() < 100 {
        return None;
    }
    let info = detector().detect(sample)?;
    if !info.is_reliable() {
        return None;
    }
    LANGUAGES
        .iter()
        .find(|(lang, _)| *lang == info.lang())
        .map(|(_, code)| (*code).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_english_and_french_not_noise() {
        let text =
            "The Senate passed the budget on Tuesday after a long debate about spending, taxes and the deficit. \
                    Leaders of both parties said they would meet again next week to discuss the remaining bills.";
        assert_eq!(detect(text).as_deref(), Some("en"));
        let french =
            "Le Sénat a adopté le budget mardi après un long débat sur les dépenses, les impôts et le déficit. \
                      Les dirigeants des deux partis ont dit qu'ils se retrouveraient la semaine prochaine.";
        assert_eq!(detect(french).as_deref(), Some("fr"));
        assert_eq!(detect("Too short."), None);
        let german = "Der Bundestag hat am Dienstag den Haushalt beschlossen, nachdem die Abgeordneten lange über \
                      die Ausgaben und die Steuern gestritten hatten. Die Opposition ist nicht zufrieden.";
        assert_eq!(detect(german).as_deref(), Some("de"));
        // The fast path and the trigram model agree on plain English.
        let english = "The Senate passed the budget on Tuesday after a long debate about spending, taxes and the \
                       deficit. Leaders of both parties said they would meet again next week.";
        assert_eq!(by_function_words(english), Some("en"));
    }
}
