//! The resolution rules: which names of one kind are variants of which canonical name, decided from the names
//! themselves and how many articles use each (the term dictionary's document frequencies).
//!
//! Three passes, each over the names the previous one left standing:
//!
//! 1. Spelling: names equal but for case, periods and hyphens (`TRUMP`, `Trump`; `Kim Jong-un`, `Kim Jong Un`),
//!    and people's names equal but for a short first name (`Chuck`, `Charles`), join the form most articles use.
//! 2. Equivalent full forms: middle initials (`Donald J. Trump` joins `Donald Trump`, unless another set of
//!    initials competes for the same short name, as `George W.` and `George H.W. Bush` do for `George Bush`);
//!    `Department of Justice` and `Justice Department`; `U.S. Army` and `Army`. The form most articles use wins.
//! 3. Short forms: a surname (or a first name nobody has as a surname), initials (`NSA`), or a department's
//!    tail (`Homeland Security`) goes to the full name that dominates it: that full name holds at least
//!    [`DOMINANCE`] of the articles of all the full names it could be, has [`MIN_ARTICLES`], and is not
//!    negligible beside the short form itself. Otherwise the short form stays as written: a wrong merge is worse
//!    than a split.
//!
//! Party plurals (`Democrats`, `Republicans`) go to their party by a small table.

use std::collections::{BTreeMap, HashMap};

/// Share of the candidates' articles the winning full name must hold.
pub const DOMINANCE: f64 = 0.75;
/// Articles the winning full name must have.
pub const MIN_ARTICLES: u64 = 2;
/// A surname or first name joins a full name with at least this share of its own articles (`Jesus` in 500
/// articles does not become the `Jesus Rodriguez` of 2).
const FULL_NAME_WEIGHT: f64 = 0.2;
/// The same for a one-word organisation and the full names it starts.
const FIRST_WORD_WEIGHT: f64 = 1.0;
/// The same for initials, whose match on every letter is stronger evidence (DACA is written far more often
/// than its expansion).
const EXPANSION_WEIGHT: f64 = 0.05;

/// The three entity columns, which resolve by different rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameKind {
    /// People.
    Person,
    /// Organisations.
    Organization,
    /// Places.
    Location,
}

/// Party names by their common plural and short forms, written for lede.
const PARTIES: &[(&str, &str)] = &[
    ("Democrats", "Democratic Party"),
    ("Dems", "Democratic Party"),
    ("Democratic", "Democratic Party"),
    ("Democratic party", "Democratic Party"),
    ("Republicans", "Republican Party"),
    ("Republican", "Republican Party"),
    ("GOP", "Republican Party"),
    ("G.O.P.", "Republican Party"),
    ("Republican party", "Republican Party"),
    ("Tories", "Conservative Party"),
];

/// Short first names and the given name each stands for (`Chuck Schumer` is `Charles E. Schumer`), written for
/// lede: only pairs where the short form is rarely a name of its own; ambiguous ones (`Steve`: Stephen or
/// Steven; `Jerry`: Gerald or Jerrold) are left out, as a wrong merge is worse than a split.
#[rustfmt::skip]
const NICKNAMES: &[(&str, &str)] = &[
    ("bill", "william"), ("billy", "william"), ("bob", "robert"), ("bobby", "robert"), ("rob", "robert"),
    ("chuck", "charles"), ("charlie", "charles"), ("dick", "richard"), ("rick", "richard"),
    ("rich", "richard"), ("jim", "james"), ("jimmy", "james"), ("joe", "joseph"), ("mike", "michael"),
    ("tom", "thomas"), ("tommy", "thomas"), ("ted", "edward"), ("ed", "edward"), ("teddy", "theodore"),
    ("dan", "daniel"), ("danny", "daniel"), ("dave", "david"), ("andy", "andrew"), ("tony", "anthony"),
    ("chris", "christopher"), ("matt", "matthew"), ("nick", "nicholas"), ("pat", "patrick"),
    ("sam", "samuel"), ("ben", "benjamin"), ("greg", "gregory"), ("jeff", "jeffrey"), ("ken", "kenneth"),
    ("larry", "lawrence"), ("tim", "timothy"), ("liz", "elizabeth"), ("ron", "ronald"), ("don", "donald"),
    ("bernie", "bernard"), ("fred", "frederick"), ("rudy", "rudolph"), ("josh", "joshua"),
    ("zach", "zachary"), ("gene", "eugene"),
];

