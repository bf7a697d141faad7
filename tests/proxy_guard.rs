//! Slipping past and starving the inspection (issue 9): header tricks are refused, every
//! uninspected pass is recorded, the body budget answers 503 instead of growing without end,
//! a panicking inspection is answered 500 and recorded, and a costly body does not hold up
//! another client's clean prompt.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use tokio::io::AsyncWriteExt;

const CHAT: &str = "/v1/chat/completions";

/// Sends `head` + `body` on a fresh intercepted connection to `host` and returns everything
/// the proxy answered (`Connection: close` is added).
async fn raw(sluss: &Sluss, host: &str, head: &[u8], body: &[u8]) -> Res<String> {
    let tunnel = connect_tunnel(sluss.addr, host).await?;
    let mut tls = tls_over(tunnel, sluss.ca(), host).await?;
    let mut request = head.to_vec();
    request.extend_from_slice(
        format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    request.extend_from_slice(body);
    tls.write_all(&request).await?;
    read_to_close(&mut tls).await
}

fn post_head(host: &str, extra: &[u8]) -> Vec<u8> {
    let mut head = format!("POST {CHAT} HTTP/1.1\r\nHost: {host}\r\n").into_bytes();
    head.extend_from_slice(extra);
    head
}

#[tokio::test]
async fn header_tricks_are_refused_before_inspection() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let body = chat(&format!("Journal för {PNR}"));
    let tricks: [&[u8]; 6] = [
        b"Content-Type: text/plain\r\nContent-Type: application/json\r\n",
        b"Content-Type: application/json\r\nContent-Encoding: identity\r\nContent-Encoding: gzip\r\n",
        b"Content-Type: application/json\r\nConnection: content-type\r\n",
        b"Content-Type: application/json\r\nConnection: keep-alive, Content-Encoding\r\nContent-Encoding: identity\r\n",
        b"Content-Type: application/j\xf6son\r\n",
        b"Content-Type: text/plain, application/json\r\n",
    ];
    for trick in tricks {
        let answer = raw(
            &sluss,
            APPROVED,
            &post_head(APPROVED, trick),
            body.as_bytes(),
        )
        .await?;
        let shown = String::from_utf8_lossy(trick);
        assert!(answer.starts_with("HTTP/1.1 400"), "{shown}: {answer}");
        assert!(
            answer.contains("kan tolkas på flera sätt"),
            "{shown}: {answer}"
        );
        assert!(answer.contains("ambiguous_headers") && !leaks_pnr(&answer));
    }
    assert!(upstream.received().is_empty(), "nothing was forwarded");
    let records = sluss.audit_records();
    assert_eq!(records.len(), tricks.len());
    assert!(
        records
            .iter()
            .all(|r| r["event"]["reason"] == "ambiguous_headers")
    );
    assert_eq!(sluss.shared.metrics.refused.get(&["ambiguous_headers"]), 6);
    // Two different Content-Length lines never reach the inspection either (hyper refuses
    // them; two equal ones it folds into one, which is what is forwarded).
    let twice = post_head(
        APPROVED,
        b"Content-Type: application/json\r\nContent-Length: 3\r\n",
    );
    let answer = raw(&sluss, APPROVED, &twice, b"{}").await?;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(upstream.received().is_empty());
    sluss.stop().await
}

#[tokio::test]
async fn the_headers_that_were_judged_are_the_headers_forwarded() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let head = post_head(
        APPROVED,
        b"Content-Type: application/json; charset=utf-8\r\nX-Note: fri text\r\n",
    );
    let answer = raw(&sluss, APPROVED, &head, chat("Hej").as_bytes()).await?;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let received = &upstream.received()[0];
    let types: Vec<_> = received.headers.get_all("content-type").iter().collect();
    assert_eq!(types, ["application/json; charset=utf-8"]);
    assert_eq!(received.headers["x-note"], "fri text");
    assert!(received.headers.get("content-encoding").is_none());
    sluss.stop().await
}

