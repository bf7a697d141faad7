//! The request-body pipeline: decode, extract, scan, decide and, for redaction, re-encode.
//!
//! Plain synchronous code with no sockets, so the proxy, `sluss scan`, the tests, the fuzzers
//! and the benchmarks all run exactly this:
//!
//! ```text
//! body::decode(body, content-encoding, limit) -> decoded bytes     | Uninspectable
//! body::extract(decoded, content-type)        -> Document          | Uninspectable
//! Detectors::scan(document.text)              -> findings
//! policy::decide(policy, findings)            -> Verdict
//! Document::redact(edits)                     -> new body (identity encoding)
//! ```

use std::fmt;
use std::time::{Duration, Instant};

use crate::body::{self, Document, Limits, Uninspectable};
use crate::detect::{Detectors, Finding};
use crate::policy::{Action, Rule, ServicePolicy, Verdict, decide};

/// What is inspected of a request.
#[derive(Clone, Copy, Debug, Default)]
pub struct Request<'a> {
    /// The body as received.
    pub body: &'a [u8],
    /// `Content-Type`, if any.
    pub content_type: Option<&'a str>,
    /// `Content-Encoding`, if any.
    pub content_encoding: Option<&'a str>,
    /// The URL's query string (after `?`), if any.
    pub query: Option<&'a str>,
    /// The URL's path, if it should be inspected too (percent-decoded like a query string;
    /// a finding in it cannot be redacted).
    pub path: Option<&'a str>,
}

/// What to do with the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Forward the request as it is.
    Forward,
    /// Forward it with this body instead: redacted, without content coding.
    Replace {
        /// The new body.
        body: Vec<u8>,
        /// How many findings were replaced.
        redactions: usize,
        /// A new Content-Type when the charset changed (text re-encoded as UTF-8).
        content_type: Option<String>,
    },
    /// Stop it.
    Block {
        /// The policy rule that stopped it.
        rule: Rule,
    },
}

impl Outcome {
    /// The action taken.
    pub fn action(&self) -> Action {
        match self {
            Outcome::Forward => Action::Allow,
            Outcome::Replace { .. } => Action::Redact,
            Outcome::Block { .. } => Action::Block,
        }
    }
}

/// The text a finding covers, kept for keyed hashing in the audit log. `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct Matched(String);

impl Matched {
    /// The matched text. Never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Matched {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Matched(<hidden>)")
    }
}

/// Everything the inspection found and decided.
#[derive(Debug)]
pub struct Inspection {
    /// What to do.
    pub outcome: Outcome,
    /// The policy's verdict (which findings caused it).
    pub verdict: Verdict,
    /// Every finding, body and query together.
    pub findings: Vec<Finding>,
    /// The text each finding covers (same order as `findings`).
    pub matched: Vec<Matched>,
    /// Why the body could not be inspected, if it could not.
    pub uninspectable: Option<Uninspectable>,
    /// Time spent.
    pub elapsed: Duration,
}

impl Inspection {
    /// Findings with their matched texts, for the audit log.
    pub fn evidence(&self) -> impl Iterator<Item = (&Finding, &Matched)> {
        self.findings.iter().zip(&self.matched)
    }
}

/// Inspects a request body under `policy`.
pub fn inspect(
    detectors: &Detectors,
    policy: &ServicePolicy,
    request: &Request<'_>,
    limits: &Limits,
) -> Inspection {
    let started = Instant::now();
    let mut inspection = match read_and_decide(detectors, policy, request, limits) {
        Ok(inspection) => inspection,
        Err(uninspectable) => {
            let outcome = match policy.uninspectable {
                Action::Allow => Outcome::Forward,
                // Validation refuses `redact` here; there is nothing to redact in an unread body.
                Action::Block | Action::Redact => Outcome::Block {
                    rule: Rule::Uninspectable,
                },
            };
            Inspection {
                verdict: match outcome {
                    Outcome::Block { rule } => Verdict::Block {
                        rule,
                        causes: Vec::new(),
                    },
                    _ => Verdict::Allow,
                },
                outcome,
                findings: Vec::new(),
                matched: Vec::new(),
                uninspectable: Some(uninspectable),
                elapsed: Duration::ZERO,
            }
        }
    };
    inspection.elapsed = started.elapsed();
    inspection
}

