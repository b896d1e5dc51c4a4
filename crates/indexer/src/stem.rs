//! The English analyser (`en_stem`) with a per-thread cache of stems.
//!
//! tantivy's `en_stem` runs the Snowball English stemmer on every token: a
//! fifth of the CPU of indexing AllSides without entities. News text repeats
//! its words, so each thread remembers the stems of the words it has seen and
//! runs the stemmer only on new ones. The tokens are exactly those of tantivy's
//! `en_stem` (simple tokenizer, tokens over 40 bytes dropped, lower-cased,
//! stemmed), so indexes built with either read the same.

use std::cell::RefCell;

use rustc_hash::FxHashMap;
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

struct StemCache {
    /// FxHash: the cache is looked up once per token, and SipHash would cost a third of a stemming.
    stems: FxHashMap<Box<str>, Box<str>>,
    /// tantivy's stemmer, run on one word at a time.
    stemmer: TextAnalyzer,
}

impl StemCache {
    fn new() -> StemCache {
        StemCache {
            stems: FxHashMap::default(),
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
