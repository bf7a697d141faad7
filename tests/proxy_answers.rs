//! What a person sees when sluss stops a request, through a real client, sluss and a real
//! HTTPS upstream (issue 11 item 4, issue 14 item 0): the page for navigations and form posts,
//! the API family's own JSON error for fetches, a well-formed stream in the family's format
//! for a fetch that streams (parsed strictly), one incident for repeated stops, the
//! explanation on the next page load, "Mina stopp", and an audit record that says how the
//! person was answered and lists every kind found.

mod common;

use common::*;
use serde_json::Value;

const USER: &str = "x-sluss-user";
const PUBLIC: &str = "sluss.kommun.test:3128";
const STOPS_URL: &str = "http://sluss.kommun.test:3128/mina-stopp";
/// A registered chat app's page host (its fetches go to the API hosts below).
const CHAT: &str = "chat.kommun.test";
/// Another valid personnummer.
const PNR2: &str = "19811218-9876";

/// One registered service per API family: (api, host, path, body of a prompt).
const FAMILIES: &[(&str, &str, &str, &str)] = &[
    (
        "openai",
        "openai.kommun.test",
        "/v1/chat/completions",
        r#"{"model":"gpt-4o","messages":[{"role":"user","content":"PROMPT"}]STREAM}"#,
    ),
    (
        "azure_openai",
        "azure.kommun.test",
        "/openai/deployments/gpt/chat/completions?api-version=2024-10-21",
        r#"{"messages":[{"role":"user","content":"PROMPT"}]STREAM}"#,
    ),
    (
        "anthropic",
        "anthropic.kommun.test",
        "/v1/messages",
        r#"{"model":"claude","max_tokens":100,"messages":[{"role":"user","content":"PROMPT"}]STREAM}"#,
    ),
    (
        "gemini",
        "gemini.kommun.test",
        "/v1beta/models/gemini-2.0-flash:generateContent",
        r#"{"contents":[{"role":"user","parts":[{"text":"PROMPT"}]}]STREAM}"#,
    ),
    (
        "mistral",
        "mistral.kommun.test",
        "/v1/chat/completions",
        r#"{"model":"mistral-large","messages":[{"role":"user","content":"PROMPT"}]STREAM}"#,
    ),
    (
        "cohere",
        "cohere.kommun.test",
        "/v2/chat",
        r#"{"model":"command-r","messages":[{"role":"user","content":"PROMPT"}]STREAM}"#,
    ),
    (
        "ollama",
        "ollama.kommun.test",
        "/api/chat",
        r#"{"model":"llama3","messages":[{"role":"user","content":"PROMPT"}]STREAM}"#,
    ),
];

fn body(template: &str, prompt: &str, stream: Option<bool>) -> String {
    let stream = match stream {
        Some(s) => format!(",\"stream\":{s}"),
        None => String::new(),
    };
    template
        .replace("PROMPT", prompt)
        .replace("STREAM", &stream)
}

