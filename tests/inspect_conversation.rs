//! What was not inspected before issue 9: request headers and cookies, JSON numbers, and a
//! number split across two messages or two fields. Each of these delivered a clear
//! personnummer to an approved service.

use std::sync::LazyLock;

use http::{HeaderMap, HeaderName, HeaderValue};
use sluss::body::Limits;
use sluss::detect::{Detectors, Kind};
use sluss::inspect::{Inspection, Outcome, Request, inspect, is_technical_header};
use sluss::policy::{Action, PolicyOverrides, Rule, ServicePolicy};

static DETECTORS: LazyLock<Detectors> =
    LazyLock::new(|| Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}")));

const CLEAN: &str = r#"{"model":"gpt-4o","messages":[{"role":"user","content":"Skriv en inbjudan till temadagen."}]}"#;

fn redacting() -> ServicePolicy {
    ServicePolicy::default().with(&PolicyOverrides {
        personnummer: Some(Action::Redact),
        ..PolicyOverrides::default()
    })
}

fn run(body: &str, headers: Option<&HeaderMap>, policy: &ServicePolicy) -> Inspection {
    let request = Request {
        body: body.as_bytes(),
        content_type: Some("application/json"),
        headers,
        ..Request::default()
    };
    inspect(&DETECTORS, policy, &request, &Limits::default())
}

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) else {
            unreachable!("{name}: {value}")
        };
        map.append(name, value);
    }
    map
}

fn blocked_for_personnummer(inspection: &Inspection) -> bool {
    inspection.outcome
        == Outcome::Block {
            rule: Rule::Personnummer,
        }
}

#[test]
fn header_values_and_cookies_are_inspected_and_block() {
    for (name, value) in [
        ("x-patient", "850101-2382"),
        ("cookie", "session=abc123; patient=850101-2382; theme=dark"),
        ("cookie", "note=Pnr%3A%20850101%2D2382"),
        ("openai-organization", "org-850101-2382"),
        ("x-prompt", "ODUwMTAxLTIzODI="),
        (
            "referer",
            "https://intranet.kommun.se/arende?pnr=850101-2382",
        ),
    ] {
        let map = headers(&[(name, value)]);
        for policy in [ServicePolicy::default(), redacting()] {
            let inspection = run(CLEAN, Some(&map), &policy);
            // A header cannot be redacted: a redacting policy blocks too.
            assert!(
                blocked_for_personnummer(&inspection),
                "{name}: {:?} {:?}",
                inspection.outcome,
                inspection.findings
            );
        }
    }
}

#[test]
fn technical_headers_are_not_inspected_and_ordinary_ones_pass() {
    for name in [
        "authorization",
        "x-api-key",
        "user-agent",
        "sec-ch-ua",
        "anthropic-version",
        "openai-beta",
        "x-stainless-package-version",
        "content-length",
        "accept-language",
    ] {
        assert!(is_technical_header(name), "{name}");
    }
    for name in ["cookie", "openai-organization", "x-patient", "referer"] {
        assert!(!is_technical_header(name), "{name}");
    }
    let everyday = headers(&[
        ("authorization", "Bearer sk-850101-2382"),
        (
            "user-agent",
            "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0",
        ),
        ("openai-organization", "org-AbCdEf123456"),
        ("openai-project", "proj_9XyZ12345"),
        (
            "cookie",
            "_ga=GA1.1.1234567890.1712345678; oai-did=2f1c9b9e-5d0a-4a57-9a8e-0c4b1d2e3f40; __cf_bm=Xy.z-1712345678-1.0.1.1-AbCdEfGhIj",
        ),
        ("x-request-id", "req_0123456789abcdef"),
        ("x-stainless-retry-count", "0"),
        (
            "traceparent",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        ),
        ("x-custom-client", "kommunens-assistent/2.3.1"),
    ]);
    let inspection = run(CLEAN, Some(&everyday), &ServicePolicy::default());
    assert_eq!(
        inspection.outcome,
        Outcome::Forward,
        "{:?}",
        inspection.findings
    );
}

#[test]
fn repeated_framing_headers_are_refused() {
    for name in ["content-type", "content-encoding"] {
        let map = headers(&[(name, "application/json"), (name, "text/plain")]);
        let inspection = run(CLEAN, Some(&map), &ServicePolicy::default());
        assert_eq!(
            inspection.outcome,
            Outcome::Block {
                rule: Rule::Uninspectable
            },
            "{name}"
        );
    }
}

