//! Placement pages: the list, the placement page with its coverage matrix, the day log,
//! evidence and observations, the signed documents, and the portfolio.

pub mod days;
pub mod documents;
pub mod evidence;
pub mod placement;
pub mod portfolio;

/// Every placement page route.
pub fn routes() -> Vec<rocket::Route> {
    let mut routes = placement::routes();
    routes.extend(days::routes());
    routes.extend(evidence::routes());
    routes.extend(documents::routes());
    routes.extend(portfolio::routes());
    routes
}

/// The address of a placement's page.
pub fn placement_path(id: i32) -> String {
    format!("/placements/{id}")
}
