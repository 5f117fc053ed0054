//! The should-match fallback: when fewer entries than a page hold every word of a query
//! together, entries holding most of its unquoted words are found as well, ranked below
//! those holding all of them. Phrases, prefixes and exclusions stay exact: only the plain
//! words of a group are relaxed.

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query};

use super::build::{anywhere, clause_parts, text_query, word_terms};
use super::query::{Clause, ParsedQuery, Unit};
use super::schema::SearchFields;

/// How much more an entry holding every word counts than one holding most of them.
const ALL_WORDS_BOOST: f32 = 4.0;

/// How many of `words` words "most of the words" is: two thirds, rounded up. Fewer than
/// three words are never relaxed (most of two is both).
pub fn most_of(words: usize) -> usize {
    (2 * words).div_ceil(3)
}

/// The units of a group's unquoted, wanted words, each once: a vocabulary term (its key,
/// standing for all the words of its phrasing, so "initial child protection conference"
/// stays one term and never matches a review conference) or a stemmed word outside any.
fn plain_words(group: &[Clause]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for clause in group {
        if let Clause {
            negated: false,
            unit: Unit::Words(words),
        } = clause
        {
            for term in word_terms(words) {
                if !found.contains(&term) {
                    found.push(term);
                }
            }
        }
    }
    found
}

/// One OR group relaxed: every word together (ranked first), or most of the words with
/// every other clause as asked. `None` when the group has too few words to relax.
fn relaxed_group(fields: &SearchFields, group: &[Clause]) -> Option<Box<dyn Query>> {
    let words = plain_words(group);
    let needed = most_of(words.len());
    if needed >= words.len() {
        return None;
    }
    let strict = text_query(
        fields,
        &ParsedQuery {
            any_of: vec![group.to_vec()],
        },
    )?;
    let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for clause in group {
        if !clause.negated && matches!(clause.unit, Unit::Words(_)) {
            continue;
        }
        let occur = if clause.negated {
            Occur::MustNot
        } else {
            Occur::Must
        };
        parts.extend(
            clause_parts(fields, clause)
                .into_iter()
                .map(|part| (occur, part)),
        );
    }
    let most = BooleanQuery::with_minimum_required_clauses(
        words
            .iter()
            .map(|word| (Occur::Should, anywhere(fields, word)))
            .collect(),
        needed,
    );
    parts.push((Occur::Must, Box::new(most)));
    Some(Box::new(BooleanQuery::new(vec![
        (
            Occur::Should,
            Box::new(BoostQuery::new(strict, ALL_WORDS_BOOST)),
        ),
        (Occur::Should, Box::new(BooleanQuery::new(parts))),
    ])))
}

/// The words part of a search with its plain words relaxed, or `None` when no group has
/// enough words to relax (the strict query is then all there is).
pub fn relaxed_text_query(fields: &SearchFields, parsed: &ParsedQuery) -> Option<Box<dyn Query>> {
    let mut relaxed_any = false;
    let mut groups: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for group in &parsed.any_of {
        let query = match relaxed_group(fields, group) {
            Some(query) => {
                relaxed_any = true;
                query
            }
            None => text_query(
                fields,
                &ParsedQuery {
                    any_of: vec![group.clone()],
                },
            )?,
        };
        groups.push((Occur::Should, query));
    }
    relaxed_any.then(|| Box::new(BooleanQuery::new(groups)) as Box<dyn Query>)
}

#[cfg(test)]
mod tests {
    use super::{most_of, plain_words};
    use crate::search::query::parse;

    #[test]
    fn most_of_the_words_is_two_thirds_rounded_up() {
        assert_eq!(most_of(1), 1);
        assert_eq!(most_of(2), 2);
        assert_eq!(most_of(3), 2);
        assert_eq!(most_of(4), 3);
        assert_eq!(most_of(5), 4);
        assert_eq!(most_of(6), 4);
    }

    #[test]
    fn only_plain_wanted_words_are_counted() {
        let parsed = parse(r#"garden fence "front door" repair* -wall"#);
        let words = plain_words(&parsed.any_of[0]);
        assert_eq!(words, ["garden", "fenc"]);
        let parsed = parse("initial child protection conference plan");
        assert_eq!(plain_words(&parsed.any_of[0]), ["_icpc", "plan"]);
    }
}
