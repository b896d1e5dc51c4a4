//! Learning word clusters from unlabelled news text, the way Brown clusters are used for NER: words that occur
//! in similar contexts get bitstrings with long common prefixes, and features use prefixes of several lengths.
//!
//! The method is cheaper than Brown's merge clustering: each frequent word is described by its positive
//! pointwise mutual information with the words just before and after it, that sparse vector is randomly
//! projected to a few hundred dimensions, and the words are split in two by spherical 2-means, recursively;
//! the path of left/right choices is the word's bitstring.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::tokenize::tokenize;

/// How to learn clusters.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Words seen fewer times are not clustered.
    pub min_count: u32,
    /// At most this many (most frequent) words are clustered.
    pub max_words: usize,
    /// The most frequent words that serve as left and right contexts.
    pub contexts: usize,
    /// Dimensions of the random projection.
    pub dimensions: usize,
    /// Maximum bitstring length.
    pub depth: u8,
    /// Stop reading after this many articles (all when `None`).
    pub max_articles: Option<usize>,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            min_count: 4,
            max_words: 120_000,
            contexts: 2000,
            dimensions: 256,
            depth: 20,
            max_articles: None,
        }
    }
}

/// A milestone of [`learn_clusters`].
#[derive(Debug, Clone)]
pub struct ClusterProgress {
    /// What is being done.
    pub phase: String,
    /// Items done in this phase (articles read, levels split, ...).
    pub done: usize,
}

#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    content_original: Option<String>,
}

const SENTENCE_END: u32 = u32::MAX;

fn corpus_files(corpus: &Path) -> Result<Vec<PathBuf>> {
    if corpus.is_file() {
        return Ok(vec![corpus.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus)
        .map_err(|e| Error::io(corpus, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".jsonl.gz") || name.ends_with(".jsonl")
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Error::Training(format!(
            "{} holds no .jsonl or .jsonl.gz files",
            corpus.display()
        )));
    }
    Ok(files)
}

/// Calls `f(title, body)` for each article of a JSON Lines corpus (a `.jsonl`/`.jsonl.gz` file or a directory
/// of them; fields `title` and `content_original`), stopping after `limit` articles.
fn for_each_article(corpus: &Path, limit: Option<usize>, f: &mut dyn FnMut(&str, &str)) -> Result<()> {
    let mut seen = 0usize;
    for path in corpus_files(corpus)? {
        let file = std::fs::File::open(&path).map_err(|e| Error::io(&path, e))?;
        let reader: Box<dyn BufRead> = if path.extension().is_some_and(|x| x == "gz") {
            Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
        } else {
            Box::new(BufReader::new(file))
        };
        for (n, line) in reader.lines().enumerate() {
            if limit.is_some_and(|m| seen >= m) {
                return Ok(());
            }
            let line = line.map_err(|e| Error::io(&path, e))?;
            if line.trim().is_empty() {
                continue;
            }
            let record: Record = serde_json::from_str(&line)
                .map_err(|e| Error::parse(&path, n + 1, format!("not a JSON article: {e}")))?;
            f(
                record.title.as_deref().unwrap_or(""),
                record.content_original.as_deref().unwrap_or(""),
            );
            seen += 1;
        }
    }
    Ok(())
}

/// Headline and body of the first `limit` articles of a JSON Lines news corpus (a `.jsonl`/`.jsonl.gz` file or
/// a directory of them, with `title` and `content_original` fields, as the AllSides corpus has).
pub fn read_jsonl_articles(corpus: &Path, limit: Option<usize>) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for_each_article(corpus, limit, &mut |title, body| {
        out.push((title.to_string(), body.to_string()))
    })?;
    Ok(out)
}

