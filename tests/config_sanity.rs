//! Config that cannot be a mistake (issue 12, item 5), through `sluss check` and a reload of a
//! running `sluss run`: wildcards over public suffixes, `allowed_clients` that cover the
//! internet, and a listener others can reach without `allowed_clients` narrower than that.
//! Every refusal and warning names its file and line; a refused reload keeps the old config.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{Res, TempDir};

fn sluss() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sluss"))
}

/// Writes a config whose line 1 is `[proxy]`, line 2 `listen`, line 3 `allowed_clients` (from
/// `clients`), then `[ca]` on lines 5–7 and `rest` from line 9 on.
fn config(dir: &TempDir, listen: &str, clients: &str, rest: &str) -> Res<std::path::PathBuf> {
    let d = dir.0.display();
    let path = dir.path("sluss.toml");
    std::fs::write(
        &path,
        format!(
            "[proxy]\nlisten = [\"{listen}\"]\n{clients}\n\n[ca]\ncert = \"{d}/ca.pem\"\nkey = \"{d}/ca-key.pem\"\n\n{rest}"
        ),
    )?;
    Ok(path)
}

/// `sluss check --reload`: the configs here listen on addresses of a server, not of this
/// machine, so the checks that bind them (which a new start makes) are skipped.
fn check(path: &std::path::Path) -> Res<(Output, String)> {
    let out = sluss()
        .args(["check", "--reload", "--config"])
        .arg(path)
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    Ok((out, text))
}

fn service(hosts: &str) -> String {
    format!("[[service]]\nname = \"Tjänst\"\nhosts = [{hosts}]\n")
}

#[test]
fn wildcards_over_public_suffixes_are_refused_with_file_and_line() -> Res {
    let dir = TempDir::new("suffix")?;
    for (host, what) in [
        ("*.com", "top-level domain"),
        ("*.se", "top-level domain"),
        ("*.co.uk", "public suffix"),
        ("*.github.io", "public suffix where anyone can have a site"),
        (
            "*.azurewebsites.net",
            "public suffix where anyone can have a site",
        ),
    ] {
        let path = config(&dir, "127.0.0.1:3128", "", &service(&format!("\"{host}\"")))?;
        let (out, text) = check(&path)?;
        assert_eq!(out.status.code(), Some(2), "{host}: {text}");
        let at = format!("{}:11: host `{host}`", path.display());
        assert!(text.contains(&at) && text.contains(what), "{host}: {text}");
    }
    Ok(())
}

#[test]
fn a_wildcard_over_a_multi_tenant_cloud_suffix_is_a_loud_warning() -> Res {
    let dir = TempDir::new("tenant")?;
    for host in ["*.openai.azure.com", "*.azure.com", "*.amazonaws.com"] {
        let path = config(&dir, "127.0.0.1:3128", "", &service(&format!("\"{host}\"")))?;
        let (out, text) = check(&path)?;
        assert!(out.status.success(), "{host}: {text}");
        let at = format!(
            "{}:11: warning: host `{host}` approves every customer's",
            path.display()
        );
        assert!(text.contains(&at), "{host}: {text}");
    }
    let own = config(
        &dir,
        "127.0.0.1:3128",
        "",
        &service("\"kommun.openai.azure.com\""),
    )?;
    let (out, text) = check(&own)?;
    assert!(out.status.success() && !text.contains("warning"), "{text}");
    Ok(())
}

#[test]
fn allowed_clients_that_cover_the_internet_are_refused() -> Res {
    let dir = TempDir::new("clients")?;
    for net in [
        "0.0.0.0/0",
        "::/0",
        "0.0.0.0/1",
        "8.0.0.0/8",
        "172.0.0.0/8",
        "2000::/3",
    ] {
        let clients = format!("allowed_clients = [\"10.0.0.0/8\", \"{net}\"]");
        let path = config(&dir, "0.0.0.0:3128", &clients, "")?;
        let (out, text) = check(&path)?;
        assert_eq!(out.status.code(), Some(2), "{net}: {text}");
        let at = format!("{}:3: allowed_clients `{net}` covers", path.display());
        assert!(
            text.contains(&at) && text.contains("open proxy"),
            "{net}: {text}"
        );
    }
    let private = "allowed_clients = [\"10.0.0.0/8\", \"172.16.0.0/12\", \"fd00::/8\"]";
    let path = config(&dir, "0.0.0.0:3128", private, "")?;
    let (out, text) = check(&path)?;
    assert!(out.status.success() && !text.contains("warning"), "{text}");
    Ok(())
}

