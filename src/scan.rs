//! Scanning a document: its text, and the seams between its texts; and scanning a file the way
//! the proxy would inspect a body of its type (for `sluss scan`).
//!
//! The messages of one request are one conversation: a number split across two messages, or
//! written with its separator across two fields (`"850101-"`, `"2382"`), is still one number.
//! The document's text keeps a separator between leaves (so unrelated values never join in the
//! main scan); each [`Seam`] is scanned on its own, joining the end of one text to the start of
//! the next, and only identity numbers that cross it count. A number without a separator must
//! lie across two consecutive conversation texts; across other values it needs its separator,
//! so `{"id":"850101","code":"2382"}` stays two values.

use std::ops::Range;
use std::time::Duration;

use crate::body::{Document, Limits, Seam, Uninspectable, extract_named};
use crate::detect::{Date, Detectors, Finding, identity};
use crate::policy::{Action, ServicePolicy, Verdict, decide};

/// Text read on either side of a seam: an identity number in any disguise, and the words that
/// set its confidence, fit.
const SEAM_WINDOW: usize = 320;

/// What scanning one document found.
#[derive(Debug, Default)]
pub struct DocumentFindings {
    /// Findings, with spans in the document's text (a finding across a seam spans from its
    /// first piece to its last, separators and anything between included).
    pub findings: Vec<Finding>,
    /// The text each finding covers (the pieces joined, for one across a seam).
    pub matched: Vec<String>,
    /// The text ranges redaction replaces for each finding: its span, or its two pieces.
    pub edits: Vec<Vec<Range<usize>>>,
}

/// Scans `doc`'s text and its seams, within the deadline of `limits`.
pub fn scan_document(
    detectors: &Detectors,
    doc: &Document<'_>,
    limits: &Limits,
) -> Result<DocumentFindings, Uninspectable> {
    let findings = scan_text(detectors, &doc.text, limits)?;
    let mut found = DocumentFindings {
        matched: findings
            .iter()
            .map(|f| doc.text[f.span.clone()].to_string())
            .collect(),
        edits: findings.iter().map(|f| vec![f.span.clone()]).collect(),
        findings,
    };
    let seams = doc
        .seams(|left, right| edge_is_numeric(left.chars().rev()) && edge_is_numeric(right.chars()));
    for (n, seam) in seams.iter().enumerate() {
        if n % 256 == 255 {
            limits.check()?;
        }
        seam_findings(detectors, &doc.text, seam, &mut found);
    }
    Ok(found)
}

/// Scans `text`, checking the deadline between parts of a long text (the findings are those of
/// one scan).
pub fn scan_text(
    detectors: &Detectors,
    text: &str,
    limits: &Limits,
) -> Result<Vec<Finding>, Uninspectable> {
    detectors.scan_checked(text, Date::today(), || limits.check())
}

/// Identity numbers across `seam`, unless one already covers a piece.
fn seam_findings(detectors: &Detectors, text: &str, seam: &Seam, found: &mut DocumentFindings) {
    let (left, right) = (&text[seam.left.clone()], &text[seam.right.clone()]);
    // A number across the seam has ten digits or more on its two sides together; short
    // numbers side by side (a JSON array of counts) are not scanned again.
    if edge_digits(left.chars().rev()) + edge_digits(right.chars()) < MIN_IDENTITY_DIGITS {
        return;
    }
    let mut from = left.len().saturating_sub(SEAM_WINDOW);
    while !left.is_char_boundary(from) {
        from += 1;
    }
    let mut to = SEAM_WINDOW.min(right.len());
    while !right.is_char_boundary(to) {
        to += 1;
    }
    let joined = format!("{}{}", &left[from..], &right[..to]);
    let cut = left.len() - from;
    for f in detectors.scan(&joined) {
        if !f.kind.is_identity_number() || f.span.start >= cut || f.span.end <= cut {
            continue;
        }
        let matched = &joined[f.span.clone()];
        if !seam.bare && !has_separator(matched) {
            continue;
        }
        let first = seam.left.start + from + f.span.start..seam.left.end;
        let second = seam.right.start..seam.right.start + (f.span.end - cut);
        let covered = found.findings.iter().any(|g| {
            g.kind.is_identity_number() && (overlaps(&g.span, &first) || overlaps(&g.span, &second))
        });
        if covered {
            continue;
        }
        found.matched.push(matched.to_string());
        found.edits.push(vec![first.clone(), second.clone()]);
        found.findings.push(Finding {
            span: first.start..second.end,
            ..f
        });
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// True when the first character of `chars` that is not blank or invisible is a digit or a
/// dash or plus (the parts of an identity number).
fn edge_is_numeric(mut chars: impl Iterator<Item = char>) -> bool {
    chars
        .find(|c| !c.is_whitespace() && !is_invisible(*c))
        .is_some_and(|c| c.is_numeric() || is_dash(c))
}

/// The fewest digits of an identity number (the 10-digit form).
const MIN_IDENTITY_DIGITS: usize = 10;

/// How many characters that may be digits of an identity number (digits of any script, and the
/// characters typed for them, [`identity::confusable`]) `chars` begins with, reading past
/// separators and punctuation and stopping at any other letter, within [`SEAM_WINDOW`]
/// characters.
fn edge_digits(chars: impl Iterator<Item = char>) -> usize {
    let typed_for_digit = |c: char| c.is_ascii() && identity::confusable(c as u8);
    chars
        .take(SEAM_WINDOW)
        .take_while(|&c| !c.is_alphabetic() || typed_for_digit(c))
        .filter(|&c| c.is_numeric() || typed_for_digit(c))
        .count()
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '+' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0B}' | '\u{FF0D}'
    )
}

