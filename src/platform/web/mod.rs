//! The web layer every area shares: pages, forms, JSON, errors, headers and static files.

pub mod assets;
pub mod bounce;
pub mod bounce_fill;
pub mod bounce_store;
pub mod catchers;
pub mod error_page;
pub mod findings;
pub mod form;
pub mod form_home;
pub mod guard_failure;
pub mod headers;
pub mod json;
pub mod layout;
pub mod page;
pub mod problem;
pub mod site;
pub mod submission;

use rocket::http::RawStr;
use rocket::http::uri::Origin;
use rocket::request::Request;

pub use form::CsrfForm;
pub use json::ApiJson;
pub use layout::{Layout, Section};
pub use page::{HtmlError, Page, PageResult};
pub use problem::{ApiError, ApiResult};
pub use site::SiteAddress;

/// Where to send someone who must sign in: back to this page afterwards when that is safe;
/// for a form sent after the session ended, back to the page of that form, marked `ended`
/// so the sign-in page can say that what was typed is kept (by the page's draft script, in
/// the browser: the submission itself is never stored on the server for later).
pub fn sign_in_redirect(req: &Request<'_>) -> String {
    if catchers::is_repeatable(req) {
        let target = req.uri().to_string();
        format!("/sign-in?next={}", RawStr::new(&target).percent_encode())
    } else {
        let path = req.uri().path().to_string();
        let home = form_home::form_home(&path).unwrap_or(path);
        format!(
            "/sign-in?next={}&ended=true",
            RawStr::new(&safe_return_path(Some(&home))).percent_encode()
        )
    }
}

/// A local path to return to after signing in; anything else is ignored and becomes the
/// dashboard, so the sign-in page cannot be used to send people elsewhere. Accepted: one `/`
/// then a path that is not `//host` or `/\\host` (which browsers read as another site),
/// holding no white space or control characters, that parses as a URI path (a redirect to
/// anything else would fail).
pub fn safe_return_path(next: Option<&str>) -> String {
    let local = |path: &str| {
        path.starts_with('/')
            && !path.starts_with("//")
            && !path.contains('\\')
            && !path.chars().any(|c| c.is_whitespace() || c.is_control())
            && Origin::parse(path).is_ok()
    };
    match next {
        Some(path) if local(path) => path.to_string(),
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
        assert_eq!(safe_return_path(Some("/a b")), "/");
        assert_eq!(safe_return_path(Some("/search?q=a%20b")), "/search?q=a%20b");
    }

    /// Every hostile shape built from a prefix, a separator and a host is refused or kept
    /// as a path on this site.
    #[test]
    fn no_hostile_return_path_leaves_the_site() {
        let prefixes = [
            "",
            "/",
            "//",
            "///",
            "/\\",
            "\\",
            "\\\\",
            "http:",
            "https://",
            "javascript:",
            "data:",
            " /",
            "\t/",
            "/\t/",
            "/\n/",
            "\u{0}/",
            "/%2F",
            "%2F",
            "/.//",
            "//\\",
        ];
        let middles = [
            "", "/", "\\", "@", ":", " ", "\r\n", "%09", "\u{7f}", "\u{2028}",
        ];
        let hosts = ["evil.example", "evil.example/path", "@evil.example", ":80"];
        for prefix in prefixes {
            for middle in middles {
                for host in hosts {
                    let hostile = format!("{prefix}{middle}{host}");
                    let path = safe_return_path(Some(&hostile));
                    let second = path.chars().nth(1);
                    assert!(
                        path == "/"
                            || (path == hostile
                                && path.starts_with('/')
                                && second != Some('/')
                                && second != Some('\\')),
                        "{hostile:?} became {path:?}"
                    );
                }
            }
        }
    }
}
