//! The name-constrained CA (issue 12, item 4): a CA that may sign only for the registered and
//! known AI hosts. A leaf it signs for any other name (the bank, the intranet, an address) is
//! refused by rustls (webpki) and by `openssl verify`, a leaf inside passes, and a client
//! through sluss refuses a registered host that came after the CA. `sluss ca init` and the
//! first start create such a CA; `sluss check` warns when the register outgrows it.

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use common::{APPROVED, NOT_APPROVED, Res, Setup, Sluss, TempDir, Upstream};
use rustls::RootCertStore;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::ServerCertVerifier;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use sluss::tls::{Ca, LeafCache, NameScope};

fn sluss() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sluss"))
}

/// A CA limited to a registered host and a multi-tenant AI suffix, and a leaf cache for it.
fn constrained() -> Res<(Arc<Ca>, LeafCache)> {
    let scope = NameScope::of_hosts(["ai.kommun.test", "*.openai.azure.com"]);
    let ca = Arc::new(Ca::generate_within(Some(&scope))?);
    let leaves = LeafCache::new(ca.clone(), Duration::from_secs(3600), 10)?;
    Ok((ca, leaves))
}

/// rustls's (webpki's) verdict on `leaf` for `name`, trusting only `ca`.
fn rustls_verdict(ca: &Ca, leaf: &CertificateDer<'_>, name: &str) -> Res<Result<(), String>> {
    let mut roots = RootCertStore::empty();
    roots.add(ca.cert_der().to_vec().into())?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier =
        WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider).build()?;
    let server = ServerName::try_from(name.to_string())?;
    Ok(verifier
        .verify_server_cert(leaf, &[], &server, &[], UnixTime::now())
        .map(|_| ())
        .map_err(|e| e.to_string()))
}

const INSIDE: [&str; 3] = [
    "ai.kommun.test",
    "kommun.openai.azure.com",
    "sub.ai.kommun.test",
];
const OUTSIDE: [&str; 4] = [
    "internetbanken.example",
    "intranet.kommun.test",
    "openai.azure.com.evil.example",
    "127.0.0.1",
];

#[test]
fn rustls_refuses_a_leaf_outside_the_constraints_and_accepts_one_inside() -> Res {
    let (ca, leaves) = constrained()?;
    for name in INSIDE {
        let leaf = leaves.certificate(name)?;
        assert_eq!(rustls_verdict(&ca, &leaf, name)?, Ok(()), "{name}");
    }
    // The same names pass under a CA without constraints: what fails is the constraint.
    let free = Arc::new(Ca::generate()?);
    let free_leaves = LeafCache::new(free.clone(), Duration::from_secs(3600), 10)?;
    for name in OUTSIDE {
        let leaf = leaves.certificate(name)?;
        let verdict = rustls_verdict(&ca, &leaf, name)?;
        assert!(verdict.is_err(), "{name} must be refused");
        let error = verdict.err().unwrap_or_default();
        assert!(
            error.to_lowercase().contains("name constraint") || error.contains("NameConstraint"),
            "{name}: {error}"
        );
        let unconstrained = free_leaves.certificate(name)?;
        assert_eq!(
            rustls_verdict(&free, &unconstrained, name)?,
            Ok(()),
            "{name} under an unconstrained CA"
        );
    }
    Ok(())
}

/// `openssl verify -CAfile ca.pem leaf.pem`: exit status and output.
fn openssl_verify(dir: &TempDir, ca: &Ca, leaf: &CertificateDer<'_>) -> Res<(bool, String)> {
    let (ca_path, leaf_path) = (dir.path("ca.pem"), dir.path("leaf.pem"));
    std::fs::write(&ca_path, ca.cert_pem())?;
    std::fs::write(
        &leaf_path,
        pem::encode(&pem::Pem::new("CERTIFICATE", leaf.to_vec())),
    )?;
    let out = Command::new("openssl")
        .arg("verify")
        .arg("-CAfile")
        .arg(&ca_path)
        .arg(&leaf_path)
        .output()?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Ok((out.status.success(), text))
}

#[test]
fn openssl_refuses_a_leaf_outside_the_constraints_and_accepts_one_inside() -> Res {
    if Command::new("openssl").arg("version").output().is_err() {
        eprintln!("skipped: openssl is not installed (apt-get install openssl)");
        return Ok(());
    }
    let dir = TempDir::new("openssl")?;
    let (ca, leaves) = constrained()?;
    for name in INSIDE {
        let (ok, text) = openssl_verify(&dir, &ca, &leaves.certificate(name)?)?;
        assert!(ok && text.contains("OK"), "{name}: {text}");
    }
    for name in OUTSIDE {
        let (ok, text) = openssl_verify(&dir, &ca, &leaves.certificate(name)?)?;
        assert!(!ok, "{name} must be refused: {text}");
        assert!(text.contains("subtree violation"), "{name}: {text}");
    }
    Ok(())
}

