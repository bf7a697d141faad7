//! Runs the inspection of one request body: small bodies inline, larger ones on the blocking
//! pool with at most `max_inspections` at once (a costly body waits for a place instead of
//! taking every thread), and a panic in either becomes a value, answered and recorded by the
//! caller, never a dropped connection.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use bytes::Bytes;
use http::header::{self, HeaderMap};

use super::{Runtime, Shared};
use crate::inspect::{self, Inspection};

/// Bodies up to this size are inspected on the async worker: handing them to the blocking
/// pool would cost more than inspecting them.
pub const INLINE_INSPECTION_BYTES: usize = 16 * 1024;

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
}

impl Subject {
    /// The parts of a request head that are inspected, and its body.
    pub fn new(headers: &HeaderMap, uri: &http::Uri, body: Bytes) -> Subject {
        let header = |name: header::HeaderName| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        Subject {
            body,
            content_type: header(header::CONTENT_TYPE),
            content_encoding: header(header::CONTENT_ENCODING),
            query: uri.query().map(str::to_string),
            path: uri.path().to_string(),
        }
    }
}

/// Inspects `subject` under the policy of service `index`.
pub async fn run(
    shared: &Arc<Shared>,
    runtime: &Arc<Runtime>,
    index: usize,
    subject: Subject,
) -> Result<Inspection, Failed> {
    let runtime = runtime.clone();
    let inline = subject.body.len() <= INLINE_INSPECTION_BYTES;
    let watched = shared.clone();
    let work = move || {
        let _running = watched.metrics.inspections_running.track();
        let policy = &runtime.register.services()[index].policy;
        let request = inspect::Request {
            body: &subject.body,
            content_type: subject.content_type.as_deref(),
            content_encoding: subject.content_encoding.as_deref(),
            query: subject.query.as_deref(),
            path: Some(&subject.path),
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
    joined.map_err(|e| Failed(if e.is_panic() { "panicked" } else { "cancelled" }))
}
