//! Learning agreements and placement reviews the person has not signed, on placements the
//! placement policy lets them sign.

use crate::platform::db::DbConnection;

use crate::error::AppResult;
use crate::inbox::item::local_day;
use crate::inbox::{Asking, InboxItem, ItemKind};
use crate::placements::{access, projection, service};
use crate::platform::policy::PlacementRole;

/// Documents of the person's placements that wait for their signature.
pub fn items(conn: &mut DbConnection, asking: &Asking<'_>) -> AppResult<Vec<InboxItem>> {
    let mut items = Vec::new();
    for placement in service::list(conn, asking.actor)? {
        let Some(can) = access::capabilities(conn, asking.actor, &placement)? else {
            continue;
        };
        if !can.signs() {
            continue;
        }
        let student = can.role() == PlacementRole::Student;
        let other = if student {
            placement.educator_id
        } else {
            placement.student_id
        };
        let other_name = crate::accounts::directory::names(conn, &[other])?
            .into_iter()
            .next()
            .map(|(_, _, name)| name)
            .unwrap_or_default();
        let page = format!("/placements/{}", placement.id);
        if let Some(agreement) = projection::agreement(conn, &placement, can)? {
            let signed = if student {
                agreement.student_signed_at
            } else {
                agreement.educator_signed_at
            };
            if signed.is_none() {
                items.push(
                    InboxItem::new(
                        ItemKind::LearningAgreementToSign,
                        "Learning agreement".into(),
                        local_day(agreement.updated_at),
                        format!("{page}/agreement#signatures-heading"),
                    )
                    .with_other(&other_name),
                );
            }
        }
        if !can.reads_reviews() {
            continue;
        }
        for review in projection::reviews(conn, &placement, can)? {
            let signed = if student {
                review.student_signed_at
            } else {
                review.educator_signed_at
            };
            if signed.is_none() {
                let stage = review.stage();
                items.push(
                    InboxItem::new(
                        ItemKind::ReviewToSign,
                        stage.label().to_string(),
                        local_day(review.updated_at),
                        format!("{page}/reviews/{}#signatures-heading", stage.as_str()),
                    )
                    .with_other(&other_name),
                );
            }
        }
    }
    Ok(items)
}
