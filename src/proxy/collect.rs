//! Reads a request body into memory for inspection, up to the size limit, with an idle limit
//! between chunks so that a client that stops sending cannot hold a request open for ever, and
//! with room taken in the shared body budget as it grows. Chunks are copied into one buffer as
//! they arrive: a body sent in one-byte chunks costs about one byte per byte, not a chunk
//! header per byte. A body over the limit is handed back with what was read, so that a policy
//! that lets uninspectable bodies through can still forward it whole.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use hyper::body::{Body, Frame, SizeHint};

use super::budget::{Exhausted, Reservation};
use super::idle_body::IdleTimer;
use super::respond::BoxError;

/// A request body after reading.
pub enum Collected<B> {
    /// The whole body, within the limit.
    Complete(Bytes),
    /// The body is larger than the limit: what was read so far, and the rest unread.
    TooLarge(Prefixed<B>),
}

/// Why a body could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CollectError {
    /// The client stopped sending.
    #[error("the client sent no body data for {0:?}")]
    Stalled(Duration),
    /// The connection failed or the body was malformed (bad chunking and the like).
    #[error("reading the request body failed: {0}")]
    Broken(BoxError),
    /// The body budget had no room for it.
    #[error(transparent)]
    Budget(#[from] Exhausted),
}

/// Reads `body` until it ends or exceeds `limit` bytes; each chunk must arrive within `idle`,
/// and the bytes held are reserved in `room` first. A declared `Content-Length` over the limit
/// is recognised before reading anything.
pub async fn collect<B>(
    mut body: B,
    limit: usize,
    idle: Duration,
    room: &mut Reservation,
) -> Result<Collected<B>, CollectError>
where
    B: Body<Data = Bytes> + Unpin,
    B::Error: Into<BoxError>,
{
    let declared = usize::try_from(body.size_hint().lower()).unwrap_or(usize::MAX);
    if declared > limit {
        return Ok(Collected::TooLarge(Prefixed::new(Bytes::new(), body)));
    }
    room.ensure(declared).await?;
    let mut buffer = Buffer::with_expected(declared);
    let mut timer = IdleTimer::new(idle);
    while let Some(frame) = next_frame(&mut body, &mut timer).await? {
        // Request trailers are dropped: no AI API uses them, and they would be uninspected.
        let Ok(data) = frame.into_data() else {
            continue;
        };
        buffer.push(data);
        if buffer.held() > room.held() {
            room.ensure(buffer.held()).await?;
        }
        if buffer.len() > limit {
            return Ok(Collected::TooLarge(Prefixed::new(buffer.finish(), body)));
        }
    }
    Ok(Collected::Complete(buffer.finish()))
}

/// The next frame, or the end; fails when nothing comes for the idle limit.
async fn next_frame<B>(
    body: &mut B,
    timer: &mut IdleTimer,
) -> Result<Option<Frame<Bytes>>, CollectError>
where
    B: Body<Data = Bytes> + Unpin,
    B::Error: Into<BoxError>,
{
    std::future::poll_fn(|cx| match Pin::new(&mut *body).poll_frame(cx) {
        Poll::Ready(Some(Ok(frame))) => {
            timer.frame();
            Poll::Ready(Ok(Some(frame)))
        }
        Poll::Ready(Some(Err(e))) => Poll::Ready(Err(CollectError::Broken(e.into()))),
        Poll::Ready(None) => Poll::Ready(Ok(None)),
        Poll::Pending => timer
            .poll_stalled(cx)
            .map(|stalled| Err(CollectError::Stalled(stalled.0))),
    })
    .await
}

/// The bytes read so far: the first chunk as it came (no copy for a body in one chunk), later
/// chunks copied into one growing buffer.
struct Buffer {
    first: Option<Bytes>,
    rest: BytesMut,
    expected: usize,
}

impl Buffer {
    fn with_expected(expected: usize) -> Buffer {
        Buffer {
            first: None,
            rest: BytesMut::new(),
            expected,
        }
    }

    fn push(&mut self, data: Bytes) {
        if self.first.is_none() && self.rest.is_empty() {
            self.first = Some(data);
            return;
        }
        if let Some(first) = self.first.take() {
            let needed = first.len() + data.len();
            self.rest.reserve(self.expected.max(needed).max(2 * needed));
            self.rest.extend_from_slice(&first);
        }
        self.rest.extend_from_slice(&data);
    }

