//! CONNECT routed by the TLS ClientHello (issue 9): a CONNECT by IP address or by an alias
//! whose server name is an AI host is intercepted, and other traffic is tunnelled only when its
//! ClientHello shows where it goes. Real sockets: sluss in process, a real HTTPS upstream, TLS
//! clients through real tunnels.

mod common;

use std::time::Duration;

use common::*;
use tokio::io::AsyncWriteExt;

/// 127.0.0.0/8 stands in for a public address: the tests may only send to this machine.
fn setup_allowing_loopback() -> Setup {
    Setup {
        proxy: "allow_destinations = [\"127.0.0.0/8\"]".into(),
        ..Setup::default()
    }
}

#[tokio::test]
async fn a_connect_by_ip_address_is_intercepted_by_its_server_name() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, setup_allowing_loopback()).await?;
    // Nothing listens on 127.0.0.1:443: sluss must never connect there, only to the SNI host.
    let tunnel = connect_authority(sluss.addr, "127.0.0.1:443").await?;
    // The client trusts only sluss's CA: the handshake succeeds only if sluss intercepts.
    let tls = tls_over(tunnel, sluss.ca(), APPROVED).await?;
    let mut http = http1_over(tls).await?;
    let (status, text) = post_over(
        &mut http,
        APPROVED,
        "/v1/chat/completions",
        &chat(&format!("pnr {PNR}")),
    )
    .await?;
    assert_eq!(status, 403, "{text}");
    assert!(text.contains("personnummer") && !leaks_pnr(&text));
    let (status, _) = post_over(&mut http, APPROVED, "/v1/chat/completions", &chat("Hej")).await?;
    assert_eq!(status, 200);
    let received = upstream.received();
    assert_eq!(received.len(), 1, "only the clean prompt went on");
    assert_eq!(received[0].host, APPROVED, "the upstream is the SNI host");
    assert_eq!(sluss.shared.metrics.sni_intercepts.get(), 1);
    assert_eq!(sluss.audit_records()[0]["url"]["domain"], APPROVED);
    sluss.stop().await
}

#[tokio::test]
async fn an_unregistered_alias_of_a_known_ai_service_is_not_tunnelled() -> Res {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        resolve: vec![("alias.example.test:443".into(), upstream.addr)],
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let tunnel = connect_tunnel(sluss.addr, "alias.example.test").await?;
    // This client would also accept the real service's certificate: without routing by SNI
    // the tunnel would carry the prompt to it untouched.
    let tls = tls_over_trusting(tunnel, &[sluss.ca(), &upstream.ca], NOT_APPROVED).await?;
    let mut http = http1_over(tls).await?;
    let (status, text) = post_over(&mut http, NOT_APPROVED, "/v1/messages", &chat("Hej")).await?;
    assert_eq!(status, 403);
    assert!(text.contains("not_approved"), "{text}");
    assert_eq!(upstream.accepted(), 0, "nothing reached the AI service");
    assert_eq!(sluss.shared.metrics.tunnels.get(), 0);
    sluss.stop().await
}

#[tokio::test]
async fn the_server_name_wins_when_both_name_ai_hosts() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let tunnel = connect_tunnel(sluss.addr, APPROVED).await?;
    let tls = tls_over(tunnel, sluss.ca(), REDACTING).await?;
    let mut http = http1_over(tls).await?;
    let body = chat(&format!("Brev till {PNR}"));
    let (status, _) = post_over(&mut http, REDACTING, "/v1/chat/completions", &body).await?;
    assert_eq!(status, 200, "the redacting service's policy applies");
    let received = upstream.received();
    assert_eq!(received[0].host, REDACTING);
    assert!(!leaks_pnr(&String::from_utf8_lossy(&received[0].body)));
    sluss.stop().await
}

#[tokio::test]
async fn a_connect_to_an_ai_host_with_another_server_name_is_never_tunnelled() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let tunnel = connect_tunnel(sluss.addr, APPROVED).await?;
    // sluss presents a certificate for the CONNECT host: a client asking for another name
    // fails its handshake instead of reaching anything.
    let tls = tls_over_trusting(tunnel, &[sluss.ca(), &upstream.ca], OTHER).await;
    assert!(tls.is_err(), "handshake must fail");
    assert_eq!(upstream.accepted(), 0);
    assert_eq!(sluss.shared.metrics.tunnels.get(), 0);
    sluss.stop().await
}

#[tokio::test]
async fn a_tunnel_without_a_server_name_is_closed() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let tunnel = connect_tunnel(sluss.addr, OTHER).await?;
    // A TLS client connecting to an IP address sends no SNI.
    let tls = tls_over(tunnel, &upstream.ca, "127.0.0.1").await;
    assert!(tls.is_err());
    assert_eq!(upstream.accepted(), 0, "nothing was relayed");
    assert_eq!(sluss.shared.metrics.refused.get(&["tunnel_no_sni"]), 1);
    sluss.stop().await
}

#[tokio::test]
async fn a_tunnel_that_is_not_tls_is_closed() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let mut tunnel = connect_tunnel(sluss.addr, OTHER).await?;
    tunnel
        .write_all(
            format!("POST / HTTP/1.1\r\nHost: {OTHER}\r\nContent-Length: 13\r\n\r\n{PNR}")
                .as_bytes(),
        )
        .await?;
    let answer = closed_within(&mut tunnel, Duration::from_secs(10)).await?;
    assert!(answer.is_empty(), "closed without an answer");
    assert_eq!(upstream.accepted(), 0);
    assert_eq!(sluss.shared.metrics.refused.get(&["tunnel_not_tls"]), 1);
    sluss.stop().await
}

#[tokio::test]
async fn encrypted_client_hello_hiding_another_name_is_closed_and_grease_passes() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    // The outer name is not the CONNECT host: the real one may be inside the encrypted part.
    let mut tunnel = connect_tunnel(sluss.addr, OTHER).await?;
    tunnel
        .write_all(&client_hello(Some("cover.example.test"), true))
        .await?;
    closed_within(&mut tunnel, Duration::from_secs(10)).await?;
    assert_eq!(upstream.accepted(), 0);
    assert_eq!(sluss.shared.metrics.refused.get(&["tunnel_ech"]), 1);

    // Chrome's GREASE ECH: the outer name is the CONNECT host, so it is the real one.
    let mut tunnel = connect_tunnel(sluss.addr, OTHER).await?;
    tunnel.write_all(&client_hello(Some(OTHER), true)).await?;
    wait_until(
        Duration::from_secs(10),
        "the tunnel to reach the upstream",
        || upstream.accepted() == 1,
    )
    .await?;
    assert_eq!(sluss.shared.metrics.tunnels.get(), 1);
    sluss.stop().await
}
