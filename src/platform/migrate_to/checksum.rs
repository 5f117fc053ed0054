//! The per-table checksum both databases are compared by. Each side renders a row as a JSON
//! array (SQLite with `json_array`, PostgreSQL with `json_build_array`); the values are then
//! brought to one canonical text per column type here, in Rust, so the two databases' own
//! spellings (`1` or `true`, `2026-12-07 10:00:00` or `2026-12-07T10:00:00`, `7.5` or
//! `7.50000000000000000`) hash alike when, and only when, the values are equal.

use blake2::{Blake2b512, Digest};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::Value;

/// The column types the copy knows how to carry and compare; anything else is refused before
/// a row moves, rather than compared by a rule that might not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// `integer`, `bigint`, `smallint`.
    Integer,
    /// `double precision`, `real`.
    Float,
    /// `boolean` (SQLite stores 0 and 1).
    Boolean,
    /// `text`.
    Text,
    /// `timestamp without time zone`.
    Timestamp,
    /// `date`.
    Date,
    /// `time without time zone`.
    Time,
}

impl ColumnType {
    /// The type of a PostgreSQL column by its `information_schema` name, if supported.
    pub fn from_postgres(data_type: &str) -> Option<Self> {
        Some(match data_type {
            "integer" | "bigint" | "smallint" => Self::Integer,
            "double precision" | "real" => Self::Float,
            "boolean" => Self::Boolean,
            "text" => Self::Text,
            "timestamp without time zone" => Self::Timestamp,
            "date" => Self::Date,
            "time without time zone" => Self::Time,
            _ => return None,
        })
    }
}

/// Row count and digest of one table, built row by row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TableSum {
    /// Rows seen.
    pub rows: u64,
    /// The wrapping sum of every row's 128-bit digest: independent of the order rows come
    /// in (the two databases order text keys differently), and, unlike an XOR, a row seen
    /// twice does not cancel out.
    pub digest: u128,
}

impl TableSum {
    /// Adds one row, given as the JSON array of its values in `types`' column order.
    pub fn add(&mut self, row: &str, types: &[ColumnType]) -> Result<(), String> {
        self.rows += 1;
        self.digest = self.digest.wrapping_add(row_digest(row, types)?);
        Ok(())
    }

    /// The digest as 32 hexadecimal digits, for the report.
    pub fn hex(&self) -> String {
        format!("{:032x}", self.digest)
    }
}

/// The digest of one row: each value's canonical text, length-prefixed, with NULL told
/// apart from every text (the empty one included).
pub fn row_digest(row: &str, types: &[ColumnType]) -> Result<u128, String> {
    let values: Vec<Value> =
        serde_json::from_str(row).map_err(|error| format!("unreadable row {row:?}: {error}"))?;
    if values.len() != types.len() {
        return Err(format!(
            "a row has {} values for {} columns",
            values.len(),
            types.len()
        ));
    }
    let mut hasher = Blake2b512::new();
    for (value, column_type) in values.iter().zip(types) {
        match canonical(value, *column_type)? {
            None => hasher.update([0u8]),
            Some(text) => {
                hasher.update([1u8]);
                hasher.update((text.len() as u64).to_le_bytes());
                hasher.update(text.as_bytes());
            }
        }
    }
    let full = hasher.finalize();
    let mut first = [0u8; 16];
    first.copy_from_slice(&full[..16]);
    Ok(u128::from_le_bytes(first))
}

/// One value's canonical text (`None` for NULL); a value that is not of its column's type
/// is an error, never a guess.
pub fn canonical(value: &Value, column_type: ColumnType) -> Result<Option<String>, String> {
    if value.is_null() {
        return Ok(None);
    }
    let wrong = || format!("{value} is not a {column_type:?} value");
    let text = match column_type {
        ColumnType::Integer => value.as_i64().ok_or_else(wrong)?.to_string(),
        ColumnType::Boolean => match value {
            Value::Bool(true) => "t".into(),
            Value::Bool(false) => "f".into(),
            Value::Number(n) if n.as_i64() == Some(1) => "t".into(),
            Value::Number(n) if n.as_i64() == Some(0) => "f".into(),
            _ => return Err(wrong()),
        },
        // Floats travel as text (see the copy's column expressions), parsed here by Rust's
        // correctly rounded parser and written in its shortest exact form.
        ColumnType::Float => {
            let parsed: f64 = value
                .as_str()
                .ok_or_else(wrong)?
                .parse()
                .map_err(|_| wrong())?;
            format!("{parsed:?}")
        }
        ColumnType::Text => value.as_str().ok_or_else(wrong)?.to_string(),
        ColumnType::Timestamp => first_reading(
            value.as_str().ok_or_else(wrong)?,
            &["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"],
            NaiveDateTime::parse_from_str,
        )
        .ok_or_else(wrong)?
        .format("%Y-%m-%dT%H:%M:%S%.9f")
        .to_string(),
        ColumnType::Date => {
            NaiveDate::parse_from_str(value.as_str().ok_or_else(wrong)?, "%Y-%m-%d")
                .map_err(|_| wrong())?
                .to_string()
        }
        ColumnType::Time => first_reading(
            value.as_str().ok_or_else(wrong)?,
            &["%H:%M:%S%.f", "%H:%M"],
            NaiveTime::parse_from_str,
        )
        .ok_or_else(wrong)?
        .format("%H:%M:%S%.9f")
        .to_string(),
    };
    Ok(Some(text))
}

/// `text` read by the first of `formats` that fits it.
fn first_reading<T>(
    text: &str,
    formats: &[&str],
    parse: fn(&str, &str) -> chrono::ParseResult<T>,
) -> Option<T> {
    formats.iter().find_map(|format| parse(text, format).ok())
}

#[cfg(test)]
mod tests;