/// A person's spelling key with the first name in its full form and `al-`/`el-` dropped from the surname
/// (`Chuck Schumer` and `Charles Schumer`; `Bashar al-Assad` and `Bashar Assad`).
fn person_key(name: &str) -> String {
    let key = spelling_key(&name.replace(" al-", " ").replace(" el-", " "));
    let Some((first, rest)) = key.split_once(' ') else {
        return key;
    };
    match NICKNAMES.iter().find(|(short, _)| *short == first) {
        Some((_, full)) => format!("{full} {rest}"),
        None => key,
    }
}

/// Name endings that are not surnames.
const SUFFIXES: &[&str] = &["Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"];

/// Prefixes that make a department's full name of its tail (`Department of` + `Homeland Security`).
const DEPARTMENT_PREFIXES: &[&str] = &[
    "Department of",
    "U.S. Department of",
    "US Department of",
    "Ministry of",
    "Office of",
    "Bureau of",
];

/// Prefixes that name the same body with or without them (`U.S. Army`, `Army`).
const COUNTRY_PREFIXES: &[&str] = &["U.S.", "US", "United States"];

/// Words skipped when initials are taken (`Department of Homeland Security` → DHS).
const MINOR_WORDS: &[&str] = &[
    "of", "for", "the", "and", "on", "in", "to", "&", "de", "la", "del", "los",
];

/// Names with their articles.
type Forms<'a> = Vec<(&'a str, u64)>;

/// Union of names, each merge pointing a standing name to another standing one.
struct Merges<'a> {
    articles: HashMap<&'a str, u64>,
    to: HashMap<&'a str, &'a str>,
}

