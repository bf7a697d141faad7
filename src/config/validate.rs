//! `FileConfig → Config`: defaults, checks, and every problem with its line.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use ipnet::IpNet;
use toml::Spanned;

use super::file::{FileConfig, ServiceSection};
use super::register::{HostPattern, Service, normalize_host};
use super::{
    AdminAuth, AdminConfig, AuditConfig, CaConfig, Config, ConfigError, ConfigErrors,
    DEFAULT_STATE_DIR, OtherTraffic, ProxyConfig, RegisterPage, UpstreamConfig, parse_date,
};
use crate::detect::Kind;
use crate::patterns::{ApiFamily, PatternSource, line_of, services::host_problem};
use crate::policy::{Action, PolicyOverrides, ServicePolicy};

/// Collects problems and warnings with their lines.
pub(super) struct Problems<'a> {
    path: &'a str,
    text: &'a str,
    errors: Vec<ConfigError>,
    warnings: Vec<ConfigError>,
}

impl Problems<'_> {
    /// A problem that makes the config invalid.
    pub(super) fn at(&mut self, span: std::ops::Range<usize>, problem: impl Into<String>) {
        let error = self.located(span, problem.into());
        self.errors.push(error);
    }

    /// Something allowed that looks like a mistake (`warning: ` is put before it).
    pub(super) fn warn_at(&mut self, span: std::ops::Range<usize>, problem: impl Into<String>) {
        let warning = self.located(span, format!("warning: {}", problem.into()));
        self.warnings.push(warning);
    }

    fn located(&self, span: std::ops::Range<usize>, problem: String) -> ConfigError {
        let line = if self.text.is_empty() {
            0
        } else {
            line_of(self.text, span.start)
        };
        ConfigError {
            path: self.path.to_string(),
            line,
            problem,
        }
    }
}

fn state(file: &str) -> PathBuf {
    PathBuf::from(DEFAULT_STATE_DIR).join(file)
}

fn path_or(value: &Option<Spanned<String>>, default: PathBuf) -> PathBuf {
    value
        .as_ref()
        .map_or(default, |v| PathBuf::from(v.get_ref()))
}

fn secs(value: &Option<Spanned<u64>>, default: u64, p: &mut Problems<'_>, name: &str) -> Duration {
    match value {
        Some(v) if *v.get_ref() == 0 || *v.get_ref() > 86_400 => {
            p.at(
                v.span(),
                format!("{name} must be between 1 and 86400 seconds"),
            );
            Duration::from_secs(default)
        }
        Some(v) => Duration::from_secs(*v.get_ref()),
        None => Duration::from_secs(default),
    }
}

