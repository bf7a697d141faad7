//! `sluss ca init` and `sluss ca show`: create the interception CA, print it and how to make
//! clients trust it.

use std::path::PathBuf;
use std::process::ExitCode;

use sluss::config::{DEFAULT_STATE_DIR, load_or_default};
use sluss::tls::Ca;

use super::ConfigArg;

/// `sluss ca` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum CaCommand {
    /// Create the interception CA (certificate + private key, key mode 0600).
    Init {
        /// Folder for ca.pem and ca-key.pem.
        #[arg(long, value_name = "DIR", default_value = DEFAULT_STATE_DIR)]
        dir: PathBuf,
        /// Replace an existing CA (every client must then trust the new one).
        #[arg(long)]
        force: bool,
    },
    /// Print the CA certificate, its SHA-256 fingerprint and how to trust it.
    Show(ConfigArg),
}

/// Runs a `sluss ca` subcommand.
pub fn run(command: CaCommand) -> anyhow::Result<ExitCode> {
    match command {
        CaCommand::Init { dir, force } => init(dir, force),
        CaCommand::Show(args) => show(args),
    }
}

fn init(dir: PathBuf, force: bool) -> anyhow::Result<ExitCode> {
    let (cert, key) = (dir.join("ca.pem"), dir.join("ca-key.pem"));
    if !force && (cert.exists() || key.exists()) {
        anyhow::bail!(
            "a CA already exists in {} (use --force to replace it; every client must then trust the new one)",
            dir.display()
        );
    }
    let ca = Ca::generate()?;
    ca.save(&cert, &key)?;
    println!(
        "created {} and {} (mode 0600)",
        cert.display(),
        key.display()
    );
    println!("SHA-256 fingerprint: {}", ca.fingerprint_sha256());
    println!("valid until: {}", ca.not_after());
    println!("\nRun `sluss ca show` for the certificate and how to make clients trust it.");
    Ok(ExitCode::SUCCESS)
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
