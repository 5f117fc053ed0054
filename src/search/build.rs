//! Turning a parsed query and the filters into a tantivy query. The permission filter comes
//! from the same policy scope as the pages, and is part of the query itself, so totals,
//! facet counts, pagination and snippets only ever see what the asker may read.

use std::ops::Bound;

use chrono::NaiveDate;
use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery,
    RegexQuery, TermQuery,
};
use tantivy::schema::IndexRecordOption;

use super::analysis::{self, is_key};
use super::document::{day_number, id_number};
use super::query::{Clause, ParsedQuery, Unit};
use super::schema::SearchFields;
use crate::platform::policy::Scope;

/// How much more a match in the title counts than one in the text.
const TITLE_BOOST: f32 = 2.0;
/// Shortest prefix searched for (one letter would match most of the index).
const MIN_PREFIX_CHARS: usize = 2;

/// Narrowing a search down, on top of the words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Only this kind (`diary`, `reflection`, `cpd`).
    pub kind: Option<String>,
    /// Only entries about this case id.
    pub case_id: Option<i32>,
    /// Only entries with every one of these tag codes (as the catalogue writes them).
    pub tags: Vec<String>,
    /// On or after this day.
    pub from: Option<NaiveDate>,
    /// On or before this day.
    pub to: Option<NaiveDate>,
    /// Only this author (a supervisor looking at one supervisee).
    pub author: Option<i32>,
    /// Only entries without tags.
    pub untagged: bool,
}

fn term_query(field: tantivy::schema::Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// A term looked for in the title (boosted), the text and the links.
pub(super) fn anywhere(fields: &SearchFields, term: &str) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![
        (
            Occur::Should,
            Box::new(BoostQuery::new(term_query(fields.title, term), TITLE_BOOST)),
        ),
        (Occur::Should, term_query(fields.body, term)),
        (Occur::Should, term_query(fields.links, term)),
    ]))
}

/// The terms of unquoted words: the key of each vocabulary phrasing among them, and each
/// word outside any phrasing.
pub(super) fn word_terms(words: &[String]) -> Vec<String> {
    let mut covered: Vec<bool> = Vec::new();
    let mut terms = Vec::new();
    // A key comes before the words it covers, so it claims them first.
    for token in analysis::analyse(&words.join(" ")) {
        let span = token.position..token.position + token.position_length.max(1);
        if covered.len() < span.end {
            covered.resize(span.end, false);
        }
        if covered[span.clone()].iter().any(|&done| done) {
            continue;
        }
        covered[span].iter_mut().for_each(|done| *done = true);
        terms.push(token.text);
    }
    terms
}

/// Unquoted words: each vocabulary phrasing among them becomes its key; other words are
/// each required.
fn words_parts(fields: &SearchFields, words: &[String]) -> Vec<Box<dyn Query>> {
    word_terms(words)
        .iter()
        .map(|term| anywhere(fields, term))
        .collect()
}

/// A quoted phrase: its words in order, or its vocabulary key when the whole phrase is one.
fn phrase_part(fields: &SearchFields, phrase: &str) -> Option<Box<dyn Query>> {
    let tokens = analysis::analyse(phrase);
    let words: Vec<_> = tokens.iter().filter(|token| !is_key(&token.text)).collect();
    let whole_key = tokens.iter().find(|token| {
        is_key(&token.text) && token.position == 0 && token.position_length == words.len()
    });
    let in_order = |field| -> Box<dyn Query> {
        Box::new(PhraseQuery::new_with_offset(
            words
                .iter()
                .map(|token| (token.position, Term::from_field_text(field, &token.text)))
                .collect(),
        ))
    };
    let phrase: Box<dyn Query> = match words.len() {
        0 => return None,
        1 => anywhere(fields, &words[0].text),
        _ => Box::new(BooleanQuery::new(vec![
            (
                Occur::Should,
                Box::new(BoostQuery::new(in_order(fields.title), TITLE_BOOST)),
            ),
            (Occur::Should, in_order(fields.body)),
        ])),
    };
    Some(match whole_key {
        Some(key) => Box::new(BooleanQuery::new(vec![
            (Occur::Should, anywhere(fields, &key.text)),
            (Occur::Should, phrase),
        ])),
        None => phrase,
    })
}

/// Words beginning with `prefix` (lower-cased; anything but letters and digits is ignored,
/// so no pattern can be injected), or the word itself as typed so far, with its vocabulary
/// key, so that a finished word finds its synonyms and is highlighted.
fn prefix_part(fields: &SearchFields, prefix: &str) -> Option<Box<dyn Query>> {
    let raw: String = prefix
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if raw.chars().count() < MIN_PREFIX_CHARS {
        return None;
    }
    let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    // Against the words as written: a stem may be shorter than what has been typed.
    if let Ok(query) = RegexQuery::from_pattern(&format!("{raw}.*"), fields.words) {
        alternatives.push((Occur::Should, Box::new(query)));
    }
    let whole = words_parts(fields, &[prefix.to_string()]);
    if !whole.is_empty() {
        alternatives.push((
            Occur::Should,
            Box::new(BooleanQuery::new(
                whole.into_iter().map(|part| (Occur::Must, part)).collect(),
            )),
        ));
    }
    Some(Box::new(BooleanQuery::new(alternatives)))
}

