//! A signed agreement changes only by a new version: either party starts one, the signed
//! text is kept here exactly as both signed it, and the agreement becomes a draft again that
//! both must sign. Signatures are never cleared without a trace.

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::model::{Agreement, Frequency};
use super::{pair, signed, store};
use crate::error::{AppError, AppResult};
use crate::platform::auth::Actor;
use crate::platform::db::schema::{supervision_agreement_versions, supervision_agreements};
use crate::platform::policy::SupervisionParties;

/// A signed agreement that a later version replaced.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Serialize)]
#[diesel(table_name = supervision_agreement_versions)]
pub struct EarlierAgreement {
    /// `weekly`, `fortnightly`, `monthly`, `asye`.
    pub frequency: String,
    /// When the arrangement started.
    pub starts_on: NaiveDate,
    /// Usual length in minutes.
    pub usual_minutes: i32,
    /// What happened when a session was cancelled.
    pub cancellation: String,
    /// What the supervisor undertook.
    pub supervisor_expectations: String,
    /// What the supervisee undertook.
    pub supervisee_expectations: String,
    /// When the supervisor signed it.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub supervisor_signed_at: NaiveDateTime,
    /// When the supervisee signed it.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub supervisee_signed_at: NaiveDateTime,
    /// The version both signed.
    pub version: String,
    /// When a new version replaced it.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub replaced_at: NaiveDateTime,
}

impl EarlierAgreement {
    /// The frequency, weekly if the stored name is unknown (as for the agreement).
    pub fn frequency(&self) -> Frequency {
        Frequency::parse(&self.frequency).unwrap_or(Frequency::Weekly)
    }

    /// When the second of the two signed it.
    pub fn signed_by_both_at(&self) -> NaiveDateTime {
        self.supervisor_signed_at.max(self.supervisee_signed_at)
    }
}

/// The pair's earlier signed agreements, newest first.
pub fn earlier(
    conn: &mut DbConnection,
    parties: SupervisionParties,
) -> AppResult<Vec<EarlierAgreement>> {
    Ok(supervision_agreement_versions::table
        .filter(supervision_agreement_versions::supervisor_id.eq(parties.supervisor))
        .filter(supervision_agreement_versions::supervisee_id.eq(parties.supervisee))
        .order((
            supervision_agreement_versions::replaced_at.desc(),
            supervision_agreement_versions::id.desc(),
        ))
        .select(EarlierAgreement::as_select())
        .load(conn)?)
}

/// Starts a new version of the pair's agreement: refused (409) unless both have signed the
/// current one, which is kept as signed; the agreement then reads as before, unsigned, for
/// the two of them to change and sign again.
pub fn start_new_version(
    conn: &mut DbConnection,
    actor: &Actor,
    other: &str,
    now: NaiveDateTime,
) -> AppResult<Agreement> {
    let pair = pair::with(conn, actor, other)?;
    conn.immediate_transaction(|conn| {
        let agreement = store::agreement(conn, pair.parties)?.ok_or_else(|| {
            AppError::Conflict("There is no agreement yet; write one first.".into())
        })?;
        let (Some(supervisor_signed_at), Some(supervisee_signed_at)) = (
            agreement.supervisor_signed_at,
            agreement.supervisee_signed_at,
        ) else {
            return Err(AppError::Conflict(
                "The agreement is not signed by both yet: change it directly instead.".into(),
            ));
        };
        diesel::insert_into(supervision_agreement_versions::table)
            .values((
                supervision_agreement_versions::supervisor_id.eq(agreement.supervisor_id),
                supervision_agreement_versions::supervisee_id.eq(agreement.supervisee_id),
                supervision_agreement_versions::frequency.eq(&agreement.frequency),
                supervision_agreement_versions::starts_on.eq(agreement.starts_on),
                supervision_agreement_versions::usual_minutes.eq(agreement.usual_minutes),
                supervision_agreement_versions::cancellation.eq(&agreement.cancellation),
                supervision_agreement_versions::supervisor_expectations
                    .eq(&agreement.supervisor_expectations),
                supervision_agreement_versions::supervisee_expectations
                    .eq(&agreement.supervisee_expectations),
                supervision_agreement_versions::supervisor_signed_at.eq(supervisor_signed_at),
                supervision_agreement_versions::supervisee_signed_at.eq(supervisee_signed_at),
                supervision_agreement_versions::version
                    .eq(signed::agreement_text(&agreement).version()),
                supervision_agreement_versions::replaced_at.eq(now),
                supervision_agreement_versions::replaced_by.eq(actor.user_id),
            ))
            .execute(conn)?;
        diesel::update(supervision_agreements::table.find(agreement.id))
            .set((
                supervision_agreements::supervisor_signed_at.eq(None::<NaiveDateTime>),
                supervision_agreements::supervisee_signed_at.eq(None::<NaiveDateTime>),
                supervision_agreements::updated_at.eq(now),
            ))
            .execute(conn)?;
        store::agreement(conn, pair.parties)?
            .ok_or_else(|| AppError::Internal("the agreement vanished".into()))
    })
}
