//! Diesel queries for cases. Every query is scoped to one owner.

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::model::{Case, CaseInput, CaseRow, CaseStatus};
use crate::error::{AppError, AppResult};
use crate::platform::db::schema::cases;

fn duplicate_reference(error: DieselError, reference: &str) -> AppError {
    match error {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => AppError::invalid(
            "reference",
            format!("You already have a case with the reference {reference}."),
        ),
        other => other.into(),
    }
}

/// The columns a case's fields fill, shared by insert and update.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = cases, treat_none_as_null = true)]
struct CaseColumns<'a> {
    reference: &'a str,
    label: Option<&'a str>,
    category: &'a str,
    cp_primary: Option<&'a str>,
    cp_secondary: Option<&'a str>,
    status: &'a str,
    opened_on: NaiveDate,
    closed_on: Option<NaiveDate>,
    updated_at: NaiveDateTime,
}

impl<'a> CaseColumns<'a> {
    fn new(input: &'a CaseInput, now: NaiveDateTime) -> Self {
        Self {
            reference: &input.reference,
            label: input.label.as_deref(),
            category: input.category.as_str(),
            cp_primary: input.cp_primary.map(|category| category.as_str()),
            cp_secondary: input.cp_secondary.map(|category| category.as_str()),
            status: input.status.as_str(),
            opened_on: input.opened_on,
            closed_on: input.closed_on,
            updated_at: now,
        }
    }
}

/// Inserts a case for `owner_id`.
pub fn insert(
    conn: &mut DbConnection,
    owner_id: i32,
    input: &CaseInput,
    now: NaiveDateTime,
) -> AppResult<i32> {
    diesel::insert_into(cases::table)
        .values((
            CaseColumns::new(input, now),
            cases::owner_id.eq(owner_id),
            cases::created_at.eq(now),
        ))
        .returning(cases::id)
        .get_result(conn)
        .map_err(|error| duplicate_reference(error, &input.reference))
}

/// Replaces a case's fields.
pub fn update(
    conn: &mut DbConnection,
    id: i32,
    input: &CaseInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::update(cases::table.find(id))
        .set(CaseColumns::new(input, now))
        .execute(conn)
        .map_err(|error| duplicate_reference(error, &input.reference))?;
    Ok(())
}

/// One of the owner's cases by reference (case-insensitive).
pub fn find_by_reference(
    conn: &mut DbConnection,
    owner_id: i32,
    reference: &str,
) -> AppResult<Option<Case>> {
    cases::table
        .filter(cases::owner_id.eq(owner_id))
        .filter(cases::reference.eq(reference.trim()))
        .select(CaseRow::as_select())
        .first(conn)
        .optional()?
        .map(Case::try_from)
        .transpose()
}

/// The owner's cases, open ones first, then by reference; optionally one status only.
pub fn list(
    conn: &mut DbConnection,
    owner_id: i32,
    status: Option<CaseStatus>,
) -> AppResult<Vec<Case>> {
    let mut query = cases::table
        .filter(cases::owner_id.eq(owner_id))
        .order((cases::status.desc(), cases::reference.asc()))
        .select(CaseRow::as_select())
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(cases::status.eq(status.as_str()));
    }
    query.load(conn)?.into_iter().map(Case::try_from).collect()
}

/// The references of the owner's cases and nothing else about them (what a supervision
/// record between the owner and their supervisor may name).
pub fn references(conn: &mut DbConnection, owner_id: i32) -> AppResult<Vec<String>> {
    Ok(cases::table
        .filter(cases::owner_id.eq(owner_id))
        .order(cases::reference.asc())
        .select(cases::reference)
        .load(conn)?)
}

/// Ids of the owner's cases with the given references; unknown references are returned
/// separately so the caller can name them.
pub fn resolve_references(
    conn: &mut DbConnection,
    owner_id: i32,
    references: &[String],
) -> AppResult<(Vec<i32>, Vec<String>)> {
    let mut ids = Vec::new();
    let mut unknown = Vec::new();
    let mut own: Option<Vec<(i32, String, Option<String>)>> = None;
    for reference in references {
        let exact: Option<i32> = cases::table
            .filter(cases::owner_id.eq(owner_id))
            .filter(cases::reference.eq(reference.trim()))
            .select(cases::id)
            .first(conn)
            .optional()?;
        let found = match exact {
            Some(id) => Some(id),
            None => {
                if own.is_none() {
                    own = Some(
                        cases::table
                            .filter(cases::owner_id.eq(owner_id))
                            .select((cases::id, cases::reference, cases::label))
                            .load(conn)?,
                    );
                }
                named_by_words(own.as_deref().unwrap_or_default(), reference)
            }
        };
        match found {
            Some(id) if !ids.contains(&id) => ids.push(id),
            Some(_) => {}
            None => unknown.push(reference.clone()),
        }
    }
    Ok((ids, unknown))
}

/// The one case a typed reference means when it is not exact: the reference in any case
/// ("fam-017"), or the only case whose label holds every word ("Child B"). `None` when
/// nothing or more than one case fits, so the person is asked rather than given a guess.
fn named_by_words(own: &[(i32, String, Option<String>)], typed: &str) -> Option<i32> {
    let typed = typed.trim();
    if let Some((id, _, _)) = own
        .iter()
        .find(|(_, reference, _)| reference.eq_ignore_ascii_case(typed))
    {
        return Some(*id);
    }
    // Words are letters, digits, spaces, hyphens and apostrophes; anything else typed is a
    // reference that matched nothing, and is reported as unknown.
    let plain = typed
        .chars()
        .all(|c| c.is_alphanumeric() || c.is_whitespace() || c == '-' || c == '\'');
    let words: Vec<String> = typed.split_whitespace().map(str::to_lowercase).collect();
    if !plain || words.is_empty() {
        return None;
    }
    let mut fitting = own.iter().filter(|(_, reference, label)| {
        let haystack = format!("{} {}", reference, label.as_deref().unwrap_or("")).to_lowercase();
        words.iter().all(|word| haystack.contains(word.as_str()))
    });
    match (fitting.next(), fitting.next()) {
        (Some((id, _, _)), None) => Some(*id),
        _ => None,
    }
}
