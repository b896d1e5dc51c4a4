//! Facet counts: how many matching articles name each person, organisation,
//! place, outlet or author, over all matches (not just the page).
//!
//! A [`FacetCollector`] counts term ordinals of the raw fast string columns per
//! segment in a dense array (no string is touched while collecting). With one
//! segment it picks the top ordinals and decodes only those; with several it
//! resolves every ordinal that occurred in one sorted pass over each segment's
//! dictionary and merges segments by string.
//!
//! Counting under canonical names needs, per segment and field, each ordinal's
//! canonical ordinal: a pass over the column's whole dictionary. The engine's
//! [`FacetCache`] keeps those maps (and the alias maps they come from) for the
//! life of the engine, so only the first facet query on a segment pays for it.
//!
//! With several segments (a large index split for parallel search), the cache also keeps global ordinals, as
//! Elasticsearch's terms aggregation does: per field, one numbering of the names every segment's values count
//! under, and each segment's ordinals mapped to it. Counts then add up by number and only the top values are
//! named, instead of every value that occurred being decoded on every query.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};

use lede_indexer::{column, field_named};
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::aliases::{Aliases, NameKind};
use crate::error::{Error, Result};
use crate::search::{Engine, SearchRequest};

/// A field facets can be counted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FacetField {
    /// Canonical person names.
    Person,
    /// Canonical organisation names.
    Organization,
    /// Canonical place names.
    Location,
    /// Outlets.
    Source,
    /// Authors.
    Author,
}

impl FacetField {
    /// Every facet field, in display order.
    pub const ALL: [FacetField; 5] = [
        FacetField::Person,
        FacetField::Organization,
        FacetField::Location,
        FacetField::Source,
        FacetField::Author,
    ];

    /// The name users type (`person`, `organization`, `location`, `source`, `author`).
    pub fn name(self) -> &'static str {
        match self {
            FacetField::Person => "person",
            FacetField::Organization => "organization",
            FacetField::Location => "location",
            FacetField::Source => "source",
            FacetField::Author => "author",
        }
    }

    /// The entity kind of the field (people, organisations and places have aliases).
    pub fn name_kind(self) -> Option<NameKind> {
        match self {
            FacetField::Person => Some(NameKind::Person),
            FacetField::Organization => Some(NameKind::Organization),
            FacetField::Location => Some(NameKind::Location),
            FacetField::Source | FacetField::Author => None,
        }
    }

    /// The raw fast column in the index.
    pub fn column(self) -> &'static str {
        match self {
            FacetField::Person => column::PERSON,
            FacetField::Organization => column::ORGANIZATION,
            FacetField::Location => column::LOCATION,
            FacetField::Source => column::SOURCE,
            FacetField::Author => column::AUTHORS,
        }
    }

    /// Parses a comma-separated list (`person,org,source`); an unknown name is an error listing the valid ones.
    pub fn parse_list(text: &str) -> Result<Vec<FacetField>> {
        let mut out = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let field: FacetField = part.parse()?;
            if !out.contains(&field) {
                out.push(field);
            }
        }
        Ok(out)
    }
}

impl fmt::Display for FacetField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for FacetField {
    type Err = Error;

    /// Any spelling of a facet field in the index's one table of field names ([`lede_indexer::FIELD_NAMES`]).
    fn from_str(text: &str) -> Result<FacetField> {
        let column = field_named(text).map(|f| f.column);
        FacetField::ALL
            .into_iter()
            .find(|f| Some(f.column()) == column)
            .ok_or_else(|| {
                let known: Vec<&str> = FacetField::ALL.iter().map(|f| f.name()).collect();
                Error::Query(format!("unknown facet `{text}`; known facets: {}", known.join(", ")))
            })
    }
}

/// One value of a facet and the number of matching articles that have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// The value (a canonical name, an outlet, an author).
    pub value: String,
    /// Matching articles with this value.
    pub count: u64,
}

/// The counts of one field over all matching articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facet {
    /// The field.
    pub field: FacetField,
    /// Matching articles (all of them, with or without a value).
    pub articles: u64,
    /// Matching articles with at least one value in this field.
    pub articles_with_value: u64,
    /// Distinct values among the matching articles.
    pub distinct: usize,
    /// The most frequent values, most articles first (ties by value).
    pub top: Vec<FacetCount>,
}

/// Variant → canonical name, for one kind of entity.
type VariantMap = Arc<HashMap<String, String>>;

