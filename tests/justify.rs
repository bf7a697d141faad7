//! Warn and justify (issue 14 item 2), through a real client, sluss and a real HTTPS upstream:
//! an API client gets a 403 with a one-time token and sends the request again with it and a
//! justification; a browser gets the Swedish interstitial and its form makes sluss send the
//! request it held; the token is refused for another body, after expiry, twice, or for
//! another person; every step is in the audit chain.

mod common;

use std::process::Command;
use std::time::Duration;

use common::*;
use serde_json::Value;

const USER: &str = "x-sluss-user";
const WARNING: &str = "varnande.kommun.test";
const PROMPT: &str = "Hur många invånare har diabetes i kommunen?";

async fn start() -> Res<(Upstream, Sluss)> {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        proxy: format!("user_header = \"{USER}\"\n"),
        extra: format!(
            "[[service]]\nname = \"Varnande AI\"\nhosts = [\"{WARNING}\"]\n\
             policy = {{ sensitive_without_identifier = \"warn\" }}\n\n"
        ),
        resolve: vec![(format!("{WARNING}:443"), upstream.addr)],
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    Ok((upstream, sluss))
}

/// POSTs `body` as an API client (as `user`), with `extra` headers.
async fn api(sluss: &Sluss, user: &str, body: String, extra: &[(&str, &str)]) -> Res<(u16, Value)> {
    let mut request = sluss
        .client()?
        .post(format!("https://{WARNING}/v1/chat/completions"))
        .header("content-type", "application/json")
        .header(USER, user)
        .body(body);
    for (name, value) in extra {
        request = request.header(*name, *value);
    }
    let response = request.send().await?;
    let status = response.status().as_u16();
    let text = response.text().await?;
    Ok((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
}

/// The token of a warning.
async fn warned(sluss: &Sluss, user: &str, body: String) -> Res<String> {
    let (status, v) = api(sluss, user, body, &[]).await?;
    assert_eq!(status, 403, "{v}");
    assert_eq!(v["error"]["code"], "justification_required");
    Ok(v["error"]["justification_token"]
        .as_str()
        .ok_or("no token")?
        .to_string())
}

fn actions(sluss: &Sluss) -> Vec<String> {
    sluss
        .audit_records()
        .iter()
        .map(|r| r["event"]["action"].as_str().unwrap_or("").to_string())
        .collect()
}

#[tokio::test]
async fn an_api_client_sends_the_same_body_again_with_the_token_and_a_justification() -> Res {
    let (upstream, sluss) = start().await?;
    let (status, v) = api(&sluss, "anna", chat(PROMPT), &[]).await?;
    assert_eq!(status, 403);
    assert_eq!(v["error"]["type"], "policy_warning");
    assert_eq!(v["error"]["rule"], "sensitive_without_identifier");
    let message = v["error"]["message"].as_str().unwrap_or("");
    assert!(message.contains("känsliga uppgifter") && message.contains("x-sluss-justification"));
    let token = v["error"]["justification_token"]
        .as_str()
        .ok_or("token")?
        .to_string();
    let incident = v["error"]["incident_id"]
        .as_str()
        .ok_or("incident")?
        .to_string();
    assert_eq!(
        upstream.received().len(),
        0,
        "nothing sent before the justification"
    );

    let justification = "Statistikfråga utan personuppgifter, till nämndens rapport.";
    let (status, _) = api(
        &sluss,
        "anna",
        chat(PROMPT),
        &[
            ("x-sluss-justification-token", &token),
            ("x-sluss-justification", justification),
        ],
    )
    .await?;
    assert_eq!(status, 200);
    let received = upstream.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].body, chat(PROMPT).as_bytes());
    assert!(
        !received[0].headers.contains_key("x-sluss-justification")
            && !received[0]
                .headers
                .contains_key("x-sluss-justification-token"),
        "sluss's headers are not forwarded"
    );
    let records = sluss.audit_records();
    assert_eq!(actions(&sluss), ["warn", "justified"]);
    assert_eq!(records[0]["event"]["id"], incident.as_str());
    assert_eq!(records[1]["event"]["id"], incident.as_str());
    assert_eq!(records[1]["sluss"]["comment"], justification);
    assert_eq!(records[1]["user"]["name"], "anna");
    assert_eq!(records[1]["prev_hash"], records[0]["hash"]);

    // One time only.
    let (status, v) = api(
        &sluss,
        "anna",
        chat(PROMPT),
        &[
            ("x-sluss-justification-token", &token),
            ("x-sluss-justification", justification),
        ],
    )
    .await?;
    assert_eq!(
        (status, &v["error"]["code"]),
        (403, &Value::from("justification_token_unknown"))
    );
    assert_eq!(upstream.received().len(), 1);

    let (code, out) = {
        let output = Command::new(env!("CARGO_BIN_EXE_sluss"))
            .args(["logs", "--verify", "--config"])
            .arg(&sluss.config_path)
            .output()?;
        (output.status.code(), String::from_utf8(output.stdout)?)
    };
    assert_eq!(code, Some(0), "{out}");
    sluss.stop().await
}

