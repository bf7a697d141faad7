//! Load measurements for the proxy (its own harness; `cargo bench --bench proxy`).
//!
//! The release `sluss` binary runs as its own process, in front of an in-process HTTPS upstream
//! (the test harness's). Every figure comes with a baseline measured in the same run: the same
//! client going to the same upstream directly, over TLS and kept-alive connections.
//!
//! - added latency (p50, p99) of a clean chat prompt of 1 KiB, 64 KiB and 1 MiB, direct and
//!   proxied requests interleaved so that noise hits both;
//! - requests per second at 1 KiB with 64 concurrent kept-alive clients;
//! - resident memory of the sluss process idle and with 10,000 open intercepted connections
//!   (the open-file limit is raised with `setrlimit` first; sluss inherits it).
//!
//! `SLUSS_BENCH_QUICK=1` runs a short version (for checking that the harness works);
//! `SLUSS_BENCH_CONNECTIONS` sets the number of idle connections (10,000; 100 when quick);
//! `SLUSS_BENCH_BINARY` runs another sluss binary (a build from before a change);
//! `SLUSS_BENCH_MEMORY_ONLY=1` measures only the resident memory; `SLUSS_BENCH_HEAPTRACK=FILE`
//! runs sluss under heaptrack's preload library, its raw trace written to `FILE` (read it with
//! `heaptrack_interpret < FILE | gzip > FILE.gz; heaptrack_print FILE.gz`).

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "support/mod.rs"]
mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use common::{APPROVED, Res, TempDir, Upstream, client_tls};
use futures_util::StreamExt;
use support::{SlussProcess, ms, percentiles, prompt};

const CONCURRENCY: usize = 64;
const CONNECTIONS: usize = 10_000;

fn main() -> Res {
    let quick = std::env::var_os("SLUSS_BENCH_QUICK").is_some();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(quick))
}

