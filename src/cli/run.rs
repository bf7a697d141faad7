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
    spawn_admin(&shared).await?;
    tokio::spawn(reload_on_hangup(shared.clone(), source));
    proxy::serve(shared.clone(), listeners, shutdown_signal()).await;
    // The writer thread writes what is queued and a last signed checkpoint.
    let _ = tokio::task::spawn_blocking(move || shared.audit.close()).await;
    tracing::info!("stopped");
    Ok(())
}

/// Starts the admin listener when `[admin] listen` is set: credentials read and the address
/// bound before the proxy serves, so a mistake stops the start instead of surfacing later.
async fn spawn_admin(shared: &Arc<Shared>) -> anyhow::Result<()> {
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
    tracing::info!(
        address = %listener.local_addr()?, tls = gate.tls.is_some(),
        "admin listening (/healthz, /readyz, /metrics, /review)"
    );
    tokio::spawn(sluss::admin::serve_with(
        shared.clone(),
        gate,
        listener,
        shutdown_signal(),
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

/// Re-reads the config on SIGHUP; a bad config is refused and the old one keeps running.
async fn reload_on_hangup(shared: Arc<Shared>, source: Option<PathBuf>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut hangups) = signal(SignalKind::hangup()) else {
            return tracing::warn!("cannot listen for SIGHUP; reload needs a restart");
        };
        while hangups.recv().await.is_some() {
            let Some(path) = &source else {
                tracing::warn!("SIGHUP ignored: running on built-in defaults, no file to reload");
                continue;
            };
            match shared.reload(path) {
                Ok(restart) => {
                    tracing::info!(config = %path.display(), "config reloaded");
                    for setting in restart {
                        tracing::warn!(
                            setting,
                            "changed setting takes effect only after a restart"
                        );
                    }
                }
                Err(e) => {
                    shared.metrics.reload_failures.inc();
                    tracing::error!(error = %e, "config reload refused; the previous config keeps running");
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (shared, source);
}

/// Resolves on SIGTERM or ctrl-c.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("ctrl-c received"),
        () = terminate => tracing::info!("SIGTERM received"),
    }
}
