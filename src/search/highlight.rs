//! What a snippet highlights. Words typed in part are matched by pattern, which a snippet
//! cannot highlight; so the words they begin are looked up in the index, stemmed as the body
//! is, and highlighted as ordinary terms.

use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

use super::analysis;
use super::query::{ParsedQuery, Unit};
use super::schema::SearchFields;

/// Most words one typed prefix expands to for highlighting.
const MOST_WORDS_PER_PREFIX: usize = 32;

/// The query snippets highlight: the text query plus the words each typed prefix begins.
pub fn snippet_query(
    searcher: &Searcher,
    fields: &SearchFields,
    parsed: &ParsedQuery,
    text: Option<&dyn Query>,
) -> Option<Box<dyn Query>> {
    let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if let Some(text) = text {
        parts.push((Occur::Should, text.box_clone()));
    }
    for prefix in prefixes(parsed) {
        for word in words_beginning(searcher, fields, &prefix) {
            for token in analysis::analyse(&word) {
                if analysis::is_key(&token.text) {
                    continue;
                }
                let term = Term::from_field_text(fields.body, &token.text);
                parts.push((
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                ));
            }
        }
    }
    match parts.len() {
        0 => None,
        1 => parts.pop().map(|(_, query)| query),
        _ => Some(Box::new(BooleanQuery::new(parts))),
    }
}

/// Prefixes typed in wanted (not excluded) clauses, normalised as the prefix query is.
fn prefixes(parsed: &ParsedQuery) -> Vec<String> {
    parsed
        .any_of
        .iter()
        .flatten()
        .filter(|clause| !clause.negated)
        .filter_map(|clause| match &clause.unit {
            Unit::Prefix(prefix) => Some(
                prefix
                    .to_lowercase()
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<String>(),
            ),
            _ => None,
        })
        .filter(|prefix| !prefix.is_empty())
        .collect()
}

/// Words in the index (as written) that begin with `prefix`, a bounded number.
fn words_beginning(searcher: &Searcher, fields: &SearchFields, prefix: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for segment in searcher.segment_readers() {
        let Ok(index) = segment.inverted_index(fields.words) else {
            continue;
        };
        let Ok(mut stream) = index.terms().range().ge(prefix.as_bytes()).into_stream() else {
            continue;
        };
        while stream.advance() {
            let Ok(word) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if !word.starts_with(prefix) || words.len() >= MOST_WORDS_PER_PREFIX {
                break;
            }
            if !words.iter().any(|known| known == word) {
                words.push(word.to_string());
            }
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::{parse, with_last_word_as_prefix};

    #[test]
    fn only_wanted_prefixes_are_highlighted() {
        assert_eq!(
            prefixes(&with_last_word_as_prefix(parse("court safegu"))),
            vec!["safegu".to_string()]
        );
        assert_eq!(
            prefixes(&parse("court safegu*")),
            vec!["safegu".to_string()]
        );
        assert!(prefixes(&parse("-safegu*")).is_empty());
        assert!(prefixes(&parse("court")).is_empty());
    }
}
