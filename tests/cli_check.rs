//! `sluss check` runs every check that `sluss run` runs, and the lock on the audit log: two
//! real `sluss run` processes on one state folder (the second refuses, naming the first), a
//! lock file left by a killed process (not a lock), and each start problem reported by
//! `check` with its file and what to do, exit 2, where `run` refuses too.

#[path = "audit_fixtures/mod.rs"]
mod common;

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{TestResult, temp, write_key_file};

fn sluss() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sluss"))
}

/// A config whose state is all in `dir`, listening on a free port, with `extra` appended.
fn config(dir: &Path, extra: &str) -> TestResult<PathBuf> {
    let d = dir.display();
    let path = dir.join("sluss.toml");
    std::fs::write(
        &path,
        format!(
            "[proxy]\nlisten = [\"127.0.0.1:0\"]\n\n[ca]\ncert = \"{d}/ca.pem\"\nkey = \"{d}/ca-key.pem\"\n\n\
             [audit]\npath = \"{d}/audit.jsonl\"\nkey_file = \"{d}/audit-key\"\n\n{extra}"
        ),
    )?;
    Ok(path)
}

/// `sluss check --config <config>`.
fn check(config: &Path) -> TestResult<(i32, String)> {
    let out = sluss().arg("check").arg("--config").arg(config).output()?;
    Ok((
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout)? + &String::from_utf8(out.stderr)?,
    ))
}

