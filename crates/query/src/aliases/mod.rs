//! Corpus-level name resolution: one referent, one name, across the whole index.
//!
//! Within an article the tagger already makes names canonical; across articles nothing joined `Obama` and
//! `Barack Obama`. An [`Aliases`] map, computed from the index's own entity columns (each name and the number
//! of articles that use it), says which names are variants of which canonical name (see [`resolve`] for the
//! rules). Documents are never rewritten: facets, `lede entities`, the `--person/--org/--place` filters,
//! `person:`/`org:`/`place:` queries, search hits and export all read names through the map.
//!
//! `lede index` writes the map to `aliases.json` in the index directory after each run, keyed to the commit it
//! was computed from; [`Aliases::open`] reads it back, and computes it afresh when it is missing or stale.

mod rules;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::OnceLock;
use std::time::Instant;

use lede_article::Entities;
use lede_indexer::{column, LedeIndex};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use tantivy::query::{Query, TermQuery, TermSetQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use crate::lazy_union::LazyUnion;
use crate::parse::NameField;

pub use rules::{resolve, NameKind, DOMINANCE, MIN_ARTICLES};

/// The file name of the stored map in the index directory.
pub const ALIASES_FILE: &str = "aliases.json";
const VERSION: u32 = 1;

impl NameKind {
    /// The three kinds, in column order.
    pub const ALL: [NameKind; 3] = [NameKind::Person, NameKind::Organization, NameKind::Location];

    /// The raw column holding the names.
    pub fn column(self) -> &'static str {
        match self {
            NameKind::Person => column::PERSON,
            NameKind::Organization => column::ORGANIZATION,
            NameKind::Location => column::LOCATION,
        }
    }

    /// The name users type (`person`, `organization`, `location`).
    pub fn name(self) -> &'static str {
        match self {
            NameKind::Person => "person",
            NameKind::Organization => "organization",
            NameKind::Location => "location",
        }
    }

    fn slot(self) -> usize {
        self as usize
    }
}

/// A name and the articles whose entity column holds it (as written, before resolution).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameCount {
    /// The name as stored.
    pub name: String,
    /// Articles with it.
    pub articles: u64,
}

/// A canonical name and the variants merged into it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AliasGroup {
    /// The canonical name.
    pub name: String,
    /// Articles whose column holds the canonical name itself.
    pub articles: u64,
    /// The names merged into it, most articles first.
    pub variants: Vec<NameCount>,
}

/// What the stored file holds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Stored {
    version: u32,
    key: String,
    seconds: f64,
    person: Vec<AliasGroup>,
    organization: Vec<AliasGroup>,
    location: Vec<AliasGroup>,
}

#[derive(Debug, Clone, Default)]
struct KindAliases {
    /// Variant → the index of its group in `groups` (FxHash: every hit's names are looked up here).
    to: FxHashMap<String, u32>,
    /// The groups in the order of their canonical names (searched by halves).
    groups: Vec<AliasGroup>,
    /// Lower-cased variant or canonical name → canonical: built from `groups` the first time a typed name needs
    /// it, so that opening an index for a search without names does not lower-case every name.
    lower: OnceLock<FxHashMap<String, String>>,
}

impl KindAliases {
    fn new(mut groups: Vec<AliasGroup>) -> KindAliases {
        // A stored map is in name order already: sorting it only checks.
        groups.sort_by(|a, b| a.name.cmp(&b.name));
        groups.dedup_by(|later, earlier| later.name == earlier.name);
        // Sized up front: growing a map re-allocates its table, each time on fresh pages.
        let variants: usize = groups.iter().map(|g| g.variants.len()).sum();
        let mut to = FxHashMap::with_capacity_and_hasher(variants, Default::default());
        for (i, group) in groups.iter().enumerate() {
            for variant in &group.variants {
                to.insert(variant.name.clone(), i as u32);
            }
        }
        KindAliases {
            to,
            groups,
            lower: OnceLock::new(),
        }
    }

    /// The canonical name of the variant `name`.
    fn canonical_of(&self, name: &str) -> Option<&String> {
        self.to.get(name).map(|&i| &self.groups[i as usize].name)
    }

    /// The group of the canonical name `name`.
    fn group(&self, name: &str) -> Option<&AliasGroup> {
        let at = self.groups.binary_search_by(|g| g.name.as_str().cmp(name)).ok()?;
        self.groups.get(at)
    }

