//! The corpus's own fields (AllSides' `bias_text`, `topic`; a front matter's `tags`; the `folder` of a file):
//! `NAME:value` in queries, `--where NAME=VALUE`, facets, every value of a field, and which fields there are.
//!
//! The index holds them in the JSON field `meta`, names and values lower-cased (see `lede_indexer::meta_key`),
//! one raw token per value, with a fast column per name. Which names there are is read from the term
//! dictionary: each term is `name \0 s value`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use lede_indexer::{field_named, meta_key, meta_value, Fields};
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use crate::build::filter;
use crate::collections::{collections, expand, COLLECTION};
use crate::error::{Error, Result};
use crate::facets::{facets, FacetCount, FacetField};
use crate::parse::{parse_with, MetaFields, ParsedQuery};
use crate::search::{Engine, SearchRequest};

/// The term of metadata field `name` holding `value` (both any case).
fn meta_term(fields: &Fields, name: &str, value: &str) -> Term {
    let mut term = Term::from_field_json_path(fields.meta, &meta_key(name), true);
    term.append_type_and_str(&meta_value(value));
    term
}

/// Articles whose metadata field `name` holds `value` (case-insensitive, the whole value).
pub(crate) fn meta_query(fields: &Fields, name: &str, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(meta_term(fields, name, value), IndexRecordOption::Basic))
}

/// The `--where` filters, as queries that score nothing.
pub(crate) fn where_filters(fields: &Fields, filters: &[(String, String)]) -> Vec<Box<dyn Query>> {
    filters
        .iter()
        .map(|(name, value)| filter(meta_query(fields, name, value)))
        .collect()
}

/// `name` as the term dictionary spells a path: dots are segment separators.
fn path_bytes(name: &str) -> Vec<u8> {
    meta_key(name).replace('.', "\u{1}").into_bytes()
}

/// The metadata fields of the index as the parser asks about them (and `collection` when there are some).
struct IndexMetaFields<'a> {
    searcher: &'a Searcher,
    collections: bool,
}

impl MetaFields for IndexMetaFields<'_> {
    fn has(&self, name: &str) -> bool {
        (self.collections && name == COLLECTION) || has_field(self.searcher, name)
    }

    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = field_values(self.searcher).into_keys().collect();
        if self.collections {
            names.push(COLLECTION.to_owned());
        }
        names
    }
}

/// Parses `query` knowing the index's metadata fields and the collections in use (`collection:NAME` becomes
/// the collection's values).
pub(crate) fn parse_for(searcher: &Searcher, query: &str) -> Result<ParsedQuery> {
    let in_use = collections();
    let mut parsed = parse_with(
        query,
        &IndexMetaFields {
            searcher,
            collections: !in_use.is_empty(),
        },
    )?;
    if !in_use.is_empty() {
        parsed.root = expand(parsed.root, &in_use)?;
    }
    Ok(parsed)
}

/// `request` limited to the articles whose `field` holds `value` (as `--where field=value`), or, for
/// `collection`, to the articles of that collection.
pub fn restrict(engine: &Engine, request: &SearchRequest, field: &str, value: &str) -> Result<SearchRequest> {
    let mut out = request.clone();
    if field.trim().eq_ignore_ascii_case(COLLECTION) && !collections().is_empty() {
        let value = value.replace('"', "");
        let query = request.query.trim();
        out.query = if query.is_empty() {
            format!("{COLLECTION}:\"{value}\"")
        } else {
            format!("({query}) AND {COLLECTION}:\"{value}\"")
        };
    } else {
        add_where(engine, &mut out, &format!("{field}={value}"))?;
    }
    Ok(out)
}

/// Whether some article has the metadata field `name`.
pub fn has_field(searcher: &Searcher, name: &str) -> bool {
    let Ok(field) = searcher.schema().get_field(lede_indexer::column::META) else {
        return false;
    };
    let mut prefix = path_bytes(name);
    prefix.push(0);
    let mut end = prefix.clone();
    if let Some(last) = end.last_mut() {
        *last = 1;
    }
    searcher.segment_readers().iter().any(|segment| {
        let Ok(inverted) = segment.inverted_index(field) else {
            return false;
        };
        let Ok(mut stream) = inverted.terms().range().ge(&prefix).lt(&end).into_stream() else {
            return false;
        };
        stream.advance()
    })
}

