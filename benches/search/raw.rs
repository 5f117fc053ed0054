//! The same searches as raw tantivy calls on the server's index, opened read-only in this
//! process: the same analyser and the same query building. The bare level is a plain
//! `TopDocs` call on the query as typed (with its kind filter), without the asker's
//! permission scope, which the API adds; the plain level adds the scope and `Count`; the
//! others add what the search service does on top (facet counts, then the 20 snippets) to
//! show where the time over HTTP goes.

use std::collections::HashMap;
use std::path::Path;

use praxis::accounts::directory as accounts;
use praxis::platform::db::Database;
use praxis::platform::policy::{self, Scope};
use praxis::search::build::{self, Filters};
use praxis::search::facets::FacetCollector;
use praxis::search::query;
use praxis::search::schema::{SearchFields, register_analyzer};
use praxis::search::snippets::Snippets;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query};
use tantivy::{DocAddress, Index, IndexReader, Order, ReloadPolicy, TantivyDocument};

use super::mix::BenchQuery;
use super::stats::Searcher;

/// Results per page, as the API is asked.
const LIMIT: usize = 20;

/// The index and each asker's permission scope.
pub struct RawSearch {
    reader: IndexReader,
    fields: SearchFields,
    scopes: HashMap<String, Scope>,
    level: Level,
}

/// How much of the search service's tantivy work to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// `TopDocs` alone, on the query without the permission scope.
    Bare,
    /// The permission scope, `Count` and `TopDocs`.
    Plain,
    /// Facet counts by kind, case and tag too.
    Facets,
    /// Facets, and the stored text and highlighted snippet of each hit.
    Snippets,
}

impl RawSearch {
    /// Opens the index in `dir` and works out the scope of every user in `usernames`.
    pub fn open(dir: &Path, database: &Database, usernames: &[&str], level: Level) -> Self {
        let index = Index::open_in_dir(dir).expect("open the index");
        register_analyzer(&index);
        let fields = SearchFields::of(&index).expect("fields");
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .expect("reader");
        let mut conn = database.conn().expect("connection");
        let scopes = usernames
            .iter()
            .map(|name| {
                let user = accounts::find_by_username(&mut conn, name)
                    .expect("query")
                    .unwrap_or_else(|| panic!("no user {name}"));
                let actor = user.actor().expect("actor");
                let scope = policy::scope_of(&mut conn, &actor).expect("scope");
                (name.to_string(), scope)
            })
            .collect();
        Self {
            reader,
            fields,
            scopes,
            level,
        }
    }
}

impl Searcher for RawSearch {
    fn search(&mut self, _: usize, bench: &BenchQuery, username: &str) -> usize {
        let searcher = self.reader.searcher();
        let scope = &self.scopes[username];
        let parsed = query::parse(bench.q);
        let text = build::text_query(&self.fields, &parsed);
        let snippet_query = text.as_ref().map(|query| query.box_clone());
        let filters = Filters {
            kind: bench.kind.map(str::to_string),
            ..Filters::default()
        };
        let top = TopDocs::with_limit(LIMIT);
        if self.level == Level::Bare {
            return bare(&searcher, &self.fields, text, &filters, bench.by_date, top);
        }
        let full = build::full_query(&self.fields, text, scope, &filters);
        let facets_too = self.level != Level::Plain;
        let (total, hits): (usize, Vec<DocAddress>) = match (bench.by_date, facets_too) {
            (true, false) => {
                let by_day = top.order_by_fast_field::<i64>("day", Order::Desc);
                let (total, hits) = searcher.search(&full, &(Count, by_day)).expect("search");
                (total, hits.into_iter().map(|(_, at)| at).collect())
            }
            (false, false) => {
                let (total, hits) = searcher
                    .search(&full, &(Count, top.order_by_score()))
                    .expect("search");
                (total, hits.into_iter().map(|(_, at)| at).collect())
            }
            (true, true) => {
                let by_day = top.order_by_fast_field::<i64>("day", Order::Desc);
                let (total, counts, hits) = searcher
                    .search(&full, &(Count, FacetCollector, by_day))
                    .expect("search");
                std::hint::black_box(counts);
                (total, hits.into_iter().map(|(_, at)| at).collect())
            }
            (false, true) => {
                let (total, counts, hits) = searcher
                    .search(&full, &(Count, FacetCollector, top.order_by_score()))
                    .expect("search");
                std::hint::black_box(counts);
                (total, hits.into_iter().map(|(_, at)| at).collect())
            }
        };
        if self.level == Level::Snippets {
            snippets(&searcher, &self.fields, snippet_query.as_deref(), &hits);
        }
        std::hint::black_box(hits);
        total
    }
}

/// A plain `TopDocs` call on the query and its filters, as tantivy alone would answer it:
/// no permission scope and no count; the number of hits stands in for the total.
fn bare(
    searcher: &tantivy::Searcher,
    fields: &SearchFields,
    text: Option<Box<dyn Query>>,
    filters: &Filters,
    by_date: bool,
    top: TopDocs,
) -> usize {
    let mut parts: Vec<(Occur, Box<dyn Query>)> = text
        .into_iter()
        .chain(build::filter_parts(fields, filters))
        .map(|part| (Occur::Must, part))
        .collect();
    if parts.is_empty() {
        parts.push((Occur::Must, Box::new(AllQuery)));
    }
    let query = BooleanQuery::new(parts);
    let hits = if by_date {
        let by_day = top.order_by_fast_field::<i64>("day", Order::Desc);
        let hits = searcher.search(&query, &by_day).expect("search");
        hits.into_iter().map(|(_, at)| at).collect::<Vec<_>>()
    } else {
        let hits = searcher
            .search(&query, &top.order_by_score())
            .expect("search");
        hits.into_iter().map(|(_, at)| at).collect()
    };
    std::hint::black_box(hits).len()
}

/// Reads the hits' stored text and makes their highlighted snippets.
fn snippets(
    searcher: &tantivy::Searcher,
    fields: &SearchFields,
    query: Option<&dyn Query>,
    hits: &[DocAddress],
) {
    let Some(query) = query else {
        return;
    };
    let snippets = Snippets::for_query(searcher, query, fields.body).expect("snippets");
    for address in hits {
        let document: TantivyDocument = searcher.doc(*address).expect("stored document");
        std::hint::black_box(snippets.html(&document));
    }
}