    /// The canonical name of a lower-cased name or variant. A canonical name wins over a variant spelled the same;
    /// of two groups with that variant, the first in name order (the order the file stores them in).
    fn lower(&self, lower: &str) -> Option<&String> {
        self.lower
            .get_or_init(|| {
                let groups = &self.groups;
                let variants = groups.iter().map(|g| g.variants.len()).sum::<usize>();
                let mut map = FxHashMap::with_capacity_and_hasher(groups.len() + variants, Default::default());
                for group in groups {
                    map.insert(group.name.to_lowercase(), group.name.clone());
                }
                for group in groups {
                    for variant in &group.variants {
                        map.entry(variant.name.to_lowercase())
                            .or_insert_with(|| group.name.clone());
                    }
                }
                map
            })
            .get(lower)
    }

    fn sorted_groups(&self) -> Vec<AliasGroup> {
        self.groups.clone()
    }
}

/// The corpus-level alias map of one index: for each entity kind, which names are variants of which
/// canonical name.
///
/// ```
/// use lede_query::{Aliases, NameKind};
///
/// let aliases = Aliases::from_names(|kind| match kind {
///     NameKind::Person => vec![("Barack Obama".into(), 60), ("Obama".into(), 80), ("Michelle Obama".into(), 9)],
///     _ => Vec::new(),
/// });
/// assert_eq!(aliases.canonical(NameKind::Person, "Obama"), "Barack Obama");
/// assert_eq!(aliases.canonical(NameKind::Person, "Michelle Obama"), "Michelle Obama");
/// assert_eq!(aliases.merges(), 1);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    key: String,
    seconds: f64,
    kinds: [KindAliases; 3],
}

/// How `lede index` left the alias map: merges made and the time it took.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct AliasReport {
    /// Names merged into another (variants), all kinds together.
    pub merges: u64,
    /// Canonical names that absorbed at least one variant.
    pub canonical: u64,
    /// Seconds the resolution took (reading the term dictionaries included).
    pub seconds: f64,
}

impl Aliases {
    /// Resolves the names `names(kind)` gives for each kind (name, articles).
    pub fn from_names(mut names: impl FnMut(NameKind) -> Vec<(String, u64)>) -> Aliases {
        let started = Instant::now();
        let mut out = Aliases::default();
        for kind in NameKind::ALL {
            let names = names(kind);
            let articles: HashMap<&str, u64> = names.iter().map(|(n, c)| (n.as_str(), *c)).collect();
            let mut groups: BTreeMap<String, Vec<NameCount>> = BTreeMap::new();
            for (variant, canonical) in resolve(kind, &names) {
                let n = articles.get(variant.as_str()).copied().unwrap_or(0);
                groups.entry(canonical).or_default().push(NameCount {
                    name: variant,
                    articles: n,
                });
            }
            let groups = groups
                .into_iter()
                .map(|(name, mut variants)| {
                    variants.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
                    AliasGroup {
                        articles: articles.get(name.as_str()).copied().unwrap_or(0),
                        name,
                        variants,
                    }
                })
                .collect();
            out.kinds[kind.slot()] = KindAliases::new(groups);
        }
        out.seconds = started.elapsed().as_secs_f64();
        out
    }

    /// Resolves the names of the index `searcher` reads.
    pub fn from_index(index: &LedeIndex, searcher: &Searcher) -> Aliases {
        let started = Instant::now();
        let mut aliases = Aliases::from_names(|kind| {
            let field = kind_field(&index.fields, kind);
            names_with_articles(searcher, field)
        });
        aliases.key = commit_key(searcher);
        aliases.seconds = started.elapsed().as_secs_f64();
        aliases
    }

    /// The map of the index at `index.path` for the commit `searcher` reads: the stored file when it was made
    /// from that commit, else computed now (and not written: readers never write to the index).
    pub fn open(index: &LedeIndex, searcher: &Searcher) -> Aliases {
        let key = commit_key(searcher);
        match Aliases::read(&index.path) {
            Some(stored) if stored.key == key => stored,
            _ => Aliases::from_index(index, searcher),
        }
    }

    /// Computes the map for the last commit of the index at `index.path` and stores it there, unless the
    /// stored one is already of that commit.
    pub fn refresh(index: &LedeIndex) -> crate::Result<AliasReport> {
        let reader = index.reader()?;
        let searcher = reader.searcher();
        let aliases = Aliases::from_index(index, &searcher);
        aliases.write(&index.path)?;
        Ok(aliases.report())
    }

    /// Merges made and the time they took.
    pub fn report(&self) -> AliasReport {
        AliasReport {
            merges: self.merges() as u64,
            canonical: self.kinds.iter().map(|k| k.groups.len() as u64).sum(),
            seconds: self.seconds,
        }
    }

