//! sluss beside what a municipality would try instead (`cargo bench --bench compare`): the same
//! load client, in one run, against the same upstream, going
//!
//! - **direct** to the upstream (the baseline),
//! - through **sluss** (the release binary, its own process),
//! - through **mitmproxy** (`mitmdump`, its own process) with an addon that does an equivalent
//!   check of every request body (the personnummer pattern and a few confidentiality keywords,
//!   403 on a hit); skipped, with a message, when it is not installed.
//!
//! The client is one Rust client for all three (hyper and tokio-rustls): TCP, `CONNECT` through
//! the proxy, TLS trusting that path's CA, then HTTP/1.1 or HTTP/2 as ALPN says. h2load cannot
//! go through a forward proxy's `CONNECT`, so it could only have measured the direct row; one
//! client everywhere keeps the client's own cost equal in every row.
//!
//! Each case: `c` connections (1 or 64), each sending clean chat prompts of 1 KiB or 64 KiB one
//! after another for a fixed time; requests per second, latency p50 and p99, and for the
//! proxies their CPU seconds per 1,000 requests (from `/proc/<pid>/stat`).
//!
//! mitmproxy is looked for in `target/bench-venv/bin/mitmdump` (or `SLUSS_MITMDUMP`); install
//! it with `python3 -m venv target/bench-venv && target/bench-venv/bin/pip install
//! mitmproxy==11.0.2`. `SLUSS_BENCH_QUICK=1` runs a short version; `SLUSS_BENCH_SECONDS`
//! sets the time per case and `SLUSS_BENCH_FILTER` keeps the cases whose name ("sluss 1K h1 64")
//! contains it (for profiling one case).

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "support/mod.rs"]
mod support;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::{TokioExecutor, TokioIo};
use rustls::{ClientConfig, RootCertStore};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use common::{APPROVED, PNR, Res, TempDir, chat};
use support::{LeanUpstream, SlussProcess, cpu_time, ms, percentiles, prompt};

const PATH: &str = "/v1/chat/completions";

fn main() -> Res {
    let quick = std::env::var_os("SLUSS_BENCH_QUICK").is_some();
    support::raise_fd_limit(4096);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(quick))
}

/// One way to the upstream.
struct Path {
    name: &'static str,
    /// The proxy's address and the `CONNECT` authority to ask it for; `None` goes direct.
    proxy: Option<(SocketAddr, String)>,
    /// The proxy's process (for CPU time).
    pid: Option<u32>,
    /// Roots the client trusts on this path.
    roots: Arc<RootCertStore>,
    /// The upstream (where the direct path connects).
    upstream: SocketAddr,
}

async fn run(quick: bool) -> Res {
    let upstream = LeanUpstream::start().await?;
    let dir = TempDir::new("compare")?;
    let mut sluss = SlussProcess::start(&dir, upstream.addr, &upstream.ca_path, 10_000)?;
    let mut paths = vec![
        Path {
            name: "direct",
            proxy: None,
            pid: None,
            roots: roots(&[upstream.ca.cert_der().to_vec()]),
            upstream: upstream.addr,
        },
        Path {
            name: "sluss",
            proxy: Some((sluss.addr, format!("{APPROVED}:443"))),
            pid: Some(sluss.pid()),
            roots: roots(&[sluss.ca(&dir)?.cert_der().to_vec()]),
            upstream: upstream.addr,
        },
    ];
    let mitm = match Mitmproxy::start(&dir, &upstream.ca_path)? {
        Some(m) => {
            paths.push(Path {
                name: "mitmproxy",
                // mitmproxy connects to the CONNECT address itself: the upstream, by address.
                proxy: Some((m.addr, upstream.addr.to_string())),
                pid: Some(m.child.id()),
                roots: roots(std::slice::from_ref(&m.ca_der)),
                upstream: upstream.addr,
            });
            Some(m)
        }
        None => None,
    };
    for path in &paths {
        stops_a_personnummer(path).await?;
    }
    let seconds = match std::env::var("SLUSS_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        Some(s) => s,
        None if quick => 1.0,
        None => 4.0,
    };
    println!(
        "\nsame client, same upstream, one run; {seconds} s per case{}",
        if mitm.is_none() {
            " (mitmproxy skipped)"
        } else {
            ""
        }
    );
    every_case(&paths, seconds).await?;
    sluss.stop();
    drop(mitm);
    Ok(())
}

