//! Proof in a real browser (issue 11 item 5): a small chat app served over HTTPS at a
//! registered host, reached by headless Chromium through sluss (TLS intercepted with sluss's
//! CA, generated in the test), and what a person sees inside the app when sluss stops a prompt.
//!
//! The app is three hosts of one registered service: the page (`chat.kommun.test`), its API
//! (`api.chat.kommun.test`, so most API calls are cross-origin, as in many chat UIs) and an
//! upload host (`files.chat.kommun.test`). Each case is its own page whose script runs the
//! scenario on load and renders what the app shows (the streamed answer, its error bubble, the
//! WebSocket's close reason); Chromium dumps the DOM, which the test asserts on, and takes a
//! screenshot, saved under `target/browser-chat/`.
//!
//! Chromium trusts sluss's leaves through `--ignore-certificate-errors-spki-list` with the hash
//! of the one key sluss uses for every leaf (`src/tls/leaf.rs`), read from a leaf sluss
//! presents. Skipped, with a message, when no Chromium is installed (`.ci/run` installs it).

mod chromium;
mod common;

use std::collections::HashSet;
use std::convert::Infallible;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use bytes::Bytes;
use common::{PNR, Res, Setup, Sluss, TempDir, Upstream, leaks_pnr};
use futures_util::{SinkExt, StreamExt};
use http::{HeaderMap, HeaderValue, Method, Request, Response, StatusCode, header};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use sha2::Digest;
use sluss::tls::LeafCache;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::Role;

/// The chat page's host.
const CHAT: &str = "chat.kommun.test";
/// Its API (another origin than the page).
const API: &str = "api.chat.kommun.test";
/// Where its page uploads files.
const FILES: &str = "files.chat.kommun.test";
/// Another registered backend, whose policy masks personnummer.
const MASK: &str = "mask.chat.kommun.test";
/// A known AI service that is not registered.
const NOT_APPROVED: &str = "api.openai.com";
/// Another valid personnummer (for the WebSocket), and the forms that must not be shown.
const OTHER_PNR: &str = "811218-9876";
const OTHER_PNR_FORMS: [&str; 2] = ["1218-9876", "8112189876"];
/// The clean model answer the fake backend streams, in three parts.
const ANSWER: [&str; 3] = [
    "Här är en sammanfattning: ",
    "nämnden beslutade att bygga en ny förskola ",
    "i Norrby under 2027.",
];
/// A confidentiality marking, for the non-streaming fetch.
const MARKING: &str = "SEKRETESS enligt 26 kap. 1 § OSL";

type Body = UnsyncBoxBody<Bytes, Infallible>;

fn full(body: impl Into<Bytes>) -> Body {
    Full::new(body.into()).boxed_unsync()
}

/// The fake chat app: its page, API, WebSocket and upload endpoint, over HTTPS with
/// certificates from the harness upstream's CA (which sluss trusts).
struct App {
    addr: SocketAddr,
}

/// Scenarios that have finished (their pages asked `/release/<token>`), and a wake-up for
/// `/hold/<token>`. A page holds its load event with an image from `/hold/<token>` until its
/// scenario has finished, so that Chromium dumps and photographs it then. (Chromium's virtual
/// time cannot wait for this: it does not wait for a WebSocket, and while a fetch is pending
/// it holds back the WebSocket's events too.)
#[derive(Default)]
struct Holds {
    released: Mutex<HashSet<String>>,
    changed: Notify,
}

impl Holds {
    fn release(&self, token: &str) {
        if let Ok(mut released) = self.released.lock() {
            released.insert(token.to_string());
        }
        self.changed.notify_waiters();
    }

    /// Waits until `token` is released, for at most 8 s (within sluss's response timeout;
    /// then the page is dumped as it is, and the test's assertions say what is missing).
    async fn hold(&self, token: &str) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(8);
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if self.released.lock().is_ok_and(|r| r.contains(token)) {
                return;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return;
            }
        }
    }
}

impl App {
    async fn start(upstream: &Upstream) -> Res<App> {
        let leaves = Arc::new(LeafCache::new(
            upstream.ca.clone(),
            Duration::from_secs(3600),
            10,
        )?);
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let holds = Arc::new(Holds::default());
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                tokio::spawn(serve(tcp, leaves.clone(), holds.clone()));
            }
        });
        Ok(App { addr })
    }
}

