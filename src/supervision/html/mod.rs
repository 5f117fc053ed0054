//! Pages of supervision.

mod drafting;
pub mod form;
mod pair;
mod record;

/// Every page route of supervision.
pub fn routes() -> Vec<rocket::Route> {
    let mut routes = pair::routes();
    routes.extend(drafting::routes());
    routes.extend(record::routes());
    routes
}
