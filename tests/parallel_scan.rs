//! Large texts are scanned in parts on several threads: the findings must be exactly those of
//! one scan of the whole text, whatever the number of parts and wherever the cuts fall.

use sluss::detect::{Date, Detectors, PARALLEL_MIN};

fn corpus_texts() -> Vec<String> {
    include_str!("data/corpus.jsonl")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect()
}

/// A deterministic shuffle of the corpus texts joined by varied separators, about `size` bytes.
fn document(texts: &[String], seed: u64, size: usize) -> String {
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let separators = [" ", "\n", "\n\n", ". ", "\t", "\u{a0}", ""];
    let mut out = String::new();
    while out.len() < size {
        out.push_str(&texts[(next() % texts.len() as u64) as usize]);
        out.push_str(separators[(next() % separators.len() as u64) as usize]);
    }
    out
}

#[test]
fn findings_in_parts_equal_the_whole_scan() {
    let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
    let texts = corpus_texts();
    assert!(texts.len() > 800);
    let today = Date::new(2026, 11, 23).unwrap_or_else(|| unreachable!());
    for seed in 1..=6u64 {
        let text = document(&texts, seed.wrapping_mul(0x9E37_79B9_7F4A_7C15), 160 * 1024);
        let whole = detectors.scan_in_parts(&text, today, 1);
        assert!(whole.len() > 500, "the document must hold many findings");
        for parts in [2, 3, 5, 16, 40] {
            let split = detectors.scan_in_parts(&text, today, parts);
            assert_eq!(split, whole, "seed {seed}, {parts} parts");
        }
    }
}

#[test]
fn scan_uses_parts_for_large_texts_and_agrees_with_the_whole_scan() {
    let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
    let text = document(&corpus_texts(), 42, PARALLEL_MIN + 10_000);
    let today = Date::new(2026, 11, 23).unwrap_or_else(|| unreachable!());
    assert_eq!(
        detectors.scan_on(&text, today),
        detectors.scan_in_parts(&text, today, 1)
    );
}
