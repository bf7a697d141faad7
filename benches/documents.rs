//! Document readers' throughput: each format's reader (through the dispatch, as the proxy and
//! `sluss scan` call it) on a realistic file made by LibreOffice (tests/data/documents/bench,
//! sources and how they were made in tests/data/documents/source/make_bench.py): a report of
//! about 180 kB of text, a register of 4,000 rows, 60 slides with notes. Throughput is in the
//! file's bytes. The baseline, measured in the same run over the same bytes, is memchr's
//! `memmem` looking for a personnummer prefix; report ratios against it (the machine is shared
//! and absolute figures move).

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sluss::body::{Limits, extract_named};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/documents/bench");

/// (file, declared type)
const FILES: &[(&str, &str)] = &[
    (
        "bench.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ("bench.odt", "application/vnd.oasis.opendocument.text"),
    ("bench.rtf", "application/rtf"),
    ("bench.html", "text/html"),
    ("bench.pdf", "application/pdf"),
    (
        "bench.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (
        "bench.ods",
        "application/vnd.oasis.opendocument.spreadsheet",
    ),
    (
        "bench.pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    (
        "bench.odp",
        "application/vnd.oasis.opendocument.presentation",
    ),
    ("bench.csv", "text/csv"),
    ("bench.md", "text/markdown"),
];

fn bench(c: &mut Criterion) {
    let limits = Limits {
        budget: Duration::from_secs(60),
        ..Limits::default()
    };
    let mut group = c.benchmark_group("documents");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for (name, content_type) in FILES {
        let file =
            std::fs::read(format!("{DATA}/{name}")).unwrap_or_else(|e| unreachable!("{name}: {e}"));
        let text = extract_named(&file, Some(content_type), Some(name), &limits)
            .map(|d| d.text)
            .unwrap_or_else(|e| unreachable!("{name}: {e}"));
        eprintln!("{name}: {} bytes, {} bytes of text", file.len(), text.len());
        group.throughput(Throughput::Bytes(file.len() as u64));
        group.bench_with_input(BenchmarkId::new("read", name), &file, |b, file| {
            b.iter(|| {
                extract_named(black_box(file), Some(content_type), Some(name), &limits)
                    .map(|d| d.text.len())
            })
        });
        group.bench_with_input(BenchmarkId::new("memchr", name), &file, |b, file| {
            b.iter(|| memchr::memmem::find_iter(black_box(file), b"850101").count())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
