//! Near-duplicates: the same wire copy republished by several outlets.
//!
//! Every body has a 64-bit SimHash over word 3-shingles (the `fingerprint`
//! fast field). Two articles are near-duplicates when their fingerprints differ
//! in at most `max_distance` bits. Finding those pairs is not quadratic: the 64
//! bits are cut into `max_distance + 1` bands, and two fingerprints within the
//! distance agree exactly on at least one band (pigeonhole), so only articles
//! sharing a band value are compared. Clusters are the connected pairs.
//!
//! A close fingerprint is not enough on real pages: a long boilerplate tail
//! (an outlet's related-links block, a site template) dominates the SimHash of
//! unrelated articles from one outlet. So each close pair is confirmed by its
//! leads: the word 3-shingles of the first sixty words must overlap (Jaccard
//! at least [`MIN_LEAD_OVERLAP`]); copies share their lead, template twins don't.
//!
//! Short bodies are left out: under [`MIN_WORDS`] words a SimHash is noisy
//! (a few shared phrases flip many bits) and boilerplate stubs collide.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use chrono::{DateTime, Utc};
use lede_indexer::{column, from_document};
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, TantivyDocument};

use crate::error::Result;
use crate::search::{Engine, Hit, SearchRequest};

/// Default largest Hamming distance between the fingerprints of two copies of one story (measured on AllSides:
/// see the crate README section on duplicates).
pub const DEFAULT_MAX_DISTANCE: u32 = 10;
/// Words at the start of a body compared to confirm a pair.
const LEAD_WORDS: usize = 60;
/// Smallest Jaccard overlap of the leads' word 3-shingles for a close pair to count as copies.
pub const MIN_LEAD_OVERLAP: f64 = 0.2;
/// Bodies with fewer words (index tokens) have no trustworthy fingerprint and are never clustered.
pub const MIN_WORDS: u32 = 50;

/// How near-duplicates are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DupOptions {
    /// Largest Hamming distance between fingerprints of one cluster's neighbours.
    pub max_distance: u32,
    /// Bodies shorter than this many words are left out.
    pub min_words: u32,
}

impl Default for DupOptions {
    fn default() -> DupOptions {
        DupOptions {
            max_distance: DEFAULT_MAX_DISTANCE,
            min_words: MIN_WORDS,
        }
    }
}

/// An article's fingerprint as read from the fast fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    /// Where the article lives.
    pub address: DocAddress,
    /// 64-bit SimHash of the body.
    pub fingerprint: u64,
    /// Publication time, seconds since 1970.
    pub published: Option<i64>,
}

/// Number of differing bits.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// Collects the fingerprints of matching articles with bodies of at least `min_words` words.
#[derive(Debug, Clone, Copy)]
pub struct FingerprintCollector {
    min_words: u32,
}

impl FingerprintCollector {
    /// Skips bodies under `min_words` words and fingerprints of 0 (no body).
    pub fn new(min_words: u32) -> FingerprintCollector {
        FingerprintCollector { min_words }
    }
}

/// Per-segment part of [`FingerprintCollector`].
pub struct FingerprintSegmentCollector {
    segment: SegmentOrdinal,
    min_words: u32,
    fingerprints: Column<u64>,
    dates: Column<tantivy::DateTime>,
    words: FieldNormReader,
    found: Vec<Fingerprint>,
}

