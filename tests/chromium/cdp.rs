//! A small Chrome DevTools Protocol client for the layout tests: headless Chromium with a
//! remote-debugging socket, one page, and the few commands the tests need (viewport size,
//! headers, navigate and wait for the load event, evaluate a script in the page, screenshot).
//! Scripts run through the protocol, so the page's own policy (no script at all on the
//! review page) does not stop them.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use base64::Engine as _;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;

type Res<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// How long one command (a navigation with its load) may take.
const COMMAND_LIMIT: Duration = Duration::from_secs(60);

/// A headless Chromium and the page it drives; killed when dropped.
pub struct Cdp {
    child: Child,
    socket: WebSocketStream<TcpStream>,
    session: String,
    next: u64,
    events: Vec<String>,
}

impl Drop for Cdp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Cdp {
    /// Starts `browser` with its profile in `profile` (and, when given, the HTTP proxy on
    /// 127.0.0.1 at `proxy`) and opens a blank page.
    pub async fn launch(browser: &Path, profile: &Path, proxy: Option<u16>) -> Res<Cdp> {
        let mut command = Command::new(browser);
        if let Some(port) = proxy {
            command.arg(format!("--proxy-server=http://127.0.0.1:{port}"));
        }
        let mut child = command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-extensions",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let (found, address) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = found.send(url.trim().to_string());
                }
            }
        });
        let url = match address.recv_timeout(COMMAND_LIMIT) {
            Ok(url) => url,
            Err(_) => {
                let _ = child.kill();
                return Err("chromium did not open its debugging socket".into());
            }
        };
        let host = url
            .strip_prefix("ws://")
            .and_then(|rest| rest.split('/').next())
            .ok_or("a debugging address without a host")?
            .to_string();
        let stream = TcpStream::connect(host).await?;
        let (socket, _) = tokio_tungstenite::client_async(url.as_str(), stream).await?;
        let mut cdp = Cdp {
            child,
            socket,
            session: String::new(),
            next: 0,
            events: Vec::new(),
        };
        let target = cdp
            .call("Target.createTarget", json!({"url": "about:blank"}))
            .await?;
        let id = target["targetId"]
            .as_str()
            .ok_or("no target id")?
            .to_string();
        let attached = cdp
            .call(
                "Target.attachToTarget",
                json!({"targetId": id, "flatten": true}),
            )
            .await?;
        cdp.session = attached["sessionId"]
            .as_str()
            .ok_or("no session id")?
            .to_string();
        cdp.call("Page.enable", json!({})).await?;
        cdp.call("Network.enable", json!({})).await?;
        Ok(cdp)
    }

    /// Sends `method` (to the page, once attached) and returns its result.
    pub async fn call(&mut self, method: &str, params: Value) -> Res<Value> {
        self.next += 1;
        let id = self.next;
        let mut message = json!({"id": id, "method": method, "params": params});
        if !self.session.is_empty() {
            message["sessionId"] = json!(self.session);
        }
        self.socket.send(Message::text(message.to_string())).await?;
        tokio::time::timeout(COMMAND_LIMIT, async {
            loop {
                let reply = self.read().await?;
                if reply["id"] == id {
                    if let Some(error) = reply.get("error") {
                        return Err(format!("{method}: {error}").into());
                    }
                    return Ok(reply["result"].clone());
                }
            }
        })
        .await
        .map_err(|_| format!("{method}: no answer in {COMMAND_LIMIT:?}"))?
    }

    /// The next message; events are remembered by name.
    async fn read(&mut self) -> Res<Value> {
        loop {
            let message = self.socket.next().await.ok_or("chromium closed")??;
            let Message::Text(text) = message else {
                continue;
            };
            let value: Value = serde_json::from_str(text.as_str())?;
            if let Some(event) = value["method"].as_str() {
                self.events.push(event.to_string());
            }
            return Ok(value);
        }
    }

    /// The page's size in CSS pixels (a desktop browser window, no touch emulation).
    pub async fn viewport(&mut self, width: u32, height: u32) -> Res {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        )
        .await
        .map(drop)
    }

    /// Sends `header: value` with every request of the page.
    pub async fn header(&mut self, name: &str, value: &str) -> Res {
        self.call(
            "Network.setExtraHTTPHeaders",
            json!({"headers": {name: value}}),
        )
        .await
        .map(drop)
    }

    /// Loads `url` and waits for its load event.
    pub async fn navigate(&mut self, url: &str) -> Res {
        self.events.clear();
        let result = self.call("Page.navigate", json!({"url": url})).await?;
        if let Some(error) = result.get("errorText") {
            return Err(format!("{url}: {error}").into());
        }
        tokio::time::timeout(COMMAND_LIMIT, async {
            while !self.events.iter().any(|e| e == "Page.loadEventFired") {
                self.read().await?;
            }
            Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
        })
        .await
        .map_err(|_| format!("{url}: not loaded in {COMMAND_LIMIT:?}"))?
    }

    /// The value of `expression` evaluated in the page (JSON).
    pub async fn eval(&mut self, expression: &str) -> Res<Value> {
        let result = self
            .call(
                "Runtime.evaluate",
                json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
            )
            .await?;
        if let Some(exception) = result.get("exceptionDetails") {
            return Err(format!("the script failed: {exception}").into());
        }
        Ok(result["result"]["value"].clone())
    }

    /// Waits until `expression` is a non-empty string in the page (the page loads, or a form
    /// is answered), and returns it.
    pub async fn wait_for(&mut self, expression: &str) -> Res<String> {
        let started = std::time::Instant::now();
        loop {
            if let Ok(Value::String(text)) = self.eval(expression).await
                && !text.is_empty()
            {
                return Ok(text);
            }
            if started.elapsed() > COMMAND_LIMIT {
                let body = self.eval("document.documentElement.outerHTML").await?;
                return Err(format!("waited for {expression}; the page:\n{body}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// A PNG of what the viewport shows written to `path`.
    pub async fn screenshot(&mut self, path: &Path) -> Res {
        let shot = self
            .call("Page.captureScreenshot", json!({"format": "png"}))
            .await?;
        let data = shot["data"].as_str().ok_or("no screenshot data")?;
        std::fs::write(
            path,
            base64::engine::general_purpose::STANDARD.decode(data)?,
        )?;
        Ok(())
    }
}
