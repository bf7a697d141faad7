//! What happens after a stop (issue 14 items 1 and 3), through real sockets: the person objects
//! through sluss's own page (scanned, only for their own stops, rate-limited), security staff
//! set a status on the admin listener's review page, both land in the audit chain as records
//! of their own, the page and `sluss logs --status` filter by status, and `--verify` still
//! verifies the chain.

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use common::*;
use serde_json::Value;
use sluss::admin::{self, Credentials};
use sluss::config::AdminAuth;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

const USER: &str = "x-sluss-user";
const PUBLIC: &str = "sluss.kommun.test:3128";
const API: &str = APPROVED;
const TOKEN: &str = "7f3a0c9e51b24d8a9c0e6f1b2d3a4c5e";

async fn start() -> Res<(Upstream, Sluss)> {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        proxy: format!("user_header = \"{USER}\"\npublic_address = \"{PUBLIC}\"\n"),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    Ok((upstream, sluss))
}

/// Sends a prompt as `user` (an API client) and returns the incident id of its stop.
async fn stopped(sluss: &Sluss, user: &str, prompt: &str) -> Res<String> {
    let response = sluss
        .client()?
        .post(format!("https://{API}/v1/chat/completions"))
        .header("content-type", "application/json")
        .header(USER, user)
        .body(chat(prompt))
        .send()
        .await?;
    assert_eq!(response.status(), 403);
    Ok(response.headers()["x-sluss-incident"].to_str()?.to_string())
}

/// Posts an objection to sluss's own page as `user`.
async fn object(sluss: &Sluss, user: &str, id: &str, comment: &str) -> Res<(u16, String)> {
    let response = direct_client()?
        .post(format!("http://{}/invandning", sluss.addr))
        .header(USER, user)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(encode(&[("incident", id), ("comment", comment)]))
        .send()
        .await?;
    Ok((response.status().as_u16(), response.text().await?))
}

/// Runs `sluss logs --config <config> args…`: exit code and standard output.
fn logs(config: &Path, args: &[&str]) -> Res<(i32, String)> {
    let output = Command::new(env!("CARGO_BIN_EXE_sluss"))
        .arg("logs")
        .arg("--config")
        .arg(config)
        .args(args)
        .output()?;
    let stdout = String::from_utf8(output.stdout)?;
    assert!(!leaks_pnr(&stdout), "a personnummer in the output");
    Ok((output.status.code().unwrap_or(-1), stdout))
}

/// A form body.
fn encode<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))
        .finish()
}

fn records_of(lines: &str) -> Res<Vec<Value>> {
    Ok(lines
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?)
}

