//! The tagger's per-thread cache of word types: word → entry, bounded, keeping the most used types when full.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap;

/// Words up to this many bytes (nearly all of them) are keyed inline: comparing a key is then three integer
/// compares in the table's own memory, not a call to `memcmp` behind a pointer to a separate allocation.
const INLINE: usize = 23;

/// A word of at most [`INLINE`] bytes, zero-padded, its length in the last byte.
#[derive(Clone, Copy, PartialEq, Eq)]
struct InlineWord([u64; 3]);

impl InlineWord {
    fn new(word: &str) -> Option<InlineWord> {
        let bytes = word.as_bytes();
        if bytes.len() > INLINE {
            return None;
        }
        let mut buf = [0u8; 24];
        buf[..bytes.len()].copy_from_slice(bytes);
        buf[INLINE] = bytes.len() as u8;
        let word = |i: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&buf[i * 8..i * 8 + 8]);
            u64::from_le_bytes(w)
        };
        Some(InlineWord([word(0), word(1), word(2)]))
    }
}

impl Hash for InlineWord {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        for w in self.0 {
            state.write_u64(w);
        }
    }
}

/// Word types and their entries, at most `limit` of them once [`WordCache::trim`] has run.
pub(crate) struct WordCache<T> {
    short: FxHashMap<InlineWord, u32>,
    long: FxHashMap<Box<str>, u32>,
    entries: Vec<T>,
    /// Look-ups of each entry since the last trim.
    uses: Vec<u32>,
}

impl<T> Default for WordCache<T> {
    fn default() -> Self {
        WordCache {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
            entries: Vec::new(),
            uses: Vec::new(),
        }
    }
}

impl<T> WordCache<T> {
    /// The id of a cached word, counting the use.
    #[inline]
    pub(crate) fn get(&mut self, word: &str) -> Option<u32> {
        let id = match InlineWord::new(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }
        .copied()?;
        if let Some(n) = self.uses.get_mut(id as usize) {
            *n = n.saturating_add(1);
        }
        Some(id)
    }

    /// Caches a word that [`WordCache::get`] did not find; returns its id.
    pub(crate) fn insert(&mut self, word: &str, entry: T) -> u32 {
        let id = self.entries.len() as u32;
        self.entries.push(entry);
        self.uses.push(1);
        match InlineWord::new(word) {
            Some(key) => self.short.insert(key, id),
            None => self.long.insert(word.into(), id),
        };
        id
    }

    /// The entries, indexed by the ids `get` and `insert` returned since the last `trim` or `clear`.
    pub(crate) fn entries(&self) -> &[T] {
        &self.entries
    }

    pub(crate) fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
        self.entries.clear();
        self.uses.clear();
    }

    /// When more than `limit` types are cached, keeps the `limit / 2` used most since the last trim and drops
    /// the rest. Dropping everything would make every common word (`the`, `said`) a new type again; keeping
    /// half leaves room for as many new types before the next trim. Ids change.
    pub(crate) fn trim(&mut self, limit: usize) {
        if self.entries.len() <= limit {
            return;
        }
        let keep = limit / 2;
        let mut order: Vec<u32> = (0..self.entries.len() as u32).collect();
        order.select_nth_unstable_by_key(keep, |&id| std::cmp::Reverse(self.uses[id as usize]));
        let mut new_id = vec![u32::MAX; self.entries.len()];
        let mut kept = order[..keep].to_vec();
        kept.sort_unstable();
        for (n, &old) in kept.iter().enumerate() {
            new_id[old as usize] = n as u32;
        }
        let mut n = 0;
        self.entries.retain(|_| {
            n += 1;
            new_id[n - 1] != u32::MAX
        });
        self.uses.clear();
        self.uses.resize(self.entries.len(), 0);
        let remap = |id: &mut u32| {
            *id = new_id[*id as usize];
            *id != u32::MAX
        };
        self.short.retain(|_, id| remap(id));
        self.long.retain(|_, id| remap(id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_words_are_found_again() {
        let mut cache = WordCache::default();
        let long = "Massachusetts-Institute-of-Technology";
        let a = cache.insert("Obama", 1);
        let b = cache.insert(long, 2);
        assert_eq!(cache.get("Obama"), Some(a));
        assert_eq!(cache.get(long), Some(b));
        assert_eq!(cache.get("Obam"), None);
        assert_eq!(cache.get("Obama\0"), None);
        assert_eq!(cache.entries()[b as usize], 2);
    }

    #[test]
    fn trimming_keeps_the_most_used_half() {
        let mut cache = WordCache::default();
        let words: Vec<String> = (0..10).map(|i| format!("w{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            cache.insert(w, i);
        }
        for _ in 0..3 {
            for w in &words[5..] {
                cache.get(w);
            }
        }
        cache.trim(10);
        assert_eq!(cache.entries().len(), 10);
        cache.trim(8);
        assert_eq!(cache.entries().len(), 4);
        let ids: Vec<u32> = words.iter().filter_map(|w| cache.get(w)).collect();
        let kept: Vec<usize> = ids.iter().map(|&id| cache.entries()[id as usize]).collect();
        assert_eq!(kept.len(), 4);
        assert!(kept.iter().all(|&i| i >= 5));
    }
}
