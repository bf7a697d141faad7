//! The admin listener (`[admin] listen`, off by default): health, readiness, Prometheus
//! metrics and the review page for security staff, on its own address.
//!
//! | path | auth | answer |
//! | --- | --- | --- |
//! | `/healthz` | none | `200 ok` while the process serves (for liveness probes, which often cannot send credentials; it tells nothing) |
//! | `/readyz` | yes | `200` when the CA is valid, the config validated and the audit log writable; `503` with the reason |
//! | `/metrics` | yes | Prometheus text format 0.0.4 |
//! | `/review`, `/review/<id>`, `/review.csv` | yes | see [`review`] |
//! | `/review/rapport`, `/review/rapport.csv`, `/review/rapport.json` | yes | the monthly follow-up report ([`review::rapport`]) |
//!
//! Every other path needs credentials too, so that nothing about the listener shows without
//! them: `Authorization: Bearer <token>` or Basic auth with bcrypt-hashed passwords (see
//! [`auth`]). Failed logins are logged, answered late and, past a limit, refused for a while
//! per client address ([`guard`]). TLS is optional (`[admin] cert`/`key`, see [`tls`]). Only
//! GET and HEAD are served, except `POST /review/<id>/status` (security staff set an
//! incident's status), whose form carries a token bound to the logged-in user (see
//! [`review::status`]), so another site cannot forge it.

pub mod auth;
pub mod guard;
pub mod ready;
pub mod reply;
pub mod review;

use review::rapport::Format;
pub mod tls;

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

pub use auth::{Caller, Credentials, CredentialsError, Denied};
pub use guard::{FAILURE_DELAY, LoginGuard};
pub use reply::AdminBody;

use crate::proxy::Shared;

/// Time a client gets to send its request headers.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Admin connections at once (a browser opens a few; Prometheus one).
const MAX_CONNECTIONS: usize = 32;
/// Time open requests get to finish after shutdown.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(5);

/// How the admin listener receives callers: who may log in, how failed logins are counted,
/// and TLS (off when `None`).
pub struct Gate {
    /// Accepted credentials.
    pub credentials: Credentials,
    /// Failed logins per client address.
    pub guard: LoginGuard,
    /// TLS for the listener (`[admin] cert`/`key`).
    pub tls: Option<Arc<rustls::ServerConfig>>,
    /// The review pages' indexes of the audit logs, kept between requests.
    pub review: Arc<review::Indexes>,
    /// Recent views of the review pages (recorded in the audit chain, coalesced).
    pub views: review::views::Views,
}

impl Gate {
    /// Plain HTTP, the default lockout.
    pub fn new(credentials: Credentials) -> Gate {
        Gate {
            credentials,
            guard: LoginGuard::new(),
            tls: None,
            review: Arc::new(review::Indexes::new()),
            views: review::views::Views::new(),
        }
    }
}

/// Serves the admin endpoints over plain HTTP on `listener` until `shutdown` completes (see
/// [`serve_with`]).
pub async fn serve(
    shared: Arc<Shared>,
    credentials: Credentials,
    listener: TcpListener,
    shutdown: impl Future<Output = ()>,
) {
    serve_with(shared, Gate::new(credentials), listener, shutdown).await;
}

/// Serves the admin endpoints on `listener` (over TLS when `gate.tls` is set) until
/// `shutdown` completes, then gives open requests five seconds to finish. Never fails: a
/// failed accept or handshake is logged and the next connection taken.
pub async fn serve_with(
    shared: Arc<Shared>,
    gate: Gate,
    listener: TcpListener,
    shutdown: impl Future<Output = ()>,
) {
    let gate = Arc::new(gate);
    review::warm(&shared, &gate.review);
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
        spawn_connection(&shared, &gate, &graceful, permit, stream, peer);
    }
    drop(listener);
    if tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("admin listener: open requests did not finish in {DRAIN_TIMEOUT:?}");
    }
}

