//! Diesel reads for placements. Nothing here checks who is asking: the service does.

use crate::platform::db::DbConnection;
use chrono::NaiveDate;
use diesel::prelude::*;

use super::model::{
    DayRow, EvidenceComment, EvidenceRow, LearningAgreement, Observation, Placement,
    PlacementAmendment, ReviewRow,
};
use crate::accounts::model::LinkKind;
use crate::error::AppResult;
use crate::platform::db::ids::InIds;
use crate::platform::db::schema::{
    entries, evidence_comments, learning_agreements, observations, placement_amendments,
    placement_day_entries, placement_days, placement_evidence, placement_reviews, placements,
    supervision_links, tags, users,
};

/// One placement.
pub fn placement(conn: &mut DbConnection, id: i32) -> AppResult<Option<Placement>> {
    Ok(placements::table
        .find(id)
        .select(Placement::as_select())
        .first(conn)
        .optional()?)
}

/// Placements someone is a party to (student, practice educator or on-site supervisor),
/// latest start first.
pub fn placements_of(conn: &mut DbConnection, user_id: i32) -> AppResult<Vec<Placement>> {
    Ok(placements::table
        .filter(
            placements::student_id
                .eq(user_id)
                .or(placements::educator_id.eq(user_id))
                .or(placements::onsite_supervisor_id.eq(user_id)),
        )
        .order((placements::starts_on.desc(), placements::id.desc()))
        .select(Placement::as_select())
        .load(conn)?)
}

/// The people linked to a student by `kind` (their practice educators or line
/// supervisors): id, username, display name.
pub fn linked_to_student(
    conn: &mut DbConnection,
    student_id: i32,
    kind: LinkKind,
) -> AppResult<Vec<(i32, String, String)>> {
    Ok(supervision_links::table
        .inner_join(users::table.on(users::id.eq(supervision_links::supervisor_id)))
        .filter(supervision_links::supervisee_id.eq(student_id))
        .filter(supervision_links::kind.eq(kind.as_str()))
        .filter(users::disabled.eq(false))
        .order(users::display_name.asc())
        .select((users::id, users::username, users::display_name))
        .load(conn)?)
}

/// The placement's days, latest first.
pub fn days(conn: &mut DbConnection, placement_id: i32) -> AppResult<Vec<DayRow>> {
    Ok(placement_days::table
        .filter(placement_days::placement_id.eq(placement_id))
        .order(placement_days::day.desc())
        .select(DayRow::as_select())
        .load(conn)?)
}

/// One day of a placement.
pub fn day(conn: &mut DbConnection, placement_id: i32, day_id: i32) -> AppResult<Option<DayRow>> {
    Ok(placement_days::table
        .filter(placement_days::placement_id.eq(placement_id))
        .filter(placement_days::id.eq(day_id))
        .select(DayRow::as_select())
        .first(conn)
        .optional()?)
}

/// The day already logged on a date, if any.
pub fn day_on(conn: &mut DbConnection, placement_id: i32, on: NaiveDate) -> AppResult<Option<i32>> {
    Ok(placement_days::table
        .filter(placement_days::placement_id.eq(placement_id))
        .filter(placement_days::day.eq(on))
        .select(placement_days::id)
        .first(conn)
        .optional()?)
}

/// An entry as a placement shows it: id, title, date, kind, visibility, author.
pub type EntryLine = (i32, String, NaiveDate, String, String, i32);

/// Entries linked to the placement's days: the day id with the entry (bin excluded).
pub fn day_entries(conn: &mut DbConnection, placement_id: i32) -> AppResult<Vec<(i32, EntryLine)>> {
    Ok(placement_day_entries::table
        .inner_join(placement_days::table)
        .inner_join(entries::table)
        .filter(placement_days::placement_id.eq(placement_id))
        .filter(entries::deleted_at.is_null())
        .order(entries::occurred_on.asc())
        .select((
            placement_day_entries::day_id,
            (
                entries::id,
                entries::title,
                entries::occurred_on,
                entries::kind,
                entries::visibility,
                entries::author_id,
            ),
        ))
        .load(conn)?)
}

/// The student's own live entries, latest first, for linking.
pub fn own_entries(
    conn: &mut DbConnection,
    author_id: i32,
    limit: i64,
) -> AppResult<Vec<EntryLine>> {
    Ok(entries::table
        .filter(entries::author_id.eq(author_id))
        .filter(entries::deleted_at.is_null())
        .order((entries::occurred_on.desc(), entries::id.desc()))
        .limit(limit)
        .select((
            entries::id,
            entries::title,
            entries::occurred_on,
            entries::kind,
            entries::visibility,
            entries::author_id,
        ))
        .load(conn)?)
}

