//! Group commit (issue 9): many stops share one write and one fsync, each answered only after
//! its own record is durable; a failed write fails every request of its batch (a block stays
//! a block, a redaction is not forwarded) and `/readyz` answers 503 while writes fail. The
//! full disk is a real one: the log is a symlink to `/dev/full`, where every write fails with
//! ENOSPC. The ignored test measures 1,000 concurrent stops against the old one-fsync-per-stop
//! path in the same run (`cargo test --release --test audit_commit -- --ignored --nocapture`).

mod common;
#[path = "audit_fixtures/mod.rs"]
mod fixtures;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use common::{APPROVED, REDACTING, Res, Setup, Sluss, Upstream, chat, client_tls};
use sluss::audit::{AuditLog, AuditReader, AuditWriter, Record};

/// The records of `n` stops, with distinct ids.
fn records(n: usize) -> Vec<Record> {
    (0..n)
        .map(|i| {
            let id = format!("S-{i:06}").replace('0', "Z").replace('1', "Y");
            Record::new(fixtures::incident(&id, SystemTime::now()))
        })
        .collect()
}

/// Appends `records` from as many concurrent tasks and returns how long all took.
async fn concurrently(audit: &Arc<AuditLog>, records: Vec<Record>) -> Res<Duration> {
    let started = Instant::now();
    let tasks: Vec<_> = records
        .into_iter()
        .map(|record| {
            let audit = audit.clone();
            tokio::spawn(async move { audit.append(record).await })
        })
        .collect();
    for task in tasks {
        task.await??;
    }
    Ok(started.elapsed())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_stops_share_a_few_fsyncs_and_all_are_durable() -> Res {
    let dir = fixtures::temp("sluss-commit-")?;
    let log = dir.path().join("audit.jsonl");
    let writer = AuditWriter::open(&log, 100 << 20, 10, fixtures::chain())?;
    let audit = Arc::new(AuditLog::start(writer, None)?);
    concurrently(&audit, records(1000)).await?;
    let batches = audit.batches();
    assert!(batches < 200, "{batches} batches for 1000 records");
    let report = AuditReader::open(&log, &fixtures::chain())?.verify()?;
    assert!(report.is_whole(), "{report}");
    assert_eq!(report.records, 1000);
    Ok(())
}

/// A writer whose every write fails: the log is a symlink to `/dev/full`.
fn full_disk_writer(dir: &Path) -> Res<AuditWriter> {
    let log = dir.join("audit.jsonl");
    std::os::unix::fs::symlink("/dev/full", &log)?;
    Ok(AuditWriter::open(&log, 100 << 20, 10, fixtures::chain())?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_write_fails_every_request_of_its_batch() -> Res {
    let dir = fixtures::temp("sluss-full-")?;
    let audit = Arc::new(AuditLog::start(full_disk_writer(dir.path())?, None)?);
    assert!(!audit.is_failing());
    let tasks: Vec<_> = records(50)
        .into_iter()
        .map(|record| {
            let audit = audit.clone();
            tokio::spawn(async move { audit.append(record).await })
        })
        .collect();
    for task in tasks {
        let result = task.await?;
        let error = result.err().ok_or("a write to a full disk succeeded")?;
        assert!(error.to_string().contains("No space left"), "{error}");
    }
    assert!(audit.is_failing());
    assert!(audit.last_error().is_some());
    assert!(audit.probe().await.is_err(), "the disk is still full");
    Ok(())
}

/// A second sluss on `first`'s config and CA, whose audit log is on a full disk.
async fn sluss_on_full_disk(
    first: &Sluss,
) -> Res<(Arc<sluss::proxy::Shared>, std::net::SocketAddr)> {
    let full = first.dir.path("full");
    std::fs::create_dir(&full)?;
    std::os::unix::fs::symlink("/dev/full", full.join("audit.jsonl"))?;
    let d = first.dir.0.display().to_string();
    let text = std::fs::read_to_string(&first.config_path)?.replace(
        &format!("{d}/audit.jsonl"),
        &format!("{d}/full/audit.jsonl"),
    );
    let config = sluss::config::parse(&text, "full-disk.toml")?;
    let (shared, _) = sluss::proxy::Shared::start(config)?;
    let shared = Arc::new(shared);
    let listeners = sluss::proxy::bind(&shared).await?;
    let addr = listeners.first().ok_or("no listener")?.local_addr()?;
    tokio::spawn(sluss::proxy::serve(
        shared.clone(),
        listeners,
        std::future::pending(),
    ));
    Ok((shared, addr))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_full_disk_stops_stay_stopped_redactions_are_not_sent_and_readyz_fails() -> Res {
    let upstream = Upstream::start().await?;
    let first = Sluss::start(&upstream, Setup::default()).await?;
    let (shared, addr) = sluss_on_full_disk(&first).await?;
    let client = reqwest::Client::builder()
        .proxy(reqwest::Proxy::all(format!("http://{addr}"))?)
        .use_preconfigured_tls(client_tls(first.ca(), &[b"http/1.1"])?)
        .timeout(Duration::from_secs(20))
        .build()?;
    let body = chat("Patienten 19121212-1212 behöver hjälp.");
    for host in [APPROVED, REDACTING] {
        let response = client
            .post(format!("https://{host}/v1/chat/completions"))
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await?;
        let expected = if host == APPROVED { 403 } else { 500 };
        assert_eq!(response.status(), expected, "{host}");
    }
    assert!(upstream.received().is_empty(), "nothing reached a service");
    assert!(shared.audit.is_failing());

    let token = first.dir.path("token");
    std::fs::write(&token, "0123456789abcdef0123456789abcdef\n")?;
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&token, std::fs::Permissions::from_mode(0o600))?;
    }
    let credentials =
        sluss::admin::Credentials::load(&sluss::config::AdminAuth::Token(token.clone()))?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(sluss::admin::serve(
        shared.clone(),
        credentials,
        listener,
        std::future::pending(),
    ));
    let http = fixtures::http_client()?;
    let ready = http
        .get(format!("{base}/readyz"))
        .bearer_auth("0123456789abcdef0123456789abcdef")
        .send()
        .await?;
    assert_eq!(ready.status(), 503);
    let text = ready.text().await?;
    assert!(
        text.contains("audit: FAILED") && text.contains("No space left"),
        "{text}"
    );
    // The first sluss, on a working disk, is ready.
    let _ = first.stop().await;
    Ok(())
}

/// 1,000 concurrent stops, each waiting for its record to be durable: the old path (a mutex
/// around the writer, one write and one fsync per record on the blocking pool) against group
/// commit, on the same disk in the same run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn throughput_of_a_thousand_concurrent_stops() -> Res {
    const N: usize = 1000;
    let dir = tempfile::Builder::new()
        .prefix("sluss-bench-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
    for round in 0..3 {
        let old_log = dir.path().join(format!("old-{round}.jsonl"));
        let writer = Arc::new(Mutex::new(AuditWriter::open(
            &old_log,
            100 << 20,
            10,
            fixtures::chain(),
        )?));
        let started = Instant::now();
        let tasks: Vec<_> = records(N)
            .into_iter()
            .map(|record| {
                let writer = writer.clone();
                tokio::task::spawn_blocking(move || {
                    writer
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .append(record)
                })
            })
            .collect();
        for task in tasks {
            task.await??;
        }
        let old = started.elapsed();

        let new_log = dir.path().join(format!("new-{round}.jsonl"));
        let audit = Arc::new(AuditLog::start(
            AuditWriter::open(&new_log, 100 << 20, 10, fixtures::chain())?,
            None,
        )?);
        let new = concurrently(&audit, records(N)).await?;
        println!(
            "round {round}: {N} concurrent stops, fsync on: one fsync each {old:.2?} \
             ({:.0}/s), group commit {new:.2?} ({:.0}/s, {} batches): {:.1}× faster",
            N as f64 / old.as_secs_f64(),
            N as f64 / new.as_secs_f64(),
            audit.batches(),
            old.as_secs_f64() / new.as_secs_f64(),
        );
    }
    Ok(())
}