async fn start_with(proxy: &str) -> Res<(Upstream, Sluss)> {
    let upstream = Upstream::start().await?;
    let mut extra = String::new();
    let mut resolve = Vec::new();
    for (api, host, _, _) in FAMILIES {
        extra.push_str(&format!(
            "[[service]]\nname = \"Tjänst {api}\"\nhosts = [\"{host}\"]\napi = \"{api}\"\n\n"
        ));
        resolve.push((format!("{host}:443"), upstream.addr));
    }
    extra.push_str(&format!(
        "[[service]]\nname = \"Kommunens chatt\"\nhosts = [\"{CHAT}\"]\n\n"
    ));
    resolve.push((format!("{CHAT}:443"), upstream.addr));
    let setup = Setup {
        proxy: format!("user_header = \"{USER}\"\npublic_address = \"{PUBLIC}\"\n{proxy}"),
        extra,
        resolve,
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    Ok((upstream, sluss))
}

async fn start() -> Res<(Upstream, Sluss)> {
    start_with("").await
}

/// A POST as a chat page's script sends it (fetch from the chat app's page).
fn fetch(
    client: &reqwest::Client,
    host: &str,
    path: &str,
    body: String,
) -> reqwest::RequestBuilder {
    client
        .post(format!("https://{host}{path}"))
        .header("content-type", "application/json")
        .header("accept", "*/*")
        .header("origin", format!("https://{CHAT}"))
        .header("referer", format!("https://{CHAT}/c/1"))
        .header("sec-fetch-mode", "cors")
        .header("sec-fetch-dest", "empty")
        .header("sec-fetch-site", "cross-site")
        .body(body)
}

/// The message of a family's JSON error.
fn message_of<'a>(api: &str, v: &'a Value) -> Option<&'a str> {
    match api {
        "openai" | "azure_openai" => v["error"]["message"].as_str(),
        "anthropic" => (v["type"] == "error" && v["error"]["type"] == "permission_error")
            .then(|| v["error"]["message"].as_str())
            .flatten(),
        "gemini" => (v["error"]["code"] == 403 && v["error"]["status"] == "PERMISSION_DENIED")
            .then(|| v["error"]["message"].as_str())
            .flatten(),
        "mistral" => (v["object"] == "error")
            .then(|| v["message"].as_str())
            .flatten(),
        "cohere" => v["message"].as_str(),
        "ollama" => v["error"].as_str(),
        _ => None,
    }
}

/// An event stream, parsed strictly: each event is optional `event:` and one `data:` line,
/// ended by a blank line; any other line, a missing end or an event without data fails.
fn sse(text: &str) -> Res<Vec<(Option<String>, String)>> {
    if !text.ends_with("\n\n") {
        return Err("the stream does not end with a complete event".into());
    }
    let mut events = Vec::new();
    for block in text.split_terminator("\n\n") {
        let (mut name, mut data) = (None, None);
        for line in block.split('\n') {
            if let Some(n) = line.strip_prefix("event: ") {
                if name.replace(n.to_string()).is_some() {
                    return Err("two event lines".into());
                }
            } else if let Some(d) = line.strip_prefix("data: ") {
                if data.replace(d.to_string()).is_some() {
                    return Err("two data lines".into());
                }
            } else {
                return Err(format!("not an event-stream line: {line:?}").into());
            }
        }
        events.push((name, data.ok_or("an event without data")?));
    }
    Ok(events)
}

fn json(text: &str) -> Res<Value> {
    Ok(serde_json::from_str(text)?)
}

