//! The forward proxy: accept loop, CONNECT → tunnel | intercept, forward, respond.
//!
//! ```text
//! accept (allowed_clients; connections_per_client, else 429; at max_connections the idlest
//!         connection makes room, else 503)
//!   └─ front: HTTP/1.1 from the client (closed when idle: first_request / idle timeouts)
//!        ├─ CONNECT host:port ─ 200, read the ClientHello, route by SNI and CONNECT host:
//!        │     registered or known AI host ─→ intercept: TLS with a leaf for that host,
//!        │                                    h2/http1.1, exchange
//!        │     other traffic ─→ port 443, allowed destination, SNI visible ─→ tunnel | closed
//!        ├─ GET http://host/… (absolute form) ─→ exchange, or own pages when addressed to sluss
//!        └─ GET /register, /proxy.pac, /ca.pem (origin form) ─→ own pages
//! rate limits: each request to an AI service (requests per minute; stops per hour), else 429
//! exchange: route → not approved | check headers → read (body budget) → inspect (inline when
//!           cheap, else the bounded blocking pool) → audit → answer or forward (redacted body
//!           or the original bytes), response streamed back with an idle limit
//! upstream: every connection checked on its resolved address (destination rules)
//! ```
//!
//! Every request reads the current [`Runtime`] once, so a reload applies to the next request,
//! also on connections that are already open.

pub mod activity;
pub mod blocked;
mod budget;
mod collect;
mod connect;
pub mod cors;
mod coverage;
mod decision;
pub mod destination;
mod drain;
mod exchange;
mod forward;
pub mod framing;
mod front;
pub mod hello;
mod idle_body;
mod incident;
mod inspection;
pub mod justify;
mod mystops;
pub mod negotiate;
pub mod objection;
pub mod pac;
mod pages;
pub mod ratelimit;
pub mod recent;
pub mod respond;
mod resting;
mod restore;
mod rewind;
pub mod shapes;
mod state;
pub mod traffic;
pub mod upstream;
mod websocket;
mod websocket_judge;
mod websocket_message;

use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use drain::{Drain, Hold, Ticket};
pub use state::{Inspector, Runtime, Shared, StartError};

/// How long in-flight requests get to finish after a shutdown signal.
pub const DRAIN_TIMEOUT: Duration = Duration::from_secs(30);

/// Who sent a request.
#[derive(Clone, Debug)]
pub struct Peer {
    /// The client's address (IPv4-mapped IPv6 shown as IPv4).
    pub ip: IpAddr,
    /// The user named by the trusted `user_header`, if configured and present.
    pub user: Option<String>,
}

/// Binds every listen address of the current config.
pub async fn bind(shared: &Shared) -> Result<Vec<TcpListener>, StartError> {
    let addrs = shared.runtime.load().config.proxy.listen.clone();
    let mut listeners = Vec::with_capacity(addrs.len());
    for addr in addrs {
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| StartError::Listen { addr, source })?;
        if let Ok(bound) = listener.local_addr() {
            shared.own.add(bound);
        }
        listeners.push(listener);
    }
    Ok(listeners)
}

/// Serves clients on `listeners` until `shutdown` completes, then stops accepting and waits up
/// to [`DRAIN_TIMEOUT`] for in-flight requests (intercepted connections included).
pub async fn serve(
    shared: Arc<Shared>,
    listeners: Vec<TcpListener>,
    shutdown: impl Future<Output = ()>,
) {
    let (drainer, drain) = drain::channel();
    let limit = Arc::new(Semaphore::new(
        shared.runtime.load().config.proxy.max_connections,
    ));
    let mut accepting = tokio::task::JoinSet::new();
    for listener in listeners {
        let (shared, limit, drain) = (shared.clone(), limit.clone(), drain.clone());
        accepting.spawn(accept_loop(shared, listener, limit, drain));
    }
    drop(drain);
    let stop_counting = Arc::new(tokio::sync::Notify::new());
    let counting = tokio::spawn(traffic::run(shared.clone(), stop_counting.clone()));
    let restoring = tokio::spawn(restore::restore(shared.clone()));
    shutdown.await;
    accepting.abort_all();
    // Aborted accept loops drop their handles when the join set is cleared.
    while accepting.join_next().await.is_some() {}
    tracing::info!(
        connections = drainer.open(),
        "shutting down: no new connections, draining in-flight requests"
    );
    if tokio::time::timeout(DRAIN_TIMEOUT, drainer.drain())
        .await
        .is_err()
    {
        tracing::warn!("drain timed out after {DRAIN_TIMEOUT:?}; closing remaining connections");
    }
    // The requests counted since the last traffic record, written before the log closes.
    restoring.abort();
    stop_counting.notify_one();
    let _ = counting.await;
}

