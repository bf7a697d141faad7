//! Invariant checks run by the fuzz targets (`fuzz/`) and, over the seed corpus, by
//! `tests/fuzz_corpus.rs`. Each returns `Err` with a description when an invariant breaks.

use crate::body::{Limits, extract};
use crate::detect::Detectors;

fn check_spans(
    doc: &crate::body::Document<'_>,
    body_len: usize,
    detectors: &Detectors,
) -> Result<(), String> {
    for f in detectors.scan(&doc.text) {
        if !doc.text.is_char_boundary(f.span.start) || !doc.text.is_char_boundary(f.span.end) {
            return Err(format!(
                "finding span {:?} not on a character boundary",
                f.span
            ));
        }
        let source = doc.source_span(f.span.clone());
        if source.start > source.end || source.end > body_len {
            return Err(format!(
                "source span {source:?} outside the body ({body_len} bytes)"
            ));
        }
    }
    Ok(())
}

/// JSON extraction: never panics; spans of findings map inside the body.
pub fn json_extract(data: &[u8], detectors: &Detectors) -> Result<(), String> {
    match extract(data, Some("application/json"), &Limits::default()) {
        Ok(doc) => check_spans(&doc, data.len(), detectors),
        Err(_) => Ok(()),
    }
}

/// Forms, multipart (boundary `B`), text in several charsets, and no type at all: the first
/// byte chooses. Extraction maps spans inside the body, and the whole inspection (with a
/// redacting policy, so redaction runs too) never panics and redacts only what it can.
pub fn forms(data: &[u8], detectors: &Detectors) -> Result<(), String> {
    let Some((&selector, body)) = data.split_first() else {
        return Ok(());
    };
    let content_type = match selector % 8 {
        0 => Some("application/x-www-form-urlencoded"),
        1 => Some("multipart/form-data; boundary=B"),
        2 => Some("text/plain; charset=windows-1252"),
        3 => Some("application/x-ndjson"),
        4 => Some("text/plain; charset=utf-16le"),
        5 => None,
        6 => Some("text/plain"),
        _ => Some("multipart/mixed; boundary=B"),
    };
    if let Ok(doc) = extract(body, content_type, &Limits::default()) {
        check_spans(&doc, body.len(), detectors)?;
    }
    inspected(body, content_type, detectors)
}

/// The whole inspection of `body` under a policy that redacts identity numbers: a redacted body
/// must read again without the numbers that were redacted.
fn inspected(body: &[u8], content_type: Option<&str>, detectors: &Detectors) -> Result<(), String> {
    use crate::inspect::{Outcome, Request, inspect};
    use crate::policy::{Action, PolicyOverrides, ServicePolicy};
    let policy = ServicePolicy::default().with(&PolicyOverrides {
        personnummer: Some(Action::Redact),
        samordningsnummer: Some(Action::Redact),
        ..PolicyOverrides::default()
    });
    let request = Request {
        body,
        content_type,
        ..Request::default()
    };
    let inspection = inspect(detectors, &policy, &request, &Limits::default());
    let Outcome::Replace {
        body: redacted,
        content_type: new_type,
        ..
    } = inspection.outcome
    else {
        return Ok(());
    };
    let content_type = new_type.as_deref().or(content_type);
    let Ok(again) = extract(&redacted, content_type, &Limits::default()) else {
        return Err("a redacted body no longer reads".into());
    };
    let left = detectors
        .scan(&again.text)
        .into_iter()
        .filter(|f| f.kind.is_identity_number())
        .count();
    if left > 0 {
        return Err(format!("{left} identity number(s) survived redaction"));
    }
    Ok(())
}

/// Redaction of every finding in a JSON body: the result is valid JSON again, and reading it
/// finds none of the identity numbers that were redacted.
pub fn redaction(data: &[u8], detectors: &Detectors) -> Result<(), String> {
    let Ok(doc) = extract(data, Some("application/json"), &Limits::default()) else {
        return Ok(());
    };
    let findings = detectors.scan(&doc.text);
    let edits: Vec<_> = findings
        .iter()
        .map(|f| (f.span.clone(), f.kind.placeholder()))
        .collect();
    let Ok(redacted) = doc.redact(&edits) else {
        return Ok(());
    };
    let again = extract(&redacted, Some("application/json"), &Limits::default())
        .map_err(|e| format!("redacted body no longer reads: {e}"))?;
    if serde_json::from_slice::<serde_json::Value>(&redacted).is_err()
        && serde_json::from_slice::<serde_json::Value>(data).is_ok()
    {
        return Err("redaction broke valid JSON".into());
    }
    let left = detectors
        .scan(&again.text)
        .into_iter()
        .filter(|f| f.kind.is_identity_number())
        .count();
    if left > 0 {
        return Err(format!("{left} identity number(s) survived redaction"));
    }
    Ok(())
}
