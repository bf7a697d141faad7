//! The names a name-constrained CA may sign for (RFC 5280 name constraints): the DNS subtrees
//! of the registered services' and the known AI services' hosts, and nothing else. Whoever
//! gets the key of such a CA cannot impersonate the bank or the intranet, because clients
//! (Chrome, Firefox, Safari, Windows, OpenSSL, rustls) refuse a certificate it signs for any
//! other name.
//!
//! A DNS subtree `example.com` permits `example.com` and every name below it, so an exact host
//! and a wildcard `*.example.com` both become the subtree `example.com`. IP addresses are
//! excluded entirely (`0.0.0.0/0`, `::/0`) unless the register names one, which is then the
//! only address permitted.

use std::net::IpAddr;

use rcgen::{CidrSubnet, GeneralSubtree, NameConstraints};

use crate::config::Register;

/// A name that RFC 6761 reserves: permitted when there is nothing else, so that an empty
/// scope still constrains DNS names (a constraint with no DNS subtree would leave them free).
const NOTHING: &str = "invalid";

/// What a name-constrained CA may sign for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameScope {
    /// Permitted DNS subtrees: lower case, without a leading dot, none inside another.
    dns: Vec<String>,
    /// Excluded DNS subtrees (only CAs made elsewhere have them).
    excluded_dns: Vec<String>,
    /// Permitted IP addresses (registered hosts written as addresses).
    ips: Vec<IpAddr>,
}