/// Decodes and extracts the body (and the query string as a form), then decides. The decoded
/// bytes live in this frame, so the document borrows them without a copy.
fn read_and_decide(
    detectors: &Detectors,
    policy: &ServicePolicy,
    request: &Request<'_>,
    limits: &Limits,
) -> Result<Inspection, Uninspectable> {
    let decoded = body::decode(
        request.body,
        request.content_encoding.unwrap_or(""),
        limits.max_bytes,
    )?;
    let document = if decoded.is_empty() {
        Document::new(&[])
    } else {
        body::extract(&decoded, request.content_type, limits)?
    };
    let mut url = Vec::new();
    for part in [request.path, request.query].into_iter().flatten() {
        if !part.is_empty() {
            url.push(body::extract(
                part.as_bytes(),
                Some("application/x-www-form-urlencoded"),
                limits,
            )?);
        }
    }
    Ok(decide_on(detectors, policy, &document, &url, request))
}

fn decide_on(
    detectors: &Detectors,
    policy: &ServicePolicy,
    document: &Document<'_>,
    url: &[Document<'_>],
    request: &Request<'_>,
) -> Inspection {
    let body_findings = detectors.scan(&document.text);
    let body_count = body_findings.len();
    let mut matched: Vec<Matched> = body_findings
        .iter()
        .map(|f| Matched(document.text[f.span.clone()].to_string()))
        .collect();
    let mut findings = body_findings;
    for part in url {
        for f in detectors.scan(&part.text) {
            matched.push(Matched(part.text[f.span.clone()].to_string()));
            findings.push(f);
        }
    }
    let verdict = decide(policy, &findings);
    let outcome = match &verdict {
        Verdict::Allow => Outcome::Forward,
        Verdict::Block { rule, .. } => Outcome::Block { rule: *rule },
        Verdict::Redact { targets, rules } => {
            redact(document, &findings, targets, body_count, rules, request)
        }
    };
    Inspection {
        outcome,
        verdict,
        findings,
        matched,
        uninspectable: None,
        elapsed: Duration::ZERO,
    }
}

/// Replaces the target findings in the body. A target in the URL, or in text that
/// cannot be written back (a `.docx` file), cannot be redacted: then the request is blocked.
fn redact(
    document: &Document<'_>,
    findings: &[Finding],
    targets: &[usize],
    body_count: usize,
    rules: &[Rule],
    request: &Request<'_>,
) -> Outcome {
    let rule = rules.first().copied().unwrap_or(Rule::Personnummer);
    if targets.iter().any(|&i| i >= body_count) {
        return Outcome::Block { rule };
    }
    let edits: Vec<_> = targets
        .iter()
        .map(|&i| (findings[i].span.clone(), findings[i].kind.placeholder()))
        .collect();
    match document.redact(&edits) {
        Ok(body) => Outcome::Replace {
            body,
            redactions: targets.len(),
            content_type: recoded_type(request.content_type),
        },
        Err(_) => Outcome::Block { rule },
    }
}

/// A text body in another charset is written back as UTF-8: say so.
fn recoded_type(content_type: Option<&str>) -> Option<String> {
    let ct = content_type?;
    let mime = body::extract::media_type(ct);
    let charset = body::extract::parameter(ct, "charset")?;
    (mime.starts_with("text/") && !charset.eq_ignore_ascii_case("utf-8"))
        .then(|| format!("{mime}; charset=utf-8"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::PolicyOverrides;
    use std::io::Write;

    fn detectors() -> Detectors {
        Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"))
    }

    fn chat(content: &str) -> String {
        serde_json::json!({"model": "gpt-4o", "messages": [{"role": "user", "content": content}]})
            .to_string()
    }

    #[test]
    fn clean_prompts_are_forwarded() {
        let body = chat("Skriv en inbjudan till kommunens temadag om biblioteket.");
        let request = Request {
            body: body.as_bytes(),
            content_type: Some("application/json"),
            ..Request::default()
        };
        let inspection = inspect(
            &detectors(),
            &ServicePolicy::default(),
            &request,
            &Limits::default(),
        );
        assert_eq!(inspection.outcome, Outcome::Forward);
    }

    #[test]
    fn a_personnummer_blocks_and_is_redacted_for_a_redacting_service() {
        let body = chat("Sammanfatta ärendet för 850101-2382.");
        let request = Request {
            body: body.as_bytes(),
            content_type: Some("application/json"),
            ..Request::default()
        };
        let d = detectors();
        let blocked = inspect(&d, &ServicePolicy::default(), &request, &Limits::default());
        assert_eq!(
            blocked.outcome,
            Outcome::Block {
                rule: Rule::Personnummer
            }
        );
        assert!(!format!("{blocked:?}").contains("2382"));
        let redacting = redacting_personnummer();
        let redacted = inspect(&d, &redacting, &request, &Limits::default());
        let Outcome::Replace {
            body: new_body,
            redactions,
            ..
        } = &redacted.outcome
        else {
            unreachable!("{:?}", redacted.outcome)
        };
        assert_eq!(*redactions, 1);
        let text = String::from_utf8_lossy(new_body);
        assert!(
            text.contains("[PERSONNUMMER]") && !text.contains("2382"),
            "{text}"
        );
        assert!(serde_json::from_slice::<serde_json::Value>(new_body).is_ok());
    }

    #[test]
    fn gzip_bodies_are_decoded_and_redacted_bodies_are_plain() {
        let body = chat("pnr 850101-2382");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let _ = gz.write_all(body.as_bytes());
        let compressed = gz.finish().unwrap_or_default();
        let request = Request {
            body: &compressed,
            content_type: Some("application/json"),
            content_encoding: Some("gzip"),
            ..Request::default()
        };
        let policy = redacting_personnummer();
        let inspection = inspect(&detectors(), &policy, &request, &Limits::default());
        let Outcome::Replace { body: new_body, .. } = inspection.outcome else {
            unreachable!()
        };
        assert!(String::from_utf8_lossy(&new_body).contains("[PERSONNUMMER]"));
    }

    #[test]
    fn uninspectable_bodies_follow_the_policy() {
        let request = Request {
            body: b"\x89PNG...",
            content_type: Some("image/png"),
            ..Request::default()
        };
        let d = detectors();
        let blocked = inspect(&d, &ServicePolicy::default(), &request, &Limits::default());
        assert_eq!(
            blocked.outcome,
            Outcome::Block {
                rule: Rule::Uninspectable
            }
        );
        assert!(matches!(
            blocked.uninspectable,
            Some(Uninspectable::UnsupportedType(_))
        ));
        let lenient = ServicePolicy::default().with(&PolicyOverrides {
            uninspectable: Some(Action::Allow),
            ..PolicyOverrides::default()
        });
        assert_eq!(
            inspect(&d, &lenient, &request, &Limits::default()).outcome,
            Outcome::Forward
        );
        let unknown = Request {
            body: b"abc",
            content_type: Some("text/plain"),
            content_encoding: Some("compress"),
            ..Request::default()
        };
        assert_eq!(
            inspect(&d, &ServicePolicy::default(), &unknown, &Limits::default()).outcome,
            Outcome::Block {
                rule: Rule::Uninspectable
            }
        );
    }

    /// A policy that redacts personnummer instead of blocking.
    fn redacting_personnummer() -> ServicePolicy {
        ServicePolicy::default().with(&PolicyOverrides {
            personnummer: Some(Action::Redact),
            ..PolicyOverrides::default()
        })
    }

    /// What a redacting policy does with a request: a personnummer in a URL cannot be
    /// redacted, so it blocks.
    fn redacting_outcome(request: &Request<'_>) -> Outcome {
        inspect(
            &detectors(),
            &redacting_personnummer(),
            request,
            &Limits::default(),
        )
        .outcome
    }

    #[test]
    fn the_path_is_scanned_and_cannot_be_redacted() {
        let request = Request {
            body: b"",
            path: Some("/v1/users/850101-2382/notes"),
            ..Request::default()
        };
        assert_eq!(
            redacting_outcome(&request),
            Outcome::Block {
                rule: Rule::Personnummer
            }
        );
    }

    #[test]
    fn the_query_string_is_scanned_and_cannot_be_redacted() {
        let request = Request {
            body: b"",
            query: Some("q=%38%35%30%31%30%31-2382"),
            ..Request::default()
        };
        assert_eq!(
            redacting_outcome(&request),
            Outcome::Block {
                rule: Rule::Personnummer
            }
        );
    }
}
