//! `sluss ca init`, `sluss ca show` and `sluss ca bundle`: create the interception CA
//! (name-constrained to the registered and known AI hosts unless `--unconstrained`), print it
//! and how to make each kind of client trust it, and write the system roots plus the CA as one
//! file for tools that take a single bundle.

use std::path::PathBuf;
use std::process::ExitCode;

use sluss::config::{Config, Register, load_or_default};
use sluss::patterns::Patterns;
use sluss::tls::bundle::{Bundle, roots_from_file, system_roots};
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
    /// Print the CA certificate, its SHA-256 fingerprint and how to trust it, per platform
    /// and per tool.
    Show(ConfigArg),
    /// Write a trust bundle: the system's root certificates plus the sluss CA, for tools whose
    /// CA setting replaces their roots (SSL_CERT_FILE, REQUESTS_CA_BUNDLE). Only the
    /// certificate is read, not the key.
    Bundle {
        /// Write the bundle to FILE (mode 0644, replaced atomically) instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Take the system roots from this PEM file instead of the platform's store (Linux:
        /// /etc/ssl/certs/ca-certificates.crt or $SSL_CERT_FILE; Windows and macOS: the
        /// system store).
        #[arg(long, value_name = "FILE")]
        roots: Option<PathBuf>,
        #[command(flatten)]
        config: ConfigArg,
    },
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
        CaCommand::Bundle { out, roots, config } => bundle(out, roots, &config),
    }
}

fn bundle(
    out: Option<PathBuf>,
    roots: Option<PathBuf>,
    args: &ConfigArg,
) -> anyhow::Result<ExitCode> {
    let config = load_or_default(args.config.as_deref())
        .map_err(|e| anyhow::anyhow!("invalid config:\n{e}"))?;
    let cert = &config.ca.cert;
    if !cert.exists() {
        anyhow::bail!(
            "no CA at {} (run `sluss ca init`, or start `sluss run` once to generate it)",
            cert.display()
        );
    }
    let ca = sluss::tls::ca::read_certificate(cert)?;
    let roots = match &roots {
        Some(file) => roots_from_file(file)?,
        None => system_roots()?,
    };
    let bundle = Bundle::new(&ca, &roots)?;
    match &out {
        Some(path) => {
            bundle.write(path)?;
            eprintln!(
                "wrote {}: {} system root certificates and the sluss CA ({})",
                path.display(),
                bundle.system_roots,
                cert.display()
            );
        }
        None => print!("{}", bundle.pem),
    }
    Ok(ExitCode::SUCCESS)
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
How to trust it (only the certificate; the key never leaves this machine).

Operating systems (browsers, .NET, PowerShell and most desktop apps use these stores):
  Windows (domain):  Group Policy > Computer Configuration > Windows Settings > Security Settings >
                     Public Key Policies > Trusted Root Certification Authorities > Import {path}
  Windows (Intune):  Devices > Configuration > Create > Templates > Trusted certificate, upload {path}
  macOS:             sudo security add-trusted-cert -d -r trustRoot \\
                       -k /Library/Keychains/System.keychain {path}
                     (managed Macs: a Certificate payload in a configuration profile)
  Linux (Debian):    cp {path} /usr/local/share/ca-certificates/sluss.crt && update-ca-certificates
Browsers:
  Edge, Chrome:      the system store on Windows and macOS; on Linux, Chrome's NSS database:
                     certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n sluss -i {path}
  Firefox:           policies.json \"Certificates\": {{\"ImportEnterpriseRoots\": true}} (the pref
                     security.enterprise_roots.enabled: reads the Windows and macOS store),
                     or \"Install\": [\"{path}\"] (Linux)
Tools whose CA setting replaces their roots need a bundle of the system roots plus this CA;
set to this CA alone they would refuse every other site:
  sluss ca bundle --out /etc/ssl/sluss-bundle.pem   (again when the system roots change)
  Python, OpenAI and Anthropic SDKs (httpx):  SSL_CERT_FILE=/etc/ssl/sluss-bundle.pem
  Python requests:                            REQUESTS_CA_BUNDLE=/etc/ssl/sluss-bundle.pem
                     (httpx ignores REQUESTS_CA_BUNDLE, requests ignores SSL_CERT_FILE: set both)
  curl, OpenSSL, Go, Rust (native roots):     SSL_CERT_FILE=/etc/ssl/sluss-bundle.pem,
                     or nothing once the CA is in the Linux system store
  Node.js:           NODE_EXTRA_CA_CERTS={path} (adds to Node's own roots: the CA alone is right).
                     Node's built-in fetch ignores HTTPS_PROXY: NODE_USE_ENV_PROXY=1 (Node 24 or
                     newer), or undici's setGlobalDispatcher(new EnvHttpProxyAgent())
  Java:              keytool -importcert -noprompt -cacerts -storepass changeit -alias sluss -file {path}
                     (or into a copy: -keystore FILE, then -Djavax.net.ssl.trustStore=FILE), and
                     -Dhttps.proxyHost=HOST -Dhttps.proxyPort=PORT (or -Djava.net.useSystemProxies=true)
  .NET:              the system store (Windows, macOS; on Linux the update-ca-certificates store)
The proxy also serves the certificate at http://<proxy>/ca.pem."
    )
}
