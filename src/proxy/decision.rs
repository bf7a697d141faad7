//! What an audit record and a block answer need from a decision: the rule, the reason written
//! to the log, and the findings behind it with the matched text that only the keyed hash sees.
//!
//! A stop or a redaction lists every finding at or above the policy's threshold, the deciding
//! ones first (issue 14): security staff and the person see everything that was found, and
//! which of it decided.

use crate::body::Uninspectable;
use crate::detect::{Confidence, Finding, Kind};
use crate::inspect::Inspection;
use crate::policy::{Rule, Verdict};

/// A decision about one request.
pub struct Decision {
    /// The rule shown to the client.
    pub rule: Rule,
    /// `event.reason` in the audit log.
    pub reason: String,
    /// Findings and their matched texts, the deciding ones first.
    pub evidence: Vec<(Finding, String)>,
    /// How many of `evidence` (from the start) decided.
    pub deciding: usize,
    /// For uninspectable content, why (`too_large`, `websocket`, …).
    pub why: Option<&'static str>,
}

impl Decision {
    /// A stop by `rule` with no findings behind it.
    pub fn stop(rule: Rule) -> Decision {
        Decision {
            rule,
            reason: rule.as_str().to_string(),
            evidence: Vec::new(),
            deciding: 0,
            why: None,
        }
    }

    /// This decision with the reason why content could not be inspected.
    pub fn because(mut self, why: &'static str) -> Decision {
        self.why = Some(why);
        self
    }

    /// A pass or stop with its own reason in the log (`uninspectable:websocket`, …).
    pub fn with_reason(rule: Rule, reason: &str) -> Decision {
        Decision {
            rule,
            reason: reason.to_string(),
            evidence: Vec::new(),
            deciding: 0,
            why: None,
        }
    }

    /// The findings that caused the verdict, then every other finding at or above
    /// `threshold` (the policy's `min_confidence`), each group in the order found. For content
    /// that could not be inspected, why.
    pub fn from_inspection(rule: Rule, inspection: &Inspection, threshold: Confidence) -> Decision {
        let causes: &[usize] = match &inspection.verdict {
            Verdict::Block { causes, .. } | Verdict::Warn { causes, .. } => causes,
            Verdict::Redact { targets, .. } => targets,
            Verdict::Allow => &[],
        };
        let pair = |i: usize| {
            let finding = inspection.findings.get(i)?;
            let matched = inspection.matched.get(i)?;
            Some((finding.clone(), matched.expose().to_string()))
        };
        let mut evidence: Vec<(Finding, String)> = causes.iter().filter_map(|&i| pair(i)).collect();
        let deciding = evidence.len();
        evidence.extend(
            (0..inspection.findings.len())
                .filter(|i| !causes.contains(i))
                .filter(|&i| inspection.findings[i].confidence >= threshold)
                .filter_map(pair),
        );
        Decision {
            rule,
            reason: rule.as_str().to_string(),
            evidence,
            deciding,
            why: inspection.uninspectable.as_ref().map(why_word),
        }
    }

    /// Every finding of a request that is let through, recorded with `reason`.
    pub fn allowed(inspection: &Inspection, reason: &str) -> Decision {
        let evidence = inspection
            .evidence()
            .map(|(f, m)| (f.clone(), m.expose().to_string()))
            .collect();
        Decision {
            rule: Rule::SensitiveWithoutIdentifier,
            reason: reason.to_string(),
            evidence,
            deciding: 0,
            why: inspection.uninspectable.as_ref().map(why_word),
        }
    }

    /// Kinds and counts, in order of first appearance (the deciding ones first), and how many
    /// of those kinds decided.
    pub fn kinds(&self) -> (Vec<(Kind, usize)>, usize) {
        let mut kinds: Vec<(Kind, usize)> = Vec::new();
        let mut deciding = 0;
        for (i, (finding, _)) in self.evidence.iter().enumerate() {
            match kinds.iter_mut().find(|(k, _)| *k == finding.kind) {
                Some((_, n)) => *n += 1,
                None => kinds.push((finding.kind, 1)),
            }
            if i + 1 == self.deciding {
                deciding = kinds.len();
            }
        }
        (kinds, deciding)
    }
}

/// Why content could not be inspected, as one fixed word (never the error text, which can
/// hold a file name or a content type from the client).
pub fn why_word(why: &Uninspectable) -> &'static str {
    // One list of codes, kept with the reasons themselves (a second list here once named
    // encrypted, scanned, damaged and over-limit documents `other`).
    why.reason().code
}

/// `event.reason` for traffic let through uninspected: `uninspectable:` and [`why_word`].
pub fn uninspected_reason(why: &Uninspectable) -> String {
    format!("uninspectable:{}", why_word(why))
}

/// `event.reason` for a body over `max_body_bytes` let through.
pub const PASSED_TOO_LARGE: &str = "uninspectable:too_large";
/// `event.reason` for binary WebSocket messages let through unread (`uninspectable = "allow"`;
/// recorded once per socket).
pub const PASSED_WEBSOCKET: &str = "uninspectable:websocket";
/// `event.reason` for a request refused for ambiguous headers.
pub const AMBIGUOUS_HEADERS: &str = "ambiguous_headers";
/// `event.reason` for a request whose inspection failed (a bug in sluss).
pub const INSPECTION_FAILED: &str = "inspection_failed";
