//! Searching: what the asker may read, found by their own words, with counts by kind, case
//! and tag, highlighted snippets, and related entries.

use crate::platform::db::DbConnection;
use chrono::NaiveDate;
use diesel::prelude::*;
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::Value;
use tantivy::{DocAddress, Order, TantivyDocument};

use super::build::{self, Filters};
use super::document::{RecordType, id_number};
use super::facets::{FacetCollector, FacetCounts};
use super::fault::on_index;
use super::generation::Generation;
use super::highlight;
use super::hits::{Hit, hydrate};
use super::index::{IndexState, SearchIndex};
use super::query::{self, ParsedQuery};
use super::relaxed;
use super::schema::SearchFields;
use super::snippets::Snippets;
use super::tag_key::{tag_key, tag_of_key};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::journal::model::EntryKind;
use crate::platform::auth::Actor;
use crate::platform::clock;
use crate::platform::db::schema::{cases, users};
use crate::platform::input::{parse_date, trimmed};
use crate::platform::policy::{self, Scope};

/// Largest page of results.
pub const MAX_LIMIT: usize = 100;

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// A search as asked, before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchRequest {
    /// The words.
    pub q: String,
    /// The last word is still being typed (search-as-you-type): match it as a prefix.
    pub as_you_type: bool,
    /// Kind filter.
    pub kind: Option<String>,
    /// Case reference (one of the asker's cases).
    pub case: Option<String>,
    /// Tag codes, all required.
    pub tags: Vec<String>,
    /// From YYYY-MM-DD.
    pub from: Option<String>,
    /// To YYYY-MM-DD.
    pub to: Option<String>,
    /// A supervisee's username (supervisors and educators).
    pub author: Option<String>,
    /// Only untagged entries.
    pub untagged: bool,
    /// `relevance` (default) or `date`.
    pub sort: Option<String>,
    /// Page size.
    pub limit: Option<usize>,
    /// Where the previous page ended.
    pub cursor: Option<String>,
}

/// Counts of matching results by kind, case and tag.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// Kind name and count.
    pub kind: Vec<(String, u64)>,
    /// Case reference and count.
    pub case: Vec<(String, u64)>,
    /// Tag code and count.
    pub tag: Vec<(String, u64)>,
}

/// A page of results.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// How many results there are in all.
    pub total: usize,
    /// This page's results.
    pub hits: Vec<Hit>,
    /// Counts beside the results.
    pub facets: Facets,
    /// Pass back as `cursor` for the next page.
    pub next_cursor: Option<String>,
}

/// A checked request.
struct Checked {
    parsed: ParsedQuery,
    filters: Filters,
    sort: Sort,
    limit: usize,
    offset: usize,
}

