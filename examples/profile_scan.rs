//! Profiling aid: scans a generated 1 MiB Swedish text repeatedly (`perf record` this).
//!
//! `profile_scan [group|mixed|chat] [rounds] [size in KiB]`: the text is scanned on one core
//! (as one whole text), after one untimed scan.
use sluss::detect::{Date, Detectors};

fn main() {
    let corpus = include_str!("../tests/data/corpus.jsonl");
    let group = std::env::args().nth(1).unwrap_or_else(|| "clean".into());
    let select = |groups: &str| -> Vec<String> {
        corpus
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|v| groups.split(',').any(|g| v["group"] == g))
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect()
    };
    // "mixed" is the benchmark's prose with findings: clean texts and every ninth of the rest.
    let pieces: Vec<String> = if group == "mixed" || group == "chat" {
        let mut p = select("clean");
        p.extend(
            select("pnr_plain,sensitive_id,marker,pnr_evasion")
                .into_iter()
                .step_by(9),
        );
        p
    } else {
        select(&group)
    };
    let pieces = if group == "chat" {
        select("clean,marker_generic")
    } else {
        pieces
    };
    let size: usize = std::env::args()
        .nth(3)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1024)
        << 10;
    let mut text = String::new();
    let mut i = 0;
    while text.len() < size {
        text.push_str(&pieces[(i * 7) % pieces.len()]);
        text.push(' ');
        i += 1;
    }
    if group == "chat" {
        text = serde_json::json!({"model": "gpt-4o", "messages": [
            {"role": "user", "content": text}]})
        .to_string();
    }
    let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
    let today = Date::today();
    let mut n = detectors.scan_in_parts(&text, today, 1).len();
    let start = std::time::Instant::now();
    let rounds: u32 = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(30);
    // The fastest round of each: on a shared machine the minimum is the figure least disturbed
    // by other processes; memchr over the same bytes is the baseline of the same run.
    let (mut best, mut best_memchr) = (std::time::Duration::MAX, std::time::Duration::MAX);
    for _ in 0..rounds {
        let t = std::time::Instant::now();
        n += detectors.scan_in_parts(&text, today, 1).len();
        best = best.min(t.elapsed());
        let t = std::time::Instant::now();
        std::hint::black_box(
            memchr::memchr_iter(b'\n', std::hint::black_box(text.as_bytes())).count(),
        );
        best_memchr = best_memchr.min(t.elapsed());
    }
    let per = start.elapsed() / rounds.max(1);
    println!(
        "{n} findings, {per:?} per scan of {} bytes; fastest {best:?}, memchr {best_memchr:?}, ratio {:.0}",
        text.len(),
        best.as_secs_f64() / best_memchr.as_secs_f64()
    );
}
