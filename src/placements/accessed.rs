//! Opening a placement's documents or evidence to read them, and signing its documents: either,
//! by anyone but the student, is noted in the student's access log. Refused or missing
//! placements are not noted.

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};

use super::model::{Placement, Stage};
use super::view::{self, PlacementView};
use crate::error::{AppError, AppResult};
use crate::platform::access_log::{self, Access, Act, RecordKind};
use crate::platform::auth::Actor;

/// How a placement's agreement and reviews are named in the access log.
const DOCUMENTS: RecordKind = RecordKind::PlacementDocuments;

/// The placement opened at its learning agreement (`stage` none) or at a review, which not
/// every party may read. Only a document that exists is noted as read: a page offering to
/// draft one, or the API's 404 for one not yet drafted, shows nobody's text.
pub fn open_document(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
    stage: Option<Stage>,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<PlacementView> {
    let view = view::assemble(conn, actor, id, today)?;
    if stage.is_some() && !view.reads_reviews() {
        return Err(AppError::NotFound);
    }
    let drafted = match stage {
        None => view.agreement.is_some(),
        Some(stage) => view.review(stage).is_some(),
    };
    if drafted {
        note(conn, actor, &view.placement, Act::Read, DOCUMENTS, now)?;
    }
    Ok(view)
}

/// The placement opened where its evidence is shown: its page, its portfolio, or the whole
/// placement through the API.
pub fn open_evidence(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<PlacementView> {
    let view = view::assemble(conn, actor, id, today)?;
    let evidence = RecordKind::PlacementEvidence;
    note(conn, actor, &view.placement, Act::Read, evidence, now)?;
    Ok(view)
}

/// Notes `actor`'s signature on a placement's agreement or a review in the student's log (the
/// student's own signature is not noted).
pub fn note_signature(
    conn: &mut DbConnection,
    actor: &Actor,
    placement: &Placement,
    now: NaiveDateTime,
) -> AppResult<()> {
    note(conn, actor, placement, Act::Signed, DOCUMENTS, now)
}

fn note(
    conn: &mut DbConnection,
    actor: &Actor,
    placement: &Placement,
    act: Act,
    kind: RecordKind,
    now: NaiveDateTime,
) -> AppResult<()> {
    let access = Access {
        actor_id: actor.user_id,
        act,
        kind,
        record_id: placement.id,
    };
    access_log::note(conn, &[placement.student_id], access, now)
}
