//! Scanning a file the way the proxy would inspect a body of its type (for `sluss scan`).

use crate::body::{Limits, Uninspectable, extract};
use crate::detect::{Detectors, Finding};
use crate::policy::{Action, ServicePolicy, Verdict, decide};

/// What scanning one input found.
#[derive(Debug)]
pub struct Report {
    /// What the proxy would do.
    pub verdict: Verdict,
    /// Findings, with spans in the input's own bytes.
    pub findings: Vec<Finding>,
}

impl Report {
    /// The action the proxy would take.
    pub fn action(&self) -> Action {
        self.verdict.action()
    }
}

/// The content type a file would be sent with, from its name: `.json` as JSON, `.docx` as a
/// Word document, anything else as text (UTF-8, or Windows-1252 when not UTF-8).
pub fn content_type_for(name: &str) -> &'static str {
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "json" => "application/json",
        "jsonl" | "ndjson" => "application/x-ndjson",
        "docx" => crate::body::multipart::DOCX_TYPE,
        _ => "text/plain",
    }
}

/// The UTF-16 byte order of a text file, if it is one: a byte-order mark says so, and without
/// one (Windows often saves so) the zero bytes do: text in UTF-16 of any Latin script has a zero
/// high byte in most code units and almost never a zero low byte. Returns the charset label.
pub fn utf16_charset(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Some("utf-16le");
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Some("utf-16be");
    }
    // A sample is enough to tell; UTF-8 text has no zero bytes at all.
    let sample = &bytes[..bytes.len().min(UTF16_SAMPLE) & !1];
    let units = sample.len() / 2;
    if units < 2 || memchr::memchr(0, sample).is_none() {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let mostly = |n: usize| n * 10 >= units * 4;
    let rarely = |n: usize| n * 20 <= units;
    if mostly(odd) && rarely(even) {
        Some("utf-16le")
    } else if mostly(even) && rarely(odd) {
        Some("utf-16be")
    } else {
        None
    }
}

/// Bytes read to tell UTF-16 without a byte-order mark.
const UTF16_SAMPLE: usize = 64 * 1024;

/// The content type a file is inspected as: [`content_type_for`] its name, with the UTF-16
/// charset when a text file is in UTF-16.
pub fn content_type_of(name: &str, bytes: &[u8]) -> std::borrow::Cow<'static, str> {
    let by_name = content_type_for(name);
    match utf16_charset(bytes) {
        Some(charset) if by_name == "text/plain" => format!("text/plain; charset={charset}").into(),
        _ => by_name.into(),
    }
}

/// Scans an input named `name` and decides under `policy`. An input that cannot be read in its
/// format is decided by the policy's `uninspectable` action, as the proxy would.
pub fn scan_input(
    detectors: &Detectors,
    policy: &ServicePolicy,
    name: &str,
    bytes: &[u8],
) -> Result<Report, Uninspectable> {
    let limits = Limits {
        max_bytes: usize::MAX,
        ..Limits::default()
    };
    let document = extract(bytes, Some(&content_type_of(name, bytes)), &limits)?;
    let mut findings = detectors.scan(&document.text);
    for f in &mut findings {
        f.span = document.source_span(f.span.clone());
    }
    let verdict = decide(policy, &findings);
    Ok(Report { verdict, findings })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if big { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
        }
        for unit in text.encode_utf16() {
            out.extend_from_slice(&if big {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    }

    #[test]
    fn utf16_is_told_with_and_without_a_byte_order_mark() {
        let text = "Sökande: Anna Ölund, född 850101-2382, söker försörjningsstöd.";
        assert_eq!(utf16_charset(&utf16(text, false, true)), Some("utf-16le"));
        assert_eq!(utf16_charset(&utf16(text, true, true)), Some("utf-16be"));
        assert_eq!(utf16_charset(&utf16(text, false, false)), Some("utf-16le"));
        assert_eq!(utf16_charset(&utf16(text, true, false)), Some("utf-16be"));
        assert_eq!(utf16_charset(text.as_bytes()), None);
        assert_eq!(utf16_charset(b"S\xf6kande 850101-2382"), None);
        assert_eq!(utf16_charset(b"\0"), None);
    }

    #[test]
    fn a_utf16_file_is_scanned_and_offsets_point_into_its_bytes() -> Result<(), String> {
        let detectors = Detectors::embedded()?;
        let policy = ServicePolicy::default();
        let text = "Anteckning: Anna har personnummer 850101-2382.";
        for (big, bom) in [(false, true), (false, false), (true, true), (true, false)] {
            let bytes = utf16(text, big, bom);
            let report = scan_input(&detectors, &policy, "notes.txt", &bytes)
                .map_err(|e| e.to_string())?;
            assert_eq!(report.action(), Action::Block, "big {big}, bom {bom}");
            let pnr = report
                .findings
                .iter()
                .find(|f| f.kind.is_identity_number())
                .ok_or("no identity number")?;
            let expected = utf16("850101-2382", big, false);
            assert_eq!(&bytes[pnr.span.clone()], &expected[..]);
        }
        Ok(())
    }
}
