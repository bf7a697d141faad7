//! `sluss run`: start the proxy with the config (or the built-in defaults), log where the CA is
//! and how to trust it, reload on SIGHUP, drain on SIGTERM / ctrl-c.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use clap::ValueEnum;
use sluss::config::{Config, load_or_default};
use sluss::proxy::{self, Shared};

use super::ConfigArg;

/// `sluss run` arguments.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    #[command(flatten)]
    config: ConfigArg,
    /// Log format: readable lines, or one JSON object per line (for log shippers).
    #[arg(long, value_enum, default_value_t = LogFormat::Human)]
    log_format: LogFormat,
}

/// How logs are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Readable lines.
    Human,
    /// JSON lines.
    Json,
}

/// Runs the proxy until SIGTERM or ctrl-c.
pub fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    init_logging(args.log_format);
    quiet_panics();
    let config = load_or_default(args.config.config.as_deref())
        .map_err(|e| anyhow::anyhow!("invalid config:\n{e}"))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(serve(config))?;
    Ok(ExitCode::SUCCESS)
}

/// `RUST_LOG` picks the level (default `info`); the format is the flag's.
fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(|| LossyStderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let _ = match format {
        LogFormat::Human => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

/// Logs a panic by its location only. The default hook prints the panic message, and a
/// message from code that handles a request (a string slice out of bounds, for example) can
/// quote the request's text, which may hold a personnummer. The request itself is answered 500
/// and recorded (see `proxy::inspection`).
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tracing::error!(%location, "panic (its message is not logged: it may quote request data)");
    }));
}

/// Standard error that drops what it cannot write: a closed log pipe must not stop the proxy
/// (tracing would otherwise report the failure with `eprintln!`, which panics).
struct LossyStderr;