/// Serves one connection (TLS if set, HTTP/1.1, header timeout) on its own task, watched for
/// shutdown.
fn spawn_connection(
    shared: &Arc<Shared>,
    gate: &Arc<Gate>,
    graceful: &GracefulShutdown,
    permit: tokio::sync::OwnedSemaphorePermit,
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
) {
    let (shared, service_gate) = (shared.clone(), gate.clone());
    let service = service_fn(move |request| {
        let (shared, gate) = (shared.clone(), service_gate.clone());
        async move {
            let response = handle(&shared, &gate, peer.ip(), request).await;
            Ok::<_, std::convert::Infallible>(response)
        }
    });
    let tls = gate.tls.clone();
    let watcher = graceful.watcher();
    tokio::spawn(async move {
        let _permit = permit;
        let builder = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT)
            .clone();
        let result = match tls {
            None => {
                watcher
                    .watch(builder.serve_connection(TokioIo::new(stream), service))
                    .await
            }
            Some(config) => {
                let Some(stream) = handshake(config, stream, peer).await else {
                    return;
                };
                watcher
                    .watch(builder.serve_connection(TokioIo::new(stream), service))
                    .await
            }
        };
        if let Err(e) = result {
            tracing::debug!(client = %peer, error = %e, "admin connection ended with an error");
        }
    });
}

/// The TLS handshake of an admin connection, within the header timeout.
async fn handshake(
    config: Arc<rustls::ServerConfig>,
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
) -> Option<tokio_rustls::server::TlsStream<tokio::net::TcpStream>> {
    let acceptor = tokio_rustls::TlsAcceptor::from(config);
    match tokio::time::timeout(HEADER_TIMEOUT, acceptor.accept(stream)).await {
        Ok(Ok(stream)) => Some(stream),
        Ok(Err(e)) => {
            tracing::debug!(client = %peer, error = %e, "admin: TLS handshake failed");
            None
        }
        Err(_) => None,
    }
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

/// Answers one request: method, `/healthz`, lockout, credentials, then the route.
pub async fn handle<B>(
    shared: &Arc<Shared>,
    gate: &Arc<Gate>,
    client: IpAddr,
    request: Request<B>,
) -> Response<AdminBody>
where
    B: hyper::body::Body<Data = bytes::Bytes> + Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let path = request.uri().path().to_string();
    let status_of = status_target(&path);
    if *request.method() == Method::POST && status_of.is_some() {
        return post_status(shared, gate, client, request).await;
    }
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return reply::method_not_allowed();
    }
    if path == "/healthz" {
        return reply::text(StatusCode::OK, "ok\n");
    }
    let caller = match login(gate, client, &path, request.headers().clone()).await {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    let query = request.uri().query();
    let response = route(shared, gate, &path, query, &caller.0).await;
    // Who looked at which incidents is itself worth keeping (in the audit chain, see
    // `review::views`); metrics scrapes are not.
    if path.starts_with("/review") {
        tracing::info!(
            client = %client, user = %caller.0, path, query = query.unwrap_or(""),
            status = response.status().as_u16(), "admin: review page viewed"
        );
        if response.status().is_success() {
            let viewer = (caller.0.as_str(), client);
            return record_view(shared, gate, viewer, (&path, query), response).await;
        }
    }
    response
}

/// `response` once its view is in the audit chain; 500 (the page not shown) when the
/// record cannot be written.
async fn record_view(
    shared: &Arc<Shared>,
    gate: &Gate,
    viewer: (&str, IpAddr),
    (path, query): (&str, Option<&str>),
    response: Response<AdminBody>,
) -> Response<AdminBody> {
    match review::views::record(shared, &gate.views, viewer, path, query).await {
        Ok(()) => response,
        Err(e) => {
            tracing::error!(error = %e, path, "admin: view not written to the audit log, page not shown");
            reply::html(
                StatusCode::INTERNAL_SERVER_ERROR,
                crate::proxy::respond::simple_page(
                    "Visningen kunde inte loggas",
                    "Varje visning av granskningen skrivs i granskningsloggen, och det gick \
                     inte just nu, så sidan visas inte. Felet finns i sluss egen logg.",
                ),
            )
        }
    }
}

