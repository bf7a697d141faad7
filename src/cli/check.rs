//! `sluss check`: validate the config, the register and the pattern files, then everything
//! `sluss run` checks before it starts (see [`sluss::preflight`]); warn about what is allowed
//! but looks like a mistake, and about registered hosts the CA may not sign for.

use std::process::ExitCode;

use sluss::config::{Config, Register, load_or_default};
use sluss::detect::Detectors;
use sluss::patterns::Patterns;
use sluss::preflight::{self, Scope};
use sluss::tls::NameScope;

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
    for warning in &config.warnings {
        println!("{warning}");
    }
    let problems = preflight::problems(
        &config,
        Scope {
            running: args.reload,
        },
    );
    for problem in &problems {
        println!("{problem}");
    }
    let ca_ok = ca_scope_ok(&config, &patterns);
    if !problems.is_empty() || !ca_ok {
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

/// Warns about registered hosts (and known AI hosts) outside the CA's name constraints, and
/// about a CA without them; false when the CA certificate exists but cannot be read. No CA yet
/// is fine: the first start generates one that covers the register.
fn ca_scope_ok(config: &Config, patterns: &Patterns) -> bool {
    let cert = &config.ca.cert;
    if !cert.exists() {
        return true;
    }
    let scope = match sluss::tls::ca::read_scope(cert) {
        Ok(Some(scope)) => scope,
        Ok(None) => {
            println!(
                "{}: warning: the CA is not name-constrained: whoever gets its key can \
                 impersonate any site to every client that trusts it. `sluss ca init --force` \
                 creates one that signs only for the registered and known AI hosts (then \
                 distribute it again)",
                cert.display()
            );
            return true;
        }
        Err(e) => {
            println!("{e}");
            return false;
        }
    };
    let text = config
        .source
        .as_ref()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    let source = config
        .source
        .as_ref()
        .map_or_else(|| "<built-in defaults>".into(), |p| p.display().to_string());
    for service in &config.services {
        for host in service
            .hosts
            .iter()
            .chain(&service.upload_hosts)
            .map(ToString::to_string)
        {
            if !scope.covers(&host) {
                println!(
                    "{source}:{}: warning: host `{host}` of `{}` is outside the names the CA \
                     ({}) may sign for: clients will refuse sluss's certificate for it. Create a \
                     new CA (`sluss ca init --force`, with this config) and distribute it to \
                     every client again (`sluss ca show`)",
                    line_of_host(&text, &host),
                    service.name,
                    cert.display()
                );
            }
        }
    }
    warn_known_outside(&scope, config, patterns);
    true
}

/// One line for the known AI hosts (a newer catalogue) the CA may not sign for: their "not
/// approved" page becomes a certificate error (they stay blocked).
fn warn_known_outside(scope: &NameScope, config: &Config, patterns: &Patterns) {
    let register = Register::new(Vec::new(), patterns.services.clone());
    let outside: Vec<&str> = register
        .known()
        .iter()
        .flat_map(|k| k.hosts.iter().chain(&k.upload_hosts))
        .map(String::as_str)
        .filter(|h| !scope.covers(h))
        .collect();
    if !outside.is_empty() {
        println!(
            "{}: warning: {} known AI host(s) are outside the CA's names ({}): clients see a \
             certificate error instead of the \"not approved\" page (they stay blocked). A new \
             CA (`sluss ca init --force`) covers them",
            config.ca.cert.display(),
            outside.len(),
            outside.join(", ")
        );
    }
}

/// The line where `host` is written in the config text (0 when not found).
fn line_of_host(text: &str, host: &str) -> usize {
    text.find(&format!("\"{host}\""))
        .map_or(0, |at| text[..at].matches('\n').count() + 1)
}