pub(super) fn clause_parts(fields: &SearchFields, clause: &Clause) -> Vec<Box<dyn Query>> {
    match &clause.unit {
        Unit::Words(words) => words_parts(fields, words),
        Unit::Phrase(phrase) => phrase_part(fields, phrase).into_iter().collect(),
        Unit::Prefix(prefix) => prefix_part(fields, prefix).into_iter().collect(),
    }
}

/// The words part of a search (what is scored and highlighted). `None` when nothing was
/// asked for, so the filters alone decide.
pub fn text_query(fields: &SearchFields, parsed: &ParsedQuery) -> Option<Box<dyn Query>> {
    let mut groups: Vec<Box<dyn Query>> = Vec::new();
    let mut unmatchable = false;
    'groups: for group in &parsed.any_of {
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for clause in group {
            let occur = if clause.negated {
                Occur::MustNot
            } else {
                Occur::Must
            };
            let found = clause_parts(fields, clause);
            if found.is_empty() && !clause.negated && asks_for_words(clause) {
                // Words no record can contain (longer than any indexed word): this group
                // matches nothing, rather than everything.
                unmatchable = true;
                continue 'groups;
            }
            parts.extend(found.into_iter().map(|part| (occur, part)));
        }
        if parts.iter().all(|(occur, _)| *occur == Occur::MustNot) {
            if parts.is_empty() {
                continue;
            }
            parts.push((Occur::Must, Box::new(AllQuery)));
        }
        groups.push(Box::new(BooleanQuery::new(parts)));
    }
    match groups.len() {
        0 if unmatchable => Some(Box::new(EmptyQuery)),
        0 => None,
        1 => groups.pop(),
        _ => Some(Box::new(BooleanQuery::new(
            groups
                .into_iter()
                .map(|group| (Occur::Should, group))
                .collect(),
        ))),
    }
}

/// Whether a clause has letters or digits in it (as opposed to punctuation alone).
fn asks_for_words(clause: &Clause) -> bool {
    let has_word = |text: &str| text.chars().any(char::is_alphanumeric);
    match &clause.unit {
        Unit::Words(words) => words.iter().any(|word| has_word(word)),
        Unit::Phrase(phrase) => has_word(phrase),
        Unit::Prefix(_) => false,
    }
}

/// What the asker may read: their own records, what the people they supervise or educate
/// share with them, and the placement records of the students they educate now.
pub fn permission_query(fields: &SearchFields, scope: &Scope) -> Box<dyn Query> {
    let filter = scope.search_filter();
    let mut readable: Vec<(Occur, Box<dyn Query>)> = vec![(
        Occur::Should,
        Box::new(TermQuery::new(
            Term::from_field_u64(fields.readers, id_number(filter.reader)),
            IndexRecordOption::Basic,
        )),
    )];
    let facts = filter
        .shared_by
        .iter()
        .map(|&author| (fields.shared_by, author))
        .chain(
            filter
                .placement_of
                .iter()
                .map(|&student| (fields.placement_of, student)),
        );
    for (field, person) in facts {
        readable.push((
            Occur::Should,
            Box::new(TermQuery::new(
                Term::from_field_u64(field, id_number(person)),
                IndexRecordOption::Basic,
            )),
        ));
    }
    Box::new(BooleanQuery::new(readable))
}

/// The filters as required clauses.
pub fn filter_parts(fields: &SearchFields, filters: &Filters) -> Vec<Box<dyn Query>> {
    let basic =
        |term: Term| -> Box<dyn Query> { Box::new(TermQuery::new(term, IndexRecordOption::Basic)) };
    let mut parts: Vec<Box<dyn Query>> = Vec::new();
    if let Some(kind) = &filters.kind {
        parts.push(basic(Term::from_field_text(fields.kind, kind)));
    }
    if let Some(case_id) = filters.case_id {
        parts.push(basic(Term::from_field_u64(fields.case, id_number(case_id))));
    }
    for tag in &filters.tags {
        parts.push(basic(Term::from_field_text(fields.tag, tag)));
    }
    if let Some(author) = filters.author {
        parts.push(basic(Term::from_field_u64(
            fields.author,
            id_number(author),
        )));
    }
    if filters.untagged {
        parts.push(basic(Term::from_field_u64(fields.tag_count, 0)));
    }
    if filters.from.is_some() || filters.to.is_some() {
        let bound = |day: Option<NaiveDate>| match day {
            Some(day) => Bound::Included(Term::from_field_i64(fields.day, day_number(day))),
            None => Bound::Unbounded,
        };
        parts.push(Box::new(RangeQuery::new(
            bound(filters.from),
            bound(filters.to),
        )));
    }
    parts
}

/// The whole search: the words (if any), the permission filter and the filters.
pub fn full_query(
    fields: &SearchFields,
    text: Option<Box<dyn Query>>,
    scope: &Scope,
    filters: &Filters,
) -> Box<dyn Query> {
    let mut parts: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Must, permission_query(fields, scope))];
    parts.push((Occur::Must, text.unwrap_or_else(|| Box::new(AllQuery))));
    parts.extend(
        filter_parts(fields, filters)
            .into_iter()
            .map(|part| (Occur::Must, part)),
    );
    Box::new(BooleanQuery::new(parts))
}
