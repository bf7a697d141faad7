//! End-to-end inspection (decode + extract + scan + decide) of OpenAI-style chat bodies of
//! 1 KiB, 10 KiB, 64 KiB and 1 MiB, plain and gzip, against the bare scanner on the same text
//! measured in the same run. Targets (issue 3): 1 MiB in under 10 ms, 10 KiB under 100 µs.

use std::io::Write;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sluss::body::{Limits, extract};
use sluss::detect::Detectors;
use sluss::inspect::{Request, inspect};
use sluss::policy::ServicePolicy;

const CORPUS: &str = include_str!("../tests/data/corpus.jsonl");

fn prose(size: usize) -> Vec<String> {
    let pieces: Vec<String> = CORPUS
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["group"] == "clean" || v["group"] == "marker_generic")
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    // Messages of about 2 KiB each, like a long conversation.
    let mut messages = Vec::new();
    let (mut total, mut i) = (0, 0);
    while total < size {
        let mut m = String::new();
        while m.len() < 2048.min(size) {
            m.push_str(&pieces[(i * 7) % pieces.len()]);
            m.push(' ');
            i += 1;
        }
        total += m.len() + 40;
        messages.push(m);
    }
    messages
}

fn chat_body(size: usize) -> Vec<u8> {
    let messages: Vec<serde_json::Value> = prose(size)
        .into_iter()
        .enumerate()
        .map(|(i, m)| serde_json::json!({"role": if i % 2 == 0 { "user" } else { "assistant" }, "content": m}))
        .collect();
    serde_json::json!({"model": "gpt-4o", "temperature": 0.2, "messages": messages})
        .to_string()
        .into_bytes()
}

fn gzip(body: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = gz.write_all(body);
    gz.finish().unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
    let policy = ServicePolicy::default();
    let limits = Limits::default();
    for (name, size) in [
        ("1KiB", 1 << 10),
        ("10KiB", 10 << 10),
        ("64KiB", 64 << 10),
        ("1MiB", 1 << 20),
    ] {
        let body = chat_body(size);
        let compressed = gzip(&body);
        let text = extract(&body, Some("application/json"), &limits)
            .map(|d| d.text)
            .unwrap_or_default();
        let mut group = c.benchmark_group(format!("inspect_{name}"));
        if size >= 1 << 20 {
            group.sample_size(20);
        }
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function(BenchmarkId::new("baseline_scan_only", "chat"), |b| {
            b.iter(|| detectors.scan(std::hint::black_box(&text)))
        });
        for (label, bytes, encoding) in
            [("plain", &body, None), ("gzip", &compressed, Some("gzip"))]
        {
            let request = Request {
                body: bytes,
                content_type: Some("application/json"),
                content_encoding: encoding,
                ..Request::default()
            };
            group.bench_function(BenchmarkId::new("inspect", label), |b| {
                b.iter(|| inspect(&detectors, &policy, std::hint::black_box(&request), &limits))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
