//! Kept-alive HTTP/1.1 connections that rest without hyper: an idle intercepted connection
//! held by hyper keeps its read and write buffers (8 KiB each) and its connection state for as
//! long as it stays open, and a municipality's browsers keep thousands of them. Here hyper
//! serves one request at a time: once a response has been written, hyper is asked to close
//! (without a `Connection: close`, since the head has already gone), gives back the stream and
//! the bytes it read ahead, and the connection rests holding only its TLS state until the next
//! request's first byte arrives; then a new hyper connection serves it.
//!
//! A request that does not keep the connection alive (HTTP/1.0, `Connection: close`, an
//! upgrade, a response that closes) is served by hyper to its end, as before.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::task::{Context, Poll};

use bytes::Bytes;
use http::header::CONNECTION;
use http::{HeaderMap, Request, Response, StatusCode, Version};
use hyper::body::Incoming;
use hyper::server::conn::http1::UpgradeableConnection;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, ReadBuf};

/// What the service and the driver of one resting connection tell each other.
#[derive(Debug, Default)]
pub struct Turn {
    /// Requests handed to the service and not yet answered. hyper reads the next request as
    /// soon as a response is written: when the client sent it at once (or pipelined it), it is
    /// being served by the time the driver sees the answer, and asking hyper to close then
    /// would answer it with `Connection: close`.
    in_flight: AtomicUsize,
    /// The last response kept the connection alive and has been handed to hyper.
    answered: AtomicBool,
    /// hyper has been asked to close after that response: its shutdown is not passed on.
    handing_over: AtomicBool,
}

impl Turn {
    /// A new, shared turn.
    pub fn new() -> Arc<Turn> {
        Arc::new(Turn::default())
    }

    /// Called by the service when hyper hands it a request (before any await).
    pub fn began(&self) {
        self.in_flight.fetch_add(1, Ordering::AcqRel);
    }

    /// Called by the service with each response: marks it as the end of hyper's turn when both
    /// the request and the response keep the connection alive.
    pub fn answered<B>(&self, keeps_alive: bool, response: &Response<B>) {
        let rests = keeps_alive
            && response.status() != StatusCode::SWITCHING_PROTOCOLS
            && !says_close(response.headers());
        self.answered.store(rests, Ordering::Release);
        // Saturating: a service that never called `began` (a test) cannot wrap the count.
        let _ = self
            .in_flight
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1));
    }

    /// Whether hyper may be asked to close now and hand the connection back: the last
    /// response kept it alive and no request is being served. Clears the answer when it may.
    fn may_hand_over(&self) -> bool {
        self.in_flight.load(Ordering::Acquire) == 0 && self.answered.swap(false, Ordering::AcqRel)
    }

    fn is_handing_over(&self) -> bool {
        self.handing_over.load(Ordering::Acquire)
    }
}

/// Whether a request keeps its connection alive (HTTP/1.1 without `Connection: close`); read
/// before the request is handed on.
pub fn keeps_alive<B>(request: &Request<B>) -> bool {
    request.version() == Version::HTTP_11 && !says_close(request.headers())
}

fn says_close(headers: &HeaderMap) -> bool {
    headers.get_all(CONNECTION).iter().any(|value| {
        value
            .to_str()
            .is_ok_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case("close")))
    })
}

/// The stream under hyper: gives back the bytes read ahead first, and swallows hyper's
/// shutdown when hyper was only asked to hand the connection back.
pub struct Resting<T> {
    prefix: Bytes,
    inner: T,
    turn: Arc<Turn>,
}

impl<T> Resting<T> {
    /// Takes the stream back from hyper with the bytes it had read and not used.
    fn resume(&mut self, read_ahead: Bytes) {
        self.turn.handing_over.store(false, Ordering::Release);
        if read_ahead.is_empty() {
            // Even empty, hyper's read-ahead may be a view of its whole read buffer (8 KiB or
            // more), which a resting connection must not keep.
            return;
        }
        // A copy, for the same reason; hyper stopped before reading all of any prefix left,
        // so that comes first.
        self.prefix = [self.prefix.as_ref(), read_ahead.as_ref()].concat().into();
    }
}

