//! Reads a request body into memory for inspection, up to the size limit, with a timeout per
//! chunk so that a client that stops sending cannot hold a request open for ever. A body over
//! the limit is handed back with what was read, so that a policy that lets uninspectable bodies
//! through can still forward it whole.

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use http_body_util::BodyExt;
use hyper::body::{Body, Frame, Incoming, SizeHint};

/// A request body after reading.
pub enum Collected {
    /// The whole body, within the limit.
    Complete(Bytes),
    /// The body is larger than the limit: what was read so far, and the rest unread.
    TooLarge(Prefixed),
}

/// Why a body could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CollectError {
    /// The client stopped sending.
    #[error("the client sent no body data for {0:?}")]
    Stalled(Duration),
    /// The connection failed or the body was malformed (bad chunking and the like).
    #[error("reading the request body failed: {0}")]
    Broken(#[from] hyper::Error),
}

/// Reads `body` until it ends or exceeds `limit` bytes; each chunk must arrive within `idle`.
/// A declared `Content-Length` over the limit is recognised before reading anything.
pub async fn collect(
    body: Incoming,
    limit: usize,
    idle: Duration,
) -> Result<Collected, CollectError> {
    let mut body = body;
    if body.size_hint().lower() > limit as u64 {
        return Ok(Collected::TooLarge(Prefixed::new(VecDeque::new(), body)));
    }
    let mut chunks: VecDeque<Bytes> = VecDeque::new();
    let mut size = 0usize;
    loop {
        let frame = match tokio::time::timeout(idle, body.frame()).await {
            Err(_) => return Err(CollectError::Stalled(idle)),
            Ok(None) => break,
            Ok(Some(frame)) => frame?,
        };
        // Request trailers are dropped: no AI API uses them, and they would be uninspected.
        let Ok(data) = frame.into_data() else {
            continue;
        };
        size += data.len();
        chunks.push_back(data);
        if size > limit {
            return Ok(Collected::TooLarge(Prefixed::new(chunks, body)));
        }
    }
    Ok(Collected::Complete(join(chunks, size)))
}

/// One buffer from the chunks, without a copy when there is only one.
fn join(mut chunks: VecDeque<Bytes>, size: usize) -> Bytes {
    if chunks.len() <= 1 {
        return chunks.pop_front().unwrap_or_default();
    }
    let mut all = BytesMut::with_capacity(size);
    for chunk in chunks {
        all.extend_from_slice(&chunk);
    }
    all.freeze()
}

/// The chunks already read, then the rest of the body as it arrives.
pub struct Prefixed {
    read: VecDeque<Bytes>,
    rest: Incoming,
}

impl Prefixed {
    fn new(read: VecDeque<Bytes>, rest: Incoming) -> Prefixed {
        Prefixed { read, rest }
    }
}

impl Body for Prefixed {
    type Data = Bytes;
    type Error = hyper::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, hyper::Error>>> {
        if let Some(chunk) = self.read.pop_front() {
            return Poll::Ready(Some(Ok(Frame::data(chunk))));
        }
        Pin::new(&mut self.rest).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.read.is_empty() && self.rest.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        let read: u64 = self.read.iter().map(|c| c.len() as u64).sum();
        let rest = self.rest.size_hint();
        let mut hint = SizeHint::new();
        hint.set_lower(rest.lower() + read);
        if let Some(upper) = rest.upper() {
            hint.set_upper(upper + read);
        }
        hint
    }
}