async fn serve(tcp: tokio::net::TcpStream, leaves: Arc<LeafCache>, holds: Arc<Holds>) {
    let Some((tls, host)) = common::accept_tls(tcp, &leaves).await else {
        return;
    };
    let service = service_fn(move |request| {
        let (host, holds) = (host.clone(), holds.clone());
        async move { Ok::<_, Infallible>(route(&host, &holds, request).await) }
    });
    let _ = auto::Builder::new(TokioExecutor::new())
        .serve_connection_with_upgrades(TokioIo::new(tls), service)
        .await;
}

async fn route(host: &str, holds: &Holds, mut request: Request<Incoming>) -> Response<Body> {
    let path = request.uri().path().to_string();
    if request.method() == Method::OPTIONS {
        return with_cors(request.headers(), preflight(request.headers()));
    }
    if path == "/ws" {
        return websocket(&mut request);
    }
    let headers = request.headers().clone();
    let method = request.method().clone();
    let body = request
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    if let Some(token) = path.strip_prefix("/hold/") {
        holds.hold(token).await;
        return html("");
    }
    if let Some(token) = path.strip_prefix("/release/") {
        holds.release(token);
        return html("");
    }
    let response = match (host, method, path.as_str()) {
        (CHAT, Method::GET, "/files/beslut.docx") => file(&docx(), DOCX),
        (CHAT, Method::GET, p) => html(&page(p.trim_start_matches("/chat/"), &token())),
        (CHAT, Method::POST, "/send") => html(
            "<!doctype html><html lang=\"sv\"><body><h1>Kommunens chatt</h1>\
             <p id=\"svar\">Meddelandet är skickat.</p></body></html>",
        ),
        (API | CHAT, Method::POST, "/v1/chat/completions") => completion(&body),
        (MASK, Method::POST, "/v1/chat/completions") => echo(&body),
        (FILES, Method::PUT, _) => json("{\"ok\":true}"),
        (FILES, Method::POST, "/upload") => {
            json(&format!("{{\"ok\":true,\"bytes\":{}}}", body.len()))
        }
        _ => {
            let mut response = Response::new(full("not found"));
            *response.status_mut() = StatusCode::NOT_FOUND;
            response
        }
    };
    with_cors(&headers, response)
}

/// The CORS headers a chat backend sends its own page.
fn with_cors(request: &HeaderMap, mut response: Response<Body>) -> Response<Body> {
    if let Some(origin) = request.get(header::ORIGIN) {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HeaderValue::from_static("true"),
        );
    }
    response
}

fn preflight(request: &HeaderMap) -> Response<Body> {
    let mut response = Response::new(full(""));
    *response.status_mut() = StatusCode::NO_CONTENT;
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, PUT"),
    );
    if let Some(asked) = request.get(header::ACCESS_CONTROL_REQUEST_HEADERS) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, asked.clone());
    }
    response
}

fn typed(body: Body, content_type: &'static str) -> Response<Body> {
    let mut response = Response::new(body);
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

fn html(text: &str) -> Response<Body> {
    typed(full(text.to_string()), "text/html; charset=utf-8")
}

fn json(text: &str) -> Response<Body> {
    typed(full(text.to_string()), "application/json")
}

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

fn file(bytes: &[u8], content_type: &'static str) -> Response<Body> {
    typed(full(bytes.to_vec()), content_type)
}

/// A chat completion: streamed in three chunks (OpenAI's format) when asked, else one JSON.
fn completion(body: &[u8]) -> Response<Body> {
    let stream = serde_json::from_slice::<serde_json::Value>(body)
        .is_ok_and(|v| v["stream"] == serde_json::Value::Bool(true));
    if !stream {
        let answer = serde_json::json!({"choices": [{"index": 0, "message": {"role": "assistant", "content": ANSWER.concat()}}]});
        return json(&answer.to_string());
    }
    let mut events: Vec<String> = ANSWER
        .iter()
        .map(|part| {
            let chunk = serde_json::json!({"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": part}}]});
            format!("data: {chunk}\n\n")
        })
        .collect();
    events.push("data: [DONE]\n\n".to_string());
    let frames = futures_util::stream::iter(
        events
            .into_iter()
            .map(|e| Ok::<_, Infallible>(Frame::data(Bytes::from(e)))),
    );
    typed(StreamBody::new(frames).boxed_unsync(), "text/event-stream")
}

