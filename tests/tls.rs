//! `tls`: the CA's files, leaves minted per host and their cache, and upstream trust, all
//! checked with real TLS handshakes over loopback sockets.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rustls::pki_types::ServerName;
use rustls::{ClientConfig, ServerConfig};
use sluss::tls::{Ca, CaError, LeafCache, client_config};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::client::TlsStream;
use tokio_rustls::{TlsAcceptor, TlsConnector};

mod common;

use common::Res;

const DAY: Duration = Duration::from_secs(24 * 3600);

/// A directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Res<TempDir> {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("sluss-tls-{}-{n}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        Ok(TempDir(dir))
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An echo server: reads up to 64 bytes per connection, writes them back, closes.
async fn echo_server(config: Arc<ServerConfig>) -> Res<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let acceptor = TlsAcceptor::from(config);
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut buf = [0u8; 64];
                if let Ok(n) = tls.read(&mut buf).await {
                    let _ = tls.write_all(&buf[..n]).await;
                    let _ = tls.shutdown().await;
                }
            });
        }
    });
    Ok(addr)
}

/// A client that trusts only `ca`, offering h2 and http/1.1.
fn client_trusting(ca: &Ca) -> Res<Arc<ClientConfig>> {
    Ok(Arc::new(common::client_tls(ca, &[b"h2", b"http/1.1"])?))
}

async fn connect(
    client: Arc<ClientConfig>,
    addr: SocketAddr,
    name: &str,
) -> Res<TlsStream<TcpStream>> {
    let name = ServerName::try_from(name.to_owned())?;
    let tcp = TcpStream::connect(addr).await?;
    Ok(TlsConnector::from(client).connect(name, tcp).await?)
}

/// Sends `msg` and returns what came back.
async fn echo(tls: &mut TlsStream<TcpStream>, msg: &[u8]) -> Res<Vec<u8>> {
    tls.write_all(msg).await?;
    let mut back = Vec::new();
    tls.read_to_end(&mut back).await?;
    Ok(back)
}

fn cache(ca: &Arc<Ca>, validity: Duration, capacity: usize) -> Res<LeafCache> {
    Ok(LeafCache::new(Arc::clone(ca), validity, capacity)?)
}

#[tokio::test]
async fn minted_leaf_passes_a_real_handshake_with_h2() -> Res {
    let ca = Arc::new(Ca::generate()?);
    let leaves = cache(&ca, DAY, 100)?;
    let addr = echo_server(leaves.server_config("api.example.test").await?).await?;
    let mut tls = connect(client_trusting(&ca)?, addr, "api.example.test").await?;
    assert_eq!(tls.get_ref().1.alpn_protocol(), Some(&b"h2"[..]));
    assert_eq!(echo(&mut tls, b"hej sluss").await?, b"hej sluss");
    Ok(())
}

#[tokio::test]
async fn leaf_for_one_host_fails_verification_for_another() -> Res {
    let ca = Arc::new(Ca::generate()?);
    let leaves = cache(&ca, DAY, 100)?;
    let addr = echo_server(leaves.server_config("api.example.test").await?).await?;
    let err = connect(client_trusting(&ca)?, addr, "other.test").await;
    let err = err.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("not valid for name \"other.test\""), "{err}");
    Ok(())
}

#[tokio::test]
async fn client_without_the_ca_rejects_the_leaf() -> Res {
    let ca = Arc::new(Ca::generate()?);
    let leaves = cache(&ca, DAY, 100)?;
    let addr = echo_server(leaves.server_config("api.example.test").await?).await?;
    let stranger = Ca::generate()?;
    let err = connect(client_trusting(&stranger)?, addr, "api.example.test").await;
    let err = err.err().map(|e| e.to_string()).unwrap_or_default();
    // Same subject name as our CA, so webpki tries it and finds the signature wrong.
    assert!(err.contains("invalid peer certificate"), "{err}");
    Ok(())
}

