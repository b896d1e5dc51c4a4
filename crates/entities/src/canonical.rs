//! Entities of an article: tagging its headline and body, then making names canonical within the article.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::junk;
use crate::tagger::Tagger;
use crate::tags::spans;
use crate::tokenize::{tokenize, Token};
use crate::{Entity, EntityKind};

/// `variant<TAB>canonical[<TAB>KIND]` lines, written for lede (see the file's header).
static ALIASES: &str = include_str!("../../../data/ner/aliases.tsv");

/// Words that precede a person's name without being part of it.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "President", "president", "Vice", "Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Sen.", "Sens.",
    "Senator", "Rep.", "Reps.", "Representative", "Congressman", "Congresswoman", "Gov.", "Governor", "Lt.", "Gen.",
    "General", "Col.", "Sgt.", "Capt.", "Maj.", "Adm.", "Prof.", "Professor", "Rev.", "Secretary", "Minister",
    "Prime", "Chancellor", "Speaker", "Leader", "Judge", "Justice", "Chief", "Attorney", "Mayor", "Ambassador",
    "Director", "Chairman", "Chairwoman", "Commissioner", "Sheriff", "Pope", "King", "Queen", "Prince",
    "Princess", "Former", "former", "First", "Lady", "Lord", "Sir", "Dame", "Hon.", "the", "The",
];

/// Titles that only ever precede a person's name: dropped whatever kind the tagger gave, and make it a person.
#[rustfmt::skip]
const HONORIFICS: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Sen.", "Sens.", "Rep.", "Reps.", "Gov.", "Lt.", "Gen.",
    "Col.", "Sgt.", "Capt.", "Maj.", "Adm.", "Prof.", "Rev.", "Hon.", "President", "Senator", "Governor",
    "Representative", "Congressman", "Congresswoman",
];

/// Words of web-page furniture that the tagger, trained on newswire, takes for names (`Photo`,
/// `Advertisement Continue`): a mention made only of these is dropped.
const NOT_NAMES: &[&str] = &[
    "Photo",
    "Photos",
    "Image",
    "Images",
    "Advertisement",
    "Continue",
    "Reading",
    "Video",
    "Getty",
    "Share",
    "Subscribe",
    "Click",
    "Related",
    "Story",
    "Caption",
    "Credit",
    "Toggle",
    "Menu",
    "Close",
    "Watch",
];

/// Capitalised function words that start sentences and are never the first word of a name.
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "Had", "Has", "Have", "Was", "Were", "Is", "Are", "Did", "Does", "Do", "Will", "Would", "Could", "Should",
    "Can", "May", "Might", "Must", "If", "When", "While", "But", "And", "Or", "So", "Yet", "As", "At", "By", "For",
    "From", "In", "Into", "Of", "On", "To", "With", "Without", "After", "Before", "During", "Since", "Until",
    "Although", "Though", "Because", "Unless", "Whether", "Then", "Now", "Even", "Only", "Also", "Not", "Yes",
    "Why", "How", "What", "Who", "Whom", "Whose", "Which", "Where", "This", "That", "These", "Those", "Here",
    "There", "It", "He", "She", "They", "We", "I", "You", "His", "Her", "Their", "Our", "My", "Your", "Unlike",
    "Despite", "Via", "Dear", "Let", "Meanwhile", "However", "Like", "Thanks", "Sorry", "Please",
];

/// Surnames of the leaders in the gazetteer: alone, they name a person even when the tagger said otherwise
/// (`Trump` in `Trump's tariffs` tagged as an organisation).
fn leader_surnames() -> &'static HashSet<String> {
    static SURNAMES: OnceLock<HashSet<String>> = OnceLock::new();
    SURNAMES.get_or_init(|| {
        include_str!("../../../data/ner/gazetteer/leaders.txt")
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| l.contains(' '))
            .filter_map(|l| l.rsplit(' ').next())
            .filter(|s| !SUFFIXES.contains(s) && s.chars().count() > 2)
            .map(String::from)
            .collect()
    })
}

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

/// The canonical name the within-article alias table gives `name` (exactly, else in any case): `GOP` →
/// `Republican Party`, `U.S.` → `United States`.
pub fn alias_of(name: &str) -> Option<&'static str> {
    let table = aliases();
    let name = name.trim();
    table
        .get(name)
        .or_else(|| table.get(&name.to_lowercase()))
        .map(|alias| alias.canonical.as_str())
}