/// Validates a parsed file. `path` names it in messages; `text` gives lines for spans.
pub fn validate(file: &FileConfig, path: &str, text: &str) -> Result<Config, ConfigErrors> {
    let mut p = Problems {
        path,
        text,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let proxy = proxy(file, &mut p);
    super::sanity::clients(&file.proxy, &proxy.listen, &mut p);
    let limits = super::limits::limits(&file.limits, &mut p);
    let support = super::support::support(&file.support, &mut p);
    let ca = CaConfig {
        cert: path_or(&file.ca.cert, state("ca.pem")),
        key: path_or(&file.ca.key, state("ca-key.pem")),
        leaf_validity: match &file.ca.leaf_validity_hours {
            Some(h) if !(1..=24 * 90).contains(h.get_ref()) => {
                p.at(h.span(), "leaf_validity_hours must be between 1 and 2160");
                Duration::from_secs(24 * 3600)
            }
            Some(h) => Duration::from_secs(h.get_ref() * 3600),
            None => Duration::from_secs(24 * 3600),
        },
    };
    let audit = audit(file, &mut p);
    let upstream = upstream(file, &mut p);
    let policy = match &file.policy {
        Some(o) => policy(&ServicePolicy::default(), o.get_ref(), o.span(), &mut p),
        None => ServicePolicy::default(),
    };
    let patterns = match &file.detection.patterns_dir {
        Some(dir) => {
            if !std::path::Path::new(dir.get_ref()).is_dir() {
                p.at(
                    dir.span(),
                    format!("patterns_dir `{}` is not a folder", dir.get_ref()),
                );
            }
            PatternSource::Dir(PathBuf::from(dir.get_ref()))
        }
        None => PatternSource::Embedded,
    };
    let admin = admin(file, &mut p);
    let services = services(&file.service, &policy, &mut p);
    if p.errors.is_empty() {
        Ok(Config {
            source: None,
            proxy,
            ca,
            audit,
            upstream,
            policy,
            patterns,
            admin,
            services,
            limits,
            support,
            register_page: register_page(file, &mut p),
            warnings: {
                p.warnings.sort_by_key(|w| w.line);
                p.warnings
            },
        })
    } else {
        // In the order of the file, whichever check found them.
        p.errors.sort_by_key(|e| e.line);
        Err(crate::located::LocatedErrors(p.errors))
    }
}

fn proxy(file: &FileConfig, p: &mut Problems<'_>) -> ProxyConfig {
    let s = &file.proxy;
    let listen: Vec<SocketAddr> = match &s.listen {
        None => vec![SocketAddr::from(([127, 0, 0, 1], 3128))],
        Some(list) if list.get_ref().is_empty() => {
            p.at(list.span(), "proxy.listen must name at least one address");
            Vec::new()
        }
        Some(list) => list
            .get_ref()
            .iter()
            .filter_map(|a| {
                a.get_ref()
                    .parse()
                    .map_err(|_| {
                        p.at(
                            a.span(),
                            format!("listen address `{}` is not ip:port", a.get_ref()),
                        )
                    })
                    .ok()
            })
            .collect(),
    };
    let allowed_clients = match &s.allowed_clients {
        None => ["127.0.0.0/8", "::1/128"]
            .iter()
            .filter_map(|n| n.parse().ok())
            .collect(),
        Some(list) => networks(list, "allowed_clients", p),
    };
    let other_traffic = match &s.other_traffic {
        None => OtherTraffic::Tunnel,
        Some(v) => match v.get_ref().as_str() {
            "tunnel" => OtherTraffic::Tunnel,
            "deny" => OtherTraffic::Deny,
            other => {
                p.at(
                    v.span(),
                    format!("other_traffic must be \"tunnel\" or \"deny\", not `{other}`"),
                );
                OtherTraffic::Tunnel
            }
        },
    };
    let max_body_bytes = match &s.max_body_bytes {
        Some(v) if *v.get_ref() < 1024 || *v.get_ref() > 1 << 30 => {
            p.at(
                v.span(),
                "max_body_bytes must be between 1024 and 1073741824",
            );
            10 << 20
        }
        Some(v) => *v.get_ref() as usize,
        None => 10 << 20,
    };
    let max_connections = match &s.max_connections {
        Some(v) if *v.get_ref() == 0 => {
            p.at(v.span(), "max_connections must be at least 1");
            10_000
        }
        Some(v) => *v.get_ref() as usize,
        None => 10_000,
    };
    let user_header = s.user_header.as_ref().and_then(|h| {
        let name = h.get_ref().to_ascii_lowercase();
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if valid {
            Some(name)
        } else {
            p.at(
                h.span(),
                format!("user_header `{}` is not a header name", h.get_ref()),
            );
            None
        }
    });
    let public_address = match &s.public_address {
        Some(a) => a.get_ref().clone(),
        None => listen
            .first()
            .map_or_else(|| "127.0.0.1:3128".into(), |a| a.to_string()),
    };
    let pac_proxies = super::proxies::pac_proxies(s.pac_proxies.as_ref(), &public_address, p);
    ProxyConfig {
        listen,
        allowed_clients,
        other_traffic,
        max_body_bytes,
        max_connections,
        header_timeout: secs(&s.header_timeout_secs, 30, p, "header_timeout_secs"),
        handshake_timeout: secs(&s.handshake_timeout_secs, 10, p, "handshake_timeout_secs"),
        idle_timeout: secs(&s.idle_timeout_secs, 90, p, "idle_timeout_secs"),
        first_request_timeout: secs(
            &s.first_request_timeout_secs,
            10,
            p,
            "first_request_timeout_secs",
        ),
        tunnel_idle_timeout: secs(
            &s.tunnel_idle_timeout_secs,
            300,
            p,
            "tunnel_idle_timeout_secs",
        ),
        body_budget_bytes: body_budget(s, max_body_bytes, p),
        body_budget_wait: secs(&s.body_budget_wait_secs, 5, p, "body_budget_wait_secs"),
        max_inspections: s.max_inspections.as_ref().and_then(|v| {
            if (1..=1024).contains(v.get_ref()) {
                Some(*v.get_ref() as usize)
            } else {
                p.at(v.span(), "max_inspections must be between 1 and 1024");
                None
            }
        }),
        inspection_budget: match &s.inspection_budget_ms {
            Some(v) if !(10..=600_000).contains(v.get_ref()) => {
                p.at(
                    v.span(),
                    "inspection_budget_ms must be between 10 and 600000 milliseconds",
                );
                Duration::from_secs(2)
            }
            Some(v) => Duration::from_millis(*v.get_ref()),
            None => Duration::from_secs(2),
        },
        deny_destinations: networks(
            s.deny_destinations.as_deref().unwrap_or_default(),
            "deny_destinations",
            p,
        ),
        allow_destinations: networks(
            s.allow_destinations.as_deref().unwrap_or_default(),
            "allow_destinations",
            p,
        ),
        user_header,
        public_address,
        pac_proxies,
    }
}

/// CIDR networks (a bare address counts as a /32 or /128), each bad entry reported.
pub(super) fn networks(list: &[Spanned<String>], key: &str, p: &mut Problems<'_>) -> Vec<IpNet> {
    list.iter()
        .filter_map(|c| {
            let v = c.get_ref().trim();
            v.parse::<IpNet>()
                .or_else(|_| v.parse::<std::net::IpAddr>().map(IpNet::from))
                .map_err(|_| {
                    p.at(
                        c.span(),
                        format!("{key} entry `{v}` is not a CIDR network (e.g. 10.0.0.0/8)"),
                    )
                })
                .ok()
        })
        .collect()
}

/// The body budget: 256 MiB by default, never below one body of `max_body_bytes`.
fn body_budget(
    s: &super::file::ProxySection,
    max_body_bytes: usize,
    p: &mut Problems<'_>,
) -> usize {
    let default = (256usize << 20).max(max_body_bytes);
    match &s.body_budget_bytes {
        Some(v) if (*v.get_ref() as usize) < max_body_bytes || *v.get_ref() > 1 << 40 => {
            p.at(
                v.span(),
                format!(
                    "body_budget_bytes must be at least max_body_bytes ({max_body_bytes}) and at most 1099511627776"
                ),
            );
            default
        }
        Some(v) => *v.get_ref() as usize,
        None => default,
    }
}

fn audit(file: &FileConfig, p: &mut Problems<'_>) -> AuditConfig {
    let s = &file.audit;
    AuditConfig {
        path: path_or(&s.path, state("audit.jsonl")),
        log_allowed: s.log_allowed.unwrap_or(false),
        max_bytes: match &s.max_bytes {
            Some(v) if *v.get_ref() < 4096 => {
                p.at(v.span(), "max_bytes must be at least 4096");
                100 << 20
            }
            Some(v) => *v.get_ref(),
            None => 100 << 20,
        },
        keep: match &s.keep {
            Some(v) if *v.get_ref() > 10_000 => {
                p.at(v.span(), "keep must be at most 10000");
                10
            }
            Some(v) => *v.get_ref() as usize,
            None => 10,
        },
        key_file: path_or(&s.key_file, state("audit-key")),
        // Beside the audit key unless set: both are kept apart from the log.
        signing_key_file: path_or(
            &s.signing_key_file,
            path_or(&s.key_file, state("audit-key")).with_file_name("audit-signing-key"),
        ),
        other_instances: s
            .other_instances
            .iter()
            .flatten()
            .map(|p| PathBuf::from(p.get_ref()))
            .collect(),
        traffic_interval: secs(&s.traffic_interval_secs, 900, p, "traffic_interval_secs"),
        syslog: s.syslog.as_ref().and_then(|v| {
            v.get_ref()
                .parse()
                .map_err(|_| p.at(v.span(), format!("syslog `{}` is not ip:port", v.get_ref())))
                .ok()
        }),
    }
}

fn register_page(file: &FileConfig, p: &mut Problems<'_>) -> RegisterPage {
    let s = &file.register;
    RegisterPage {
        publish_counts: s.publish_counts.unwrap_or(false),
        months: match &s.months {
            Some(v) if !(1..=36).contains(v.get_ref()) => {
                p.at(v.span(), "months must be between 1 and 36");
                6
            }
            Some(v) => *v.get_ref() as usize,
            None => 6,
        },
    }
}

fn upstream(file: &FileConfig, p: &mut Problems<'_>) -> UpstreamConfig {
    let s = &file.upstream;
    let extra_roots = s
        .extra_roots
        .iter()
        .flatten()
        .map(|r| {
            if !std::path::Path::new(r.get_ref()).is_file() {
                p.at(
                    r.span(),
                    format!("extra_roots file `{}` does not exist", r.get_ref()),
                );
            }
            PathBuf::from(r.get_ref())
        })
        .collect();
    let mut resolve = HashMap::new();
    for (key, value) in s.resolve.iter().flatten() {
        let key_ok = key
            .rsplit_once(':')
            .is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok());
        if !key_ok {
            p.at(
                value.span(),
                format!("resolve key `{key}` must be host:port"),
            );
            continue;
        }
        match value.get_ref().parse::<SocketAddr>() {
            Ok(addr) => {
                resolve.insert(normalize_host(key), addr);
            }
            Err(_) => p.at(
                value.span(),
                format!("resolve target `{}` is not ip:port", value.get_ref()),
            ),
        }
    }
    UpstreamConfig {
        extra_roots,
        resolve,
        connect_timeout: secs(&s.connect_timeout_secs, 10, p, "connect_timeout_secs"),
        response_timeout: secs(&s.response_timeout_secs, 300, p, "response_timeout_secs"),
        body_idle_timeout: secs(&s.body_idle_timeout_secs, 300, p, "body_idle_timeout_secs"),
    }
}

