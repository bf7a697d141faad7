//! Several instances' audit logs read together: `sluss logs` (with `[audit] other_instances`
//! or `--log` repeated) merges them by time and verifies each chain on its own with its own
//! keys, and the review page shows them together.

#[path = "audit_fixtures/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use common::{TestResult, at, incident, pnr, temp, write_key_file};
use sluss::audit::{AuditKey, AuditWriter, Incident, IncidentId, Record};

/// Instance A (this one, key of the fixtures) and instance B (its own key in its folder),
/// each with records every ten minutes, B's five minutes after A's.
struct Pair {
    _dir: tempfile::TempDir,
    a: PathBuf,
    b: PathBuf,
}

fn records(prefix: char, offset_minutes: u64, n: u64) -> Vec<Incident> {
    (0..n)
        .map(|i| {
            let when =
                at((2026, 11, 1), 8, 0) + Duration::from_secs(60 * (offset_minutes + 10 * i));
            let mut x = incident("S-2222AA", when);
            x.id = IncidentId::new(&format!("S-{prefix}{i:05}"));
            x.findings = vec![pnr(common::PNR)];
            x
        })
        .collect()
}

fn pair() -> TestResult<Pair> {
    let dir = temp("sluss-pair-")?;
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir_all(&a)?;
    std::fs::create_dir_all(&b)?;
    common::write_log(&a.join("audit.jsonl"), records('A', 0, 6), 100 << 20, 10)?;
    // B has a key of its own, beside its log.
    std::fs::write(b.join("audit-key"), format!("{}\n", "09".repeat(32)))?;
    std::fs::set_permissions(
        b.join("audit-key"),
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    )?;
    let key_b = AuditKey::from_bytes(&[9; 32]).chain_key();
    let mut writer = AuditWriter::open(b.join("audit.jsonl"), 100 << 20, 10, key_b)?;
    for x in records('B', 5, 6) {
        writer.append(Record::new(x))?;
    }
    Ok(Pair { _dir: dir, a, b })
}

/// A config for instance A; `others` as `[audit] other_instances`.
fn config_a(pair: &Pair, others: &[&Path]) -> TestResult<PathBuf> {
    let list: Vec<String> = others
        .iter()
        .map(|p| format!("'{}'", p.display()))
        .collect();
    let a = pair.a.display();
    let path = pair.a.join(format!("sluss-{}.toml", others.len()));
    std::fs::write(
        &path,
        format!(
            "[ca]\ncert = '{a}/ca.pem'\nkey = '{a}/ca-key.pem'\n\n[audit]\npath = '{a}/audit.jsonl'\n\
             key_file = '{a}/audit-key'\nother_instances = [{}]\n",
            list.join(", ")
        ),
    )?;
    write_key_file(&pair.a.join("audit-key"))?;
    Ok(path)
}

fn logs(config: &Path, args: &[&str]) -> TestResult<(i32, String, String)> {
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

/// The incident ids of JSON lines, in order.
fn ids(json_lines: &str) -> TestResult<Vec<String>> {
    json_lines
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l)?;
            Ok(v["event"]["id"].as_str().unwrap_or("").to_string())
        })
        .collect()
}

fn interleaved() -> Vec<String> {
    (0..6)
        .flat_map(|i| [format!("S-A{i:05}"), format!("S-B{i:05}")])
        .collect()
}

#[test]
fn other_instances_are_merged_by_time_each_with_its_own_key() -> TestResult {
    let pair = pair()?;
    let config = config_a(&pair, &[&pair.b])?;
    let (code, out, err) = logs(&config, &["--format", "json"])?;
    assert_eq!(code, 0, "{err}");
    assert_eq!(ids(&out)?, interleaved());
    assert!(err.is_empty(), "{err}");

    // The same with --log, and B named by its file.
    let only = config_a(&pair, &[])?;
    let b_file = pair.b.join("audit.jsonl");
    let (code, out, _) = logs(
        &only,
        &[
            "--log",
            &pair.a.display().to_string(),
            "--log",
            &b_file.display().to_string(),
            "--format",
            "json",
        ],
    )?;
    assert_eq!(code, 0);
    assert_eq!(ids(&out)?, interleaved());
    let (_, out, _) = logs(&only, &["--format", "json"])?;
    assert_eq!(
        ids(&out)?.len(),
        6,
        "without other_instances, only this one"
    );

    let (code, out, _) = logs(&config, &["--summary", "--format", "json"])?;
    assert_eq!(code, 0);
    let summary: serde_json::Value = serde_json::from_str(&out)?;
    assert_eq!(summary["total"], 12);

    let (code, table, _) = logs(&config, &["--client", "10.0.0.1"])?;
    assert_eq!(code, 0);
    assert!(
        table.contains("S-B00005") && table.contains("S-A00000"),
        "{table}"
    );
    Ok(())
}