/// The masking backend's answer: what it received (the prompt as sluss let it through).
fn echo(body: &[u8]) -> Response<Body> {
    let asked: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let prompt = asked["messages"][0]["content"].as_str().unwrap_or("");
    let answer = serde_json::json!({"choices": [{"index": 0, "message": {"role": "assistant", "content": format!("Jag fick: {prompt}")}}]});
    let mut response = json(&answer.to_string());
    response.headers_mut().insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("x-request-id"),
    );
    response
}

/// The chat's WebSocket: answers each message with `{"text": "Svar: …"}`.
fn websocket(request: &mut Request<Incoming>) -> Response<Body> {
    let Some(key) = request.headers().get("sec-websocket-key").cloned() else {
        let mut response = Response::new(full(""));
        *response.status_mut() = StatusCode::BAD_REQUEST;
        return response;
    };
    let upgrade = hyper::upgrade::on(request);
    tokio::spawn(async move {
        let Ok(upgraded) = upgrade.await else { return };
        let mut socket =
            WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None).await;
        while let Some(Ok(message)) = socket.next().await {
            let Message::Text(text) = message else {
                continue;
            };
            let asked: serde_json::Value = serde_json::from_str(text.as_str()).unwrap_or_default();
            let reply = serde_json::json!({"text": format!("Svar: jag hjälper gärna till med {}", asked["text"].as_str().unwrap_or("det"))});
            if socket.send(Message::text(reply.to_string())).await.is_err() {
                break;
            }
        }
    });
    let accept = tokio_tungstenite::tungstenite::handshake::derive_accept_key(key.as_bytes());
    let mut response = Response::new(full(""));
    *response.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let headers = response.headers_mut();
    headers.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
    headers.insert(header::CONNECTION, HeaderValue::from_static("Upgrade"));
    if let Ok(accept) = HeaderValue::from_str(&accept) {
        headers.insert("sec-websocket-accept", accept);
    }
    response
}

/// A Word document whose confidentiality stamp is in the page header, as stamps usually are.
fn docx() -> Vec<u8> {
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let part = |root: &str, text: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:{root} xmlns:w=\"{W}\"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:{root}>"
        )
    };
    let entries = [
        ("word/document.xml", part("document", "Beslut om bistånd")),
        ("word/header1.xml", part("hdr", MARKING)),
    ];
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    let options = zip::write::SimpleFileOptions::default();
    for (name, content) in entries {
        if zip.start_file(name, options).is_err() || zip.write_all(content.as_bytes()).is_err() {
            return Vec::new();
        }
    }
    let _ = zip.finish();
    buffer.into_inner()
}

/// The app's page for one case: a chat log and a script that runs the case on load. What
/// sluss answers is shown where the app shows answers and errors; the element with id `svar`
/// is the app's last answer, and `data-done` on the body says the scenario has finished.
fn page(case: &str, token: &str) -> String {
    let script = match case {
        "stream-clean" => {
            "chat('Sammanfatta protokollet från barn- och utbildningsnämnden.', true);".to_string()
        }
        "stream-blocked" => format!("chat('Sammanfatta ärendet för {PNR}, tack.', true);"),
        // Same-origin, as chatgpt.com calls chatgpt.com/backend-api.
        "fetch-blocked" => {
            format!("chat('{MARKING}\\nUtredningen om familjen: sammanfatta den.', false, '');")
        }
        "form-blocked" => return form_page(),
        "ws-blocked" => {
            format!("socket('Beslut för {OTHER_PNR}, skriv ett svar till familjen.');")
        }
        "not-approved" => {
            format!("chat('Översätt kallelsen till engelska.', true, 'https://{NOT_APPROVED}');")
        }
        "masked" => {
            format!("chat('Skriv ett brev till {PNR} om bygglovet.', false, 'https://{MASK}');")
        }
        "upload-blocked" => "upload();".to_string(),
        "upload-put" => "put();".to_string(),
        "ws-handshake" => format!("opened('wss://{CHAT}/ws?kund={OTHER_PNR}');"),
        _ => "finish();".to_string(),
    };
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Kommunens chatt</title>\
         <style>{CSS}</style></head><body><header>Kommunens chatt <small>{case}</small></header>\
         <img src=\"/hold/{token}\" alt=\"\" width=\"1\" height=\"1\" style=\"position:absolute\">\
         <main id=\"log\"></main><script>const token = '{token}';\n{APP}\n{script}</script></body></html>"
    )
}

