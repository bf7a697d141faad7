//! Request counts that survive a restart (issue 14 items 4 and 6): requests through the real
//! proxy are counted, written as `traffic` records (on a flush and at shutdown), and shown per
//! month on `/register` only when `[register] publish_counts` is on; a second instance on the
//! same state reads them back from the log.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use common::{APPROVED, PNR, Res, Setup, Sluss, TempDir, Upstream, chat};
use sluss::audit::Month;
use sluss::proxy::{self, Shared};

async fn post(client: &reqwest::Client, content: &str) -> Res<u16> {
    let response = client
        .post(format!("https://{APPROVED}/v1/chat/completions"))
        .header("content-type", "application/json")
        .body(chat(content))
        .send()
        .await?;
    Ok(response.status().as_u16())
}

/// `/register.json` and `/register` from the proxy's own pages.
async fn register(addr: std::net::SocketAddr) -> Res<(serde_json::Value, String)> {
    let client = common::direct_client()?;
    let json = client
        .get(format!("http://{addr}/register.json"))
        .send()
        .await?
        .text()
        .await?;
    let json = serde_json::from_str(&json)?;
    let html = client
        .get(format!("http://{addr}/register"))
        .send()
        .await?
        .text()
        .await?;
    Ok((json, html))
}

/// The person's "Mina stopp" as JSON, once it lists `incident` (it is read back from the log
/// in the background at start), within a bounded time.
async fn mina_stopp(addr: std::net::SocketAddr, incident: &str) -> Res<String> {
    let client = common::direct_client()?;
    let started = Instant::now();
    loop {
        let text = client
            .get(format!("http://{addr}/mina-stopp.json"))
            .send()
            .await?
            .text()
            .await?;
        if text.contains(incident) || started.elapsed() > Duration::from_secs(20) {
            return Ok(text);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// This month's published requests of the harness's first service, if published.
fn this_month(json: &serde_json::Value) -> Option<u64> {
    let month = Month::of(SystemTime::now()).to_string();
    json["services"][0]["requests_per_month"]
        .as_array()?
        .iter()
        .find(|m| m["month"] == month.as_str())?["requests"]
        .as_u64()
}

/// The `traffic` records of the log at `path`, parsed.
fn traffic_records(path: &std::path::Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|r| r["event"]["action"] == "traffic")
        .collect()
}

#[tokio::test]
async fn counts_are_written_published_and_read_back_after_a_restart() -> Res {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        extra: "[register]\npublish_counts = true\nmonths = 3\n".into(),
        ..Setup::default()
    };
    let mut sluss = Sluss::start(&upstream, setup).await?;
    let client = sluss.client()?;
    for _ in 0..3 {
        assert_eq!(post(&client, "Vad är en detaljplan?").await?, 200);
    }
    let stopped = client
        .post(format!("https://{APPROVED}/v1/chat/completions"))
        .header("content-type", "application/json")
        .body(chat(&format!("Brev till {PNR}.")))
        .send()
        .await?;
    assert_eq!(stopped.status(), 403);
    let stopped: serde_json::Value = serde_json::from_str(&stopped.text().await?)?;
    let incident = stopped["error"]["incident_id"]
        .as_str()
        .ok_or("no incident id")?
        .to_string();

    // Counted in memory until the next traffic record.
    let (json, _) = register(sluss.addr).await?;
    assert_eq!(this_month(&json), Some(0), "{json:#}");
    assert_eq!(
        json["services"][0]["requests_per_month"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    proxy::traffic::flush(&sluss.shared).await;
    let (json, html) = register(sluss.addr).await?;
    assert_eq!(this_month(&json), Some(4), "{json:#}");
    assert_eq!(json["services"][0]["name"], "Kommunens AI");
    assert_eq!(json["services"][0]["purpose"], "Skrivstöd");
    assert_eq!(json["services"][0]["owner"], "IT-avdelningen");
    assert_eq!(json["services"][0]["dpia"], "KS 2026/115");
    let month = Month::of(SystemTime::now()).to_string();
    assert!(html.contains("Förfrågningar per månad"), "{html}");
    assert!(
        html.contains(&format!("data-month=\"{month}\">4<")),
        "{html}"
    );

    let log = sluss.dir.path("audit.jsonl");
    let written = traffic_records(&log);
    assert_eq!(written.len(), 1, "{written:?}");
    let counts = &written[0]["sluss"]["traffic"];
    assert_eq!(
        (&counts["requests"], &counts["allowed"], &counts["blocked"]),
        (&4.into(), &3.into(), &1.into())
    );
    assert_eq!(written[0]["sluss"]["service"], "Kommunens AI");
    assert_eq!(written[0]["source"]["ip"], "0.0.0.0");
    assert!(
        written[0].get("user").is_none(),
        "no person: {}",
        written[0]
    );

    // One more, then a shutdown: the last interval is written before the log closes.
    assert_eq!(post(&client, "Vad är en översiktsplan?").await?, 200);
    let (shared, config_path) = (sluss.shared.clone(), sluss.config_path.clone());
    let dir = std::mem::replace(&mut sluss.dir, TempDir::new("placeholder")?);
    sluss.stop().await?;
    tokio::task::spawn_blocking(move || shared.audit.close()).await?;
    let written = traffic_records(&dir.path("audit.jsonl"));
    assert_eq!(written.len(), 2, "{written:?}");
    assert_eq!(written[1]["sluss"]["traffic"]["requests"], 1);
    let verify = std::process::Command::new(env!("CARGO_BIN_EXE_sluss"))
        .args(["logs", "--verify", "--config"])
        .arg(&config_path)
        .output()?;
    assert!(verify.status.success(), "{verify:?}");

    // A new instance on the same state reads the counts back from the log.
    let (shared, _) = Shared::start(sluss::config::load(&config_path)?)?;
    let shared = Arc::new(shared);
    let listeners = proxy::bind(&shared).await?;
    let addr = listeners.first().ok_or("no listener")?.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(proxy::serve(shared.clone(), listeners, async {
        let _ = stopped.await;
    }));
    let started = Instant::now();
    let mut shown = None;
    while started.elapsed() < Duration::from_secs(20) {
        shown = this_month(&register(addr).await?.0);
        if shown == Some(5) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(shown, Some(5), "the counts were not read back from the log");
    // "Mina stopp" of the person (here: the client address) is read back too.
    let mine = mina_stopp(addr, &incident).await?;
    assert!(mine.contains(&incident), "{mine}");
    let _ = stop.send(());
    tokio::time::timeout(Duration::from_secs(40), serving).await??;
    drop(dir);
    Ok(())
}

#[tokio::test]
async fn counts_are_not_published_unless_configured() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let client = sluss.client()?;
    assert_eq!(post(&client, "Vad är en detaljplan?").await?, 200);
    proxy::traffic::flush(&sluss.shared).await;
    // Written to the log all the same (for `sluss report`)…
    let written = traffic_records(&sluss.dir.path("audit.jsonl"));
    assert_eq!(written.len(), 1);
    // …but not on the published register.
    let (json, html) = register(sluss.addr).await?;
    assert_eq!(json["services"][0]["purpose"], "Skrivstöd");
    assert!(
        json["services"][0].get("requests_per_month").is_none(),
        "{json:#}"
    );
    assert!(!html.contains("Förfrågningar per månad"));
    assert!(html.contains("KS 2026/115") && html.contains("Skrivstöd"));
    sluss.stop().await
}
