//! The register of approved AI services, and routing a host to it.
//!
//! A request goes to a registered service (intercepted and inspected), to a known public AI
//! service that is not registered (answered "not approved"), or elsewhere (`other_traffic`).
//! The register always wins over the catalogue, so a municipality's own Azure OpenAI resource is
//! never caught by the catalogue's `*.openai.azure.com`.

use crate::detect::Date;
use crate::patterns::{ApiFamily, KnownService};
use crate::policy::ServicePolicy;

/// A host name pattern: exact, or `*.suffix` (any subdomain of suffix, not suffix itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostPattern {
    /// Exactly this host.
    Exact(String),
    /// Any subdomain of this suffix.
    Subdomains(String),
}

impl HostPattern {
    /// Parses `host` or `*.suffix` (already checked to be valid and lower case).
    pub fn parse(pattern: &str) -> HostPattern {
        match pattern.strip_prefix("*.") {
            Some(suffix) => HostPattern::Subdomains(suffix.to_string()),
            None => HostPattern::Exact(pattern.to_string()),
        }
    }

    /// True when `host` (lower case, no port, no trailing dot) matches.
    pub fn matches(&self, host: &str) -> bool {
        match self {
            HostPattern::Exact(h) => host == h,
            HostPattern::Subdomains(suffix) => host
                .strip_suffix(suffix.as_str())
                .is_some_and(|head| head.len() > 1 && head.ends_with('.')),
        }
    }

    /// How specific the pattern is (longer wins when several match).
    fn specificity(&self) -> (bool, usize) {
        match self {
            HostPattern::Exact(h) => (true, h.len()),
            HostPattern::Subdomains(s) => (false, s.len()),
        }
    }
}

impl std::fmt::Display for HostPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HostPattern::Exact(h) => f.write_str(h),
            HostPattern::Subdomains(s) => write!(f, "*.{s}"),
        }
    }
}

/// An approved service of the register.
#[derive(Clone, Debug)]
pub struct Service {
    /// Display name.
    pub name: String,
    /// Hosts.
    pub hosts: Vec<HostPattern>,
    /// Approved path prefixes (empty: all paths).
    pub paths: Vec<String>,
    /// Responsible unit.
    pub owner: Option<String>,
    /// Approved purpose.
    pub purpose: Option<String>,
    /// Approval date.
    pub approved: Option<Date>,
    /// DPIA reference.
    pub dpia: Option<String>,
    /// Body family.
    pub api: ApiFamily,
    /// The policy in force for it.
    pub policy: ServicePolicy,
}

impl Service {
    /// True when `path` is approved for this service.
    pub fn allows_path(&self, path: &str) -> bool {
        self.paths.is_empty() || self.paths.iter().any(|p| path_has_prefix(path, p))
    }
}

fn path_has_prefix(path: &str, prefix: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    path == prefix
        || (path.starts_with(prefix)
            && (prefix.ends_with('/') || path.as_bytes().get(prefix.len()) == Some(&b'/')))
}

/// Where a request to a host goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// A registered service (index into the register): intercept and inspect.
    Approved(usize),
    /// A known public AI service that is not registered (index into the catalogue).
    NotApproved(usize),
    /// Anything else.
    Other,
}

/// The register and the catalogue of known AI services, ready for lookups.
#[derive(Clone, Debug)]
pub struct Register {
    services: Vec<Service>,
    known: Vec<KnownService>,
    known_patterns: Vec<(HostPattern, usize)>,
}

impl Register {
    /// Builds the lookup from the register and the catalogue.
    pub fn new(services: Vec<Service>, known: Vec<KnownService>) -> Register {
        let known_patterns = known
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.hosts.iter().map(move |h| (HostPattern::parse(h), i)))
            .collect();
        Register {
            services,
            known,
            known_patterns,
        }
    }

    /// The registered services.
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// The catalogue.
    pub fn known(&self) -> &[KnownService] {
        &self.known
    }

    /// Routes a host (any case, optional trailing dot).
    pub fn route(&self, host: &str) -> Route {
        let host = normalize_host(host);
        let best = self
            .services
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.hosts.iter().map(move |h| (h, i)))
            .filter(|(h, _)| h.matches(&host))
            .max_by_key(|(h, _)| h.specificity());
        if let Some((_, i)) = best {
            return Route::Approved(i);
        }
        self.known_patterns
            .iter()
            .filter(|(h, _)| h.matches(&host))
            .max_by_key(|(h, _)| h.specificity())
            .map_or(Route::Other, |(_, i)| Route::NotApproved(*i))
    }
}

/// Lower case, without a trailing dot.
pub fn normalize_host(host: &str) -> String {
    host.trim_end_matches('.').to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::ServiceKind;

    fn service(name: &str, hosts: &[&str], paths: &[&str]) -> Service {
        Service {
            name: name.into(),
            hosts: hosts.iter().map(|h| HostPattern::parse(h)).collect(),
            paths: paths.iter().map(|p| p.to_string()).collect(),
            owner: None,
            purpose: None,
            approved: None,
            dpia: None,
            api: ApiFamily::Openai,
            policy: ServicePolicy::default(),
        }
    }

    fn known(id: &str, hosts: &[&str]) -> KnownService {
        KnownService {
            id: id.into(),
            name: id.into(),
            vendor: id.into(),
            kind: ServiceKind::Api,
            api: ApiFamily::Openai,
            hosts: hosts.iter().map(|h| h.to_string()).collect(),
        }
    }

    #[test]
    fn wildcards_match_subdomains_only() {
        let p = HostPattern::parse("*.openai.azure.com");
        assert!(p.matches("kommun.openai.azure.com"));
        assert!(!p.matches("openai.azure.com"));
        assert!(!p.matches("evilopenai.azure.com"));
    }

    #[test]
    fn the_register_wins_over_the_catalogue() {
        let register = Register::new(
            vec![service(
                "Kommunens Azure OpenAI",
                &["kommun.openai.azure.com"],
                &[],
            )],
            vec![
                known("azure", &["*.openai.azure.com"]),
                known("openai", &["api.openai.com"]),
            ],
        );
        assert_eq!(
            register.route("Kommun.OpenAI.azure.com."),
            Route::Approved(0)
        );
        assert_eq!(
            register.route("other.openai.azure.com"),
            Route::NotApproved(0)
        );
        assert_eq!(register.route("api.openai.com"), Route::NotApproved(1));
        assert_eq!(register.route("example.org"), Route::Other);
    }

    #[test]
    fn path_prefixes() {
        let s = service("x", &["api.example.se"], &["/v1/chat"]);
        assert!(s.allows_path("/v1/chat"));
        assert!(s.allows_path("/v1/chat/completions?x=1"));
        assert!(!s.allows_path("/v1/chatter"));
        assert!(!s.allows_path("/v1/files"));
    }
}