/// A fresh token for a page's hold.
fn token() -> String {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("page-{n}")
}

fn form_page() -> String {
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Kommunens chatt</title>\
         <style>{CSS}</style></head><body><header>Kommunens chatt <small>formulär</small></header>\
         <form id=\"f\" method=\"post\" action=\"/send\"><textarea name=\"meddelande\">\
         Beslut för {PNR} om bistånd.</textarea><button>Skicka</button></form>\
         <script>document.getElementById('f').submit();</script></body></html>"
    )
}

const CSS: &str = "body{font-family:sans-serif;background:#f4f5f7;margin:0}\
header{background:#1d4e89;color:#fff;padding:12px 20px;font-size:20px}\
header small{opacity:.7;font-size:13px;margin-left:8px}\
#log{max-width:820px;margin:16px auto}\
.msg{padding:10px 14px;border-radius:10px;margin:8px 0;white-space:pre-wrap;line-height:1.4}\
.user{background:#dbeafe;margin-left:120px}\
.assistant{background:#fff;margin-right:120px;border:1px solid #ccd}\
.error{background:#fde8e8;border:1px solid #e3a3a3;color:#7a1f1f;margin-right:120px}\
.meta{font-size:12px;color:#555;padding:0 14px}";

/// The app's script: how a chat UI sends a prompt and shows what comes back.
const APP: &str = r#"
const API = 'https://api.chat.kommun.test';
const FILES = 'https://files.chat.kommun.test';
function bubble(kind, text) {
  const d = document.createElement('div');
  d.className = 'msg ' + kind;
  d.textContent = text;
  document.getElementById('log').appendChild(d);
  return d;
}

