//! Shared parts of the proxy benches: the release `sluss` binary as its own process, a lean
//! HTTPS upstream (answers without recording, so long runs do not grow the bench's memory),
//! prompts of a given size, percentiles, and a process's CPU time and resident memory.
#![allow(dead_code)]

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use sluss::tls::{Ca, LeafCache};
use tokio::net::TcpListener;

use crate::common::{APPROVED, Res, TempDir, accept_tls, chat};

/// A clean chat prompt whose JSON body is `size` bytes.
pub fn prompt(size: usize) -> String {
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

/// The p50 and p99 of `samples` (sorted in place).
pub fn percentiles(samples: &mut [Duration]) -> (Duration, Duration) {
    if samples.is_empty() {
        return (Duration::ZERO, Duration::ZERO);
    }
    samples.sort_unstable();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.99))
}

/// Milliseconds as a float.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// User plus system CPU time of process `pid` so far (from `/proc/<pid>/stat`).
pub fn cpu_time(pid: u32) -> Res<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // The command name (field 2) may hold spaces; the fields after it are space-separated.
    let after = stat.rsplit_once(')').ok_or("no ')' in stat")?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = fields.get(11).ok_or("no utime")?.parse::<u64>()?
        + fields.get(12).ok_or("no stime")?.parse::<u64>()?;
    let hz = rustix::param::clock_ticks_per_second();
    Ok(Duration::from_secs_f64(ticks as f64 / hz as f64))
}

/// Resident memory of process `pid` in KiB.
pub fn rss_kib(pid: u32) -> Res<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let line = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .ok_or("no VmRSS")?;
    Ok(line.split_whitespace().nth(1).ok_or("no value")?.parse()?)
}

/// Raises this process's open-file limit (inherited by the processes it starts) to `want`, or
/// to the hard limit if that is lower; returns the new soft limit.
pub fn raise_fd_limit(want: u64) -> u64 {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let mut limit = getrlimit(Resource::Nofile);
    let target = match limit.maximum {
        Some(max) => want.min(max),
        None => want,
    };
    if limit.current.is_some_and(|c| c < target) {
        limit.current = Some(target);
        let _ = setrlimit(Resource::Nofile, limit);
    }
    getrlimit(Resource::Nofile).current.unwrap_or(u64::MAX)
}

/// A lean HTTPS upstream: presents a certificate for the SNI name (signed by its own CA),
/// speaks HTTP/2 and HTTP/1.1, reads each request body and answers a small JSON document.
pub struct LeanUpstream {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Its CA.
    pub ca: Arc<Ca>,
    /// The CA certificate as a PEM file.
    pub ca_path: PathBuf,
    _dir: TempDir,
}

impl LeanUpstream {
    /// Starts it on the current runtime.
    pub async fn start() -> Res<LeanUpstream> {
        let dir = TempDir::new("lean-upstream")?;
        let ca = Arc::new(Ca::generate()?);
        let ca_path = dir.path("upstream-ca.pem");
        std::fs::write(&ca_path, ca.cert_pem())?;
        let leaves = Arc::new(LeafCache::new(ca.clone(), Duration::from_secs(3600), 10)?);
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        tokio::spawn(accept(listener, leaves));
        Ok(LeanUpstream {
            addr,
            ca,
            ca_path,
            _dir: dir,
        })
    }
}

async fn accept(listener: TcpListener, leaves: Arc<LeafCache>) {
    while let Ok((tcp, _)) = listener.accept().await {
        let leaves = leaves.clone();
        let _ = tcp.set_nodelay(true);
        tokio::spawn(async move {
            let Some((tls, _)) = accept_tls(tcp, &leaves).await else {
                return;
            };
            let service = service_fn(|request: Request<Incoming>| async move {
                let size = match request.into_body().collect().await {
                    Ok(body) => body.to_bytes().len(),
                    Err(_) => 0,
                };
                let text = format!("{{\"ok\":true,\"received_bytes\":{size}}}");
                Ok::<_, Infallible>(Response::new(Full::new(Bytes::from(text))))
            });
            let _ = auto::Builder::new(TokioExecutor::new())
                .serve_connection(TokioIo::new(tls), service)
                .await;
        });
    }
}

