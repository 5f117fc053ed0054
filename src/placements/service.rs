//! Use cases of a placement and its day log. Each checks the policy, validates, guards
//! confidentiality and writes in one transaction; pages and the API call the same functions.

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};

use super::access::{self, Access};
use super::model::{DayDraft, Placement, PlacementDraft};
use super::writes::{self, People};
use super::{store, validate};
use crate::accounts::model::LinkKind;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::auth::{Actor, Role};
use crate::platform::privacy_review::{Acknowledgement, Saved, review};

/// The placements the policy gives the asker a part in (named on it and still linked).
pub fn list(conn: &mut DbConnection, actor: &Actor) -> AppResult<Vec<Placement>> {
    let mut visible = Vec::new();
    for placement in store::placements_of(conn, actor.user_id)? {
        if access::capabilities(conn, actor, &placement)?.is_some() {
            visible.push(placement);
        }
    }
    Ok(visible)
}

/// Opens one placement (not found unless the asker is a party).
pub fn get(conn: &mut DbConnection, actor: &Actor, id: i32) -> AppResult<Access> {
    access::open(conn, actor, id)
}

/// The people a student may name on a placement: practice educators, then line
/// supervisors (for the on-site supervisor), each as (username, display name).
pub type Choices = (Vec<(String, String)>, Vec<(String, String)>);

/// Who the student may choose as practice educator and on-site supervisor.
pub fn choices(conn: &mut DbConnection, student_id: i32) -> AppResult<Choices> {
    let named = |rows: Vec<(i32, String, String)>| {
        rows.into_iter()
            .map(|(_, username, name)| (username, name))
            .collect()
    };
    Ok((
        named(store::linked_to_student(
            conn,
            student_id,
            LinkKind::Educator,
        )?),
        named(store::linked_to_student(conn, student_id, LinkKind::Line)?),
    ))
}

/// Resolves the usernames in a checked placement to the student's linked people.
fn people(
    conn: &mut DbConnection,
    student_id: i32,
    input: &validate::PlacementInput,
) -> AppResult<People> {
    let mut errors = FieldErrors::new();
    let find = |conn: &mut DbConnection, kind: LinkKind, username: &str| {
        store::linked_to_student(conn, student_id, kind).map(|rows| {
            rows.into_iter()
                .find(|(_, name, _)| name == username)
                .map(|(id, _, _)| id)
        })
    };
    let educator = find(conn, LinkKind::Educator, &input.educator)?;
    if educator.is_none() {
        errors.add(
            "educator",
            "Choose one of your practice educators; an administrator links you to yours.",
        );
    }
    let onsite_supervisor = match &input.onsite_supervisor {
        Some(username) => {
            let found = find(conn, LinkKind::Line, username)?;
            if found.is_none() {
                errors.add(
                    "onsite_supervisor",
                    "Choose one of your supervisors, who can read what you share.",
                );
            }
            found
        }
        None => None,
    };
    match educator {
        Some(educator) if errors.is_empty() => Ok(People {
            student: student_id,
            educator,
            onsite_supervisor,
        }),
        _ => Err(AppError::Invalid(errors)),
    }
}

fn guard_placement(
    input: &validate::PlacementInput,
    acknowledgement: Acknowledgement,
) -> AppResult<Vec<crate::platform::privacy::PrivacyWarning>> {
    review(
        [
            ("setting", input.setting.as_str()),
            ("team", input.team.as_str()),
        ],
        acknowledgement,
    )
}

/// A student starts a placement with one of their practice educators.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    draft: &PlacementDraft,
    acknowledgement: Acknowledgement,
    now: NaiveDateTime,
) -> AppResult<Saved<i32>> {
    if actor.role != Role::Student {
        return Err(AppError::Forbidden(
            "Placements are started by the student on placement.".into(),
        ));
    }
    let input = validate::placement(draft).map_err(AppError::Invalid)?;
    let people = people(conn, actor.user_id, &input)?;
    let privacy_warnings = guard_placement(&input, acknowledgement)?;
    let record =
        conn.immediate_transaction(|conn| writes::insert_placement(conn, people, &input, now))?;
    Ok(Saved {
        record,
        privacy_warnings,
    })
}

/// The student changes the placement's details.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
    draft: &PlacementDraft,
    acknowledgement: Acknowledgement,
    now: NaiveDateTime,
) -> AppResult<Saved<i32>> {
    let access = access::open(conn, actor, id)?;
    access.require_student()?;
    let input = validate::placement(draft).map_err(AppError::Invalid)?;
    let people = people(conn, actor.user_id, &input)?;
    let privacy_warnings = guard_placement(&input, acknowledgement)?;
    conn.immediate_transaction(|conn| writes::update_placement(conn, id, people, &input, now))?;
    Ok(Saved {
        record: id,
        privacy_warnings,
    })
}

/// Logs a day (or replaces the day `day_id`) on the student's placement.
#[allow(clippy::too_many_arguments)]
pub fn save_day(
    conn: &mut DbConnection,
    actor: &Actor,
    placement_id: i32,
    day_id: Option<i32>,
    draft: &DayDraft,
    acknowledgement: Acknowledgement,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<Saved<i32>> {
    let access = access::open(conn, actor, placement_id)?;
    access.require_student()?;
    if let Some(day_id) = day_id {
        store::day(conn, placement_id, day_id)?.ok_or(AppError::NotFound)?;
    }
    let input = validate::day(draft, &access.placement, today).map_err(AppError::Invalid)?;
    let mut errors = FieldErrors::new();
    if let Some(other) = store::day_on(conn, placement_id, input.day)?
        && Some(other) != day_id
    {
        errors.add(
            "day",
            "That day is already logged; change it in the day log instead.",
        );
    }
    let owned = store::owned_entry_ids(conn, actor.user_id, &input.entries)?;
    if owned.len() != input.entries.len() {
        errors.add(
            "entries",
            "Link only your own entries (not ones in the bin).",
        );
    }
    errors.into_result(())?;
    let privacy_warnings = review(
        [
            ("activities", input.activities.as_str()),
            (
                "absence_reason",
                input.absence_reason.as_deref().unwrap_or(""),
            ),
        ],
        acknowledgement,
    )?;
    let record = conn
        .immediate_transaction(|conn| writes::save_day(conn, placement_id, day_id, &input, now))?;
    Ok(Saved {
        record,
        privacy_warnings,
    })
}

/// Removes a day from the student's log.
pub fn delete_day(
    conn: &mut DbConnection,
    actor: &Actor,
    placement_id: i32,
    day_id: i32,
) -> AppResult<()> {
    let access = access::open(conn, actor, placement_id)?;
    access.require_student()?;
    store::day(conn, placement_id, day_id)?.ok_or(AppError::NotFound)?;
    conn.immediate_transaction(|conn| writes::delete_day(conn, day_id))
}