function finish() {
  document.body.dataset.done = 'yes';
  fetch('/release/' + token);
}
async function failed(r, answer) {
  let text = 'Något gick fel (' + r.status + ').';
  try {
    const e = await r.json();
    if (e.error && e.error.message) text = e.error.message;
  } catch (_) {}
  answer.className = 'msg error';
  answer.textContent = text;
}
function incident(r) {
  const id = r.headers.get('x-sluss-incident');
  if (id) bubble('meta', 'Ärende (x-sluss-incident): ' + id);
  const masked = r.headers.get('x-sluss-redacted');
  if (masked) bubble('meta', 'sluss maskerade ' + masked + ' uppgift(er) (x-sluss-redacted)');
}
async function read(r, answer) {
  answer.textContent = '';
  const reader = r.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      for (const line of event.split('\n')) {
        if (!line.startsWith('data: ')) continue;
        const data = line.slice(6);
        if (data === '[DONE]') { answer.dataset.finished = 'yes'; continue; }
        const delta = JSON.parse(data).choices[0].delta;
        if (delta && delta.content) answer.textContent += delta.content;
      }
    }
  }
}
async function chat(prompt, stream, api) {
  bubble('user', prompt);
  const answer = bubble('assistant', '…');
  answer.id = 'svar';
  try {
    const r = await fetch((api === undefined ? API : api) + '/v1/chat/completions', {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', stream, messages: [{ role: 'user', content: prompt }] }),
    });
    if (!r.ok) await failed(r, answer);
    else if (stream) await read(r, answer);
    else answer.textContent = (await r.json()).choices[0].message.content;
    incident(r);
  } catch (e) {
    answer.className = 'msg error';
    answer.textContent = 'Kunde inte nå tjänsten: ' + e;
  }
  finish();
}
function socket(prompt) {
  const ws = new WebSocket('wss://chat.kommun.test/ws');
  let sent = false;
  ws.onopen = () => {
    const hello = 'Hej! Vad kan du hjälpa till med?';
    bubble('user', hello);
    ws.send(JSON.stringify({ type: 'chat', text: hello }));
  };
  ws.onmessage = (e) => {
    bubble('assistant', JSON.parse(e.data).text);
    if (!sent) {
      sent = true;
      bubble('user', prompt);
      ws.send(JSON.stringify({ type: 'chat', text: prompt }));
    }
  };
  ws.onclose = (e) => {
    const d = bubble('error', 'Anslutningen stängdes (kod ' + e.code + '): ' + (e.reason || 'inget skäl angavs'));
    d.id = 'svar';
    finish();
  };
}
function opened(url) {
  bubble('user', 'Öppnar ärendet i chatten …');
  const ws = new WebSocket(url);
  ws.onopen = () => bubble('meta', 'Ansluten.');
  ws.onclose = (e) => {
    const d = bubble('error', 'Anslutningen stängdes (kod ' + e.code + '): ' + (e.reason || 'inget skäl angavs'));
    d.id = 'svar';
    finish();
  };
}
// A presigned upload: the raw file PUT to blob storage, as ChatGPT's web UI sends it.
async function put() {
  bubble('user', 'Bifogad fil: beslut.docx. Sammanfatta dokumentet.');
  const answer = bubble('assistant', 'Laddar upp …');
  answer.id = 'svar';
  try {
    const bytes = await (await fetch('/files/beslut.docx')).blob();
    const r = await fetch(FILES + '/blob/7f3a9c?sig=abc', {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': bytes.type },
      body: bytes,
    });
    if (!r.ok) await failed(r, answer);
    else answer.textContent = 'Filen är uppladdad.';
    incident(r);
  } catch (e) {
    answer.className = 'msg error';
    answer.textContent = 'Kunde inte ladda upp: ' + e;
  }
  finish();
}
async function upload() {
  bubble('user', 'Bifogad fil: beslut.docx. Sammanfatta dokumentet.');
  const answer = bubble('assistant', 'Laddar upp …');
  answer.id = 'svar';
  try {
    const bytes = await (await fetch('/files/beslut.docx')).blob();
    const form = new FormData();
    form.append('purpose', 'assistants');
    form.append('file', new File([bytes], 'beslut.docx', { type: bytes.type }));
    const r = await fetch(FILES + '/upload', { method: 'POST', credentials: 'include', body: form });
    if (!r.ok) await failed(r, answer);
    else answer.textContent = 'Filen är uppladdad.';
    incident(r);
  } catch (e) {
    answer.className = 'msg error';
    answer.textContent = 'Kunde inte ladda upp: ' + e;
  }
  finish();
}
"#;

/// Headless Chromium using sluss as its proxy and trusting sluss's leaf key.
struct Browser {
    program: PathBuf,
    profile: PathBuf,
    proxy: SocketAddr,
    spki: String,
    shots: PathBuf,
}

impl Browser {
    /// Loads `url` and returns the DOM once the page has loaded (a chat page holds its load
    /// event until its scenario has finished, see [`Holds`]); saves a screenshot as
    /// `<name>.png` and the DOM as `<name>.html`.
    fn visit(&self, name: &str, url: &str) -> Res<String> {
        let shot = self.shots.join(format!("{name}.png"));
        let _ = std::fs::remove_file(&shot);
        let mut args: Vec<String> = [
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
            "--window-size=1000,1100",
            "--dump-dom",
        ]
        .map(String::from)
        .to_vec();
        args.push(format!("--proxy-server=http://{}", self.proxy));
        args.push(format!(
            "--ignore-certificate-errors-spki-list={}",
            self.spki
        ));
        args.push(format!("--screenshot={}", shot.display()));
        args.push(url.to_string());
        let dom = chromium::run(&self.program, &self.profile, &args, Duration::from_secs(45))
            .map_err(|e| format!("{name}: {e}"))?;
        std::fs::write(self.shots.join(format!("{name}.html")), &dom)?;
        let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
        assert!(size > 5_000, "a screenshot of {name} ({size} bytes)");
        eprintln!("screenshot of {name}: {}", shot.display());
        Ok(dom)
    }
}

