//! `[limits]`: rate limits per client address and per user, with their defaults and checks.
//!
//! The defaults are meant to go unnoticed in a municipality of 5,000 staff: a person at a
//! browser or an assistant in an editor stays far below them, while a script that floods an AI
//! service or someone probing the detector with variants meets them within a minute.

use std::num::NonZeroU32;

use ipnet::IpNet;
use toml::Spanned;

use super::file::LimitsSection;
use super::validate::{Problems, networks};

/// Default requests to AI services per minute, per client address and per user. A chat page
/// makes a handful of requests per prompt, an editor assistant one per pause in typing, an
/// agent one or two a second at its busiest; 600 (a burst of 600, then ten a second) leaves
/// room for all of them at once.
pub const REQUESTS_PER_MINUTE: u32 = 600;
/// Default stopped requests per hour, per client address and per user. Staff who are stopped
/// rarely meet more than a few stops in an hour (a pasted document, tried again after an
/// edit); 30 leaves room for that, and then one more stop is allowed every two minutes.
pub const STOPS_PER_HOUR: u32 = 30;
/// Default open connections per client address. Browsers open at most 32 connections to one
/// proxy, so 1,000 leaves room for a terminal server with 30 people at full browsers, and
/// keeps one client from taking the whole of `max_connections` (10,000).
pub const CONNECTIONS_PER_CLIENT: u32 = 1000;

/// The largest value each limit accepts.
const MAX: u64 = 1_000_000;

/// `[limits]`, validated. `None` means no limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitsConfig {
    /// Requests to AI services (registered or known) per minute, per client and per user.
    pub requests_per_minute: Option<NonZeroU32>,
    /// Stops by the detector per hour, per client and per user, before requests are refused.
    pub stops_per_hour: Option<NonZeroU32>,
    /// Open connections per client address.
    pub connections_per_client: Option<NonZeroU32>,
    /// Client networks many people share: limited per user only, connections not at all.
    pub shared_clients: Vec<IpNet>,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        LimitsConfig {
            requests_per_minute: NonZeroU32::new(REQUESTS_PER_MINUTE),
            stops_per_hour: NonZeroU32::new(STOPS_PER_HOUR),
            connections_per_client: NonZeroU32::new(CONNECTIONS_PER_CLIENT),
            shared_clients: Vec::new(),
        }
    }
}

impl LimitsConfig {
    /// True when `ip` is in `shared_clients`.
    pub fn is_shared(&self, ip: std::net::IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.shared_clients.iter().any(|net| net.contains(&ip))
    }
}

/// Validates `[limits]`.
pub(super) fn limits(s: &LimitsSection, p: &mut Problems<'_>) -> LimitsConfig {
    LimitsConfig {
        requests_per_minute: limit(
            &s.requests_per_minute,
            REQUESTS_PER_MINUTE,
            "requests_per_minute",
            p,
        ),
        stops_per_hour: limit(&s.stops_per_hour, STOPS_PER_HOUR, "stops_per_hour", p),
        connections_per_client: limit(
            &s.connections_per_client,
            CONNECTIONS_PER_CLIENT,
            "connections_per_client",
            p,
        ),
        shared_clients: networks(
            s.shared_clients.as_deref().unwrap_or_default(),
            "shared_clients",
            p,
        ),
    }
}

/// A limit: the default when absent, `None` for 0 (off), checked against [`MAX`].
fn limit(
    value: &Option<Spanned<u64>>,
    default: u32,
    name: &str,
    p: &mut Problems<'_>,
) -> Option<NonZeroU32> {
    match value {
        None => NonZeroU32::new(default),
        Some(v) if *v.get_ref() > MAX => {
            p.at(
                v.span(),
                format!("{name} must be between 0 (no limit) and {MAX}"),
            );
            NonZeroU32::new(default)
        }
        Some(v) => u32::try_from(*v.get_ref()).ok().and_then(NonZeroU32::new),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    #[test]
    fn defaults_zero_and_bad_values() {
        let c = parse("", "x").map(|c| c.limits).unwrap_or_default();
        assert_eq!(c, LimitsConfig::default());
        let text = "[limits]\nrequests_per_minute = 0\nstops_per_hour = 2000000\nshared_clients = [\"10.0.0.5\", \"x\"]\n";
        let errors = parse(text, "x.toml").err().map(|e| e.0).unwrap_or_default();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4], "{errors:?}");
        let ok = parse(
            "[limits]\nrequests_per_minute = 0\nshared_clients = [\"10.0.0.5\"]\n",
            "x",
        )
        .map(|c| c.limits)
        .unwrap_or_default();
        assert_eq!(ok.requests_per_minute, None, "0 turns the limit off");
        assert!(ok.is_shared("10.0.0.5".parse().unwrap_or(std::net::IpAddr::from([0; 4]))));
    }
}