fn admin(file: &FileConfig, p: &mut Problems<'_>) -> Option<AdminConfig> {
    let s = &file.admin;
    let listen = s.listen.as_ref()?;
    let addr = listen
        .get_ref()
        .parse::<SocketAddr>()
        .map_err(|_| {
            p.at(
                listen.span(),
                format!("admin listen `{}` is not ip:port", listen.get_ref()),
            )
        })
        .ok()?;
    let auth = match (&s.token_file, &s.basic_auth_file) {
        (Some(t), None) => AdminAuth::Token(PathBuf::from(t.get_ref())),
        (None, Some(b)) => AdminAuth::Basic(PathBuf::from(b.get_ref())),
        (Some(t), Some(_)) => {
            p.at(
                t.span(),
                "set either token_file or basic_auth_file, not both",
            );
            return None;
        }
        (None, None) => {
            p.at(
                listen.span(),
                "the admin listener needs token_file or basic_auth_file (it is never open)",
            );
            return None;
        }
    };
    let tls = match (&s.cert, &s.key) {
        (Some(cert), Some(key)) => {
            Some((PathBuf::from(cert.get_ref()), PathBuf::from(key.get_ref())))
        }
        (None, None) => None,
        (Some(v), None) | (None, Some(v)) => {
            p.at(
                v.span(),
                "set both cert and key for TLS on the admin listener",
            );
            None
        }
    };
    Some(AdminConfig {
        listen: addr,
        auth,
        tls,
    })
}

