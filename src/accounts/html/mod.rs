//! Pages of the accounts area.

mod access;
mod account;
mod admin_links;
mod admin_users;
mod reset_password;
pub mod sign_in;
mod staying;

/// Every page route of the accounts area.
pub fn routes() -> Vec<rocket::Route> {
    let mut routes = sign_in::routes();
    routes.extend(account::routes());
    routes.extend(access::routes());
    routes.extend(admin_users::routes());
    routes.extend(admin_links::routes());
    routes.extend(reset_password::routes());
    routes.extend(staying::routes());
    routes
}
