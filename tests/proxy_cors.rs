//! CORS on sluss's own answers, through a real client, sluss and a real HTTPS upstream: a chat
//! page on another host can read why its fetch was stopped; foreign pages cannot; preflights
//! reach the upstream untouched unless sluss will stop the request anyway; a redaction's
//! `x-sluss-redacted` is readable where the upstream let the page read its answer.

mod common;

use common::*;

/// A registered chat app's page host.
const CHAT: &str = "chat.kommun.test";

async fn start() -> Res<(Upstream, Sluss)> {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        extra: format!("[[service]]\nname = \"Kommunens chatt\"\nhosts = [\"{CHAT}\"]\n"),
        resolve: vec![(format!("{CHAT}:443"), upstream.addr)],
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    Ok((upstream, sluss))
}

fn fetch_from(
    client: &reqwest::Client,
    origin: &str,
    url: &str,
    body: String,
) -> reqwest::RequestBuilder {
    client
        .post(url)
        .header("content-type", "application/json")
        .header("origin", origin)
        .header("sec-fetch-mode", "cors")
        .header("sec-fetch-dest", "empty")
        .header("sec-fetch-site", "cross-site")
        .body(body)
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn a_chat_page_on_another_host_can_read_the_stop() -> Res {
    let (_upstream, sluss) = start().await?;
    let client = sluss.client()?;
    let origin = format!("https://{CHAT}");
    let url = format!("https://{APPROVED}/v1/chat/completions");
    let stopped = fetch_from(&client, &origin, &url, chat(&format!("Beslut för {PNR}")))
        .send()
        .await?;
    assert_eq!(stopped.status(), 403);
    assert_eq!(
        header(&stopped, "access-control-allow-origin"),
        Some(origin.as_str())
    );
    assert_eq!(
        header(&stopped, "access-control-allow-credentials"),
        Some("true")
    );
    let exposed = header(&stopped, "access-control-expose-headers").unwrap_or_default();
    for name in ["x-sluss-incident", "x-sluss-count", "x-sluss-redacted"] {
        assert!(exposed.contains(name), "{name} in {exposed}");
    }
    assert_eq!(header(&stopped, "vary"), Some("Origin"));
    assert!(header(&stopped, "x-sluss-incident").is_some());

    // A page that is not an AI service's gets no CORS headers: its script cannot read the answer.
    let foreign = fetch_from(
        &client,
        "https://evil.example",
        &url,
        chat(&format!("Beslut för {PNR}")),
    )
    .send()
    .await?;
    assert_eq!(foreign.status(), 403);
    assert!(header(&foreign, "access-control-allow-origin").is_none());

    // A known AI host that is not approved: its own pages' fetches read the answer.
    let known = fetch_from(
        &client,
        "https://claude.ai",
        &format!("https://{NOT_APPROVED}/v1/messages"),
        chat("Hej"),
    )
    .send()
    .await?;
    assert_eq!(known.status(), 403);
    assert_eq!(
        header(&known, "access-control-allow-origin"),
        Some("https://claude.ai")
    );
    let v: serde_json::Value = serde_json::from_str(&known.text().await?)?;
    assert_eq!(v["error"]["type"], "permission_error", "Anthropic's shape");
    sluss.stop().await
}

#[tokio::test]
async fn answers_from_the_upstream_keep_their_own_cors() -> Res {
    let (upstream, sluss) = start().await?;
    let client = sluss.client()?;
    let clean = fetch_from(
        &client,
        &format!("https://{CHAT}"),
        &format!("https://{APPROVED}/v1/chat/completions"),
        chat("Skriv en inbjudan."),
    )
    .send()
    .await?;
    assert_eq!(clean.status(), 200);
    assert!(
        header(&clean, "access-control-allow-origin").is_none(),
        "sluss adds nothing to the upstream's answer"
    );
    assert_eq!(upstream.received().len(), 1);
    sluss.stop().await
}

#[tokio::test]
async fn preflights_reach_the_upstream_untouched() -> Res {
    let (upstream, sluss) = start().await?;
    let response = sluss
        .client()?
        .request(
            reqwest::Method::OPTIONS,
            format!("https://{APPROVED}/v1/chat/completions"),
        )
        .header("origin", format!("https://{CHAT}"))
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type, authorization",
        )
        .send()
        .await?;
    assert_eq!(response.status(), 200, "the upstream's answer");
    assert!(header(&response, "access-control-allow-methods").is_none());
    let received = upstream.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].method, "OPTIONS");
    assert_eq!(
        received[0].headers["access-control-request-headers"],
        "content-type, authorization"
    );
    assert!(sluss.audit_text().is_empty());
    sluss.stop().await
}

#[tokio::test]
async fn a_preflight_of_a_request_sluss_will_stop_is_answered_by_sluss() -> Res {
    let (upstream, sluss) = start().await?;
    let client = sluss.client()?;
    let preflight = |url: String, origin: &'static str| {
        client
            .request(reqwest::Method::OPTIONS, url)
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    for url in [
        // Not approved.
        format!("https://{NOT_APPROVED}/v1/messages"),
        // A personnummer in the path.
        format!("https://{APPROVED}/v1/files/{PNR}"),
        // A path the service is not approved for.
        format!("https://{PATHS}/other"),
    ] {
        let response = preflight(url.clone(), "https://chat.kommun.test").await?;
        assert_eq!(response.status(), 204, "{url}");
        assert_eq!(
            header(&response, "access-control-allow-origin"),
            Some("https://chat.kommun.test")
        );
        assert_eq!(
            header(&response, "access-control-allow-methods"),
            Some("POST")
        );
        assert_eq!(
            header(&response, "access-control-allow-headers"),
            Some("content-type")
        );
    }
    // A foreign page's preflight is answered too, but without permission.
    let foreign = preflight(
        format!("https://{NOT_APPROVED}/v1/messages"),
        "https://evil.example",
    )
    .await?;
    assert!(header(&foreign, "access-control-allow-origin").is_none());
    assert!(upstream.received().is_empty(), "nothing was forwarded");
    assert!(
        sluss.audit_text().is_empty(),
        "a preflight is not an incident: the request that follows is"
    );
    sluss.stop().await
}

#[tokio::test]
async fn a_redaction_is_readable_where_the_upstream_lets_the_page_read() -> Res {
    let (upstream, sluss) = start().await?;
    let origin = format!("https://{CHAT}");
    let response = fetch_from(
        &sluss.client()?,
        &origin,
        &format!("https://{REDACTING}/cors"),
        chat(&format!("Beslut för {PNR}")),
    )
    .send()
    .await?;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "x-sluss-redacted"), Some("1"));
    assert_eq!(
        header(&response, "access-control-allow-origin"),
        Some(origin.as_str())
    );
    assert_eq!(
        header(&response, "access-control-expose-headers"),
        Some("x-request-id, x-sluss-redacted")
    );
    let received = upstream.received();
    assert_eq!(received.len(), 1);
    assert!(!leaks_pnr(&String::from_utf8_lossy(&received[0].body)));
    sluss.stop().await
}