/// The base64 SHA-256 of the public key of the leaf sluss presents for `host` (one key for
/// every leaf), as `--ignore-certificate-errors-spki-list` takes it.
async fn leaf_spki(sluss: &Sluss, host: &str) -> Res<String> {
    let tunnel = common::connect_tunnel(sluss.addr, host).await?;
    let tls = common::tls_over(tunnel, sluss.ca(), host).await?;
    let (_, connection) = tls.get_ref();
    let leaf = connection
        .peer_certificates()
        .and_then(|c| c.first())
        .ok_or("no leaf certificate")?;
    let (_, cert) = x509_parser::parse_x509_certificate(leaf.as_ref())?;
    let digest = sha2::Sha256::digest(cert.tbs_certificate.subject_pki.raw);
    Ok(base64::engine::general_purpose::STANDARD.encode(digest))
}

/// The text of the element with id `svar` (the app's last answer or error).
fn answer(dom: &str) -> &str {
    dom.split_once("id=\"svar\"")
        .and_then(|(_, rest)| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split_once("</div>"))
        .map_or("", |(text, _)| text)
}

/// The audit record of the newest stop, and its incident id.
fn last_stop(sluss: &Sluss, before: usize) -> Res<(serde_json::Value, String)> {
    let records = sluss.audit_records();
    assert_eq!(
        records.len(),
        before + 1,
        "one new audit record:\n{}",
        sluss.audit_text()
    );
    let record = records.last().cloned().ok_or("no audit record")?;
    let id = record["event"]["id"]
        .as_str()
        .ok_or("no incident id")?
        .to_string();
    Ok((record, id))
}

