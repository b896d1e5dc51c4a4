//! Entities of an article: tagging its headline and body, then making names canonical within the article.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::tagger::Tagger;
use crate::tags::spans;
use crate::tokenize::{tokenize, Token};
use crate::{Entity, EntityKind};

/// `variant<TAB>canonical[<TAB>KIND]` lines, written for lede (see the file's header).
static ALIASES: &str = include_str!("../../../data/ner/aliases.tsv");

/// Words that precede a name without being part of it.
const TITLES: &[&str] = &[
    "President",
    "president",
    "Vice",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Miss",
    "Dr.",
    "Sen.",
    "Sens.",
    "Senator",
    "Rep.",
    "Reps.",
    "Representative",
    "Congressman",
    "Congresswoman",
    "Gov.",
    "Governor",
    "Lt.",
    "Gen.",
    "General",
    "Col.",
    "Sgt.",
    "Capt.",
    "Maj.",
    "Adm.",
    "Prof.",
    "Professor",
    "Rev.",
    "Secretary",
    "Minister",
    "Prime",
    "Chancellor",
    "Speaker",
    "Leader",
    "Judge",
    "Justice",
    "Chief",
    "Attorney",
    "Mayor",
    "Ambassador",
    "Director",
    "Chairman",
    "Chairwoman",
    "Commissioner",
    "Sheriff",
    "Pope",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Former",
    "former",
    "First",
    "Lady",
    "Lord",
    "Sir",
    "Dame",
    "Hon.",
    "the",
    "The",
];

/// Name endings that are not surnames.
const SUFFIXES: &[&str] = &["Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"];

struct Alias {
    canonical: String,
    kind: Option<EntityKind>,
}

fn aliases() -> &'static HashMap<String, Alias> {
    static TABLE: OnceLock<HashMap<String, Alias>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for line in ALIASES.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(variant), Some(canonical)) = (cols.next(), cols.next()) else {
                continue;
            };
            let kind = match cols.next().map(str::trim) {
                Some("PER") => Some(EntityKind::Person),
                Some("ORG") => Some(EntityKind::Organization),
                Some("LOC") => Some(EntityKind::Location),
                Some("MISC") => Some(EntityKind::Misc),
                _ => None,
            };
            let alias = || Alias {
                canonical: canonical.trim().to_string(),
                kind,
            };
            table.insert(variant.trim().to_string(), alias());
            table.entry(variant.trim().to_lowercase()).or_insert_with(alias);
        }
        table
    })
}

/// One mention: where it was and what it is called after title and possessive stripping.
struct Mention {
    kind: EntityKind,
    words: Vec<String>,
    /// The canonical name once resolved.
    name: String,
}

