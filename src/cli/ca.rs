//! `sluss ca init` and `sluss ca show`: create the interception CA (name-constrained to the
//! registered and known AI hosts unless `--unconstrained`), print it and how to make clients
//! trust it.

use std::path::PathBuf;
use std::process::ExitCode;

use sluss::config::{Config, Register, load_or_default};
use sluss::patterns::Patterns;
use sluss::tls::{Ca, NameScope};

use super::ConfigArg;

/// `sluss ca` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum CaCommand {
    /// Create the interception CA (certificate + private key, key mode 0600), allowed to sign
    /// only for the registered services' and the known AI services' hosts.
    Init {
        /// Folder for ca.pem and ca-key.pem (default: the config's [ca] cert and key, which
        /// default to sluss-data/).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Replace an existing CA (every client must then trust the new one).
        #[arg(long)]
        force: bool,
        /// Let the CA sign for any name (not recommended: whoever gets its key can then
        /// impersonate any site to every client that trusts it).
        #[arg(long)]
        unconstrained: bool,
        #[command(flatten)]
        config: ConfigArg,
    },
    /// Print the CA certificate, its SHA-256 fingerprint and how to trust it.
    Show(ConfigArg),
}

/// Runs a `sluss ca` subcommand.
pub fn run(command: CaCommand) -> anyhow::Result<ExitCode> {
    match command {
        CaCommand::Init {
            dir,
            force,
            unconstrained,
            config,
        } => init(dir, force, unconstrained, &config),
        CaCommand::Show(args) => show(args),
    }
}

fn init(
    dir: Option<PathBuf>,
    force: bool,
    unconstrained: bool,
    args: &ConfigArg,
) -> anyhow::Result<ExitCode> {
    let config = load_or_default(args.config.as_deref())
        .map_err(|e| anyhow::anyhow!("invalid config:\n{e}"))?;
    let (cert, key) = match &dir {
        Some(dir) => (dir.join("ca.pem"), dir.join("ca-key.pem")),
        None => (config.ca.cert.clone(), config.ca.key.clone()),
    };
    if !force && (cert.exists() || key.exists()) {
        anyhow::bail!(
            "a CA already exists at {} (use --force to replace it; every client must then trust the new one)",
            cert.display()
        );
    }
    let scope = if unconstrained {
        None
    } else {
        Some(scope_of(&config)?)
    };
    let ca = Ca::generate_within(scope.as_ref())?;
    ca.save(&cert, &key)?;
    println!(
        "created {} and {} (mode 0600)",
        cert.display(),
        key.display()
    );
    println!("SHA-256 fingerprint: {}", ca.fingerprint_sha256());
    println!("valid until: {}", ca.not_after());
    match &scope {
        Some(scope) => println!(
            "name-constrained: signs only for {} DNS subtrees, the hosts of the {} registered \
             service(s) and of the known AI services. A service registered later needs a new CA \
             (`sluss check` says when).",
            scope.subtrees().len(),
            config.services.len()
        ),
        None => println!(
            "warning: not name-constrained: whoever gets the key can impersonate any site to \
             every client that trusts this CA"
        ),
    }
    println!("\nRun `sluss ca show` for the certificate and how to make clients trust it.");
    Ok(ExitCode::SUCCESS)
}

/// What a CA for `config` may sign for: its register's and catalogue's hosts.
fn scope_of(config: &Config) -> anyhow::Result<NameScope> {
    let patterns = Patterns::load(&config.patterns)
        .map_err(|e| anyhow::anyhow!("invalid pattern files:\n{e}"))?;
    let register = Register::new(config.services.clone(), patterns.services);
    Ok(NameScope::of_register(&register))
}

fn show(args: ConfigArg) -> anyhow::Result<ExitCode> {
    let config = load_or_default(args.config.as_deref())
        .map_err(|e| anyhow::anyhow!("invalid config:\n{e}"))?;
    let (cert, key) = (&config.ca.cert, &config.ca.key);
    if !cert.exists() {
        anyhow::bail!(
            "no CA at {} (run `sluss ca init`, or start `sluss run` once to generate it)",
            cert.display()
        );
    }
    let ca = Ca::load(cert, key)?;
    print!("{}", ca.cert_pem());
    println!("\nFile:                {}", cert.display());
    println!("SHA-256 fingerprint: {}", ca.fingerprint_sha256());
    println!("Valid until:         {}", ca.not_after());
    match ca.scope() {
        Some(scope) => println!(
            "Name constraints:    signs only for {} DNS subtrees: {}",
            scope.subtrees().len(),
            scope.subtrees().join(", ")
        ),
        None => println!("Name constraints:    none (it can sign for any name)"),
    }
    println!("{}", trust_instructions(&cert.display().to_string()));
    Ok(ExitCode::SUCCESS)
}

fn trust_instructions(path: &str) -> String {
    format!(
        "
How to trust it (only the certificate; the key never leaves this machine):
  Windows (domain):  Group Policy > Computer Configuration > Windows Settings > Security Settings >
                     Public Key Policies > Trusted Root Certification Authorities > Import {path}
  Windows (Intune):  Devices > Configuration > Create > Templates > Trusted certificate, upload {path}
  macOS:             sudo security add-trusted-cert -d -r trustRoot \\
                       -k /Library/Keychains/System.keychain {path}
                     (managed Macs: a Certificate payload in a configuration profile)
  Firefox:           policy \"Certificates\": {{\"ImportEnterpriseRoots\": true}} (uses the OS store),
                     or \"Install\": [\"{path}\"]
  Linux:             copy to /usr/local/share/ca-certificates/sluss.crt, run update-ca-certificates
  Tools and SDKs:    SSL_CERT_FILE={path} (OpenSSL, curl, Rust), REQUESTS_CA_BUNDLE={path} (Python
                     requests, OpenAI/Anthropic SDKs), NODE_EXTRA_CA_CERTS={path} (Node.js)
The proxy also serves the certificate at http://<proxy>/ca.pem."
    )
}
