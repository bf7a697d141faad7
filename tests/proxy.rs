//! The proxy end to end: a real client through sluss (CONNECT, TLS interception with sluss's
//! CA, HTTP/1.1 and HTTP/2) to a real HTTPS upstream, asserting what the client saw, what the
//! upstream received (or that nothing arrived) and what the audit log holds.

mod common;

use std::io::Write;
use std::time::{Duration, Instant};

use common::*;
use http::Version;

const CHAT_PATH: &str = "/v1/chat/completions";

fn url(host: &str, path: &str) -> String {
    format!("https://{host}{path}")
}

async fn post_json(
    client: &reqwest::Client,
    host: &str,
    body: impl Into<reqwest::Body>,
) -> Res<reqwest::Response> {
    Ok(client
        .post(url(host, CHAT_PATH))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await?)
}

#[tokio::test]
async fn a_clean_prompt_arrives_upstream_byte_for_byte() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    // Odd spacing and escapes: the upstream must get exactly these bytes.
    let body = "{\"model\":\"gpt-4o\",  \"messages\":[{\"role\":\"user\",\"content\":\"Skriv en inbjudan till temadagen \\u00e5 biblioteket.\"}]}";
    let response = post_json(&sluss.client()?, APPROVED, body).await?;
    assert_eq!(response.status(), 200);
    assert!(response.headers().get("x-sluss-redacted").is_none());
    assert_eq!(
        response.text().await?,
        format!("{{\"ok\":true,\"received_bytes\":{}}}", body.len())
    );
    let received = upstream.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].body.as_ref(), body.as_bytes());
    assert_eq!(received[0].host, APPROVED);
    assert_eq!(received[0].path, CHAT_PATH);
    assert_eq!(received[0].headers["content-type"], "application/json");
    assert!(
        sluss.audit_text().is_empty(),
        "allowed requests are not logged by default"
    );
    sluss.stop().await
}

#[tokio::test]
async fn a_personnummer_gets_the_json_403_and_never_reaches_upstream() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let body = chat(&format!("Sammanfatta journalen för {PNR}."));
    let response = post_json(&sluss.client()?, APPROVED, body).await?;
    assert_eq!(response.status(), 403);
    assert_eq!(response.headers()["content-type"], "application/json");
    let text = response.text().await?;
    assert!(!leaks_pnr(&text), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text)?;
    let error = &json["error"];
    assert_eq!(error["type"], "policy_violation");
    assert_eq!(error["code"], "personnummer");
    let incident = error["incident_id"].as_str().ok_or("no incident id")?;
    assert!(
        incident.starts_with("S-") && incident.len() == 8,
        "{incident}"
    );
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("personnummer") && m.contains(incident))
    );
    assert!(
        upstream.received().is_empty(),
        "the prompt must not reach upstream"
    );

    let records = sluss.audit_records();
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record["event"]["id"], incident);
    assert_eq!(record["event"]["action"], "block");
    assert_eq!(record["event"]["reason"], "personnummer");
    assert_eq!(record["url"]["domain"], APPROVED);
    assert_eq!(record["url"]["path"], CHAT_PATH);
    assert_eq!(record["http"]["request"]["method"], "POST");
    assert_eq!(record["source"]["ip"], "127.0.0.1");
    assert_eq!(record["sluss"]["service"], "Kommunens AI");
    let finding = &record["sluss"]["findings"][0];
    assert_eq!(finding["kind"], "personnummer");
    assert!(
        finding["key_hash"]
            .as_str()
            .is_some_and(|h| h.starts_with("hmac-sha256:"))
    );
    assert!(
        !leaks_pnr(&sluss.audit_text()),
        "the audit log must not hold the value"
    );
    sluss.stop().await
}

#[tokio::test]
async fn browsers_get_a_swedish_page_without_the_value() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let response = sluss
        .client()?
        .post(url(APPROVED, "/backend-api/conversation"))
        .header("accept", "text/html,application/xhtml+xml")
        .header("content-type", "application/json")
        .body(chat(&format!("Hur mår patienten med personnummer {PNR}?")))
        .send()
        .await?;
    assert_eq!(response.status(), 403);
    assert!(
        response.headers()["content-type"]
            .to_str()?
            .starts_with("text/html")
    );
    let page = response.text().await?;
    assert!(page.contains("<html lang=\"sv\">"));
    assert!(page.contains("Förfrågan stoppades"));
    assert!(page.contains("Kommunens AI"));
    assert!(page.contains("1 × personnummer"));
    let incident = sluss.audit_records()[0]["event"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(!incident.is_empty() && page.contains(&incident));
    assert!(!leaks_pnr(&page));
    assert!(!page.contains("<script") && !page.contains("<link") && !page.contains("<img"));
    assert!(upstream.received().is_empty());
    sluss.stop().await
}

