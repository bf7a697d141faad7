//! The whole path as security staff meet it: the real `sluss run` with an admin listener,
//! a prompt with a personnummer and a request to an unapproved AI service stopped through the
//! proxy (plain-HTTP absolute form, no upstream needed: a block happens before forwarding),
//! then `/review` rendered by headless Chromium.
//!
//! The browser part is skipped, with a message, when no Chromium is installed (`.ci/run`
//! installs Debian's `chromium` when it can); everything before it always runs.
//!
//! The layout test drives Chromium over the DevTools protocol at 390, 768, 1100, 1440 and
//! 1920 px and measures the page: no sideways scrolling, the chart's legend clear of its bars,
//! incident ids and times not broken inside; screenshots go to `target/tmp/review-layout/`.

#[allow(dead_code)] // each browser test uses part of the client
#[path = "chromium/cdp.rs"]
mod cdp;
mod chromium;
#[path = "audit_fixtures/mod.rs"]
mod common;
#[path = "chromium/sluss_process.rs"]
mod sluss_process;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{PNR, TestResult, shows_pnr, temp};

/// How long one Chromium run may take.
const CHROMIUM_LIMIT: Duration = Duration::from_secs(90);

const TOKEN: &str = "c0ffee0123456789c0ffee0123456789";

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
    let (proxy, admin) = sluss_process::free_ports()?;
    let config = write_config(dir.path(), proxy, admin)?;
    let _sluss = sluss_process::start(dir.path(), &config, admin).await?;

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
        "Granskning: stoppade och maskerade förfrågningar",
        "Förfrågningar",
        "<svg",
        "Blockerade och maskerade förfrågningar per dag och skäl",
        "<ul class=\"legend\"",
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

/// Records for the layout test: every rule over six weeks, long names where clients and the
/// register put them.
fn layout_records() -> Vec<sluss::audit::Incident> {
    use sluss::policy::Action;
    let reasons = [
        "personnummer",
        "samordningsnummer",
        "confidentiality_marker",
        "internal_material",
        "sensitive_with_identifier",
        "sensitive_without_identifier",
        "low_confidence_identity_number",
        "uninspectable",
        "not_approved",
    ];
    let mut records = Vec::new();
    for n in 0..240u64 {
        let day = 1 + (n % 42) as u32;
        let (month, day) = if day > 30 { (11, day - 30) } else { (10, day) };
        let at = common::at((2026, month, day), 8 + n % 9, n % 60);
        let mut i = common::incident(&format!("S-L{n:05}"), at);
        i.reason = reasons[(n as usize * 7) % reasons.len()].into();
        i.action = if n % 5 == 0 {
            Action::Redact
        } else {
            Action::Block
        };
        i.user = Some(format!(
            "anna-karin.lindqvist-{n}@socialforvaltningen.kommun.se"
        ));
        i.client = "2001:db8:1234:5678:9abc:def0:1234:5678"
            .parse()
            .unwrap_or(std::net::IpAddr::from([10, 0, 0, 1]));
        i.service = Some("Kommunens Azure OpenAI för socialtjänstens handläggare".into());
        i.host = "kommunens-socialtjanst-handlaggning.openai.azure.com".into();
        if i.reason == "personnummer" {
            i.findings = vec![common::pnr(common::PNR)];
        }
        records.push(i);
    }
    records.sort_by_key(|i| i.time);
    records
}

/// Measures the page in Chromium: sideways scrolling, the legend against the bars and
/// itself, and whether incident ids and times stay on one line.
const MEASURE: &str = r#"(() => {
  const box = e => e.getBoundingClientRect();
  const meets = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const bars = [...document.querySelectorAll('svg[role=img] rect')].map(box);
  const legend = [...document.querySelectorAll('ul.legend li')].map(box);
  let legendOnBars = 0, legendOnLegend = 0;
  for (const l of legend) for (const b of bars) if (meets(l, b)) legendOnBars++;
  for (let i = 0; i < legend.length; i++) for (let j = i + 1; j < legend.length; j++) if (meets(legend[i], legend[j])) legendOnLegend++;
  const broken = sel => [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length !== 1).map(e => e.textContent);
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    bars: bars.length,
    legend: legend.length,
    legendOnBars, legendOnLegend,
    ids: document.querySelectorAll('td.id-cell a').length,
    brokenIds: broken('td.id-cell a'),
    brokenTimes: broken('time span, .nw'),
  };
})()"#;