fn open_service() -> Setup {
    Setup {
        proxy: "max_body_bytes = 4096".into(),
        resolve: vec![("open.kommun.test:443".into(), "127.0.0.1:1".parse().unwrap_or_else(|_| unreachable!()))],
        extra: "[[service]]\nname = \"Öppen\"\nhosts = [\"open.kommun.test\"]\npolicy = { uninspectable = \"allow\" }\n".into(),
        ..Setup::default()
    }
}

#[tokio::test]
async fn every_uninspected_pass_is_recorded() -> Res {
    let upstream = Upstream::start().await?;
    let mut setup = open_service();
    setup.resolve = vec![("open.kommun.test:443".into(), upstream.addr)];
    let sluss = Sluss::start(&upstream, setup).await?;
    let client = sluss.client()?;
    let url = format!("https://open.kommun.test{CHAT}");
    // A picture: not text, so not inspected, but this service lets it through.
    let png = [0x89u8, b'P', b'N', b'G', 13, 10, 26, 10, 0, 0, 0, 13];
    let response = client
        .post(&url)
        .header("content-type", "image/png")
        .body(png.to_vec())
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    // A body over max_body_bytes.
    let big = chat(&"Ett långt stycke text om kommunens budget. ".repeat(200));
    let response = client
        .post(&url)
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    assert_eq!(upstream.received().len(), 2);
    let records = sluss.audit_records();
    let reasons: Vec<_> = records
        .iter()
        .map(|r| r["event"]["reason"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        reasons,
        ["uninspectable:unsupported_type", "uninspectable:too_large"]
    );
    assert!(records.iter().all(|r| r["event"]["action"] == "allow"));
    assert!(records.iter().all(|r| r["sluss"]["service"] == "Öppen"));
    sluss.stop().await
}

#[tokio::test]
async fn requests_beyond_the_body_budget_wait_then_get_503() -> Res {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        proxy: "max_body_bytes = 16384\nbody_budget_bytes = 32768\nbody_budget_wait_secs = 1"
            .into(),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    // One client declares 16 000 bytes and sends them slowly: its room is taken at once.
    let body = chat(&"Kommunens budget för parker. ".repeat(540));
    let tunnel = connect_tunnel(sluss.addr, APPROVED).await?;
    let mut slow = tls_over(tunnel, sluss.ca(), APPROVED).await?;
    let head = format!(
        "POST {CHAT} HTTP/1.1\r\nHost: {APPROVED}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    slow.write_all(head.as_bytes()).await?;
    slow.write_all(&body.as_bytes()[..100]).await?;
    wait_until(
        Duration::from_secs(10),
        "the slow body to take the budget",
        || sluss.shared.budget.available_permits() == 0,
    )
    .await?;
    // Another client finds no room: a Swedish 503 after a short wait, not an unbounded queue.
    let started = Instant::now();
    let response = sluss
        .client()?
        .post(format!("https://{APPROVED}{CHAT}"))
        .body(chat("Hej"))
        .send()
        .await?;
    assert_eq!(response.status(), 503);
    assert!(started.elapsed() >= Duration::from_millis(900));
    assert_eq!(response.headers()["retry-after"], "5");
    assert!(response.text().await?.contains("för många förfrågningar"));
    assert_eq!(sluss.shared.metrics.refused.get(&["body_budget"]), 1);
    // The slow one finishes and is answered; its room is given back.
    slow.write_all(&body.as_bytes()[100..]).await?;
    assert!(read_head(&mut slow).await?.starts_with("HTTP/1.1 200"));
    let response = sluss
        .client()?
        .post(format!("https://{APPROVED}{CHAT}"))
        .body(chat("Hej"))
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    sluss.stop().await
}

#[allow(clippy::panic)]
fn panicking(
    _: &sluss::detect::Detectors,
    _: &sluss::policy::ServicePolicy,
    _: &sluss::inspect::Request<'_>,
    _: &sluss::body::Limits,
) -> sluss::inspect::Inspection {
    panic!("a bug in the inspection");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_inspection_is_answered_500_and_recorded() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let config = sluss::config::load(&sluss.config_path)?;
    let mut runtime = sluss::proxy::Runtime::build(config, sluss.shared.own.clone())?;
    runtime.inspector = panicking;
    sluss.shared.runtime.store(Arc::new(runtime));
    let client = sluss.client()?;
    let url = format!("https://{APPROVED}{CHAT}");
    // Inline (a small prompt) and on the blocking pool (a large one).
    for body in [chat("Hej"), chat(&"Ett stycke text. ".repeat(2000))] {
        let response = client
            .post(&url)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await?;
        assert_eq!(response.status(), 500);
        let json: serde_json::Value = serde_json::from_str(&response.text().await?)?;
        assert_eq!(json["error"]["code"], "inspection_failed");
        let incident = json["error"]["incident_id"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(incident.starts_with("S-"), "{json}");
        assert!(
            json["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains(&incident))
        );
    }
    assert!(
        upstream.received().is_empty(),
        "nothing unjudged was forwarded"
    );
    let records = sluss.audit_records();
    assert_eq!(records.len(), 2);
    assert!(records.iter().all(|r| r["event"]["reason"] == "inspection_failed" && r["event"]["action"] == "block"));
    assert_eq!(sluss.shared.metrics.inspection_failures.get(), 2);
    sluss.stop().await
}

/// A chat body of about `mib` MiB of prose dense with findings (names, numbers, health): the
/// costliest kind of text to scan, seconds of inspection in a debug build. Inline (as every body
/// up to 64 KiB once was) such work held an async worker all that time.
fn costly_body(mib: usize) -> String {
    let sentence = "Leyla Hassan 850101-2382 har diabetes, ring 070-123 45 67. ";
    let content = sentence.repeat(mib * 1024 * 1024 / sentence.len());
    serde_json::json!({"messages": [{"role": "user", "content": content}]}).to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_costly_body_does_not_hold_up_a_clean_prompt() -> Res {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        // The budget cuts the costly bodies off (403, too costly) well after the clean prompts
        // are answered, however slow the machine: a debug build on a loaded machine took over
        // 300 s to read them whole.
        proxy: "max_inspections = 2\ninspection_budget_ms = 45000".into(),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let url = format!("https://{APPROVED}{CHAT}");
    // As many costly bodies as there are async workers: inline, they would hold them all (and
    // the second would not even start while the first is inspected).
    let mut costly = Vec::new();
    for _ in 0..2 {
        let client = sluss.client_timeout(&[b"http/1.1"], Duration::from_secs(300))?;
        let url = url.clone();
        costly.push(tokio::spawn(async move {
            let started = Instant::now();
            let sent = client
                .post(&url)
                .header("content-type", "application/json")
                .body(costly_body(1))
                .send()
                .await;
            (sent, started.elapsed())
        }));
    }
    wait_until(
        Duration::from_secs(20),
        "the second client's costly body to be inspected alongside the first",
        || sluss.shared.metrics.inspections_running.get() >= 2,
    )
    .await?;
    let clean = sluss.client()?;
    let mut slowest = Duration::ZERO;
    for i in 0..10 {
        let started = Instant::now();
        let response = tokio::time::timeout(
            Duration::from_secs(2),
            clean
                .post(&url)
                .header("content-type", "application/json")
                .body(chat(&format!("Fråga {i}")))
                .send(),
        )
        .await
        .map_err(|_| format!("clean prompt {i} not answered within 2 s"))??;
        assert_eq!(response.status(), 200);
        slowest = slowest.max(started.elapsed());
    }
    for task in costly {
        let (response, took) = tokio::time::timeout(Duration::from_secs(300), task).await??;
        let status = response?.status();
        assert!(status.is_success() || status == 403, "{status}");
        eprintln!("costly body answered after {took:?} ({status})");
    }
    eprintln!("slowest clean prompt while the costly bodies were inspected: {slowest:?}");
    sluss.stop().await
}
