//! What the features look words up in: word clusters learnt from news text, and the gazetteer.
//! Both travel inside the model file, so a model always sees the lexicon it was trained with.

use std::path::Path;

use rustc_hash::FxHashMap;

use crate::error::{Error, Result};
use crate::hash::FeatureHash;
use crate::tokenize::tokenize;

/// The hash of a lowercased token, shared by features, the gazetteer and document statistics.
#[inline]
pub(crate) fn lower_hash(lower: &str) -> u64 {
    FeatureHash::new(0xffff).str(lower).finish()
}

/// Word → cluster bitstring (`bits` holds the path, most significant step first; `len` its length).
#[derive(Debug, Default)]
pub(crate) struct Clusters {
    map: FxHashMap<Box<str>, (u32, u8)>,
}

impl Clusters {
    /// Parses `word<TAB>bitstring` lines (the format `lede ner clusters` writes).
    pub(crate) fn parse(text: &str, name: &Path) -> Result<Clusters> {
        let mut map = FxHashMap::default();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(word), Some(path)) = (cols.next(), cols.next()) else {
                return Err(Error::parse(name, n + 1, "expected `word<TAB>bitstring`"));
            };
            if path.is_empty() || path.len() > 32 || !path.bytes().all(|b| b == b'0' || b == b'1') {
                return Err(Error::parse(
                    name,
                    n + 1,
                    format!("`{path}` is not a bitstring of 1 to 32 bits"),
                ));
            }
            let bits = path.bytes().fold(0u32, |acc, b| (acc << 1) | u32::from(b - b'0'));
            map.insert(word.into(), (bits, path.len() as u8));
        }
        Ok(Clusters { map })
    }

    /// The cluster path of a word, if it was seen often enough in the news text.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<(u32, u8)> {
        self.map.get(word).copied()
    }

    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }
}

/// One gazetteer entry: its tokens (as lowercase hashes) and its category.
#[derive(Debug)]
struct GazetteerEntry {
    tokens: Box<[u64]>,
    category: u16,
}

/// A gazetteer match in a sentence: tokens `start..start+len` are an entry of `category`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GazetteerMatch {
    pub start: u32,
    pub len: u32,
    pub category: u16,
}

/// Lists of names by category (countries, capitals, parties, ...), matched case-insensitively.
#[derive(Debug, Default)]
pub(crate) struct Gazetteer {
    categories: Vec<String>,
    by_first: FxHashMap<u64, Vec<GazetteerEntry>>,
    entries: usize,
}

impl Gazetteer {
    /// Parses `category<TAB>entry` lines.
    pub(crate) fn parse(text: &str, name: &Path) -> Result<Gazetteer> {
        let mut gazetteer = Gazetteer::default();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let Some((category, entry)) = line.split_once('\t') else {
                return Err(Error::parse(name, n + 1, "expected `category<TAB>entry`"));
            };
            gazetteer.add(category, entry);
        }
        Ok(gazetteer)
    }

    /// Reads a directory of `CATEGORY.txt` files (one entry per line, `#` comments) into `category<TAB>entry`
    /// lines, the form stored in the model.
    pub(crate) fn read_dir(dir: &Path) -> Result<String> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        let mut out = String::new();
        for path in files {
            let category = path.file_stem().and_then(|s| s.to_str()).unwrap_or("other").to_string();
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            for line in text.lines() {
                let entry = line.split('#').next().unwrap_or("").trim();
                if !entry.is_empty() {
                    out.push_str(&category);
                    out.push('\t');
                    out.push_str(entry);
                    out.push('\n');
                }
            }
        }
        Ok(out)
    }

    fn add(&mut self, category: &str, entry: &str) {
        let category = match self.categories.iter().position(|c| c == category) {
            Some(i) => i as u16,
            None => {
                self.categories.push(category.to_string());
                (self.categories.len() - 1) as u16
            }
        };
        let tokens: Box<[u64]> = tokenize(entry)
            .concat()
            .iter()
            .map(|t| lower_hash(&t.text.to_lowercase()))
            .collect();
        let Some(&first) = tokens.first() else { return };
        let list = self.by_first.entry(first).or_default();
        if !list.iter().any(|e| e.tokens == tokens && e.category == category) {
            list.push(GazetteerEntry { tokens, category });
            self.entries += 1;
        }
    }

    /// Whether some entry starts with a token of this lowercase hash (cached per word type).
    #[inline]
    pub(crate) fn starts(&self, lower: u64) -> bool {
        self.by_first.contains_key(&lower)
    }

    /// All matches in a sentence given the lowercase hashes of its tokens and which of them start an entry.
    pub(crate) fn find(&self, lower: &[u64], starts: impl Fn(usize) -> bool, out: &mut Vec<GazetteerMatch>) {
        out.clear();
        for i in 0..lower.len() {
            if !starts(i) {
                continue;
            }
            let Some(list) = self.by_first.get(&lower[i]) else {
                continue;
            };
            for entry in list {
                let n = entry.tokens.len();
                if i + n <= lower.len() && lower[i..i + n] == *entry.tokens {
                    out.push(GazetteerMatch {
                        start: i as u32,
                        len: n as u32,
                        category: entry.category,
                    });
                }
            }
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteer_matches_multi_token_entries_case_insensitively() {
        let g = Gazetteer::parse(
            "country\tUnited States\ncountry\tU.S.\ncity\tNew York\n",
            Path::new("g"),
        )
        .expect("valid");
        let words = ["the", "UNITED", "States", "and", "u.s.", "New", "Jersey"];
        let lower: Vec<u64> = words.iter().map(|w| lower_hash(&w.to_lowercase())).collect();
        let mut out = Vec::new();
        g.find(&lower, |i| g.starts(lower[i]), &mut out);
        assert_eq!(
            out,
            vec![
                GazetteerMatch {
                    start: 1,
                    len: 2,
                    category: 0
                },
                GazetteerMatch {
                    start: 4,
                    len: 1,
                    category: 0
                }
            ]
        );
    }

    #[test]
    fn clusters_parse_bitstrings() {
        let c = Clusters::parse("Obama\t0110\nsaid\t1\n", Path::new("c")).expect("valid");
        assert_eq!(c.get("Obama"), Some((0b0110, 4)));
        assert!(Clusters::parse("x\t012\n", Path::new("c")).is_err());
    }
}
