//! The tricky cases of research/compiled/tricky-cases.tsv (tests/data/tricky-cases.toml).
//!
//! Cases that need a body layer first (`needs = "json" | "form" | "html"`) are read through
//! `body::extract` as a body of that type; `optional` cases (letter look-alikes, interim and
//! reserve numbers) are not implemented and are listed by this test.

use serde::Deserialize;
use sluss::body::{Limits, extract};
use sluss::detect::{Confidence, Date, Detectors, Finding, Kind};

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    expect: Vec<String>,
    span: Option<String>,
    #[serde(default)]
    low_ok: bool,
    needs: Option<String>,
    #[serde(default)]
    optional: bool,
}

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 23,
};

#[test]
fn tricky_cases_agree() {
    let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
    let cases: Cases = toml::from_str(include_str!("data/tricky-cases.toml"))
        .unwrap_or_else(|e| unreachable!("{e}"));
    let mut skipped = Vec::new();
    for case in &cases.case {
        if case.optional {
            skipped.push(case.name.as_str());
            continue;
        }
        let findings = match case.needs.as_deref() {
            None => detectors.scan_on(&case.text, TODAY),
            Some(layer) => through_body(&detectors, layer, &case.text),
        };
        for expected in &case.expect {
            let kind = Kind::parse(expected).unwrap_or_else(|| unreachable!("{expected}"));
            let hit = findings.iter().find(|f| f.kind == kind);
            assert!(
                hit.is_some(),
                "{}: expected {expected} in {:?}, got {findings:?}",
                case.name,
                case.text
            );
            if let (Some(span), Some(hit)) = (&case.span, hit) {
                assert_eq!(&case.text[hit.span.clone()], span, "{}", case.name);
            }
        }
        let unexpected: Vec<_> = findings
            .iter()
            .filter(|f| f.kind.is_identity_number() || f.kind == Kind::Phone)
            .filter(|f| !case.expect.iter().any(|e| Kind::parse(e) == Some(f.kind)))
            .filter(|f| !(case.low_ok && f.confidence == Confidence::Low))
            .collect();
        assert!(
            unexpected.is_empty(),
            "{}: unexpected {unexpected:?} in {:?}",
            case.name,
            case.text
        );
    }
    println!("optional, not implemented: {skipped:?}");
    assert_eq!(skipped.len(), 4, "{skipped:?}");
}

/// Reads `text` as the body layer named by `needs`, scans it, and maps spans to the body.
fn through_body(detectors: &Detectors, needs: &str, text: &str) -> Vec<Finding> {
    let (body, content_type) = match needs {
        "json" => (format!("{{\"content\":\"{text}\"}}"), "application/json"),
        "form" => (text.to_string(), "application/x-www-form-urlencoded"),
        _ => (text.to_string(), "text/html"),
    };
    let document = extract(body.as_bytes(), Some(content_type), &Limits::default())
        .unwrap_or_else(|e| unreachable!("{needs}: {e}"));
    let mut findings = detectors.scan_on(&document.text, TODAY);
    for f in &mut findings {
        f.span = document.source_span(f.span.clone());
    }
    findings
}
