//! Prints what the HTML reader extracts from one page (`.html` or `.html.gz`).
//!
//! ```text
//! cargo run --release -p lede-article --example dump_html -- PAGE
//! ```

use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: dump_html PAGE")?;
    let raw = std::fs::read(&path)?;
    let bytes = if path.ends_with(".gz") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        out
    } else {
        raw
    };
    let charset = lede_article::html_declared_charset(&bytes);
    let page = lede_article::decode(&bytes, charset.as_deref());
    let e = lede_article::html::read_html(&page);
    println!("headline: {}\npublished: {:?}\nauthors: {:?}\nsource: {:?}\nurl: {:?}\nlanguage: {:?}\nwarnings: {:?}\n---\n{}", e.headline, e.published, e.authors, e.source, e.url, e.language, e.warnings, e.body);
    Ok(())
}