/// Accepts clients. At `max_connections`, the connection idle the longest is asked to close
/// to make room; when every connection is working, the new client gets a 503.
async fn accept_loop(
    shared: Arc<Shared>,
    listener: TcpListener,
    limit: Arc<Semaphore>,
    drain: Drain,
) {
    // Clients without a place are held (waiting for room, or answered 403 or 503) only as long
    // as this has room; beyond that a flood gets no answer at all.
    let overflow = Arc::new(Semaphore::new(64));
    loop {
        let (stream, addr) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of file descriptors and the like: back off instead of spinning.
                tracing::warn!(error = %e, "accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Some(admission) = admit(&shared, &limit, &overflow, addr) else {
            continue;
        };
        let (shared, drain, limit) = (shared.clone(), drain.clone(), limit.clone());
        tokio::spawn(async move {
            let (permit, slot) = match admission {
                Admission::Place(permit, slot) => (permit, slot),
                Admission::Refused(_held) => return refuse_client(&shared, stream, addr).await,
                Admission::OverLimit(_held, refusal) => {
                    return ratelimit::refuse_connection(shared, stream, addr, refusal).await;
                }
                Admission::Full(_held) => return too_many(&shared, stream, addr).await,
                Admission::MakingRoom(_held, slot) => {
                    match tokio::time::timeout(ROOM_WAIT, limit.acquire_owned()).await {
                        Ok(Ok(permit)) => (permit, slot),
                        _ => return too_many(&shared, stream, addr).await,
                    }
                }
            };
            let hold = Hold {
                drain,
                ticket: Arc::new(Ticket::new(permit, shared.clone()).holding(slot)),
            };
            serve_client(shared, stream, addr, hold).await;
        });
    }
}

/// What a newly accepted client gets. Those without a place hold an `overflow` permit; those
/// with one (or about to get one) hold a slot in their `connections_per_client`.
enum Admission {
    /// A place in `max_connections`.
    Place(OwnedSemaphorePermit, Option<ratelimit::ClientSlot>),
    /// Outside `allowed_clients`: answered 403.
    Refused(OwnedSemaphorePermit),
    /// The client has `connections_per_client` open already: answered 429.
    OverLimit(OwnedSemaphorePermit, ratelimit::Refusal),
    /// No place, and an idle connection has been asked to give up its own.
    MakingRoom(OwnedSemaphorePermit, Option<ratelimit::ClientSlot>),
    /// No place and every connection working: answered 503.
    Full(OwnedSemaphorePermit),
}

/// Decides about a new client; `None` when it is to be closed unanswered (a flood). Clients
/// outside `allowed_clients`, or with `connections_per_client` open already, are refused
/// before they can take a place or make an idle connection give up its place.
fn admit(
    shared: &Shared,
    limit: &Arc<Semaphore>,
    overflow: &Arc<Semaphore>,
    addr: SocketAddr,
) -> Option<Admission> {
    let allowed = is_allowed(shared, addr.ip());
    let slot = match allowed.then(|| shared.rate.open_connection(addr.ip())) {
        Some(Err(refusal)) => {
            let held = overflow.clone().try_acquire_owned().ok()?;
            return Some(Admission::OverLimit(held, refusal));
        }
        Some(Ok(slot)) => slot,
        None => None,
    };
    if allowed && let Ok(permit) = limit.clone().try_acquire_owned() {
        return Some(Admission::Place(permit, slot));
    }
    let held = overflow.clone().try_acquire_owned().ok()?;
    Some(if !allowed {
        Admission::Refused(held)
    } else if shared.connections.evict_idlest() {
        Admission::MakingRoom(held, slot)
    } else {
        Admission::Full(held)
    })
}

