//! The register of approved AI services, and routing a host to it.
//!
//! A request goes to a registered service (intercepted and inspected), to one of its upload
//! hosts (intercepted, the body inspected as a file), to a known public AI service that is not
//! registered (answered "not approved"), or elsewhere (`other_traffic`). The register always
//! wins over the catalogue, so a municipality's own Azure OpenAI resource is never caught by the
//! catalogue's `*.openai.azure.com`.
//!
//! Upload hosts (blob storage that a chat UI sends files to with a presigned `PUT`) belong to
//! their service: a register entry names its own (`upload_hosts`), and a registered service that
//! covers a known service's host also gets that service's upload hosts from the catalogue, so
//! approving ChatGPT by `chatgpt.com` has its file uploads inspected, not tunnelled unread. The
//! catalogue's upload hosts of a service that is not registered are answered "not approved".

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
    /// Hosts that receive the service's file uploads (bodies inspected as files; the path
    /// prefixes do not apply to them).
    pub upload_hosts: Vec<HostPattern>,
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
    /// An upload host of a registered service (index into the register): intercept and
    /// inspect the body as a file, on any path.
    Upload(usize),
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
    /// Every host and upload host of the register: pattern, service, whether an upload host.
    registered: Vec<(HostPattern, usize, bool)>,
    /// Upload hosts of known services that a registered service covers: pattern, service.
    inherited: Vec<(HostPattern, usize)>,
    /// Hosts and upload hosts of the catalogue: pattern, known service.
    known_patterns: Vec<(HostPattern, usize)>,
}

impl Register {
    /// Builds the lookup from the register and the catalogue.
    pub fn new(services: Vec<Service>, known: Vec<KnownService>) -> Register {
        let registered: Vec<(HostPattern, usize, bool)> = services
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                let hosts = s.hosts.iter().map(move |h| (h.clone(), i, false));
                hosts.chain(s.upload_hosts.iter().map(move |h| (h.clone(), i, true)))
            })
            .collect();
        let inherited = known
            .iter()
            .filter_map(|k| Some((k, covering(&registered, k)?)))
            .flat_map(|(k, i)| {
                k.upload_hosts
                    .iter()
                    .map(move |h| (HostPattern::parse(h), i))
            })
            .collect();
        let known_patterns = known
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                let all = s.hosts.iter().chain(&s.upload_hosts);
                all.map(move |h| (HostPattern::parse(h), i))
            })
            .collect();
        Register {
            services,
            known,
            registered,
            inherited,
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

    /// The upload hosts of registered service `index`: its own, then those it has from the
    /// catalogue.
    pub fn upload_hosts(&self, index: usize) -> Vec<HostPattern> {
        let own = self.services.get(index).map(|s| s.upload_hosts.iter());
        let inherited = self.inherited.iter().filter(|(_, i)| *i == index);
        let mut hosts: Vec<HostPattern> = own.into_iter().flatten().cloned().collect();
        for (pattern, _) in inherited {
            if !hosts.contains(pattern) {
                hosts.push(pattern.clone());
            }
        }
        hosts
    }

    /// Every upload host of the catalogue (for the PAC file).
    pub fn known_upload_hosts(&self) -> impl Iterator<Item = HostPattern> + '_ {
        self.known
            .iter()
            .flat_map(|k| k.upload_hosts.iter().map(|h| HostPattern::parse(h)))
    }

    /// Routes a host (any case, optional trailing dot). The most specific pattern of the
    /// register wins (a service's host over an upload host when equally specific); then the
    /// upload hosts a registered service has from the catalogue; then the catalogue.
    pub fn route(&self, host: &str) -> Route {
        let host = normalize_host(host);
        let best = self
            .registered
            .iter()
            .filter(|(h, _, _)| h.matches(&host))
            .max_by_key(|(h, _, upload)| (h.specificity(), !upload));
        match best {
            Some((_, i, false)) => return Route::Approved(*i),
            Some((_, i, true)) => return Route::Upload(*i),
            None => {}
        }
        if let Some((_, i)) = most_specific(&self.inherited, &host) {
            return Route::Upload(*i);
        }
        most_specific(&self.known_patterns, &host)
            .map_or(Route::Other, |(_, i)| Route::NotApproved(*i))
    }
}

/// The most specific of `patterns` that matches `host`.
fn most_specific<'a>(
    patterns: &'a [(HostPattern, usize)],
    host: &str,
) -> Option<&'a (HostPattern, usize)> {
    patterns
        .iter()
        .filter(|(h, _)| h.matches(host))
        .max_by_key(|(h, _)| h.specificity())
}