/// Learns clusters from JSON Lines articles (`title` and `content_original` fields; `.jsonl.gz` or `.jsonl`, a
/// file or a directory of them) and returns the table as `word<TAB>bitstring` lines, most frequent word first.
pub fn learn_clusters(
    corpus: &Path,
    opts: &ClusterOptions,
    progress: &mut dyn FnMut(ClusterProgress),
) -> Result<String> {
    // 1. Token ids of the whole corpus, sentence ends marked.
    let mut ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
    let mut words: Vec<Box<str>> = Vec::new();
    let mut counts: Vec<u64> = Vec::new();
    let mut text: Vec<u32> = Vec::new();
    let mut articles = 0usize;
    for_each_article(corpus, opts.max_articles, &mut |title, body| {
        for field in [title, body] {
            for sentence in tokenize(field) {
                for token in sentence {
                    let word = token.text.as_ref();
                    let id = match ids.get(word) {
                        Some(&id) => id,
                        None => {
                            let id = words.len() as u32;
                            ids.insert(word.into(), id);
                            words.push(word.into());
                            counts.push(0);
                            id
                        }
                    };
                    counts[id as usize] += 1;
                    text.push(id);
                }
                text.push(SENTENCE_END);
            }
        }
        articles += 1;
        if articles.trailing_zeros() >= 13 {
            progress(ClusterProgress {
                phase: "reading articles".into(),
                done: articles,
            });
        }
    })?;
    drop(ids);
    progress(ClusterProgress {
        phase: "read articles".into(),
        done: articles,
    });

    // 2. Vocabulary and context words, by frequency.
    let mut by_count: Vec<u32> = (0..words.len() as u32).collect();
    by_count.sort_by(|&a, &b| {
        counts[b as usize]
            .cmp(&counts[a as usize])
            .then(words[a as usize].cmp(&words[b as usize]))
    });
    let vocab: Vec<u32> = by_count
        .iter()
        .copied()
        .filter(|&w| counts[w as usize] >= u64::from(opts.min_count))
        .take(opts.max_words)
        .collect();
    if vocab.len() < 2 {
        return Err(Error::Training(format!(
            "{} has too little text to cluster",
            corpus.display()
        )));
    }
    let mut vocab_index = vec![u32::MAX; words.len()];
    for (i, &w) in vocab.iter().enumerate() {
        vocab_index[w as usize] = i as u32;
    }
    let contexts = opts.contexts.min(by_count.len());
    let mut context_index = vec![contexts as u32; words.len()]; // the last index: any rarer word
    for (i, &w) in by_count.iter().take(contexts).enumerate() {
        context_index[w as usize] = i as u32;
    }
    let side = contexts as u64 + 2; // + rare word + sentence boundary
    let boundary = contexts as u64 + 1;

    // 3. Co-occurrence counts with the word before and after.
    let mut pairs: FxHashMap<u64, u32> = FxHashMap::default();
    let ctx = |id: u32| {
        if id == SENTENCE_END {
            boundary
        } else {
            u64::from(context_index[id as usize])
        }
    };
    for i in 0..text.len() {
        let w = text[i];
        if w == SENTENCE_END || vocab_index[w as usize] == u32::MAX {
            continue;
        }
        let v = u64::from(vocab_index[w as usize]);
        let left = if i == 0 { boundary } else { ctx(text[i - 1]) };
        let right = if i + 1 == text.len() {
            boundary
        } else {
            ctx(text[i + 1])
        };
        *pairs.entry((v << 32) | left).or_default() += 1;
        *pairs.entry((v << 32) | (side + right)).or_default() += 1;
    }
    drop(text);
    progress(ClusterProgress {
        phase: "counted context pairs".into(),
        done: pairs.len(),
    });
    // In key order, not the map's: the float sums below then do not depend on the hash function.
    let mut pairs: Vec<(u64, u32)> = pairs.into_iter().collect();
    pairs.sort_unstable_by_key(|&(key, _)| key);

    // 4. PPMI (context distribution smoothed with exponent 0.75), randomly projected.
    let n_ctx = (2 * side) as usize;
    let mut row_sum = vec![0f64; vocab.len()];
    let mut col_sum = vec![0f64; n_ctx];
    for &(key, c) in &pairs {
        row_sum[(key >> 32) as usize] += f64::from(c);
        col_sum[(key & 0xffff_ffff) as usize] += f64::from(c);
    }
    let total: f64 = row_sum.iter().sum();
    let smoothed: Vec<f64> = col_sum.iter().map(|c| c.powf(0.75)).collect();
    let smoothed_total: f64 = smoothed.iter().sum();
    let dims = opts.dimensions.max(8);
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let projection: Vec<f32> = (0..n_ctx * dims)
        .map(|_| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            if rng & 1 == 0 {
                1.0
            } else {
                -1.0
            }
        })
        .collect();
    let mut vectors = vec![0f32; vocab.len() * dims];
    for &(key, c) in &pairs {
        let (v, k) = ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
        let pmi = ((f64::from(c) / total) / ((row_sum[v] / total) * (smoothed[k] / smoothed_total))).ln();
        if pmi <= 0.0 {
            continue;
        }
        let (target, r) = (
            &mut vectors[v * dims..(v + 1) * dims],
            &projection[k * dims..(k + 1) * dims],
        );
        for d in 0..dims {
            target[d] += pmi as f32 * r[d];
        }
    }
    drop(pairs);
    for v in vectors.chunks_mut(dims) {
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
        v.iter_mut().for_each(|x| *x /= norm);
    }

    // 5. Recursive spherical 2-means; the path is the bitstring.
    let mut paths: Vec<(u32, u8)> = vec![(0, 0); vocab.len()];
    let mut stack: Vec<(Vec<u32>, u32, u8)> = vec![((0..vocab.len() as u32).collect(), 0, 0)];
    let mut splits = 0usize;
    while let Some((members, path, depth)) = stack.pop() {
        for &m in &members {
            paths[m as usize] = (path, depth);
        }
        if depth >= opts.depth.min(31) || members.len() < 4 {
            continue;
        }
        let (left, right) = bisect(&members, &vectors, dims);
        if left.is_empty() || right.is_empty() {
            continue;
        }
        splits += 1;
        if splits.trailing_zeros() >= 13 {
            progress(ClusterProgress {
                phase: "splitting clusters".into(),
                done: splits,
            });
        }
        stack.push((right, (path << 1) | 1, depth + 1));
        stack.push((left, path << 1, depth + 1));
    }
    let mut out = String::with_capacity(vocab.len() * 24);
    for (i, &w) in vocab.iter().enumerate() {
        let (path, len) = paths[i];
        if len == 0 {
            continue;
        }
        out.push_str(&words[w as usize]);
        out.push('\t');
        for b in (0..len).rev() {
            out.push(if (path >> b) & 1 == 1 { '1' } else { '0' });
        }
        out.push('\n');
    }
    progress(ClusterProgress {
        phase: "clustered words".into(),
        done: vocab.len(),
    });
    Ok(out)
}

