//! Where a request came from, for throttling and the audit log.
//!
//! The address is the peer of the connection. `X-Forwarded-For` and `X-Real-IP` are
//! believed only when that peer is one of the proxies named in the configuration
//! (`trusted_proxies`); from anyone else they are ignored, because a client can write
//! whatever it likes in them.

use std::net::IpAddr;

use rocket::request::{FromRequest, Outcome, Request};

use crate::error::AppError;

/// The caller's network address, if known.
#[derive(Debug, Clone)]
pub struct ClientAddress(pub Option<String>);

/// One trusted proxy: an address, or a network written `address/prefix`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ProxyNet {
    base: IpAddr,
    prefix: u32,
}

impl ProxyNet {
    fn parse(text: &str) -> Option<Self> {
        let (address, prefix) = match text.trim().split_once('/') {
            Some((address, prefix)) => (address, Some(prefix.parse::<u32>().ok()?)),
            None => (text.trim(), None),
        };
        let base: IpAddr = address.parse().ok()?;
        let width = if base.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(width);
        (prefix <= width).then_some(Self { base, prefix })
    }

    fn contains(&self, address: IpAddr) -> bool {
        let mask = |width: u32| match self.prefix {
            0 => 0,
            prefix => u128::MAX << (width - prefix),
        };
        match (self.base, address.to_canonical()) {
            (IpAddr::V4(base), IpAddr::V4(address)) => {
                let mask = mask(32);
                u128::from(base.to_bits()) & mask == u128::from(address.to_bits()) & mask
            }
            (IpAddr::V6(base), IpAddr::V6(address)) => {
                let mask = mask(128);
                base.to_bits() & mask == address.to_bits() & mask
            }
            _ => false,
        }
    }
}

/// The proxies whose forwarding headers are believed; none by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<ProxyNet>);

impl TrustedProxies {
    /// Reads the configured list (`"127.0.0.1"`, `"10.0.0.0/8"`, `"::1"`); names the first
    /// entry that is not an address or a network.
    pub fn parse(entries: &[String]) -> Result<Self, AppError> {
        entries
            .iter()
            .map(|entry| {
                ProxyNet::parse(entry).ok_or_else(|| {
                    AppError::Config(format!(
                        "trusted_proxies: {entry:?} is not an IP address or a network such as \
                         10.0.0.0/8"
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(address))
    }

    /// The client's address: the peer's, unless the peer is a trusted proxy that says
    /// whom it forwards for. In `X-Forwarded-For` each proxy appends the address it heard
    /// from, so the list is read from the right, past the trusted proxies, and the first
    /// address no trusted proxy owns is the client; entries to its left are the client's
    /// own claims and are not believed.
    pub fn client(
        &self,
        peer: Option<IpAddr>,
        forwarded_for: &[&str],
        real_ip: Option<&str>,
    ) -> Option<IpAddr> {
        let peer = peer?.to_canonical();
        if !self.trusts(peer) {
            return Some(peer);
        }
        let hops: Vec<&str> = forwarded_for
            .iter()
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .filter(|hop| !hop.is_empty())
            .collect();
        if hops.is_empty() {
            let forwarded = real_ip.and_then(|value| value.trim().parse::<IpAddr>().ok());
            return Some(forwarded.map_or(peer, |address| address.to_canonical()));
        }
        let mut nearest = peer;
        for hop in hops.iter().rev() {
            // A hop that is not an address cannot be followed: the proxy that added it is
            // the furthest point known.
            let Ok(address) = hop.parse::<IpAddr>() else {
                return Some(nearest);
            };
            let address = address.to_canonical();
            if !self.trusts(address) {
                return Some(address);
            }
            nearest = address;
        }
        Some(nearest)
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ClientAddress {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let peer = req.remote().map(|remote| remote.ip());
        let address = match req.rocket().state::<TrustedProxies>() {
            Some(trusted) => {
                let forwarded_for: Vec<&str> = req.headers().get("X-Forwarded-For").collect();
                trusted.client(peer, &forwarded_for, req.headers().get_one("X-Real-IP"))
            }
            None => peer,
        };
        Outcome::Success(ClientAddress(address.map(|address| address.to_string())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(entries: &[&str]) -> TrustedProxies {
        let entries: Vec<String> = entries.iter().map(|entry| entry.to_string()).collect();
        TrustedProxies::parse(&entries).expect("valid proxies")
    }

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().expect("an address"))
    }

    #[test]
    fn headers_from_an_untrusted_peer_are_ignored() {
        let none = TrustedProxies::default();
        assert_eq!(
            none.client(ip("203.0.113.9"), &["10.1.1.1"], Some("10.2.2.2")),
            ip("203.0.113.9")
        );
        let some = proxies(&["127.0.0.1"]);
        assert_eq!(
            some.client(ip("203.0.113.9"), &["10.1.1.1"], Some("10.2.2.2")),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn a_trusted_peer_is_believed() {
        let trusted = proxies(&["127.0.0.1"]);
        assert_eq!(
            trusted.client(ip("127.0.0.1"), &[], Some("198.51.100.7")),
            ip("198.51.100.7")
        );
        assert_eq!(
            trusted.client(ip("127.0.0.1"), &["198.51.100.7"], Some("10.9.9.9")),
            ip("198.51.100.7"),
            "X-Forwarded-For carries the chain and wins"
        );
        assert_eq!(trusted.client(ip("127.0.0.1"), &[], None), ip("127.0.0.1"));
        assert_eq!(
            trusted.client(ip("127.0.0.1"), &[], Some("not an address")),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn forwarded_for_is_read_from_the_right_past_trusted_proxies() {
        let trusted = proxies(&["127.0.0.1", "10.0.0.0/8"]);
        let chain = ["6.6.6.6, 198.51.100.7", "10.0.0.5"];
        assert_eq!(
            trusted.client(ip("127.0.0.1"), &chain, None),
            ip("198.51.100.7"),
            "the spoofed left-most entry is not believed"
        );
        assert_eq!(
            trusted.client(ip("127.0.0.1"), &["10.0.0.4, 10.0.0.5"], None),
            ip("10.0.0.4"),
            "only proxies: the furthest one"
        );
        assert_eq!(
            trusted.client(ip("127.0.0.1"), &["198.51.100.7, garbage, 10.0.0.5"], None),
            ip("10.0.0.5"),
            "an unreadable hop stops the walk at the proxy that added it"
        );
    }

    #[test]
    fn networks_and_ipv6_are_matched() {
        let trusted = proxies(&["192.168.0.0/16", "::1", "fd00::/8"]);
        assert!(trusted.trusts("192.168.4.20".parse().unwrap()));
        assert!(!trusted.trusts("192.169.0.1".parse().unwrap()));
        assert!(trusted.trusts("::1".parse().unwrap()));
        assert!(trusted.trusts("fd12::3".parse().unwrap()));
        assert!(!trusted.trusts("2001:db8::1".parse().unwrap()));
        assert!(proxies(&["0.0.0.0/0"]).trusts("8.8.8.8".parse().unwrap()));
        assert!(
            trusted.trusts(
                "::ffff:192.168.1.1"
                    .parse::<IpAddr>()
                    .unwrap()
                    .to_canonical()
            )
        );
    }

    #[test]
    fn bad_entries_are_named() {
        for bad in ["localhost", "10.0.0.0/33", "::1/129", "10.0.0.1/x"] {
            match TrustedProxies::parse(&[bad.to_string()]) {
                Err(AppError::Config(message)) => assert!(message.contains(bad), "{message}"),
                other => panic!("{bad}: expected a configuration error, got {other:?}"),
            }
        }
    }
}