impl<T: AsyncRead + AsyncWrite + Unpin> Resting<T> {
    /// `inner`, resting until its first request.
    pub fn new(inner: T, turn: Arc<Turn>) -> Resting<T> {
        Resting {
            prefix: Bytes::new(),
            inner,
            turn,
        }
    }

    /// Waits, holding no buffer, until the client sends a byte (`true`) or closes (`false`).
    pub async fn wait_for_request(&mut self) -> io::Result<bool> {
        if !self.prefix.is_empty() {
            return Ok(true);
        }
        let mut first = [0u8; 1];
        let n = self.inner.read(&mut first).await?;
        self.prefix = Bytes::copy_from_slice(&first[..n]);
        Ok(n > 0)
    }

    /// Closes the stream (TLS close_notify, then the TCP shutdown).
    pub async fn close(&mut self) {
        use tokio::io::AsyncWriteExt;
        let _ = tokio::time::timeout(super::drain::IDLE_GRACE, self.inner.shutdown()).await;
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Resting<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        // Hyper's read-ahead first (up to 8 KiB, given back once read).
        if super::rewind::read_prefix(&mut self.prefix, buf) {
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Resting<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.turn.is_handing_over() {
            // Only flush what hyper wrote: the connection goes on.
            return Pin::new(&mut self.inner).poll_flush(cx);
        }
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

/// One hyper connection serving one turn: after a response that keeps the connection alive
/// it is asked to close, and then gives the stream back ([`OneTurn::into_stream`]).
pub struct OneTurn<T, S>
where
    S: hyper::service::HttpService<Incoming>,
{
    connection: UpgradeableConnection<hyper_util::rt::TokioIo<Resting<T>>, S>,
    turn: Arc<Turn>,
}

impl<T, S, B> OneTurn<T, S>
where
    T: AsyncRead + AsyncWrite + Unpin,
    S: hyper::service::HttpService<Incoming, ResBody = B>,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    B: hyper::body::Body + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    /// Drives `connection`, which serves `turn`'s stream.
    pub fn new(
        connection: UpgradeableConnection<hyper_util::rt::TokioIo<Resting<T>>, S>,
        turn: Arc<Turn>,
    ) -> Self {
        OneTurn { connection, turn }
    }

    /// The stream and the service back, when hyper ended its turn to let the connection rest
    /// (not when the connection closed, failed or was upgraded).
    pub fn into_stream(self) -> Option<(Resting<T>, S)> {
        if !self.turn.is_handing_over() {
            return None;
        }
        let parts = self.connection.into_parts()?;
        let mut stream = parts.io.into_inner();
        stream.resume(parts.read_buf);
        Some((stream, parts.service))
    }
}

impl<T, S, B> Future for OneTurn<T, S>
where
    T: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    S: hyper::service::HttpService<Incoming, ResBody = B> + Unpin,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    B: hyper::body::Body + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Output = hyper::Result<()>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        loop {
            let polled = Pin::new(&mut this.connection).poll(cx);
            // The response head has been written when the service's future ended, so asking
            // hyper to close now adds no `Connection: close`.
            if polled.is_pending() && this.turn.may_hand_over() {
                this.turn.handing_over.store(true, Ordering::Release);
                Pin::new(&mut this.connection).graceful_shutdown();
                continue;
            }
            return polled;
        }
    }
}

