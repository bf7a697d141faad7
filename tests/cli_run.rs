//! The binary: `sluss run` on built-in defaults and with a config (CA generated and announced,
//! group-readable key refused, JSON logs, SIGTERM), `sluss ca init|show`, `sluss pac`.

mod common;

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Res, TempDir};

fn sluss() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sluss"))
}

fn write_config(dir: &TempDir, extra: &str) -> Res<std::path::PathBuf> {
    let d = dir.0.display();
    let path = dir.path("sluss.toml");
    std::fs::write(
        &path,
        format!(
            "[proxy]\nlisten = [\"127.0.0.1:0\"]\n\n[ca]\ncert = \"{d}/ca.pem\"\nkey = \"{d}/ca-key.pem\"\n\n\
             [audit]\npath = \"{d}/audit.jsonl\"\nkey_file = \"{d}/audit-key\"\n\n{extra}"
        ),
    )?;
    Ok(path)
}

/// Reads stderr lines until one contains `needle`; returns all lines read.
fn wait_for_line(child: &mut Child, needle: &str) -> Res<Vec<String>> {
    let stderr = child.stderr.take().ok_or("no stderr")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // Keep draining after the caller stops listening, like a real log pipe.
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut lines = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(line) => {
                let done = line.contains(needle);
                lines.push(line);
                if done {
                    return Ok(lines);
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(_) => break,
        }
    }
    Err(format!("no line with {needle:?} in {lines:#?}").into())
}

fn terminate(child: &mut Child) -> Res<std::process::ExitStatus> {
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()?;
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    Err("sluss did not stop on SIGTERM".into())
}

fn mode(path: &Path) -> Res<u32> {
    Ok(std::fs::metadata(path)?.permissions().mode() & 0o777)
}

#[test]
fn run_generates_and_announces_the_ca_logs_json_and_stops_on_sigterm() -> Res {
    let dir = TempDir::new("run")?;
    let config = write_config(&dir, "")?;
    let mut child = sluss()
        .args(["run", "--log-format", "json", "--config"])
        .arg(&config)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()?;
    let lines = wait_for_line(&mut child, "proxy listening")?;
    let records: Vec<serde_json::Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l))
        .collect::<Result<_, _>>()?;
    let announce = records
        .iter()
        .find(|r| {
            r["message"]
                .as_str()
                .is_some_and(|m| m.contains("generated a new interception CA"))
        })
        .ok_or("the new CA was not announced")?;
    assert!(
        announce["ca"]
            .as_str()
            .is_some_and(|p| p.ends_with("ca.pem"))
    );
    assert_eq!(
        announce["sha256"].as_str().map(str::len),
        Some(95),
        "AB:CD:… fingerprint"
    );
    assert_eq!(mode(&dir.path("ca-key.pem"))?, 0o600);
    let address = records
        .last()
        .and_then(|r| r["address"].as_str())
        .ok_or("no address")?
        .to_string();
    let mut stream = std::net::TcpStream::connect(&address)?;
    std::io::Write::write_all(
        &mut stream,
        b"GET /register HTTP/1.1\r\nHost: sluss\r\nConnection: close\r\n\r\n",
    )?;
    let mut page = String::new();
    std::io::Read::read_to_string(&mut stream, &mut page)?;
    assert!(page.starts_with("HTTP/1.1 200") && page.contains("Godkända AI-tjänster"));
    let status = terminate(&mut child)?;
    assert!(status.success(), "{status}");
    Ok(())
}

#[test]
fn run_refuses_a_group_readable_ca_key() -> Res {
    let dir = TempDir::new("perm")?;
    let config = write_config(&dir, "")?;
    let init = sluss().args(["ca", "init", "--dir"]).arg(&dir.0).output()?;
    assert!(init.status.success());
    std::fs::set_permissions(
        dir.path("ca-key.pem"),
        std::fs::Permissions::from_mode(0o640),
    )?;
    let mut child = sluss()
        .args(["run", "--config"])
        .arg(&config)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()?;
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            return Err("sluss started with a group-readable key".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(2));
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().ok_or("stderr")?, &mut stderr)?;
    assert!(stderr.contains("ca-key.pem"), "{stderr}");
    Ok(())
}

