//! Which client connections are working and which are idle, so that nobody can hold the proxy
//! with connections that do nothing: a connection with no request in flight is closed after
//! `first_request_timeout` (before its first request) or `idle_timeout` (kept alive between
//! requests), a relay (tunnel, WebSocket) after `tunnel_idle_timeout` without a byte, and when
//! `max_connections` is reached the connection idle the longest makes room for a new client.
//!
//! A request counts as in flight from the moment its head is read until its response body has
//! been sent (the [`Busy`] guard travels with the body), so a long event stream is work, and an
//! HTTP/2 connection whose only traffic is PING frames is idle.

use std::collections::HashMap;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use hyper::body::{Body, Frame, SizeHint};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::Notify;
use tokio::time::Instant;

/// Why a connection should end now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiry {
    /// Nothing in flight for longer than its limit.
    Idle,
    /// Closed to make room for a new client.
    Evicted,
}

/// The activity of one client connection (and, after CONNECT, of its tunnel or intercepted
/// connection).
#[derive(Debug)]
pub struct Activity {
    epoch: Instant,
    busy: AtomicUsize,
    /// Milliseconds after `epoch` when the connection last became idle (or moved a byte, for
    /// relays).
    idle_since: AtomicU64,
    served: AtomicBool,
    evicted: AtomicBool,
    changed: Notify,
}

impl Activity {
    /// A connection accepted now, idle until its first request.
    pub fn new() -> Activity {
        Activity {
            epoch: Instant::now(),
            busy: AtomicUsize::new(0),
            idle_since: AtomicU64::new(0),
            served: AtomicBool::new(false),
            evicted: AtomicBool::new(false),
            changed: Notify::new(),
        }
    }

    fn now_ms(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// A request starts; it is in flight until the returned guard is dropped.
    pub fn begin(self: &Arc<Self>) -> Busy {
        self.served.store(true, Ordering::Relaxed);
        self.busy.fetch_add(1, Ordering::AcqRel);
        self.changed.notify_waiters();
        Busy(Some(self.clone()))
    }

    /// Bytes moved (tunnels and relays, which have no requests): the idle time starts again.
    pub fn touch(&self) {
        self.idle_since.store(self.now_ms(), Ordering::Relaxed);
    }

    /// No request in flight.
    pub fn is_idle(&self) -> bool {
        self.busy.load(Ordering::Acquire) == 0
    }

    fn idle_since(&self) -> u64 {
        self.idle_since.load(Ordering::Relaxed)
    }

    /// Asks the connection to close (it is idle and a new client needs its place).
    fn evict(&self) {
        self.evicted.store(true, Ordering::Release);
        self.changed.notify_waiters();
    }

    /// Resolves when the connection has been idle for `first` (before any request) or `idle`
    /// (after one), or when it is evicted. Never while a request is in flight.
    pub async fn expired(&self, first: Duration, idle: Duration) -> Expiry {
        loop {
            let changed = self.changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            if self.evicted.load(Ordering::Acquire) {
                return Expiry::Evicted;
            }
            if !self.is_idle() {
                changed.await;
                continue;
            }
            let limit = if self.served.load(Ordering::Relaxed) {
                idle
            } else {
                first
            };
            let deadline = self.epoch + Duration::from_millis(self.idle_since()) + limit;
            if Instant::now() >= deadline {
                return Expiry::Idle;
            }
            tokio::select! {
                () = changed => {}
                () = tokio::time::sleep_until(deadline) => {}
            }
        }
    }
}

impl Default for Activity {
    fn default() -> Self {
        Activity::new()
    }
}

/// A request in flight; dropping it ends the request.
#[derive(Debug)]
pub struct Busy(Option<Arc<Activity>>);

impl Busy {
    /// A guard that tracks nothing (for answers outside a tracked connection).
    pub fn none() -> Busy {
        Busy(None)
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        if let Some(activity) = self.0.take() {
            if activity.busy.fetch_sub(1, Ordering::AcqRel) == 1 {
                activity.touch();
            }
            activity.changed.notify_waiters();
        }
    }
}

/// A response body that keeps its request in flight until it has been sent (or dropped).
pub struct Tracked<B> {
    body: B,
    _busy: Busy,
}

impl<B> Tracked<B> {
    /// `body`, holding `busy` while it lives.
    pub fn new(body: B, busy: Busy) -> Tracked<B> {
        Tracked { body, _busy: busy }
    }
}

impl<B: Body<Data = Bytes> + Unpin> Body for Tracked<B> {
    type Data = Bytes;
    type Error = B::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, B::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// Every open client connection, for making room when `max_connections` is reached.
#[derive(Debug, Default)]
pub struct Connections {
    entries: Mutex<HashMap<u64, Arc<Activity>>>,
    next: AtomicU64,
}

impl Connections {
    /// Registers a new connection.
    pub fn register(&self) -> (u64, Arc<Activity>) {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let activity = Arc::new(Activity::new());
        self.lock().insert(id, activity.clone());
        (id, activity)
    }