#[test]
fn a_wide_public_range_is_refused_on_a_public_listener_and_warned_about_on_others() -> Res {
    let dir = TempDir::new("reach")?;
    let clients = "allowed_clients = [\"130.236.0.0/15\"]";
    // Never bound: `sluss check` only reads the address.
    let public = config(&dir, "198.51.0.7:3128", clients, "")?;
    let (out, text) = check(&public)?;
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains(&format!("{}:3: allowed_clients `130.236.0.0/15` is a wide public range and sluss listens on a public address", public.display())),
        "{text}"
    );
    let wildcard = config(&dir, "0.0.0.0:3128", clients, "")?;
    let (out, text) = check(&wildcard)?;
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains(&format!(
            "{}:3: warning: allowed_clients `130.236.0.0/15`",
            wildcard.display()
        )),
        "{text}"
    );
    let loopback = config(&dir, "127.0.0.1:3128", clients, "")?;
    let (out, text) = check(&loopback)?;
    assert!(
        out.status.success() && !text.contains("warning"),
        "only this machine can connect: {text}"
    );
    let narrow = config(
        &dir,
        "198.51.0.7:3128",
        "allowed_clients = [\"130.236.10.0/24\"]",
        "",
    )?;
    let (out, text) = check(&narrow)?;
    assert!(out.status.success() && !text.contains("warning"), "{text}");
    Ok(())
}

#[test]
fn a_listener_others_can_reach_without_allowed_clients_is_warned_about() -> Res {
    let dir = TempDir::new("listen")?;
    let path = config(&dir, "0.0.0.0:3128", "", "")?;
    let (out, text) = check(&path)?;
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains(&format!(
            "{}:2: warning: sluss listens on 0.0.0.0:3128",
            path.display()
        )) && text.contains("allowed_clients is not set"),
        "{text}"
    );
    let local = config(&dir, "127.0.0.1:3128", "", "")?;
    let (out, text) = check(&local)?;
    assert!(out.status.success() && !text.contains("warning"), "{text}");
    Ok(())
}

/// The lines `sluss run` writes to stderr.
struct Log(std::sync::mpsc::Receiver<String>);

impl Log {
    fn of(child: &mut std::process::Child) -> Res<Log> {
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        Ok(Log(rx))
    }

    fn until(&self, needle: &str) -> Res<String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.0.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return Ok(line),
                Ok(_) => {}
                Err(_) => break,
            }
        }
        Err(format!("no line with {needle:?}").into())
    }
}

fn register_page(address: &str) -> Res<String> {
    let mut stream = std::net::TcpStream::connect(address)?;
    std::io::Write::write_all(
        &mut stream,
        b"GET /register HTTP/1.1\r\nHost: sluss\r\nConnection: close\r\n\r\n",
    )?;
    let mut page = String::new();
    std::io::Read::read_to_string(&mut stream, &mut page)?;
    Ok(page)
}

#[test]
fn a_reload_with_a_public_suffix_wildcard_is_refused_and_the_old_config_keeps_running() -> Res {
    let dir = TempDir::new("reload")?;
    let d = dir.0.display().to_string();
    let audit = format!("[audit]\npath = \"{d}/audit.jsonl\"\nkey_file = \"{d}/audit-key\"\n\n");
    let good = format!("{audit}{}", service("\"ai.kommun.test\""));
    let path = config(&dir, "127.0.0.1:0", "", &good)?;
    let mut child = sluss()
        .args(["run", "--log-format", "json", "--config"])
        .arg(&path)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()?;
    let log = Log::of(&mut child)?;
    let listening: serde_json::Value = serde_json::from_str(&log.until("proxy listening")?)?;
    let address = listening["address"]
        .as_str()
        .ok_or("no address")?
        .to_string();
    assert!(register_page(&address)?.contains("ai.kommun.test"));

    let bad = format!("{audit}{}", service("\"ai.kommun.test\", \"*.com\""));
    config(&dir, "127.0.0.1:0", "", &bad)?;
    Command::new("kill")
        .args(["-HUP", &child.id().to_string()])
        .status()?;
    let refused = log.until("config reload refused")?;
    assert!(
        refused.contains("*.com") && refused.contains(":15:"),
        "{refused}"
    );
    let page = register_page(&address)?;
    assert!(
        page.contains("ai.kommun.test") && !page.contains("*.com"),
        "the old config keeps running"
    );

    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()?;
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait()?.is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            return Err("sluss did not stop".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}
