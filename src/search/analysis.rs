//! How text becomes search terms: words split on anything not a letter or digit, lower-cased,
//! accents folded, English stemming ("safeguarding" -> "safeguard"), and the field's own
//! vocabulary. Every phrasing of a vocabulary group (and every way of writing a section
//! number) also yields the group's key as an extra term, marked with a leading `_`, spanning
//! the words it covers; so "LAC", "CLA" and "children in care" all index `_lac`, and a query
//! for any of them looks for `_lac`. The same analyser runs at indexing and at query time.

use std::sync::{Arc, LazyLock};

use fnv::FnvHashMap;
use serde::Deserialize;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

use stem::EnglishStemmer;

mod stem;

/// The name the analyser is registered under in the index.
pub const ANALYZER: &str = "praxis_en";
/// The name of the plain analyser (no stemming, no keys), for words typed in part.
pub const WORDS_ANALYZER: &str = "praxis_words";
/// Marks a vocabulary key among ordinary words.
pub const KEY_PREFIX: char = '_';
/// Longest word indexed; longer ones are usually pasted identifiers or links.
const LONGEST_WORD: usize = 40;

/// The vocabulary shipped in the binary.
pub const VOCABULARY_TOML: &str = include_str!("vocabulary.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    term: Vec<VocabularyTerm>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyTerm {
    key: String,
    phrasings: Vec<String>,
}

/// The vocabulary as stemmed word sequences with their key terms, grouped by first word
/// (so that each word of a text costs one lookup), longest first within a group.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    by_first_word: FnvHashMap<String, Vec<(Vec<String>, String)>>,
}

impl Vocabulary {
    /// Parses a vocabulary file, stemming its phrasings the way text is stemmed.
    pub fn parse(text: &str) -> Result<Self, toml::de::Error> {
        let file: VocabularyFile = toml::from_str(text)?;
        let mut base = base_analyzer();
        let mut phrases = Vec::new();
        for term in file.term {
            for phrasing in &term.phrasings {
                let words = words(&mut base, phrasing);
                if !words.is_empty() {
                    phrases.push((words, format!("{KEY_PREFIX}{}", term.key)));
                }
            }
        }
        phrases.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        let mut by_first_word: FnvHashMap<String, Vec<(Vec<String>, String)>> =
            FnvHashMap::default();
        for (words, key) in phrases {
            by_first_word
                .entry(words[0].clone())
                .or_default()
                .push((words, key));
        }
        Ok(Self { by_first_word })
    }

    /// The shipped vocabulary.
    pub fn shipped() -> Arc<Self> {
        static SHIPPED: LazyLock<Arc<Vocabulary>> = LazyLock::new(|| {
            Arc::new(Vocabulary::parse(VOCABULARY_TOML).unwrap_or_else(|error| {
                panic!(
                    "the shipped search vocabulary src/search/vocabulary.toml is malformed: {error}"
                )
            }))
        });
        Arc::clone(&SHIPPED)
    }

    /// The key and length of the longest phrasing that starts at `words[at]`.
    fn longest_match(&self, words: &[Token], at: usize) -> Option<(&str, usize)> {
        let candidates = self.by_first_word.get(&words.get(at)?.text)?;
        candidates.iter().find_map(|(phrase, key)| {
            let fits = words.len() >= at + phrase.len()
                && phrase
                    .iter()
                    .zip(&words[at..])
                    .all(|(expected, word)| expected == &word.text);
            fits.then_some((key.as_str(), phrase.len()))
        })
    }
}

/// The words alone, stemmed as the full analyser stems them, without vocabulary keys: the
/// words (and their offsets) are exactly the full analyser's, so text whose only terms of
/// interest are words is analysed faster with this one.
pub fn base_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(EnglishStemmer)
        .build()
}

fn words(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut found = Vec::new();
    while stream.advance() {
        found.push(stream.token().text.clone());
    }
    found
}