/// The name of a span of tokens: titles in front and possessives behind dropped.
fn mention_words(tokens: &[Token<'_>], kind: EntityKind) -> Vec<String> {
    let mut words: Vec<&str> = tokens.iter().map(|t| t.text.as_ref()).collect();
    while let Some(last) = words.last() {
        if matches!(*last, "'s" | "'" | "," | "." | "\"") {
            words.pop();
        } else {
            break;
        }
    }
    if let Some(last) = words.last_mut() {
        if let Some(stem) = last.strip_suffix("'s") {
            *last = stem;
        }
    }
    // Titles go only when a name remains, and for organisations only articles (`the`).
    while words.len() > 1
        && TITLES.contains(&words[0])
        && (kind == EntityKind::Person || matches!(words[0], "the" | "The"))
    {
        words.remove(0);
    }
    words.into_iter().filter(|w| !w.is_empty()).map(String::from).collect()
}

fn join(words: &[String]) -> String {
    words.join(" ")
}

/// The surname of a full person name: the last word that is not `Jr.` or similar.
fn surname(words: &[String]) -> Option<&str> {
    words
        .iter()
        .rev()
        .find(|w| !SUFFIXES.contains(&w.as_str()))
        .map(String::as_str)
}

/// Tags and canonicalises one article (see [`Tagger::article_entities`]).
pub(crate) fn article_entities(tagger: &Tagger, headline: &str, body: &str) -> Vec<Entity> {
    let mut sentences: Vec<Vec<Token<'_>>> = tokenize(headline);
    sentences.extend(tokenize(body));
    let labels = tagger.tag_indices(&sentences);
    let mut mentions: Vec<Mention> = Vec::new();
    for (sentence, tags) in sentences.iter().zip(&labels) {
        for (a, b, kind) in spans(tags) {
            let words = mention_words(&sentence[a..b], kind);
            if words.is_empty() || words.iter().all(|w| !w.chars().any(char::is_alphanumeric)) {
                continue;
            }
            mentions.push(Mention {
                kind,
                name: join(&words),
                words,
            });
        }
    }
    let table = aliases();
    for m in &mut mentions {
        let alias = table.get(&m.name).or_else(|| table.get(&m.name.to_lowercase()));
        if let Some(alias) = alias {
            m.name = alias.canonical.clone();
            if let Some(kind) = alias.kind {
                m.kind = kind;
            }
            m.words = m.name.split(' ').map(String::from).collect();
        }
    }
    resolve_people(&mut mentions);

    // Count by name; the kind is the one most mentions have (ties: the first).
    let mut order: Vec<String> = Vec::new();
    let mut by_name: HashMap<String, (u32, [u32; 4], EntityKind)> = HashMap::new();
    for m in &mentions {
        let entry = by_name.entry(m.name.clone()).or_insert_with(|| {
            order.push(m.name.clone());
            (0, [0; 4], m.kind)
        });
        entry.0 += 1;
        entry.1[m.kind as usize] += 1;
    }
    let mut entities: Vec<(usize, Entity)> = order
        .into_iter()
        .enumerate()
        .filter_map(|(i, name)| {
            let (mentions, kinds, first) = by_name.remove(&name)?;
            let best = kinds.iter().copied().max().unwrap_or(0);
            let kind = if kinds[first as usize] == best {
                first
            } else {
                [
                    EntityKind::Person,
                    EntityKind::Organization,
                    EntityKind::Location,
                    EntityKind::Misc,
                ]
                .into_iter()
                .find(|k| kinds[*k as usize] == best)
                .unwrap_or(first)
            };
            Some((i, Entity { kind, name, mentions }))
        })
        .collect();
    entities.sort_by(|(ia, a), (ib, b)| b.mentions.cmp(&a.mentions).then(ia.cmp(ib)));
    entities.into_iter().map(|(_, e)| e).collect()
}

/// Maps a person named by surname (or a short form that ends a full name) to the full name used in the article:
/// the closest full name before the mention, else the first one after it. Organisations and misc names made of
/// one word that is a person's surname become that person (`Trump` tagged as an organisation).
fn resolve_people(mentions: &mut [Mention]) {
    // Full names, unified when they share first and last word (`Donald J. Trump` → `Donald Trump`).
    let mut full: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.kind == EntityKind::Person && m.words.len() >= 2 {
            full.push((i, m.words.clone()));
        }
    }
    let mut best_form: HashMap<(String, String), Vec<String>> = HashMap::new();
    for (_, words) in &full {
        let key = (words[0].clone(), surname(words).unwrap_or("").to_string());
        let slot = best_form.entry(key).or_insert_with(|| words.clone());
        if words.len() < slot.len() {
            *slot = words.clone();
        }
    }
    for (i, words) in &full {
        let key = (words[0].clone(), surname(words).unwrap_or("").to_string());
        if let Some(form) = best_form.get(&key) {
            mentions[*i].name = join(form);
        }
    }
    for i in 0..mentions.len() {
        let m = &mentions[i];
        let short = match m.kind {
            EntityKind::Person => m.words.len() == 1,
            EntityKind::Organization | EntityKind::Misc => m.words.len() == 1,
            EntityKind::Location => false,
        };
        if !short {
            continue;
        }
        let word = m.words[0].as_str();
        let matches = |(_, words): &&(usize, Vec<String>)| surname(words) == Some(word);
        let before = full.iter().rev().filter(|f| f.0 < i).find(matches);
        let after = full.iter().filter(|f| f.0 > i).find(matches);
        if let Some(&(j, _)) = before.or(after) {
            mentions[i].name = mentions[j].name.clone();
            mentions[i].kind = EntityKind::Person;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<Token<'_>> {
        tokenize(s).concat()
    }

    #[test]
    fn titles_and_possessives_are_dropped() {
        assert_eq!(
            mention_words(&words("President Donald Trump's"), EntityKind::Person),
            ["Donald", "Trump"]
        );
        assert_eq!(mention_words(&words("Sen. Warren"), EntityKind::Person), ["Warren"]);
        assert_eq!(
            mention_words(&words("the Senate"), EntityKind::Organization),
            ["Senate"]
        );
        assert_eq!(mention_words(&words("Biden’s"), EntityKind::Person), ["Biden"]);
    }

    #[test]
    fn aliases_unify_variants() {
        let t = aliases();
        for v in ["U.S.", "US", "America", "United States of America", "u.s."] {
            assert_eq!(t.get(v).map(|a| a.canonical.as_str()), Some("United States"), "{v}");
        }
        assert_eq!(t["U.N."].canonical, "United Nations");
        assert_eq!(t["GOP"].canonical, "Republican Party");
    }

    fn mention(kind: EntityKind, name: &str) -> Mention {
        Mention {
            kind,
            words: name.split(' ').map(String::from).collect(),
            name: name.to_string(),
        }
    }

    #[test]
    fn surnames_resolve_to_the_full_name_in_the_article() {
        let mut m = vec![
            mention(EntityKind::Person, "Sheinbaum"),
            mention(EntityKind::Person, "Claudia Sheinbaum"),
            mention(EntityKind::Person, "Sheinbaum"),
            mention(EntityKind::Person, "Lopez"),
            mention(EntityKind::Organization, "Sheinbaum"),
        ];
        resolve_people(&mut m);
        let names: Vec<&str> = m.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Claudia Sheinbaum",
                "Claudia Sheinbaum",
                "Claudia Sheinbaum",
                "Lopez",
                "Claudia Sheinbaum"
            ]
        );
        assert_eq!(m[4].kind, EntityKind::Person);
    }

    #[test]
    fn middle_initials_unify_and_the_closest_earlier_full_name_wins() {
        let mut m = vec![
            mention(EntityKind::Person, "George W. Bush"),
            mention(EntityKind::Person, "George Bush"),
            mention(EntityKind::Person, "Jeb Bush"),
            mention(EntityKind::Person, "Bush"),
        ];
        resolve_people(&mut m);
        let names: Vec<&str> = m.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["George Bush", "George Bush", "Jeb Bush", "Jeb Bush"]);
    }
}