/// Runs every case (size, protocol, clients) on every path that `SLUSS_BENCH_FILTER` keeps,
/// and prints a table.
async fn every_case(paths: &[Path], seconds: f64) -> Res {
    println!(
        "{:<10} {:>6} {:>5} {:>3} {:>9} {:>9} {:>9} {:>11} {:>9}",
        "path", "size", "http", "c", "req/s", "p50 ms", "p99 ms", "CPU s/1000", "vs mitm"
    );
    let filter = std::env::var("SLUSS_BENCH_FILTER").unwrap_or_default();
    for size in [1 << 10, 64 << 10] {
        let body = Bytes::from(prompt(size));
        for (h2, clients) in [(false, 1), (false, 64), (true, 1), (true, 64)] {
            let mut rows = Vec::new();
            for path in paths {
                let protocol = if h2 { "h2" } else { "h1" };
                let case = format!("{} {}K {protocol} {clients}", path.name, size >> 10);
                if case.contains(filter.as_str()) {
                    rows.push(measure(path, &body, h2, clients, seconds).await?);
                }
            }
            print_rows(&rows, size, h2, clients);
        }
    }
    Ok(())
}

/// What one path did in one case.
struct Row {
    name: &'static str,
    rps: f64,
    p50: Duration,
    p99: Duration,
    cpu_per_1000: Option<f64>,
}

fn print_rows(rows: &[Row], size: usize, h2: bool, clients: usize) {
    let mitm = rows.iter().find(|r| r.name == "mitmproxy").map(|r| r.rps);
    for row in rows {
        let ratio = match (row.name, mitm) {
            ("mitmproxy", _) | (_, None) => String::new(),
            (_, Some(m)) => format!("{:.0}×", row.rps / m),
        };
        println!(
            "{:<10} {:>5}K {:>5} {:>3} {:>9.0} {:>9.3} {:>9.3} {:>11} {:>9}",
            row.name,
            size >> 10,
            if h2 { "h2" } else { "h1" },
            clients,
            row.rps,
            ms(row.p50),
            ms(row.p99),
            row.cpu_per_1000
                .map_or("-".to_string(), |c| format!("{c:.3}")),
            ratio
        );
    }
}

fn roots(ders: &[Vec<u8>]) -> Arc<RootCertStore> {
    let mut roots = RootCertStore::empty();
    for der in ders {
        let _ = roots.add(der.clone().into());
    }
    Arc::new(roots)
}

/// A request sender on one connection, HTTP/1.1 or HTTP/2.
enum Sender {
    H1(hyper::client::conn::http1::SendRequest<Full<Bytes>>),
    H2(hyper::client::conn::http2::SendRequest<Full<Bytes>>),
}

impl Sender {
    async fn send(&mut self, body: Bytes) -> Res<(StatusCode, Bytes)> {
        let response = match self {
            Sender::H1(s) => {
                s.ready().await?;
                let request = Request::post(PATH)
                    .header("host", APPROVED)
                    .header("content-type", "application/json")
                    .body(Full::new(body))?;
                s.send_request(request).await?
            }
            Sender::H2(s) => {
                s.ready().await?;
                let request = Request::post(format!("https://{APPROVED}{PATH}"))
                    .header("content-type", "application/json")
                    .body(Full::new(body))?;
                s.send_request(request).await?
            }
        };
        let status = response.status();
        Ok((status, response.into_body().collect().await?.to_bytes()))
    }
}