#[tokio::test]
async fn the_review_page_fits_every_width_in_chromium() -> TestResult {
    let dir = temp("sluss-layout-")?;
    common::write_log(
        &dir.path().join("audit.jsonl"),
        layout_records(),
        100 << 20,
        10,
    )?;
    let (proxy, admin) = sluss_process::free_ports()?;
    let config = write_config(dir.path(), proxy, admin)?;
    let _sluss = sluss_process::start(dir.path(), &config, admin).await?;
    let Some(browser) = chromium::find() else {
        eprintln!(
            "SKIPPED the_review_page_fits_every_width_in_chromium: no chromium on PATH \
             (apt-get install chromium; .ci/run does it when it can)"
        );
        return Ok(());
    };
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("review-layout");
    std::fs::create_dir_all(&shots)?;
    let mut page = cdp::Cdp::launch(&browser, &dir.path().join("chromium-profile"), None)
        .await
        .map_err(|e| e.to_string())?;
    page.header("Authorization", &format!("Bearer {TOKEN}"))
        .await
        .map_err(|e| e.to_string())?;
    let base = format!("http://127.0.0.1:{admin}");
    for width in [390u32, 768, 1100, 1440, 1920] {
        page.viewport(width, 1000)
            .await
            .map_err(|e| e.to_string())?;
        for (name, path) in [("list", "/review"), ("incident", "/review/S-L00000")] {
            page.navigate(&format!("{base}{path}"))
                .await
                .map_err(|e| e.to_string())?;
            let m = page.eval(MEASURE).await.map_err(|e| e.to_string())?;
            let shot = shots.join(format!("{name}-{width}.png"));
            page.screenshot(&shot).await.map_err(|e| e.to_string())?;
            eprintln!("{name} at {width} px: {m} ({})", shot.display());
            let n = |key: &str| m[key].as_i64().unwrap_or(-1);
            assert!(
                n("scrollWidth") <= n("innerWidth"),
                "{name} at {width} px scrolls sideways: {m}"
            );
            assert_eq!(
                m["brokenTimes"],
                serde_json::json!([]),
                "{name} at {width} px: {m}"
            );
            if name == "list" {
                assert!(n("bars") > 40 && n("legend") == 9, "{width} px: {m}");
                assert_eq!(
                    n("legendOnBars"),
                    0,
                    "legend over the bars at {width} px: {m}"
                );
                assert_eq!(
                    n("legendOnLegend"),
                    0,
                    "legend entries overlap at {width} px: {m}"
                );
                assert_eq!(n("ids"), 100, "{m}");
                assert_eq!(
                    m["brokenIds"],
                    serde_json::json!([]),
                    "ids broken at {width} px: {m}"
                );
            }
        }
    }
    // The measure finds the faults it guards against: without the page's rules that keep
    // the table in its own scrolling region and ids whole, the same page fails it.
    page.viewport(390, 1000).await.map_err(|e| e.to_string())?;
    page.navigate(&format!("{base}/review"))
        .await
        .map_err(|e| e.to_string())?;
    let undone = page
        .eval(&format!(
            "(() => {{ const s = document.createElement('style'); \
             s.textContent = '.scroll{{overflow-x:visible !important}} \
             .id-cell,.id-cell a,time span{{white-space:normal !important}} \
             td.id-cell{{width:1px}}'; document.head.append(s); return {MEASURE}; }})()"
        ))
        .await
        .map_err(|e| e.to_string())?;
    let n = |key: &str| undone[key].as_i64().unwrap_or(-1);
    assert!(n("scrollWidth") > n("innerWidth"), "{undone}");
    assert_ne!(undone["brokenIds"], serde_json::json!([]), "{undone}");
    Ok(())
}
