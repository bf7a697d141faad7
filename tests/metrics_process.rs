//! What IT watches (issue 13 item 5): `sluss run` as its own process, clean and blocked prompts
//! through it, and its `/metrics` read before and after: the latency histograms count every
//! inspected request, the process's CPU counter grows, and the figure "CPU seconds per 1,000
//! requests" is printed. The Grafana dashboard in `packaging/` asks only for metrics that
//! `/metrics` really has.
//!
//! For the README figure run it on the release binary with more requests:
//! `cargo build --release && SLUSS_BIN=target/release/sluss SLUSS_CPU_REQUESTS=5000 cargo test
//! --test metrics_process -- --nocapture`.

#[path = "common/mod.rs"]
mod common;
#[path = "processes/mod.rs"]
mod processes;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{APPROVED, Res, Upstream, chat};
use processes::{Fleet, Instance, client, personnummer, sample};

/// Kept-alive connections sending at once.
const CONCURRENCY: usize = 8;

/// A clean chat prompt of about 1 KiB (`i` makes each one different).
fn clean(i: usize) -> String {
    let mut text = format!("Fråga {i}: ");
    while text.len() < 900 {
        text.push_str("Sammanfatta budgetförslaget för gator och parker i korta punkter. ");
    }
    chat(&text)
}

/// A prompt of about 1 KiB that holds a personnummer (stopped, recorded).
fn blocked(i: usize) -> String {
    let mut text = format!("Beslut om bistånd för {}. ", personnummer(i));
    while text.len() < 900 {
        text.push_str("Handläggaren bedömer att behovet kan tillgodoses på annat sätt. ");
    }
    chat(&text)
}

/// Sends `n` prompts made by `body` over `CONCURRENCY` kept-alive connections; every answer
/// must have `status`.
async fn send_all(
    client: &reqwest::Client,
    n: usize,
    body: fn(usize) -> String,
    status: u16,
) -> Res {
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..CONCURRENCY {
        let (client, next) = (client.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= n {
                    return Ok::<(), String>(());
                }
                let response = client
                    .post(format!("https://{APPROVED}/v1/chat/completions"))
                    .header("content-type", "application/json")
                    .body(body(i))
                    .send()
                    .await
                    .map_err(|e| e.to_string())?;
                let got = response.status().as_u16();
                response.bytes().await.map_err(|e| e.to_string())?;
                if got != status {
                    return Err(format!("prompt {i}: {got}, expected {status}"));
                }
            }
        }));
    }
    for task in tasks {
        task.await??;
    }
    Ok(())
}

/// CPU seconds and histogram counts from `/metrics`.
struct Reading {
    cpu: f64,
    inspected: f64,
    added: f64,
}

async fn read(instance: &Instance) -> Res<Reading> {
    let text = instance.metrics().await?;
    Ok(Reading {
        cpu: sample(&text, "process_cpu_seconds_total").ok_or("no CPU counter")?,
        inspected: sample(&text, "sluss_inspection_seconds_count").ok_or("no inspection")?,
        added: sample(&text, "sluss_added_latency_seconds_count").ok_or("no added")?,
    })
}