/// Heaptrack's preload library as Debian installs it (package `heaptrack`).
const HEAPTRACK_PRELOAD: &str = "/usr/lib/heaptrack/libheaptrack_preload.so";

/// The release binary, started with a config that sends the approved host to the upstream.
pub struct SlussProcess {
    child: Child,
    /// Its proxy listener.
    pub addr: SocketAddr,
}

fn free_port() -> Res<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

impl SlussProcess {
    /// Starts `sluss run` with the upstream at `upstream` (trusting `upstream_ca`); rate and
    /// connection limits per client are off (every bench client is 127.0.0.1), and
    /// `max_connections` is `max_connections`; idle connections are kept 15 minutes (the memory
    /// bench holds thousands).
    pub fn start(
        dir: &TempDir,
        upstream: SocketAddr,
        upstream_ca: &Path,
        max_connections: usize,
    ) -> Res<SlussProcess> {
        let port = free_port()?;
        let d = dir.0.display();
        let config = dir.path("sluss.toml");
        std::fs::write(
            &config,
            format!(
                "[proxy]\nlisten = [\"127.0.0.1:{port}\"]\nmax_connections = {max_connections}\n\
                 idle_timeout_secs = 900\n\
                 [ca]\ncert = \"{d}/ca.pem\"\nkey = \"{d}/ca-key.pem\"\n\
                 [audit]\npath = \"{d}/audit.jsonl\"\nkey_file = \"{d}/audit-key\"\n\
                 [limits]\nrequests_per_minute = 0\nstops_per_hour = 0\nconnections_per_client = 0\n\
                 [upstream]\nextra_roots = [\"{}\"]\n[upstream.resolve]\n\"{APPROVED}:443\" = \"{upstream}\"\n\
                 [[service]]\nname = \"Bench\"\nhosts = [\"{APPROVED}\"]\n",
                upstream_ca.display(),
            ),
        )?;
        // Another build of sluss (say, the one before a change) can be measured by the same
        // harness in the same run.
        let binary = std::env::var_os("SLUSS_BENCH_BINARY")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_sluss").into());
        let mut command = Command::new(binary);
        // The async worker threads of sluss alone (tokio reads TOKIO_WORKER_THREADS), for
        // comparing runtime shapes without touching the bench's own runtime.
        if let Some(workers) = std::env::var_os("SLUSS_BENCH_WORKERS") {
            command.env("TOKIO_WORKER_THREADS", workers);
        }
        // Heaptrack's preload library records every allocation of sluss into a raw trace.
        if let Some(trace) = std::env::var_os("SLUSS_BENCH_HEAPTRACK") {
            command
                .env("LD_PRELOAD", HEAPTRACK_PRELOAD)
                .env("DUMP_HEAPTRACK_OUTPUT", trace);
        }
        let child = command
            .args(["run", "--config"])
            .arg(&config)
            .env(
                "RUST_LOG",
                std::env::var("SLUSS_BENCH_LOG").unwrap_or_else(|_| "warn".into()),
            )
            .stdout(Stdio::null())
            .stderr(match std::env::var_os("SLUSS_BENCH_STDERR") {
                Some(file) => Stdio::from(std::fs::File::create(file)?),
                None => Stdio::null(),
            })
            .spawn()?;
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
        wait_for_listener(addr, "sluss")?;
        Ok(SlussProcess { child, addr })
    }

    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The CA it generated at start.
    pub fn ca(&self, dir: &TempDir) -> Res<Ca> {
        Ok(Ca::load(&dir.path("ca.pem"), &dir.path("ca-key.pem"))?)
    }

    /// Stops it (SIGTERM, then waits).
    pub fn stop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

impl Drop for SlussProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits (up to 60 s) until something accepts connections at `addr`.
pub fn wait_for_listener(addr: SocketAddr, what: &str) -> Res {
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::net::TcpStream::connect(addr).is_err() {
        if Instant::now() > deadline {
            return Err(format!("{what} did not start listening on {addr}").into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}
