//! Scanning an input the way the proxy would inspect a body of its type (for `sluss scan`).

use crate::body::{Document, charset};
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

/// Why an input could not be scanned.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// The input is not in a format sluss can read.
    #[error("cannot read this input as {0}")]
    Unreadable(&'static str),
}

/// How to read an input, from its file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// Plain text (UTF-8, or Windows-1252 when not UTF-8).
    Text,
}

impl InputKind {
    /// The kind for a file name.
    pub fn for_name(_name: &str) -> InputKind {
        InputKind::Text
    }
}

/// Extracts the text of an input.
pub fn extract(kind: InputKind, bytes: &[u8]) -> Result<Document, ScanError> {
    match kind {
        InputKind::Text => charset::decode(bytes, None).ok_or(ScanError::Unreadable("text")),
    }
}

/// Scans an input and decides under `policy`.
pub fn scan_input(
    detectors: &Detectors,
    policy: &ServicePolicy,
    kind: InputKind,
    bytes: &[u8],
) -> Result<Report, ScanError> {
    let document = extract(kind, bytes)?;
    let mut findings = detectors.scan(&document.text);
    for f in &mut findings {
        f.span = document.source_span(f.span.clone());
    }
    let verdict = decide(policy, &findings);
    Ok(Report { verdict, findings })
}
