//! Proximity: the best-ranked articles of a run of words are re-scored by how often consecutive query words
//! stand close together, in order, in their headline and body (the ordered-window part of the sequential
//! dependence model). A pasted sentence or a half-remembered lead finds its own article this way.

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Score, Searcher, Term};

/// How the proximity bonus is computed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proximity {
    /// Weight of a pair's bonus against the words' own BM25 scores (0: off).
    pub weight: Score,
    /// Two words count as close when the second follows the first within this many positions.
    pub window: u32,
    /// How many of the best articles are re-scored.
    pub depth: usize,
}

/// Adds to each score in `hits` (the best articles of the query, best first) the proximity bonus of `stems`
/// (the run's content words in the order typed) over `fields`, and sorts again. A pair scores
/// `weight · idf · c / (c + 1)` for `c` close occurrences, `idf` the mean of the two words' idf.
pub(crate) fn rerank(
    searcher: &Searcher,
    fields: &[Field],
    stems: &[String],
    proximity: &Proximity,
    hits: &mut [(Score, DocAddress)],
) -> tantivy::Result<()> {
    if proximity.weight <= 0.0 || stems.len() < 2 || hits.is_empty() {
        return Ok(());
    }
    let depth = hits.len().min(proximity.depth);
    let docs = searcher.num_docs().max(1);
    let idf: Vec<Score> = stems
        .iter()
        .map(|stem| {
            let df = fields
                .iter()
                .map(|f| searcher.doc_freq(&Term::from_field_text(*f, stem)).unwrap_or(0))
                .max()
                .unwrap_or(0);
            let (n, df) = (docs as Score, df.min(docs) as Score);
            (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
        })
        .collect();
    // Documents in index order, segment by segment, so each posting list only moves forward.
    let mut order: Vec<usize> = (0..depth).collect();
    order.sort_by_key(|&i| (hits[i].1.segment_ord, hits[i].1.doc_id));
    let mut bonus = vec![0.0 as Score; depth];
    let mut start = 0;
    while start < order.len() {
        let segment_ord = hits[order[start]].1.segment_ord;
        let end = start + order[start..].partition_point(|&i| hits[i].1.segment_ord == segment_ord);
        let segment = searcher.segment_reader(segment_ord);
        for field in fields {
            let inverted = segment.inverted_index(*field)?;
            let mut postings: Vec<Option<SegmentPostings>> = Vec::with_capacity(stems.len());
            for stem in stems {
                let term = Term::from_field_text(*field, stem);
                postings.push(inverted.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)?);
            }
            let mut positions: Vec<Vec<u32>> = vec![Vec::new(); stems.len()];
            for &i in &order[start..end] {
                let doc = hits[i].1.doc_id;
                for (p, out) in postings.iter_mut().zip(positions.iter_mut()) {
                    out.clear();
                    if let Some(p) = p {
                        if p.doc() <= doc && p.seek(doc) == doc {
                            p.positions(out);
                        }
                    }
                }
                for pair in 0..stems.len() - 1 {
                    if stems[pair] == stems[pair + 1] {
                        continue;
                    }
                    let close = close_pairs(&positions[pair], &positions[pair + 1], proximity.window);
                    if close > 0 {
                        let close = close as Score;
                        bonus[i] += (idf[pair] + idf[pair + 1]) / 2.0 * close / (close + 1.0);
                    }
                }
            }
        }
        start = end;
    }
    for (hit, bonus) in hits.iter_mut().zip(bonus) {
        hit.0 += proximity.weight * bonus;
    }
    hits[..depth].sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| (a.1.segment_ord, a.1.doc_id).cmp(&(b.1.segment_ord, b.1.doc_id)))
    });
    Ok(())
}

/// How many positions in `first` have a position of `second` after them within `window`.
fn close_pairs(first: &[u32], second: &[u32], window: u32) -> u32 {
    let mut count = 0;
    let mut j = 0;
    for &p in first {
        while j < second.len() && second[j] <= p {
            j += 1;
        }
        if j < second.len() && second[j] - p <= window {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::close_pairs;

    #[test]
    fn close_pairs_counts_ordered_neighbours_within_the_window() {
        assert_eq!(close_pairs(&[1, 10], &[2, 20], 1), 1);
        assert_eq!(close_pairs(&[1, 10], &[3, 12], 2), 2);
        assert_eq!(close_pairs(&[5], &[4], 3), 0, "order matters");
        assert_eq!(close_pairs(&[], &[1], 3), 0);
    }
}
