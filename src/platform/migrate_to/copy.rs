//! Moving one table's rows: read from SQLite as JSON arrays, sent to PostgreSQL in batches
//! of many rows per statement, and summed on both sides for the checksum.

use diesel::pg::{PgConnection, PgRowByRowLoadingMode};
use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel::sqlite::SqliteConnection;

use super::checksum::{ColumnType, TableSum};
use super::tables::Table;
use crate::error::{AppError, AppResult};

/// A batch is sent once it holds this many bytes of JSON or [`BATCH_ROWS`] rows.
const BATCH_BYTES: usize = 4 << 20;
const BATCH_ROWS: usize = 5_000;

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = Text)]
    row: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    count: i64,
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The table's columns as a list of SQL values, floats through `float` (given the quoted
/// column name), so both databases write them as text.
fn row_values(table: &Table, float: impl Fn(&str) -> String) -> String {
    let values: Vec<String> = table
        .columns
        .iter()
        .map(|column| match column.column_type {
            ColumnType::Float => float(&quoted(&column.name)),
            _ => quoted(&column.name),
        })
        .collect();
    values.join(", ")
}

/// Rows in `table` of the SQLite database.
pub fn sqlite_count(conn: &mut SqliteConnection, table: &str) -> AppResult<u64> {
    let count: Count =
        diesel::sql_query(format!("SELECT COUNT(*) AS count FROM {}", quoted(table)))
            .get_result(conn)?;
    Ok(count.count.max(0) as u64)
}

/// Whether `table` of the PostgreSQL database holds any row.
pub fn postgres_has_rows(conn: &mut PgConnection, table: &str) -> AppResult<bool> {
    let count: Count = diesel::sql_query(format!(
        "SELECT COUNT(*) AS count FROM (SELECT 1 FROM {} LIMIT 1) AS one",
        quoted(table)
    ))
    .get_result(conn)?;
    Ok(count.count > 0)
}

/// Copies every row of `table` from SQLite into PostgreSQL, calling `copied` with the rows
/// sent so far; returns the source's count and checksum.
pub fn copy_table(
    sqlite: &mut SqliteConnection,
    postgres: &mut PgConnection,
    table: &Table,
    mut copied: impl FnMut(u64),
) -> AppResult<TableSum> {
    // Floats travel as text with 17 significant digits: exact, whatever the JSON parser.
    let values = row_values(table, |column| {
        format!("CASE WHEN {column} IS NULL THEN NULL ELSE printf('%!.17g', {column}) END")
    });
    let select = format!(
        "SELECT json_array({values}) AS row FROM {}",
        quoted(&table.name)
    );
    let names: Vec<String> = table.columns.iter().map(|c| quoted(&c.name)).collect();
    let casts: Vec<String> = table
        .columns
        .iter()
        .enumerate()
        .map(|(at, column)| format!("(r->>{at})::{}", column.postgres_type))
        .collect();
    let insert = format!(
        "INSERT INTO {} ({}) OVERRIDING SYSTEM VALUE SELECT {} FROM jsonb_array_elements($1::jsonb) AS r",
        quoted(&table.name),
        names.join(", "),
        casts.join(", ")
    );
    let types = table.types();
    let mut sum = TableSum::default();
    let mut batch = String::with_capacity(BATCH_BYTES + 4096);
    let mut in_batch = 0usize;
    let mut send = |batch: &mut String, in_batch: &mut usize, sum: &TableSum| -> AppResult<()> {
        if *in_batch == 0 {
            return Ok(());
        }
        batch.push(']');
        diesel::sql_query(&insert)
            .bind::<Text, _>(batch.as_str())
            .execute(postgres)
            .map_err(|error| {
                AppError::Internal(format!("copying table {}: {error}", table.name))
            })?;
        batch.clear();
        *in_batch = 0;
        copied(sum.rows);
        Ok(())
    };
    for row in diesel::sql_query(select)
        .load_iter::<Row, diesel::connection::DefaultLoadingMode>(sqlite)?
    {
        let row = row?.row;
        sum.add(&row, &types).map_err(|error| {
            AppError::Internal(format!("reading table {}: {error}", table.name))
        })?;
        batch.push(if in_batch == 0 { '[' } else { ',' });
        batch.push_str(&row);
        in_batch += 1;
        if in_batch >= BATCH_ROWS || batch.len() >= BATCH_BYTES {
            send(&mut batch, &mut in_batch, &sum)?;
        }
    }
    send(&mut batch, &mut in_batch, &sum)?;
    Ok(sum)
}

/// The count and checksum of `table` as PostgreSQL now holds it.
pub fn postgres_sum(conn: &mut PgConnection, table: &Table) -> AppResult<TableSum> {
    let values = row_values(table, |column| format!("{column}::text"));
    let select = format!(
        "SELECT json_build_array({values})::text AS row FROM {}",
        quoted(&table.name)
    );
    let types = table.types();
    let mut sum = TableSum::default();
    for row in diesel::sql_query(select).load_iter::<Row, PgRowByRowLoadingMode>(conn)? {
        sum.add(&row?.row, &types).map_err(|error| {
            AppError::Internal(format!("reading back table {}: {error}", table.name))
        })?;
    }
    Ok(sum)
}

/// Moves each numbered column's sequence past the highest copied value, so the next row
/// PostgreSQL numbers does not collide with a copied one.
pub fn continue_numbering(conn: &mut PgConnection, table: &Table) -> AppResult<()> {
    for column in table.columns.iter().filter(|column| column.numbered) {
        diesel::sql_query(format!(
            "SELECT setval(pg_get_serial_sequence($1, $2), \
             (SELECT COALESCE(MAX({}), 0) + 1 FROM {}), false)",
            quoted(&column.name),
            quoted(&table.name)
        ))
        .bind::<Text, _>(quoted(&table.name))
        .bind::<Text, _>(&column.name)
        .execute(conn)?;
    }
    Ok(())
}