/// Per term ordinal, the ordinal it is counted under.
type Remap = Arc<Vec<u64>>;

/// What counting under canonical names reads from the alias map and the segments' dictionaries, built on first
/// use and kept: at ten times AllSides, building the ordinal maps on every query (a pass over the person,
/// organisation and place dictionaries, and a copy of the alias maps) cost more than counting.
///
/// A segment never changes once written, so its maps stay right however often the reader reloads; the engine
/// that owns the cache owns the alias map too.
#[derive(Debug, Default)]
pub struct FacetCache {
    /// Per field of [`FacetField::ALL`]: its variant map.
    variants: [OnceLock<VariantMap>; 5],
    /// Per segment and field: each ordinal's canonical ordinal (`None`: no variant occurs in the segment).
    remaps: Mutex<HashMap<(SegmentId, FacetField), Option<Remap>>>,
    /// Per set of segments (in the searcher's order) and field: their global ordinals.
    globals: Mutex<HashMap<GlobalsKey, Arc<GlobalOrdinals>>>,
}

/// A set of segments, in the searcher's order, and a field.
type GlobalsKey = (Vec<SegmentId>, FacetField);

/// One field's values over several segments, numbered once: the names they count under (canonical names for
/// people, organisations and places), and per segment each term ordinal's number.
#[derive(Debug)]
struct GlobalOrdinals {
    names: Vec<String>,
    /// Per segment: term ordinal → index into `names`.
    maps: Vec<Vec<u32>>,
}

impl GlobalOrdinals {
    /// One pass over each segment's dictionary; `None` when one cannot be read.
    fn build(columns: &[Option<&StrColumn>], aliases: Option<&HashMap<String, String>>) -> Option<GlobalOrdinals> {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut names: Vec<String> = Vec::new();
        let mut maps = Vec::with_capacity(columns.len());
        for column in columns {
            let Some(column) = column else {
                maps.push(Vec::new());
                continue;
            };
            let mut map = Vec::with_capacity(column.num_terms());
            let mut stream = column.dictionary().stream().ok()?;
            while stream.advance() {
                let value = String::from_utf8_lossy(stream.key());
                let name: &str = aliases
                    .and_then(|a| a.get(value.as_ref()))
                    .map_or(value.as_ref(), String::as_str);
                let id = match ids.get(name) {
                    Some(&id) => id,
                    None => {
                        let id = names.len() as u32;
                        ids.insert(name.to_owned(), id);
                        names.push(name.to_owned());
                        id
                    }
                };
                map.push(id);
            }
            if map.len() != column.num_terms() {
                return None;
            }
            maps.push(map);
        }
        Some(GlobalOrdinals { names, maps })
    }
}

impl FacetCache {
    /// An empty cache.
    pub fn new() -> FacetCache {
        FacetCache::default()
    }

    fn variants(&self, field: FacetField, aliases: &Aliases) -> VariantMap {
        let slot = FacetField::ALL.iter().position(|f| *f == field).unwrap_or(0);
        self.variants[slot]
            .get_or_init(|| {
                Arc::new(match field.name_kind() {
                    Some(kind) => aliases.variants_of_kind(kind),
                    None => HashMap::new(),
                })
            })
            .clone()
    }

    /// Forgets the maps of segments `live` no longer holds (merged away), so a long-running engine keeps only
    /// its index's.
    fn keep_segments(&self, live: &[SegmentId]) {
        self.remaps
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|(segment, _), _| live.contains(segment));
        self.globals
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|(segments, _), _| segments.iter().all(|s| live.contains(s)));
    }

    /// The global ordinals of `field` over `parts` (one per segment, in order), built on first use.
    fn globals(&self, field: FacetField, parts: &[FieldFruit]) -> Option<Arc<GlobalOrdinals>> {
        let key = (parts.iter().map(|p| p.segment).collect::<Vec<_>>(), field);
        if let Some(found) = self.globals.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return Some(found.clone());
        }
        let columns: Vec<Option<&StrColumn>> = parts.iter().map(|p| p.column.as_ref()).collect();
        let aliases = parts.iter().find_map(|p| p.aliases.as_deref());
        let globals = Arc::new(GlobalOrdinals::build(&columns, aliases)?);
        self.globals
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, globals.clone());
        Some(globals)
    }

    fn remap(
        &self,
        segment: SegmentId,
        field: FacetField,
        column: &StrColumn,
        aliases: &HashMap<String, String>,
    ) -> Option<Remap> {
        let key = (segment, field);
        // A poisoned lock only means another query panicked mid-insert: the map is still whole.
        if let Some(found) = self.remaps.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return found.clone();
        }
        let remap = remap_ordinals(column, aliases).map(Arc::new);
        self.remaps
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, remap.clone());
        remap
    }
}

