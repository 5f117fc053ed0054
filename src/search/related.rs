//! Related entries: the entries most like one the asker may read, among those they may read.
//!
//! The query is built here from the entry's own words rather than by tantivy's more-like-this
//! query, which takes document frequencies that still count deleted documents but divides by
//! live ones, and panics once entries have been edited or binned. Here the frequencies and the
//! document count both come from the searcher's statistics, and the one is clamped to the other.

use std::collections::HashMap;

use crate::platform::db::DbConnection;
use tantivy::collector::TopDocs;
use tantivy::query::{Bm25StatisticsProvider, BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

use super::build;
use super::document::{RecordType, key};
use super::fault::on_index;
use super::generation::Generation;
use super::index::SearchIndex;
use super::related_cache::Asked;
use super::service::{ready, record_id};
use crate::error::{AppError, AppResult};
use crate::journal::model::{EntryView, Visibility};
use crate::journal::projection;
use crate::platform::auth::Actor;
use crate::platform::policy::{self, Scope};

/// Words of the entry that make up the query: the most telling ones.
const MOST_TERMS: usize = 25;
/// Shorter words say little about what an entry is about.
const SHORTEST_TERM: usize = 3;
/// Most related entries asked for.
const MOST_RELATED: usize = 20;

/// Related entries are a help, not a page's purpose: a fault of ours while finding them is
/// logged and answered "not available just now" (503) rather than as a fault (500); what the
/// asker must be told (not found, sign in) stays as it is.
pub fn unavailable_unless_expected(entry_id: i32, error: AppError) -> AppError {
    match error {
        AppError::Internal(detail) => {
            tracing::error!("related entries of entry {entry_id}: {detail}");
            AppError::Unavailable(NOT_AVAILABLE.to_string())
        }
        other => other,
    }
}

/// What the asker is told when related entries cannot be found just now.
pub const NOT_AVAILABLE: &str = "Related entries are not available just now.";

/// Entries like `entry_id` (which the asker must be able to read), among those they may read,
/// best first, at most `limit`.
pub fn related(
    conn: &mut DbConnection,
    index: &SearchIndex,
    actor: &Actor,
    entry_id: i32,
    limit: usize,
) -> AppResult<Vec<EntryView>> {
    let entry = crate::journal::service::get(conn, actor, entry_id)?;
    related_to(conn, index, actor, &entry, limit)
}

/// Entries like `entry`, which the asker has just been given (so may read), among those they
/// may read, best first, at most `limit`.
pub fn related_to(
    conn: &mut DbConnection,
    index: &SearchIndex,
    actor: &Actor,
    entry: &EntryView,
    limit: usize,
) -> AppResult<Vec<EntryView>> {
    let entry_id = entry.id;
    let scope = policy::scope_of(conn, actor)?;
    ready(index)?;
    let asked = Asked {
        reader: actor.user_id,
        entry: entry_id,
        version: entry.updated_at,
    };
    // The most that may be asked for is found and kept, so any later limit is answered.
    let mut ids = match index.related_cache().get(&asked) {
        Some(ids) => ids,
        None => {
            let ids = on_index(index, "finding related entries", |generation| {
                similar(generation, &scope, entry_id, MOST_RELATED)
            })?;
            index.related_cache().put(asked, ids.clone());
            ids
        }
    };
    ids.truncate(limit.clamp(1, MOST_RELATED));
    let mut entries: HashMap<i32, EntryView> = projection::entries_by_ids(conn, &ids)?
        .into_iter()
        .map(|entry| (entry.id, entry))
        .collect();
    Ok(ids
        .into_iter()
        .filter(|id| *id != entry_id)
        .filter_map(|id| entries.remove(&id))
        .filter(|entry| {
            entry.deleted_at.is_none()
                && scope.may_read_entry(entry.author_id, entry.visibility == Visibility::Supervisor)
        })
        .collect())
}

/// Ids of the entries in the index most like `entry_id`'s body, among those `scope` covers.
fn similar(
    generation: &Generation,
    scope: &Scope,
    entry_id: i32,
    limit: usize,
) -> tantivy::Result<Vec<i32>> {
    let fields = &generation.fields;
    let searcher = generation.reader.searcher();
    let own_key = Term::from_field_text(fields.key, &key(RecordType::Entry, entry_id));
    let Some((_, address)) = searcher
        .search(
            &TermQuery::new(own_key.clone(), IndexRecordOption::Basic),
            &TopDocs::with_limit(1).order_by_score(),
        )?
        .into_iter()
        .next()
    else {
        return Ok(Vec::new());
    };
    // Like its body only: the stored record type and the like would make every entry
    // look alike.
    let own: TantivyDocument = searcher.doc(address)?;
    let body: Vec<&str> = own
        .get_all(fields.body)
        .filter_map(|value| value.as_str())
        .collect();
    let terms = telling_terms(generation, &searcher, fields.body, &body)?;
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let like: Vec<(Occur, Box<dyn Query>)> = terms
        .into_iter()
        .map(|term| {
            let query: Box<dyn Query> =
                Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
            (Occur::Should, query)
        })
        .collect();
    let query = BooleanQuery::new(vec![
        (Occur::Must, Box::new(BooleanQuery::new(like))),
        (Occur::Must, build::permission_query(fields, scope)),
        (
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(fields.record_type, RecordType::Entry.as_str()),
                IndexRecordOption::Basic,
            )),
        ),
        (
            Occur::MustNot,
            Box::new(TermQuery::new(own_key, IndexRecordOption::Basic)),
        ),
    ]);
    let mut ids = Vec::new();
    for (_, address) in searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())? {
        let document: TantivyDocument = searcher.doc(address)?;
        ids.extend(record_id(&document, fields.record_id));
    }
    Ok(ids)
}

/// The words of `texts`, analysed as `field` is indexed, that best tell what they are about:
/// frequent here and rare elsewhere (term frequency times inverse document frequency), at
/// most [`MOST_TERMS`].
fn telling_terms(
    generation: &Generation,
    searcher: &Searcher,
    field: Field,
    texts: &[&str],
) -> tantivy::Result<Vec<Term>> {
    let mut analyzer = generation.index.tokenizer_for_field(field)?;
    let mut counts: HashMap<String, u32> = HashMap::new();
    for text in texts {
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let word = &stream.token().text;
            if word.chars().count() >= SHORTEST_TERM {
                *counts.entry(word.clone()).or_default() += 1;
            }
        }
    }
    // Document frequencies count deleted documents until their segment is merged, so the
    // document count must too (the documents' maximum), and neither may exceed the other.
    let documents = searcher.total_num_docs()?.max(1);
    let mut scored = Vec::with_capacity(counts.len());
    for (word, count) in counts {
        let term = Term::from_field_text(field, &word);
        let frequency = searcher.doc_freq(&term)?.clamp(1, documents);
        scored.push((f64::from(count) * idf(frequency, documents), word, term));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(scored
        .into_iter()
        .take(MOST_TERMS)
        .map(|(_, _, term)| term)
        .collect())
}

/// Inverse document frequency as BM25 defines it; `frequency` must not exceed `documents`.
fn idf(frequency: u64, documents: u64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let (frequency, documents) = (frequency as f64, documents as f64);
    (1.0 + (documents - frequency + 0.5) / (frequency + 0.5)).ln()
}

#[cfg(test)]
mod tests {
    use super::idf;

    #[test]
    fn rarer_words_weigh_more_and_none_weighs_nothing() {
        assert!(idf(1, 100) > idf(10, 100));
        assert!(idf(100, 100) > 0.0);
    }
}