/// Runs `n` prompts of one kind and prints the CPU time they cost per 1,000.
async fn measure(
    instance: &Instance,
    client: &reqwest::Client,
    what: &str,
    n: usize,
    body: fn(usize) -> String,
    status: u16,
) -> Res<f64> {
    let before = read(instance).await?;
    let started = std::time::Instant::now();
    send_all(client, n, body, status).await?;
    let elapsed = started.elapsed();
    let after = read(instance).await?;
    // Every request was inspected and its added latency observed (the scrape itself is not).
    assert_eq!(after.inspected - before.inspected, n as f64, "{what}");
    assert_eq!(after.added - before.added, n as f64, "{what}");
    let cpu = after.cpu - before.cpu;
    assert!(cpu > 0.0, "{what}: the CPU counter did not grow");
    let per_thousand = cpu * 1000.0 / n as f64;
    println!(
        "{what}: {n} requests in {:.2} s ({:.0}/s), sluss CPU {cpu:.3} s = {per_thousand:.3} CPU-s per 1,000 requests",
        elapsed.as_secs_f64(),
        n as f64 / elapsed.as_secs_f64()
    );
    Ok(per_thousand)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cpu_time_per_thousand_requests_and_latency_histograms() -> Res {
    let n: usize = std::env::var("SLUSS_CPU_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let upstream = Upstream::start().await?;
    let fleet = Fleet::new("cpu")?;
    let instance = fleet.start("a", &upstream, "").await?;
    let client = client(instance.proxy, &fleet.ca()?, false)?;
    println!("binary: {}", fleet.bin.display());
    // Warm up: connections, leaf certificate, caches.
    send_all(&client, CONCURRENCY * 4, clean, 200).await?;
    measure(
        &instance,
        &client,
        "clean 1 KiB prompts (forwarded)",
        n,
        clean,
        200,
    )
    .await?;
    measure(
        &instance,
        &client,
        "1 KiB prompts with a personnummer (stopped, recorded)",
        n,
        blocked,
        403,
    )
    .await?;

    let text = instance.metrics().await?;
    for name in ["sluss_inspection_seconds", "sluss_added_latency_seconds"] {
        assert!(
            text.contains(&format!("{name}_bucket{{le=\"0.0005\"}}")),
            "{text}"
        );
        assert!(
            text.contains(&format!("{name}_bucket{{le=\"10\"}}")),
            "{text}"
        );
    }
    assert!(sample(&text, "process_resident_memory_bytes").is_some_and(|b| b > 1e6));
    dashboard_asks_only_for_real_metrics(&text)
}

/// Every metric a query of `packaging/grafana-sluss.json` names is in `/metrics` (histograms by
/// their `_bucket`, `_sum` and `_count` series).
fn dashboard_asks_only_for_real_metrics(metrics: &str) -> Res {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/packaging/grafana-sluss.json");
    let dashboard: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let mut exprs = Vec::new();
    collect_exprs(&dashboard, &mut exprs);
    assert!(exprs.len() >= 8, "{exprs:?}");
    let exported: BTreeSet<String> = metrics
        .lines()
        .filter_map(|l| l.strip_prefix("# TYPE "))
        .filter_map(|l| l.split(' ').next())
        .flat_map(|name| ["", "_bucket", "_sum", "_count"].map(|suffix| format!("{name}{suffix}")))
        .collect();
    let mut names = BTreeSet::new();
    for expr in &exprs {
        for name in metric_names(expr) {
            assert!(
                exported.contains(&name),
                "{name} (in `{expr}`) is not in /metrics"
            );
            names.insert(name);
        }
    }
    for needed in [
        "sluss_added_latency_seconds_bucket",
        "sluss_inspection_seconds_bucket",
        "process_cpu_seconds_total",
        "sluss_requests_total",
    ] {
        assert!(
            names.contains(needed),
            "the dashboard does not show {needed}"
        );
    }
    Ok(())
}

fn collect_exprs(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v.as_str()) {
                    ("expr", Some(expr)) => out.push(expr.to_string()),
                    _ => collect_exprs(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_exprs(v, out)),
        _ => {}
    }
}

/// The metric names in a PromQL expression: identifiers starting with `sluss_` or `process_`.
fn metric_names(expr: &str) -> Vec<String> {
    let mut names = Vec::new();
    let bytes = expr.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts = (expr[i..].starts_with("sluss_") || expr[i..].starts_with("process_"))
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'));
        if starts {
            let end = expr[i..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(expr.len(), |e| i + e);
            names.push(expr[i..end].to_string());
            i = end;
        } else {
            i += 1;
        }
    }
    names
}