/// True when a matched number is written with a separator (not digits alone).
fn has_separator(matched: &str) -> bool {
    matched.chars().any(|c| !c.is_numeric() && !is_invisible(c))
}

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

/// The content type a file would be sent with, from its name: the type its extension names
/// (`.json` as JSON, `.docx` as a Word document, `.html` as HTML …), `None` for a name sluss does
/// not know (then the bytes decide, as for a body sent without a type).
pub fn content_type_for(name: &str) -> Option<&'static str> {
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    Some(match extension.as_str() {
        "json" => "application/json",
        "jsonl" | "ndjson" => "application/x-ndjson",
        "txt" | "text" | "log" | "md" | "markdown" | "csv" | "tsv" | "xml" => "text/plain",
        "html" | "htm" | "xhtml" => "text/html",
        "rtf" => "application/rtf",
        "pdf" => "application/pdf",
        "docx" | "docm" | "dotx" | "dotm" => crate::body::format::DOCX_TYPE,
        "xlsx" | "xlsm" | "xltx" | "xltm" => {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
        "pptx" | "pptm" | "ppsx" | "ppsm" | "potx" | "potm" => {
            "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        }
        "odt" | "ott" => "application/vnd.oasis.opendocument.text",
        "ods" | "ots" => "application/vnd.oasis.opendocument.spreadsheet",
        "odp" | "otp" => "application/vnd.oasis.opendocument.presentation",
        _ => return None,
    })
}

/// The limits for files: the proxy's, with room for larger files and more time (a file on
/// disk is not a request holding a worker).
pub fn file_limits() -> Limits {
    Limits {
        max_bytes: 256 << 20,
        budget: Duration::from_secs(120),
        ..Limits::default()
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
/// charset when a text file (or a file of no known type) is in UTF-16. `None`: nothing is
/// declared, and the bytes decide what the file is (an unknown binary file is uninspectable,
/// never read as Windows-1252 text).
pub fn content_type_of(name: &str, bytes: &[u8]) -> Option<std::borrow::Cow<'static, str>> {
    let by_name = content_type_for(name);
    match utf16_charset(bytes) {
        Some(charset) if matches!(by_name, None | Some("text/plain")) => {
            Some(format!("text/plain; charset={charset}").into())
        }
        _ => by_name.map(Into::into),
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
    let limits = file_limits().started();
    if bytes.len() > limits.max_bytes {
        return Err(Uninspectable::TooLarge {
            limit: limits.max_bytes,
        });
    }
    let content_type = content_type_of(name, bytes);
    let document = extract_named(bytes, content_type.as_deref(), Some(name), &limits)?;
    let mut findings = scan_document(detectors, &document, &limits)?.findings;
    for f in &mut findings {
        f.span = document.source_span(f.span.clone());
    }
    let verdict = decide(policy, &findings);
    Ok(Report { verdict, findings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_at_a_seam_are_counted_through_separators_up_to_a_letter() {
        assert_eq!(edge_digits("Nr 850101-".chars().rev()), 6);
        assert_eq!(edge_digits("23 82 tack".chars()), 4);
        assert_eq!(edge_digits("85O1Ol".chars().rev()), 6);
        assert_eq!(edge_digits("ring 070".chars().rev()), 3);
        assert_eq!(edge_digits("tack".chars()), 0);
    }

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
            let report =
                scan_input(&detectors, &policy, "notes.txt", &bytes).map_err(|e| e.to_string())?;
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
