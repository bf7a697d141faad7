//! The proxy's edges with raw sockets and real parts: malformed HTTP, request smuggling,
//! slow clients, reload, graceful drain, and sluss's own pages.

mod common;

use std::time::{Duration, Instant};

use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test]
async fn malformed_http_gets_400_and_the_proxy_keeps_serving() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let mut stream = tokio::net::TcpStream::connect(sluss.addr).await?;
    stream.write_all(b"GARBAGE\x01 / HTTP/9\r\n\r\n").await?;
    let answer = read_to_close(&mut stream).await?;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer:?}");
    let response = sluss
        .client()?
        .get(format!("https://{APPROVED}/v1/models"))
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    sluss.stop().await
}

#[tokio::test]
async fn smuggled_requests_are_inspected_like_any_other() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let smuggled = chat(&format!("pnr {PNR}"));
    let tunnel = connect_tunnel(sluss.addr, APPROVED).await?;
    let mut tls = tls_over(tunnel, sluss.ca(), APPROVED).await?;
    // Content-Length and Transfer-Encoding together (CL.TE): the "body" hides a second request.
    let hidden = format!(
        "POST /v1/chat/completions HTTP/1.1\r\nHost: {APPROVED}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{smuggled}",
        smuggled.len()
    );
    let first = format!(
        "POST /v1/chat/completions HTTP/1.1\r\nHost: {APPROVED}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n{hidden}",
        5 + hidden.len()
    );
    tls.write_all(first.as_bytes()).await?;
    let answer = read_to_close(&mut tls).await?;
    // hyper reads the body as chunked (empty) and closes the connection afterwards, as RFC 9112
    // §6.1 asks: the hidden request is never read as a request, let alone forwarded.
    assert!(answer.contains("connection: close"), "{answer}");
    assert!(upstream.received().len() <= 1);
    for received in upstream.received() {
        assert!(
            !leaks_pnr(&String::from_utf8_lossy(&received.body)),
            "smuggled past inspection"
        );
        let both = received.headers.contains_key("content-length")
            && received.headers.contains_key("transfer-encoding");
        assert!(!both, "ambiguous framing forwarded");
    }
    assert!(!leaks_pnr(&answer));
    sluss.stop().await
}

#[tokio::test]
async fn a_client_that_stalls_in_its_headers_is_disconnected() -> Res {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        proxy: "header_timeout_secs = 1".into(),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let mut stream = tokio::net::TcpStream::connect(sluss.addr).await?;
    stream
        .write_all(b"GET /register HTTP/1.1\r\nHost: x\r\n")
        .await?;
    let started = Instant::now();
    let mut buf = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut buf)).await?;
    assert!(started.elapsed() < Duration::from_secs(5));
    sluss.stop().await
}

#[tokio::test]
async fn a_reload_applies_a_good_config_and_refuses_a_bad_one() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let client = sluss.client()?;
    let url = format!("https://{REDACTING}/v1/chat/completions");
    let send = || {
        client
            .post(&url)
            .body(chat(&format!("brev till {PNR}")))
            .send()
    };
    assert_eq!(send().await?.status(), 200, "redacted before the reload");

    let original = std::fs::read_to_string(&sluss.config_path)?;
    std::fs::write(
        &sluss.config_path,
        format!("{original}\n[proxy.nonsense]\n"),
    )?;
    assert!(sluss.shared.reload(&sluss.config_path).is_err());
    assert_eq!(
        send().await?.status(),
        200,
        "a bad reload keeps the old config"
    );

    let stricter = original.replace("policy = { personnummer = \"redact\" }", "");
    std::fs::write(&sluss.config_path, stricter)?;
    sluss.shared.reload(&sluss.config_path)?;
    assert_eq!(
        send().await?.status(),
        403,
        "the new policy applies on the same connection pool"
    );
    assert_eq!(sluss.shared.metrics.reloads.get(), 1);
    sluss.stop().await
}