#[tokio::test]
async fn ip_literal_hosts_get_an_ip_san() -> Res {
    let ca = Arc::new(Ca::generate()?);
    let leaves = cache(&ca, DAY, 100)?;
    let addr = echo_server(leaves.server_config("127.0.0.1").await?).await?;
    let mut tls = connect(client_trusting(&ca)?, addr, "127.0.0.1").await?;
    assert_eq!(echo(&mut tls, b"ip").await?, b"ip");
    // IPv6 in brackets, as in a CONNECT authority, is the same host as without.
    let v6 = leaves.server_config("[::1]").await?;
    assert!(Arc::ptr_eq(&v6, &leaves.server_config("::1").await?));
    Ok(())
}

#[tokio::test]
async fn http1_only_clients_get_http1() -> Res {
    let ca = Arc::new(Ca::generate()?);
    let leaves = cache(&ca, DAY, 100)?;
    let addr = echo_server(leaves.server_config("api.example.test").await?).await?;
    let mut client = (*client_trusting(&ca)?).clone();
    client.alpn_protocols = vec![b"http/1.1".to_vec()];
    let tls = connect(Arc::new(client), addr, "api.example.test").await?;
    assert_eq!(tls.get_ref().1.alpn_protocol(), Some(&b"http/1.1"[..]));
    Ok(())
}

#[tokio::test]
async fn invalid_host_is_an_error() -> Res {
    let leaves = cache(&Arc::new(Ca::generate()?), DAY, 100)?;
    let err = leaves.server_config("not a host").await;
    assert!(matches!(err, Err(CaError::InvalidHost(_))));
    assert_eq!(leaves.mints(), 0);
    Ok(())
}

#[tokio::test]
async fn same_host_twice_is_served_from_the_cache() -> Res {
    let leaves = cache(&Arc::new(Ca::generate()?), DAY, 100)?;
    let a = leaves.server_config("api.example.test").await?;
    let b = leaves.server_config("API.example.test").await?;
    assert!(Arc::ptr_eq(&a, &b));
    assert_eq!(leaves.mints(), 1);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_misses_for_one_host_mint_once() -> Res {
    let leaves = Arc::new(cache(&Arc::new(Ca::generate()?), DAY, 100)?);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..200 {
        let leaves = Arc::clone(&leaves);
        tasks.spawn(async move { leaves.server_config("api.example.test").await });
    }
    let mut configs = Vec::new();
    while let Some(done) = tasks.join_next().await {
        configs.push(done??);
    }
    assert_eq!(configs.len(), 200);
    assert!(configs.iter().all(|c| Arc::ptr_eq(c, &configs[0])));
    assert_eq!(leaves.mints(), 1);
    Ok(())
}

#[tokio::test]
async fn full_cache_evicts_the_least_recently_used_host() -> Res {
    let leaves = cache(&Arc::new(Ca::generate()?), DAY, 2)?;
    leaves.server_config("a.test").await?;
    leaves.server_config("b.test").await?;
    leaves.server_config("a.test").await?; // a is now more recent than b
    leaves.server_config("c.test").await?; // evicts b
    assert_eq!(leaves.mints(), 3);
    leaves.server_config("a.test").await?;
    leaves.server_config("c.test").await?;
    assert_eq!(leaves.mints(), 3, "a and c are still cached");
    leaves.server_config("b.test").await?;
    assert_eq!(leaves.mints(), 4, "b was evicted and is minted again");
    Ok(())
}

#[tokio::test(start_paused = true)]
async fn leaf_is_reminted_when_a_quarter_of_its_validity_is_left() -> Res {
    // The cache reads tokio's clock, which this test moves by hand: exact, and no waiting.
    let leaves = cache(&Arc::new(Ca::generate()?), Duration::from_secs(800), 100)?;
    let first = leaves.server_config("api.example.test").await?;
    tokio::time::advance(Duration::from_secs(599)).await;
    let early = leaves.server_config("api.example.test").await?;
    assert!(
        Arc::ptr_eq(&first, &early),
        "still fresh after 599 of 800 s"
    );
    tokio::time::advance(Duration::from_secs(1)).await;
    let late = leaves.server_config("api.example.test").await?;
    assert!(
        !Arc::ptr_eq(&first, &late),
        "due after 600 of 800 s (three quarters)"
    );
    assert_eq!(leaves.mints(), 2);
    let again = leaves.server_config("api.example.test").await?;
    assert!(Arc::ptr_eq(&late, &again));
    assert_eq!(leaves.mints(), 2);
    Ok(())
}

#[test]
fn save_then_load_keeps_the_fingerprint_and_protects_the_key() -> Res {
    let dir = TempDir::new("roundtrip")?;
    let (cert, key) = (dir.path("sub/ca.pem"), dir.path("sub/ca-key.pem"));
    let ca = Ca::generate()?;
    ca.save(&cert, &key)?;
    let loaded = Ca::load(&cert, &key)?;
    assert_eq!(loaded.fingerprint_sha256(), ca.fingerprint_sha256());
    assert_eq!(loaded.cert_pem(), ca.cert_pem());
    assert_eq!(loaded.not_after(), ca.not_after());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&key)?.permissions().mode() & 0o777, 0o600);
        assert_eq!(
            std::fs::metadata(&cert)?.permissions().mode() & 0o777,
            0o644
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path("sub"))?.collect();
    assert_eq!(leftovers.len(), 2, "no temporary files left behind");
    Ok(())
}

