//! `sluss run` as its own process for the browser tests: two free loopback ports, the release
//! of the process when dropped, and the wait until its admin listener answers `/healthz`.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

type Res<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// `sluss run`, killed when dropped.
pub struct SlussProcess(Child);

impl Drop for SlussProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Two different ports that were free a moment ago (both held until both are known).
pub fn free_ports() -> Res<(u16, u16)> {
    let (a, b) = (
        TcpListener::bind("127.0.0.1:0")?,
        TcpListener::bind("127.0.0.1:0")?,
    );
    Ok((a.local_addr()?.port(), b.local_addr()?.port()))
}

/// Starts `sluss run --config config` in `dir` (its stderr in `dir/sluss.log`) and waits until
/// the admin listener on `admin` answers `/healthz`.
pub async fn start(dir: &Path, config: &Path, admin: u16) -> Res<SlussProcess> {
    let log = std::fs::File::create(dir.join("sluss.log"))?;
    let child = Command::new(env!("CARGO_BIN_EXE_sluss"))
        .args(["run", "--config"])
        .arg(config)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()?;
    let sluss = SlussProcess(child);
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(20))
        .build()?;
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