/// The registered service that covers a host of `known`, if one does: one of its exact hosts
/// routes to the service's hosts, or one of its `*.suffix` patterns lies inside a registered
/// `*.suffix`.
fn covering(registered: &[(HostPattern, usize, bool)], known: &KnownService) -> Option<usize> {
    let hosts: Vec<(&HostPattern, usize)> = registered
        .iter()
        .filter(|(_, _, upload)| !upload)
        .map(|(h, i, _)| (h, *i))
        .collect();
    known
        .hosts
        .iter()
        .find_map(|h| match HostPattern::parse(h) {
            HostPattern::Exact(name) => hosts
                .iter()
                .filter(|(p, _)| p.matches(&name))
                .max_by_key(|(p, _)| p.specificity())
                .map(|(_, i)| *i),
            HostPattern::Subdomains(suffix) => hosts.iter().find_map(|(p, i)| match p {
                HostPattern::Subdomains(s)
                    if *s == suffix || suffix.ends_with(&format!(".{s}")) =>
                {
                    Some(*i)
                }
                _ => None,
            }),
        })
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
            upload_hosts: Vec::new(),
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
            upload_hosts: Vec::new(),
        }
    }

    fn with_uploads(mut known: KnownService, uploads: &[&str]) -> KnownService {
        known.upload_hosts = uploads.iter().map(|h| h.to_string()).collect();
        known
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

    #[test]
    fn a_services_upload_hosts_route_to_it_as_uploads() {
        let mut kommun = service("Kommunens AI", &["ai.kommun.se"], &["/v1/"]);
        kommun.upload_hosts = vec![
            HostPattern::parse("*.blob.kommun.se"),
            HostPattern::parse("files.kommun.se"),
        ];
        let register = Register::new(vec![kommun], Vec::new());
        assert_eq!(register.route("ai.kommun.se"), Route::Approved(0));
        assert_eq!(register.route("x1.blob.kommun.se"), Route::Upload(0));
        assert_eq!(register.route("Files.Kommun.se."), Route::Upload(0));
        assert_eq!(register.route("blob.kommun.se"), Route::Other);
    }

    #[test]
    fn known_upload_hosts_are_not_approved_until_the_service_is_registered() {
        let chatgpt = with_uploads(
            known("chatgpt", &["chatgpt.com", "*.chatgpt.com"]),
            &["*.oaiusercontent.com"],
        );
        let claude = with_uploads(known("claude", &["claude.ai"]), &["uploads.claude.test"]);
        let catalogue = vec![chatgpt, claude];
        let register = Register::new(Vec::new(), catalogue.clone());
        assert_eq!(
            register.route("sdmntprwestus.oaiusercontent.com"),
            Route::NotApproved(0)
        );
        assert_eq!(register.route("uploads.claude.test"), Route::NotApproved(1));

        // Approving ChatGPT by its main host brings its upload hosts along.
        let approved = service("ChatGPT Edu", &["chatgpt.com"], &[]);
        let register = Register::new(vec![approved], catalogue);
        assert_eq!(
            register.route("sdmntprwestus.oaiusercontent.com"),
            Route::Upload(0)
        );
        assert_eq!(register.route("uploads.claude.test"), Route::NotApproved(1));
        assert_eq!(
            register.upload_hosts(0),
            vec![HostPattern::parse("*.oaiusercontent.com")]
        );
    }

    #[test]
    fn a_registered_wildcard_covers_a_known_wildcard_inside_it() {
        let known = with_uploads(known("x", &["*.chat.x.test"]), &["up.x-files.test"]);
        let register = Register::new(vec![service("X", &["*.x.test"], &[])], vec![known]);
        assert_eq!(register.route("up.x-files.test"), Route::Upload(0));
        let other = with_uploads(
            KnownService {
                id: "y".into(),
                ..known_plain("*.y.test")
            },
            &["up.y-files.test"],
        );
        let register = Register::new(vec![service("X", &["a.y.test"], &[])], vec![other]);
        assert_eq!(
            register.route("up.y-files.test"),
            Route::NotApproved(0),
            "one host under a wildcard is not the whole service"
        );
    }

    fn known_plain(host: &str) -> KnownService {
        known("plain", &[host])
    }

    #[test]
    fn the_more_specific_register_pattern_wins_between_hosts_and_upload_hosts() {
        let wide = service("Bred", &["*.example.se"], &[]);
        let mut files = service("Filer", &["chat.files.se"], &[]);
        files.upload_hosts = vec![HostPattern::parse("up.example.se")];
        let register = Register::new(vec![wide, files], Vec::new());
        assert_eq!(register.route("up.example.se"), Route::Upload(1));
        assert_eq!(register.route("other.example.se"), Route::Approved(0));
    }
}
