//! Near-duplicate fingerprints: a 64-bit SimHash over word 3-shingles.
//!
//! Wire copy republished by several outlets differs in a few words (a dateline,
//! a correction, a trimmed last paragraph); its SimHash differs in a few bits.

use xxhash_rust::xxh3::xxh3_64;

/// SimHash of `text` over lower-cased word 3-shingles; 0 for texts under 3 words.
pub fn simhash(text: &str) -> u64 {
    // The lower-cased words, one space between each, in one buffer: a shingle is then a slice of it, not a
    // string built from three copies. `ends[i]` is where word `i` ends.
    let mut lower = String::with_capacity(text.len());
    let mut ends: Vec<usize> = Vec::new();
    for word in words(text) {
        if !ends.is_empty() {
            lower.push(' ');
        }
        if word.is_ascii() {
            lower.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            // `str::to_lowercase`, not per character: a final sigma lower-cases to `ς`.
            lower.push_str(&word.to_lowercase());
        }
        ends.push(lower.len());
    }
    if ends.len() < 3 {
        return 0;
    }
    // Bit counts, eight at a time: byte `k` of `lanes[j]` counts the shingles with bit `8j + k` set. A
    // table spreads each byte of a hash over the bytes of a word, so a shingle costs eight adds, not 64.
    let mut set = [0u32; 64];
    let mut lanes = [0u64; 8];
    let mut pending = 0u32;
    let shingles = ends.len() - 2;
    for i in 0..shingles {
        let start = if i == 0 { 0 } else { ends[i - 1] + 1 };
        let h = xxh3_64(&lower.as_bytes()[start..ends[i + 2]]);
        for (j, lane) in lanes.iter_mut().enumerate() {
            *lane += SPREAD[usize::from((h >> (8 * j)) as u8)];
        }
        pending += 1;
        // A byte counter holds 255 before it would carry into its neighbour.
        if pending == 255 {
            drain(&mut lanes, &mut set);
            pending = 0;
        }
    }
    drain(&mut lanes, &mut set);
    // A bit is set where more shingles have it than not.
    set.iter().enumerate().fold(
        0u64,
        |acc, (bit, &n)| if 2 * n as usize > shingles { acc | 1 << bit } else { acc },
    )
}

/// The words of `text`: maximal runs of alphanumeric characters, as `text.split(|c| !c.is_alphanumeric())`
/// gives them without the empty pieces, with ASCII bytes classified without decoding.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while i < bytes.len() {
            let b = bytes[i];
            let (alphanumeric, width) = if b.is_ascii() {
                (b.is_ascii_alphanumeric(), 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric(), c.len_utf8())
            };
            match (alphanumeric, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => return Some(&text[s..i]),
                _ => {}
            }
            i += width;
        }
        start.map(|s| &text[s..])
    })
}

/// `SPREAD[b]` has byte `k` equal to bit `k` of `b`.
const SPREAD: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut k = 0;
        while k < 8 {
            if (b >> k) & 1 == 1 {
                table[b] |= 1 << (8 * k);
            }
            k += 1;
        }
        b += 1;
    }
    table
};

/// Adds the byte counters of `lanes` to `set` and clears them.
fn drain(lanes: &mut [u64; 8], set: &mut [u32; 64]) {
    for (j, lane) in lanes.iter_mut().enumerate() {
        for k in 0..8 {
            set[8 * j + k] += ((*lane >> (8 * k)) & 0xff) as u32;
        }
        *lane = 0;
    }
}

/// Number of differing bits between two fingerprints.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fingerprint as first written, lower-casing a copy of every word: indexes built before keep matching.
    fn simhash_reference(text: &str) -> u64 {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.len() < 3 {
            return 0;
        }
        let mut counts = [0i32; 64];
        for window in words.windows(3) {
            let h = xxh3_64(window.join(" ").as_bytes());
            for (bit, count) in counts.iter_mut().enumerate() {
                *count += if h >> bit & 1 == 1 { 1 } else { -1 };
            }
        }
        counts
            .iter()
            .enumerate()
            .fold(0u64, |acc, (bit, c)| if *c > 0 { acc | 1 << bit } else { acc })
    }

    #[test]
    fn borrowed_lower_case_words_give_the_same_fingerprint() {
        for text in [
            "The Senate voted on Tuesday to approve a bill, 52-48.",
            "ÉLYSÉE: Macron’s office said Straße and İstanbul, ΣΊΣΥΦΟΣ Σ. 2019 U.S. officials",
            "a b c d e f g h",
            "MS-13 gang members were ARRESTED in New York on 3 counts",
            "ΟΔΥΣΣΕΥΣ ΚΑΙ ΣΙΣΥΦΟΣ, Ünïcödé—dashes…and ‘quotes’ 中文 字符 ǅungla ÅNGSTRÖM",
            "  leading and trailing separators?! ",
        ] {
            assert_eq!(simhash(text), simhash_reference(text), "{text}");
        }
        // Past the 255 shingles a byte counter holds before it is drained, and ties (even shingle counts).
        let long: String = (0..2000).map(|i| format!("w{} ", i % 97)).collect();
        for text in [long.as_str(), &long[..1203], &long[..5], "a b c d"] {
            assert_eq!(simhash(text), simhash_reference(text), "{text}");
        }
    }

    #[test]
    fn near_copies_are_close_and_other_texts_far() {
        let a = "The Senate voted on Tuesday to approve a bill that funds the government through September, averting a shutdown that would have closed agencies across the country and furloughed hundreds of thousands of workers.";
        let b = "WASHINGTON (AP) The Senate voted on Tuesday to approve a bill that funds the government through September, averting a shutdown that would have closed agencies across the country and furloughed thousands of workers.";
        let c = "Mexico's president proposed a judicial reform that would have judges elected by popular vote, drawing criticism from investors and the United States ambassador, who warned of risks to trade and the rule of law.";
        assert!(
            distance(simhash(a), simhash(b)) <= 16,
            "{}",
            distance(simhash(a), simhash(b))
        );
        assert!(
            distance(simhash(a), simhash(c)) >= 22,
            "{}",
            distance(simhash(a), simhash(c))
        );
        assert_eq!(simhash("too short"), 0);
    }
}
