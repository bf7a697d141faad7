//! What an audit record and a block answer need from a decision: the rule, the reason written
//! to the log, and the findings behind it with the matched text that only the keyed hash sees.

use crate::body::Uninspectable;
use crate::detect::{Finding, Kind};
use crate::inspect::Inspection;
use crate::policy::{Rule, Verdict};

/// A decision about one request.
pub struct Decision {
    /// The rule shown to the client.
    pub rule: Rule,
    /// `event.reason` in the audit log.
    pub reason: String,
    /// Findings and their matched texts.
    pub evidence: Vec<(Finding, String)>,
}

impl Decision {
    /// A stop by `rule` with no findings behind it.
    pub fn stop(rule: Rule) -> Decision {
        Decision {
            rule,
            reason: rule.as_str().to_string(),
            evidence: Vec::new(),
        }
    }

    /// A pass or stop with its own reason in the log (`uninspectable:websocket`, …).
    pub fn with_reason(rule: Rule, reason: &str) -> Decision {
        Decision {
            rule,
            reason: reason.to_string(),
            evidence: Vec::new(),
        }
    }

    /// The findings that caused the verdict (all findings when it names none).
    pub fn from_inspection(rule: Rule, inspection: &Inspection) -> Decision {
        let causes: &[usize] = match &inspection.verdict {
            Verdict::Block { causes, .. } => causes,
            Verdict::Redact { targets, .. } => targets,
            Verdict::Allow => &[],
        };
        let evidence = causes
            .iter()
            .filter_map(|&i| {
                let finding = inspection.findings.get(i)?;
                let matched = inspection.matched.get(i)?;
                Some((finding.clone(), matched.expose().to_string()))
            })
            .collect();
        Decision {
            rule,
            reason: rule.as_str().to_string(),
            evidence,
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
        }
    }

    /// Kinds and counts, in order of first appearance.
    pub fn kinds(&self) -> Vec<(Kind, usize)> {
        let mut kinds: Vec<(Kind, usize)> = Vec::new();
        for (finding, _) in &self.evidence {
            match kinds.iter_mut().find(|(k, _)| *k == finding.kind) {
                Some((_, n)) => *n += 1,
                None => kinds.push((finding.kind, 1)),
            }
        }
        kinds
    }
}

/// `event.reason` for traffic let through uninspected: `uninspectable:` and why, as a fixed
/// word (never the error text, which can hold a file name or a content type from the client).
pub fn uninspected_reason(why: &Uninspectable) -> &'static str {
    match why {
        Uninspectable::TooLarge { .. } => "uninspectable:too_large",
        Uninspectable::UnknownEncoding(_) => "uninspectable:unknown_encoding",
        Uninspectable::Corrupt { .. } => "uninspectable:corrupt_encoding",
        Uninspectable::Malformed { .. } => "uninspectable:malformed",
        Uninspectable::TooDeep { .. } => "uninspectable:too_deep",
        Uninspectable::UnsupportedType(_) => "uninspectable:unsupported_type",
        Uninspectable::BinaryPart(_) => "uninspectable:binary_part",
        #[allow(unreachable_patterns)]
        _ => "uninspectable:other",
    }
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
