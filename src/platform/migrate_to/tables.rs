//! Which tables move, in what order, with which columns: read from the two databases' own
//! catalogues after both are migrated to the same version, so a table a later migration adds
//! is copied without anyone remembering to list it here.

use std::collections::{BTreeMap, BTreeSet};

use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel::sqlite::SqliteConnection;

use super::checksum::ColumnType;
use crate::error::{AppError, AppResult};

/// Diesel's record of applied migrations: each database keeps its own.
pub const MIGRATIONS_TABLE: &str = "__diesel_schema_migrations";

/// Tables whose rows describe one deployment's running processes rather than the service's
/// records, and so stay behind, with why.
pub const NOT_COPIED: &[(&str, &str)] = &[
    (
        "instances",
        "each server records its own search-index position; the PostgreSQL deployment's \
         servers register themselves when they start",
    ),
    (
        "leases",
        "held for a few minutes by the running process doing background work",
    ),
    (
        "search_outbox",
        "changes waiting for the search index; the new deployment's servers build their \
         index from the database, and the outbox's numbering continues past the copied one",
    ),
    (
        "search_outbox_pruned",
        "set by the copy to the last outbox number, so an index that missed anything rebuilds",
    ),
    (
        "credential_changes",
        "a counter servers compare to notice sign-outs; the migration starts it afresh",
    ),
];

/// Tables the migrations themselves give a row, which an empty target therefore holds.
pub const SEEDED: &[&str] = &["search_outbox_pruned", "credential_changes"];

/// One column of a copied table.
#[derive(Debug, Clone)]
pub struct Column {
    /// Its name.
    pub name: String,
    /// Its type, as PostgreSQL declares it.
    pub column_type: ColumnType,
    /// PostgreSQL's name of the type, for casts.
    pub postgres_type: String,
    /// Whether PostgreSQL numbers it from a sequence (serial or identity).
    pub numbered: bool,
}

/// A table to copy.
#[derive(Debug, Clone)]
pub struct Table {
    /// Its name.
    pub name: String,
    /// Its columns in PostgreSQL's order.
    pub columns: Vec<Column>,
}

impl Table {
    /// The column types, in column order, for the checksum.
    pub fn types(&self) -> Vec<ColumnType> {
        self.columns
            .iter()
            .map(|column| column.column_type)
            .collect()
    }
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct PgColumn {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    numbered: bool,
}

#[derive(QueryableByName)]
struct Reference {
    #[diesel(sql_type = Text)]
    child: String,
    #[diesel(sql_type = Text)]
    parent: String,
}

/// The application tables in a SQLite database.
pub fn sqlite_tables(conn: &mut SqliteConnection) -> AppResult<BTreeSet<String>> {
    let names: Vec<Name> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' \
         ESCAPE '\\' AND name <> ?",
    )
    .bind::<Text, _>(MIGRATIONS_TABLE)
    .load(conn)?;
    Ok(names.into_iter().map(|row| row.name).collect())
}

/// The application tables in the PostgreSQL database's current schema.
pub fn postgres_tables(conn: &mut PgConnection) -> AppResult<BTreeSet<String>> {
    let names: Vec<Name> = diesel::sql_query(
        "SELECT table_name::text AS name FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
         AND table_name <> $1",
    )
    .bind::<Text, _>(MIGRATIONS_TABLE)
    .load(conn)?;
    Ok(names.into_iter().map(|row| row.name).collect())
}