#[tokio::test]
async fn a_loaded_ca_signs_leaves_clients_of_the_saved_cert_accept() -> Res {
    let dir = TempDir::new("loaded-signs")?;
    let (cert, key) = (dir.path("ca.pem"), dir.path("ca-key.pem"));
    Ca::generate()?.save(&cert, &key)?;
    let ca = Arc::new(Ca::load(&cert, &key)?);
    let leaves = cache(&ca, DAY, 10)?;
    let addr = echo_server(leaves.server_config("api.example.test").await?).await?;
    let roots = client_config(&[cert])?;
    let mut tls = connect(Arc::new(roots), addr, "api.example.test").await?;
    assert_eq!(echo(&mut tls, b"loaded").await?, b"loaded");
    Ok(())
}

#[cfg(unix)]
#[test]
fn key_readable_by_others_is_refused() -> Res {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("perm")?;
    let (cert, key) = (dir.path("ca.pem"), dir.path("ca-key.pem"));
    Ca::generate()?.save(&cert, &key)?;
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644))?;
    let err = Ca::load(&cert, &key).err();
    assert!(
        matches!(&err, Some(CaError::Permissions { mode: 0o644, .. })),
        "{err:?}"
    );
    let msg = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(msg.contains(&key.display().to_string()), "{msg}");
    assert!(msg.contains("0644") && msg.contains("chmod 600"), "{msg}");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o640))?;
    assert!(matches!(
        Ca::load(&cert, &key),
        Err(CaError::Permissions { .. })
    ));
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o400))?;
    assert!(Ca::load(&cert, &key).is_ok(), "owner-only read is fine");
    Ok(())
}

#[test]
fn load_or_generate_creates_once_then_reuses() -> Res {
    let dir = TempDir::new("log")?;
    let (cert, key) = (dir.path("state/ca.pem"), dir.path("state/ca-key.pem"));
    let (first, created) = Ca::load_or_generate(&cert, &key)?;
    assert!(created);
    assert!(cert.exists() && key.exists());
    let (second, created) = Ca::load_or_generate(&cert, &key)?;
    assert!(!created);
    assert_eq!(first.fingerprint_sha256(), second.fingerprint_sha256());
    Ok(())
}