#[tokio::test]
async fn shutdown_lets_a_live_stream_finish() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let mut response = sluss
        .client()?
        .post(format!("https://{APPROVED}/sse"))
        .body(chat("Berätta en saga."))
        .send()
        .await?;
    let first = response.chunk().await?.ok_or("no first event")?;
    assert_eq!(first.as_ref(), "data: först\n\n".as_bytes());
    let addr = sluss.addr;
    let stopping = tokio::spawn(sluss.stop());
    // The event: the listener is closed (shutdown has begun).
    let deadline = Instant::now() + Duration::from_secs(10);
    while tokio::net::TcpStream::connect(addr).await.is_ok() {
        assert!(Instant::now() < deadline, "the listener stayed open");
        tokio::task::yield_now().await;
    }
    assert!(
        !stopping.is_finished(),
        "shutdown must wait for the open stream"
    );
    upstream.release.notify_one();
    let second = response.chunk().await?.ok_or("stream cut by shutdown")?;
    assert_eq!(second.as_ref(), "data: sist\n\n".as_bytes());
    assert!(response.chunk().await?.is_none());
    tokio::time::timeout(Duration::from_secs(10), stopping).await???;
    Ok(())
}

#[tokio::test]
async fn sluss_serves_the_register_the_pac_file_and_its_ca() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let direct = direct_client()?;
    let base = format!("http://{}", sluss.addr);
    let page = direct
        .get(format!("{base}/register"))
        .send()
        .await?
        .text()
        .await?;
    assert!(page.contains("Godkända AI-tjänster") && page.contains("Kommunens AI"));
    assert!(page.contains("KS 2026/115") && page.contains("IT-avdelningen"));
    let json: serde_json::Value = serde_json::from_str(
        &direct
            .get(format!("{base}/register"))
            .header("accept", "application/json")
            .send()
            .await?
            .text()
            .await?,
    )?;
    assert_eq!(json["services"][0]["name"], "Kommunens AI");
    assert_eq!(json["services"][0]["approved"], "2026-03-01");
    assert_eq!(json["services"][1]["policy"]["personnummer"], "redact");
    let pac = direct.get(format!("{base}/proxy.pac")).send().await?;
    assert_eq!(
        pac.headers()["content-type"],
        "application/x-ns-proxy-autoconfig"
    );
    let pac = pac.text().await?;
    assert!(
        pac.contains("FindProxyForURL") && pac.contains(APPROVED) && pac.contains("chatgpt.com")
    );
    let pem = direct
        .get(format!("{base}/ca.pem"))
        .send()
        .await?
        .text()
        .await?;
    assert_eq!(pem, sluss.ca().cert_pem());
    assert_eq!(
        direct.get(format!("{base}/nope")).send().await?.status(),
        404
    );
    sluss.stop().await
}

#[tokio::test]
async fn the_trusted_user_header_names_the_user_in_the_log_and_is_not_forwarded() -> Res {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        proxy: "user_header = \"X-Authenticated-User\"".into(),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let client = sluss.client()?;
    let url = format!("https://{APPROVED}/v1/chat/completions");
    let blocked = client
        .post(&url)
        .header("x-authenticated-user", "anna.svensson")
        .body(chat(PNR))
        .send()
        .await?;
    assert_eq!(blocked.status(), 403);
    assert_eq!(sluss.audit_records()[0]["user"]["name"], "anna.svensson");
    let allowed = client
        .post(&url)
        .header("x-authenticated-user", "anna.svensson")
        .body(chat("Hej"))
        .send()
        .await?;
    assert_eq!(allowed.status(), 200);
    assert!(
        upstream.received()[0]
            .headers
            .get("x-authenticated-user")
            .is_none()
    );
    sluss.stop().await
}

#[tokio::test]
async fn an_intercepted_connection_keeps_its_place_until_an_idle_one_must_make_room() -> Res {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        proxy: "max_connections = 1".into(),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let tunnel = connect_tunnel(sluss.addr, APPROVED).await?;
    let mut held = tls_over(tunnel, sluss.ca(), APPROVED).await?;
    assert_eq!(
        sluss.shared.metrics.connections.get(),
        1,
        "counted after the upgrade"
    );
    // The intercepted connection is idle (no request in flight): a new client gets its place.
    let again =
        tokio::time::timeout(Duration::from_secs(5), connect_tunnel(sluss.addr, APPROVED)).await;
    assert!(
        matches!(again, Ok(Ok(_))),
        "served: the idle connection made room"
    );
    closed_within(&mut held, Duration::from_secs(5)).await?;
    assert_eq!(sluss.shared.metrics.connections.get(), 1);
    sluss.stop().await
}