    fn read(dir: &Path) -> Option<Aliases> {
        let text = std::fs::read_to_string(dir.join(ALIASES_FILE)).ok()?;
        let stored: Stored = serde_json::from_str(&text).ok()?;
        if stored.version != VERSION {
            return None;
        }
        Some(Aliases {
            key: stored.key,
            seconds: stored.seconds,
            kinds: [
                KindAliases::new(stored.person),
                KindAliases::new(stored.organization),
                KindAliases::new(stored.location),
            ],
        })
    }

    /// Writes the map to `dir/aliases.json` (through a temporary file, so a reader never sees half of it).
    pub fn write(&self, dir: &Path) -> crate::Result<()> {
        let stored = Stored {
            version: VERSION,
            key: self.key.clone(),
            seconds: self.seconds,
            person: self.kinds[0].sorted_groups(),
            organization: self.kinds[1].sorted_groups(),
            location: self.kinds[2].sorted_groups(),
        };
        let path = dir.join(ALIASES_FILE);
        let failed = |source: std::io::Error| crate::Error::File {
            path: path.display().to_string(),
            source,
        };
        let text = serde_json::to_string(&stored).map_err(|e| failed(e.into()))?;
        let temporary = dir.join(format!("{ALIASES_FILE}.tmp"));
        std::fs::write(&temporary, text).map_err(failed)?;
        std::fs::rename(&temporary, &path).map_err(failed)?;
        Ok(())
    }

    /// Variants merged into another name, all kinds together.
    pub fn merges(&self) -> usize {
        self.kinds.iter().map(|k| k.to.len()).sum()
    }

    /// The canonical name of `name` (itself when it is not a variant).
    pub fn canonical<'a>(&'a self, kind: NameKind, name: &'a str) -> &'a str {
        self.kinds[kind.slot()].canonical_of(name).map_or(name, String::as_str)
    }

    /// Every variant of `kind` and its canonical name.
    pub fn variants_of_kind(&self, kind: NameKind) -> HashMap<String, String> {
        let table = &self.kinds[kind.slot()];
        table
            .to
            .iter()
            .map(|(variant, &i)| (variant.clone(), table.groups[i as usize].name.clone()))
            .collect()
    }

    /// The group of the canonical name `name`, when variants were merged into it.
    pub fn group(&self, kind: NameKind, name: &str) -> Option<&AliasGroup> {
        self.kinds[kind.slot()].group(name)
    }

    /// The canonical name a user means by `typed`, any capitalisation: a stored name or variant as typed, in
    /// Title Case or in capitals, or one the map knows in any case. `None` when the index has no such name.
    pub fn lookup(&self, kind: NameKind, typed: &str, searcher: &Searcher, field: Field) -> Option<String> {
        let typed = typed.trim();
        let table = &self.kinds[kind.slot()];
        let held = |name: &str| searcher.doc_freq(&Term::from_field_text(field, name)).unwrap_or(0) > 0;
        if table.to.contains_key(typed) || table.group(typed).is_some() || held(typed) {
            return Some(self.canonical(kind, typed).to_owned());
        }
        if let Some(canonical) = table.lower(&typed.to_lowercase()) {
            return Some(canonical.clone());
        }
        [title_case(typed), typed.to_uppercase()]
            .into_iter()
            .find(|form| held(form))
            .map(|form| self.canonical(kind, &form).to_owned())
    }

    /// Every stored name that means `canonical`: itself and its variants.
    pub fn spellings<'a>(&'a self, kind: NameKind, canonical: &'a str) -> Vec<&'a str> {
        let mut out = vec![canonical];
        if let Some(group) = self.group(kind, canonical) {
            out.extend(group.variants.iter().map(|v| v.name.as_str()));
        }
        out
    }

    /// The query for articles naming the entity `typed` means (any capitalisation, any variant), or `None` when
    /// the index has no such name: the exact terms of all its spellings, so it stays a fast term lookup. Its scores
    /// are not meant to be used (names filter).
    ///
    /// A few spellings are a union of term queries that seeks each lazily ([`LazyUnion`]); only many go through
    /// tantivy's `TermSetQuery`, whose weight builds a finite-state transducer of the terms. That builder sets up a
    /// registry of some 10,000 cells on every query: 6 % of a `person:` query at ten times AllSides, and more in
    /// zeroed pages.
    pub fn name_query(&self, kind: NameKind, typed: &str, searcher: &Searcher, field: Field) -> Option<Box<dyn Query>> {
        let canonical = self.lookup(kind, typed, searcher, field)?;
        let mut terms: Vec<Term> = self
            .spellings(kind, &canonical)
            .into_iter()
            .map(|name| Term::from_field_text(field, name))
            .collect();
        let term = |term: Term| -> Box<dyn Query> { Box::new(TermQuery::new(term, IndexRecordOption::Basic)) };
        Some(match terms.len() {
            1 => term(terms.remove(0)),
            n if n <= LAZY_SPELLINGS => Box::new(LazyUnion::sum(terms.into_iter().map(term).collect())),
            _ => Box::new(TermSetQuery::new(terms)),
        })
    }

