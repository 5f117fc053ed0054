//! Cross-site request forgery protection: every form carries a token that must match the
//! one in a private (encrypted, HttpOnly) cookie. Tokens rotate at sign-in and sign-out, so a
//! page left open across either is refused as stale.

use rocket::http::{Cookie, CookieJar, SameSite};
use rocket::request::Request;
use rocket::time::OffsetDateTime;

use crate::config::Settings;

use super::secret::{constant_time_eq, random_token};

/// Name of the private cookie holding the expected token.
pub const CSRF_COOKIE: &str = "praxis_csrf";
/// Name of the hidden form field carrying the token.
pub const CSRF_FIELD: &str = "csrf";

/// The current token, creating one if the browser has none yet. `secure` marks a new
/// cookie `Secure`, as the session cookie is, when the site is served over HTTPS.
pub fn token(cookies: &CookieJar<'_>, secure: bool) -> String {
    match cookies.get_private(CSRF_COOKIE) {
        Some(cookie) => cookie.value().to_string(),
        None => rotate(cookies, secure),
    }
}

/// Replaces the token (at sign-in and sign-out) and returns the new one. The cookie lasts
/// as long as the browser session, like the session cookie.
pub fn rotate(cookies: &CookieJar<'_>, secure: bool) -> String {
    let value = random_token(32);
    cookies.add_private(
        Cookie::build((CSRF_COOKIE, value.clone()))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(secure)
            // An explicit "no expiry": left unset, Rocket gives private cookies a week.
            .expires(None::<OffsetDateTime>),
    );
    value
}

/// Whether this app marks its cookies `Secure` (`PRAXIS_COOKIE_SECURE`), for code that has
/// the request rather than the settings.
pub fn secure_cookies(req: &Request<'_>) -> bool {
    req.rocket()
        .state::<Settings>()
        .is_some_and(|settings| settings.cookie_secure)
}

/// True when the submitted token matches the cookie's.
pub fn matches(cookies: &CookieJar<'_>, submitted: Option<&str>) -> bool {
    match (cookies.get_private(CSRF_COOKIE), submitted) {
        (Some(expected), Some(submitted)) => constant_time_eq(expected.value(), submitted),
        _ => false,
    }
}