/// Counts the values of several raw fast string columns over the matching documents.
#[derive(Debug, Clone)]
pub struct FacetCollector {
    fields: Vec<FacetField>,
    top: usize,
    /// Per field: variant → canonical name (empty: values count as stored).
    aliases: Vec<VariantMap>,
    /// Where the ordinal maps are kept between queries.
    cache: Option<Arc<FacetCache>>,
}

impl FacetCollector {
    /// Counts `fields`, keeping every value.
    pub fn new(fields: &[FacetField]) -> FacetCollector {
        FacetCollector::with_top(fields, usize::MAX)
    }

    /// Counts `fields` and keeps the `top` values of each (most articles first, ties by value); the counts,
    /// `distinct` and `articles_with_value` are over all matches all the same.
    pub fn with_top(fields: &[FacetField], top: usize) -> FacetCollector {
        FacetCollector {
            fields: fields.to_vec(),
            top,
            aliases: vec![VariantMap::default(); fields.len()],
            cache: None,
        }
    }

    /// Counts people, organisations and places by their canonical names in `aliases`: an article naming two
    /// variants of one entity counts once for it.
    pub fn with_aliases(self, aliases: &Aliases) -> FacetCollector {
        self.with_cached_aliases(aliases, Arc::new(FacetCache::new()))
    }

    /// As [`FacetCollector::with_aliases`], with the alias maps and ordinal maps kept in `cache`, which must
    /// only ever be used with these `aliases`.
    pub fn with_cached_aliases(mut self, aliases: &Aliases, cache: Arc<FacetCache>) -> FacetCollector {
        self.aliases = self
            .fields
            .iter()
            .map(|field| cache.variants(*field, aliases))
            .collect();
        self.cache = Some(cache);
        self
    }
}

/// What one segment found: matching documents, and per field the documents with a value and each value's count.
pub struct FacetFruit {
    docs: u64,
    fields: Vec<FieldFruit>,
}

struct FieldFruit {
    segment: SegmentId,
    with_value: u64,
    /// (term ordinal, articles), ascending by ordinal; only values that occurred.
    counts: Vec<(u64, u64)>,
    column: Option<StrColumn>,
    /// Variant → canonical name, to name the counted values.
    aliases: Option<VariantMap>,
}

/// One segment's values that occurred, in dictionary (byte) order, with their counts.
#[derive(Default)]
struct SortedValues {
    /// The values' bytes, one after the other.
    arena: Vec<u8>,
    /// Where each value ends in `arena`.
    ends: Vec<usize>,
    counts: Vec<u64>,
}

impl SortedValues {
    fn bytes(&self, i: usize) -> Option<&[u8]> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.arena.get(start..end)
    }

    fn into_counts(self) -> Vec<FacetCount> {
        (0..self.counts.len())
            .filter_map(|i| {
                Some(FacetCount {
                    value: String::from_utf8_lossy(self.bytes(i)?).into_owned(),
                    count: self.counts[i],
                })
            })
            .collect()
    }
}

/// Keeps the `top` entries with the most articles (ties: the smaller key, which sorts as the value does), in
/// no particular order.
fn keep_most<K: Ord>(items: &mut Vec<(K, u64)>, top: usize) {
    let by_count = |a: &(K, u64), b: &(K, u64)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    if items.len() > top && top > 0 {
        items.select_nth_unstable_by(top - 1, by_count);
    }
    items.truncate(top);
}

/// One value's count in a segment, and the last article counted for it.
#[derive(Clone, Copy, Default)]
struct Tally {
    count: u32,
    /// `doc + 1` of the last article that counted (0: none yet).
    last: u32,
}

/// Counts each distinct value of article `doc` once, even if it was stored twice (or two of its variants count
/// under one name). Branch-free: the article's mark sits beside the count, on the cache line the increment
/// loads anyway, so nothing waits on a comparison with the article's other values (comparing each value with
/// those before it, and branching on that, was about a quarter of a broad facet query at 10x).
#[inline]
fn count_value(tallies: &mut [Tally], ord: u64, doc: DocId) {
    if let Some(tally) = tallies.get_mut(ord as usize) {
        let mark = doc.wrapping_add(1);
        tally.count += u32::from(tally.last != mark);
        tally.last = mark;
    }
}