#[test]
fn ca_init_creates_a_private_key_and_refuses_to_overwrite_without_force() -> Res {
    let dir = TempDir::new("init")?;
    let first = sluss().args(["ca", "init", "--dir"]).arg(&dir.0).output()?;
    assert!(first.status.success(), "{first:?}");
    assert_eq!(mode(&dir.path("ca-key.pem"))?, 0o600);
    let cert = std::fs::read_to_string(dir.path("ca.pem"))?;
    assert!(cert.starts_with("-----BEGIN CERTIFICATE-----"));
    let again = sluss().args(["ca", "init", "--dir"]).arg(&dir.0).output()?;
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(dir.path("ca.pem"))?, cert, "kept");
    let forced = sluss()
        .args(["ca", "init", "--force", "--dir"])
        .arg(&dir.0)
        .output()?;
    assert!(forced.status.success());
    assert_ne!(
        std::fs::read_to_string(dir.path("ca.pem"))?,
        cert,
        "replaced"
    );
    Ok(())
}

#[test]
fn ca_show_prints_the_certificate_fingerprint_and_how_to_trust_it() -> Res {
    let dir = TempDir::new("show")?;
    let config = write_config(&dir, "")?;
    let missing = sluss()
        .args(["ca", "show", "--config"])
        .arg(&config)
        .output()?;
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("sluss ca init"));
    sluss().args(["ca", "init", "--dir"]).arg(&dir.0).output()?;
    let shown = sluss()
        .args(["ca", "show", "--config"])
        .arg(&config)
        .output()?;
    assert!(shown.status.success());
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(text.starts_with("-----BEGIN CERTIFICATE-----"));
    for hint in [
        "SHA-256 fingerprint",
        "Group Policy",
        "Intune",
        "security add-trusted-cert",
        "ImportEnterpriseRoots",
        "SSL_CERT_FILE",
        "REQUESTS_CA_BUNDLE",
        "NODE_EXTRA_CA_CERTS",
    ] {
        assert!(text.contains(hint), "{hint} missing");
    }
    Ok(())
}

#[test]
fn pac_sends_registered_and_known_ai_hosts_to_the_proxy() -> Res {
    let dir = TempDir::new("pac")?;
    let config = write_config(
        &dir,
        "[[service]]\nname = \"Kommunens Azure OpenAI\"\nhosts = [\"kommun.openai.azure.com\"]\n",
    )?;
    let out = sluss().args(["pac", "--config"]).arg(&config).output()?;
    assert!(out.status.success());
    let pac = String::from_utf8(out.stdout)?;
    assert!(pac.contains("function FindProxyForURL(url, host)"));
    assert!(pac.contains("\"kommun.openai.azure.com\""));
    assert!(pac.contains("\"claude.ai\""));
    assert!(pac.contains("return \"DIRECT\";"));
    Ok(())
}

/// Reads stderr until a line contains one of `needles` (returned with all lines read) or the
/// process closes it (`None`).
fn wait_for_either(child: &mut Child, needles: &[&str]) -> Res<(Vec<String>, Option<String>)> {
    let stderr = child.stderr.take().ok_or("no stderr")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut lines = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(line) => {
                let hit = needles
                    .iter()
                    .find(|n| line.contains(**n))
                    .map(|n| n.to_string());
                lines.push(line);
                if hit.is_some() {
                    return Ok((lines, hit));
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(_) => return Ok((lines, None)),
        }
    }
    Err(format!("none of {needles:?} in {lines:#?}").into())
}

