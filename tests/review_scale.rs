//! The review page and `sluss logs` at a million records (ignored: the log takes a minute to
//! write the first time, then it is kept in `target/tmp/audit-1000000`). Run in release:
//!
//! ```text
//! cargo test --release --test review_scale -- --ignored --nocapture --test-threads 1
//! ```
//!
//! Measures, through the real admin listener over HTTP: the first request (which builds the
//! index), then the first page, a filter by kind, by client and by incident id, and an
//! incident's page; and the peak memory of `sluss logs --summary` (the binary, as people run
//! it), on the good log and on a log of which no line verifies (read with another key).
//! In release, the pages must answer within 300 ms and the summary stay under 100 MB.

#[path = "audit_fixtures/mod.rs"]
mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{TestResult, million_log};
use sluss::admin::{self, Credentials};
use sluss::audit::AuditReader;
use sluss::config::AdminAuth;
use sluss::proxy::Shared;
use tokio::net::TcpListener;

const N: u64 = 1_000_000;
const TOKEN: &str = "0123456789abcdef0123456789abcdef";
/// The targets of issue 13, checked in release builds.
const PAGE_LIMIT: Duration = Duration::from_millis(300);
const SUMMARY_LIMIT_KB: u64 = 100 * 1024;

#[test]
#[ignore]
fn review_pages_at_a_million_records() -> TestResult {
    let (dir, config_path) = million_log(N)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(pages(&dir, &config_path))
}

async fn pages(dir: &Path, config_path: &Path) -> TestResult {
    let token = dir.join("admin-token");
    std::fs::write(&token, format!("{TOKEN}\n"))?;
    std::fs::set_permissions(&token, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    let config = sluss::config::load(config_path)?;
    let (shared, _) = Shared::start(config)?;
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(admin::serve(
        Arc::new(shared),
        Credentials::load(&AdminAuth::Token(token))?,
        listener,
        async move {
            let _ = stopped.await;
        },
    ));
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(600))
        .build()?;
    let get = |path: String| {
        let client = client.clone();
        let url = format!("{base}{path}");
        async move {
            let started = Instant::now();
            let response = client.get(url).bearer_auth(TOKEN).send().await?;
            let status = response.status();
            let body = response.text().await?;
            let took = started.elapsed();
            assert_eq!(status, 200, "{body}");
            Ok::<_, Box<dyn std::error::Error + Send + Sync>>((took, body))
        }
    };

    let rss_before = own_rss_kb();
    let (cold, body) = get("/review".into()).await?;
    let rss_after = own_rss_kb();
    assert!(
        body.contains("av 1\u{202F}000\u{202F}000"),
        "every record counted"
    );
    let incident = some_incident(&body).ok_or("no incident id on the page")?;
    let reader_files = AuditReader::open(dir.join("audit.jsonl"), &common::chain())?
        .files()
        .len();
    println!(
        "{N} records in {reader_files} files; first request after start (waits for the index \
         built at start): {cold:.2?}"
    );

    println!(
        "resident memory of the process: {:.1} MB before the index, {:.1} MB with it",
        rss_before as f64 / 1024.0,
        rss_after as f64 / 1024.0
    );
    let cases = [
        ("first page", "/review".to_string()),
        ("kind", "/review?kind=sensitive%3Ahealth".to_string()),
        ("client", "/review?client=10.3.33.1".to_string()),
        (
            "incident (list filter)",
            format!("/review?incident={incident}"),
        ),
        ("incident page", format!("/review/{incident}")),
        ("page 50", "/review?page=50".to_string()),
    ];
    for (name, path) in cases {
        let mut times = Vec::new();
        for _ in 0..5 {
            times.push(get(path.clone()).await?.0);
        }
        times.sort();
        let (median, worst) = (times[2], times[4]);
        println!("{name:<24} median {median:>9.2?}  worst of 5 {worst:>9.2?}");
        if !cfg!(debug_assertions) {
            assert!(median < PAGE_LIMIT, "{name}: {median:?}");
        }
    }
    let _ = stop.send(());
    Ok(())
}

/// This process's resident memory in KiB.
fn own_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// The first incident id linked from a review page.
fn some_incident(body: &str) -> Option<String> {
    let at = body.find("/review?incident=")? + "/review?incident=".len();
    body.get(at..at + 8).map(str::to_string)
}

#[test]
#[ignore]
fn summary_memory_at_a_million_records() -> TestResult {
    let (dir, config) = million_log(N)?;
    let (took, peak, out) = peak_memory(&config, &["--summary"])?;
    assert!(out.starts_with(&format!("{N} records")), "{out}");
    println!(
        "sluss logs --summary: {took:.2?}, peak {:.1} MB",
        peak as f64 / 1024.0
    );
    // The same log read with another key: not one line verifies, every one is reported.
    let other = common::temp("sluss-wrong-key-")?;
    std::fs::write(
        other.path().join("audit-key"),
        format!("{}\n", "08".repeat(32)),
    )?;
    std::fs::set_permissions(
        other.path().join("audit-key"),
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    )?;
    let wrong = other.path().join("sluss.toml");
    std::fs::write(
        &wrong,
        format!(
            "[audit]\npath = '{}/audit.jsonl'\nkey_file = '{}/audit-key'\n",
            dir.display(),
            other.path().display()
        ),
    )?;
    let (took_broken, peak_broken, out) = peak_memory(&wrong, &["--summary"])?;
    assert!(out.starts_with("0 records"), "{out}");
    println!(
        "sluss logs --summary, no line verifies: {took_broken:.2?}, peak {:.1} MB",
        peak_broken as f64 / 1024.0
    );
    if !cfg!(debug_assertions) {
        assert!(peak < SUMMARY_LIMIT_KB && peak_broken < SUMMARY_LIMIT_KB);
    }
    Ok(())
}

/// Runs `sluss logs --config <config> args…` (standard error discarded) and returns the time,
/// the peak resident memory in KiB (`VmHWM`, read until the process ends) and the output.
fn peak_memory(config: &Path, args: &[&str]) -> TestResult<(Duration, u64, String)> {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sluss"))
        .arg("logs")
        .arg("--config")
        .arg(config)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let status = format!("/proc/{}/status", child.id());
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout));
    let mut peak = 0;
    while child.try_wait()?.is_none() {
        if let Ok(text) = std::fs::read_to_string(&status)
            && let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kb);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = reader.join().map_err(|_| "reader panicked")??;
    Ok((started.elapsed(), peak, out))
}