#[tokio::test]
async fn a_redacting_service_forwards_valid_json_without_the_value() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let body = chat(&format!("Skriv ett brev till {PNR} om bygglovet."));
    let response = post_json(&sluss.client()?, REDACTING, body).await?;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-sluss-redacted"], "1");
    let received = upstream.received();
    assert_eq!(received.len(), 1);
    let forwarded = &received[0];
    let text = std::str::from_utf8(&forwarded.body)?;
    assert!(!leaks_pnr(text), "{text}");
    let json: serde_json::Value = serde_json::from_str(text)?;
    assert_eq!(
        json["messages"][0]["content"],
        "Skriv ett brev till [PERSONNUMMER] om bygglovet."
    );
    assert_eq!(
        forwarded.headers["content-length"].to_str()?,
        forwarded.body.len().to_string()
    );
    let records = sluss.audit_records();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["event"]["action"], "redact");
    assert!(!leaks_pnr(&sluss.audit_text()));
    sluss.stop().await
}

fn gzip(data: &[u8]) -> Res<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data)?;
    Ok(encoder.finish()?)
}

#[tokio::test]
async fn gzip_bodies_are_inspected_and_clean_ones_forwarded_as_sent() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let client = sluss.client()?;
    let clean = gzip(chat("Vad är skillnaden mellan detaljplan och översiktsplan?").as_bytes())?;
    let response = client
        .post(url(APPROVED, CHAT_PATH))
        .header("content-type", "application/json")
        .header("content-encoding", "gzip")
        .body(clean.clone())
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    let received = upstream.received();
    assert_eq!(received[0].body.as_ref(), clean.as_slice());
    assert_eq!(received[0].headers["content-encoding"], "gzip");

    let dirty = gzip(chat(&format!("Elevens personnummer är {PNR}.")).as_bytes())?;
    let response = client
        .post(url(APPROVED, CHAT_PATH))
        .header("content-type", "application/json")
        .header("content-encoding", "gzip")
        .body(dirty)
        .send()
        .await?;
    assert_eq!(response.status(), 403);
    assert_eq!(upstream.received().len(), 1);

    // A redacting service sends the redacted body without content coding.
    let dirty = gzip(chat(&format!("Elevens personnummer är {PNR}.")).as_bytes())?;
    let response = client
        .post(url(REDACTING, CHAT_PATH))
        .header("content-type", "application/json")
        .header("content-encoding", "gzip")
        .body(dirty)
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    let last = upstream.received().pop().ok_or("nothing forwarded")?;
    assert!(last.headers.get("content-encoding").is_none());
    assert!(serde_json::from_slice::<serde_json::Value>(&last.body).is_ok());
    assert!(!leaks_pnr(&String::from_utf8_lossy(&last.body)));
    sluss.stop().await
}

#[tokio::test]
async fn numbers_disguised_in_json_escapes_are_blocked() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let client = sluss.client()?;
    let disguised = [
        // \u-escaped digits
        r#"{"messages":[{"role":"user","content":"nummer \u0031\u0039\u0031\u0032\u0031\u0032\u0031\u0032-\u0031\u0032\u0031\u0032"}]}"#,
        // fullwidth digits and a non-breaking hyphen
        "{\"messages\":[{\"role\":\"user\",\"content\":\"nummer １９１２１２１２\u{2011}１２１２\"}]}",
        // zero-width spaces between digits
        "{\"messages\":[{\"role\":\"user\",\"content\":\"nummer 1912\u{200b}1212-12\u{200b}12\"}]}",
    ];
    for body in disguised {
        let response = post_json(&client, APPROVED, body).await?;
        assert_eq!(response.status(), 403, "{body}");
    }
    assert!(upstream.received().is_empty());
    sluss.stop().await
}

