//! The keyed chain and its signed checkpoints (issues 9 and 12): forged lines are never shown
//! as records and fail `--verify`; edits, deletions, reorderings, truncation and a rewritten
//! tail are found and the first break is named; old (unkeyed) logs stay readable; a missing
//! or empty log fails `--verify`; checkpoints are written by count, by time and to syslog.

#[path = "audit_fixtures/mod.rs"]
mod common;

use std::fs;
use std::net::UdpSocket;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use common::{TestResult, chain, config, fixtures, incident, temp, write_log};
use sha2::{Digest, Sha256};
use sluss::audit::checkpoint::Copy;
use sluss::audit::{
    AuditLog, AuditReader, AuditWriter, ChainKey, Problem, PublicKey, Record, Signer, Syslog,
};

/// The lines of `path`, each with its newline.
fn lines(path: &Path) -> TestResult<Vec<String>> {
    Ok(fs::read_to_string(path)?
        .split_inclusive('\n')
        .map(str::to_string)
        .collect())
}

/// Lower-case hex.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The line without its `,"hash":"…"}` seal and newline, closed with `}`.
fn unsealed(line: &str) -> String {
    let at = line.rfind(",\"hash\":\"").unwrap_or(line.len());
    format!("{}}}", &line[..at])
}

/// `body` (ending in `}`) sealed with `hash`.
fn sealed(body: &str, hash: &str) -> String {
    format!("{},\"hash\":\"{hash}\"}}\n", &body[..body.len() - 1])
}

/// The `hash` of a stored line.
fn hash_of(line: &str) -> String {
    serde_json::from_str::<serde_json::Value>(line)
        .ok()
        .and_then(|v| v["hash"].as_str().map(str::to_string))
        .unwrap_or_default()
}

/// `line` with its prev_hash replaced, sealed again: with the chain key (an insider) or with
/// plain SHA-256 (anyone, as the old unkeyed chain allowed).
fn relinked(line: &str, prev: &str, key: Option<&ChainKey>) -> String {
    let old_prev = serde_json::from_str::<serde_json::Value>(line)
        .ok()
        .and_then(|v| v["prev_hash"].as_str().map(str::to_string))
        .unwrap_or_default();
    let body = unsealed(line).replace(&old_prev, prev);
    let hash = match key {
        Some(key) => hex(&key.mac(body.as_bytes())),
        None => hex(&Sha256::digest(body.as_bytes())),
    };
    sealed(&body, &hash)
}

/// Ids of the records the reader shows, and the problems it lists.
fn shown(log: &Path, public: Option<PublicKey>) -> TestResult<(Vec<String>, Vec<Problem>)> {
    let reader = AuditReader::open(log, &chain())?.with_public_key(public);
    let mut ids = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => ids.push(r.event.id.to_string()),
            Err(p) => problems.push(p.problem),
        }
    }
    Ok((ids, problems))
}

fn run_logs(config: &Path, args: &[&str]) -> TestResult<(i32, String, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_sluss"))
        .arg("logs")
        .arg("--config")
        .arg(config)
        .args(args)
        .env("COLUMNS", "200")
        .output()?;
    Ok((
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout)?,
        String::from_utf8(out.stderr)?,
    ))
}

