//! Scanner throughput: all detectors on Swedish prose without findings, prose with findings, and
//! an OpenAI chat JSON body, at 1 KiB, 64 KiB and 1 MiB. The baseline, measured in the same run
//! over the same bytes, is memchr counting newlines; report ratios against it (the machine is
//! shared and absolute figures move by 10–20 %).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sluss::detect::{Date, Detectors, PARALLEL_MIN};

const CORPUS: &str = include_str!("../tests/data/corpus.jsonl");

fn texts(groups: &[&str]) -> Vec<String> {
    CORPUS
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| groups.iter().any(|g| v["group"] == *g))
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect()
}

/// Repeats `pieces` (cycling with a stride so neighbours vary) until `size` bytes.
fn fill(pieces: &[String], size: usize) -> String {
    let mut out = String::with_capacity(size + 512);
    let mut i = 0;
    while out.len() < size {
        out.push_str(&pieces[(i * 7) % pieces.len()]);
        out.push(if i % 5 == 4 { '\n' } else { ' ' });
        i += 1;
    }
    let mut end = size.min(out.len());
    while !out.is_char_boundary(end) {
        end -= 1;
    }
    out.truncate(end);
    out
}

fn chat_json(content: &str) -> String {
    serde_json::json!({
        "model": "gpt-4o",
        "messages": [
            {"role": "system", "content": "Du är en hjälpsam assistent för kommunens handläggare."},
            {"role": "user", "content": content}
        ],
        "temperature": 0.2
    })
    .to_string()
}

fn bench(c: &mut Criterion) {
    let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
    let clean = texts(&["clean", "marker_generic"]);
    let mut mixed = texts(&["clean"]);
    mixed.extend(
        texts(&["pnr_plain", "sensitive_id", "marker", "pnr_evasion"])
            .into_iter()
            .step_by(9),
    );
    for (name, size) in [("1KiB", 1 << 10), ("64KiB", 64 << 10), ("1MiB", 1 << 20)] {
        let inputs = [
            ("prose_clean", fill(&clean, size)),
            ("prose_findings", fill(&mixed, size)),
            ("chat_json", {
                let overhead = chat_json("").len();
                chat_json(&fill(&clean, size.saturating_sub(overhead + size / 50)))
            }),
        ];
        let mut group = c.benchmark_group(format!("scan_{name}"));
        if size >= 1 << 20 {
            group.sample_size(30);
        }
        for (label, input) in &inputs {
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_with_input(
                BenchmarkId::new("baseline_memchr", label),
                input,
                |b, input| {
                    b.iter(|| {
                        memchr::memchr_iter(b'\n', std::hint::black_box(input.as_bytes())).count()
                    })
                },
            );
            group.bench_with_input(BenchmarkId::new("sluss", label), input, |b, input| {
                b.iter(|| detectors.scan(std::hint::black_box(input)))
            });
            if size >= PARALLEL_MIN {
                // One core: the figure per core, beside `sluss` which uses every core.
                let today = Date::today();
                group.bench_with_input(
                    BenchmarkId::new("sluss_one_core", label),
                    input,
                    |b, input| {
                        b.iter(|| detectors.scan_in_parts(std::hint::black_box(input), today, 1))
                    },
                );
            }
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
