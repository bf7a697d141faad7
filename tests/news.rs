//! Real Swedish news text (tests/data/news/, Språkbanken's Webbnyheter 2012, CC BY 4.0): public
//! text nobody in this project wrote, of the kind staff paste into an AI service to have it
//! summarised. What the default policy stops in it is either a named person's sensitive data
//! (a court report, an athlete's injury) or a false stop; the ceilings below are today's
//! counts, so that any new stop in it is a change the suite reports.
//!
//! `frozen.txt` is never studied sentence by sentence: this test prints only its totals.
//! `tuning.txt` may be read with `cargo run --release --example news_scan -- tests/data/news/tuning.txt`.

use sluss::detect::{Date, Detectors};
use sluss::policy::{ServicePolicy, Verdict, decide};

/// The day the evaluation is run for.
const TODAY: Date = Date {
    year: 2026,
    month: 12,
    day: 4,
};

/// How many passages of `per` consecutive sentences of `corpus` the default policy stops, and
/// how many passages there are.
fn stopped(corpus: &str, per: usize) -> (usize, usize) {
    let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
    let policy = ServicePolicy::default();
    let sentences: Vec<&str> = corpus.lines().collect();
    let passages: Vec<String> = sentences.chunks(per).map(|c| c.join(" ")).collect();
    let stops = passages
        .iter()
        .filter(|p| {
            matches!(
                decide(&policy, &detectors.scan_on(p, TODAY)),
                Verdict::Block { .. }
            )
        })
        .count();
    (stops, passages.len())
}

/// Asserts that at most `ceiling` passages of `per` sentences of `corpus` (named `name`) are
/// stopped, and prints the count.
fn assert_ceiling(name: &str, corpus: &str, per: usize, ceiling: usize) {
    let (stops, total) = stopped(corpus, per);
    println!(
        "{name}, {per} sentence(s) per passage: {stops}/{total} stopped ({:.2} %), ceiling {ceiling}",
        100.0 * stops as f64 / total.max(1) as f64
    );
    assert!(
        stops <= ceiling,
        "{name}: {stops} of {total} passages of {per} sentence(s) stopped, at most {ceiling} may be"
    );
}

const TUNING: &str = include_str!("data/news/tuning.txt");
const FROZEN: &str = include_str!("data/news/frozen.txt");

#[test]
fn news_sentences_are_rarely_stopped() {
    // Of the 16 tuning sentences stopped, 15 are a named person's sensitive data (judged by
    // reading: an athlete's surgery, a politician's heart failure, a sentence for murder) and 1
    // is a false stop. Before the sixth round: tuning 40 (15 right, 25 false), frozen 15; after
    // it 19 (15 right, 4 false) and 13; after the seventh 15 (14 right, 1 false) and 13 (the
    // one right stop lost: a congregation leader's view of "muslimer", now read as a group);
    // after the eighth 16 (15 right, 1 false: the new one names a suspected mass murderer,
    // "Den misstänkte gärningsmannen Adam Lanza") and 13; after the twentieth 17 (16 right: the
    // new one is a named person's prison term, "Peter Sunde dömdes … till åtta månaders
    // fängelse") and 13.
    assert_ceiling("tuning half", TUNING, 1, 17);
    assert_ceiling("frozen half", FROZEN, 1, 13);
}

#[test]
fn news_passages_of_five_unrelated_sentences_are_rarely_stopped() {
    // The corpus's sentences are shuffled: five in a row are unrelated, so a stop here links a
    // sensitive word to a name in another story. Before the sixth round: tuning 66, frozen 23;
    // after it 40 and 19; after the seventh 23 and 18; after the eighth 24 (the one more is
    // the same named suspect as above) and 18; after the ninth 23 and 17 (an official quoted
    // in an earlier sentence is no antecedent of a later "han"); after the thirteenth 22 and 17;
    // after the twentieth 23 (the same prison term as above) and 17.
    assert_ceiling("tuning half", TUNING, 5, 23);
    assert_ceiling("frozen half", FROZEN, 5, 17);
}