/// The answer text carried by a stream in `api`'s format, checked to be complete.
fn streamed_text(api: &str, path: &str, content_type: &str, text: &str) -> Res<String> {
    let ends = |ok: bool, what: &str| -> Res {
        if ok {
            Ok(())
        } else {
            Err(format!("{api}: {what}").into())
        }
    };
    if api == "ollama" {
        ends(content_type == "application/x-ndjson", "content type")?;
        let lines: Vec<Value> = text.lines().map(json).collect::<Res<_>>()?;
        ends(
            lines.last().is_some_and(|l| l["done"] == true),
            "no done line",
        )?;
        return Ok(lines
            .iter()
            .filter_map(|l| l["message"]["content"].as_str())
            .collect());
    }
    ends(
        content_type.starts_with("text/event-stream"),
        "content type",
    )?;
    let events = sse(text)?;
    match api {
        "openai" | "azure_openai" | "mistral" if path.ends_with("/responses") => {
            let mut out = String::new();
            for (i, (name, data)) in events.iter().enumerate() {
                let v = json(data)?;
                ends(
                    v["sequence_number"] == i && v["type"].as_str() == name.as_deref(),
                    "event",
                )?;
                if let Some(delta) = v["delta"].as_str() {
                    out.push_str(delta);
                }
            }
            ends(
                events.last().and_then(|e| e.0.as_deref()) == Some("response.completed"),
                "end",
            )?;
            Ok(out)
        }
        "openai" | "azure_openai" | "mistral" => {
            let (last, chunks) = events.split_last().ok_or("no events")?;
            ends(last.1 == "[DONE]", "no [DONE]")?;
            let chunks: Vec<Value> = chunks.iter().map(|e| json(&e.1)).collect::<Res<_>>()?;
            ends(
                chunks
                    .iter()
                    .all(|c| c["object"] == "chat.completion.chunk"),
                "chunk",
            )?;
            ends(
                chunks
                    .iter()
                    .any(|c| c["choices"][0]["finish_reason"] == "stop"),
                "finish",
            )?;
            Ok(chunks
                .iter()
                .filter_map(|c| c["choices"][0]["delta"]["content"].as_str())
                .collect())
        }
        "anthropic" => {
            let names: Vec<&str> = events.iter().filter_map(|e| e.0.as_deref()).collect();
            ends(
                names.first() == Some(&"message_start") && names.last() == Some(&"message_stop"),
                "order",
            )?;
            let mut out = String::new();
            for (name, data) in &events {
                let v = json(data)?;
                ends(v["type"].as_str() == name.as_deref(), "type")?;
                if let Some(t) = v["delta"]["text"].as_str() {
                    out.push_str(t);
                }
            }
            Ok(out)
        }
        "gemini" => {
            let mut out = String::new();
            for (_, data) in &events {
                let v = json(data)?;
                ends(v["candidates"][0]["finishReason"] == "STOP", "finish")?;
                out.push_str(
                    v["candidates"][0]["content"]["parts"][0]["text"]
                        .as_str()
                        .unwrap_or(""),
                );
            }
            Ok(out)
        }
        "cohere" => {
            ends(
                events.last().and_then(|e| e.0.as_deref()) == Some("message-end"),
                "end",
            )?;
            let mut out = String::new();
            for (_, data) in &events {
                let v = json(data)?;
                if let Some(t) = v["delta"]["message"]["content"]["text"].as_str() {
                    out.push_str(t);
                }
            }
            Ok(out)
        }
        _ => Err(format!("unknown family {api}").into()),
    }
}

#[tokio::test]
async fn a_blocked_fetch_gets_the_error_shape_of_its_api_family() -> Res {
    let (upstream, sluss) = start().await?;
    let client = sluss.client()?;
    for (api, host, path, template) in FAMILIES {
        let prompt = format!("Sammanfatta ärendet för {PNR}.");
        let response = fetch(&client, host, path, body(template, &prompt, Some(false)))
            .send()
            .await?;
        assert_eq!(response.status(), 403, "{api}");
        assert_eq!(
            response.headers()["content-type"],
            "application/json",
            "{api}"
        );
        let incident = response.headers()["x-sluss-incident"].to_str()?.to_string();
        let text = response.text().await?;
        assert!(!leaks_pnr(&text), "{api}: {text}");
        let v = json(&text)?;
        let message = message_of(api, &v).ok_or(format!("{api}: not its error shape: {text}"))?;
        for expected in ["Stoppad av sluss", "1 × personnummer", &incident, STOPS_URL] {
            assert!(message.contains(expected), "{api}: {expected} in {message}");
        }
    }
    assert!(
        upstream.received().is_empty(),
        "nothing reaches the upstream"
    );
    let records = sluss.audit_records();
    assert_eq!(records.len(), FAMILIES.len());
    assert!(records.iter().all(|r| r["sluss"]["answer"] == "json"));
    sluss.stop().await
}