impl<'a> Merges<'a> {
    fn find(&self, mut name: &'a str) -> &'a str {
        while let Some(next) = self.to.get(name) {
            name = next;
        }
        name
    }

    /// Names still standing, with the articles of everything merged into them.
    fn standing(&self) -> Vec<(&'a str, u64)> {
        let mut total: HashMap<&'a str, u64> = HashMap::new();
        for (&name, &n) in &self.articles {
            *total.entry(self.find(name)).or_default() += n;
        }
        let mut out: Vec<(&'a str, u64)> = total.into_iter().collect();
        out.sort_unstable();
        out
    }

    fn merge(&mut self, from: &'a str, to: &'a str) {
        let (from, to) = (self.find(from), self.find(to));
        if from != to {
            self.to.insert(from, to);
        }
    }

    /// Joins every group into its member with the most articles (ties: the one with lower-case letters, then
    /// the first in byte order).
    fn join_groups(&mut self, groups: HashMap<String, Vec<(&'a str, u64)>>) {
        for (_, members) in groups {
            if members.len() < 2 {
                continue;
            }
            let best = members
                .iter()
                .max_by(|a, b| {
                    a.1.cmp(&b.1)
                        .then(has_lowercase(a.0).cmp(&has_lowercase(b.0)))
                        .then(b.0.cmp(a.0))
                })
                .map(|(name, _)| *name);
            if let Some(best) = best {
                for (name, _) in &members {
                    self.merge(name, best);
                }
            }
        }
    }
}

fn has_lowercase(name: &str) -> bool {
    name.chars().any(char::is_lowercase)
}

/// Lower case, periods and hyphens as spaces, spaces collapsed: names equal under this are one spelling.
fn spelling_key(name: &str) -> String {
    name.to_lowercase()
        .replace(['.', '-', '‐', '’'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn words(name: &str) -> Vec<&str> {
    name.split_whitespace().collect()
}

/// Whether a word is an initial or a run of them (`J.`, `W`, `H.W.`).
fn is_initials(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    !letters.is_empty()
        && letters.len() <= 3
        && letters.iter().all(|c| c.is_uppercase())
        && (word.contains('.') || letters.len() == 1)
}

/// A person's name without its middle initials, and the initials (`Donald J. Trump` → `Donald Trump`, `J`);
/// `None` when it has none.
fn without_initials(name: &str) -> Option<(String, String)> {
    let w = words(name);
    if w.len() < 3 {
        return None;
    }
    let end = w.len() - usize::from(w.last().is_some_and(|l| SUFFIXES.contains(l)));
    if end < 3 {
        return None;
    }
    let middles = &w[1..end - 1];
    if middles.is_empty() || !middles.iter().all(|m| is_initials(m)) {
        return None;
    }
    let initials: String = middles.iter().flat_map(|m| m.chars().filter(|c| *c != '.')).collect();
    let mut kept = vec![w[0], w[end - 1]];
    kept.extend(&w[end..]);
    Some((kept.join(" "), initials))
}

/// The surname of a name of two or more words: its last word that is not `Jr.` or similar.
fn surname<'a>(w: &[&'a str]) -> Option<&'a str> {
    w.iter().rev().find(|x| !SUFFIXES.contains(x)).copied()
}

/// The initials of a name's capitalised words (`Associated Press` → AP), for names of two or more of them.
fn initials_of(name: &str) -> Option<String> {
    let mut out = String::new();
    let mut capitalised = 0;
    for word in words(name) {
        if MINOR_WORDS.contains(&word) {
            continue;
        }
        let first = word.chars().next()?;
        if !first.is_uppercase() {
            return None;
        }
        capitalised += 1;
        out.push(first);
    }
    (capitalised >= 2).then_some(out)
}

/// A name that is initials: 2 to 6 capitals, with or without periods (`NSA`, `A.P.`).
fn as_initials(name: &str) -> Option<String> {
    if name.contains(' ') {
        return None;
    }
    let letters: String = name.chars().filter(|c| *c != '.').collect();
    let n = letters.chars().count();
    ((2..=6).contains(&n) && letters.chars().all(|c| c.is_ascii_uppercase())).then_some(letters)
}

/// The key under which a department's two word orders meet (`Department of Justice`, `Justice Department`),
/// and a body with or without `U.S.` in front.
fn full_form_key(name: &str) -> String {
    let mut rest = name;
    for prefix in COUNTRY_PREFIXES {
        if let Some(tail) = rest.strip_prefix(prefix).and_then(|t| t.strip_prefix(' ')) {
            if tail.chars().next().is_some_and(char::is_uppercase) {
                rest = tail;
                break;
            }
        }
    }
    let key = match rest.strip_prefix("Department of ") {
        Some(topic) => format!("{topic} Department"),
        None => rest.to_owned(),
    };
    spelling_key(&key)
}

/// Picks the dominant candidate: `(name, articles)` of the winner when it holds [`DOMINANCE`] of the
/// candidates' articles, has [`MIN_ARTICLES`], and at least `weight` of the short form's own `articles`.
fn dominant<'a>(candidates: &[(&'a str, u64)], articles: u64, weight: f64) -> Option<&'a str> {
    let total: u64 = candidates.iter().map(|c| c.1).sum();
    let (name, best) = candidates.iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))?;
    let strong =
        *best as f64 >= DOMINANCE * total as f64 && *best >= MIN_ARTICLES && *best as f64 >= weight * articles as f64;
    strong.then_some(*name)
}

