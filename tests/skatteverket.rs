//! Skatteverket's official test numbers and the personnummer.dev shared cases.
//!
//! Every one of the 41,129 test personnummer and 2,264 test samordningsnummer must be found in
//! each plain written form, with the exact span; the verdicts of `list.json` and
//! `orgnumber.json` must agree (one deliberate difference: SPEC.md accepts a space separator,
//! which personnummer.dev rejects).

use serde::Deserialize;
use sluss::detect::{Date, Detectors, Kind};

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 23,
};

fn detectors() -> Detectors {
    Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"))
}

/// The plain written forms of a 12-digit number: long and short, with and without separator,
/// and with a space. The short form uses `+` from the year the holder turns 100.
fn forms(twelve: &str) -> Vec<String> {
    let year: i32 = twelve[..4].parse().unwrap_or(0);
    let sep = if TODAY.year - year >= 100 { '+' } else { '-' };
    let (date, tail) = (&twelve[..8], &twelve[8..]);
    vec![
        twelve.to_string(),
        format!("{date}-{tail}"),
        format!("{}{sep}{tail}", &date[2..]),
        twelve[2..].to_string(),
        format!("{} {tail}", &date[2..]),
    ]
}

fn found(detectors: &Detectors, written: &str, kind: Kind) -> bool {
    let text = format!("Uppgiften gäller {written} och ska kontrolleras.");
    let start = "Uppgiften gäller ".len();
    detectors
        .scan_on(&text, TODAY)
        .iter()
        .any(|f| f.kind == kind && f.span == (start..start + written.len()))
}

fn check_all(file: &str, kind: Kind) {
    let detectors = detectors();
    let numbers: Vec<String> = serde_json::from_str(file).unwrap_or_else(|e| unreachable!("{e}"));
    let mut missed = Vec::new();
    let mut checked = 0;
    for number in &numbers {
        for form in forms(number) {
            checked += 1;
            if !found(&detectors, &form, kind) {
                missed.push(form);
            }
        }
    }
    println!(
        "{kind}: {checked} written forms of {} numbers, {} missed",
        numbers.len(),
        missed.len()
    );
    assert!(
        missed.is_empty(),
        "missed {} of {checked}: {:?}",
        missed.len(),
        &missed[..missed.len().min(20)]
    );
}

#[test]
fn every_test_personnummer_is_found_in_every_plain_form() {
    check_all(
        include_str!("data/personnummer-meta/allPins.json"),
        Kind::Personnummer,
    );
}

#[test]
fn every_test_samordningsnummer_is_found_in_every_plain_form() {
    check_all(
        include_str!("data/personnummer-meta/allCoords.json"),
        Kind::Samordningsnummer,
    );
}

#[derive(Deserialize)]
struct MetaCase {
    #[serde(default)]
    long_format: String,
    short_format: String,
    separated_format: String,
    #[serde(default)]
    separated_long: String,
    valid: bool,
    #[serde(rename = "type")]
    kind: String,
}

#[test]
fn personnummer_dev_verdicts_agree() {
    let detectors = detectors();
    let cases: Vec<MetaCase> =
        serde_json::from_str(include_str!("data/personnummer-meta/list.json")).unwrap_or_default();
    assert_eq!(cases.len(), 14);
    for case in cases {
        let kind = if case.kind == "con" {
            Kind::Samordningsnummer
        } else {
            Kind::Personnummer
        };
        for form in [
            &case.long_format,
            &case.short_format,
            &case.separated_format,
            &case.separated_long,
        ] {
            // personnummer.dev rejects a space separator; SPEC.md requires it to be accepted.
            let expected = case.valid || form.contains(' ');
            assert_eq!(
                found(&detectors, form, kind),
                expected,
                "{form} ({})",
                case.kind
            );
            if !expected {
                let text = format!("Uppgiften gäller {form} och ska kontrolleras.");
                assert!(
                    !detectors
                        .scan_on(&text, TODAY)
                        .iter()
                        .any(|f| f.kind.is_identity_number()),
                    "{form} must not be an identity number"
                );
            }
        }
    }
}

#[test]
fn organisation_numbers_are_never_identity_numbers() {
    let detectors = detectors();
    let cases: Vec<MetaCase> =
        serde_json::from_str(include_str!("data/personnummer-meta/orgnumber.json"))
            .unwrap_or_default();
    assert_eq!(cases.len(), 6);
    for case in cases {
        for form in [&case.short_format, &case.separated_format] {
            let text = format!("Organisationsnummer {form}.");
            assert!(
                !detectors
                    .scan_on(&text, TODAY)
                    .iter()
                    .any(|f| f.kind.is_identity_number()),
                "{form}"
            );
        }
    }
}