/// Opens one connection on `path`: TCP, `CONNECT` if through a proxy, TLS, HTTP.
async fn open(path: &Path, h2: bool) -> Res<Sender> {
    let tcp = match &path.proxy {
        None => TcpStream::connect(path.upstream).await?,
        Some((proxy, authority)) => connect(*proxy, authority).await?,
    };
    tcp.set_nodelay(true)?;
    let mut config =
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()?
            .with_root_certificates(path.roots.clone())
            .with_no_client_auth();
    config.alpn_protocols = vec![if h2 {
        b"h2".to_vec()
    } else {
        b"http/1.1".to_vec()
    }];
    let name = rustls::pki_types::ServerName::try_from(APPROVED)?;
    let tls = tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await?;
    let alpn = tls.get_ref().1.alpn_protocol().map(<[u8]>::to_vec);
    let io = TokioIo::new(tls);
    if h2 {
        if alpn.as_deref() != Some(b"h2") {
            return Err(format!("{} did not negotiate HTTP/2", path.name).into());
        }
        let (sender, connection) =
            hyper::client::conn::http2::handshake(TokioExecutor::new(), io).await?;
        tokio::spawn(connection);
        Ok(Sender::H2(sender))
    } else {
        let (sender, connection) = hyper::client::conn::http1::handshake(io).await?;
        tokio::spawn(connection);
        Ok(Sender::H1(sender))
    }
}

/// `CONNECT authority` through `proxy`; the socket after the 200.
async fn connect(proxy: SocketAddr, authority: &str) -> Res<TcpStream> {
    let mut stream = TcpStream::connect(proxy).await?;
    stream
        .write_all(format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n\r\n").as_bytes())
        .await?;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).await? == 0 || head.len() > 8192 {
            return Err("proxy closed during CONNECT".into());
        }
        head.push(byte[0]);
    }
    if !head.starts_with(b"HTTP/1.1 200") && !head.starts_with(b"HTTP/1.0 200") {
        return Err(format!("CONNECT refused: {}", String::from_utf8_lossy(&head)).into());
    }
    Ok(stream)
}

/// A prompt with a personnummer is stopped (403) on the proxies and reaches the upstream
/// directly: the check is really there on each path.
async fn stops_a_personnummer(path: &Path) -> Res {
    let mut sender = open(path, false).await?;
    let (clean, _) = sender.send(Bytes::from(prompt(1 << 10))).await?;
    let mut sender = open(path, false).await?;
    let text = format!("Skriv ett brev till {PNR} om bygglovet.");
    let (dirty, _) = sender.send(Bytes::from(chat(&text))).await?;
    let expected = if path.proxy.is_some() {
        StatusCode::FORBIDDEN
    } else {
        StatusCode::OK
    };
    if clean != StatusCode::OK || dirty != expected {
        return Err(format!("{}: clean prompt {clean}, personnummer {dirty}", path.name).into());
    }
    Ok(())
}

/// `clients` connections on `path` sending `body` for `seconds`.
async fn measure(path: &Path, body: &Bytes, h2: bool, clients: usize, seconds: f64) -> Res<Row> {
    let mut senders = Vec::with_capacity(clients);
    for _ in 0..clients {
        let mut sender = open(path, h2).await?;
        for _ in 0..3 {
            sender.send(body.clone()).await?;
        }
        senders.push(sender);
    }
    let cpu_before = path.pid.map(cpu_time).transpose()?;
    let started = Instant::now();
    let (mut latencies, failures) = load(senders, body, seconds).await?;
    let elapsed = started.elapsed();
    let cpu_after = path.pid.map(cpu_time).transpose()?;
    if failures > 0 {
        eprintln!("{}: {failures} requests failed", path.name);
    }
    let count = latencies.len();
    let (p50, p99) = percentiles(&mut latencies);
    let cpu_per_1000 = match (cpu_before, cpu_after) {
        (Some(b), Some(a)) if count > 0 => Some((a - b).as_secs_f64() * 1000.0 / count as f64),
        _ => None,
    };
    Ok(Row {
        name: path.name,
        rps: count as f64 / elapsed.as_secs_f64(),
        p50,
        p99,
        cpu_per_1000,
    })
}

