//! The same searches as raw tantivy calls on the server's index, opened read-only in this
//! process: the same analyser, the same query building, the same permission scope, and only
//! `Count` plus `TopDocs` (no facets, snippets or database reads).

use std::collections::HashMap;
use std::path::Path;

use praxis::accounts::store as accounts;
use praxis::platform::db::Database;
use praxis::platform::policy::{self, JournalScope};
use praxis::search::build::{self, Filters};
use praxis::search::query;
use praxis::search::schema::{SearchFields, register_analyzer};
use tantivy::collector::{Count, TopDocs};
use tantivy::{Index, IndexReader, Order, ReloadPolicy};

use super::mix::BenchQuery;
use super::stats::Searcher;

/// The index and each asker's permission scope.
pub struct RawSearch {
    reader: IndexReader,
    fields: SearchFields,
    scopes: HashMap<String, JournalScope>,
}

impl RawSearch {
    /// Opens the index in `dir` and works out the scope of every user in `usernames`.
    pub fn open(dir: &Path, database: &Database, usernames: &[&str]) -> Self {
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
                let scope = policy::journal_scope(&mut conn, &actor).expect("scope");
                (name.to_string(), scope)
            })
            .collect();
        Self {
            reader,
            fields,
            scopes,
        }
    }
}

impl Searcher for RawSearch {
    fn search(&mut self, _: usize, bench: &BenchQuery, username: &str) -> usize {
        let searcher = self.reader.searcher();
        let scope = &self.scopes[username];
        let parsed = query::parse(bench.q);
        let text = build::text_query(&self.fields, &parsed);
        let filters = Filters {
            kind: bench.kind.map(str::to_string),
            ..Filters::default()
        };
        let full = build::full_query(&self.fields, text, scope, &filters);
        let top = TopDocs::with_limit(20);
        if bench.by_date {
            let (total, hits) = searcher
                .search(
                    &full,
                    &(Count, top.order_by_fast_field::<i64>("day", Order::Desc)),
                )
                .expect("search");
            std::hint::black_box(hits);
            total
        } else {
            let (total, hits) = searcher
                .search(&full, &(Count, top.order_by_score()))
                .expect("search");
            std::hint::black_box(hits);
            total
        }
    }
}