impl<T, S, B> super::drain::Graceful for OneTurn<T, S>
where
    T: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    S: hyper::service::HttpService<Incoming, ResBody = B> + Unpin,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    B: hyper::body::Body + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    fn graceful_shutdown(mut self: Pin<&mut Self>) {
        // A shutdown that is not a hand-over: hyper's close goes through.
        self.turn.answered.store(false, Ordering::Release);
        self.turn.handing_over.store(false, Ordering::Release);
        Pin::new(&mut self.connection).graceful_shutdown();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    #[test]
    fn only_http11_without_close_keeps_alive() {
        let request = |version, connection: Option<&str>| {
            let mut builder = Request::builder().version(version);
            if let Some(value) = connection {
                builder = builder.header(CONNECTION, value);
            }
            builder.body(()).map(|r| keeps_alive(&r))
        };
        assert_eq!(request(Version::HTTP_11, None).ok(), Some(true));
        assert_eq!(
            request(Version::HTTP_11, Some("keep-alive")).ok(),
            Some(true)
        );
        assert_eq!(
            request(Version::HTTP_11, Some("TE, Close")).ok(),
            Some(false)
        );
        assert_eq!(
            request(Version::HTTP_10, Some("keep-alive")).ok(),
            Some(false)
        );
    }

    #[test]
    fn an_upgrade_or_a_closing_response_ends_no_turn() {
        let turn = Turn::new();
        let switching = Response::builder()
            .status(StatusCode::SWITCHING_PROTOCOLS)
            .body(());
        let closing = Response::builder().header(CONNECTION, "close").body(());
        for response in [switching, closing].into_iter().flatten() {
            turn.answered(true, &response);
            assert!(!turn.answered.load(Ordering::Acquire));
        }
        let ok = Response::new(());
        turn.answered(false, &ok);
        assert!(!turn.answered.load(Ordering::Acquire));
        turn.answered(true, &ok);
        assert!(turn.answered.load(Ordering::Acquire));
    }

    #[test]
    fn no_hand_over_while_a_request_is_being_served() {
        let turn = Turn::new();
        let ok = Response::new(());
        turn.began();
        turn.answered(true, &ok);
        // The next request was read before the driver saw the answer.
        turn.began();
        assert!(!turn.may_hand_over(), "a request is in flight");
        turn.answered(true, &ok);
        assert!(turn.may_hand_over());
        assert!(!turn.may_hand_over(), "once per answer");
        turn.began();
        turn.answered(
            true,
            &Response::builder()
                .header(CONNECTION, "close")
                .body(())
                .unwrap_or_default(),
        );
        assert!(!turn.may_hand_over(), "the last response closes");
    }

    #[test]
    fn a_resting_stream_keeps_nothing_of_hyper_s_read_buffer() {
        // hyper's read-ahead is a view of its read buffer, even when empty.
        let buffer = Bytes::from(vec![b'x'; 8192]);
        let range = buffer.as_ptr_range();
        let inside = |b: &Bytes| (range.start..=range.end).contains(&b.as_ptr());
        let (near, _far) = tokio::io::duplex(64);
        let mut stream = Resting::new(near, Turn::new());
        let mut emptied = buffer.clone();
        bytes::Buf::advance(&mut emptied, 8192);
        stream.resume(emptied);
        assert!(stream.prefix.is_empty() && !inside(&stream.prefix));
        stream.resume(buffer.slice(8000..8010));
        assert_eq!(stream.prefix.len(), 10);
        assert!(!inside(&stream.prefix), "the read-ahead is copied");
    }

    #[tokio::test]
    async fn a_resting_stream_gives_back_what_hyper_read_ahead_and_keeps_open() -> io::Result<()> {
        let (near, mut far) = tokio::io::duplex(64);
        let turn = Turn::new();
        let mut stream = Resting::new(near, turn.clone());
        far.write_all(b"G").await?;
        assert!(stream.wait_for_request().await?);
        let mut first = [0u8; 1];
        stream.read_exact(&mut first).await?;
        assert_eq!(&first, b"G");
        // hyper read "GET /a" and the start of a pipelined request, then handed over.
        turn.handing_over.store(true, Ordering::Release);
        stream.shutdown().await?;
        stream.resume(Bytes::from_static(b"GET /b"));
        assert!(stream.wait_for_request().await?);
        let mut read = [0u8; 6];
        stream.read_exact(&mut read).await?;
        assert_eq!(&read, b"GET /b");
        // The hand-over's shutdown did not reach the client.
        stream.write_all(b"still open").await?;
        let mut got = [0u8; 10];
        far.read_exact(&mut got).await?;
        assert_eq!(&got, b"still open");
        drop(far);
        assert!(!stream.wait_for_request().await?, "the client closed");
        Ok(())
    }
}
