//! English stemming that remembers: each thread keeps the stems of the words it has seen.
//! A journal's vocabulary is small (a few thousand words in a whole corpus), so nearly every
//! word is stemmed once per thread and looked up afterwards; indexing and snippets, which
//! stem every word of every text, spend a fraction of the time they would in the stemmer.

use std::cell::RefCell;

use fnv::FnvHashMap;
use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Most stems a thread remembers before it starts afresh (bounds memory on odd input).
const REMEMBERED: usize = 50_000;

thread_local! {
    static STEMS: RefCell<FnvHashMap<String, String>> = RefCell::new(FnvHashMap::default());
}

/// The stem of one lower-cased word, from the thread's memo or the English stemmer.
fn stem_into(stemmer: &Stemmer, word: &mut String) {
    STEMS.with_borrow_mut(|stems| {
        if let Some(stem) = stems.get(word.as_str()) {
            word.clear();
            word.push_str(stem);
            return;
        }
        let stem = stemmer.stem(word).into_owned();
        if stems.len() >= REMEMBERED {
            stems.clear();
        }
        let original = std::mem::replace(word, stem.clone());
        stems.insert(original, stem);
    });
}

/// A token filter stemming English words (tokens must be lower-cased first), as tantivy's
/// own English stemmer does, word for word.
#[derive(Debug, Clone, Copy, Default)]
pub struct EnglishStemmer;

impl TokenFilter for EnglishStemmer {
    type Tokenizer<T: Tokenizer> = EnglishStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        EnglishStemmerFilter { inner: tokenizer }
    }
}

/// [`EnglishStemmer`] applied to a tokenizer.
#[derive(Debug, Clone)]
pub struct EnglishStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for EnglishStemmerFilter<T> {
    type TokenStream<'a> = StemmedTokens<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemmedTokens {
            tail: self.inner.token_stream(text),
            stemmer: Stemmer::new(Algorithm::English),
        }
    }
}

/// The tokens of a text, stemmed.
pub struct StemmedTokens<T> {
    tail: T,
    stemmer: Stemmer,
}

impl<T: TokenStream> TokenStream for StemmedTokens<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        stem_into(&self.stemmer, &mut self.tail.token_mut().text);
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
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    use super::EnglishStemmer;

    fn terms(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut found = Vec::new();
        while stream.advance() {
            found.push(stream.token().text.clone());
        }
        found
    }

    #[test]
    fn stems_as_tantivys_english_stemmer_does_the_first_time_and_after() {
        let text = "Safeguarding safeguards; the safeguarded children were visited, \
                    visiting and revisited: assessments assessed, assessing concerns";
        let ours = || {
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(EnglishStemmer)
                .build()
        };
        let theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let expected = terms(theirs, text);
        assert!(expected.contains(&"safeguard".to_string()), "{expected:?}");
        // The second pass is answered from the memo.
        assert_eq!(terms(ours(), text), expected);
        assert_eq!(terms(ours(), text), expected);
    }
}