/// Every metadata field with its distinct values (lower-cased), from the term dictionaries.
fn field_values(searcher: &Searcher) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let Ok(field) = searcher.schema().get_field(lede_indexer::column::META) else {
        return out;
    };
    crate::terms::for_each_term(searcher, field, |key, _| {
        let Some(end) = key.iter().position(|&b| b == 0) else {
            return;
        };
        // After the path: a type byte (`s` for text), then the value.
        let (path, rest) = key.split_at(end);
        let value = rest.get(2..).unwrap_or_default();
        let name = String::from_utf8_lossy(path).replace('\u{1}', ".");
        out.entry(name)
            .or_default()
            .insert(String::from_utf8_lossy(value).into_owned());
    });
    out
}

/// One metadata field of the index, for `lede stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MetaFieldStats {
    /// The field's name (lower-case).
    pub name: String,
    /// Distinct values (lower-cased).
    pub distinct: u64,
}

/// Every metadata field of the index with its number of distinct values, by name.
pub fn metadata_fields(searcher: &Searcher) -> Vec<MetaFieldStats> {
    field_values(searcher)
        .into_iter()
        .map(|(name, values)| MetaFieldStats {
            name,
            distinct: values.len() as u64,
        })
        .collect()
}

/// Fails for a metadata field the index does not have, listing the ones it has.
fn check_field(searcher: &Searcher, name: &str) -> Result<()> {
    if has_field(searcher, name) {
        return Ok(());
    }
    let names: Vec<String> = field_values(searcher).into_keys().collect();
    let listed = if names.is_empty() {
        "this index has none".to_owned()
    } else {
        names.join(", ")
    };
    Err(Error::Query(format!(
        "unknown field `{name}`; lede's fields: person, organization, location, source, author; this corpus's fields: {listed}"
    )))
}

/// Adds `--where NAME=VALUE` to `request`: a name field of lede's (`source=…`, `person=…`) becomes a name
/// filter, any other name a metadata field of the index (an error, listing the fields, when there is none).
pub fn add_where(engine: &Engine, request: &mut SearchRequest, spec: &str) -> Result<()> {
    let Some((name, value)) = spec.split_once('=') else {
        return Err(Error::Query(format!(
            "--where `{spec}` is not NAME=VALUE (for example --where bias_text=left)"
        )));
    };
    let (name, value) = (name.trim(), value.trim());
    if name.is_empty() || value.is_empty() {
        return Err(Error::Query(format!("--where `{spec}` needs a field name and a value")));
    }
    if let Some(field) = name_field(name) {
        request.filters.names.push((field, value.to_owned()));
        return Ok(());
    }
    check_field(&engine.searcher(), name)?;
    request.filters.meta.push((meta_key(name), value.to_owned()));
    Ok(())
}

/// lede's name field (`source`, `person`, `org`, …) called `name`, if it is one.
pub(crate) fn name_field(name: &str) -> Option<crate::parse::NameField> {
    use crate::parse::NameField;
    let column = field_named(name)?.column;
    [
        NameField::Person,
        NameField::Organization,
        NameField::Location,
        NameField::Source,
        NameField::Author,
        NameField::Language,
    ]
    .into_iter()
    .find(|f| f.raw_field() == column)
}

/// A field to count: one of lede's facet fields or a metadata field, with how many values to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetSpec {
    /// The name as the user wrote it (lower-case for metadata fields).
    pub name: String,
    /// lede's own field, or `None` for a metadata field.
    pub builtin: Option<FacetField>,
    /// Values to keep (`FIELD:N`).
    pub top: usize,
}

