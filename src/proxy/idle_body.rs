//! A body that fails when its source sends nothing for too long: upstream response bodies get
//! an idle limit between two frames (a live event stream that keeps sending is never cut),
//! and request bodies being read for inspection get one per chunk.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use hyper::body::{Body, Frame, SizeHint};
use tokio::time::{Instant, Sleep};

use super::respond::{BodyError, BoxError};

/// The source sent nothing for the limit.
#[derive(Debug, thiserror::Error)]
#[error("no data for {0:?}")]
pub struct Stalled(pub Duration);

/// A deadline that moves with every frame, re-armed lazily: a frame only notes the time, and
/// the timer is reset when it fires early, so a fast body costs one clock read per frame.
pub struct IdleTimer {
    idle: Duration,
    last: Instant,
    sleep: Pin<Box<Sleep>>,
}

impl IdleTimer {
    /// A timer that fires `idle` after the last [`IdleTimer::frame`].
    pub fn new(idle: Duration) -> IdleTimer {
        let now = Instant::now();
        IdleTimer {
            idle,
            last: now,
            sleep: Box::pin(tokio::time::sleep_until(now + idle)),
        }
    }

    /// Something arrived.
    pub fn frame(&mut self) {
        self.last = Instant::now();
    }

    /// Ready when `idle` has passed since the last frame.
    pub fn poll_stalled(&mut self, cx: &mut Context<'_>) -> Poll<Stalled> {
        loop {
            if self.sleep.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            let due = self.last + self.idle;
            if Instant::now() >= due {
                return Poll::Ready(Stalled(self.idle));
            }
            self.sleep.as_mut().reset(due);
        }
    }
}

/// `body`, failing with [`Stalled`] when no frame comes for `idle`.
pub struct IdleBody<B> {
    body: B,
    timer: IdleTimer,
}

impl<B> IdleBody<B> {
    /// Wraps `body`.
    pub fn new(body: B, idle: Duration) -> IdleBody<B> {
        IdleBody {
            body,
            timer: IdleTimer::new(idle),
        }
    }
}

impl<B> Body for IdleBody<B>
where
    B: Body<Data = Bytes> + Unpin,
    B::Error: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BodyError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BodyError>>> {
        match Pin::new(&mut self.body).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                self.timer.frame();
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(Some(Err(e))) => Poll::Ready(Some(Err(BodyError(e.into())))),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => match self.timer.poll_stalled(cx) {
                Poll::Ready(stalled) => Poll::Ready(Some(Err(BodyError(Box::new(stalled))))),
                Poll::Pending => Poll::Pending,
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::{BodyExt, StreamBody};

    type Chunk = Result<Frame<Bytes>, std::convert::Infallible>;

    /// A body that yields each text after its delay.
    fn delayed(
        steps: Vec<(u64, &'static str)>,
    ) -> IdleBody<StreamBody<impl futures_util::Stream<Item = Chunk> + Unpin>> {
        let stream = Box::pin(futures_util::stream::unfold(
            steps.into_iter(),
            |mut steps| async move {
                let (delay, text) = steps.next()?;
                tokio::time::sleep(Duration::from_secs(delay)).await;
                Some((Ok(Frame::data(Bytes::from_static(text.as_bytes()))), steps))
            },
        ));
        IdleBody::new(StreamBody::new(stream), Duration::from_secs(60))
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_that_keeps_sending_is_not_cut() -> Result<(), BodyError> {
        let mut body = delayed(vec![(50, "a"), (50, "b"), (50, "c")]);
        let mut got = Vec::new();
        while let Some(frame) = body.frame().await {
            got.extend(frame?.into_data().unwrap_or_default());
        }
        assert_eq!(got, b"abc", "150 s in all, never 60 s without a frame");
        Ok(())
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_that_stops_sending_is_cut() {
        let mut body = delayed(vec![(10, "a"), (61, "b")]);
        assert!(matches!(body.frame().await, Some(Ok(_))));
        let started = Instant::now();
        let cut = body.frame().await;
        assert!(
            matches!(cut, Some(Err(ref e)) if e.0.is::<Stalled>()),
            "{cut:?}"
        );
        assert_eq!(started.elapsed(), Duration::from_secs(60));
    }
}
