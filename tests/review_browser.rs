//! The whole path as security staff meet it: the real `sluss run` with an admin listener,
//! a prompt with a personnummer and a request to an unapproved AI service stopped through the
//! proxy (plain-HTTP absolute form, no upstream needed: a block happens before forwarding),
//! then `/review` rendered by headless Chromium.
//!
//! The browser part is skipped, with a message, when no Chromium is installed (`.ci/run`
//! installs Debian's `chromium` when it can); everything before it always runs.

mod chromium;
#[path = "audit_fixtures/mod.rs"]
mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{PNR, TestResult, shows_pnr, temp};

/// How long one Chromium run may take.
const CHROMIUM_LIMIT: Duration = Duration::from_secs(90);

const TOKEN: &str = "c0ffee0123456789c0ffee0123456789";

/// `sluss run`, killed when dropped.
struct Sluss(Child);

impl Drop for Sluss {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Two different ports that were free a moment ago (both held until both are known).
fn free_ports() -> TestResult<(u16, u16)> {
    let (a, b) = (
        TcpListener::bind("127.0.0.1:0")?,
        TcpListener::bind("127.0.0.1:0")?,
    );
    Ok((a.local_addr()?.port(), b.local_addr()?.port()))
}

/// The config: proxy and admin on loopback, state in `dir`, one registered service.
fn write_config(dir: &Path, proxy: u16, admin: u16) -> TestResult<PathBuf> {
    let token = dir.join("admin-token");
    std::fs::write(&token, format!("{TOKEN}\n"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&token, std::fs::Permissions::from_mode(0o600))?;
    }
    let extra = format!(
        "[proxy]\nlisten = ['127.0.0.1:{proxy}']\nuser_header = 'x-sluss-user'\n\n\
         [admin]\nlisten = '127.0.0.1:{admin}'\ntoken_file = '{}'\n\n\
         [[service]]\nname = 'Kommunens AI-tjänst'\nhosts = ['ai.kommun.test']\n",
        token.display()
    );
    common::config(dir, &extra)
}

/// Starts `sluss run` and waits until the admin listener answers `/healthz`.
async fn start(dir: &Path, config: &Path, admin: u16) -> TestResult<Sluss> {
    let log = std::fs::File::create(dir.join("sluss.log"))?;
    let child = Command::new(env!("CARGO_BIN_EXE_sluss"))
        .args(["run", "--config"])
        .arg(config)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()?;
    let sluss = Sluss(child);
    let client = common::http_client()?;
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        let health = client
            .get(format!("http://127.0.0.1:{admin}/healthz"))
            .send()
            .await;
        if health.is_ok_and(|r| r.status().is_success()) {
            return Ok(sluss);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let log = std::fs::read_to_string(dir.join("sluss.log")).unwrap_or_default();
    Err(format!("sluss did not start in 60 s:\n{log}").into())
}

/// Sends `request` and returns the status and the JSON error body.
async fn stopped(request: reqwest::RequestBuilder) -> TestResult<(u16, serde_json::Value)> {
    let response = request.send().await?;
    let status = response.status().as_u16();
    let text = response.text().await?;
    assert!(!shows_pnr(&text), "the answer shows the personnummer");
    Ok((status, serde_json::from_str(&text)?))
}

#[tokio::test]
async fn staff_see_stopped_requests_on_the_review_page() -> TestResult {
    let dir = temp("sluss-browser-")?;
    let (proxy, admin) = free_ports()?;
    let config = write_config(dir.path(), proxy, admin)?;
    let _sluss = start(dir.path(), &config, admin).await?;

    let _ = rustls::crypto::ring::default_provider().install_default();
    let through_proxy = reqwest::Client::builder()
        .proxy(reqwest::Proxy::http(format!("http://127.0.0.1:{proxy}"))?)
        .timeout(Duration::from_secs(20))
        .build()?;
    let prompt = serde_json::json!({
        "model": "gpt-4o",
        "messages": [{"role": "user", "content": format!("Sammanfatta ärendet för {PNR}, tack.")}],
    });
    let (status, error) = stopped(
        through_proxy
            .post("http://ai.kommun.test/v1/chat/completions")
            .header("x-sluss-user", "<img src=x onerror=alert(1)>")
            .header("content-type", "application/json")
            .body(prompt.to_string()),
    )
    .await?;
    assert_eq!(status, 403, "{error}");
    assert_eq!(error["error"]["code"], "personnummer");
    let pnr_incident = error["error"]["incident_id"]
        .as_str()
        .ok_or("no incident id")?
        .to_string();
    let (status, error) = stopped(through_proxy.get("http://chatgpt.com/")).await?;
    assert_eq!(status, 403, "{error}");
    assert_eq!(error["error"]["code"], "not_approved");
    let chatgpt_incident = error["error"]["incident_id"]
        .as_str()
        .ok_or("no incident id")?
        .to_string();

    // The admin listener of the real binary, without a browser.
    let client = common::http_client()?;
    let admin_url = format!("http://127.0.0.1:{admin}");
    let get = |path: &str| {
        client
            .get(format!("{admin_url}{path}"))
            .bearer_auth(TOKEN)
            .send()
    };
    assert_eq!(get("/readyz").await?.status().as_u16(), 200);
    let metrics = get("/metrics").await?.text().await?;
    assert!(
        metrics
            .contains("sluss_requests_total{service=\"Kommunens AI-tjänst\",action=\"block\"} 1"),
        "{metrics}"
    );
    let page = get("/review").await?.text().await?;
    assert!(page.contains(&pnr_incident) && page.contains(&chatgpt_incident));
    assert_eq!(
        client
            .get(format!("{admin_url}/review"))
            .send()
            .await?
            .status()
            .as_u16(),
        401
    );

    let Some(browser) = chromium::find() else {
        eprintln!(
            "SKIPPED the browser part of review_browser: no chromium on PATH \
             (apt-get install chromium; .ci/run does it when it can)"
        );
        return Ok(());
    };
    let profile = dir.path().join("chromium-profile");
    let with_login = |path: &str| format!("http://granskare:{TOKEN}@127.0.0.1:{admin}{path}");
    let dom = chromium::run(
        &browser,
        &profile,
        &["--dump-dom".into(), with_login("/review")],
        CHROMIUM_LIMIT,
    )?;
    for expected in [
        "lang=\"sv\"",
        "Granskning: stoppade förfrågningar",
        "Per dag och skäl",
        "Förfrågningar",
        "<svg",
        "Stoppade förfrågningar per dag och skäl",
        "1 × personnummer",
        "Ej godkänd AI-tjänst",
        "Kommunens AI-tjänst",
        pnr_incident.as_str(),
        chatgpt_incident.as_str(),
    ] {
        assert!(
            dom.contains(expected),
            "{expected:?} in the rendered page:\n{dom}"
        );
    }
    assert!(!shows_pnr(&dom), "the rendered page shows the personnummer");
    assert!(
        !dom.contains("<img"),
        "the user header became markup:\n{dom}"
    );

    let detail = chromium::run(
        &browser,
        &profile,
        &[
            "--dump-dom".into(),
            with_login(&format!("/review/{pnr_incident}")),
        ],
        CHROMIUM_LIMIT,
    )?;
    assert!(
        detail.contains(&format!("Ärende {pnr_incident}")),
        "{detail}"
    );
    assert!(detail.contains("19XXXXXX-XXXX") && detail.contains("hmac-sha256:"));
    assert!(!shows_pnr(&detail));

    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("review.png");
    let _ = std::fs::remove_file(&shot);
    chromium::run(
        &browser,
        &profile,
        &[
            "--window-size=1280,1400".into(),
            format!("--screenshot={}", shot.display()),
            with_login("/review"),
        ],
        CHROMIUM_LIMIT,
    )?;
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(size > 10_000, "a screenshot of the page ({size} bytes)");
    eprintln!("screenshot of /review: {}", shot.display());
    Ok(())
}