#[tokio::test]
async fn the_person_stopped_can_object_once_the_comment_holds_nothing_stopped() -> Res {
    let (_upstream, sluss) = start().await?;
    let id = stopped(&sluss, "anna", &format!("Beslut för {PNR}.")).await?;

    // The block page links to the form on sluss's own page.
    let page = sluss
        .client()?
        .post(format!("https://{API}/v1/chat/completions"))
        .header("content-type", "application/json")
        .header("sec-fetch-mode", "navigate")
        .header("sec-fetch-dest", "document")
        .header(USER, "anna")
        .body(chat(&format!("Beslut för {PNR}.")))
        .send()
        .await?
        .text()
        .await?;
    assert!(
        page.contains(&format!("http://{PUBLIC}/invandning?incident={id}")),
        "{page}"
    );
    let before = sluss.audit_text();
    // ... and "Mina stopp" carries the form itself, with the warning.
    let mine = direct_client()?
        .get(format!("http://{}/mina-stopp", sluss.addr))
        .header(USER, "anna")
        .send()
        .await?
        .text()
        .await?;
    assert!(mine.contains("action=\"/invandning\"") && mine.contains("Klistra inte in texten"));
    let form = direct_client()?
        .get(format!("http://{}/invandning?incident={id}", sluss.addr))
        .header(USER, "anna")
        .send()
        .await?;
    assert_eq!(form.status(), 200);

    // Only the person who was stopped.
    let (status, text) = object(&sluss, "bo", &id, "Fel stopp.").await?;
    assert_eq!(status, 404, "{text}");
    // The comment is scanned: the number again, or a marking, is refused and never echoed.
    let (status, text) = object(&sluss, "anna", &id, &format!("Det var ju {PNR}")).await?;
    assert_eq!(status, 422);
    assert!(text.contains("Klistra inte in innehållet igen") && !leaks_pnr(&text));
    let (status, _) = object(&sluss, "anna", &id, "SEKRETESS enligt 26 kap. 1 § OSL").await?;
    assert_eq!(status, 422);
    let (status, _) = object(&sluss, "anna", &id, &"x".repeat(1001)).await?;
    assert_eq!(status, 413);
    assert_eq!(
        sluss.audit_text(),
        before,
        "nothing written for a refused objection"
    );

    let comment = "Numret var ett påhittat exempel i utbildningsmaterialet.";
    let (status, text) = object(&sluss, "anna", &id, comment).await?;
    assert_eq!(status, 200, "{text}");
    assert!(text.contains("invändningen är mottagen"));
    let after = sluss.audit_text();
    assert!(
        after.starts_with(&before),
        "the stop's record is never edited"
    );
    let records = sluss.audit_records();
    let objection = records.last().ok_or("no record")?;
    assert_eq!(objection["event"]["action"], "objection");
    assert_eq!(objection["event"]["id"], id.as_str());
    assert_eq!(objection["user"]["name"], "anna");
    assert_eq!(objection["sluss"]["comment"], comment);
    assert_eq!(objection["prev_hash"], records[records.len() - 2]["hash"]);

    // Rate-limited: a burst of five, then refused.
    let mut refused = false;
    for _ in 0..6 {
        let (status, _) = object(&sluss, "anna", &id, "Ett till försök.").await?;
        if status == 429 {
            refused = true;
            break;
        }
        assert_eq!(status, 200);
    }
    assert!(refused, "objections are rate-limited");

    let (code, out) = logs(&sluss.config_path, &["--verify"])?;
    assert_eq!(code, 0, "{out}");
    // Follow-ups show when asked for, and with the incident.
    let (_, out) = logs(&sluss.config_path, &["--format", "json"])?;
    assert!(
        records_of(&out)?
            .iter()
            .all(|r| r["event"]["action"] == "block")
    );
    let (_, out) = logs(&sluss.config_path, &["--incident", &id, "--format", "json"])?;
    let actions: Vec<String> = records_of(&out)?
        .iter()
        .map(|r| r["event"]["action"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(actions[..3], ["block", "block", "objection"]);
    sluss.stop().await
}

/// The admin listener on the proxy's own state, with a token.
async fn admin_for(sluss: &Sluss) -> Res<(String, oneshot::Sender<()>)> {
    let token = sluss.dir.path("admin-token");
    std::fs::write(&token, format!("{TOKEN}\n"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&token, std::fs::Permissions::from_mode(0o600))?;
    }
    let credentials = Credentials::load(&AdminAuth::Token(token))?;
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(admin::serve(
        Arc::clone(&sluss.shared),
        credentials,
        listener,
        async move {
            let _ = stopped.await;
        },
    ));
    Ok((base, stop))
}

/// The value of the hidden `token` field on an incident page.
fn form_token(page: &str) -> Res<String> {
    let at = page
        .find("name=\"token\" value=\"")
        .ok_or("no token field")?;
    let rest = &page[at + "name=\"token\" value=\"".len()..];
    Ok(rest[..rest.find('"').ok_or("unterminated")?].to_string())
}

#[tokio::test]
async fn security_staff_set_a_status_that_the_page_and_sluss_logs_filter_by() -> Res {
    let (_upstream, sluss) = start().await?;
    let wrong = stopped(&sluss, "anna", &format!("Beslut för {PNR}.")).await?;
    let right = stopped(
        &sluss,
        "bo",
        "SEKRETESS enligt 26 kap. 1 § OSL\\nUtredning.",
    )
    .await?;
    let (status, _) = object(&sluss, "anna", &wrong, "Det var ett testnummer.").await?;
    assert_eq!(status, 200);
    let (base, _stop) = admin_for(&sluss).await?;
    let client = reqwest::Client::builder()
        .no_proxy()
        .use_preconfigured_tls(client_tls(sluss.ca(), &[b"http/1.1"])?)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let get = |path: String| {
        let request = client.get(format!("{base}{path}")).bearer_auth(TOKEN);
        async move { request.send().await?.text().await }
    };
    let page = get(format!("/review/{wrong}")).await?;
    assert!(
        page.contains("Status: <strong class=\"status\">ny</strong>"),
        "{page}"
    );
    assert!(
        page.contains("Det var ett testnummer."),
        "the objection is shown"
    );
    let token = form_token(&page)?;
    let post = |form: Vec<(&'static str, String)>| {
        let request = client
            .post(format!("{base}/review/{wrong}/status"))
            .bearer_auth(TOKEN)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(encode(&form));
        async move { request.send().await }
    };
    // Without the form's token (another site's form): refused.
    let forged = post(vec![("status", "resolved".into())]).await?;
    assert_eq!(forged.status(), 403);
    let leaky = post(vec![
        ("status", "false_stop".into()),
        ("comment", format!("Gällde {PNR}")),
        ("token", token.clone()),
    ])
    .await?;
    assert_eq!(leaky.status(), 422);
    let text = leaky.text().await?;
    assert!(!leaks_pnr(&text));
    let set = post(vec![
        ("status", "false_stop".into()),
        (
            "comment",
            "Testnummer i utbildningsmaterial; mönstret ses över.".into(),
        ),
        ("token", token.clone()),
    ])
    .await?;
    assert_eq!(set.status(), 303);
    assert_eq!(
        set.headers()["location"],
        format!("/review?incident={wrong}").as_str()
    );

    let page = get(format!("/review/{wrong}")).await?;
    assert!(page.contains("<strong class=\"status\">felaktigt stopp</strong>"));
    assert!(
        page.contains("Testnummer i utbildningsmaterial") && page.contains("token (127.0.0.1)")
    );
    let false_stops = get("/review?status=false_stop".into()).await?;
    assert!(false_stops.contains(&wrong) && !false_stops.contains(&right));
    let new = get("/review?status=ny".into()).await?;
    assert!(new.contains(&right) && !new.contains(&wrong));
    let csv = get("/review.csv?status=false_stop".into()).await?;
    assert!(csv.contains(&wrong) && !csv.contains(&right), "{csv}");
    let all = get("/review".into()).await?;
    assert!(all.contains("<td>felaktigt stopp</td>") && all.contains("<td>ny</td>"));

    // A later status wins.
    let set = post(vec![("status", "resolved".into()), ("token", token)]).await?;
    assert_eq!(set.status(), 303);
    let resolved = get("/review?status=resolved".into()).await?;
    assert!(resolved.contains(&wrong));
    let false_stops = get("/review?status=false_stop".into()).await?;
    assert!(!false_stops.contains(&wrong));

    let config = &sluss.config_path;
    let (code, out) = logs(config, &["--status", "åtgärdad", "--format", "json"])?;
    assert_eq!(code, 0);
    let ids: Vec<Value> = records_of(&out)?
        .iter()
        .map(|r| r["event"]["id"].clone())
        .collect();
    assert_eq!(ids, [Value::from(wrong.as_str())]);
    let (_, out) = logs(config, &["--status", "new", "--format", "json"])?;
    let ids: Vec<Value> = records_of(&out)?
        .iter()
        .map(|r| r["event"]["id"].clone())
        .collect();
    assert_eq!(ids, [Value::from(right.as_str())]);
    let (_, out) = logs(config, &["--action", "status", "--format", "json"])?;
    let statuses = records_of(&out)?;
    assert_eq!(statuses.len(), 2);
    assert_eq!(statuses[0]["user"]["name"], "token");
    assert_eq!(statuses[0]["sluss"]["status"], "false_stop");
    assert_eq!(statuses[1]["sluss"]["status"], "resolved");
    let (code, out) = logs(config, &["--status", "stängd"])?;
    assert_ne!(code, 0, "{out}");
    let (code, out) = logs(config, &["--verify"])?;
    assert_eq!(code, 0, "{out}");
    sluss.stop().await
}
