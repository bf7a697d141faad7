//! Graceful shutdown: every connection holds a [`Drain`]; on shutdown the connections are told
//! to finish their in-flight requests and close, and the server waits until every `Drain` is
//! gone (or the drain timeout passes). Intercepted connections, which outlive the client
//! connection that opened them, hold one too.

use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use hyper_util::server::graceful::GracefulConnection;
use tokio::sync::{OwnedSemaphorePermit, watch};

use super::Shared;
use super::activity::Activity;

/// A connection's handle on the shutdown signal. Cloning it keeps the server waiting.
#[derive(Clone, Debug)]
pub struct Drain(watch::Receiver<bool>);

/// The server's side: starts the drain and waits for it.
#[derive(Debug)]
pub struct Drainer(watch::Sender<bool>);

/// A new signal and its first handle.
pub fn channel() -> (Drainer, Drain) {
    let (tx, rx) = watch::channel(false);
    (Drainer(tx), Drain(rx))
}

impl Drainer {
    /// Tells every connection to finish and waits until all have.
    pub async fn drain(self) {
        let _ = self.0.send(true);
        self.0.closed().await;
    }

    /// Connections still open (handles still held).
    pub fn open(&self) -> usize {
        self.0.receiver_count()
    }
}

impl Drain {
    /// Resolves when shutdown begins.
    pub async fn signalled(&self) {
        let mut rx = self.0.clone();
        let _ = rx.wait_for(|stop| *stop).await;
    }

    /// Runs `connection` to its end; on shutdown, lets it finish in-flight requests first.
    /// When `activity` says it has been idle too long (or it is evicted), it is shut down
    /// gracefully and, if it does not end within [`IDLE_GRACE`], dropped (nothing is in flight).
    /// Returns the connection's own result, `None` when it was dropped.
    pub async fn watch<C: Graceful>(
        self,
        connection: C,
        activity: &Activity,
        first: Duration,
        idle: Duration,
    ) -> Option<C::Output> {
        tokio::pin!(connection);
        self.watch_pinned(connection, activity, first, idle).await
    }

    /// [`Drain::watch`] for a connection the caller keeps (to take its stream back after).
    pub async fn watch_pinned<C: Graceful>(
        mut self,
        mut connection: Pin<&mut C>,
        activity: &Activity,
        first: Duration,
        idle: Duration,
    ) -> Option<C::Output> {
        tokio::select! {
            output = connection.as_mut() => Some(output),
            () = async { let _ = self.0.wait_for(|stop| *stop).await; } => {
                connection.as_mut().graceful_shutdown();
                Some(connection.await)
            }
            expiry = activity.expired(first, idle) => {
                tracing::debug!(?expiry, "closing an idle client connection");
                connection.as_mut().graceful_shutdown();
                tokio::time::timeout(IDLE_GRACE, connection).await.ok()
            }
        }
    }
}

/// A connection future that can be asked to finish its in-flight requests and close.
pub trait Graceful: Future {
    /// Starts a graceful shutdown.
    fn graceful_shutdown(self: Pin<&mut Self>);
}

impl<C: GracefulConnection> Graceful for C {
    fn graceful_shutdown(self: Pin<&mut Self>) {
        GracefulConnection::graceful_shutdown(self);
    }
}

/// How long an idle connection gets to close after a graceful shutdown (an HTTP/2 GOAWAY)
/// before it is dropped.
pub const IDLE_GRACE: Duration = Duration::from_secs(2);

/// Held for as long as a client connection lives, also after a CONNECT upgrade (by the tunnel
/// or the intercepted connection): keeps its place in `max_connections`, counts it in the
/// open-connections gauge and registers its activity (idle connections make room for new ones).
pub struct Ticket {
    _permit: OwnedSemaphorePermit,
    /// Its place in the client's `connections_per_client`, if counted.
    _slot: Option<super::ratelimit::ClientSlot>,
    shared: Arc<Shared>,
    id: u64,
    /// Whether the connection is working or idle.
    pub activity: Arc<Activity>,
}

impl Ticket {
    /// Counts and registers a new client connection.
    pub fn new(permit: OwnedSemaphorePermit, shared: Arc<Shared>) -> Ticket {
        shared.metrics.connections.inc();
        let (id, activity) = shared.connections.register();
        Ticket {
            _permit: permit,
            _slot: None,
            shared,
            id,
            activity,
        }
    }

    /// The ticket, holding the connection's place in its client's `connections_per_client`.
    pub fn holding(mut self, slot: Option<super::ratelimit::ClientSlot>) -> Ticket {
        self._slot = slot;
        self
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.shared.connections.remove(self.id);
        self.shared.metrics.connections.dec();
    }
}

/// What a client connection carries into the tasks it spawns.
#[derive(Clone)]
pub struct Hold {
    /// The shutdown signal (intercepted connections drain with the server).
    pub drain: Drain,
    /// Its place among the open connections.
    pub ticket: Arc<Ticket>,
}
