//! `sluss check`: validate the config, the register and the pattern files, then everything
//! `sluss run` checks before it starts (see [`sluss::preflight`]).

use std::process::ExitCode;

use sluss::config::load_or_default;
use sluss::detect::Detectors;
use sluss::patterns::Patterns;
use sluss::preflight::{self, Scope};

use super::ConfigArg;

/// `sluss check` arguments.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    config: ConfigArg,
    /// Check a config for the instance that runs (before `kill -HUP`): skip the checks that
    /// only a new start makes (the lock on the audit log, the listen addresses), which the
    /// running instance holds itself.
    #[arg(long)]
    reload: bool,
}

/// Runs `sluss check`: prints every problem; exit 0 when `sluss run` would start, 2 when not.
pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let config = match load_or_default(args.config.config.as_deref()) {
        Ok(config) => Some(config),
        Err(errors) => {
            for e in &errors.0 {
                println!("{e}");
            }
            None
        }
    };
    let source = config
        .as_ref()
        .map_or(sluss::patterns::PatternSource::Embedded, |c| {
            c.patterns.clone()
        });
    let patterns = match Patterns::load(&source) {
        Ok(patterns) => Some(patterns),
        Err(errors) => {
            for e in &errors.0 {
                println!("{e}");
            }
            None
        }
    };
    let (Some(config), Some(patterns)) = (config, patterns) else {
        println!("check failed");
        return Ok(ExitCode::from(2));
    };
    let problems = preflight::problems(
        &config,
        Scope {
            running: args.reload,
        },
    );
    for problem in &problems {
        println!("{problem}");
    }
    if !problems.is_empty() {
        println!("check failed: `sluss run` would refuse to start");
        return Ok(ExitCode::from(2));
    }
    let detectors = Detectors::build(&patterns)?;
    let hosts: usize = patterns.services.iter().map(|s| s.hosts.len()).sum();
    let source = config.source.as_ref().map_or_else(
        || "built-in defaults".to_string(),
        |p| p.display().to_string(),
    );
    println!(
        "ok: {source}: {} registered service(s), {} known AI services ({hosts} hosts), {} keyword patterns",
        config.services.len(),
        patterns.services.len(),
        detectors.pattern_count()
    );
    Ok(ExitCode::SUCCESS)
}
