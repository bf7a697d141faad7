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

use crate::body::{Document, Limits, Seam, Uninspectable, extract};
use crate::detect::{Date, Detectors, Finding};
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
        "docx" => crate::body::format::DOCX_TYPE,
        _ => "text/plain",
    }
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
    let document = extract(bytes, Some(content_type_for(name)), &limits)?;
    let mut findings = scan_document(detectors, &document, &limits)?.findings;
    for f in &mut findings {
        f.span = document.source_span(f.span.clone());
    }
    let verdict = decide(policy, &findings);
    Ok(Report { verdict, findings })
}