#[tokio::test]
async fn a_blocked_streaming_fetch_gets_a_complete_stream_in_its_family_format() -> Res {
    let (upstream, sluss) = start().await?;
    let client = sluss.client()?;
    let mut cases: Vec<(&str, &str, String, String)> = FAMILIES
        .iter()
        .map(|(api, host, path, template)| {
            let prompt = format!("Skriv ett beslut för {PNR}.");
            // Ollama streams unless told not to; the others when asked to.
            let stream = (*api != "ollama").then_some(true);
            let path = match *api {
                "gemini" => {
                    "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse".to_string()
                }
                _ => path.to_string(),
            };
            (*api, *host, path, body(template, &prompt, stream))
        })
        .collect();
    cases.push((
        "openai",
        "openai.kommun.test",
        "/v1/responses".into(),
        format!(r#"{{"model":"gpt-4o","input":"Beslut för {PNR}","stream":true}}"#),
    ));
    for (api, host, path, body) in &cases {
        let response = fetch(&client, host, path, body.clone()).send().await?;
        assert_eq!(
            response.status(),
            200,
            "{api} {path}: the app shows a stream it can read"
        );
        let content_type = response.headers()["content-type"].to_str()?.to_string();
        let incident = response.headers()["x-sluss-incident"].to_str()?.to_string();
        let text = response.text().await?;
        assert!(!leaks_pnr(&text), "{api}");
        let answer = streamed_text(api, path, &content_type, &text)?;
        for expected in ["Stoppad av sluss", "personnummer", &incident, STOPS_URL] {
            assert!(
                answer.contains(expected),
                "{api} {path}: {expected} in {answer:?}"
            );
        }
    }
    // A fetch that asks for an event stream by Accept alone gets one too.
    let response = fetch(
        &client,
        "anthropic.kommun.test",
        "/v1/messages",
        body(FAMILIES[2].3, PNR, None),
    )
    .header("accept", "text/event-stream")
    .send()
    .await?;
    assert!(
        response.headers()["content-type"]
            .to_str()?
            .starts_with("text/event-stream")
    );
    assert!(upstream.received().is_empty());
    let records = sluss.audit_records();
    assert_eq!(records.len(), cases.len() + 1);
    assert!(
        records
            .iter()
            .all(|r| r["sluss"]["answer"] == "event_stream"),
        "{records:?}"
    );
    sluss.stop().await
}

#[tokio::test]
async fn an_sdk_that_streams_gets_the_json_error_not_a_fake_answer() -> Res {
    let (_upstream, sluss) = start().await?;
    let response = sluss
        .client()?
        .post("https://openai.kommun.test/v1/chat/completions")
        .header("content-type", "application/json")
        .header("accept", "text/event-stream")
        .body(body(FAMILIES[0].3, PNR, Some(true)))
        .send()
        .await?;
    assert_eq!(response.status(), 403);
    assert_eq!(response.headers()["content-type"], "application/json");
    sluss.stop().await
}

#[tokio::test]
async fn navigations_and_form_posts_get_the_swedish_page() -> Res {
    let (upstream, sluss) = start().await?;
    let client = sluss.client()?;
    let form = client
        .post("https://openai.kommun.test/skicka")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .header("sec-fetch-mode", "navigate")
        .header("sec-fetch-dest", "document")
        .body(format!("prompt=Journal+f%C3%B6r+{PNR}"))
        .send()
        .await?;
    assert_eq!(form.status(), 403);
    assert!(
        form.headers()["content-type"]
            .to_str()?
            .starts_with("text/html")
    );
    let incident = form.headers()["x-sluss-incident"].to_str()?.to_string();
    let page = form.text().await?;
    assert!(page.contains("Förfrågan stoppades") && page.contains(&incident));
    assert!(page.contains(&format!("href=\"{STOPS_URL}\"")), "{page}");
    // A fetch that accepts HTML is still a fetch.
    let fetched = fetch(
        &client,
        "openai.kommun.test",
        "/v1/chat/completions",
        body(FAMILIES[0].3, PNR, None),
    )
    .header("accept", "text/html, */*")
    .send()
    .await?;
    assert_eq!(fetched.headers()["content-type"], "application/json");
    assert!(upstream.received().is_empty());
    let answers: Vec<Value> = sluss
        .audit_records()
        .iter()
        .map(|r| r["sluss"]["answer"].clone())
        .collect();
    assert_eq!(answers, ["page", "json"]);
    sluss.stop().await
}

#[tokio::test]
async fn repeated_stops_of_the_same_value_by_the_same_person_are_one_incident() -> Res {
    let (_upstream, sluss) = start().await?;
    let client = sluss.client()?;
    let send = |prompt: String, user: &'static str| {
        fetch(
            &client,
            "openai.kommun.test",
            "/v1/chat/completions",
            body(FAMILIES[0].3, &prompt, None),
        )
        .header(USER, user)
        .send()
    };
    let mut seen = Vec::new();
    for prompt in [
        format!("Beslut för {PNR}."),
        format!("Beslut för {PNR}."),
        // Edited, still the same number: the same incident.
        format!("Skriv ett kort beslut om bistånd för {PNR}, tack."),
        format!("Beslut för {PNR2}."),
    ] {
        let response = send(prompt, "anna").await?;
        let id = response.headers()["x-sluss-incident"].to_str()?.to_string();
        let count = response.headers()["x-sluss-count"].to_str()?.to_string();
        let v = json(&response.text().await?)?;
        assert_eq!(v["error"]["incident_id"], id.as_str());
        seen.push((id, count));
    }
    let first = seen[0].0.clone();
    assert_eq!(
        seen.iter()
            .take(3)
            .map(|(id, n)| (id.as_str(), n.as_str()))
            .collect::<Vec<_>>(),
        [
            (first.as_str(), "1"),
            (first.as_str(), "2"),
            (first.as_str(), "3")
        ]
    );
    assert_ne!(seen[3].0, first, "another value is another incident");
    assert_eq!(seen[3].1, "1");
    let other = send(format!("Beslut för {PNR}."), "bo").await?;
    assert_ne!(
        other.headers()["x-sluss-incident"].to_str()?,
        first,
        "another person"
    );

    // Every stop stays in the chain, the repeats carry the incident id and their number.
    let records = sluss.audit_records();
    assert_eq!(records.len(), 5);
    let of_first: Vec<&Value> = records
        .iter()
        .filter(|r| r["event"]["id"] == first.as_str())
        .collect();
    assert_eq!(of_first.len(), 3);
    assert!(of_first[0]["sluss"].get("repeat").is_none());
    assert_eq!(of_first[1]["sluss"]["repeat"], 2);
    assert_eq!(of_first[2]["sluss"]["repeat"], 3);
    let key = sluss::audit::AuditKey::load(&sluss.dir.path("audit-key"))?;
    let report = sluss::audit::AuditReader::open(sluss.dir.path("audit.jsonl"), &key.chain_key())?
        .verify()?;
    assert!(report.first_break.is_none(), "{report}");
    assert_eq!(report.records, 5);
    sluss.stop().await
}

