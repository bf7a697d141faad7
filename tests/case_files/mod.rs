//! Runs a file of labelled prompts (`[[case]]` with text, expect, kinds, absent, note) through
//! the detectors and the default policy, prints every failure and returns the tally.

use serde::Deserialize;
use sluss::detect::{Confidence, Date, Detectors, Finding, Kind};
use sluss::policy::{ServicePolicy, Verdict, decide};

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

/// One labelled prompt of a case file.
#[derive(Deserialize)]
pub struct Case {
    /// The prompt.
    pub text: String,
    /// What the default policy should do with it.
    pub expect: Expect,
    /// Kinds that must be found.
    #[serde(default)]
    pub kinds: Vec<String>,
    /// Kinds that must not be found.
    #[serde(default)]
    pub absent: Vec<String>,
    /// The class of the case (evaluation sets only).
    #[serde(default)]
    pub class: String,
    /// Why the case is labelled as it is.
    pub note: String,
}

/// What should happen to a case under the default policy.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
pub enum Expect {
    /// Must be stopped.
    Block,
    /// Must pass.
    Allow,
}

/// The cases of one file (`name` is for messages); a file without cases is an error.
pub fn load(name: &str, file: &str) -> Vec<Case> {
    let cases: Cases = toml::from_str(file).unwrap_or_else(|e| unreachable!("{name}: {e}"));
    assert!(!cases.case.is_empty(), "no cases in {name}");
    cases.case
}

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 23,
};

fn parse_kind(name: &str) -> Kind {
    Kind::parse(name).unwrap_or_else(|| unreachable!("unknown kind {name:?} in a case file"))
}

/// Each finding as `kind rule confidence "matched text"`, for failure reports of test cases
/// (the texts are synthetic).
pub fn describe(findings: &[Finding], text: &str) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {:?}",
                f.kind,
                f.rule,
                f.confidence.as_str(),
                text.get(f.span.clone()).unwrap_or("?")
            )
        })
        .collect()
}

/// Whether `kind` was found with confidence medium or higher.
pub fn acted(findings: &[Finding], kind: Kind) -> bool {
    findings
        .iter()
        .any(|f| f.kind == kind && f.confidence >= Confidence::Medium)
}

/// Runs every case of `file` (named `name` in messages) and asserts that at most
/// `max_failures` of them fail. The bound is the number that fails today, so that any new
/// failure is a regression that the suite reports.
pub fn assert_failures_at_most(name: &str, file: &str, max_failures: usize) {
    let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
    let policy = ServicePolicy::default();
    let cases = load(name, file);

    let mut passed = 0usize;
    let (mut false_blocks, mut missed_blocks, mut kind_errors) = (0usize, 0usize, 0usize);
    let mut report = String::new();
    for (i, case) in cases.iter().enumerate() {
        let findings = detectors.scan_on(&case.text, TODAY);
        let verdict = decide(&policy, &findings);
        let got = match verdict {
            Verdict::Block { .. } => "block",
            Verdict::Allow => "allow",
            Verdict::Redact { .. } => "redact",
            Verdict::Warn { .. } => "warn",
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
        let shown = describe(&findings, &case.text);
        report.push_str(&format!(
            "#{:<3} {problem}: expected {:?}, got {got} {}\n     text:     {:?}\n     note:     {}\n",
            i + 1,
            case.expect,
            case.class,
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

    let total = cases.len();
    let rate = passed as f64 / total as f64;
    let blocks = cases.iter().filter(|c| c.expect == Expect::Block).count();
    println!("{report}");
    println!(
        "{name}: {passed}/{total} passed ({:.2} %); {blocks} block, {} allow; \
         failures: {false_blocks} false block, {missed_blocks} missed block, {kind_errors} kinds only",
        100.0 * rate,
        total - blocks
    );
    let failures = total - passed;
    assert!(
        failures <= max_failures,
        "{name}: {failures} cases fail, at most {max_failures} may ({:.2} % pass)",
        100.0 * rate,
    );
}