/// Splits `members` (indices of unit vectors, most frequent first) in two by spherical 2-means, seeded with the
/// most frequent word and the word least like it.
fn bisect(members: &[u32], vectors: &[f32], dims: usize) -> (Vec<u32>, Vec<u32>) {
    let vector = |m: u32| &vectors[m as usize * dims..(m as usize + 1) * dims];
    let dot = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
    let first = vector(members[0]).to_vec();
    let far = members
        .iter()
        .copied()
        .min_by(|&a, &b| dot(vector(a), &first).total_cmp(&dot(vector(b), &first)));
    let mut centroids = [first, vector(far.unwrap_or(members[0])).to_vec()];
    let mut side = vec![false; members.len()];
    for _ in 0..6 {
        let mut changed = false;
        for (i, &m) in members.iter().enumerate() {
            let v = vector(m);
            let right = dot(v, &centroids[1]) > dot(v, &centroids[0]);
            changed |= right != side[i];
            side[i] = right;
        }
        let mut sums = [vec![0f32; dims], vec![0f32; dims]];
        for (i, &m) in members.iter().enumerate() {
            let sum = &mut sums[usize::from(side[i])];
            for (s, x) in sum.iter_mut().zip(vector(m)) {
                *s += x;
            }
        }
        for (c, s) in centroids.iter_mut().zip(sums) {
            let norm = s.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                *c = s.into_iter().map(|x| x / norm).collect();
            }
        }
        if !changed {
            break;
        }
    }
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (i, &m) in members.iter().enumerate() {
        if side[i] {
            right.push(m)
        } else {
            left.push(m)
        }
    }
    (left, right)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_prefix() {
        let dir = std::env::temp_dir().join(format!("lede-clusters-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let mut lines = String::new();
        for i in 0..60 {
            let (a, b) = (["Paris", "London", "Berlin"][i % 3], ["Smith", "Jones", "Brown"][i % 3]);
            lines.push_str(&format!(
                "{{\"title\":\"x\",\"content_original\":\"They flew to {a} on Monday. Mr. {b} said no. They flew to {a} again.\"}}\n"
            ));
        }
        std::fs::write(dir.join("a.jsonl"), lines).expect("write");
        let opts = ClusterOptions {
            min_count: 2,
            contexts: 50,
            dimensions: 64,
            ..ClusterOptions::default()
        };
        let table = learn_clusters(&dir, &opts, &mut |_| {}).expect("clusters");
        let path = |w: &str| {
            table
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{w}\t")).map(String::from))
                .expect("clustered")
        };
        let common = |a: &str, b: &str| path(a).chars().zip(path(b).chars()).take_while(|(x, y)| x == y).count();
        assert!(common("Paris", "London") > common("Paris", "Smith"), "{table}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
