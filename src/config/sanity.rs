//! Configs that cannot be a mistake: a wildcard over a public suffix (`*.com`, `*.co.uk`,
//! `*.github.io`) would intercept half the web, `allowed_clients` that cover the internet make
//! sluss an open proxy, and a listener others can reach needs `allowed_clients` narrower than
//! who can reach it. Each is refused, or warned about where a real deployment may need it.
//!
//! | what | answer |
//! | --- | --- |
//! | `*.S` where `S` is one label or an ICANN public suffix (`*.com`, `*.se`, `*.co.uk`), register or catalogue | refused |
//! | `*.S` in the register where `S` is a private public suffix (`*.github.io`, `*.azurewebsites.net`) | refused |
//! | `*.S` in the register covering a multi-tenant cloud suffix (`*.azure.com`, `*.openai.azure.com`, `*.amazonaws.com`) | warning |
//! | `allowed_clients` with public addresses, IPv4 /8 or wider, IPv6 /16 or wider (`0.0.0.0/0`, `::/0`) | refused |
//! | a public range wider than IPv4 /16 or IPv6 /32, sluss listening on a public address | refused |
//! | the same, sluss listening on a wildcard or private address | warning |
//! | a listener other machines can reach, `allowed_clients` not set (only this machine is let in) | warning |
//!
//! The public-suffix list is the `psl` crate's copy of publicsuffix.org's list, compiled in.

use std::net::{IpAddr, SocketAddr};

use ipnet::{IpNet, Ipv4Net, Ipv6Net};

use super::file::ProxySection;
use super::validate::Problems;

/// Why a host pattern is a wildcard over a public suffix (one label or an ICANN suffix such as
/// `com`, `se`, `co.uk`), if it is: it would intercept every site under it. Applies to the
/// register and the catalogue of known AI services alike.
pub fn public_suffix_wildcard(host: &str) -> Option<&'static str> {
    let suffix = host.strip_prefix("*.")?;
    if !suffix.contains('.') {
        return Some(
            "a wildcard over a top-level domain covers every site under it; name the service's own hosts",
        );
    }
    match psl::suffix(suffix.as_bytes()) {
        Some(s) if s.as_bytes() == suffix.as_bytes() && s.typ() == Some(psl::Type::Icann) => Some(
            "a wildcard over a public suffix (like `*.com`, `*.se`, `*.co.uk`) covers every site under it; name the service's own hosts",
        ),
        _ => None,
    }
}

/// Suffixes under which a cloud serves many customers: a wildcard over one of them (or over a
/// domain above one) approves other customers' resources too.
const MULTI_TENANT: [&str; 28] = [
    "openai.azure.com",
    "cognitiveservices.azure.com",
    "services.ai.azure.com",
    "models.ai.azure.com",
    "inference.ai.azure.com",
    "azure-api.net",
    "azurewebsites.net",
    "azurestaticapps.net",
    "azureedge.net",
    "cloudapp.azure.com",
    "cloudapp.net",
    "blob.core.windows.net",
    "amazonaws.com",
    "cloudfront.net",
    "googleapis.com",
    "googleusercontent.com",
    "run.app",
    "appspot.com",
    "cloudfunctions.net",
    "hf.space",
    "huggingface.cloud",
    "ai.cloud.ovh.net",
    "workers.dev",
    "pages.dev",
    "vercel.app",
    "netlify.app",
    "herokuapp.com",
    "ngrok-free.app",
];

/// The multi-tenant suffix that a wildcard `*.suffix` covers, if any (the suffix itself, or
/// one below it: `*.azure.com` covers `openai.azure.com`).
pub fn shared_tenants(suffix: &str) -> Option<&'static str> {
    MULTI_TENANT
        .iter()
        .copied()
        .find(|m| *m == suffix || m.ends_with(&format!(".{suffix}")))
}

/// The checks for a host of the register (already a valid pattern): a wildcard over a
/// private public suffix is refused, one over a multi-tenant cloud suffix warned about.
pub(super) fn registered_host(host: &str, span: std::ops::Range<usize>, p: &mut Problems<'_>) {
    let Some(suffix) = host.strip_prefix("*.") else {
        return;
    };
    if let Some(s) = psl::suffix(suffix.as_bytes())
        && s.as_bytes() == suffix.as_bytes()
        && s.typ() == Some(psl::Type::Private)
    {
        p.at(
            span,
            format!(
                "host `{host}`: `{suffix}` is a public suffix where anyone can have a site; \
                 the wildcard would approve all of them. Name the service's own hosts"
            ),
        );
        return;
    }
    if let Some(tenants) = shared_tenants(suffix) {
        p.warn_at(
            span,
            format!(
                "host `{host}` approves every customer's resource under `{tenants}`, not only \
                 the municipality's own (anyone can create one there). List the municipality's \
                 own hosts (e.g. `kommun.{tenants}`) unless every tenant is meant"
            ),
        );
    }
}

/// How far a listen address reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Reach {
    /// Loopback: this machine only.
    Machine,
    /// Every interface (`0.0.0.0`, `::`) or a private address: the networks the machine is on.
    Networks,
    /// A public address: the internet.
    Internet,
}

fn reach(addr: &SocketAddr) -> Reach {
    let ip = addr.ip().to_canonical();
    if ip.is_loopback() {
        Reach::Machine
    } else if ip.is_unspecified() || !is_public(&IpNet::from(ip)) {
        Reach::Networks
    } else {
        Reach::Internet
    }
}

/// IPv4 ranges that are not the internet: this network, private, shared (CGNAT), loopback,
/// link-local, protocol assignments, documentation, benchmarking, multicast and reserved.
const LOCAL_V4: [&str; 13] = [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "224.0.0.0/3",
];

