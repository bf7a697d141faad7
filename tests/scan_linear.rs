//! The scanner's time grows with the text, not with its square: every rule reads a bounded
//! window around its candidate. Texts without line breaks are the hard case (a rule that reads
//! back "to the start of the line" reads back to the start of the text); the shapes below are
//! those of names, lists and prose that every rule sees.
//!
//! A rule that read back to the line start from every capitalised word (a name written
//! surname first, twelfth round) made 64 KiB of prose take 8× as long; this test fails on it.
//! So does one that copied the text before every capitalised word that is no name (thirteenth
//! round: 1 MiB of clean prose took 90× as long as it should).

use std::time::{Duration, Instant};

use sluss::detect::{Date, Detectors};

/// `unit` repeated to at least `size` bytes, one line.
fn repeated(unit: &str, size: usize) -> String {
    let mut text = String::with_capacity(size + unit.len());
    while text.len() < size {
        text.push_str(unit);
    }
    text
}

/// The fastest of three scans of `text`.
fn scan_time(detectors: &Detectors, text: &str) -> Duration {
    let today = Date::today();
    (0..3)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(detectors.scan_in_parts(text, today, 1));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn eight_times_the_text_takes_about_eight_times_as_long() {
    let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
    let units = [
        "Berg, Anna och Lund, Karin träffade Holm, Per på mötet om budgeten. ",
        "Mötet leddes av Anna Berg. Karin Lund, Per Holm och Eva Ek deltog: ",
        "Vi diskuterade Storgatan 5 – Omfattas av sekretess – och Björkvägen 12 | ",
        // Capitalised words that are no names: every one goes through the name rules.
        "Kommunstyrelsen gav Skolverket, Region Uppsala och The Board ett uppdrag. ",
        // Chat JSON: its line breaks are escapes, the physical line is the whole body, and a
        // stamp after a heading and a dash looks back for the text before its line (sixteenth
        // round: 64 KiB of chat took 15 % longer).
        "Rapport om läget – KONFIDENTIELL\\nSammanfatta: Utkast – ej för publicering\\n",
    ];
    for unit in units {
        let (small, large) = (repeated(unit, 64 << 10), repeated(unit, 512 << 10));
        // Warm the lazily built parts before timing.
        scan_time(&detectors, &small);
        let (t1, t8) = (scan_time(&detectors, &small), scan_time(&detectors, &large));
        let ratio = t8.as_secs_f64() / t1.as_secs_f64().max(1e-9);
        eprintln!("{unit:?}: 64 KiB {t1:?}, 512 KiB {t8:?}, ratio {ratio:.1}");
        // Linear is 8; quadratic would be 64.
        assert!(
            ratio < 16.0,
            "8× the text took {ratio:.1}× the time: {unit:?}"
        );
    }
}
