//! Logging in to the admin listener (issue 12, item 3): failed logins are logged, answered
//! late and then refused for a while per address; TLS on the listener; `sluss admin passwd`
//! writes bcrypt lines that the listener accepts.

#[path = "audit_fixtures/mod.rs"]
mod common;

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use common::{TestResult, config, temp};
use reqwest::StatusCode;
use sluss::admin::{self, Credentials, Gate, LoginGuard};
use sluss::config::AdminAuth;
use sluss::proxy::Shared;
use tokio::net::TcpListener;

/// Everything logged at WARN and above in this test binary.
fn captured() -> Arc<Mutex<Vec<u8>>> {
    static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOG.get_or_init(|| {
        let log = Arc::new(Mutex::new(Vec::new()));
        let _ = tracing_subscriber::fmt()
            .with_writer(Capture(log.clone()))
            .with_ansi(false)
            .with_max_level(tracing::Level::WARN)
            .try_init();
        log
    })
    .clone()
}

#[derive(Clone)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Capture {
        self.clone()
    }
}

fn private_file(path: &std::path::Path, text: &str) -> TestResult {
    std::fs::write(path, text)?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    Ok(())
}

/// The admin listener on a fresh log with `gate`; returns its address.
async fn start(dir: &std::path::Path, gate: Gate) -> TestResult<SocketAddr> {
    let config = sluss::config::load(&config(dir, "")?)?;
    let (shared, _) = Shared::start(config)?;
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(admin::serve_with(
        Arc::new(shared),
        gate,
        listener,
        std::future::pending(),
    ));
    Ok(addr)
}

fn client_from(local: IpAddr) -> TestResult<reqwest::Client> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    Ok(reqwest::Client::builder()
        .no_proxy()
        .local_address(local)
        .timeout(Duration::from_secs(20))
        .build()?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_are_logged_slowed_and_then_refused_for_a_while() -> TestResult {
    let log = captured();
    let dir = temp("sluss-lockout-")?;
    let users = dir.path().join("users");
    private_file(
        &users,
        &format!("anna:{}\n", bcrypt::hash("korrekt-häst-batteri", 4)?),
    )?;
    let gate = Gate {
        credentials: Credentials::load(&AdminAuth::Basic(users))?,
        guard: LoginGuard::with(3, Duration::from_secs(3600), Duration::from_secs(600)),
        tls: None,
        review: Default::default(),
        views: Default::default(),
    };
    let addr = start(dir.path(), gate).await?;
    let url = format!("http://{addr}/metrics");
    let here = client_from(IpAddr::from([127, 0, 0, 1]))?;
    let try_login = |client: &reqwest::Client, user: &str, password: &str| {
        client.get(&url).basic_auth(user, Some(password)).send()
    };
    assert_eq!(
        try_login(&here, "anna", "korrekt-häst-batteri")
            .await?
            .status(),
        StatusCode::OK
    );
    for attempt in 0..4 {
        let started = Instant::now();
        let response = try_login(&here, "mallory", &format!("gissning-{attempt}")).await?;
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "attempt {attempt}"
        );
        assert!(
            started.elapsed() >= admin::FAILURE_DELAY,
            "a failed login is answered late"
        );
    }
    // Over the limit: refused at once, even with the right password, for a while.
    let started = Instant::now();
    let refused = try_login(&here, "anna", "korrekt-häst-batteri").await?;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(started.elapsed() < admin::FAILURE_DELAY);
    let retry: u64 = refused
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    assert!((500..=600).contains(&retry), "Retry-After {retry}");
    assert!(
        refused
            .text()
            .await?
            .contains("För många misslyckade inloggningar")
    );
    // Another address is not affected.
    let elsewhere = client_from(IpAddr::from([127, 0, 0, 2]))?;
    assert_eq!(
        try_login(&elsewhere, "anna", "korrekt-häst-batteri")
            .await?
            .status(),
        StatusCode::OK
    );
    let text = String::from_utf8_lossy(
        &log.lock()
            .map_or_else(|e| e.into_inner().clone(), |l| l.clone()),
    )
    .into_owned();
    let failures = text
        .lines()
        .filter(|l| l.contains("admin: login failed") && l.contains("user=\"mallory\""))
        .count();
    assert_eq!(failures, 4, "every failed login is logged:\n{text}");
    assert!(text.contains("client=127.0.0.1"));
    assert!(text.contains("too many failed logins"));
    assert!(!text.contains("gissning"), "no password in the log");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_listener_speaks_tls_when_configured() -> TestResult {
    let dir = temp("sluss-admin-tls-")?;
    let rcgen::CertifiedKey { cert, signing_key } =
        rcgen::generate_simple_self_signed(vec!["localhost".to_string()])?;
    let cert_path = dir.path().join("admin.pem");
    let key_path = dir.path().join("admin-key.pem");
    std::fs::write(&cert_path, cert.pem())?;
    private_file(&key_path, &signing_key.serialize_pem())?;
    let token = dir.path().join("token");
    private_file(&token, "0123456789abcdef0123456789abcdef\n")?;
    let gate = Gate {
        credentials: Credentials::load(&AdminAuth::Token(token))?,
        guard: LoginGuard::new(),
        tls: Some(admin::tls::server_config(&cert_path, &key_path)?),
        review: Default::default(),
        views: Default::default(),
    };
    let addr = start(dir.path(), gate).await?;
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut roots = rustls::RootCertStore::empty();
    roots.add(cert.der().clone())?;
    let tls = rustls::ClientConfig::builder()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let client = reqwest::Client::builder()
        .no_proxy()
        .use_preconfigured_tls(tls)
        .resolve("localhost", addr)
        .build()?;
    let ready = client
        .get(format!("https://localhost:{}/readyz", addr.port()))
        .bearer_auth("0123456789abcdef0123456789abcdef")
        .send()
        .await?;
    assert_eq!(ready.status(), StatusCode::OK);
    // Plain HTTP gets no answer from a TLS listener.
    let plain = client_from(IpAddr::from([127, 0, 0, 1]))?
        .get(format!("http://{addr}/healthz"))
        .send()
        .await;
    assert!(plain.is_err() || plain.is_ok_and(|r| r.status() != StatusCode::OK));
    // A key others can read is refused; a missing key half is a config error.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&key_path, std::fs::Permissions::from_mode(0o644))?;
    let open = admin::tls::server_config(&cert_path, &key_path).err();
    assert!(open.is_some_and(|e| e.to_string().contains("chmod 600")));
    let half = sluss::config::parse(
        "[admin]\nlisten = '127.0.0.1:9090'\ntoken_file = 't'\ncert = 'c.pem'\n",
        "sluss.toml",
    );
    let message = half.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.contains("sluss.toml:4:") && message.contains("cert and key"),
        "{message}"
    );
    Ok(())
}