fn check(
    conn: &mut DbConnection,
    actor: &Actor,
    scope: &Scope,
    request: &SearchRequest,
) -> AppResult<Checked> {
    let mut errors = FieldErrors::new();
    let mut parsed = query::parse(&request.q);
    if request.as_you_type && !request.q.ends_with(char::is_whitespace) {
        parsed = query::with_last_word_as_prefix(parsed);
    }
    let kind = trimmed(request.kind.as_deref()).and_then(|text| {
        EntryKind::parse(&text)
            .map(|kind| kind.as_str().to_string())
            .or_else(|| {
                errors.add("kind", format!("Use one of {}.", EntryKind::names()));
                None
            })
    });
    let case_id = match trimmed(request.case.as_deref()) {
        None => None,
        Some(reference) => {
            let found = crate::cases::lookup::own_case(conn, actor, &reference)?;
            if found.is_none() {
                errors.add(
                    "case",
                    format!("You have no case with the reference {reference}."),
                );
            }
            found.map(|case| case.id)
        }
    };
    let mut codes = Vec::new();
    for code in request.tags.iter().filter_map(|code| trimmed(Some(code))) {
        match crate::legislation::service::find(conn, actor, &code)? {
            Some(tag) => codes.push(tag_key(&tag.code, tag.owner_id)),
            None => errors.add("tag", format!("Unknown tag: {code}.")),
        }
    }
    let from =
        trimmed(request.from.as_deref()).and_then(|text| parse_date("from", &text, &mut errors));
    let to = trimmed(request.to.as_deref()).and_then(|text| parse_date("to", &text, &mut errors));
    let author = match trimmed(request.author.as_deref()) {
        None => None,
        Some(username) => {
            let id: Option<i32> = users::table
                .filter(users::username.eq(&username))
                .select(users::id)
                .first(conn)
                .optional()?;
            match id.filter(|&id| scope.covers_author(id)) {
                Some(id) => Some(id),
                None => {
                    errors.add(
                        "author",
                        "You can only narrow to yourself or someone whose shared entries you read.",
                    );
                    None
                }
            }
        }
    };
    let sort = match trimmed(request.sort.as_deref()).as_deref() {
        None | Some("relevance") => Sort::Relevance,
        Some("date") => Sort::Date,
        Some(_) => {
            errors.add("sort", "Use relevance or date.");
            Sort::Relevance
        }
    };
    let limit = request.limit.unwrap_or(20);
    if !(1..=MAX_LIMIT).contains(&limit) {
        errors.add("limit", format!("Use a number from 1 to {MAX_LIMIT}."));
    }
    let offset = match trimmed(request.cursor.as_deref()) {
        None => 0,
        Some(cursor) => cursor
            .strip_prefix('o')
            .and_then(|number| number.parse::<usize>().ok())
            .filter(|&offset| offset <= 10_000)
            .unwrap_or_else(|| {
                errors.add("cursor", "This cursor is not one this search gave out.");
                0
            }),
    };
    errors.into_result(Checked {
        parsed,
        filters: Filters {
            kind,
            case_id,
            tags: codes,
            from,
            to,
            author,
            untagged: request.untagged,
        },
        sort,
        limit,
        offset,
    })
}

/// Refuses to answer while the index is being rebuilt. (Waiting for the asker's own
/// changes is done before the database work: see [`SearchIndex::own_writes_searchable`].)
pub(super) fn ready(index: &SearchIndex) -> AppResult<()> {
    if let IndexState::Rebuilding { done, total } = index.shared().state() {
        let percent = done.saturating_mul(100) / total.max(1);
        return Err(AppError::Unavailable(format!(
            "The search index is being rebuilt ({percent}% done); try again in a moment."
        )));
    }
    Ok(())
}

/// Searches what `actor` may read.
pub fn search(
    conn: &mut DbConnection,
    index: &SearchIndex,
    actor: &Actor,
    request: &SearchRequest,
) -> AppResult<SearchResults> {
    let scope = policy::scope_of(conn, actor)?;
    let checked = check(conn, actor, &scope, request)?;
    ready(index)?;
    let (total, counts, found_records) = on_index(index, "searching", |generation| {
        find(generation, &scope, &checked)
    })?;
    let hits = hydrate(conn, actor, &scope, found_records, clock::now())?;
    let next_cursor = (checked.offset + checked.limit < total)
        .then(|| format!("o{}", checked.offset + checked.limit));
    let facets = facet_counts(conn, actor, counts)?;
    Ok(SearchResults {
        total,
        hits,
        facets,
        next_cursor,
    })
}

/// What a search's index part finds: the total, the counts, and this page's records with
/// their snippets and scores.
type Found = (usize, FacetCounts, Vec<(RecordType, i32, String, f32)>);

/// Whether fewer records than a page hold every word together (the cue to relax).
fn fewer_than_a_page(
    searcher: &tantivy::Searcher,
    fields: &SearchFields,
    strict: &Option<Box<dyn tantivy::query::Query>>,
    scope: &Scope,
    checked: &Checked,
) -> tantivy::Result<bool> {
    let strict = strict.as_ref().map(|query| query.box_clone());
    let full = build::full_query(fields, strict, scope, &checked.filters);
    Ok(searcher.search(&full, &Count)? < checked.limit)
}