impl std::io::Write for LossyStderr {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let _ = std::io::stderr().write_all(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let _ = std::io::stderr().flush();
        Ok(())
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    // Before sluss says that it listens: a signal sent right after must find its handler, not
    // the default action (which kills the process, or for SIGHUP ends it).
    let signals = Signals::register();
    let source = config.source.clone();
    match &source {
        Some(path) => tracing::info!(config = %path.display(), "config loaded"),
        None => tracing::info!("no config file: running on built-in defaults"),
    }
    // Everything `sluss check` checks, before anything is created or bound: a problem stops
    // the start here, with every other problem, rather than after "proxy listening".
    let problems = sluss::preflight::problems(&config, sluss::preflight::Scope { running: false });
    if !problems.is_empty() {
        anyhow::bail!(
            "cannot start:\n{}\n(`sluss check` reports the same)",
            problems.join("\n")
        );
    }
    let (ca_cert, audit_path) = (config.ca.cert.clone(), config.audit.path.clone());
    let signing_key = config.audit.signing_key_file.clone();
    let (shared, created) = Shared::start(config)?;
    announce_ca(&shared, &ca_cert, created);
    let shared = Arc::new(shared);
    let listeners = proxy::bind(&shared).await?;
    for listener in &listeners {
        tracing::info!(address = %listener.local_addr()?, "proxy listening");
    }
    tracing::info!(
        audit = %audit_path.display(),
        checkpoints = %sluss::audit::PublicKey::load_beside(&signing_key)
            .ok()
            .flatten()
            .map(|k| k.to_string())
            .unwrap_or_default(),
        "audit log (checkpoints signed with this key)"
    );
    spawn_admin(&shared, stopped(signals.stop.clone())).await?;
    #[cfg(unix)]
    tokio::spawn(reload_on_hangup(shared.clone(), source, signals.hangup));
    #[cfg(not(unix))]
    let _ = source;
    proxy::serve(shared.clone(), listeners, stopped(signals.stop)).await;
    // The writer thread writes what is queued and a last signed checkpoint.
    let _ = tokio::task::spawn_blocking(move || shared.audit.close()).await;
    tracing::info!("stopped");
    Ok(())
}

/// Starts the admin listener when `[admin] listen` is set: credentials read and the address
/// bound before the proxy serves, so a mistake stops the start instead of surfacing later.
async fn spawn_admin(
    shared: &Arc<Shared>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let Some(admin) = shared.runtime.load().config.admin.clone() else {
        return Ok(());
    };
    let mut gate = sluss::admin::Gate::new(sluss::admin::Credentials::load(&admin.auth)?);
    if let Some((cert, key)) = &admin.tls {
        gate.tls = Some(sluss::admin::tls::server_config(cert, key)?);
    }
    let listener = tokio::net::TcpListener::bind(admin.listen)
        .await
        .with_context(|| format!("cannot listen on {} (admin)", admin.listen))?;
    // The admin listener is never a destination of the proxy.
    shared.own.add(listener.local_addr()?);
    tracing::info!(
        address = %listener.local_addr()?, tls = gate.tls.is_some(),
        "admin listening (/healthz, /readyz, /metrics, /review)"
    );
    tokio::spawn(sluss::admin::serve_with(
        shared.clone(),
        gate,
        listener,
        shutdown,
    ));
    Ok(())
}

fn announce_ca(shared: &Shared, path: &std::path::Path, created: bool) {
    let fingerprint = shared.ca.fingerprint_sha256();
    if created {
        tracing::warn!(
            ca = %path.display(), sha256 = %fingerprint,
            "generated a new interception CA; clients must trust it before interception works \
             (`sluss ca show` prints it and how to distribute it)"
        );
    } else {
        tracing::info!(ca = %path.display(), sha256 = %fingerprint, not_after = %shared.ca.not_after(), "interception CA loaded");
    }
}

/// Re-reads the config on each SIGHUP; a bad config is refused and the old one keeps running.
#[cfg(unix)]
async fn reload_on_hangup(
    shared: Arc<Shared>,
    source: Option<PathBuf>,
    hangups: Option<tokio::signal::unix::Signal>,
) {
    let Some(mut hangups) = hangups else {
        return tracing::warn!("cannot listen for SIGHUP; reload needs a restart");
    };
    while hangups.recv().await.is_some() {
        let Some(path) = &source else {
            tracing::warn!("SIGHUP ignored: running on built-in defaults, no file to reload");
            continue;
        };
        // Compiling the detectors takes a while: not on an async worker.
        let (reloading, file) = (shared.clone(), path.clone());
        match tokio::task::spawn_blocking(move || reloading.reload(&file)).await {
            Ok(Ok(restart)) => {
                tracing::info!(config = %path.display(), "config reloaded");
                for setting in restart {
                    tracing::warn!(setting, "changed setting takes effect only after a restart");
                }
            }
            Ok(Err(e)) => {
                shared.metrics.reload_failures.inc();
                tracing::error!(error = %e, "config reload refused; the previous config keeps running");
            }
            Err(e) => {
                shared.metrics.reload_failures.inc();
                tracing::error!(error = %e, "config reload failed; the previous config keeps running");
            }
        }
    }
}

/// The signals sluss acts on, registered once at start.
struct Signals {
    /// Becomes true on SIGTERM or ctrl-c.
    stop: tokio::sync::watch::Receiver<bool>,
    /// SIGHUP.
    #[cfg(unix)]
    hangup: Option<tokio::signal::unix::Signal>,
}

impl Signals {
    /// Registers the handlers now (tokio registers a signal when it is created, not when it is
    /// first awaited).
    fn register() -> Signals {
        let (tx, stop) = tokio::sync::watch::channel(false);
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let terminate = signal(SignalKind::terminate()).ok();
            let interrupt = signal(SignalKind::interrupt()).ok();
            let hangup = signal(SignalKind::hangup()).ok();
            tokio::spawn(async move {
                tokio::select! {
                    () = next(terminate) => tracing::info!("SIGTERM received"),
                    () = next(interrupt) => tracing::info!("ctrl-c received"),
                }
                let _ = tx.send(true);
            });
            Signals { stop, hangup }
        }
        #[cfg(not(unix))]
        {
            tokio::spawn(async move {
                let _ = tokio::signal::ctrl_c().await;
                tracing::info!("ctrl-c received");
                let _ = tx.send(true);
            });
            Signals { stop }
        }
    }
}

/// The next delivery of `signal` (never, if it could not be registered).
#[cfg(unix)]
async fn next(signal: Option<tokio::signal::unix::Signal>) {
    match signal {
        Some(mut signal) => {
            signal.recv().await;
        }
        None => std::future::pending::<()>().await,
    }
}

/// Resolves when a stop signal has arrived.
async fn stopped(mut stop: tokio::sync::watch::Receiver<bool>) {
    let _ = stop.wait_for(|stopped| *stopped).await;
}
