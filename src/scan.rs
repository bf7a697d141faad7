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
    let document = extract(bytes, Some(content_type_for(name)), &limits)?;
    let mut findings = detectors.scan(&document.text);
    for f in &mut findings {
        f.span = document.source_span(f.span.clone());
    }
    let verdict = decide(policy, &findings);
    Ok(Report { verdict, findings })
}
