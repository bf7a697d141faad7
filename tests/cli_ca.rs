//! Where the config comes from without `--config` (`$SLUSS_CONFIG`, /etc/sluss/sluss.toml,
//! config/sluss.toml, the built-in defaults), and trusting the CA: `sluss ca bundle` writes the
//! system roots plus the sluss CA, which a TLS client (rustls) given only that file uses to
//! trust both a site under a system root and sluss's certificate for an AI host; `sluss ca
//! show` gives per-tool advice that never sets a root-replacing variable to the CA alone.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::time::Duration;

use rustls::RootCertStore;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::ServerCertVerifier;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use sluss::tls::{Ca, LeafCache};

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// `sluss ARGS` in `dir`, with no `SLUSS_CONFIG` unless `env` gives one.
fn sluss(dir: &Path, args: &[&str], env: Option<&Path>) -> Res<Output> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sluss"));
    command
        .current_dir(dir)
        .args(args)
        .env_remove("SLUSS_CONFIG");
    if let Some(path) = env {
        command.env("SLUSS_CONFIG", path);
    }
    Ok(command.output()?)
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// A config whose CA lives at `<ca_dir>/ca.pem`.
fn config_with_ca(path: &Path, ca_dir: &str) -> Res {
    std::fs::write(
        path,
        format!("[ca]\ncert = \"{ca_dir}/ca.pem\"\nkey = \"{ca_dir}/ca-key.pem\"\n"),
    )?;
    Ok(())
}

#[test]
fn the_config_comes_from_the_flag_then_the_environment_then_the_working_directory() -> Res {
    let dir = tempfile::tempdir()?;
    let (from_env, from_flag) = (dir.path().join("env.toml"), dir.path().join("flag.toml"));
    config_with_ca(&from_env, "env-ca")?;
    config_with_ca(&from_flag, "flag-ca")?;
    // Which config was read shows in where it looks for the CA (there is none).
    let out = sluss(dir.path(), &["ca", "bundle"], Some(&from_env))?;
    assert!(
        text(&out).contains("no CA at env-ca/ca.pem"),
        "{}",
        text(&out)
    );
    let flag = from_flag.to_string_lossy();
    let out = sluss(
        dir.path(),
        &["ca", "bundle", "--config", &flag],
        Some(&from_env),
    )?;
    assert!(
        text(&out).contains("no CA at flag-ca/ca.pem"),
        "{}",
        text(&out)
    );
    // A file named by SLUSS_CONFIG must exist: no silent fallback to the defaults.
    let missing = dir.path().join("missing.toml");
    let out = sluss(dir.path(), &["ca", "bundle"], Some(&missing))?;
    assert!(!out.status.success());
    assert!(text(&out).contains("missing.toml"), "{}", text(&out));

    if Path::new(sluss::config::SYSTEM_CONFIG_PATH).exists() {
        eprintln!(
            "/etc/sluss/sluss.toml exists on this machine: the fallbacks after it are not tested"
        );
        return Ok(());
    }
    // Without flag and variable: the built-in defaults, then config/sluss.toml once it exists.
    let out = sluss(dir.path(), &["ca", "bundle"], None)?;
    assert!(
        text(&out).contains("no CA at sluss-data/ca.pem"),
        "{}",
        text(&out)
    );
    std::fs::create_dir(dir.path().join("config"))?;
    config_with_ca(&dir.path().join("config/sluss.toml"), "local-ca")?;
    let out = sluss(dir.path(), &["ca", "bundle"], None)?;
    assert!(
        text(&out).contains("no CA at local-ca/ca.pem"),
        "{}",
        text(&out)
    );
    Ok(())
}

#[test]
fn help_names_the_variable_and_the_default_files() -> Res {
    let dir = tempfile::tempdir()?;
    let out = sluss(dir.path(), &["run", "--help"], None)?;
    let help = text(&out);
    for part in ["SLUSS_CONFIG", "/etc/sluss/sluss.toml", "config/sluss.toml"] {
        assert!(help.contains(part), "{part} not in:\n{help}");
    }
    Ok(())
}

/// A CA saved in `dir` (ca.pem, ca-key.pem) and a config pointing at it.
fn saved_ca(dir: &Path) -> Res<(Arc<Ca>, std::path::PathBuf)> {
    let ca = Arc::new(Ca::generate()?);
    ca.save(&dir.join("ca.pem"), &dir.join("ca-key.pem"))?;
    let config = dir.join("sluss.toml");
    config_with_ca(&config, &dir.to_string_lossy())?;
    Ok((ca, config))
}