impl NameScope {
    /// The scope for host patterns (`host` or `*.suffix`): each becomes one DNS subtree
    /// (an IP address, one permitted address); subtrees inside others are dropped.
    pub fn of_hosts<I, S>(hosts: I) -> NameScope
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut names: Vec<String> = Vec::new();
        let mut ips = Vec::new();
        for host in hosts {
            let host = host.as_ref();
            let name = host
                .strip_prefix("*.")
                .unwrap_or(host)
                .trim_end_matches('.')
                .to_ascii_lowercase();
            match name.parse::<IpAddr>() {
                Ok(ip) => ips.push(ip.to_canonical()),
                Err(_) if !name.is_empty() => names.push(name),
                Err(_) => {}
            }
        }
        // Shortest first, so that a subtree is seen before the names inside it.
        names.sort_by_key(|n| (n.matches('.').count(), n.clone()));
        let mut dns: Vec<String> = Vec::new();
        for name in names {
            if !dns.iter().any(|s| within(&name, s)) {
                dns.push(name);
            }
        }
        ips.sort();
        ips.dedup();
        NameScope {
            dns,
            excluded_dns: Vec::new(),
            ips,
        }
    }

    /// The scope for a register: its services' hosts and upload hosts, and the catalogue's.
    pub fn of_register(register: &Register) -> NameScope {
        let registered = register.services().iter().flat_map(|s| {
            s.hosts
                .iter()
                .chain(&s.upload_hosts)
                .map(ToString::to_string)
        });
        let known = register
            .known()
            .iter()
            .flat_map(|k| k.hosts.iter().chain(&k.upload_hosts).cloned());
        NameScope::of_hosts(registered.chain(known))
    }

    /// The permitted DNS subtrees.
    pub fn subtrees(&self) -> &[String] {
        &self.dns
    }

    /// True when a certificate for every name `pattern` (`host` or `*.suffix`) matches is
    /// inside the scope.
    pub fn covers(&self, pattern: &str) -> bool {
        let (name, wildcard) = match pattern.strip_prefix("*.") {
            Some(suffix) => (suffix, true),
            None => (pattern, false),
        };
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        if let Ok(ip) = name.parse::<IpAddr>() {
            return self.ips.contains(&ip.to_canonical());
        }
        let permitted = self.dns.iter().any(|s| within(&name, s));
        // A wildcard is not wholly covered when part of what is below it is excluded.
        let excluded = self
            .excluded_dns
            .iter()
            .any(|e| within(&name, e) || (wildcard && within(e, &name)));
        permitted && !excluded
    }

    /// The constraints for rcgen: the DNS subtrees and permitted addresses; every other
    /// address excluded when none is permitted.
    pub(crate) fn constraints(&self) -> NameConstraints {
        let mut permitted: Vec<GeneralSubtree> = self
            .dns
            .iter()
            .map(|n| GeneralSubtree::DnsName(n.clone()))
            .collect();
        if permitted.is_empty() {
            permitted.push(GeneralSubtree::DnsName(NOTHING.into()));
        }
        let mut excluded = Vec::new();
        if self.ips.is_empty() {
            excluded.push(GeneralSubtree::IpAddress(CidrSubnet::V4([0; 4], [0; 4])));
            excluded.push(GeneralSubtree::IpAddress(CidrSubnet::V6([0; 16], [0; 16])));
        }
        for ip in &self.ips {
            let prefix = if ip.is_ipv4() { 32 } else { 128 };
            permitted.push(GeneralSubtree::IpAddress(CidrSubnet::from_addr_prefix(
                *ip, prefix,
            )));
        }
        NameConstraints {
            permitted_subtrees: permitted,
            excluded_subtrees: excluded,
        }
    }

    /// The scope a certificate declares, `None` when it has no name constraints (or none on
    /// DNS names: it may sign for any name).
    pub fn of_certificate(cert: &x509_parser::certificate::X509Certificate<'_>) -> Option<Self> {
        use x509_parser::extensions::GeneralName;
        let constraints = cert.name_constraints().ok().flatten()?.value;
        let dns = |subtrees: &Option<Vec<x509_parser::extensions::GeneralSubtree<'_>>>| {
            subtrees
                .iter()
                .flatten()
                .filter_map(|s| match &s.base {
                    GeneralName::DNSName(n) => Some(n.trim_start_matches('.').to_ascii_lowercase()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        let ips = constraints
            .permitted_subtrees
            .iter()
            .flatten()
            .filter_map(|s| match &s.base {
                GeneralName::IPAddress(bytes) => single_address(bytes),
                _ => None,
            })
            .collect();
        let permitted = dns(&constraints.permitted_subtrees);
        if permitted.is_empty() {
            return None;
        }
        Some(NameScope {
            dns: permitted,
            excluded_dns: dns(&constraints.excluded_subtrees),
            ips,
        })
    }
}

/// True when `name` is `subtree` or below it.
fn within(name: &str, subtree: &str) -> bool {
    name == subtree
        || name
            .strip_suffix(subtree)
            .is_some_and(|head| head.ends_with('.'))
}

/// The address of an iPAddress constraint that permits exactly one address.
fn single_address(bytes: &[u8]) -> Option<IpAddr> {
    match bytes.len() {
        8 if bytes[4..] == [0xff; 4] => <[u8; 4]>::try_from(&bytes[..4]).ok().map(IpAddr::from),
        32 if bytes[16..] == [0xff; 16] => {
            <[u8; 16]>::try_from(&bytes[..16]).ok().map(IpAddr::from)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_become_minimal_subtrees() {
        let scope = NameScope::of_hosts([
            "*.chatgpt.com",
            "chatgpt.com",
            "api.openai.com",
            "*.openai.azure.com",
            "kommun.openai.azure.com",
            "Claude.AI.",
        ]);
        assert_eq!(
            scope.subtrees(),
            [
                "chatgpt.com",
                "claude.ai",
                "api.openai.com",
                "openai.azure.com"
            ]
        );
    }

    #[test]
    fn covers_names_below_a_subtree_only() {
        let scope = NameScope::of_hosts(["*.openai.azure.com", "api.openai.com"]);
        assert!(scope.covers("kommun.openai.azure.com"));
        assert!(scope.covers("*.openai.azure.com"));
        assert!(scope.covers("*.x.api.openai.com"));
        assert!(!scope.covers("evilopenai.azure.com"));
        assert!(!scope.covers("openai.com"));
        assert!(!scope.covers("*.azure.com"));
        assert!(!scope.covers("10.0.0.1"), "no address is permitted");
        let with_ip = NameScope::of_hosts(["10.0.0.1"]);
        assert!(with_ip.covers("10.0.0.1") && !with_ip.covers("10.0.0.2"));
    }
}