/// Parses `--facets bias_text,topic:20,person`: lede's facet fields and the index's metadata fields, each with
/// an optional `:N` (top N values, else `default_top`). An unknown name is an error listing both kinds.
pub fn parse_facets(searcher: &Searcher, spec: &str, default_top: usize) -> Result<Vec<FacetSpec>> {
    let mut out: Vec<FacetSpec> = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, top) = match part.rsplit_once(':') {
            Some((name, n)) => {
                let top = n.trim().parse::<usize>().ok().filter(|n| *n > 0).ok_or_else(|| {
                    Error::Query(format!(
                        "--facets `{part}`: after `:` comes a number of values, at least 1"
                    ))
                })?;
                (name.trim(), top)
            }
            None => (part, default_top),
        };
        let builtin = name.parse::<FacetField>().ok();
        if builtin.is_none() {
            check_field(searcher, name).map_err(|e| match e {
                Error::Query(m) => Error::Query(m.replace("unknown field", "unknown facet")),
                other => other,
            })?;
        }
        let name = builtin.map_or_else(|| meta_key(name), |f| f.name().to_owned());
        if !out.iter().any(|f| f.name == name) {
            out.push(FacetSpec { name, builtin, top });
        }
    }
    Ok(out)
}

/// The counts of one field over all matching articles (lede's or a metadata field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldCounts {
    /// The field.
    pub field: String,
    /// Matching articles.
    pub articles: u64,
    /// Matching articles with at least one value.
    pub articles_with_value: u64,
    /// Distinct values among them.
    pub distinct: usize,
    /// The most frequent values, most articles first (ties by value).
    pub top: Vec<FacetCount>,
}

/// Counts every field of `specs` over the articles matching `request` (paging ignored).
pub fn count_fields(engine: &Engine, request: &SearchRequest, specs: &[FacetSpec]) -> Result<Vec<FieldCounts>> {
    let searcher = engine.searcher();
    let mut out = Vec::with_capacity(specs.len());
    let meta: Vec<&FacetSpec> = specs.iter().filter(|s| s.builtin.is_none()).collect();
    let mut meta_counts = if meta.is_empty() {
        Vec::new()
    } else {
        let built = engine.prepare(request, &searcher)?;
        let names: Vec<String> = meta.iter().map(|s| s.name.clone()).collect();
        crate::segments::search(&searcher, &built.query, &MetaFacetCollector { names })?
    }
    .into_iter();
    for spec in specs {
        match spec.builtin {
            Some(field) => {
                for facet in facets(engine, request, &[field], spec.top)? {
                    out.push(FieldCounts {
                        field: spec.name.clone(),
                        articles: facet.articles,
                        articles_with_value: facet.articles_with_value,
                        distinct: facet.distinct,
                        top: facet.top,
                    });
                }
            }
            None => {
                if let Some(mut counts) = meta_counts.next() {
                    keep_top(&mut counts.top, spec.top);
                    out.push(counts);
                }
            }
        }
    }
    Ok(out)
}

fn keep_top(values: &mut Vec<FacetCount>, top: usize) {
    values.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    values.truncate(top);
}

/// Counts the values of metadata fields (their fast columns) over the matching articles.
struct MetaFacetCollector {
    names: Vec<String>,
}

struct MetaSegment {
    docs: u64,
    columns: Vec<Option<(StrColumn, Vec<u32>, u64)>>,
    ords: Vec<u64>,
}

struct MetaFruit {
    docs: u64,
    /// Per field: (value, articles) and articles with a value.
    fields: Vec<(Vec<(String, u64)>, u64)>,
}

