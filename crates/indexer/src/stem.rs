//! The English analyser (`en_stem`) with a per-thread cache of stems.
//!
//! tantivy's `en_stem` runs the Snowball English stemmer on every token: a
//! fifth of the CPU of indexing AllSides without entities. News text repeats
//! its words, so each thread remembers the stems of the words it has seen and
//! runs the stemmer only on new ones. The tokens are exactly those of tantivy's
//! `en_stem` (simple tokenizer, tokens over 40 bytes dropped, lower-cased,
//! stemmed), so indexes built with either read the same.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter,
    TokenStream, Tokenizer,
};

/// Words a thread remembers before it starts again: about 10 MB, more than the vocabulary of most corpora
/// once the long tail of one-off words has cycled through.
const CACHE_LIMIT: usize = 100_000;

/// lede's `en_stem`: tantivy's, with stems cached per thread.
pub fn stemmed_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(CachedStemmer)
        .build()
}

/// The FxHash word hash: the cache is looked up once per token, and SipHash would cost a third of a stemming.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

struct StemCache {
    stems: HashMap<Box<str>, Box<str>, BuildHasherDefault<WordHasher>>,
    /// tantivy's stemmer, run on one word at a time.
    stemmer: TextAnalyzer,
}

impl StemCache {
    fn new() -> StemCache {
        StemCache {
            stems: HashMap::default(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }

    /// Replaces `word` by its stem.
    fn stem(&mut self, word: &mut String) {
        if let Some(stem) = self.stems.get(word.as_str()) {
            word.clear();
            word.push_str(stem);
            return;
        }
        let mut stem = String::new();
        {
            let mut stream = self.stemmer.token_stream(word);
            if stream.advance() {
                stem.clone_from(&stream.token().text);
            }
        }
        if self.stems.len() >= CACHE_LIMIT {
            self.stems.clear();
        }
        self.stems.insert(word.as_str().into(), stem.as_str().into());
        *word = stem;
    }
}

thread_local! {
    static CACHE: RefCell<StemCache> = RefCell::new(StemCache::new());
}

/// The stemming filter with the per-thread cache.
#[derive(Clone, Copy)]
struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
struct CachedStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
        }
    }
}

struct CachedStemmerStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        CACHE.with(|cache| cache.borrow_mut().stem(&mut token.text));
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenizerManager;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn same_tokens_as_tantivys_en_stem_cached_or_not() {
        let mut ours = stemmed_analyzer();
        let mut theirs = TokenizerManager::default().get("en_stem").expect("tantivy's en_stem");
        let text = "The Senate's policies on immigration: policy, POLICIES, running runs ran; \
                    Müller's Straße naïve café, U.S. 2016 elections, supercalifragilisticexpialidocious-and-then-some-more-words \
                    a-very-long-token-of-more-than-forty-bytes-that-is-dropped-xxxxxxxx";
        for _ in 0..3 {
            // The second and third passes are served from the cache.
            assert_eq!(tokens(&mut ours, text), tokens(&mut theirs, text));
        }
    }

    #[test]
    fn the_cache_is_bounded() {
        let mut analyzer = stemmed_analyzer();
        for i in 0..(CACHE_LIMIT + 10) {
            tokens(&mut analyzer, &format!("w{i}ing"));
        }
        CACHE.with(|cache| assert!(cache.borrow().stems.len() <= CACHE_LIMIT));
        assert_eq!(tokens(&mut analyzer, "voting")[0].0, "vote");
    }
}