/// Each ordinal of `ords` replaced by the one it is counted under.
fn remap_all(ords: &mut [u64], remap: &[u64]) {
    for ord in ords {
        if let Some(to) = remap.get(*ord as usize) {
            *ord = *to;
        }
    }
}

/// The ordinals of one segment's column counted under one per entity: every variant of a canonical name under
/// the canonical name's ordinal (or, when the segment lacks it, its first variant's). `None` when no variant
/// occurs in the segment.
fn remap_ordinals(column: &StrColumn, aliases: &HashMap<String, String>) -> Option<Vec<u64>> {
    if aliases.is_empty() {
        return None;
    }
    let canonical_names: std::collections::HashSet<&str> = aliases.values().map(String::as_str).collect();
    // One pass over the dictionary: thousands of single-term lookups cost more than reading it all.
    let mut variants: Vec<(u64, &str)> = Vec::new();
    let mut canonical_ords: HashMap<&str, u64> = HashMap::new();
    let mut stream = column.dictionary().stream().ok()?;
    while stream.advance() {
        let Ok(name) = std::str::from_utf8(stream.key()) else {
            continue;
        };
        if let Some(canonical) = aliases.get(name) {
            variants.push((stream.term_ord(), canonical.as_str()));
        } else if let Some(canonical) = canonical_names.get(name) {
            canonical_ords.insert(canonical, stream.term_ord());
        }
    }
    if variants.is_empty() {
        return None;
    }
    let mut remap: Vec<u64> = (0..column.num_terms() as u64).collect();
    for (from, canonical) in variants {
        let to = *canonical_ords.entry(canonical).or_insert(from);
        if let Some(slot) = remap.get_mut(from as usize) {
            *slot = to;
        }
    }
    Some(remap)
}

impl FieldFruit {
    /// Decoded values under their canonical names.
    fn named(&self, counts: Vec<FacetCount>) -> Vec<FacetCount> {
        let Some(aliases) = &self.aliases else {
            return counts;
        };
        counts
            .into_iter()
            .map(|count| match aliases.get(&count.value) {
                Some(canonical) => FacetCount {
                    value: canonical.clone(),
                    count: count.count,
                },
                None => count,
            })
            .collect()
    }

    /// The values of `ords` (ascending, with their counts), decoded in one sorted pass over the dictionary;
    /// nothing when the dictionary is damaged (the values lose their names rather than failing the search).
    fn decode(&self, ords: &[(u64, u64)]) -> SortedValues {
        let Some(column) = &self.column else {
            return SortedValues::default();
        };
        let counts = ords.iter().map(|(_, count)| *count).collect();
        let ords: Vec<u64> = ords.iter().map(|(ord, _)| *ord).collect();
        let mut out = SortedValues {
            counts,
            ..SortedValues::default()
        };
        let resolved = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
            out.arena.extend_from_slice(bytes);
            out.ends.push(out.arena.len());
        });
        if !matches!(resolved, Ok(true)) || out.ends.len() != out.counts.len() {
            return SortedValues::default();
        }
        out
    }
}

/// Per-segment part of [`FacetCollector`].
pub struct FacetSegmentCollector {
    segment: SegmentId,
    docs: u64,
    columns: Vec<Option<SegmentColumn>>,
}

struct SegmentColumn {
    column: StrColumn,
    /// Per term ordinal, the ordinal it is counted under (the canonical name's, or one variant's when the
    /// segment lacks the canonical name); `None` without aliases.
    remap: Option<Remap>,
    aliases: Option<VariantMap>,
    /// Per term ordinal: matching articles with the value.
    counts: Vec<Tally>,
    with_value: u64,
    /// The ordinals of the current article.
    ords: Vec<u64>,
    /// A block's documents (one entry per value), the values' rows and the values: read a block at a time,
    /// as tantivy's own aggregations do, instead of one document at a time.
    block_docs: Vec<DocId>,
    block_rows: Vec<u32>,
    block_ords: Vec<u64>,
}