/// The variants among `names` (each with its articles) and the canonical name each goes to.
///
/// The resolution rules: which names of one kind are variants of which canonical name, decided from the names
/// themselves and how many articles use each (the term dictionary's document frequencies).
///
/// Three passes, each over the names the previous one left standing:
///
/// 1. Spelling: names equal but for case, periods and hyphens (`TRUMP`, `Trump`; `Kim Jong-un`, `Kim Jong Un`),
///    and people's names equal but for a short first name (`Chuck`, `Charles`), join the form most articles use.
/// 2. Equivalent full forms: middle initials (`Donald J. Trump` joins `Donald Trump`, unless another set of
///    initials holds more than a quarter of the initialled forms' articles, as `George H.W.` does beside
///    `George W. Bush`);
///    `Department of Justice` and `Justice Department`; `U.S. Army` and `Army`. The form most articles use wins.
/// 3. Short forms: a surname (or a first name nobody of note has as a surname), initials (`NSA`), a
///    department's tail (`Homeland Security`), or a one-word organisation (`Fox`, joining only a full name that
///    outnumbers it) goes to the full name that dominates it: that full name holds at least
///    [`DOMINANCE`] of the articles of all the full names it could be, has [`MIN_ARTICLES`], and is not
///    negligible beside the short form itself. Otherwise the short form stays as written: a wrong merge is worse
///    than a split.
///
/// Party plurals (`Democrats`, `Republicans`) go to their party by a small table.
pub fn resolve(kind: NameKind, names: &[(String, u64)]) -> BTreeMap<String, String> {
    let mut merges = Merges {
        articles: names.iter().map(|(n, c)| (n.as_str(), *c)).collect(),
        to: HashMap::new(),
    };

    // 1. Spelling.
    let mut groups: HashMap<String, Vec<(&str, u64)>> = HashMap::new();
    for (name, n) in names {
        let key = match kind {
            NameKind::Person => person_key(name),
            _ => spelling_key(name),
        };
        groups.entry(key).or_default().push((name.as_str(), *n));
    }
    merges.join_groups(groups);

    // 2. Equivalent full forms.
    let standing = merges.standing();
    match kind {
        NameKind::Person => {
            let by_key: HashMap<String, (&str, u64)> = standing.iter().map(|&(n, c)| (person_key(n), (n, c))).collect();
            // Short name → initials → the forms with them.
            let mut initialled: HashMap<String, BTreeMap<String, Forms<'_>>> = HashMap::new();
            for &(name, n) in &standing {
                if let Some((short, initials)) = without_initials(name) {
                    initialled
                        .entry(person_key(&short))
                        .or_default()
                        .entry(initials)
                        .or_default()
                        .push((name, n));
                }
            }
            let mut groups: HashMap<String, Vec<(&str, u64)>> = HashMap::new();
            for (short, by_initials) in initialled {
                // The short name joins the initials that dominate the others (`Donald J.` beside a stray
                // `Donald T. Trump`), never one of several strong ones (`George W.` and `George H.W. Bush`).
                let weights: Vec<(&str, u64)> = by_initials
                    .iter()
                    .map(|(initials, forms)| (initials.as_str(), forms.iter().map(|f| f.1).sum()))
                    .collect();
                let total: u64 = weights.iter().map(|w| w.1).sum();
                let winner = weights
                    .iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
                    .filter(|(_, n)| *n as f64 >= DOMINANCE * total as f64)
                    .map(|(initials, _)| (*initials).to_owned());
                for (initials, forms) in by_initials {
                    let group = groups.entry(format!("{short}\t{initials}")).or_default();
                    group.extend(forms);
                    if let (true, Some(&plain)) = (winner.as_deref() == Some(initials.as_str()), by_key.get(&short)) {
                        group.push(plain);
                    }
                }
            }
            merges.join_groups(groups);
        }
        NameKind::Organization | NameKind::Location => {
            let mut groups: HashMap<String, Vec<(&str, u64)>> = HashMap::new();
            for &(name, n) in &standing {
                groups.entry(full_form_key(name)).or_default().push((name, n));
            }
            merges.join_groups(groups);
        }
    }

    // 3. Short forms.
    let standing = merges.standing();
    match kind {
        NameKind::Person => {
            let mut by_surname: HashMap<String, Vec<(&str, u64)>> = HashMap::new();
            let mut by_first: HashMap<String, Vec<(&str, u64)>> = HashMap::new();
            for &(name, n) in &standing {
                let w = words(name);
                if w.len() < 2 {
                    continue;
                }
                if let Some(last) = surname(&w) {
                    // `Bashar al-Assad` is Assad's.
                    let last = last
                        .strip_prefix("al-")
                        .or_else(|| last.strip_prefix("el-"))
                        .unwrap_or(last);
                    by_surname.entry(last.to_lowercase()).or_default().push((name, n));
                }
                by_first.entry(w[0].to_lowercase()).or_default().push((name, n));
            }
            for &(name, n) in &standing {
                if name.contains(' ') {
                    continue;
                }
                let key = name.to_lowercase();
                // A first name only when no one of note has it as a surname (`Hillary`, not `Jordan`).
                let by_surname = by_surname
                    .get(&key)
                    .filter(|c| c.iter().map(|x| x.1).sum::<u64>() as f64 >= FULL_NAME_WEIGHT * n as f64);
                let candidates = by_surname.or_else(|| by_first.get(&key));
                if let Some(full) = candidates.and_then(|c| dominant(c, n, FULL_NAME_WEIGHT)) {
                    merges.merge(name, full);
                }
            }
        }
        NameKind::Organization | NameKind::Location => {
            let mut by_initials: HashMap<String, Vec<(&str, u64)>> = HashMap::new();
            let mut by_tail: HashMap<String, Vec<(&str, u64)>> = HashMap::new();
            let mut by_first: HashMap<String, Vec<(&str, u64)>> = HashMap::new();
            for &(name, n) in &standing {
                if let Some((first, _)) = name.split_once(' ') {
                    by_first.entry(first.to_lowercase()).or_default().push((name, n));
                }
                if let Some(initials) = initials_of(name) {
                    by_initials.entry(initials).or_default().push((name, n));
                }
                for prefix in DEPARTMENT_PREFIXES {
                    if let Some(tail) = name.strip_prefix(prefix).and_then(|t| t.strip_prefix(' ')) {
                        by_tail.entry(spelling_key(tail)).or_default().push((name, n));
                    }
                }
            }
            for &(name, n) in &standing {
                let full = if let Some(initials) = as_initials(name) {
                    by_initials
                        .get(&initials)
                        .and_then(|c| dominant(c, n, EXPANSION_WEIGHT))
                } else if name.contains(' ') {
                    by_tail
                        .get(&spelling_key(name))
                        .and_then(|c| dominant(c, n, FULL_NAME_WEIGHT))
                } else {
                    // A one-word short name of a body written in full more often than short (`Fox` of
                    // `Fox News`): the full name must outnumber it, as a common word is short for many things.
                    by_first
                        .get(&name.to_lowercase())
                        .and_then(|c| dominant(c, n, FIRST_WORD_WEIGHT))
                };
                if let Some(full) = full {
                    merges.merge(name, full);
                }
            }
        }
    }

    let mut out: BTreeMap<String, String> = names
        .iter()
        .filter_map(|(name, _)| {
            let canonical = merges.find(name);
            (canonical != name).then(|| (name.clone(), canonical.to_owned()))
        })
        .collect();
    if kind == NameKind::Organization {
        for (variant, party) in PARTIES {
            if merges.articles.contains_key(variant) {
                // Whatever the variant had absorbed goes to the party with it.
                let absorbed: Vec<String> = out
                    .iter()
                    .filter(|(_, c)| c.as_str() == *variant)
                    .map(|(v, _)| v.clone())
                    .collect();
                for v in absorbed {
                    out.insert(v, (*party).to_owned());
                }
                out.insert((*variant).to_owned(), (*party).to_owned());
            }
        }
        out.retain(|variant, canonical| variant != canonical);
    }
    out
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
