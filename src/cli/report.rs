//! `sluss report --month 2026-11`: the monthly follow-up report of the audit logs, as a
//! printable Swedish HTML page, CSV or JSON.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::ValueEnum;
use sluss::audit::sources::LogSource;
use sluss::audit::{Month, report};
use sluss::config::{Config, load_or_default};

use super::ConfigArg;

/// `sluss report` arguments.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    config: ConfigArg,
    /// The month, as YYYY-MM (Swedish time): e.g. 2026-11.
    #[arg(long, value_name = "YYYY-MM")]
    month: String,
    /// Output: a printable Swedish HTML page, CSV (RFC 4180, comma-separated, one number per
    /// line) or JSON (English keys).
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    format: ReportFormat,
    /// Read this audit log (its current file, or the folder holding `audit.jsonl`) instead of
    /// the configured ones; repeat it for several instances (as `sluss logs --log`).
    #[arg(long = "log", value_name = "FILE|DIR")]
    logs: Vec<PathBuf>,
}

/// Output format of `report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A printable Swedish HTML page.
    Html,
    /// CSV, one number per line.
    Csv,
    /// JSON.
    Json,
}

/// Runs `sluss report`: exit 0 with the report, 1 with the report when a log does not verify
/// (the report says so, and a warning goes to standard error), 2 on error.
pub fn run(args: ReportArgs) -> anyhow::Result<ExitCode> {
    let month = Month::parse(&args.month).ok_or_else(|| {
        anyhow::anyhow!(
            "--month {:?}: write the month as YYYY-MM, e.g. 2026-11",
            args.month
        )
    })?;
    let config = load_or_default(args.config.config.as_deref())
        .map_err(|e| anyhow::anyhow!("invalid config:\n{e}"))?;
    let sources = sources(&config, &args.logs)?;
    for source in &sources {
        if source.reader()?.files().is_empty() {
            anyhow::bail!("no audit log at {}", source.path.display());
        }
    }
    let report = report::read(&sources, month)?;
    if !report.verified {
        eprintln!(
            "warning: the audit log does not verify (see `sluss logs --verify`); the report says so"
        );
        for log in report.logs.iter().filter(|l| !l.verified) {
            eprintln!("warning: {}: {}", log.log, log.detail);
        }
    }
    let text = match args.format {
        ReportFormat::Html => sluss::admin::review::rapport::page(&report, false),
        ReportFormat::Csv => report::csv::text(&report),
        ReportFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ if !report.verified => Ok(ExitCode::from(1)),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// The logs to read: `--log` ones, else this instance's and `[audit] other_instances` (as
/// `sluss logs`).
fn sources(config: &Config, logs: &[PathBuf]) -> anyhow::Result<Vec<LogSource>> {
    let audit = &config.audit;
    let context = |path: &Path| {
        format!(
            "cannot read the keys of the audit log {}: it is checked with the key it was \
             written with (`audit-key` beside it, else [audit] key_file {})",
            path.display(),
            audit.key_file.display()
        )
    };
    let resolve = |path: &PathBuf| {
        if !path.exists() {
            anyhow::bail!("no audit log at {}", path.display());
        }
        LogSource::resolve(path, &audit.key_file, &audit.signing_key_file)
            .with_context(|| context(path))
    };
    if !logs.is_empty() {
        return logs.iter().map(resolve).collect();
    }
    let own = LogSource::own(&audit.path, &audit.key_file, &audit.signing_key_file)
        .with_context(|| context(&audit.path))?;
    let mut sources = vec![own];
    for other in &audit.other_instances {
        sources.push(resolve(other)?);
    }
    Ok(sources)
}
