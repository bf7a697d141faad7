//! Command-line interface: one file per subcommand, no business logic here.

mod admin;
mod ca;
mod check;
mod logs;
mod pac;
mod report;
mod run;
mod scan;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// sluss — a prompt-filtering proxy for generative-AI traffic.
#[derive(Debug, Parser)]
#[command(name = "sluss", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the proxy.
    Run(run::RunArgs),
    /// Create or show the interception CA.
    #[command(subcommand)]
    Ca(ca::CaCommand),
    /// Scan files, folders (recursively) or stdin with the proxy's detectors and policy.
    ///
    /// Exit status: 0 nothing would be stopped, 1 something would be blocked or redacted,
    /// 2 error.
    Scan(scan::ScanArgs),
    /// Validate the config, the register, the pattern files and everything `run` checks at
    /// start (CA, keys, audit folder and lock, admin files, listen addresses); print every
    /// problem. Exit status: 0 `run` would start, 2 it would refuse.
    Check(check::CheckArgs),
    /// Print the PAC file for browsers (also served at /proxy.pac).
    Pac(ConfigArg),
    /// Review the audit log: list, count, verify the hash chain, or purge old files.
    ///
    /// Exit status: 0 ok, 1 the chain is broken (--verify), 2 error.
    Logs(Box<logs::LogsArgs>),
    /// The monthly follow-up report: per service, requests, stops by rule and kind,
    /// warnings, objections and the false-stop rate; not-approved services tried; the trend.
    ///
    /// Exit status: 0 the report was written, 1 it was written but a log does not verify (the
    /// report and standard error say so), 2 error (bad month, no log, no key).
    Report(report::ReportArgs),
    /// Administer the admin listener: `sluss admin passwd USER` writes a hashed password line.
    #[command(subcommand)]
    Admin(admin::AdminCommand),
}

/// `--config FILE`, shared by most commands.
#[derive(Debug, clap::Args)]
pub struct ConfigArg {
    /// Config file. Without it: $SLUSS_CONFIG, else /etc/sluss/sluss.toml if it exists, else
    /// config/sluss.toml if it exists, else the built-in defaults.
    #[arg(long, short = 'c', value_name = "FILE", env = "SLUSS_CONFIG")]
    pub config: Option<PathBuf>,
}

/// Output format of `scan`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Readable text.
    Text,
    /// One JSON object per input, one per line.
    Json,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run(args) => run::run(args),
        Command::Ca(command) => ca::run(command),
        Command::Pac(args) => pac::run(args),
        Command::Scan(args) => scan::run(args),
        Command::Check(args) => check::run(args),
        Command::Logs(args) => logs::run(*args),
        Command::Report(args) => report::run(args),
        Command::Admin(command) => admin::run(command),
    }
}

/// Loads the config and the detectors it names, with every problem in the error.
fn load(
    config: &ConfigArg,
) -> anyhow::Result<(
    sluss::config::Config,
    sluss::detect::Detectors,
    sluss::patterns::Patterns,
)> {
    let config = sluss::config::load_or_default(config.config.as_deref())
        .map_err(|e| anyhow::anyhow!("invalid config:\n{e}"))?;
    let patterns = sluss::patterns::Patterns::load(&config.patterns)
        .map_err(|e| anyhow::anyhow!("invalid pattern files:\n{e}"))?;
    let detectors = sluss::detect::Detectors::build(&patterns)?;
    Ok((config, detectors, patterns))
}