/// Whether a rustls client trusting only `roots` accepts `leaf` for `name`.
fn trusted(roots: &[CertificateDer<'static>], leaf: &CertificateDer<'_>, name: &str) -> Res<bool> {
    let mut store = RootCertStore::empty();
    for root in roots {
        store.add(root.clone())?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier =
        WebPkiServerVerifier::builder_with_provider(Arc::new(store), provider).build()?;
    let server = ServerName::try_from(name.to_string())?;
    Ok(verifier
        .verify_server_cert(leaf, &[], &server, &[], UnixTime::now())
        .is_ok())
}

#[test]
fn the_bundle_trusts_the_system_roots_and_the_sluss_ca() -> Res {
    let dir = tempfile::tempdir()?;
    let (ca, config) = saved_ca(dir.path())?;
    // A stand-in for the system's roots: another CA, as a PEM file.
    let system = Arc::new(Ca::generate()?);
    let roots_file = dir.path().join("system-roots.pem");
    std::fs::write(&roots_file, system.cert_pem())?;
    // Only the certificate is needed, not the key.
    std::fs::remove_file(dir.path().join("ca-key.pem"))?;
    let bundle_file = dir.path().join("out/bundle.pem");
    let args = [
        "ca",
        "bundle",
        "--config",
        &config.to_string_lossy(),
        "--roots",
        &roots_file.to_string_lossy(),
        "--out",
        &bundle_file.to_string_lossy(),
    ];
    let out = sluss(dir.path(), &args, None)?;
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("1 system root certificates and the sluss CA"));
    let bundle = CertificateDer::pem_file_iter(&bundle_file)?.collect::<Result<Vec<_>, _>>()?;
    assert_eq!(bundle.len(), 2);

    let sluss_leaf =
        LeafCache::new(ca.clone(), Duration::from_secs(3600), 4)?.certificate("api.openai.com")?;
    let other_site = LeafCache::new(system.clone(), Duration::from_secs(3600), 4)?
        .certificate("intranet.kommun.test")?;
    assert!(trusted(&bundle, &sluss_leaf, "api.openai.com")?);
    assert!(trusted(&bundle, &other_site, "intranet.kommun.test")?);
    // What the old advice did (the CA alone) loses every other site.
    let alone = vec![CertificateDer::from(ca.cert_der().to_vec())];
    assert!(!trusted(&alone, &other_site, "intranet.kommun.test")?);
    Ok(())
}

#[test]
fn the_bundle_holds_every_root_of_the_platform_store() -> Res {
    let system = Path::new("/etc/ssl/certs/ca-certificates.crt");
    if !system.is_file() {
        eprintln!("no /etc/ssl/certs/ca-certificates.crt: the platform store is not compared");
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let (ca, config) = saved_ca(dir.path())?;
    let mut command = Command::new(env!("CARGO_BIN_EXE_sluss"));
    command
        .args(["ca", "bundle", "--config"])
        .arg(&config)
        .env_remove("SLUSS_CONFIG")
        .env_remove("SSL_CERT_DIR")
        .env("SSL_CERT_FILE", system);
    let out = command.output()?;
    assert!(out.status.success(), "{}", text(&out));
    let bundle: Vec<Vec<u8>> = CertificateDer::pem_slice_iter(&out.stdout)
        .map(|c| c.map(|c| c.to_vec()))
        .collect::<Result<_, _>>()?;
    let roots: Vec<Vec<u8>> = CertificateDer::pem_file_iter(system)?
        .map(|c| c.map(|c| c.to_vec()))
        .collect::<Result<_, _>>()?;
    assert!(roots.len() > 50, "{} roots", roots.len());
    for root in &roots {
        assert!(
            bundle.contains(root),
            "a system root is missing from the bundle"
        );
    }
    assert_eq!(bundle.last(), Some(&ca.cert_der().to_vec()));
    Ok(())
}

#[test]
fn ca_show_advises_a_bundle_per_tool_never_the_ca_alone() -> Res {
    let dir = tempfile::tempdir()?;
    let (_, config) = saved_ca(dir.path())?;
    let out = sluss(
        dir.path(),
        &["ca", "show", "--config", &config.to_string_lossy()],
        None,
    )?;
    assert!(out.status.success(), "{}", text(&out));
    let advice = text(&out);
    let ca_path = dir.path().join("ca.pem").to_string_lossy().into_owned();
    for replacing in ["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"] {
        assert!(
            !advice.contains(&format!("{replacing}={ca_path}")),
            "{replacing} set to the CA alone:\n{advice}"
        );
        assert!(advice.contains(&format!("{replacing}=/etc/ssl/sluss-bundle.pem")));
    }
    for part in [
        "sluss ca bundle --out",
        "OpenAI and Anthropic SDKs (httpx)",
        &format!("NODE_EXTRA_CA_CERTS={ca_path}"),
        "NODE_USE_ENV_PROXY=1",
        "EnvHttpProxyAgent",
        "keytool -importcert",
        ".NET",
        "security.enterprise_roots.enabled",
    ] {
        assert!(advice.contains(part), "{part} not in:\n{advice}");
    }
    Ok(())
}
