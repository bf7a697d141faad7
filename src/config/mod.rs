//! Configuration: `file → FileConfig → validate → Config`.
//!
//! [`load`] reads a TOML file into [`file::FileConfig`] (serde with spans, unknown keys
//! refused), and [`validate`] turns it into the runtime [`Config`], collecting **every**
//! problem with its file and line. Defaults live in `validate` only.

pub mod file;
mod limits;
mod proxies;
pub mod register;
mod sanity;
mod support;
mod validate;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use ipnet::IpNet;

pub use limits::{CONNECTIONS_PER_CLIENT, LimitsConfig, REQUESTS_PER_MINUTE, STOPS_PER_HOUR};
pub use register::{HostPattern, Register, Route, Service};
pub use sanity::{public_suffix_wildcard, shared_tenants};
pub use support::SupportConfig;
pub use validate::validate;

use crate::detect::Date;
use crate::patterns::PatternSource;
use crate::policy::ServicePolicy;

/// The config file in the working directory, used when it exists and neither `--config`,
/// `$SLUSS_CONFIG` nor [`SYSTEM_CONFIG_PATH`] names one.
pub const DEFAULT_CONFIG_PATH: &str = "config/sluss.toml";
/// The system-wide config file (the package installs it), used when it exists and neither
/// `--config` nor `$SLUSS_CONFIG` names a file.
pub const SYSTEM_CONFIG_PATH: &str = "/etc/sluss/sluss.toml";
/// The environment variable that names the config file when `--config` is not given.
pub const CONFIG_ENV: &str = "SLUSS_CONFIG";
/// The default state folder.
pub const DEFAULT_STATE_DIR: &str = "sluss-data";

/// A problem in the config, with its file and line.
pub type ConfigError = crate::located::LocatedError;

/// Every problem found in a config.
pub type ConfigErrors = crate::located::LocatedErrors;

/// What to do with traffic to hosts that are neither registered nor known AI hosts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OtherTraffic {
    /// Pass CONNECT tunnels through untouched (no interception), forward plain HTTP.
    Tunnel,
    /// Refuse it.
    Deny,
}

/// `[proxy]`, validated.
#[derive(Clone, Debug)]
pub struct ProxyConfig {
    /// Listen addresses.
    pub listen: Vec<SocketAddr>,
    /// Client networks allowed to use the proxy.
    pub allowed_clients: Vec<IpNet>,
    /// Other traffic.
    pub other_traffic: OtherTraffic,
    /// Largest decoded request body inspected.
    pub max_body_bytes: usize,
    /// Most client connections at once.
    pub max_connections: usize,
    /// Time to read request headers.
    pub header_timeout: Duration,
    /// Time to finish a client TLS handshake.
    pub handshake_timeout: Duration,
    /// Idle time of a kept-alive client connection (and the longest pause inside a body).
    pub idle_timeout: Duration,
    /// Time a new connection gets to start its first request.
    pub first_request_timeout: Duration,
    /// Idle time of a tunnel or WebSocket relay.
    pub tunnel_idle_timeout: Duration,
    /// Bytes of request bodies held for inspection by all requests together.
    pub body_budget_bytes: usize,
    /// How long a request waits for room in the body budget.
    pub body_budget_wait: Duration,
    /// Most inspections at once on the blocking pool (`None`: the number of cores).
    pub max_inspections: Option<usize>,
    /// Longest time one inspection may take.
    pub inspection_budget: Duration,
    /// Destination networks refused besides the built-in ones.
    pub deny_destinations: Vec<IpNet>,
    /// Destination networks allowed although a less specific refused range covers them.
    pub allow_destinations: Vec<IpNet>,
    /// Trusted header naming the user, if any.
    pub user_header: Option<String>,
    /// Address clients use to reach the proxy (links on its pages; the PAC file's proxy unless
    /// `pac_proxies` is set).
    pub public_address: String,
    /// The proxies the PAC file lists, in order (at least one: `public_address` by default).
    pub pac_proxies: Vec<String>,
}

/// `[ca]`, validated.
#[derive(Clone, Debug)]
pub struct CaConfig {
    /// CA certificate path.
    pub cert: PathBuf,
    /// CA key path.
    pub key: PathBuf,
    /// Lifetime of minted leaf certificates.
    pub leaf_validity: Duration,
}

/// `[audit]`, validated.
#[derive(Clone, Debug)]
pub struct AuditConfig {
    /// The JSON Lines file.
    pub path: PathBuf,
    /// Record allowed requests too.
    pub log_allowed: bool,
    /// Rotation size.
    pub max_bytes: u64,
    /// Rotated files kept.
    pub keep: usize,
    /// Key file for keyed hashes.
    pub key_file: PathBuf,
    /// Syslog destination, if any.
    pub syslog: Option<SocketAddr>,
    /// Key that signs checkpoints of the audit chain (its public key is `<file>.pub`).
    pub signing_key_file: PathBuf,
    /// Other instances' audit logs (files, or folders holding `audit.jsonl`), read together
    /// with this one by `sluss logs` and the review page, each verified on its own.
    pub other_instances: Vec<PathBuf>,
    /// Longest time between two `traffic` records (see [`crate::audit::traffic`]).
    pub traffic_interval: Duration,
}

/// `[register]`, validated: what `/register` publishes besides the services.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisterPage {
    /// Show requests per service and month (from the `traffic` records).
    pub publish_counts: bool,
    /// Months shown, the current one included.
    pub months: usize,
}

