//! Cross-site request forgery protection: every form carries a token that must match the
//! one in a private (encrypted, HttpOnly) cookie. Tokens rotate at sign-in and sign-out, so a
//! page left open across either is refused as stale.

use rocket::http::{Cookie, CookieJar, SameSite};

use super::secret::{constant_time_eq, random_token};

/// Name of the private cookie holding the expected token.
pub const CSRF_COOKIE: &str = "praxis_csrf";
/// Name of the hidden form field carrying the token.
pub const CSRF_FIELD: &str = "csrf";

/// The current token, creating one if the browser has none yet.
pub fn token(cookies: &CookieJar<'_>) -> String {
    match cookies.get_private(CSRF_COOKIE) {
        Some(cookie) => cookie.value().to_string(),
        None => rotate(cookies),
    }
}

/// Replaces the token (at sign-in and sign-out) and returns the new one.
pub fn rotate(cookies: &CookieJar<'_>) -> String {
    let value = random_token(32);
    cookies.add_private(
        Cookie::build((CSRF_COOKIE, value.clone()))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax),
    );
    value
}

/// True when the submitted token matches the cookie's.
pub fn matches(cookies: &CookieJar<'_>, submitted: Option<&str>) -> bool {
    match (cookies.get_private(CSRF_COOKIE), submitted) {
        (Some(expected), Some(submitted)) => constant_time_eq(expected.value(), submitted),
        _ => false,
    }
}
