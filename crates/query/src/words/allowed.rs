//! What the operands beside a words query make of a segment: the documents it may match (what its filters and
//! the other required operands hold, and its exclusions do not), and what the scoring ones add to each.

use tantivy::{DocId, Score, TERMINATED};

/// The operands beside a words query, in one segment.
#[derive(Debug, Clone)]
pub(crate) struct Beside {
    pub(crate) allowed: Allowed,
    /// What required operands that score add to each allowed document (`None`: only filters, which add nothing).
    pub(crate) bonus: Option<Bonus>,
}

impl Beside {
    /// The most any document gets from the operands beside the words.
    pub(crate) fn max_bonus(&self) -> Score {
        self.bonus.as_ref().map_or(0.0, |bonus| bonus.max)
    }

    /// What `doc` gets from the operands beside the words.
    #[inline]
    pub(crate) fn bonus(&self, doc: DocId) -> Score {
        self.bonus
            .as_ref()
            .and_then(|bonus| bonus.scores.get(doc as usize).copied())
            .unwrap_or(0.0)
    }
}

/// A score per document of a segment, and the highest.
#[derive(Debug, Clone)]
pub(crate) struct Bonus {
    scores: Vec<Score>,
    max: Score,
}

impl Bonus {
    pub(crate) fn new(max_doc: DocId) -> Bonus {
        Bonus {
            scores: vec![0.0; max_doc as usize],
            max: 0.0,
        }
    }

    pub(crate) fn add(&mut self, doc: DocId, score: Score) {
        if let Some(at) = self.scores.get_mut(doc as usize) {
            *at += score;
            self.max = self.max.max(*at);
        }
    }
}

/// A bitset over a segment's documents.
#[derive(Debug, Clone)]
pub(crate) struct Allowed {
    bits: Vec<u64>,
}

impl Allowed {
    /// Every document below `max_doc`.
    pub(crate) fn all(max_doc: DocId) -> Allowed {
        let max_doc = max_doc as usize;
        let mut bits = vec![u64::MAX; max_doc.div_ceil(64)];
        if let (Some(last), tail @ 1..) = (bits.last_mut(), max_doc % 64) {
            *last = (1u64 << tail) - 1;
        }
        Allowed { bits }
    }

    /// No document below `max_doc`.
    pub(crate) fn none(max_doc: DocId) -> Allowed {
        Allowed {
            bits: vec![0; (max_doc as usize).div_ceil(64)],
        }
    }

    pub(crate) fn insert(&mut self, doc: DocId) {
        if let Some(word) = self.bits.get_mut(doc as usize / 64) {
            *word |= 1u64 << (doc % 64);
        }
    }

    pub(crate) fn remove(&mut self, doc: DocId) {
        if let Some(word) = self.bits.get_mut(doc as usize / 64) {
            *word &= !(1u64 << (doc % 64));
        }
    }

    /// Keeps only the documents `other` holds too.
    pub(crate) fn intersect(&mut self, other: &Allowed) {
        for (word, other) in self.bits.iter_mut().zip(&other.bits) {
            *word &= other;
        }
    }

    pub(crate) fn contains(&self, doc: DocId) -> bool {
        self.bits
            .get(doc as usize / 64)
            .is_some_and(|word| word >> (doc % 64) & 1 == 1)
    }

    /// The first allowed document at or after `doc`, `TERMINATED` when there is none.
    pub(crate) fn next(&self, doc: DocId) -> DocId {
        let mut at = doc as usize / 64;
        let Some(&first) = self.bits.get(at) else {
            return TERMINATED;
        };
        let mut word = first & (u64::MAX << (doc % 64));
        loop {
            if word != 0 {
                return (at * 64) as DocId + word.trailing_zeros();
            }
            at += 1;
            match self.bits.get(at) {
                Some(&next) => word = next,
                None => return TERMINATED,
            }
        }
    }

    /// The 64 documents from `from` on, as the bits of a word (bit `i`: document `from + i`).
    #[inline]
    pub(crate) fn word_at(&self, from: DocId) -> u64 {
        let (at, shift) = (from as usize / 64, from % 64);
        let low = self.bits.get(at).copied().unwrap_or(0) >> shift;
        if shift == 0 {
            return low;
        }
        low | self.bits.get(at + 1).copied().unwrap_or(0) << (64 - shift)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_and_words_read_across_word_boundaries() {
        let mut allowed = Allowed::none(300);
        for doc in [3, 64, 130, 299] {
            allowed.insert(doc);
        }
        assert_eq!(allowed.next(0), 3);
        assert_eq!(allowed.next(4), 64);
        assert_eq!(allowed.next(65), 130);
        assert_eq!(allowed.next(131), 299);
        assert_eq!(allowed.next(300), TERMINATED);
        // From 3: documents 3 and 64 are bits 0 and 61.
        assert_eq!(allowed.word_at(3), 1 | 1 << 61);
        assert_eq!(allowed.word_at(128), 1 << 2);
        allowed.remove(64);
        assert!(!allowed.contains(64));
        assert_eq!(allowed.next(4), 130);
        let all = Allowed::all(70);
        assert_eq!(all.word_at(64), (1 << 6) - 1);
        assert!(all.contains(69) && !all.contains(70));
    }
}