#[tokio::test]
async fn a_known_ai_host_that_is_not_approved_gets_the_not_approved_answer() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let client = sluss.client()?;
    let response = client
        .post(url(NOT_APPROVED, "/v1/messages"))
        .header("content-type", "application/json")
        .body(r#"{"model":"claude","messages":[{"role":"user","content":"Hej"}]}"#)
        .send()
        .await?;
    assert_eq!(response.status(), 403);
    let json: serde_json::Value = serde_json::from_str(&response.text().await?)?;
    // Anthropic hosts get an Anthropic-shaped error, so that its SDKs show the message.
    assert_eq!(json["type"], "error");
    assert_eq!(json["code"], "not_approved");
    let message = json["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("inte godkänd") && message.contains("/register"),
        "{message}"
    );
    let page = client
        .get(url(NOT_APPROVED, "/"))
        .header("accept", "text/html")
        .send()
        .await?
        .text()
        .await?;
    assert!(page.contains("är inte godkänd av kommunen"));
    assert!(
        upstream.received().is_empty(),
        "nothing reaches an unapproved service"
    );
    let records = sluss.audit_records();
    assert_eq!(records.len(), 2);
    assert!(
        records
            .iter()
            .all(|r| r["event"]["reason"] == "not_approved")
    );
    sluss.stop().await
}

#[tokio::test]
async fn other_traffic_is_tunnelled_untouched() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    // The client trusts only the upstream's own CA: the tunnel is end to end, not intercepted.
    let tls = client_tls(&upstream.ca, &[b"http/1.1"])?;
    let client = reqwest::Client::builder()
        .proxy(reqwest::Proxy::all(format!("http://{}", sluss.addr))?)
        .use_preconfigured_tls(tls)
        .build()?;
    let body = chat(&format!("Inte en AI-tjänst: {PNR}"));
    let response = client
        .post(url(OTHER, "/anything"))
        .body(body.clone())
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    assert_eq!(upstream.received()[0].body.as_ref(), body.as_bytes());
    assert_eq!(sluss.shared.metrics.tunnels.get(), 1);
    sluss.stop().await
}

#[tokio::test]
async fn other_traffic_is_refused_under_deny() -> Res {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        proxy: "other_traffic = \"deny\"".into(),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let tls = client_tls(&upstream.ca, &[b"http/1.1"])?;
    let client = reqwest::Client::builder()
        .proxy(reqwest::Proxy::all(format!("http://{}", sluss.addr))?)
        .use_preconfigured_tls(tls)
        .build()?;
    let error = client.get(url(OTHER, "/")).send().await;
    assert!(error.is_err(), "CONNECT must be refused");
    // Plain HTTP to another host is refused with a readable answer.
    let response = client.get(format!("http://{OTHER}/")).send().await?;
    assert_eq!(response.status(), 403);
    assert!(response.text().await?.contains("inte tillåten"));
    assert!(upstream.received().is_empty());
    sluss.stop().await
}

#[tokio::test]
async fn clients_outside_allowed_clients_are_refused() -> Res {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        proxy: "allowed_clients = [\"10.0.0.0/8\"]".into(),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let client = sluss.client()?;
    let response = client.get(format!("http://{APPROVED}/")).send().await?;
    assert_eq!(response.status(), 403);
    assert!(response.text().await?.contains("får inte använda"));
    assert!(client.get(url(APPROVED, "/")).send().await.is_err());
    assert!(upstream.received().is_empty());
    assert_eq!(sluss.shared.metrics.refused.get(&["client"]), 2);
    sluss.stop().await
}

#[tokio::test]
async fn server_sent_events_arrive_before_the_upstream_finishes() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let mut response = sluss
        .client()?
        .post(url(APPROVED, "/sse"))
        .header("content-type", "application/json")
        .body(chat("Berätta en saga."))
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    let first = tokio::time::timeout(Duration::from_secs(5), response.chunk())
        .await
        .map_err(|_| "the first event did not arrive while the stream was open")??
        .ok_or("stream ended")?;
    assert_eq!(first.as_ref(), "data: först\n\n".as_bytes());
    upstream.release.notify_one();
    let second = response.chunk().await?.ok_or("stream ended early")?;
    assert_eq!(second.as_ref(), "data: sist\n\n".as_bytes());
    assert!(response.chunk().await?.is_none());
    sluss.stop().await
}

