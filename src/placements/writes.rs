//! Diesel writes for placements. Callers check the policy and wrap them in one transaction.

use crate::platform::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::Stage;
use super::validate::{AgreementInput, DayInput, ObservationInput, PlacementInput, ReviewInput};
use crate::error::AppResult;
use crate::platform::db::schema::{
    evidence_comments, learning_agreements, observations, placement_amendments,
    placement_day_entries, placement_days, placement_evidence, placement_reviews, placements,
};

/// The people of a placement, resolved from usernames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct People {
    /// The student.
    pub student: i32,
    /// The practice educator.
    pub educator: i32,
    /// The on-site supervisor.
    pub onsite_supervisor: Option<i32>,
}

/// Creates a placement; returns its id.
pub fn insert_placement(
    conn: &mut DbConnection,
    people: People,
    input: &PlacementInput,
    now: NaiveDateTime,
) -> AppResult<i32> {
    Ok(diesel::insert_into(placements::table)
        .values((
            placements::student_id.eq(people.student),
            placements::educator_id.eq(people.educator),
            placements::onsite_supervisor_id.eq(people.onsite_supervisor),
            placements::setting.eq(&input.setting),
            placements::team.eq(&input.team),
            placements::level.eq(input.level.as_str()),
            placements::required_days.eq(input.required_days),
            placements::starts_on.eq(input.starts_on),
            placements::expected_end_on.eq(input.expected_end_on),
            placements::created_at.eq(now),
            placements::updated_at.eq(now),
        ))
        .returning(placements::id)
        .get_result(conn)?)
}