#[test]
fn forged_lines_are_never_shown_and_fail_verify() -> TestResult {
    let dir = temp("sluss-forged-")?;
    let config = config(dir.path(), "")?;
    let log = dir.path().join("audit.jsonl");
    write_log(&log, fixtures(SystemTime::now()), 100 << 20, 10)?;
    let original = lines(&log)?;
    let last = hash_of(&original[4]);
    // 1. The forgery: a record with `"hash":"x"`.
    let x = unsealed(&original[0]).replace("S-AAAAAA", "S-FFFFFF");
    let x = format!("{},\"hash\":\"x\"}}\n", &x[..x.len() - 1]);
    // 2. A well-formed record sealed with plain SHA-256 and linked to the last one, as
    //    anyone could write under the old unkeyed chain.
    let sha = relinked(&original[0].replace("S-AAAAAA", "S-GGGGGG"), &last, None);
    // 3. The same with a made-up HMAC.
    let made_up = sealed(
        &unsealed(&relinked(
            &original[0].replace("S-AAAAAA", "S-HHHHHH"),
            &last,
            None,
        )),
        &"ab".repeat(32),
    );
    let mut tampered = original.clone();
    tampered.insert(2, x);
    tampered.push(sha);
    tampered.push(made_up);
    fs::write(&log, tampered.concat())?;

    let (ids, problems) = shown(&log, None)?;
    assert_eq!(
        ids,
        ["S-AAAAAA", "S-BBBBBB", "S-CCCCCC", "S-DDDDDD", "S-EEEEEE"]
    );
    assert_eq!(problems.len(), 3, "{problems:?}");
    let report = AuditReader::open(&log, &chain())?.verify()?;
    assert_eq!(
        report.first_break.as_ref().map(|b| b.line),
        Some(3),
        "{report}"
    );

    for format in ["table", "json", "csv"] {
        let (code, stdout, stderr) = run_logs(&config, &["--format", format])?;
        assert_eq!(code, 0, "{stderr}");
        for forged in ["S-FFFFFF", "S-GGGGGG", "S-HHHHHH"] {
            assert!(
                !stdout.contains(forged),
                "{format} shows {forged}: {stdout}"
            );
        }
        assert!(stdout.contains("S-EEEEEE"));
        assert!(stderr.contains("audit.jsonl:3:"), "{stderr}");
        assert!(stderr.contains("audit.jsonl:7:") && stderr.contains("audit.jsonl:8:"));
        assert!(stderr.contains("does not verify"), "{stderr}");
    }
    let (code, stdout, _) = run_logs(&config, &["--verify"])?;
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("audit.jsonl:3:"),
        "the first break is named: {stdout}"
    );
    let (code, stdout, _) = run_logs(&config, &["--summary", "--format", "json"])?;
    assert_eq!(code, 0);
    assert!(stdout.contains("\"total\":5"), "{stdout}");
    Ok(())
}

/// A log of `n` records (fixture incidents) with a checkpoint after every `every` records,
/// written through the writer thread; returns the signer's public key and the syslog copies.
fn signed_log(log: &Path, n: usize, every: usize) -> TestResult<(PublicKey, Vec<String>)> {
    let collector = UdpSocket::bind("127.0.0.1:0")?;
    collector.set_read_timeout(Some(Duration::from_secs(10)))?;
    let syslog = Arc::new(Syslog::connect(collector.local_addr()?)?);
    let signer = Signer::generate()?;
    let public = *signer.public_key();
    let mut writer = AuditWriter::open(log, 100 << 20, 10, chain())?;
    writer.set_fsync(false);
    writer.set_checkpoints(signer, every, Duration::from_secs(3600));
    let audit = AuditLog::start(writer, Some(syslog))?;
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    let base = SystemTime::now() - Duration::from_secs(86_400);
    runtime.block_on(async {
        for i in 0..n {
            let id = format!("S-{:06}", i).replace('0', "Z").replace('1', "Y");
            let when = base + Duration::from_secs(i as u64);
            audit.append(Record::new(incident(&id, when))).await?;
        }
        Ok::<(), sluss::audit::AuditError>(())
    })?;
    audit.close();
    let expected = n + n / every + usize::from(!n.is_multiple_of(every));
    let mut copies = Vec::new();
    let mut buf = vec![0u8; 70_000];
    while copies.len() < expected {
        let got = collector.recv(&mut buf)?;
        copies.push(String::from_utf8_lossy(&buf[..got]).into_owned());
    }
    Ok((public, copies))
}

fn checkpoints_of(copies: &[String]) -> Vec<Copy> {
    copies.iter().filter_map(|c| Copy::parse(c)).collect()
}