fn policy(
    base: &ServicePolicy,
    overrides: &PolicyOverrides,
    span: std::ops::Range<usize>,
    p: &mut Problems<'_>,
) -> ServicePolicy {
    if overrides.confidentiality_marker == Some(Action::Redact) {
        p.at(span.clone(), "confidentiality_marker cannot be \"redact\": removing a marking does not remove the confidential content (use \"block\" or \"allow\")");
    }
    if overrides.internal_material == Some(Action::Redact) {
        p.at(span.clone(), "internal_material cannot be \"redact\": removing a label does not remove the internal content (use \"block\" or \"allow\")");
    }
    if overrides.uninspectable == Some(Action::Warn) {
        p.at(span.clone(), "uninspectable cannot be \"warn\": a body sluss cannot read cannot be justified by what it holds (use \"block\" or \"allow\")");
    }
    if overrides.uninspectable == Some(Action::Redact) {
        p.at(span.clone(), "uninspectable cannot be \"redact\": there is nothing to redact in a body that cannot be read");
    }
    for name in overrides.identifiers.iter().flatten() {
        if Kind::parse(name).is_none_or(|k| {
            matches!(
                k,
                Kind::Sensitive(_) | Kind::ConfidentialityMarker | Kind::InternalMaterial
            )
        }) {
            p.at(span.clone(), format!("identifiers: `{name}` is not an identifier kind (personnummer, samordningsnummer, person_name, phone, email, address, iban, bankgiro, payment_card)"));
        }
    }
    base.with(overrides)
}