/// Changes a placement's details.
pub fn update_placement(
    conn: &mut DbConnection,
    id: i32,
    people: People,
    input: &PlacementInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::update(placements::table.find(id))
        .set((
            placements::educator_id.eq(people.educator),
            placements::onsite_supervisor_id.eq(people.onsite_supervisor),
            placements::setting.eq(&input.setting),
            placements::team.eq(&input.team),
            placements::level.eq(input.level.as_str()),
            placements::required_days.eq(input.required_days),
            placements::starts_on.eq(input.starts_on),
            placements::expected_end_on.eq(input.expected_end_on),
            placements::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Logs a day, or replaces the day `existing`; links its entries; returns its id.
pub fn save_day(
    conn: &mut DbConnection,
    placement_id: i32,
    existing: Option<i32>,
    input: &DayInput,
    now: NaiveDateTime,
) -> AppResult<i32> {
    let values = (
        placement_days::day.eq(input.day),
        placement_days::portion.eq(input.portion.as_str()),
        placement_days::hours.eq(input.hours),
        placement_days::activities.eq(&input.activities),
        placement_days::absence_reason.eq(&input.absence_reason),
    );
    let id = match existing {
        Some(id) => {
            diesel::update(placement_days::table.find(id))
                .set(values)
                .execute(conn)?;
            diesel::delete(
                placement_day_entries::table.filter(placement_day_entries::day_id.eq(id)),
            )
            .execute(conn)?;
            id
        }
        None => diesel::insert_into(placement_days::table)
            .values((
                placement_days::placement_id.eq(placement_id),
                placement_days::created_at.eq(now),
                values,
            ))
            .returning(placement_days::id)
            .get_result(conn)?,
    };
    for entry_id in &input.entries {
        diesel::insert_into(placement_day_entries::table)
            .values((
                placement_day_entries::day_id.eq(id),
                placement_day_entries::entry_id.eq(entry_id),
            ))
            .execute(conn)?;
    }
    Ok(id)
}

/// Removes a day.
pub fn delete_day(conn: &mut DbConnection, day_id: i32) -> AppResult<()> {
    diesel::delete(placement_days::table.find(day_id)).execute(conn)?;
    Ok(())
}

/// Creates or replaces the learning agreement; a changed agreement is signed again by both.
pub fn save_agreement(
    conn: &mut DbConnection,
    placement_id: i32,
    input: &AgreementInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    let values = (
        learning_agreements::goals.eq(&input.goals),
        learning_agreements::support.eq(&input.support),
        learning_agreements::expectations.eq(&input.expectations),
        learning_agreements::student_signed_at.eq(None::<NaiveDateTime>),
        learning_agreements::educator_signed_at.eq(None::<NaiveDateTime>),
        learning_agreements::updated_at.eq(now),
    );
    crate::on_backend!(conn, |c| diesel::insert_into(learning_agreements::table)
        .values((learning_agreements::placement_id.eq(placement_id), values))
        .on_conflict(learning_agreements::placement_id)
        .do_update()
        .set(values)
        .execute(c))?;
    Ok(())
}

/// Records the student's or the educator's signature on the agreement (once).
pub fn sign_agreement(
    conn: &mut DbConnection,
    placement_id: i32,
    as_student: bool,
    now: NaiveDateTime,
) -> AppResult<()> {
    let target = learning_agreements::table.find(placement_id);
    if as_student {
        diesel::update(target.filter(learning_agreements::student_signed_at.is_null()))
            .set(learning_agreements::student_signed_at.eq(now))
            .execute(conn)?;
    } else {
        diesel::update(target.filter(learning_agreements::educator_signed_at.is_null()))
            .set(learning_agreements::educator_signed_at.eq(now))
            .execute(conn)?;
    }
    Ok(())
}

/// A change to a signed document, as stored.
#[derive(Debug, Clone, Copy)]
pub struct Amendment<'a> {
    /// `agreement`, `midpoint` or `final`.
    pub document: &'a str,
    /// The field changed.
    pub field: &'a str,
    /// Its text before.
    pub previous_text: &'a str,
    /// Its text after.
    pub new_text: &'a str,
    /// Why.
    pub reason: &'a str,
}

/// Records an amendment (the signed text itself is left as signed).
pub fn insert_amendment(
    conn: &mut DbConnection,
    placement_id: i32,
    author_id: i32,
    amendment: Amendment<'_>,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::insert_into(placement_amendments::table)
        .values((
            placement_amendments::placement_id.eq(placement_id),
            placement_amendments::document.eq(amendment.document),
            placement_amendments::field.eq(amendment.field),
            placement_amendments::previous_text.eq(amendment.previous_text),
            placement_amendments::new_text.eq(amendment.new_text),
            placement_amendments::reason.eq(amendment.reason),
            placement_amendments::author_id.eq(author_id),
            placement_amendments::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Links an entry to a domain (a second link to the same domain replaces the note).
pub fn link_evidence(
    conn: &mut DbConnection,
    placement_id: i32,
    entry_id: i32,
    domain: &str,
    note: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    crate::on_backend!(conn, |c| diesel::insert_into(placement_evidence::table)
        .values((
            placement_evidence::placement_id.eq(placement_id),
            placement_evidence::entry_id.eq(entry_id),
            placement_evidence::domain.eq(domain),
            placement_evidence::note.eq(note),
            placement_evidence::created_at.eq(now),
        ))
        .on_conflict((
            placement_evidence::placement_id,
            placement_evidence::entry_id,
            placement_evidence::domain,
        ))
        .do_update()
        .set(placement_evidence::note.eq(note))
        .execute(c))?;
    Ok(())
}

/// Removes an evidence link (the entry stays).
pub fn unlink_evidence(conn: &mut DbConnection, id: i32) -> AppResult<()> {
    diesel::delete(placement_evidence::table.find(id)).execute(conn)?;
    Ok(())
}

/// Adds a comment to an evidence link.
pub fn insert_comment(
    conn: &mut DbConnection,
    evidence_id: i32,
    author_id: i32,
    body: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::insert_into(evidence_comments::table)
        .values((
            evidence_comments::evidence_id.eq(evidence_id),
            evidence_comments::author_id.eq(author_id),
            evidence_comments::body.eq(body),
            evidence_comments::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records an observation, or replaces `existing`; returns its id.
pub fn save_observation(
    conn: &mut DbConnection,
    placement_id: i32,
    existing: Option<i32>,
    input: &ObservationInput,
    now: NaiveDateTime,
) -> AppResult<i32> {
    let values = (
        observations::observed_on.eq(input.observed_on),
        observations::observer.eq(&input.observer),
        observations::observed.eq(&input.observed),
        observations::reflection.eq(&input.reflection),
        observations::feedback.eq(&input.feedback),
        observations::domains.eq(input.domains.join(" ")),
        observations::updated_at.eq(now),
    );
    Ok(match existing {
        Some(id) => {
            diesel::update(observations::table.find(id))
                .set(values)
                .execute(conn)?;
            id
        }
        None => diesel::insert_into(observations::table)
            .values((
                observations::placement_id.eq(placement_id),
                observations::created_at.eq(now),
                values,
            ))
            .returning(observations::id)
            .get_result(conn)?,
    })
}

/// Removes an observation.
pub fn delete_observation(conn: &mut DbConnection, id: i32) -> AppResult<()> {
    diesel::delete(observations::table.find(id)).execute(conn)?;
    Ok(())
}

/// Creates or replaces the educator's part of a review; both sign again.
pub fn save_review(
    conn: &mut DbConnection,
    placement_id: i32,
    stage: Stage,
    input: &ReviewInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    let values = (
        placement_reviews::progress.eq(&input.progress),
        placement_reviews::concerns.eq(&input.concerns),
        placement_reviews::plan.eq(&input.plan),
        placement_reviews::recommendation.eq(input.recommendation.map(|r| r.as_str())),
        placement_reviews::reasons.eq(&input.reasons),
        placement_reviews::student_signed_at.eq(None::<NaiveDateTime>),
        placement_reviews::educator_signed_at.eq(None::<NaiveDateTime>),
        placement_reviews::updated_at.eq(now),
    );
    crate::on_backend!(conn, |c| diesel::insert_into(placement_reviews::table)
        .values((
            placement_reviews::placement_id.eq(placement_id),
            placement_reviews::stage.eq(stage.as_str()),
            placement_reviews::student_comment.eq(""),
            placement_reviews::created_at.eq(now),
            values,
        ))
        .on_conflict((placement_reviews::placement_id, placement_reviews::stage))
        .do_update()
        .set(values)
        .execute(c))?;
    Ok(())
}

/// Sets the student's comment on a review; both sign again.
pub fn set_student_comment(
    conn: &mut DbConnection,
    review_id: i32,
    comment: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::update(placement_reviews::table.find(review_id))
        .set((
            placement_reviews::student_comment.eq(comment),
            placement_reviews::student_signed_at.eq(None::<NaiveDateTime>),
            placement_reviews::educator_signed_at.eq(None::<NaiveDateTime>),
            placement_reviews::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records the student's or the educator's signature on a review (once).
pub fn sign_review(
    conn: &mut DbConnection,
    review_id: i32,
    as_student: bool,
    now: NaiveDateTime,
) -> AppResult<()> {
    let target = placement_reviews::table.find(review_id);
    if as_student {
        diesel::update(target.filter(placement_reviews::student_signed_at.is_null()))
            .set(placement_reviews::student_signed_at.eq(now))
            .execute(conn)?;
    } else {
        diesel::update(target.filter(placement_reviews::educator_signed_at.is_null()))
            .set(placement_reviews::educator_signed_at.eq(now))
            .execute(conn)?;
    }
    Ok(())
}