/// The tables to copy, parents before the tables that refer to them, with their columns;
/// refuses when the two databases' tables or columns differ, or a type is unknown.
pub fn plan(sqlite: &mut SqliteConnection, postgres: &mut PgConnection) -> AppResult<Vec<Table>> {
    let in_sqlite = sqlite_tables(sqlite)?;
    let in_postgres = postgres_tables(postgres)?;
    if in_sqlite != in_postgres {
        return Err(AppError::Internal(format!(
            "the SQLite and PostgreSQL migrations disagree on the tables (only in SQLite: \
             {:?}; only in PostgreSQL: {:?})",
            in_sqlite.difference(&in_postgres).collect::<Vec<_>>(),
            in_postgres.difference(&in_sqlite).collect::<Vec<_>>()
        )));
    }
    let copied: BTreeSet<String> = in_postgres
        .into_iter()
        .filter(|name| !NOT_COPIED.iter().any(|(skipped, _)| skipped == name))
        .collect();
    let mut tables = Vec::new();
    for name in dependency_order(postgres, &copied)? {
        let columns = columns(postgres, &name)?;
        let sqlite_columns: BTreeSet<String> =
            diesel::sql_query("SELECT name FROM pragma_table_info(?)")
                .bind::<Text, _>(&name)
                .load::<Name>(sqlite)?
                .into_iter()
                .map(|row| row.name)
                .collect();
        let postgres_columns: BTreeSet<String> =
            columns.iter().map(|column| column.name.clone()).collect();
        if sqlite_columns != postgres_columns {
            return Err(AppError::Internal(format!(
                "table {name} has columns {sqlite_columns:?} in SQLite but \
                 {postgres_columns:?} in PostgreSQL"
            )));
        }
        tables.push(Table { name, columns });
    }
    Ok(tables)
}

fn columns(conn: &mut PgConnection, table: &str) -> AppResult<Vec<Column>> {
    let rows: Vec<PgColumn> = diesel::sql_query(
        "SELECT column_name::text AS name, data_type::text AS data_type, \
         (column_default LIKE 'nextval(%' OR is_identity = 'YES') IS TRUE AS numbered \
         FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
    )
    .bind::<Text, _>(table)
    .load(conn)?;
    rows.into_iter()
        .map(|row| {
            let column_type = ColumnType::from_postgres(&row.data_type).ok_or_else(|| {
                AppError::Internal(format!(
                    "{table}.{} is of type {}, which migrate-to does not know how to copy \
                     and compare",
                    row.name, row.data_type
                ))
            })?;
            Ok(Column {
                name: row.name,
                column_type,
                postgres_type: row.data_type,
                numbered: row.numbered,
            })
        })
        .collect()
}

/// `tables` ordered so that every table comes after the tables its foreign keys name (by
/// name among those ready at once, so the order is the same every time).
fn dependency_order(conn: &mut PgConnection, tables: &BTreeSet<String>) -> AppResult<Vec<String>> {
    let references: Vec<Reference> = diesel::sql_query(
        "SELECT c.relname::text AS child, p.relname::text AS parent FROM pg_constraint k \
         JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE k.contype = 'f' AND n.nspname = current_schema()",
    )
    .load(conn)?;
    let mut parents: BTreeMap<&str, BTreeSet<&str>> = tables
        .iter()
        .map(|name| (name.as_str(), BTreeSet::new()))
        .collect();
    for reference in &references {
        if reference.child == reference.parent {
            continue;
        }
        if let Some(set) = parents.get_mut(reference.child.as_str()) {
            if !tables.contains(&reference.parent) {
                return Err(AppError::Internal(format!(
                    "table {} refers to {}, which is not copied",
                    reference.child, reference.parent
                )));
            }
            set.insert(reference.parent.as_str());
        }
    }
    let mut order: Vec<String> = Vec::with_capacity(tables.len());
    while !parents.is_empty() {
        let ready: Vec<&str> = parents
            .iter()
            .filter(|(_, waiting_on)| waiting_on.is_empty())
            .map(|(name, _)| *name)
            .collect();
        if ready.is_empty() {
            return Err(AppError::Internal(format!(
                "the foreign keys between {:?} form a cycle",
                parents.keys().collect::<Vec<_>>()
            )));
        }
        for name in ready {
            parents.remove(name);
            for waiting_on in parents.values_mut() {
                waiting_on.remove(name);
            }
            order.push(name.to_string());
        }
    }
    Ok(order)
}