#[test]
fn load_or_generate_refuses_half_a_ca() -> Res {
    let dir = TempDir::new("half")?;
    let (cert, key) = (dir.path("ca.pem"), dir.path("ca-key.pem"));
    Ca::generate()?.save(&cert, &key)?;
    std::fs::remove_file(&key)?;
    let err = Ca::load_or_generate(&cert, &key).err();
    assert!(
        matches!(&err, Some(CaError::Incomplete { missing, .. }) if missing == &key),
        "{err:?}"
    );
    assert!(!key.exists(), "nothing was generated");

    Ca::generate()?.save(&cert, &key)?;
    std::fs::remove_file(&cert)?;
    let err = Ca::load_or_generate(&cert, &key).err();
    assert!(
        matches!(&err, Some(CaError::Incomplete { missing, .. }) if missing == &cert),
        "{err:?}"
    );
    let msg = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(msg.contains(&cert.display().to_string()), "{msg}");
    Ok(())
}

/// Asserts `Parse` naming `path`.
fn assert_parse_error(result: Result<Ca, CaError>, path: &Path) {
    let err = result.err();
    assert!(
        matches!(&err, Some(CaError::Parse { path: p, .. }) if p == path),
        "{err:?}"
    );
    let msg = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(msg.contains(&path.display().to_string()), "{msg}");
}

#[test]
fn corrupt_files_are_parse_errors_naming_the_file() -> Res {
    let dir = TempDir::new("corrupt")?;
    let (cert, key) = (dir.path("ca.pem"), dir.path("ca-key.pem"));
    let ca = Ca::generate()?;
    ca.save(&cert, &key)?;

    std::fs::write(
        &cert,
        "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n",
    )?;
    assert_parse_error(Ca::load(&cert, &key), &cert);
    std::fs::write(&cert, "garbage")?;
    assert_parse_error(Ca::load(&cert, &key), &cert);
    let der_garbage = "-----BEGIN CERTIFICATE-----\naGVq\n-----END CERTIFICATE-----\n";
    std::fs::write(&cert, der_garbage)?;
    assert_parse_error(Ca::load(&cert, &key), &cert);

    ca.save(&cert, &key)?;
    let other = TempDir::new("corrupt-other")?;
    let (other_cert, other_key) = (other.path("ca.pem"), other.path("ca-key.pem"));
    Ca::generate()?.save(&other_cert, &other_key)?;
    assert_parse_error(Ca::load(&cert, &other_key), &other_key);

    ca.save(&cert, &key)?;
    let text = std::fs::read_to_string(&key)?;
    std::fs::write(&key, text.replace("PRIVATE KEY", "EC PRIVATE KEY"))?;
    assert_parse_error(Ca::load(&cert, &key), &key);
    std::fs::write(&key, "")?;
    assert_parse_error(Ca::load(&cert, &key), &key);
    Ok(())
}

#[test]
fn a_leaf_certificate_is_not_accepted_as_the_ca() -> Res {
    let dir = TempDir::new("notca")?;
    let (cert, key) = (dir.path("leaf.pem"), dir.path("leaf-key.pem"));
    let leaf = rcgen::generate_simple_self_signed(vec!["api.example.test".to_owned()])?;
    std::fs::write(&cert, leaf.cert.pem())?;
    std::fs::write(&key, leaf.signing_key.serialize_pem())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600))?;
    }
    assert_parse_error(Ca::load(&cert, &key), &cert);
    Ok(())
}

#[test]
fn missing_ca_files_are_io_errors_naming_the_file() -> Res {
    let dir = TempDir::new("missing")?;
    let (cert, key) = (dir.path("ca.pem"), dir.path("ca-key.pem"));
    let err = Ca::load(&cert, &key).err();
    assert!(
        matches!(&err, Some(CaError::Io { path, .. }) if path == &cert),
        "{err:?}"
    );
    Ok(())
}