#[tokio::test]
async fn the_first_start_creates_a_ca_limited_to_the_registered_and_known_hosts() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let scope = sluss
        .ca()
        .scope()
        .ok_or("the generated CA has no constraints")?;
    for host in [APPROVED, NOT_APPROVED, "*.openai.azure.com", "chatgpt.com"] {
        assert!(scope.covers(host), "{host}");
    }
    for host in ["internetbanken.example", "intranet.kommun.test", "10.0.0.1"] {
        assert!(!scope.covers(host), "{host}");
    }
    sluss.stop().await
}

#[tokio::test]
async fn a_client_through_sluss_refuses_a_host_registered_after_the_ca() -> Res {
    let upstream = Upstream::start().await?;
    let late = "ny.kommun.test";
    let setup = Setup {
        resolve: vec![(format!("{late}:443"), upstream.addr)],
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let config = std::fs::read_to_string(&sluss.config_path)?;
    std::fs::write(
        &sluss.config_path,
        format!("{config}\n[[service]]\nname = \"Sen AI\"\nhosts = [\"{late}\"]\n"),
    )?;
    sluss.shared.reload(&sluss.config_path)?;

    let inside = common::connect_tunnel(sluss.addr, APPROVED).await?;
    let mut tls = common::tls_over(inside, sluss.ca(), APPROVED).await?;
    tokio::io::AsyncWriteExt::shutdown(&mut tls).await?;

    let outside = common::connect_tunnel(sluss.addr, late).await?;
    let refused = common::tls_over(outside, sluss.ca(), late).await;
    let error = refused.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        error.to_lowercase().contains("name constraint") || error.contains("NameConstraint"),
        "the handshake must fail on the constraint: {error:?}"
    );
    assert!(
        upstream.received().is_empty(),
        "nothing reached the upstream"
    );
    sluss.stop().await
}

fn write_config(dir: &TempDir, services: &str) -> Res<std::path::PathBuf> {
    let d = dir.0.display();
    let path = dir.path("sluss.toml");
    std::fs::write(
        &path,
        format!(
            "[proxy]\nlisten = [\"127.0.0.1:0\"]\n\n[ca]\ncert = \"{d}/ca.pem\"\nkey = \"{d}/ca-key.pem\"\n\n{services}"
        ),
    )?;
    Ok(path)
}

fn read_scope(path: &Path) -> Res<Option<NameScope>> {
    Ok(sluss::tls::ca::read_scope(path)?)
}

#[test]
fn ca_init_constrains_to_the_register_and_check_warns_when_it_grows() -> Res {
    let dir = TempDir::new("init")?;
    let service = "[[service]]\nname = \"Kommunens AI\"\nhosts = [\"ai.kommun.test\"]\n";
    let config = write_config(&dir, service)?;
    let init = sluss()
        .args(["ca", "init", "--config"])
        .arg(&config)
        .output()?;
    assert!(init.status.success(), "{init:?}");
    assert!(String::from_utf8_lossy(&init.stdout).contains("name-constrained"));
    let scope = read_scope(&dir.path("ca.pem"))?.ok_or("not constrained")?;
    assert!(scope.covers("ai.kommun.test") && scope.covers("api.openai.com"));
    assert!(!scope.covers("internetbanken.example"));

    let check = sluss().args(["check", "--config"]).arg(&config).output()?;
    let text = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success() && !text.contains("warning"),
        "{text}"
    );

    let grown = format!("{service}\n[[service]]\nname = \"Ny AI\"\nhosts = [\"ny.kommun.test\"]\n");
    let config = write_config(&dir, &grown)?;
    let check = sluss().args(["check", "--config"]).arg(&config).output()?;
    let text = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "a warning, not a failure: {text}");
    let line = format!("{}:14: warning: host `ny.kommun.test`", config.display());
    assert!(text.contains(&line), "{text}");
    assert!(
        text.contains("sluss ca init --force") && text.contains("distribute"),
        "{text}"
    );
    Ok(())
}

#[test]
fn ca_init_unconstrained_signs_for_anything_and_check_says_so() -> Res {
    let dir = TempDir::new("free")?;
    let config = write_config(&dir, "")?;
    let init = sluss()
        .args(["ca", "init", "--unconstrained", "--config"])
        .arg(&config)
        .output()?;
    assert!(init.status.success(), "{init:?}");
    assert!(String::from_utf8_lossy(&init.stdout).contains("not name-constrained"));
    assert!(read_scope(&dir.path("ca.pem"))?.is_none());
    let check = sluss().args(["check", "--config"]).arg(&config).output()?;
    let text = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success() && text.contains("is not name-constrained"),
        "{text}"
    );
    Ok(())
}
