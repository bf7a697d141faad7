//! `sluss check`: validate the config, the register and the pattern files.

use std::process::ExitCode;

use sluss::config::load_or_default;
use sluss::detect::Detectors;
use sluss::patterns::Patterns;

use super::ConfigArg;

/// Runs `sluss check`: prints every problem with file and line; exit 0 when all is well, 2 not.
pub fn run(args: ConfigArg) -> anyhow::Result<ExitCode> {
    let config = match load_or_default(args.config.as_deref()) {
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
    if let Some(admin) = &config.admin
        && !admin_files_ok(admin)
    {
        println!("check failed");
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

/// The admin listener's credentials (a plain-text password file is refused with its line) and
/// TLS files, as `sluss run` will read them; prints each problem.
fn admin_files_ok(admin: &sluss::config::AdminConfig) -> bool {
    let mut ok = true;
    if let Err(e) = sluss::admin::Credentials::load(&admin.auth) {
        println!("{e}");
        ok = false;
    }
    if let Some((cert, key)) = &admin.tls
        && let Err(e) = sluss::admin::tls::server_config(cert, key)
    {
        println!("{e}");
        ok = false;
    }
    ok
}
