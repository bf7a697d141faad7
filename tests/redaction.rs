//! Redaction properties (proptest): for any JSON document, redacting the identity numbers found
//! in it yields valid JSON with the same structure (a redacted number becomes a string), every
//! string and number without a finding unchanged,
//! and no redacted number left anywhere in the body; form bodies stay valid forms.

use std::sync::LazyLock;

use proptest::prelude::*;
use serde_json::Value;
use sluss::body::json::{Event, JsonError};
use sluss::body::{Limits, extract};
use sluss::detect::{Date, Detectors, Finding};

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 23,
};

static DETECTORS: LazyLock<Detectors> =
    LazyLock::new(|| Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}")));

/// String pieces: test numbers in several forms and disguises, prose, and JSON-hostile
/// characters (quotes, backslashes, control characters, non-ASCII).
const PIECES: &[&str] = &[
    "850101-2382",
    "19850101-2382",
    "８５０１０１-２３８２",
    "8501\u{200B}01-2382",
    "900179-2382",
    "Sökande ",
    "pnr ",
    " har ringt",
    "\"",
    "\\",
    "\n",
    "\t",
    "\u{1}",
    "åäö",
    "😀",
    " ",
    "x",
    "1",
    "<b>",
    "&amp;",
    "/",
];

fn string() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..6).prop_map(|v| v.concat())
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        string().prop_map(Value::String),
        any::<i32>().prop_map(Value::from),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::Null),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((string(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// Writes `value` as JSON, with non-ASCII characters as `\u` escapes when `ascii` is set.
fn write(value: &Value, ascii: bool) -> String {
    let text = serde_json::to_string(value).unwrap_or_default();
    if !ascii {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// Every string and number in `value` (keys and values), in document order, as text. Numbers
/// are inspected too; a redacted one becomes a string.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Number(n) => out.push(n.to_string()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(members) => {
            for (k, v) in members {
                out.push(k.clone());
                strings(v, out);
            }
        }
        _ => {}
    }
}

fn identity_numbers(text: &str) -> Vec<Finding> {
    DETECTORS
        .scan_on(text, TODAY)
        .into_iter()
        .filter(|f| f.kind.is_identity_number())
        .collect()
}

/// Strings that look like JSON or form data are opened as nested documents; keep the
/// comparison to plain strings.
fn nested_looking(s: &str) -> bool {
    let t = s.trim_start();
    t.starts_with('{') || t.starts_with('[') || sluss::body::form::looks_like_form(s)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn json_redaction_keeps_json_valid_and_other_strings_unchanged(value in json_value(), ascii in any::<bool>()) {
        let body = write(&value, ascii);
        let doc = extract(body.as_bytes(), Some("application/json"), &Limits::default())
            .unwrap_or_else(|e| unreachable!("{e}: {body}"));
        let findings = identity_numbers(&doc.text);
        let edits: Vec<_> = findings.iter().map(|f| (f.span.clone(), f.kind.placeholder())).collect();
        let redacted = doc.redact(&edits).unwrap_or_else(|e| unreachable!("{e}"));
        let parsed: Result<Value, _> = serde_json::from_slice(&redacted);
        prop_assert!(parsed.is_ok(), "redaction broke the JSON: {}", String::from_utf8_lossy(&redacted));
        // Compare string by string in document order (a map would merge keys redacted alike).
        let (mut before, mut after) = (Vec::new(), Vec::new());
        strings(&value, &mut before);
        let read = sluss::body::json::read(&redacted, 256, |event| {
            match event {
                Event::Key(s) | Event::String(s) => after.push(s.value.into_owned()),
                Event::Number(range) => {
                    after.push(String::from_utf8_lossy(&redacted[range]).into_owned());
                }
                _ => {}
            }
            Ok::<(), JsonError>(())
        });
        prop_assert!(read.is_ok());
        prop_assert_eq!(before.len(), after.len());
        for (b, a) in before.iter().zip(&after) {
            if nested_looking(b) {
                continue;
            }
            if identity_numbers(b).is_empty() {
                prop_assert_eq!(b, a);
            } else {
                prop_assert!(identity_numbers(a).is_empty(), "{a:?} still holds a number");
            }
        }
        // Nothing found before survives anywhere in the new body.
        let again = extract(&redacted, Some("application/json"), &Limits::default())
            .unwrap_or_else(|e| unreachable!("{e}"));
        prop_assert!(identity_numbers(&again.text).is_empty());
        if findings.is_empty() {
            prop_assert_eq!(redacted, body.into_bytes());
        }
    }

    #[test]
    fn form_redaction_keeps_a_valid_form(pairs in proptest::collection::vec((string(), string()), 1..6)) {
        let body: String = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", sluss::body::form::encode(k), sluss::body::form::encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let doc = extract(body.as_bytes(), Some("application/x-www-form-urlencoded"), &Limits::default())
            .unwrap_or_else(|e| unreachable!("{e}"));
        let findings = identity_numbers(&doc.text);
        let edits: Vec<_> = findings.iter().map(|f| (f.span.clone(), f.kind.placeholder())).collect();
        let redacted = doc.redact(&edits).unwrap_or_else(|e| unreachable!("{e}"));
        let decoded: Vec<(String, String)> = form_urlencoded::parse(&redacted).into_owned().collect();
        prop_assert_eq!(decoded.len(), pairs.len());
        for ((k, v), (rk, rv)) in pairs.iter().zip(&decoded) {
            for (before, after) in [(k, rk), (v, rv)] {
                if identity_numbers(before).is_empty() {
                    prop_assert_eq!(before, after);
                } else {
                    prop_assert!(identity_numbers(after).is_empty());
                }
            }
        }
    }
}