#[tokio::test]
async fn the_next_page_load_on_the_chat_host_shows_why_once() -> Res {
    let (upstream, sluss) = start().await?;
    let client = sluss.client()?;
    let navigate = |user: &'static str| {
        client
            .get(format!("https://{CHAT}/c/1"))
            .header("accept", "text/html")
            .header("sec-fetch-mode", "navigate")
            .header("sec-fetch-dest", "document")
            .header(USER, user)
            .send()
    };
    let stopped = fetch(
        &client,
        "anthropic.kommun.test",
        "/v1/messages",
        body(FAMILIES[2].3, PNR, Some(true)),
    )
    .header(USER, "anna")
    .send()
    .await?;
    let incident = stopped.headers()["x-sluss-incident"].to_str()?.to_string();
    assert_eq!(stopped.status(), 200, "a stream");

    // Somebody else's page load is not touched.
    let bo = navigate("bo").await?;
    assert_eq!(bo.text().await?, "{\"ok\":true,\"received_bytes\":0}");

    let shown = navigate("anna").await?;
    assert_eq!(shown.status(), 200);
    assert_eq!(shown.headers()["x-sluss-incident"], incident.as_str());
    let page = shown.text().await?;
    for expected in [
        "Din senaste förfrågan stoppades",
        "anthropic.kommun.test",
        incident.as_str(),
        "1 × personnummer",
        "href=\"/c/1\"",
        STOPS_URL,
    ] {
        assert!(page.contains(expected), "{expected} in the notice");
    }
    assert!(!leaks_pnr(&page));
    // Shown once: the next page load is the app's.
    let again = navigate("anna").await?;
    assert_eq!(again.text().await?, "{\"ok\":true,\"received_bytes\":0}");
    assert_eq!(
        upstream.received().len(),
        2,
        "only the two ordinary page loads went upstream"
    );
    sluss.stop().await
}