/// Which of `ids` are live entries written by `author_id`.
pub fn owned_entry_ids(
    conn: &mut DbConnection,
    author_id: i32,
    ids: &[i32],
) -> AppResult<Vec<i32>> {
    Ok(entries::table
        .filter(entries::id.in_ids(ids))
        .filter(entries::author_id.eq(author_id))
        .filter(entries::deleted_at.is_null())
        .select(entries::id)
        .load(conn)?)
}

/// The learning agreement.
pub fn agreement(
    conn: &mut DbConnection,
    placement_id: i32,
) -> AppResult<Option<LearningAgreement>> {
    Ok(learning_agreements::table
        .find(placement_id)
        .select(LearningAgreement::as_select())
        .first(conn)
        .optional()?)
}

/// Amendments to the placement's signed documents, oldest first.
pub fn amendments(
    conn: &mut DbConnection,
    placement_id: i32,
) -> AppResult<Vec<PlacementAmendment>> {
    Ok(placement_amendments::table
        .filter(placement_amendments::placement_id.eq(placement_id))
        .order(placement_amendments::id.asc())
        .select(PlacementAmendment::as_select())
        .load(conn)?)
}

/// Evidence links with their entries (bin excluded), by domain then date.
pub fn evidence(
    conn: &mut DbConnection,
    placement_id: i32,
) -> AppResult<Vec<(EvidenceRow, EntryLine)>> {
    Ok(placement_evidence::table
        .inner_join(entries::table)
        .filter(placement_evidence::placement_id.eq(placement_id))
        .filter(entries::deleted_at.is_null())
        .order((
            placement_evidence::domain.asc(),
            entries::occurred_on.desc(),
            placement_evidence::id.asc(),
        ))
        .select((
            EvidenceRow::as_select(),
            (
                entries::id,
                entries::title,
                entries::occurred_on,
                entries::kind,
                entries::visibility,
                entries::author_id,
            ),
        ))
        .load(conn)?)
}

/// One evidence link of a placement (not when its entry is in the bin, as the page hides it).
pub fn evidence_link(
    conn: &mut DbConnection,
    placement_id: i32,
    id: i32,
) -> AppResult<Option<EvidenceRow>> {
    Ok(placement_evidence::table
        .inner_join(entries::table)
        .filter(placement_evidence::placement_id.eq(placement_id))
        .filter(placement_evidence::id.eq(id))
        .filter(entries::deleted_at.is_null())
        .select(EvidenceRow::as_select())
        .first(conn)
        .optional()?)
}

/// Comments on a placement's evidence links, oldest first.
pub fn comments(conn: &mut DbConnection, placement_id: i32) -> AppResult<Vec<EvidenceComment>> {
    Ok(evidence_comments::table
        .inner_join(placement_evidence::table)
        .filter(placement_evidence::placement_id.eq(placement_id))
        .order(evidence_comments::id.asc())
        .select(EvidenceComment::as_select())
        .load(conn)?)
}

/// The placement's observations, oldest first.
pub fn observations(conn: &mut DbConnection, placement_id: i32) -> AppResult<Vec<Observation>> {
    Ok(observations::table
        .filter(observations::placement_id.eq(placement_id))
        .order((observations::observed_on.asc(), observations::id.asc()))
        .select(Observation::as_select())
        .load(conn)?)
}

/// One observation of a placement.
pub fn observation(
    conn: &mut DbConnection,
    placement_id: i32,
    id: i32,
) -> AppResult<Option<Observation>> {
    Ok(observations::table
        .filter(observations::placement_id.eq(placement_id))
        .filter(observations::id.eq(id))
        .select(Observation::as_select())
        .first(conn)
        .optional()?)
}

/// The placement's reviews (mid-point, final).
pub fn reviews(conn: &mut DbConnection, placement_id: i32) -> AppResult<Vec<ReviewRow>> {
    Ok(placement_reviews::table
        .filter(placement_reviews::placement_id.eq(placement_id))
        .order(placement_reviews::id.asc())
        .select(ReviewRow::as_select())
        .load(conn)?)
}

/// One review of a placement by stage name.
pub fn review(
    conn: &mut DbConnection,
    placement_id: i32,
    stage: &str,
) -> AppResult<Option<ReviewRow>> {
    Ok(placement_reviews::table
        .filter(placement_reviews::placement_id.eq(placement_id))
        .filter(placement_reviews::stage.eq(stage))
        .select(ReviewRow::as_select())
        .first(conn)
        .optional()?)
}

/// The nine PCF domains in order: code and title.
pub fn pcf_domains(conn: &mut DbConnection) -> AppResult<Vec<(String, String)>> {
    let mut domains: Vec<(String, String)> = tags::table
        .filter(tags::kind.eq("pcf"))
        .select((tags::code, tags::title))
        .load(conn)?;
    domains.sort_by_key(|(code, _)| {
        code.trim_start_matches("PCF-")
            .parse::<u32>()
            .unwrap_or(u32::MAX)
    });
    Ok(domains)
}
