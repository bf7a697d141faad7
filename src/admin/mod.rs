//! The admin listener (`[admin] listen`, off by default): health, readiness, Prometheus
//! metrics and the review page for security staff, on its own address.
//!
//! | path | auth | answer |
//! | --- | --- | --- |
//! | `/healthz` | none | `200 ok` while the process serves (for liveness probes, which often cannot send credentials; it tells nothing) |
//! | `/readyz` | yes | `200` when the CA is valid, the config validated and the audit log writable; `503` with the reason |
//! | `/metrics` | yes | Prometheus text format 0.0.4 |
//! | `/review`, `/review/<id>`, `/review.csv` | yes | see [`review`] |
//!
//! Every other path needs credentials too, so that nothing about the listener shows without
//! them: `Authorization: Bearer <token>` or Basic auth (see [`auth`]). Only GET and HEAD are
//! served; nothing here changes state, so there is nothing to forge a request for.

pub mod auth;
pub mod ready;
pub mod reply;
pub mod review;

use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use http::{Method, Request, Response, StatusCode};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

pub use auth::{Caller, Credentials, CredentialsError};
pub use reply::AdminBody;

use crate::proxy::Shared;

/// Time a client gets to send its request headers.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Admin connections at once (a browser opens a few; Prometheus one).
const MAX_CONNECTIONS: usize = 32;
/// Time open requests get to finish after shutdown.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(5);

/// Serves the admin endpoints on `listener` until `shutdown` completes, then gives open
/// requests five seconds to finish. Never fails: a failed accept is logged and retried.
pub async fn serve(
    shared: Arc<Shared>,
    credentials: Credentials,
    listener: TcpListener,
    shutdown: impl Future<Output = ()>,
) {
    let credentials = Arc::new(credentials);
    let graceful = GracefulShutdown::new();
    let limit = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            accepted = accept(&listener, &limit) => accepted,
        };
        let Some((permit, stream, peer)) = accepted else {
            continue;
        };
        spawn_connection(&shared, &credentials, &graceful, permit, stream, peer);
    }
    drop(listener);
    if tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("admin listener: open requests did not finish in {DRAIN_TIMEOUT:?}");
    }
}

/// Serves one connection (HTTP/1.1, header timeout) on its own task, watched for shutdown.
fn spawn_connection(
    shared: &Arc<Shared>,
    credentials: &Arc<Credentials>,
    graceful: &GracefulShutdown,
    permit: tokio::sync::OwnedSemaphorePermit,
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
) {
    let (shared, credentials) = (shared.clone(), credentials.clone());
    let service = service_fn(move |request| {
        let (shared, credentials) = (shared.clone(), credentials.clone());
        async move {
            let response = handle(&shared, &credentials, peer.ip(), request).await;
            Ok::<_, std::convert::Infallible>(response)
        }
    });
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .serve_connection(TokioIo::new(stream), service);
    let connection = graceful.watch(connection);
    tokio::spawn(async move {
        let _permit = permit;
        if let Err(e) = connection.await {
            tracing::debug!(client = %peer, error = %e, "admin connection ended with an error");
        }
    });
}

/// Waits for a connection slot, then for a connection; `None` after a failed accept.
async fn accept(
    listener: &TcpListener,
    limit: &Arc<Semaphore>,
) -> Option<(
    tokio::sync::OwnedSemaphorePermit,
    tokio::net::TcpStream,
    SocketAddr,
)> {
    let permit = limit.clone().acquire_owned().await.ok()?;
    match listener.accept().await {
        Ok((stream, peer)) => Some((permit, stream, peer)),
        Err(e) => {
            // Out of file descriptors and the like: back off instead of spinning.
            tracing::warn!(error = %e, "admin listener: accept failed");
            tokio::time::sleep(Duration::from_millis(50)).await;
            None
        }
    }
}

/// Answers one request: method, `/healthz`, credentials, then the route.
pub async fn handle<B>(
    shared: &Arc<Shared>,
    credentials: &Credentials,
    client: IpAddr,
    request: Request<B>,
) -> Response<AdminBody> {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return reply::method_not_allowed();
    }
    let path = request.uri().path();
    if path == "/healthz" {
        return reply::text(StatusCode::OK, "ok\n");
    }
    let Some(caller) = credentials.check(request.headers()) else {
        if request.headers().contains_key(http::header::AUTHORIZATION) {
            tracing::warn!(client = %client, path, "admin: wrong credentials");
        }
        return reply::unauthorized(credentials);
    };
    let query = request.uri().query();
    let response = route(shared, path, query).await;
    // Who looked at which incidents is itself worth keeping; metrics scrapes are not.
    if path.starts_with("/review") {
        tracing::info!(
            client = %client, user = %caller.0, path, query = query.unwrap_or(""),
            status = response.status().as_u16(), "admin: review page viewed"
        );
    }
    response
}

/// The endpoint for an authenticated request.
async fn route(shared: &Arc<Shared>, path: &str, query: Option<&str>) -> Response<AdminBody> {
    match path {
        "/" => reply::redirect("/review"),
        "/readyz" => readyz(shared).await,
        "/metrics" => reply::with_type(
            StatusCode::OK,
            "text/plain; version=0.0.4; charset=utf-8",
            reply::full(shared.metrics.render()),
        ),
        "/review" | "/review/" => review::list(shared, query).await,
        "/review.csv" => review::csv(shared, query).await,
        _ => match path.strip_prefix("/review/") {
            // Incident ids are plain ASCII (`S-7K2M9Q`): no percent-decoding needed.
            Some(id) => review::incident(shared, id.to_string()).await,
            None => reply::not_found(),
        },
    }
}

/// `/readyz`: the checks run on the blocking pool (they touch the file system).
async fn readyz(shared: &Arc<Shared>) -> Response<AdminBody> {
    if shared.audit.is_failing() {
        // Only a write shows whether the log works again (a full disk opens files fine).
        let _ = tokio::time::timeout(Duration::from_secs(5), shared.audit.probe()).await;
    }
    let state = shared.clone();
    match tokio::task::spawn_blocking(move || ready::checks(&state)).await {
        Ok(checks) => {
            let status = if ready::is_ready(&checks) {
                StatusCode::OK
            } else {
                StatusCode::SERVICE_UNAVAILABLE
            };
            reply::text(status, ready::body(&checks))
        }
        Err(e) => reply::text(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready\nchecks failed to run: {e}\n"),
        ),
    }
}