/// The incident of a status path (`/review/S-7K2M9Q/status`).
fn status_target(path: &str) -> Option<&str> {
    path.strip_prefix("/review/")?
        .strip_suffix("/status")
        .filter(|id| !id.is_empty() && !id.contains('/'))
}

/// `POST /review/<id>/status`: login, the form (at most [`review::status::MAX_FORM_BYTES`]),
/// then the status record.
async fn post_status<B>(
    shared: &Arc<Shared>,
    gate: &Arc<Gate>,
    client: IpAddr,
    request: Request<B>,
) -> Response<AdminBody>
where
    B: hyper::body::Body<Data = bytes::Bytes> + Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    use http_body_util::BodyExt;
    let path = request.uri().path().to_string();
    let caller = match login(gate, client, &path, request.headers().clone()).await {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    let limited = http_body_util::Limited::new(request.into_body(), review::status::MAX_FORM_BYTES);
    let Ok(body) = limited.collect().await.map(|b| b.to_bytes()) else {
        return reply::text(StatusCode::PAYLOAD_TOO_LARGE, "Formuläret är för stort.\n");
    };
    let id = status_target(&path).unwrap_or_default();
    let response = review::status::set(shared, &gate.review, (&caller.0, client), id, body).await;
    tracing::info!(
        client = %client, user = %caller.0, path, status = response.status().as_u16(),
        "admin: incident status posted"
    );
    response
}

/// Checks the caller's credentials (bcrypt on the blocking pool). A locked-out address gets
/// 429 without a look at its credentials; a failed login is logged, counted and answered
/// late with 401.
async fn login(
    gate: &Arc<Gate>,
    client: IpAddr,
    path: &str,
    headers: http::HeaderMap,
) -> Result<Caller, Response<AdminBody>> {
    if let Some(left) = gate.guard.refused(client) {
        tracing::warn!(client = %client, path, "admin: login refused, too many failed logins");
        return Err(reply::too_many_failures(left));
    }
    let checker = gate.clone();
    let verdict = tokio::task::spawn_blocking(move || checker.credentials.verify(&headers))
        .await
        .unwrap_or(Err(Denied::Malformed));
    let denied = match verdict {
        Ok(caller) => return Ok(caller),
        Err(Denied::Missing) => return Err(reply::unauthorized(&gate.credentials)),
        Err(denied) => denied,
    };
    let locked = gate.guard.failed(client);
    tracing::warn!(
        client = %client, path, user = denied.user().unwrap_or(""), reason = denied.reason(),
        locked, "admin: login failed"
    );
    tokio::time::sleep(FAILURE_DELAY).await;
    Err(reply::unauthorized(&gate.credentials))
}

/// The endpoint for an authenticated request.
async fn route(
    shared: &Arc<Shared>,
    gate: &Gate,
    path: &str,
    query: Option<&str>,
    user: &str,
) -> Response<AdminBody> {
    match path {
        "/" => reply::redirect("/review"),
        "/readyz" => readyz(shared).await,
        "/metrics" => reply::with_type(
            StatusCode::OK,
            "text/plain; version=0.0.4; charset=utf-8",
            reply::full(shared.metrics.render()),
        ),
        "/review" | "/review/" => review::list(shared, &gate.review, query, user).await,
        "/review.csv" => review::csv(shared, &gate.review, query).await,
        "/review/rapport" => review::rapport::serve(shared, query, Format::Html).await,
        "/review/rapport.csv" => review::rapport::serve(shared, query, Format::Csv).await,
        "/review/rapport.json" => review::rapport::serve(shared, query, Format::Json).await,
        _ => match path.strip_prefix("/review/") {
            // Incident ids are plain ASCII (`S-7K2M9Q`): no percent-decoding needed.
            Some(id) => review::incident(shared, &gate.review, id.to_string(), user).await,
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