/// Each sender sends `body` again and again for `seconds`; the latencies of the answers with
/// 200, and the number of other outcomes.
async fn load(senders: Vec<Sender>, body: &Bytes, seconds: f64) -> Res<(Vec<Duration>, u64)> {
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for mut sender in senders {
        let (stop, body) = (stop.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut failures = 0u64;
            while !stop.load(Ordering::Relaxed) {
                let sent = Instant::now();
                match sender.send(body.clone()).await {
                    Ok((StatusCode::OK, _)) => latencies.push(sent.elapsed()),
                    Ok(_) => failures += 1,
                    Err(e) => {
                        // A broken connection fails at once, without yielding: stop this
                        // client rather than spin (the failure is reported).
                        eprintln!("request failed: {e}");
                        failures += 1;
                        break;
                    }
                }
            }
            (latencies, failures)
        }));
    }
    tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut latencies = Vec::new();
    let mut failures = 0;
    for task in tasks {
        let (l, f) = task.await?;
        latencies.extend(l);
        failures += f;
    }
    Ok((latencies, failures))
}

/// The mitmproxy addon: the personnummer pattern (with or without century, with `-`, `+` or
/// nothing before the last four digits) and a few confidentiality keywords, on the decoded
/// request body; 403 on a hit.
const ADDON: &str = r#"
import re
from mitmproxy import http

PNR = re.compile(rb"(?<![0-9])(?:19|20)?[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[-+]?[0-9]{4}(?![0-9])")
KEYWORDS = re.compile(rb"(?i)sekretess|hemlig|konfidentiell|skyddad identitet|OSL\s+\d+ kap")

def request(flow: http.HTTPFlow) -> None:
    body = flow.request.get_content(strict=False) or b""
    if PNR.search(body) or KEYWORDS.search(body):
        flow.response = http.Response.make(
            403, b'{"error":"blocked"}', {"content-type": "application/json"})
"#;

/// `mitmdump` as its own process, with its own CA (generated at its first start in a fresh
/// confdir) and trusting the upstream's CA.
struct Mitmproxy {
    child: Child,
    addr: SocketAddr,
    ca_der: Vec<u8>,
}

impl Mitmproxy {
    fn binary() -> Option<PathBuf> {
        if let Some(path) = std::env::var_os("SLUSS_MITMDUMP") {
            return Some(PathBuf::from(path));
        }
        let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-venv/bin/mitmdump");
        venv.exists().then_some(venv)
    }

    fn start(dir: &TempDir, upstream_ca: &std::path::Path) -> Res<Option<Mitmproxy>> {
        let Some(binary) = Self::binary() else {
            println!(
                "mitmproxy not found (target/bench-venv/bin/mitmdump or SLUSS_MITMDUMP): its rows \
                 are skipped. Install it with `python3 -m venv target/bench-venv && \
                 target/bench-venv/bin/pip install mitmproxy==11.0.2`."
            );
            return Ok(None);
        };
        let confdir = dir.path("mitmproxy");
        std::fs::create_dir_all(&confdir)?;
        let addon = dir.path("sluss_check.py");
        std::fs::write(&addon, ADDON)?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let child = Command::new(&binary)
            .args(["-q", "--listen-host", "127.0.0.1", "--listen-port"])
            .arg(port.to_string())
            .arg("--set")
            .arg(format!("confdir={}", confdir.display()))
            .arg("--set")
            .arg(format!(
                "ssl_verify_upstream_trusted_ca={}",
                upstream_ca.display()
            ))
            .args(["-s"])
            .arg(&addon)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
        let mut mitm = Mitmproxy {
            child,
            addr,
            ca_der: Vec::new(),
        };
        support::wait_for_listener(addr, "mitmdump")?;
        let pem_text = std::fs::read_to_string(confdir.join("mitmproxy-ca-cert.pem"))?;
        mitm.ca_der = pem::parse(pem_text)?.contents().to_vec();
        Ok(Some(mitm))
    }
}

impl Drop for Mitmproxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