#[test]
fn checkpoints_are_written_by_count_and_at_close_and_sent_to_syslog() -> TestResult {
    let dir = temp("sluss-checkpoints-")?;
    let log = dir.path().join("audit.jsonl");
    let (public, copies) = signed_log(&log, 10, 4)?;
    let checkpoints = checkpoints_of(&copies);
    // After records 4 and 8 by count, and one when the log was closed.
    assert_eq!(checkpoints.len(), 3, "{copies:?}");
    assert!(
        copies
            .iter()
            .any(|c| c.contains(" sluss ") && c.contains(" checkpoint - {"))
    );
    assert!(checkpoints.iter().all(|c| c.verifies(&public)));
    let stored = lines(&log)?;
    assert_eq!(stored.len(), 13);
    assert!(stored[4].contains("\"action\":\"checkpoint\""));
    assert!(stored[12].contains("\"reason\":\"stop\""));
    let report = AuditReader::open(&log, &chain())?
        .with_public_key(Some(public))
        .verify_with(&checkpoints)?;
    assert!(report.is_whole(), "{report}");
    assert_eq!((report.records, report.checkpoints), (10, 3));
    assert_eq!(report.copies_found, 3);
    assert_eq!(report.after_last_checkpoint, 0);
    // A key that did not sign them: every checkpoint is a break.
    let stranger = *Signer::generate()?.public_key();
    let report = AuditReader::open(&log, &chain())?
        .with_public_key(Some(stranger))
        .verify()?;
    assert_eq!(report.first_break.map(|b| b.line), Some(5));
    Ok(())
}

#[test]
fn a_checkpoint_falls_due_by_time() -> TestResult {
    let dir = temp("sluss-interval-")?;
    let log = dir.path().join("audit.jsonl");
    let collector = UdpSocket::bind("127.0.0.1:0")?;
    collector.set_read_timeout(Some(Duration::from_secs(10)))?;
    let syslog = Arc::new(Syslog::connect(collector.local_addr()?)?);
    let mut writer = AuditWriter::open(&log, 100 << 20, 10, chain())?;
    writer.set_fsync(false);
    let signer = Signer::generate()?;
    // The interval runs from when checkpoints are set (the writer's last checkpoint), so the
    // clock of this test starts just before, not after the log and the runtime have started.
    let started = Instant::now();
    writer.set_checkpoints(signer, 1000, Duration::from_millis(200));
    let audit = AuditLog::start(writer, Some(syslog))?;
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    runtime.block_on(audit.append(Record::new(incident("S-TTTTTT", SystemTime::now()))))?;
    let mut buf = vec![0u8; 70_000];
    let n = collector.recv(&mut buf)?;
    assert!(String::from_utf8_lossy(&buf[..n]).contains("S-TTTTTT"));
    // The next datagram is the checkpoint that fell due, 200 ms after checkpoints were set.
    let n = collector.recv(&mut buf)?;
    let message = String::from_utf8_lossy(&buf[..n]).into_owned();
    assert!(message.contains("\"reason\":\"interval\""), "{message}");
    assert!(started.elapsed() >= Duration::from_millis(200));
    let text = fs::read_to_string(&log)?;
    assert_eq!(text.lines().count(), 2);
    assert!(text.ends_with(&format!("{}\n", &message[message.find('{').unwrap_or(0)..])));
    Ok(())
}

#[test]
fn edits_deletions_reorderings_and_a_rewritten_tail_are_found() -> TestResult {
    let dir = temp("sluss-tamper-")?;
    let log = dir.path().join("audit.jsonl");
    let (public, _) = signed_log(&log, 12, 4)?;
    // Lines: r1 r2 r3 r4 c r5 r6 r7 r8 c r9 r10 r11 r12 c (15).
    let original = lines(&log)?;
    assert_eq!(original.len(), 15);
    let check = |tampered: Vec<String>| -> TestResult<(usize, usize, String)> {
        fs::write(&log, tampered.concat())?;
        let report = AuditReader::open(&log, &chain())?
            .with_public_key(Some(public))
            .verify()?;
        let line = report.first_break.as_ref().map_or(0, |b| b.line);
        Ok((line, report.records, report.to_string()))
    };
    // Edit: one byte of record 6 (line 7).
    let mut t = original.clone();
    t[6] = t[6].replacen("\"POST\"", "\"PUT\"", 1);
    let (line, records, text) = check(t)?;
    assert_eq!((line, records), (7, 11), "{text}");
    assert!(text.contains("does not verify"), "{text}");
    // Delete record 6.
    let mut t = original.clone();
    t.remove(6);
    assert_eq!(check(t)?.0, 7);
    // Reorder records 6 and 7.
    let mut t = original.clone();
    t.swap(6, 7);
    assert_eq!(check(t)?.0, 7);
    // A tail rewritten by someone without the key (plain SHA-256, as the old chain allowed):
    // record 6 edited and every entry after it linked again.
    let mut t = original.clone();
    t[6] = t[6].replacen("\"POST\"", "\"PUT\"", 1);
    for i in 6..t.len() {
        let prev = hash_of(&t[i - 1]);
        t[i] = relinked(&t[i], &prev, None);
    }
    let (line, records, text) = check(t)?;
    assert_eq!(
        (line, records),
        (7, 5),
        "nothing after the edit is shown: {text}"
    );
    // A tail rewritten by someone with the chain key but not the signing key: the records
    // verify, the next checkpoint's signature does not.
    let mut t = original.clone();
    t[6] = t[6].replacen("\"POST\"", "\"PUT\"", 1);
    for i in 6..t.len() {
        let prev = hash_of(&t[i - 1]);
        t[i] = relinked(&t[i], &prev, Some(&chain()));
    }
    let (line, _, text) = check(t)?;
    assert_eq!(line, 10, "the checkpoint after the edit: {text}");
    assert!(text.contains("signature"), "{text}");
    fs::write(&log, original.concat())?;
    Ok(())
}