/// IPv6 ranges outside global unicast (2000::/3), and documentation.
const LOCAL_V6: [&str; 4] = ["::/3", "4000::/2", "8000::/1", "2001:db8::/32"];

/// True when `net` holds addresses of the internet (it lies in no local range).
fn is_public(net: &IpNet) -> bool {
    match net {
        IpNet::V4(net) => !LOCAL_V4
            .iter()
            .filter_map(|r| r.parse::<Ipv4Net>().ok())
            .any(|local| local.contains(net)),
        IpNet::V6(net) => !LOCAL_V6
            .iter()
            .filter_map(|r| r.parse::<Ipv6Net>().ok())
            .any(|local| local.contains(net)),
    }
}

/// How wide a public range is: `Huge` covers (a large part of) the internet, `Wide` more
/// than a large organisation holds (IPv4 wider than /16, IPv6 wider than /32).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Width {
    Huge,
    Wide,
    Narrow,
}

fn width(net: &IpNet) -> Width {
    let (prefix, huge, wide) = match net {
        IpNet::V4(n) => (n.prefix_len(), 8, 16),
        IpNet::V6(n) => (n.prefix_len(), 16, 32),
    };
    if prefix <= huge {
        Width::Huge
    } else if prefix < wide {
        Width::Wide
    } else {
        Width::Narrow
    }
}

/// `allowed_clients` against the internet and the listen addresses.
pub(super) fn clients(s: &ProxySection, listen: &[SocketAddr], p: &mut Problems<'_>) {
    let farthest = listen.iter().map(reach).max().unwrap_or(Reach::Machine);
    let Some(list) = &s.allowed_clients else {
        if farthest > Reach::Machine
            && let (Some(span), Some(addr)) = (
                s.listen.as_ref().map(toml::Spanned::span),
                listen.iter().find(|a| reach(a) > Reach::Machine),
            )
        {
            p.warn_at(
                span,
                format!(
                    "sluss listens on {addr}, which other machines can reach, but \
                     allowed_clients is not set, so only this machine may use the proxy (the \
                     rest get 403). List the municipal networks, e.g. allowed_clients = \
                     [\"10.0.0.0/8\"]"
                ),
            );
        }
        return;
    };
    for entry in list {
        let text = entry.get_ref().trim();
        let Ok(net) = text
            .parse::<IpNet>()
            .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        else {
            continue; // reported by the [proxy] checks
        };
        if !is_public(&net) {
            continue;
        }
        match (width(&net), farthest) {
            (Width::Huge, _) => p.at(
                entry.span(),
                format!(
                    "allowed_clients `{text}` covers {} the internet: sluss would be an open \
                     proxy. List the municipality's own networks (e.g. 10.0.0.0/8)",
                    if net.prefix_len() == 0 {
                        "all of"
                    } else {
                        "a large part of"
                    }
                ),
            ),
            (Width::Wide, Reach::Internet) => p.at(
                entry.span(),
                format!(
                    "allowed_clients `{text}` is a wide public range and sluss listens on a \
                     public address: whoever is in it may use the proxy from the internet. List \
                     only the municipality's own networks"
                ),
            ),
            (Width::Wide, Reach::Networks) => p.warn_at(
                entry.span(),
                format!(
                    "allowed_clients `{text}` is a wide public range and sluss listens where \
                     other machines can reach it: make sure the range is the municipality's own"
                ),
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_over_public_suffixes() {
        for host in ["*.com", "*.se", "*.co.uk", "*.local", "*.test"] {
            assert!(public_suffix_wildcard(host).is_some(), "{host}");
        }
        for host in [
            "*.kommun.se",
            "*.openai.azure.com",
            "*.github.io",
            "*.chatgpt.com",
            "api.openai.com",
            "com",
        ] {
            assert_eq!(public_suffix_wildcard(host), None, "{host}");
        }
    }

    #[test]
    fn the_catalogue_check_refuses_them_too() {
        use crate::patterns::services::host_problem;
        assert!(host_problem("*.com").is_some());
        assert!(host_problem("*.co.uk").is_some());
        assert_eq!(
            host_problem("*.hf.space"),
            None,
            "the catalogue may list all tenants"
        );
    }

    #[test]
    fn multi_tenant_suffixes_under_a_wildcard() {
        assert_eq!(shared_tenants("azure.com"), Some("openai.azure.com"));
        assert_eq!(shared_tenants("openai.azure.com"), Some("openai.azure.com"));
        assert_eq!(shared_tenants("kommun.openai.azure.com"), None);
        assert_eq!(shared_tenants("chatgpt.com"), None);
    }

    #[test]
    fn public_and_local_ranges() {
        let net = |s: &str| s.parse::<IpNet>().unwrap_or_else(|_| unreachable!("{s}"));
        for local in [
            "10.0.0.0/8",
            "172.16.0.0/12",
            "192.168.1.0/24",
            "127.0.0.1/32",
            "fd00::/8",
            "fe80::/10",
            "::1/128",
        ] {
            assert!(!is_public(&net(local)), "{local}");
        }
        for public in [
            "0.0.0.0/0",
            "172.0.0.0/8",
            "8.8.8.0/24",
            "::/0",
            "2001:6b0::/32",
        ] {
            assert!(is_public(&net(public)), "{public}");
        }
        assert_eq!(width(&net("0.0.0.0/0")), Width::Huge);
        assert_eq!(width(&net("130.237.0.0/15")), Width::Wide);
        assert_eq!(width(&net("130.237.0.0/16")), Width::Narrow);
        assert_eq!(width(&net("2000::/3")), Width::Huge);
        assert_eq!(width(&net("2001:6b0::/32")), Width::Narrow);
    }
}
