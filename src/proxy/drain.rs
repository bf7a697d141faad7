//! Graceful shutdown: every connection holds a [`Drain`]; on shutdown the connections are told
//! to finish their in-flight requests and close, and the server waits until every `Drain` is
//! gone (or the drain timeout passes). Intercepted connections, which outlive the client
//! connection that opened them, hold one too.

use std::sync::Arc;

use hyper_util::server::graceful::GracefulConnection;
use tokio::sync::{OwnedSemaphorePermit, watch};

use super::Shared;

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
    pub async fn watch<C: GracefulConnection>(mut self, connection: C) -> C::Output {
        tokio::pin!(connection);
        tokio::select! {
            output = connection.as_mut() => output,
            () = async { let _ = self.0.wait_for(|stop| *stop).await; } => {
                connection.as_mut().graceful_shutdown();
                connection.await
            }
        }
    }
}

/// Held for as long as a client connection lives, also after a CONNECT upgrade (by the tunnel
/// or the intercepted connection): keeps its place in `max_connections` and counts it in the
/// open-connections gauge.
pub struct Ticket {
    _permit: OwnedSemaphorePermit,
    shared: Arc<Shared>,
}

impl Ticket {
    /// Counts a new client connection.
    pub fn new(permit: OwnedSemaphorePermit, shared: Arc<Shared>) -> Ticket {
        shared.metrics.connections.inc();
        Ticket {
            _permit: permit,
            shared,
        }
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
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