impl Collector for FacetCollector {
    type Fruit = (u64, Vec<Facet>);
    type Child = FacetSegmentCollector;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<FacetSegmentCollector> {
        let fast = segment.fast_fields();
        let mut columns = Vec::with_capacity(self.fields.len());
        for (field, aliases) in self.fields.iter().zip(&self.aliases) {
            columns.push(fast.str(field.column())?.map(|column| SegmentColumn {
                counts: vec![Tally::default(); column.num_terms()],
                remap: match &self.cache {
                    Some(cache) => cache.remap(segment.segment_id(), *field, &column, aliases),
                    None => remap_ordinals(&column, aliases).map(Arc::new),
                },
                aliases: (!aliases.is_empty()).then(|| aliases.clone()),
                column,
                with_value: 0,
                ords: Vec::new(),
                block_docs: Vec::new(),
                block_rows: Vec::new(),
                block_ords: Vec::new(),
            }));
        }
        Ok(FacetSegmentCollector {
            segment: segment.segment_id(),
            docs: 0,
            columns,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetFruit>) -> tantivy::Result<(u64, Vec<Facet>)> {
        let docs: u64 = fruits.iter().map(|f| f.docs).sum();
        let mut per_field: Vec<Vec<FieldFruit>> = (0..self.fields.len()).map(|_| Vec::new()).collect();
        for fruit in fruits {
            for (field, part) in per_field.iter_mut().zip(fruit.fields) {
                field.push(part);
            }
        }
        let facets = self
            .fields
            .iter()
            .zip(per_field)
            .map(|(field, parts)| {
                let with_value = parts.iter().map(|p| p.with_value).sum();
                let globals = match (&self.cache, parts.len()) {
                    (Some(cache), 2..) => cache.globals(*field, &parts),
                    _ => None,
                };
                let (distinct, top) = match (parts.as_slice(), globals.as_deref()) {
                    ([], _) => (0, Vec::new()),
                    // Several segments, numbered once: counts add up by number, only the top are named.
                    (_, Some(globals)) => count_by_global(globals, &parts, self.top),
                    // One segment (the usual case: `lede index` merges): ordinals sort as their values do, so
                    // the top values are chosen before any is decoded.
                    ([part], None) => {
                        let mut chosen = part.counts.clone();
                        keep_most(&mut chosen, self.top);
                        chosen.sort_unstable();
                        (part.counts.len(), part.named(part.decode(&chosen).into_counts()))
                    }
                    // Several segments with aliases: a value's name is known only once decoded and renamed.
                    _ if parts.iter().any(|p| p.aliases.is_some()) => {
                        let mut merged: HashMap<String, u64> = HashMap::new();
                        for part in &parts {
                            for count in part.named(part.decode(&part.counts).into_counts()) {
                                *merged.entry(count.value).or_default() += count.count;
                            }
                        }
                        let top = merged
                            .into_iter()
                            .map(|(value, count)| FacetCount { value, count })
                            .collect::<Vec<_>>();
                        (top.len(), top)
                    }
                    // Several segments: their ordinals differ, so values are merged by name. Each segment's
                    // values come out of its dictionary in sorted order, so a k-way merge sums them without
                    // hashing, and only the top ones become strings.
                    _ => {
                        let decoded: Vec<SortedValues> = parts.iter().map(|p| p.decode(&p.counts)).collect();
                        let mut heap = BinaryHeap::new();
                        for (segment, values) in decoded.iter().enumerate() {
                            if let Some(bytes) = values.bytes(0) {
                                heap.push(Reverse((bytes, segment, 0usize)));
                            }
                        }
                        let mut merged: Vec<(&[u8], u64)> = Vec::new();
                        while let Some(Reverse((bytes, segment, i))) = heap.pop() {
                            let count = decoded[segment].counts[i];
                            match merged.last_mut() {
                                Some((last, n)) if *last == bytes => *n += count,
                                _ => merged.push((bytes, count)),
                            }
                            if let Some(next) = decoded[segment].bytes(i + 1) {
                                heap.push(Reverse((next, segment, i + 1)));
                            }
                        }
                        let distinct = merged.len();
                        keep_most(&mut merged, self.top);
                        let top = merged
                            .into_iter()
                            .map(|(bytes, count)| FacetCount {
                                value: String::from_utf8_lossy(bytes).into_owned(),
                                count,
                            })
                            .collect::<Vec<_>>();
                        (distinct, top)
                    }
                };
                let mut facet = Facet {
                    field: *field,
                    articles: docs,
                    articles_with_value: with_value,
                    distinct,
                    top,
                };
                keep_top(&mut facet, self.top);
                facet
            })
            .collect();
        Ok((docs, facets))
    }
}

impl SegmentCollector for FacetSegmentCollector {
    type Fruit = FacetFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.docs += 1;
        for column in self.columns.iter_mut().flatten() {
            column.ords.clear();
            column.ords.extend(column.column.term_ords(doc));
            if let Some(remap) = &column.remap {
                remap_all(&mut column.ords, remap);
            }
            if column.ords.is_empty() {
                continue;
            }
            column.with_value += 1;
            for &ord in &column.ords {
                count_value(&mut column.counts, ord, doc);
            }
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.docs += docs.len() as u64;
        for column in self.columns.iter_mut().flatten() {
            column.block_docs.clear();
            column.block_rows.clear();
            let ords = column.column.ords();
            ords.row_ids_for_docs(docs, &mut column.block_docs, &mut column.block_rows);
            column.block_ords.clear();
            column.block_ords.resize(column.block_rows.len(), 0);
            ords.values.get_vals(&column.block_rows, &mut column.block_ords);
            if let Some(remap) = &column.remap {
                remap_all(&mut column.block_ords, remap);
            }
            // Values come grouped by document, in document order.
            let mut previous = None;
            for (&doc, &ord) in column.block_docs.iter().zip(&column.block_ords) {
                column.with_value += u64::from(previous != Some(doc));
                previous = Some(doc);
                count_value(&mut column.counts, ord, doc);
            }
        }
    }

    fn harvest(self) -> FacetFruit {
        let fields = self
            .columns
            .into_iter()
            .map(|column| {
                let Some(column) = column else {
                    return FieldFruit {
                        segment: self.segment,
                        with_value: 0,
                        counts: Vec::new(),
                        column: None,
                        aliases: None,
                    };
                };
                FieldFruit {
                    segment: self.segment,
                    with_value: column.with_value,
                    counts: column
                        .counts
                        .iter()
                        .enumerate()
                        .filter(|(_, tally)| tally.count > 0)
                        .map(|(ord, tally)| (ord as u64, u64::from(tally.count)))
                        .collect(),
                    column: Some(column.column),
                    aliases: column.aliases,
                }
            })
            .collect();
        FacetFruit {
            docs: self.docs,
            fields,
        }
    }
}

/// The `top` values of `parts` (one per segment) and how many occurred, their counts added up under `globals`.
fn count_by_global(globals: &GlobalOrdinals, parts: &[FieldFruit], top: usize) -> (usize, Vec<FacetCount>) {
    let mut sums = vec![0u64; globals.names.len()];
    for (part, map) in parts.iter().zip(&globals.maps) {
        for &(ord, count) in &part.counts {
            if let Some(&id) = map.get(ord as usize) {
                sums[id as usize] += count;
            }
        }
    }
    let mut counted: Vec<(&str, u64)> = sums
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(id, &n)| (globals.names[id].as_str(), n))
        .collect();
    let distinct = counted.len();
    keep_most(&mut counted, top);
    let top = counted
        .into_iter()
        .map(|(value, count)| FacetCount {
            value: value.to_owned(),
            count,
        })
        .collect();
    (distinct, top)
}

/// Sorts `facet.top` (most articles first, ties by value) and keeps the first `top`.
fn keep_top(facet: &mut Facet, top: usize) {
    let by_count = |a: &FacetCount, b: &FacetCount| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value));
    if facet.top.len() > top && top > 0 {
        facet.top.select_nth_unstable_by(top - 1, by_count);
    }
    facet.top.truncate(top);
    facet.top.sort_unstable_by(by_count);
}

/// Counts `fields` over every article matching `request` (its paging is ignored) and keeps the `top` values of each.
pub fn facets(engine: &Engine, request: &SearchRequest, fields: &[FacetField], top: usize) -> Result<Vec<Facet>> {
    let searcher = engine.searcher();
    let built = engine.prepare(request, &searcher)?;
    let cache = engine.facet_cache();
    let live: Vec<SegmentId> = searcher.segment_readers().iter().map(|r| r.segment_id()).collect();
    cache.keep_segments(&live);
    let collector = FacetCollector::with_top(fields, top).with_cached_aliases(engine.aliases(), cache);
    let (_, facets) = crate::segments::search(&searcher, built.matching(), &collector)?;
    Ok(facets)
}

#[cfg(test)]
mod tests;
