//! One line per placement for the dashboard: where it stands at a glance.

use crate::platform::db::DbConnection;
use chrono::NaiveDate;

use super::view;
use crate::error::AppResult;
use crate::platform::auth::Actor;

/// A placement at a glance.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacementLine {
    /// The placement's id.
    pub id: i32,
    /// Setting and team.
    pub title: String,
    /// The student's name (for the educator and on-site supervisor).
    pub student: String,
    /// Days done.
    pub done: f64,
    /// Days required.
    pub required: f64,
    /// PCF domains with no evidence yet.
    pub gaps: usize,
    /// Observations done and required.
    pub observations: (usize, usize),
    /// The projected last day at the current pace.
    pub projected_end: Option<NaiveDate>,
}

/// The placements the asker is a party to, at a glance.
pub fn lines(
    conn: &mut DbConnection,
    actor: &Actor,
    today: NaiveDate,
) -> AppResult<Vec<PlacementLine>> {
    super::service::list(conn, actor)?
        .into_iter()
        .map(|placement| {
            let view = view::assemble(conn, actor, placement.id, today)?;
            Ok(PlacementLine {
                id: placement.id,
                title: format!("{}, {}", placement.setting, placement.team),
                student: view.student.name.clone(),
                done: view.days.done,
                required: view.days.required,
                gaps: view.gaps().len(),
                observations: (view.observations.len(), view.observations_required),
                projected_end: view.days.projected_end,
            })
        })
        .collect()
}
