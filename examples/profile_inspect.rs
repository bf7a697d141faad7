//! Profiling aid: inspects a generated 1 MiB OpenAI chat body repeatedly (`perf record` this).
use sluss::body::Limits;
use sluss::detect::Detectors;
use sluss::inspect::{Request, inspect};
use sluss::policy::ServicePolicy;

fn main() {
    let corpus = include_str!("../tests/data/corpus.jsonl");
    let pieces: Vec<String> = corpus
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["group"] == "clean")
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let mut messages = Vec::new();
    let (mut total, mut i) = (0, 0);
    while total < 1 << 20 {
        let mut m = String::new();
        while m.len() < 2048 {
            m.push_str(&pieces[(i * 7) % pieces.len()]);
            m.push(' ');
            i += 1;
        }
        total += m.len() + 40;
        messages.push(serde_json::json!({"role": "user", "content": m}));
    }
    let body = serde_json::json!({"model": "gpt-4o", "messages": messages}).to_string();
    let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
    let policy = ServicePolicy::default();
    let rounds: u32 = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    let request = Request {
        body: body.as_bytes(),
        content_type: Some("application/json"),
        ..Request::default()
    };
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        let _ = inspect(&detectors, &policy, &request, &Limits::default());
    }
    println!("{:?} per 1 MiB inspection", start.elapsed() / rounds.max(1));
    let t = std::time::Instant::now();
    for _ in 0..rounds {
        let _ = sluss::body::decode(body.as_bytes(), "", 10 << 20);
    }
    println!("  decode {:?}", t.elapsed() / rounds.max(1));
    let t = std::time::Instant::now();
    let mut text = String::new();
    for _ in 0..rounds {
        text = sluss::body::extract(
            body.as_bytes(),
            Some("application/json"),
            &Limits::default(),
        )
        .map(|d| d.text)
        .unwrap_or_default();
    }
    println!("  extract {:?}", t.elapsed() / rounds.max(1));
    let t = std::time::Instant::now();
    for _ in 0..rounds {
        let _ = detectors.scan(&text);
    }
    println!("  scan {:?}", t.elapsed() / rounds.max(1));
}