fn screenshots() -> Res<PathBuf> {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .ok_or("no target folder")?;
    let dir = target.join("browser-chat");
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// One run: the upstreams, sluss, and the browser that goes through it.
struct Run {
    browser: Browser,
    sluss: Sluss,
    /// Stops recorded so far (each case that stops adds one audit record).
    stops: std::cell::Cell<usize>,
    _upstream: Upstream,
    _profile: TempDir,
}

impl Run {
    /// The app, sluss with the app's two services, and Chromium; `None` without Chromium.
    async fn start() -> Res<Option<Run>> {
        let Some(program) = chromium::find() else {
            return Ok(None);
        };
        let upstream = Upstream::start().await?;
        let app = App::start(&upstream).await?;
        let setup = Setup {
            // Chromium's own background requests must not leave this machine, and links in
            // sluss's answers name an address that the browser reaches through sluss.
            proxy: "other_traffic = \"deny\"\npublic_address = \"sluss.kommun.test:3128\""
                .to_string(),
            resolve: [CHAT, API, FILES, MASK]
                .iter()
                .map(|h| (format!("{h}:443"), app.addr))
                .collect(),
            extra: format!(
                "[[service]]\nname = \"Kommunens chatt\"\nhosts = [\"{CHAT}\", \"{API}\"]\n\
                 upload_hosts = [\"{FILES}\"]\napi = \"openai\"\n\n\
                 [[service]]\nname = \"Maskerande chatt\"\nhosts = [\"{MASK}\"]\n\
                 policy = {{ personnummer = \"redact\" }}\n"
            ),
            ..Setup::default()
        };
        let sluss = Sluss::start(&upstream, setup).await?;
        let profile = TempDir::new("chromium")?;
        let browser = Browser {
            program,
            profile: profile.path("profile"),
            proxy: sluss.addr,
            spki: leaf_spki(&sluss, CHAT).await?,
            shots: screenshots()?,
        };
        Ok(Some(Run {
            browser,
            sluss,
            stops: std::cell::Cell::new(0),
            _upstream: upstream,
            _profile: profile,
        }))
    }

    /// Visits the page of `case`, which ends in one stop: the DOM, the stop's audit record and
    /// its incident id.
    fn stopped(&self, name: &str, case: &str) -> Res<(String, serde_json::Value, String)> {
        let dom = self.browser.visit(name, &chat(case))?;
        let (record, id) = last_stop(&self.sluss, self.stops.get())?;
        self.stops.set(self.stops.get() + 1);
        Ok((dom, record, id))
    }

    /// The next page load on the chat's host: the notice of stop `id`, in Swedish, no values.
    fn notice(&self, name: &str, id: &str) -> Res {
        let dom = self.browser.visit(name, &format!("https://{CHAT}/"))?;
        assert!(dom.contains(id), "the notice names {id}:\n{dom}");
        assert!(dom.contains("lang=\"sv\""), "{dom}");
        assert!(!shows_a_number(&dom), "{dom}");
        Ok(())
    }
}

fn chat(case: &str) -> String {
    format!("https://{CHAT}/chat/{case}")
}

/// Whether `text` shows either personnummer of the test.
fn shows_a_number(text: &str) -> bool {
    leaks_pnr(text) || OTHER_PNR_FORMS.iter().any(|f| text.contains(f))
}

/// A chat completion streamed: the clean answer, then a stop shown as the answer, then the
/// notice on the next page load (once). Returns the stop's incident id.
fn streams(run: &Run) -> Res<String> {
    let dom = run.browser.visit("1-stream-clean", &chat("stream-clean"))?;
    assert_eq!(answer(&dom), ANSWER.concat(), "{dom}");
    assert!(
        run.sluss.audit_records().is_empty(),
        "{}",
        run.sluss.audit_text()
    );

    let (dom, record, id) = run.stopped("2-stream-blocked", "stream-blocked")?;
    assert_eq!(record["sluss"]["answer"], "event_stream", "{record}");
    let shown = answer(&dom);
    assert!(
        shown.starts_with("Stoppad av sluss: ") && shown.contains("personnummer"),
        "{dom}"
    );
    assert!(shown.contains(&format!("Ärende-id: {id}")), "{dom}");
    assert!(
        dom.contains(&format!("Ärende (x-sluss-incident): {id}")),
        "{dom}"
    );
    assert!(!shows_a_number(shown), "{shown}");
    assert!(dom.contains("class=\"msg assistant\" id=\"svar\""), "{dom}");

    run.notice("3-next-page-load", &id)?;
    let dom = run.browser.visit("3b-page-load-again", &chat("none"))?;
    assert!(
        dom.contains("Kommunens chatt") && !dom.contains(&id),
        "{dom}"
    );
    Ok(id)
}

/// A marking in a same-origin fetch (the app's error bubble), then a form post with the
/// streamed case's number (the block page; the same incident, counted). Returns the
/// marking's incident id.
fn fetch_and_form(run: &Run, streamed: &str) -> Res<String> {
    let (dom, record, marked) = run.stopped("4-fetch-blocked", "fetch-blocked")?;
    assert_eq!(record["sluss"]["answer"], "json", "{record}");
    assert_eq!(record["url"]["domain"], CHAT, "{record}");
    let shown = answer(&dom);
    assert!(
        shown.starts_with("Stoppad av sluss: ") && shown.contains("sekretess"),
        "{dom}"
    );
    assert!(shown.contains(&format!("Ärende-id: {marked}")), "{dom}");
    assert!(
        shown.contains("http://sluss.kommun.test:3128/mina-stopp"),
        "{dom}"
    );
    assert!(dom.contains("class=\"msg error\" id=\"svar\""), "{dom}");
    run.notice("4b-next-page-load", &marked)?;

    let (dom, record, id) = run.stopped("5-form-blocked", "form-blocked")?;
    assert_eq!(record["sluss"]["answer"], "page", "{record}");
    assert_eq!(id, streamed, "a repeat is the same incident");
    assert!(dom.contains("lang=\"sv\"") && dom.contains(&id), "{dom}");
    assert!(
        dom.contains("Förfrågan stoppades") && dom.contains("personnummer"),
        "{dom}"
    );
    assert!(dom.contains("stoppad 2 gånger"), "{dom}");
    assert!(!dom.contains("Meddelandet är skickat"), "{dom}");
    assert!(!shows_a_number(&dom), "{dom}");
    Ok(marked)
}

/// A WebSocket whose second message is stopped, then one with the number in its address:
/// the close code and reason in the app. Returns the incident id.
fn websockets(run: &Run) -> Res<String> {
    let (dom, record, socket) = run.stopped("6-websocket-blocked", "ws-blocked")?;
    assert_eq!(record["sluss"]["answer"], "websocket_close", "{record}");
    assert!(
        dom.contains("Svar: jag hjälper gärna till med Hej!"),
        "{dom}"
    );
    assert_eq!(
        answer(&dom),
        format!(
            "Anslutningen stängdes (kod 1008): Stoppat av sluss: personnummer. Ärende-id: {socket}"
        ),
        "{dom}"
    );
    run.notice("6b-next-page-load", &socket)?;

    let (dom, record, opened) = run.stopped("6c-websocket-handshake", "ws-handshake")?;
    assert_eq!(record["sluss"]["answer"], "websocket_close", "{record}");
    assert_eq!(opened, socket, "the same number again: the same incident");
    let shown = answer(&dom);
    assert!(
        shown.starts_with("Anslutningen stängdes (kod 1008): Stoppat av sluss: personnummer")
            && shown.contains(&opened),
        "{dom}"
    );
    run.notice("6d-next-page-load", &opened)?;
    Ok(socket)
}

/// A Word document with the stamp in its page header, uploaded as multipart and as a raw
/// presigned PUT to the upload host: the same marking as the fetch's, so the same incident.
fn uploads(run: &Run, marked: &str) -> Res {
    let (dom, record, id) = run.stopped("7-upload-blocked", "upload-blocked")?;
    assert_eq!(record["sluss"]["answer"], "json", "{record}");
    assert_eq!(record["url"]["domain"], FILES, "{record}");
    assert_eq!(id, marked, "the same marking again is the same incident");
    let shown = answer(&dom);
    assert!(
        shown.starts_with("Stoppad av sluss: ")
            && shown.contains("sekretessmarkering")
            && shown.contains(&format!("Ärende-id: {id} (stoppad 2 gånger")),
        "{dom}"
    );
    run.notice("7b-next-page-load", &id)?;

    let (dom, record, id) = run.stopped("7c-upload-put-blocked", "upload-put")?;
    assert_eq!(record["http"]["request"]["method"], "PUT", "{record}");
    assert_eq!(id, marked, "{record}");
    let shown = answer(&dom);
    assert!(
        shown.starts_with("Stoppad av sluss: ") && shown.contains(&format!("Ärende-id: {id}")),
        "{dom}"
    );
    run.notice("7d-next-page-load", &id)
}

/// A fetch to a known AI service that is not registered (sluss answers the preflight and the
/// request, readably), and a service that masks (the answer, built on the masked prompt, and
/// the count the page may read). Returns the refusal's incident id.
fn elsewhere(run: &Run) -> Res<String> {
    let (dom, record, refused) = run.stopped("8-not-approved", "not-approved")?;
    assert_eq!(record["url"]["domain"], NOT_APPROVED, "{record}");
    let shown = answer(&dom);
    assert!(
        shown.contains("inte godkänd") && shown.contains(&refused),
        "{dom}"
    );
    assert!(
        shown.contains("http://sluss.kommun.test:3128/register"),
        "{dom}"
    );

    let (dom, record, _) = run.stopped("9-masked", "masked")?;
    assert_eq!(record["event"]["action"], "redact", "{record}");
    assert_eq!(
        answer(&dom),
        "Jag fick: Skriv ett brev till [PERSONNUMMER] om bygglovet.",
        "{dom}"
    );
    assert!(
        dom.contains("sluss maskerade 1 uppgift(er) (x-sluss-redacted)"),
        "{dom}"
    );
    Ok(refused)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_sees_why_inside_the_chat_app() -> Res {
    let Some(run) = Run::start().await? else {
        eprintln!(
            "SKIPPED browser_chat: no chromium on PATH \
             (apt-get install chromium; .ci/run does it when it can)"
        );
        return Ok(());
    };
    let started = Instant::now();
    let streamed = streams(&run)?;
    let marked = fetch_and_form(&run, &streamed)?;
    let socket = websockets(&run)?;
    uploads(&run, &marked)?;
    let refused = elsewhere(&run)?;

    // "Mina stopp", through the link in every answer: the person's stops, never the values.
    let dom = run
        .browser
        .visit("10-mina-stopp", "http://sluss.kommun.test:3128/mina-stopp")?;
    for id in [&streamed, &marked, &socket, &refused] {
        assert!(dom.contains(id.as_str()), "{id} on Mina stopp:\n{dom}");
    }
    assert!(!shows_a_number(&dom), "{dom}");

    eprintln!(
        "browser_chat: screenshots in {} ({:.1} s)",
        run.browser.shots.display(),
        started.elapsed().as_secs_f64()
    );
    run.sluss.stop().await?;
    Ok(())
}
