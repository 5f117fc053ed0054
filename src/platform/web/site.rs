//! The address people reach this service at, for links that are copied out of the site
//! (calendar subscriptions, one-time sign-in links): the configured `public_url` when there
//! is one, else the scheme and host the request came in on.

use std::convert::Infallible;

use rocket::request::{FromRequest, Outcome, Request};

use crate::config::Settings;

/// The site's address with no trailing `/`, such as `https://praxis.example.org`; empty when
/// neither the configuration nor the request names one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteAddress(pub String);

impl SiteAddress {
    /// A full address for a path on this site.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for SiteAddress {
    type Error = Infallible;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let settings = request.rocket().state::<Settings>();
        let configured = settings.and_then(|settings| settings.public_url.as_deref());
        let address = match configured {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => {
                // Behind HTTPS the cookies are marked secure; that is the best hint at the
                // scheme a browser used when no public address is configured.
                let secure = settings.is_some_and(|settings| settings.cookie_secure);
                let scheme = if secure { "https" } else { "http" };
                request
                    .host()
                    .map_or_else(String::new, |host| format!("{scheme}://{host}"))
            }
        };
        Outcome::Success(SiteAddress(address))
    }
}

/// Checks a configured public address: an absolute `http` or `https` address with a host
/// and nothing after the path, so links built on it are well formed.
pub fn check_public_url(url: &str) -> Result<(), String> {
    let refused = || {
        format!(
            "public_url {url:?} must be the site's full address, such as \
             https://praxis.example.org"
        )
    };
    let absolute = rocket::http::uri::Absolute::parse(url).map_err(|_| refused())?;
    let scheme_ok = matches!(absolute.scheme(), "http" | "https");
    let host_ok = absolute
        .authority()
        .is_some_and(|authority| !authority.host().is_empty() && authority.user_info().is_none());
    if scheme_ok && host_ok && absolute.query().is_none() && !url.contains('#') {
        Ok(())
    } else {
        Err(refused())
    }
}

#[cfg(test)]
mod tests {
    use super::check_public_url;

    #[test]
    fn only_full_web_addresses_are_accepted() {
        for good in [
            "https://praxis.example.org",
            "https://praxis.example.org/",
            "http://localhost:8000",
            "https://example.org/praxis",
        ] {
            assert!(check_public_url(good).is_ok(), "{good}");
        }
        for bad in [
            "praxis.example.org",
            "/calendar",
            "ftp://example.org",
            "https://",
            "https://user@example.org",
            "https://example.org/?a=b",
            "https://example.org/#top",
            "",
        ] {
            assert!(check_public_url(bad).is_err(), "{bad}");
        }
    }
}