#[tokio::test]
async fn the_token_is_refused_for_another_body_another_person_after_expiry_or_a_leaky_text() -> Res
{
    let (upstream, sluss) = start().await?;
    let why = "Allmän fråga om folkhälsa.";
    // Another body (the same token, one word changed).
    let token = warned(&sluss, "anna", chat(PROMPT)).await?;
    let other = chat(&PROMPT.replace("kommunen", "länet"));
    let headers = |token: &str| -> Vec<(&'static str, String)> {
        vec![
            ("x-sluss-justification-token", token.to_string()),
            ("x-sluss-justification", why.to_string()),
        ]
    };
    let with = |h: &Vec<(&'static str, String)>| -> Vec<(&'static str, String)> { h.clone() };
    let send = |user: &'static str, body: String, h: Vec<(&'static str, String)>| {
        let sluss = &sluss;
        async move {
            let pairs: Vec<(&str, &str)> = h.iter().map(|(n, v)| (*n, v.as_str())).collect();
            api(sluss, user, body, &pairs).await
        }
    };
    let (status, v) = send("anna", other, with(&headers(&token))).await?;
    assert_eq!(
        (status, v["error"]["code"].clone()),
        (403, "justification_body_changed".into())
    );
    // Another person.
    let token = warned(&sluss, "anna", chat(PROMPT)).await?;
    let (status, v) = send("bo", chat(PROMPT), headers(&token)).await?;
    assert_eq!(
        (status, v["error"]["code"].clone()),
        (403, "justification_token_mismatch".into())
    );
    // A justification that holds what the policy stops: refused, token kept for a proper one.
    let token = warned(&sluss, "anna", chat(PROMPT)).await?;
    let leaky = vec![
        ("x-sluss-justification-token", token.clone()),
        ("x-sluss-justification", format!("Gäller {PNR}")),
    ];
    let (status, v) = send("anna", chat(PROMPT), leaky).await?;
    assert_eq!(
        (status, v["error"]["code"].clone()),
        (403, "justification_refused".into())
    );
    assert!(!leaks_pnr(&v.to_string()));
    // After expiry (the time allowed, injected: every token issued is now too old).
    sluss.shared.justifications.set_ttl(Duration::ZERO);
    let (status, v) = send("anna", chat(PROMPT), headers(&token)).await?;
    assert_eq!(
        (status, v["error"]["code"].clone()),
        (403, "justification_token_expired".into())
    );
    assert_eq!(upstream.received().len(), 0, "nothing was sent");
    assert!(actions(&sluss).iter().all(|a| a == "warn"));
    assert!(!leaks_pnr(&sluss.audit_text()));
    sluss.stop().await
}

#[tokio::test]
async fn a_browser_gets_the_interstitial_and_its_form_sends_the_held_request() -> Res {
    let (upstream, sluss) = start().await?;
    let client = sluss.client()?;
    let page = client
        .post(format!("https://{WARNING}/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("sec-fetch-mode", "navigate")
        .header("sec-fetch-dest", "document")
        .header(USER, "anna")
        .body(chat(PROMPT))
        .send()
        .await?;
    assert_eq!(page.status(), 403);
    let page = page.text().await?;
    assert!(page.contains("<h1>Vill du skicka det här?</h1>") && page.contains("Skicka ändå"));
    assert!(page.contains("action=\"/.sluss/motivering\""));
    let at = page.find("name=\"token\" value=\"").ok_or("no token")?;
    let rest = &page[at + "name=\"token\" value=\"".len()..];
    let token = &rest[..rest.find('"').ok_or("unterminated")?];
    assert_eq!(upstream.received().len(), 0);

    let form = |justification: &str| {
        form_urlencoded::Serializer::new(String::new())
            .append_pair("token", token)
            .append_pair("justification", justification)
            .finish()
    };
    let post = |body: String| {
        client
            .post(format!("https://{WARNING}/.sluss/motivering"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-mode", "navigate")
            .header("sec-fetch-dest", "document")
            .header(USER, "anna")
            .body(body)
            .send()
    };
    // An empty justification is refused and keeps the token.
    let empty = post(form("   ")).await?;
    assert_eq!(empty.status(), 403);
    assert!(empty.text().await?.contains("Skriv en kort motivering"));
    let sent = post(form("Underlag till folkhälsorapporten.")).await?;
    assert_eq!(
        sent.status(),
        200,
        "the upstream's answer to the held request"
    );
    let received = upstream.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].path, "/v1/chat/completions");
    assert_eq!(received[0].body, chat(PROMPT).as_bytes());
    assert_eq!(actions(&sluss), ["warn", "justified"]);
    let again = post(form("En gång till.")).await?;
    assert_eq!(again.status(), 403);
    assert_eq!(upstream.received().len(), 1);
    sluss.stop().await
}