async fn run(quick: bool) -> Res {
    let upstream = Upstream::start().await?;
    let dir = TempDir::new("bench")?;
    let connections = std::env::var("SLUSS_BENCH_CONNECTIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(if quick { 100 } else { CONNECTIONS });
    // The idle connections' sockets in the bench and in sluss (which inherits the limit).
    let fds = support::raise_fd_limit(2 * connections as u64 + 1024);
    let limit = connections + 2 * CONCURRENCY + 100;
    let mut sluss = SlussProcess::start(&dir, upstream.addr, &upstream.ca_path, limit)?;
    let proxied = sluss_client(&sluss, &dir)?;
    let direct = direct_client(&upstream)?;
    println!(
        "sluss proxy benchmark (release binary, pid {}; open-file limit raised to {fds})",
        sluss.pid()
    );
    if std::env::var_os("SLUSS_BENCH_MEMORY_ONLY").is_some() {
        memory(&mut sluss, &dir, connections, &upstream).await?;
        sluss.stop();
        return Ok(());
    }
    let rounds: [(usize, usize); 3] = if quick {
        [(1 << 10, 50), (64 << 10, 20), (1 << 20, 5)]
    } else {
        [(1 << 10, 2000), (64 << 10, 1000), (1 << 20, 200)]
    };
    println!("\nlatency of one clean prompt, kept-alive HTTP/1.1 over TLS (ms)");
    println!(
        "{:>8} {:>9} {:>9} {:>9} {:>9} {:>10} {:>10}",
        "size", "direct50", "direct99", "sluss50", "sluss99", "added p50", "added p99"
    );
    for (size, count) in rounds {
        let body = prompt(size);
        latency(&direct, &proxied, &body, count).await?.print(size);
    }
    let seconds = if quick { 1 } else { 5 };
    let body = prompt(1 << 10);
    let direct_rps = throughput(&direct, &body, seconds).await?;
    let proxied_rps = throughput(&proxied, &body, seconds).await?;
    println!(
        "\nrequests/s at 1 KiB, {CONCURRENCY} concurrent clients, {seconds} s: direct {direct_rps:.0}, \
         through sluss {proxied_rps:.0} ({:.2} of direct)",
        proxied_rps / direct_rps
    );
    memory(&mut sluss, &dir, connections, &upstream).await?;
    sluss.stop();
    Ok(())
}

struct Latencies {
    direct: Vec<Duration>,
    proxied: Vec<Duration>,
}

impl Latencies {
    fn print(&mut self, size: usize) {
        let (d50, d99) = percentiles(&mut self.direct);
        let (p50, p99) = percentiles(&mut self.proxied);
        let label = if size >= 1 << 20 {
            format!("{} MiB", size >> 20)
        } else {
            format!("{} KiB", size >> 10)
        };
        println!(
            "{label:>8} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>10.3} {:>10.3}",
            ms(d50),
            ms(d99),
            ms(p50),
            ms(p99),
            ms(p50) - ms(d50),
            ms(p99) - ms(d99)
        );
    }
}

async fn latency(
    direct: &reqwest::Client,
    proxied: &reqwest::Client,
    body: &str,
    count: usize,
) -> Res<Latencies> {
    let url = format!("https://{APPROVED}/v1/chat/completions");
    for _ in 0..10 {
        send(direct, &url, body).await?;
        send(proxied, &url, body).await?;
    }
    let mut result = Latencies {
        direct: Vec::new(),
        proxied: Vec::new(),
    };
    for _ in 0..count {
        result.direct.push(send(direct, &url, body).await?);
        result.proxied.push(send(proxied, &url, body).await?);
    }
    Ok(result)
}

async fn send(client: &reqwest::Client, url: &str, body: &str) -> Res<Duration> {
    let started = Instant::now();
    let response = client
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await?;
    if response.status() != 200 {
        return Err(format!("status {}", response.status()).into());
    }
    response.bytes().await?;
    Ok(started.elapsed())
}

async fn throughput(client: &reqwest::Client, body: &str, seconds: u64) -> Res<f64> {
    let url = Arc::new(format!("https://{APPROVED}/v1/chat/completions"));
    let done = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for _ in 0..CONCURRENCY {
        let (client, url, done, stop, body) = (
            client.clone(),
            url.clone(),
            done.clone(),
            stop.clone(),
            body.to_string(),
        );
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                if send(&client, &url, &body).await.is_ok() {
                    done.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let count = done.load(Ordering::Relaxed);
    let elapsed = started.elapsed();
    for task in tasks {
        let _ = task.await;
    }
    Ok(count as f64 / elapsed.as_secs_f64())
}

/// Opens `n` intercepted connections (CONNECT, TLS, one request each, then held open) and
/// reports sluss's resident memory before and with them.
async fn memory(sluss: &mut SlussProcess, dir: &TempDir, n: usize, upstream: &Upstream) -> Res {
    let idle = support::rss_kib(sluss.pid())?;
    let ca = Arc::new(sluss.ca(dir)?);
    let addr = sluss.addr;
    let started = Instant::now();
    // 32 handshakes at a time: 10,000 one after another take minutes on two cores.
    let opened: Vec<Res<_>> = futures_util::stream::iter(0..n)
        .map(|_| open_idle(addr, ca.clone()))
        .buffer_unordered(32)
        .collect()
        .await;
    let failed = opened.iter().filter(|o| o.is_err()).count();
    if let Some(Err(e)) = opened.iter().find(|o| o.is_err()) {
        let reached = upstream
            .received()
            .iter()
            .filter(|r| r.path == "/v1/models")
            .count();
        println!(
            "{failed} of {n} connections failed; the first: {e}; the upstream received {reached} \
             of their {n} requests"
        );
    }
    if failed * 10 > n {
        return Err("more than a tenth of the connections failed".into());
    }
    let held: Vec<_> = opened.into_iter().filter_map(Result::ok).collect();
    let n = held.len();
    println!(
        "\nopened {n} intercepted connections in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let loaded = support::rss_kib(sluss.pid())?;
    println!(
        "\nsluss resident memory: idle {:.1} MiB, with {n} open intercepted connections {:.1} MiB \
         ({:.1} KiB per connection)",
        idle as f64 / 1024.0,
        loaded as f64 / 1024.0,
        (loaded.saturating_sub(idle)) as f64 / n as f64
    );
    drop(held);
    Ok(())
}

/// One intercepted connection that has served one request and is then held open, idle.
async fn open_idle(
    addr: std::net::SocketAddr,
    ca: Arc<sluss::tls::Ca>,
) -> Res<tokio_rustls::client::TlsStream<tokio::net::TcpStream>> {
    use tokio::io::AsyncWriteExt;
    let tunnel = common::connect_tunnel(addr, APPROVED)
        .await
        .map_err(|e| format!("CONNECT: {e}"))?;
    let mut tls = common::tls_over(tunnel, &ca, APPROVED)
        .await
        .map_err(|e| format!("TLS: {e}"))?;
    tls.write_all(format!("GET /v1/models HTTP/1.1\r\nHost: {APPROVED}\r\n\r\n").as_bytes())
        .await?;
    // tokio-rustls may keep the record in its buffer until flushed.
    tls.flush().await?;
    let head = common::read_head(&mut tls)
        .await
        .map_err(|e| format!("response: {e}"))?;
    if !head.starts_with("HTTP/1.1 200") {
        return Err(format!("answered {}", head.lines().next().unwrap_or("nothing")).into());
    }
    Ok(tls)
}

fn sluss_client(sluss: &SlussProcess, dir: &TempDir) -> Res<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .proxy(reqwest::Proxy::all(format!("http://{}", sluss.addr))?)
        .use_preconfigured_tls(client_tls(&sluss.ca(dir)?, &[b"http/1.1"])?)
        .pool_max_idle_per_host(CONCURRENCY)
        .build()?)
}

fn direct_client(upstream: &Upstream) -> Res<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .no_proxy()
        .resolve(APPROVED, upstream.addr)
        .use_preconfigured_tls(client_tls(&upstream.ca, &[b"http/1.1"])?)
        .pool_max_idle_per_host(CONCURRENCY)
        .build()?)
}