fn find(generation: &Generation, scope: &Scope, checked: &Checked) -> tantivy::Result<Found> {
    let fields = &generation.fields;
    let searcher = generation.reader.searcher();
    let strict = build::text_query(fields, &checked.parsed);
    let text = match relaxed::relaxed_text_query(fields, &checked.parsed) {
        Some(relaxed) if fewer_than_a_page(&searcher, fields, &strict, scope, checked)? => {
            Some(relaxed)
        }
        _ => strict,
    };
    let snippet_query =
        highlight::snippet_query(&searcher, fields, &checked.parsed, text.as_deref());
    let full = build::full_query(fields, text, scope, &checked.filters);
    let facets = FacetCollector;
    let top = TopDocs::with_limit(checked.limit).and_offset(checked.offset);
    let (total, counts, found): (usize, _, Vec<(f32, DocAddress)>) = match checked.sort {
        Sort::Relevance => searcher.search(&full, &(Count, facets, top.order_by_score()))?,
        Sort::Date => {
            let (total, counts, hits) = searcher.search(
                &full,
                &(
                    Count,
                    facets,
                    top.order_by_fast_field::<i64>("day", Order::Desc),
                ),
            )?;
            (
                total,
                counts,
                hits.into_iter()
                    .map(|(_, address)| (0.0, address))
                    .collect(),
            )
        }
    };
    let snippets = snippet_query
        .map(|query| Snippets::for_query(&searcher, query.as_ref(), fields.body))
        .transpose()?;
    let mut found_records = Vec::new();
    for (score, address) in &found {
        let document: TantivyDocument = searcher.doc(*address)?;
        let (Some(id), Some(record_type)) = (
            record_id(&document, fields.record_id),
            record_type(&document, fields.record_type),
        ) else {
            continue;
        };
        let snippet_html = snippets
            .as_ref()
            .map(|snippets| snippets.html(&document))
            .unwrap_or_default();
        found_records.push((record_type, id, snippet_html, *score));
    }
    Ok((total, counts, found_records))
}

pub(super) fn record_type(
    document: &TantivyDocument,
    field: tantivy::schema::Field,
) -> Option<RecordType> {
    document
        .get_first(field)
        .and_then(|value| value.as_str())
        .and_then(RecordType::parse)
}

pub(super) fn record_id(document: &TantivyDocument, field: tantivy::schema::Field) -> Option<i32> {
    document
        .get_first(field)
        .and_then(|value| value.as_u64())
        .and_then(|id| i32::try_from(id).ok())
}

fn facet_counts(conn: &mut DbConnection, asker: &Actor, counts: FacetCounts) -> AppResult<Facets> {
    // Only the asker's own cases: those are the ones the case filter can name (references
    // are unique per worker, so a supervisee's FAM-1 is not the asker's). A worker has tens
    // of cases, and this query's text never changes, so it is prepared once per connection.
    let case = cases::table
        .filter(cases::owner_id.eq(asker.user_id))
        .select((cases::id, cases::reference))
        .load::<(i32, String)>(conn)?
        .into_iter()
        .filter_map(|(id, reference)| {
            counts
                .case
                .get(&id_number(id))
                .map(|count| (reference, *count))
        })
        .collect();
    // Tags the asker may filter by: the catalogue and their own topics. A supervisee's
    // topics on shared entries are not listed, even one with the same code as the asker's.
    let tag = counts
        .tag
        .into_iter()
        .filter_map(|(key, count)| match tag_of_key(&key) {
            (None, code) => Some((code.to_string(), count)),
            (Some(owner), code) if owner == asker.user_id => Some((code.to_string(), count)),
            _ => None,
        })
        .collect();
    let mut facets = Facets {
        kind: counts.kind.into_iter().collect(),
        case,
        tag,
    };
    for list in [&mut facets.kind, &mut facets.case, &mut facets.tag] {
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
    Ok(facets)
}

/// Parses a date filter for callers that need the date itself.
pub fn date(field: &str, text: &str) -> Result<NaiveDate, FieldErrors> {
    let mut errors = FieldErrors::new();
    parse_date(field, text, &mut errors).ok_or(errors)
}