/// Words as written, lower-cased and accent-folded but not stemmed: "safeguardin" is a
/// prefix of "safeguarding" here, though not of its stem "safeguard".
pub fn words_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The full analyser: the base chain plus vocabulary keys.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(EnglishStemmer)
        .filter(VocabularyKeys::new(Vocabulary::shipped()))
        .build()
}

/// Every token the analyser makes of `text`, keys included.
pub fn analyse(text: &str) -> Vec<Token> {
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while stream.advance() {
        tokens.push(stream.token().clone());
    }
    tokens
}

/// Whether a term is a vocabulary key rather than a word.
pub fn is_key(term: &str) -> bool {
    term.starts_with(KEY_PREFIX)
}

/// The key of a section number: "s", "sec", "sect" or "section" followed by a number, or
/// "s47" ("sec47") as one word.
fn section_key(words: &[Token], at: usize) -> Option<(String, usize)> {
    let word = words[at].text.as_str();
    let is_number = |text: &str| {
        !text.is_empty() && text.len() <= 4 && text.chars().all(|c| c.is_ascii_digit())
    };
    let glued = ["sect", "sec", "s"]
        .iter()
        .find_map(|abbreviation| word.strip_prefix(abbreviation).filter(|n| is_number(n)));
    if let Some(number) = glued {
        return Some((format!("{KEY_PREFIX}s{number}"), 1));
    }
    if matches!(word, "s" | "sec" | "sect" | "section" | "ss")
        && let Some(next) = words.get(at + 1)
        && is_number(&next.text)
    {
        return Some((format!("{KEY_PREFIX}s{}", next.text), 2));
    }
    None
}

/// A token filter adding vocabulary keys after the words they stand for.
#[derive(Clone)]
pub struct VocabularyKeys {
    vocabulary: Arc<Vocabulary>,
}

impl VocabularyKeys {
    /// A filter using `vocabulary`.
    pub fn new(vocabulary: Arc<Vocabulary>) -> Self {
        Self { vocabulary }
    }
}

impl TokenFilter for VocabularyKeys {
    type Tokenizer<T: Tokenizer> = VocabularyKeysFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        VocabularyKeysFilter {
            inner: tokenizer,
            vocabulary: self.vocabulary,
        }
    }
}

/// [`VocabularyKeys`] applied to a tokenizer.
#[derive(Clone)]
pub struct VocabularyKeysFilter<T> {
    inner: T,
    vocabulary: Arc<Vocabulary>,
}

impl<T: Tokenizer> Tokenizer for VocabularyKeysFilter<T> {
    type TokenStream<'a> = KeyedTokens;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        // Phrases need look-ahead, so the words of one text are gathered first.
        let mut words = Vec::new();
        let mut stream = self.inner.token_stream(text);
        while stream.advance() {
            words.push(stream.token().clone());
        }
        let mut tokens = Vec::with_capacity(words.len() + 4);
        for at in 0..words.len() {
            let key = section_key(&words, at).or_else(|| {
                self.vocabulary
                    .longest_match(&words, at)
                    .map(|(key, length)| (key.to_string(), length))
            });
            if let Some((key, length)) = key {
                let last = &words[at + length - 1];
                tokens.push(Token {
                    offset_from: words[at].offset_from,
                    offset_to: last.offset_to,
                    position: words[at].position,
                    text: key,
                    position_length: length,
                });
            }
            // Nothing looks back at a word once its keys are made, so it can be moved.
            tokens.push(std::mem::take(&mut words[at]));
        }
        KeyedTokens {
            tokens,
            next: 0,
            current: Token::default(),
        }
    }
}

/// The words of a text with their vocabulary keys.
pub struct KeyedTokens {
    tokens: Vec<Token>,
    next: usize,
    current: Token,
}

impl TokenStream for KeyedTokens {
    fn advance(&mut self) -> bool {
        match self.tokens.get_mut(self.next) {
            Some(token) => {
                self.current = std::mem::take(token);
                self.next += 1;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

#[cfg(test)]
mod tests;