fn services(
    sections: &[ServiceSection],
    default: &ServicePolicy,
    p: &mut Problems<'_>,
) -> Vec<Service> {
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut hosts: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    for s in sections {
        let name = s.name.get_ref().trim().to_string();
        if name.is_empty() {
            p.at(s.name.span(), "a service needs a name");
        } else if names.insert(name.to_lowercase(), out.len()).is_some() {
            p.at(s.name.span(), format!("service `{name}` is defined twice"));
        }
        if s.hosts.get_ref().is_empty() {
            p.at(s.hosts.span(), format!("service `{name}` lists no hosts"));
        }
        let patterns = host_patterns(s.hosts.get_ref(), &name, &mut hosts, p);
        let upload_hosts = host_patterns(s.upload_hosts.iter().flatten(), &name, &mut hosts, p);
        let paths = s
            .paths
            .iter()
            .flatten()
            .filter_map(|path| {
                if path.get_ref().starts_with('/') {
                    Some(path.get_ref().clone())
                } else {
                    p.at(
                        path.span(),
                        format!("path `{}` must start with '/'", path.get_ref()),
                    );
                    None
                }
            })
            .collect();
        let approved = s.approved.as_ref().and_then(|d| {
            parse_date(d.get_ref()).or_else(|| {
                p.at(
                    d.span(),
                    format!("approved `{}` is not a date (YYYY-MM-DD)", d.get_ref()),
                );
                None
            })
        });
        let api = match &s.api {
            Some(a) => match serde::Deserialize::deserialize(serde::de::value::StrDeserializer::<
                serde::de::value::Error,
            >::new(a.get_ref()))
            {
                Ok(api) => api,
                Err(_) => {
                    p.at(a.span(), format!("api `{}` is not one of openai, anthropic, gemini, azure_openai, mistral, cohere, ollama, generic", a.get_ref()));
                    ApiFamily::Generic
                }
            },
            None => guess_api(&patterns),
        };
        let policy = match &s.policy {
            Some(o) => policy(default, o.get_ref(), o.span(), p),
            None => default.clone(),
        };
        out.push(Service {
            name,
            hosts: patterns,
            upload_hosts,
            paths,
            owner: s.owner.clone(),
            purpose: s.purpose.clone(),
            approved,
            dpia: s.dpia.clone(),
            api,
            policy,
        });
    }
    out
}

/// Checks the host patterns of service `name` (its `hosts` or `upload_hosts`); `seen` maps every
/// host of the register so far to its service (a host belongs to one service, as a host or an
/// upload host).
fn host_patterns<'a>(
    list: impl IntoIterator<Item = &'a Spanned<String>>,
    name: &str,
    seen: &mut HashMap<String, String>,
    p: &mut Problems<'_>,
) -> Vec<HostPattern> {
    let mut patterns = Vec::new();
    for h in list {
        let host = h.get_ref();
        if let Some(reason) = host_problem(host) {
            p.at(h.span(), format!("host `{host}`: {reason}"));
            continue;
        }
        super::sanity::registered_host(host, h.span(), p);
        if let Some(other) = seen.insert(host.clone(), name.to_string()) {
            p.at(
                h.span(),
                format!("host `{host}` is already registered for `{other}`"),
            );
        }
        patterns.push(HostPattern::parse(host));
    }
    patterns
}

