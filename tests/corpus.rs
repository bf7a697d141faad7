//! Detection quality on the labelled Swedish corpus (tests/data/corpus.jsonl).
//!
//! The targets of issue 2 were recall >= 99.5 % (`pnr_plain`, `coord`), >= 97 %
//! (`pnr_evasion`), interception >= 95 % (`marker`, `sensitive_id`) and false interception
//! <= 2 %; every group now reaches 100 % and 0 %, so the bounds are those: any new miss or
//! false interception is a regression. Run with `--nocapture` to see the
//! table; set `SLUSS_CORPUS_VERBOSE=1` to list every miss.

use std::collections::BTreeMap;

use serde::Deserialize;
use sluss::detect::{Date, Detectors, Kind};
use sluss::policy::{ServicePolicy, Verdict, decide};

#[derive(Deserialize)]
struct Row {
    id: String,
    group: String,
    text: String,
    expect: Expect,
}

#[derive(Deserialize)]
struct Expect {
    action: String,
    ids: Vec<ExpectedId>,
}

#[derive(Deserialize)]
struct ExpectedId {
    kind: String,
    value: String,
}

#[derive(Default)]
struct Tally {
    texts: usize,
    intercepted: usize,
    ids: usize,
    ids_found: usize,
}

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 23,
};

#[test]
fn corpus_meets_the_detection_targets() {
    let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
    let policy = ServicePolicy::default();
    let verbose = std::env::var_os("SLUSS_CORPUS_VERBOSE").is_some();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let corpus = include_str!("data/corpus.jsonl");
    for line in corpus.lines().filter(|l| !l.trim().is_empty()) {
        let row: Row = serde_json::from_str(line).unwrap_or_else(|e| unreachable!("{e}: {line}"));
        let findings = detectors.scan_on(&row.text, TODAY);
        let verdict = decide(&policy, &findings);
        let tally = tallies.entry(row.group.clone()).or_default();
        tally.texts += 1;
        let intercepted = verdict != Verdict::Allow;
        tally.intercepted += usize::from(intercepted);
        let expected_intercept = row.expect.action == "intercept";
        if verbose && intercepted != expected_intercept {
            let shown: Vec<String> = findings
                .iter()
                .map(|f| {
                    format!(
                        "{} {} {:?} {:?}",
                        f.kind,
                        f.rule,
                        f.confidence,
                        &row.text[f.span.clone()]
                    )
                })
                .collect();
            println!(
                "{} [{}] expected {} got {:?}\n  {:?}\n  {shown:?}",
                row.id, row.group, row.expect.action, verdict, row.text
            );
        }
        for id in &row.expect.ids {
            tally.ids += 1;
            let kind = Kind::parse(&id.kind);
            let found = findings
                .iter()
                .any(|f| Some(f.kind) == kind && row.text[f.span.clone()] == id.value);
            tally.ids_found += usize::from(found);
            if verbose && !found {
                println!(
                    "{} [{}] missed {} {:?} in {:?}",
                    row.id, row.group, id.kind, id.value, row.text
                );
            }
        }
    }
    println!(
        "{:<18} {:>6} {:>12} {:>14}",
        "group", "texts", "intercepted", "id recall"
    );
    for (group, t) in &tallies {
        let recall = if t.ids == 0 {
            "-".to_string()
        } else {
            format!("{:.2} %", 100.0 * t.ids_found as f64 / t.ids as f64)
        };
        println!(
            "{group:<18} {:>6} {:>10.2} % {recall:>14}",
            t.texts,
            100.0 * t.intercepted as f64 / t.texts as f64
        );
    }
    // A group missing from the corpus is an error, never a rate of 0 (which would pass every
    // false-interception bound).
    let tally = |g: &str| {
        tallies
            .get(g)
            .filter(|t| t.texts > 0)
            .unwrap_or_else(|| unreachable!("the corpus has no texts in group {g}"))
    };
    let rate = |g: &str| {
        let t = tally(g);
        t.intercepted as f64 / t.texts as f64
    };
    let recall = |g: &str| {
        let t = tally(g);
        assert!(t.ids > 0, "group {g} lists no identity numbers");
        t.ids_found as f64 / t.ids as f64
    };
    assert!(
        recall("pnr_plain") == 1.0,
        "pnr_plain recall {}",
        recall("pnr_plain")
    );
    assert!(recall("coord") == 1.0, "coord recall {}", recall("coord"));
    assert!(
        recall("pnr_evasion") == 1.0,
        "pnr_evasion recall {}",
        recall("pnr_evasion")
    );
    assert!(
        rate("marker") == 1.0,
        "marker interception {}",
        rate("marker")
    );
    assert!(
        rate("sensitive_id") == 1.0,
        "sensitive_id interception {}",
        rate("sensitive_id")
    );
    for g in ["trap", "marker_generic", "sensitive_generic"] {
        assert!(rate(g) == 0.0, "{g} false interception {}", rate(g));
    }
    assert_eq!(rate("clean"), 0.0, "clean texts must never be intercepted");
}
