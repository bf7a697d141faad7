//! `FileConfig`: the config file exactly as written (serde, unknown keys refused, with spans).
//!
//! Every key is optional; defaults are filled in by validation (`super::validate`), the one
//! place where defaults live.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::policy::PolicyOverrides;

/// The whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// `[proxy]`
    #[serde(default)]
    pub proxy: ProxySection,
    /// `[ca]`
    #[serde(default)]
    pub ca: CaSection,
    /// `[audit]`
    #[serde(default)]
    pub audit: AuditSection,
    /// `[upstream]`
    #[serde(default)]
    pub upstream: UpstreamSection,
    /// `[policy]`: the default policy.
    pub policy: Option<Spanned<PolicyOverrides>>,
    /// `[detection]`
    #[serde(default)]
    pub detection: DetectionSection,
    /// `[admin]`
    #[serde(default)]
    pub admin: AdminSection,
    /// `[limits]`: rate limits per client and per user.
    #[serde(default)]
    pub limits: LimitsSection,
    /// `[support]`: who staff contact about a stop, and the policy.
    #[serde(default)]
    pub support: SupportSection,
    /// `[[service]]`: the register of approved AI services.
    #[serde(default)]
    pub service: Vec<ServiceSection>,
    /// `[register]`: what the published register (`/register`) shows besides the services.
    #[serde(default)]
    pub register: RegisterSection,
}

/// `[register]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterSection {
    /// Show each service's requests per month on `/register` (from the `traffic` records).
    pub publish_counts: Option<bool>,
    /// How many months, the current one included.
    pub months: Option<Spanned<u64>>,
}

/// `[proxy]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProxySection {
    /// Addresses to listen on.
    pub listen: Option<Spanned<Vec<Spanned<String>>>>,
    /// Client networks allowed to use the proxy (CIDR).
    pub allowed_clients: Option<Vec<Spanned<String>>>,
    /// `tunnel` or `deny` for traffic to hosts that are neither registered nor known AI hosts.
    pub other_traffic: Option<Spanned<String>>,
    /// Largest request body inspected, after decoding.
    pub max_body_bytes: Option<Spanned<u64>>,
    /// Most client connections at once.
    pub max_connections: Option<Spanned<u64>>,
    /// Seconds to read a request's headers (slowloris guard).
    pub header_timeout_secs: Option<Spanned<u64>>,
    /// Seconds to finish a client TLS handshake.
    pub handshake_timeout_secs: Option<Spanned<u64>>,
    /// Seconds a kept-alive client connection may sit idle (and a client may pause in a body).
    pub idle_timeout_secs: Option<Spanned<u64>>,
    /// Seconds a new connection may wait before its first request (silent sockets).
    pub first_request_timeout_secs: Option<Spanned<u64>>,
    /// Seconds a tunnel or WebSocket relay may pass no byte in either direction.
    pub tunnel_idle_timeout_secs: Option<Spanned<u64>>,
    /// Bytes of request bodies all requests together may hold in memory for inspection.
    pub body_budget_bytes: Option<Spanned<u64>>,
    /// Seconds a request waits for room in the body budget before it gets 503.
    pub body_budget_wait_secs: Option<Spanned<u64>>,
    /// Most inspections running at once on the blocking pool (default: the number of cores).
    pub max_inspections: Option<Spanned<u64>>,
    /// Milliseconds one inspection (decode, extract, scan) may take before the body is
    /// uninspectable ("too costly").
    pub inspection_budget_ms: Option<Spanned<u64>>,
    /// Destination networks (CIDR) never connected to, besides the built-in ones.
    pub deny_destinations: Option<Vec<Spanned<String>>>,
    /// Destination networks (CIDR) allowed although a built-in or `deny_destinations` range
    /// covers them (the most specific entry wins).
    pub allow_destinations: Option<Vec<Spanned<String>>>,
    /// Header carrying the user name, set by a trusted front (e.g. an authenticating proxy).
    pub user_header: Option<Spanned<String>>,
    /// Public address of the proxy, used in the PAC file (`host:port`).
    pub public_address: Option<Spanned<String>>,
    /// The proxies the PAC file lists, in order (`host:port`; default: `public_address`).
    pub pac_proxies: Option<Spanned<Vec<Spanned<String>>>>,
}

/// `[ca]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaSection {
    /// CA certificate (PEM).
    pub cert: Option<Spanned<String>>,
    /// CA private key (PEM, mode 0600).
    pub key: Option<Spanned<String>>,
    /// Hours a minted leaf certificate is valid.
    pub leaf_validity_hours: Option<Spanned<u64>>,
}