    fn len(&self) -> usize {
        self.first.as_ref().map_or(0, Bytes::len) + self.rest.len()
    }

    /// Memory held (the buffer's capacity, not only its length).
    fn held(&self) -> usize {
        self.first.as_ref().map_or(0, Bytes::len) + self.rest.capacity()
    }

    fn finish(self) -> Bytes {
        match self.first {
            Some(first) => first,
            None => self.rest.freeze(),
        }
    }
}

/// The bytes already read, then the rest of the body as it arrives.
pub struct Prefixed<B> {
    read: Option<Bytes>,
    rest: B,
}

impl<B> Prefixed<B> {
    fn new(read: Bytes, rest: B) -> Prefixed<B> {
        Prefixed {
            read: (!read.is_empty()).then_some(read),
            rest,
        }
    }
}

impl<B: Body<Data = Bytes> + Unpin> Body for Prefixed<B> {
    type Data = Bytes;
    type Error = B::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, B::Error>>> {
        if let Some(read) = self.read.take() {
            return Poll::Ready(Some(Ok(Frame::data(read))));
        }
        Pin::new(&mut self.rest).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.read.is_none() && self.rest.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        let read = self.read.as_ref().map_or(0, |r| r.len() as u64);
        let rest = self.rest.size_hint();
        let mut hint = SizeHint::new();
        hint.set_lower(rest.lower() + read);
        if let Some(upper) = rest.upper() {
            hint.set_upper(upper + read);
        }
        hint
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use http_body_util::{BodyExt, StreamBody};
    use tokio::sync::Semaphore;

    type Chunk = Result<Frame<Bytes>, std::convert::Infallible>;

    fn one_byte_chunks(n: usize) -> StreamBody<impl futures_util::Stream<Item = Chunk> + Unpin> {
        let chunks = (0..n).map(|i| Ok(Frame::data(Bytes::from(vec![b'a' + (i % 26) as u8]))));
        StreamBody::new(futures_util::stream::iter(chunks))
    }

    fn room(total: usize) -> Reservation {
        Reservation::new(
            Arc::new(Semaphore::new(total)),
            total,
            Duration::from_secs(1),
        )
    }

    #[tokio::test]
    async fn one_byte_chunks_end_up_in_one_buffer_of_about_their_size() -> Result<(), BoxError> {
        let n = 1 << 20;
        let mut room = room(64 << 20);
        let Collected::Complete(body) = collect(
            one_byte_chunks(n),
            10 << 20,
            Duration::from_secs(5),
            &mut room,
        )
        .await?
        else {
            return Err("not complete".into());
        };
        assert_eq!(body.len(), n);
        assert!(body.iter().take(26).copied().eq(b'a'..=b'z'));
        // Reserved room follows the buffer's capacity: at most twice the body.
        assert!(room.held() <= 2 * n + 64 * 1024, "{}", room.held());
        Ok(())
    }

    #[tokio::test]
    async fn a_body_over_the_limit_comes_back_whole() -> Result<(), BoxError> {
        let mut room = room(1 << 20);
        let Collected::TooLarge(rest) = collect(
            one_byte_chunks(5000),
            4096,
            Duration::from_secs(5),
            &mut room,
        )
        .await?
        else {
            return Err("within the limit?".into());
        };
        let all = rest.collect().await?.to_bytes();
        assert_eq!(all.len(), 5000);
        Ok(())
    }

    #[tokio::test]
    async fn a_body_without_room_in_the_budget_is_refused() {
        let budget = Arc::new(Semaphore::new(64 * 1024));
        let mut first = Reservation::new(budget.clone(), 64 * 1024, Duration::from_millis(50));
        let mut second = Reservation::new(budget, 64 * 1024, Duration::from_millis(50));
        let held = collect(
            one_byte_chunks(10),
            4096,
            Duration::from_secs(5),
            &mut first,
        )
        .await;
        assert!(held.is_ok());
        let refused = collect(
            one_byte_chunks(10),
            4096,
            Duration::from_secs(5),
            &mut second,
        )
        .await;
        assert!(matches!(refused, Err(CollectError::Budget(_))));
    }
}
