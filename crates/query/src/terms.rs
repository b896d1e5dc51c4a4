//! Walking a field's term dictionaries, segment by segment.

use tantivy::schema::Field;
use tantivy::Searcher;

/// Calls `visit(term bytes, articles holding it in that segment)` for every term of `field` in every segment
/// (deleted articles not subtracted); segments whose dictionary cannot be read are passed over.
pub(crate) fn for_each_term(searcher: &Searcher, field: Field, mut visit: impl FnMut(&[u8], u32)) {
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        let Ok(mut stream) = inverted.terms().stream() else {
            continue;
        };
        while stream.advance() {
            visit(stream.key(), stream.value().doc_freq);
        }
    }
}