#[tokio::test]
async fn http2_clients_keep_http2_through_the_interception() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let client = sluss.client_h2()?;
    let response = post_json(&client, APPROVED, chat("Hej!")).await?;
    assert_eq!(response.version(), Version::HTTP_2);
    assert_eq!(response.status(), 200);
    let blocked = post_json(&client, APPROVED, chat(PNR)).await?;
    assert_eq!(blocked.version(), Version::HTTP_2);
    assert_eq!(blocked.status(), 403);
    // sluss speaks HTTP/2 to an upstream that offers it.
    assert_eq!(upstream.received()[0].version, Version::HTTP_2);
    assert_eq!(upstream.received().len(), 1);
    sluss.stop().await
}

#[tokio::test]
async fn a_dead_upstream_gives_502_quickly() -> Res {
    let upstream = Upstream::start().await?;
    let dead = Upstream::dead_address()?;
    let setup = Setup {
        resolve: vec![("dead.kommun.test:443".into(), dead)],
        extra: "[[service]]\nname = \"Död AI\"\nhosts = [\"dead.kommun.test\"]\n".into(),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let started = Instant::now();
    let response = post_json(&sluss.client()?, "dead.kommun.test", chat("Hej")).await?;
    assert_eq!(response.status(), 502);
    assert!(started.elapsed() < Duration::from_secs(5));
    let json: serde_json::Value = serde_json::from_str(&response.text().await?)?;
    assert_eq!(json["error"]["type"], "upstream_error");
    assert!(
        json["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("dead.kommun.test"))
    );
    assert_eq!(sluss.shared.metrics.upstream_errors.get(), 1);
    sluss.stop().await
}

#[tokio::test]
async fn alt_svc_is_removed_from_intercepted_responses() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let response = sluss
        .client()?
        .get(url(APPROVED, "/alt-svc"))
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    assert!(response.headers().get("alt-svc").is_none());
    sluss.stop().await
}

#[tokio::test]
async fn paths_outside_a_service_s_prefixes_are_not_approved() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let client = sluss.client()?;
    assert_eq!(
        client.get(url(PATHS, "/v1/models")).send().await?.status(),
        200
    );
    let response = client.get(url(PATHS, "/v2/models")).send().await?;
    assert_eq!(response.status(), 403);
    assert_eq!(upstream.received().len(), 1);
    sluss.stop().await
}

#[tokio::test]
async fn a_body_over_the_limit_is_stopped_as_uninspectable() -> Res {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        proxy: "max_body_bytes = 4096".into(),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let big = chat(&"Ett långt stycke text om kommunens budget. ".repeat(200));
    let response = post_json(&sluss.client()?, APPROVED, big).await?;
    assert_eq!(response.status(), 403);
    let json: serde_json::Value = serde_json::from_str(&response.text().await?)?;
    assert_eq!(json["error"]["code"], "uninspectable");
    assert!(upstream.received().is_empty());
    assert_eq!(sluss.audit_records()[0]["event"]["reason"], "uninspectable");
    sluss.stop().await
}

#[tokio::test]
async fn a_service_may_let_uninspectable_bodies_through_whole() -> Res {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        proxy: "max_body_bytes = 4096".into(),
        resolve: vec![("open.kommun.test:443".into(), upstream.addr)],
        extra: "[[service]]\nname = \"Öppen\"\nhosts = [\"open.kommun.test\"]\npolicy = { uninspectable = \"allow\" }\n".into(),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let big = chat(&"Ett långt stycke text om kommunens budget. ".repeat(200));
    let response = post_json(&sluss.client()?, "open.kommun.test", big.clone()).await?;
    assert_eq!(response.status(), 200);
    assert_eq!(upstream.received()[0].body.as_ref(), big.as_bytes());
    // Let through uninspected, so recorded as such.
    let records = sluss.audit_records();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["event"]["action"], "allow");
    assert_eq!(records[0]["event"]["reason"], "uninspectable:too_large");
    sluss.stop().await
}

