//! Rate limits (issue 12, item 2), through sluss on real sockets: requests per minute to AI
//! services per client and per user, stops per hour (probing the detector), connections per
//! client. Over a limit: 429 with `Retry-After` and a Swedish answer (JSON or HTML), one audit
//! record per client and window, the refusals counted in the metrics, nothing forwarded.

mod common;

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use common::{APPROVED, NOT_APPROVED, PNR, Res, Setup, Sluss, Upstream, chat};
use serde_json::Value;

/// Audit records written for a rate limit.
fn limit_records(sluss: &Sluss, reason: &str) -> Vec<Value> {
    sluss
        .audit_records()
        .into_iter()
        .filter(|r| r["event"]["reason"] == reason)
        .collect()
}

fn limits(lines: &str) -> Setup {
    Setup {
        extra: format!("[limits]\n{lines}\n"),
        ..Setup::default()
    }
}

/// A client through sluss from `local` (127.0.0.1 or another loopback address).
fn client_from(sluss: &Sluss, local: IpAddr) -> Res<reqwest::Client> {
    let tls = common::client_tls(sluss.ca(), &[b"http/1.1"])?;
    Ok(reqwest::Client::builder()
        .proxy(reqwest::Proxy::all(format!("http://{}", sluss.addr))?)
        .use_preconfigured_tls(tls)
        .local_address(local)
        .timeout(Duration::from_secs(20))
        .build()?)
}

async fn post(client: &reqwest::Client, host: &str, body: &str) -> Res<reqwest::Response> {
    Ok(client
        .post(format!("https://{host}/v1/chat/completions"))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await?)
}

fn retry_after(response: &reqwest::Response) -> Option<u64> {
    response
        .headers()
        .get("retry-after")?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

#[tokio::test]
async fn a_thousand_requests_a_minute_from_one_client_meet_the_default_limit() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let client = sluss.client_h2()?;
    let started = Instant::now();
    let (mut passed, mut refused) = (0u64, 0u64);
    for _ in 0..1000 {
        let response = post(&client, APPROVED, &chat("Sammanfatta mötet")).await?;
        match response.status().as_u16() {
            200 => passed += 1,
            429 => {
                assert_eq!(retry_after(&response), Some(1), "ten a second come back");
                refused += 1;
            }
            other => return Err(format!("unexpected status {other}").into()),
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    // A burst of 600, then one more every 0.1 s while the flood goes on.
    let refill = (elapsed * 10.0).ceil() as u64 + 1;
    assert!(
        (600..=600 + refill).contains(&passed),
        "{passed} passed, {refused} refused in {elapsed:.1} s"
    );
    assert_eq!(
        upstream.received().len() as u64,
        passed,
        "refused: never sent"
    );
    let records = limit_records(&sluss, "rate_limit:requests");
    assert_eq!(records.len(), 1, "one record per client and window");
    assert_eq!(records[0]["source"]["ip"], "127.0.0.1");
    assert_eq!(records[0]["event"]["action"], "block");
    assert_eq!(
        sluss.shared.metrics.refused.get(&["rate_limit_requests"]),
        refused
    );
    eprintln!("1,000 requests in {elapsed:.1} s: {passed} passed, {refused} answered 429");
    sluss.stop().await
}

#[tokio::test]
async fn the_answer_is_swedish_json_or_html_with_the_incident_of_the_window() -> Res {
    let upstream = Upstream::start().await?;
    let mut setup = limits("requests_per_minute = 3");
    // Plain HTTP to the approved host is refused before any connection; this keeps it local.
    setup.resolve = vec![(format!("{APPROVED}:80"), upstream.addr)];
    let sluss = Sluss::start(&upstream, setup).await?;
    let client = sluss.client()?;
    for _ in 0..3 {
        assert_eq!(post(&client, APPROVED, &chat("Hej")).await?.status(), 200);
    }
    let json = post(&client, APPROVED, &chat("Hej")).await?;
    assert_eq!(json.status(), 429);
    let wait = retry_after(&json).ok_or("no Retry-After")?;
    assert!((15..=20).contains(&wait), "one more every 20 s: {wait}");
    let body: Value = serde_json::from_str(&json.text().await?)?;
    assert_eq!(body["error"]["type"], "rate_limit_error");
    assert_eq!(body["error"]["code"], "rate_limit_requests");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("fler än 3 förfrågningar"), "{message}");
    let records = limit_records(&sluss, "rate_limit:requests");
    assert_eq!(records.len(), 1);
    assert_eq!(body["error"]["incident_id"], records[0]["event"]["id"]);

    let html = client
        .post(format!("https://{APPROVED}/v1/chat/completions"))
        .header("accept", "text/html")
        .body(chat("Hej"))
        .send()
        .await?;
    assert_eq!(html.status(), 429);
    assert!(retry_after(&html).is_some());
    let page = html.text().await?;
    assert!(page.contains("lang=\"sv\"") && page.contains("För många förfrågningar"));

    let anthropic: Value =
        serde_json::from_str(&post(&client, NOT_APPROVED, "{}").await?.text().await?)?;
    assert_eq!(
        anthropic["type"], "error",
        "Anthropic-shaped for Anthropic's host"
    );
    assert_eq!(anthropic["error"]["type"], "rate_limit_error");

    let plain = client
        .get(format!("http://{APPROVED}/v1/models"))
        .send()
        .await?;
    assert_eq!(plain.status(), 429, "plain HTTP to an AI host counts too");
    assert_eq!(
        limit_records(&sluss, "rate_limit:requests").len(),
        1,
        "still one record in the window"
    );
    assert_eq!(upstream.received().len(), 3);
    assert_eq!(
        sluss.shared.metrics.refused.get(&["rate_limit_requests"]),
        4
    );
    sluss.stop().await
}

#[tokio::test]
async fn users_are_limited_each_and_a_shared_address_only_per_user() -> Res {
    let upstream = Upstream::start().await?;
    let mut setup = limits("requests_per_minute = 2\nshared_clients = [\"127.0.0.0/8\"]");
    setup.proxy = "user_header = \"X-Anvandare\"".into();
    let sluss = Sluss::start(&upstream, setup).await?;
    let client = sluss.client()?;
    let send = |user: &'static str| {
        client
            .post(format!("https://{APPROVED}/v1/chat/completions"))
            .header("x-anvandare", user)
            .body(chat("Hej"))
            .send()
    };
    assert_eq!(send("anna").await?.status(), 200);
    assert_eq!(send("anna").await?.status(), 200);
    assert_eq!(send("anna").await?.status(), 429);
    assert_eq!(
        send("bo").await?.status(),
        200,
        "another user on the same address"
    );
    assert_eq!(send("bo").await?.status(), 200);
    assert_eq!(send("bo").await?.status(), 429);
    let records = limit_records(&sluss, "rate_limit:requests");
    let users: Vec<&str> = records
        .iter()
        .filter_map(|r| r["user"]["name"].as_str())
        .collect();
    assert_eq!(users, ["anna", "bo"], "one record per user");
    sluss.stop().await
}