/// Waits (bounded) for the process to exit.
fn exit_status(child: &mut Child) -> Res<std::process::ExitStatus> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            return Err("sluss did not exit".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The defaults listen on 127.0.0.1:3128. That port may be taken on this machine (by another
/// sluss, say): then sluss must stop with exit 2 and name the address, which proves the same.
/// Either way the test checks the address; it never passes by skipping.
#[test]
fn run_on_built_in_defaults_listens_on_3128_with_state_in_sluss_data() -> Res {
    let dir = TempDir::new("defaults")?;
    let mut child = sluss()
        .arg("run")
        .current_dir(&dir.0)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()?;
    let (lines, hit) = wait_for_either(&mut child, &["proxy listening", "cannot listen on"])?;
    assert!(
        lines.iter().any(|l| l.contains("built-in defaults")),
        "{lines:#?}"
    );
    assert!(dir.path("sluss-data/ca.pem").exists() && dir.path("sluss-data/ca-key.pem").exists());
    match hit.as_deref() {
        Some("proxy listening") => {
            assert!(
                lines.last().is_some_and(|l| l.contains("127.0.0.1:3128")),
                "{lines:#?}"
            );
            assert!(terminate(&mut child)?.success());
        }
        Some(_) => {
            assert!(
                lines
                    .last()
                    .is_some_and(|l| l.contains("cannot listen on 127.0.0.1:3128"))
            );
            assert_eq!(exit_status(&mut child)?.code(), Some(2));
        }
        None => return Err(format!("sluss stopped without saying why: {lines:#?}").into()),
    }
    Ok(())
}

#[test]
fn run_stops_with_a_clear_error_when_its_port_is_busy() -> Res {
    let busy = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = busy.local_addr()?;
    let dir = TempDir::new("busy")?;
    let config = write_config(&dir, "")?;
    let text = std::fs::read_to_string(&config)?.replace("127.0.0.1:0", &addr.to_string());
    std::fs::write(&config, text)?;
    let mut child = sluss()
        .args(["run", "--config"])
        .arg(&config)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()?;
    let (lines, hit) = wait_for_either(&mut child, &["proxy listening", "cannot listen on"])?;
    assert_eq!(exit_status(&mut child)?.code(), Some(2), "{lines:#?}");
    assert_eq!(hit.as_deref(), Some("cannot listen on"));
    assert!(
        lines
            .iter()
            .any(|l| l.contains(&format!("cannot listen on {addr}")))
    );
    drop(busy);
    Ok(())
}

#[test]
fn the_example_config_checks_and_equals_the_built_in_defaults() -> Res {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/sluss.toml");
    let out = sluss().args(["check", "--config"]).arg(&example).output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let mut loaded = sluss::config::load(&example)?;
    loaded.source = None;
    let defaults = sluss::config::Config::defaults();
    assert_eq!(format!("{loaded:?}"), format!("{defaults:?}"));
    Ok(())
}

#[test]
fn the_readme_scan_example_finds_what_it_should() -> Res {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = sluss()
        .current_dir(root)
        .args(["scan", "--format", "json", "examples/prompt.txt"])
        .output()?;
    assert_eq!(
        out.status.code(),
        Some(1),
        "the example prompt holds a personnummer"
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(line["action"], "block");
    Ok(())
}

/// The lines sluss writes to stderr, read as they come.
struct Log(std::sync::mpsc::Receiver<String>);

impl Log {
    fn of(child: &mut Child) -> Res<Log> {
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        Ok(Log(rx))
    }

    /// The first line from now on that contains `needle` (within 30 s).
    fn until(&self, needle: &str) -> Res<String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.0.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return Ok(line),
                Ok(_) => {}
                Err(_) => break,
            }
        }
        Err(format!("no line with {needle:?}").into())
    }
}

fn get(address: &str, path: &str) -> Res<String> {
    let mut stream = std::net::TcpStream::connect(address)?;
    std::io::Write::write_all(
        &mut stream,
        format!("GET {path} HTTP/1.1\r\nHost: sluss\r\nConnection: close\r\n\r\n").as_bytes(),
    )?;
    let mut page = String::new();
    std::io::Read::read_to_string(&mut stream, &mut page)?;
    Ok(page)
}

#[test]
fn sighup_reloads_a_good_config_and_keeps_the_old_one_on_a_bad_one() -> Res {
    let dir = TempDir::new("hup")?;
    let config = write_config(&dir, "")?;
    let mut child = sluss()
        .args(["run", "--log-format", "json", "--config"])
        .arg(&config)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()?;
    let log = Log::of(&mut child)?;
    let listening: serde_json::Value = serde_json::from_str(&log.until("proxy listening")?)?;
    let address = listening["address"]
        .as_str()
        .ok_or("no address")?
        .to_string();
    assert!(!get(&address, "/register")?.contains("Nyregistrerad"));
    let original = std::fs::read_to_string(&config)?;
    std::fs::write(
        &config,
        format!(
            "{original}\n[[service]]\nname = \"Nyregistrerad AI\"\nhosts = [\"ny.kommun.test\"]\n"
        ),
    )?;
    let hup = || {
        Command::new("kill")
            .args(["-HUP", &child.id().to_string()])
            .status()
    };
    hup()?;
    log.until("config reloaded")?;
    assert!(get(&address, "/register")?.contains("Nyregistrerad AI"));
    std::fs::write(&config, format!("{original}\n[proxy.nonsense]\n"))?;
    hup()?;
    log.until("config reload refused")?;
    assert!(
        get(&address, "/register")?.contains("Nyregistrerad AI"),
        "the last good config runs"
    );
    assert!(terminate(&mut child)?.success());
    Ok(())
}