#[tokio::test]
async fn upstream_config_trusts_extra_roots() -> Res {
    let dir = TempDir::new("upstream")?;
    let upstream_ca = Arc::new(Ca::generate()?);
    let bundle = dir.path("bundle.pem");
    // Two certificates in one file; the second is the one that matters.
    let decoy = Ca::generate()?;
    std::fs::write(
        &bundle,
        format!("{}{}", decoy.cert_pem(), upstream_ca.cert_pem()),
    )?;
    let leaves = cache(&upstream_ca, DAY, 10)?;
    let addr = echo_server(leaves.server_config("upstream.test").await?).await?;

    let client = Arc::new(client_config(&[bundle])?);
    let mut tls = connect(Arc::clone(&client), addr, "upstream.test").await?;
    assert_eq!(tls.get_ref().1.alpn_protocol(), Some(&b"h2"[..]));
    assert_eq!(echo(&mut tls, b"upstream").await?, b"upstream");

    let public_only = Arc::new(client_config(&[])?);
    let err = connect(public_only, addr, "upstream.test").await;
    assert!(err.is_err(), "the test CA is not a public root");
    Ok(())
}

#[test]
fn upstream_root_files_must_exist_and_hold_certificates() -> Res {
    let dir = TempDir::new("upstream-bad")?;
    let missing = dir.path("missing.pem");
    let err = client_config(std::slice::from_ref(&missing)).err();
    assert!(
        matches!(&err, Some(CaError::Io { path, .. }) if path == &missing),
        "{err:?}"
    );
    let msg = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(msg.contains(&missing.display().to_string()), "{msg}");

    let empty = dir.path("empty.pem");
    std::fs::write(&empty, "no certificates here\n")?;
    let err = client_config(std::slice::from_ref(&empty)).err();
    assert!(
        matches!(&err, Some(CaError::Parse { path, .. }) if path == &empty),
        "{err:?}"
    );
    Ok(())
}

/// `cargo test --release --test tls -- --ignored --nocapture timings`
#[ignore = "timing; run with --release --nocapture"]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timings() -> Res {
    let ca = Arc::new(Ca::generate()?);
    let leaves = cache(&ca, DAY, 10_000)?;
    let n = 2000u32;
    let started = Instant::now();
    for i in 0..n {
        leaves.mint(&format!("host{i}.example.test"))?;
    }
    let mint = started.elapsed() / n;
    let started = Instant::now();
    for _ in 0..100_000 {
        leaves.server_config("cached.example.test").await?;
    }
    let hit = started.elapsed() / 100_000;

    let addr = echo_server(leaves.server_config("api.example.test").await?).await?;
    let client = client_trusting(&ca)?;
    let rounds = 500u32;
    let started = Instant::now();
    for _ in 0..rounds {
        let mut tls = connect(Arc::clone(&client), addr, "api.example.test").await?;
        echo(&mut tls, b"x").await?;
    }
    let handshake = started.elapsed() / rounds;
    println!(
        "leaf mint {} µs; cache hit {} ns; full TLS 1.3 handshake + 1-byte echo over loopback {} µs (client and server on one machine)",
        mint.as_micros(),
        hit.as_nanos(),
        handshake.as_micros()
    );
    Ok(())
}

#[test]
fn an_expired_ca_is_refused() -> Res {
    let dir = TempDir::new("expired")?;
    let (cert, key) = (dir.path("ca.pem"), dir.path("ca-key.pem"));
    let key_pair = rcgen::KeyPair::generate()?;
    let mut params = rcgen::CertificateParams::default();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.not_before = rcgen::date_time_ymd(2020, 1, 1);
    params.not_after = rcgen::date_time_ymd(2021, 1, 1);
    std::fs::write(&cert, params.self_signed(&key_pair)?.pem())?;
    std::fs::write(&key, key_pair.serialize_pem())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600))?;
    }
    let err = Ca::load(&cert, &key).err();
    assert!(
        matches!(&err, Some(CaError::Expired { not_after, .. }) if not_after == "2021-01-01T00:00:00Z"),
        "{err:?}"
    );
    Ok(())
}
