//! The request-body pipeline: decode, extract, scan, decide and, for redaction, re-encode.
//!
//! Plain synchronous code with no sockets, so the proxy, `sluss scan`, the tests, the fuzzers
//! and the benchmarks all run exactly this:
//!
//! ```text
//! body::decode(body, content-encoding, limit) -> decoded bytes     | Uninspectable
//! body::extract(decoded, content-type, name)  -> Document          | Uninspectable
//! Detectors::scan(document.text)              -> findings
//! policy::decide(policy, findings)            -> Verdict
//! Document::redact(edits)                     -> new body (identity encoding)
//! ```

use std::fmt;
use std::ops::Range;
use std::time::{Duration, Instant};

use http::HeaderMap;

use crate::body::{self, ContentType, Document, Limits, Uninspectable};
use crate::detect::{Detectors, Finding};
use crate::policy::{Action, Rule, ServicePolicy, Verdict, decide};

pub use crate::scan::{DocumentFindings, scan_document};

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
    /// The request's headers, if they should be inspected too: every value except those of
    /// [`TECHNICAL_HEADERS`], cookies one by one. A finding in a header cannot be redacted.
    /// The caller leaves out headers that sluss itself consumes (the trusted user header).
    pub headers: Option<&'a HeaderMap>,
}

/// Headers whose values are not inspected: framing, content negotiation, credentials, client
/// and API versions, tracing ids, browser fetch metadata. Names, or prefixes ending in `-`.
/// Everything else is read, `Cookie`, `OpenAI-Organization` and custom `X-…` headers included.
pub const TECHNICAL_HEADERS: &[&str] = &[
    "host",
    "content-length",
    "content-type",
    "content-encoding",
    "transfer-encoding",
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "upgrade",
    "expect",
    "accept",
    "accept-encoding",
    "accept-language",
    "accept-charset",
    "authorization",
    "proxy-authorization",
    "x-api-key",
    "api-key",
    "x-goog-api-key",
    "user-agent",
    "anthropic-version",
    "anthropic-beta",
    "openai-beta",
    "cache-control",
    "pragma",
    "if-none-match",
    "if-modified-since",
    "origin",
    "priority",
    "dnt",
    "traceparent",
    "tracestate",
    "x-request-id",
    "idempotency-key",
    "forwarded",
    "via",
    "x-real-ip",
    "sec-",
    "x-stainless-",
    "x-forwarded-",
];