/// How long a new client waits for an evicted idle connection to give up its place.
const ROOM_WAIT: Duration = Duration::from_secs(2);

/// Every place is taken by a working connection: one request is read and answered 503.
async fn too_many(shared: &Shared, stream: TcpStream, addr: SocketAddr) {
    shared.metrics.refused.add(&["max_connections"], 1);
    tracing::warn!(client = %addr.ip().to_canonical(), "max_connections reached and no connection is idle: refused a client");
    answer_once(shared, stream, respond::too_many_connections).await;
}

/// Whether the client at `ip` is inside `allowed_clients`.
fn is_allowed(shared: &Shared, ip: IpAddr) -> bool {
    let ip = ip.to_canonical();
    let runtime = shared.runtime.load();
    runtime
        .config
        .proxy
        .allowed_clients
        .iter()
        .any(|net| net.contains(&ip))
}

async fn refuse_client(shared: &Shared, stream: TcpStream, addr: SocketAddr) {
    let ip = addr.ip().to_canonical();
    shared.metrics.refused.add(&["client"], 1);
    tracing::warn!(client = %ip, "refused a client outside allowed_clients");
    answer_once(shared, stream, respond::refused_client).await;
}

async fn serve_client(shared: Arc<Shared>, stream: TcpStream, addr: SocketAddr, hold: Hold) {
    let ip = addr.ip().to_canonical();
    let _ = stream.set_nodelay(true);
    let builder = http1_builder(&shared);
    let (first, idle) = idle_limits(&shared);
    let drain = hold.drain.clone();
    let activity = hold.ticket.activity.clone();
    let service = front::service(shared, ip, hold);
    let connection = builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
    if let Some(Err(e)) = drain.watch(connection, &activity, first, idle).await {
        tracing::debug!(client = %ip, error = %e, "client connection ended with an error");
    }
}

/// The idle limits before the first request and between requests.
fn idle_limits(shared: &Shared) -> (Duration, Duration) {
    let runtime = shared.runtime.load();
    let proxy = &runtime.config.proxy;
    (proxy.first_request_timeout, proxy.idle_timeout)
}

/// Reads one request (so that the client sees an answer, not a reset) and answers it with
/// `answer`, then closes.
async fn answer_once(
    shared: &Shared,
    stream: TcpStream,
    answer: fn() -> http::Response<respond::ClientBody>,
) {
    let mut builder = hyper::server::conn::http1::Builder::new();
    let timeout = shared.runtime.load().config.proxy.first_request_timeout;
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(timeout)
        .keep_alive(false);
    let service = hyper::service::service_fn(move |_request| async move {
        Ok::<_, std::convert::Infallible>(answer())
    });
    let serving = builder.serve_connection(TokioIo::new(stream), service);
    let _ = tokio::time::timeout(timeout, serving).await;
}

/// The server builder for the client side of the proxy: HTTP/1.1 only, with the header timeout.
fn http1_builder(shared: &Shared) -> auto::Builder<TokioExecutor> {
    let timeout = shared.runtime.load().config.proxy.header_timeout;
    let mut builder = auto::Builder::new(TokioExecutor::new()).http1_only();
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(timeout)
        .keep_alive(true);
    builder
}

/// Concurrent HTTP/2 streams per intercepted connection (hyper's default is 200; each stream
/// may hold a body for inspection, so one connection must not take the whole body budget).
pub const MAX_STREAMS: u32 = 32;

/// The server builder for intercepted HTTP/1.1 connections, which serves one request per
/// connection value (see [`resting`]).
fn intercept_h1_builder(shared: &Shared) -> hyper::server::conn::http1::Builder {
    let timeout = shared.runtime.load().config.proxy.header_timeout;
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(timeout);
    builder
}

/// The server builder for intercepted connections: HTTP/2 or HTTP/1.1 as ALPN chose.
fn intercept_builder(shared: &Shared, h2: bool) -> auto::Builder<TokioExecutor> {
    let timeout = shared.runtime.load().config.proxy.header_timeout;
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder = if h2 {
        builder.http2_only()
    } else {
        builder.http1_only()
    };
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(timeout);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Duration::from_secs(30))
        .max_concurrent_streams(MAX_STREAMS);
    builder
}