impl Collector for MetaFacetCollector {
    type Fruit = Vec<FieldCounts>;
    type Child = MetaSegment;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<MetaSegment> {
        let fast = segment.fast_fields();
        let mut columns = Vec::with_capacity(self.names.len());
        for name in &self.names {
            let column = fast.str(&format!("{}.{name}", lede_indexer::column::META))?;
            columns.push(column.map(|c| {
                let counts = vec![0u32; c.num_terms()];
                (c, counts, 0)
            }));
        }
        Ok(MetaSegment {
            docs: 0,
            columns,
            ords: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<MetaFruit>) -> tantivy::Result<Vec<FieldCounts>> {
        let docs = fruits.iter().map(|f| f.docs).sum();
        let mut merged: Vec<(HashMap<String, u64>, u64)> = (0..self.names.len()).map(|_| Default::default()).collect();
        for fruit in fruits {
            for ((counts, with_value), (values, with)) in merged.iter_mut().zip(fruit.fields) {
                *with_value += with;
                for (value, n) in values {
                    *counts.entry(value).or_default() += n;
                }
            }
        }
        Ok(self
            .names
            .iter()
            .zip(merged)
            .map(|(name, (counts, with_value))| {
                let mut top: Vec<FacetCount> = counts
                    .into_iter()
                    .map(|(value, count)| FacetCount { value, count })
                    .collect();
                keep_top(&mut top, usize::MAX);
                FieldCounts {
                    field: name.clone(),
                    articles: docs,
                    articles_with_value: with_value,
                    distinct: top.len(),
                    top,
                }
            })
            .collect())
    }
}

impl SegmentCollector for MetaSegment {
    type Fruit = MetaFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.docs += 1;
        for (column, counts, with_value) in self.columns.iter_mut().flatten() {
            self.ords.clear();
            self.ords.extend(column.term_ords(doc));
            if self.ords.is_empty() {
                continue;
            }
            *with_value += 1;
            self.ords.sort_unstable();
            self.ords.dedup();
            for &ord in &self.ords {
                if let Some(count) = counts.get_mut(ord as usize) {
                    *count += 1;
                }
            }
        }
    }

    fn harvest(self) -> MetaFruit {
        let fields = self
            .columns
            .into_iter()
            .map(|column| {
                let Some((column, counts, with_value)) = column else {
                    return (Vec::new(), 0);
                };
                let mut values = Vec::new();
                let mut bytes = Vec::new();
                for (ord, &count) in counts.iter().enumerate() {
                    if count == 0 {
                        continue;
                    }
                    bytes.clear();
                    if column.dictionary().ord_to_term(ord as u64, &mut bytes).unwrap_or(false) {
                        values.push((String::from_utf8_lossy(&bytes).into_owned(), u64::from(count)));
                    }
                }
                (values, with_value)
            })
            .collect();
        MetaFruit {
            docs: self.docs,
            fields,
        }
    }
}

/// Every value of `field` (lede's facet field or a metadata field) among the articles matching `request`, with
/// its number of articles, most first: `lede values source` lists every outlet.
pub fn field_values_of(engine: &Engine, request: &SearchRequest, field: &str) -> Result<FieldCounts> {
    let searcher = engine.searcher();
    if field.trim().eq_ignore_ascii_case(COLLECTION) && !collections().is_empty() {
        return collection_counts(engine, request);
    }
    let mut specs = parse_facets(&searcher, field, usize::MAX)?;
    let mut spec = specs
        .pop()
        .ok_or_else(|| Error::Query("`lede values` needs a field name, for example source or bias_text".into()))?;
    spec.top = usize::MAX;
    count_fields(engine, request, &[spec])?
        .pop()
        .ok_or_else(|| Error::Query(format!("no counts for `{field}`")))
}

/// The articles matching `request` in each collection in use, most first.
fn collection_counts(engine: &Engine, request: &SearchRequest) -> Result<FieldCounts> {
    let searcher = engine.searcher();
    let count = |r: &SearchRequest| -> Result<u64> {
        let built = engine.prepare(r, &searcher)?;
        Ok(crate::segments::search(&searcher, built.matching(), &tantivy::collector::Count)? as u64)
    };
    let names = collections().names();
    let mut top = Vec::with_capacity(names.len());
    for name in &names {
        let n = count(&restrict(engine, request, COLLECTION, name)?)?;
        if n > 0 {
            top.push(FacetCount {
                value: name.clone(),
                count: n,
            });
        }
    }
    keep_top(&mut top, usize::MAX);
    let mut any = request.clone();
    let either: Vec<String> = names.iter().map(|n| format!("{COLLECTION}:\"{n}\"")).collect();
    any.query = match request.query.trim() {
        "" => format!("({})", either.join(" OR ")),
        query => format!("({query}) AND ({})", either.join(" OR ")),
    };
    Ok(FieldCounts {
        field: COLLECTION.to_owned(),
        articles: count(request)?,
        articles_with_value: count(&any)?,
        distinct: top.len(),
        top,
    })
}
