//! The feature hash: a fixed, platform-independent 64-bit hash (FxHash rounds, little-endian words, and a
//! splitmix finaliser), so a model trained on one machine reads the same weights on every other.
//!
//! It is frozen by the model format (a feature's hash picks its weight row), so it stays written out here;
//! the crate's hash maps use `rustc_hash`, whose output may change between its versions.

/// Streaming hash of one feature: a template number followed by strings and integers.
#[derive(Clone, Copy)]
pub(crate) struct FeatureHash(u64);

const K: u64 = 0x517c_c1b7_2722_0a95;

impl FeatureHash {
    /// Starts the hash of a feature of template `template`.
    #[inline]
    pub(crate) fn new(template: u32) -> FeatureHash {
        FeatureHash(0x9e37_79b9_7f4a_7c15).u64(u64::from(template))
    }

    /// Adds an integer.
    #[inline]
    pub(crate) fn u64(self, x: u64) -> FeatureHash {
        FeatureHash((self.0.rotate_left(5) ^ x).wrapping_mul(K))
    }

    /// Adds a string (its length too, so `"ab","c"` and `"a","bc"` differ).
    #[inline]
    pub(crate) fn str(self, s: &str) -> FeatureHash {
        let mut h = self;
        let mut chunks = s.as_bytes().chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            h = h.u64(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            h = h.u64(u64::from_le_bytes(word));
        }
        h.u64(s.len() as u64)
    }

    /// The final, well-mixed value.
    #[inline]
    pub(crate) fn finish(self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOLDEN: u64 = 10_635_983_033_839_032_639;

    #[test]
    fn hashing_is_deterministic_and_fixed() {
        let a = FeatureHash::new(3).str("Clinton").u64(2).finish();
        let b = FeatureHash::new(3).str("Clinton").u64(2).finish();
        assert_eq!(a, b);
        // The value itself is part of the model format: it must not change between builds or machines.
        assert_eq!(a, FeatureHash::new(3).str("Clinton").u64(2).finish());
        assert_eq!(FeatureHash::new(1).str("Obama").finish(), GOLDEN);
        assert_ne!(
            FeatureHash::new(3).str("ab").str("c").finish(),
            FeatureHash::new(3).str("a").str("bc").finish()
        );
        assert_ne!(
            FeatureHash::new(3).str("x").finish(),
            FeatureHash::new(4).str("x").finish()
        );
    }
}
