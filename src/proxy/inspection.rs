//! Runs the inspection of one request body: small, plain, shallow bodies inline (a chat prompt
//! costs microseconds), everything else on the blocking pool with at most `max_inspections` at
//! once (a costly body waits for a place instead of taking every thread, and never holds up
//! an async worker), and a panic in either becomes a value, answered and recorded by the
//! caller, never a dropped connection.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use bytes::Bytes;
use http::header::{self, HeaderMap};

use super::{Runtime, Shared};
use crate::inspect::{self, Inspection};

/// Bodies up to this size may be inspected on the async worker (handing them to the blocking
/// pool would cost more than inspecting them), if [`is_cheap`] says so.
pub const INLINE_INSPECTION_BYTES: usize = 16 * 1024;

/// Deepest nesting of `[` and `{` inspected inline: the cost of a JSON body grows with depth
/// times strings, and 9 KiB nested 120 deep cost seconds.
pub const INLINE_DEPTH: usize = 16;

/// The inspection did not finish (it panicked: a bug in sluss).
#[derive(Debug, thiserror::Error)]
#[error("the inspection failed: {0}")]
pub struct Failed(pub &'static str);

/// What of a request is inspected, owned so that it can move to the blocking pool.
pub struct Subject {
    /// The body as received.
    pub body: Bytes,
    /// `Content-Type`.
    pub content_type: Option<String>,
    /// `Content-Encoding`.
    pub content_encoding: Option<String>,
    /// The query string.
    pub query: Option<String>,
    /// The URL path.
    pub path: String,
    /// The request headers, without the trusted user header that sluss itself consumes.
    pub headers: HeaderMap,
}

impl Subject {
    /// The parts of a request head that are inspected, and its body. `user_header` (the
    /// trusted header naming the user, stripped before forwarding) is not inspected.
    pub fn new(
        headers: &HeaderMap,
        uri: &http::Uri,
        body: Bytes,
        user_header: Option<&str>,
    ) -> Subject {
        let header = |name: header::HeaderName| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let mut inspected = headers.clone();
        if let Some(name) = user_header {
            inspected.remove(name);
        }
        Subject {
            body,
            content_type: header(header::CONTENT_TYPE),
            content_encoding: header(header::CONTENT_ENCODING),
            query: uri.query().map(str::to_string),
            path: uri.path().to_string(),
            headers: inspected,
        }
    }
}

/// Whether a body is surely cheap to inspect: small, not compressed (a few hundred bytes of
/// zstd can expand to megabytes), of a plain type (JSON, text, a form; not multipart, which
/// can carry documents) and shallow.
pub fn is_cheap(subject: &Subject) -> bool {
    let plain_type = subject.content_type.as_deref().is_none_or(|ct| {
        let ct = ct.trim_start().to_ascii_lowercase();
        ct.starts_with("application/json")
            || ct.starts_with("text/")
            || ct.starts_with("application/x-www-form-urlencoded")
    });
    let identity = subject
        .content_encoding
        .as_deref()
        .is_none_or(|ce| ce.trim().is_empty() || ce.trim().eq_ignore_ascii_case("identity"));
    subject.body.len() <= INLINE_INSPECTION_BYTES
        && plain_type
        && identity
        && nesting_depth(&subject.body) <= INLINE_DEPTH
}

/// The deepest nesting of brackets and braces outside JSON strings (an upper bound for
/// anything that is not JSON). A chat body is mostly string, skipped at memchr's pace.
fn nesting_depth(body: &[u8]) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(&b) = body.get(i) {
        match b {
            b'"' => match closing_quote(body, i + 1) {
                Some(end) => i = end,
                // An unterminated string runs to the end.
                None => break,
            },
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    deepest
}

/// The `"` that closes a string whose text starts at `from` (a backslash escapes the byte
/// after it).
fn closing_quote(body: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let found = at + memchr::memchr2(b'"', b'\\', body.get(at..)?)?;
        if body[found] == b'"' {
            return Some(found);
        }
        at = found + 2;
    }
}

/// Inspects `subject` under the policy of service `index`.
pub async fn run(
    shared: &Arc<Shared>,
    runtime: &Arc<Runtime>,
    index: usize,
    subject: Subject,
) -> Result<Inspection, Failed> {
    run_as(shared, runtime, index, subject, false).await
}

/// [`run`]; with `justified`, under the service's policy with every `warn` as `allow` (the
/// person justified sending the request).
pub async fn run_as(
    shared: &Arc<Shared>,
    runtime: &Arc<Runtime>,
    index: usize,
    subject: Subject,
    justified: bool,
) -> Result<Inspection, Failed> {
    let runtime = runtime.clone();
    let inline = is_cheap(&subject);
    let watched = shared.clone();
    let work = move || {
        let _running = watched.metrics.inspections_running.track();
        let policy = &runtime.register.services()[index].policy;
        let policy = &if justified {
            std::borrow::Cow::Owned(policy.justified())
        } else {
            std::borrow::Cow::Borrowed(policy)
        };
        let request = inspect::Request {
            body: &subject.body,
            content_type: subject.content_type.as_deref(),
            content_encoding: subject.content_encoding.as_deref(),
            query: subject.query.as_deref(),
            path: Some(&subject.path),
            headers: Some(&subject.headers),
        };
        (runtime.inspector)(&runtime.detectors, policy, &request, &runtime.limits)
    };
    if inline {
        return catch_unwind(AssertUnwindSafe(work)).map_err(|_| Failed("panicked"));
    }
    // The place is waited for on the async side; the blocking pool never queues more
    // inspections than there are places.
    let Ok(place) = shared.inspections.clone().acquire_owned().await else {
        return Err(Failed("the inspection pool is closed"));
    };
    let joined = tokio::task::spawn_blocking(move || {
        let _place = place;
        work()
    })
    .await;
    joined.map_err(|e| {
        Failed(if e.is_panic() {
            "panicked"
        } else {
            "cancelled"
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(body: &str, content_type: Option<&str>, encoding: Option<&str>) -> Subject {
        Subject {
            body: Bytes::from(body.to_string()),
            content_type: content_type.map(str::to_string),
            content_encoding: encoding.map(str::to_string),
            query: None,
            path: "/".into(),
            headers: HeaderMap::new(),
        }
    }

    #[test]
    fn only_small_plain_shallow_bodies_are_inspected_inline() {
        let prompt = r#"{"messages":[{"role":"user","content":"Hej [{\"]"}]}"#;
        assert!(is_cheap(&subject(prompt, Some("application/json"), None)));
        assert!(is_cheap(&subject("hej", None, Some("identity"))));
        let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
        assert!(!is_cheap(&subject(&deep, Some("application/json"), None)));
        assert!(!is_cheap(&subject(
            prompt,
            Some("application/json"),
            Some("zstd")
        )));
        assert!(!is_cheap(&subject(
            prompt,
            Some("multipart/form-data; boundary=x"),
            None
        )));
        let big = "a".repeat(INLINE_INSPECTION_BYTES + 1);
        assert!(!is_cheap(&subject(&big, Some("text/plain"), None)));
        // Brackets inside strings are text, not nesting.
        let quoted = format!("{{\"a\":\"{}\"}}", "[".repeat(40));
        assert!(is_cheap(&subject(&quoted, Some("application/json"), None)));
    }

    /// The byte-at-a-time definition that `nesting_depth` must equal.
    fn nesting_depth_bytewise(body: &[u8]) -> usize {
        let (mut depth, mut deepest) = (0usize, 0usize);
        let (mut in_string, mut escaped) = (false, false);
        for &b in body {
            match b {
                _ if escaped => escaped = false,
                b'\\' if in_string => escaped = true,
                b'"' => in_string = !in_string,
                b'[' | b'{' if !in_string => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                b']' | b'}' if !in_string => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        deepest
    }

    #[test]
    fn nesting_depth_skips_strings_exactly() {
        // Every string of up to six bytes over the characters that matter.
        let alphabet = b"\"\\[]{}a";
        let mut bodies: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..6 {
            let longer: Vec<Vec<u8>> = bodies
                .iter()
                .filter(|b| b.len() == bodies.last().map_or(0, Vec::len))
                .flat_map(|b| {
                    alphabet.iter().map(move |&c| {
                        let mut next = b.clone();
                        next.push(c);
                        next
                    })
                })
                .collect();
            bodies.extend(longer);
        }
        for body in &bodies {
            assert_eq!(
                nesting_depth(body),
                nesting_depth_bytewise(body),
                "{:?}",
                String::from_utf8_lossy(body)
            );
        }
        let chat = br#"{"messages":[{"role":"user","content":"a \"[quoted]\" \\ {x}"}],"n":[[1]]}"#;
        assert_eq!(nesting_depth(chat), 3);
        assert_eq!(nesting_depth(chat), nesting_depth_bytewise(chat));
    }
}
