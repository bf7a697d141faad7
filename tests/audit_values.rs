//! No identity number in clear anywhere the audit log reaches (issue 9): one corpus of values
//! and disguises (percent-encoding, `+`, fullwidth digits, `=`, `;`, `&` in a path segment,
//! query strings, the method and the user header) sent through the real proxy to an approved
//! service, then looked for in every place a value could be stored: the record's fields, the
//! file, `sluss logs` as table, JSON and CSV, the review list, each incident's page, the CSV
//! export and the syslog copy.

mod common;

use std::net::UdpSocket;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use common::*;
use unicode_normalization::UnicodeNormalization;

/// Values that must never show: a personnummer (issue 9's), Skatteverket's 12-digit test
/// number, and a samordningsnummer. Each as its 10-digit core.
const CORES: [&str; 3] = ["8112189876", "1212121212", "7010632391"];

/// Percent-encodes every byte of `text` (`%38%31…`).
fn encode_all(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

/// (path with query, user header, whether the record's path must hold a placeholder)
fn corpus() -> Vec<(String, Option<&'static str>, bool)> {
    let fullwidth = encode_all("８１１２１８－９８７６");
    let mut paths: Vec<(String, Option<&'static str>, bool)> = [
        "/v1/files/id=811218-9876",
        "/v1/files/doc;id=811218-9876",
        "/v1/files/a=1&id=811218-9876",
        "/v1/files/%38%31%31%32%31%38-%39%38%37%36",
        "/v1/files/811218+9876/content",
        "/v1/files/id%3D811218-9876",
        "/v1/files/811218%2D9876",
        "/v1/users/19121212-1212/notes",
        "/v1/files/x%26id%3D19121212%2D1212",
        "/v1/files/701063-2391;v=2",
        "/v1/files/id=811218-9876?purpose=x",
    ]
    .iter()
    .map(|p| (p.to_string(), None, true))
    .collect();
    paths.push((format!("/v1/files/{fullwidth}"), None, true));
    // Found only in the query string (cut off) or the user header.
    paths.push(("/v1/files?id=811218-9876&x=1".into(), None, false));
    paths.push(("/v1/files/7010632391".into(), Some("811218-9876"), true));
    paths
}

/// The first value of `CORES` that `text` shows in any form: percent-escapes decoded,
/// fullwidth digits folded (NFKC), separators removed.
fn leak(text: &str) -> Option<&'static str> {
    let decoded = percent_decode(text);
    let folded: String = decoded
        .nfkc()
        .filter(|c| !matches!(c, '-' | '+' | ' ' | '\u{2010}'..='\u{2015}' | '\u{2212}'))
        .collect();
    CORES.into_iter().find(|core| folded.contains(core))
}

/// `%XX` decoded byte by byte (lossy UTF-8), the rest as it is.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn assert_clean(place: &str, text: &str) {
    assert_eq!(leak(text), None, "{place} shows a value: {text}");
}

#[test]
fn the_leak_check_sees_every_disguise() {
    for (path, user, _) in corpus() {
        assert!(
            leak(&path).is_some() || user.is_some_and(|u| leak(u).is_some()),
            "{path}"
        );
    }
    assert_eq!(leak("/v1/files/id=[PERSONNUMMER]"), None);
}

#[test]
fn masking_is_by_span_and_leaves_the_rest_of_the_path() -> Res {
    let config = sluss::config::Config::defaults();
    let patterns = sluss::patterns::Patterns::load(&config.patterns)?;
    let detectors = sluss::detect::Detectors::build(&patterns)?;
    let limits = sluss::body::Limits::default();
    let mask = |p: &str| sluss::audit::scrub::path(&detectors, &limits, p);
    assert_eq!(
        mask("/v1/files/id=811218-9876"),
        "/v1/files/id=[PERSONNUMMER]"
    );
    assert_eq!(
        mask("/v1/files/doc;id=811218-9876/content"),
        "/v1/files/doc;id=[PERSONNUMMER]/content"
    );
    assert_eq!(
        mask("/v1/files/%38%31%31%32%31%38-%39%38%37%36/x"),
        "/v1/files/[PERSONNUMMER]/x"
    );
    assert_eq!(mask("/v1/chat/completions?q=1"), "/v1/chat/completions");
    assert_eq!(
        mask("/v1/models/gpt-4o-2024-08-06"),
        "/v1/models/gpt-4o-2024-08-06"
    );
    for (path, _, placeholder) in corpus() {
        let masked = mask(&path);
        assert_clean("the masked path", &masked);
        assert_eq!(masked.contains('['), placeholder, "{path} → {masked}");
    }
    Ok(())
}