#[tokio::test]
async fn a_stop_shown_as_a_page_leaves_no_notice() -> Res {
    let (upstream, sluss) = start().await?;
    let client = sluss.client()?;
    let page = client
        .post(format!("https://{CHAT}/skicka"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-mode", "navigate")
        .header("sec-fetch-dest", "document")
        .body(format!("q={PNR}"))
        .send()
        .await?;
    assert_eq!(page.status(), 403);
    let next = client
        .get(format!("https://{CHAT}/"))
        .header("sec-fetch-mode", "navigate")
        .header("sec-fetch-dest", "document")
        .send()
        .await?;
    assert_eq!(next.status(), 200);
    assert!(next.headers().get("x-sluss-incident").is_none());
    assert_eq!(upstream.received().len(), 1);
    sluss.stop().await
}

#[tokio::test]
async fn mina_stopp_shows_a_person_their_own_latest_stops() -> Res {
    let (_upstream, sluss) = start().await?;
    let client = sluss.client()?;
    let mut ids = Vec::new();
    for (user, prompt) in [
        ("anna", format!("Beslut för {PNR}.")),
        (
            "anna",
            "SEKRETESS enligt 26 kap. 1 § OSL\nUtredning om barnet.".to_string(),
        ),
        ("bo", format!("Beslut för {PNR2}.")),
    ] {
        let r = fetch(
            &client,
            "openai.kommun.test",
            "/v1/chat/completions",
            body(FAMILIES[0].3, &prompt.replace('\n', "\\n"), None),
        )
        .header(USER, user)
        .send()
        .await?;
        assert_eq!(r.status(), 403);
        ids.push(r.headers()["x-sluss-incident"].to_str()?.to_string());
    }
    let direct = direct_client()?;
    let page = direct
        .get(format!("http://{}/mina-stopp", sluss.addr))
        .header(USER, "anna")
        .send()
        .await?;
    assert_eq!(page.status(), 200);
    let page = page.text().await?;
    assert!(page.contains("<h1>Mina stopp</h1>"));
    assert!(
        page.contains(&ids[0]) && page.contains(&ids[1]),
        "anna's stops"
    );
    assert!(!page.contains(&ids[2]), "not bo's");
    assert!(page.find(&ids[1]) < page.find(&ids[0]), "newest first");
    assert!(page.contains("1 × personnummer") && page.contains("1 × sekretessmarkering"));
    assert!(page.contains("Tjänst openai") && page.contains("inloggad som <strong>anna</strong>"));
    assert!(!leaks_pnr(&page));
    let list = json(
        &direct
            .get(format!("http://{}/mina-stopp.json", sluss.addr))
            .header(USER, "bo")
            .send()
            .await?
            .text()
            .await?,
    )?;
    assert_eq!(list["stops"].as_array().map(Vec::len), Some(1));
    assert_eq!(list["stops"][0]["incident_id"], ids[2].as_str());
    assert_eq!(list["stops"][0]["findings"][0]["kind"], "personnummer");
    // Without a user, the person is the client address: nobody stopped from it without one.
    let by_address = direct
        .get(format!("http://{}/mina-stopp", sluss.addr))
        .send()
        .await?
        .text()
        .await?;
    assert!(by_address.contains("Inga förfrågningar") && by_address.contains("127.0.0.1"));
    sluss.stop().await
}

#[tokio::test]
async fn every_kind_at_the_threshold_is_listed_with_the_deciding_rule_first() -> Res {
    let (_upstream, sluss) = start().await?;
    let client = sluss.client()?;
    let prompt =
        format!("SEKRETESS enligt 26 kap. 1 § OSL\\nBeslut för {PNR}, anna.svensson@kommun.se.");
    let page = client
        .post("https://openai.kommun.test/v1/chat/completions")
        .header("content-type", "application/json")
        .header("sec-fetch-mode", "navigate")
        .header("sec-fetch-dest", "document")
        .body(body(FAMILIES[0].3, &prompt, None))
        .send()
        .await?
        .text()
        .await?;
    let at = |needle: &str| page.find(needle).ok_or(format!("{needle} not on the page"));
    let (pnr, marker, email) = (
        at("1 × personnummer")?,
        at("1 × sekretessmarkering")?,
        at("1 × e-postadress")?,
    );
    // Personnummer is the policy's first rule, so it decides.
    assert!(pnr < marker && marker < email, "{page}");
    assert!(page.contains("<strong>1 × personnummer</strong> (skälet till stoppet)"));
    let fetched = fetch(
        &client,
        "openai.kommun.test",
        "/v1/chat/completions",
        body(FAMILIES[0].3, &prompt, None),
    )
    .send()
    .await?;
    let v = json(&fetched.text().await?)?;
    let kinds: Vec<&str> = v["error"]["findings"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["kind"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(kinds, ["personnummer", "confidentiality_marker", "email"]);
    assert_eq!(v["error"]["code"], "personnummer");
    for record in sluss.audit_records() {
        assert_eq!(record["event"]["reason"], "personnummer");
        let kinds: Vec<&str> = record["sluss"]["findings"]
            .as_array()
            .map(|a| a.iter().filter_map(|f| f["kind"].as_str()).collect())
            .unwrap_or_default();
        assert_eq!(kinds, ["personnummer", "confidentiality_marker", "email"]);
    }
    assert!(!leaks_pnr(&sluss.audit_text()));
    sluss.stop().await
}

#[tokio::test]
async fn the_audit_record_says_why_content_could_not_be_inspected() -> Res {
    let (_upstream, sluss) = start_with("max_body_bytes = 1024").await?;
    let client = sluss.client()?;
    let large = fetch(
        &client,
        "openai.kommun.test",
        "/v1/chat/completions",
        body(FAMILIES[0].3, &"a".repeat(4096), None),
    )
    .send()
    .await?;
    assert_eq!(large.status(), 403);
    let v = json(&large.text().await?)?;
    let message = v["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("större än vad sluss kan granska"),
        "{message}"
    );
    let image = client
        .post("https://openai.kommun.test/v1/files")
        .header("content-type", "image/png")
        .header("sec-fetch-mode", "cors")
        .body(vec![0x89, b'P', b'N', b'G', 0, 0, 0, 0])
        .send()
        .await?;
    assert_eq!(image.status(), 403);
    let v = json(&image.text().await?)?;
    let message = v["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("filformatet"), "{message}");
    let records = sluss.audit_records();
    let why: Vec<(Value, Value, Value)> = records
        .iter()
        .map(|r| {
            (
                r["event"]["reason"].clone(),
                r["sluss"]["uninspectable"].clone(),
                r["sluss"]["answer"].clone(),
            )
        })
        .collect();
    assert_eq!(
        why,
        [
            ("uninspectable".into(), "too_large".into(), "json".into()),
            (
                "uninspectable".into(),
                "unsupported_type".into(),
                "json".into()
            ),
        ]
    );
    sluss.stop().await
}

#[tokio::test]
async fn the_register_says_what_is_and_is_not_inspected() -> Res {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        extra: "[[service]]\nname = \"Öppen AI\"\nhosts = [\"open.kommun.test\"]\n\
                policy = { personnummer = \"redact\", uninspectable = \"allow\" }\n"
            .into(),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let direct = direct_client()?;
    let page = direct
        .get(format!("http://{}/register", sluss.addr))
        .send()
        .await?
        .text()
        .await?;
    let open = page
        .split("<h2>Öppen AI</h2>")
        .nth(1)
        .ok_or("no section for the service")?;
    for expected in [
        "Granskas:",
        "Word (.docx)",
        "PDF",
        "Textmeddelanden över WebSocket",
        "Granskas inte:",
        "Binära meddelanden över WebSocket",
        "släpps igenom ogranskat och loggas",
        "når tjänsten utan att stoppas eller maskeras",
    ] {
        assert!(open.contains(expected), "{expected} for the open service");
    }
    let strict = page
        .split("<h2>Kommunens AI</h2>")
        .nth(1)
        .ok_or("no section")?;
    assert!(strict.contains("Det som inte kan granskas stoppas."));
    let list = json(
        &direct
            .get(format!("http://{}/register.json", sluss.addr))
            .send()
            .await?
            .text()
            .await?,
    )?;
    let services = list["services"].as_array().ok_or("no services")?;
    let open = services
        .iter()
        .find(|s| s["name"] == "Öppen AI")
        .ok_or("no open service")?;
    assert!(open["inspection"]["warning"].is_string());
    assert!(
        open["inspection"]["not_inspected"]
            .as_array()
            .is_some_and(|l| !l.is_empty())
    );
    sluss.stop().await
}

#[tokio::test]
async fn block_pages_and_json_errors_name_the_support_policy_and_a_time_from_the_config() -> Res {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        proxy: format!("public_address = \"{PUBLIC}\"\n"),
        extra: "[support]\ncontact = \"Servicedesken\"\nemail = \"servicedesk@kommun.test\"\n\
                phone = \"08-123 456 00\"\ntext = \"Öppet vardagar 8–17.\"\n\
                policy_url = \"https://intranat.kommun.test/ai-policy\"\n\
                secrecy_contact = \"registraturen (registrator@kommun.test)\"\n"
            .into(),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let client = sluss.client()?;
    let page = |host: &str, prompt: &str| {
        client
            .post(format!("https://{host}/skicka"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header("sec-fetch-mode", "navigate")
            .header("sec-fetch-dest", "document")
            .body(format!("prompt={prompt}"))
            .send()
    };
    let stopped = page(APPROVED, &format!("Journal+f%C3%B6r+{PNR}")).await?;
    assert_eq!(stopped.status(), 403);
    let text = stopped.text().await?;
    let time = regex_time(&text).ok_or("no time to quote on the page")?;
    for expected in [
        "<h1>Förfrågan stoppades</h1>",
        "om du kontaktar Servicedesken: e-post <a href=\"mailto:servicedesk@kommun.test\">servicedesk@kommun.test</a>, telefon <a href=\"tel:0812345600\">08-123 456 00</a>.",
        "<p>Öppet vardagar 8–17.</p>",
        "<a href=\"https://intranat.kommun.test/ai-policy\">Kommunens AI-policy</a>: personnummer får inte skickas.",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    let marked = page(
        APPROVED,
        "Sekretess+enligt+26+kap.+1+%C2%A7+OSL.+Sammanfatta+beslutet.",
    )
    .await?
    .text()
    .await?;
    assert!(
        marked.contains("fråga registraturen (registrator@kommun.test) (sekretessfrågor)"),
        "{marked}"
    );
    let not_approved = client
        .get(format!("https://{NOT_APPROVED}/"))
        .header("accept", "text/html")
        .send()
        .await?
        .text()
        .await?;
    assert!(
        not_approved.contains("<h1>Tjänsten är inte godkänd</h1>"),
        "{not_approved}"
    );
    let register = format!("http://{PUBLIC}/register");
    assert!(
        not_approved.contains(&format!("<a href=\"{register}\">{register}</a>")),
        "{not_approved}"
    );
    let json: Value = serde_json::from_str(
        &client
            .post(format!("https://{APPROVED}/v1/chat/completions"))
            .header("content-type", "application/json")
            .body(chat(&format!("Journal för {PNR}")))
            .send()
            .await?
            .text()
            .await?,
    )?;
    let message = json["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("kontakta Servicedesken (servicedesk@kommun.test, telefon 08-123 456 00)")
            && message.contains("Kommunens AI-policy: https://intranat.kommun.test/ai-policy.")
            && message.contains(", tid: "),
        "{message}"
    );
    assert!(time.contains(" kl. "), "{time}");
    sluss.stop().await
}

/// The time to quote on a block page (`<span class="time">…</span>`).
fn regex_time(page: &str) -> Option<String> {
    let start = page.find("<span class=\"time\">")? + "<span class=\"time\">".len();
    let end = page[start..].find("</span>")? + start;
    Some(page[start..end].to_string())
}
