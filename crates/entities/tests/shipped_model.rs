//! The shipped model, end to end: the canonical entities of a small article, and any text taken
//! safely from several threads. (Its F1 on CoNLL-2003 valid.txt is scored in `crates/eval`.)

use lede_entities::{EntityKind, Tagger};

#[test]
fn article_entities_are_canonical() {
    let tagger = Tagger::shipped().expect("the shipped model loads");
    let entities = tagger.article_entities(
        "Sheinbaum rejects Trump's tariff threat",
        "MEXICO CITY -- Mexican President Claudia Sheinbaum said on Monday that Mexico would answer any U.S. tariffs. \
         President Donald Trump's threat came after talks at the White House. Sheinbaum spoke to reporters at the \
         National Palace. The U.N. and the European Union urged calm, and the GOP leadership backed Trump.",
    );
    let find = |name: &str| entities.iter().find(|e| e.name == name);
    let sheinbaum = find("Claudia Sheinbaum").unwrap_or_else(|| panic!("{entities:?}"));
    assert_eq!(sheinbaum.kind, EntityKind::Person);
    // The headline's `Sheinbaum` may or may not be tagged; the body's two mentions are.
    assert!(sheinbaum.mentions >= 2, "{entities:?}");
    assert_eq!(find("Donald Trump").map(|e| e.mentions), Some(3), "{entities:?}");
    assert!(find("Sheinbaum").is_none() && find("Trump").is_none(), "{entities:?}");
    assert_eq!(
        find("United States").map(|e| e.kind),
        Some(EntityKind::Location),
        "{entities:?}"
    );
    assert!(find("United Nations").is_some(), "{entities:?}");
    assert!(find("Republican Party").is_some(), "{entities:?}");
    assert_eq!(entities[0].name, "Donald Trump");
    assert!(find("Mexico City").is_some(), "{entities:?}");
}

#[test]
fn the_tagger_is_shared_across_threads_and_takes_any_text() {
    fn shareable<T: Send + Sync>(_: &T) {}
    let tagger = Tagger::shipped().expect("the shipped model loads");
    shareable(tagger);
    assert!(tagger.article_entities("", "").is_empty());
    assert!(tagger.tag_document(&[]).is_empty());
    assert_eq!(tagger.tag_document(&[vec![]]), vec![Vec::<String>::new()]);
    let handles: Vec<_> = (0..2)
        .map(|i| {
            std::thread::spawn(move || {
                let text = format!("“Mr.” — ’s ... U.S. {i} 日本 Ocasio-Cortez’s MS-13\n\n\n«x»");
                tagger.article_entities(&text, &text.repeat(3)).len()
            })
        })
        .collect();
    for h in handles {
        h.join().expect("no panic");
    }
}
