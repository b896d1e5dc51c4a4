//! Corpus-level name resolution on small hand-made corpora: which names merge, which must not, and that
//! counts, filters and hits read names through the map alike.

use std::sync::Arc;

use lede_article::Article;
use lede_indexer::{index_paths, EntityTagger, IndexOptions, LedeIndex, Tagging};
use lede_query::{
    facets, Aliases, Engine, FacetCollector, FacetField, NameField, NameKind, SearchRequest, ALIASES_FILE,
};
use tantivy::query::AllQuery;

/// Takes the entities from `… person: NAME` / `… org: NAME` lines of the body, so a test says exactly which
/// names each article has.
struct Listed;

impl EntityTagger for Listed {
    fn tag(&self, article: &mut Article) {
        for line in article.body.lines() {
            if let Some((_, name)) = line.split_once("person: ") {
                article.entities.person.push(name.trim().to_owned());
            } else if let Some((_, name)) = line.split_once("org: ") {
                article.entities.organization.push(name.trim().to_owned());
            }
        }
    }
}

/// An index of one article per entry, each naming the people and organisations listed, with its alias map
/// stored as `lede index` stores it.
fn corpus(articles: &[&[&str]]) -> (tempfile::TempDir, tempfile::TempDir, Engine) {
    let dir = tempfile::tempdir().expect("temp dir");
    for (i, names) in articles.iter().enumerate() {
        // Each a line of prose: the text reader drops short trailing lines as page furniture.
        let body: Vec<String> = names
            .iter()
            .map(|n| format!("The story names one entity, {n}"))
            .collect();
        let body = body.join("\n");
        std::fs::write(
            dir.path().join(format!("a{i:03}.txt")),
            format!("Story number {i} of the week\n\n{PROSE}\n\n{body}\n"),
        )
        .expect("write an article");
    }
    let index = tempfile::tempdir().expect("temp dir");
    let options = IndexOptions {
        entities: Tagging::Custom(Arc::new(Listed)),
        ..IndexOptions::default()
    };
    index_paths(index.path(), &[dir.path().to_owned()], &options, &|_| {}).expect("index");
    let report = Aliases::refresh(&LedeIndex::open(index.path()).expect("open")).expect("resolve");
    assert!(index.path().join(ALIASES_FILE).exists());
    assert_eq!(
        report.merges as usize,
        Engine::open(index.path()).expect("open").aliases().merges()
    );
    let engine = Engine::open(index.path()).expect("open");
    (dir, index, engine)
}

/// A paragraph every test article has, so the text reader keeps the lines after it.
const PROSE: &str = "The council met on Tuesday evening to discuss the budget, the schedule for the coming year \
    and the repairs the old library has needed since the winter storms closed it for a month.";