    /// Replaces each name of `entities` by its canonical name, keeping the first of names that become equal.
    pub fn canonicalise(&self, entities: &mut Entities) {
        for (kind, names) in [
            (NameKind::Person, &mut entities.person),
            (NameKind::Organization, &mut entities.organization),
            (NameKind::Location, &mut entities.location),
        ] {
            let table = &self.kinds[kind.slot()];
            let mut renamed = false;
            for name in names.iter_mut() {
                if let Some(canonical) = table.canonical_of(name.as_str()) {
                    name.clone_from(canonical);
                    renamed = true;
                }
            }
            // A stored list names each entity once; only a renaming can make two names one.
            if renamed {
                let mut seen = FxHashSet::default();
                names.retain(|name| seen.insert(name.clone()));
            }
        }
    }
}

/// `nancy pelosi` → `Nancy Pelosi`.
fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every term of `field` with the articles holding it, summed over segments (deleted articles not subtracted:
/// the counts are evidence, not results).
fn names_with_articles(searcher: &Searcher, field: Field) -> Vec<(String, u64)> {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    crate::terms::for_each_term(searcher, field, |key, doc_freq| {
        if let Ok(name) = std::str::from_utf8(key) {
            *counts.entry(name.to_owned()).or_default() += u64::from(doc_freq);
        }
    });
    counts.into_iter().collect()
}

/// What identifies a commit's contents: its segments and their deletions.
fn commit_key(searcher: &Searcher) -> String {
    let mut parts: Vec<String> = searcher
        .segment_readers()
        .iter()
        .map(|s| {
            format!(
                "{}:{}:{}",
                s.segment_id().uuid_string(),
                s.max_doc(),
                s.num_deleted_docs()
            )
        })
        .collect();
    parts.sort();
    parts.join(",")
}

/// The kind of a name filter, when it names entities.
fn kind_of_field(field: NameField) -> Option<NameKind> {
    match field {
        NameField::Person => Some(NameKind::Person),
        NameField::Organization => Some(NameKind::Organization),
        NameField::Location => Some(NameKind::Location),
        _ => None,
    }
}

/// The filter for a person, organisation or place `value` through `aliases` (see [`Aliases::name_query`]);
/// the within-article alias table is consulted too (`GOP` → `Republican Party`). `None` for other fields, or
/// when the index has no such name.
pub(crate) fn entity_query(
    aliases: Option<&Aliases>,
    field: NameField,
    value: &str,
    searcher: &Searcher,
    raw: Field,
) -> Option<Box<dyn Query>> {
    let (aliases, kind) = (aliases?, kind_of_field(field)?);
    aliases.name_query(kind, value, searcher, raw).or_else(|| {
        let canonical = lede_indexer::canonical_alias(value)?;
        aliases.name_query(kind, canonical, searcher, raw)
    })
}

/// Up to this many spellings, a name's query is a lazy union of its terms ([`Aliases::name_query`]).
const LAZY_SPELLINGS: usize = 16;

/// The field of a lede index that holds a kind's names.
pub fn kind_field(fields: &lede_indexer::Fields, kind: NameKind) -> Field {
    match kind {
        NameKind::Person => fields.person,
        NameKind::Organization => fields.organization,
        NameKind::Location => fields.location,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonicalise_joins_variants_of_one_article() {
        let aliases = Aliases::from_names(|kind| match kind {
            NameKind::Person => vec![
                ("Barack Obama".into(), 60),
                ("Obama".into(), 80),
                ("Joe Biden".into(), 30),
            ],
            _ => Vec::new(),
        });
        let mut entities = Entities {
            person: vec!["Obama".into(), "Joe Biden".into(), "Barack Obama".into()],
            ..Entities::default()
        };
        aliases.canonicalise(&mut entities);
        assert_eq!(entities.person, ["Barack Obama", "Joe Biden"]);
        let group = aliases.group(NameKind::Person, "Barack Obama").unwrap();
        assert_eq!(group.articles, 60);
        assert_eq!(group.variants[0].name, "Obama");
        assert_eq!(title_case("nancy pelosi"), "Nancy Pelosi");
    }
}
