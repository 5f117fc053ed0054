//! Supervision records held and agreements written that the person has not signed.

use crate::platform::db::DbConnection;

use crate::error::AppResult;
use crate::inbox::item::{day, local_day, segment};
use crate::inbox::{Asking, InboxItem, ItemKind};
use crate::supervision::{pair, projection};

/// Records and agreements of the person's pairs that wait for their signature.
pub fn items(conn: &mut DbConnection, asking: &Asking<'_>) -> AppResult<Vec<InboxItem>> {
    let mut items = Vec::new();
    for pair in pair::all_of(conn, asking.actor)? {
        let other = pair.other_name().to_string();
        let mine = |supervisor: bool| supervisor == pair.viewer_supervises;
        if let Some(agreement) = projection::agreement(conn, &pair)? {
            let signed = if mine(true) {
                agreement.supervisor_signed_at
            } else {
                agreement.supervisee_signed_at
            };
            if signed.is_none() {
                items.push(
                    InboxItem::new(
                        ItemKind::AgreementToSign,
                        "Supervision agreement".into(),
                        local_day(agreement.updated_at),
                        format!(
                            "/supervision/with/{}/agreement#signatures-heading",
                            segment(pair.other())
                        ),
                    )
                    .with_other(&other),
                );
            }
        }
        for session in projection::sessions(conn, &pair)? {
            let signed = if mine(true) {
                session.supervisor_signed_at
            } else {
                session.supervisee_signed_at
            };
            // A record drafted ahead of its date is not ready to sign.
            if signed.is_none() && session.held_on <= asking.today {
                items.push(
                    InboxItem::new(
                        ItemKind::RecordToSign,
                        format!("Supervision record of {}", day(session.held_on)),
                        session.held_on,
                        format!("/supervision/sessions/{}#signatures-heading", session.id),
                    )
                    .with_other(&other),
                );
            }
        }
    }
    Ok(items)
}