/// `sluss run --config <config>` that is expected to refuse: its exit code and stderr, and
/// whether it logged that it listened.
fn run_refused(config: &Path) -> TestResult<(i32, String)> {
    let mut child = sluss()
        .args(["run", "--config"])
        .arg(config)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = child.try_wait()? {
            let Output { stderr, .. } = child.wait_with_output()?;
            let stderr = String::from_utf8(stderr)?;
            assert!(
                !stderr.contains("proxy listening"),
                "refused after listening: {stderr}"
            );
            return Ok((status.code().unwrap_or(-1), stderr));
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            return Err("sluss run did not refuse".into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A running `sluss run`, killed when dropped.
struct Running {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Running {
    fn start(config: &Path) -> TestResult<Running> {
        let mut child = sluss()
            .args(["run", "--config"])
            .arg(config)
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut running = Running { child, lines };
        running.wait_for("proxy listening")?;
        Ok(running)
    }

    fn wait_for(&mut self, needle: &str) -> TestResult<String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return Ok(line),
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        Err(format!("no line with {needle:?}: {seen:#?}").into())
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL: no shutdown, the lock file stays behind.
    fn kill(mut self) -> TestResult {
        self.child.kill()?;
        self.child.wait()?;
        Ok(())
    }

    /// SIGTERM, and wait for a clean exit.
    fn stop(mut self) -> TestResult {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()?;
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait()? {
                assert!(status.success(), "{status}");
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Err("no exit after SIGTERM".into())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chmod(path: &Path, mode: u32) -> TestResult {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    Ok(())
}

#[test]
fn a_second_instance_on_the_same_log_refuses_and_names_the_first() -> TestResult {
    let dir = temp("sluss-lock-")?;
    let config = config(dir.path(), "")?;
    let log = dir.path().join("audit.jsonl");
    write_key_file(&dir.path().join("audit-key"))?;
    common::write_log(
        &log,
        common::fixtures(std::time::SystemTime::now()),
        100 << 20,
        10,
    )?;
    let first = Running::start(&config)?;
    // The first instance writes its start checkpoint just after it listens.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !std::fs::read_to_string(&log)?.contains("\"checkpoint\"")
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let before = std::fs::read_to_string(&log)?;

    let (code, stderr) = run_refused(&config)?;
    assert_ne!(code, 0);
    assert!(
        stderr.contains(&format!(
            "in use by another sluss (pid {}, started ",
            first.pid()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("audit.jsonl.lock"), "{stderr}");
    assert!(
        std::fs::read_to_string(&log)? == before,
        "the refused one wrote nothing"
    );

    let (code, out) = check(&config)?;
    assert_eq!(code, 2, "{out}");
    assert!(out.contains(&format!("pid {}", first.pid())), "{out}");
    let reload = sluss()
        .args(["check", "--reload", "--config"])
        .arg(&config)
        .output()?;
    assert_eq!(
        reload.status.code(),
        Some(0),
        "checking a config for the running instance: {}",
        String::from_utf8_lossy(&reload.stdout)
    );

    // Killed without a chance to clean up: its lock file stays, but holds no lock.
    let old_pid = first.pid();
    first.kill()?;
    assert!(dir.path().join("audit.jsonl.lock").exists());
    let (code, out) = check(&config)?;
    assert_eq!(code, 0, "a stale lock file is not a lock: {out}");
    let second = Running::start(&config)?;
    let note = std::fs::read_to_string(dir.path().join("audit.jsonl.lock"))?;
    assert!(
        note.starts_with(&format!("pid {}, ", second.pid())),
        "{note}"
    );
    assert!(!note.contains(&old_pid.to_string()), "{note}");
    second.stop()?;

    let verify = sluss()
        .args(["logs", "--verify", "--config"])
        .arg(&config)
        .output()?;
    assert_eq!(
        verify.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
    Ok(())
}

#[test]
fn a_fresh_folder_checks_ok_and_check_creates_nothing() -> TestResult {
    let dir = temp("sluss-fresh-")?;
    let config = config(dir.path(), "")?;
    let (code, out) = check(&config)?;
    assert_eq!(code, 0, "{out}");
    let mut left: Vec<String> = std::fs::read_dir(dir.path())?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()?;
    left.sort();
    assert_eq!(left, ["sluss.toml"]);
    Ok(())
}

/// `check` exits 2 naming `file` and saying what to do (`fix`), and `run` refuses too.
fn refused_by_both(config: &Path, file: &str, fix: &str) -> TestResult {
    let (code, out) = check(config)?;
    assert_eq!(code, 2, "{out}");
    assert!(out.contains(file), "check does not name {file}: {out}");
    assert!(out.contains(fix), "check does not say {fix:?}: {out}");
    let (code, stderr) = run_refused(config)?;
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains(file), "run does not name {file}: {stderr}");
    Ok(())
}

#[test]
fn a_ca_certificate_without_its_key_is_refused_by_check_and_run() -> TestResult {
    let dir = temp("sluss-ca-half-")?;
    let config = config(dir.path(), "")?;
    sluss()
        .args(["ca", "init", "--dir"])
        .arg(dir.path())
        .output()?;
    std::fs::remove_file(dir.path().join("ca-key.pem"))?;
    refused_by_both(&config, "ca-key.pem", "restore the missing file")
}

#[test]
fn a_ca_key_readable_by_others_is_refused_by_check_and_run() -> TestResult {
    let dir = temp("sluss-ca-open-")?;
    let config = config(dir.path(), "")?;
    sluss()
        .args(["ca", "init", "--dir"])
        .arg(dir.path())
        .output()?;
    chmod(&dir.path().join("ca-key.pem"), 0o644)?;
    refused_by_both(&config, "ca-key.pem", "chmod 600")
}

#[test]
fn audit_keys_readable_by_others_are_refused_by_check_and_run() -> TestResult {
    let dir = temp("sluss-key-open-")?;
    let config = config(dir.path(), "")?;
    let key = dir.path().join("audit-key");
    write_key_file(&key)?;
    chmod(&key, 0o644)?;
    refused_by_both(&config, "audit-key", "chmod 600")?;
    chmod(&key, 0o600)?;
    let signing = dir.path().join("audit-signing-key");
    sluss::audit::Signer::load_or_create(&signing)?;
    chmod(&signing, 0o640)?;
    refused_by_both(&config, "audit-signing-key", "chmod 600")
}

#[test]
fn an_admin_token_readable_by_others_is_refused_before_the_proxy_listens() -> TestResult {
    let dir = temp("sluss-token-open-")?;
    let token = dir.path().join("admin-token");
    std::fs::write(&token, "0123456789abcdef0123456789abcdef\n")?;
    chmod(&token, 0o644)?;
    let config = config(
        dir.path(),
        &format!(
            "[admin]\nlisten = \"127.0.0.1:0\"\ntoken_file = \"{}\"\n",
            token.display()
        ),
    )?;
    refused_by_both(&config, "admin-token", "chmod 600")
}

#[test]
fn admin_tls_files_are_checked() -> TestResult {
    let dir = temp("sluss-admin-tls-")?;
    let token = dir.path().join("admin-token");
    std::fs::write(&token, "0123456789abcdef0123456789abcdef\n")?;
    chmod(&token, 0o600)?;
    let cert = dir.path().join("admin.pem");
    let key = dir.path().join("admin-key.pem");
    let config = config(
        dir.path(),
        &format!(
            "[admin]\nlisten = \"127.0.0.1:0\"\ntoken_file = \"{}\"\ncert = \"{}\"\nkey = \"{}\"\n",
            token.display(),
            cert.display(),
            key.display()
        ),
    )?;
    let (code, out) = check(&config)?;
    // A missing file is a config error already (with its line) or a TLS one: either way, 2.
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("admin.pem"), "{out}");

    let pair = rcgen::generate_simple_self_signed(vec!["localhost".to_string()])?;
    std::fs::write(&cert, pair.cert.pem())?;
    std::fs::write(&key, pair.signing_key.serialize_pem())?;
    chmod(&key, 0o644)?;
    refused_by_both(&config, "admin-key.pem", "chmod 600")?;
    chmod(&key, 0o600)?;
    let (code, out) = check(&config)?;
    assert_eq!(code, 0, "{out}");
    Ok(())
}

#[test]
fn an_audit_folder_that_cannot_be_written_is_refused_by_check_and_run() -> TestResult {
    let dir = temp("sluss-audit-dir-")?;
    // Root ignores permission bits: a file where the folder should be stops root too.
    std::fs::write(dir.path().join("state"), "not a folder")?;
    let d = dir.path().display();
    let path = dir.path().join("sluss.toml");
    std::fs::write(
        &path,
        format!(
            "[proxy]\nlisten = [\"127.0.0.1:0\"]\n\n[ca]\ncert = \"{d}/ca.pem\"\nkey = \"{d}/ca-key.pem\"\n\n\
             [audit]\npath = \"{d}/state/audit.jsonl\"\nkey_file = \"{d}/audit-key\"\n"
        ),
    )?;
    refused_by_both(&path, "state/audit.jsonl", "write access")
}

#[test]
fn a_busy_listen_address_is_refused_by_check_and_run() -> TestResult {
    let dir = temp("sluss-busy-")?;
    let taken = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = taken.local_addr()?;
    let d = dir.path().display();
    let path = dir.path().join("sluss.toml");
    std::fs::write(
        &path,
        format!(
            "[proxy]\nlisten = [\"{addr}\"]\n\n[ca]\ncert = \"{d}/ca.pem\"\nkey = \"{d}/ca-key.pem\"\n\n\
             [audit]\npath = \"{d}/audit.jsonl\"\nkey_file = \"{d}/audit-key\"\n"
        ),
    )?;
    refused_by_both(&path, &addr.to_string(), "another program")
}