/// True when header `name` (lower case) is on the technical list.
pub fn is_technical_header(name: &str) -> bool {
    TECHNICAL_HEADERS.iter().any(|t| {
        if t.ends_with('-') {
            name.starts_with(t)
        } else {
            name == *t
        }
    })
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
    /// Hold it until the person justifies sending it.
    Warn {
        /// The policy rule that warned.
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
            Outcome::Warn { .. } => Action::Warn,
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
    /// Every finding: body first, then URL and headers.
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

/// Inspects a request under `policy`, within the time budget of `limits` (decode, extract and
/// scan together; past it the request is uninspectable as too costly).
pub fn inspect(
    detectors: &Detectors,
    policy: &ServicePolicy,
    request: &Request<'_>,
    limits: &Limits,
) -> Inspection {
    let started = Instant::now();
    let limits = limits.started();
    let mut inspection = match read_and_decide(detectors, policy, request, &limits) {
        Ok(inspection) => inspection,
        Err(uninspectable) => unread(policy, uninspectable),
    };
    inspection.elapsed = started.elapsed();
    inspection
}

/// The inspection of a request that could not be read: its policy decides.
fn unread(policy: &ServicePolicy, uninspectable: Uninspectable) -> Inspection {
    let outcome = match policy.uninspectable {
        Action::Allow => Outcome::Forward,
        // Validation refuses `redact` here; there is nothing to redact in an unread body.
        Action::Block | Action::Redact | Action::Warn => Outcome::Block {
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

/// Decodes and extracts the body (and the path, query and headers), scans, then decides. The
/// decoded bytes live in this frame, so the document borrows them without a copy.
fn read_and_decide(
    detectors: &Detectors,
    policy: &ServicePolicy,
    request: &Request<'_>,
    limits: &Limits,
) -> Result<Inspection, Uninspectable> {
    framing_is_single(request.headers)?;
    let decoded = body::decode(
        request.body,
        request.content_encoding.unwrap_or(""),
        limits.max_bytes,
    )?;
    limits.check()?;
    let document = if decoded.is_empty() {
        Document::new(&[])
    } else {
        body::extract_named(
            &decoded,
            request.content_type,
            request.path.and_then(file_name),
            limits,
        )?
    };
    let body_found = scan_document(detectors, &document, limits)?;
    let mut others = Vec::new();
    for part in [request.path, request.query].into_iter().flatten() {
        if !part.is_empty() {
            let url = body::extract(
                part.as_bytes(),
                Some("application/x-www-form-urlencoded"),
                limits,
            )?;
            others.push(scan_document(detectors, &url, limits)?);
        }
    }
    if let Some(headers) = request.headers {
        let document = headers_document(headers, limits)?;
        others.push(scan_document(detectors, &document, limits)?);
    }
    limits.check()?;
    Ok(decide_on(policy, &document, body_found, others, request))
}

/// The file name at the end of a URL path (`/container/report.pdf` → `report.pdf`), if the
/// last segment has an extension: what an upload of raw bytes (a presigned PUT) is, when
/// neither its Content-Type nor its bytes say.
fn file_name(path: &str) -> Option<&str> {
    let last = path.split(['?', '#']).next()?.rsplit('/').next()?;
    last.rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && (1..=5).contains(&ext.len()))
        .then_some(last)
}

/// A Content-Type or Content-Encoding given twice could be read differently upstream.
fn framing_is_single(headers: Option<&HeaderMap>) -> Result<(), Uninspectable> {
    let Some(headers) = headers else {
        return Ok(());
    };
    for name in [http::header::CONTENT_TYPE, http::header::CONTENT_ENCODING] {
        if headers.get_all(&name).iter().count() > 1 {
            return Err(Uninspectable::Ambiguous(format!("{name} is given twice")));
        }
    }
    Ok(())
}

/// The values of the headers that are inspected, each a leaf that cannot be redacted; cookies
/// one by one, percent-decoded; a value holding JSON, a `data:` URL or base64 is opened.
fn headers_document(
    headers: &HeaderMap,
    limits: &Limits,
) -> Result<Document<'static>, Uninspectable> {
    let mut doc = Document::new(&[]);
    for (name, value) in headers {
        let name = name.as_str();
        if is_technical_header(name) {
            continue;
        }
        let raw = String::from_utf8_lossy(value.as_bytes());
        let values: Vec<String> = if name == "cookie" {
            raw.split(';')
                .filter_map(|pair| pair.split_once('=').map(|(_, v)| v.trim()))
                .map(percent_decoded)
                .collect()
        } else {
            vec![percent_decoded(raw.trim())]
        };
        for value in values.iter().filter(|v| !v.is_empty()) {
            let origin = body::Origin {
                layer: 0,
                literal: 0..0,
                encoding: body::Encoding::Fixed,
                map: body::SourceMap::Shift(0),
            };
            body::extract::string_value(&mut doc, value, origin, body::Class::Value, limits)?;
        }
    }
    Ok(doc)
}

/// `value` with `%XX` escapes decoded (as UTF-8, else Windows-1252); `+` is kept.
fn percent_decoded(value: &str) -> String {
    if !value.contains('%') {
        return value.to_string();
    }
    let escaped = value.replace('+', "%2B");
    body::form::components(format!("v={escaped}").as_bytes())
        .into_iter()
        .nth(1)
        .map(|c| c.value)
        .unwrap_or_else(|| value.to_string())
}

fn decide_on(
    policy: &ServicePolicy,
    document: &Document<'_>,
    body_found: DocumentFindings,
    others: Vec<DocumentFindings>,
    request: &Request<'_>,
) -> Inspection {
    let body_count = body_found.findings.len();
    let edits = body_found.edits;
    let mut findings = body_found.findings;
    let mut matched: Vec<Matched> = body_found.matched.into_iter().map(Matched).collect();
    for other in others {
        findings.extend(other.findings);
        matched.extend(other.matched.into_iter().map(Matched));
    }
    let verdict = decide(policy, &findings);
    let outcome = match &verdict {
        Verdict::Allow => Outcome::Forward,
        Verdict::Block { rule, .. } => Outcome::Block { rule: *rule },
        Verdict::Warn { rule, .. } => Outcome::Warn { rule: *rule },
        Verdict::Redact { targets, rules } => redact(
            document, &findings, &edits, targets, body_count, rules, request,
        ),
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

/// Replaces the target findings in the body. A target in the URL or a header, or in text that
/// cannot be written back (a `.docx` file, decoded base64), cannot be redacted: then the
/// request is blocked.
fn redact(
    document: &Document<'_>,
    findings: &[crate::detect::Finding],
    edits: &[Vec<Range<usize>>],
    targets: &[usize],
    body_count: usize,
    rules: &[Rule],
    request: &Request<'_>,
) -> Outcome {
    let rule = rules.first().copied().unwrap_or(Rule::Personnummer);
    if targets.iter().any(|&i| i >= body_count) {
        return Outcome::Block { rule };
    }
    // A finding across two texts puts its placeholder in the first and empties the second.
    let edits: Vec<(Range<usize>, &str)> = targets
        .iter()
        .flat_map(|&i| {
            let placeholder = findings[i].kind.placeholder();
            edits[i]
                .iter()
                .enumerate()
                .map(move |(k, range)| (range.clone(), if k == 0 { placeholder } else { "" }))
        })
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
    let ct = ContentType::parse(content_type?).ok()?;
    let charset = ct.charset()?;
    (ct.mime.starts_with("text/") && !charset.eq_ignore_ascii_case("utf-8"))
        .then(|| format!("{}; charset=utf-8", ct.mime))
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
