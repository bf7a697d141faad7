//! 1,000 concurrent stops through the real proxy: each request carries a personnummer, is
//! blocked, and is answered only after its audit record is durable (fsync on). Ignored: run
//! with `cargo test --test stop_throughput -- --ignored --nocapture`. Uses only the harness,
//! so the same file measures an older sluss too.

mod common;

use std::time::{Duration, Instant};

use common::{APPROVED, Res, Setup, Sluss, Upstream, chat};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn a_thousand_concurrent_stops_through_the_proxy() -> Res {
    const N: usize = 1000;
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    // One HTTP/2 connection: the TLS handshakes of a thousand connections would hide the
    // cost of the audit log.
    let client = sluss.client_h2()?;
    let body = chat("Patienten 19121212-1212 behöver hjälp.");
    let url = format!("https://{APPROVED}/v1/chat/completions");
    let warm = client.post(&url).body(body.clone()).send().await?;
    assert_eq!(warm.status(), 403);
    for round in 0..3 {
        let started = Instant::now();
        let tasks: Vec<_> = (0..N)
            .map(|_| {
                let request = client
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(body.clone())
                    .timeout(Duration::from_secs(120));
                tokio::spawn(async move { request.send().await.map(|r| r.status().as_u16()) })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await??, 403);
        }
        let took = started.elapsed();
        println!(
            "round {round}: {N} concurrent stops in {took:.2?} ({:.0}/s)",
            N as f64 / took.as_secs_f64()
        );
    }
    assert!(upstream.received().is_empty());
    let records = sluss.audit_text().lines().count();
    assert!(records > 3 * N, "{records} lines");
    sluss.stop().await
}
