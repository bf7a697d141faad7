//! The whole follow-up loop of issue 14 in headless Chromium, driven over the DevTools
//! protocol against the real `sluss run`: a prompt with a personnummer posted by a form
//! through the proxy is stopped (the Swedish block page) → the person follows the block page's
//! link and sends an objection → security staff, logged in to the admin listener, set the
//! incident's status to "felaktigt stopp" with the form on its page (which carries the CSRF
//! token) → the monthly report page counts the objection as a false stop.
//!
//! Skipped, with a message, when no Chromium is installed (`.ci/run` installs it).

#[allow(dead_code)]
mod chromium;
#[path = "audit_fixtures/mod.rs"]
mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use base64::Engine;
use common::{PNR, TestResult, shows_pnr, temp};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use sluss::audit::Month;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;

const TOKEN: &str = "c0ffee0123456789c0ffee0123456789";
/// How long one step in the browser may take.
const STEP: Duration = Duration::from_secs(30);

/// A child process (sluss, Chromium) killed when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_ports() -> TestResult<(u16, u16)> {
    let (a, b) = (
        TcpListener::bind("127.0.0.1:0")?,
        TcpListener::bind("127.0.0.1:0")?,
    );
    Ok((a.local_addr()?.port(), b.local_addr()?.port()))
}

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

async fn start_sluss(dir: &Path, config: &Path, admin: u16) -> TestResult<Killed> {
    let log = std::fs::File::create(dir.join("sluss.log"))?;
    let child = Command::new(env!("CARGO_BIN_EXE_sluss"))
        .args(["run", "--config"])
        .arg(config)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()?;
    let sluss = Killed(child);
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

/// A DevTools protocol session with one page.
struct Page {
    socket: WebSocketStream<tokio::net::TcpStream>,
    next: u64,
}

impl Page {
    /// Starts Chromium (proxy: sluss) and attaches to its first page.
    async fn open(browser: &Path, profile: &Path, proxy: u16) -> TestResult<(Killed, Page)> {
        let child = Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--remote-debugging-port=0",
                "--window-size=1280,1600",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--proxy-server=http://127.0.0.1:{proxy}"))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let chromium = Killed(child);
        let port_file = profile.join("DevToolsActivePort");
        let started = Instant::now();
        let port: u16 = loop {
            let text = std::fs::read_to_string(&port_file).unwrap_or_default();
            if let Some(port) = text.lines().next().and_then(|l| l.trim().parse().ok()) {
                break port;
            }
            if started.elapsed() > STEP {
                return Err("chromium did not open its DevTools port".into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        let targets: Value = serde_json::from_str(
            &common::http_client()?
                .get(format!("http://127.0.0.1:{port}/json/list"))
                .send()
                .await?
                .text()
                .await?,
        )?;
        let url = targets
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["type"] == "page")
            .and_then(|t| t["webSocketDebuggerUrl"].as_str())
            .ok_or("no page target")?
            .to_string();
        let stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
        let (socket, _) = tokio_tungstenite::client_async(url, stream).await?;
        let mut page = Page { socket, next: 1 };
        page.call("Page.enable", json!({})).await?;
        page.call("Network.enable", json!({})).await?;
        Ok((chromium, page))
    }

    /// Calls `method` and returns its result.
    async fn call(&mut self, method: &str, params: Value) -> TestResult<Value> {
        let id = self.next;
        self.next += 1;
        let message = json!({"id": id, "method": method, "params": params});
        self.socket.send(Message::text(message.to_string())).await?;
        let deadline = tokio::time::Instant::now() + STEP;
        loop {
            let next = tokio::time::timeout_at(deadline, self.socket.next())
                .await
                .map_err(|_| format!("{method}: no answer"))?;
            let Some(message) = next else {
                return Err("chromium closed the session".into());
            };
            let Message::Text(text) = message? else {
                continue;
            };
            let reply: Value = serde_json::from_str(text.as_str())?;
            if reply["id"] == id {
                if let Some(error) = reply.get("error") {
                    return Err(format!("{method}: {error}").into());
                }
                return Ok(reply["result"].clone());
            }
        }
    }

    async fn navigate(&mut self, url: &str) -> TestResult {
        self.call("Page.navigate", json!({"url": url})).await?;
        Ok(())
    }

    /// The value of `expression` in the page.
    async fn eval(&mut self, expression: &str) -> TestResult<Value> {
        let result = self
            .call(
                "Runtime.evaluate",
                json!({"expression": expression, "returnByValue": true}),
            )
            .await?;
        Ok(result["result"]["value"].clone())
    }

    /// Waits until `expression` is a non-empty string in the page (the page loads, or a form
    /// is answered), and returns it.
    async fn wait_for(&mut self, expression: &str) -> TestResult<String> {
        let started = Instant::now();
        loop {
            if let Ok(Value::String(text)) = self.eval(expression).await
                && !text.is_empty()
            {
                return Ok(text);
            }
            if started.elapsed() > STEP {
                let body = self.eval("document.documentElement.outerHTML").await?;
                return Err(format!("waited for {expression}; the page:\n{body}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
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
    let (proxy, admin) = free_ports()?;
    let config = write_config(dir.path(), proxy, admin)?;
    let _sluss = start_sluss(dir.path(), &config, admin).await?;
    let profile = dir.path().join("chromium-profile");
    let (_chromium, mut page) = Page::open(&browser, &profile, proxy).await?;

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