#[tokio::test]
async fn a_personnummer_in_the_url_is_blocked_and_not_logged() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let client = sluss.client()?;
    let response = client
        .get(url(APPROVED, "/v1/files/19121212-1212/content"))
        .send()
        .await?;
    assert_eq!(response.status(), 403);
    let response = client
        .get(url(APPROVED, "/v1/search?q=19121212%2D1212"))
        .send()
        .await?;
    assert_eq!(response.status(), 403);
    assert!(upstream.received().is_empty());
    let log = sluss.audit_text();
    assert!(!leaks_pnr(&log), "{log}");
    assert!(log.contains("/v1/files/[PERSONNUMMER]/content"), "{log}");
    sluss.stop().await
}

#[tokio::test]
async fn the_audit_log_holds_every_stop_and_no_value() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let client = sluss.client()?;
    let prompts = [
        format!("Journal för {PNR}: diabetes."),
        "SEKRETESS enligt 26 kap. 1 § OSL. Utredning om barnet.".to_string(),
        "Anna Svensson på Storgatan 12 har diagnosen schizofreni och bor på LSS-boende."
            .to_string(),
    ];
    let mut incidents = Vec::new();
    for prompt in &prompts {
        let response = post_json(&client, APPROVED, chat(prompt)).await?;
        assert_eq!(response.status(), 403, "{prompt}");
        let json: serde_json::Value = serde_json::from_str(&response.text().await?)?;
        incidents.push(
            json["error"]["incident_id"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        );
    }
    let text = sluss.audit_text();
    let records = sluss.audit_records();
    assert_eq!(records.len(), 3);
    for (record, incident) in records.iter().zip(&incidents) {
        assert_eq!(record["event"]["id"], incident.as_str());
    }
    for secret in [
        "Anna Svensson",
        "Storgatan 12",
        "schizofreni",
        "diabetes",
        "utredning om barnet",
    ] {
        assert!(
            !text.to_lowercase().contains(&secret.to_lowercase()),
            "{secret} in {text}"
        );
    }
    assert!(!leaks_pnr(&text));
    let verified = sluss::audit::AuditReader::open(
        sluss.dir.path("audit.jsonl"),
        &sluss::audit::AuditKey::load(&sluss.dir.path("audit-key"))?.chain_key(),
    )?
    .verify()?;
    assert!(verified.is_whole(), "{verified}");
    sluss.stop().await
}

#[tokio::test]
async fn log_allowed_records_allowed_requests_too() -> Res {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        audit: "log_allowed = true".into(),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let response = post_json(
        &sluss.client()?,
        APPROVED,
        chat("Hur många invånare har diabetes i kommunen?"),
    )
    .await?;
    assert_eq!(response.status(), 200);
    let records = sluss.audit_records();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["event"]["action"], "allow");
    assert_eq!(records[0]["event"]["reason"], "allowed");
    assert_eq!(
        records[0]["sluss"]["findings"][0]["kind"],
        "sensitive:health"
    );
    assert!(!sluss.audit_text().contains("diabetes"));
    assert_eq!(sluss.shared.metrics.sensitive_unidentified.get(), 1);
    sluss.stop().await
}

#[tokio::test]
async fn an_upstream_with_an_untrusted_certificate_gives_502() -> Res {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        distrust_upstream: true,
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let response = post_json(&sluss.client()?, APPROVED, chat("Hej")).await?;
    assert_eq!(response.status(), 502);
    assert!(
        upstream.received().is_empty(),
        "nothing is sent over an unverified connection"
    );
    sluss.stop().await
}

#[tokio::test]
async fn stopped_requests_are_also_sent_to_syslog() -> Res {
    let collector = tokio::net::UdpSocket::bind("127.0.0.1:0").await?;
    let upstream = Upstream::start().await?;
    let setup = Setup {
        audit: format!("syslog = \"{}\"", collector.local_addr()?),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let response = post_json(&sluss.client()?, APPROVED, chat(PNR)).await?;
    assert_eq!(response.status(), 403);
    let mut buf = vec![0u8; 65536];
    let n = tokio::time::timeout(Duration::from_secs(5), collector.recv(&mut buf)).await??;
    let message = String::from_utf8_lossy(&buf[..n]).into_owned();
    assert!(message.starts_with('<'), "{message}");
    let stored = sluss.audit_text();
    let line = stored.lines().next().ok_or("no record")?;
    assert!(
        message.ends_with(line),
        "syslog carries the stored line: {message}"
    );
    assert!(!leaks_pnr(&message));
    sluss.stop().await
}