/// One mention: what it is called after title and possessive stripping, and what it resolves to.
struct Mention {
    kind: EntityKind,
    /// Whether it is in the headline.
    headline: bool,
    words: Vec<String>,
    /// The canonical name once resolved.
    name: String,
}

/// The name of a span of tokens: titles in front and possessives behind dropped. The kind becomes `Person`
/// when an honorific (`Mr.`, `Sen.`) was dropped.
fn mention_words(tokens: &[Token<'_>], kind: &mut EntityKind) -> Vec<String> {
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
    // A sentence-initial function word the tagger took into the name (`Had Trump`, `If Biden`).
    while words.len() > 1 && FUNCTION_WORDS.contains(&words[0]) {
        words.remove(0);
    }
    // ... or a question word after an interview's `Q.` (`Q. What`).
    while words.len() > 1 && words.last().is_some_and(|w| FUNCTION_WORDS.contains(w)) {
        words.pop();
    }
    // A lone initial (`Q.`) names nobody.
    if let [only] = words.as_slice() {
        let mut chars = only.chars();
        if chars.next().is_some_and(char::is_alphabetic) && chars.as_str() == "." {
            words.clear();
        }
    }
    // Titles go only when a name remains; from other kinds than persons only honorifics and articles (`the`).
    while words.len() > 1 && TITLES.contains(&words[0]) {
        if HONORIFICS.contains(&words[0]) {
            *kind = EntityKind::Person;
        } else if *kind != EntityKind::Person && !matches!(words[0], "the" | "The") {
            break;
        }
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

/// Whether a headline is written in Title Case (most longer words capitalised).
fn is_title_case<'a>(tokens: impl Iterator<Item = &'a Token<'a>>) -> bool {
    let (mut words, mut capitalised) = (0, 0);
    for t in tokens {
        if t.text.chars().count() >= 4 && t.text.chars().all(char::is_alphabetic) {
            words += 1;
            let mut chars = t.text.chars();
            if chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase) {
                capitalised += 1;
            }
        }
    }
    words >= 3 && capitalised * 10 >= words * 7
}

/// Tags and canonicalises one article (see [`Tagger::article_entities`]).
pub(crate) fn article_entities(tagger: &Tagger, headline: &str, body: &str) -> Vec<Entity> {
    let mut sentences: Vec<Vec<Token<'_>>> = tokenize(headline);
    let headline_sentences = sentences.len();
    let title_case = is_title_case(sentences.iter().flatten());
    sentences.extend(tokenize(body));
    let labels = tagger.tag_indices(&sentences);
    let mut mentions: Vec<Mention> = Vec::new();
    for (i, (sentence, tags)) in sentences.iter().zip(&labels).enumerate() {
        for (a, b, mut kind) in spans(tags) {
            let (a, group) = junk::span_start(sentence, a);
            if group {
                kind = EntityKind::Organization;
            }
            let words = mention_words(&sentence[a..b], &mut kind);
            let furniture = |w: &String| NOT_NAMES.contains(&w.as_str()) || !w.chars().any(char::is_alphanumeric);
            if words.iter().all(furniture) {
                continue;
            }
            mentions.push(Mention {
                kind,
                headline: i < headline_sentences,
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
    resolve_organisations(&mut mentions);
    let leaders = leader_surnames();
    for m in &mut mentions {
        if m.words.len() == 1 && m.kind != EntityKind::Person && leaders.contains(&m.name) {
            m.kind = EntityKind::Person;
        }
    }
    if title_case {
        // In a Title Case Headline every word looks like a name: keep only what the body confirms.
        let body: HashSet<String> = mentions
            .iter()
            .filter(|m| !m.headline)
            .map(|m| m.name.to_lowercase())
            .collect();
        mentions.retain(|m| !m.headline || body.contains(&m.name.to_lowercase()));
    }
    count(&mentions)
        .into_iter()
        .filter_map(|mut entity| {
            entity.kind = junk::verdict(entity.kind, &entity.name)?;
            Some(entity)
        })
        .collect()
}

/// Counts mentions by name, ignoring case (`EL PASO`, `El Paso`): the name is the form most mentions use, the
/// kind the one most mentions have (ties: the first); most mentioned first, then by first appearance.
fn count(mentions: &[Mention]) -> Vec<Entity> {
    struct Tally {
        mentions: u32,
        kinds: [u32; 4],
        first_kind: EntityKind,
        forms: Vec<(String, u32)>,
    }
    let mut order: Vec<String> = Vec::new();
    let mut by_key: HashMap<String, Tally> = HashMap::new();
    for m in mentions {
        let key = m.name.to_lowercase();
        let tally = by_key.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            Tally {
                mentions: 0,
                kinds: [0; 4],
                first_kind: m.kind,
                forms: Vec::new(),
            }
        });
        tally.mentions += 1;
        tally.kinds[m.kind as usize] += 1;
        match tally.forms.iter_mut().find(|(form, _)| *form == m.name) {
            Some((_, n)) => *n += 1,
            None => tally.forms.push((m.name.clone(), 1)),
        }
    }
    let kinds = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Location,
        EntityKind::Misc,
    ];
    let mut entities: Vec<Entity> = order
        .into_iter()
        .filter_map(|key| {
            let tally = by_key.remove(&key)?;
            let top_form = tally.forms.iter().map(|(_, n)| *n).max().unwrap_or(0);
            let name = tally
                .forms
                .into_iter()
                .find(|(_, n)| *n == top_form)
                .map(|(form, _)| form)?;
            let name = uncapitalise(name);
            let top_kind = tally.kinds.iter().copied().max().unwrap_or(0);
            let kind = if tally.kinds[tally.first_kind as usize] == top_kind {
                tally.first_kind
            } else {
                kinds
                    .into_iter()
                    .find(|k| tally.kinds[*k as usize] == top_kind)
                    .unwrap_or(tally.first_kind)
            };
            Some(Entity {
                kind,
                name,
                mentions: tally.mentions,
            })
        })
        .collect();
    // A stable sort keeps first appearance among equals.
    entities.sort_by_key(|e| std::cmp::Reverse(e.mentions));
    entities
}

/// A name written only in capitals (a dateline's `MEXICO CITY`, a shouted `WASHINGTON`) in ordinary case;
/// short all-caps words are left alone, as they are usually acronyms (`NATO`, `FBI`).
/// Words of all-capitals names that are acronyms and keep their capitals (`USA TODAY` is `USA Today`).
const ACRONYM_WORDS: &[&str] = &[
    "USA", "US", "U.S.", "UK", "UN", "EU", "FBI", "CIA", "NSA", "CNN", "NBC", "ABC", "CBS", "NPR", "BBC", "GOP", "DC",
    "D.C.", "NYC", "NATO", "ICE", "IRS", "EPA", "DHS", "DOJ", "LA",
];

fn uncapitalise(name: String) -> String {
    if name.chars().any(char::is_lowercase) {
        return name;
    }
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() < 2 && name.chars().count() <= 6 {
        return name;
    }
    words
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(_) if words.len() > 1 && ACRONYM_WORDS.contains(w) => w.to_string(),
                Some(first) if w.chars().count() > 3 || words.len() > 1 => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect::<String>(),
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Maps a person named by surname (or, when unambiguous, by first name) to the full name used in the article.
/// Among several full names with that surname, the one used most often in full wins; ties go to the closest one
/// before the mention, else the first after it. Organisations and misc names of one word that is a person's
/// surname become that person (`Trump` tagged as an organisation). Full names that share first and last word
/// are unified (`Donald J. Trump` → `Donald Trump`).
fn resolve_people(mentions: &mut [Mention]) {
    let full: Vec<(usize, Vec<String>)> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == EntityKind::Person && m.words.len() >= 2)
        .map(|(i, m)| (i, m.words.clone()))
        .collect();
    let key = |words: &[String]| (words[0].to_lowercase(), surname(words).unwrap_or("").to_lowercase());
    let mut shortest: HashMap<(String, String), &Vec<String>> = HashMap::new();
    for (_, words) in &full {
        let slot = shortest.entry(key(words)).or_insert(words);
        if words.len() < slot.len() {
            *slot = words;
        }
    }
    let mut uses: HashMap<String, usize> = HashMap::new();
    for (i, words) in &full {
        let name = shortest.get(&key(words)).map_or_else(|| join(words), |form| join(form));
        *uses.entry(name.clone()).or_default() += 1;
        mentions[*i].name = name;
    }
    // Each full name's first name and surname, lower-cased once rather than once per short mention.
    let lowered: Vec<(usize, String, Option<String>)> = full
        .iter()
        .map(|(j, words)| (*j, words[0].to_lowercase(), surname(words).map(str::to_lowercase)))
        .collect();
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if m.words.len() != 1 || m.kind == EntityKind::Location {
            continue;
        }
        let word = m.words[0].to_lowercase();
        let by_surname: Vec<usize> = lowered
            .iter()
            .filter(|(_, _, last)| last.as_deref() == Some(word.as_str()))
            .map(|(j, _, _)| *j)
            .collect();
        let candidates = if by_surname.is_empty() && m.kind == EntityKind::Person {
            let by_first: Vec<usize> = lowered
                .iter()
                .filter(|(_, first, _)| *first == word)
                .map(|(j, _, _)| *j)
                .collect();
            let distinct: HashSet<&str> = by_first.iter().map(|&j| mentions[j].name.as_str()).collect();
            if distinct.len() == 1 {
                by_first
            } else {
                Vec::new()
            }
        } else {
            by_surname
        };
        let rank = |j: usize| {
            let used = uses.get(&mentions[j].name).copied().unwrap_or(0);
            let place = if j < i { (1, j as isize) } else { (0, -(j as isize)) };
            (used, place)
        };
        if let Some(j) = candidates.into_iter().max_by_key(|&j| rank(j)) {
            mentions[i].name = mentions[j].name.clone();
            mentions[i].kind = EntityKind::Person;
        }
    }
}

/// Short names that are bodies of their own, never the tail of a longer name in the same article (`House`
/// beside `White House`).
const BODIES: &[&str] = &[
    "House",
    "Senate",
    "Congress",
    "Parliament",
    "Cabinet",
    "Pentagon",
    "Army",
    "Navy",
];

/// Maps an organisation named by the tail of a longer organisation name in the same article to it (`Times` of
/// `New York Times`, `Judiciary Committee` of `Senate Judiciary Committee`), when exactly one longer name ends
/// so; with two (`New York Times` and `Washington Times`) it stays as written.
fn resolve_organisations(mentions: &mut [Mention]) {
    let orgs: Vec<(String, Vec<String>)> = mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Organization && m.words.len() >= 2)
        .map(|m| (m.name.clone(), m.words.iter().map(|w| w.to_lowercase()).collect()))
        .collect();
    if orgs.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        if m.kind != EntityKind::Organization || BODIES.contains(&m.name.as_str()) {
            continue;
        }
        let tail: Vec<String> = m.words.iter().map(|w| w.to_lowercase()).collect();
        let mut longer = orgs
            .iter()
            .filter(|(_, words)| words.len() > tail.len() && words.ends_with(&tail))
            .map(|(name, _)| name.as_str());
        let Some(first) = longer.next() else {
            continue;
        };
        if longer.all(|other| other == first) {
            m.name = first.to_owned();
            m.words = m.name.split(' ').map(String::from).collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<Token<'_>> {
        tokenize(s).concat()
    }

    fn name(s: &str, kind: EntityKind) -> (Vec<String>, EntityKind) {
        let mut kind = kind;
        (mention_words(&words(s), &mut kind), kind)
    }

    #[test]
    fn titles_and_possessives_are_dropped() {
        let person = EntityKind::Person;
        assert_eq!(name("President Donald Trump's", person).0, ["Donald", "Trump"]);
        assert_eq!(name("Sen. Warren", person).0, ["Warren"]);
        assert_eq!(name("the Senate", EntityKind::Organization).0, ["Senate"]);
        assert_eq!(name("Biden’s", person).0, ["Biden"]);
        assert_eq!(name("Mr Kerry", person).0, ["Kerry"]);
        // An honorific makes a person of what the tagger took for a place; other titles stay on organisations.
        assert_eq!(
            name("Mr. Romney", EntityKind::Location),
            (vec!["Romney".to_string()], person)
        );
        assert_eq!(
            name("General Motors", EntityKind::Organization).0,
            ["General", "Motors"]
        );
        assert_eq!(name("Had Trump", person).0, ["Trump"]);
        assert!(name("Q. What", person).0.is_empty());
        assert!(leader_surnames().contains("Sheinbaum") && !leader_surnames().contains("II"));
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
            headline: false,
            words: name.split(' ').map(String::from).collect(),
            name: name.to_string(),
        }
    }

    fn names(m: &[Mention]) -> Vec<&str> {
        m.iter().map(|m| m.name.as_str()).collect()
    }

    #[test]
    fn surnames_resolve_to_the_full_name_in_the_article() {
        let mut m = vec![
            mention(EntityKind::Person, "Sheinbaum"),
            mention(EntityKind::Person, "Claudia Sheinbaum"),
            mention(EntityKind::Person, "Sheinbaum"),
            mention(EntityKind::Person, "Lopez"),
            mention(EntityKind::Organization, "Sheinbaum"),
            mention(EntityKind::Person, "SHEINBAUM"),
        ];
        resolve_people(&mut m);
        let sheinbaum = "Claudia Sheinbaum";
        assert_eq!(
            names(&m),
            [sheinbaum, sheinbaum, sheinbaum, "Lopez", sheinbaum, sheinbaum]
        );
        assert_eq!(m[4].kind, EntityKind::Person);
    }

    #[test]
    fn middle_initials_unify_and_the_most_used_full_name_wins() {
        let mut m = vec![
            mention(EntityKind::Person, "George W. Bush"),
            mention(EntityKind::Person, "George Bush"),
            mention(EntityKind::Person, "Jeb Bush"),
            mention(EntityKind::Person, "Bush"),
            mention(EntityKind::Person, "Jeb Bush"),
            mention(EntityKind::Person, "Jeb Bush"),
        ];
        resolve_people(&mut m);
        assert_eq!(
            names(&m),
            [
                "George Bush",
                "George Bush",
                "Jeb Bush",
                "Jeb Bush",
                "Jeb Bush",
                "Jeb Bush"
            ]
        );
    }

    #[test]
    fn a_first_name_resolves_when_one_full_name_has_it() {
        let mut m = vec![
            mention(EntityKind::Person, "Pete Buttigieg"),
            mention(EntityKind::Person, "Pete"),
        ];
        resolve_people(&mut m);
        assert_eq!(m[1].name, "Pete Buttigieg");
    }

    #[test]
    fn an_outlet_named_by_its_tail_joins_the_one_full_name_in_the_article() {
        let org = EntityKind::Organization;
        let mut m = vec![
            mention(org, "New York Times"),
            mention(org, "Times"),
            mention(org, "Senate Judiciary Committee"),
            mention(org, "Judiciary Committee"),
            mention(EntityKind::Location, "White House"),
            mention(org, "White House"),
            mention(org, "House"),
        ];
        resolve_organisations(&mut m);
        assert_eq!(
            names(&m),
            [
                "New York Times",
                "New York Times",
                "Senate Judiciary Committee",
                "Senate Judiciary Committee",
                "White House",
                "White House",
                "House"
            ]
        );
        // Two papers called `Times`: the short name stays as written.
        let mut m = vec![
            mention(org, "New York Times"),
            mention(org, "Washington Times"),
            mention(org, "Times"),
        ];
        resolve_organisations(&mut m);
        assert_eq!(m[2].name, "Times");
    }

    #[test]
    fn title_case_headlines_are_recognised() {
        assert!(is_title_case(
            words("Democrats Hope for a Wave, but Republicans Doubt Clinton's Coattails").iter()
        ));
        assert!(!is_title_case(words("Christie, Fiorina suspend 2016 campaigns").iter()));
        assert!(!is_title_case(
            words("Mayor Pete calls for change after deadly shootings").iter()
        ));
    }

    #[test]
    fn all_caps_names_get_ordinary_case_but_acronyms_stay() {
        assert_eq!(uncapitalise("MEXICO CITY".into()), "Mexico City");
        assert_eq!(uncapitalise("WASHINGTON".into()), "Washington");
        assert_eq!(uncapitalise("NATO".into()), "NATO");
        assert_eq!(uncapitalise("USA TODAY".into()), "USA Today");
        assert_eq!(
            uncapitalise("FBI DIRECTOR JAMES COMEY".into()),
            "FBI Director James Comey"
        );
        assert_eq!(uncapitalise("Claudia Sheinbaum".into()), "Claudia Sheinbaum");
    }

    #[test]
    fn counts_merge_case_variants_and_order_by_mentions() {
        let m = vec![
            mention(EntityKind::Location, "EL PASO"),
            mention(EntityKind::Person, "Beto"),
            mention(EntityKind::Location, "El Paso"),
            mention(EntityKind::Location, "El Paso"),
        ];
        let e = count(&m);
        assert_eq!(
            e[0],
            Entity {
                kind: EntityKind::Location,
                name: "El Paso".into(),
                mentions: 3
            }
        );
        assert_eq!(e[1].name, "Beto");
    }
}
