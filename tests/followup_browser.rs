//! The whole follow-up loop of issue 14 in headless Chromium, driven over the DevTools
//! protocol against the real `sluss run`: a prompt with a personnummer posted by a form
//! through the proxy is stopped (the Swedish block page) → the person follows the block page's
//! link and sends an objection → security staff, logged in to the admin listener, set the
//! incident's status to "felaktigt stopp" with the form on its page (which carries the CSRF
//! token) → the monthly report page counts the objection as a false stop.
//!
//! Skipped, with a message, when no Chromium is installed (`.ci/run` installs it).

#[allow(dead_code)] // each browser test uses part of the client
#[path = "chromium/cdp.rs"]
mod cdp;
#[allow(dead_code)] // only `find` is used here
mod chromium;
#[path = "audit_fixtures/mod.rs"]
mod common;
#[path = "chromium/sluss_process.rs"]
mod sluss_process;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use base64::Engine;
use common::{PNR, TestResult, shows_pnr, temp};
use serde_json::json;
use sluss::audit::Month;

const TOKEN: &str = "c0ffee0123456789c0ffee0123456789";

fn write_config(dir: &Path, proxy: u16, admin: u16) -> TestResult<PathBuf> {
    let token = dir.join("admin-token");
    std::fs::write(&token, format!("{TOKEN}\n"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&token, std::fs::Permissions::from_mode(0o600))?;
    }
    let extra = format!(
        "[proxy]\nlisten = ['127.0.0.1:{proxy}']\n\n\
         [admin]\nlisten = '127.0.0.1:{admin}'\ntoken_file = '{}'\n\n\
         [[service]]\nname = 'Kommunens AI-tjänst'\nhosts = ['ai.kommun.test']\n",
        token.display()
    );
    common::config(dir, &extra)
}

/// A page with a form that posts `prompt` to the registered service at once (as a chat
/// page without script would).
fn prompt_page(prompt: &str) -> String {
    let html = format!(
        "<!doctype html><form method=post action='http://ai.kommun.test/v1/fraga'>\
<textarea name=prompt>{prompt}</textarea></form><script>document.forms[0].submit()</script>"
    );
    let encoded: String = form_urlencoded::byte_serialize(html.as_bytes()).collect();
    format!(
        "data:text/html;charset=utf-8,{}",
        encoded.replace('+', "%20")
    )
}

#[tokio::test]
async fn a_wrong_stop_objected_to_and_judged_is_counted_as_a_false_stop() -> TestResult {
    let Some(browser) = chromium::find() else {
        eprintln!(
            "SKIPPED followup_browser: no chromium on PATH \
             (apt-get install chromium; .ci/run does it when it can)"
        );
        return Ok(());
    };
    let dir = temp("sluss-followup-")?;
    let (proxy, admin) = sluss_process::free_ports()?;
    let config = write_config(dir.path(), proxy, admin)?;
    let _sluss = sluss_process::start(dir.path(), &config, admin).await?;
    let profile = dir.path().join("chromium-profile");
    let mut page = cdp::Cdp::launch(&browser, &profile, Some(proxy)).await?;

    // 1. The prompt is stopped: the Swedish block page, with the link to object.
    page.navigate(&prompt_page(&format!(
        "Sammanfatta ärendet för {PNR}, tack."
    )))
    .await?;
    let href = page
        .wait_for("(document.querySelector('a[href*=\"invandning\"]')||{}).href||''")
        .await?;
    let block = page.eval("document.documentElement.outerHTML").await?;
    let block = block.as_str().unwrap_or_default();
    assert!(
        block.contains("lang=\"sv\"") && block.contains("personnummer"),
        "{block}"
    );
    assert!(!shows_pnr(block), "the block page shows the personnummer");
    let incident = href
        .split("incident=")
        .nth(1)
        .map(|id| id.chars().take(8).collect::<String>())
        .filter(|id| id.starts_with("S-"))
        .ok_or_else(|| format!("no incident id in {href}"))?;

    // 2. The person objects, on sluss's own page.
    page.navigate(&href).await?;
    page.wait_for("document.querySelector('textarea[name=comment]') ? 'form' : ''")
        .await?;
    page.eval(
        "document.querySelector('textarea[name=comment]').value = \
         'Det var ett ordernummer i ett testärende, inget riktigt personnummer.';\
         document.querySelector('form.objection').submit(); 'sent'",
    )
    .await?;
    page.wait_for("document.body.innerText.includes('invändningen är mottagen') ? 'thanks' : ''")
        .await?;

    // 3. Security staff log in and set the status with the incident page's own form.
    let login = base64::engine::general_purpose::STANDARD.encode(format!("granskare:{TOKEN}"));
    page.call(
        "Network.setExtraHTTPHeaders",
        json!({"headers": {"Authorization": format!("Basic {login}")}}),
    )
    .await?;
    page.navigate(&format!("http://127.0.0.1:{admin}/review/{incident}"))
        .await?;
    let shown = page
        .wait_for("document.querySelector('select[name=status]') ? document.body.innerText : ''")
        .await?;
    assert!(
        shown.contains("ordernummer"),
        "the objection on the incident page:\n{shown}"
    );
    page.eval(
        "document.querySelector('select[name=status]').value = 'false_stop';\
         document.querySelector('textarea[name=comment]').value = 'Testnummer, inte en person.';\
         document.querySelector('select[name=status]').form.submit(); 'sent'",
    )
    .await?;
    let judged = page
        .wait_for(
            "document.body.innerText.includes('Testnummer, inte en person') ? document.body.innerText : ''",
        )
        .await?;
    assert!(
        judged.to_lowercase().contains("felaktigt stopp"),
        "{judged}"
    );

    // 4. The month's report counts the objection as a false stop.
    let month = Month::of(SystemTime::now());
    page.navigate(&format!(
        "http://127.0.0.1:{admin}/review/rapport?month={month}"
    ))
    .await?;
    let number = |key: &str| {
        format!("(document.querySelector('#summary [data-key=\"{key}\"]')||{{}}).textContent||''")
    };
    assert_eq!(page.wait_for(&number("stops")).await?, "1");
    assert_eq!(page.wait_for(&number("objected")).await?, "1");
    assert_eq!(page.wait_for(&number("objections_judged")).await?, "1");
    assert_eq!(page.wait_for(&number("objections_false_stop")).await?, "1");
    assert_eq!(
        page.wait_for(&number("false_stop_rate")).await?,
        "100\u{a0}%"
    );
    let report = page.eval("document.documentElement.outerHTML").await?;
    let report = report.as_str().unwrap_or_default();
    assert!(report.contains("Loggkedjan är verifierad"), "{report}");
    assert!(!report.contains(&incident) && !report.contains("ordernummer") && !shows_pnr(report));
    let shot = page
        .call(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true}),
        )
        .await?;
    if let Some(data) = shot["data"].as_str() {
        let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("followup-report.png");
        std::fs::write(
            &path,
            base64::engine::general_purpose::STANDARD.decode(data)?,
        )?;
        eprintln!("screenshot of the report: {}", path.display());
    }
    Ok(())
}
