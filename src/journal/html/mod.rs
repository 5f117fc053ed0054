//! Pages of the journal.

mod cpd;
mod cpd_swe;
mod edit;
pub mod form;
pub mod list;
mod revisit;
mod view;

/// Every page route of the journal.
pub fn routes() -> Vec<rocket::Route> {
    let mut routes = list::routes();
    routes.extend(edit::routes());
    routes.extend(view::routes());
    routes.extend(cpd::routes());
    routes.extend(cpd_swe::routes());
    routes.extend(revisit::routes());
    routes
}
