//! The web layer every area shares: pages, forms, JSON, errors, headers and static files.

pub mod assets;
pub mod catchers;
pub mod error_page;
pub mod findings;
pub mod form;
pub mod guard_failure;
pub mod headers;
pub mod json;
pub mod layout;
pub mod page;
pub mod problem;
pub mod submission;

use rocket::http::RawStr;
use rocket::request::Request;

pub use form::CsrfForm;
pub use json::ApiJson;
pub use layout::{Layout, Section};
pub use page::{HtmlError, Page, PageResult};
pub use problem::{ApiError, ApiResult};

/// Where to send someone who must sign in: back to this page afterwards when that is safe.
pub fn sign_in_redirect(req: &Request<'_>) -> String {
    if catchers::is_repeatable(req) {
        let target = req.uri().to_string();
        format!("/sign-in?next={}", RawStr::new(&target).percent_encode())
    } else {
        "/sign-in".to_string()
    }
}

/// A local path to return to after signing in; anything else (another site, `//host`)
/// becomes the dashboard, so the sign-in page cannot be used to send people elsewhere.
pub fn safe_return_path(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_string()
        }
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_return_path;

    #[test]
    fn return_paths_stay_on_this_site() {
        assert_eq!(safe_return_path(Some("/entries/4")), "/entries/4");
        assert_eq!(safe_return_path(Some("//evil.example")), "/");
        assert_eq!(safe_return_path(Some("https://evil.example")), "/");
        assert_eq!(safe_return_path(Some("/\\evil.example")), "/");
        assert_eq!(safe_return_path(None), "/");
    }
}