fn repeat<'a>(names: &'a [&'a str], n: usize) -> Vec<&'a [&'a str]> {
    vec![names; n]
}

fn people(engine: &Engine) -> Vec<(String, u64)> {
    let counted = facets(engine, &SearchRequest::new(""), &[FacetField::Person], 100).expect("facets");
    counted[0].top.iter().map(|c| (c.value.clone(), c.count)).collect()
}

fn with_person(engine: &Engine, name: &str) -> usize {
    let mut request = SearchRequest::new("").with_name(NameField::Person, name);
    request.limit = 100;
    engine.search(&request).expect("search").total
}

#[test]
fn a_dominated_surname_is_counted_under_the_full_name_once_per_article() {
    let mut articles = repeat(&["person: Barack Obama"], 4);
    articles.extend(repeat(&["person: Obama"], 3));
    articles.push(&["person: Obama", "person: Barack Obama"]);
    articles.push(&["person: Michelle Obama"]);
    let (_c, _i, engine) = corpus(&articles);
    let counts = people(&engine);
    assert_eq!(counts[0], ("Barack Obama".to_owned(), 8), "{counts:?}");
    assert!(!counts.iter().any(|(name, _)| name == "Obama"), "{counts:?}");
    // The engine keeps the ordinal maps after the first query: the second counts the same, and so does a
    // collector that builds its own.
    assert_eq!(people(&engine), counts);
    let uncached = FacetCollector::with_top(&[FacetField::Person], 100).with_aliases(engine.aliases());
    let (_, fresh) = engine.searcher().search(&AllQuery, &uncached).expect("facets");
    let fresh: Vec<(String, u64)> = fresh[0].top.iter().map(|c| (c.value.clone(), c.count)).collect();
    assert_eq!(fresh, counts);
    assert_eq!(with_person(&engine, "obama"), 8);
    assert_eq!(with_person(&engine, "Barack Obama"), 8);
    assert_eq!(with_person(&engine, "Michelle Obama"), 1);
    // Hits show the canonical name, once.
    let mut request = SearchRequest::new("").with_name(NameField::Person, "Obama");
    request.limit = 100;
    for hit in engine.search(&request).unwrap().hits {
        assert_eq!(hit.entities.person, ["Barack Obama"], "{}", hit.path);
    }
    let group = engine.aliases().group(NameKind::Person, "Barack Obama").unwrap();
    assert_eq!(group.variants[0].name, "Obama");
    assert_eq!(group.variants[0].articles, 4);
}

#[test]
fn two_full_names_sharing_a_surname_with_similar_counts_do_not_merge() {
    let mut articles = repeat(&["person: Hillary Clinton"], 4);
    articles.extend(repeat(&["person: Bill Clinton"], 3));
    articles.extend(repeat(&["person: Clinton"], 2));
    let (_c, _i, engine) = corpus(&articles);
    assert_eq!(engine.aliases().merges(), 0);
    let counts = people(&engine);
    assert!(counts.contains(&("Clinton".to_owned(), 2)), "{counts:?}");
    assert!(counts.contains(&("Hillary Clinton".to_owned(), 4)), "{counts:?}");
    // A surname filter finds the surname as written, not either full name.
    assert_eq!(with_person(&engine, "clinton"), 2);
    assert_eq!(with_person(&engine, "hillary clinton"), 4);
}

#[test]
fn a_filter_never_takes_in_another_entity_containing_the_word() {
    let mut articles = repeat(&["person: Donald Trump"], 5);
    articles.extend(repeat(&["person: Trump"], 3));
    articles.push(&["person: Donald J. Trump"]);
    articles.extend(repeat(&["person: Trump Tower"], 2));
    let (_c, _i, engine) = corpus(&articles);
    for spelling in ["trump", "Trump", "TRUMP", "Donald Trump", "donald j. trump"] {
        assert_eq!(with_person(&engine, spelling), 9, "{spelling}");
    }
    assert_eq!(with_person(&engine, "trump tower"), 2);
}

#[test]
fn initials_and_party_plurals_join_their_organisation() {
    let org = |name: &'static str| -> &'static [&'static str] {
        match name {
            "AP" => &["org: AP"],
            "Associated Press" => &["org: Associated Press"],
            "Democrats" => &["org: Democrats"],
            _ => &["org: Democratic Party"],
        }
    };
    let mut articles = repeat(org("Associated Press"), 3);
    articles.extend(repeat(org("AP"), 2));
    articles.extend(repeat(org("Democrats"), 2));
    articles.push(org("Democratic Party"));
    let (_c, _i, engine) = corpus(&articles);
    let counted = facets(&engine, &SearchRequest::new(""), &[FacetField::Organization], 10).unwrap();
    let counts: Vec<(&str, u64)> = counted[0].top.iter().map(|c| (c.value.as_str(), c.count)).collect();
    assert_eq!(counts, [("Associated Press", 5), ("Democratic Party", 3)]);
    let request = SearchRequest::new("org:ap");
    assert_eq!(engine.search(&request).unwrap().total, 5);
}

#[test]
fn a_stale_map_is_computed_again_at_open() {
    let articles = repeat(&["person: Joe Biden"], 3);
    let (corpus_dir, index, engine) = corpus(&articles);
    assert_eq!(engine.aliases().merges(), 0);
    drop(engine);
    for i in 0..2 {
        std::fs::write(
            corpus_dir.path().join(format!("b{i}.txt")),
            format!("Another story {i}\n\n{PROSE}\n\nThe story names one entity, person: Biden\n"),
        )
        .unwrap();
    }
    let options = IndexOptions {
        entities: Tagging::Custom(Arc::new(Listed)),
        ..IndexOptions::default()
    };
    index_paths(index.path(), &[corpus_dir.path().to_owned()], &options, &|_| {}).unwrap();
    // The stored file is of the previous commit: the engine resolves the new one itself.
    let engine = Engine::open(index.path()).unwrap();
    assert_eq!(engine.aliases().canonical(NameKind::Person, "Biden"), "Joe Biden");
    assert_eq!(with_person(&engine, "Biden"), 5);
}