/// Datagrams until `expected` records have arrived (checkpoints may come between).
fn datagrams(socket: &UdpSocket, expected: usize) -> Res<Vec<String>> {
    let mut buf = vec![0u8; 70_000];
    let mut out: Vec<String> = Vec::new();
    while out
        .iter()
        .filter(|d| d.contains("\"event\":{\"id\""))
        .count()
        < expected
    {
        let n = socket.recv(&mut buf)?;
        out.push(String::from_utf8_lossy(&buf[..n]).into_owned());
    }
    Ok(out)
}

fn sluss_logs(config: &std::path::Path, args: &[&str]) -> Res<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_sluss"))
        .arg("logs")
        .arg("--config")
        .arg(config)
        .args(args)
        .env("COLUMNS", "400")
        .output()?;
    assert!(out.status.success(), "sluss logs {args:?}: {out:?}");
    Ok(format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_value_reaches_any_place_the_audit_log_goes() -> Res {
    let collector = UdpSocket::bind("127.0.0.1:0")?;
    collector.set_read_timeout(Some(Duration::from_secs(10)))?;
    let upstream = Upstream::start().await?;
    let setup = Setup {
        proxy: "user_header = \"x-user\"".into(),
        audit: format!("syslog = \"{}\"", collector.local_addr()?),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let client = sluss.client()?;
    let mut ids = Vec::new();
    for (path, user, _) in corpus() {
        let mut request = client
            .post(format!("https://{APPROVED}{path}"))
            .header("content-type", "application/json")
            .body(chat("Hej, sammanfatta texten."));
        if let Some(user) = user {
            request = request.header("x-user", user);
        }
        let response = request.send().await?;
        assert_eq!(response.status(), 403, "{path} must be stopped");
        let body: serde_json::Value = serde_json::from_str(&response.text().await?)?;
        let id = body["error"]["incident_id"].as_str().ok_or("no id")?;
        ids.push(id.to_string());
    }
    assert!(
        upstream.received().is_empty(),
        "nothing reached the service"
    );

    // The file and every field of every record.
    let text = sluss.audit_text();
    assert_clean("the audit file", &text);
    let records: Vec<serde_json::Value> = sluss
        .audit_records()
        .into_iter()
        .filter(|r| r["event"]["id"].is_string())
        .collect();
    assert_eq!(records.len(), ids.len());
    for ((record, (path, _, placeholder)), id) in records.iter().zip(corpus()).zip(&ids) {
        assert_eq!(record["event"]["id"], id.as_str());
        let stored = record["url"]["path"].as_str().unwrap_or_default();
        assert_eq!(
            stored.contains('['),
            placeholder,
            "{path} stored as {stored}"
        );
        assert!(!stored.contains('?'), "no query string: {stored}");
        assert_clean("a record", &record.to_string());
    }

    // The syslog copy.
    for datagram in datagrams(&collector, ids.len())? {
        assert_clean("syslog", &datagram);
    }

    // sluss logs, every format.
    for args in [
        &["--format", "table"][..],
        &["--format", "json"],
        &["--format", "csv"],
    ] {
        let out = sluss_logs(&sluss.config_path, args)?;
        assert_clean("sluss logs", &out);
        for id in &ids {
            assert!(out.contains(id.as_str()), "{args:?} lists {id}");
        }
    }

    // The review page, each incident and the CSV export.
    let token = sluss.dir.path("token");
    std::fs::write(&token, "0123456789abcdef0123456789abcdef\n")?;
    set_private(&token)?;
    let credentials =
        sluss::admin::Credentials::load(&sluss::config::AdminAuth::Token(token.clone()))?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(sluss::admin::serve(
        Arc::clone(&sluss.shared),
        credentials,
        listener,
        async move {
            let _ = stopped.await;
        },
    ));
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::builder().no_proxy().build()?;
    let get = |path: String| {
        http.get(format!("{base}{path}"))
            .bearer_auth("0123456789abcdef0123456789abcdef")
            .send()
    };
    let list = get("/review".into()).await?;
    assert_eq!(list.status(), 200);
    let list = list.text().await?;
    assert_clean("/review", &list);
    for id in &ids {
        assert!(list.contains(id.as_str()));
        let detail = get(format!("/review/{id}")).await?;
        assert_eq!(detail.status(), 200);
        assert_clean("an incident page", &detail.text().await?);
    }
    let csv = get("/review.csv".into()).await?;
    assert_eq!(csv.status(), 200);
    assert_clean("/review.csv", &csv.text().await?);
    let _ = stop.send(());
    sluss.stop().await
}

fn set_private(path: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
