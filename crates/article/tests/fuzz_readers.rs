//! Mutation fuzzing of every reader: no input may panic a reader.
//!
//! Seeds are the bundled sample corpus (`data/sample`, every format) plus hostile shapes (deep nesting, long
//! lines, control bytes); each case mutates a seed (bit flips, truncation, splices, inserted syntax) and reads it
//! as every format, plain and gzip-compressed. `LEDE_FUZZ_CASES` sets the number of cases (default 1,500, a
//! short bounded run for CI); `LEDE_FUZZ_SEED` the seed. A failing case is written to the temp dir and named.

use std::io::Write;
use std::path::{Path, PathBuf};

use lede_article::{read_bytes, read_file_as, Format, ReadOptions};

/// Picks mutations: fastrand's seeded generator, so a seed replays its cases.
struct Rng(fastrand::Rng);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0.u64(..)
    }

    fn below(&mut self, n: usize) -> usize {
        self.0.usize(..n.max(1))
    }
}

const FORMATS: [Format; 6] = [
    Format::Text,
    Format::Markdown,
    Format::Html,
    Format::Json,
    Format::JsonLines,
    Format::Csv,
];

fn seeds() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/sample");
    let mut stack = vec![sample];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_none_or(|e| e != "gz") {
                if let Ok(bytes) = std::fs::read(&path) {
                    out.push(bytes);
                }
            }
        }
    }
    out.push(b"[".repeat(5_000));
    out.push(b"<div>".repeat(5_000));
    out.push(
        "{\"title\":\"x\",\"body\":\"y\",\"date\":\"0001-01-01\"}\n"
            .repeat(50)
            .into_bytes(),
    );
    out.push(b"a,b,c\n\"unterminated,1,2\n3,4\n".to_vec());
    out.push(
        "Headline\n\nBy \u{feff}\u{200b} — 3 Mar 2024 \u{2028}\n"
            .as_bytes()
            .to_vec(),
    );
    out.push(vec![b'x'; 70_000]);
    // A news page's furniture in non-ASCII text: bylines, author links, dates, credits and a site
    // label around the headline, where the readers slice strings.
    out.push(
        "<html lang=\"fr\"><title>Tête à tête | Rubrique | Le Site</title><meta property=\"og:site_name\" \
         content=\"Le Site – Toute l’actualité du jour\"><h1>Rubrique</h1><h1>Tête à tête</h1>\
         <p>“By the way,” she said.</p><span>By <a href=\"/auteur/é\">Élodie Dupré</a>, Rédactrice</span>\
         <div><img src=\"a.jpg\"><span>Bý Ōno 22 déc. 2023</span></div><p>Photo: Ōno/Getty Images</p>\
         <a href=\"/author/ü\">Jürgen Müller</a><time datetime=\"2023-12-22T23:30:00+01:00\">22 déc.</time>\
         <p>Le texte de l’article, avec des virgules, des accents et des guillemets « comme ça ».</p></html>"
            .as_bytes()
            .to_vec(),
    );
    out
}

const SPLICES: &[&[u8]] = &[
    b"\"",
    b"{",
    b"}",
    b"[",
    b"]",
    b"<",
    b">",
    b"</p>",
    b"<script>",
    b"\n",
    b"\r\n",
    b",",
    b"\\",
    b"\\u00",
    b"\xff",
    b"\xc3",
    b"\xe2\x80",
    b"\0",
    b"---\n",
    b"title: ",
    b"date: 2050-01-01\n",
    b"By ",
    b"<meta charset=\"utf-16\">",
    b"<time datetime=\"9999-99-99\">",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
];

fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..1 + rng.below(8) {
        match rng.below(6) {
            0 if !bytes.is_empty() => {
                let at = rng.below(bytes.len());
                bytes[at] ^= 1 << rng.below(8);
            }
            1 => {
                let at = rng.below(bytes.len() + 1);
                bytes.truncate(at);
            }
            2 => {
                let at = rng.below(bytes.len() + 1);
                let splice = SPLICES[rng.below(SPLICES.len())];
                for _ in 0..1 + rng.below(3) {
                    bytes.splice(at..at, splice.iter().copied());
                }
            }
            3 if bytes.len() > 2 => {
                let a = rng.below(bytes.len());
                let b = (a + rng.below(200)).min(bytes.len());
                let chunk = bytes[a..b].to_vec();
                let at = rng.below(bytes.len() + 1);
                bytes.splice(at..at, chunk);
            }
            4 if bytes.len() > 2 => {
                let a = rng.below(bytes.len());
                let b = (a + rng.below(100)).min(bytes.len());
                bytes.drain(a..b);
            }
            _ => {
                let at = rng.below(bytes.len() + 1);
                let noise: Vec<u8> = (0..rng.below(16)).map(|_| rng.next() as u8).collect();
                bytes.splice(at..at, noise);
            }
        }
    }
    bytes
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

fn read_everything(bytes: &[u8], dir: &Path, case: usize) {
    let options = ReadOptions::default();
    for format in FORMATS {
        let _ = read_bytes("fuzz", bytes, format, &options);
    }
    // The streaming path with gzip, cut at a random-ish point half the time.
    let packed = gzip(bytes);
    let cut = if case.is_multiple_of(2) {
        packed.len()
    } else {
        packed.len() * 3 / 4
    };
    let path = dir.join("case.jsonl.gz");
    if std::fs::write(&path, &packed[..cut]).is_ok() {
        for format in [Format::JsonLines, Format::Csv, Format::Text] {
            if let Ok(records) = read_file_as(&path, format, true, &options) {
                for record in records.take(10_000) {
                    drop(record);
                }
            }
        }
    }
}

#[test]
fn no_input_panics_a_reader() {
    let cases: usize = std::env::var("LEDE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_500);
    let seed: u64 = std::env::var("LEDE_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x1ede);
    let seeds = seeds();
    assert!(seeds.len() > 20, "the sample corpus provides seeds");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rng = Rng(fastrand::Rng::with_seed(seed));
    let mut bytes_read = 0usize;
    for case in 0..cases {
        let input = mutate(&seeds[rng.below(seeds.len())], &mut rng);
        bytes_read += input.len();
        let outcome = std::panic::catch_unwind(|| read_everything(&input, dir.path(), case));
        if outcome.is_err() {
            let saved = std::env::temp_dir().join(format!("lede-fuzz-case-{seed}-{case}.bin"));
            let _ = std::fs::write(&saved, &input);
            panic!(
                "case {case} (seed {seed}) panicked a reader; input saved to {}",
                saved.display()
            );
        }
    }
    eprintln!("{cases} cases, {bytes_read} bytes, no panic");
}
