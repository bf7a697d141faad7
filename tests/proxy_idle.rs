//! Nobody holds the proxy with connections that do nothing (issue 9): silent sockets, idle
//! keep-alive and HTTP/2 connections and idle tunnels are closed (idle WebSockets: see
//! tests/proxy_websocket.rs); idle connections make room at `max_connections`; working ones
//! are never cut; response bodies that stop in the middle are cut, streams that keep sending
//! are not.

mod common;

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use common::*;
use http_body_util::{BodyExt, Empty};
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::io::AsyncWriteExt;

fn proxy(lines: &str) -> Setup {
    Setup {
        proxy: lines.into(),
        ..Setup::default()
    }
}

const BOUND: Duration = Duration::from_secs(10);

#[tokio::test]
async fn a_connection_that_never_sends_a_byte_is_closed() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, proxy("first_request_timeout_secs = 1")).await?;
    let mut silent = tokio::net::TcpStream::connect(sluss.addr).await?;
    let started = tokio::time::Instant::now();
    let said = closed_within(&mut silent, BOUND).await?;
    assert!(said.is_empty());
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "not before its time"
    );
    wait_until(BOUND, "the connection to be forgotten", || {
        sluss.shared.metrics.connections.get() == 0
    })
    .await?;
    sluss.stop().await
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, proxy("idle_timeout_secs = 1")).await?;
    let mut stream = tokio::net::TcpStream::connect(sluss.addr).await?;
    stream
        .write_all(b"GET /register HTTP/1.1\r\nHost: sluss\r\n\r\n")
        .await?;
    let head = read_head(&mut stream).await?;
    assert!(head.starts_with("HTTP/1.1 200") && !head.contains("connection: close"));
    // The page arrives, then the kept-alive connection is closed when it idles.
    let rest = closed_within(&mut stream, BOUND).await?;
    assert!(String::from_utf8_lossy(&rest).contains("</html>"));
    sluss.stop().await
}

#[tokio::test]
async fn an_idle_http2_connection_is_closed() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, proxy("idle_timeout_secs = 1")).await?;
    let tunnel = connect_tunnel(sluss.addr, APPROVED).await?;
    let config = client_tls(sluss.ca(), &[b"h2"])?;
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let name = rustls::pki_types::ServerName::try_from(APPROVED)?;
    let tls = connector.connect(name, tunnel).await?;
    assert_eq!(tls.get_ref().1.alpn_protocol(), Some(&b"h2"[..]));
    let (mut sender, connection) =
        hyper::client::conn::http2::handshake(TokioExecutor::new(), TokioIo::new(tls)).await?;
    let ended = tokio::spawn(connection);
    let request =
        http::Request::get(format!("https://{APPROVED}/v1/models")).body(Empty::<Bytes>::new())?;
    let response = sender.send_request(request).await?;
    assert_eq!(response.status(), 200);
    response.into_body().collect().await?;
    // sluss sends PINGs every 30 s: bytes alone do not keep a connection working.
    tokio::time::timeout(BOUND, ended)
        .await
        .map_err(|_| "the idle HTTP/2 connection stayed open")??
        .ok();
    sluss.stop().await
}

#[tokio::test]
async fn fifty_silent_sockets_do_not_lock_out_a_new_client() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, proxy("max_connections = 50")).await?;
    let mut silent = Vec::new();
    for _ in 0..50 {
        silent.push(tokio::net::TcpStream::connect(sluss.addr).await?);
    }
    wait_until(BOUND, "50 open connections", || {
        sluss.shared.metrics.connections.get() == 50
    })
    .await?;
    let response = tokio::time::timeout(
        Duration::from_secs(5),
        direct_client()?
            .get(format!("http://{}/register", sluss.addr))
            .send(),
    )
    .await
    .map_err(|_| "locked out")??;
    assert_eq!(response.status(), 200);
    assert!(sluss.shared.metrics.connections.get() <= 50);
    sluss.stop().await
}

#[tokio::test]
async fn working_connections_are_never_evicted_and_new_clients_get_503() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, proxy("max_connections = 1")).await?;
    let client = sluss.client()?;
    let mut stream = client
        .post(format!("https://{APPROVED}/sse"))
        .body(chat("Berätta en saga."))
        .send()
        .await?;
    assert_eq!(
        stream.chunk().await?.as_deref(),
        Some(&b"data: f\xc3\xb6rst\n\n"[..])
    );
    // The only place is working: a new client is told so, at once.
    let mut other = tokio::net::TcpStream::connect(sluss.addr).await?;
    other
        .write_all(b"GET /register HTTP/1.1\r\nHost: sluss\r\n\r\n")
        .await?;
    let answer = closed_within(&mut other, BOUND).await?;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains("för många anslutningar"));
    assert_eq!(sluss.shared.metrics.refused.get(&["max_connections"]), 1);
    // The stream was not cut for the newcomer.
    upstream.release.notify_one();
    assert_eq!(
        stream.chunk().await?.as_deref(),
        Some(&b"data: sist\n\n"[..])
    );
    assert!(stream.chunk().await?.is_none());
    // Now idle, it makes room for the next client.
    let response = direct_client()?
        .get(format!("http://{}/register", sluss.addr))
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    sluss.stop().await
}

#[tokio::test]
async fn a_response_in_flight_is_work_even_when_no_byte_moves() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, proxy("idle_timeout_secs = 1")).await?;
    // The upstream pauses 1.5 s between two events, longer than the idle limit.
    let text = sluss
        .client()?
        .post(format!("https://{APPROVED}/sse-pause"))
        .body(chat("Berätta en saga."))
        .send()
        .await?
        .text()
        .await?;
    assert_eq!(text, "data: först\n\ndata: sist\n\n");
    sluss.stop().await
}

#[tokio::test]
async fn an_idle_tunnel_is_closed() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, proxy("tunnel_idle_timeout_secs = 1")).await?;
    let tunnel = connect_tunnel(sluss.addr, OTHER).await?;
    let mut tls = tls_over(tunnel, &upstream.ca, OTHER).await?;
    tls.write_all(format!("GET /v1/models HTTP/1.1\r\nHost: {OTHER}\r\n\r\n").as_bytes())
        .await?;
    let head = read_head(&mut tls).await?;
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    // Neither side sends anything more: the tunnel is closed.
    closed_within(&mut tls, BOUND).await?;
    assert_eq!(sluss.shared.metrics.tunnels.get(), 1);
    sluss.stop().await
}

#[tokio::test]
async fn a_response_body_that_stops_is_cut_and_one_that_keeps_sending_is_not() -> Res {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        upstream: "body_idle_timeout_secs = 1".into(),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let client = sluss.client()?;
    // Six parts 300 ms apart: 1.5 s in all, never 1 s without a part.
    let text = client
        .get(format!("https://{APPROVED}/slow-stream"))
        .send()
        .await?
        .text()
        .await?;
    assert_eq!(text, "abcdef");
    // One part, then silence: the client learns of the failure instead of waiting for ever.
    let mut stalled = client
        .get(format!("https://{APPROVED}/stall"))
        .send()
        .await?;
    assert_eq!(stalled.chunk().await?.as_deref(), Some("början".as_bytes()));
    let cut = tokio::time::timeout(Duration::from_secs(8), stalled.chunk())
        .await
        .map_err(|_| "the stalled body was not cut")?;
    assert!(cut.is_err(), "a cut body must not look complete: {cut:?}");
    sluss.stop().await
}