    /// Forgets a closed connection.
    pub fn remove(&self, id: u64) {
        self.lock().remove(&id);
    }

    /// Asks the connection idle the longest (no request in flight, not already asked) to
    /// close. False when every connection is working.
    pub fn evict_idlest(&self) -> bool {
        let entries = self.lock();
        let idlest = entries
            .values()
            .filter(|a| a.is_idle() && !a.evicted.load(Ordering::Acquire))
            .min_by_key(|a| (a.epoch + Duration::from_millis(a.idle_since())).into_std());
        match idlest {
            Some(activity) => {
                activity.evict();
                true
            }
            None => false,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Activity>>> {
        // Every update is one call on the map: a panic elsewhere cannot leave it half-changed.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A stream that notes every byte read or written as activity (for relays).
pub struct Touching<S> {
    inner: S,
    activity: Arc<Activity>,
}

impl<S> Touching<S> {
    /// `inner`, reporting to `activity`.
    pub fn new(inner: S, activity: Arc<Activity>) -> Touching<S> {
        Touching { inner, activity }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Touching<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.touch();
        }
        polled
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Touching<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Relays bytes both ways between `a` and `b` until either side closes, nothing moves for
/// `idle`, or the connection is evicted. Returns why it ended.
pub async fn relay<A, B>(a: A, b: B, activity: &Arc<Activity>, idle: Duration) -> &'static str
where
    A: AsyncRead + AsyncWrite + Unpin,
    B: AsyncRead + AsyncWrite + Unpin,
{
    activity.touch();
    let mut a = Touching::new(a, activity.clone());
    let mut b = Touching::new(b, activity.clone());
    tokio::select! {
        copied = tokio::io::copy_bidirectional(&mut a, &mut b) => match copied {
            Ok(_) => "closed",
            Err(_) => "broken",
        },
        expiry = activity.expired(idle, idle) => match expiry {
            Expiry::Idle => "idle",
            Expiry::Evicted => "evicted",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn an_idle_connection_expires_and_a_busy_one_does_not() {
        let activity = Arc::new(Activity::new());
        let first = Duration::from_secs(10);
        let idle = Duration::from_secs(90);
        let started = Instant::now();
        assert_eq!(activity.expired(first, idle).await, Expiry::Idle);
        assert_eq!(
            started.elapsed(),
            first,
            "the short limit before the first request"
        );

        let busy = activity.begin();
        let waiting =
            tokio::time::timeout(Duration::from_secs(1000), activity.expired(first, idle));
        assert!(waiting.await.is_err(), "never while a request is in flight");
        drop(busy);
        let ended = Instant::now();
        assert_eq!(activity.expired(first, idle).await, Expiry::Idle);
        assert_eq!(
            ended.elapsed(),
            idle,
            "the keep-alive limit after a request"
        );
    }

    #[tokio::test]
    async fn the_idlest_connection_is_evicted_never_a_working_one() {
        let connections = Connections::default();
        let (_, working) = connections.register();
        let _busy = working.begin();
        assert!(!connections.evict_idlest(), "nothing idle to evict");
        let (_, idle) = connections.register();
        assert!(connections.evict_idlest());
        assert_eq!(
            idle.expired(Duration::from_secs(60), Duration::from_secs(60))
                .await,
            Expiry::Evicted
        );
        assert!(!connections.evict_idlest(), "already asked to close");
    }
}
