//! A membership test against a list of ids whose SQL is the same for any number of ids:
//! `column IN (SELECT value FROM json_each(?))`, the ids bound as one JSON array. Diesel's
//! `eq_any` writes one placeholder per id, so SQLite prepares its statement afresh for every
//! list (tens of microseconds for a join); this one is prepared once per connection and
//! kept in Diesel's statement cache. The query plan is the same: a lookup per id.
//! PostgreSQL has arrays, so there the ids are bound as one `integer[]`: `column = ANY($1)`.

use diesel::QueryResult;
use diesel::expression::{AppearsOnTable, Expression, SelectableExpression, ValidGrouping};
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::{Array, Bool, Integer, Text};
use diesel::sqlite::Sqlite;

use super::backend::MultiBackend;

/// `column IN (the ids)`, built by [`InIds::in_ids`].
#[derive(Debug, Clone)]
pub struct IdIn<C> {
    column: C,
    ids: Vec<i32>,
    ids_json: String,
}

/// Builds [`IdIn`] on an integer column.
pub trait InIds: Sized {
    /// Whether the column's value is one of `ids`.
    fn in_ids(self, ids: &[i32]) -> IdIn<Self>;
}

impl<C> InIds for C
where
    C: Expression<SqlType = Integer>,
{
    fn in_ids(self, ids: &[i32]) -> IdIn<Self> {
        let mut ids_json = String::with_capacity(ids.len() * 8 + 2);
        ids_json.push('[');
        for (at, id) in ids.iter().enumerate() {
            if at > 0 {
                ids_json.push(',');
            }
            ids_json.push_str(&id.to_string());
        }
        ids_json.push(']');
        IdIn {
            column: self,
            ids: ids.to_vec(),
            ids_json,
        }
    }
}

impl<C> Expression for IdIn<C>
where
    C: Expression<SqlType = Integer>,
{
    type SqlType = Bool;
}

impl<C, QS> AppearsOnTable<QS> for IdIn<C>
where
    C: AppearsOnTable<QS>,
    Self: Expression,
{
}

impl<C, QS> SelectableExpression<QS> for IdIn<C>
where
    C: SelectableExpression<QS>,
    Self: AppearsOnTable<QS>,
{
}

impl<C, GroupBy> ValidGrouping<GroupBy> for IdIn<C>
where
    C: ValidGrouping<GroupBy>,
{
    type IsAggregate = C::IsAggregate;
}

impl<C> QueryId for IdIn<C>
where
    C: QueryId,
{
    type QueryId = IdIn<C::QueryId>;
    const HAS_STATIC_QUERY_ID: bool = C::HAS_STATIC_QUERY_ID;
}

impl<C> QueryFragment<Sqlite> for IdIn<C>
where
    C: QueryFragment<Sqlite>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        self.column.walk_ast(out.reborrow())?;
        out.push_sql(" IN (SELECT value FROM json_each(");
        out.push_bind_param::<Text, String>(&self.ids_json)?;
        out.push_sql("))");
        Ok(())
    }
}

impl<C> QueryFragment<Pg> for IdIn<C>
where
    C: QueryFragment<Pg>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        self.column.walk_ast(out.reborrow())?;
        out.push_sql(" = ANY(");
        out.push_bind_param::<Array<Integer>, Vec<i32>>(&self.ids)?;
        out.push_sql(")");
        Ok(())
    }
}

impl<C> QueryFragment<MultiBackend> for IdIn<C>
where
    C: QueryFragment<Sqlite> + QueryFragment<Pg>,
{
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        MultiBackend::walk_variant_ast(self, pass)
    }
}

#[cfg(test)]
mod tests {
    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;

    use super::InIds;
    use crate::platform::db::DbConnection;

    diesel::table! {
        numbers (id) {
            id -> Integer,
            word -> Text,
        }
    }

    fn fill(conn: &mut impl SimpleConnection) {
        conn.batch_execute(
            "CREATE TEMPORARY TABLE numbers (id INTEGER PRIMARY KEY NOT NULL, word TEXT NOT NULL);
             INSERT INTO numbers VALUES (1, 'one'), (2, 'two'), (3, 'three'), (40, 'forty');",
        )
        .expect("table");
    }

    fn numbers_db() -> SqliteConnection {
        let mut conn = SqliteConnection::establish(":memory:").expect("in-memory database");
        fill(&mut conn);
        conn
    }

    /// The table on SQLite, and on PostgreSQL too when `PRAXIS_TEST_POSTGRES_URL` names a
    /// server (a temporary table, gone with the connection).
    fn numbers_dbs() -> Vec<DbConnection> {
        let mut all = vec![DbConnection::Sqlite(numbers_db())];
        if let Some(url) = std::env::var("PRAXIS_TEST_POSTGRES_URL")
            .ok()
            .filter(|url| !url.trim().is_empty())
        {
            let mut conn = PgConnection::establish(&url).expect("the test server");
            fill(&mut conn);
            all.push(DbConnection::Postgres(conn));
        }
        all
    }

    fn words(conn: &mut DbConnection, ids: &[i32]) -> Vec<String> {
        numbers::table
            .filter(numbers::id.in_ids(ids))
            .order(numbers::id)
            .select(numbers::word)
            .load(conn)
            .expect("query")
    }

    #[test]
    fn finds_exactly_the_listed_ids() {
        for mut conn in numbers_dbs() {
            assert_eq!(words(&mut conn, &[3, 1, 99]), ["one", "three"]);
            assert_eq!(words(&mut conn, &[40]), ["forty"]);
            assert!(words(&mut conn, &[]).is_empty());
            assert_eq!(words(&mut conn, &[2, 2, -7]), ["two"]);
        }
    }

    #[test]
    fn combines_with_other_filters() {
        for mut conn in numbers_dbs() {
            let found: Vec<i32> = numbers::table
                .filter(numbers::id.in_ids(&[1, 2, 3]))
                .filter(numbers::word.ne("two"))
                .order(numbers::id)
                .select(numbers::id)
                .load(&mut conn)
                .expect("query");
            assert_eq!(found, [1, 3]);
        }
    }

    #[test]
    fn one_statement_is_prepared_for_lists_of_any_length() {
        use diesel::connection::{Instrumentation, InstrumentationEvent};
        use std::sync::{Arc, Mutex};

        struct CountCached(Arc<Mutex<usize>>);
        impl Instrumentation for CountCached {
            fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
                if let InstrumentationEvent::CacheQuery { .. } = event {
                    *self.0.lock().expect("counter") += 1;
                }
            }
        }
        let mut conn = DbConnection::Sqlite(numbers_db());
        let cached = Arc::new(Mutex::new(0));
        conn.set_instrumentation(CountCached(Arc::clone(&cached)));
        for ids in [&[1][..], &[1, 2, 3], &[3, 40, 2, 1, 5]] {
            words(&mut conn, ids);
        }
        assert_eq!(*cached.lock().expect("counter"), 1);
    }
}