#[test]
fn truncation_and_a_rewritten_unsigned_tail_are_found_with_the_syslog_copies() -> TestResult {
    let dir = temp("sluss-truncate-")?;
    let config = config(dir.path(), "")?;
    let log = dir.path().join("audit.jsonl");
    let (public, copies) = signed_log(&log, 12, 4)?;
    let copies_file = dir.path().join("collector.log");
    fs::write(&copies_file, copies.join("\n"))?;
    fs::write(
        dir.path().join("audit-signing-key.pub"),
        format!("{public}\n"),
    )?;
    let original = lines(&log)?;
    let verify = || {
        run_logs(
            &config,
            &["--verify", "--checkpoints", &copies_file.to_string_lossy()],
        )
    };
    let (code, stdout, stderr) = verify()?;
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("holds 3 checkpoint copies"), "{stdout}");

    // Cut off the last three records and the checkpoint after them: the local chain is
    // whole, but the log no longer holds a checkpoint the collector has.
    fs::write(&log, original[..11].concat())?;
    let (code, stdout, _) = run_logs(&config, &["--verify"])?;
    assert_eq!(code, 0, "alone, a cut tail leaves a whole chain: {stdout}");
    let (code, stdout, _) = verify()?;
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("does not hold the checkpoint"), "{stdout}");

    // Someone with the chain key edits record 6, drops the checkpoints after it and links
    // everything again: locally whole, but the copies show it.
    let mut t: Vec<String> = original.clone();
    t.remove(14);
    t.remove(9);
    t[6] = t[6].replacen("\"POST\"", "\"PUT\"", 1);
    for i in 6..t.len() {
        let prev = hash_of(&t[i - 1]);
        t[i] = relinked(&t[i], &prev, Some(&chain()));
    }
    fs::write(&log, t.concat())?;
    let (code, _, _) = run_logs(&config, &["--verify"])?;
    assert_eq!(code, 0);
    let (code, stdout, _) = verify()?;
    assert_eq!(code, 1, "{stdout}");
    // A forged copy (not signed with the key) proves nothing and is a break itself.
    fs::write(&log, original.concat())?;
    let other = Signer::generate()?;
    let fake = copies
        .iter()
        .find(|c| c.contains(" checkpoint - "))
        .map(|c| {
            let parsed = Copy::parse(c).unwrap_or_else(|| unreachable!("a checkpoint"));
            let seal = other.seal(&parsed.timestamp, &parsed.prev_hash);
            c.replace(&parsed.seal.signature, &seal.signature)
        })
        .unwrap_or_default();
    fs::write(&copies_file, fake)?;
    let (code, stdout, _) = verify()?;
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("signature"), "{stdout}");
    Ok(())
}

#[test]
fn a_missing_or_empty_log_fails_verify() -> TestResult {
    let dir = temp("sluss-empty-")?;
    let config = config(dir.path(), "")?;
    let (code, stdout, _) = run_logs(&config, &["--verify"])?;
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.contains("no audit log at"), "{stdout}");
    fs::write(dir.path().join("audit.jsonl"), "")?;
    let (code, stdout, _) = run_logs(&config, &["--verify"])?;
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("empty"), "{stdout}");
    // Without the key the log was written with, nothing can be checked.
    write_log(
        &dir.path().join("audit.jsonl"),
        fixtures(SystemTime::now()),
        1 << 20,
        1,
    )?;
    fs::remove_file(dir.path().join("audit-key"))?;
    let (code, _, stderr) = run_logs(&config, &["--verify"])?;
    assert_eq!(code, 2);
    assert!(stderr.contains("audit-key"), "{stderr}");
    Ok(())
}