/// `[upstream]`, validated.
#[derive(Clone, Debug)]
pub struct UpstreamConfig {
    /// Extra trusted CA files.
    pub extra_roots: Vec<PathBuf>,
    /// Fixed addresses, keyed by lower-case `host:port`.
    pub resolve: HashMap<String, SocketAddr>,
    /// Connect timeout.
    pub connect_timeout: Duration,
    /// Time to wait for response headers.
    pub response_timeout: Duration,
    /// Longest pause between two parts of a response body.
    pub body_idle_timeout: Duration,
}

/// How the admin listener checks callers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AdminAuth {
    /// `Authorization: Bearer <token>`, the token read from this file.
    Token(PathBuf),
    /// Basic auth, `user:bcrypt-hash` lines read from this file.
    Basic(PathBuf),
}

/// `[admin]`, validated (present only when `listen` is set).
#[derive(Clone, Debug)]
pub struct AdminConfig {
    /// Listen address.
    pub listen: SocketAddr,
    /// Authentication.
    pub auth: AdminAuth,
    /// TLS certificate chain and key (PEM files), if the listener speaks HTTPS.
    pub tls: Option<(PathBuf, PathBuf)>,
}

/// The validated runtime configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// The file it came from (`None` for built-in defaults).
    pub source: Option<PathBuf>,
    /// Proxy settings.
    pub proxy: ProxyConfig,
    /// Interception CA.
    pub ca: CaConfig,
    /// Audit log.
    pub audit: AuditConfig,
    /// Upstream connections.
    pub upstream: UpstreamConfig,
    /// The default policy.
    pub policy: ServicePolicy,
    /// Where pattern files come from.
    pub patterns: PatternSource,
    /// Admin listener.
    pub admin: Option<AdminConfig>,
    /// The register of approved services.
    pub services: Vec<Service>,
    /// Rate limits.
    pub limits: LimitsConfig,
    /// Who staff contact about a stop, and the policy (block pages).
    pub support: SupportConfig,
    /// What `/register` publishes besides the services.
    pub register_page: RegisterPage,
    /// What is allowed but looks like a mistake (`problem` starts with `warning:`): printed by
    /// `sluss check`, logged at start and on reload.
    pub warnings: Vec<ConfigError>,
}

impl Config {
    /// The built-in defaults (SPEC.md): listen 127.0.0.1:3128, state in `./sluss-data/`.
    pub fn defaults() -> Config {
        match validate(&file::FileConfig::default(), "<built-in defaults>", "") {
            Ok(config) => config,
            // The defaults are constants; a test checks they validate.
            Err(e) => unreachable!("built-in defaults are invalid: {e}"),
        }
    }

    /// The policy for service `index` of the register, or the default policy.
    pub fn policy_for(&self, service: Option<usize>) -> &ServicePolicy {
        service
            .and_then(|i| self.services.get(i))
            .map_or(&self.policy, |s| &s.policy)
    }

    /// Finds a registered service by name (case-insensitive).
    pub fn service_named(&self, name: &str) -> Option<usize> {
        self.services
            .iter()
            .position(|s| s.name.eq_ignore_ascii_case(name))
    }
}

/// Reads and validates the config file at `path`.
pub fn load(path: &Path) -> Result<Config, ConfigErrors> {
    let display = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        crate::located::LocatedErrors(vec![ConfigError {
            path: display.clone(),
            line: 0,
            problem: format!("cannot read the config file: {e}"),
        }])
    })?;
    let mut config = parse(&text, &display)?;
    config.source = Some(path.to_path_buf());
    Ok(config)
}

/// Parses and validates config text; `display` names it in messages.
pub fn parse(text: &str, display: &str) -> Result<Config, ConfigErrors> {
    let file: file::FileConfig = toml::from_str(text).map_err(|e| {
        crate::located::LocatedErrors(vec![ConfigError {
            path: display.to_string(),
            line: e
                .span()
                .map_or(0, |s| crate::patterns::line_of(text, s.start)),
            problem: e.message().trim().to_string(),
        }])
    })?;
    validate(&file, display, text)
}

/// Loads `explicit` if given (`--config FILE`, or `$SLUSS_CONFIG`, which the command line
/// reads), else the first of [`SYSTEM_CONFIG_PATH`] and [`DEFAULT_CONFIG_PATH`] that exists,
/// else the built-in defaults.
pub fn load_or_default(explicit: Option<&Path>) -> Result<Config, ConfigErrors> {
    match explicit.or_else(|| first_existing(&[SYSTEM_CONFIG_PATH, DEFAULT_CONFIG_PATH])) {
        Some(path) => load(path),
        None => Ok(Config::defaults()),
    }
}

/// The first of `candidates` that exists: where the config comes from without `--config`.
pub fn first_existing<'a>(candidates: &[&'a str]) -> Option<&'a Path> {
    candidates
        .iter()
        .map(|path| Path::new(*path))
        .find(|path| path.exists())
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<Date> {
    let mut parts = s.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_existing_config_file_wins() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let (system, local) = (dir.path().join("etc.toml"), dir.path().join("local.toml"));
        let (system_s, local_s) = (system.to_string_lossy(), local.to_string_lossy());
        let candidates = [system_s.as_ref(), local_s.as_ref()];
        assert_eq!(first_existing(&candidates), None);
        std::fs::write(&local, "")?;
        assert_eq!(first_existing(&candidates), Some(local.as_path()));
        std::fs::write(&system, "")?;
        assert_eq!(first_existing(&candidates), Some(system.as_path()));
        Ok(())
    }
}