/// Runs `sluss admin passwd <user> args…` with `password` on standard input.
fn passwd(user: &str, args: &[&str], password: &str) -> TestResult<std::process::Output> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sluss"))
        .args(["admin", "passwd", user])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let written = child
        .stdin
        .take()
        .ok_or("no stdin")?
        .write_all(format!("{password}\n").as_bytes());
    // A command that refuses its arguments exits before it reads the password.
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    Ok(child.wait_with_output()?)
}

#[test]
fn sluss_admin_passwd_writes_lines_the_listener_accepts() -> TestResult {
    let dir = temp("sluss-passwd-")?;
    let file = dir.path().join("users");
    let file_arg = file.to_string_lossy().into_owned();
    let out = passwd("anna", &["--file", &file_arg], "korrekt-häst-batteri")?;
    assert!(out.status.success(), "{out:?}");
    let out = passwd("bo", &["--file", &file_arg], "ett-annat-lösenord")?;
    assert!(out.status.success(), "{out:?}");
    let out = passwd("anna", &["--file", &file_arg], "nytt-häst-batteri")?;
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("replaced anna"));
    let text = std::fs::read_to_string(&file)?;
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(!text.contains("häst") && !text.contains("lösenord"));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&file)?.permissions().mode() & 0o777,
        0o600
    );
    let credentials = Credentials::load(&AdminAuth::Basic(file))?;
    let basic = |user: &str, password: &str| {
        use base64::Engine as _;
        let mut headers = http::HeaderMap::new();
        let value = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        if let Ok(v) = http::HeaderValue::from_str(&format!("Basic {value}")) {
            headers.insert(http::header::AUTHORIZATION, v);
        }
        headers
    };
    assert!(
        credentials
            .check(&basic("anna", "nytt-häst-batteri"))
            .is_some()
    );
    assert!(
        credentials
            .check(&basic("anna", "korrekt-häst-batteri"))
            .is_none()
    );
    assert!(
        credentials
            .check(&basic("bo", "ett-annat-lösenord"))
            .is_some()
    );
    // Printed instead of written; short passwords and bad names are refused.
    let out = passwd("eva", &["--stdout"], "ett-långt-lösenord")?;
    let line = String::from_utf8(out.stdout)?;
    assert!(line.starts_with("eva:$2b$"), "{line}");
    assert!(!passwd("eva", &["--stdout"], "kort")?.status.success());
    assert!(
        !passwd("e:va", &["--stdout"], "ett-långt-lösenord")?
            .status
            .success()
    );
    Ok(())
}

#[test]
fn sluss_check_and_sluss_run_refuse_a_plain_text_password_file() -> TestResult {
    let dir = temp("sluss-plain-")?;
    let users = dir.path().join("users");
    private_file(&users, "# granskare\nanna:korrekt-häst-batteri\n")?;
    let config = config(
        dir.path(),
        &format!(
            "[proxy]\nlisten = ['127.0.0.1:0']\n\n[admin]\nlisten = '127.0.0.1:0'\n\
             basic_auth_file = '{}'\n",
            users.display()
        ),
    )?;
    for command in ["check", "run"] {
        let out = Command::new(env!("CARGO_BIN_EXE_sluss"))
            .arg(command)
            .arg("--config")
            .arg(&config)
            .stdin(Stdio::null())
            .output()?;
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.status.success(), "{command}: {text}");
        assert!(
            text.contains(&format!("{}:2:", users.display())) && text.contains("plain text"),
            "{command}: {text}"
        );
        assert!(
            !text.contains("korrekt-häst-batteri"),
            "no password in the message"
        );
    }
    Ok(())
}