/// Lines as sluss wrote them before the chain was keyed: plain SHA-256.
fn unkeyed_lines(n: usize) -> TestResult<String> {
    let mut prev = sluss::audit::GENESIS_HASH.to_string();
    let mut out = String::new();
    for mut record in fixtures(SystemTime::now())
        .into_iter()
        .take(n)
        .map(Record::new)
    {
        record.prev_hash = prev;
        let body = String::from_utf8(record.canonical_json()?)?;
        let hash = hex(&Sha256::digest(body.as_bytes()));
        out.push_str(&sealed(&body, &hash));
        prev = hash;
    }
    Ok(out)
}

#[test]
fn old_unkeyed_logs_stay_readable_and_are_pinned_by_the_first_keyed_entry() -> TestResult {
    let dir = temp("sluss-upgrade-")?;
    let log = dir.path().join("audit.jsonl");
    fs::write(&log, unkeyed_lines(3)?)?;
    let report = AuditReader::open(&log, &chain())?.verify()?;
    assert!(report.is_whole(), "{report}");
    assert_eq!((report.unkeyed, report.unkeyed_pinned), (3, false));
    // The new writer signs a checkpoint at start, which pins them.
    let mut writer = AuditWriter::open(&log, 1 << 20, 1, chain())?;
    writer.set_fsync(false);
    writer.set_checkpoints(Signer::generate()?, 100, Duration::from_secs(3600));
    let audit = AuditLog::start(writer, None)?;
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    runtime.block_on(audit.append(Record::new(incident("S-NNNNNN", SystemTime::now()))))?;
    audit.close();
    let (ids, problems) = shown(&log, None)?;
    assert_eq!(ids, ["S-AAAAAA", "S-BBBBBB", "S-CCCCCC", "S-NNNNNN"]);
    assert!(problems.is_empty(), "{problems:?}");
    let report = AuditReader::open(&log, &chain())?.verify()?;
    assert!(report.is_whole(), "{report}");
    assert_eq!((report.unkeyed, report.unkeyed_pinned), (3, true));
    assert!(report.to_string().contains("pinned"), "{report}");
    // An unkeyed line after keyed ones is a forgery, however well it links.
    let stored = lines(&log)?;
    let last = hash_of(stored.last().map_or("", String::as_str));
    let forged = relinked(&stored[0].replace("S-AAAAAA", "S-QQQQQQ"), &last, None);
    fs::write(&log, format!("{}{forged}", stored.concat()))?;
    let (ids, problems) = shown(&log, None)?;
    assert!(!ids.contains(&"S-QQQQQQ".to_string()));
    assert!(
        matches!(problems.as_slice(), [Problem::Forged(_)]),
        "{problems:?}"
    );
    // Rewriting the unkeyed part is caught at the first keyed entry, which pins it.
    let mut t = stored.clone();
    t[1] = relinked(
        &t[1].replacen("\"POST\"", "\"PUT\"", 1),
        &hash_of(&t[0]),
        None,
    );
    t[2] = relinked(&t[2], &hash_of(&t[1]), None);
    fs::write(&log, t.concat())?;
    let report = AuditReader::open(&log, &chain())?.verify()?;
    assert_eq!(report.first_break.map(|b| b.line), Some(4));
    Ok(())
}

