//! Hand-written, realistic municipal prompts (tests/data/detection-cases.toml) run through the
//! detectors and the default policy.
//!
//! Each case says whether the default policy should block or allow it, and optionally which
//! kinds must (`kinds`) or must not (`absent`) be found with confidence medium or higher. Every
//! failing case is printed; the test asserts an overall pass rate (see `MIN_PASS_RATE`). Run with
//! `--nocapture` to see the table.

use serde::Deserialize;
use sluss::detect::{Confidence, Date, Detectors, Finding, Kind};
use sluss::policy::{ServicePolicy, Verdict, decide};

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    expect: Expect,
    #[serde(default)]
    kinds: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    note: String,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
enum Expect {
    Block,
    Allow,
}

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 23,
};

/// The share of cases that must pass. When the cases were written (independently of the
/// detectors), 226 of 242 passed (93.39 %); the detectors were then fixed for the causes the
/// failures showed, and all 242 pass. A drop below 97 % is a regression.
const MIN_PASS_RATE: f64 = 0.97;

fn parse_kind(name: &str) -> Kind {
    Kind::parse(name)
        .unwrap_or_else(|| unreachable!("unknown kind {name:?} in detection-cases.toml"))
}

fn acted(findings: &[Finding], kind: Kind) -> bool {
    findings
        .iter()
        .any(|f| f.kind == kind && f.confidence >= Confidence::Medium)
}

#[test]
fn detection_cases_meet_the_policy() {
    let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
    let policy = ServicePolicy::default();
    let cases: Cases = toml::from_str(include_str!("data/detection-cases.toml"))
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert!(!cases.case.is_empty(), "no cases in detection-cases.toml");

    let mut passed = 0usize;
    let (mut false_blocks, mut missed_blocks, mut kind_errors) = (0usize, 0usize, 0usize);
    let mut report = String::new();
    for (i, case) in cases.case.iter().enumerate() {
        let findings = detectors.scan_on(&case.text, TODAY);
        let verdict = decide(&policy, &findings);
        let got = match verdict {
            Verdict::Block { .. } => "block",
            Verdict::Allow => "allow",
            Verdict::Redact { .. } => "redact",
        };
        let verdict_ok = match case.expect {
            Expect::Block => matches!(verdict, Verdict::Block { .. }),
            Expect::Allow => verdict == Verdict::Allow,
        };
        let missing: Vec<&str> = case
            .kinds
            .iter()
            .filter(|k| !acted(&findings, parse_kind(k)))
            .map(String::as_str)
            .collect();
        let unwanted: Vec<&str> = case
            .absent
            .iter()
            .filter(|k| acted(&findings, parse_kind(k)))
            .map(String::as_str)
            .collect();
        if verdict_ok && missing.is_empty() && unwanted.is_empty() {
            passed += 1;
            continue;
        }
        let problem = if !verdict_ok {
            match case.expect {
                Expect::Allow => {
                    false_blocks += 1;
                    "FALSE BLOCK"
                }
                Expect::Block => {
                    missed_blocks += 1;
                    "MISSED BLOCK"
                }
            }
        } else {
            kind_errors += 1;
            "KINDS"
        };
        let shown: Vec<String> = findings
            .iter()
            .map(|f| {
                format!(
                    "{} {} {} {:?}",
                    f.kind,
                    f.rule,
                    f.confidence.as_str(),
                    case.text.get(f.span.clone()).unwrap_or("?")
                )
            })
            .collect();
        report.push_str(&format!(
            "#{:<3} {problem}: expected {:?}, got {got}\n     text:     {:?}\n     note:     {}\n",
            i + 1,
            case.expect,
            case.text,
            case.note
        ));
        if !missing.is_empty() {
            report.push_str(&format!("     missing:  {missing:?}\n"));
        }
        if !unwanted.is_empty() {
            report.push_str(&format!("     unwanted: {unwanted:?}\n"));
        }
        report.push_str(&format!("     findings: {shown:?}\n"));
    }

    let total = cases.case.len();
    let rate = passed as f64 / total as f64;
    let blocks = cases
        .case
        .iter()
        .filter(|c| c.expect == Expect::Block)
        .count();
    println!("{report}");
    println!(
        "detection cases: {passed}/{total} passed ({:.2} %); {blocks} block, {} allow; \
         failures: {false_blocks} false block, {missed_blocks} missed block, {kind_errors} kinds only",
        100.0 * rate,
        total - blocks
    );
    assert!(
        rate >= MIN_PASS_RATE,
        "pass rate {:.2} % is below {:.2} %",
        100.0 * rate,
        100.0 * MIN_PASS_RATE
    );
}
