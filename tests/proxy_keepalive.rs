//! Kept-alive intercepted HTTP/1.1 connections stay open under a client that sends its next
//! request at once (or pipelines it): sluss rests a connection between requests, and must
//! never hand a connection back to rest while a request is being served, which would answer
//! that request with `Connection: close`.

mod common;

use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn request(body: &str) -> String {
    format!(
        "POST /v1/chat/completions HTTP/1.1\r\nHost: {APPROVED}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

/// Reads one response (head, then a `content-length` body); returns the head.
async fn read_response<S: tokio::io::AsyncRead + Unpin>(stream: &mut S) -> Res<String> {
    let head = read_head(stream).await?;
    let length = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .ok_or_else(|| format!("no content-length in {head:?}"))?;
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).await?;
    Ok(head)
}

#[tokio::test]
async fn pipelined_requests_are_all_answered_on_a_connection_that_stays_open() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let tunnel = connect_tunnel(sluss.addr, APPROVED).await?;
    let mut tls = tls_over(tunnel, sluss.ca(), APPROVED).await?;
    let clean = request(&chat("Sammanfatta protokollet från byggnadsnämnden."));
    // Two requests in one write: the second is in sluss's buffer when the first is answered.
    tls.write_all(format!("{clean}{clean}").as_bytes()).await?;
    for n in 1..=2 {
        let head = read_response(&mut tls).await?;
        assert!(head.starts_with("HTTP/1.1 200"), "response {n}: {head}");
        assert!(
            !head.to_ascii_lowercase().contains("connection: close"),
            "response {n} closes the connection: {head}"
        );
    }
    // The connection is still open for a third.
    tls.write_all(clean.as_bytes()).await?;
    let head = read_response(&mut tls).await?;
    assert!(head.starts_with("HTTP/1.1 200"), "third response: {head}");
    assert_eq!(upstream.received().len(), 3);
    sluss.stop().await
}

// Two workers: the client sends its next request while sluss's task is still being polled.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_sends_at_once_keeps_its_connection_for_many_requests() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let tunnel = connect_tunnel(sluss.addr, APPROVED).await?;
    let tls = tls_over(tunnel, sluss.ca(), APPROVED).await?;
    let mut sender = http1_over(tls).await?;
    let body = chat("Skriv en kort inbjudan till öppet hus på biblioteket.");
    for n in 0..500 {
        let (status, _) = post_over(&mut sender, APPROVED, "/v1/chat/completions", &body)
            .await
            .map_err(|e| format!("request {n} on the kept-alive connection failed: {e:?}"))?;
        assert_eq!(status, 200, "request {n}");
    }
    sluss.stop().await
}