#[test]
fn each_chain_is_verified_on_its_own() -> TestResult {
    let pair = pair()?;
    let config = config_a(&pair, &[&pair.b])?;
    let (code, out, err) = logs(&config, &["--verify"])?;
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("a/audit.jsonl: chain whole: 6 records"),
        "{out}"
    );
    assert!(
        out.contains("b/audit.jsonl: chain whole: 6 records"),
        "{out}"
    );

    // An edit in B: B's chain breaks and the line is not shown; A is untouched.
    let b_log = pair.b.join("audit.jsonl");
    let text = std::fs::read_to_string(&b_log)?.replacen("S-B00002", "S-B00009", 1);
    std::fs::write(&b_log, text)?;
    let (code, out, err) = logs(&config, &["--verify"])?;
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("a/audit.jsonl: chain whole"), "{out}");
    assert!(out.contains("b/audit.jsonl: chain broken at"), "{out}");
    assert!(err.contains("b/audit.jsonl:3:"), "{err}");
    let (code, out, err) = logs(&config, &["--format", "json"])?;
    assert_eq!(code, 0);
    let shown = ids(&out)?;
    assert_eq!(shown.len(), 11);
    assert!(
        !shown
            .iter()
            .any(|id| id.starts_with("S-B0000") && (id.ends_with('2') || id.ends_with('9')))
    );
    assert!(err.contains("b/audit.jsonl:3"), "{err}");

    // B read with A's key (its own key moved away): nothing of B verifies.
    std::fs::rename(pair.b.join("audit-key"), pair.b.join("moved-key"))?;
    let (code, out, _) = logs(&config, &["--verify"])?;
    assert_eq!(code, 1);
    assert!(out.contains("b/audit.jsonl: chain broken"), "{out}");
    Ok(())
}

#[test]
fn checkpoint_copies_need_one_log() -> TestResult {
    let pair = pair()?;
    let config = config_a(&pair, &[&pair.b])?;
    let copies = pair.a.join("copies.log");
    std::fs::write(&copies, "nothing\n")?;
    let (code, _, err) = logs(
        &config,
        &["--verify", "--checkpoints", &copies.display().to_string()],
    )?;
    assert_eq!(code, 2);
    assert!(err.contains("--checkpoints checks one log"), "{err}");
    Ok(())
}

#[test]
fn the_review_page_shows_every_instance() -> TestResult {
    let pair = pair()?;
    let config_path = config_a(&pair, &[&pair.b])?;
    let token = pair.a.join("token");
    std::fs::write(&token, "0123456789abcdef0123456789abcdef\n")?;
    std::fs::set_permissions(&token, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let config = sluss::config::load(&config_path)?;
        let (shared, _) = sluss::proxy::Shared::start(config)?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let base = format!("http://{}", listener.local_addr()?);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(sluss::admin::serve(
            Arc::new(shared),
            sluss::admin::Credentials::load(&sluss::config::AdminAuth::Token(token))?,
            listener,
            async move {
                let _ = stopped.await;
            },
        ));
        let client = common::http_client()?;
        let get = |path: &str| {
            client
                .get(format!("{base}{path}"))
                .bearer_auth("0123456789abcdef0123456789abcdef")
                .send()
        };
        let page = get("/review").await?.text().await?;
        let found: Vec<&str> = interleaved_positions(&page);
        let mut newest_first = interleaved();
        newest_first.reverse();
        assert_eq!(found, newest_first);
        let detail = get("/review/S-B00003").await?.text().await?;
        assert!(detail.contains("b/audit.jsonl"), "the log it is in");
        // The same value in both instances: the other eleven incidents.
        assert!(detail.contains("11 andra"), "{detail}");
        let csv = get("/review.csv").await?.text().await?;
        let rows: Vec<&str> = csv.lines().skip(1).map(|l| &l[25..33]).collect();
        assert_eq!(rows, interleaved());
        let _ = stop.send(());
        Ok::<_, Box<dyn std::error::Error + Send + Sync>>(())
    })
}

/// The incident ids in a review page's table, in order.
fn interleaved_positions(page: &str) -> Vec<&str> {
    page.match_indices(">S-")
        .filter_map(|(i, _)| page.get(i + 1..i + 9))
        .filter(|id| id.starts_with("S-A") || id.starts_with("S-B"))
        .collect()
}
