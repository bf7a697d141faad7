//! Test harness for the proxy: a real HTTPS upstream with its own test CA (HTTP/2 and
//! HTTP/1.1, recording what it receives), sluss on an ephemeral port with `upstream.resolve`
//! and `extra_roots` pointing at it, and reqwest clients that go through sluss and trust its CA.
#![allow(dead_code)]

use std::convert::Infallible;
use std::error::Error;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, Request, Response, StatusCode, Version};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use rustls::{ClientConfig, RootCertStore};
use sluss::proxy::{self, Shared};
use sluss::tls::{Ca, LeafCache};
use tokio::net::TcpListener;
use tokio::sync::{Notify, oneshot};
use tokio_rustls::LazyConfigAcceptor;

/// Result type for tests.
pub type Res<T = ()> = Result<T, Box<dyn Error + Send + Sync>>;

/// A directory under the system temp dir, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// A fresh, empty directory.
    pub fn new(name: &str) -> Res<TempDir> {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("sluss-test-{}-{n}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        Ok(TempDir(dir))
    }

    /// A path inside the directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One request as the upstream server received it.
#[derive(Clone, Debug)]
pub struct Received {
    /// Method.
    pub method: String,
    /// Host (SNI of the TLS connection).
    pub host: String,
    /// Path and query.
    pub path: String,
    /// Headers.
    pub headers: HeaderMap,
    /// The body, complete.
    pub body: Bytes,
    /// HTTP version between sluss and the upstream.
    pub version: Version,
}

type Body = UnsyncBoxBody<Bytes, Infallible>;

/// A local HTTPS server standing in for the AI services. Any host name resolves to it (through
/// sluss's `upstream.resolve`); it presents a certificate for the SNI name, signed by its own
/// test CA, which sluss trusts through `extra_roots`.
pub struct Upstream {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Its CA (clients that tunnel through sluss trust this one).
    pub ca: Arc<Ca>,
    /// The CA certificate as a PEM file.
    pub ca_path: PathBuf,
    received: Arc<Mutex<Vec<Received>>>,
    /// Lets `/sse` send its second event and finish.
    pub release: Arc<Notify>,
    accepted: Arc<AtomicUsize>,
    _dir: TempDir,
}

impl Upstream {
    /// Starts the server.
    pub async fn start() -> Res<Upstream> {
        let dir = TempDir::new("upstream")?;
        let ca = Arc::new(Ca::generate()?);
        let ca_path = dir.path("upstream-ca.pem");
        std::fs::write(&ca_path, ca.cert_pem())?;
        let leaves = Arc::new(LeafCache::new(ca.clone(), Duration::from_secs(3600), 100)?);
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let received = Arc::new(Mutex::new(Vec::new()));
        let release = Arc::new(Notify::new());
        let accepted = Arc::new(AtomicUsize::new(0));
        let state = ServerState {
            received: received.clone(),
            release: release.clone(),
            accepted: accepted.clone(),
        };
        tokio::spawn(accept_upstream(listener, leaves, state));
        Ok(Upstream {
            addr,
            ca,
            ca_path,
            received,
            release,
            accepted,
            _dir: dir,
        })
    }

    /// TCP connections accepted so far (whether or not a request followed).
    pub fn accepted(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }

    /// Every request received so far.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// An address where nothing listens (for a dead upstream).
    pub fn dead_address() -> Res<SocketAddr> {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        Ok(listener.local_addr()?)
    }
}

#[derive(Clone)]
struct ServerState {
    received: Arc<Mutex<Vec<Received>>>,
    release: Arc<Notify>,
    accepted: Arc<AtomicUsize>,
}

async fn accept_upstream(listener: TcpListener, leaves: Arc<LeafCache>, state: ServerState) {
    while let Ok((tcp, _)) = listener.accept().await {
        state.accepted.fetch_add(1, Ordering::SeqCst);
        let (leaves, state) = (leaves.clone(), state.clone());
        let _ = tcp.set_nodelay(true);
        tokio::spawn(async move {
            let Some((tls, host)) = accept_tls(tcp, &leaves).await else {
                return;
            };
            let service = service_fn(move |request| {
                let (state, host) = (state.clone(), host.clone());
                async move { Ok::<_, Infallible>(answer(state, host, request).await) }
            });
            let builder = auto::Builder::new(TokioExecutor::new());
            let _ = builder
                .serve_connection_with_upgrades(TokioIo::new(tls), service)
                .await;
        });
    }
}

/// Accepts TLS on `tcp` with a leaf for the name the client asks for (`localhost` without
/// SNI): the stream and that name, or `None` when the handshake fails.
pub async fn accept_tls(
    tcp: tokio::net::TcpStream,
    leaves: &LeafCache,
) -> Option<(
    tokio_rustls::server::TlsStream<tokio::net::TcpStream>,
    String,
)> {
    let acceptor = LazyConfigAcceptor::new(rustls::server::Acceptor::default(), tcp);
    let start = acceptor.await.ok()?;
    let host = start
        .client_hello()
        .server_name()
        .unwrap_or("localhost")
        .to_string();
    let config = leaves.server_config(&host).await.ok()?;
    let tls = start.into_stream(config).await.ok()?;
    Some((tls, host))
}

fn full(body: impl Into<Bytes>) -> Body {
    Full::new(body.into()).boxed_unsync()
}

async fn answer(
    state: ServerState,
    host: String,
    mut request: Request<Incoming>,
) -> Response<Body> {
    let websocket = request.uri().path() == "/ws";
    let upgrade = websocket.then(|| hyper::upgrade::on(&mut request));
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let path = parts
        .uri
        .path_and_query()
        .map_or("/".to_string(), |p| p.to_string());
    if let Ok(mut received) = state.received.lock() {
        received.push(Received {
            method: parts.method.to_string(),
            host,
            path: path.clone(),
            headers: parts.headers.clone(),
            body: body.clone(),
            version: parts.version,
        });
    }
    match parts.uri.path() {
        "/sse" => sse(state.release.clone()),
        "/sse-pause" => paced(&[(0, "data: först\n\n"), (1500, "data: sist\n\n")]),
        "/slow-stream" => paced(&[
            (0, "a"),
            (300, "b"),
            (300, "c"),
            (300, "d"),
            (300, "e"),
            (300, "f"),
        ]),
        "/stall" => stall(state.release.clone()),
        "/ws" => match upgrade {
            Some(upgrade) => websocket_echo(upgrade),
            None => status(StatusCode::BAD_REQUEST),
        },
        "/cors" => cors(&parts.headers),
        "/alt-svc" => {
            let mut response = Response::new(full("alt"));
            response.headers_mut().insert(
                "alt-svc",
                http::HeaderValue::from_static("h3=\":443\"; ma=86400"),
            );
            response
        }
        "/large-response" => Response::new(full(vec![b'x'; 4 << 20])),
        _ => {
            let mut response = Response::new(full(format!(
                "{{\"ok\":true,\"received_bytes\":{}}}",
                body.len()
            )));
            response.headers_mut().insert(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_static("application/json"),
            );
            response
        }
    }
}

/// An answer a page from the request's `Origin` may read, as an API with CORS sends it.
fn cors(request: &HeaderMap) -> Response<Body> {
    let mut response = Response::new(full("{\"ok\":true}"));
    let headers = response.headers_mut();
    if let Some(origin) = request.get(http::header::ORIGIN) {
        headers.insert(http::header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
        headers.insert(
            http::header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
            http::HeaderValue::from_static("true"),
        );
        headers.insert(
            http::header::ACCESS_CONTROL_EXPOSE_HEADERS,
            http::HeaderValue::from_static("x-request-id"),
        );
    }
    response
}

fn status(code: StatusCode) -> Response<Body> {
    let mut response = Response::new(full(""));
    *response.status_mut() = code;
    response
}

/// An event stream: the first event at once, the second only after `release`.
fn sse(release: Arc<Notify>) -> Response<Body> {
    let stream = futures_util::stream::unfold(0u8, move |step| {
        let release = release.clone();
        async move {
            match step {
                0 => Some((Ok(Frame::data(Bytes::from("data: först\n\n"))), 1)),
                1 => {
                    release.notified().await;
                    Some((Ok(Frame::data(Bytes::from("data: sist\n\n"))), 2))
                }
                _ => None,
            }
        }
    });
    let mut response = Response::new(StreamBody::new(stream).boxed_unsync());
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("text/event-stream"),
    );
    response
}

/// A stream whose parts come after the given pauses (milliseconds), as a slow model would
/// send them.
fn paced(steps: &[(u64, &'static str)]) -> Response<Body> {
    let steps: Vec<(u64, &'static str)> = steps.to_vec();
    let stream = futures_util::stream::unfold(steps.into_iter(), |mut steps| async move {
        let (pause, text) = steps.next()?;
        tokio::time::sleep(Duration::from_millis(pause)).await;
        Some((Ok(Frame::data(Bytes::from_static(text.as_bytes()))), steps))
    });
    let mut response = Response::new(StreamBody::new(stream).boxed_unsync());
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("text/event-stream"),
    );
    response
}

/// One part, then nothing until `release` (an upstream that hangs in the middle of a body).
fn stall(release: Arc<Notify>) -> Response<Body> {
    let stream = futures_util::stream::unfold(0u8, move |step| {
        let release = release.clone();
        async move {
            match step {
                0 => Some((Ok(Frame::data(Bytes::from("början"))), 1)),
                1 => {
                    release.notified().await;
                    Some((Ok(Frame::data(Bytes::from("slut"))), 2))
                }
                _ => None,
            }
        }
    });
    Response::new(StreamBody::new(stream).boxed_unsync())
}

/// 101, then echoes every byte back.
fn websocket_echo(upgrade: hyper::upgrade::OnUpgrade) -> Response<Body> {
    tokio::spawn(async move {
        if let Ok(upgraded) = upgrade.await {
            let (mut reader, mut writer) = tokio::io::split(TokioIo::new(upgraded));
            let _ = tokio::io::copy(&mut reader, &mut writer).await;
        }
    });
    let mut response = status(StatusCode::SWITCHING_PROTOCOLS);
    let headers = response.headers_mut();
    headers.insert(
        http::header::UPGRADE,
        http::HeaderValue::from_static("websocket"),
    );
    headers.insert(
        http::header::CONNECTION,
        http::HeaderValue::from_static("Upgrade"),
    );
    response
}

/// What to put into sluss's config besides the harness's own settings.
#[derive(Clone, Debug, Default)]
pub struct Setup {
    /// Extra lines in `[proxy]`.
    pub proxy: String,
    /// Extra lines in `[audit]`.
    pub audit: String,
    /// Extra lines in `[upstream]`.
    pub upstream: String,
    /// Extra `host:port = address` lines in `[upstream.resolve]`.
    pub resolve: Vec<(String, SocketAddr)>,
    /// Extra sections (`[policy]`, more `[[service]]` tables) at the end.
    pub extra: String,
    /// Leave the upstream's CA out of `extra_roots` (its certificates then fail verification).
    pub distrust_upstream: bool,
}

/// Hosts the harness resolves to the upstream and registers.
pub const APPROVED: &str = "ai.kommun.test";
/// A registered service that redacts personnummer.
pub const REDACTING: &str = "redact.kommun.test";
/// A registered service that allows only `/v1/` paths.
pub const PATHS: &str = "paths.kommun.test";
/// A known AI host that is not registered.
pub const NOT_APPROVED: &str = "api.anthropic.com";
/// Other traffic (neither registered nor known).
pub const OTHER: &str = "tunnel.test";

/// sluss running in this process on an ephemeral port.
pub struct Sluss {
    /// The proxy's address.
    pub addr: SocketAddr,
    /// State every connection shares (metrics, CA, runtime).
    pub shared: Arc<Shared>,
    /// The config file written for it.
    pub config_path: PathBuf,
    /// Its state directory.
    pub dir: TempDir,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Sluss {
    /// Starts sluss with the harness config plus `setup`.
    pub async fn start(upstream: &Upstream, setup: Setup) -> Res<Sluss> {
        let dir = TempDir::new("sluss")?;
        let text = config_text(&dir.0, upstream, &setup);
        let config_path = dir.path("sluss.toml");
        std::fs::write(&config_path, &text)?;
        let config = sluss::config::load(&config_path)?;
        let (shared, _created) = Shared::start(config)?;
        let shared = Arc::new(shared);
        let listeners = proxy::bind(&shared).await?;
        let addr = listeners.first().ok_or("no listener")?.local_addr()?;
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(proxy::serve(shared.clone(), listeners, async {
            let _ = rx.await;
        }));
        Ok(Sluss {
            addr,
            shared,
            config_path,
            dir,
            shutdown: Some(tx),
            task: Some(task),
        })
    }

    /// Signals shutdown and waits until sluss has drained.
    pub async fn stop(mut self) -> Res {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            tokio::time::timeout(Duration::from_secs(40), task).await??;
        }
        Ok(())
    }

    /// The CA certificate sluss generated.
    pub fn ca(&self) -> &Ca {
        &self.shared.ca
    }

    /// A client through sluss that trusts sluss's CA, speaking HTTP/1.1 only.
    pub fn client(&self) -> Res<reqwest::Client> {
        self.client_with(&[b"http/1.1"])
    }

    /// A client through sluss that trusts sluss's CA and offers HTTP/2.
    pub fn client_h2(&self) -> Res<reqwest::Client> {
        self.client_with(&[b"h2", b"http/1.1"])
    }

    fn client_with(&self, alpn: &[&[u8]]) -> Res<reqwest::Client> {
        self.client_timeout(alpn, Duration::from_secs(20))
    }

    /// A client through sluss with these ALPN protocols and this total timeout per request.
    pub fn client_timeout(&self, alpn: &[&[u8]], timeout: Duration) -> Res<reqwest::Client> {
        let tls = client_tls(self.ca(), alpn)?;
        Ok(reqwest::Client::builder()
            .proxy(reqwest::Proxy::all(format!("http://{}", self.addr))?)
            .use_preconfigured_tls(tls)
            .timeout(timeout)
            .build()?)
    }

    /// The audit log as text (all of it).
    pub fn audit_text(&self) -> String {
        std::fs::read_to_string(self.dir.path("audit.jsonl")).unwrap_or_default()
    }

    /// The audit records, parsed.
    pub fn audit_records(&self) -> Vec<serde_json::Value> {
        self.audit_text()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }
}

impl Drop for Sluss {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// A rustls client config trusting only `ca`, with these ALPN protocols.
pub fn client_tls(ca: &Ca, alpn: &[&[u8]]) -> Res<ClientConfig> {
    client_tls_trusting(&[ca], alpn)
}

/// A rustls client config trusting each of `cas`, with these ALPN protocols.
pub fn client_tls_trusting(cas: &[&Ca], alpn: &[&[u8]]) -> Res<ClientConfig> {
    let mut roots = RootCertStore::empty();
    for ca in cas {
        roots.add(ca.cert_der().to_vec().into())?;
    }
    let mut config =
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()?
            .with_root_certificates(roots)
            .with_no_client_auth();
    config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    Ok(config)
}

fn config_text(dir: &Path, upstream: &Upstream, setup: &Setup) -> String {
    let d = dir.display();
    let mut resolve = String::new();
    for host in [APPROVED, REDACTING, PATHS, NOT_APPROVED, OTHER] {
        resolve.push_str(&format!("\"{host}:443\" = \"{}\"\n", upstream.addr));
    }
    for (key, addr) in &setup.resolve {
        resolve.push_str(&format!("\"{key}\" = \"{addr}\"\n"));
    }
    let allowed = if setup.proxy.contains("allowed_clients") {
        ""
    } else {
        "allowed_clients = [\"127.0.0.0/8\"]"
    };
    format!(
        r#"[proxy]
listen = ["127.0.0.1:0"]
{allowed}
{proxy}

[ca]
cert = "{d}/ca.pem"
key = "{d}/ca-key.pem"

[audit]
path = "{d}/audit.jsonl"
key_file = "{d}/audit-key"
{audit}

[upstream]
extra_roots = [{roots}]
connect_timeout_secs = 2
response_timeout_secs = 10
{upstream}

[upstream.resolve]
{resolve}

[[service]]
name = "Kommunens AI"
hosts = ["{APPROVED}"]
owner = "IT-avdelningen"
purpose = "Skrivstöd"
approved = "2026-03-01"
dpia = "KS 2026/115"

[[service]]
name = "Maskerande AI"
hosts = ["{REDACTING}"]
policy = {{ personnummer = "redact" }}

[[service]]
name = "Begränsad AI"
hosts = ["{PATHS}"]
paths = ["/v1/"]

{extra}
"#,
        proxy = setup.proxy,
        audit = setup.audit,
        upstream = setup.upstream,
        roots = if setup.distrust_upstream {
            String::new()
        } else {
            format!("{:?}", upstream.ca_path.display().to_string())
        },
        extra = setup.extra,
    )
}

/// A chat-completions body with one user message.
pub fn chat(content: &str) -> String {
    serde_json::json!({
        "model": "gpt-4o",
        "messages": [{"role": "user", "content": content}],
    })
    .to_string()
}

/// A valid personnummer (Skatteverket test number) and its digits.
pub const PNR: &str = "19121212-1212";
/// Forms of it that must never appear in a log or an answer.
pub const PNR_FORMS: [&str; 3] = ["1212-1212", "1212121212", "121212-1212"];

/// True when `text` holds the personnummer in any plain form.
pub fn leaks_pnr(text: &str) -> bool {
    PNR_FORMS.iter().any(|f| text.contains(f))
}

/// Opens a CONNECT tunnel through sluss to `host:443` and returns the socket after the 200.
pub async fn connect_tunnel(proxy: SocketAddr, host: &str) -> Res<tokio::net::TcpStream> {
    connect_authority(proxy, &format!("{host}:443")).await
}

/// Opens a CONNECT tunnel to `authority` (`host:port`, `[v6]:port`) and returns the socket
/// after the 200; the error names the answer otherwise.
pub async fn connect_authority(proxy: SocketAddr, authority: &str) -> Res<tokio::net::TcpStream> {
    let (stream, head) = connect_answer(proxy, authority).await?;
    if !head.starts_with("HTTP/1.1 200") {
        return Err(format!("CONNECT refused: {head}").into());
    }
    Ok(stream)
}

/// Sends `CONNECT authority` and returns the socket and the answer's head.
pub async fn connect_answer(
    proxy: SocketAddr,
    authority: &str,
) -> Res<(tokio::net::TcpStream, String)> {
    use tokio::io::AsyncWriteExt;
    let mut stream = tokio::net::TcpStream::connect(proxy).await?;
    stream
        .write_all(format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n\r\n").as_bytes())
        .await?;
    let head = read_head(&mut stream).await?;
    Ok((stream, head))
}

/// TLS over `stream` to `host` (a name, or an IP address: then no SNI is sent), trusting
/// `ca`, offering HTTP/1.1 only.
pub async fn tls_over(
    stream: tokio::net::TcpStream,
    ca: &Ca,
    host: &str,
) -> Res<tokio_rustls::client::TlsStream<tokio::net::TcpStream>> {
    tls_over_trusting(stream, &[ca], host).await
}

/// TLS over `stream` to `host`, trusting each of `cas`, offering HTTP/1.1 only.
pub async fn tls_over_trusting(
    stream: tokio::net::TcpStream,
    cas: &[&Ca],
    host: &str,
) -> Res<tokio_rustls::client::TlsStream<tokio::net::TcpStream>> {
    let config = client_tls_trusting(cas, &[b"http/1.1"])?;
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let name = rustls::pki_types::ServerName::try_from(host.to_string())?;
    Ok(connector.connect(name, stream).await?)
}

/// An HTTP/1.1 client over an established stream (a TLS stream through a tunnel).
pub async fn http1_over<S>(stream: S) -> Res<hyper::client::conn::http1::SendRequest<Full<Bytes>>>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    Ok(sender)
}

/// Sends a POST of `body` to `host` + `path` on `sender`; returns the status and the body text.
pub async fn post_over(
    sender: &mut hyper::client::conn::http1::SendRequest<Full<Bytes>>,
    host: &str,
    path: &str,
    body: &str,
) -> Res<(StatusCode, String)> {
    let request = Request::post(path)
        .header(http::header::HOST, host)
        .header(http::header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(body.to_string())))?;
    // The connection takes the next request only once it has read the last response.
    sender.ready().await?;
    let response = sender.send_request(request).await?;
    let status = response.status();
    let text = response.into_body().collect().await?.to_bytes();
    Ok((status, String::from_utf8_lossy(&text).into_owned()))
}

/// A TLS ClientHello (not a usable one: no key share) with `sni` and, if `ech`, an
/// Encrypted Client Hello extension, in one record.
pub fn client_hello(sni: Option<&str>, ech: bool) -> Vec<u8> {
    let mut extensions = Vec::new();
    if let Some(name) = sni {
        let mut entry = vec![0u8];
        entry.extend((name.len() as u16).to_be_bytes());
        entry.extend(name.as_bytes());
        extensions.extend(0u16.to_be_bytes());
        extensions.extend(((entry.len() + 2) as u16).to_be_bytes());
        extensions.extend((entry.len() as u16).to_be_bytes());
        extensions.extend(entry);
    }
    if ech {
        extensions.extend(0xfe0du16.to_be_bytes());
        extensions.extend(32u16.to_be_bytes());
        extensions.extend([0u8; 32]);
    }
    let mut body = vec![3, 3];
    body.extend([7u8; 32]);
    body.push(0);
    body.extend([0, 2, 0x13, 0x01, 1, 0]);
    body.extend((extensions.len() as u16).to_be_bytes());
    body.extend(extensions);
    let mut message = vec![1u8];
    message.extend(&(body.len() as u32).to_be_bytes()[1..]);
    message.extend(body);
    let mut record = vec![0x16, 3, 1];
    record.extend((message.len() as u16).to_be_bytes());
    record.extend(message);
    record
}

/// Reads a response head (up to the blank line), byte by byte so nothing after it is consumed.
pub async fn read_head<S: tokio::io::AsyncRead + Unpin>(stream: &mut S) -> Res<String> {
    read_head_waiting(stream, Duration::from_secs(10)).await
}

/// Reads a response head like [`read_head`], waiting up to `wait` for each byte (for an answer
/// that comes only after sluss has read a long body).
pub async fn read_head_waiting<S: tokio::io::AsyncRead + Unpin>(
    stream: &mut S,
    wait: Duration,
) -> Res<String> {
    use tokio::io::AsyncReadExt;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        let n = tokio::time::timeout(wait, stream.read(&mut byte)).await??;
        if n == 0 {
            break;
        }
        head.push(byte[0]);
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

/// Reads until the peer closes (or 10 s pass).
pub async fn read_to_close<S: tokio::io::AsyncRead + Unpin>(stream: &mut S) -> Res<String> {
    use tokio::io::AsyncReadExt;
    let mut all = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut all)).await;
    Ok(String::from_utf8_lossy(&all).into_owned())
}

/// Waits until `condition` holds, checking every 10 ms, for at most `limit`. For state that
/// has no event to wait on (a gauge, a counter); fails the test when the time is up.
pub async fn wait_until(limit: Duration, what: &str, mut condition: impl FnMut() -> bool) -> Res {
    let deadline = tokio::time::Instant::now() + limit;
    while !condition() {
        if tokio::time::Instant::now() > deadline {
            return Err(format!("timed out after {limit:?} waiting for {what}").into());
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    Ok(())
}

/// Reads until the peer closes; the error when it does not close within `limit`.
pub async fn closed_within<S: tokio::io::AsyncRead + Unpin>(
    stream: &mut S,
    limit: Duration,
) -> Res<Vec<u8>> {
    use tokio::io::AsyncReadExt;
    let mut all = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return Err(format!("still open after {limit:?}").into()),
            Ok(Ok(0)) | Ok(Err(_)) => return Ok(all),
            Ok(Ok(n)) => all.extend_from_slice(&buf[..n]),
        }
    }
}

/// A client that goes straight to its URL (no proxy).
pub fn direct_client() -> Res<reqwest::Client> {
    let tls = client_tls(&Ca::generate()?, &[b"http/1.1"])?;
    Ok(reqwest::Client::builder()
        .no_proxy()
        .use_preconfigured_tls(tls)
        .build()?)
}