/// The body family for well-known hosts; `generic` (every string scanned) otherwise.
fn guess_api(hosts: &[HostPattern]) -> ApiFamily {
    let text: Vec<String> = hosts.iter().map(|h| h.to_string()).collect();
    let any = |needle: &str| text.iter().any(|h| h.contains(needle));
    if any("openai.azure.com") || any("cognitiveservices.azure.com") {
        ApiFamily::AzureOpenai
    } else if any("anthropic") {
        ApiFamily::Anthropic
    } else if any("googleapis.com") {
        ApiFamily::Gemini
    } else if any("mistral.ai") {
        ApiFamily::Mistral
    } else if any("cohere") {
        ApiFamily::Cohere
    } else if any("openai.com") {
        ApiFamily::Openai
    } else {
        ApiFamily::Generic
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Config, parse};

    #[test]
    fn built_in_defaults_validate() {
        let c = Config::defaults();
        assert_eq!(c.proxy.listen[0].to_string(), "127.0.0.1:3128");
        assert!(c.ca.cert.ends_with("ca.pem"));
        assert!(c.services.is_empty());
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let text = "\
[proxy]
listen = [\"nonsense\"]
other_traffic = \"maybe\"

[[service]]
name = \"A\"
hosts = [\"API.example.se\", \"*.ok.se\"]
approved = \"2026-13-01\"
policy = { confidentiality_marker = \"redact\" }
";
        let errors = parse(text, "sluss.toml")
            .err()
            .map(|e| e.0)
            .unwrap_or_default();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3, 7, 8, 9], "{errors:?}");
        assert!(errors.iter().all(|e| e.path == "sluss.toml"));
    }

    #[test]
    fn limits_are_checked_with_their_lines() {
        let text = "\
[proxy]
max_body_bytes = 20000
body_budget_bytes = 10000
first_request_timeout_secs = 0
max_inspections = 0
allow_destinations = [\"127.0.0.1/32\"]
";
        let errors = parse(text, "x.toml").err().map(|e| e.0).unwrap_or_default();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5], "{errors:?}");
        let ok = parse("[proxy]\nallow_destinations = [\"127.0.0.1\"]\n", "x.toml");
        let nets = ok.map(|c| c.proxy.allow_destinations).unwrap_or_default();
        assert_eq!(nets.len(), 1, "a bare address is a /32");
    }

    #[test]
    fn unknown_keys_are_refused_with_their_line() {
        let errors = parse(
            "[proxy]\nlisten = [\"127.0.0.1:1\"]\nlistne = 1\n",
            "x.toml",
        )
        .err()
        .map(|e| e.0)
        .unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 3);
    }

    #[test]
    fn service_policy_overrides_the_default() {
        let text = "\
[policy]
sensitive_with_identifier = \"redact\"

[[service]]
name = \"Kommunens Azure OpenAI\"
hosts = [\"kommun.openai.azure.com\"]
policy = { personnummer = \"redact\" }
";
        let c = parse(text, "x").unwrap_or_else(|e| unreachable!("{e}"));
        let s = &c.services[0];
        assert_eq!(s.policy.personnummer, crate::policy::Action::Redact);
        assert_eq!(
            s.policy.sensitive_with_identifier,
            crate::policy::Action::Redact
        );
        assert_eq!(s.api, crate::patterns::ApiFamily::AzureOpenai);
    }

    #[test]
    fn upload_hosts_are_checked_with_their_lines() {
        let text = "\
[[service]]
name = \"A\"
hosts = [\"a.example.se\"]
upload_hosts = [
  \"*.blob.example.se\",
  \"https://files.example.se\",
  \"a.example.se\",
]
";
        let errors = parse(text, "sluss.toml")
            .err()
            .map(|e| e.0)
            .unwrap_or_default();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![6, 7], "{errors:?}");
        assert!(errors[1].problem.contains("already registered for `A`"));
        let ok = parse(
            "[[service]]\nname = \"A\"\nhosts = [\"a.se\"]\nupload_hosts = [\"*.blob.a.se\"]\n",
            "x",
        )
        .unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(ok.services[0].upload_hosts.len(), 1);
    }
}