impl Collector for FingerprintCollector {
    type Fruit = Vec<Fingerprint>;
    type Child = FingerprintSegmentCollector;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<FingerprintSegmentCollector> {
        let fast = segment.fast_fields();
        let body = segment.schema().get_field(column::BODY)?;
        Ok(FingerprintSegmentCollector {
            segment: segment_ord,
            min_words: self.min_words,
            fingerprints: fast.u64(column::FINGERPRINT)?,
            dates: fast.date(column::PUBLISHED)?,
            words: segment.get_fieldnorms_reader(body)?,
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Fingerprint>>) -> tantivy::Result<Vec<Fingerprint>> {
        let mut all: Vec<Fingerprint> = fruits.into_iter().flatten().collect();
        all.sort_unstable_by_key(|f| (f.address.segment_ord, f.address.doc_id));
        Ok(all)
    }
}

impl SegmentCollector for FingerprintSegmentCollector {
    type Fruit = Vec<Fingerprint>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(fingerprint) = self.fingerprints.first(doc).filter(|f| *f != 0) else {
            return;
        };
        if self.words.fieldnorm(doc) < self.min_words {
            return;
        }
        self.found.push(Fingerprint {
            address: DocAddress::new(self.segment, doc),
            fingerprint,
            published: self.dates.first(doc).map(|d| d.into_timestamp_secs()),
        });
    }

    fn harvest(self) -> Vec<Fingerprint> {
        self.found
    }
}

/// Bit ranges `[start, end)` of the `bands` bands of a 64-bit fingerprint.
fn bands(bands: u32) -> Vec<(u32, u32)> {
    let bands = bands.clamp(1, 64);
    (0..bands).map(|i| (i * 64 / bands, (i + 1) * 64 / bands)).collect()
}

fn band_value(fingerprint: u64, (start, end): (u32, u32)) -> u64 {
    let width = end - start;
    let mask = if width >= 64 { u64::MAX } else { (1u64 << width) - 1 };
    (fingerprint >> start) & mask
}

/// Every pair `(i, j, distance)` with `i < j` whose fingerprints are within `max_distance` bits.
///
/// Banding makes this near-linear for spread-out fingerprints; each pair is reported once.
pub fn close_pairs(fingerprints: &[u64], max_distance: u32) -> Vec<(usize, usize, u32)> {
    let mut pairs = Vec::new();
    let ranges = bands(max_distance + 1);
    let mut table: HashMap<u64, Vec<usize>> = HashMap::new();
    for (band_index, range) in ranges.iter().enumerate() {
        table.clear();
        for (i, f) in fingerprints.iter().enumerate() {
            table.entry(band_value(*f, *range)).or_default().push(i);
        }
        for members in table.values().filter(|m| m.len() > 1) {
            for (a, &i) in members.iter().enumerate() {
                for &j in &members[a + 1..] {
                    let d = distance(fingerprints[i], fingerprints[j]);
                    if d > max_distance {
                        continue;
                    }
                    // Report a pair only from the first band on which it agrees.
                    let first_shared = ranges
                        .iter()
                        .position(|r| band_value(fingerprints[i], *r) == band_value(fingerprints[j], *r));
                    if first_shared == Some(band_index) {
                        pairs.push((i.min(j), i.max(j), d));
                    }
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Hashed word 3-shingles of the first [`LEAD_WORDS`] words of `body`.
fn lead_shingles(body: &str) -> HashSet<u64> {
    let words: Vec<String> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(LEAD_WORDS)
        .map(str::to_lowercase)
        .collect();
    words
        .windows(3)
        .map(|w| {
            let mut hasher = DefaultHasher::new();
            w.hash(&mut hasher);
            hasher.finish()
        })
        .collect()
}

/// Jaccard overlap of two shingle sets (0 when both are empty).
fn overlap(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    let shared = a.intersection(b).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// Connected groups of `n` items joined by `pairs` (single linkage), each sorted, singletons left out.
fn groups(n: usize, pairs: &[(usize, usize, u32)]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for &(i, j, _) in pairs {
        let (a, b) = (root(&mut parent, i), root(&mut parent, j));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        by_root.entry(r).or_default().push(i);
    }
    by_root.into_values().filter(|g| g.len() > 1).collect()
}

/// One article of a cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterMember {
    /// Stable id.
    pub id: String,
    /// Headline.
    pub headline: String,
    /// Outlet.
    pub source: Option<String>,
    /// Publication date.
    pub published: Option<DateTime<Utc>>,
    /// Bits its fingerprint differs from the cluster's first article.
    pub distance: u32,
}

/// Articles that are copies of one story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    /// Articles in the cluster.
    pub size: usize,
    /// Outlets and how many of the cluster's articles each published, most first.
    pub outlets: Vec<(String, usize)>,
    /// Earliest publication date.
    pub first: Option<DateTime<Utc>>,
    /// Latest publication date.
    pub last: Option<DateTime<Utc>>,
    /// Headline of the earliest article.
    pub headline: String,
    /// The articles, earliest first (undated last).
    pub members: Vec<ClusterMember>,
}

/// Clusters of near-duplicates among the matching articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DupReport {
    /// Matching articles with a body long enough to compare.
    pub articles_compared: usize,
    /// Articles in some cluster.
    pub articles_in_clusters: usize,
    /// All clusters found (not only those listed).
    pub clusters_found: usize,
    /// Hamming distance used.
    pub max_distance: u32,
    /// The largest clusters, biggest first (ties: earliest first).
    pub clusters: Vec<Cluster>,
}

/// Finds clusters of near-duplicates among the articles matching `request` and describes the `limit` largest.
pub fn duplicates(engine: &Engine, request: &SearchRequest, options: DupOptions, limit: usize) -> Result<DupReport> {
    let searcher = engine.searcher();
    let built = engine.prepare(request, &searcher)?;
    let found = crate::segments::search(
        &searcher,
        built.matching(),
        &FingerprintCollector::new(options.min_words),
    )?;
    let fingerprints: Vec<u64> = found.iter().map(|f| f.fingerprint).collect();
    let fields = &engine.index().fields;
    let candidates = close_pairs(&fingerprints, options.max_distance);
    // Confirm each close pair by its leads; read each involved article once.
    let mut articles: HashMap<usize, (lede_article::Article, HashSet<u64>)> = HashMap::new();
    for &(i, j, _) in &candidates {
        for k in [i, j] {
            if let std::collections::hash_map::Entry::Vacant(slot) = articles.entry(k) {
                let doc: TantivyDocument = searcher.doc(found[k].address)?;
                let article = from_document(fields, &doc);
                let shingles = lead_shingles(&article.body);
                slot.insert((article, shingles));
            }
        }
    }
    let pairs: Vec<(usize, usize, u32)> = candidates
        .into_iter()
        .filter(|(i, j, _)| match (articles.get(i), articles.get(j)) {
            (Some(a), Some(b)) => overlap(&a.1, &b.1) >= MIN_LEAD_OVERLAP,
            _ => false,
        })
        .collect();
    let mut clusters = groups(found.len(), &pairs);
    let articles_in_clusters = clusters.iter().map(Vec::len).sum();
    let clusters_found = clusters.len();
    // Biggest first; among equals the earliest story first.
    let earliest = |g: &Vec<usize>| g.iter().filter_map(|&i| found[i].published).min().unwrap_or(i64::MAX);
    clusters.sort_by_cached_key(|g| (std::cmp::Reverse(g.len()), earliest(g), g[0]));
    clusters.truncate(limit);
    let mut described = Vec::with_capacity(clusters.len());
    for mut group in clusters {
        group.sort_by_key(|&i| (found[i].published.unwrap_or(i64::MAX), i));
        let lead = found[group[0]].fingerprint;
        let mut members = Vec::with_capacity(group.len());
        for &i in &group {
            let Some((article, _)) = articles.remove(&i) else {
                continue;
            };
            members.push(ClusterMember {
                id: article.id,
                headline: article.headline,
                source: article.source,
                published: article.published,
                distance: distance(lead, found[i].fingerprint),
            });
        }
        let mut outlets: HashMap<String, usize> = HashMap::new();
        for m in &members {
            *outlets.entry(m.source.clone().unwrap_or_default()).or_default() += 1;
        }
        let mut outlets: Vec<(String, usize)> = outlets.into_iter().filter(|(s, _)| !s.is_empty()).collect();
        outlets.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let dates: Vec<DateTime<Utc>> = members.iter().filter_map(|m| m.published).collect();
        described.push(Cluster {
            size: members.len(),
            outlets,
            first: dates.iter().min().copied(),
            last: dates.iter().max().copied(),
            headline: members[0].headline.clone(),
            members,
        });
    }
    Ok(DupReport {
        articles_compared: found.len(),
        articles_in_clusters,
        clusters_found,
        max_distance: options.max_distance,
        clusters: described,
    })
}

/// What identifies a copy: fingerprint and lead shingles.
type CopyKey = (u64, HashSet<u64>);

/// A hit that stands for itself and the lower-ranked near-copies folded into it.
#[derive(Debug, Clone)]
pub struct CollapsedHit {
    /// The best-ranked copy.
    pub hit: Hit,
    /// Lower-ranked copies folded into it, in rank order.
    pub similar: Vec<Hit>,
}

impl CollapsedHit {
    /// Distinct outlets of the folded copies, in rank order.
    pub fn similar_outlets(&self) -> Vec<String> {
        let mut outlets: Vec<String> = Vec::new();
        for hit in &self.similar {
            if let Some(source) = &hit.source {
                if !outlets.contains(source) {
                    outlets.push(source.clone());
                }
            }
        }
        outlets
    }
}

/// Folds each hit whose fingerprint is within `options.max_distance` bits of a better-ranked hit, and whose lead
/// overlaps that hit's lead, into that hit.
///
/// `hits` must be in rank order; short bodies are never folded. The caller should fetch more hits than it shows,
/// since a page shrinks by the copies folded away.
pub fn collapse(engine: &Engine, hits: Vec<Hit>, options: DupOptions) -> Result<Vec<CollapsedHit>> {
    let searcher = engine.searcher();
    let body = engine.index().fields.body;
    let fields = &engine.index().fields;
    // Each kept hit with its fingerprint and lead shingles (None: too short to fold or be folded into).
    let mut out: Vec<(Option<CopyKey>, CollapsedHit)> = Vec::with_capacity(hits.len());
    for hit in hits {
        let segment = searcher.segment_reader(hit.address.segment_ord);
        let doc = hit.address.doc_id;
        let fingerprint = segment
            .fast_fields()
            .u64(column::FINGERPRINT)?
            .first(doc)
            .filter(|f| *f != 0);
        let long_enough = segment.get_fieldnorms_reader(body)?.fieldnorm(doc) >= options.min_words;
        let key = match fingerprint.filter(|_| long_enough) {
            Some(f) => {
                let stored: TantivyDocument = searcher.doc(hit.address)?;
                Some((f, lead_shingles(&from_document(fields, &stored).body)))
            }
            None => None,
        };
        let into = key.as_ref().and_then(|(f, lead)| {
            out.iter().position(|(kept, _)| {
                kept.as_ref().is_some_and(|(k, kept_lead)| {
                    distance(*k, *f) <= options.max_distance && overlap(kept_lead, lead) >= MIN_LEAD_OVERLAP
                })
            })
        });
        match into {
            Some(i) => out[i].1.similar.push(hit),
            None => out.push((
                key,
                CollapsedHit {
                    hit,
                    similar: Vec::new(),
                },
            )),
        }
    }
    Ok(out.into_iter().map(|(_, c)| c).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair within the distance, the slow way.
    fn brute(fingerprints: &[u64], k: u32) -> Vec<(usize, usize, u32)> {
        let mut out = Vec::new();
        for i in 0..fingerprints.len() {
            for j in i + 1..fingerprints.len() {
                let d = distance(fingerprints[i], fingerprints[j]);
                if d <= k {
                    out.push((i, j, d));
                }
            }
        }
        out
    }

    #[test]
    fn banding_finds_exactly_the_pairs_brute_force_finds() {
        // A deterministic spread of fingerprints, plus copies with a few bits flipped.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut fingerprints = Vec::new();
        for _ in 0..300 {
            let base = next();
            fingerprints.push(base);
            let flips = next() % 9;
            let mut copy = base;
            for _ in 0..flips {
                copy ^= 1 << (next() % 64);
            }
            fingerprints.push(copy);
        }
        for k in [0, 3, 4, 6, 8] {
            assert_eq!(close_pairs(&fingerprints, k), brute(&fingerprints, k), "k = {k}");
        }
    }

    #[test]
    fn bands_cover_all_bits_once() {
        for n in [1, 4, 5, 7, 64] {
            let ranges = bands(n);
            assert_eq!(ranges.len(), n as usize);
            assert_eq!(ranges.first().map(|r| r.0), Some(0));
            assert_eq!(ranges.last().map(|r| r.1), Some(64));
            assert!(ranges.windows(2).all(|w| w[0].1 == w[1].0));
        }
        assert_eq!(band_value(u64::MAX, (0, 64)), u64::MAX);
        assert_eq!(band_value(0xF0, (4, 8)), 0xF);
    }

    #[test]
    fn leads_of_copies_overlap_and_of_template_twins_do_not() {
        let a = lead_shingles(
            "WASHINGTON (Reuters) - The Senate voted on Tuesday to approve a spending bill that funds the government.",
        );
        let b = lead_shingles(
            "The Senate voted on Tuesday to approve a spending bill that funds the government through September.",
        );
        let c = lead_shingles(
            "Story highlights Mexico's president proposed a judicial reform that would have judges elected.",
        );
        assert!(overlap(&a, &b) >= MIN_LEAD_OVERLAP, "{}", overlap(&a, &b));
        assert!(overlap(&a, &c) < MIN_LEAD_OVERLAP, "{}", overlap(&a, &c));
        assert_eq!(overlap(&HashSet::new(), &HashSet::new()), 0.0);
    }

    #[test]
    fn groups_join_chains_and_drop_singletons() {
        let g = groups(6, &[(0, 2, 1), (2, 5, 3), (3, 4, 0)]);
        assert_eq!(g, vec![vec![0, 2, 5], vec![3, 4]]);
    }
}
