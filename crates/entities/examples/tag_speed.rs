//! Times entity tagging alone, on one thread, over a JSON Lines corpus, as `lede index` meets it: every article
//! once, the word-type cache starting cold. Prints articles, tokens, seconds, tokens per second and a checksum of
//! every entity found (name, kind, mentions), so that a speed-up can be shown to change nothing.
//!
//! ```text
//! cargo run --release -p lede-entities --example tag_speed -- ../shared/corpora/allsides [ARTICLES]
//! ```

use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::time::Instant;

use lede_entities::{read_jsonl_articles, tokenize, Tagger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let corpus = PathBuf::from(args.next().ok_or("usage: tag_speed CORPUS [ARTICLES]")?);
    let limit: Option<usize> = args.next().map(|n| n.parse()).transpose()?;
    let articles = read_jsonl_articles(&corpus, limit)?;
    let tokens: usize = articles
        .iter()
        .map(|(h, b)| {
            tokenize(h)
                .iter()
                .chain(tokenize(b).iter())
                .map(Vec::len)
                .sum::<usize>()
        })
        .sum();
    let tagger = Tagger::shipped()?;
    let mut checksum = std::collections::hash_map::DefaultHasher::new();
    let started = Instant::now();
    for (headline, body) in &articles {
        for entity in tagger.article_entities(headline, body) {
            (entity.name.as_str(), format!("{:?}", entity.kind), entity.mentions).hash(&mut checksum);
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{} articles, {} tokens, {:.2} s, {:.0} tokens/s, checksum {:016x}",
        articles.len(),
        tokens,
        seconds,
        tokens as f64 / seconds,
        checksum.finish()
    );
    Ok(())
}