/// `[audit]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditSection {
    /// The JSON Lines file.
    pub path: Option<Spanned<String>>,
    /// Also record allowed requests.
    pub log_allowed: Option<bool>,
    /// Rotate when the file reaches this size.
    pub max_bytes: Option<Spanned<u64>>,
    /// Rotated files to keep.
    pub keep: Option<Spanned<u64>>,
    /// Secret key for the keyed hashes of values (generated on first start, mode 0600).
    pub key_file: Option<Spanned<String>>,
    /// Also send records to syslog (RFC 5424) at this `host:port` (UDP).
    pub syslog: Option<Spanned<String>>,
    /// Ed25519 key (PKCS#8 PEM, mode 0600) that signs checkpoints (generated on first start).
    pub signing_key_file: Option<Spanned<String>>,
    /// Other instances' audit logs (files or state folders) that `sluss logs` and the review
    /// page read together with this one.
    pub other_instances: Option<Vec<Spanned<String>>>,
    /// Longest time between two `traffic` records (request counts per service).
    pub traffic_interval_secs: Option<Spanned<u64>>,
}

/// `[upstream]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpstreamSection {
    /// Extra trusted CA certificates for upstream servers (PEM files).
    pub extra_roots: Option<Vec<Spanned<String>>>,
    /// Fixed addresses: `"host:port" = "ip:port"`.
    pub resolve: Option<BTreeMap<String, Spanned<String>>>,
    /// Seconds to connect to an upstream server.
    pub connect_timeout_secs: Option<Spanned<u64>>,
    /// Seconds to wait for an upstream's response headers.
    pub response_timeout_secs: Option<Spanned<u64>>,
    /// Seconds an upstream response body may send nothing before it is cut off.
    pub body_idle_timeout_secs: Option<Spanned<u64>>,
}

/// `[detection]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetectionSection {
    /// A folder with pattern files to use instead of the built-in ones.
    pub patterns_dir: Option<Spanned<String>>,
}

/// `[admin]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdminSection {
    /// Address of the admin listener (off when absent).
    pub listen: Option<Spanned<String>>,
    /// File holding the bearer token.
    pub token_file: Option<Spanned<String>>,
    /// File holding `user:bcrypt-hash` lines for basic auth.
    pub basic_auth_file: Option<Spanned<String>>,
    /// TLS certificate chain (PEM) for the admin listener.
    pub cert: Option<Spanned<String>>,
    /// TLS private key (PEM, mode 0600) for the admin listener.
    pub key: Option<Spanned<String>>,
}

/// `[limits]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsSection {
    /// Requests to AI services per minute, per client address and per user (0: no limit).
    pub requests_per_minute: Option<Spanned<u64>>,
    /// Stopped requests per hour, per client address and per user, before further requests to
    /// AI services are refused for a while (0: no limit).
    pub stops_per_hour: Option<Spanned<u64>>,
    /// Open connections per client address (0: no limit).
    pub connections_per_client: Option<Spanned<u64>>,
    /// Client networks (CIDR) that many people share (an authenticating proxy in front, a
    /// terminal server): limited per user only, their connections not at all.
    pub shared_clients: Option<Vec<Spanned<String>>>,
}

/// `[support]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupportSection {
    /// Who staff contact about a stop.
    pub contact: Option<Spanned<String>>,
    /// Their e-mail address.
    pub email: Option<Spanned<String>>,
    /// Their telephone number.
    pub phone: Option<Spanned<String>>,
    /// More words for the block pages.
    pub text: Option<Spanned<String>>,
    /// The AI policy's web address.
    pub policy_url: Option<Spanned<String>>,
    /// Who advises on secrecy and confidentiality markings.
    pub secrecy_contact: Option<Spanned<String>>,
}

/// One `[[service]]` entry of the register.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceSection {
    /// Display name.
    pub name: Spanned<String>,
    /// Hosts: exact or `*.suffix`.
    pub hosts: Spanned<Vec<Spanned<String>>>,
    /// Hosts that receive the service's file uploads (exact or `*.suffix`): intercepted, their
    /// bodies inspected as files under the service's policy, on any path.
    pub upload_hosts: Option<Vec<Spanned<String>>>,
    /// Optional path prefixes; other paths on the hosts are not approved.
    pub paths: Option<Vec<Spanned<String>>>,
    /// Responsible unit or person.
    pub owner: Option<String>,
    /// What the service is approved for.
    pub purpose: Option<String>,
    /// Approval date, `YYYY-MM-DD`.
    pub approved: Option<Spanned<String>>,
    /// DPIA reference.
    pub dpia: Option<String>,
    /// Request-body family (`openai`, `anthropic`, …); guessed from the host when absent.
    pub api: Option<Spanned<String>>,
    /// Policy overrides for this service.
    pub policy: Option<Spanned<PolicyOverrides>>,
}