#[tokio::test]
async fn probing_the_detector_is_refused_for_a_while_after_the_stops_per_hour() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, limits("stops_per_hour = 2")).await?;
    let client = sluss.client()?;
    for _ in 0..3 {
        let response = post(&client, NOT_APPROVED, "{}").await?;
        assert_eq!(response.status(), 403, "not approved: not a probe");
    }
    assert_eq!(post(&client, APPROVED, &chat("Hej")).await?.status(), 200);
    for variant in [
        "Vad gäller för",
        "Skriv ett brev till",
        "Sammanfatta ärendet om",
    ] {
        let prompt = chat(&format!("{variant} {PNR}"));
        assert_eq!(post(&client, APPROVED, &prompt).await?.status(), 403);
    }
    let refused = post(&client, APPROVED, &chat("Hej igen")).await?;
    assert_eq!(refused.status(), 429);
    let wait = retry_after(&refused).ok_or("no Retry-After")?;
    assert!(
        (1700..=1800).contains(&wait),
        "one more stop per half hour: {wait}"
    );
    let body: Value = serde_json::from_str(&refused.text().await?)?;
    assert_eq!(body["error"]["code"], "rate_limit_stops");
    assert_eq!(post(&client, APPROVED, &chat("Hej")).await?.status(), 429);
    assert_eq!(limit_records(&sluss, "rate_limit:stops").len(), 1);
    assert_eq!(upstream.received().len(), 1, "only the first clean prompt");

    let other = client_from(&sluss, IpAddr::from([127, 0, 0, 2]))?;
    let response = post(&other, APPROVED, &chat("Hej")).await?;
    assert_eq!(response.status(), 200, "another client is not affected");
    sluss.stop().await
}

async fn open_raw(proxy: SocketAddr, local: IpAddr) -> Res<tokio::net::TcpStream> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(local, 0))?;
    Ok(socket.connect(proxy).await?)
}

#[tokio::test]
async fn a_client_gets_its_connections_and_no_more() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, limits("connections_per_client = 3")).await?;
    let me = IpAddr::from([127, 0, 0, 1]);
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(open_raw(sluss.addr, me).await?);
    }
    let rate = sluss.shared.rate.clone();
    common::wait_until(Duration::from_secs(5), "three connections counted", || {
        rate.open_connections(me) == 3
    })
    .await?;
    for _ in 0..2 {
        let (mut stream, head) =
            common::connect_answer(sluss.addr, &format!("{APPROVED}:443")).await?;
        assert!(head.starts_with("HTTP/1.1 429"), "{head}");
        assert!(head.to_lowercase().contains("retry-after: 10"), "{head}");
        let rest = common::read_to_close(&mut stream).await?;
        assert!(rest.contains("anslutningar"), "{rest}");
    }
    assert_eq!(limit_records(&sluss, "rate_limit:connections").len(), 1);
    assert_eq!(
        sluss
            .shared
            .metrics
            .refused
            .get(&["rate_limit_connections"]),
        2
    );

    let other = open_raw(sluss.addr, IpAddr::from([127, 0, 0, 2])).await?;
    drop(held.pop());
    common::wait_until(Duration::from_secs(5), "a connection given back", || {
        rate.open_connections(me) == 2
    })
    .await?;
    let tunnel = common::connect_tunnel(sluss.addr, APPROVED).await;
    assert!(tunnel.is_ok(), "room again: {:?}", tunnel.err());
    drop(other);
    sluss.stop().await
}
