//! Load measurements for the proxy (its own harness; `cargo bench --bench proxy`).
//!
//! The release `sluss` binary runs as its own process, in front of an in-process HTTPS upstream
//! (the test harness's). Every figure comes with a baseline measured in the same run: the same
//! client going to the same upstream directly, over TLS and kept-alive connections.
//!
//! - added latency (p50, p99) of a clean chat prompt of 1 KiB, 64 KiB and 1 MiB, direct and
//!   proxied requests interleaved so that noise hits both;
//! - requests per second at 1 KiB with 64 concurrent kept-alive clients;
//! - resident memory of the sluss process idle and with 1,000 open intercepted connections.
//!
//! `SLUSS_BENCH_QUICK=1` runs a short version (for checking that the harness works).

#[path = "../tests/common/mod.rs"]
mod common;

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use common::{APPROVED, Res, TempDir, Upstream, chat, client_tls};
use sluss::tls::Ca;

const CONCURRENCY: usize = 64;
const CONNECTIONS: usize = 1000;

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
    let mut sluss = SlussProcess::start(&dir, &upstream)?;
    let proxied = sluss.client(&dir)?;
    let direct = direct_client(&upstream)?;
    println!(
        "sluss proxy benchmark (release binary, pid {})",
        sluss.pid()
    );
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
    memory(&mut sluss, &dir, if quick { 100 } else { CONNECTIONS }).await?;
    sluss.stop();
    Ok(())
}

/// A clean chat prompt whose JSON body is `size` bytes.
fn prompt(size: usize) -> String {
    const SENTENCES: [&str; 6] = [
        "Kommunfullmäktige beslutade om en ny översiktsplan för centrala staden.",
        "Biblioteket har förlängda öppettider under sommaren och nya sagostunder.",
        "Skriv en kort sammanfattning av budgetförslaget för gator och parker.",
        "Hur formulerar jag en inbjudan till samrådsmötet om den nya detaljplanen?",
        "Vilka regler gäller för upphandling av snöröjning enligt LOU?",
        "Ge tre förslag på hur skolmatsalen kan minska sitt matsvinn.",
    ];
    let mut text = String::new();
    let mut i = 0;
    while chat(&text).len() < size {
        text.push_str(SENTENCES[i % SENTENCES.len()]);
        text.push(' ');
        i += 1;
    }
    while chat(&text).len() > size {
        text.pop();
    }
    chat(&text)
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

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentiles(samples: &mut [Duration]) -> (Duration, Duration) {
    samples.sort_unstable();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.99))
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
async fn memory(sluss: &mut SlussProcess, dir: &TempDir, n: usize) -> Res {
    let idle = sluss.rss_kib()?;
    let mut held = Vec::with_capacity(n);
    let ca = sluss.ca(dir)?;
    for _ in 0..n {
        let tunnel = common::connect_tunnel(sluss.addr, APPROVED).await?;
        let mut tls = common::tls_over(tunnel, &ca, APPROVED).await?;
        use tokio::io::AsyncWriteExt;
        tls.write_all(format!("GET /v1/models HTTP/1.1\r\nHost: {APPROVED}\r\n\r\n").as_bytes())
            .await?;
        common::read_head(&mut tls).await?;
        held.push(tls);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let loaded = sluss.rss_kib()?;
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

fn direct_client(upstream: &Upstream) -> Res<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .no_proxy()
        .resolve(APPROVED, upstream.addr)
        .use_preconfigured_tls(client_tls(&upstream.ca, &[b"http/1.1"])?)
        .pool_max_idle_per_host(CONCURRENCY)
        .build()?)
}

/// The release binary, started with a config that sends the approved host to the upstream.
struct SlussProcess {
    child: Child,
    addr: std::net::SocketAddr,
}

impl SlussProcess {
    fn start(dir: &TempDir, upstream: &Upstream) -> Res<SlussProcess> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let d = dir.0.display();
        let config = dir.path("sluss.toml");
        std::fs::write(
            &config,
            format!(
                "[proxy]\nlisten = [\"127.0.0.1:{port}\"]\n[ca]\ncert = \"{d}/ca.pem\"\nkey = \"{d}/ca-key.pem\"\n\
                 [audit]\npath = \"{d}/audit.jsonl\"\nkey_file = \"{d}/audit-key\"\n\
                 [upstream]\nextra_roots = [\"{}\"]\n[upstream.resolve]\n\"{APPROVED}:443\" = \"{}\"\n\
                 [[service]]\nname = \"Bench\"\nhosts = [\"{APPROVED}\"]\n",
                upstream.ca_path.display(),
                upstream.addr
            ),
        )?;
        let child = Command::new(env!("CARGO_BIN_EXE_sluss"))
            .args(["run", "--config"])
            .arg(&config)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse()?;
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(addr).is_err() {
            if Instant::now() > deadline {
                return Err("sluss did not start".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(SlussProcess { child, addr })
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn ca(&self, dir: &TempDir) -> Res<Ca> {
        Ok(Ca::load(&dir.path("ca.pem"), &dir.path("ca-key.pem"))?)
    }

    fn client(&self, dir: &TempDir) -> Res<reqwest::Client> {
        Ok(reqwest::Client::builder()
            .proxy(reqwest::Proxy::all(format!("http://{}", self.addr))?)
            .use_preconfigured_tls(client_tls(&self.ca(dir)?, &[b"http/1.1"])?)
            .pool_max_idle_per_host(CONCURRENCY)
            .build()?)
    }

    fn rss_kib(&self) -> Res<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()))?;
        let line = status
            .lines()
            .find(|l| l.starts_with("VmRSS:"))
            .ok_or("no VmRSS")?;
        Ok(line.split_whitespace().nth(1).ok_or("no value")?.parse()?)
    }

    fn stop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

impl Drop for SlussProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
