//! End-to-end inspection (decode + extract + scan + decide) of OpenAI-style chat bodies of
//! 1 KiB, 10 KiB, 64 KiB and 1 MiB, plain and gzip, against the bare scanner on the same text
//! measured in the same run. Targets (issue 3): 1 MiB in under 10 ms, 10 KiB under 100 µs.
//!
//! Issue 9 paths, each against the scan of its extracted text in the same run: a chat body with
//! a 256 KiB text file as a base64 `data:` URL (Responses `input_file`) and an Anthropic base64
//! document; the 1 MiB body nested 120 deep around 330,000 empty strings, the same around
//! one-letter strings, and the 150 KB body with a `role` member 100 deep (both read with a
//! depth limit of 128, so they are walked, not refused); and a 1 KB zstd body that expands to
//! 10 MiB of first names.

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

/// A Responses-API body with `text` as a base64 `data:` URL file, and an Anthropic body with
/// the same as a base64 document source.
fn base64_bodies(text: &str) -> [(&'static str, Vec<u8>); 2] {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(text);
    let responses = serde_json::json!({"model": "gpt-4.1", "input": [{"role": "user", "content": [
        {"type": "input_file", "filename": "underlag.txt", "file_data": format!("data:text/plain;base64,{b64}")},
        {"type": "input_text", "text": "Sammanfatta underlaget."}]}]});
    let anthropic = serde_json::json!({"model": "claude-sonnet-4", "max_tokens": 1024, "messages": [{"role": "user", "content": [
        {"type": "document", "source": {"type": "base64", "media_type": "text/plain", "data": b64}},
        {"type": "text", "text": "Sammanfatta underlaget."}]}]});
    [
        ("responses_data_url", responses.to_string().into_bytes()),
        ("anthropic_base64", anthropic.to_string().into_bytes()),
    ]
}

/// Nested 120 deep (objects and arrays in turn) around `count` copies of `item`.
fn wide_and_deep(item: &str, count: usize) -> Vec<u8> {
    let mut body = String::new();
    body.push_str(&"{\"a\":[".repeat(60));
    body.push_str(&vec![item; count].join(","));
    body.push_str(&"]}".repeat(60));
    body.into_bytes()
}

/// A chat message of 10 MiB of first names, zstd-compressed to about a kilobyte (issue 9: it
/// cost 0.3 to 0.6 s of CPU; the inspection budget covers decoding, extraction and scanning).
fn names_zstd() -> Vec<u8> {
    let names: Vec<&str> = include_str!("../patterns/names/given.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .take(50)
        .collect();
    let mut text = String::with_capacity(10 << 20);
    let mut i = 0;
    while text.len() < (10 << 20) - 200 {
        text.push_str(names[i % names.len()]);
        text.push(' ');
        i += 1;
    }
    let body = serde_json::json!({"messages": [{"role": "user", "content": text}]}).to_string();
    zstd::encode_all(body.as_bytes(), 19).unwrap_or_default()
}

/// 100 levels of objects, a `role` member at the bottom and 37,000 short strings beside it.
fn deep_role() -> Vec<u8> {
    let mut body = "{\"x\":".repeat(100);
    body.push_str("{\"role\":\"user\",\"content\":[");
    body.push_str(&vec!["\"a\""; 37_000].join(","));
    body.push_str("]}");
    body.push_str(&"}".repeat(100));
    body.into_bytes()
}

fn bench_issue9(c: &mut Criterion) {
    let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
    let policy = ServicePolicy::default();
    let deep = Limits {
        json_depth: 128,
        ..Limits::default()
    };
    let text = prose(256 << 10).join(" ");
    let mut bodies: Vec<(&str, Vec<u8>, Limits)> = base64_bodies(&text)
        .into_iter()
        .map(|(name, body)| (name, body, Limits::default()))
        .collect();
    bodies.push(("deep_wide_empty_1MiB", wide_and_deep("\"\"", 330_000), deep));
    bodies.push((
        "deep_wide_letters_1MiB",
        wide_and_deep("\"a\"", 260_000),
        deep,
    ));
    bodies.push(("deep_role_150KB", deep_role(), deep));
    bodies.push(("names_zstd_10MiB", names_zstd(), Limits::default()));
    for (name, body, limits) in bodies {
        let zstd = name.ends_with("zstd_10MiB");
        let request = Request {
            body: &body,
            content_type: Some("application/json"),
            content_encoding: zstd.then_some("zstd"),
            ..Request::default()
        };
        let inspection = inspect(&detectors, &policy, &request, &limits);
        assert!(
            inspection.uninspectable.is_none(),
            "{name}: {:?}",
            inspection.uninspectable
        );
        let decoded = sluss::body::decode(&body, if zstd { "zstd" } else { "" }, limits.max_bytes)
            .map(std::borrow::Cow::into_owned)
            .unwrap_or_default();
        let scanned = extract(&decoded, Some("application/json"), &limits)
            .map(|d| d.text)
            .unwrap_or_default();
        let mut group = c.benchmark_group(format!("issue9_{name}"));
        group.sample_size(20);
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function(BenchmarkId::new("baseline_scan_only", name), |b| {
            b.iter(|| detectors.scan(std::hint::black_box(&scanned)))
        });
        group.bench_function(BenchmarkId::new("inspect", name), |b| {
            b.iter(|| inspect(&detectors, &policy, std::hint::black_box(&request), &limits))
        });
        group.finish();
    }
}

criterion_group!(benches, bench, bench_issue9);
criterion_main!(benches);
