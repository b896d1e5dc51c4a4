//! Prints the entities lede finds in news articles: the top names of each article of a JSON Lines corpus.
//!
//! ```text
//! cargo run --release -p lede-entities --example article_entities -- ../shared/corpora/allsides 5
//! ```
//!
//! The corpus is a `.jsonl`/`.jsonl.gz` file or a directory of them whose records have `title` and
//! `content_original` fields (the AllSides corpus); the number says how many articles to show.

use std::path::PathBuf;

use lede_entities::{read_jsonl_articles, Tagger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let corpus = PathBuf::from(args.next().ok_or("usage: article_entities CORPUS [ARTICLES [SKIP]]")?);
    let count: usize = args.next().map_or(Ok(5), |n| n.parse())?;
    let skip: usize = args.next().map_or(Ok(0), |n| n.parse())?;

    // The shipped model is embedded in the library; it is parsed here, on first use.
    let tagger = Tagger::shipped()?;
    for (headline, body) in read_jsonl_articles(&corpus, Some(skip + count))?.into_iter().skip(skip) {
        println!("{headline}");
        // Entities come canonical (`U.S.` → `United States`, `Trump` → `Donald Trump` when the article says so),
        // most mentioned first.
        for entity in tagger.article_entities(&headline, &body).iter().take(12) {
            println!(
                "  {:>3}  {:<13} {}",
                entity.mentions,
                format!("{:?}", entity.kind),
                entity.name
            );
        }
        println!();
    }
    Ok(())
}
