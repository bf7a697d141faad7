//! `sluss pac`: print the PAC file (also served by the proxy at `/proxy.pac`).

use std::process::ExitCode;

use sluss::config::Register;

use super::ConfigArg;

/// Prints the PAC file for the config's register and public address.
pub fn run(args: ConfigArg) -> anyhow::Result<ExitCode> {
    let (config, _detectors, patterns) = super::load(&args)?;
    let register = Register::new(config.services.clone(), patterns.services);
    print!(
        "{}",
        sluss::proxy::pac::render(&register, &config.proxy.pac_proxies)
    );
    Ok(ExitCode::SUCCESS)
}