#[test]
fn json_numbers_are_inspected_and_redacted_as_strings() {
    let body = r#"{"model":"gpt-4o","patient_id":198112189876,"messages":[{"role":"user","content":"Sammanfatta journalen."}]}"#;
    assert!(blocked_for_personnummer(&run(
        body,
        None,
        &ServicePolicy::default()
    )));
    let redacted = run(body, None, &redacting());
    let Outcome::Replace { body: new_body, .. } = redacted.outcome else {
        unreachable!("{:?}", redacted.outcome)
    };
    let value: serde_json::Value = serde_json::from_slice(&new_body).unwrap_or_default();
    assert_eq!(value["patient_id"], "[PERSONNUMMER]");
    assert_eq!(value["messages"][0]["content"], "Sammanfatta journalen.");
}

#[test]
fn a_number_split_across_two_messages_is_one_number() {
    let split = [
        // Bare, across two user messages.
        (r#"{"messages":[{"role":"user","content":"Personen har nummer 850101"},{"role":"user","content":"2382 och bor i Malmö."}]}"#),
        // With its separator, across two messages and an assistant turn between.
        (r#"{"messages":[{"role":"user","content":"Pnr 850101-"},{"role":"assistant","content":"Fortsätt."},{"role":"user","content":"2382"}]}"#),
        // Across two content parts of different messages (Anthropic shape).
        (r#"{"messages":[{"role":"user","content":[{"type":"text","text":"19850101"}]},{"role":"user","content":[{"type":"text","text":"-2382"}]}]}"#),
        // A prompt list.
        (r#"{"model":"text-embedding-3-small","input":["850101","2382"]}"#),
    ];
    for body in split {
        let inspection = run(body, None, &ServicePolicy::default());
        assert!(
            blocked_for_personnummer(&inspection),
            "{body}: {:?} {:?}",
            inspection.outcome,
            inspection.findings
        );
        let evidence: Vec<&str> = inspection.evidence().map(|(_, m)| m.expose()).collect();
        assert!(
            evidence
                .iter()
                .any(|m| m.contains("850101") && m.contains("2382")),
            "{evidence:?}"
        );
    }
}

#[test]
fn a_number_with_its_separator_split_across_two_fields_is_found() {
    for body in [
        r#"{"first":"850101-","second":"2382"}"#,
        r#"{"a":{"date":"850101"},"b":{"rest":"-2382"}}"#,
        r#"{"date":"850101","rest":-2382}"#,
    ] {
        let inspection = run(body, None, &ServicePolicy::default());
        assert!(
            blocked_for_personnummer(&inspection),
            "{body}: {:?}",
            inspection.findings
        );
    }
}

#[test]
fn unrelated_values_do_not_join_into_a_number() {
    // The intent of `unrelated_strings_are_separated`: two fields that are not conversation
    // text never join without a separator.
    for body in [
        r#"{"id":"850101","code":"2382"}"#,
        r#"{"messages":[{"role":"user","content":"Hej"}],"metadata":{"order":"850101","line":"2382"}}"#,
        r#"{"sizes":[850101,2382]}"#,
        r#"{"messages":[{"role":"user","content":"Vi ses 850101"}],"max_tokens":2382}"#,
    ] {
        let inspection = run(body, None, &ServicePolicy::default());
        assert_eq!(
            inspection.outcome,
            Outcome::Forward,
            "{body}: {:?}",
            inspection.findings
        );
    }
}

#[test]
fn a_number_across_two_messages_is_redacted_in_both() {
    let body = r#"{"messages":[{"role":"user","content":"Pnr 850101"},{"role":"user","content":"-2382 ringer."}]}"#;
    let inspection = run(body, None, &redacting());
    let Outcome::Replace {
        body: new_body,
        redactions,
        ..
    } = inspection.outcome
    else {
        unreachable!("{:?}", inspection.outcome)
    };
    assert_eq!(redactions, 1);
    let value: serde_json::Value = serde_json::from_slice(&new_body).unwrap_or_default();
    assert_eq!(value["messages"][0]["content"], "Pnr [PERSONNUMMER]");
    assert_eq!(value["messages"][1]["content"], " ringer.");
    assert!(
        inspection
            .findings
            .iter()
            .any(|f| f.kind == Kind::Personnummer)
    );
}