/// Verifying and reading a million records: the keyed chain against the unkeyed one it
/// replaced (its algorithm, reproduced here: parse `prev_hash` and `hash`, SHA-256 of the
/// line), alternating in the same run so that load on the machine hits both alike. Run with
/// `cargo test --release --test audit_chain -- --ignored --nocapture`.
#[test]
#[ignore]
fn verify_cost_of_a_million_records() -> TestResult {
    const N: usize = 1_000_000;
    let dir = tempfile::Builder::new()
        .prefix("sluss-million-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
    let log = dir.path().join("audit.jsonl");
    let mut writer = AuditWriter::open(&log, 1 << 40, 10, chain())?;
    writer.set_fsync(false);
    let findings: Vec<_> = [common::pnr(common::PNR), common::pnr(common::OTHER_PNR)].into();
    let mut batch = Vec::with_capacity(1000);
    for i in 0..N {
        let mut incident = incident("S-MMMMMM", SystemTime::now());
        incident.findings = findings.clone();
        incident.path = format!("/v1/chat/completions/{i}");
        batch.push(Record::new(incident));
        if batch.len() == 1000 {
            writer.append_batch(std::mem::take(&mut batch))?;
        }
    }
    drop(writer);
    let bytes = fs::metadata(&log)?.len();
    let reader = AuditReader::open(&log, &chain())?;
    for round in 0..2 {
        let started = Instant::now();
        let whole = unkeyed_verify(&log)?;
        let old_verify = started.elapsed();
        let started = Instant::now();
        let old_read = fs::read_to_string(&log)?
            .lines()
            .filter_map(|l| serde_json::from_str::<Record>(l).ok())
            .count();
        let old_read_time = started.elapsed();
        let started = Instant::now();
        let report = reader.verify()?;
        let new_verify = started.elapsed();
        let started = Instant::now();
        let new_read = reader.records().filter_map(Result::ok).count();
        let new_read_time = started.elapsed();
        assert!(whole == N && report.is_whole() && report.records == N);
        assert_eq!((old_read, new_read), (N, N));
        println!(
            "round {round}: {N} records, {:.0} MB: verify unkeyed {old_verify:.2?}, keyed \
             {new_verify:.2?} ({:.2}×); read unchecked {old_read_time:.2?}, read verified \
             {new_read_time:.2?} ({:.2}×)",
            bytes as f64 / 1e6,
            new_verify.as_secs_f64() / old_verify.as_secs_f64(),
            new_read_time.as_secs_f64() / old_read_time.as_secs_f64(),
        );
    }
    Ok(())
}

/// The unkeyed chain's verification as it was: each line's links parsed, its SHA-256 checked
/// (the chain here is keyed, so only the cost is compared, not the outcome), the links
/// compared. Returns the lines read.
fn unkeyed_verify(log: &Path) -> TestResult<usize> {
    #[derive(serde::Deserialize)]
    struct Link {
        prev_hash: String,
        hash: String,
    }
    let text = fs::read_to_string(log)?;
    let mut expected: Option<String> = None;
    let mut count = 0;
    for line in text.lines() {
        let link: Link = serde_json::from_str(line)?;
        let body = unsealed(line);
        let digest = hex(&Sha256::digest(body.as_bytes()));
        std::hint::black_box(digest == link.hash);
        if let Some(e) = &expected {
            std::hint::black_box(e == &link.prev_hash);
        }
        expected = Some(link.hash);
        count += 1;
    }
    Ok(count)
}

#[test]
fn an_anchor_written_by_hand_does_not_excuse_a_deleted_file() -> TestResult {
    let dir = temp("sluss-anchor-")?;
    let log = dir.path().join("audit.jsonl");
    // About one record per file: every fixture record ends up in its own file.
    write_log(&log, fixtures(SystemTime::now()), 600, 10)?;
    let reader = AuditReader::open(&log, &chain())?;
    assert!(reader.files().len() >= 3, "{:?}", reader.files());
    let oldest = reader.files()[0].clone();
    let last = lines(&oldest)?
        .last()
        .map(|l| hash_of(l))
        .unwrap_or_default();
    fs::remove_file(&oldest)?;
    let anchors = dir.path().join("audit.jsonl.anchors");
    let forged = format!(
        "{{\"@timestamp\":\"2026-11-01T00:00:00.000Z\",\"reason\":\"purge\",\"file\":\"{}\",\
         \"last_hash\":\"{last}\"}}\n",
        oldest
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    );
    fs::write(&anchors, &forged)?;
    let report = AuditReader::open(&log, &chain())?.verify()?;
    assert_eq!(
        report.first_break.as_ref().map(|b| b.line),
        Some(1),
        "{report}"
    );
    assert!(
        report.to_string().contains("deleted other than"),
        "{report}"
    );
    // The same anchor with a MAC made up without the key: still a break.
    let with_mac = forged.replace("}\n", &format!(",\"mac\":\"{}\"}}\n", "ab".repeat(32)));
    fs::write(&anchors, with_mac)?;
    let report = AuditReader::open(&log, &chain())?.verify()?;
    assert!(!report.is_whole(), "{report}");
    Ok(())
}
