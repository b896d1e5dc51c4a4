//! The nine IOB2 labels the tagger predicts and their legal transitions.

use crate::EntityKind;

/// Number of labels: `O` plus `B-`/`I-` for four kinds.
pub(crate) const N_TAGS: usize = 9;

/// Label names in index order.
pub(crate) const TAG_NAMES: [&str; N_TAGS] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

/// The label index of a tag name; unknown names (and IOB1-only spellings we do not know) map to `O`.
pub(crate) fn tag_index(name: &str) -> u8 {
    TAG_NAMES.iter().position(|t| *t == name).map_or(0, |i| i as u8)
}

/// The entity kind of a non-`O` label.
pub(crate) fn tag_kind(tag: u8) -> Option<EntityKind> {
    match tag {
        1 | 2 => Some(EntityKind::Person),
        3 | 4 => Some(EntityKind::Organization),
        5 | 6 => Some(EntityKind::Location),
        7 | 8 => Some(EntityKind::Misc),
        _ => None,
    }
}

/// Whether `tag` is an `I-` label.
pub(crate) fn is_inside(tag: u8) -> bool {
    tag != 0 && tag & 1 == 0
}

/// Whether label `to` may follow label `from` in IOB2 (`from == None` is the sentence start).
pub(crate) fn allowed(from: Option<u8>, to: u8) -> bool {
    if !is_inside(to) {
        return true;
    }
    match from {
        None => false,
        Some(f) => f == to || f + 1 == to,
    }
}

/// Entity spans `(start, end_exclusive, kind)` of one IOB2 label sequence.
pub(crate) fn spans(tags: &[u8]) -> Vec<(usize, usize, EntityKind)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let Some(kind) = tag_kind(tags[i]) else {
            i += 1;
            continue;
        };
        let begin = if is_inside(tags[i]) { tags[i] - 1 } else { tags[i] };
        let mut j = i + 1;
        while j < tags.len() && tags[j] == begin + 1 {
            j += 1;
        }
        out.push((i, j, kind));
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions_follow_iob2() {
        assert!(allowed(None, 1));
        assert!(!allowed(None, 2));
        assert!(allowed(Some(1), 2));
        assert!(allowed(Some(2), 2));
        assert!(!allowed(Some(3), 2));
        assert!(!allowed(Some(0), 4));
    }

    #[test]
    fn spans_of_a_sentence() {
        let tags: Vec<u8> = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"]
            .iter()
            .map(|t| tag_index(t))
            .collect();
        assert_eq!(
            spans(&tags),
            vec![
                (0, 2, EntityKind::Person),
                (3, 4, EntityKind::Location),
                (4, 6, EntityKind::Location)
            ]
        );
    }
}
