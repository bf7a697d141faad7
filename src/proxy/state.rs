//! What every connection shares: the runtime built from the config (swapped whole on reload),
//! the CA and its leaf cache, the audit log and the metrics.

use std::path::Path;
use std::sync::Arc;

use arc_swap::ArcSwap;
use tokio::sync::Semaphore;

use super::activity::Connections;
use super::destination::{Destinations, OwnSockets};
use super::ratelimit::RateLimits;
use super::recent::Recent;
use super::upstream::{self, Connector, UpstreamClient};
use crate::audit::{AuditKey, AuditLog, AuditWriter, Signer, Syslog};
use crate::body::Limits;
use crate::config::{Config, Register};
use crate::detect::Detectors;
use crate::inspect;
use crate::metrics::Metrics;
use crate::patterns::Patterns;
use crate::tls::{Ca, LeafCache, NameScope};

/// Why sluss could not start, or why a reload was refused.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The config is invalid.
    #[error("invalid config:\n{0}")]
    Config(#[from] crate::config::ConfigErrors),
    /// A pattern file is invalid.
    #[error("invalid pattern files:\n{0}")]
    Patterns(crate::patterns::PatternErrors),
    /// The detectors could not be built.
    #[error(transparent)]
    Detectors(#[from] crate::detect::BuildError),
    /// The CA could not be loaded or created.
    #[error(transparent)]
    Ca(#[from] crate::tls::CaError),
    /// The audit log could not be opened.
    #[error(transparent)]
    Audit(#[from] crate::audit::AuditError),
    /// The syslog socket could not be opened.
    #[error("cannot open a socket for syslog {addr}: {source}")]
    Syslog {
        /// The collector.
        addr: std::net::SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// A listener could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address.
        addr: std::net::SocketAddr,
        /// Why.
        source: std::io::Error,
    },
}

/// Everything built from one version of the config.
pub struct Runtime {
    /// The validated config.
    pub config: Config,
    /// The register and the catalogue of known AI services.
    pub register: Register,
    /// The detectors.
    pub detectors: Detectors,
    /// Inspection limits.
    pub limits: Limits,
    /// Opens upstream connections (also used for tunnels).
    pub connector: Connector,
    /// The pooled upstream client.
    pub client: UpstreamClient,
    /// The inspection pipeline ([`inspect::inspect`]; replaceable in tests, for example by
    /// one that panics).
    pub inspector: Inspector,
}

/// The signature of [`inspect::inspect`].
pub type Inspector = fn(
    &Detectors,
    &crate::policy::ServicePolicy,
    &inspect::Request<'_>,
    &Limits,
) -> inspect::Inspection;

impl Runtime {
    /// Builds the runtime from a validated config; `own` are the sockets sluss listens on
    /// (never a destination).
    pub fn build(config: Config, own: Arc<OwnSockets>) -> Result<Runtime, StartError> {
        let patterns = Patterns::load(&config.patterns).map_err(StartError::Patterns)?;
        let detectors = Detectors::build(&patterns)?;
        let register = Register::new(config.services.clone(), patterns.services.clone());
        let tls = crate::tls::upstream::client_config(&config.upstream.extra_roots)?;
        let destinations = Destinations::new(
            config.proxy.deny_destinations.clone(),
            config.proxy.allow_destinations.clone(),
        );
        let connector = Connector::new(
            tls,
            config.upstream.resolve.clone(),
            config.upstream.connect_timeout,
            Arc::new(destinations),
            own,
        );
        let client = upstream::client(connector.clone());
        let limits = Limits {
            max_bytes: config.proxy.max_body_bytes,
            budget: config.proxy.inspection_budget,
            ..Limits::default()
        };
        Ok(Runtime {
            config,
            register,
            detectors,
            limits,
            connector,
            client,
            inspector: inspect::inspect,
        })
    }
}

/// The state every connection shares.
pub struct Shared {
    /// The current runtime; replaced whole on a successful reload.
    pub runtime: ArcSwap<Runtime>,
    /// The interception CA.
    pub ca: Arc<Ca>,
    /// Leaf certificates per host.
    pub leaves: LeafCache,
    /// The audit log (its writer thread; records are written in batches).
    pub audit: AuditLog,
    /// The keyed-hash key of the audit log.
    pub audit_key: AuditKey,
    /// Counters for `/metrics`.
    pub metrics: Metrics,
    /// Open client connections, working or idle.
    pub connections: Connections,
    /// The sockets sluss listens on.
    pub own: Arc<OwnSockets>,
    /// Bytes of request bodies held for inspection, all requests together.
    pub budget: Arc<Semaphore>,
    /// Inspections running on the blocking pool.
    pub inspections: Arc<Semaphore>,
    /// Rate limits per client and per user, and their state.
    pub rate: Arc<RateLimits>,
    /// Recent stops per person: repeats, notices for the next page load, "Mina stopp".
    pub recent: Recent,
    /// The rate limit on objections to stops, per person.
    pub objections: super::objection::Objections,
    /// Requests held by a `warn` rule, waiting for a justification.
    pub justifications: super::justify::Justifications,
    /// Requests per service and month, for `/register` (see [`super::traffic`]).
    pub published: crate::audit::Monthly,
}

impl Shared {
    /// Loads or creates the CA and the audit key, opens the audit log, builds the runtime.
    /// Returns the state and whether the CA was created now.
    pub fn start(config: Config) -> Result<(Shared, bool), StartError> {
        log_warnings(&config);
        let own = Arc::new(OwnSockets::new());
        let runtime = Runtime::build(config, own.clone())?;
        let config = &runtime.config;
        // A CA generated now may sign only for the registered and known AI hosts.
        let scope = NameScope::of_register(&runtime.register);
        let (ca, created) =
            Ca::load_or_generate_within(&config.ca.cert, &config.ca.key, Some(&scope))?;
        warn_outside_scope(&ca, &runtime);
        let ca = Arc::new(ca);
        let leaves = LeafCache::new(ca.clone(), config.ca.leaf_validity, 1000)?;
        let audit_key = AuditKey::load_or_create(&config.audit.key_file)?;
        let mut writer = AuditWriter::open(
            &config.audit.path,
            config.audit.max_bytes,
            config.audit.keep,
            audit_key.chain_key(),
        )?;
        writer.set_checkpoints(
            Signer::load_or_create(&config.audit.signing_key_file)?,
            crate::audit::writer::CHECKPOINT_EVERY,
            crate::audit::writer::CHECKPOINT_INTERVAL,
        );
        let syslog = match config.audit.syslog {
            Some(addr) => Some(Arc::new(
                Syslog::connect(addr).map_err(|source| StartError::Syslog { addr, source })?,
            )),
            None => None,
        };
        let audit = AuditLog::start(writer, syslog)?;
        let rate = Arc::new(RateLimits::new(&config.limits));
        let budget = Arc::new(Semaphore::new(config.proxy.body_budget_bytes));
        let inspections = Arc::new(Semaphore::new(config.proxy.max_inspections.unwrap_or_else(
            || std::thread::available_parallelism().map_or(2, std::num::NonZero::get),
        )));
        Ok((
            Shared {
                runtime: ArcSwap::from_pointee(runtime),
                ca,
                leaves,
                audit,
                audit_key,
                metrics: Metrics::default(),
                connections: Connections::default(),
                own,
                budget,
                inspections,
                rate,
                recent: Recent::default(),
                objections: Default::default(),
                justifications: Default::default(),
                published: Default::default(),
            },
            created,
        ))
    }

    /// Re-reads the config file and swaps the runtime; on any problem the old one keeps running.
    /// Returns the changed settings that take effect only after a restart.
    /// Compiles detectors: call it on the blocking pool, not on an async worker.
    pub fn reload(&self, path: &Path) -> Result<Vec<&'static str>, StartError> {
        let config = crate::config::load(path)?;
        let runtime = Runtime::build(config, self.own.clone())?;
        let restart = needs_restart(&self.runtime.load().config, &runtime.config);
        log_warnings(&runtime.config);
        warn_outside_scope(&self.ca, &runtime);
        self.rate.configure(&runtime.config.limits);
        self.runtime.store(Arc::new(runtime));
        self.metrics.reloads.inc();
        Ok(restart)
    }
}

/// Logs what the config allows but looks like a mistake.
fn log_warnings(config: &Config) {
    for warning in &config.warnings {
        tracing::warn!("config: {warning}");
    }
}

/// Logs each registered host the CA may not sign for: clients would refuse its certificate.
fn warn_outside_scope(ca: &Ca, runtime: &Runtime) {
    let Some(scope) = ca.scope() else {
        return;
    };
    for service in runtime.register.services() {
        for host in service.hosts.iter().map(ToString::to_string) {
            if !scope.covers(&host) {
                tracing::warn!(
                    host = %host, service = %service.name,
                    "the CA is name-constrained and may not sign for this registered host: \
                     clients will refuse its interception. Create a new CA (`sluss ca init \
                     --force --config FILE`) and distribute it (`sluss ca show`)"
                );
            }
        }
    }
}

/// Settings that are read once at start (listeners, CA, audit log, connection limit, admin).
fn needs_restart(old: &Config, new: &Config) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let mut check = |name: &'static str, same: bool| {
        if !same {
            changed.push(name);
        }
    };
    check("proxy.listen", old.proxy.listen == new.proxy.listen);
    check(
        "proxy.max_connections",
        old.proxy.max_connections == new.proxy.max_connections,
    );
    check(
        "proxy.body_budget_bytes",
        old.proxy.body_budget_bytes == new.proxy.body_budget_bytes,
    );
    check(
        "proxy.max_inspections",
        old.proxy.max_inspections == new.proxy.max_inspections,
    );
    check("ca", old.ca.cert == new.ca.cert && old.ca.key == new.ca.key);
    check(
        "audit",
        old.audit.path == new.audit.path
            && old.audit.key_file == new.audit.key_file
            && old.audit.max_bytes == new.audit.max_bytes
            && old.audit.keep == new.audit.keep,
    );
    check(
        "admin",
        old.admin.as_ref().map(|a| a.listen) == new.admin.as_ref().map(|a| a.listen),
    );
    changed
}
