//! The placements section. The student holds their placement whole: days, evidence,
//! observations, learning agreement and reviews. A practice educator is a party to the
//! documents they sign (the learning agreement and the reviews) and gets those; an on-site
//! supervisor gets the placement's outline only. Each placement is opened through the
//! placements service as the person, so its disclosure rules apply (an entry the person may
//! not read stays a placeholder).

use crate::platform::db::DbConnection;
use chrono::NaiveDate;
use serde::Serialize;

use crate::error::AppResult;
use crate::placements::json::{AgreementJson, PlacementJson, PlacementSummaryJson, ReviewJson};
use crate::placements::service;
use crate::placements::view::{PlacementView, assemble};
use crate::platform::auth::Actor;
use crate::platform::policy::PlacementRole;

/// A placement, as much of it as the person holds.
#[derive(Debug, Serialize)]
#[serde(tag = "held_as", rename_all = "snake_case")]
pub enum ExportedPlacement {
    /// The student's own placement, whole.
    Student {
        /// Everything about it.
        placement: Box<PlacementJson>,
        /// The same for the Markdown layout.
        #[serde(skip)]
        view: Box<PlacementView>,
    },
    /// A placement the person educates: the documents they are a party to.
    Educator {
        /// Its outline.
        placement: PlacementSummaryJson,
        /// The learning agreement, if written.
        agreement: Option<AgreementJson>,
        /// Reviews drafted.
        reviews: Vec<ReviewJson>,
    },
    /// A placement the person supervises on site: its outline.
    OnsiteSupervisor {
        /// Its outline.
        placement: PlacementSummaryJson,
    },
}

/// The person's placements.
pub fn load(
    conn: &mut DbConnection,
    person: &Actor,
    today: NaiveDate,
) -> AppResult<Vec<ExportedPlacement>> {
    let mut exported = Vec::new();
    for placement in service::list(conn, person)? {
        let view = assemble(conn, person, placement.id, today)?;
        exported.push(match view.role {
            PlacementRole::Student => ExportedPlacement::Student {
                placement: Box::new(PlacementJson::from(&view)),
                view: Box::new(view),
            },
            PlacementRole::Educator => ExportedPlacement::Educator {
                placement: PlacementSummaryJson::from(&view),
                agreement: AgreementJson::of(&view),
                reviews: view
                    .reviews
                    .iter()
                    .map(|row| ReviewJson::new(&view, row))
                    .collect(),
            },
            PlacementRole::OnsiteSupervisor => ExportedPlacement::OnsiteSupervisor {
                placement: PlacementSummaryJson::from(&view),
            },
        });
    }
    Ok(exported)
}
