//! `sluss run` as separate processes for operations tests: several instances sharing one CA,
//! one audit key and one admin token (each with its own state folder, audit log and ports), in
//! front of the harness's HTTPS upstream, with the admin listener on for `/readyz` and
//! `/metrics`.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sluss::tls::Ca;

use crate::common::{APPROVED, Res, TempDir, Upstream, client_tls};

/// The admin token every instance shares (and HAProxy's health check sends).
pub const TOKEN: &str = "ops-test-token-0123456789";

/// What the instances share: the CA, the audit keys and the admin token, in `shared/`.
pub struct Fleet {
    /// The test's folder: `shared/`, and one state folder per instance.
    pub dir: TempDir,
    /// The `sluss` binary (`SLUSS_BIN`, else the one cargo built for the tests).
    pub bin: PathBuf,
}

impl Fleet {
    /// A fresh folder with the admin token written (mode 0600).
    pub fn new(name: &str) -> Res<Fleet> {
        let dir = TempDir::new(name)?;
        std::fs::create_dir_all(dir.path("shared"))?;
        let token = dir.path("shared/admin-token");
        std::fs::write(&token, format!("{TOKEN}\n"))?;
        std::fs::set_permissions(&token, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
        let bin = std::env::var_os("SLUSS_BIN")
            .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_sluss")), PathBuf::from);
        Ok(Fleet { dir, bin })
    }

    /// The shared CA (created by the first instance).
    pub fn ca(&self) -> Res<Ca> {
        Ok(Ca::load(
            &self.dir.path("shared/ca.pem"),
            &self.dir.path("shared/ca-key.pem"),
        )?)
    }

    /// Writes the config of instance `name` (state folder `name/`) and starts it; returns once
    /// its `/readyz` answers 200. `proxy_extra` goes into `[proxy]`.
    pub async fn start(&self, name: &str, upstream: &Upstream, proxy_extra: &str) -> Res<Instance> {
        let state = self.dir.path(name);
        std::fs::create_dir_all(&state)?;
        let (proxy, admin) = (free_port()?, free_port()?);
        let shared = self.dir.path("shared");
        let config = state.join("sluss.toml");
        std::fs::write(
            &config,
            format!(
                "[proxy]\nlisten = [\"{proxy}\"]\n{proxy_extra}\n\
                 [limits]\nrequests_per_minute = 0\nstops_per_hour = 0\nconnections_per_client = 0\n\
                 [ca]\ncert = \"{s}/ca.pem\"\nkey = \"{s}/ca-key.pem\"\n\
                 [audit]\npath = \"{st}/audit.jsonl\"\nkey_file = \"{s}/audit-key\"\n\
                 [admin]\nlisten = \"{admin}\"\ntoken_file = \"{s}/admin-token\"\n\
                 [upstream]\nextra_roots = [\"{roots}\"]\n\
                 [upstream.resolve]\n\"{APPROVED}:443\" = \"{up}\"\n\
                 [[service]]\nname = \"Test\"\nhosts = [\"{APPROVED}\"]\n",
                s = shared.display(),
                st = state.display(),
                roots = upstream.ca_path.display(),
                up = upstream.addr,
            ),
        )?;
        let stderr = std::fs::File::create(state.join("stderr.log"))?;
        let child = Command::new(&self.bin)
            .args(["run", "--config"])
            .arg(&config)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()?;
        let mut instance = Instance {
            child,
            proxy,
            admin,
            config,
            log: state.join("audit.jsonl"),
            state,
        };
        instance.wait_ready().await?;
        Ok(instance)
    }
}

/// One `sluss run` process.
pub struct Instance {
    /// The process (killed when dropped).
    pub child: Child,
    /// Its proxy listener.
    pub proxy: SocketAddr,
    /// Its admin listener.
    pub admin: SocketAddr,
    /// Its config file.
    pub config: PathBuf,
    /// Its audit log.
    pub log: PathBuf,
    /// Its state folder.
    pub state: PathBuf,
}

impl Instance {
    /// Waits (30 s at most) until `/readyz` answers 200.
    async fn wait_ready(&mut self) -> Res {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait()? {
                let log = std::fs::read_to_string(self.state.join("stderr.log"))?;
                return Err(format!("sluss exited ({status}): {log}").into());
            }
            if let Ok((200, _)) = admin_get(self.admin, "/readyz").await {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err("sluss was not ready within 30 s".into());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The `/metrics` text.
    pub async fn metrics(&self) -> Res<String> {
        match admin_get(self.admin, "/metrics").await? {
            (200, text) => Ok(text),
            (status, text) => Err(format!("/metrics answered {status}: {text}").into()),
        }
    }

    /// SIGTERM, then waits for the process to end (40 s at most).
    pub fn terminate(&mut self) -> Res {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()?;
        let deadline = Instant::now() + Duration::from_secs(40);
        while self.child.try_wait()?.is_none() {
            if Instant::now() > deadline {
                return Err("sluss did not stop within 40 s of SIGTERM".into());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(())
    }

    /// `sluss logs --config <this config> ARGS`: exit code, stdout, stderr.
    pub fn logs(&self, bin: &Path, args: &[&str]) -> Res<(i32, String, String)> {
        let out = Command::new(bin)
            .arg("logs")
            .arg("--config")
            .arg(&self.config)
            .args(args)
            .env("COLUMNS", "200")
            .output()?;
        Ok((
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout)?,
            String::from_utf8(out.stderr)?,
        ))
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port that was free a moment ago.
pub fn free_port() -> Res<SocketAddr> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?)
}

/// GET `path` on an admin listener with the shared token: status and body.
pub async fn admin_get(admin: SocketAddr, path: &str) -> Res<(u16, String)> {
    let client = plain_client()?;
    let response = client
        .get(format!("http://{admin}{path}"))
        .bearer_auth(TOKEN)
        .send()
        .await?;
    let status = response.status().as_u16();
    Ok((status, response.text().await?))
}

/// A client for plain HTTP that goes straight to its URL (no proxy).
pub fn plain_client() -> Res<reqwest::Client> {
    // reqwest is built without a crypto provider: give it one it will not use.
    let tls = client_tls(&Ca::generate()?, &[b"http/1.1"])?;
    Ok(reqwest::Client::builder()
        .no_proxy()
        .use_preconfigured_tls(tls)
        .timeout(Duration::from_secs(10))
        .build()?)
}

/// A client that uses `proxy` as its HTTP proxy and trusts `ca`; with `fresh`, every request
/// opens a new connection (so that a balancer in front spreads them).
pub fn client(proxy: SocketAddr, ca: &Ca, fresh: bool) -> Res<reqwest::Client> {
    let mut builder = reqwest::Client::builder()
        .proxy(reqwest::Proxy::all(format!("http://{proxy}"))?)
        .use_preconfigured_tls(client_tls(ca, &[b"http/1.1"])?)
        .timeout(Duration::from_secs(15));
    if fresh {
        builder = builder.pool_max_idle_per_host(0);
    }
    Ok(builder.build()?)
}

/// A valid personnummer (long form with a hyphen), different for each `i` below 335,664 (serial 000 is never issued).
pub fn personnummer(i: usize) -> String {
    let month = 1 + i % 12;
    let day = 1 + (i / 12) % 28;
    let serial = 1 + (i / 336) % 999;
    let nine = format!("85{month:02}{day:02}{serial:03}");
    let sum: u32 = nine
        .bytes()
        .enumerate()
        .map(|(k, b)| {
            let d = u32::from(b - b'0') * if k % 2 == 0 { 2 } else { 1 };
            d / 10 + d % 10
        })
        .sum();
    let check = (10 - sum % 10) % 10;
    format!("1985{month:02}{day:02}-{serial:03}{check}")
}

/// One value of a Prometheus sample line `name value` (no labels).
pub fn sample(metrics: &str, name: &str) -> Option<f64> {
    metrics
        .lines()
        .find(|l| l.split(' ').next() == Some(name))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}
