//! The shipped model, end to end: its F1 on CoNLL-2003 valid.txt (when `../shared` is present) and the
//! canonical entities of a small article.

use std::path::PathBuf;

use lede_entities::{conlleval, read_conll_file, EntityKind, Tagger};

/// The overall valid F1 the shipped model reached when it was trained (see `data/ner/README.md`), less 0.005.
const VALID_F1_FLOOR: f64 = 0.927;

#[test]
fn shipped_model_keeps_its_valid_f1() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/ner/conll2003/valid.txt");
    if !path.exists() {
        eprintln!("skipping: {} is absent", path.display());
        return;
    }
    let tagger = Tagger::shipped().expect("the shipped model loads");
    let docs = read_conll_file(&path).expect("valid.txt reads");
    let mut gold = Vec::new();
    let mut predicted = Vec::new();
    for doc in docs {
        let sentences: Vec<Vec<String>> = doc.sentences.iter().map(|s| s.tokens.clone()).collect();
        predicted.extend(tagger.tag_document(&sentences));
        gold.extend(doc.sentences.into_iter().map(|s| s.gold));
    }
    let report = conlleval(&gold, &predicted);
    assert!(
        report.overall.f1 >= VALID_F1_FLOOR,
        "valid F1 {:.4} < {VALID_F1_FLOOR}",
        report.overall.f1
    );
}

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
